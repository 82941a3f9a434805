"""Numbers at the edge of a double in the store: pages and API answer, never a 500 (issue 10, 2).

Facts stored before the fact guard existed (or written by another tool) may hold infinity, NaN or
a finite number near the largest double; every page that shows them must still work.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from zhibiao.serve import create_app
from zhibiao.store import Store

from .helpers import HUAIAN, fill

LOCAL = "http://127.0.0.1"  # the server answers to loopback names only (Host check)


@pytest.fixture
def huge_url(db_url: str) -> str:
    """The test corpus, then some of Huai'an's figures made huge: infinite, minus infinite, the
    largest finite double, NaN in a change (PostgreSQL; SQLite keeps no NaN), and both figures of
    the contradicting pair of reports (one infinite, one 1e300)."""
    store = fill(db_url)
    try:
        with store.engine.begin() as conn:
            postgres = conn.dialect.name == "postgresql"
            inf = "'Infinity'::float8" if postgres else "9e999"
            nan = "'NaN'::float8" if postgres else "NULL"
            ids = conn.execute(text(
                "SELECT id FROM facts WHERE zone_id IS NOT NULL AND value IS NOT NULL AND subject = :s "
                "AND quote NOT LIKE :q ORDER BY id"), {"s": HUAIAN, "q": "%预算收入1%"}).scalars().all()
            assert len(ids) >= 3
            conn.execute(text(f"UPDATE facts SET value = {inf}, change_pct = {nan} WHERE id = :i"), {"i": ids[0]})
            conn.execute(text(f"UPDATE facts SET value = -{inf} WHERE id = :i"), {"i": ids[1]})
            conn.execute(text("UPDATE facts SET value = 1.7976931348623157e308, change_pct = -1e300 "
                              "WHERE id = :i"), {"i": ids[2]})
            changed = conn.execute(text(f"UPDATE facts SET value = {inf} WHERE quote LIKE :q"), {"q": "%17.2亿元%"})
            assert changed.rowcount >= 1
            changed = conn.execute(text("UPDATE facts SET value = 1e300 WHERE quote LIKE :q"), {"q": "%18.56亿元%"})
            assert changed.rowcount >= 1
    finally:
        store.close()
    return db_url


@pytest.fixture
def client(huge_url: str) -> Iterator[TestClient]:
    # raise_server_exceptions: a 500 fails with its traceback
    with TestClient(create_app(huge_url), base_url=LOCAL) as c:
        yield c


def _ok(response: Any) -> Any:
    assert response.status_code == 200, response.text[:500]
    return response


@pytest.mark.parametrize("path", ["/conflicts", "/api/conflicts", f"/api/zone/{HUAIAN}", f"/zone/{HUAIAN}",
                                  "/api/overview", "/", f"/search?q={HUAIAN}", f"/api/search?q={HUAIAN}",
                                  "/compare?indicator=一般公共预算收入&period=2023H1",
                                  "/api/compare?indicator=一般公共预算收入&period=2023H1"])
def test_huge_numbers_in_the_store_never_break_a_page(client: TestClient, path: str) -> None:
    response = _ok(client.get(path))
    assert "Infinity" not in response.text and "NaN" not in response.text


def test_huge_numbers_api_values_are_digits_or_null(client: TestClient) -> None:
    data = _ok(client.get(f"/api/zone/{HUAIAN}")).json()["data"]
    values = list(_walk(data, "value"))
    assert values and any(v is None for v in values), values  # the huge ones read as unknown
    assert all(v is None or (isinstance(v, str) and v.lstrip("-")[:1].isdigit()) for v in values), values
    conflicts = _ok(client.get("/api/conflicts")).json()["data"]
    assert all(v is None or (isinstance(v, str) and v[:1].isdigit()) for v in _walk(conflicts, "value"))


def test_huge_numbers_in_compare_and_export(huge_url: str, tmp_path: Path) -> None:
    with Store(huge_url) as store:
        rows = store.compare("一般公共预算收入", "2023H1")
        assert rows and all(r.value is None or r.value.is_finite() for r in rows)
        assert all(r.change_pct is None or r.change_pct.is_finite() for r in rows)
        n = store.export(tmp_path / "facts.csv")
        store.conflicts()
    assert n > 0
    cells = {c.strip('"').lower() for line in (tmp_path / "facts.csv").read_text(encoding="utf-8").splitlines()
             for c in line.split(",")}
    assert not cells & {"inf", "-inf", "nan", "infinity", "-infinity"}


def _walk(value: Any, key: str) -> Iterator[Any]:
    """Every ``key`` of the answer's facts (not of their display texts)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key:
                yield v
            elif k != "display":
                yield from _walk(v, key)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v, key)
