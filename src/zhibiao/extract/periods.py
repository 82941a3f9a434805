"""Period phrases (上半年, 1-9月, 前三季度, 截至9月底, 2023年, 去年 …) and their resolution.

A :class:`PeriodMention` is what the text says; :func:`resolve_period` turns it into the
FACTS.md string ``YYYY-MM/YYYY-MM`` using the year the text gives, else the publication date.
The phrases are the ``periods.phrase`` shape of ``grammar.toml``; the words for relative years
and Chinese month numbers are tables of ``vocab.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from zhibiao.extract.quantities import parse_number
from zhibiao.lexicon import Shapes, Words, WordSets

__all__ = ["PeriodKind", "PeriodMention", "find_periods", "iter_periods", "latest_of", "latest_year_candidates",
           "period_string", "resolve_period", "under_way", "years_period", "years_spans"]

_PERIODS = Shapes("periods")
_PERIODS_WORDS = Words("periods")
_MULTIPLE_BEFORE = tuple(_PERIODS_WORDS.multiple_before)  # (是, 相当于: what a multiple's baseline period follows)
_PERIODS_SETS = WordSets("periods")
_EVALUATION_VERBS = tuple(_PERIODS_WORDS.evaluation_verbs)  # (进行, 开展: what a report judging some year says)
_MOVED_FROM_MARKS = tuple(Words("ranking").moved_from_marks)  # (由上年的…, 从2018年的…)
_COMPARED_REACH = 12  # (how far before a year the verb comparing with it may stand: 高于上年同期、|2017年全年)
_SINCE_KIND = "ytd"  # (2017年以来, 今年以来: a span running from its start to now)

# span: a run of months (上半年); year: a bare year that only fixes the year (2023年); date: an event
# day (11月14日); ytd: from January to the publication month (今年以来); cumulative: up to a month
# (截至9月底); month: one month (10月份); month_end: a stock at a month's end (6月末).
PeriodKind = Literal["span", "year", "date", "ytd", "cumulative", "month", "month_end"]

_ISO_MONTH = re.compile(r"\d{4}-\d{2}")
# How far around an anchor (年, 月, 季, 以来) a period phrase may reach.
_ANCHOR_WINDOW = 12
NEVER_PASSED = 1 << 62  # (year_reach: a mention in force at every position after it)
# Regex groups of the phrase shape that are fixed spans of months.
_FIXED_SPANS = {"h1": (1, 6), "h2": (7, 12), "q3c": (1, 9), "natday": (10, 10), "mayday": (5, 5)}


@dataclass(slots=True, unsafe_hash=True)
class PeriodMention:
    """A period phrase. ``year`` is absolute; ``rel_year`` is an offset from the publication year
    (今年 0, 去年 -1) used when ``year`` is None. ``start``/``end`` are months; None for a bare
    year mention that only fixes the year."""

    pos: int
    end_pos: int
    year: int | None
    rel_year: int | None
    start: int | None
    end: int | None
    kind: PeriodKind

    def with_year_from(self, other: PeriodMention | None) -> PeriodMention:
        """Take the year of ``other`` when this mention has none of its own."""
        if other is None or self.year is not None or self.rel_year is not None:
            return self
        # built directly: dataclasses.replace goes through a dict of its keywords (a hot path)
        return PeriodMention(self.pos, self.end_pos, other.year, other.rel_year, self.start, self.end, self.kind)


@dataclass(slots=True, unsafe_hash=True)
class _Months:
    start: int | None
    end: int | None
    kind: PeriodKind
    year: int | None


def _month(text: str) -> int | None:
    """A month number written in digits or Chinese (9, 09, 九, 十二)."""
    if text.isdigit():
        m = int(text)
        return m if 1 <= m <= 12 else None
    value = _PERIODS_WORDS.month_numbers.get(text)
    return int(value) if value is not None else None


def _quarter(text: str) -> int:
    return int(_PERIODS_WORDS.quarter_numbers[text])


def _period_matches(text: str) -> Iterator[re.Match[str]]:
    """Every period phrase of ``text``, the phrase shape tried only in windows around its anchors; in
    text order, each found before the text after it is looked at (a reader that stops early, at the
    first period it wants, leaves the rest of the text unread)."""
    rx = _PERIODS.phrase
    scanned = 0
    for a in _PERIODS.anchor.finditer(text):
        if a.end() <= scanned:
            continue
        lo = max(scanned, a.start() - _ANCHOR_WINDOW)
        hi = min(len(text), a.end() + _ANCHOR_WINDOW)
        found = list(rx.finditer(text, lo, hi))
        if found and found[-1].end() == hi < len(text):
            # (a phrase begun in the window may end past it: …增加13872元。前三季|度 is 前三季度, not 三季)
            found = [m for m in rx.finditer(text, lo, min(len(text), hi + _ANCHOR_WINDOW)) if m.start() < hi]
        for m in found:
            if m.end() > m.start():
                yield m
                scanned = max(scanned, m.end())
        scanned = max(scanned, a.end())


def find_periods(text: str, offset: int = 0) -> list[PeriodMention]:
    """Every period phrase in ``text`` (positions shifted by ``offset``).

    >>> [(p.year, p.rel_year, p.start, p.end, p.kind) for p in find_periods("2023年上半年,去年1-9月")]
    [(2023, None, 1, 6, 'span'), (None, -1, 1, 9, 'span')]
    >>> find_periods("比上年同期增长")
    []
    """
    return list(iter_periods(text, offset))


def iter_periods(text: str, offset: int = 0) -> Iterator[PeriodMention]:
    """The mentions of :func:`find_periods`, one at a time in text order: each comes out as it would in
    the whole list, whether the reader goes on or not, so a reader that wants the first one of a kind
    may stop there (and the phrases after it are never looked for)."""
    baseline_end = -1
    for m in _period_matches(text):
        if baseline_end >= 0 and _next_baseline(text, baseline_end, m):
            baseline_end = m.end()  # 比今年1-3月、1-4月、1-6月: the periods listed after a baseline are baselines
            continue
        mention = _mention(text, m, offset)
        if mention is not None:
            yield mention
        baseline_end = m.end() if mention is None and _is_baseline(text, m) else -1


def _next_baseline(text: str, baseline_end: int, m: re.Match[str]) -> bool:
    """Whether a period phrase after a baseline ending at ``baseline_end`` is the next baseline: listed right after
    it (比今年1-3月、1-4月), or a year opening a further change against it after the change against the first
    (同比2020年增长37%、2019年增长22%)."""
    between = text[baseline_end:m.start()]
    if between in _PERIODS_SETS.list_joiners:
        return True
    return bool(m.group("year")) and _PERIODS.change_between_baselines.match(between) is not None \
        and _PERIODS.change_after_baseline.match(text, m.end()) is not None


def _is_baseline(text: str, m: re.Match[str]) -> bool:
    """Whether a period phrase is what a figure is compared with (比上年同期, 较2018年, 比1-9月)."""
    before = text[max(0, m.start() - 2):m.start()]
    if before.endswith(_PERIODS_WORDS.former_place_before) and _PERIODS.former_place_after.match(text, m.end()):
        return True  # 从去年的第七名, 由2008年的第20位: the period of a place left, read with that place
    if text.endswith(_MULTIPLE_BEFORE, 0, m.start()) and _PERIODS.multiple_base_after.match(text, m.end()):
        return True  # 是上年的2.3倍: the period the figure is a multiple of
    return before.endswith(_PERIODS_WORDS.baseline_before) and bool(m.group("rel") or m.group("year")
                                                                     or not m.group("full"))


def _mention(text: str, m: re.Match[str], offset: int) -> PeriodMention | None:
    """The mention one phrase match states, or None when it is a baseline or no period."""
    g = m.groupdict()
    year = int(g["year"]) if g["year"] else None
    rel = g["rel"]
    if _is_baseline(text, m):
        return None  # 比上年同期, 较2018年, 比1-9月回落: a baseline, not the period of the figure
    if g["full"] and not (year or rel) and _PERIODS.whole_year_target_after.match(text, m.end()) is not None:
        return None  # (完成全年任务的148.8%: the year of a target's noun, no period of the figures)
    # 当年 ("that year") is the year the text speaks of just before, not one counted from the date
    rel_year = int(_PERIODS_WORDS.relative_years[rel]) if rel and rel not in _PERIODS_SETS.anaphoric_years else None
    months = _months(g, year, rel)
    if months is None:
        return None
    if months.start is None and months.kind not in ("year", "ytd"):
        return None
    return PeriodMention(m.start() + offset, m.end() + offset, months.year, rel_year, months.start, months.end,
                         months.kind)


def _months(g: dict[str, str | None], year: int | None, rel: str | None) -> _Months | None:
    """The months a phrase spans, its kind and its year, read from the groups of the phrase shape."""
    if (rel and rel in _PERIODS_SETS.year_to_date) or g["ytd"]:
        return _Months(1, None, "ytd", year) if (year or rel) else None
    for group, (start, end) in _FIXED_SPANS.items():
        if g[group]:
            return _Months(start, end, "span", year)
    if g["qa"] and g["qb"]:
        start, end = 3 * _quarter(g["qa"]) - 2, 3 * _quarter(g["qb"])
        return _Months(start, end, "span", year) if end > start else None
    if g["q"]:
        q = _quarter(g["q"])
        return _Months(3 * q - 2, 3 * q, "span", year)
    return _month_phrase(g, year, rel)


def _month_phrase(g: dict[str, str | None], year: int | None, rel: str | None) -> _Months | None:
    """Phrases built on month numbers (1-9月, 前5个月, 截至9月底, 6月末) and the whole year."""
    if g["m1"] and g["m2"]:
        start, end = _month(g["m1"]), _month(g["m2"])
        if start is None or end is None or end < start:
            return None
        return _Months(start, end, "span", year)
    if g["nm"]:
        return _Months(1, _month(g["nm"]), "span", year)
    if g["cut"] and g["cm"]:
        if g["cut"] in _PERIODS_SETS.bounded_cut and not (year or rel):
            return None
        return _Months(1, _month(g["cm"]), "cumulative", int(g["cutyear"]) if g["cutyear"] else year)
    if g["mon"]:
        mon = _month(g["mon"])
        kind: PeriodKind = "date" if g["mday"] else "month_end" if g["mend"] else "month"
        return _Months(mon, mon, kind, year)
    if g["yend"]:
        return _Months(12, 12, "month_end", year)  # 年末全县户籍人口: a stock at the year's end
    if g["full"]:
        if not (year or rel) and g["full"] not in _PERIODS_SETS.whole_year:
            return None
        return _Months(1, 12, "span", year)
    if year is None and rel is None:
        return None
    if rel and rel in _PERIODS_SETS.whole_past_years:
        return _Months(1, 12, "span", year)  # 去年 alone means last year's whole year
    return _Months(None, None, "year", year)


# Spans of months reported as done (今年前11个月, 今年1-9月): not a bare year (今年), not the whole year.
_DONE_SPANS = ("span", "cumulative")
_FIRST_PLAN, _FIRST_PLAN_YEAR, _PLAN_YEARS = 3, 1966, 5  # (the third five-year plan: 1966-1970)
_PLAN_TENS = 10  # (十三五: the thirteenth plan)
_DONE_SPANS_AND_MONTHS = (*_DONE_SPANS, "month", "month_end", "date")
_DECEMBER = 12
_QUARTER_MONTHS = 3  # (a span of a quarter or less under way at the date is the current one)


@lru_cache(maxsize=4096)
def resolve_period(mention: PeriodMention | None, published: str | None, *, future: bool = False) -> str | None:
    """The FACTS.md period string of a mention, with the year from the text or ``published``.

    A span without a year takes the publication year, or the year before when the span ends
    after the publication month (全年 published in January is last year's) — unless the figure
    is about the ``future`` (a goal or a forecast: 全年预计 published in October is this year's).

    >>> resolve_period(find_periods("上半年")[0], "2023-07-19")
    '2023-01/2023-06'
    >>> resolve_period(find_periods("全年")[0], "2024-01-20")
    '2023-01/2023-12'
    >>> resolve_period(find_periods("全年")[0], "2023-10-20", future=True)
    '2023-01/2023-12'
    >>> resolve_period(find_periods("今年一季度")[0], "2024-02-19")
    '2024-01/2024-03'
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
        if pub_month is None or pub_year is None:
            return None
        end = pub_month
        since = mention.year if mention.year is not None else (
            pub_year + mention.rel_year if mention.rel_year is not None else None)
        if since is not None and since < pub_year:  # (2021年以来, 去年以来: from that year up to the date)
            return f"{since:04d}-{start:02d}/{pub_year:04d}-{end:02d}"
    year: int | str | None = mention.year
    if year is None and mention.rel_year is not None and pub_year is not None:
        year = pub_year + mention.rel_year
        if mention.rel_year == 0 and mention.kind in _DONE_SPANS_AND_MONTHS and pub_month is not None \
                and end > pub_month and (end < _DECEMBER or mention.kind not in _DONE_SPANS) and not future \
                and not under_way(start, end, pub_month):
            # 今年前11个月 (and its 11月份当月) published in January: a span not yet over, a month not yet
            # come, is no result — last year's (but 今年一季度 in February: the quarter under way, this year's)
            year -= 1
    if year is None and pub_year is not None and pub_month is not None:
        # (一季度 in January: a quarter under way, not a year ago; a longer span begun, 前三季度 in January,
        # is last year's)
        year = pub_year if end <= pub_month or future or under_way(start, end, pub_month) else pub_year - 1
    return period_string("XXXX" if year is None else year, start, end)


def under_way(start: int, end: int, month: int) -> bool:
    """Whether months ``start``-``end`` are a span of a quarter or less begun by ``month``: the current one, not last
    year's (一季度 in February).

    >>> under_way(1, 3, 2), under_way(1, 9, 2), under_way(4, 6, 2)
    (True, False, False)
    """
    return start <= month and end - start < _QUARTER_MONTHS


def period_string(year: int | str, start: int = 1, end: int = 12) -> str:
    """The FACTS.md period of months ``start``-``end`` of ``year`` (the whole year by default).

    >>> period_string(2016), period_string("XXXX", 1, 3)
    ('2016-01/2016-12', 'XXXX-01/XXXX-03')
    """
    return f"{year}-{start:02d}/{year}-{end:02d}"


def years_period(first: int | str, last: int | str) -> str:
    """The FACTS.md period of the whole years ``first`` to ``last``.

    >>> years_period(2016, 2020)
    '2016-01/2020-12'
    """
    return f"{first}-01/{last}-12"


_SINCE = _PERIODS_WORDS.since_mark  # (a plan's span said up to now)


def years_spans(text: str, start: int, end: int, published: str | None) -> list[tuple[int, int, int]]:
    """The spans of several years written in ``text[start:end]``: (first year, last year, where it ends);
    N years back count from the year before the date (过去五年 in a 2017 report: 2012-2016), a five-year
    plan is its years (“十三五”时期: 2016-2020); spans whose years are not known are left out.

    >>> years_spans("过去五年,全区…", 0, 8, "2017-03-01"), years_spans("“十三五”时期", 0, 7, None)
    ([(2012, 2016, 4)], [(2016, 2020, 7)])
    >>> years_spans("2016-2018年,全区", 0, 10, None)
    [(2016, 2018, 10)]
    """
    out = []
    for m in _PERIODS.years_span.finditer(text, start, end):
        years = _span_years(m, published)
        if years is not None:
            out.append((*years, m.end()))
    return out


def _span_years(m: re.Match[str], published: str | None) -> tuple[int, int] | None:
    if m.group("first"):
        first, last = int(m.group("first")), int(m.group("last"))
        return (first, last) if first < last else None
    if m.group("plan"):  # the third plan began in 1966; each lasts five years
        k = _PLAN_TENS + int(_PERIODS_WORDS.month_numbers[m.group("plan")])
        first = _FIRST_PLAN_YEAR + _PLAN_YEARS * (k - _FIRST_PLAN)
        last = first + _PLAN_YEARS - 1
        if m.group(0).endswith(_SINCE) and published and published[:4].isdigit() and first < int(published[:4]) <= last:
            last = int(published[:4]) - 1  # (“十四五”以来 in 2024: the plan's years so far, not those to come)
        return first, last
    if published is None or not published[:4].isdigit():
        return None
    n = parse_number(m.group("back") or m.group("since"))  # (五, 两, 10)
    year = int(published[:4])
    return (year - int(n), year - 1) if n is not None and n > 1 else None


def years_of_lists(text: str, offset: int = 0) -> list[PeriodMention]:
    """Years written without 年 as part of a list's name (2019中国百强镇, 《创新百强区(2024)》): the year of what is
    said of that list, as a year mention (positions shifted by ``offset``).

    >>> [(m.year, m.pos) for m in years_of_lists("《报告》显示,2019中国百强镇主要集中在东部")]
    [(2019, 7)]
    >>> [m.year for m in years_of_lists("《创新百强区(2024)》榜单发布")]
    [2024]
    >>> [m.year for m in years_of_lists("发布了2024《全国县镇发展报告》,并发布了2024全国千强乡镇")]
    [2024, 2024]
    >>> years_of_lists("2023年全市GDP增长5%")
    []
    """
    if _PERIODS.named_year_gate.search(text) is None:
        return []
    found = [(m.start("year"), m.end("year"), int(m.group("year"))) for shape in (
        _PERIODS.list_year, _PERIODS.list_year_bracketed) for m in shape.finditer(text)]
    return [PeriodMention(a + offset, b + offset, year, None, None, None, "year") for a, b, year in sorted(found)]


def paragraph_periods(text: str, offset: int = 0) -> list[PeriodMention]:
    """The period phrases of ``text`` (:func:`find_periods`) and the years of its lists (:func:`years_of_lists`),
    in order."""
    found = find_periods(text, offset)
    named = years_of_lists(text, offset)
    if not named:
        return found
    taken = [(m.pos, m.end_pos) for m in found]
    found += [m for m in named if not any(a < m.end_pos and m.pos < b for a, b in taken)]
    return sorted(found, key=lambda m: m.pos)


def lends_year(text: str, m: PeriodMention) -> bool:
    """Whether mention ``m`` lends its year to the mentions after it and the next paragraph: not a year said in
    passing, of an assessment or of what was carried over from it (在2018年度全省考核中, 2024年结转项目11个).

    >>> lends_year("2019年,全区增长7.6%。", find_periods("2019年,全区增长7.6%。")[0])
    True
    >>> lends_year("其中2024年结转项目11个", find_periods("其中2024年结转项目11个")[0])
    False
    """
    return year_reach(text, m)[0]


def year_reach(text: str, m: PeriodMention) -> tuple[bool, int]:
    """Whether mention ``m`` lends its year (:func:`lends_year`), and from where on a year it does not lend is no longer
    in force — past its sentence (past the clause of a move: 从2020年的412.9亿元提升至621亿元,…), or at once when it
    names what was carried over from it (截至3月底,…其中2024年结转项目11个: counted at the end of March);
    ``NEVER_PASSED`` when it never is. Worked out once per mention (a paragraph's rules ask it at every figure): the
    ends looked for are single characters, so the first one after the mention decides.

    >>> text = "其中2023年结转项目11个"
    >>> year_reach(text, find_periods(text)[0])
    (False, 0)
    """
    if _moved_from(text, m) or (m.year is not None and _compared_with(text, m)):
        return False, _in_force_until(_PERIODS.clause_ends, text, m)
    if year_evaluated(text, m) is not None:
        return False, NEVER_PASSED  # (完成2022年…考核评价工作,对…2021年度…进行评价: 2021 handed on)
    if _PERIODS.good_start_after.match(text, m.end_pos):  # (…1-3月,…实现了今年“开门红”。工业…: the quarter's)
        return False, _in_force_until(_PERIODS.passing_ends, text, m)
    if m.kind == _SINCE_KIND and m.year is not None:
        if _PERIODS.record_since.match(text, m.end_pos):  # (为2015年以来同期最好位次: a record's span, no figure's)
            return False, _in_force_until(_PERIODS.passing_ends, text, m)
        return False, NEVER_PASSED  # (2017年以来,…。前三季度,…: the years since run to now; the quarters after, now's)
    said = _PERIODS.year_in_passing.match(text, m.end_pos) if m.year is not None else None
    if said is None:
        return True, NEVER_PASSED
    if said.group("carried"):
        return False, 0
    return False, _in_force_until(_PERIODS.passing_ends, text, m)


@lru_cache(maxsize=8)
def evaluated_years(text: str) -> tuple[tuple[int, int], ...]:
    """The years ``text`` names an evaluation by, each with the year whose figures it judges, when it says that one
    apart (商务部完成了2022年…考核评价工作,对217家…2021年度发展情况进行了量化评价: ((2022, 2021),)); empty when it says
    of no evaluation which year it judges. Read once per text (every paragraph and list asks it).

    >>> evaluated_years("完成了2022年经开区考核评价工作,对217家经开区2021年度发展情况进行了量化评价。")
    ((2022, 2021),)
    """
    if not any(verb in text for verb in _EVALUATION_VERBS):
        return ()
    judged = {int(m.group("year")) for m in _PERIODS.evaluation_covers.finditer(text)}
    return tuple((year + 1, year) for year in sorted(judged))


def year_evaluated(text: str, m: PeriodMention) -> int | None:
    """The year judged by the evaluation a year mention names (:func:`evaluated_years`: 发布2022年…考核评价结果,
    2022年…前30强名单 → 2021), None for any other mention.

    >>> text = "完成了2022年经开区考核评价工作,对217家经开区2021年度发展情况进行了量化评价。"
    >>> [year_evaluated(text, m) for m in find_periods(text)]
    [2021, None]
    """
    if m.kind != "year" or m.year is None:
        return None
    judged = judged_year(text, m.year)
    if judged == m.year or _PERIODS.evaluation_named_after.match(text, m.end_pos) is None:
        return None
    return judged


def judged_year(text: str, year: int) -> int:
    """The year whose figures the evaluation ``text`` names by ``year`` judges (:func:`evaluated_years`: 2022 → 2021),
    ``year`` itself when the text says no other.

    >>> text = "完成了2022年经开区考核评价工作,对217家经开区2021年度发展情况进行了量化评价。"
    >>> judged_year(text, 2022), judged_year(text, 2020)
    (2021, 2020)
    """
    return dict(evaluated_years(text)).get(year, year)


def _in_force_until(ends: re.Pattern[str], text: str, m: PeriodMention) -> int:
    """Where a mention that lends no year stops dating figures: past the first of ``ends`` after it (its clause, its
    sentence); ``NEVER_PASSED`` when none follows."""
    close = ends.search(text, m.end_pos)
    return NEVER_PASSED if close is None else close.end()


def _compared_with(text: str, m: PeriodMention) -> bool:
    """Whether ``m`` is a year a figure is compared with (高于上年同期、2017年全年0.9个百分点, 比2019年同期): it
    dates no figure after its clause."""
    return _PERIODS.compared_before.search(text, max(0, m.pos - _COMPARED_REACH), m.pos) is not None


def _moved_from(text: str, m: PeriodMention) -> bool:
    """Whether ``m`` is the year a figure moved from (由上年的52.1%提高到53.4%, 从2020年的412.9亿元提升至621亿元)."""
    return after_moved_from_mark(text, m) and _PERIODS.moved_from_year.match(text, m.end_pos) is not None


def after_moved_from_mark(text: str, m: PeriodMention) -> bool:
    """Whether mention ``m`` follows the 由/从 that opens what something moved from (由上年的…, 从2018年的…)."""
    return m.pos > 0 and text.startswith(_MOVED_FROM_MARKS, m.pos - 1)  # (a plain check: asked of every mention)


def lent_years(text: str, periods: list[PeriodMention]) -> list[PeriodMention]:
    """``periods`` without the years said in passing (:func:`lends_year`): those a paragraph hands on."""
    return [m for m in periods if lends_year(text, m)]


def latest_year(text: str) -> PeriodMention | None:
    """The latest year ``text`` names, not as a goal (到2025年): the year an undated report speaks
    of when it says 今年 before naming any (今年1-5月… then 2011年、2012年…2014年…).

    >>> latest_year("今年1-5月增长5%。2013年增长8%,2014年增长9%,到2025年翻番。").year
    2014
    >>> latest_year("2011粤港经贸技术合作交流会(7月7日举行)期间共签约项目258个。").year
    2011
    >>> latest_year("1至9月,存量为8240户,较2023年末净增1310户。").year
    2024
    >>> latest_year("上半年增加值增长13.3%,比2019年同期增长13.5%,两年平均增长6.5%。").year
    2021
    """
    return latest_of(text, list(latest_year_candidates(text)))


def latest_year_candidates(text: str) -> Iterator[PeriodMention]:
    """The years :func:`latest_year` chooses from, in its order, one at a time (a reader that only asks
    whether one is after a given year stops at the first that is)."""
    for m in iter_periods(text):
        if m.year is not None and m.kind in ("year", "span", "cumulative") \
                and not _PERIODS.goal_year_before.search(text, max(0, m.pos - 2), m.pos):
            yield m
    # (截至9月,…较2023年末净增1310户: a figure compared with the end or the same months of a year is of the next)
    for b in _PERIODS.baseline_year.finditer(text):
        yield PeriodMention(b.start(), b.end(), int(b.group("year") or b.group("same")) + 1, None, None, None, "year")
    # (比2019年同期增长13.5%,两年平均增长6.5%: against the same months two years before)
    for b in _PERIODS.baseline_two_years.finditer(text):
        yield PeriodMention(b.start(), b.end(), int(b.group("year")) + 2, None, None, None, "year")


def latest_of(text: str, years: list[PeriodMention]) -> PeriodMention | None:
    """:func:`latest_year` of ``text``, its :func:`latest_year_candidates` given (all, in their order)."""
    if years:
        return max(years, key=lambda m: m.year or 0)
    events = list(_PERIODS.event_year.finditer(text))  # (2011粤港经贸技术合作交流会: no year written with 年)
    last = max(events, key=lambda m: int(m.group("year")), default=None)
    return None if last is None else PeriodMention(last.start(), last.end(), int(last.group("year")), None, None,
                                                   None, "year")
