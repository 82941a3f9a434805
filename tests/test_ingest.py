"""zhibiao.ingest: decoding bytes, HTML to text, e-paper trailers."""

from __future__ import annotations

import doctest
import os
import random

import pytest

import zhibiao.ingest.decode
import zhibiao.ingest.document
import zhibiao.ingest.epaper
import zhibiao.ingest.htmltext
import zhibiao.ingest.metadata
import zhibiao.ingest.records
import zhibiao.ingest.walk
from zhibiao.errors import DocumentError
from zhibiao.ingest import decode_bytes, html_to_text, parse_epaper
from zhibiao.ingest.metadata import to_iso_date
from zhibiao.model import DocMeta

# --------------------------------------------------------------------------------------------
# decode_bytes


@pytest.mark.parametrize(
    ("which", "encoding"),
    [
        ("simplified", "utf-8"),
        ("simplified", "utf-8-sig"),
        ("simplified", "gbk"),
        ("simplified", "gb2312"),
        ("simplified", "gb18030"),
        ("simplified", "utf-16"),
        ("traditional", "utf-8"),
        ("traditional", "big5"),
        ("traditional", "cp950"),
        ("traditional", "gb18030"),
    ],
)
def test_decode_bytes_encodings_give_identical_text(
        which: str, encoding: str, simplified_text: str, traditional_text: str) -> None:
    text = simplified_text if which == "simplified" else traditional_text
    assert decode_bytes(text.encode(encoding), "report.txt") == text


def test_decode_bytes_prefers_gb18030_for_characters_outside_gbk(simplified_text: str) -> None:
    # U+20BB7 (𠮷) exists only in GB18030's four-byte area: a GBK decode would fail on it.
    text = simplified_text + "𠮷野家"
    assert decode_bytes(text.encode("gb18030"), "x.txt") == text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "E_EMPTY"),
        (b"  \r\n\t \n", "E_EMPTY"),
        ("\u3000\u3000\n".encode(), "E_EMPTY"),
        (b"\xef\xbb\xbf", "E_EMPTY"),
        (b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(2000), "E_BINARY"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "E_BINARY"),
        (b"PK\x03\x04\x14\x00\x06\x00", "E_BINARY"),
        ("正文".encode() + b"\x00\x00\x01\x02" * 50, "E_BINARY"),
        (bytes(range(1, 9)) * 100, "E_BINARY"),
        (bytes(range(0x80, 0x100)) * 20, "E_ENCODING"),
        (b"\xff" * 200, "E_ENCODING"),
        ("Le café est très bon à côté de la forêt. ".encode("latin-1") * 10, "E_ENCODING"),
    ],
    ids=["zero-bytes", "whitespace", "ideographic-spaces", "bom-only", "png", "pdf", "zip", "nul",
         "control", "high-bytes", "ff-bytes", "latin-1"],
)
def test_decode_bytes_rejects_with_code(data: bytes, code: str) -> None:
    with pytest.raises(DocumentError) as info:
        decode_bytes(data, "bad.txt")
    assert info.value.code == code
    assert info.value.where == "bad.txt"
    assert "\n" not in info.value.message


def test_decode_bytes_random_bytes_are_binary() -> None:
    data = b"\x89PNG\r\n\x1a\n" + os.urandom(4096)
    with pytest.raises(DocumentError, match="E_BINARY"):
        decode_bytes(data, "image.txt")


@pytest.mark.parametrize(("size", "limit", "ok"), [(100, 100, True), (101, 100, False)])
def test_decode_bytes_size_limit(size: int, limit: int, ok: bool) -> None:
    data = b"a" * size
    if ok:
        assert decode_bytes(data, "x", max_bytes=limit) == "a" * size
    else:
        with pytest.raises(DocumentError, match="E_TOO_LARGE"):
            decode_bytes(data, "x", max_bytes=limit)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5"])
def test_decode_bytes_tolerates_a_character_cut_at_the_end(encoding: str, traditional_text: str) -> None:
    data = traditional_text.rstrip().encode(encoding)[:-1]  # the last "。" loses its last byte
    text = decode_bytes(data, "cut.txt")
    assert text == traditional_text.rstrip()[:-1] + "\ufffd"


@pytest.mark.parametrize(
    ("text", "encoding", "declared"),
    [("增长3.1%", "gbk", "gb2312"), ("增長3.1%", "big5", "big5"), ("增长", "gbk", "x-gbk")],
)
def test_decode_bytes_uses_a_declared_charset_for_short_texts(
        text: str, encoding: str, declared: str) -> None:
    assert decode_bytes(text.encode(encoding), "x.html", declared=declared) == text


@pytest.mark.parametrize(("text", "encoding"), [("增長3.1%", "big5"), ("增长3.1%", "gbk")])
def test_decode_bytes_guesses_short_texts(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "short.txt") == text


def test_decode_bytes_ignores_a_non_chinese_declared_charset(simplified_text: str) -> None:
    # Pages declaring ISO-8859-1 while serving GBK are common; Latin-1 would "decode" anything.
    data = simplified_text.encode("gbk")
    assert decode_bytes(data, "x.html", declared="iso-8859-1") == simplified_text


# --------------------------------------------------------------------------------------------
# parse_epaper


def test_epaper_parses_the_bundled_sample(epaper_sample) -> None:
    text = epaper_sample.read_text(encoding="utf-8")
    end, meta = parse_epaper(text)
    assert text[end:].startswith("2023-07-19 干在实处 走在前列 1 1 淮安日报")
    assert text[end - 1] == "\n"
    assert text[:end].rstrip().endswith("枚乘街道负责人作表态发言。")
    assert meta == DocMeta(title="经开区召开攻坚行动动员大会", date="2023-07-19",
                           source_name="淮安日报", page="A06")


TAGGED = ("<!--enpproperty <articleid>220711</articleid><date>2023-07-19 00:00:00.0</date>"
          "<author>杨乐军</author><title>经开区召开攻坚行动动员大会</title><keyword></keyword>"
          "<subtitle></subtitle><introtitle>干在实处 走在前列</introtitle><siteid>1</siteid>"
          "<nodeid>3</nodeid><nodename>淮安日报</nodename><nodesearchname></nodesearchname>"
          "/enpproperty-->")
FOUNDER = ("<!--enpproperty <founder-date>2017-10-09 23:59:57</founder-date>"
           "<founder-pagenum>A01</founder-pagenum><founder-papername>江西日报</founder-papername>"
           "<founder-title>全省经济运行稳中有进</founder-title><founder-type>1</founder-type>"
           " /enpproperty-->")
BODY = "第A06版:淮安经开区\n\n经开区召开攻坚行动动员大会\n\n本报讯 完成一般公共预算收入18.56亿元。\n"
ONE_LINE = "今年上半年,全区完成一般公共预算收入18.56亿元、同比增长36.7%。"


@pytest.mark.parametrize(
    ("text", "end", "meta"),
    [
        (BODY + TAGGED, len(BODY),
         DocMeta(title="经开区召开攻坚行动动员大会", date="2023-07-19", source_name="淮安日报", page="A06")),
        ("正文。\n" + FOUNDER + "\n", 4,
         DocMeta(title="全省经济运行稳中有进", date="2017-10-09", source_name="江西日报", page="A01")),
        (BODY, len(BODY), DocMeta(page="A06")),
        ("第 3 版：要闻\n正文", len("第 3 版：要闻\n正文"), DocMeta(page="3")),
        ("没有版面信息的正文。", len("没有版面信息的正文。"), DocMeta()),
        ("正文结束。2023-07-19 干在实处 1 1 淮安日报 content_1.html 1 3 大会召开 /enpproperty-->", 5,
         DocMeta(title="大会召开", date="2023-07-19", source_name="淮安日报")),
        ("正文。\n2021-3-5 1 2 南京日报 content_9.htm 4 标题 有 空格 /enpproperty-->", 4,
         DocMeta(title="标题 有 空格", date="2021-03-05", source_name="南京日报")),
        ("正文。\n" + TAGGED[:TAGGED.index("<author>")], 4, DocMeta(date="2023-07-19")),
        # a one-line report: the body ends right after its last sentence's "。", not at the line start
        (ONE_LINE + "2023-07-19 干在实处 1 1 淮安日报 content_220711.html 1 3 标题 /enpproperty-->", len(ONE_LINE),
         DocMeta(title="标题", date="2023-07-19", source_name="淮安日报")),
        (ONE_LINE + "220711 2023-07-19 淮安日报 content_220711.html 标题 /enpproperty-->", len(ONE_LINE),
         DocMeta(title="标题", date="2023-07-19", source_name="淮安日报")),
    ],
    ids=["tagged", "founder-tags", "header-only", "header-spaced", "plain", "same-line",
         "stripped-other-order", "cut-comment", "one-line-report", "one-line-report-with-id"],
)
def test_epaper_trailer_forms(text: str, end: int, meta: DocMeta) -> None:
    assert parse_epaper(text) == (end, meta)


# --------------------------------------------------------------------------------------------
# html_to_text

PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>经开区上半年经济运行情况_淮安市人民政府</title>
<meta name="ArticleTitle" content="经开区上半年经济运行情况">
<meta name="PubDate" content="2023-07-19 10:20">
<meta name="ContentSource" content="淮安日报">
<meta name="keywords" content="经开区,经济">
<meta property="og:url" content="https://www.huaian.gov.cn/a/1.html">
<style>p { color: red }</style>
<script type="text/javascript">var secret = "脚本里的18.56亿元"; document.write("<p>no</p>");</script>
</head>
<body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/news">新闻</a></div>
<header><h1>网站标题</h1></header>
<div id="content">
<h1>经开区上半年经济运行情况</h1>
<p>　　今年上半年，完成一般公共预算收入18.56亿元、同比增长36.7%&amp;税占比93.25%。</p>
<p>淮安经济
技术开发区 [bold]数据[/bold] &lt;表&gt;</p>
<table><tr><td>指标</td><td>数值</td></tr><tr><td>地区生产总值</td><td>949.84</td></tr></table>
<p style="display:none">隐藏的文字</p>
<p>未闭合段落<b>加粗
<p>下一段
</div>
<footer>版权所有 淮安市人民政府</footer>
<script>console.log("尾部脚本")</script>
</body></html>
"""


def test_html_text_drops_scripts_and_boilerplate() -> None:
    text, _ = html_to_text(PAGE)
    assert text.split("\n") == [
        "经开区上半年经济运行情况",
        "今年上半年，完成一般公共预算收入18.56亿元、同比增长36.7%&税占比93.25%。",
        "淮安经济技术开发区 [bold]数据[/bold] <表>",
        "指标\t数值",
        "地区生产总值\t949.84",
        "未闭合段落加粗",
        "下一段",
    ]
    for gone in ("脚本", "尾部", "首页", "网站标题", "版权", "隐藏", "color"):
        assert gone not in text


def test_html_meta_from_meta_tags() -> None:
    _, meta = html_to_text(PAGE)
    assert meta == DocMeta(title="经开区上半年经济运行情况", date="2023-07-19", source_name="淮安日报",
                           url="https://www.huaian.gov.cn/a/1.html")


@pytest.mark.parametrize(
    ("head", "meta"),
    [
        ("<title>标题在这里_淮安市人民政府</title>", DocMeta(title="标题在这里")),
        ("<title>标题在这里 - 新华网</title><meta property='og:site_name' content='新华网'>",
         DocMeta(title="标题在这里", source_name="新华网")),
        ('<meta property="og:title" content="OG 标题"><meta property="article:published_time" '
         'content="2024-01-02T08:00:00+08:00"><meta name="source" content="人民网">',
         DocMeta(title="OG 标题", date="2024-01-02", source_name="人民网")),
        ('<meta name="publishdate" content="2022年5月11日"><link rel="canonical" href="https://a.cn/x">',
         DocMeta(date="2022-05-11", url="https://a.cn/x")),
        ('<meta property="article:publisher" content="https://facebook.com/x">', DocMeta()),
        ("<title>未闭合的标题<p>正文</p>", DocMeta(title="未闭合的标题")),
    ],
    ids=["title-site-suffix", "title-dash-suffix", "open-graph", "chinese-date", "publisher-url",
         "unclosed-title"],
)
def test_html_meta_variants(head: str, meta: DocMeta) -> None:
    assert html_to_text(f"<html><head>{head}</head><body><p>正文</p></body></html>")[1] == meta


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<div>导航</div><article><h2>文章</h2><p>正文一</p></article><div>推荐阅读</div>", "文章\n正文一"),
        ("<p>列表</p><article>甲</article><article>乙</article>", "列表\n甲\n乙"),
        ("<div>页面</div><!--enpcontent--><!--enpcontent--><p>报纸正文</p><!--/enpcontent-->"
         "<!--/enpcontent--><div>版权</div>", "报纸正文"),
        ("<div>页面</div><founder-content><p>方正正文</p></founder-content>", "方正正文"),
        ("<form id='form1'><div><p>门户正文</p><input type='text'><button>搜索</button></div></form>",
         "门户正文"),
        ("<p>a<br>b<br/>c</p><pre>  x =  1\n  y</pre>", "a\nb\nc\nx =  1\ny"),
        ("<p>broken <script>alert('x')", "broken"),
        ("</div></span><p>stray end tags</p></p></b>", "stray end tags"),
        ("<svg><title>图标</title></svg><p>正文&nbsp;内容 &#x4E00;&#19968;</p>", "正文\xa0内容 一一"),
    ],
    ids=["single-article", "many-articles", "enpcontent", "founder-content", "aspnet-form",
         "br-and-pre", "unclosed-script", "stray-end-tags", "svg-title-and-entities"],
)
def test_html_text_regions_and_broken_markup(html: str, text: str) -> None:
    assert html_to_text(html)[0] == text


def test_html_meta_from_enpproperty_comment() -> None:
    html = ("<html><head><title>页面</title></head><body><!--enpcontent--><p>正文</p><!--/enpcontent-->"
            + TAGGED + "</body></html>")
    text, meta = html_to_text(html)
    assert text == "正文"
    assert meta == DocMeta(title="经开区召开攻坚行动动员大会", date="2023-07-19", source_name="淮安日报")


# --------------------------------------------------------------------------------------------
# helpers and doctests


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2023-07-19", "2023-07-19"), ("2023/7/9 10:00", "2023-07-09"), ("2023年07月19日", "2023-07-19"),
     ("20230719", "2023-07-19"), ("2023.7.19", "2023-07-19"), ("2023-02-30", None), ("", None),
     (None, None), ("第3版", None)],
)
def test_metadata_iso_dates(value: str | None, iso: str | None) -> None:
    assert to_iso_date(value) == iso


@pytest.mark.parametrize(
    "module",
    [zhibiao.ingest.decode, zhibiao.ingest.document, zhibiao.ingest.epaper, zhibiao.ingest.htmltext,
     zhibiao.ingest.metadata, zhibiao.ingest.records, zhibiao.ingest.walk],
)
def test_ingest_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.failed == 0
