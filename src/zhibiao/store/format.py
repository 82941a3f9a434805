"""Figures for people: base units (1856000000 CNY) → the units reports use (18.56亿元).

Shared by the command line and the web dashboard; exports keep base units.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

__all__ = ["human_change", "human_value", "place_label", "same_figure"]

_YI = Decimal(100_000_000)
_WAN = Decimal(10_000)
# unit → (suffix after 亿/万, suffix when small)
_SCALED = {
    "CNY": ("元", "元"), "USD": ("美元", "美元"), "EUR": ("欧元", "欧元"), "HKD": ("港元", "港元"),
    "JPY": ("日元", "日元"), "KRW": ("韩元", "韩元"), "kWh": ("千瓦时", "千瓦时"), "t": ("吨", "吨"),
    "m2": ("平方米", "平方米"), "person": ("人", "人"), "count": ("个", "个"), "mu": ("亩", "亩"),
    "TEU": ("标箱", "标箱"), "kW": ("千瓦", "千瓦"), "vehicle": ("辆", "辆"), "km": ("公里", "公里"),
    "km2": ("平方公里", "平方公里"),
}


def _plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 18.5600 → 18.56, 1E+1 → 10."""
    text = format(value.normalize(), "f")
    return text


# the scales a reader may pick for yuan figures on compare (value in yuan → the figure in the scale)
YUAN_SCALES = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000)}


def value_in_scale(value: Decimal | None, unit: str | None, scale: str | None) -> str | None:
    """A CNY figure in the scale a reader picked (亿元 or 万元); None when the value is no CNY
    figure or no scale is picked (then :func:`human_value` chooses).

    >>> value_in_scale(Decimal(1856000000), "CNY", "万元"), value_in_scale(Decimal(1856000000), "CNY", "亿元")
    ('185600万元', '18.56亿元')
    >>> value_in_scale(Decimal("93.25"), "%", "万元") is None
    True
    """
    if value is None or unit != "CNY" or scale not in YUAN_SCALES:
        return None
    return f"{_plain(value / YUAN_SCALES[scale])}{scale}"


def human_value(value: Decimal | float | int | None, unit: str | None) -> str:
    """A value in the units a report would use.

    >>> human_value(Decimal(1856000000), "CNY"), human_value(412700000, "CNY"), human_value(5000, "CNY")
    ('18.56亿元', '4.127亿元', '5000元')
    >>> human_value(Decimal("93.25"), "%"), human_value(49, "count"), human_value(66000, "m2")
    ('93.25%', '49个', '6.6万平方米')
    >>> human_value(Decimal(29800), "CNY/mu"), human_value(Decimal(129849400), "CNY/公顷")
    ('2.98万元/亩', '1.298494亿元/公顷')
    """
    if value is None:
        return ""
    if unit and "/" in unit:
        # a rate (CNY/mu → 2.98万元/亩): the numerator scaled as usual, the denominator as written
        top, per = unit.split("/", 1)
        return f"{human_value(value, top)}/{_SCALED[per][1] if per in _SCALED else per}"
    number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    if unit == "%":
        return f"{_plain(number)}%"
    if unit == "pp":
        return f"{_plain(number)}个百分点"
    if unit in _SCALED:
        big, small = _SCALED[unit]
        magnitude = abs(number)
        if magnitude >= _YI:
            return f"{_plain(number / _YI)}亿{big}"
        if magnitude >= _WAN and unit not in ("count",):
            return f"{_plain(number / _WAN)}万{big}"
        return f"{_plain(number)}{small}"
    return f"{_plain(number)}{unit or ''}"


def human_change(basis: str | None, pct: Any = None, pp: Any = None, abs_: Any = None,
                 unit: str | None = None) -> str:
    """A change as a signed figure: +36.7%, -0.3个百分点, +14.63亿元; basis other than yoy noted.

    >>> human_change("yoy", pct=36.7), human_change("other", pp=-0.3), human_change("yoy")
    ('+36.7%', '-0.3个百分点（其他比较）', '')
    >>> human_change("avg2y", pct=5.1), human_change("avg", pct=8.2)
    ('+5.1%（两年平均）', '+8.2%（年均）')
    """
    if pct is not None:
        text = f"{_signed(pct)}%"
    elif pp is not None:
        text = f"{_signed(pp)}个百分点"
    elif abs_ is not None:
        number = Decimal(repr(abs_)) if isinstance(abs_, float) else Decimal(abs_)
        text = ("+" if number >= 0 else "-") + human_value(abs(number), unit)
    else:
        return ""
    if basis and basis != "yoy":
        text += f"（{_BASIS_LABEL.get(basis, '其他比较')}）"
    return text


# how a change other than year-on-year is told in Chinese (FACTS.md change bases)
_BASIS_LABEL = {"avg2y": "两年平均", "avg": "年均", "mom": "环比", "other": "其他比较"}


def _signed(value: Any) -> str:
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return ("+" if number >= 0 else "") + _plain(number)


def _last_digit_exponent(value: Decimal, min_digits: int) -> int:
    """The power of ten of a figure's last significant digit: 1856000000 → 6, 18.56 → -2;
    counting at least ``min_digits`` significant digits (10亿 is written with two, "10")."""
    normalized = value.normalize()
    if normalized == 0:
        return 0
    return min(int(normalized.as_tuple().exponent), normalized.adjusted() - min_digits + 1)


def rounding_of(value: Decimal, min_digits: int = 2) -> Decimal:
    """Half a unit of a level's last significant digit: how far the true figure may be from it.

    A level in base units has lost the trailing zeros it was written with (10亿 = 1E+9), so
    at least ``min_digits`` significant digits are assumed.

    >>> rounding_of(Decimal(1856000000)), rounding_of(Decimal(1000000000)), rounding_of(Decimal(800000000))
    (Decimal('500000'), Decimal('50000000'), Decimal('5000000'))
    """
    return Decimal(5) * Decimal(10) ** (_last_digit_exponent(value, min_digits) - 1)


def rate_rounding(value: Decimal) -> Decimal:
    """Half a unit of a percentage's last digit; a whole number is precise to the unit
    (增长20% is 19.5–20.5%, not 15–25%).

    >>> rate_rounding(Decimal("36.7")), rate_rounding(Decimal(20)), rate_rounding(Decimal("5.25"))
    (Decimal('0.05'), Decimal('0.5'), Decimal('0.005'))
    """
    normalized = value.normalize()
    exponent = min(int(normalized.as_tuple().exponent), 0) if normalized != 0 else 0
    return Decimal(5) * Decimal(10) ** (exponent - 1)


def same_figure(a: Decimal, b: Decimal) -> bool:
    """Whether two stated levels may be the same number rounded differently.

    The finer one, rounded to the coarser one's last digit, must give the coarser one:
    18.56亿 and 18.6亿 agree, 18.56亿 and 18.5亿 do not.

    >>> same_figure(Decimal(1856000000), Decimal(1860000000)), same_figure(Decimal(1856000000), Decimal(1850000000))
    (True, False)
    """
    if a == b:
        return True
    return abs(a - b) <= max(rounding_of(a), rounding_of(b))


def same_rate(a: Decimal, b: Decimal) -> bool:
    """Whether two stated percentages may be the same rate rounded differently.

    >>> same_rate(Decimal("36.7"), Decimal("36.72")), same_rate(Decimal(20), Decimal(25))
    (True, False)
    >>> same_rate(Decimal(5), Decimal("5.2"))
    True
    """
    if a == b:
        return True
    return abs(a - b) <= max(rate_rounding(a), rate_rounding(b))


_STAGE_ZH = {"signed": "签约", "started": "开工", "ongoing": "在建", "completed": "竣工", "operational": "投产",
             "other": "其他"}


def stage_label(stage: str | None) -> str:
    """A project stage in Chinese (签约, 开工…), as reports say it.

    >>> stage_label("signed"), stage_label(None)
    ('签约', '')
    """
    return _STAGE_ZH.get(stage or "", stage or "")


def size_class(min_investment: Decimal | None, currency: str | None = "CNY") -> str:
    """A projects fact's size class in its currency: ≥1亿元, ≥1000万美元, or 全部 when none is given.

    >>> size_class(Decimal(100000000)), size_class(Decimal(10000000), "USD"), size_class(None)
    ('≥1亿元', '≥1000万美元', '全部')
    """
    return f"≥{human_value(min_investment, currency or 'CNY')}" if min_investment is not None else "全部"


def place_label(scope: str | None, rank: int | None, top: bool | None = False, bottom: bool | None = False) -> str:
    """A ranking's place as reports say it: 全市第1, 全市前列, 全市倒数第一 (a last place, never a first).

    >>> place_label("全市", 1), place_label("全省", None, top=True), place_label("全市", None, bottom=True)
    ('全市第1', '全省前列', '全市倒数第一')
    >>> place_label("全市", 2, bottom=True), place_label("全国", None)
    ('全市倒数第2', '全国')
    """
    scope = scope or ""
    if bottom:
        return f"{scope}倒数第{rank if rank is not None else '一'}"
    if rank is not None:
        return f"{scope}第{rank}"
    return f"{scope}前列" if top else scope


def human_fact(fact: dict[str, Any]) -> tuple[str, str]:
    """(value, change) of a stored fact in human units, whatever its type.

    >>> human_fact({"type": "indicator", "value": Decimal(1856000000), "unit": "CNY",
    ...             "change": {"basis": "yoy", "pct": Decimal("36.7")}})
    ('18.56亿元', '+36.7%')
    >>> human_fact({"type": "ranking", "scope": "全市", "rank": 1}), human_fact({"type": "projects", "count": 49,
    ...            "investment": Decimal(26481000000), "min_investment": Decimal(100000000)})
    (('全市第1', ''), ('49个 · 264.81亿元 · ≥1亿元', ''))
    >>> human_fact({"type": "projects", "count": 1, "investment": Decimal(645000000), "currency": "USD"})
    ('1个 · 6.45亿美元', '')
    >>> human_fact({"type": "ranking", "scope": "全国", "rank": 30, "qualifier": "target"})
    ('目标：进入全国前30', '')
    """
    kind = fact.get("type")
    change = fact.get("change") or {}
    change_text = human_change(change.get("basis"), change.get("pct"), change.get("pp"), change.get("abs"),
                               fact.get("unit")) if change else ""
    if kind == "indicator":
        return human_value(fact.get("value"), fact.get("unit")), change_text
    if kind == "projects":
        parts = []
        if fact.get("count") is not None:
            parts.append(f"{_plain(Decimal(str(fact['count'])))}个")
        currency = fact.get("currency") or "CNY"   # the amounts are in it (FACTS.md), never converted
        if fact.get("investment") is not None:
            parts.append(human_value(fact["investment"], currency))
        if fact.get("min_investment") is not None:
            parts.append(size_class(fact["min_investment"], currency))
        return " · ".join(parts), ""
    if kind == "ranking":
        place = place_label(fact.get("scope"), fact.get("rank"), fact.get("top"), fact.get("bottom"))
        if fact.get("qualifier") == "target":   # 以进入"全国30强"为目标: a goal, never a place reached
            rank = fact.get("rank")
            goal = f"进入{fact.get('scope') or ''}前{rank}" if rank is not None and not fact.get("bottom") else place
            return f"目标：{goal}", ""
        return place, ""
    return "、".join(fact.get("titles") or []), ""
