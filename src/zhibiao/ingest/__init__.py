"""The input edge: reading reports as they come (UTF-8, GBK/GB18030 or Big5 text, HTML, e-paper
exports, JSONL corpora) into :class:`~zhibiao.model.Document` objects.

Public entry points: :func:`iter_documents` (paths in, documents or per-input errors out),
:func:`walk_inputs` (paths in, the files to read out: the one folder walker),
:func:`document_from_bytes` (one .txt/.html file's bytes → a Document),
:func:`document_from_text` (decoded text → a Document with the metadata and body end its text
holds), :func:`decode_bytes`, :func:`html_to_text` and :func:`parse_epaper`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zhibiao.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
    from zhibiao.ingest.document import HTML_SUFFIXES, document_from_bytes, document_from_text
    from zhibiao.ingest.epaper import parse_epaper
    from zhibiao.ingest.htmltext import html_to_text
    from zhibiao.ingest.reader import iter_documents
    from zhibiao.ingest.walk import SUPPORTED_SUFFIXES, InputFile, walk_inputs

# Each public name and the module it lives in: modules load on first use, so that the extractor,
# which only needs document_from_text, does not pay for HTML parsing and encoding detection.
_HOMES = {
    "DEFAULT_MAX_BYTES": "decode",
    "decode_bytes": "decode",
    "HTML_SUFFIXES": "document",
    "document_from_bytes": "document",
    "document_from_text": "document",
    "parse_epaper": "epaper",
    "html_to_text": "htmltext",
    "iter_documents": "reader",
    "SUPPORTED_SUFFIXES": "walk",
    "InputFile": "walk",
    "walk_inputs": "walk",
}

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
assert sorted(__all__) == sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'zhibiao.ingest' has no attribute {name!r}")
    return getattr(import_module(f"zhibiao.ingest.{home}"), name)
