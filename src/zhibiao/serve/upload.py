"""Uploaded bytes → documents, read the way ``zhibiao ingest`` reads files.

The file name a browser sends is used for nothing but the document's name (``doc_id`` and the
``upload:`` source label), after it is cut to its last component and cleaned; it never reaches
the file system. Text and HTML are decoded in memory; a JSONL corpus is written to a private
temporary directory under a generated name and read there by the same reader as the CLI's.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from zhibiao.errors import DocumentError
from zhibiao.ingest import document_from_bytes, iter_documents
from zhibiao.ingest.validate import clean_document
from zhibiao.model import Document
from zhibiao.serve.errors import ApiError

__all__ = ["ACCEPTED_SUFFIXES", "MAX_UPLOAD_BYTES", "documents_from_upload", "safe_name"]

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ACCEPTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]+")


def safe_name(filename: str | None) -> str:
    """The last component of a client's file name, without control or reserved characters,
    at most 100 characters.

    >>> safe_name("../../etc/passwd"), safe_name("C:\\\\reports\\\\淮安.txt"), safe_name(None)
    ('passwd', '淮安.txt', 'upload')
    """
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("", name).strip(" .")
    return name[-100:] or "upload"


def documents_from_upload(filename: str | None, data: bytes) -> list[Document | DocumentError]:
    """The documents of one uploaded file (.txt, .html/.htm, .jsonl), or the errors in their place.

    Raises :class:`ApiError` 415 for another type, 413 above :data:`MAX_UPLOAD_BYTES`.
    """
    name = safe_name(filename)
    lower = name.lower()
    if not lower.endswith(ACCEPTED_SUFFIXES):
        raise ApiError(415, "unsupported_type",
                       f"{name}: only {', '.join(ACCEPTED_SUFFIXES)} files can be uploaded")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ApiError(413, "too_large", f"{name}: {len(data)} bytes, more than the limit of {MAX_UPLOAD_BYTES}")
    if lower.endswith(".jsonl"):
        return _jsonl(name, data)
    try:
        # doc_id defaults to the name's stem: never empty, as safe_name never leaves a bare ".txt"
        doc = document_from_bytes(data, name, source=f"upload:{name}", max_bytes=MAX_UPLOAD_BYTES)
    except DocumentError as exc:
        return [exc]
    return [clean_document(doc)]


def _jsonl(name: str, data: bytes) -> list[Document | DocumentError]:
    with tempfile.TemporaryDirectory(prefix="zhibiao-upload.") as folder:
        path = Path(folder) / "upload.jsonl"   # a name of ours, never the client's
        path.write_bytes(data)
        items = list(iter_documents([path], max_bytes=MAX_UPLOAD_BYTES))
    out: list[Document | DocumentError] = []
    for item in items:
        if isinstance(item, DocumentError):
            # Name the upload, not the temporary file, in the message.
            where = item.where.replace(str(path), name)
            out.append(DocumentError(where, item.code, item.detail))
            continue
        if item.doc_id.startswith("upload.jsonl:"):   # a record without doc_id: file name and line
            item.doc_id = name + item.doc_id[len("upload.jsonl"):]
        if not item.source:
            item.source = f"upload:{name}"
        out.append(item)
    return out

