"""zhibiao (指标): facts from Chinese regional-economy reports, each with its evidence."""

from __future__ import annotations

import logging

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
    "__version__",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
