"""The input edge: reading reports as they come (UTF-8, GBK/GB18030 or Big5 text, HTML, e-paper
exports, JSONL corpora) into :class:`~zhibiao.model.Document` objects.

Public entry points: :func:`iter_documents` (paths in, documents or per-input errors out),
:func:`decode_bytes`, :func:`html_to_text` and :func:`parse_epaper`.
"""

from __future__ import annotations

from zhibiao.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from zhibiao.ingest.epaper import parse_epaper
from zhibiao.ingest.htmltext import html_to_text
from zhibiao.ingest.reader import SUPPORTED_SUFFIXES, iter_documents

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "decode_bytes",
    "html_to_text",
    "iter_documents",
    "parse_epaper",
]
