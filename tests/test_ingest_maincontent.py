"""The article of a web page and nothing else (zhibiao.ingest.maincontent through html_to_text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.ingest import document_from_bytes
from zhibiao.ingest.htmltext import _ArticleParser, html_to_text
from zhibiao.ingest.maincontent import chrome_name, page_lines

ARTICLE = ("<div class='txt'><p>1-10月，全县固定资产投资完成246.79亿元，同比增长15.3%，位列三县两区第一。</p>"
           "<p>其中第三产业投资完成119.90亿元，同比增长15.2%，三产占比与去年持平。</p>"
           "<p>工业投资完成80.5亿元，增长12.1%，其中技改投资增长20.3%，高于全部投资5个百分点。</p></div>")
NAV = "<div class='top'><a href='/'>首页</a> <a href='/a'>要闻</a> <a href='/b'>政策</a></div>"
RELATED = ("<div class='list'><p>相关新闻</p><ul>" + "".join(
    f"<li><a href='/{i}'>前三季度全市地区生产总值增长{i}.5%</a></li>" for i in range(5)) + "</ul></div>")
COMMENTS = ("<div class='comment-box'><p>网友甲：去年我们这里投资才100亿元，今年翻了一倍还多。</p>"
            "<p>网友乙：房价涨了30%，工资一分没涨，统计数字看看就好。</p></div>")
HEAD = "<h1>1-10月德清县固定资产投资结构趋稳趋优</h1><p>发布日期：2016-11-22 信息来源：省发改委</p>"


def _page(*parts: str) -> str:
    return "<html><head><title>标题</title></head><body>" + "".join(parts) + "</body></html>"


@pytest.mark.parametrize(("name", "html", "kept", "dropped"), [
    ("navigation, related links and comments around a div", _page(NAV, HEAD, ARTICLE, RELATED, COMMENTS),
     ["全县固定资产投资完成246.79亿元", "三产占比与去年持平", "技改投资增长20.3%", "1-10月德清县", "发布日期"],
     ["首页", "相关新闻", "增长0.5%", "网友甲", "房价涨了30%"]),
    ("share bar, previous/next and editor", _page(HEAD, "<div>分享到： 微信 微博</div>", ARTICLE,
                                              "<p>责任编辑：张三</p><p>上一篇：三季度经济</p><p>打印 关闭</p>"),
     ["同比增长15.3%"], ["分享到", "责任编辑", "上一篇", "打印"]),
    ("a related head ends the article's block", _page(
        "<div>" + ARTICLE + "<p>相关阅读</p><p>前三季度全市实现地区生产总值3100亿元，增长6.8%。</p></div>"),
     ["同比增长15.2%"], ["相关阅读", "3100亿元"]),
    ("an article sentence that is a link stays", _page(
        NAV, ARTICLE.replace("</div>", "<p><a href='/x'>全年新增减税降费超过120亿元，惠及3.6万户。</a></p></div>")),
     ["新增减税降费超过120亿元"], ["要闻"]),
    ("lists in the article become plain lines", _page(
        "<div>" + ARTICLE + "<ul><li>出口增长8.1%，好于全省水平。</li><li>进口下降2.3%，降幅收窄。</li></ul></div>"),
     ["出口增长8.1%，好于全省水平。", "进口下降2.3%，降幅收窄。"], ["- 出口", "* 出口"]),
])
def test_maincontent_keeps_the_article_and_drops_page_chrome(name: str, html: str, kept: list[str],
                                                              dropped: list[str]) -> None:
    text, _ = html_to_text(html)
    for piece in kept:
        assert piece in text, name
    for piece in dropped:
        assert piece not in text, name


def test_maincontent_keeps_a_last_paragraph_set_apart_in_the_next_block() -> None:
    # a short closing paragraph in a block of its own scores little, but holds a figure: kept
    html = _page(NAV, ARTICLE, "<div class='end'><p>全年预计完成固定资产投资300亿元，增长10%以上。</p></div>", RELATED)
    text = html_to_text(html)[0]
    assert "全年预计完成固定资产投资300亿元，增长10%以上。" in text and "相关新闻" not in text


@pytest.mark.parametrize("marker", [
    "<!--enpproperty <date>2023-07-19</date><nodename>淮安日报</nodename>/enpproperty-->",  # the trailer
    "",  # only the 第A03版 header
])
def test_maincontent_leaves_epaper_pages_as_they_were_read(marker: str) -> None:
    # an e-paper export without an enpcontent region: its whole text, header, lists and all, as before
    html = _page("<p>第A03版：要闻</p>", NAV, ARTICLE, RELATED, marker)
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    doc = document_from_bytes(html.encode(), "a03.html")
    assert doc.text == "\n".join(page_lines(parser.tree))
    assert doc.meta.page == "A03" and "相关新闻" in doc.text


def test_maincontent_keeps_the_rest_when_a_head_comes_before_most_of_the_article() -> None:
    # "相关新闻" as an early subheading: most of the prose is after it, so it ends nothing
    html = _page("<div><p>相关新闻</p>" + ARTICLE + "</div>")
    assert "技改投资增长20.3%" in html_to_text(html)[0]


def test_maincontent_article_element_loses_its_share_bar_and_credits() -> None:
    html = _page(NAV, "<article><h1>标题</h1><p>分享到：</p>", ARTICLE, "<p>责任编辑：李四</p></article>")
    text = html_to_text(html)[0]
    assert "246.79亿元" in text and "分享到" not in text and "李四" not in text and "要闻" not in text


def test_maincontent_chrome_class_on_a_page_wrapper_names_no_chrome() -> None:
    # a layout class (sidebar-collapsed) on the element around everything must not drop the article
    html = _page("<div class='main-with-sidebar'>", NAV, ARTICLE, "</div>")
    assert "246.79亿元" in html_to_text(html)[0]


@pytest.mark.parametrize(("names", "chrome"), [
    ("comment-list", True), ("relatedNews", True), ("footer", True), ("bdsharebuttonbox", True),
    ("article-content", False), ("TRS_Editor", False), ("", False),
])
def test_maincontent_chrome_names(names: str, chrome: bool) -> None:
    assert chrome_name(names) is chrome


_TAGS = st.sampled_from(["div", "p", "a", "span", "li", "ul", "td", "tr", "table", "h1", "article", "main",
                         "section", "br", "font", "div class='comment'", "div id='footer'"])
_PIECES = st.one_of(
    st.builds(lambda t: f"<{t}>", _TAGS), st.builds(lambda t: f"</{t.split()[0]}>", _TAGS),
    st.sampled_from(["上一篇：", "责任编辑：王五", "相关新闻", "收入18.56亿元，增长5%。", "分享到", "\n", " "]),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_maincontent_never_fails_and_keeps_lines_of_the_page(pieces: list[str]) -> None:
    html = "".join(pieces)
    text, _ = html_to_text(html)
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    lines = set(page_lines(parser.tree))
    # every line of the article is a line of the page as it shows, verbatim
    assert all(line in lines for line in text.split("\n") if line)
