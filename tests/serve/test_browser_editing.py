"""Corrections in a real browser (Playwright, Debian's Chromium): sign in, correct a value on the
document page and find it on compare and in the CSV export, mark a fact wrong, add a missed fact
by selecting its text, assign a zone to an unresolved report, keep a correction through
re-extraction; a viewer cannot write and a form without its CSRF token is refused."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from zhibiao.store import Store
from zhibiao.store.schema import DocumentRow, FactRow
from zhibiao.store.users import add_user

from .browsing import Watched, needs_chromium, serving, shot
from .helpers import THREE_REPORTS, three_reports

pytestmark = needs_chromium

PASSWORD = "correct horse"
COMPARE = "/compare?indicator=一般公共预算收入&period=2023H1"


@pytest.fixture
def site(tmp_path: Path, write_jsonl: Any) -> Iterator[tuple[str, str]]:
    """(base URL, database URL) of a live dashboard over three reports, with an editor and a viewer."""
    from zhibiao.serve import create_app

    url = three_reports(tmp_path, write_jsonl)
    with Store(url) as store, store.engine.begin() as conn:
        add_user(conn, "editor1", "editor", PASSWORD)
        add_user(conn, "viewer1", "viewer", PASSWORD)
    with serving(create_app(url)) as base:
        yield base, url


def _sign_in(p: Any, base: str, name: str) -> None:
    from playwright.sync_api import expect

    p.goto(base + "/login")
    p.get_by_label("用户名").fill(name)
    p.get_by_label("密码").fill(PASSWORD)
    p.get_by_role("button", name="登录").click()
    expect(p.locator("#signed-in")).to_contain_text(name)


def _edit_as_editor(page: Watched, base: str, zone: str) -> tuple[str, Any]:
    """Signed in as the editor, on the document of a zone's figure with its correction forms
    open: the fact id and the forms' row."""
    p = page.page
    _sign_in(p, base, "editor1")
    fact = _open_fact(p, base, zone)
    edit = p.locator(f"#edit-fact-{fact}")
    edit.locator("summary").click()
    return fact, edit


def _open_fact(p: Any, base: str, zone: str) -> str:
    """Go from compare to the document of a zone's figure; the fact id."""
    p.goto(base + COMPARE)
    p.locator(f'#compare-table tr[data-zone="{zone}"] a.value').click()
    p.wait_for_url(re.compile(r"/doc/\d+#fact-\d+$"))
    return str(p.url.rsplit("#fact-", 1)[1])


def test_browser_editing_correct_a_value_then_compare_and_csv(page: Watched, site: tuple[str, str]) -> None:
    from playwright.sync_api import expect

    base, url = site
    p = page.page
    fact, edit = _edit_as_editor(page, base, "淮安经济技术开发区")
    edit.locator('input[name="value"]').fill("19.56亿元")
    edit.locator('.correct-form input[name="reason"]').fill("原文笔误，以统计局数据为准")
    edit.get_by_role("button", name="保存更正").click()
    expect(p.locator(f"#row-fact-{fact}")).to_contain_text("已更正 · 原为 18.56亿元")
    expect(p.locator("#corrections")).to_contain_text("editor1")
    shot(p, "document-corrected")
    p.goto(base + COMPARE)
    row = p.locator('#compare-table tr[data-zone="淮安经济技术开发区"]')
    expect(row).to_contain_text("19.56亿元")
    expect(row).to_contain_text("原为 18.56亿元")
    shot(p, "compare-corrected")
    with p.expect_download() as download:
        p.locator("#export-csv").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "1956000000" in exported and "value=1856000000" in exported

    # re-extraction (after an extractor upgrade) keeps the correction
    with Store(url) as store:
        with store.engine.begin() as conn:
            conn.execute(update(FactRow).values(signature="old"))
            conn.execute(update(DocumentRow).values(extractor_version="zhibiao-extract.v0"))
        assert store.reextract().changed_documents == 3
    p.goto(base + COMPARE)
    expect(p.locator('#compare-table tr[data-zone="淮安经济技术开发区"]')).to_contain_text("19.56亿元")
    p.locator('#compare-table tr[data-zone="淮安经济技术开发区"] a.value').click()
    expect(p.locator("#extractor-version")).not_to_contain_text("v0")


def test_browser_editing_mark_wrong_and_add_by_selecting(page: Watched, site: tuple[str, str]) -> None:
    from playwright.sync_api import expect

    base, _ = site
    p = page.page
    fact, edit = _edit_as_editor(page, base, "金坛区")
    edit.get_by_role("button", name="标记为错误").click()
    expect(p.locator(f"#row-fact-{fact}")).to_contain_text("已标记错误")
    p.goto(base + COMPARE)
    expect(p.locator("#compare-table")).not_to_contain_text("金坛区")

    _open_fact(p, base, "淮安经济技术开发区")
    expect(p.locator("#add-submit")).to_be_disabled()
    wanted = "规上工业增加值增长12.5%"
    p.evaluate("""(wanted) => {
        const text = document.getElementById('report-text');
        const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const at = node.textContent.indexOf(wanted);
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + wanted.length);
                window.getSelection().removeAllRanges();
                window.getSelection().addRange(range);
                text.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                return;
            }
        }
        throw new Error('not found: ' + wanted);
    }""", wanted)
    expect(p.locator("#add-quote")).to_have_text(wanted)
    start = THREE_REPORTS["huaian"].index(wanted)
    assert p.locator("#add-start").input_value() == str(start)
    assert p.locator("#add-end").input_value() == str(start + len(wanted))
    form = p.locator("#add-form")
    form.locator('input[name="name"]').fill("规上工业增加值")
    form.locator('input[name="change_pct"]').fill("12.5")
    form.locator('input[name="period"]').fill("2023H1")
    shot(p, "document-add-fact")
    p.locator("#add-submit").click()
    expect(p.locator("#facts-table")).to_contain_text("人工添加")
    expect(p.locator("#corrections")).to_contain_text("添加")


def test_browser_editing_assign_a_zone_to_an_unresolved_report(page: Watched, site: tuple[str, str]) -> None:
    from playwright.sync_api import expect

    base, _ = site
    p = page.page
    _sign_in(p, base, "editor1")
    shot(p, "overview-signed-in")
    p.goto(base + "/")
    unresolved = p.locator("#unresolved")
    expect(unresolved).to_contain_text("未识别主体")
    shot(p, "overview-unresolved")
    unresolved.get_by_role("link", name="bare").click()
    expect(p.locator("#unresolved")).to_contain_text("未识别主体 1 条数据")
    form = p.locator("#zone-form")
    form.locator('input[name="zone"]').fill("武进国家高新区")
    form.get_by_role("button", name="指定主体").click()
    expect(p.locator("#document-zone")).to_have_text("武进国家高新技术产业开发区")   # the short name resolved
    expect(p.locator("#unresolved")).to_have_count(0)
    p.goto(base + COMPARE)
    expect(p.locator("#compare-table")).to_contain_text("武进国家高新技术产业开发区")
    p.goto(base + "/")
    expect(p.locator("#unresolved")).to_have_count(0)


def test_browser_editing_viewer_cannot_write(page: Watched, site: tuple[str, str]) -> None:
    from playwright.sync_api import expect

    base, _ = site
    p = page.page
    p.goto(base + "/")
    expect(p.locator("#upload")).to_contain_text("登录")
    shot(p, "overview-signed-out")
    p.goto(base + "/login")
    shot(p, "login")
    _sign_in(p, base, "viewer1")
    fact = _open_fact(p, base, "淮安经济技术开发区")
    expect(p.locator(".edit-row")).to_have_count(0)
    expect(p.locator("#add-form")).to_have_count(0)
    token = p.locator('form.who input[name="csrf"]').input_value()
    document = p.url.split("/doc/")[1].split("#")[0]
    answer = p.request.post(f"{base}/doc/{document}/fact/{fact}/wrong", form={"csrf": token},
                            headers={"Origin": base})
    assert answer.status == 403 and "只读" in answer.text()
    p.goto(base + COMPARE)
    expect(p.locator("#compare-table")).to_contain_text("18.56亿元")


def test_browser_editing_form_without_csrf_token_fails(page: Watched, site: tuple[str, str]) -> None:
    from playwright.sync_api import expect

    base, _ = site
    p = page.page
    fact, edit = _edit_as_editor(page, base, "金坛区")
    p.evaluate(f"() => document.querySelector('#edit-fact-{fact} .wrong-form input[name=csrf]').remove()")
    page.problems.clear()
    edit.get_by_role("button", name="标记为错误").click()
    expect(p.locator("main")).to_contain_text("CSRF")
    shot(p, "error-csrf")
    page.problems[:] = [m for m in page.problems if "403" not in m]   # the refusal itself is logged
    p.goto(base + COMPARE)
    expect(p.locator("#compare-table")).to_contain_text("金坛区")


def test_browser_editing_targets_page_draws_progress(page: Watched, site: tuple[str, str]) -> None:
    from playwright.sync_api import expect

    from zhibiao.model import Document

    base, url = site
    with Store(url) as store:
        store.ingest_documents([Document(doc_id="jintan-target", published="2023-07-19", text=(
            "今年,金坛区力争实现一般公共预算收入40亿元,同比增长8%。上半年,金坛区完成一般公共预算收入20.1亿元,"
            "同比增长5.2%,完成年度目标的50.3%。"))])
    p = page.page
    p.goto(base + "/targets")
    row = p.locator("#targets-table tbody tr").first
    expect(row).to_contain_text("40亿元")
    expect(row).to_contain_text("50.2%")
    width = p.evaluate("() => document.querySelector('.bar-fill').getBoundingClientRect().width")
    full = p.evaluate("() => document.querySelector('.bar').getBoundingClientRect().width")
    assert 0.45 < width / full < 0.55
    shot(p, "targets")
    row.get_by_role("link", name="20.1亿元").click()
    p.wait_for_url(re.compile(r"/doc/\d+#fact-\d+$"))


def test_browser_editing_dashboard_opens_on_the_demo_corpus(page: Watched, tmp_path: Path) -> None:
    """Over the bundled demo corpus the overview offers comparisons of many zones, and compare
    opens on the one the most zones answer."""
    from importlib import resources

    from playwright.sync_api import expect

    from zhibiao.serve import create_app

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    with Store(url) as store:
        store.ingest([Path(str(resources.files("zhibiao") / "samples"))])
    p = page.page
    with serving(create_app(url)) as base:
        p.goto(base + "/")
        first = p.locator(".chips li").first
        expect(first).to_contain_text("地区生产总值 · 2023H1")
        shot(p, "demo-overview")
        p.goto(base + "/compare")
        expect(p.locator("#compare-table tbody tr")).to_have_count(15)
        shot(p, "demo-compare")
        p.goto(base + "/")
        expect(p.locator("#unresolved")).to_contain_text("2023年国家级经济技术开发区主要经济指标情况")
