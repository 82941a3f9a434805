"""The input edge: reading reports as they come (UTF-8, GBK/GB18030 or Big5 text, HTML, e-paper
exports, JSONL corpora) into :class:`~zhibiao.model.Document` objects.

Public entry points: :func:`iter_documents` (paths in, documents or per-input errors out),
:func:`walk_inputs` (paths in, the files to read out: the one folder walker),
:func:`document_from_bytes` (one .txt/.html file's bytes → a Document),
:func:`document_from_text` (decoded text → a Document with the metadata and body end its text
holds), :func:`decode_bytes`, :func:`html_to_text` and :func:`parse_epaper`.
"""

from __future__ import annotations

from zhibiao.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from zhibiao.ingest.document import HTML_SUFFIXES, document_from_bytes, document_from_text
from zhibiao.ingest.epaper import parse_epaper
from zhibiao.ingest.htmltext import html_to_text
from zhibiao.ingest.reader import iter_documents
from zhibiao.ingest.walk import SUPPORTED_SUFFIXES, InputFile, walk_inputs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "HTML_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "InputFile",
    "decode_bytes",
    "document_from_bytes",
    "document_from_text",
    "html_to_text",
    "iter_documents",
    "parse_epaper",
    "walk_inputs",
]
