"""Extraction in worker processes with a time budget per document.

:class:`ExtractPool` runs :func:`zhibiao.extract.extract_document` in a bounded pool of worker
processes (`pebble <https://pypi.org/project/Pebble/>`_'s ``ProcessPool``): a document that takes
longer than its budget (:func:`time_budget`: a few seconds per 100 KB) is stopped — its worker
is killed and replaced — and becomes that document's ``E_TIMEOUT`` error; a worker that dies
(killed, out of memory) is replaced too and its document gets ``E_EXTRACT``. Either way the
other documents go on. The server extracts uploads here, off its request threads, so that one
upload never holds up another; :meth:`ExtractPool.extract_batch` is a
:data:`~zhibiao.store.ingest.BatchExtractor` for :class:`~zhibiao.store.Store`.

Workers are started with ``spawn`` (a fork of a threaded server is unsafe) and warm the extractor
up once, so the first document does not pay for loading its tables.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any

from zhibiao.errors import DocumentError
from zhibiao.model import DocMeta, Document, Fact

__all__ = ["DEFAULT_SECONDS_PER_100KB", "MIN_BUDGET", "ExtractPool", "OverBudget", "deadline", "extract_within_budget",
           "time_budget", "to_result"]

# Extraction runs at about 0.6 MB/s on the dev reports (0.17 s per 100 KB): the default budget
# leaves a slow machine, a busy one and pathological text ample room.
DEFAULT_SECONDS_PER_100KB = 5.0
MIN_BUDGET = 5.0
Extracted = tuple[DocMeta, list[Fact]]


def time_budget(doc: Document, seconds_per_100kb: float = DEFAULT_SECONDS_PER_100KB,
                minimum: float | None = None) -> float:
    """Seconds ``doc`` may take: ``seconds_per_100kb`` per 100 KB of its UTF-8 text, at least
    ``minimum`` (default :data:`MIN_BUDGET`: what starting a document costs does not scale with
    its size).

    >>> time_budget(Document("a", "收" * 10)), time_budget(Document("b", "收" * 100_000))
    (5.0, 15.0)
    """
    size = len(doc.text.encode("utf-8", "surrogatepass"))
    return max(MIN_BUDGET if minimum is None else minimum, seconds_per_100kb * size / 100_000)


class OverBudget(TimeoutError):
    """Raised inside an extraction that ran past its time budget (:func:`deadline`)."""


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverBudget` in the code run under it once ``seconds`` have passed.

    A real-time interval timer (SIGALRM), so it needs the main thread of a Unix process (the
    CLI, a batch worker); elsewhere, or with ``seconds`` None, it does nothing (the server
    stops a document by stopping its worker process: :class:`ExtractPool`). The regular
    expression engine checks for signals as it runs, so a pathological match is stopped too.

    >>> import time
    >>> try:
    ...     with deadline(0.05):
    ...         time.sleep(1)
    ... except OverBudget as exc:
    ...     print(exc)
    over its budget of 0.05 s
    """
    if seconds is None or not hasattr(signal, "setitimer") \
            or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(_signum: int, _frame: Any) -> None:
        raise OverBudget(f"over its budget of {seconds:.2f} s".replace(".00 s", " s"))

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_within_budget(doc: Document, seconds_per_100kb: float | None = DEFAULT_SECONDS_PER_100KB,
                          minimum: float | None = None) -> Extracted:
    """:func:`zhibiao.extract.extract_document` of ``doc`` within its :func:`time_budget` (none
    when ``seconds_per_100kb`` is None; at least ``minimum``, default :data:`MIN_BUDGET`);
    ``E_TIMEOUT`` naming the document past it."""
    from zhibiao.extract import extract_document

    if seconds_per_100kb is None:
        return extract_document(doc)
    budget = time_budget(doc, seconds_per_100kb, minimum)
    try:
        with deadline(budget):
            return extract_document(doc)
    except OverBudget as exc:
        raise DocumentError(doc.doc_id, "E_TIMEOUT", str(exc)) from None


def _extract(doc: Document) -> Extracted:
    from zhibiao.extract import extract_document

    return extract_document(doc)


def _warm_up() -> None:
    from zhibiao.extract import extract_document

    extract_document(Document("warm-up", "今年上半年,全区完成一般公共预算收入1.2亿元、同比增长5%。"))


def to_result(doc: Document, future: Future[Extracted], budget: float) -> Extracted | BaseException:
    """The outcome of ``future`` (the extraction of ``doc``) as a batch extractor gives it: the
    result, or the exception — ``E_TIMEOUT`` past ``budget``, ``E_EXTRACT`` for a dead worker."""
    from pebble import ProcessExpired

    try:
        return future.result()
    except TimeoutError:
        return DocumentError(doc.doc_id, "E_TIMEOUT", f"over its budget of {budget:.1f} s")
    except ProcessExpired as exc:
        return DocumentError(doc.doc_id, "E_EXTRACT", f"the worker died ({exc})")
    except Exception as exc:
        return exc


class ExtractPool:
    """``workers`` extraction processes; each document with its :func:`time_budget`."""

    def __init__(self, workers: int = 2, *, seconds_per_100kb: float = DEFAULT_SECONDS_PER_100KB,
                 minimum: float | None = None, warm_up: bool = True) -> None:
        from pebble import ProcessPool

        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.seconds_per_100kb = seconds_per_100kb
        self.minimum = minimum
        self._pool: Any = ProcessPool(max_workers=workers, initializer=_warm_up if warm_up else None,
                                      context=multiprocessing.get_context("spawn"))

    def budget(self, doc: Document) -> float:
        """The seconds ``doc`` may take in this pool."""
        return time_budget(doc, self.seconds_per_100kb, self.minimum)

    def submit(self, doc: Document) -> Future[Extracted]:
        """Start extracting ``doc``; the future raises TimeoutError past its budget."""
        future: Future[Extracted] = self._pool.schedule(_extract, args=(doc,), timeout=self.budget(doc))
        return future

    def extract_batch(self, docs: list[Document]) -> list[Extracted | BaseException]:
        """Extract ``docs`` on the workers, each within its budget; one outcome per document."""
        futures = [self.submit(doc) for doc in docs]
        return [to_result(doc, future, self.budget(doc)) for doc, future in zip(docs, futures, strict=True)]

    def close(self) -> None:
        """Stop the workers (running tasks are abandoned)."""
        self._pool.stop()
        self._pool.join(timeout=10)

    def __enter__(self) -> ExtractPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
