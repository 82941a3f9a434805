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
from concurrent.futures import Future
from typing import Any

from zhibiao.errors import DocumentError
from zhibiao.model import DocMeta, Document, Fact

__all__ = ["DEFAULT_SECONDS_PER_100KB", "MIN_BUDGET", "ExtractPool", "time_budget", "to_result"]

# Extraction runs at about 0.6 MB/s on the dev reports (0.17 s per 100 KB): the default budget
# leaves a slow machine, a busy one and pathological text ample room.
DEFAULT_SECONDS_PER_100KB = 5.0
MIN_BUDGET = 5.0
Extracted = tuple[DocMeta, list[Fact]]


def time_budget(doc: Document, seconds_per_100kb: float = DEFAULT_SECONDS_PER_100KB,
                minimum: float = MIN_BUDGET) -> float:
    """Seconds ``doc`` may take: ``seconds_per_100kb`` per 100 KB of its UTF-8 text, at least
    ``minimum`` (what starting a document costs does not scale with its size).

    >>> time_budget(Document("a", "收" * 10)), time_budget(Document("b", "收" * 100_000))
    (5.0, 15.0)
    """
    size = len(doc.text.encode("utf-8", "surrogatepass"))
    return max(minimum, seconds_per_100kb * size / 100_000)


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
                 minimum: float = MIN_BUDGET, warm_up: bool = True) -> None:
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
