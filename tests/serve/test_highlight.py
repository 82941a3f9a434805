"""Evidence highlighting: escaped text, one element per fact holding exactly its quote, nested
and crossing spans, spans outside the text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from zhibiao.serve.highlight import EvidenceSpan, highlight


class _Marks(HTMLParser):
    """The text of the page and of every <mark> (by fact id, pieces joined), tags well nested."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.open: list[str] = []
        self.by_fact: dict[str, list[str]] = {}
        self.by_id: dict[str, list[str]] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        assert tag == "mark" and a["data-fact"]
        self.open.append(a["data-fact"] or "")
        self.by_fact.setdefault(a["data-fact"] or "", []).append("")
        if a.get("id"):
            self.by_id[a["id"] or ""] = self.by_fact[a["data-fact"] or ""]

    def handle_endtag(self, tag: str) -> None:
        assert tag == "mark" and self.open
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for fact in self.open:
            self.by_fact[fact][-1] += data


def _parse(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    parser.close()
    assert not parser.open
    return parser


TEXT = "会上,淮安经开区领导刘晓松、朱峰、葛玉海分别就上半年工作发言。收入18.56亿元、同比增长36.7%。"


def _span(quote: str, fact: int, kind: str = "person", text: str = TEXT) -> EvidenceSpan:
    start = text.index(quote)
    return EvidenceSpan(start, start + len(quote), fact, kind, quote)


def test_highlight_nested_spans_hold_their_quotes() -> None:
    quotes = ["淮安经开区领导刘晓松", "淮安经开区领导刘晓松、朱峰", "淮安经开区领导刘晓松、朱峰、葛玉海",
              "18.56亿元、同比增长36.7%"]
    spans = [_span(q, i + 1, "indicator" if "亿" in q else "person") for i, q in enumerate(quotes)]
    parsed = _parse(str(highlight(TEXT, spans)))
    assert "".join(parsed.text) == TEXT
    for i, quote in enumerate(quotes, start=1):
        assert parsed.by_id[f"fact-{i}"] == [quote]   # one element, exactly the quote


def test_highlight_crossing_spans_are_cut_and_continued() -> None:
    a, b = _span("领导刘晓松、朱峰", 1), _span("朱峰、葛玉海分别", 2)   # they share 朱峰
    html = str(highlight(TEXT, [a, b]))
    parsed = _parse(html)
    assert "".join(parsed.text) == TEXT
    assert "".join(parsed.by_fact["1"]) == "领导刘晓松、朱峰"
    assert "".join(parsed.by_fact["2"]) == "朱峰、葛玉海分别"
    assert html.count('id="fact-2"') == 1 and "ev-cont" in html


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "&lt;already escaped&gt; & ' \"",
])
def test_highlight_escapes_text_inside_and_outside_marks(hostile: str) -> None:
    text = f"前言{hostile}收入{hostile}18.56亿元后记{hostile}"
    start = text.index("收入")
    span = EvidenceSpan(start, text.index("后记"), 9, "indicator", f"标签{hostile}")
    html = str(highlight(text, [span]))
    assert "<script" not in html and "<img" not in html
    assert re.findall(r"<(\w+)", html) == ["mark"]   # the only element is the highlight
    parsed = _parse(html)   # and reading the page back gives the text as written
    assert "".join(parsed.text) == text
    assert parsed.by_id["fact-9"] == [text[start:text.index("后记")]]


@pytest.mark.parametrize(("start", "end"), [(-5, 3), (0, 0), (5, 2), (len(TEXT) - 2, len(TEXT) + 50)])
def test_highlight_clips_or_drops_spans_outside_the_text(start: int, end: int) -> None:
    parsed = _parse(str(highlight(TEXT, [EvidenceSpan(start, end, 1, "indicator")])))
    assert "".join(parsed.text) == TEXT
    clipped = TEXT[max(0, start):min(len(TEXT), end)]
    assert parsed.by_fact.get("1", [""]) == ([clipped] if clipped else [""])


def test_highlight_unknown_kind_gets_a_neutral_class() -> None:
    html = str(highlight("abc", [EvidenceSpan(0, 1, 1, 'x" onclick="alert(1)')]))
    assert 'class="ev ev-other"' in html and "onclick" not in html
