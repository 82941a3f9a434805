"""Periods typed by analysts → stored spans, and back."""

from __future__ import annotations

import pytest

from zhibiao.errors import QueryError
from zhibiao.store.periods import format_span, parse_period, previous_year


@pytest.mark.parametrize(("text", "span"), [
    ("2023", ("2023-01", "2023-12")),
    ("2023年", ("2023-01", "2023-12")),
    ("2023年全年", ("2023-01", "2023-12")),
    ("2023H1", ("2023-01", "2023-06")),
    ("2023h2", ("2023-07", "2023-12")),
    ("2023Q1", ("2023-01", "2023-03")),
    ("2023Q4", ("2023-10", "2023-12")),
    ("2023Q1-3", ("2023-01", "2023-09")),
    ("2023-06", ("2023-06", "2023-06")),
    ("2023-1", ("2023-01", "2023-01")),
    ("2023-01..09", ("2023-01", "2023-09")),
    ("2023-01/2023-09", ("2023-01", "2023-09")),
    ("2023年上半年", ("2023-01", "2023-06")),
    ("2023下半年", ("2023-07", "2023-12")),
    ("2023年前三季度", ("2023-01", "2023-09")),
    ("2023年一季度", ("2023-01", "2023-03")),
    ("2024年1-10月", ("2024-01", "2024-10")),
    ("2023年6月末", ("2023-06", "2023-06")),
    (" 2023 H1 ", ("2023-01", "2023-06")),
])
def test_periods_parse(text: str, span: tuple[str, str]) -> None:
    assert parse_period(text) == span


@pytest.mark.parametrize("text", ["", "H1", "2023H3", "2023Q5", "2023-13", "2023-09..03", "上半年", "2023/06"])
def test_periods_parse_rejects(text: str) -> None:
    with pytest.raises(QueryError):
        parse_period(text)


@pytest.mark.parametrize(("span", "label"), [
    (("2023-01", "2023-06"), "2023H1"),
    (("2023-07", "2023-12"), "2023H2"),
    (("2023-01", "2023-12"), "2023"),
    (("2023-04", "2023-06"), "2023Q2"),
    (("2023-06", "2023-06"), "2023-06"),
    (("2023-01", "2023-09"), "2023-01..09"),
    (("2022-12", "2023-02"), "2022-12/2023-02"),
])
def test_periods_format_span_round_trips(span: tuple[str, str], label: str) -> None:
    assert format_span(*span) == label
    assert parse_period(label) == span


def test_periods_previous_year() -> None:
    assert previous_year(("2023-01", "2023-06")) == ("2022-01", "2022-06")
