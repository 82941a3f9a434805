"""The JSON API and the pages, in-process (FastAPI TestClient), on SQLite and PostgreSQL: every
endpoint, one error shape, clear 4xx for bad parameters and never a 500, uploads and their
limits, read-only mode, escaping and security headers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from zhibiao.serve import create_app
from zhibiao.serve.app import CONTENT_SECURITY_POLICY
from zhibiao.serve.upload import MAX_UPLOAD_BYTES
from zhibiao.store import Store

from .helpers import HUAIAN, HUAIAN_QUOTE, fill, form_token

LOCAL = "http://127.0.0.1"  # the server answers to loopback names only (Host check)

HOSTILE = "<script>alert(1)</script>"
UPLOAD_TEXT = "测试经济开发区今年上半年完成一般公共预算收入12.34亿元、同比增长5.6%。"


@pytest.fixture
def filled_url(db_url: str) -> str:
    """A database holding the test corpus (samples, dev gold texts, one contradicting report)."""
    fill(db_url).close()
    return db_url


@pytest.fixture
def client(filled_url: str) -> Iterator[TestClient]:
    # raise_server_exceptions (the default): a 500 would fail the test with its traceback.
    with TestClient(create_app(filled_url), base_url=LOCAL) as c:
        yield c


def _data(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True and set(body) == {"ok", "data"}
    return body["data"]  # type: ignore[no-any-return]


def _error(response: Any, status: int, code: str) -> str:
    """Assert the one error shape; return the message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body == {"ok": False, "error": {"code": code, "message": body["error"]["message"]}}
    assert body["error"]["message"].strip()
    return body["error"]["message"]  # type: ignore[no-any-return]


# -- overview, indicators, zones ---------------------------------------------------------------

def test_api_overview_counts_the_store(client: TestClient, filled_url: str) -> None:
    data = _data(client.get("/api/overview"))
    with Store(filled_url) as store:
        summary = store.summary()
    assert data["counts"]["documents"] == summary["documents"] == 11
    assert data["counts"]["facts"] == summary["facts"] > 100
    assert data["counts"]["zones"] >= 5
    assert HUAIAN in {z["zone"] for z in data["zones"]}
    assert data["latest"][0]["href"] == f"/doc/{data['latest'][0]['id']}"
    published = [d["published"] for d in data["latest"] if d["published"]]
    assert published == sorted(published, reverse=True)
    assert data["read_only"] is False and data["questions"]


def test_api_indicators_and_zones(client: TestClient) -> None:
    ids = {i["id"] for i in _data(client.get("/api/indicators"))["indicators"]}
    assert "general_budget_revenue" in ids
    zones = _data(client.get("/api/zones", params={"limit": 3}))["zones"]
    assert len(zones) == 3 and zones[0]["facts"] >= zones[-1]["facts"]
    _error(client.get("/api/zones", params={"limit": 0}), 400, "bad_parameter")


# -- compare -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("indicator", "period"), [
    ("一般公共预算收入", "2023H1"),
    ("一般预算收入", "2023年上半年"),           # an alias, a Chinese period
    ("general_budget_revenue", "2023-01/2023-06"),
    ("一般公共预算收入", "2023-01..06"),
])
def test_api_compare_answers_any_alias_and_period_form(client: TestClient, indicator: str, period: str) -> None:
    data = _data(client.get("/api/compare", params={"indicator": indicator, "period": period}))
    assert data["indicator"]["id"] == "general_budget_revenue" and data["period"] == "2023H1"
    row = next(r for r in data["rows"] if r["zone"] == HUAIAN)
    assert (row["value"], row["value_text"], row["change_pct"], row["rank"]) == ("1856000000", "18.56亿元", "36.7", 1)
    assert row["source"]["quote"] == HUAIAN_QUOTE
    assert re.fullmatch(r"/doc/\d+#fact-\d+", row["source"]["href"])
    # the earlier report's 17.2亿元 contradicts it
    assert row["conflict"] is True and [o["value_text"] for o in row["others"]] == ["17.2亿元"]
    assert data["chart"]["zones"][0] == HUAIAN and data["chart"]["unit"] == "亿元"
    assert data["chart"]["values"][0] == pytest.approx(18.56)


def test_api_compare_source_link_points_at_the_quote(client: TestClient) -> None:
    row = _data(client.get("/api/compare", params={"indicator": "一般公共预算收入", "period": "2023H1"}))["rows"][0]
    doc = _data(client.get("/api/doc/" + str(row["source"]["document"])))
    fact_id = int(row["source"]["href"].rsplit("-", 1)[1])
    fact = next(f for f in doc["facts"] if f["id"] == fact_id)
    assert doc["text"][fact["fact"]["start"]:fact["fact"]["end"]] == HUAIAN_QUOTE


@pytest.mark.parametrize(("params", "status", "code"), [
    ({"indicator": "不存在的指标", "period": "2023H1"}, 400, "unknown_indicator"),
    ({"indicator": "一般公共预算收入", "period": "2023H3"}, 400, "bad_period"),
    ({"indicator": "一般公共预算收入", "period": "2023-13"}, 400, "bad_period"),
    ({"indicator": "一般公共预算收入", "period": "2023-09/2023-01"}, 400, "bad_period"),
    ({"indicator": "一般公共预算收入", "period": "latest"}, 400, "bad_period"),
    ({"indicator": "一般公共预算收入"}, 400, "bad_parameter"),
    ({"period": "2023H1"}, 400, "bad_parameter"),
    ({"indicator": "收" * 101, "period": "2023H1"}, 400, "bad_parameter"),
    ({"indicator": "一般公共预算收入", "period": "2023H1", "limit": 0}, 400, "bad_parameter"),
    ({"indicator": "一般公共预算收入", "period": "2023H1", "limit": 501}, 400, "bad_parameter"),
    ({"indicator": "一般公共预算收入", "period": "2023H1", "offset": -1}, 400, "bad_parameter"),
    ({"indicator": "一般公共预算收入", "period": "2023H1", "offset": 5}, 400, "out_of_range"),
    ({"indicator": "一般公共预算收入", "period": "2023H1", "limit": "ten"}, 422, "bad_parameter"),
])
def test_api_compare_refuses_bad_parameters(client: TestClient, params: dict[str, Any], status: int,
                                            code: str) -> None:
    _error(client.get("/api/compare", params=params), status, code)


def test_api_compare_pages(client: TestClient) -> None:
    data = _data(client.get("/api/compare", params={"indicator": "一般公共预算收入", "period": "2023H1",
                                                    "limit": 1}))
    assert data["page"] == {"total": 1, "limit": 1, "offset": 0} and len(data["rows"]) == 1
    empty = _data(client.get("/api/compare", params={"indicator": "GDP", "period": "1999"}))
    assert empty["rows"] == [] and empty["page"]["total"] == 0


# -- zone ----------------------------------------------------------------------------------------

def test_api_zone_profile_by_alias(client: TestClient) -> None:
    data = _data(client.get("/api/zone/淮安经开区"))
    assert data["zone"] == HUAIAN
    assert any(r["source"]["quote"] == HUAIAN_QUOTE for r in data["indicators"])
    officials = {o["name"]: o["titles"] for o in data["officials"]}
    assert officials["徐子佳"] == ["市委常委", "淮安经济技术开发区党工委书记"]
    assert any(p["stage"] == "signed" and p["count_text"] == "10个" for p in data["pipeline"])
    assert data["funnels"] and data["charts"]
    chart = next(c for c in data["charts"] if c["title"] == "一般公共预算收入")
    assert chart["periods"] == ["2023H1"] and chart["labels"] == ["18.56亿元"]


def test_api_zone_shows_currencies_apart_and_a_last_place_as_last(money_db: str) -> None:
    """A size class in USD is its own pipeline row and funnel, in USD; a last place reads 倒数第一."""
    with TestClient(create_app(money_db), base_url=LOCAL) as c:
        data = _data(c.get("/api/zone/淮安经开区"))
        page = c.get("/zone/淮安经开区").text
        document = _data(c.get("/api/doc/1"))
    shown = [(p["currency"], p["size_class"], p["count_text"], p["investment_text"]) for p in data["pipeline"]]
    assert shown == [("CNY", "≥1000万元", "12个", "6.45亿元"), ("USD", "≥1000万美元", "3个", "6.45亿美元")]
    assert [(f["title"], f["labels"]) for f in data["funnels"]] == [
        ("2023H1 · ≥1000万元", ["12个 · 6.45亿元"]), ("2023H1 · ≥1000万美元", ["3个 · 6.45亿美元"])]
    places = {r["display"]["what"]: r["display"]["value"] for r in data["rankings"]}
    assert places == {"实际使用外资增速": "全市倒数第一", "一般公共预算收入增速": "全市第1"}
    assert {r["fact"]["bottom"] for r in data["rankings"] if r["display"]["what"] == "实际使用外资增速"} == {True}
    for text in ("≥1000万美元", "6.45亿美元", "全市倒数第一"):
        assert text in page, text
    labels = {f["fact"]["quote"]: f["display"]["label"] for f in document["facts"]}
    assert labels["实际使用外资增速全市倒数第一"] == "实际使用外资增速 全市倒数第一 2023H1"
    usd = labels["签约1000万美元以上项目3个、协议总投资6.45亿美元"]
    assert usd == "项目·签约 3个 · 6.45亿美元 · ≥1000万美元 2023H1"


@pytest.mark.parametrize("name", ["不存在开发区", " ", "x" * 101])
def test_api_zone_unknown_is_404(client: TestClient, name: str) -> None:
    _error(client.get(f"/api/zone/{name}"), 404, "not_found")


def test_api_zone_pages(client: TestClient) -> None:
    _error(client.get("/api/zone/台儿庄区", params={"offset": 10_000}), 400, "out_of_range")
    _error(client.get("/api/zone/台儿庄区", params={"limit": 1001}), 400, "bad_parameter")
    assert len(_data(client.get("/api/zone/台儿庄区", params={"limit": 2}))["indicators"]) == 2


# -- document ------------------------------------------------------------------------------------

def test_api_document_text_and_every_fact_offset(client: TestClient) -> None:
    latest = _data(client.get("/api/overview"))["latest"]
    for info in latest:
        doc = _data(client.get(info["href"].replace("/doc/", "/api/doc/")))
        assert doc["document"]["id"] == info["id"] and len(doc["facts"]) == info["n_facts"]
        for fact in doc["facts"]:
            assert doc["text"][fact["fact"]["start"]:fact["fact"]["end"]] == fact["fact"]["quote"]
            assert fact["href"] == f"/doc/{info['id']}#fact-{fact['id']}"


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "1.5", "99999999999999999999", "999999", "%20"])
def test_api_document_missing_is_404(client: TestClient, raw: str) -> None:
    _error(client.get(f"/api/doc/{raw}"), 404, "not_found")


# -- search --------------------------------------------------------------------------------------

def test_api_search_finds_documents_and_facts(client: TestClient) -> None:
    data = _data(client.get("/api/search", params={"q": "18.56亿元"}))
    assert data["documents"]["total"] >= 1
    hit = data["documents"]["items"][0]
    assert hit["snippet"][1] == "18.56亿元" and hit["document"]["href"].startswith("/doc/")
    assert HUAIAN_QUOTE in [f["source"]["quote"] for f in data["facts"]["items"]]
    two = _data(client.get("/api/search", params={"q": "淮安"}))   # two characters: found on both backends
    assert two["documents"]["total"] >= 2


@pytest.mark.parametrize(("params", "status", "code"), [
    ({}, 400, "bad_parameter"),
    ({"q": "   "}, 400, "bad_parameter"),
    ({"q": "长" * 101}, 400, "query_too_long"),
    ({"q": "淮安", "limit": 0}, 400, "bad_parameter"),
    ({"q": "淮安", "limit": 101}, 400, "bad_parameter"),
    ({"q": "淮安", "offset": -1}, 400, "bad_parameter"),
    ({"q": "淮安", "offset": 10_001}, 400, "bad_parameter"),
    ({"q": "淮安", "offset": 500}, 400, "out_of_range"),
    ({"q": "淮安", "limit": "all"}, 422, "bad_parameter"),
])
def test_api_search_refuses_bad_parameters(client: TestClient, params: dict[str, Any], status: int,
                                           code: str) -> None:
    _error(client.get("/api/search", params=params), status, code)


@pytest.mark.parametrize("q", ["'", '"', "\\", "%", "_", "&|!", "a:*", "(())", "--", "; DROP TABLE facts",
                               "zhibiao_long"])
def test_api_search_takes_any_text(client: TestClient, q: str) -> None:
    data = _data(client.get("/api/search", params={"q": q}))
    assert data["query"] == q.strip()
    assert _data(client.get("/api/overview"))["counts"]["documents"] == 11


# -- conflicts -----------------------------------------------------------------------------------

def test_api_conflicts_link_both_sources(client: TestClient) -> None:
    data = _data(client.get("/api/conflicts"))
    value = next(c for c in data["rows"] if c["kind"] == "value" and c["zone"] == HUAIAN)
    assert {value["a_text"], value["b_text"]} == {"18.56亿元", "17.2亿元"}
    assert value["a"]["href"] != value["b"]["href"]
    _error(client.get("/api/conflicts", params={"offset": 1000}), 400, "out_of_range")
    _error(client.get("/api/conflicts", params={"limit": 0}), 400, "bad_parameter")


# -- upload --------------------------------------------------------------------------------------

def _upload(client: TestClient, name: str, content: bytes, path: str = "/api/upload") -> Any:
    return client.post(path, files={"file": (name, content, "application/octet-stream")})


def test_api_upload_text_stores_it_with_its_facts(client: TestClient) -> None:
    data = _data(_upload(client, "../../etc/上半年快报.txt", UPLOAD_TEXT.encode("gb18030")))
    assert (data["new"], data["already_stored"], data["errors"]) == (1, 0, [])
    doc = data["stored"][0]
    assert doc["document"]["doc_id"] == "上半年快报" and doc["document"]["source"] == "upload:上半年快报.txt"
    assert "12.34亿元" in [f["display"]["value"] for f in doc["facts"]]
    again = _data(_upload(client, "copy.txt", UPLOAD_TEXT.encode()))
    assert (again["new"], again["already_stored"]) == (0, 1)
    assert again["stored"][0]["document"]["id"] == doc["document"]["id"]
    found = _data(client.get("/api/search", params={"q": "12.34亿元"}))
    assert found["documents"]["items"][0]["document"]["id"] == doc["document"]["id"]


def test_api_upload_html_and_jsonl(client: TestClient) -> None:
    html = f"<html><head><title>快报</title></head><body><script>alert(1)</script><p>{UPLOAD_TEXT}</p></body></html>"
    data = _data(_upload(client, "report.HTML", html.encode()))
    assert data["stored"][0]["document"]["title"] == "快报" and data["stored"][0]["facts"]
    lines = [json.dumps({"doc_id": "j1", "text": "全区固定资产投资完成88.8亿元,同比增长7.7%。",
                         "published": "2024-02-01"}, ensure_ascii=False),
             "{not json",
             json.dumps({"text": "规上工业增加值增长9.9%。"}, ensure_ascii=False)]
    data = _data(_upload(client, "batch.jsonl", "\n".join(lines).encode()))
    assert data["new"] == 2
    assert sorted(d["document"]["doc_id"] for d in data["stored"]) == ["batch.jsonl:3", "j1"]
    assert [e["code"] for e in data["errors"]] == ["E_JSON"] and data["errors"][0]["where"] == "batch.jsonl:2"


@pytest.mark.parametrize(("name", "content", "status", "code"), [
    ("report.pdf", b"%PDF-1.4", 415, "unsupported_type"),
    ("report", b"text", 415, "unsupported_type"),
    ("picture.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, 400, "unreadable"),
    ("empty.txt", b"", 400, "unreadable"),
    ("nul.txt", "收入12亿元\x00增长5%".encode(), 400, "unreadable"),
    ("deep.jsonl", b"[" * 100_000, 400, "unreadable"),
    ("big.txt", b"a" * (MAX_UPLOAD_BYTES + 1), 413, "too_large"),
])
def test_api_upload_refuses_bad_files(client: TestClient, name: str, content: bytes, status: int,
                                      code: str) -> None:
    _error(_upload(client, name, content), status, code)


def test_api_upload_refuses_an_oversized_body_before_parsing_it(client: TestClient) -> None:
    """Over the limit by Content-Length, and by counting a chunked body that declares none."""
    big = b"a" * (MAX_UPLOAD_BYTES + 200_000)
    _error(_upload(client, "big.txt", big), 413, "too_large")

    def chunks() -> Iterator[bytes]:
        yield b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n\r\n"
        for _ in range(8):
            yield b"a" * (1024 * 1024)
        yield b"\r\n--b--\r\n"

    response = client.post("/api/upload", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    _error(response, 413, "too_large")


def test_api_upload_needs_a_file(client: TestClient) -> None:
    _error(client.post("/api/upload", data={"other": "x"}), 400, "bad_parameter")
    _error(client.post("/api/upload", content=b"{}", headers={"content-type": "application/json"}), 400,
           "bad_parameter")


def test_api_read_only_refuses_uploads(filled_url: str) -> None:
    with TestClient(create_app(filled_url, read_only=True), base_url=LOCAL) as client:
        _error(_upload(client, "a.txt", UPLOAD_TEXT.encode()), 403, "read_only")
        assert _data(client.get("/api/overview"))["read_only"] is True
        page = client.get("/")
        assert page.status_code == 200 and 'action="/upload"' not in page.text
        assert client.post("/upload", files={"file": ("a.txt", b"x")}).status_code == 403
        assert _data(client.get("/api/overview"))["counts"]["documents"] == 11


# -- one error shape, never a 500 ----------------------------------------------------------------

@pytest.mark.parametrize(("method", "url", "status", "code"), [
    ("GET", "/api/nowhere", 404, "not_found"),
    ("POST", "/api/overview", 405, "method_not_allowed"),
    ("GET", "/api/compare?indicator=%00&period=%00", 400, "bad_period"),
    ("GET", "/api/compare?indicator=%E4%B8&period=2023H1", 400, "unknown_indicator"),
    ("GET", "/api/search?q=%00", 400, "bad_parameter"),
    ("GET", "/api/search?q=%E6%B7%AE%00", 200, ""),
    ("GET", "/api/zone/%00", 404, "not_found"),
    ("GET", "/api/doc/1%27%20OR%201=1", 404, "not_found"),
])
def test_api_errors_have_one_shape(client: TestClient, method: str, url: str, status: int, code: str) -> None:
    response = client.request(method, url)
    if status == 200:
        _data(response)
    else:
        _error(response, status, code)


def test_api_openapi_describes_every_endpoint(client: TestClient) -> None:
    schema = _data_free(client.get("/api/openapi.json"))
    assert {"/api/overview", "/api/indicators", "/api/compare", "/api/zones", "/api/zone/{name}",
            "/api/doc/{document_id}", "/api/search", "/api/conflicts", "/api/upload"} <= set(schema["paths"])
    assert "ErrorEnvelope" in schema["components"]["schemas"]
    assert not any(path.startswith("/zone") for path in schema["paths"])   # pages stay out of the API


def _data_free(response: Any) -> dict[str, Any]:
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


# -- pages ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/compare", "/compare?indicator=一般预算收入&period=2023H1", "/zone/淮安经开区",
                                 "/search", "/search?q=淮安", "/conflicts", "/doc/1"])
def test_pages_render_with_security_headers(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY and "unsafe" not in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    # every script is a file of ours; JSON data blocks are not run
    for tag in re.findall(r"<script[^>]*>", response.text):
        assert re.fullmatch(r'<script src="/static/[\w./]+" defer>|<script type="application/json" id="[\w-]+">', tag)


def test_pages_compare_links_each_value_to_its_sentence(client: TestClient) -> None:
    page = client.get("/compare", params={"indicator": "一般预算收入", "period": "2023H1"}).text
    href = re.search(r'<a class="value" href="(/doc/\d+#fact-(\d+))">18.56亿元</a>', page)
    assert href is not None
    doc = client.get(href.group(1).split("#")[0]).text
    mark = re.search(rf'<mark class="ev ev-indicator" data-fact="{href.group(2)}" id="fact-{href.group(2)}"[^>]*>'
                     r"([^<]*)</mark>", doc)
    assert mark is not None and mark.group(1) == HUAIAN_QUOTE


@pytest.mark.parametrize(("url", "status", "text"), [
    ("/compare?indicator=不存在的指标&period=2023H1", 400, "不存在的指标"),
    ("/compare?indicator=一般预算收入&period=2023H9", 400, "2023H9"),
    ("/compare?indicator=一般预算收入&period=2023H1&page=9", 400, "past the end"),
    ("/compare?page=0", 400, "page must be"),
    ("/zone/不存在开发区", 404, "不存在开发区"),
    ("/doc/abc", 404, "abc"),
    ("/doc/999999", 404, "999999"),
    ("/search?q=" + "长" * 101, 400, "longer than 100"),
    ("/conflicts?page=99", 400, "past the end"),
    ("/nowhere", 404, "/nowhere"),
])
def test_pages_show_errors_as_pages(client: TestClient, url: str, status: int, text: str) -> None:
    response = client.get(url)
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    assert text in response.text and "<!doctype html>" in response.text


def test_pages_escape_report_text_everywhere(client: TestClient) -> None:
    text = f"{HOSTILE}今年上半年,测试开发区完成一般公共预算收入9.87亿元、同比增长3.2%。{HOSTILE}"
    upload = client.post("/upload", files={"file": (f"{HOSTILE}.txt", text.encode())},
                         data={"csrf": form_token(client)})
    assert upload.status_code == 200
    doc_id = re.search(r'href="/doc/(\d+)"', upload.text)
    assert doc_id is not None
    shown = [client.get(f"/doc/{doc_id.group(1)}").text, client.get("/search?q=alert").text,
             client.get("/search", params={"q": HOSTILE}).text]
    for html in shown:   # the text as written, as text (a search marks the match inside it)
        assert "&lt;script&gt;" in html and "(1)&lt;/script&gt;" in html
    for html in [upload.text, *shown, client.get("/compare", params={"indicator": HOSTILE, "period": "2023H1"}).text,
                 client.get(f"/zone/{HOSTILE}").text]:
        assert "<script>alert" not in html


def test_api_upload_refreshes_cached_answers(client: TestClient) -> None:
    """Conflicts and the list of questions are cached; this server's own upload renews them."""
    before = _data(client.get("/api/conflicts"))["page"]["total"]
    later = json.dumps({"doc_id": "later", "published": "2023-07-25",
                        "text": "今年上半年,淮安经济技术开发区完成一般公共预算收入16.1亿元、同比增长20.5%。"},
                       ensure_ascii=False)
    _data(client.post("/api/upload", files={"file": ("later.jsonl", later.encode())}))
    after = _data(client.get("/api/conflicts"))
    assert after["page"]["total"] > before
    assert any("16.1亿元" in (c["a_text"], c["b_text"]) for c in after["rows"])
