"""The driver of a batch run: plan shards, skip finished ones, run the rest on an engine, sum up.

Engines run the same :func:`~zhibiao.batch.worker.process_shard`:

* ``local``: a process pool (spawn start method, so it behaves the same on every OS and never
  forks a process holding threads), at most ``2 × workers`` shards in flight;
* ``dask``: ``client.map`` over shards, on a ``LocalCluster`` started for the run or on an existing
  cluster (``scheduler="tcp://host:port"``), with the same bound on shards in flight.

Memory stays constant in the size of the corpus: shards are planned lazily, only a window of them
is in flight, workers stream their shard and write facts a row group at a time, and the driver
keeps counters, not results. A shard is finished when its done marker exists; a re-run skips it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import itertools
import json
import logging
import multiprocessing as mp
import os
import queue as queue_module
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any, Literal

from zhibiao.batch.shards import Columns, ShardSpec, plan_shards
from zhibiao.batch.worker import ShardOptions, ShardResult, finished_result, init_worker, process_shard
from zhibiao.errors import DocumentError, ZhibiaoError
from zhibiao.ingest import DEFAULT_MAX_BYTES
from zhibiao.model import EXTRACTOR_VERSION
from zhibiao.pool import DEFAULT_SECONDS_PER_100KB

__all__ = ["BatchConfig", "BatchConfigError", "BatchSummary", "Counts", "default_workers", "run_batch"]

Engine = Literal["local", "dask"]
# v2: the fact shards gained currency and bottom; v3: documents/ID.parquet beside them (what
# zhibiao ingest --facts stores); an older folder is not resumed into
_FORMAT = "zhibiao-batch.v3"
_FAILED_EXAMPLES = 20
# times a shard is run again in one run after its worker process died under it
_RETRIES = 2
_SUBDIRS = ("facts", "documents", "errors", "done", "failed")

ProgressCallback = Callable[[int, int], None]
ShardCallback = Callable[[ShardResult, bool], None]


class BatchConfigError(ZhibiaoError):
    """A batch run cannot start as asked: bad options, or an output folder of another run."""


def default_workers() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's core count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """Everything a batch run is given; validated by :meth:`check`."""

    inputs: tuple[str, ...]
    out_dir: str
    engine: Engine = "local"
    workers: int = field(default_factory=default_workers)
    scheduler: str | None = None
    shard_size: int = 5000
    columns: Columns = field(default_factory=Columns)
    prefilter: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    # seconds a document may take per 100 KB (E_TIMEOUT past it); None: no limit. Not part of the
    # run's fingerprint: a timeout depends on the machine, not on the options of the output
    seconds_per_100kb: float | None = DEFAULT_SECONDS_PER_100KB
    # shards submitted and not yet finished; default 2 × workers (a queue that never runs dry,
    # and never holds more than a few shards' specs)
    in_flight: int | None = None

    def check(self) -> None:
        """Raise :class:`BatchConfigError` for an option out of range or a wrong combination."""
        if not self.inputs:
            raise BatchConfigError("no inputs given")
        if self.engine not in ("local", "dask"):
            raise BatchConfigError(f"unknown engine {self.engine!r} (local or dask)")
        if self.workers < 1:
            raise BatchConfigError("--workers must be at least 1")
        if self.shard_size < 1:
            raise BatchConfigError("--shard-size must be at least 1")
        if self.scheduler and self.engine != "dask":
            raise BatchConfigError("--scheduler needs --engine dask")
        if self.scheduler and not self.scheduler.startswith(("tcp://", "tls://", "ucx://", "inproc://")):
            raise BatchConfigError(f"--scheduler must be an address like tcp://host:8786, not {self.scheduler!r}")

    def shard_options(self) -> ShardOptions:
        """The picklable options every worker gets."""
        return ShardOptions(out_dir=str(Path(self.out_dir).resolve()), columns=self.columns,
                            prefilter=self.prefilter, max_bytes=self.max_bytes,
                            seconds_per_100kb=self.seconds_per_100kb)

    def fingerprint(self) -> dict[str, Any]:
        """The options that decide what the output holds: a re-run must use the same ones."""
        return {"format": _FORMAT, "extractor": EXTRACTOR_VERSION, "shard_size": self.shard_size,
                "prefilter": self.prefilter, "columns": asdict(self.columns), "max_bytes": self.max_bytes}


@dataclass(slots=True)
class Counts:
    """Document and fact counts over a set of shards."""

    shards: int = 0
    documents: int = 0
    skipped: int = 0
    extracted: int = 0
    failed: int = 0
    failed_by_code: Counter[str] = field(default_factory=Counter)
    facts_by_type: Counter[str] = field(default_factory=Counter)
    bytes: int = 0

    def add(self, result: ShardResult) -> None:
        """Add one finished shard's counts."""
        self.shards += 1
        self.documents += result.documents
        self.skipped += result.skipped
        self.extracted += result.extracted
        self.failed += result.failed
        self.failed_by_code.update(result.failed_by_code)
        self.facts_by_type.update(result.facts_by_type)
        self.bytes += result.bytes

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"shards": self.shards, "documents": self.documents, "skipped_prefilter": self.skipped,
                "extracted": self.extracted, "failed": self.failed,
                "failed_by_reason": dict(sorted(self.failed_by_code.items())),
                "facts": dict(sorted(self.facts_by_type.items())),
                "facts_total": sum(self.facts_by_type.values()), "bytes": self.bytes}


@dataclass(slots=True)
class BatchSummary:
    """The outcome of a run: ``total`` covers every finished shard of the plan (those of earlier
    runs included), ``this_run`` only the shards processed now (throughput is computed on it)."""

    config: BatchConfig
    planned: int = 0
    resumed: int = 0
    failed_shards: int = 0
    input_errors: int = 0
    total: Counts = field(default_factory=Counts)
    this_run: Counts = field(default_factory=Counts)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    planned_ids: set[str] = field(default_factory=set, repr=False)
    # input (a file, or the folder of a run of files) → the sha1 over its shards' digests, in plan order
    input_digests: dict[str, Any] = field(default_factory=dict, repr=False)
    stale: int = 0  # outputs of shards no longer in the plan, removed

    def note_failure(self, message: str) -> None:
        """Keep a failure message (the first few only: the rest are in the shards' error files)."""
        if len(self.failures) < _FAILED_EXAMPLES:
            self.failures.append(message)

    @property
    def docs_per_second(self) -> float:
        """Documents read per second of wall time in this run."""
        return self.this_run.documents / self.seconds if self.seconds > 0 else 0.0

    @property
    def mb_per_second(self) -> float:
        """Megabytes (10^6) of document text read per second of wall time in this run."""
        return self.this_run.bytes / 1e6 / self.seconds if self.seconds > 0 else 0.0

    def exit_code(self) -> int:
        """0: nothing failed; 1: some documents or shards failed; 2: nothing could be read."""
        trouble = self.total.failed + self.failed_shards + self.input_errors
        if self.total.documents == 0 and (trouble or self.planned == 0):
            return 2
        return 1 if trouble else 0

    def to_dict(self) -> dict[str, Any]:
        """The summary as written to ``summary.json``."""
        c = self.config
        return {
            "format": _FORMAT,
            "inputs": list(c.inputs),
            "engine": c.engine,
            "workers": c.workers,
            "scheduler": c.scheduler,
            "shard_size": c.shard_size,
            "prefilter": c.prefilter,
            "shards": {"planned": self.planned, "resumed": self.resumed, "processed": self.this_run.shards,
                       "failed": self.failed_shards, "stale_removed": self.stale},
            "input_errors": self.input_errors,
            "total": self.total.to_dict(),
            "this_run": self.this_run.to_dict(),
            "seconds": round(self.seconds, 3),
            "docs_per_s": round(self.docs_per_second, 1),
            "mb_per_s": round(self.mb_per_second, 3),
            "failures": self.failures,
        }


def run_batch(config: BatchConfig, *, on_progress: ProgressCallback | None = None,
              on_shard: ShardCallback | None = None) -> BatchSummary:
    """Run a batch: every shard of ``config.inputs`` not finished yet, on ``config.engine``.

    ``on_progress(documents, bytes)`` receives increments while shards run (the local engine
    reports every half second from inside a shard, Dask when a shard ends); ``on_shard(result,
    resumed)`` is called once per shard of the plan. Writes ``summary.json`` in the output folder.
    Raises :class:`BatchConfigError` when the run cannot start.

    Workers are started with the spawn method, which imports the calling script again in each
    of them: in a script, call this under ``if __name__ == "__main__":``.
    """
    config.check()
    out = Path(config.out_dir)
    with _output_lock(out):
        _prepare_output(out, config)
        summary = BatchSummary(config)
        started = time.perf_counter()
        tracker = _ProgressTracker(on_progress)
        options = config.shard_options()
        todo = _pending_shards(config, summary, out, on_shard)
        results = (_local_results if config.engine == "local" else _dask_results)(todo, options, config, tracker)
        for result in results:
            tracker.finish(result)
            if result.status == "done":
                summary.total.add(result)
                summary.this_run.add(result)
                for message in result.errors:
                    summary.note_failure(message)
            else:
                summary.failed_shards += 1
                summary.note_failure(result.error or f"{result.shard_id}: failed")
            if on_shard:
                on_shard(result, False)
        summary.stale = _remove_stale(out, summary.planned_ids)
        summary.seconds = time.perf_counter() - started
        _write_json(out / "inputs.json", _input_manifest(summary.input_digests))
        _write_json(out / "summary.json", summary.to_dict())
    return summary


def _input_manifest(digests: dict[str, Any]) -> dict[str, Any]:
    """What this run read: each input file (or folder of files) with its size and modification
    time as the run ends, and the digest of what its shards read (the sha1 of their digests)."""
    inputs: dict[str, Any] = {}
    for path, digest in sorted(digests.items()):
        try:
            info = os.stat(path)
            inputs[path] = {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "digest": digest.hexdigest()}
        except OSError:
            inputs[path] = {"size": None, "mtime_ns": None, "digest": digest.hexdigest()}
    return {"format": _FORMAT, "inputs": inputs}


def _remove_stale(out: Path, planned: set[str]) -> int:
    """Remove the output of every shard that is not in this run's plan (an input resharded,
    shortened or gone since an earlier run): the folder then holds what a clean run writes."""
    removed: set[str] = set()
    for sub, suffix in (("facts", ".parquet"), ("documents", ".parquet"), ("errors", ".jsonl"), ("done", ".json"),
                        ("failed", ".json"),
                        ("stuck", ".jsonl")):
        for path in (out / sub).glob(f"*{suffix}"):
            shard_id = path.name.removesuffix(suffix)
            if shard_id not in planned:
                path.unlink(missing_ok=True)
                removed.add(shard_id)
    return len(removed)


def _pending_shards(config: BatchConfig, summary: BatchSummary, out: Path,
                    on_shard: ShardCallback | None) -> Iterator[ShardSpec]:
    """The planned shards that are not finished; finished ones and planning errors are counted."""
    inputs = [str(Path(p).resolve()) for p in config.inputs]  # workers may run in another folder
    for item in plan_shards(inputs, config.shard_size):
        if isinstance(item, DocumentError):
            summary.input_errors += 1
            summary.total.failed += 1
            summary.total.failed_by_code[item.code] += 1
            summary.note_failure(" ".join(item.message.split()))
            continue
        summary.planned += 1
        summary.planned_ids.add(item.shard_id)
        summary.input_digests.setdefault(item.path, hashlib.sha1()).update(f"{item.shard_id}:{item.digest}\n".encode())
        result = finished_result(out / "done" / f"{item.shard_id}.json", item)
        if result is not None:  # finished, from the same input: a changed input is done again
            summary.resumed += 1
            summary.total.add(result)
            if on_shard:
                on_shard(result, True)
            continue
        yield item


class _ProgressTracker:
    """Turns the workers' cumulative per-shard reports into increments, never counting twice."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.reported: dict[str, tuple[int, int]] = {}

    def heartbeat(self, shard_id: str, documents: int, nbytes: int) -> None:
        before = self.reported.get(shard_id, (0, 0))
        self.reported[shard_id] = (documents, nbytes)
        if self.callback:
            self.callback(documents - before[0], nbytes - before[1])

    def finish(self, result: ShardResult) -> None:
        before = self.reported.pop(result.shard_id, (0, 0))
        if self.callback:
            self.callback(result.documents + result.failed - before[0], result.bytes - before[1])


# -- engines ---------------------------------------------------------------------------------

def _window(config: BatchConfig) -> int:
    return max(1, config.in_flight or 2 * config.workers)


def _local_results(specs: Iterable[ShardSpec], options: ShardOptions, config: BatchConfig,
                   tracker: _ProgressTracker) -> Iterator[ShardResult]:
    context = mp.get_context("spawn")
    heartbeats = context.Queue()
    specs = iter(specs)
    attempts: Counter[str] = Counter()
    try:
        while True:  # a new pool only if a worker process died and broke the last one
            interrupted = yield from _run_pool(specs, options, config, tracker, context, heartbeats)
            if not interrupted:
                return
            # the shards in flight when a worker died (a watchdog gave up on a document, the OOM
            # killer, a crash) are run again on the new pool, twice at most
            again = []
            for spec in interrupted:
                attempts[spec.shard_id] += 1
                if attempts[spec.shard_id] <= _RETRIES:
                    again.append(spec)
                else:
                    yield ShardResult(spec.shard_id, status="failed",
                                      error=f"{spec.shard_id}: its worker process died {_RETRIES + 1} times")
            specs = itertools.chain(again, specs)
    finally:
        heartbeats.close()
        heartbeats.join_thread()


def _run_pool(specs: Iterator[ShardSpec], options: ShardOptions, config: BatchConfig, tracker: _ProgressTracker,
              context: Any, heartbeats: Any) -> Generator[ShardResult, None, list[ShardSpec]]:
    """Run shards on one process pool; returns the shards in flight when the pool broke (a
    worker died), none when it did not."""
    window = _window(config)
    with ProcessPoolExecutor(max_workers=config.workers, mp_context=context,
                             initializer=init_worker, initargs=(heartbeats, os.getpid())) as pool:
        pending: dict[Any, ShardSpec] = {}
        for spec in islice(specs, window):
            pending[pool.submit(process_shard, spec, options)] = spec
        try:
            broken = yield from _collect(pool, pending, specs, options, window, tracker, heartbeats)
        except KeyboardInterrupt:
            # finish the shards already running (their output is kept), drop the queued ones;
            # a second Ctrl-C interrupts this wait too
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return broken


def _collect(pool: ProcessPoolExecutor, pending: dict[Any, ShardSpec], specs: Iterator[ShardSpec],
             options: ShardOptions, window: int, tracker: _ProgressTracker,
             heartbeats: Any) -> Generator[ShardResult, None, list[ShardSpec]]:
    """Yield results as shards finish, topping the pool up to ``window``; the shards in flight
    if it broke."""
    while pending:
        done, _ = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
        _drain(heartbeats, tracker)
        broken: list[ShardSpec] = []
        for future in done:
            spec = pending.pop(future)
            try:
                result = future.result()
            except BrokenProcessPool:
                broken.append(spec)
                continue
            except Exception as exc:  # process_shard catches data errors; this is a bug
                result = ShardResult(spec.shard_id, status="failed",
                                     error=f"{spec.shard_id}: {type(exc).__name__}: {exc}")
            yield result
        if broken:
            for future, spec in pending.items():
                future.cancel()
                broken.append(spec)
            return broken
        for spec in islice(specs, window - len(pending)):
            pending[pool.submit(process_shard, spec, options)] = spec
    _drain(heartbeats, tracker)
    return []


def _drain(heartbeats: Any, tracker: _ProgressTracker) -> None:
    while True:
        try:
            shard_id, documents, nbytes = heartbeats.get_nowait()
        except queue_module.Empty:
            return
        tracker.heartbeat(shard_id, documents, nbytes)


def _dask_results(specs: Iterable[ShardSpec], options: ShardOptions, config: BatchConfig,
                  tracker: _ProgressTracker) -> Iterator[ShardResult]:
    from distributed import Client, LocalCluster, as_completed

    specs = iter(specs)
    run = uuid.uuid4().hex[:8]  # keys unique per run: a long-lived scheduler never reuses a result

    def submit(batch: list[ShardSpec]) -> list[Any]:
        keys = [f"zhibiao-shard-{run}-{spec.shard_id}" for spec in batch]
        futures = client.map(process_shard, batch, options=options, key=keys, pure=False)
        for future, spec in zip(futures, batch, strict=True):
            by_key[future.key] = spec
        return futures

    with contextlib.ExitStack() as stack:
        if config.scheduler:
            client = stack.enter_context(Client(config.scheduler, timeout="30s"))
        else:
            scratch = stack.enter_context(tempfile.TemporaryDirectory(prefix="zhibiao-dask-"))
            cluster = stack.enter_context(LocalCluster(
                n_workers=config.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.ERROR, local_directory=scratch))
            client = stack.enter_context(Client(cluster))
        by_key: dict[str, ShardSpec] = {}
        # an existing cluster may have more (or fewer) threads than --workers says: keep every
        # thread busy, with one shard queued behind each
        threads = sum(client.nthreads().values()) if config.scheduler else config.workers
        window = config.in_flight or 2 * max(threads, 1)
        completed = as_completed(submit(list(islice(specs, window))))
        for future in completed:
            spec = by_key.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # a worker lost, or a deserialisation error on the worker
                result = ShardResult(spec.shard_id, status="failed",
                                     error=f"{spec.shard_id}: {type(exc).__name__}: {_one_line(exc)}")
            future.release()
            yield result
            more = list(islice(specs, 1))
            if more:
                completed.update(submit(more))


def _one_line(exc: BaseException) -> str:
    return " ".join((str(exc) or type(exc).__name__).split())[:500]


# -- output folder ---------------------------------------------------------------------------

@contextlib.contextmanager
def _output_lock(out: Path) -> Iterator[None]:
    """One run per output folder at a time; the kernel drops the lock if the run is killed."""
    out.mkdir(parents=True, exist_ok=True)
    handle: IO[str] = (out / ".lock").open("w")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BatchConfigError(f"{out} is being written by another batch run") from exc
        yield
    finally:
        handle.close()


def _prepare_output(out: Path, config: BatchConfig) -> None:
    """Check that ``out`` is new or holds a run with the same options; remove what an
    interrupted run left half-written (temporary files are never a finished shard)."""
    manifest = out / "run.json"
    wanted = config.fingerprint()
    if manifest.exists():
        found = json.loads(manifest.read_text(encoding="utf-8"))
        if found != wanted:
            changed = sorted(k for k in set(found) | set(wanted) if found.get(k) != wanted.get(k))
            raise BatchConfigError(f"{out} holds the output of a run with other options ({', '.join(changed)}); "
                                   "use a new output folder")
    else:
        _write_json(manifest, wanted)
    for sub in _SUBDIRS:
        folder = out / sub
        folder.mkdir(exist_ok=True)
        for leftover in folder.glob(".*.tmp-*"):
            leftover.unlink(missing_ok=True)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
