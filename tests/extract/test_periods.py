"""Period phrases and their resolution (zhibiao.extract.periods), table-driven."""

from __future__ import annotations

import pytest

from zhibiao.extract.periods import PeriodMention, _moved_from, find_periods, resolve_period
from zhibiao.lexicon import Shapes

_PERIODS = Shapes("periods")


@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        ("全年", "2023-12-30", "2023-01/2023-12"),
        ("全年", "2024-01-20", "2023-01/2023-12"),
        ("上半年", "2023-07-19", "2023-01/2023-06"),
        ("下半年", "2024-01-05", "2023-07/2023-12"),
        ("一季度", "2022-05-11", "2022-01/2022-03"),
        ("第二季度", "2022-08-11", "2022-04/2022-06"),
        ("前三季度", "2023-10-25", "2023-01/2023-09"),
        ("一至三季度", "2023-10-25", "2023-01/2023-09"),
        ("2-3季度", "2023-10-25", "2023-04/2023-09"),
        ("1-2月", "2024-03-18", "2024-01/2024-02"),
        ("1至5月", "2023-06-20", "2023-01/2023-05"),
        ("1—6月", "2004-08-10", "2004-01/2004-06"),
        ("1~9月", "2017-11-11", "2017-01/2017-09"),
        ("前5个月", "2023-06-20", "2023-01/2023-05"),
        ("截至9月底", "2023-10-08", "2023-01/2023-09"),
        ("截至2022年9月末", "2023-10-08", "2022-01/2022-09"),
        ("6月末", "2023-07-10", "2023-06/2023-06"),
        ("10月份", "2024-11-20", "2024-10/2024-10"),
        ("2022年", "2023-03-01", "2022-01/2022-12"),
        ("2023年上半年", None, "2023-01/2023-06"),
        ("2024年1-10月", "2024-12-27", "2024-01/2024-10"),
        ("去年", "2012-02-06", "2011-01/2011-12"),
        ("今年上半年", "2023-07-19", "2023-01/2023-06"),
        ("今年以来", "2017-11-15", "2017-01/2017-11"),
        ("一季度", None, "XXXX-01/XXXX-03"),
    ],
)
def test_periods_resolve(text: str, published: str | None, period: str) -> None:
    mentions = find_periods(text)
    assert mentions, text
    m = mentions[0]
    if m.kind == "year":
        m = type(m)(m.pos, m.end_pos, m.year, m.rel_year, 1, 12, "span")
    assert resolve_period(m, published) == period


@pytest.mark.parametrize("text", ["比上年同期增长", "较去年同期", "十四五", "第一", "一是", "同比"])
def test_periods_baselines_and_words_are_not_periods(text: str) -> None:
    assert [m for m in find_periods(text) if m.start is not None] == []


def _lends_year(text: str, m: PeriodMention) -> bool:
    """A plain reading, mention by mention, of whether ``m`` lends its year (the reference year_reach is held to)."""
    if _moved_from(text, m):
        return False
    return m.year is None or _PERIODS.year_in_passing.match(text, m.end_pos) is None


def _passed(text: str, m: PeriodMention, pos: int) -> bool:
    """A plain reading, position by position, of whether a year said in passing is no longer in force at ``pos``."""
    if _moved_from(text, m):
        return _PERIODS.clause_ends.search(text, m.end_pos, pos) is not None
    said = _PERIODS.year_in_passing.match(text, m.end_pos) if m.year is not None else None
    if said is None:
        return False
    return bool(said.group("carried")) or _PERIODS.passing_ends.search(text, m.end_pos, pos) is not None


def test_year_reach_says_what_lends_year_and_passed_say() -> None:
    """year_reach (worked out once per mention) agrees with a plain reading of whether a mention lends its year and
    where it is passed, at every position after it, on the dev reports and on the moves and years in passing the
    rules were written for."""
    import json
    from pathlib import Path

    from zhibiao.extract.periods import year_reach

    texts = ["由上年的52.1%提高到53.4%,其中2024年结转项目13个;新增5个。",
             "从2020年的412.9亿元提升至621亿元,增长5%。在2018年度全省考核中获第一,2019年增长7.6%。"]
    data = Path(__file__).resolve().parents[1] / "data"
    for name in ("reports.jsonl", "seeds.jsonl"):
        texts += [json.loads(line)["text"] for line in (data / name).read_text(encoding="utf-8").splitlines()
                  if line.strip()]
    checked = 0
    for text in texts:
        for m in find_periods(text):
            lends, passed_at = year_reach(text, m)
            assert lends == _lends_year(text, m)
            for pos in range(m.pos, min(len(text), m.end_pos + 80) + 1):
                assert _passed(text, m, pos) == (pos >= passed_at), (text[m.pos:m.end_pos + 20], pos)
                checked += 1
    assert checked > 1000
