"""Numbers, magnitudes and units: 18.56亿元, 三千五百万元, 1.2万亿, 30多家, 100GWh, 36.7%.

The figure grammar is a single compiled regex built from the unit and magnitude tables; the
arithmetic is exact (:class:`~decimal.Decimal`), so 18.56亿 is exactly 1856000000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from zhibiao.lexicon import alternation, magnitudes, units

__all__ = ["Amount", "figure_regex", "parse_amount", "parse_number", "scale"]

_CN_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_CN_UNITS = "十百千万亿拾佰仟"
_CN_CHARS = _CN_DIGITS + _CN_UNITS + "点"
_CN_DIGIT_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                   "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9, "十": 10,
                   "拾": 10}
_CN_UNIT_POWER = {"": 0, "十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3, "万": 4, "亿": 8}
ARABIC = r"\d+(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"


@dataclass(frozen=True, slots=True)
class Amount:
    """A parsed figure: value in the base unit, the FACTS.md unit, and how it was written."""

    value: Decimal
    unit: str | None
    kind: str  # money, count, person, percent, pp, times, energy, … (units.tsv kinds)
    more: bool = False  # 30多家, 50余个: the figure is a lower bound


@lru_cache(maxsize=8192)
def parse_number(text: str) -> Decimal | None:
    """Parse an Arabic or Chinese numeral; None when it is not a number.

    >>> parse_number("6,692.63"), parse_number("三千五百万"), parse_number("千亿"), parse_number("两")
    (Decimal('6692.63'), Decimal('35000000'), Decimal('100000000000'), Decimal('2'))
    >>> parse_number("一般") is None
    True
    """
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    if any(ch not in _CN_CHARS for ch in text):
        return None
    if text[0] in _CN_UNITS and text[0] not in "十拾":
        text = "一" + text  # 千亿 means 一千亿
    if text in magnitudes() and text.startswith("十"):
        return Decimal(10) ** magnitudes()[text]
    if len(text) == 1 or all(ch in _CN_UNIT_POWER for ch in text[1:]):
        # 两, 七, 一亿, 一千万, 三百亿: one digit times magnitudes needs no parser
        digit = _CN_DIGIT_VALUE.get(text[0])
        if digit is not None:
            return Decimal(digit) * (Decimal(10) ** sum(_CN_UNIT_POWER[ch] for ch in text[1:]))
    import cn2an  # lazily: only reports with long Chinese numerals pay for its import (0.1 s)

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(value))


def scale(number: Decimal, magnitude: str | None) -> Decimal:
    """Multiply by a magnitude word (万, 亿, 万亿 …).

    >>> scale(Decimal("18.56"), "亿")
    Decimal('1856000000.00')
    """
    if not magnitude:
        return number
    return number * (Decimal(10) ** magnitudes()[magnitude])


@cache
def figure_regex() -> re.Pattern[str]:
    """The compiled figure grammar (number, magnitude, unit) over normalised text.

    Groups: ``num`` (Arabic or Chinese numeral, or a bare magnitude such as 千亿), ``more1``/``more2``
    (多/余), ``mag`` (magnitude word), ``unit`` (unit word, %, 个百分点, 倍, 成).
    """
    unit_words = alternation([*units(), "%", "个百分点", "百分点", "个百多点", "倍", "成"])
    mags = alternation([m for m in magnitudes() if m not in ("十", "十亿")])
    per_words = alternation([w for w, u in units().items() if u.kind in ("area", "person", "count", "mass")])
    cn = f"[{_CN_DIGITS}][{_CN_CHARS}]*|[{_CN_UNITS}]+[{_CN_CHARS}]*"
    pattern = (
        # a first-character gate: everywhere else the engine gives up at once
        rf"(?=[\d{_CN_CHARS}\-−])"
        rf"(?:(?P<pct_cn>百分之(?P<pct_num>[{_CN_CHARS}]+|{ARABIC}))"
        rf"|(?P<sign>(?<=[为是:,、(])[-−])?"  # a sign only where a list or a 为 puts it: 增速分别为-11.6%
        rf"(?P<num>{ARABIC}|{cn})(?P<more1>多|余)?(?:(?P<mag>{mags})(?!分点|分之|多点))?(?P<more2>多|余)?"
        rf"(?P<unit>{unit_words})?"
        rf"(?:/(?P<per>{per_words}))?)"  # 2.98万元/亩, 12984.94万元/公顷: a rate per unit
    )
    return re.compile(pattern)


def parse_amount(match: re.Match[str]) -> Amount | None:
    """Turn one :func:`figure_regex` match into an :class:`Amount` (None if not a figure).

    >>> m = figure_regex().search("收入18.56亿元")
    >>> parse_amount(m)
    Amount(value=Decimal('1856000000.00'), unit='CNY', kind='money', more=False)
    """
    if match.group("pct_cn"):
        number = parse_number(match.group("pct_num"))
        return None if number is None else Amount(number, "%", "percent")
    num_text = match.group("num")
    number = parse_number(num_text)
    if number is None:
        return None
    more = bool(match.group("more1") or match.group("more2"))
    mag = match.group("mag")
    unit_word = match.group("unit")
    value = scale(number, mag)
    if match.group("sign"):
        value = -value
    if unit_word is None:
        return Amount(value, None, "number", more)
    if unit_word == "%":
        return Amount(value, "%", "percent", more)
    if unit_word in ("个百分点", "百分点", "个百多点"):
        return Amount(value, "pp", "pp", more)
    if unit_word == "倍":
        return Amount(value, None, "times", more)
    if unit_word == "成":
        return Amount(value * 10, "%", "percent", more)
    unit = units()[unit_word]
    per = match.group("per")
    if per:
        # a rate keeps its denominator in the unit, so that it never adds up with totals: CNY/mu
        return Amount(value * unit.factor, f"{unit.unit}/{units()[per].unit}", "other", more)
    return Amount(value * unit.factor, unit.unit, unit.kind, more)
