"""The document context (zhibiao.extract.context, zhibiao.extract.document): what figures inherit.

Inheritance goes document → paragraph → sentence, and a nearer mention always wins.
"""

from __future__ import annotations

import pytest

from zhibiao import extract
from zhibiao.extract.context import Carry
from zhibiao.extract.document import event_stage, written_date
from zhibiao.extract.periods import find_periods


def _periods(text: str, published: str) -> list[str | None]:
    return [f.period for f in extract(text, published) if f.type == "indicator"]


@pytest.mark.parametrize(
    ("text", "published", "periods"),
    [
        # the title's span governs the body
        ("上半年全区经济运行情况\n全区完成一般公共预算收入18.56亿元。", "2023-07-20", ["2023-01/2023-06"]),
        # a span in the paragraph is nearer than the title's
        ("上半年全区经济运行情况\n1-5月,全区完成一般公共预算收入18.56亿元。", "2023-07-20", ["2023-01/2023-05"]),
        # a span in the sentence is nearer than the paragraph's
        ("1-5月,全区财政收入增长5%。1-6月,全区完成一般公共预算收入18.56亿元。", "2023-07-20",
         ["2023-01/2023-05", "2023-01/2023-06"]),
        # the span a paragraph spoke of goes on into the next one …
        ("前三季度,全区经济稳中有进。\n全区完成一般公共预算收入18.56亿元。", "2023-10-20", ["2023-01/2023-09"]),
        # … and the year a paragraph named too
        ("2022年全区经济稳中有进。\n上半年,全区完成一般公共预算收入18.56亿元。", "2023-10-20", ["2022-01/2022-06"]),
        # a heading's span governs the paragraphs below it
        ("全区经济运行情况\n导语:今年以来经济平稳。\n一、1-9月主要指标\n说明文字。\n全区完成一般公共预算收入18.56亿元。",
         "2023-10-20", ["2023-01/2023-09"]),
    ],
)
def test_context_nearer_period_wins(text: str, published: str, periods: list[str]) -> None:
    assert _periods(text, published) == periods


def test_context_publication_date_written_in_the_text_resolves_years() -> None:
    text = "高新区经济运行情况\n发布时间:2023-07-18 10:20\n上半年,全区完成一般公共预算收入18.56亿元。"
    assert _periods(text, None) == ["2023-01/2023-06"]  # type: ignore[arg-type]
    # a date the input gives wins over the one in the text
    assert _periods(text, "2022-07-18") == ["2022-01/2022-06"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("标题\n发布时间:2023-11-13 10:20\n正文", "2023-11-13"),
        ("标题\n日期:2023年11月13日\n正文", "2023-11-13"),
        ("(2022年8月5日)本报讯 正文", "2022-08-05"),
        ("正文没有日期。", None),
        ("发布时间:2023-13-45", None),  # no such day
    ],
)
def test_context_written_date(text: str, date: str | None) -> None:
    assert written_date(text) == date


@pytest.mark.parametrize(
    ("title", "stage"),
    [
        ("我区2023年第二批重大项目集中开工", "started"),
        ("全市重大项目集中签约仪式举行", "signed"),
        ("三季度重点项目集中竣工", "completed"),
        ("禾榆386个项目集中签约动工竣工投产", None),  # a mixed event gives no stage
        ("上半年经济运行情况", None),
    ],
)
def test_context_event_stage_of_the_title(title: str, stage: str | None) -> None:
    assert event_stage(title) == stage


def test_context_event_stage_reaches_projects_without_their_own() -> None:
    text = "我区重大项目集中开工\n其中,亿元以上项目12个。"
    stages = [f.stage for f in extract(text, "2023-05-10") if f.type == "projects"]
    assert stages == ["started"]


def test_context_carry_keeps_spans_not_months() -> None:
    carry = Carry().after(find_periods("前三季度,经济稳定。"))
    assert carry.period is not None and (carry.period.start, carry.period.end) == (1, 9)
    # a single month does not go on into the next paragraph; the span before stays
    assert Carry(carry.period).after(find_periods("9月份,出口增长。")).period == carry.period


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        # each list item names its own subject
        ("今年上半年,各区项目成效明显。\n◆新城区签约项目12个;\n◆老城区签约项目8个。", ["新城区", "老城区"]),
        # a clause's entity governs the rest of its paragraph, until another one opens a clause
        ("新城区签约项目12个,总投资30亿元;老城区签约项目8个。", ["新城区", "老城区"]),
    ],
)
def test_context_subjects_of_clauses_and_items(text: str, subjects: list[str]) -> None:
    assert [f.subject for f in extract(text, "2023-07-10") if f.type == "projects"] == subjects


def test_context_speaker_speaks_for_the_organisation_in_their_title() -> None:
    text = "会上,高新区管委会主任张明表示,上半年引进项目12个。"
    facts = [f for f in extract(text, "2023-07-10") if f.type == "projects"]
    assert [f.subject for f in facts] == ["高新技术产业开发区"] or [f.subject for f in facts] == ["高新区"]
