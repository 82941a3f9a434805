"""Taiwan and Hong Kong phrases, exact offsets whatever the lengths, and any str (zhibiao.normalize)."""

from __future__ import annotations

import bisect
import json
import subprocess
import sys
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhibiao.lexicon import lost_glosses
from zhibiao.normalize import NormText, _convert, normalize, to_simplified
from zhibiao.normalize._convert import convert, regional_table, traditional_chars

DATA = Path(__file__).parents[1] / "data"


def _rewrites() -> list[str]:
    """The keys the regional table rewrites (not the ones it keeps as written, nor the characters a gateway lost,
    which are no OpenCC entries: see the tests of lost glosses below)."""
    lost = lost_glosses()
    return sorted(k for k, v in regional_table().items() if k != v and k not in lost)


# --- conversion -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        # Taiwan phrases (tw2sp), including ones that change length
        ("專案", "项目"),
        ("軟體", "软件"),
        ("資訊", "信息"),
        ("網路", "网络"),
        ("記憶體", "内存"),
        ("計程車", "出租车"),
        ("出口肯亞", "出口肯尼亚"),
        ("今年新簽約專案12個,軟體業營收12億元", "今年新签约项目12个,软件业营收12亿元"),
        # Hong Kong variants (hk2s): t2s alone leaves 衞 as it is
        ("衞生局", "卫生局"),
        # plain traditional text converts as before
        ("區", "区"),
        ("億元", "亿元"),
        ("進出口總額83.04億元", "进出口总额83.04亿元"),
        ("地區生產總值949.84億元", "地区生产总值949.84亿元"),
        # OpenCC's exceptions: a longer word protects the phrase inside it
        ("軟體動物", "软体动物"),
        ("海內存知己", "海内存知己"),
    ],
)
def test_regional_phrases_convert(raw: str, norm: str) -> None:
    assert normalize(raw).text == norm
    assert to_simplified(raw) == norm


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        # a simplified text is never changed, whatever the Taiwan table says of its words
        ("信息网络", "信息网络"),
        ("新增就业3000人", "新增就业3000人"),
        ("尼日利亚", "尼日利亚"),
        # ... not even next to traditional characters (a key needs a traditional character)
        ("信息网络、新增就业、审批程序、智慧城市、尼日利亚,全區",
         "信息网络、新增就业、审批程序、智慧城市、尼日利亚,全区"),
        ("新增就業", "新增就业"),
        ("顯著增長", "显著增长"),
        # Taiwan spellings whose simplified form is an everyday mainland word stay as written
        ("經濟指標", "经济指标"),
        ("預算執行率", "预算执行率"),
        ("本報通訊員", "本报通讯员"),
        ("資料圖", "资料图"),
        ("哈薩克族", "哈萨克族"),
        # keys that would straddle two words
        ("區內建築業", "区内建筑业"),
        ("直線上升", "直线上升"),
        ("補貼上調", "补贴上调"),
        ("大多數位於市區", "大多数位于市区"),
        ("投資訊息", "投资讯息"),
        ("歐萊雅", "欧莱雅"),
    ],
)
def test_regional_table_leaves_mainland_words_alone(raw: str, norm: str) -> None:
    assert normalize(raw).text == norm


def test_simplified_text_does_not_reach_opencc(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(text: str, **_: object) -> object:
        raise AssertionError("converted a simplified text")

    monkeypatch.setattr("zhibiao.normalize.convert", boom)
    text = "地区生产总值949.84亿元,信息网络、软件业营收12亿元"
    assert normalize(text).text == text
    assert to_simplified(text) is text


def test_every_rewrite_converts_as_opencc_does() -> None:
    """The tables are OpenCC's: each key the table rewrites, alone, gives what tw2sp or hk2s gives."""
    tw2sp, hk2s = opencc.OpenCC("tw2sp"), opencc.OpenCC("hk2s")
    tables = ("TWPhrasesRev", "TWVariantsRevPhrases", "TWVariantsRev")
    taiwan = {k for name in tables for k, _ in _convert._entries(name)}
    rewrites = _rewrites()
    assert len(rewrites) > 400
    wrong = [k for k in rewrites if convert(k)[0] != (tw2sp if k in taiwan else hk2s).convert(k)]
    assert wrong == []


def test_tables_are_those_of_the_installed_opencc() -> None:
    from zhibiao.normalize import _gen_tables, _opencc_tables

    assert opencc.__version__ == _opencc_tables.OPENCC_VERSION
    try:
        rendered = _gen_tables.render()
    except (OSError, RuntimeError) as e:  # an OpenCC without its opencc_dict tool
        pytest.skip(f"cannot dump the installed dictionaries: {e}")
    assert rendered == Path(_opencc_tables.__file__).read_text(encoding="utf-8")


def test_table_order_is_the_generators() -> None:
    from zhibiao.normalize import _gen_tables

    assert _convert._TABLE_ORDER == _gen_tables.TABLES


def test_kept_phrases_are_left_as_written() -> None:
    """data/regional_keep.txt: each phrase once, each holding a traditional character, and each
    converted by t2s alone (no regional replacement, none inside it either)."""
    from zhibiao.lexicon import _read, regional_keep

    lines = [line.partition("#")[0].strip() for line in _read("regional_keep.txt").splitlines()]
    phrases = [line for line in lines if line]
    assert len(phrases) == len(set(phrases)) == len(regional_keep()) > 90
    table, trad = regional_table(), _convert.traditional_set()
    assert [k for k in phrases if trad.isdisjoint(k) or table.get(k) != k] == []
    assert [k for k in phrases if convert(k) != (_convert.t2s(k), [])] == []


# --- the two engines ------------------------------------------------------------------------------

def _dev_texts() -> list[str]:
    texts = []
    for path in sorted(DATA.glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def test_opencc_engine_is_built() -> None:
    assert _convert._opencc_engine() is not None


@pytest.mark.parametrize("config", ["s2t", "s2twp", "s2hk"])
def test_engines_agree_on_the_dev_corpus(config: str) -> None:
    conv = opencc.OpenCC(config)
    texts = [conv.convert(t) for t in _dev_texts()]
    assert texts
    assert [convert(t) for t in texts] == [convert(t, use_opencc=False) for t in texts]


def test_fallback_engine_when_opencc_configuration_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_convert, "_opencc_engine", lambda: None)
    n = normalize("記憶體１２８ＧＢ,軟體")
    assert n.text == "内存128GB,软件"
    assert n.quote(0, 2)[0] == "記憶體"


def test_t2s_keeps_the_length_if_opencc_would_not(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stretching:  # a converter whose dictionaries write two characters for 區
        def convert(self, text: str) -> str:
            return text.replace("區", "地区").replace("億", "亿")

    monkeypatch.setattr(_convert, "_t2s", Stretching)
    assert _convert.t2s("全區\n83億") == "全區\n83亿"


# --- offsets --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "phrase", "original"),
    [
        ("記憶體容量", "内存", "記憶體"),
        ("搭計程車上班", "出租车", "計程車"),
        ("出口肯亞", "肯尼亚", "肯亞"),
        ("資訊業產值", "信息", "資訊"),
        ("一般預算收入１８.\n５６億元,記憶體", "内存", "記憶體"),  # after whitespace removed from a figure
    ],
)
def test_quote_of_a_converted_phrase_is_the_original_phrase(raw: str, phrase: str, original: str) -> None:
    n = normalize(raw)
    start = n.text.index(phrase)
    end = start + len(phrase)
    quote, rs, re_ = n.quote(start, end)
    assert (quote, raw[rs:re_]) == (original, original)
    assert n.norm_pos(rs) == start and n.norm_pos(re_) == end
    for i in range(start, end):  # a span inside the converted phrase grows to the whole original one
        assert n.quote(i, i + 1)[0] == original
        assert n.quote(start, i + 1)[0] == original


@pytest.mark.parametrize(
    ("raw", "positions", "expected"),
    [
        ("記憶體容量", [0, 1, 2, 3, 4, 5], [0, 0, 0, 2, 3, 4]),  # inside 記憶體: the start of 内存
        ("收入18. 56亿元", [0, 4, 5, 6, 7, 99, -3], [0, 4, 5, 5, 6, 9, 0]),  # in removed space: next
        ("收入18亿元", [0, 3, 6, 7], [0, 3, 6, 6]),  # identity, clamped to the text
    ],
)
def test_norm_pos(raw: str, positions: list[int], expected: list[int]) -> None:
    n = normalize(raw)
    assert [n.norm_pos(p) for p in positions] == expected


def test_norm_pos_is_the_extractors_bisect_when_no_phrase_changed() -> None:
    n = normalize("一般預算收入１８.\n５６億元、同比增長36.7%")
    assert n.index is not None and n.ends is None
    assert [n.norm_pos(p) for p in range(len(n.raw) + 2)] == [
        bisect.bisect_left(n.index, p) for p in range(len(n.raw) + 2)]


# --- any str --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("進出口總額83.04億元\ud800", "进出口总额83.04亿元\ufffd"),
        ("\udfff記憶體\ud83d\ude00", "\ufffd内存\ufffd\ufffd"),  # a pair of surrogates is two lone ones in a str
        ("全區\x00記憶體", "全区\x00内存"),
        ("記憶體\U000f0000\U000f0001網路", "内存\ufffd\ufffd网络"),  # the conversion's markers, written by the text
        ("收入\ud80018.56亿元", "收入\ufffd18.56亿元"),
    ],
)
def test_any_str_is_taken(raw: str, norm: str) -> None:
    n = normalize(raw)
    assert n.text == norm
    assert n.quote(0, len(n.text)) == (raw, 0, len(raw))


def test_to_simplified_keeps_what_it_cannot_convert() -> None:
    assert to_simplified("記憶體\ud800區\U000f0001網路") == "内存\ud800区\U000f0001网络"


def test_huge_text() -> None:
    raw = "全區軟體業營收１２億元,記憶體\n" * 20_000
    n = normalize(raw)
    assert n.text.count("软件业营收12亿元,内存") == 20_000
    end = len(n.text)
    assert n.quote(end - 3, end)[0] == "記憶體\n"


# --- properties -----------------------------------------------------------------------------------

_ANY_CHAR = st.characters(exclude_categories=())  # surrogates (Cs) included
_TRADITIONAL_WORDS = ["地區生產總值", "億元", "進出口總額", "同比增長", "經濟指標", "執行", "顯著", "乾隆", "臺灣",
                      "衞生", "資料", "區內建築", "數位於"]
_OTHER_PIECES = ["信息网络", "新增", "程序", "１８.\n５６", "18. 56", "亿\n元", "12", "\n", " ", "。", "%",
                 "實(shí)現", "\ud800", "\U000f0001", "\x00"]


def _mixes() -> st.SearchStrategy[str]:
    pieces = st.one_of(st.sampled_from(_rewrites()), st.sampled_from(_TRADITIONAL_WORDS),
                       st.sampled_from(_OTHER_PIECES), st.text(_ANY_CHAR, max_size=4))
    return st.lists(pieces, max_size=25).map("".join)


def _check_offsets(n: NormText, data: st.DataObject) -> None:
    size, raw_len = len(n.text), len(n.raw)
    if n.index is not None:
        assert len(n.index) == size and list(n.index) == sorted(n.index)
        ends = n.ends if n.ends is not None else tuple(i + 1 for i in n.index)
        assert len(ends) == size and list(ends) == sorted(ends)
        assert all(0 <= s < e <= raw_len for s, e in zip(n.index, ends, strict=True))
    a1, a2, b1, b2 = sorted(data.draw(st.lists(st.integers(0, size), min_size=4, max_size=4)))
    for a, b in ((a1, b1), (a1, b2), (a2, b1), (a2, b2)):
        quote, rs, re_ = n.quote(a, b)
        assert 0 <= rs <= re_ <= raw_len and quote == n.raw[rs:re_]
    assert n.raw_span(a1, b1)[0] <= n.raw_span(a2, b1)[0]  # monotonic in the start
    assert n.raw_span(a1, b1)[1] <= n.raw_span(a1, b2)[1]  # and in the end
    if a1 < b2:
        rs, re_ = n.raw_span(b2, a1)  # a reversed span is the empty one at its start
        assert rs == re_ == n.raw_span(b2, b2)[0]
    positions = sorted(data.draw(st.lists(st.integers(-2, raw_len + 2), max_size=6)))
    norm = [n.norm_pos(p) for p in positions]
    assert norm == sorted(norm) and all(0 <= p <= size for p in norm)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_ANY_CHAR, max_size=300), st.data())
def test_any_text_normalises_with_exact_offsets(raw: str, data: st.DataObject) -> None:
    n = normalize(raw)
    _check_offsets(n, data)
    assert to_simplified(raw).count("\ud800") == raw.count("\ud800")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mixes(), st.data())
def test_mixed_text_normalises_with_exact_offsets(raw: str, data: st.DataObject) -> None:
    n = normalize(raw)
    _check_offsets(n, data)
    assert not any(k in n.text for k in _rewrites())
    assert to_simplified(n.text) == n.text  # nothing traditional left to convert


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_rewrites()), st.sampled_from(_OTHER_PIECES + _TRADITIONAL_WORDS)),
                min_size=1, max_size=12))
def test_quote_of_every_converted_phrase_is_the_whole_original(pairs: list[tuple[str, str]]) -> None:
    raw, spans = "", []
    for key, filler in pairs:  # "。" keeps a key from running into its neighbours
        raw += "。"
        spans.append((len(raw), len(raw) + len(key)))
        raw += key + "。" + filler
    n = normalize(raw)
    for start, end in spans:
        a, b = n.norm_pos(start), n.norm_pos(end)
        assert n.quote(a, b) == (raw[start:end], start, end)
        if b > a:
            assert n.quote(a, a + 1)[0] == raw[start:end] or end - start == 1 == b - a


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mixes())
def test_engines_agree(raw: str) -> None:
    assert convert(raw) == convert(raw, use_opencc=False)


_SIMPLIFIED_WORDS = ["信息网络", "新增就业", "程序", "智慧城市", "指标", "12亿元", "，", "\n"]


@settings(deadline=None)  # the first example builds the OpenCC converter
@given(st.lists(st.sampled_from(_SIMPLIFIED_WORDS), max_size=20).map("".join))
def test_simplified_part_of_a_mixed_text_is_untouched(simplified: str) -> None:
    assert not traditional_chars().search(simplified)
    # (the simplified part normalised as it is alone, before the same mark: spaces and breaks a page put before a
    # clause mark go in both)
    assert normalize(simplified + "。全區記憶體").text.startswith(normalize(simplified + "。").text)
    assert normalize(simplified + "。").text.replace("\n", "") == simplified.replace("，", ",").replace("\n", "") + "。"


def test_a_simplified_text_never_loads_opencc() -> None:
    """The traditional characters are generated with the tables: telling a simplified text apart
    (every report but a few) needs no OpenCC, whose dictionaries take milliseconds to load."""
    code = ("import sys; from zhibiao.normalize import normalize; normalize('上半年收入增长5%'); "
            "print('opencc' in sys.modules); normalize('上半年收入增長5%'); print('opencc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


@pytest.mark.parametrize(("raw", "norm"), [
    ("通讯员刘象乾表示,全区增长5%", "通讯员刘象乾表示,全区增长5%"),  # 乾 alone marks no traditional text
    ("於志强主持会议", "於志强主持会议"),  # nor 於, a family name
    ("乾隆年間增長5%", "乾隆年间增长5%"),  # with other traditional characters it converts
    ("後天免疫缺乏症候群", "获得性免疫缺陷综合征"),  # and a regional phrase of shared characters still does
])
def test_characters_gb2312_shares_mark_no_traditional_text(raw: str, norm: str) -> None:
    assert normalize(raw).text == norm


# --- characters a gateway lost with their gloss -----------------------------------------------------------------


@pytest.mark.parametrize(("run", "char"), sorted(lost_glosses().items()))
def test_lost_gloss_reads_back_its_character_in_either_script(run: str, char: str) -> None:
    """data/lost_glosses.txt: each run stands for one character, in a traditional text and a simplified one, and the
    quote of what it became is the run as written, with the character before it."""
    assert run.startswith("?") and run.endswith(")") and len(char) == 1
    for before, after in (("百", "縣"), ("百", "县")):
        raw = f"全國{before}{run}{after}名單" if after == "縣" else f"全国{before}{run}{after}名单"
        n = normalize(raw)
        assert n.text == f"全国{before}{char}县名单"
        assert n.quote(2, 4)[0] == f"{before}{run}"


def test_lost_gloss_table_rows_are_whole() -> None:
    """Every row of data/lost_glosses.txt is a run and one character: no row is dropped silently."""
    from zhibiao.lexicon import _read

    rows = [line for line in _read("lost_glosses.txt").splitlines() if line.strip() and not line.startswith("#")]
    assert len(rows) == len(lost_glosses()) >= 2
