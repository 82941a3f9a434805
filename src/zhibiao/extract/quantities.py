"""Numbers, magnitudes and units: 18.56亿元, 三千五百万元, 1.2万亿, 30多家, 100GWh, 36.7%.

The figure grammar is a single compiled regex built from the unit, magnitude and numeral tables;
the arithmetic is exact (:class:`~decimal.Decimal`), so 18.56亿 is exactly 1856000000. A number
too large to be a figure of a report (an id, a phone number, a run of digits) is no figure: every
value returned is finite and below :data:`MAX_VALUE`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from zhibiao.lexicon import Words, alternation, magnitudes, units, word, words
from zhibiao.recache import compile_cached

__all__ = ["COUNTED", "MAX_VALUE", "Amount", "as_percent", "figure_regex", "in_range", "parse_amount", "parse_number",
           "scale"]

_NUMERALS_WORDS = Words("numerals")
_FIGURES_WORDS = Words("figures")

ARABIC = r"\d+(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
# The largest value a figure may have, in its base unit (10^18 CNY is a million times the world's
# yearly output): anything larger is a run of digits, not a quantity, and is no figure.
MAX_VALUE = Decimal(10) ** 18
# The units (and kinds, units.tsv) of a count of things or of people: 12家, 300人.
COUNTED = ("count", "person")
_SURELY_IN_RANGE = 17  # (a finite value whose adjusted exponent is below this is below 10**17)
# Chinese numerals longer than this are no figure (and cn2an is slow on them).
_MAX_CHINESE_NUMERAL = 24
# More digits than this (commas and point aside) are no number a report writes.
_MAX_DIGITS = 24


@dataclass(slots=True, unsafe_hash=True)
class Amount:
    """A parsed figure: value in the base unit, the FACTS.md unit, and how it was written; never
    changed once made (a slotted class, not frozen: one is made for every number of every report,
    see :class:`~zhibiao.extract.segment.Span`)."""

    value: Decimal
    unit: str | None
    kind: str  # money, count, person, percent, pp, times, energy, … (units.tsv kinds)
    more: bool = False  # 30多家, 50余个: the figure is a lower bound


@cache
def _digit_values() -> dict[str, int]:
    """Chinese digit → value; a unit of power one (十, 拾) also stands for ten at the start."""
    values = {k: int(v) for k, v in _NUMERALS_WORDS.digits.items()}
    values.update({k: 10 for k, v in _NUMERALS_WORDS.units.items() if int(v) == 1})
    return values


@cache
def _unit_powers() -> dict[str, int]:
    return {"": 0, **{k: int(v) for k, v in _NUMERALS_WORDS.units.items()}}


@cache
def _numeral_chars() -> frozenset[str]:
    return frozenset([*_NUMERALS_WORDS.digits, *_NUMERALS_WORDS.units, _NUMERALS_WORDS.point])


@lru_cache(maxsize=8192)
def parse_number(text: str) -> Decimal | None:
    """Parse an Arabic or Chinese numeral; None when it is not a number (or too long to be one).

    >>> parse_number("6,692.63"), parse_number("三千五百万"), parse_number("千亿"), parse_number("两")
    (Decimal('6692.63'), Decimal('35000000'), Decimal('100000000000'), Decimal('2'))
    >>> parse_number("一般") is None, parse_number("9" * 400) is None
    (True, True)
    """
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        digits = text.replace(",", "")
        if len(digits) > _MAX_DIGITS:
            return None
        try:
            return Decimal(digits)
        except InvalidOperation:
            return None
    if len(text) > _MAX_CHINESE_NUMERAL or any(ch not in _numeral_chars() for ch in text):
        return None
    return _chinese_number(text)


def _chinese_number(text: str) -> Decimal | None:
    powers = _unit_powers()
    ten = next(k for k, v in powers.items() if v == 1)
    if text[0] in powers and powers[text[0]] > 1:
        one = next(k for k, v in _NUMERALS_WORDS.digits.items() if int(v) == 1)
        text = one + text  # 千亿 means 一千亿
    if text in magnitudes() and text.startswith(ten):
        return Decimal(10) ** magnitudes()[text]
    if len(text) == 1 or all(ch in powers for ch in text[1:]):
        # 两, 七, 一亿, 一千万, 三百亿: one digit times magnitudes needs no parser
        digit = _digit_values().get(text[0])
        if digit is not None:
            return Decimal(digit) * (Decimal(10) ** sum(powers[ch] for ch in text[1:]))
    whole = _chinese_integer(text)
    if whole is not None:
        return Decimal(whole)
    # decimals (十二点五) and irregular forms: cn2an, imported only by the reports that need it
    # (it costs 0.3 s: it compiles patterns of its own)
    import cn2an

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError, ArithmeticError):
        return None
    return Decimal(str(value))


def _chinese_integer(text: str) -> int | None:
    """A Chinese integer read by its place values (六十四万零一百四十三 → 640143); None for any
    other form (a decimal, two digits in a row), which :mod:`cn2an` then reads.

    >>> [_chinese_integer(t) for t in ("十二", "三千五百万", "一亿零五百", "二三")]
    [12, 35000000, 100000500, None]
    """
    digits, powers = _NUMERALS_WORDS.digits, _unit_powers()
    total = section = 0
    number: int | None = None
    for ch in text:
        if ch in digits:
            if number is not None and number != 0:
                return None  # 二三: digits in a row are no place-value numeral
            number = int(digits[ch])
        elif powers.get(ch, 0) in (1, 2, 3):
            section += (1 if number is None else number) * 10 ** powers[ch]
            number = None
        elif ch in powers and powers[ch] in (4, 8):  # 万, 亿 close a section
            big = 10 ** powers[ch]
            if powers[ch] == 8 or total == 0:
                total = (total + section + (number or 0)) * big  # 三万亿: 亿 multiplies all before it
            else:
                total += (section + (number or 0)) * big  # 一亿二千万: 万 only its own section
            section, number = 0, None
        else:
            return None
    return total + section + (number or 0)


def scale(number: Decimal, magnitude: str | None) -> Decimal:
    """Multiply by a magnitude word (万, 亿, 万亿 …).

    >>> scale(Decimal("18.56"), "亿")
    Decimal('1856000000.00')
    """
    if not magnitude:
        return number
    return number * _power_of(magnitude)


_HUNDREDTH = Decimal("0.01")


@cache
def _power_of(magnitude: str) -> Decimal:
    return Decimal(10) ** magnitudes()[magnitude]


@cache
def figure_regex() -> re.Pattern[str]:
    """The compiled figure grammar (number, magnitude, unit) over normalised text.

    Groups: ``num`` (Arabic or Chinese numeral, or a bare magnitude such as 千亿), ``more1``/``more2``
    (多/余), ``mag`` (magnitude word), ``unit`` (unit word, %, 个百分点, 倍, 成).
    """
    unit_words = alternation([*units(), *_NUMERALS_WORDS.rate_units])
    mags = alternation([m for m in magnitudes() if m not in _NUMERALS_WORDS.not_figure_magnitudes])
    per_words = alternation([w for w, u in units().items() if u.kind in ("area", "person", "count", "mass")])
    digits = re.escape("".join(_NUMERALS_WORDS.digits))
    chars = re.escape("".join(sorted(_numeral_chars())))
    unit_chars = re.escape("".join(_NUMERALS_WORDS.units))
    vague = re.escape(word("numerals", "vague_leads"))
    # (数十亿元: some tens, no figure — nor its 亿 read on its own inside the numeral)
    cn = f"(?<![{vague}{chars}])(?:[{digits}][{chars}]*|[{unit_chars}]+[{chars}]*)"
    more = alternation(_NUMERALS_WORDS.more)
    signs = re.escape("".join(_NUMERALS_WORDS.sign_after))
    pattern = (
        # a first-character gate: everywhere else the engine gives up at once
        rf"(?=[\d{chars}\-−])"
        rf"(?:(?P<pct_cn>{re.escape(word('numerals', 'percent_prefix'))}(?P<pct_num>[{chars}]+|{ARABIC}))"
        # 三分之一, 五分之二: a fraction, read as the percentage it is
        rf"|(?P<frac_den>[{chars}]+){re.escape(word('numerals', 'fraction_mark'))}(?P<frac_num>[{chars}]+)"
        # 占全市1/8, 超1/4: a fraction written with a slash, small numbers alone (no date's or path's parts)
        r"|(?<![\d./])(?P<slash_num>\d{1,2})/(?P<slash_den>\d{1,2})(?![\d./])"
        rf"|(?P<sign>(?<=[{signs}])[-−])?"  # a sign only where a list or a 为 puts it: 增速分别为-11.6%
        rf"(?P<num>{ARABIC}|{cn})(?P<more1>{more})?"
        rf"(?:(?P<mag>{mags})(?!{alternation(words('numerals', 'not_magnitude_after'))})"
        rf"(?:(?P<rest>\d{{1,4}})(?P<rest_mag>{mags}))?)?"  # 9亿6000万元: a lower magnitude's part written after
        rf"(?P<more2>{more})?"
        rf"(?:(?P<unit>{unit_words})(?!{_led_word_rests()}))?"
        rf"(?:/(?P<per>{per_words}))?)"  # 2.98万元/亩, 12984.94万元/公顷: a rate per unit
    )
    return compile_cached(pattern)


def _led_word_rests() -> str:
    """What follows a unit that opens a longer word (项 of 项目: ``(?<=项)目``), as one alternation: a unit so
    followed is no unit."""
    return "|".join(f"(?<={re.escape(w[0])}){re.escape(w[1:])}" for w in words("numerals", "unit_led_words"))


def parse_amount(match: re.Match[str]) -> Amount | None:
    """Turn one :func:`figure_regex` match into an :class:`Amount` (None if not a figure).

    >>> m = figure_regex().search("收入18.56亿元")
    >>> parse_amount(m)
    Amount(value=Decimal('1856000000.00'), unit='CNY', kind='money', more=False)
    """
    amount = _amount(match)
    if amount is None:
        return None
    value = amount.value * 100 if amount.kind == "times" else amount.value  # 增长1.1倍 is 110%: that must fit
    return amount if in_range(value) else None


def in_range(value: Decimal) -> bool:
    """Whether a value can be a figure: finite and below :data:`MAX_VALUE` in absolute value.

    >>> in_range(Decimal("1856000000")), in_range(Decimal("1e18")), in_range(Decimal("NaN"))
    (True, False, False)
    """
    # (compared as the float a fact carries: 999999999999999936.1 is below the bound, its float is not;
    # a value under 10**17, nearly every one, is below it as a float too: that comparison, a float with
    # a Decimal, is 0.5 µs a figure, the exponent's check 0.03)
    return value.is_finite() and (value.adjusted() < _SURELY_IN_RANGE or abs(float(value)) < MAX_VALUE)


_GROUPS = ("pct_cn", "pct_num", "num", "more1", "mag", "more2", "sign", "unit", "per", "rest", "rest_mag", "frac_den",
           "frac_num", "slash_den", "slash_num")


def _amount(match: re.Match[str]) -> Amount | None:
    pct_cn, pct_num, num, more1, mag, more2, sign, unit_word, per, rest, rest_mag, den, part, slash_den, slash_part \
        = match.group(*_GROUPS)
    if pct_cn:
        number = parse_number(pct_num)
        return None if number is None else Amount(number, "%", "percent")
    if den or slash_den:
        return _fraction(den, part) if den else _fraction(slash_den, slash_part)
    number = parse_number(num)
    if number is None:
        return None
    more = bool(more1 or more2)
    value = scale(number, mag)
    if rest:
        if _power_of(rest_mag) >= _power_of(mag):
            return None  # (5万3亿: no amount)
        value += scale(Decimal(rest), rest_mag)  # (9亿6000万元: 960000000)
    if sign:
        value = -value
    if unit_word is None:
        return Amount(value, None, "number", more)
    rate = _rate_units().get(unit_word)
    if rate is not None:
        return _rate(value, rate, more)
    unit = units()[unit_word]
    if per:
        # a rate keeps its denominator in the unit, so that it never adds up with totals: CNY/mu (a
        # denominator that is a multiple of its base unit keeps its own short name, CNY/km2, or as written)
        den = units()[per]
        named = _FIGURES_WORDS.per_unit_names.get(per)
        return Amount(value * unit.factor, f"{unit.unit}/{named or (den.unit if den.factor == 1 else per)}", "other",
                      more)
    return Amount(value * unit.factor, unit.unit, unit.kind, more)


def _fraction(den: str, part: str) -> Amount | None:
    """三分之一 → 33.33%, 五分之二 → 40%: a fraction as the percentage it is (two decimals, as reports round them);
    None when it is no proper fraction.

    >>> _fraction("三", "一").value, _fraction("五", "二").value, _fraction("二", "三"), _fraction("8", "1").value
    (Decimal('33.33'), Decimal('40.00'), None, Decimal('12.50'))
    """
    d, n = parse_number(den), parse_number(part)
    if d is None or n is None or not 0 < n < d:
        return None
    return Amount((n * 100 / d).quantize(_HUNDREDTH), "%", "percent")


def _rate(value: Decimal, rate: str, more: bool) -> Amount:
    """A figure in a unit of rates: %, 个百分点, 倍, 成 (tenths: 三成 = 30%)."""
    if rate == "pp":
        return Amount(value, "pp", "pp", more)
    if rate == "times":
        return Amount(value, None, "times", more)
    if rate == "tenth":
        return Amount(value * 10, "%", "percent", more)
    if rate in ("permille", "ppt"):  # a level in ‰ (人口自然增长率为-2.76‰) or its move in 千分点
        return Amount(value, "‰", "other", more)
    return Amount(value, "%", "percent", more)


def as_percent(amount: Amount) -> Amount:
    """A number with no unit read as a percentage (增长26.9,: a growth whose % the page left out).

    >>> as_percent(Amount(Decimal("26.9"), None, "number"))
    Amount(value=Decimal('26.9'), unit='%', kind='percent', more=False)
    """
    return _rate(amount.value, "percent", amount.more)


@cache
def _rate_units() -> dict[str, str]:
    return {k: str(v) for k, v in _NUMERALS_WORDS.rate_units.items()}
