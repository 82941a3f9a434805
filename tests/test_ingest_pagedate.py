"""The date of a web page: <meta> tags, then htmldate, then a dateline (zhibiao.ingest.pagedate)."""

from __future__ import annotations

import pytest

from zhibiao.extract import extract_document
from zhibiao.ingest import document_from_bytes, document_from_text
from zhibiao.ingest.htmltext import html_to_text
from zhibiao.ingest.pagedate import text_date
from zhibiao.model import DocMeta, Indicator

BODY = "<p>1-10月，全县固定资产投资完成246.79亿元，同比增长15.3%，位列三县两区第一。</p>"


@pytest.mark.parametrize(("head", "body", "date", "source"), [
    ('<meta name="PubDate" content="2016-11-22 09:30">', "<p>发布时间：2019-01-01</p>", "2016-11-22", "meta"),
    ("", '<p class="date"><time datetime="2020-10-04">2020-10-04</time></p>', "2020-10-04", "htmldate"),
    ("", "<div><p>首页</p></div><div><h1>标题</h1><p>来源：本网 2019年9月26日 10:09</p>", "2019-09-26", "text"),
    ("", "<p>今天天气很好，没有日期。</p>", None, None),
])
def test_pagedate_reads_meta_first_then_the_page(head: str, body: str, date: str | None, source: str | None) -> None:
    _, meta = html_to_text(f"<html><head>{head}</head><body>{body}{BODY}</body></html>")
    assert (meta.date, meta.date_source) == (date, source)


@pytest.mark.parametrize(("article", "page", "date"), [
    (["标题", "2020-10-04 20:30 来源: 长江网", "正文。"], [], "2020-10-04"),
    (["标题", "正文。"], ["首页", "发布日期：2016年11月22日"], "2016-11-22"),
    (["标题", "正文。"], ["相关新闻", "上半年经济 2019-09-06"], None),  # a list's date is not the page's
    (["标题"] + ["正文。"] * 6 + ["2019-09-06"], [], None),  # a bare date deep in the article is no byline
])
def test_pagedate_text_date(article: list[str], page: list[str], date: str | None) -> None:
    assert text_date(article, page) == date


def test_pagedate_is_the_documents_published_date_and_kept_in_the_record() -> None:
    page = f"<html><body><h1>标题</h1><p>发布时间：2016-11-22</p>{BODY}</body></html>".encode()
    doc = document_from_bytes(page, "in/page.html")
    assert (doc.published, doc.meta.date, doc.meta.date_source) == ("2016-11-22", "2016-11-22", "htmldate")
    assert "date_source" not in doc.meta.to_dict()  # the output record carries it (cli.output_record)


def test_pagedate_given_date_claims_no_source() -> None:
    doc = document_from_text("收入增长5%。2023-07-19 1 淮安日报 content_1.html 3 标题 /enpproperty-->",
                             meta=DocMeta(date="2023-07-20"))
    assert (doc.meta.date, doc.meta.date_source) == ("2023-07-20", None)


def test_pagedate_epaper_page_keeps_its_trailer_date_and_body() -> None:
    html = ("<html><body><div class='nav'>首页</div><!--enpcontent--><p>第A03版：要闻</p><p>收入增长5%。</p>"
            "<!--/enpcontent--><!--enpproperty <date>2023-07-19</date><title>标题</title>"
            "<nodename>淮安日报</nodename>/enpproperty--></body></html>")
    text, meta = html_to_text(html)
    assert text == "第A03版：要闻\n收入增长5%。"
    assert (meta.date, meta.date_source, meta.source_name) == ("2023-07-19", "epaper", "淮安日报")


@pytest.mark.parametrize(("dateline", "period"), [
    ("<p>发布日期：2016-11-22</p>", "2016-01/2016-10"),
    ("", "XXXX-01/XXXX-10"),  # no date anywhere: the year stays unknown
])
def test_pagedate_resolves_the_periods_of_the_page(dateline: str, period: str) -> None:
    page = (f"<html><body><div>首页 要闻</div><h1>德清县固定资产投资</h1>{dateline}<div>{BODY}</div>"
            "</body></html>").encode()
    _, facts = extract_document(document_from_bytes(page, "p.html"))
    assert [f.period for f in facts if isinstance(f, Indicator) and f.name == "固定资产投资"] == [period]
