"""The server refuses what a hostile page could make a browser send (issue 10, 3 and 6): requests
for a foreign Host (DNS rebinding), unsafe methods from another origin; every answer, a 500
included, carries the security headers; a slow upload never holds a small one up."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zhibiao.serve import create_app
from zhibiao.serve.app import CONTENT_SECURITY_POLICY
from zhibiao.serve.commands import allowed_hosts
from zhibiao.store import Store
from zhibiao.store.schema import DocumentRow

from .helpers import form_token

LOCAL = "http://127.0.0.1"
TEXT = "测试经济开发区今年上半年完成一般公共预算收入12.34亿元、同比增长5.6%。"


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_url), base_url=LOCAL) as c:
        yield c


def _documents(url: str) -> int:
    with Store(url) as store, Session(store.engine) as session:
        return int(session.scalar(select(func.count()).select_from(DocumentRow)) or 0)


def _upload(client: TestClient, name: str, text: str, **headers: str) -> Any:
    return client.post("/api/upload", files={"file": (name, text.encode(), "text/plain")}, headers=headers)


@pytest.mark.parametrize("path", ["/api/upload", "/upload"])
@pytest.mark.parametrize(("headers", "allowed"), [
    ({"Origin": "http://evil.example"}, False),
    ({"Origin": "null"}, False),
    ({"Origin": "http://127.0.0.1:9999"}, False),            # another server on this machine
    ({"Referer": "http://evil.example/attack.html"}, False),
    ({"Origin": "http://evil.example", "Referer": LOCAL + "/"}, False),  # Origin wins
    ({"Origin": LOCAL}, True),
    ({"Referer": LOCAL + "/zone/x"}, True),
    ({}, True),                                               # no browser page: curl, a script
], ids=["foreign-origin", "null-origin", "other-port", "foreign-referer", "origin-wins", "same-origin",
        "same-referer", "no-browser"])
def test_guard_cross_site_posts_are_refused_and_store_nothing(client: TestClient, db_url: str, path: str,
                                                              headers: dict[str, str], allowed: bool) -> None:
    token = {"csrf": form_token(client)} if path == "/upload" else {}
    response = client.post(path, files={"file": ("r.txt", TEXT.encode(), "text/plain")}, headers=headers,
                           data=token)
    if allowed:
        assert response.status_code == 200, response.text
        assert _documents(db_url) == 1
    else:
        assert response.status_code == 403, response.text
        if path.startswith("/api/"):
            assert response.json()["error"]["code"] == "cross_origin"
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert _documents(db_url) == 0


@pytest.mark.parametrize(("host", "ok"), [
    ("evil.example", False), ("evil.example:8000", False), ("127.0.0.1.evil.example", False),
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("[::1]:8000", True),
])
def test_guard_foreign_host_is_refused(client: TestClient, db_url: str, host: str, ok: bool) -> None:
    page = client.get("/api/overview", headers={"Host": host})
    upload = _upload(client, "r.txt", TEXT, Host=host)
    if ok:
        assert (page.status_code, upload.status_code) == (200, 200)
    else:
        assert (page.status_code, upload.status_code) == (400, 400)
        assert page.headers["x-frame-options"] == "DENY"
        assert _documents(db_url) == 0


def test_guard_allowed_hosts_are_configurable(db_url: str) -> None:
    with TestClient(create_app(db_url, allowed_hosts=["reports.example.org"]),
                    base_url="http://reports.example.org") as c:
        assert c.get("/api/overview").status_code == 200
        assert c.get("/api/overview", headers={"Host": "127.0.0.1"}).status_code == 400
    assert allowed_hosts("0.0.0.0", None) == ["127.0.0.1", "localhost", "[::1]"]
    assert allowed_hosts("10.0.0.7", None) == ["127.0.0.1", "localhost", "[::1]", "10.0.0.7"]
    assert allowed_hosts("::1", None) == ["127.0.0.1", "localhost", "[::1]"]


def test_guard_500_answers_carry_the_security_headers(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from zhibiao.serve import views

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "overview_view", broken)
    with TestClient(create_app(db_url), base_url=LOCAL, raise_server_exceptions=False) as c:
        for path in ("/api/overview", "/"):
            response = c.get(path)
            assert response.status_code == 500
            assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
            assert response.headers["x-content-type-options"] == "nosniff"
            assert response.headers["x-frame-options"] == "DENY"
            assert response.headers["referrer-policy"] == "same-origin"
        assert c.get("/api/overview").json() == {
            "ok": False, "error": {"code": "internal", "message": "an unexpected error; it has been logged"}}


def _slow_corpus(n: int = 2400) -> bytes:
    """About 2 MB of distinct report texts: several seconds of extraction and storing."""
    import json
    from pathlib import Path

    data = Path(__file__).resolve().parent.parent / "data" / "reports.jsonl"
    texts = [json.loads(line)["text"] for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [json.dumps({"doc_id": f"slow{i}", "text": f"第{i}号。" + texts[i % len(texts)]}, ensure_ascii=False)
             for i in range(n)]
    body = "\n".join(lines).encode()
    while len(body) > 2_000_000:
        lines = lines[: len(lines) * 9 // 10]
        body = "\n".join(lines).encode()
    return body


def test_guard_slow_upload_does_not_delay_a_small_one(db_url: str) -> None:
    """While a large upload is being extracted and stored, a one-sentence upload is answered
    within a second (issue 10: a 400 KB upload held a tiny one for 24.7 s)."""
    slow_done: dict[str, float] = {}
    with TestClient(create_app(db_url), base_url=LOCAL) as c:
        assert _upload(c, "warm.txt", "预热:收入1亿元。").status_code == 200  # starts the pool's workers
        body = _slow_corpus()

        def slow() -> None:
            started = time.perf_counter()
            response = c.post("/api/upload", files={"file": ("slow.jsonl", body, "application/json")})
            assert response.status_code == 200, response.text[:300]
            slow_done["seconds"] = time.perf_counter() - started
            slow_done["at"] = time.perf_counter()

        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(1.5)  # the large upload is under way
        started = time.perf_counter()
        small = _upload(c, "small.txt", TEXT)
        small_seconds = time.perf_counter() - started
        small_at = time.perf_counter()
        thread.join(120)
    assert small.status_code == 200 and small.json()["data"]["new"] == 1
    assert "at" in slow_done, "the large upload did not finish"
    assert small_at < slow_done["at"], "the large upload was over before the small one: no overlap tested"
    assert small_seconds < 1.0, (f"the small upload took {small_seconds:.2f} s "
                                 f"(the large one {slow_done['seconds']:.1f} s)")


def test_guard_upload_page_shows_warnings_escaped(client: TestClient) -> None:
    """The upload page lists what was repaired, as text: a hostile doc_id is shown, never run."""
    import json

    line = json.dumps({"doc_id": "<b>x</b>", "text": TEXT + "\u0000", "published": "2023-13-45"})
    page = client.post("/upload", files={"file": ("w.jsonl", line.encode(), "application/json")},
                       data={"csrf": form_token(client)})
    assert page.status_code == 200, page.text
    assert page.text.count('<p class="warning">') == 2
    assert "&lt;b&gt;x&lt;/b&gt;: W_TEXT" in page.text and "<b>x</b>" not in page.text
