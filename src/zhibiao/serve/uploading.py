"""Uploads off the request threads: documents read, extracted in the server's worker pool one
at a time per upload, then stored a few at a time (:func:`~zhibiao.serve.views.store_upload`).

Each upload has at most one document in the pool at once, and the pool has ``upload_workers``
processes (2 by default): an upload of a large corpus or of a slow document occupies one worker,
and a small upload made meanwhile gets another. A document over its time budget is stopped and
becomes ``E_TIMEOUT`` (:mod:`zhibiao.pool`).
"""

from __future__ import annotations

import asyncio
import atexit
import threading
from typing import Any

from fastapi.concurrency import run_in_threadpool

from zhibiao.errors import DocumentError
from zhibiao.model import Document
from zhibiao.pool import Extracted, ExtractPool, to_result
from zhibiao.serve import views
from zhibiao.serve.errors import ApiError
from zhibiao.serve.upload import documents_from_upload
from zhibiao.store.dedup import content_hash
from zhibiao.store.schema import DocumentRow

__all__ = ["close_pools", "process_upload", "upload_pool"]

_POOL_LOCK = threading.Lock()
# One pool per process and setting, shared by the apps of the process (a test session makes
# many): started on the first upload, stopped when the process exits.
_POOLS: dict[tuple[int, float], ExtractPool] = {}


def upload_pool(state: Any) -> ExtractPool:
    """The extraction pool of the server's settings, started on the first upload (a read-only
    server never starts one)."""
    key = (int(state.upload_workers), float(state.seconds_per_100kb))
    with _POOL_LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            if not _POOLS:
                atexit.register(close_pools)
            pool = _POOLS[key] = ExtractPool(key[0], seconds_per_100kb=key[1])
        return pool


def close_pools() -> None:
    """Stop every extraction pool of this process."""
    with _POOL_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close()


def _new_documents(store: Any, docs: list[Document]) -> list[Document]:
    """The documents whose text is not stored yet, once each (no need to extract the others)."""
    from sqlalchemy import select

    by_hash = {content_hash(d.text): d for d in reversed(docs)}
    with store.engine.connect() as conn:
        known = set(conn.execute(select(DocumentRow.content_hash)
                                 .where(DocumentRow.content_hash.in_(list(by_hash)))).scalars())
    return [d for h, d in reversed(by_hash.items()) if h not in known]


async def process_upload(state: Any, filename: str | None, data: bytes, *, published: str | None = None,
                         zone: str | None = None) -> dict[str, Any]:
    """The answer to one upload (see :func:`~zhibiao.serve.views.store_upload`); ``published``
    and ``zone`` fill what the uploaded reports leave open (a record's own win)."""
    from zhibiao.ingest.steer import SteerError, check_published, check_zone, steered

    try:
        steer = {"published": check_published(published), "zone": check_zone(zone)}
    except SteerError as exc:
        raise ApiError(400, "bad_parameter", str(exc)) from exc
    items: list[Document | DocumentError] = list(steered(
        await run_in_threadpool(documents_from_upload, filename, data), **steer))
    docs = [i for i in items if isinstance(i, Document)]
    todo = await run_in_threadpool(_new_documents, state.store, docs) if docs else []
    outcomes: dict[int, Extracted | BaseException] = {}
    if todo:
        pool = await run_in_threadpool(upload_pool, state)
        for doc in todo:  # one at a time: an upload never holds more than one worker
            future = pool.submit(doc)
            await asyncio.wait([asyncio.wrap_future(future)])
            outcomes[id(doc)] = to_result(doc, future, pool.budget(doc))

    def replay(batch: list[Document]) -> list[Extracted | BaseException]:
        missing = [d for d in batch if id(d) not in outcomes]  # stored by another upload meanwhile
        if missing:
            outcomes.update(zip(map(id, missing), upload_pool(state).extract_batch(missing), strict=True))
        return [outcomes[id(d)] for d in batch]

    return await run_in_threadpool(views.store_upload, state.store, items, replay)
