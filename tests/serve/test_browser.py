"""The dashboard in a real browser: Playwright driving Debian's Chromium against a live uvicorn
server on a loopback port, over a store of the bundled samples and the dev gold texts.

Every page of every test must load without a console error (a CSP violation is one) and
without a dialog. Screenshots go to artifacts/screenshots/ (a CI artifact, not committed).
Skipped only when /usr/bin/chromium is missing (scripts/test.sh installs it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from .browsing import Watched, needs_chromium, serving, shot
from .helpers import EARLIER, HUAIAN, HUAIAN_QUOTE, fill

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn serving the dashboard on a free loopback port, in a thread, for this module."""
    from zhibiao.serve import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'store.db'}"
    fill(url).close()
    with serving(create_app(url)) as base:
        yield base


def _chart_series(page: Any, selector: str) -> list[Any]:
    return page.evaluate(f"() => echarts.getInstanceByDom(document.querySelector('{selector}'))"
                         ".getOption().series.map(s => s.data)")


# -- the acceptance path: overview → compare → the sentence -------------------------------------

def test_browser_overview_compare_to_highlighted_evidence(page: Watched, live_server: str) -> None:
    from playwright.sync_api import expect

    p = page.page
    p.goto(live_server + "/")
    expect(p.locator("#count-documents")).to_have_text("11")
    assert int(p.locator("#count-facts").inner_text()) > 100
    shot(p, "overview")

    p.get_by_role("link", name="对比", exact=True).click()
    p.locator("input[name=indicator]").fill("一般预算收入")   # an alias
    p.locator("input[name=period]").fill("2023年上半年")
    p.get_by_role("button", name="对比").click()
    p.wait_for_url(re.compile(r"/compare\?indicator=.*period="))
    expect(p.locator("h2")).to_contain_text("一般公共预算收入")

    # the chart: an SVG drawn by ECharts, with the zone and the value as series data
    chart = p.locator("#compare-chart svg")
    expect(chart).to_have_count(1)
    expect(chart.locator("text", has_text=HUAIAN).first).to_be_attached()
    values, changes = _chart_series(p, "#compare-chart")
    assert values == [pytest.approx(18.56)] and changes == [pytest.approx(36.7)]
    assert p.locator("#compare-chart svg path").count() > 2   # bars and axes were drawn

    row = p.locator("#compare-table tbody tr", has=p.locator(f"text={HUAIAN}"))
    expect(row.locator("td").nth(2)).to_contain_text("18.56亿元")
    expect(row.locator(".conflict")).to_be_visible()   # the earlier 17.2亿元 contradicts it
    shot(p, "compare")

    row.get_by_role("link", name="18.56亿元", exact=True).click()
    p.wait_for_url(re.compile(r"/doc/\d+#fact-\d+$"))
    fact_id = p.url.rsplit("#fact-", 1)[1]
    target = p.locator(f"#fact-{fact_id}")
    expect(target).to_have_class(re.compile(r"\bis-target\b"))
    assert target.inner_text() == HUAIAN_QUOTE   # the highlighted element holds exactly the quote
    expect(target).to_be_in_viewport()
    expect(p.locator(f"#row-fact-{fact_id}")).to_have_class(re.compile(r"\bis-target\b"))
    expect(p.locator("#fact-card")).to_contain_text("18.56亿元")
    shot(p, "document")


def test_browser_clicking_evidence_shows_its_fact(page: Watched, live_server: str) -> None:
    from playwright.sync_api import expect

    p = page.page
    p.goto(live_server + "/search?q=" + "徐子佳")
    p.locator("#fact-hits a").first.click()
    p.wait_for_url(re.compile(r"/doc/\d+#fact-\d+$"))
    person = p.locator("#report-text mark.ev-person", has_text="党工委书记徐子佳").first
    person.click()
    fact_id = person.get_attribute("data-fact")
    assert p.url.endswith(f"#fact-{fact_id}")
    expect(p.locator(f"#row-fact-{fact_id}")).to_have_class(re.compile(r"\bis-target\b"))
    expect(p.locator("#fact-card")).to_contain_text("市委常委")
    # nested evidence: the persons named in one list each keep their own mark
    for name in ("刘晓松", "朱峰", "葛玉海"):
        expect(p.locator("#report-text mark.ev-person", has_text=name).first).to_be_attached()
    # a row of the facts table leads back to its sentence
    p.locator("#facts-table tr.kind-indicator td").nth(1).click()
    marked = p.locator("mark.is-target").first
    expect(marked).to_be_in_viewport()


def test_browser_sorts_the_compare_table(page: Watched, live_server: str) -> None:
    p = page.page
    p.goto(live_server + "/zone/台儿庄区")
    table = p.locator("table.sortable").last
    header = table.locator("th[data-sort]").first
    header.click()
    first = table.locator("tbody tr td").first.inner_text()
    header.click()
    last_first = table.locator("tbody tr td").first.inner_text()
    assert first != last_first and header.get_attribute("aria-sort") == "descending"


# -- zone, search, conflicts -----------------------------------------------------------------------

def test_browser_zone_profile(page: Watched, live_server: str) -> None:
    from playwright.sync_api import expect

    p = page.page
    p.goto(live_server + "/zone/淮安经开区")
    expect(p.locator("h1")).to_have_text(HUAIAN)
    charts = p.locator("[data-chart] svg")
    expect(charts.first).to_be_attached()
    assert charts.count() == p.locator("[data-chart]").count() >= 1
    expect(p.locator("[data-funnel] svg").first).to_be_attached()
    expect(p.locator(".officials li", has_text="徐子佳")).to_contain_text("淮安经济技术开发区党工委书记")
    shot(p, "zone")
    p.goto(live_server + "/zone/台儿庄区")
    assert p.locator("[data-chart] svg").count() >= 6
    shot(p, "zone-taierzhuang")


def test_browser_search(page: Watched, live_server: str) -> None:
    from playwright.sync_api import expect

    p = page.page
    p.goto(live_server + "/")
    box = p.get_by_role("searchbox", name="检索")
    box.fill("18.56亿元")
    box.press("Enter")
    p.wait_for_url(re.compile(r"/search\?q="))
    expect(p.locator("#document-hits .snippet mark").first).to_have_text("18.56亿元")
    expect(p.locator("#fact-hits")).to_contain_text(HUAIAN_QUOTE)
    shot(p, "search")


def test_browser_conflicts(page: Watched, live_server: str) -> None:
    from playwright.sync_api import expect

    p = page.page
    p.goto(live_server + "/conflicts")
    row = p.locator("#conflicts-table tbody tr", has_text="17.2亿元").first
    expect(row).to_contain_text("18.56亿元")
    row.get_by_role("link", name=re.compile("17.2亿元")).click()
    p.wait_for_url(re.compile(r"/doc/\d+#fact-\d+$"))
    expect(p.locator("h1")).to_have_text(EARLIER.meta.title or "")
    p.go_back()
    shot(p, "conflicts")


# -- upload ------------------------------------------------------------------------------------------

def test_browser_upload_shows_the_new_facts(page: Watched, live_server: str) -> None:
    from playwright.sync_api import expect

    p = page.page
    p.goto(live_server + "/")
    report = "今年上半年,浏览器测试开发区完成一般公共预算收入23.45亿元、同比增长7.8%。".encode()
    p.locator("#upload-file").set_input_files({"name": "上传测试.txt", "mimeType": "text/plain", "buffer": report})
    expect(p.locator("#upload-note")).to_contain_text("上传测试.txt")
    p.get_by_role("button", name="上传并抽取").click()
    p.wait_for_url(live_server + "/upload")
    table = p.locator("table.upload-facts")
    expect(table).to_contain_text("23.45亿元")
    expect(table).to_contain_text("+7.8%")
    shot(p, "upload")
    table.get_by_role("link", name=re.compile("23.45亿元")).click()
    p.wait_for_url(re.compile(r"/doc/\d+#fact-\d+$"))
    fact_id = p.url.rsplit("#fact-", 1)[1]
    assert "23.45亿元" in p.locator(f"#fact-{fact_id}").inner_text()


def test_browser_drop_zone_takes_a_file(page: Watched, live_server: str) -> None:
    from playwright.sync_api import expect

    p = page.page
    p.goto(live_server + "/")
    p.evaluate("""() => {
        const data = new DataTransfer();
        data.items.add(new File(["今年上半年,拖放开发区实现地区生产总值88.8亿元。"], "拖放.txt", {type: "text/plain"}));
        document.querySelector(".drop").dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true,
                                                                             cancelable: true}));
    }""")
    expect(p.locator("#upload-note")).to_contain_text("拖放.txt")
    assert p.evaluate("() => document.getElementById('upload-file').files.length") == 1
    big = p.evaluate("""() => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(5 * 1024 * 1024 + 1)], "大.txt"));
        const input = document.getElementById('upload-file');
        input.files = data.files; input.dispatchEvent(new Event('change'));
        return document.getElementById('upload-note').textContent;
    }""")
    assert "超过 5 MB" in big


def test_browser_script_in_a_report_does_not_run(page: Watched, live_server: str) -> None:
    """A report carrying markup: uploaded, shown, searched — always as text, never run."""
    from playwright.sync_api import expect

    p = page.page
    hostile = "<script>alert(1)</script>"
    report = (f"{hostile}\n今年上半年,脚本测试开发区完成一般公共预算收入6.54亿元、同比增长3.2%。\n"
              "<img src=x onerror=alert(2)>")
    p.goto(live_server + "/")
    p.locator("#upload-file").set_input_files({"name": "hostile.txt", "mimeType": "text/plain",
                                               "buffer": report.encode()})
    p.get_by_role("button", name="上传并抽取").click()
    p.wait_for_url(live_server + "/upload")
    p.locator(".upload-doc h2 a").click()
    p.wait_for_url(re.compile(r"/doc/\d+$"))
    text = p.locator("#report-text")
    expect(text).to_contain_text(hostile)   # visible, as text
    expect(text).to_contain_text("<img src=x onerror=alert(2)>")
    assert p.locator("#report-text script, #report-text img").count() == 0
    p.locator("#report-text mark.ev-indicator").first.click()
    expect(p.locator("#fact-card")).to_contain_text("6.54亿元")
    p.goto(live_server + "/search?q=alert")
    expect(p.locator("#document-hits")).to_contain_text("<script>")
    shot(p, "hostile-report")
    # page teardown asserts that no dialog opened


# -- phone ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "path"), [
    ("overview", "/"),
    ("compare", "/compare?indicator=一般公共预算收入&period=2023H1"),
    ("document", "/doc/1"),
    ("zone", "/zone/台儿庄区"),
])
def test_browser_pages_fit_a_phone(phone: Watched, live_server: str, name: str, path: str) -> None:
    p = phone.page
    p.goto(live_server + path)
    p.wait_for_load_state("networkidle")
    # nothing wider than the screen: wide tables scroll inside their own box
    assert p.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(p, f"phone-{name}")
