"""Invariants of the extractor on arbitrary and mutated text (hypothesis).

``extract`` never raises on any ``str`` (lone surrogates, NUL, 500-digit figures included); every
number of every fact is finite and below 10**18 (the range the extractor allows a figure in its
base unit: ``zhibiao.extract.quantities.MAX_VALUE``); every fact's evidence is its slice of the
text. And one sentence with no full stop is read in linear time (the figures of each adversarial
shape are in bench/extract_adversarial.py).
"""

from __future__ import annotations

import json
import math
import time
from decimal import Decimal
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from zhibiao import extract

DATA = Path(__file__).parents[1] / "data"
GOLD_TEXTS = [json.loads(line)["text"] for f in sorted(DATA.glob("*.jsonl")) for line in f.open(encoding="utf-8")]

# Characters that make the grammar work hard: digits (both widths), magnitudes, units, change
# verbs, punctuation, traditional forms and odd spaces.
ALPHABET = st.sampled_from(
    [*"0123456789０１２３４５６７８９.,，、;；。%％亿万千百元个家项度吨倍增长下降同比其中占第全市居前列",
     "\u3000", "\xa0", "\n", " ", "億", "萬", "長", "書記", "主任", "项目", "个百分点", "上半年", "1-9月", "截至"]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(ALPHABET, max_size=120).map("".join),
)


# Every number of a fact is below this in absolute value (10^18 in its base unit: MAX_VALUE).
LIMIT = 10**18
NUMBER_FIELDS = ("value", "count", "investment", "min_investment", "rank")
CHANGE_FIELDS = ("pct", "pp", "abs")


def _numbers(f: object) -> dict[str, object]:
    """The numbers a fact holds (None where it has none), by field name."""
    out = {name: getattr(f, name, None) for name in NUMBER_FIELDS}
    change = getattr(f, "change", None)
    for name in CHANGE_FIELDS:
        out[f"change.{name}"] = getattr(change, name, None) if change is not None else None
    return out


def _check_numbers(f: object) -> None:
    where = f"{type(f).__name__} {getattr(f, 'quote', '')[:60]!r}"
    for name, v in _numbers(f).items():
        if v is None:
            continue
        assert isinstance(v, (Decimal, int)) and not isinstance(v, bool), (name, v, where)
        assert not isinstance(v, Decimal) or v.is_finite(), (name, v, where)
        assert abs(v) < LIMIT, (name, v, where)


def _check_invariants(text: str) -> None:
    facts = extract(text, "2023-07-19")
    for f in facts:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.quote
        d = f.to_dict()
        assert d["type"] in ("indicator", "projects", "ranking", "person")
        json.dumps(d, ensure_ascii=False, allow_nan=False)  # always serialisable, never NaN or Infinity
        _check_numbers(f)
        change = d.get("change") or {}
        for key, v in [*((k, d.get(k)) for k in NUMBER_FIELDS), *((k, change.get(k)) for k in CHANGE_FIELDS)]:
            if v is not None:
                assert math.isfinite(v) and abs(v) < LIMIT, (key, v, d["quote"][:60])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extract_never_raises_and_offsets_hold(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(GOLD_TEXTS), st.integers(0, 3000), st.integers(0, 3000), st.text(max_size=20))
def test_extract_on_cut_and_spliced_reports(text: str, a: int, b: int, noise: str) -> None:
    a, b = sorted((a % (len(text) + 1), b % (len(text) + 1)))
    _check_invariants(text[:a] + noise + text[b:])
    _check_invariants(text[a:b])


# ------------------------------------------------------------------ any str, and report-like junk
# Every code point, surrogates (category Cs) and NUL included: a str from a badly decoded file
# may hold anything.
ANY_CHAR = st.characters(codec=None, categories=None)
ANY_TEXT = st.text(alphabet=ANY_CHAR, max_size=300)


def _fullwidth(digits: str) -> str:
    return digits.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％"))


def _w(words: str) -> list[str]:
    """Space-separated words as a list."""
    return words.split()


DIGIT_RUN = st.text(alphabet="0123456789", min_size=1, max_size=500)
HUGE_NUMBER = st.one_of(
    DIGIT_RUN,
    st.builds(lambda a, b: f"{a}.{b}", DIGIT_RUN, DIGIT_RUN),  # 400 digits, a point, 400 more
    st.integers(min_value=10**15, max_value=10**500).map(lambda n: f"{n:,}"),  # thousands separators
    st.integers(min_value=0, max_value=10**30).map(str),
    st.integers(min_value=10**14, max_value=10**20).map(str),  # around the limit, in any unit
    st.builds(lambda n, f: f"{n}.{f}", st.integers(10**14, 10**20), st.integers(0, 99)),
    st.builds(lambda a, b: f"{a}.{b}", st.integers(0, 10**6), st.integers(0, 99)),
    DIGIT_RUN.map(_fullwidth),
)
CHINESE_NUMERAL = st.one_of(
    st.sampled_from(_w("三千五百万 壹万 两 十二亿 千亿 万亿 一百二十三 百分之三十五 九千九百九十九万亿 三成")
                    + _w("五成 零点五 一千亿亿 七十多 二十余")),
    st.text(alphabet="零一二三四五六七八九十百千万亿两壹贰叁拾佰仟萬億点", min_size=1, max_size=60),
)
UNIT = st.sampled_from(["", *_w("亿元 万元 元 % ％ 个百分点 倍 成 家 个 项 万吨 吨 人 万人 亿美元 万平方米 亩"),
                        *_w("万元/亩 GWh 千瓦时 标箱 億元 萬元 多亿元 余家 亿元以上")])
WORD = st.sampled_from([
    # measures, verbs, connectors
    *_w("工业总产值 一般公共预算收入 税收收入 进出口总额 固定资产投资 社会消费品零售总额 增加值 产值"),
    *_w("增长 同比增长 下降 同比下降 提高 回落 增速 增幅 降幅收窄 翻番 翻两番 持平 高于全省 比上年 较全市"),
    *_w("两年平均增长 拉动 达到 完成 实现 为 约 超过 以上 不到 近 占 占全市的 比重为 完成年度目标的"),
    *_w("分别为 分别增长 分别 依次 均增长 其中 和 及 与 、 等 位居全省第 居全市前列 第一 首位 前10位 强 百强"),
    *_w("排名前移 位 签约项目 新开工项目 重点项目 总投资 亿元以上项目 个项目 结构由 调整为 : 力争 目标 预计"),
    # periods, places, people
    *_w("计划 2023年 1-9月 1—6月 上半年 前三季度 截至9月底 今年以来 去年 3月 全区 我市 该区 开发区"),
    *_w("管委会主任 党工委书记 王明 表示 市领导 通讯员 记者"),
    # traditional forms
    *_w("進出口總額 億 萬 增長 稅收 規模以上工業 同比增長 實現 書記 項目"),
    # punctuation, spaces, control characters, lone surrogates
    *_w("。 , ， ; ； ： ! ? … “ ” ( ) （ ） - − / ."),
    " ", "\u3000", "\xa0", "\n", "\r\n", "\t", "\x00", "\ud800", "\udfff", "\udc80", "\ufeff", "\u200b",
])
FRAGMENT = st.one_of(
    WORD,
    WORD,
    st.builds(lambda n, u: n + u, HUGE_NUMBER, UNIT),
    st.builds(lambda n, u: n + u, CHINESE_NUMERAL, UNIT),
    st.builds(lambda n, u: _fullwidth(n) + u, st.integers(0, 10**6).map(str), UNIT),
    st.text(alphabet=ANY_CHAR, max_size=3),
)
REPORT_LIKE = st.lists(FRAGMENT, max_size=40).map("".join)
# A figure in its usual place, its number anything: a measure, a verb, a number, a unit.
FIGURE_SENTENCE = st.builds(
    lambda name, verb, num, unit, tail: f"{name}{verb}{num}{unit}{tail}",
    WORD, WORD, st.one_of(HUGE_NUMBER, CHINESE_NUMERAL), UNIT,
    st.sampled_from(["", *_w("。 ,同比增长5%。 、 位。 名 强 以上项目5个。 的新能源项目开工。 和1亿元。")]),
)

# The inputs of the issue (each raised, or gave Infinity) and their kin: every place a number of a
# fact comes from (value, change, share, rank, count, investment, size class of projects).
ISSUE_TEXTS = {
    "lone_surrogate_traditional": "進出口總額83.04億元\ud800",
    "digits_400_figure": "全区工业总产值" + "9" * 400 + "亿元,同比增长5%。",
    "digits_400_share": "工业产值占全市的" + "9" * 400 + "%。",
    "digits_400_change": "工业总产值增长" + "9" * 400 + "%。",
    "digits_400_times": "出口额增长" + "9" * 400 + "倍。",
    "digits_400_decimal": "税收收入" + "9" * 400 + "." + "9" * 400 + "亿元。",
    "digits_400_rank": "增速位居全省第" + "9" * 400 + "位。",
    "digits_400_projects": "签约项目" + "9" * 400 + "个,总投资" + "9" * 400 + "亿元。",
    "digits_400_threshold": "签约" + "9" * 400 + "亿元以上项目5个。",
    "nul_and_surrogates": "\x00增长\udfff5%\ud800。\x00",
    "huge_times_in_range": "出口额增长" + "9" * 17 + "倍。",  # a value below 10^18 whose pct is 100x more
    "huge_rank_in_range": "增速位居全省第" + "9" * 20 + "位。",
    "huge_top_n": "居全省前" + "9" * 20 + "位。",
    "huge_n_strong": "进入全国" + "9" * 20 + "强。",
    "huge_threshold_in_range": "签约超" + "9" * 11 + "亿元项目5个。",  # 10^19: a size class out of range
    "bare_list_item_scaled": "工业产值、税收收入分别为" + "9" * 16 + "和1亿元。",  # the unit of the last item
}


@pytest.mark.parametrize("text", list(ISSUE_TEXTS.values()), ids=list(ISSUE_TEXTS))
def test_extract_on_the_inputs_of_the_issue(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
@example("進出口總額83.04億元\ud800")
def test_extract_never_raises_on_any_str(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(REPORT_LIKE)
def test_extract_never_raises_on_report_like_fragments(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(FIGURE_SENTENCE)
@example("占全市的" + "9" * 400 + "%")
@example("完成" + "9" * 400 + "亿元")
@example("工业总产值999999999999999936.1元")  # below the bound as a decimal, not as the fact's float
@example("居全市前列排名前移1000000000000000000")  # a bare rank move past the bound (was read as a move of 10**18)
@example("工业总产值排名前移1,000,000,000,000,000")  # a bare rank move with grouped digits (was a crash)
def test_figures_of_any_size_stay_finite_and_in_range(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(GOLD_TEXTS), st.integers(0, 3000), st.lists(FRAGMENT, min_size=1, max_size=5).map("".join))
def test_extract_on_reports_with_junk_inserted(text: str, at: int, junk: str) -> None:
    at %= len(text) + 1
    _check_invariants(text[:at] + junk + text[at:])


# ---------------------------------------------------------------------------------- linear time
def _list_without_full_stop(size: int) -> str:
    """税收收入N.5亿元、同比增长M.5%、… up to ``size`` UTF-8 bytes: one sentence (kind (a) of
    bench/extract_adversarial.py)."""
    parts, n = [], 0
    for i in count():
        piece = f"税收收入{10 + i % 990}.5亿元、同比增长{1 + i % 29}.5%、"
        n += len(piece.encode("utf-8"))
        if n > size:
            return "".join(parts)
        parts.append(piece)
    raise AssertionError("unreachable")


def test_a_long_sentence_without_full_stop_runs_in_linear_time() -> None:
    """200 KB of figures in one sentence: seconds, not minutes (quadratic time took 6 s at 183 KB and
    163 s at 1 MB; the bar of 0.5 s per 100 KB is 1 s here). The bound is generous, for a busy
    machine: this guards against a return of quadratic time; bench/extract_adversarial.py reports
    the real figure for every adversarial shape."""
    text = _list_without_full_stop(200_000)
    assert 190_000 < len(text.encode("utf-8")) <= 200_000 and "。" not in text
    extract("全区工业总产值18.56亿元,同比增长5.2%。", "2023-07-19")  # warm up: lexicons and regexes
    t0 = time.perf_counter()
    facts = extract(text, "2023-07-19")
    elapsed = time.perf_counter() - t0
    assert elapsed < 5.0, f"{elapsed:.1f} s for 200 KB without a full stop ({len(facts)} facts)"
