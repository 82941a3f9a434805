"""The anchor gates (zhibiao.anchors): a gate that finds nothing must mean the shape finds nothing.

Every shape of ``grammar.toml`` with anchors is checked on the dev reports and the case table, on
the same texts with the anchors taken out (where the shape matched, removing every anchor must leave
no match), and on random texts made of the shape's own characters; extraction with the gates off
(``ZHIBIAO_ANCHOR_GATES=0``) must give the same facts as with them on.
"""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao import anchors, extract_document, recache
from zhibiao.anchors import anchor_gate, required_chars
from zhibiao.ingest import document_from_text
from zhibiao.lexicon import grammar_shapes, pattern, pattern_source

ROOT = Path(__file__).parents[1]
_SENTENCE = re.compile(r"[^。;\n]+[。;\n]?")


@cache
def _texts() -> tuple[str, ...]:
    out = []
    for f in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        out += [json.loads(line)["text"] for line in f.read_text("utf-8").splitlines() if line.strip()]
    cases = tomllib.loads((ROOT / "tests" / "cases" / "extract_cases.toml").read_text("utf-8"))["case"]
    out += [c["text"] for c in cases]
    return tuple(out)


@cache
def _sentences() -> tuple[str, ...]:
    return tuple(m.group(0) for t in _texts() for m in _SENTENCE.finditer(t))


def _gated_shapes() -> list[str]:
    keys = [f"{group}.{name}" for group, shapes in grammar_shapes().items() for name in shapes
            if not name.startswith("_")]
    return [k for k in keys if required_chars(pattern_source(k))]


def test_most_shapes_have_anchors() -> None:
    """The derivation reads the shapes as written: most of them need some character."""
    assert len(_gated_shapes()) > 200


@pytest.mark.parametrize("source, anchors_expected", [
    ("第(?P<n>\\d+)名", {"第"}),
    ("(?:分别|依次)为", {"为"}),  # the smallest set: one character
    ("(?:分别|依次)", {"分", "依"}),
    ("[甲乙丙]+强", {"强"}),
    ("\\d+(?:万|亿)?元", {"元"}),
    ("(?<!同)比(?!上年)", {"比"}),
    ("\\d+", None),
    ("(?=第)\\d+", None),  # a lookahead may look past the range searched: nothing certain
    ("第?\\d+", None),  # an optional part is not needed
    ("(?i)top\\d", None),  # ignored case: not derived
    ("[^第]+", None),
    ("(第|\\d)名?", None),  # one alternative needs nothing certain: neither does the whole
    ("(a)\\1", frozenset("a")),  # a back reference needs nothing, the group does
])
def test_required_chars(source: str, anchors_expected: set[str] | None) -> None:
    assert required_chars(source) == (frozenset(anchors_expected) if anchors_expected is not None else None)


def test_no_match_where_the_gate_finds_no_anchor_in_real_text() -> None:
    """On every sentence of the dev reports and the case table, and on each with every anchor of the
    shape taken out: a gate that finds nothing means the shape finds nothing."""
    sentences = _sentences()
    assert len(sentences) > 1000
    for key in _gated_shapes():
        rx, gate = pattern(key), anchor_gate(key)
        assert gate is not None
        strip = str.maketrans("", "", "".join(required_chars(pattern_source(key)) or ()))
        for sent in sentences:
            if gate.search(sent) is None:
                assert rx.search(sent) is None, (key, sent)
            elif rx.search(sent) is not None:
                cut = sent.translate(strip)
                assert gate.search(cut) is None and rx.search(cut) is None, (key, sent)


@cache
def _alphabet(key: str) -> str:
    """The characters a random text for ``key`` is made of: the shape's own, and some others."""
    own = {c for c in pattern_source(key) if not c.isascii() or c.isalnum() or c in "%.:-"}
    return "".join(sorted(own | set("0123456789,。、的年月第甲乙"))) or "x"


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_no_match_where_the_gate_finds_no_anchor_in_random_text(data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(_gated_shapes()))
    text = data.draw(st.text(alphabet=_alphabet(key), max_size=40))
    gate = anchor_gate(key)
    assert gate is not None
    if gate.search(text) is None:
        assert pattern(key).search(text) is None


def _facts(texts: tuple[str, ...]) -> list[str]:
    out = []
    for i, text in enumerate(texts):
        doc = document_from_text(text, doc_id=f"t{i}", published="2023-07-19")
        out += [json.dumps(dataclasses.asdict(f), ensure_ascii=False, default=str, sort_keys=True)
                for f in extract_document(doc)[1]]
    return out


def test_gated_and_ungated_extraction_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dev reports and the case table give the same facts with every gate off."""
    texts = _texts()
    anchor_gate.cache_clear()
    gated = _facts(texts)
    monkeypatch.setenv("ZHIBIAO_ANCHOR_GATES", "0")
    anchor_gate.cache_clear()
    try:
        assert anchor_gate("rankings.series_item") is None
        ungated = _facts(texts)
    finally:
        monkeypatch.delenv("ZHIBIAO_ANCHOR_GATES")
        anchor_gate.cache_clear()
    assert len(gated) > 1000
    assert gated == ungated
    assert anchors.anchor_gate("rankings.series_item") is not None


# ---------------------------------------------------------------- patterns told what their matches start with
def _sources() -> list[str]:
    """Every shape of grammar.toml and the regexes the rules make of the data (the figure grammar, the
    openers of names), and those of the sentence ends and of the removable gaps."""
    from zhibiao.extract import names, segment
    from zhibiao.extract.quantities import figure_regex
    from zhibiao.normalize import _GAP_SOURCE

    keys = [f"{group}.{name}" for group, shapes in grammar_shapes().items() for name in shapes
            if not name.startswith("_")]
    return [*(pattern_source(k) for k in keys), figure_regex().pattern, names.first_of(names._OPENERS).pattern,
            segment._SENTENCE_END_SOURCE, _GAP_SOURCE]


@cache
def _both(source: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the pattern as the rules get it, told what its matches start with; as re.compile makes it)."""
    return recache._fresh(source, 0)[0], re.compile(source)


def _found(rx: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> list[object]:
    end = len(text) if endpos is None else endpos
    return [(m.span(), m.groups()) for m in rx.finditer(text, pos, end)]


def test_most_patterns_are_told_their_start() -> None:
    """Most shapes open with a group or an alternation the engine would try at every place."""
    told = [s for s in _sources() if _both(s)[0] != _both(s)[1]]
    assert len(told) > 150


def test_told_patterns_find_what_re_compile_finds_in_real_text() -> None:
    """On the dev reports and the case table, whole and sentence by sentence (a search from inside
    the text, as the rules do): the same matches, groups and spans."""
    texts = _texts()
    for source in _sources():
        fast, plain = _both(source)
        if fast == plain:
            continue
        for text in texts:
            assert _found(fast, text) == _found(plain, text), source
            for m in _SENTENCE.finditer(text):
                assert _found(fast, text, m.start(), m.end()) == _found(plain, text, m.start(), m.end()), source
                assert (fast.search(text, m.start(), m.end()) is None) == (plain.search(text, m.start(), m.end())
                                                                              is None)


@cache
def _told_sources() -> list[str]:
    return [s for s in _sources() if _both(s)[0] != _both(s)[1]]


@cache
def _source_alphabet(source: str) -> str:
    own = {c for c in source if not c.isascii() or c.isalnum() or c in "%.:-()"}
    return "".join(sorted(own | set("0123456789,。、的年月第甲乙 \n")))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_told_patterns_find_what_re_compile_finds_in_random_text(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(_told_sources()))
    text = data.draw(st.text(alphabet=_source_alphabet(source), max_size=40))
    pos = data.draw(st.integers(0, len(text)))
    fast, plain = _both(source)
    assert _found(fast, text, pos) == _found(plain, text, pos)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("source, text", [
    ("(?<![同环可])比(?!上年)[\u4e00-\u9fff]", "同比增长,比上年高,环比,比全省"),
    ("(?:\\d+|[一二三])(?:个|家)", "新增3个项目,一家企业,两家"),
    ("(?P<a>第)?(?P<n>\\d+)名", "排名第3名,5名,第12名"),
    ("\\b[a-z]+\\d|(?=[甲乙])[\u4e00-\u9fff]{2}", "ab1 甲方乙 丙丁 x9"),
])
def test_told_patterns_on_edge_shapes(source: str, text: str) -> None:
    """Optional openers, lookbehinds, lookaheads and word boundaries before the first character."""
    fast, plain = recache._fresh(source, 0)[0], re.compile(source)
    assert fast != plain  # (each of these is told its start)
    for pos in range(len(text) + 1):
        assert _found(fast, text, pos) == _found(plain, text, pos)
