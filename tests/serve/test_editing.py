"""Writing on the dashboard, over HTTP: who may write (no users: anyone on loopback; with users:
signed-in editors only, viewers 403, anonymous 401), CSRF tokens on every form, session cookie
flags, and each correction form changing what compare, the API and the CSV export show."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from zhibiao.cli import app as cli_app
from zhibiao.serve import create_app
from zhibiao.store import Store

from .helpers import THREE_REPORTS, form_token, three_reports

LOCAL = "http://127.0.0.1"
HUAIAN = THREE_REPORTS["huaian"]
ZONE = "淮安经济技术开发区"
COMPARE = "/api/compare?indicator=一般公共预算收入&period=2023H1"


@pytest.fixture
def url(tmp_path: Path, write_jsonl: Any) -> str:
    return three_reports(tmp_path, write_jsonl)


@pytest.fixture
def client(url: str) -> Iterator[TestClient]:
    with TestClient(create_app(url), base_url=LOCAL) as c:
        yield c


def _user(url: str, name: str, role: str) -> None:
    result = CliRunner().invoke(cli_app, ["users", "add", name, "--role", role, "--password-stdin", "--db", url],
                                input="correct horse\n")
    assert result.exit_code == 0, result.output


def _sign_in(client: TestClient, name: str, password: str = "correct horse") -> Any:
    return client.post("/login", data={"name": name, "password": password, "csrf": form_token(client, "/login"),
                                       "next": "/"}, follow_redirects=False)


def _rows(client: TestClient) -> dict[str, dict[str, Any]]:
    return {r["zone"]: r for r in client.get(COMPARE).json()["data"]["rows"]}


def _doc_page(client: TestClient, zone: str) -> tuple[int, int, str]:
    """(document id, fact id, page) of a zone's 一般公共预算收入 on compare."""
    source = _rows(client)[zone]["source"]
    return source["document"], source["fact_id"], client.get(f"/doc/{source['document']}").text


def test_editing_correct_shows_on_compare_api_and_csv_with_the_original(client: TestClient) -> None:
    document, fact, page = _doc_page(client, ZONE)
    assert f'action="/doc/{document}/fact/{fact}/correct"' in page and 'id="extractor-version"' in page
    token = form_token(client, f"/doc/{document}")
    done = client.post(f"/doc/{document}/fact/{fact}/correct", follow_redirects=False,
                       data={"csrf": token, "value": "19.56亿元", "reason": "原文笔误"})
    assert done.status_code == 303 and done.headers["location"] == f"/doc/{document}#fact-{fact}"
    row = _rows(client)[ZONE]
    assert row["value"] == "1956000000" and row["source"]["original"]["value"] == "1856000000"
    assert "已更正 · 原为 18.56亿元" in client.get("/compare?indicator=一般公共预算收入&period=2023H1").text
    page = client.get(f"/doc/{document}").text
    assert "更正记录" in page and "本机用户" in page and "原文笔误" in page
    exported = client.get("/export.csv", params={"indicator": "一般公共预算收入", "period": "2023H1"})
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = {r["zone_id"]: r for r in csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff")))}
    assert float(rows[ZONE]["value"]) == 1956000000 and "value=1856000000" in rows[ZONE]["original"]


def test_editing_mark_wrong_and_add_and_assign_zone(client: TestClient) -> None:
    document, fact, _ = _doc_page(client, "金坛区")
    token = form_token(client, f"/doc/{document}")
    assert client.post(f"/doc/{document}/fact/{fact}/wrong", data={"csrf": token}).status_code == 200
    assert "金坛区" not in _rows(client)
    overview = client.get("/").text
    assert "未识别主体" in overview and "bare" in overview
    bare = int(re.search(r'href="/doc/(\d+)#unresolved"', overview).group(1))  # type: ignore[union-attr]
    assert "未识别主体" in client.get(f"/doc/{bare}").text
    assert client.post(f"/doc/{bare}/zone", data={"csrf": token, "zone": "金坛区"}).status_code == 200
    assert _rows(client)["金坛区"]["value"] == "950000000"
    huaian, _, _ = _doc_page(client, ZONE)
    start = HUAIAN.index("规上")
    added = client.post(f"/doc/{huaian}/add", data={"csrf": token, "start": str(start),
                                                    "end": str(start + len("规上工业增加值增长12.5%")),
                                                    "name": "规上工业增加值", "change_pct": "12.5"})
    assert added.status_code == 200 and "人工添加" in added.text
    bad = client.post(f"/doc/{huaian}/add", data={"csrf": token, "start": "0", "end": "5", "name": "x",
                                                  "value": "很多"})
    assert bad.status_code == 400 and "not a figure" in bad.text


def test_editing_form_post_without_csrf_token_fails(client: TestClient) -> None:
    document, fact, _ = _doc_page(client, ZONE)
    for data in ({}, {"csrf": "0" * 64}):
        refused = client.post(f"/doc/{document}/fact/{fact}/wrong", data=data)
        assert refused.status_code == 403 and "CSRF" in refused.text
        upload = client.post("/upload", files={"file": ("a.txt", "上半年,金坛区完成税收9亿元。".encode())}, data=data)
        assert upload.status_code == 403
    assert ZONE in _rows(client)
    other = TestClient(client.app, base_url=LOCAL)   # another browser: its own cookie, its own token
    assert other.post(f"/doc/{document}/fact/{fact}/wrong", data={"csrf": form_token(client)}).status_code == 403


def test_editing_with_users_needs_a_signed_in_editor(url: str, client: TestClient) -> None:
    _user(url, "viewer1", "viewer")
    _user(url, "editor1", "editor")
    document, fact, page = _doc_page(client, ZONE)
    assert "correct" not in page.split("facts-table")[1] and 'id="sign-in-link"' in page
    assert 'action="/upload"' not in client.get("/").text
    token = form_token(client, "/login")
    assert client.post(f"/doc/{document}/fact/{fact}/wrong", data={"csrf": token}).status_code == 401
    assert client.post("/api/upload", files={"file": ("a.txt", b"x")}).status_code == 401
    assert _sign_in(client, "viewer1", "wrong password").status_code == 401
    signed = _sign_in(client, "viewer1")
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "zb_session=" in cookie
    assert "viewer1（只读）" in client.get("/").text
    viewer_token = form_token(client)
    refused = client.post(f"/doc/{document}/fact/{fact}/wrong", data={"csrf": viewer_token})
    assert refused.status_code == 403 and "只读" in refused.text
    assert client.post("/api/upload", files={"file": ("a.txt", b"x")}).status_code == 403
    client.post("/logout", data={"csrf": viewer_token})
    assert _sign_in(client, "editor1").status_code == 303
    assert client.post(f"/doc/{document}/fact/{fact}/wrong", data={"csrf": form_token(client)}).status_code == 200
    assert ZONE not in _rows(client)
    (record,) = client.app.state.store.corrections()  # type: ignore[attr-defined]
    assert record.author == "editor1"


def test_editing_forged_or_old_session_cookie_is_no_session(url: str, client: TestClient) -> None:
    _user(url, "editor1", "editor")
    assert _sign_in(client, "editor1").status_code == 303
    value = client.cookies.get("zb_session")
    assert value is not None
    user, expires, nonce, signature = value.split(".")
    assert 'id="signed-in"' in client.get("/").text
    for forged in (f"{user}.{int(expires) + 999}.{nonce}.{signature}", f"{user}.1.{nonce}.{signature}",
                   f"{int(user) + 1}.{expires}.{nonce}.{signature}", "garbage"):
        other = TestClient(client.app, base_url=LOCAL, cookies={"zb_session": forged})
        page = other.get("/").text
        assert 'id="sign-in-link"' in page and 'id="signed-in"' not in page


def test_editing_serve_refuses_an_open_host_with_writes_and_no_users(url: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli_app, ["serve", "--db", url, "--host", "0.0.0.0", "--port", "9"])
    assert result.exit_code == 1 and "no users" in result.output and "--read-only" in result.output
    from zhibiao.serve.commands import open_writes_problem

    with Store(url) as store:
        assert open_writes_problem("0.0.0.0", True, store) is None
        assert open_writes_problem("127.0.0.1", False, store) is None
        _user(url, "editor1", "editor")
        assert open_writes_problem("192.168.1.5", False, store) is None


def test_editing_dashboard_defects_of_the_issue_stay_fixed(client: TestClient) -> None:
    """Chinese 404 text; a target rank never shown as a place reached; the e-paper trailer apart
    from the body; fact cards with their parts apart; 近10亿元 keeps its qualifier in search."""
    store = client.app.state.store  # type: ignore[attr-defined]
    from zhibiao.model import Document

    trailer = "2023-07-19 1 金坛日报 content_220711.html 3 金坛区上半年经济 /enpproperty-->"
    body = "上半年,金坛区完成固定资产投资近10亿元。金坛区以进入\"全国30强\"为目标。"
    store.ingest_documents([Document(doc_id="jintan-epaper", published="2023-07-19", text=body + trailer)])
    missing = client.get("/zone/不存在的开发区")
    assert missing.status_code == 404 and "库中没有关于“不存在的开发区”的数据" in missing.text
    assert "no facts" not in missing.text and "没有这个页面" in client.get("/nowhere").text
    zone = client.get("/zone/金坛区").text
    assert "目标：进入全国前30" in zone and "<td>全国第30</td>" not in zone
    document = int(re.search(r'href="/doc/(\d+)"', client.get("/search", params={"q": "全国30强"}).text)
                   .group(1))  # type: ignore[union-attr]
    page = client.get(f"/doc/{document}").text
    shown = page.split('id="report-text"')[1].split("</article>")[0]
    assert "enpproperty" not in shown and "content_220711.html" in page.split('id="epaper-trailer"')[1]
    assert 'data-card="指标 · 固定资产投资 · 金坛区 · 约 10亿元 · 2023H1"' in page
    assert 'data-card="排名 · 金坛区 · 目标：进入全国前30"' in page
    hits = client.get("/search", params={"q": "固定资产投资"}).text.split('id="fact-hits"')[1]
    assert '<small class="q">约</small> <b>10亿元</b>' in hits


def test_editing_compare_shows_yuan_in_the_unit_picked(client: TestClient) -> None:
    url = "/compare?indicator=一般公共预算收入&period=2023H1"
    assert "18.56亿元" in client.get(url).text
    page = client.get(url + "&unit=万元").text
    assert "185600万元" in page and "201000万元" in page and 'id="unit-switch"' in page
    assert client.get(url + "&unit=千元").status_code == 400


def test_editing_targets_page(client: TestClient) -> None:
    from zhibiao.model import Document

    store = client.app.state.store  # type: ignore[attr-defined]
    store.ingest_documents([Document(doc_id="jintan-target", published="2023-07-19", text=(
        "今年,金坛区力争实现一般公共预算收入40亿元,同比增长8%。上半年,金坛区完成一般公共预算收入20.1亿元,"
        "同比增长5.2%,完成年度目标的50.3%。"))])
    client.app.state.cache.clear()  # type: ignore[attr-defined]
    page = client.get("/targets", params={"zone": "金坛区"})
    assert page.status_code == 200
    table = page.text.split('id="targets-table"')[1]
    assert "40亿元" in table and "20.1亿元" in table and 'data-width="50.2"' in table
    assert "完成年度目标的50.3%" in table and 'href="/doc/' in table
    assert client.get("/targets", params={"zone": "不存在区"}).status_code == 404
    (target,) = client.get("/api/targets", params={"zone": "金坛区"}).json()["data"]["targets"]
    assert (target["target_text"], target["actual_text"], target["progress"]["pct"]) == ("40亿元", "20.1亿元", "50.2")
    assert 'href="/targets"' in client.get("/").text


def test_editing_upload_form_takes_published_and_zone(client: TestClient) -> None:
    """The upload form's date and zone fill what the report leaves open; a bad date is a 400."""
    token = form_token(client)
    text = "上半年,经开区完成一般公共预算收入7.7亿元,同比增长2.2%。".encode()
    page = client.post("/upload", files={"file": ("site.txt", text)},
                       data={"csrf": token, "published": "2023-07-25", "zone": "淮安经开区"})
    assert page.status_code == 200, page.text
    row = _rows(client)[ZONE]   # the upload's figure is 淮安经开区's now: the latest report, contradicting the first
    assert row["value"] == "770000000" and row["conflict"] is True
    document = int(re.search(r'href="/doc/(\d+)', page.text).group(1))  # type: ignore[union-attr]
    shown = client.get(f"/api/doc/{document}").json()["data"]["document"]
    assert (shown["published"], shown["zone"]) == ("2023-07-25", ZONE)
    bad = client.post("/upload", files={"file": ("other.txt", "上半年,经开区完成税收1亿元。".encode())},
                      data={"csrf": token, "published": "2023-02-30"})
    assert bad.status_code == 400 and "no calendar date" in bad.text


def test_editing_compare_page_cached_for_visitors_is_never_a_signed_in_users(url: str) -> None:
    """The compare page made once for everyone not signed in never carries a user's name or
    CSRF token, and a signed-in user's page always does (it is not the cached one)."""
    _user(url, "editor1", "editor")
    app = create_app(url)   # one server, one cache, both browsers
    with TestClient(app, base_url=LOCAL) as visitor, TestClient(app, base_url=LOCAL) as editor:
        assert _sign_in(editor, "editor1").status_code == 303
        for _ in range(2):   # the second time from the cache
            seen = visitor.get("/compare?indicator=一般公共预算收入&period=2023H1")
            mine = editor.get("/compare?indicator=一般公共预算收入&period=2023H1")
            assert seen.status_code == mine.status_code == 200
            assert 'id="sign-in-link"' in seen.text and "editor1" not in seen.text and 'name="csrf"' not in seen.text
            assert 'id="signed-in">editor1' in mine.text and 'name="csrf"' in mine.text
            assert re.findall(r'<tr data-zone="([^"]+)">', seen.text) == re.findall(r'<tr data-zone="([^"]+)">',
                                                                                    mine.text) != []
