"""The dashboard's cache of whole-store answers: computed once per period, by one caller."""

from __future__ import annotations

import threading
import time

import pytest

from zhibiao.serve.cache import TTLCache


def test_cache_computes_once_until_it_expires_or_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    cache, calls = TTLCache(ttl=30), []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert [cache.get("k", compute) for _ in range(3)] == [1, 1, 1]
    now[0] += 29.9
    assert cache.get("k", compute) == 1
    now[0] += 0.2
    assert cache.get("k", compute) == 2
    cache.clear()
    assert cache.get("k", compute) == 3 and cache.get("other", compute) == 4


def test_cache_concurrent_callers_wait_for_one_computation() -> None:
    cache, calls, started = TTLCache(ttl=60), [], threading.Event()

    def slow() -> str:
        calls.append(1)
        started.set()
        time.sleep(0.2)
        return "answer"

    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("conflicts", slow))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert started.is_set() and results == ["answer"] * 8 and len(calls) == 1
