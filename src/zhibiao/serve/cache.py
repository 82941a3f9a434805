"""The server's cache of answers, each kept with the store version it was read at.

Every write to the store's facts or documents, by any process, raises the store's generation and
the version of each (indicator, period) it touches (database triggers, revision 0008;
:func:`zhibiao.store.queries.generation`, :func:`~zhibiao.store.queries.key_version`). A request
reads the version its answer depends on — one indexed row — and gets the cached answer while
that version is unchanged, else computes it anew: a write is seen by the very next request, in
this server process or any other, and an answer is never older than the store it is served from.

A compare answer depends on the facts of its own key only, so an ingest that adds other figures
keeps it; whole-store answers (conflicts, the comparable questions) depend on the generation.
Each answer is computed by one request at a time; the others asking for it wait for it.

When a compare answer's key did change, it is brought up to date rather than computed again
(:meth:`VersionedCache.refresh`): its per-zone picks are kept with the key version they were read
at, and only the zones changed since (revision 0010) are read again — a batch of an ingest
touches a few of a question's 320 zones. The answer served is then the same as one computed
anew from the store (tested after each kind of write on both backends), never an older one.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response

__all__ = ["Encoded", "VersionedCache"]

T = TypeVar("T")


class VersionedCache:
    """Values by key, each with the version it was computed at (thread-safe)."""

    def __init__(self, max_entries: int = 512) -> None:
        self.max_entries = max_entries
        self._values: dict[Hashable, tuple[int, Any]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: Hashable, version: int | None, compute: Callable[[], T]) -> T:
        """The value of ``key`` computed at ``version`` or later, else ``compute()`` (once, while
        other callers wait). ``version`` must be read *before* ``compute`` reads the store, so
        that what it reads is at least that new; None is a key never written (below any version)."""
        return self.refresh(key, version, lambda _previous, _since: compute())

    def refresh(self, key: Hashable, version: int | None, update: Callable[[T | None, int], T]) -> T:
        """As :meth:`get`, but a value that must be computed anew is made by ``update(previous,
        since)`` from the value kept for ``key`` and the version it was computed at (``None``
        and -1 when there is none): an answer brought up to date from what changed since,
        instead of computed again. ``update`` must not change ``previous`` (a new value)."""
        wanted = -1 if version is None else version
        hit = self._values.get(key)
        if hit is not None and hit[0] >= wanted:
            return hit[1]  # type: ignore[no-any-return]
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            # another caller may have computed it (at this version or a later one) meanwhile
            hit = self._values.get(key)
            if hit is not None and hit[0] >= wanted:
                return hit[1]  # type: ignore[no-any-return]
            value = update(None, -1) if hit is None else update(hit[1], hit[0])
            self._store(key, lock, wanted, value)
            return value

    def _store(self, key: Hashable, lock: threading.Lock, version: int, value: Any) -> None:
        with self._guard:
            if len(self._values) >= self.max_entries and key not in self._values:
                self._values.clear()
                self._locks = {key: lock}
            self._values[key] = (version, value)

    def clear(self) -> None:
        """Forget every value (a store replaced under a running server: versions start anew)."""
        with self._guard:
            self._values.clear()


class Encoded:
    """An answer's body encoded once for every request that gets it from the cache, and its
    gzip, made on first demand: a compare answer is 80 KB of JSON or 90 KB of HTML, and encoding
    and compressing it again for each request cost more than serving it."""

    def __init__(self, body: bytes, media_type: str, *, status: int = 200, min_gzip: int = 1024) -> None:
        self.body = body
        self.media_type = media_type
        self.status = status
        self.min_gzip = min_gzip
        self._gzipped: bytes | None = None
        self._lock = threading.Lock()

    def gzipped(self) -> bytes:
        """The body gzipped (level 6, as the app's GZip middleware; once)."""
        with self._lock:
            if self._gzipped is None:
                self._gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
            return self._gzipped

    def response(self, request: Request) -> Response:
        """The answer for ``request``: gzipped when it accepts gzip and the body is worth it (as
        the GZip middleware would, which leaves an answer with a Content-Encoding alone)."""
        if len(self.body) >= self.min_gzip and "gzip" in request.headers.get("accept-encoding", ""):
            return Response(self.gzipped(), status_code=self.status, media_type=self.media_type,
                            headers={"content-encoding": "gzip", "vary": "Accept-Encoding"})
        return Response(self.body, status_code=self.status, media_type=self.media_type)
