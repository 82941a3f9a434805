"""Periods as analysts type them → the ``YYYY-MM/YYYY-MM`` spans facts are stored with.

Chinese statistics are cumulative from January: 上半年 is January–June, 前三季度 January–
September. Accepted forms (case-insensitive, spaces ignored):

==========================  ==================  =========================================
form                        example             span
==========================  ==================  =========================================
year                        ``2023``            2023-01/2023-12 (全年)
half                        ``2023H1``          2023-01/2023-06 (H2: 2023-07/2023-12)
quarter                     ``2023Q1``          2023-01/2023-03 (Q2: 2023-04/2023-06 …)
first quarters              ``2023Q1-3``        2023-01/2023-09 (前三季度)
month                       ``2023-06``         2023-06/2023-06 (a month-end balance)
month range                 ``2023-01..09``     2023-01/2023-09 (1-9月)
stored form                 ``2023-01/2023-09`` as given
Chinese                     ``2023年上半年``     also 2023年前三季度, 2023年一季度, 2023年1-9月, 2023年全年
==========================  ==================  =========================================
"""

from __future__ import annotations

import re

from zhibiao.errors import QueryError

__all__ = ["Span", "parse_period", "previous_year"]

Span = tuple[str, str]

_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})(?:年|年全年|全年)?$"), "year"),
    (re.compile(r"^(\d{4})H([12])$"), "half"),
    (re.compile(r"^(\d{4})Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})Q1-([1-4])$"), "quarters"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})-(\d{1,2})\.\.(\d{1,2})$"), "months"),
    (re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$"), "span"),
    (re.compile(r"^(\d{4})年?(上|下)半年$"), "cn_half"),
    (re.compile(r"^(\d{4})年?(?:前([二三两23])季度)$"), "cn_quarters"),
    (re.compile(r"^(\d{4})年?(?:第?([一二三四1-4])季度)$"), "cn_quarter"),
    (re.compile(r"^(\d{4})年?(\d{1,2})[-至~](\d{1,2})月$"), "months"),
    (re.compile(r"^(\d{4})年?(\d{1,2})月(?:末|底)?$"), "month"),
]


def _m(year: int, month: int) -> str:
    if not 1 <= month <= 12:
        raise QueryError(f"no month {month} in a year")
    return f"{year:04d}-{month:02d}"


def parse_period(text: str) -> Span:
    """The (start, end) months of a period, both inclusive.

    >>> parse_period("2023H1"), parse_period("2023"), parse_period("2023Q1-3")
    (('2023-01', '2023-06'), ('2023-01', '2023-12'), ('2023-01', '2023-09'))
    >>> parse_period("2023-01..09"), parse_period("2024年1-10月"), parse_period("2023-06")
    (('2023-01', '2023-09'), ('2024-01', '2024-10'), ('2023-06', '2023-06'))
    """
    key = re.sub(r"\s+", "", text).upper().replace("－", "-").replace("—", "-")
    for pattern, kind in _PATTERNS:
        m = pattern.match(key)
        if not m:
            continue
        year = int(m.group(1))
        if kind == "year":
            return _m(year, 1), _m(year, 12)
        if kind == "half":
            return (_m(year, 1), _m(year, 6)) if m.group(2) == "1" else (_m(year, 7), _m(year, 12))
        if kind == "cn_half":
            return (_m(year, 1), _m(year, 6)) if m.group(2) == "上" else (_m(year, 7), _m(year, 12))
        if kind in ("quarter", "cn_quarter"):
            q = _CN_QUARTER[m.group(2)]
            return _m(year, 3 * q - 2), _m(year, 3 * q)
        if kind == "quarters":
            return _m(year, 1), _m(year, 3 * int(m.group(2)))
        if kind == "cn_quarters":
            q = {"二": 2, "两": 2, "三": 3, "2": 2, "3": 3}[m.group(2)]
            return _m(year, 1), _m(year, 3 * q)
        if kind == "month":
            return _m(year, int(m.group(2))), _m(year, int(m.group(2)))
        if kind == "months":
            start, end = _m(year, int(m.group(2))), _m(year, int(m.group(3)))
        else:  # span
            start, end = _m(year, int(m.group(2))), _m(int(m.group(3)), int(m.group(4)))
        if start > end:
            raise QueryError(f"period {text!r} ends before it starts")
        return start, end
    raise QueryError(f"period {text!r} not understood; use e.g. 2023, 2023H1, 2023Q3, 2023Q1-3, 2023-06, "
                     "2023-01..09 or 2023-01/2023-09")


def previous_year(span: Span) -> Span:
    """The same months one year earlier.

    >>> previous_year(("2023-01", "2023-06"))
    ('2022-01', '2022-06')
    """
    return tuple(f"{int(p[:4]) - 1:04d}{p[4:]}" for p in span)  # type: ignore[return-value]


def format_span(start: str, end: str) -> str:
    """A span as people say it: 2023H1, 2023Q3, 2023, 2023-06, else 2023-01..09.

    >>> format_span("2023-01", "2023-06"), format_span("2023-01", "2023-12"), format_span("2023-01", "2023-09")
    ('2023H1', '2023', '2023-01..09')
    """
    if start[:4] == end[:4]:
        year, a, b = start[:4], int(start[5:]), int(end[5:])
        names = {(1, 12): year, (1, 6): f"{year}H1", (7, 12): f"{year}H2", (1, 3): f"{year}Q1",
                 (4, 6): f"{year}Q2", (7, 9): f"{year}Q3", (10, 12): f"{year}Q4"}
        if (a, b) in names:
            return names[(a, b)]
        if a == b:
            return start
        return f"{start}..{end[5:]}"
    return f"{start}/{end}"
