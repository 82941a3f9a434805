"""Inputs → :class:`~zhibiao.model.Document` objects, one bad input never stopping the rest.

Accepted inputs: JSONL corpora in the FACTS.md shape (``.jsonl``, ``.jsonl.gz``), plain text
(``.txt``) and HTML (``.html``, ``.htm``) files, and folders of those (recursed in sorted
order). Every failure is yielded as a :class:`DocumentError` in the place where the document
would have been, so a batch's output and error list are deterministic.
"""

from __future__ import annotations

import gzip
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from zhibiao.errors import DocumentError, internal_error, warning_line
from zhibiao.ingest.decode import DEFAULT_MAX_BYTES
from zhibiao.ingest.document import document_from_bytes, document_from_text
from zhibiao.ingest.records import jsonl_record, meta_from_record, record_doc_id, record_text
from zhibiao.ingest.validate import clean_document, clean_strings, set_published
from zhibiao.ingest.walk import SUPPORTED_SUFFIXES, os_error_reason, walk_inputs
from zhibiao.model import Document

__all__ = ["SUPPORTED_SUFFIXES", "iter_documents"]

_CORE_KEYS = ("doc_id", "published", "source", "text")
_CHUNK = 1 << 20


def iter_documents(paths: Iterable[str | Path], *,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | DocumentError]:
    """Yield every document of ``paths`` in order, or a :class:`DocumentError` in its place.

    A folder is recursed in sorted order, taking the supported suffixes only and skipping
    hidden entries (:func:`~zhibiao.ingest.walk.walk_inputs`); a file named explicitly is read
    by its suffix (unknown suffixes as plain text). ``max_bytes`` limits one document: a text or
    HTML file, or one JSONL line (a corpus as a whole may be larger). Never raises for a bad input.
    """
    for item in walk_inputs(paths, suffixes=SUPPORTED_SUFFIXES):
        if isinstance(item, DocumentError):
            yield item
        else:
            yield from _read_path(item.path, item.where, max_bytes)


def _read_path(path: Path, where: str, max_bytes: int) -> Iterator[Document | DocumentError]:
    if path.name.lower().endswith((".jsonl", ".jsonl.gz")):
        yield from _read_jsonl(path, where, max_bytes)
        return
    yield _guarded(where, _file_document, path, where, max_bytes)


def _file_document(path: Path, where: str, max_bytes: int) -> Document:
    data = _read_bytes(path, where, max_bytes)
    # doc_id: the stem of where (a path from the file system may hold surrogate escapes: cleaned)
    return clean_document(document_from_bytes(data, where, max_bytes=max_bytes))


def _guarded(where: str, read: Callable[..., Document], *args: Any) -> Document | DocumentError:
    """``read(*args)``, or the error in its place: a :class:`DocumentError` as raised, any other
    exception (a bug met on one input) as ``E_INTERNAL`` naming ``where``, so that no input ends
    the run."""
    try:
        return read(*args)
    except DocumentError as exc:
        return exc
    except Exception as exc:
        return internal_error(where, exc)


def _read_bytes(path: Path, where: str, max_bytes: int) -> bytes:
    """The file's bytes; the size is checked before reading so a huge file is never loaded."""
    size = _regular_file_size(path, where)
    if size > max_bytes:
        raise DocumentError(where, "E_TOO_LARGE", f"{size} bytes > {max_bytes}")
    try:
        with path.open("rb") as f:
            # Read one byte past the limit: a file that grew, or a device, is still caught.
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentError(where, "E_READ", os_error_reason(exc)) from exc
    if len(data) > max_bytes:
        raise DocumentError(where, "E_TOO_LARGE", f"more than {max_bytes} bytes")
    return data


def _regular_file_size(path: Path, where: str) -> int:
    try:
        info = path.stat()
    except OSError as exc:
        raise DocumentError(where, "E_READ", os_error_reason(exc)) from exc
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or a device would block or never end; folders are walked, not read.
        raise DocumentError(where, "E_READ", "not a regular file")
    return info.st_size


def _open_jsonl(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def _read_jsonl(path: Path, where: str, max_bytes: int) -> Iterator[Document | DocumentError]:
    try:
        _regular_file_size(path, where)
        f = _open_jsonl(path)
    except DocumentError as exc:
        yield exc
        return
    except OSError as exc:
        yield DocumentError(where, "E_READ", os_error_reason(exc))
        return
    with f:
        lineno = 0
        while True:
            lineno += 1
            line_where = f"{where}:{lineno}"
            try:
                line = f.readline(max_bytes + 1)
                if not line:
                    return
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    _skip_rest_of_line(f)
                    yield DocumentError(line_where, "E_TOO_LARGE", f"line longer than {max_bytes} bytes")
                    continue
            except (OSError, EOFError) as exc:  # a truncated or corrupt .gz, a disk error
                yield DocumentError(line_where, "E_READ", str(exc) or type(exc).__name__)
                return
            if not line.strip():
                continue  # blank lines (a trailing newline, hand-edited files) carry no record
            yield _guarded(line_where, _record_to_document, line, path, line_where, lineno, max_bytes)


def _skip_rest_of_line(f: IO[bytes]) -> None:
    while True:
        chunk = f.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _record_to_document(line: bytes, path: Path, where: str, lineno: int, max_bytes: int) -> Document:
    record = jsonl_record(line, where, max_bytes=max_bytes)
    text = record_text(record, "text", where)
    doc_id = record_doc_id(record.get("doc_id"), "doc_id", where, f"{path.name}:{lineno}")
    source = _optional_str(record, "source", where)
    doc = clean_document(document_from_text(text, doc_id=doc_id, source=source,
                                            meta=meta_from_record(record.get("meta"))))
    set_published(doc, record.get("published"))
    doc.extra, replaced = clean_strings({k: v for k, v in record.items() if k not in _CORE_KEYS})
    if replaced:
        doc.warnings.append(warning_line(doc.doc_id, "W_TEXT", f"{replaced} in the other fields of the record"))
    return doc


def _optional_str(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise DocumentError(where, "E_SCHEMA", f'"{key}" is a {type(value).__name__}, not a string')
