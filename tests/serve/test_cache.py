"""The dashboard's cache of answers: kept per store version, computed once by one caller, and
never older than the store — after an ingest by another process, corrections and reextract,
every cached answer (compare page and API, the questions, conflicts) equals the one computed
directly, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from zhibiao.serve import create_app, views
from zhibiao.serve.cache import VersionedCache
from zhibiao.store import Store, queries
from zhibiao.store.schema import DocumentRow, FactRow

from .helpers import HUAIAN, fill

LOCAL = "http://127.0.0.1"
WriteJsonl = Callable[[str, list[Any]], Path]
QUESTION = {"indicator": "一般公共预算收入", "period": "2023H1"}


def test_cache_computes_once_per_version() -> None:
    cache, calls = VersionedCache(), []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert [cache.get("k", 3, compute) for _ in range(3)] == [1, 1, 1]
    assert cache.get("k", 4, compute) == 2            # the store moved on: computed anew
    assert cache.get("k", 3, compute) == 2            # a request that read an older version: the newer answer
    assert cache.get("other", None, compute) == 3     # a key never written
    assert cache.get("other", None, compute) == 3 and cache.get("other", 1, compute) == 4
    cache.clear()
    assert cache.get("k", 4, compute) == 5


def test_cache_refresh_updates_from_the_previous_value() -> None:
    cache, seen = VersionedCache(), []

    def update(previous: list[int] | None, since: int) -> list[int]:
        seen.append((previous, since))
        return [*(previous or []), since]

    assert cache.refresh("k", 5, update) == [-1]          # nothing kept: made from nothing
    assert cache.refresh("k", 5, update) == [-1] and len(seen) == 1
    assert cache.refresh("k", 8, update) == [-1, 5]       # from the value kept at 5
    assert seen[-1] == ([-1], 5)
    assert cache.get("k", 8, lambda: [0]) == [-1, 5]


def test_cache_concurrent_callers_wait_for_one_computation() -> None:
    cache, calls, started = VersionedCache(), [], threading.Event()

    def slow() -> str:
        calls.append(1)
        started.set()
        time.sleep(0.2)
        return "answer"

    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("conflicts", 7, slow))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert started.is_set() and results == ["answer"] * 8 and len(calls) == 1


def test_cache_stays_bounded() -> None:
    cache = VersionedCache(max_entries=4)
    for i in range(10):
        cache.get(i, 1, lambda i=i: i)
    assert len(cache._values) <= 4 and cache.get(9, 1, lambda: -1) == 9


def _direct(url: str) -> dict[str, Any]:
    """The answers computed now from the store, without any cache (as JSON gives them)."""
    with Store(url) as store, store.engine.connect() as conn:
        out = {
            "compare": views.public(views.compare_view(conn, QUESTION["indicator"], QUESTION["period"])),
            "questions": [q.to_dict() for q in queries.coverage(conn, limit=12)],
            "periods": [c.period for c in queries.coverage(conn, "一般公共预算收入", limit=40)],
            "conflicts": views.public(views.conflicts_view(conn)),
        }
    return json.loads(json.dumps(out, ensure_ascii=False))


def _served(client: TestClient) -> dict[str, Any]:
    compare = client.get("/api/compare", params=QUESTION)
    overview = client.get("/api/overview")
    conflicts = client.get("/api/conflicts")
    for response in (compare, overview, conflicts):
        assert response.status_code == 200, response.text
    page = client.get("/compare", params=QUESTION)
    assert page.status_code == 200
    periods = re.findall(r'<option value="([^"]+)"></option>', page.text)
    return {"compare": compare.json()["data"], "questions": [
        {k: v for k, v in q.items() if k != "href"} for q in overview.json()["data"]["questions"]],
        "periods": periods, "conflicts": conflicts.json()["data"], "page": page.text}


def _check(client: TestClient, url: str) -> dict[str, Any]:
    served, direct = _served(client), _direct(url)
    page = served.pop("page")
    assert served == direct
    # the page shows the rows the API gives
    zones = re.findall(r'<tr data-zone="([^"]+)">', page)
    assert zones == [row["zone"] for row in direct["compare"]["rows"]]
    return served


def test_cache_follows_ingest_of_another_process_corrections_and_reextract(db_url: str,
                                                                          write_jsonl: WriteJsonl) -> None:
    fill(db_url).close()
    with TestClient(create_app(db_url), base_url=LOCAL) as client:
        first = _check(client, db_url)
        assert _served(client)["compare"] == first["compare"]   # served again from the cache

        # another process ingests a new zone's figure of the same question
        corpus = write_jsonl("more.jsonl", [{"doc_id": "more", "published": "2023-07-25",
                                             "text": "上半年,溧阳市完成一般公共预算收入30.5亿元,同比增长4.2%。"}])
        subprocess.run([sys.executable, "-c", "from zhibiao.cli import main; main()", "ingest", str(corpus),
                        "--db", db_url], check=True, capture_output=True)
        after = _check(client, db_url)
        assert "溧阳市" in {row["zone"] for row in after["compare"]["rows"]}
        assert len(after["compare"]["rows"]) == len(first["compare"]["rows"]) + 1

        # corrections, made through another connection than the server's
        with Store(db_url) as store:
            with store.engine.connect() as conn:
                fact = conn.execute(select(FactRow.id).where(FactRow.zone_id == "溧阳市",
                                                             FactRow.name == "一般公共预算收入")).scalar_one()
            store.correct(fact, {"value": "31.5亿元"}, author="t")
        corrected = _check(client, db_url)
        assert next(r for r in corrected["compare"]["rows"] if r["zone"] == "溧阳市")["value"] == "3150000000"
        with Store(db_url) as store:
            store.mark_wrong(fact, author="t")
        assert "溧阳市" not in {row["zone"] for row in _check(client, db_url)["compare"]["rows"]}

        # a document's title, changed by plain SQL: the compare rows show it
        with Store(db_url) as store, store.engine.begin() as conn:
            source = next(r for r in corrected["compare"]["rows"] if r["zone"] == HUAIAN)["source"]["document"]
            conn.execute(update(DocumentRow).where(DocumentRow.id == source).values(title="改过的标题"))
        retitled = _check(client, db_url)
        assert next(r for r in retitled["compare"]["rows"] if r["zone"] == HUAIAN)["source"]["title"] == "改过的标题"

        # reextract: the figure as an older extractor read it, then read again by this one
        huaian = next(r for r in retitled["compare"]["rows"] if r["zone"] == HUAIAN)
        with Store(db_url) as store:
            with store.engine.begin() as conn:
                conn.execute(update(FactRow).where(FactRow.id == huaian["source"]["fact_id"])
                             .values(value=1.0, signature="old"))
                conn.execute(update(DocumentRow).values(extractor_version="old.v0"))
            old = next(r for r in _check(client, db_url)["compare"]["rows"] if r["zone"] == HUAIAN)
            assert old["value"] == "1"
            store.reextract()
        reextracted = next(r for r in _check(client, db_url)["compare"]["rows"] if r["zone"] == HUAIAN)
        assert reextracted["value"] == huaian["value"] != "1"


def test_cache_compare_answer_encoded_once_same_bytes_gzipped_or_not(db_url: str) -> None:
    """A cached compare answer is the same JSON gzipped (when the client takes gzip) or not, and
    the same as an uncached one."""
    import gzip

    fill(db_url).close()
    with TestClient(create_app(db_url), base_url=LOCAL) as client:
        plain = client.get("/api/compare", params=QUESTION, headers={"accept-encoding": "identity"})
        with client.stream("GET", "/api/compare", params=QUESTION, headers={"accept-encoding": "gzip"}) as packed:
            raw = b"".join(packed.iter_raw())
        assert "content-encoding" not in plain.headers and plain.headers["content-type"] == "application/json"
        assert packed.headers["content-encoding"] == "gzip" and packed.headers["vary"] == "Accept-Encoding"
        assert len(raw) < len(plain.content) and gzip.decompress(raw) == plain.content
        assert plain.headers["content-security-policy"]   # the security headers as on every answer
    assert plain.json()["data"] == _direct(db_url)["compare"]


def test_cache_compare_page_made_again_only_when_what_it_shows_changed(db_url: str,
                                                                       monkeypatch: Any) -> None:
    """The page of a visitor not signed in: a write elsewhere in the store (a document without a
    fact of the question retitled) raises the generation but leaves the page as it was (not
    rendered again); a write to the question's facts makes it again, equal to the answer anew."""
    from zhibiao.serve import pages

    fill(db_url).close()
    renders: list[str] = []
    render = pages.render

    def counted(request: Any, template: str, context: dict[str, Any], **kwargs: Any) -> Any:
        renders.append(template)
        return render(request, template, context, **kwargs)

    monkeypatch.setattr(pages, "render", counted)
    with TestClient(create_app(db_url), base_url=LOCAL) as client:
        first = _check(client, db_url)
        page = _served(client)["page"]
        assert renders == ["compare.html"]
        with Store(db_url) as store, store.engine.begin() as conn:
            ind, span, _ = views.compare_question(QUESTION["indicator"], QUESTION["period"])
            generation, version = queries.generation(conn), queries.key_version(conn, ind.id, *span)
            shown = {row["source"]["document"] for row in first["compare"]["rows"]}
            other = conn.execute(select(DocumentRow.id).where(DocumentRow.id.not_in(shown))
                                 .order_by(DocumentRow.id)).scalars().first()
            facts = conn.execute(select(FactRow.indicator_id, FactRow.period_start, FactRow.period_end)
                                 .where(FactRow.document_id == other)).all()
            assert other is not None and (ind.id, *span) not in {tuple(f) for f in facts}
            conn.execute(update(DocumentRow).where(DocumentRow.id == other).values(title="别的标题"))
        with Store(db_url) as store, store.engine.connect() as conn:
            assert queries.generation(conn) > generation and queries.key_version(conn, ind.id, *span) == version
        _check(client, db_url)
        assert _served(client)["page"] == page
        assert renders == ["compare.html"]   # looked up again, not made again

        source = first["compare"]["rows"][0]["source"]["document"]
        with Store(db_url) as store, store.engine.begin() as conn:
            conn.execute(update(DocumentRow).where(DocumentRow.id == source).values(title="改过的标题"))
        _check(client, db_url)
        assert renders == ["compare.html"] * 2 and "改过的标题" in _served(client)["page"]


def test_cache_reads_of_pages_and_api_outside_a_transaction_on_postgresql(db_url: str) -> None:
    """On PostgreSQL the pages' and the API's reads run each statement on its own (no BEGIN and
    ROLLBACK around them); the store's own connections, which write, keep their transactions."""
    fill(db_url).close()
    app = create_app(db_url)
    with TestClient(app, base_url=LOCAL) as client:
        postgres = app.state.store.engine.dialect.name == "postgresql"
        with app.state.reader.connect() as conn:
            conn.execute(select(1))
            assert getattr(conn.connection.dbapi_connection, "autocommit", False) is postgres
        with app.state.store.engine.connect() as conn:
            conn.execute(select(1))
            assert not getattr(conn.connection.dbapi_connection, "autocommit", False)
        assert client.get("/api/compare", params=QUESTION).json()["data"] == _direct(db_url)["compare"]
