"""Normalisation keeps offsets into the original text (zhibiao.normalize)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("地區生產總值949.84億元", "地区生产总值949.84亿元"),
        ("增長１８.５６％", "增长18.56%"),
        ("收入\u300018.56亿元", "收入18.56亿元"),  # one space between a word and its figure goes
        ("收入\xa018.56亿元", "收入18.56亿元"),
        ("作者:王高强   2016-07-20", "作者:王高强   2016-07-20"),  # a run of spaces sets fields apart
        ("规上工业增加值\t亿元\t10.4", "规上工业增加值\t亿元\t10.4"),  # and a tab a table's cells
        ("1—6月，增長", "1-6月,增长"),
        ("18.\n56亿元", "18.56亿元"),
        ("18.56\n亿元", "18.56亿元"),
        ("18.56亿\n元", "18.56亿元"),
        ("增加3.5\n万人", "增加3.5万人"),
        ("5.3\n\n万 荣 县\n\n107.28", "5.3\n\n万 荣 县\n\n107.28"),  # a table's next cell opening with 万: a place
        ("2023\n2024", "2023\n2024"),
        ("产值突破30个亿", "产值突破30亿"),  # a spoken amount: 30个亿 is 30亿
        ("新签约3个亿元以上项目", "新签约3个亿元以上项目"),  # three projects of a size class: kept
        ("5个亿级项目", "5个亿级项目"),
        ("几个亿", "几个亿"),
        ("實(shí)現", "实现"),  # a pinyin gloss after a character goes
        ("龍湖鎮(zhen)(zhen)(zhen)入選", "龙湖镇入选"),  # a gloss repeated goes whole
        ("生产总值(GDP)[2]91.3亿元", "生产总值(GDP)91.3亿元"),  # a footnote's mark after a word or aside goes
        ("净增“四上”企业[1]35家", "净增“四上”企业35家"),
        ("注释:\n[1]规模以上工业", "注释:\n[1]规模以上工业"),  # a line's label stays
        ("投资额78.5亿元 ,同比增长13.7%", "投资额78.5亿元,同比增长13.7%"),  # a space before a clause mark goes
        ("投资额78.5亿元\n,同比增长13.7%", "投资额78.5亿元,同比增长13.7%"),  # and a break: no line opens with a comma
        ("地区生产总值\t,亿元", "地区生产总值\t,亿元"),  # but not a table's cell gap
        ("电子信息、\n绿色建材产值", "电子信息、绿色建材产值"),  # a list hard-wrapped after its mark goes on
        ("县领导王波、 姚敏出席", "县领导王波、姚敏出席"),  # and so does one spaced after it
        ("增长5%。\n全年", "增长5%。\n全年"),  # a paragraph's end stays
        ("对全区经 - 2 - 济的贡献率", "对全区经济的贡献率"),  # a page's number inside a word goes
        ("比上年增-3-长2.3%", "比上年增长2.3%"),
        ("A - 2 - B", "A - 2 - B"),  # (not between two characters: kept)
        ("开工项目1 069 个,总投资7 362.1 亿元", "开工项目1069个,总投资7362.1亿元"),  # groups of thousands set apart
        ("地区生产总值 2060.35 6.0 100.0 第一产业", "地区生产总值2060.35 6.0 100.0第一产业"),  # a table's cells stay
        ("企业数 12 150 8.5", "企业数12 150 8.5"),
    ],
)
def test_normalize_forms(raw: str, norm: str) -> None:
    assert normalize(raw).text == norm


@pytest.mark.parametrize("raw", ["一般預算收入１８.\n５６億元、同比增長36.7%", "收入18. 56亿元,增长3%"])
def test_normalize_quote_maps_back_to_raw(raw: str) -> None:
    n = normalize(raw)
    start = n.text.index("18")
    end = n.text.index("元") + 1
    quote, rs, re_ = n.quote(start, end)
    assert raw[rs:re_] == quote
    assert quote.startswith(("１８", "18")) and quote.endswith("元")


@settings(deadline=None)  # a first traditional character builds the OpenCC converter
@given(st.text(st.characters(exclude_categories=()), max_size=200))  # surrogates too
def test_normalize_index_is_monotonic_and_in_range(raw: str) -> None:
    n = normalize(raw)
    if n.index is None:
        assert len(n.text) == len(raw)
    else:
        assert len(n.index) == len(n.text)
        assert list(n.index) == sorted(n.index)
        assert all(0 <= i < len(raw) for i in n.index)
