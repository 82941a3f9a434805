"""Human units for tables, and the rounding rule conflicts rely on."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhibiao.store.format import human_change, human_fact, human_value, same_figure, same_rate, size_class


@pytest.mark.parametrize(("value", "unit", "text"), [
    (Decimal(1856000000), "CNY", "18.56亿元"),
    (1856000000.0, "CNY", "18.56亿元"),
    (412700000, "CNY", "4.127亿元"),
    (41270000, "CNY", "4127万元"),
    (5000, "CNY", "5000元"),
    (282400000, "USD", "2.824亿美元"),
    (642000000, "kWh", "6.42亿千瓦时"),
    (66000, "m2", "6.6万平方米"),
    (Decimal("93.25"), "%", "93.25%"),
    (Decimal("17.1"), "pp", "17.1个百分点"),
    (49, "count", "49个"),
    (31600, "立方米", "31600立方米"),
    (Decimal(29800), "CNY/mu", "2.98万元/亩"),
    (Decimal(129849400), "CNY/公顷", "1.298494亿元/公顷"),
    (-1542000000, "CNY", "-15.42亿元"),
    (None, "CNY", ""),
])
def test_format_human_value(value: object, unit: str, text: str) -> None:
    assert human_value(value, unit) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(("args", "text"), [
    (("yoy", 36.7, None, None, None), "+36.7%"),
    (("yoy", -8.3, None, None, None), "-8.3%"),
    (("yoy", 0, None, None, None), "+0%"),
    (("other", None, -0.3, None, None), "-0.3个百分点（其他比较）"),
    (("other", None, None, 1542000000, "CNY"), "+15.42亿元（其他比较）"),
    (("yoy", None, None, None, None), ""),
])
def test_format_human_change(args: tuple[object, ...], text: str) -> None:
    basis, pct, pp, abs_, unit = args
    assert human_change(basis, pct, pp, abs_, unit) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(("a", "b", "same"), [
    (1856000000, 1856000000, True),
    (1856000000, 1860000000, True),    # 18.56亿 rounds to 18.6亿
    (1856000000, 1850000000, False),   # … not to 18.5亿
    (1856000000, 1857000000, False),
    (1000000000, 1030000000, True),    # 10亿 may be rounded from 10.3亿
    (1000000000, 1200000000, False),   # … not from 12亿 ("10" has two significant digits)
    (0, 0, True),
])
def test_format_same_figure(a: object, b: object, same: bool) -> None:
    assert same_figure(Decimal(a), Decimal(b)) is same  # type: ignore[arg-type]
    assert same_figure(Decimal(b), Decimal(a)) is same  # type: ignore[arg-type]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("5", "5.2", True),     # 增长5% may be a rounded 5.2% …
    ("5", "5.6", False),
    ("20", "25", False),    # … but a whole number is precise to the unit: 20 is not 25
    ("20", "20.4", True),
    ("36.7", "36.74", True),
    ("36.7", "36.8", False),
    ("-8.3", "-8.2", False),
])
def test_format_same_rate(a: str, b: str, same: bool) -> None:
    assert same_rate(Decimal(a), Decimal(b)) is same
    assert same_rate(Decimal(b), Decimal(a)) is same


@pytest.mark.parametrize(("fact", "expected"), [
    ({"type": "ranking", "scope": "全市", "rank": None, "top": True}, ("全市前列", "")),
    ({"type": "ranking", "scope": "全市", "rank": 1}, ("全市第1", "")),
    # a last place is never shown as a first place, nor as a bare scope
    ({"type": "ranking", "scope": "全市", "rank": None, "bottom": True}, ("全市倒数第一", "")),
    ({"type": "ranking", "scope": "全省", "rank": 2, "bottom": True}, ("全省倒数第2", "")),
    ({"type": "ranking", "scope": "全市", "rank": None, "top": False, "bottom": False}, ("全市", "")),
    ({"type": "projects", "count": Decimal(10), "investment": Decimal(5770000000)}, ("10个 · 57.7亿元", "")),
    ({"type": "projects", "count": Decimal(10), "investment": Decimal(5770000000), "currency": "CNY"},
     ("10个 · 57.7亿元", "")),
    # amounts in USD say USD, the size class too
    ({"type": "projects", "count": Decimal(3), "investment": Decimal(645000000), "currency": "USD",
      "min_investment": Decimal(10000000)}, ("3个 · 6.45亿美元 · ≥1000万美元", "")),
    ({"type": "projects", "count": 1, "investment": 50000000, "currency": "EUR"}, ("1个 · 5000万欧元", "")),
    ({"type": "person", "titles": ["市委常委", "书记"]}, ("市委常委、书记", "")),
])
def test_format_human_fact(fact: dict[str, object], expected: tuple[str, str]) -> None:
    assert human_fact(fact) == expected


@pytest.mark.parametrize(("min_investment", "currency", "text"), [
    (Decimal(100000000), "CNY", "≥1亿元"),
    (Decimal(100000000), None, "≥1亿元"),                  # a row stored before currency existed
    (Decimal(10000000), "USD", "≥1000万美元"),
    (Decimal(10000000000), "USD", "≥100亿美元"),
    (Decimal(50000000), "HKD", "≥5000万港元"),
    (None, "USD", "全部"),
])
def test_format_size_class_in_its_currency(min_investment: Decimal | None, currency: str | None, text: str) -> None:
    assert size_class(min_investment, currency) == text
