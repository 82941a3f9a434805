"""Person names and titles (zhibiao.extract.persons)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhibiao.extract.persons import _bylines, _outlet_before, extract_persons, read_name
from zhibiao.lexicon import pattern_source
from zhibiao.normalize import normalize


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("戴屿表示", "戴屿"),
        ("程澜说", "程澜"),
        ("陆棠松掷地有声", "陆棠松"),
        ("刘守礼主持会议", "刘守礼"),
        ("周苓苓说", "周苓苓"),
        ("胡蔓恬从明确", "胡蔓恬"),
        ("梁溯等出席", "梁溯"),
        ("欧阳明表示", "欧阳明"),
        ("马芃勤)", "马芃勤"),
    ],
)
def test_persons_read_name(text: str, name: str) -> None:
    assert read_name(text, 0) == name


@pytest.mark.parametrize("text", ["负责人的陪同", "领导班子成员", "的发展"])
def test_persons_read_name_rejects_words(text: str) -> None:
    assert read_name(text, 0) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市委书记、市人大常委会主任王澄岳宣布项目集中开工。", {"王澄岳": ["市委书记", "市人大常委会主任"]}),
        ("市领导陈禾朗、田栩等出席。市长陈禾朗主持开工仪式。", {"陈禾朗": ["市领导", "市长"], "田栩": ["市领导"]}),
        ("栖澜东方集团党委书记、董事长、总经理王蔚舟表示,集团将加快发展。",
         {"王蔚舟": ["栖澜东方集团党委书记", "董事长", "总经理"]}),
        ("本報訊(記者 陳書遠)記者從禾榆市獲悉。", {"陈书远": ["记者"]}),
        ("合同外资金额37.18亿美元。(龚棠)", {"龚棠": []}),
        ("以习近平同志为核心的党中央", {}),
        ("在市级相关部门负责人的陪同下", {}),
        ("经开区管委会副主任(主持工作)胡翊介绍了项目情况。", {"胡翊": ["经开区管委会副主任"]}),
        ("华为技术有限公司副总裁杨超斌出席。", {"杨超斌": ["华为技术有限公司副总裁"]}),
        ("中国工程院院士李德仁作报告。", {"李德仁": ["中国工程院院士"]}),
    ],
)
def test_persons_titles(text: str, expected: dict[str, list[str]]) -> None:
    people, _mentions = extract_persons(normalize(text))
    assert {p.name: p.titles for p in people} == expected
    for p in people:
        assert text[p.start:p.end] == p.quote


_BYLINE_PIECES = ["记者", "通讯员", "本报记者", "文/", "摄", " ", "\n", "(", "■", "、", ",", ":", "杨苓军", "陈书远",
                  "李明", "报道"]


@given(st.lists(st.sampled_from(_BYLINE_PIECES), max_size=14))
def test_bylines_are_the_matches_of_one_shape(parts: list[str]) -> None:
    """Checking where a byline stands after matching it gives what one shape would (the position
    check and the words in one regex, as finditer reads them), and more only where an outlet's
    name (极目新闻记者) stands between that position and the byline word."""
    text = "".join(parts)
    at = pattern_source("persons.byline_at").removeprefix("(?m)")
    whole = re.compile(f"(?m)(?:{at}){pattern_source('persons.byline')}")
    got = [m for m, _outlet in _bylines(text)]
    assert {m.span() for m in whole.finditer(text)} <= {m.span() for m in got}
    at_start = re.compile(pattern_source("persons.byline_at"))
    assert all(at_start.match(text, m.start()) or _outlet_before(text, m.start()) for m in got)
