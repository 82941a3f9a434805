"""Numbers, magnitudes and units (zhibiao.extract.quantities), table-driven."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.extract.quantities import figure_regex, parse_amount, parse_number
from zhibiao.normalize import normalize


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("18.56", "18.56"),
        ("6,692.63", "6692.63"),
        ("三千五百万", "35000000"),
        ("六十四万零一百四十三", "640143"),
        ("壹万", "10000"),
        ("两", "2"),
        ("十", "10"),
        ("千亿", "100000000000"),
        ("百亿", "10000000000"),
        ("亿", "100000000"),
        ("十二点五", "12.5"),
    ],
)
def test_quantities_parse_number(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "一般", "abc", "1.2.3"])
def test_quantities_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("18.56亿元", "1856000000", "CNY", "money"),
        ("41270万元", "412700000", "CNY", "money"),
        ("1.2万亿元", "1200000000000", "CNY", "money"),
        ("三千五百万元", "35000000", "CNY", "money"),
        ("两亿元", "200000000", "CNY", "money"),
        ("2.824亿美元", "282400000", "USD", "money"),
        ("3.5亿欧元", "350000000", "EUR", "money"),
        ("2.1亿港元", "210000000", "HKD", "money"),
        ("5000万日元", "50000000", "JPY", "money"),
        ("36.7%", "36.7", "%", "percent"),
        ("百分之十二点五", "12.5", "%", "percent"),
        ("4成", "40", "%", "percent"),
        ("17.1个百分点", "17.1", "pp", "pp"),
        ("1.1倍", "1.1", None, "times"),
        ("10个", "10", "count", "count"),
        ("326家", "326", "count", "count"),
        ("30多家", "30", "count", "count"),
        ("509.16万只", "5091600", "count", "count"),
        ("1.2万人", "12000", "person", "person"),
        ("2.98万元/亩", "29800", "CNY/mu", "other"),
        ("12984.94万元/公顷", "129849400", "CNY/公顷", "other"),
        ("560万人次", "5600000", "person", "person"),
        ("6.42亿度", "642000000", "kWh", "energy"),
        ("3200万千瓦时", "32000000", "kWh", "energy"),
        ("100GWh", "100000000", "kWh", "energy"),
        ("120MW", "120000", "kW", "power"),
        ("3GW", "3000000", "kW", "power"),
        ("3.74万吨", "37400", "t", "mass"),
        ("6.6万平方米", "66000", "m2", "area"),
        ("1300亩", "1300", "mu", "area"),
        ("12.5公里", "12.5", "km", "length"),
        ("8.6万标箱", "86000", "TEU", "teu"),
        ("3.16万立方米", "31600", "立方米", "volume"),
        ("1200套", "1200", "套", "other"),
    ],
)
def test_quantities_parse_amount(text: str, value: str, unit: str | None, kind: str) -> None:
    for variant in (text, text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789%"})):
        norm = normalize(variant).text
        m = figure_regex().fullmatch(norm)
        assert m is not None, norm
        amount = parse_amount(m)
        assert amount is not None
        assert amount.value == Decimal(value)
        assert (amount.unit, amount.kind) == (unit, kind)


def test_quantities_more_marks_a_lower_bound() -> None:
    m = figure_regex().fullmatch("3000多万元")
    assert m is not None
    amount = parse_amount(m)
    assert amount is not None and amount.more and amount.value == Decimal(30000000)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))  # longer numerals are no figures (too long)
def test_quantities_chinese_integers_read_as_cn2an_writes_them(n: int) -> None:
    # the place-value reader must agree with the library on every integer it is given
    import cn2an

    assert parse_number(cn2an.an2cn(n)) == Decimal(n)
