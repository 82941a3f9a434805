"""Shards: the unit of work of a batch run, planned from the inputs and read back by a worker.

A shard is a slice of at most ``shard_size`` documents: lines of a JSONL file (plain, ``.gz``,
``.zst``), rows of a Parquet file, or a run of ``.txt``/``.html`` files of a folder. Its id is
stable: it depends on the input's path, where the slice starts and the shard size (and for a run
of files, on their names), never on the time or the order of execution, so a re-run finds the
shards it already finished.

A :class:`ShardSpec` holds only strings and numbers: it pickles to a few hundred bytes and a Dask
worker on another host can read the shard itself (inputs must be on a filesystem every worker
sees). Planning reads each JSONL file once to count its lines (and, for a plain file, to note
the byte offset of every slice, so that a worker seeks straight to it); a Parquet file's row
count comes from its footer.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from zhibiao.errors import DocumentError, internal_error
from zhibiao.ingest import DEFAULT_MAX_BYTES, document_from_text, iter_documents, walk_inputs
from zhibiao.ingest.records import jsonl_record, meta_from_record, record_doc_id, record_text
from zhibiao.ingest.validate import clean_document, set_published
from zhibiao.model import Document

__all__ = ["INPUT_SUFFIXES", "JSONL_SUFFIXES", "PARQUET_SUFFIXES", "TEXT_SUFFIXES", "Columns", "ShardSpec",
           "plan_shards", "read_shard"]

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz", ".ndjson.zst")
PARQUET_SUFFIXES = (".parquet", ".pq")
TEXT_SUFFIXES = (".txt", ".html", ".htm")
# What a batch takes from a folder: more than zhibiao.ingest.iter_documents (zst, ndjson, Parquet).
INPUT_SUFFIXES = JSONL_SUFFIXES + PARQUET_SUFFIXES + TEXT_SUFFIXES
_CHUNK = 1 << 20
_UNSAFE = re.compile(r"[^0-9A-Za-z_.\u4e00-\u9fff-]+")
# Parquet rows are read in batches of this many: memory per worker stays small whatever the file.
_PARQUET_BATCH = 1024

ShardKind = Literal["jsonl", "parquet", "files"]


@dataclass(frozen=True, slots=True)
class Columns:
    """Names of the fields that hold a document's text, id, URL and date.

    Parquet inputs use them as column names. JSONL records use them too, falling back to the
    FACTS.md keys (``doc_id``, ``source``, ``published``) when a record lacks them.
    """

    text: str = "text"
    id: str = "id"
    url: str = "url"
    date: str = "date"


@dataclass(frozen=True, slots=True)
class ShardSpec:
    """One shard: what to read. Lines/rows ``[start, stop)`` (0-based) or a list of files."""

    shard_id: str
    kind: ShardKind
    path: str
    start: int = 0
    stop: int = 0
    # byte offset of line `start` in a plain JSONL file; -1 when the file is compressed and the
    # reader must skip lines instead
    offset: int = -1
    files: tuple[str, ...] = ()
    # what the shard reads, as planned: the sha1 of its lines' bytes (JSONL), of the file's size
    # and modification time (Parquet) or of each file's (a run of files). A finished shard whose
    # digest differs from the plan's was made from other input and is done again.
    digest: str = ""


# -- planning --------------------------------------------------------------------------------

def plan_shards(inputs: Iterable[str | Path], shard_size: int) -> Iterator[ShardSpec | DocumentError]:
    """Every shard of ``inputs`` in a stable order, or a :class:`DocumentError` for an input that
    cannot be planned (missing, unreadable, not Parquet). Lazy: one file is looked at at a time.

    Folders are walked by :func:`zhibiao.ingest.walk_inputs` (sorted, hidden entries skipped),
    taking :data:`INPUT_SUFFIXES`; loose text and HTML files, given one by one or found in a
    folder, are grouped ``shard_size`` at a time; a folder's files never share a shard with the
    next input's.
    """
    if shard_size < 1:
        raise ValueError("shard_size must be at least 1")
    pending: list[str] = []
    for raw in inputs:
        named_file = False
        for item in walk_inputs([raw], suffixes=INPUT_SUFFIXES):
            if isinstance(item, DocumentError):
                yield item
                continue
            named_file = not item.in_folder
            if _kind_of(item.path) != "files":
                yield from _plan_file(item.path, shard_size)
            elif named_file and not item.path.exists():
                yield DocumentError(item.where, "E_READ", "no such file or folder")
            else:
                pending.append(str(item.path))
            if len(pending) == shard_size:
                yield _files_shard(pending, shard_size)
                pending = []
        if pending and not named_file:  # the end of a folder: its last files make a shard
            yield _files_shard(pending, shard_size)
            pending = []
    if pending:
        yield _files_shard(pending, shard_size)


def _kind_of(path: Path) -> ShardKind:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return "files"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()[:10]


def _shard_id(path: Path, start: int, stop: int) -> str:
    stem = _UNSAFE.sub("_", path.name)[:60]
    return f"{stem}-{_digest(str(path.resolve()))}-{start:010d}-{stop:010d}"


def _stat_digest(paths: Iterable[str]) -> str:
    """sha1 of each file's path, size and modification time (a missing file counts as such)."""
    h = hashlib.sha1()
    for name in paths:
        try:
            info = os.stat(name)
            h.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
        except OSError:
            h.update(f"{name}\0missing\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _files_shard(files: list[str], shard_size: int) -> ShardSpec:
    first = Path(files[0])
    stem = _UNSAFE.sub("_", first.parent.name or "files")[:40]
    members = "\n".join(str(Path(f).resolve()) for f in files)
    shard_id = f"{stem}-files-{_digest(members)}-{len(files):06d}of{shard_size}"
    return ShardSpec(shard_id=shard_id, kind="files", path=str(first.parent), files=tuple(files),
                     digest=_stat_digest(files))


def _plan_file(path: Path, shard_size: int) -> Iterator[ShardSpec | DocumentError]:
    kind = _kind_of(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            # a FIFO or a device would block or never end
            yield DocumentError(str(path), "E_READ", "not a regular file")
            return
        if kind == "parquet":
            import pyarrow.parquet as pq

            rows = pq.ParquetFile(path).metadata.num_rows
            digest = _stat_digest([str(path)])
            for start in range(0, max(rows, 1), shard_size):
                yield ShardSpec(_shard_id(path, start, start + shard_size), "parquet", str(path), start,
                                start + shard_size, digest=digest)
            return
        yield from _plan_jsonl(path, shard_size)
    except FileNotFoundError:
        yield DocumentError(str(path), "E_READ", "no such file or folder")
    except OSError as exc:
        yield DocumentError(str(path), "E_READ", _reason(exc))
    except Exception as exc:  # pyarrow raises its own errors for a file that is not Parquet
        yield DocumentError(str(path), "E_READ", f"not a readable Parquet file ({_reason(exc)})")


def _plan_jsonl(path: Path, shard_size: int) -> Iterator[ShardSpec]:
    """A shard each ``shard_size`` lines of a JSONL file, with the digest of its lines. A plain
    file's shards carry the byte offset of their first line; a compressed file's cannot (no
    seeking), they skip lines."""
    compressed = not path.name.lower().endswith((".jsonl", ".ndjson"))
    for line, offset, digest in _slices(path, shard_size):
        yield ShardSpec(_shard_id(path, line, line + shard_size), "jsonl", str(path), line, line + shard_size,
                        -1 if compressed else offset, digest=digest)


def _slices(path: Path, shard_size: int) -> Iterator[tuple[int, int, str]]:
    """(first line, byte offset, sha1 of the bytes) of each slice of ``shard_size`` lines: line 0
    always, each later one when it has content.

    One pass over the (decompressed) bytes, counting newlines a megabyte at a time; a slice is
    given once all of it is read (its digest is of what its reader will read: lines appended to
    the last slice change it). A truncated or corrupt compressed file ends the plan where it
    breaks, with the slice it breaks in (marked damaged): its reader reports the damage.
    """
    line, to_next, offset = 0, shard_size, 0
    start_line, start_offset, filled = 0, 0, False
    h = hashlib.sha1()
    try:
        with _open_binary(path) as f:
            # read1: a broken stream still gives every byte before the damage, chunk by chunk
            while chunk := f.read1(_CHUNK):  # type: ignore[attr-defined]
                total, used, pos = chunk.count(b"\n"), 0, 0
                while total - used >= to_next:
                    end = pos
                    for _ in range(to_next):
                        end = chunk.index(b"\n", end) + 1
                    h.update(chunk[pos:end])
                    yield start_line, start_offset, h.hexdigest()
                    used += to_next
                    line += shard_size
                    to_next = shard_size
                    start_line, start_offset, filled, pos = line, offset + end, False, end
                    h = hashlib.sha1()
                h.update(chunk[pos:])
                filled = filled or pos < len(chunk)
                to_next -= total - used
                offset += len(chunk)
    except _stream_errors():
        h.update(b"\0damaged")
        filled = True
    if start_line == 0 or filled:
        yield start_line, start_offset, h.hexdigest()


def _open_binary(path: Path) -> IO[bytes]:
    """The decompressed bytes of a JSONL file, by its suffix (.gz, .zst or plain)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    if name.endswith(".zst"):
        import zstandard

        raw = path.open("rb")
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.BufferedReader(reader, buffer_size=_CHUNK)  # type: ignore[arg-type]
    return path.open("rb")


def _stream_errors() -> tuple[type[BaseException], ...]:
    """What reading a truncated or corrupt (compressed) file raises."""
    import zstandard

    return (EOFError, OSError, zstandard.ZstdError)


def _reason(exc: BaseException) -> str:
    """The system's message of an OSError, else the exception's own message on one line. Unlike
    :func:`zhibiao.ingest.walk.os_error_reason` (the type of an OSError without a system message),
    it takes any exception (pyarrow's, zstandard's) and keeps what a gzip or zstd error says."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())


# -- reading ---------------------------------------------------------------------------------

def read_shard(spec: ShardSpec, columns: Columns = Columns(), *,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | DocumentError]:
    """The documents of one shard in order, a :class:`DocumentError` in place of each bad one.

    Raises :class:`DocumentError` when the shard cannot be read at all (a missing file, a Parquet
    file without the text column). A broken compressed stream ends the shard with one E_READ
    error where it breaks. Documents come with the metadata given in the input completed from
    their text (e-paper trailer, page header, ``meta.body_end``) as :mod:`zhibiao.ingest` does it.
    """
    if spec.kind == "jsonl":
        return _read_jsonl(spec, columns, max_bytes)
    if spec.kind == "parquet":
        return _read_parquet(spec, columns)
    return iter_documents(list(spec.files), max_bytes=max_bytes)


def _read_jsonl(spec: ShardSpec, columns: Columns, max_bytes: int) -> Iterator[Document | DocumentError]:
    path = Path(spec.path)
    try:
        f = _open_binary(path)
        if spec.offset >= 0:
            f.seek(spec.offset)
    except FileNotFoundError as exc:
        raise DocumentError(spec.path, "E_READ", "no such file") from exc
    except OSError as exc:
        raise DocumentError(spec.path, "E_READ", _reason(exc)) from exc
    with f:
        lineno = 0
        try:
            if spec.offset < 0:
                for lineno in range(spec.start):  # noqa: B007 - the count is what matters
                    if not f.readline():
                        return
            lineno = spec.start
            while lineno < spec.stop:
                lineno += 1
                where = f"{spec.path}:{lineno}"
                line = f.readline(max_bytes + 1)
                if not line:
                    return
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    while (rest := f.readline(_CHUNK)) and not rest.endswith(b"\n"):
                        pass
                    yield DocumentError(where, "E_TOO_LARGE", f"line longer than {max_bytes} bytes")
                    continue
                if not line.strip():
                    continue
                try:
                    yield _json_document(line, path, where, lineno, columns, max_bytes)
                except DocumentError as exc:
                    yield exc
                except Exception as exc:  # a bug met on one line must not fail the shard
                    yield internal_error(where, exc)
        except _stream_errors() as exc:
            yield DocumentError(f"{spec.path}:{lineno}", "E_READ", _reason(exc))


def _json_document(line: bytes, path: Path, where: str, lineno: int, columns: Columns,
                   max_bytes: int) -> Document:
    record = jsonl_record(line, where, max_bytes=max_bytes)  # as zhibiao.ingest reads a line
    return _document(record, columns, where, f"{path.name}:{lineno}", from_json=True)


def _pick(record: dict[str, Any], key: str, fallback: str, from_json: bool) -> Any:
    value = record.get(key)
    if value is None and from_json:
        value = record.get(fallback)
    return value


def _document(record: dict[str, Any], columns: Columns, where: str, default_id: str, *,
              from_json: bool) -> Document:
    """One input record → a Document, with the checks of :mod:`zhibiao.ingest` (same codes)."""
    text = record_text(record, columns.text, where)
    doc_id = record_doc_id(_pick(record, columns.id, "doc_id", from_json), columns.id, where, default_id)
    source = _pick(record, columns.url, "source", from_json)
    if source is not None and not isinstance(source, str):
        raise DocumentError(where, "E_SCHEMA", f'"{columns.url}" is a {type(source).__name__}, not a string')
    meta = meta_from_record(record.get("meta")) if from_json else None
    doc = clean_document(document_from_text(text, doc_id=doc_id, source=source or None, meta=meta))
    # a date that is none (20230719, "abc", 2023-13-45) is left out with a warning, as ingest does
    set_published(doc, _pick(record, columns.date, "published", from_json))
    return doc


def _read_parquet(spec: ShardSpec, columns: Columns) -> Iterator[Document | DocumentError]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(spec.path)
    except FileNotFoundError as exc:
        raise DocumentError(spec.path, "E_READ", "no such file") from exc
    except Exception as exc:  # pyarrow's own error types for a file that is not Parquet
        raise DocumentError(spec.path, "E_READ", f"not a readable Parquet file ({_reason(exc)})") from exc
    names = pf.schema_arrow.names
    if columns.text not in names:
        shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
        raise DocumentError(spec.path, "E_SCHEMA",
                            f'no column "{columns.text}" (columns: {shown}); name it with --text-column')
    wanted = [c for c in dict.fromkeys((columns.text, columns.id, columns.url, columns.date)) if c in names]
    groups, first_row, row = [], -1, 0
    for i in range(pf.num_row_groups):
        n = pf.metadata.row_group(i).num_rows
        if row < spec.stop and row + n > spec.start:
            groups.append(i)
            first_row = row if first_row < 0 else first_row
        row += n
    return _parquet_rows(pf, groups, first_row, wanted, spec, columns)


def _parquet_rows(pf: Any, groups: list[int], first_row: int, wanted: list[str], spec: ShardSpec,
                  columns: Columns) -> Iterator[Document | DocumentError]:
    if not groups:
        return
    name = Path(spec.path).name
    row = first_row
    try:
        for batch in pf.iter_batches(batch_size=_PARQUET_BATCH, row_groups=groups, columns=wanted):
            values = {c: batch.column(c).to_pylist() for c in wanted}
            for i in range(batch.num_rows):
                row += 1  # 1-based, like a JSONL line number
                if row <= spec.start:
                    continue
                if row > spec.stop:
                    return
                record = {c: values[c][i] for c in wanted}
                where = f"{spec.path}:row {row}"
                try:
                    yield _document(record, columns, where, f"{name}:{row}", from_json=False)
                except DocumentError as exc:
                    yield exc
                except Exception as exc:  # a bug met on one row must not fail the shard
                    yield internal_error(where, exc)
    except Exception as exc:  # a corrupt page in the middle of the file
        yield DocumentError(f"{spec.path}:row {row}", "E_READ", _reason(exc))
