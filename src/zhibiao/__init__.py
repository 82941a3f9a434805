"""zhibiao (指标): facts from Chinese regional-economy reports, each with its evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    import logging

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
    "logger",
]

_handled: list[bool] = []  # (whether the package's logger has its handler yet)


def logger(name: str) -> logging.Logger:
    """The logger ``name`` of the package (``zhibiao.serve``): the package's logger gets its NullHandler (no
    "No handlers" output when the application configures no logging) when one is first asked for, not at
    import: importing logging is 21 M instructions (its format regexes), 3 % of a process extracting 10
    reports, which logs nothing."""
    import logging

    if not _handled:
        logging.getLogger(__name__).addHandler(logging.NullHandler())
        _handled.append(True)
    return logging.getLogger(name)


def __getattr__(name: str) -> Any:
    # The fact store (SQLAlchemy, Alembic) is loaded on first use of zhibiao.Store only:
    # extraction alone never imports a database library.
    if name == "Store":
        from zhibiao.store.api import Store

        return Store
    raise AttributeError(f"module 'zhibiao' has no attribute {name!r}")
