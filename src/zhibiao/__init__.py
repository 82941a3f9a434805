"""zhibiao (指标): facts from Chinese regional-economy reports, each with its evidence."""

from __future__ import annotations

import logging

# ``zhibiao.extract`` is both the pipeline stage (a subpackage) and the public function: binding the
# function here, after the subpackage is imported, makes ``zhibiao.extract(text)`` the call users see.
from zhibiao.extract import extract, extract_document
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
    "extract",
    "extract_document",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
