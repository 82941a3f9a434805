"""Period phrases (上半年, 1-9月, 前三季度, 截至9月底, 2023年, 去年 …) and their resolution.

A :class:`PeriodMention` is what the text says; :func:`resolve_period` turns it into the
FACTS.md string ``YYYY-MM/YYYY-MM`` using the year the text gives, else the publication date.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

__all__ = ["PeriodMention", "find_periods", "resolve_period"]

_CN_MONTH = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}
_QUARTER = {"一": 1, "1": 1, "首": 1, "二": 2, "2": 2, "三": 3, "3": 3, "四": 4, "4": 4}


class PeriodMention(NamedTuple):
    """A period phrase. ``year`` is absolute; ``rel_year`` is an offset from the publication year
    (今年 0, 去年 -1) used when ``year`` is None. ``start``/``end`` are months; None for a bare
    year mention that only fixes the year. ``kind``: span, year, date (an event day), ytd."""

    pos: int
    end_pos: int
    year: int | None
    rel_year: int | None
    start: int | None
    end: int | None
    kind: str

    def with_year_from(self, other: PeriodMention | None) -> PeriodMention:
        """Take the year of ``other`` when this mention has none of its own."""
        if other is None or self.year is not None or self.rel_year is not None:
            return self
        return self._replace(year=other.year, rel_year=other.rel_year)


def _month(text: str) -> int | None:
    if text.isdigit():
        m = int(text)
        return m if 1 <= m <= 12 else None
    return _CN_MONTH.get(text)


_ISO_MONTH = re.compile(r"\d{4}-\d{2}")
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"


@cache
def _period_regex() -> re.Pattern[str]:
    # A year (2023年, 今年) optionally followed by a span, or a span alone; never empty, so that
    # finditer does not stop at every character (the conditional (?(y)…) makes the span
    # optional only after a year).
    return re.compile(
        # a cheap first-character gate: the engine gives up at once everywhere else
        r"(?=[\d一二两三四五六七八九十今去上本当明前下全截到第首以年])"
        rf"(?P<y>(?P<year>(?:19|20)\d{{2}})年(?:度)?|(?P<rel>今年|去年|上年|本年度|本年|当年|明年|前年|上一年|年初以来|今年以来))?"
        rf"(?:(?P<ytd>以来)"
        rf"|(?P<h1>上半年|前两季度|前二季度)|(?P<h2>下半年)"
        rf"|(?P<q3c>前三季度|前3季度)"
        rf"|(?P<qa>[一二三1-3])(?:季度)?\s*(?:-|~|至|到|—)\s*(?P<qb>[二三四2-4])季度"  # 一至三季度
        rf"|第?(?P<q>[一二三四1-4首])季度?(?![度\d])"
        rf"|(?P<m1>{_M})(?:月份?)?\s*(?:-|~|至|到|—)\s*(?P<m2>{_M})月(?:份)?(?:末|底)?"
        rf"|前(?P<nm>{_M})个?月"
        rf"|(?P<cut>截至|截止|截止到|到)(?:(?P<cutyear>(?:19|20)\d{{2}})年)?(?P<cm>{_M})月(?:末|底|份)?"
        rf"|(?P<mon>{_M})月(?:份)?(?P<mday>(?:\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?(?P<mend>末|底)?"
        rf"|(?P<full>全年|年内)(?!目标|任务|计划|预期)"  # not 完成全年目标任务的26.4%
        rf"|(?(y)|(?!)))"
    )


# Every period phrase holds 年, 月 or 季 (or ends in 以来): the full pattern only runs in short
# windows around those anchors, which is much faster than trying it at every character.
_ANCHOR = re.compile(r"[年月季]|以来")


def _period_matches(text: str) -> list[re.Match[str]]:
    rx = _period_regex()
    out: list[re.Match[str]] = []
    scanned = 0
    for a in _ANCHOR.finditer(text):
        lo = max(scanned, a.start() - 12)
        if a.end() <= scanned:
            continue
        hi = min(len(text), a.end() + 12)
        for m in rx.finditer(text, lo, hi):
            if m.end() > m.start():
                out.append(m)
                scanned = max(scanned, m.end())
        scanned = max(scanned, a.end())
    return out


def find_periods(text: str, offset: int = 0) -> list[PeriodMention]:
    """Every period phrase in ``text`` (positions shifted by ``offset``).

    >>> [(p.year, p.rel_year, p.start, p.end, p.kind) for p in find_periods("2023年上半年,去年1-9月")]
    [(2023, None, 1, 6, 'span'), (None, -1, 1, 9, 'span')]
    """
    out: list[PeriodMention] = []
    for m in _period_matches(text):
        if m.end() == m.start():
            continue
        g = m.groupdict()
        year = int(g["year"]) if g["year"] else None
        rel = g["rel"]
        if text[max(0, m.start() - 2):m.start()].endswith(("比", "较", "与", "同", "超", "于", "过")) \
                and (rel or year or not g["full"]):
            continue  # 比上年同期, 较2018年, 比1-9月回落: a baseline, not the period of the figure
        rel_year: int | None = None
        kind = "span"
        start = end = None
        if rel in ("今年", "本年", "本年度", "当年", "年初以来", "今年以来"):
            rel_year = 0
        elif rel in ("去年", "上年", "上一年"):
            rel_year = -1
        elif rel == "明年":
            rel_year = 1
        elif rel == "前年":
            rel_year = -2
        if rel in ("年初以来", "今年以来") or g["ytd"]:
            if not (year or rel):
                continue
            kind, start, end = "ytd", 1, None
        elif g["h1"]:
            start, end = 1, 6
        elif g["h2"]:
            start, end = 7, 12
        elif g["q3c"]:
            start, end = 1, 9
        elif g["qa"]:
            start, end = 3 * _QUARTER[g["qa"]] - 2, 3 * _QUARTER[g["qb"]]
            if end <= start:
                continue
        elif g["q"]:
            q = _QUARTER[g["q"]]
            start, end = 3 * q - 2, 3 * q
        elif g["m1"]:
            start, end = _month(g["m1"]), _month(g["m2"])
            if start is None or end is None or end < start:
                continue
        elif g["nm"]:
            start, end = 1, _month(g["nm"])
        elif g["cut"]:
            cm = _month(g["cm"])
            if g["cut"] == "到" and not (year or rel):
                continue
            start, end, kind = 1, cm, "cumulative"
            if g["cutyear"]:
                year = int(g["cutyear"])
        elif g["mon"]:
            mon = _month(g["mon"])
            start = end = mon
            if g["mday"]:
                kind = "date"
            elif g["mend"]:
                kind = "month_end"
            else:
                kind = "month"
        elif g["full"]:
            if not (year or rel) and g["full"] != "全年":
                continue
            start, end = 1, 12
            if g["full"] in ("年", "年度") and year is None and rel is None:
                continue
        else:
            if year is None and rel_year is None:
                continue
            kind = "year"
            if rel in ("去年", "上年", "上一年", "前年"):
                start, end = 1, 12  # 去年 alone means last year's whole year
                kind = "span"
        if start is None and kind not in ("year", "ytd"):
            continue
        out.append(PeriodMention(m.start() + offset, m.end() + offset, year, rel_year, start, end, kind))
    return out


def resolve_period(mention: PeriodMention | None, published: str | None) -> str | None:
    """The FACTS.md period string of a mention, with the year from the text or ``published``.

    A span without a year takes the publication year, or the year before when the span ends
    after the publication month (全年 published in January is last year's).

    >>> resolve_period(find_periods("上半年")[0], "2023-07-19")
    '2023-01/2023-06'
    >>> resolve_period(find_periods("全年")[0], "2024-01-20")
    '2023-01/2023-12'
    >>> resolve_period(find_periods("一季度")[0], None)
    'XXXX-01/XXXX-03'
    """
    if mention is None or mention.start is None:
        return None
    start, end = mention.start, mention.end
    pub_year = pub_month = None
    if published and _ISO_MONTH.match(published):
        pub_year, pub_month = int(published[:4]), int(published[5:7])
    if end is None:  # year to date: up to the publication month
        if pub_month is None:
            return None
        end = pub_month
    year: int | str | None = mention.year
    if year is None and mention.rel_year is not None and pub_year is not None:
        year = pub_year + mention.rel_year
    if year is None and pub_year is not None and pub_month is not None:
        year = pub_year if end <= pub_month else pub_year - 1
    if year is None:
        year = "XXXX"
    return f"{year}-{start:02d}/{year}-{end:02d}"
