"""The per-shard function: read one shard, prefilter, extract, write its facts as Parquet.

:func:`process_shard` is what every engine runs, in a local process pool or on a Dask worker: a
top-level function of picklable arguments (a :class:`~zhibiao.batch.shards.ShardSpec` and a
:class:`ShardOptions`). It never raises for bad data: a bad line or document is counted and
written to the shard's error file, a shard that cannot be read at all comes back ``failed``.

Output of shard ``ID`` under the output folder::

    facts/ID.parquet    one row a fact (FACT_SCHEMA), written beside and renamed when complete
    documents/ID.parquet  one row an extracted document (DOCUMENT_COLUMNS): its text and metadata,
                        what ``zhibiao ingest --facts`` stores beside its facts (same order)
    errors/ID.jsonl     one line a failed document or line (only when there are some)
    done/ID.json        the shard's counts; written last, atomically: the shard is finished
    failed/ID.json      why the shard could not be read (it is retried by the next run)
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from zhibiao.batch.shards import Columns, ShardSpec, read_shard
from zhibiao.errors import DocumentError
from zhibiao.factcheck import sound_facts
from zhibiao.ingest import DEFAULT_MAX_BYTES
from zhibiao.ingest.metadata import fill_meta
from zhibiao.model import EXTRACTOR_VERSION, DocMeta, Document, Fact
from zhibiao.pool import DEFAULT_SECONDS_PER_100KB

__all__ = ["DOCUMENT_COLUMNS", "FACT_COLUMNS", "ShardOptions", "ShardResult", "die_with_parent", "document_row",
           "document_schema", "fact_rows", "fact_schema", "finished_result", "init_worker", "process_shard"]

# Every fact type in one flat schema, nulls where a type has no such field (docs/FACTS.md).
# (name, arrow type); `name` is an indicator's name or a person's, `indicator` a ranking's.
FACT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_id", "string"), ("fact_index", "int32"), ("type", "string"), ("subject", "string"),
    ("name", "string"), ("indicator", "string"), ("period", "string"), ("value", "float64"),
    ("unit", "string"), ("change_basis", "string"), ("change_pct", "float64"), ("change_pp", "float64"),
    ("change_abs", "float64"), ("qualifier", "string"), ("parent", "string"), ("stage", "string"),
    ("category", "string"), ("min_investment", "float64"), ("count", "float64"), ("investment", "float64"),
    ("currency", "string"), ("scope", "string"), ("rank", "int64"), ("top", "bool"), ("bottom", "bool"),
    ("titles", "list<string>"),
    ("quote", "string"), ("start", "int64"), ("end", "int64"), ("rule", "string"),
    ("published", "string"), ("source", "string"),
)
# One row per extracted document, in the order of their facts in facts/ID.parquet: the text and the
# metadata a store keeps (the extracted metadata completing the input's, as zhibiao ingest does).
DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_id", "string"), ("text", "string"), ("source", "string"), ("published", "string"), ("title", "string"),
    ("source_name", "string"), ("page", "string"), ("url", "string"), ("zone", "string"), ("n_facts", "int32"),
    ("extractor_version", "string"),
)
_FACT_KEYS = ("type", "subject", "name", "indicator", "period", "value", "unit", "qualifier", "parent", "stage",
              "category", "min_investment", "count", "investment", "scope", "rank", "quote", "start", "end",
              "rule")
_FLOATS = frozenset(name for name, kind in FACT_COLUMNS if kind == "float64")
# facts buffered before a Parquet row group is written: bounds a worker's memory per shard
_ROW_GROUP = 20_000
# at most this many error messages per shard are kept in its marker (all are in errors/ID.jsonl)
_ERROR_EXAMPLES = 5
# seconds between two progress reports of a worker
_REPORT_EVERY = 0.5

_progress_queue: Any = None


@dataclass(frozen=True, slots=True)
class ShardOptions:
    """What a worker needs besides the shard: all strings, numbers and flags (picklable)."""

    out_dir: str
    columns: Columns = field(default_factory=Columns)
    prefilter: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    # seconds a document may take per 100 KB (at least 5 s), past which it is E_TIMEOUT; None: no limit
    seconds_per_100kb: float | None = DEFAULT_SECONDS_PER_100KB


@dataclass(slots=True)
class ShardResult:
    """The counts of one shard, as stored in its ``done/ID.json`` marker."""

    shard_id: str
    status: str = "done"  # done | failed
    documents: int = 0  # records read as documents (skipped, extracted or failed in extraction)
    skipped: int = 0  # discarded by the prefilter
    extracted: int = 0
    failed: int = 0  # lines or documents that could not be read or extracted
    failed_by_code: dict[str, int] = field(default_factory=dict)
    facts_by_type: dict[str, int] = field(default_factory=dict)
    bytes: int = 0  # UTF-8 bytes of the documents' text
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # the first few messages
    error: str | None = None  # why a failed shard could not be read
    digest: str = ""  # the digest of the input it was made from (ShardSpec.digest)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ShardResult:
        """The inverse of :meth:`to_dict` (unknown keys ignored, so old markers still load)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def set_progress_queue(queue: Any) -> None:
    """Process-pool initializer: where :func:`process_shard` sends ``(shard_id, documents, bytes)``
    every half second, so the driver can show documents/s before a shard is finished."""
    global _progress_queue
    _progress_queue = queue


def init_worker(queue: Any, driver_pid: int) -> None:
    """Process-pool initializer of the local engine: the progress queue, death with the driver
    (:func:`die_with_parent`) and the watchdog (:func:`start_watchdog`)."""
    die_with_parent(driver_pid)
    set_progress_queue(queue)
    start_watchdog()


# The watchdog of a worker process: a document still running this long past its time budget
# did not stop at the budget (its deadline only interrupts Python code and the regex engine):
# the watchdog notes it in OUT/stuck/ID.jsonl and ends the process; the driver replaces the
# process and runs the shard again, which gives that document E_TIMEOUT without extracting it.
WATCHDOG_GRACE = 10.0
_watchdog_on = False
# what the worker extracts now: (stuck file, index in the shard, doc_id, shard digest, give up at)
_watched: tuple[Path, int, str, str, float] | None = None


def start_watchdog() -> None:
    """Watch this process's documents from a daemon thread (see :data:`WATCHDOG_GRACE`)."""
    global _watchdog_on
    if not _watchdog_on:
        _watchdog_on = True
        threading.Thread(target=_watch, name="zhibiao-watchdog", daemon=True).start()


def _watch() -> None:
    while True:
        time.sleep(0.25)
        current = _watched
        if current is not None and time.monotonic() > current[4]:
            path, index, doc_id, digest, _ = current
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as f:
                f.write(json.dumps({"index": index, "doc_id": doc_id, "digest": digest}, ensure_ascii=False) + "\n")
                f.flush()
                os.fsync(f.fileno())
            os._exit(70)


def _stuck_indexes(path: Path, digest: str) -> set[int]:
    """The documents of a shard (by index) that a watchdog gave up on, for this input only."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    out = set()
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a line cut by the process's end
        if record.get("digest") == digest:
            out.add(int(record["index"]))
    return out


def die_with_parent(parent_pid: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux ``PR_SET_PDEATHSIG``): a
    driver killed with kill -9 leaves no worker running on (nor, once they are gone, the
    resource tracker they hold open). Exits at once if the parent is already gone. Elsewhere,
    does nothing."""
    import ctypes
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent_pid:
        os._exit(1)


def process_shard(spec: ShardSpec, options: ShardOptions) -> ShardResult:
    """Read, prefilter and extract one shard; write its facts, errors and done marker.

    Idempotent: a shard whose done marker exists for the same input (the same digest) is not
    redone (its stored result is returned), and a shard interrupted half-way leaves only
    temporary files that the next attempt replaces.
    """
    out = Path(options.out_dir)
    marker = out / "done" / f"{spec.shard_id}.json"
    done = finished_result(marker, spec)
    if done is not None:
        return done
    started = time.perf_counter()
    result = ShardResult(spec.shard_id, digest=spec.digest)
    try:
        _run(spec, options, out, result)
    except DocumentError as exc:  # the shard could not be read at all
        result = ShardResult(spec.shard_id, status="failed", error=" ".join(exc.message.split()),
                             seconds=round(time.perf_counter() - started, 3), digest=spec.digest)
        marker.unlink(missing_ok=True)  # the output of other input, if any, is no longer this shard's
        (out / "facts" / f"{spec.shard_id}.parquet").unlink(missing_ok=True)
        (out / "documents" / f"{spec.shard_id}.parquet").unlink(missing_ok=True)
        (out / "errors" / f"{spec.shard_id}.jsonl").unlink(missing_ok=True)
        _write_json(out / "failed" / f"{spec.shard_id}.json", result.to_dict())
        return result
    result.seconds = round(time.perf_counter() - started, 3)
    (out / "failed" / f"{spec.shard_id}.json").unlink(missing_ok=True)
    _write_json(marker, result.to_dict())
    return result


def finished_result(marker: Path, spec: ShardSpec) -> ShardResult | None:
    """The stored result of ``spec`` when its done marker is of the same input, else None."""
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    result = ShardResult.from_dict(data)
    return result if result.digest == spec.digest else None


def _run(spec: ShardSpec, options: ShardOptions, out: Path, result: ShardResult) -> None:
    keep = _prefilter() if options.prefilter else None
    facts_path = out / "facts" / f"{spec.shard_id}.parquet"
    errors_path = out / "errors" / f"{spec.shard_id}.jsonl"
    stuck_path = out / "stuck" / f"{spec.shard_id}.jsonl"
    stuck = _stuck_indexes(stuck_path, spec.digest)
    writer = _ParquetWriter(facts_path, fact_schema)
    documents = _ParquetWriter(out / "documents" / f"{spec.shard_id}.parquet", document_schema)
    errors = _ErrorWriter(errors_path)
    failed: Counter[str] = Counter()
    by_type: Counter[str] = Counter()
    last_report = time.monotonic()
    try:
        for index, item in enumerate(read_shard(spec, options.columns, max_bytes=options.max_bytes)):
            if isinstance(item, DocumentError):
                failed[item.code] += 1
                errors.add(item)
                continue
            result.documents += 1
            result.bytes += len(item.text.encode("utf-8"))
            if keep is not None and not keep(item.text):
                result.skipped += 1
                continue
            extracted = _extract_rows(item, (stuck_path, index, spec.digest), options, index in stuck)
            if isinstance(extracted, DocumentError):
                failed[extracted.code] += 1
                errors.add(extracted)
                continue
            rows, document = extracted
            documents.add(document)
            result.extracted += 1
            for row in rows:
                by_type[row["type"]] += 1
                writer.add(row)
            if _progress_queue is not None and time.monotonic() - last_report >= _REPORT_EVERY:
                last_report = time.monotonic()
                _progress_queue.put((spec.shard_id, result.documents + sum(failed.values()), result.bytes))
        writer.close()
        documents.close()
        errors.close()
    except BaseException:
        writer.abort()
        documents.abort()
        errors.abort()
        raise
    stuck_path.unlink(missing_ok=True)  # its documents are E_TIMEOUT errors of the finished shard now
    result.failed = sum(failed.values())
    result.failed_by_code = dict(sorted(failed.items()))
    result.facts_by_type = dict(sorted(by_type.items()))
    result.errors = errors.examples


def _extract_rows(doc: Document, where: tuple[Path, int, str], options: ShardOptions,
                  given_up: bool) -> tuple[list[dict[str, Any]], dict[str, Any]] | DocumentError:
    """The fact rows and the document row of one document, or its error: within its time budget, under the watchdog;
    ``given_up`` when a watchdog already gave up on it (it is not extracted again)."""
    from zhibiao.pool import extract_within_budget, time_budget  # the extractor loads its tables on first use

    global _watched
    if given_up:
        return DocumentError(doc.doc_id, "E_TIMEOUT", "its worker did not answer and was replaced")
    if _watchdog_on and options.seconds_per_100kb is not None:
        budget = time_budget(doc, options.seconds_per_100kb)
        stuck_path, index, digest = where
        _watched = (stuck_path, index, doc.doc_id, digest, time.monotonic() + budget + max(WATCHDOG_GRACE, budget))
    try:
        meta, facts = extract_within_budget(doc, options.seconds_per_100kb)
        facts, _dropped = sound_facts(facts, doc.doc_id)  # finite and in range, or no fact
        return fact_rows(doc, facts), document_row(doc, meta, len(facts))
    except Exception as exc:  # one document's failure must not end the shard
        return exc if isinstance(exc, DocumentError) else DocumentError(
            doc.doc_id, "E_EXTRACT", f"{type(exc).__name__}: {exc}")
    finally:
        _watched = None


def _prefilter() -> Any:
    from zhibiao.batch.prefilter import default_prefilter

    return default_prefilter().keep


def fact_rows(doc: Document, facts: list[Fact]) -> list[dict[str, Any]]:
    """The facts of one document as flat rows of :data:`FACT_COLUMNS` (missing fields are None)."""
    rows = []
    for index, fact in enumerate(facts):
        d = fact.to_dict()
        row: dict[str, Any] = {key: d.get(key) for key in _FACT_KEYS}
        change = d.get("change") or {}
        row.update(doc_id=doc.doc_id, fact_index=index, published=doc.published, source=doc.source,
                   change_basis=change.get("basis"), change_pct=change.get("pct"), change_pp=change.get("pp"),
                   change_abs=change.get("abs"), top=d.get("top", False) if d["type"] == "ranking" else None,
                   bottom=d.get("bottom", False) if d["type"] == "ranking" else None,
                   # a projects fact's amounts are in its currency (CNY unless written otherwise)
                   currency=d.get("currency", "CNY") if d["type"] == "projects" else None,
                   titles=list(d["titles"]) if d.get("titles") is not None else None)
        for key in _FLOATS:
            if row[key] is not None:
                row[key] = float(row[key])
        rows.append(row)
    return rows


def document_row(doc: Document, meta: DocMeta, n_facts: int) -> dict[str, Any]:
    """The row of one extracted document (:data:`DOCUMENT_COLUMNS`): the input's metadata completed
    by the extracted one, as the fact store keeps them."""
    zone = doc.extra.get("zone")
    m = fill_meta(meta, doc.meta)
    return {"doc_id": doc.doc_id, "text": doc.text, "source": doc.source, "published": doc.published or m.date,
            "title": m.title, "source_name": m.source_name, "page": m.page, "url": m.url,
            "zone": zone if isinstance(zone, str) else None, "n_facts": n_facts, "extractor_version": EXTRACTOR_VERSION}


def _schema(columns: tuple[tuple[str, str], ...]) -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64(),
             "bool": pa.bool_(), "list<string>": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in columns])


def fact_schema() -> Any:
    """The Arrow schema of the fact shards (pyarrow is imported on first use)."""
    return _schema(FACT_COLUMNS)


def document_schema() -> Any:
    """The Arrow schema of the document shards."""
    return _schema(DOCUMENT_COLUMNS)


class _ParquetWriter:
    """Rows → one Parquet file, a row group each ``_ROW_GROUP`` rows, renamed into place on close."""

    def __init__(self, path: Path, schema: Callable[[], Any]) -> None:
        self.path = path
        self.schema = schema
        self.tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        self.rows: list[dict[str, Any]] = []
        self.writer: Any = None

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= _ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = self.schema()
        if self.writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(self.tmp, schema, compression="zstd")
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=schema))
        self.rows = []

    def close(self) -> None:
        self._flush()  # also writes an empty file with the schema when the shard has no fact
        self.writer.close()
        _fsync(self.tmp)
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.tmp.unlink(missing_ok=True)


class _ErrorWriter:
    """Error records → JSONL, opened on the first error only; keeps the first few messages."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        self.file: Any = None
        self.examples: list[str] = []

    def add(self, error: DocumentError) -> None:
        if self.file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.file = self.tmp.open("w", encoding="utf-8")
        self.file.write(json.dumps(error.to_dict(), ensure_ascii=False) + "\n")
        if len(self.examples) < _ERROR_EXAMPLES:
            self.examples.append(" ".join(error.message.split()))

    def close(self) -> None:
        if self.file is None:
            self.path.unlink(missing_ok=True)  # a previous attempt's errors are not this one's
            return
        self.file.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if self.file is not None:
            self.file.close()
        self.tmp.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` beside ``path`` and rename it into place: readers see all of it or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
