"""The sourced fact database: documents, facts and their provenance (SQLAlchemy 2 + Alembic).

Public entry points: :class:`Store` (the Python API) and :mod:`zhibiao.store.queries` (the
question layer shared by the CLI and the web dashboard). Nothing here is imported until used,
so ``zhibiao extract`` never loads SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zhibiao.store.api import Store
    from zhibiao.store.ingest import IngestStats

__all__ = ["IngestStats", "Store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from zhibiao.store.api import Store

        return Store
    if name == "IngestStats":
        from zhibiao.store.ingest import IngestStats

        return IngestStats
    raise AttributeError(f"module 'zhibiao.store' has no attribute {name!r}")
