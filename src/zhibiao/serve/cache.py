"""A small time-bounded cache for the answers that read the whole store.

``conflicts`` compares every figure with every other (2 s on 100,000 facts) and the list of
comparable (indicator, period) questions groups every indicator fact (60 ms): recomputing them
for each page view would make a busy dashboard slow for everyone. They are kept for ``ttl``
seconds per server process, computed by one request at a time, and dropped after an upload;
a store written by another process shows its changes within ``ttl`` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["TTLCache"]

T = TypeVar("T")


class TTLCache:
    """Values by key, each computed at most once per ``ttl`` seconds (thread-safe)."""

    def __init__(self, ttl: float = 30.0, max_entries: int = 256) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._values: dict[Hashable, tuple[float, Any]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value of ``key``, or ``compute()`` (once, while other callers wait)."""
        hit = self._fresh(key)
        if hit is not None:
            return hit[1]  # type: ignore[no-any-return]
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            hit = self._fresh(key)
            if hit is not None:
                return hit[1]  # type: ignore[no-any-return]
            value = compute()
            with self._guard:
                if len(self._values) >= self.max_entries:
                    self._values.clear()
                self._values[key] = (time.monotonic(), value)
            return value

    def clear(self) -> None:
        """Forget every value (after this process changed the store)."""
        with self._guard:
            self._values.clear()

    def _fresh(self, key: Hashable) -> tuple[float, Any] | None:
        hit = self._values.get(key)
        if hit is not None and time.monotonic() - hit[0] < self.ttl:
            return hit
        return None
