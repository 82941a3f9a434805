"""zhibiao (指标): facts from Chinese regional-economy reports, each with its evidence."""

from __future__ import annotations

import logging
from typing import Any

# ``zhibiao.extract`` is the extraction stage (a subpackage) and, being a callable module,
# also the public function: ``zhibiao.extract(text, published)``.
from zhibiao import extract
from zhibiao.extract import extract_document
from zhibiao.model import (
    EXTRACTOR_VERSION,
    Change,
    DocMeta,
    Document,
    Fact,
    Indicator,
    Person,
    Projects,
    Ranking,
)

__version__ = "0.1.0"

__all__ = [
    "EXTRACTOR_VERSION",
    "Change",
    "DocMeta",
    "Document",
    "Fact",
    "Indicator",
    "Person",
    "Projects",
    "Ranking",
    "Store",
    "__version__",
    "extract",
    "extract_document",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    # The fact store (SQLAlchemy, Alembic) is loaded on first use of zhibiao.Store only:
    # extraction alone never imports a database library.
    if name == "Store":
        from zhibiao.store.api import Store

        return Store
    raise AttributeError(f"module 'zhibiao' has no attribute {name!r}")
