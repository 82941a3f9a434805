"""Inputs → :class:`~zhibiao.model.Document` objects, one bad input never stopping the rest.

Accepted inputs: JSONL corpora in the FACTS.md shape (``.jsonl``, ``.jsonl.gz``), plain text
(``.txt``) and HTML (``.html``, ``.htm``) files, and folders of those (recursed in sorted
order). Every failure is yielded as a :class:`DocumentError` in the place where the document
would have been, so a batch's output and error list are deterministic.
"""

from __future__ import annotations

import gzip
import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from zhibiao.errors import DocumentError
from zhibiao.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from zhibiao.ingest.epaper import parse_epaper
from zhibiao.ingest.htmltext import declared_charset, html_to_text
from zhibiao.ingest.metadata import fill_meta
from zhibiao.model import DocMeta, Document

__all__ = ["SUPPORTED_SUFFIXES", "iter_documents"]

SUPPORTED_SUFFIXES = (".jsonl", ".jsonl.gz", ".txt", ".html", ".htm")
_CORE_KEYS = ("doc_id", "published", "source", "text")
_CHUNK = 1 << 20


def iter_documents(paths: Iterable[str | Path], *,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | DocumentError]:
    """Yield every document of ``paths`` in order, or a :class:`DocumentError` in its place.

    A folder is recursed in sorted order, taking the supported suffixes only and skipping
    hidden entries; a file named explicitly is read by its suffix (unknown suffixes as plain
    text). ``max_bytes`` limits one document: a text or HTML file, or one JSONL line (a corpus
    as a whole may be larger). Never raises for a bad input.
    """
    for path in paths:
        p = Path(path)
        try:
            is_dir = p.is_dir()
        except OSError as exc:  # e.g. a folder on the way that may not be searched
            yield DocumentError(str(path), "E_READ", exc.strerror or type(exc).__name__)
            continue
        if is_dir:
            for item in _walk(p):
                if isinstance(item, DocumentError):
                    yield item
                else:
                    yield from _read_path(item, max_bytes)
        else:
            yield from _read_path(p, max_bytes, where=str(path))


def _walk(root: Path) -> Iterator[Path | DocumentError]:
    """Supported files under ``root``, sorted, without following symlinked folders (no loops);
    a folder that cannot be listed becomes an E_READ error in its place."""
    failed: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=failed.append):
        while failed:
            exc = failed.pop(0)
            yield DocumentError(str(exc.filename or dirpath), "E_READ", exc.strerror or type(exc).__name__)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith(SUPPORTED_SUFFIXES):
                yield Path(dirpath) / name
    for exc in failed:
        yield DocumentError(str(exc.filename or root), "E_READ", exc.strerror or type(exc).__name__)


def _read_path(path: Path, max_bytes: int, where: str | None = None) -> Iterator[Document | DocumentError]:
    where = where or str(path)
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz")):
        yield from _read_jsonl(path, where, max_bytes)
        return
    try:
        yield _read_file(path, where, max_bytes, is_html=name.endswith((".html", ".htm")))
    except DocumentError as exc:
        yield exc


def _read_file(path: Path, where: str, max_bytes: int, *, is_html: bool) -> Document:
    data = _read_bytes(path, where, max_bytes)
    if is_html:
        raw = decode_bytes(data, where, max_bytes=max_bytes, declared=declared_charset(data))
        text, meta = html_to_text(raw)
        if not text.strip():
            raise DocumentError(where, "E_EMPTY", "no visible text in the HTML")
        # Text scraped into HTML from an e-paper keeps its "第A06版" header.
        meta = fill_meta(meta, parse_epaper(text)[1])
    else:
        text = decode_bytes(data, where, max_bytes=max_bytes)
        meta = parse_epaper(text)[1]
    return Document(doc_id=path.stem, text=text, published=meta.date, source=where, meta=meta)


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
        raise DocumentError(where, "E_READ", exc.strerror or type(exc).__name__) from exc
    if len(data) > max_bytes:
        raise DocumentError(where, "E_TOO_LARGE", f"more than {max_bytes} bytes")
    return data


def _regular_file_size(path: Path, where: str) -> int:
    try:
        info = path.stat()
    except OSError as exc:
        raise DocumentError(where, "E_READ", exc.strerror or type(exc).__name__) from exc
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
        yield DocumentError(where, "E_READ", exc.strerror or type(exc).__name__)
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
            try:
                yield _record_to_document(line, path, line_where, lineno, max_bytes)
            except DocumentError as exc:
                yield exc


def _skip_rest_of_line(f: IO[bytes]) -> None:
    while True:
        chunk = f.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _record_to_document(line: bytes, path: Path, where: str, lineno: int, max_bytes: int) -> Document:
    # JSON Lines are UTF-8; decode_bytes also accepts a BOM and, failing UTF-8, a GB/Big5 line.
    raw = decode_bytes(line.rstrip(b"\r\n"), where, max_bytes=max_bytes)
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DocumentError(where, "E_JSON", f"{exc.msg} at column {exc.colno}") from exc
    if not isinstance(record, dict):
        raise DocumentError(where, "E_SCHEMA", f"a JSON {type(record).__name__}, not an object")
    text = record.get("text")
    if text is None:
        raise DocumentError(where, "E_SCHEMA", 'no "text"')
    if not isinstance(text, str):
        raise DocumentError(where, "E_SCHEMA", f'"text" is a {type(text).__name__}, not a string')
    if not text.strip():
        raise DocumentError(where, "E_EMPTY", 'empty "text"')
    doc_id = record.get("doc_id")
    if doc_id is None or doc_id == "":
        doc_id = f"{path.name}:{lineno}"  # stable: the same file and line give the same id
    elif isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        raise DocumentError(where, "E_SCHEMA", f'"doc_id" is a {type(doc_id).__name__}')
    published = _optional_str(record, "published", where)
    source = _optional_str(record, "source", where)
    meta = _meta_from_record(record.get("meta"))
    meta = fill_meta(meta, parse_epaper(text)[1])
    extra: dict[str, Any] = {k: v for k, v in record.items() if k not in _CORE_KEYS}
    return Document(doc_id=str(doc_id), text=text, published=published, source=source, meta=meta,
                    extra=extra)


def _optional_str(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise DocumentError(where, "E_SCHEMA", f'"{key}" is a {type(value).__name__}, not a string')


def _meta_from_record(meta: Any) -> DocMeta:
    """The known DocMeta fields of an input record's ``meta`` (other keys stay in ``extra``)."""
    if not isinstance(meta, dict):
        return DocMeta()
    fields = ("title", "date", "source_name", "page", "url")
    return DocMeta(**{k: v for k in fields if isinstance(v := meta.get(k), str) and v})
