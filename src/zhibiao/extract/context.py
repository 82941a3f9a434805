"""What a report says once and its figures inherit: the document context.

A figure's period, subject and qualifier are often not written next to it. They come from the
nearest scope that says them, in this order (a nearer mention always wins):

* the **clause and sentence**: a period or place written before the figure in its sentence, a goal
  word (力争, 目标) or an estimate word (预计) governing it;
* the **paragraph**: periods and clause subjects named earlier in the same paragraph;
* the **paragraphs before**: the span the last paragraph spoke of (前三季度, …) and its year
  (:class:`Carry`, handed from one paragraph to the next);
* the **document**: the period and year of the title or the lede's date, the report's main
  subject, the people who speak for an organisation, the publication date.

:class:`DocContext` holds the document scope, :class:`ParaContext` one paragraph's, and
:class:`SentContext` one sentence's; the lookups (:meth:`SentContext.period_at`,
:meth:`SentContext.subject_at`, :meth:`SentContext.target_at`, :meth:`SentContext.estimate_at`)
walk them from the nearest scope outwards.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from zhibiao.extract.periods import (
    PeriodMention,
    after_moved_from_mark,
    evaluated_years,
    iter_periods,
    latest_of,
    latest_year,
    latest_year_candidates,
    paragraph_periods,
    period_string,
    resolve_period,
    under_way,
    year_evaluated,
    year_reach,
    years_of_lists,
)
from zhibiao.extract.segment import MAX_SENTENCE, Span, clauses, sentences
from zhibiao.lexicon import Shapes, Words, WordSets
from zhibiao.model import Indicator, Projects, Ranking, Stage
from zhibiao.normalize import NormText
from zhibiao.resolve.subjects import MAIN, SubjectFinder, SubjectMention, expand_zone

__all__ = ["REPORT_SPANS", "Carry", "DocContext", "ParaContext", "SentContext", "SpokenFor"]

_CONTEXT = Shapes("context")
_SPAN_KINDS = ("span", "ytd", "cumulative")  # (periods of several months, up to one said: 1-8月, 今年以来)
_SUBJECTS = Shapes("subjects")
_ENTITY_SETS = WordSets("entity")
_ENTITY_WORDS = Words("entity")
_NATIONS = frozenset(_ENTITY_WORDS.nation_refs.values())  # (全国, 中国: who holds a clause, never a ranking)
_TOP_N = Words("ranking").strong_mark  # (a plain check before the shape of a list's name)
_PERIODS_WORDS = Words("periods")
_NAME_WORDS = Words("name")  # (the aside marks: 127.48亿元(1-11月))
_PERIODS_SETS = WordSets("periods")
_SAME_PERIOD: str = _PERIODS_WORDS.same_period
_MOVED_FROM_OF: str = _PERIODS_WORDS.moved_from_of  # (由上年的…: the word after the period a thing moved from)
_SPANS_OF_MONTHS = ("span", "cumulative", "ytd", "month")
REPORT_SPANS = ("span", "cumulative")  # (a report's own spans: a month may be said in passing within them)
_MONTH = "month"
_SPAN = "span"
_YEAR = "year"
_LATER_QUARTER_STARTS = (4, 7, 10)  # (二季度, 三季度, 四季度: the quarters a report to date may name alone)
_LEDE_WIDTH = 300  # (the characters of a report's head and lede, where it says what months it reports on)
_DONE_KINDS = ("span", "cumulative", "month")
_DECEMBER = 12
_SENTENCE_ENDS = ("。", "\n")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")
_UNIT_WIDTH = 5  # (a figure's last digit and its unit before a bracket: 127.48亿元|()
_DEICTIC_YEARS = tuple(_PERIODS_WORDS.deictic_years)  # (今年, 去年: counted from the day a report is written)
_ZONE_SUFFIXES = tuple(_ENTITY_WORDS.zone_suffixes)
_YEAR_TO_DATE = "ytd"  # (the kind of 今年以来: from January to the date)
_JANUARY = "01"  # (the month whose reports may still speak of the year just ended)
_REPRINT_GAP = 2  # (years between the year a report speaks from and its date that make it a reprint)

Fact = Indicator | Projects | Ranking
# Sentences up to this length are searched again for each figure; longer ones are indexed once.
_SHORT_SENTENCE = 200


@dataclass(frozen=True, slots=True)
class SpokenFor:
    """A stretch of a sentence said by someone who speaks for ``org`` (…管委会主任X表示, …)."""

    start: int
    end: int
    org: str


@dataclass(frozen=True, slots=True)
class DocContext:
    """The document scope: what holds for every figure of the report unless nearer text says otherwise."""

    norm: NormText
    published: str | None
    main: str | None
    finder: SubjectFinder
    title_period: PeriodMention | None = None
    title_year: PeriodMention | None = None
    spoken_for: tuple[SpokenFor, ...] = ()
    event_stage: Stage | None = None  # the project event the report is about (集中开工 → started)
    event_joint: bool = False  # the project event is one of two stages at once (集中开竣工, 签约开工)
    event_date: PeriodMention | None = None  # the day the lede says things happened (7月27日,…举行)
    outer: str | None = None  # the city around the report's county or district, when the text names it (全市 is it)
    # an undated report's latest year (not a goal's), found on first use
    _latest: list[PeriodMention | None] = field(default_factory=list, compare=False)
    _spoken: list[int | None] = field(default_factory=list, compare=False)  # speaking_year, found on first use
    _written: list[int | None] = field(default_factory=list, compare=False)  # written_year, found on first use
    _reviewed: list[int | None] = field(default_factory=list, compare=False)  # january_review, found on first use
    _list_years: list[list[PeriodMention]] = field(default_factory=list, compare=False)  # found on first use
    _speaker_starts: tuple[int, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "_speaker_starts", tuple(said.start for said in self.spoken_for))

    @property
    def text(self) -> str:
        """The normalised text every rule matches against."""
        return self.norm.text

    def latest_year(self) -> PeriodMention | None:
        """The latest year an undated report names (:func:`~zhibiao.extract.periods.latest_year`)."""
        if not self._latest:
            self._latest.append(latest_year(self.norm.text))
        return self._latest[0]

    def list_year_before(self, pos: int) -> PeriodMention | None:
        """The last year written in a list's or report's name before ``pos`` (《2021县域经济监测评价报告》), the
        report's list years read once."""
        if not self._list_years:
            self._list_years.append(years_of_lists(self.norm.text))
        return next((m for m in reversed(self._list_years[0]) if m.end_pos <= pos), None)

    def speaking_year(self) -> int | None:
        """The year a dated report speaks from when that is not its date's (:meth:`_speaking_year`), found
        on first use."""
        if not self._spoken:
            self._spoken.append(self._speaking_year())
        return self._spoken[0]

    def written_year(self) -> int | None:
        """The year an undated report was written in when its lede opens on the results of a whole year before
        (5月8日,…公布…2019年度…考核结果; 亮出2021年招商引资成绩单): the year after that one; None otherwise, and for a
        dated report. Its 去年 and 今年 count from it (去年,…GDP达到… → 2019), not from the year named last."""
        if not self._written:
            m = None if self.published else _CONTEXT.closed_year_results.search(self.text, 0, _LEDE_WIDTH)
            self._written.append(int(m.group("year")) + 1 if m is not None else None)
        return self._written[0]

    def _speaking_year(self) -> int | None:
        """The year a dated report speaks from when that is not the year it was published: the latest
        year it names, when that is two years or more before the date (a work report of 2018 put
        online in 2021 says 今年 of 2018); None otherwise, and when that year only opens a span
        (2012年以来)."""
        if self.published is None or not self.published[:4].isdigit():
            return None
        titled = self.title_year
        if titled is not None and titled.year is not None and titled.year < int(self.published[:4]) \
                and _CONTEXT.year_review_after.match(self.text, titled.end_pos) is not None:
            return titled.year  # (2021年国民经济和社会发展统计公报 put out in 2022: its 今年 is 2021)
        if (reviewed := self.january_review()) is not None:
            return reviewed
        bound = int(self.published[:4]) - _REPRINT_GAP
        # the latest year named, read up to the first year after the bound (the latest is after it too:
        # most reports name one early on, and reading every period of a report was 1.5 % of the extraction)
        years: list[PeriodMention] = []
        for m in latest_year_candidates(self.norm.text) if not self._latest else ():
            if m.year is not None and m.year > bound:
                return self._lede_past_year()
            years.append(m)
        if not self._latest:
            self._latest.append(latest_of(self.norm.text, years))
        latest = self._latest[0]
        if latest is None or latest.year is None or latest.year > bound:
            return self._lede_past_year()
        since = self.text[latest.end_pos:latest.end_pos + 2]
        return None if since.startswith(tuple(_PERIODS_WORDS.since_after)) else latest.year

    def january_review(self) -> int | None:
        """The year just ended a January report still speaks of (:meth:`_january_review`), found on first use."""
        if not self._reviewed:
            self._reviewed.append(self._january_review())
        return self._reviewed[0]

    def _january_review(self) -> int | None:
        """A report dated in January whose lede names the year just ended (2018年,甲县…) and that says 今年以来 speaks
        of that year (1月17日: …2018年,…。今年以来,园区完成规模工业总产值95.13亿元): its 今年 is the year before its
        date; None otherwise."""
        published = self.published or ""
        if published[5:7] != _JANUARY or not _CONTEXT.year_to_date.search(self.text):
            return None
        before = int(published[:4]) - 1
        for m in _CONTEXT.plain_year.finditer(self.text, 0, _LEDE_WIDTH):
            if int(m.group("year")) == before:
                return before
        return None

    def _lede_past_year(self) -> int | None:
        """今年1至5月,…完成投资169.85亿元 in a report dated in April: the months its lede reports on have not all
        come at its date, so it speaks from the year before (a reprint), and so does its 今年 elsewhere; None
        when the lede reports no such months (or plans them: 力争1-6月…)."""
        published = self.published or ""
        if not _ISO_MONTH.match(published):
            return None
        text = self.text[:_LEDE_WIDTH]
        for m in iter_periods(text):  # (one at a time: the first that qualifies ends the reading)
            if m.year is None and m.rel_year in (0, None) and m.end is not None and m.end < _DECEMBER \
                    and m.kind in _DONE_KINDS and _CONTEXT.event_named_after.match(text, m.end_pos) is None:
                # (全年 may be a whole year's plan or total: no months reported; nor does 三季度 in an event's
                # name: 三季度重大项目集中签约仪式 is held in the quarter, not reported after it)
                sent_start = max(text.rfind(c, 0, m.pos) for c in _SENTENCE_ENDS) + 1
                sent_end = min((k for k in (text.find(c, m.end_pos) for c in _SENTENCE_ENDS) if k >= 0),
                               default=len(text))
                if _CONTEXT.goal.search(text, sent_start, sent_end):
                    return None
                month = int(published[5:7])
                # (今年一季度 in February: the quarter under way, no sign of a reprint)
                return int(published[:4]) - 1 if m.end > month and not under_way(m.start or 1, m.end, month) else None
        return None

    def speakers_at(self, pos: int) -> list[SpokenFor]:
        """The speakers whose stretch holds ``pos``, in the order they spoke.

        A stretch runs from a speaker's name to the end of their sentence, so only those named
        at most one sentence (:data:`MAX_SENTENCE`) before ``pos`` need to be looked at.
        """
        starts = self._speaker_starts
        if not starts:
            return []
        hi = bisect.bisect_right(starts, pos)
        lo = bisect.bisect_left(starts, pos - MAX_SENTENCE)
        return [said for said in self.spoken_for[lo:hi] if said.start <= pos < said.end]

    def norm_pos(self, raw_pos: int) -> int:
        """The normalised offset of an offset into the original text (a fact's start or end)."""
        return self.norm.norm_pos(raw_pos)

    def set_quote(self, fact: Fact, start: int, end: int) -> None:
        """Give ``fact`` the original text of the normalised span ``[start, end)`` as its evidence."""
        norm = self.norm
        fact.start, fact.end = norm.raw_span(start, end)
        fact.quote = norm.raw[fact.start:fact.end]

    def extend_quote(self, fact: Fact, end: int) -> None:
        """Extend ``fact``'s evidence up to the normalised offset ``end``."""
        self.set_quote(fact, self.norm_pos(fact.start), end)


@dataclass(slots=True, unsafe_hash=True)
class Carry:  # slotted, not frozen: made for every paragraph (see segment.Span)
    """What one paragraph hands to the next: the span it spoke of and the year it named last."""

    period: PeriodMention | None = None
    year: PeriodMention | None = None
    # the place a heading line of its own names (（二）甲县): whose figures the paragraphs under it give
    subject: str | None = None
    # the top-level figures of the last sentence of the paragraph read last, for one that opens by breaking them down
    # (其中, 分区域看)
    last_tops: tuple[Indicator, ...] = ()
    among: bool = False  # (the paragraph read last closed with 其中: or goes on with the parts after one)

    def after(self, periods: list[PeriodMention]) -> Carry:
        """The carry once a paragraph with these period mentions has been read.

        A span (前三季度, 1-9月, 截至9月底) goes on into the next paragraph; a single month does not.
        """
        years = [p for p in periods if p.year is not None]
        year = years[-1] if years else self.year
        if len({p.year for p in years}) > 2:
            year = self.year  # 2014年…2015年…2016年…: a history hands on none of its years
        spans = [p for p in periods if p.kind in ("span", "cumulative", "ytd") and p.start is not None]
        if not spans and len(periods) == 1 and periods[0].kind == "year" and periods[0].year is not None:
            # 2023年,全国213家国家级经开区…: a paragraph about one year hands on that whole year
            return Carry(PeriodMention(periods[0].pos, periods[0].end_pos, periods[0].year, None, 1, 12, "span"), year,
                         self.subject)
        if not spans:
            return Carry(self.period, year, self.subject)
        with_year = next((p for p in reversed(periods) if p.year is not None or p.rel_year is not None), None)
        return Carry(spans[-1].with_year_from(with_year), year, self.subject)


def _same_months_last_year(text: str, periods: tuple[PeriodMention, ...], carry: Carry) -> tuple[PeriodMention, ...]:
    """上年同期, 去年同期 said as a period, not a baseline (…增长4.1%,上年同期为增长10.5%): the months of the span
    spoken of just before (in the paragraph, else carried into it), a year earlier."""
    out = []
    spoken = carry.period  # (the span spoken of, never one of these: 上年同期…;去年同期… are both the year before it)
    dated = carry.year  # (the last mention naming a year: the span's year when it names none)
    for m in periods:
        if not text.startswith(_SAME_PERIOD, m.end_pos) or text[m.pos:m.end_pos] not in _PERIODS_SETS.whole_past_years:
            out.append(m)
            if m.start is not None and m.kind in _SPANS_OF_MONTHS:
                spoken = m.with_year_from(dated) if m.year is None and m.rel_year is None else m
                if spoken.year is None and spoken.rel_year is None:
                    spoken = replace(spoken, rel_year=0)  # (1-5月 with no year: this year's, counted from the date)
            if m.year is not None or m.rel_year is not None:
                dated = m
            continue
        if spoken is None or spoken.start is None:
            out.append(m)
            continue
        year, rel = (spoken.year - 1, None) if spoken.year is not None else (
            None, (spoken.rel_year if spoken.rel_year is not None else 0) - 1)
        out.append(PeriodMention(m.pos, m.end_pos + len(_SAME_PERIOD), year, rel, spoken.start, spoken.end,
                                 spoken.kind))
        close = _CONTEXT.clause_close.search(text, m.end_pos)
        if close is not None:  # (…,上年同期为增长10.5%。|: the span spoken of goes on after that clause)
            out.append(replace(spoken, pos=close.start(), end_pos=close.start()))
    return tuple(sorted(out, key=lambda p: p.pos))


def _quarters_to_date(text: str, periods: tuple[PeriodMention, ...], para: Span) -> tuple[PeriodMention, ...]:
    """三季度,全县实现地区生产总值…,比上半年高1.5个百分点: a later quarter compared in its paragraph with a span from
    January (上半年, 1-6月) is the months up to its end, as the span compared with is."""
    out = []
    for m in periods:
        if m.kind == _SPAN and m.start in _LATER_QUARTER_STARTS and m.end == m.start + 2 \
                and _CONTEXT.cumulative_baseline.search(text, m.end_pos, para.end):
            m = replace(m, start=1)
        out.append(m)
    return tuple(out)


def _months_in_passing(text: str, periods: tuple[PeriodMention, ...], carried: PeriodMention | None,
                       para: Span) -> tuple[PeriodMention, ...]:
    """A month said in passing after a span (上半年,…。其中,6月份…增长6.9%。|工业技改投资…; …,6月份增长6.9%;|…): the
    span goes on after the month's sentence or clause; a month opening its sentence (3月份,…) is left as it is, and
    so is one the words after it go back to (…11月份当月完成…。新能源产业当月完成…)."""
    # (the span carried into the paragraph, else the title's: 2023年1-11月…简况 … 11月份当月增长9.1%。|营业收入…)
    spoken = carried if carried is not None and carried.kind in REPORT_SPANS else None
    added = []
    para_start = para.start
    for i, m in enumerate(periods):
        if m.kind in REPORT_SPANS:
            spoken = m
            continue
        if m.kind != _MONTH or spoken is None:
            continue
        if _CONTEXT.opens_sentence.search(text[para_start:m.pos]):
            continue  # (3月份,全县…: the month the sentence speaks of)
        close = _CONTEXT.sentence_or_clause_close.search(text, m.end_pos, para.end)
        later = periods[i + 1].pos if i + 1 < len(periods) else para.end
        if close is not None and not _CONTEXT.this_month.search(text, close.end(), later):
            added.append(replace(spoken, pos=close.start(), end_pos=close.start()))
    return tuple(sorted((*periods, *added), key=lambda p: p.pos)) if added else periods


def _as_judged(text: str, m: PeriodMention) -> PeriodMention:
    """发布2022年…考核评价结果,…国家级经开区实现地区生产总值13.5万亿元 after 对…2021年度…进行了评价: a year naming an
    evaluation dates the figures after it by the year that evaluation judges (periods.year_evaluated)."""
    judged = year_evaluated(text, m)
    return m if judged is None else replace(m, year=judged)


def _years_of_measures(text: str, periods: tuple[PeriodMention, ...], carry: Carry) -> tuple[PeriodMention, ...]:
    """1-7月实现本年完成投资28.2亿元, (1-10月,…)当年计划投资88亿元,完成投资71.2亿元: 本年/当年 glued to the measure
    after it is part of the statistic's name while a span is in force (said before in the paragraph or carried into
    it): the figures keep that span (a plan of the year still takes its whole year, by its name)."""
    spoken = carry.period if carry.period is not None and carry.period.start is not None else None
    out: list[PeriodMention] = []
    for m in periods:
        if m.kind in REPORT_SPANS and m.start is not None:
            spoken = m
        elif spoken is not None and m.kind == _YEAR and text[m.pos:m.end_pos] in _PERIODS_SETS.measure_years:
            glued = _CONTEXT.measure_after_year.match(text, m.end_pos)
            if glued is not None and glued.group(0) not in _PERIODS_SETS.plan_after_year:
                continue  # (1-7月实现本年完成投资: the span's figure)
            if glued is not None:  # (当年计划投资88亿元,|完成投资…: the plan's whole year, then the span again)
                close = _CONTEXT.clause_close.search(text, m.end_pos)
                if close is not None:
                    out.append(replace(spoken, pos=close.start(), end_pos=close.start()))
        out.append(m)
    if len(out) == len(periods) and all(a is b for a, b in zip(out, periods, strict=True)):
        return periods
    return tuple(sorted(out, key=lambda p: p.pos))


def _after_moved_from(text: str, periods: tuple[PeriodMention, ...], carry: Carry) -> tuple[PeriodMention, ...]:
    """三次产业结构由上年的9.4:66.8:23.8调整为…,|服务业比重比上年下降…: the period of what something moved from
    (由上年的, 从2018年的), the move ending in its clause, is said of that clause alone: the period in force before it
    goes on after the clause."""
    spoken = carry.period
    added = []
    for m in periods:
        if _is_moved_from(text, m):
            close = _CONTEXT.clause_close.search(text, m.end_pos)
            if spoken is not None and close is not None \
                    and _CONTEXT.moved_to_in_clause.search(text, m.end_pos, close.start()):
                added.append(replace(spoken, pos=close.start(), end_pos=close.start()))
            continue
        spoken = m
    return tuple(sorted((*periods, *added), key=lambda p: p.pos)) if added else periods


def _is_moved_from(text: str, m: PeriodMention) -> bool:
    """Whether ``m`` is the period of what something moved from (由上年的…, 从2018年的…)."""
    return after_moved_from_mark(text, m) and text.startswith(_MOVED_FROM_OF, m.end_pos)


@dataclass(slots=True)
class ParaContext:
    """The paragraph scope: its period mentions and the entity each clause opens with.

    The clause subjects are read lazily, in text order, up to the furthest position a rule asks
    about: the clauses after a paragraph's last figure are never looked at. (Fields other than
    the subjects are not to be changed after :meth:`read`.)
    """

    doc: DocContext
    span: Span
    carry: Carry
    periods: tuple[PeriodMention, ...]
    period_pos: tuple[int, ...]  # where each period mention starts (text order)
    # for each period mention, the index of the nearest earlier one that names a year (-1: none)
    year_before: tuple[int, ...]
    # for each period mention, worked out once (the rules ask at every figure): whether it follows the 由/从 of what
    # moved, whether it lends its year to what follows, and where it is passed (periods.year_reach)
    moved_mark: tuple[bool, ...]
    lends: tuple[bool, ...]
    passed_at: tuple[int, ...]
    semicolons: tuple[int, ...]  # where the paragraph's ';' stand
    sentences: tuple[Span, ...]
    with_figures: tuple[bool, ...]  # for each sentence: may it hold a figure at all
    # periods in brackets right after a figure (127.48亿元(1-11月)), by where the bracket opens: the figure's alone
    asides: dict[int, PeriodMention] = field(default_factory=dict)
    subjects: list[tuple[int, str]] = field(default_factory=list)  # (clause start, subject or MAIN…)
    subject_pos: list[int] = field(default_factory=list)  # the clause starts of ``subjects``
    subject_ends: dict[int, int] = field(default_factory=dict)  # clause start → where its subject ends
    # the reading of subjects so far: the next sentence, and the clauses of the current one not read
    _next_sentence: int = 0
    _pending: list[Span] = field(default_factory=list)

    @classmethod
    def read(cls, doc: DocContext, para: Span, carry: Carry) -> ParaContext:
        """Read the periods and sentences of one paragraph (its subjects are read on demand)."""
        text = doc.text
        found = paragraph_periods(text[para.start:para.end], para.start)
        asides = {m.pos - 1: m for m in found if _aside_of_figure(text, m)}
        periods = tuple(m for m in found if m.pos - 1 not in asides) if asides else tuple(found)
        if _SAME_PERIOD in text[para.start:para.end]:  # (a plain find first: 同期 as a period is rare)
            periods = _same_months_last_year(text, periods, carry)
        if any(m.kind == _SPAN and m.start in _LATER_QUARTER_STARTS and m.end == m.start + 2 for m in periods):
            periods = _quarters_to_date(text, periods, para)
        if any(m.kind == _MONTH for m in periods):
            periods = _months_in_passing(text, periods, carry.period or doc.title_period, para)
        if any(m.kind == _YEAR and m.year is None for m in periods):
            periods = _years_of_measures(text, periods, carry)
        moved = frozenset(m.pos for m in periods if _is_moved_from(text, m))
        if moved:
            periods = _after_moved_from(text, periods, carry)
        sents = tuple(sentences(text, para))
        gate = _CONTEXT.may_hold_figures
        with_figures = tuple(gate.search(text, sent.start, sent.end) is not None for sent in sents)
        semicolons = tuple(m.start() for m in _CONTEXT.semicolon.finditer(text, para.start, para.end))
        reach = [year_reach(text, m) for m in periods]
        lends = tuple(r[0] for r in reach)
        if evaluated_years(text):  # (after the reach: a year naming an evaluation lends none, periods.year_reach)
            periods = tuple(_as_judged(text, m) for m in periods)
        return cls(doc, para, carry, periods, tuple(p.pos for p in periods), _years_before(periods, lends, moved),
                   tuple(after_moved_from_mark(text, m) for m in periods), lends, tuple(r[1] for r in reach),
                   semicolons, sents, with_figures, asides)

    def _read_subjects(self, pos: int) -> None:
        """Read the subjects of the clauses that start at or before ``pos``: every clause of a sentence
        that may hold figures, the first of the others (a subject named there governs what follows)."""
        text, finder = self.doc.norm.text, self.doc.finder
        while True:
            if not self._pending:
                i = self._next_sentence
                if i >= len(self.sentences) or self.sentences[i].start > pos:
                    return
                if i > 0:
                    self._after_breakdown(i)
                parts = clauses(text, self.sentences[i])
                self._pending = parts if self.with_figures[i] else parts[:1]
                self._next_sentence = i + 1
            while self._pending and self._pending[0].start <= pos:
                cl = self._pending.pop(0)
                mention = finder.clause_subject(text, cl.start, cl.end)
                if mention is not None and self.doc.main is not None and mention.name != self.doc.main \
                        and self.doc.main.startswith(mention.name):
                    mention = self._own_zone(mention)
                if mention is not None:
                    self.subjects.append((cl.start, mention.name))
                    self.subject_pos.append(cl.start)
                    self.subject_ends[cl.start] = mention.end
            if self._pending:
                return

    def _after_breakdown(self, i: int) -> None:
        """Sentence ``i`` after one breaking a figure down by places (其中,甲县增长5.2%,乙区增长4.8%。): the subject
        in force before that sentence holds again, not the last place it named."""
        before = self.sentences[i - 1]
        first = bisect.bisect_left(self.subject_pos, before.start)
        if first == len(self.subject_pos) or not _CONTEXT.places_breakdown.match(self.doc.norm.text, before.start,
                                                                                  before.end):
            return  # (no place named in it, or no breakdown: nothing to undo)
        name = self.subjects[first - 1][1] if first > 0 else MAIN
        if self.subjects[-1][1] != name:
            self.subjects.append((self.sentences[i].start, name))
            self.subject_pos.append(self.sentences[i].start)

    def _own_zone(self, mention: SubjectMention) -> SubjectMention:
        """汝州市|产业集聚区 in a report about that zone: the place's full name opening the zone's name is the zone,
        the report's own, not the place (a zone of the place that is not the report's own is left as it was)."""
        z = _SUBJECTS.zone_after_place.match(self.doc.norm.text, mention.end)
        if z is None or expand_zone(mention.name + z.group(0)) != self.doc.main:
            return mention
        return SubjectMention(self.doc.main, z.end())

    def semicolon_before(self, pos: int) -> int:
        """Where the last ';' of the paragraph before ``pos`` stands (-1 when none)."""
        i = bisect.bisect_left(self.semicolons, pos) - 1
        return self.semicolons[i] if i >= 0 else -1

    def subject_index(self, pos: int) -> int:
        """The index of the last clause subject at or before ``pos`` (-1 when none)."""
        if (self._pending and self._pending[0].start <= pos) or (not self._pending and self._next_sentence < len(
                self.sentences) and self.sentences[self._next_sentence].start <= pos):
            self._read_subjects(pos)
        return bisect.bisect_right(self.subject_pos, pos) - 1

    def subject_end_before(self, pos: int) -> int:
        """Where the subject of the clause holding ``pos`` ends (-1 when it names none)."""
        i = self.subject_index(pos)
        return self.subject_ends.get(self.subjects[i][0], -1) if i >= 0 else -1


@dataclass(slots=True)  # one per sentence: not frozen, whose __init__ costs a call per field
class SentContext:
    """The sentence scope, and the lookups that walk out from it to the paragraph and document."""

    para: ParaContext
    span: Span
    text: str  # the normalised text
    doc: DocContext  # the document scope
    short: bool  # short enough to search it again for each figure (cheaper than indexing it)
    # what the sentence holds, each found once on first use (a lookup per figure would rescan the
    # sentence): clause separators, semicolons, goal verbs of a clause (计划开工), estimate words,
    # words of a stock "now" (目前)
    _hits: dict[str, _Hits] = field(default_factory=dict)

    @classmethod
    def read(cls, para: ParaContext, sent: Span) -> SentContext:
        """The sentence scope of ``sent`` (what it holds is found on first use)."""
        return cls(para, sent, para.doc.norm.text, para.doc, sent.end - sent.start <= _SHORT_SENTENCE)

    def hits(self, shape: str) -> _Hits:
        """The matches of the ``context.<shape>`` shape in this sentence."""
        found = self._hits.get(shape)
        if found is None:
            found = self._hits[shape] = _Hits.of(getattr(_CONTEXT, shape), self.text, self.span)
        return found

    # -- qualifiers ---------------------------------------------------------------------------
    def target_at(self, pos: int) -> bool:
        """A goal word before ``pos`` in the sentence, a 为…目标 closing it, or a goal verb in its clause."""
        goals = self.hits("goal")
        if goals.starts and (goals.starts[0] < pos or self.hits("goal_after").starts):
            return True
        text, sent = self.text, self.span
        if self.short:
            clause_start = max(text.rfind(",", sent.start, pos), text.rfind(";", sent.start, pos), sent.start - 1) + 1
            return _CONTEXT.goal_in_clause.search(text, clause_start, pos) is not None
        clause_start = max(self.hits("clause_mark").last_end_before(pos), sent.start)
        return self.hits("goal_in_clause").any_between(clause_start, pos)

    def estimate_at(self, pos: int) -> bool:
        """An estimate word (预计) before ``pos`` in its part of the sentence (up to a ';')."""
        sent = self.span
        if self.short:
            seg_start = max(sent.start, self.text.rfind(";", sent.start, pos) + 1)
            return _CONTEXT.estimate.search(self.text, seg_start, pos) is not None
        seg_start = max(self.hits("semicolon").last_end_before(pos), sent.start)
        return self.hits("estimate").any_between(seg_start, pos)

    # -- subjects -----------------------------------------------------------------------------
    def subject_at(self, pos: int, *, ranked: bool = False) -> str | None:
        """Whose figure stands at ``pos``: a speaker's organisation, the clause's entity, or the report's.
        ``ranked``: who holds a ranking there — never the nation (全国 is a ranking's field), but whoever held
        the clause before it."""
        para = self.para
        i = para.subject_index(pos)
        while ranked and i >= 0 and (para.subjects[i][1] in _NATIONS or (_TOP_N in para.subjects[i][1]
                                     and _CONTEXT.top_n_list.fullmatch(para.subjects[i][1]))):
            i -= 1  # (a list's members together, 百强县中,…, hold no place in it either)
        for said in self.doc.speakers_at(pos) if self.doc.spoken_for else ():
            if i < 0 or para.subjects[i][0] < said.start or para.subjects[i][1].startswith(MAIN) \
                    or para.subjects[i][1] in _ENTITY_SETS.zone_suffixes:
                return said.org
        name = para.subjects[i][1] if i >= 0 else MAIN
        finder = self.doc.finder
        main = para.carry.subject or self.doc.main  # (under a heading naming a place, 全县 is that place)
        if name.startswith(MAIN):
            # (under a heading naming a county of the report's city, 全市 is the report's own city)
            return finder.resolve_main(name, main, self.doc.outer if main == self.doc.main else self.doc.main)
        resolved = finder.resolve_bare(name, main)
        if resolved == name and name in _ENTITY_SETS.any_zone_words and i > 0:
            return self._zone_before(i) or resolved
        return resolved

    def _zone_before(self, i: int) -> str | None:
        """甲高新区发展总体向好,园区生产总值达到…; …乙智能装备产业园区先后签约…,1-8月份,园区投资增长23.6%: a bare
        园区 (or 开发区) not read as the report's own zone is the zone named by the clause subject right before it
        in the paragraph (高新区园区实现…,园区…: 高新区 too); None when that subject is no zone (全县…。
        园区规模工业增加值…: some park of the place, left as written)."""
        before = self.para.subjects[i - 1][1]
        if before.startswith(MAIN) or before in _ENTITY_SETS.any_zone_words or not before.endswith(_ZONE_SUFFIXES):
            return None
        return before

    # -- periods ------------------------------------------------------------------------------
    def period_at(self, pos: int, *, target: bool, name: str = "", future: bool = False,
                  year_said: bool = True, day_is_year: bool = False, release_is_year: bool = False) -> str | None:
        """The period of a figure at ``pos`` (FACTS.md ``YYYY-MM/YYYY-MM``), or None.

        The nearest period mention before the figure in its paragraph, else the span carried from
        the paragraphs before, else the title's; a goal only takes a period from its own sentence
        (or an annual plan's year), or a year said before it (2024年,我们将…。预期目标是…) unless
        ``year_said`` is False (a goal of a size: 打造千亿元产业聚集区). The year comes from the nearest
        mention that has one; a goal or forecast (``future``) of a span not yet over is this year's. A
        day (2016年12月18日,…名单揭晓) is its year's when ``day_is_year`` (the places of a list announced then), or
        when ``release_is_year`` and a report or list came out that day (what it gives covers the year).
        """
        mention, year_from = self._mention_before(pos)
        annual = _CONTEXT.annual_name.match(name) is not None
        if mention is not None and target and mention.pos < self.span.start and not annual \
                and (mention.kind != "year" or not year_said):
            mention = None  # (2024年,我们将…。预期目标是…: a goal takes the year said before it, no span)
        if mention is None:
            carried = self.para.carry.period
            if target and (carried is None or carried.kind != "year" or not year_said):
                # (年度计划投资98.6亿元 with no period said: the plan of the year of the span in force, else of the
                # year the report speaks from)
                return (self._year_of(carried) or self._plan_year()) if annual else None
            mention = carried or self.doc.title_period or self.doc.title_year or self._report_year(pos)
            if mention is None:
                return None
        if mention.kind == "month" and mention.end is not None and _CONTEXT.cumulative.search(
                self.text, mention.end_pos, pos):
            # 11月份当月完成产值…;累计完成产值…: the months up to that one, not the month alone
            mention = PeriodMention(mention.pos, mention.end_pos, mention.year, mention.rel_year, 1, mention.end,
                                    "cumulative")
        if day_is_year and mention.kind == "date":
            # (6月5日,…榜单揭晓: the year of that day, a day already past at the date, not a whole year to come)
            day = resolve_period(self._with_year(mention, year_from), self.doc.published, future=False)
            return period_string(day[:4]) if day else None
        if not target and self._stock_now_after(mention, pos):
            return None  # (2023年,…。目前,全区共有规上企业320家; 5月13日,…获悉,截至目前,我省已建有…: a stock now)
        if not target and not annual and (mention.kind == "year" or (mention.start, mention.end) == (1, _DECEMBER)) \
                and (day := self._day_of_event_named(mention, pos)) is not None:
            return day  # (3月9日,甲区2024年重大项目集中开工活动举行。本次…同比增长25%: the event's month)
        if mention.kind == "year":
            end = self._month_now(mention, pos) if not target else None
            mention = PeriodMention(mention.pos, mention.end_pos, mention.year, mention.rel_year, 1, end or 12, "span")
        elif not target and mention.pos < self.span.start and self._stock_now(pos) and not (
                mention.kind == "ytd" and _CONTEXT.up_to_now.search(self.text, self.span.start, pos)
                and _CONTEXT.cumulative.search(self.text, self.span.start, pos)):
            # a stock "now", with no period of its own (FACTS.md: 目前 / 已 → null); but 今年以来,…。截至目前,累计新签约
            # 项目86个: what was done up to now since the start of the year, the year to date
            return None
        if release_is_year and mention.kind == "date" and self._released_on(mention):
            # (2018年11月6日,《…报告》…发布。…分布于14个省: what the report gives covers that day's year)
            day = resolve_period(self._with_year(mention, year_from), self.doc.published, future=False)
            return period_string(day[:4]) if day else None
        mention = self._this_month(self._with_year(mention, year_from), pos)
        if mention.end is None and self.doc.published is None:
            mention = self._to_lede_month(mention)
        if _CONTEXT.stock_name.search(name) and mention.end is not None \
                and mention.kind in ("cumulative", "span"):
            mention = replace(mention, start=mention.end, kind="month_end")
        resolved = resolve_period(mention, self.doc.published, future=future or target)
        if resolved and annual:
            return period_string(resolved[:4])  # a plan for the year of the period in force
        return resolved

    def _this_month(self, mention: PeriodMention, pos: int) -> PeriodMention:
        """1-8月,…。当月原煤产量73.2万吨: a figure of 当月 / 本月 in the sentence, after the months up to one were
        said, is of that month alone."""
        if mention.end is None or mention.kind not in _SPAN_KINDS:
            return mention
        said = next(reversed(list(_CONTEXT.this_month.finditer(self.text, max(mention.end_pos, self.span.start), pos))),
                    None)  # (the last one said before the figure)
        if said is None or _CONTEXT.cumulative.search(self.text, said.end(), pos) or ";" in self.text[said.end():pos]:
            # (当月完成产值33.8亿元;累计完成产值273.1亿元: the months up to it again; 其中当月…增长12%;工业对…: its
            # clause only)
            return mention
        return replace(mention, start=mention.end, kind="month")

    def _released_on(self, mention: PeriodMention) -> bool:
        """Whether the sentence of a day says a report or list came out that day (2018年11月6日,《…报告》…发布)."""
        return _CONTEXT.released_after.match(self.text, mention.end_pos) is not None

    def _month_now(self, mention: PeriodMention, pos: int) -> int | None:
        """截至目前,全县今年前四批集中开工的102个工业项目: 今年 said up to now is the year up to the month of the
        report's date; None when the sentence says no 截至目前 or the year is not the date's."""
        published = self.doc.published or ""
        if not _ISO_MONTH.match(published) or (mention.rel_year != 0 and mention.year != int(published[:4])):
            return None
        para_start = self.para.span.start
        said = min(self.span.start, max(self.text.rfind(c, para_start, mention.pos) for c in _SENTENCE_ENDS) + 1)
        if _CONTEXT.up_to_now.search(self.text, max(said, self.para.span.start), pos) is None:
            return None  # (截至目前,…今年…。其中,28个项目已投产: said in the sentence of the 今年 in force too)
        return int(published[5:7])

    def _report_year(self, pos: int) -> PeriodMention | None:
        """报告显示,全国县域经济单位总数达到1847个 after 《2021县域经济监测评价报告》, 东部地区共有62个县上榜 after
        《2023中国县域创新百强报告》: what a report or list named before found, in a report no other period dates, is of
        the year in its name; None when none was named or the figure is a stock now (目前,全市共有…)."""
        if self._stock_now(pos):
            return None
        return self.doc.list_year_before(pos)

    def period_in_aside(self, pos: int, end: int) -> str | None:
        """The period written in brackets right after the figure ending at ``end`` (营业收入127.48亿元(1-11月)),
        its year from the text before ``pos`` as for any mention; None when none is."""
        mention = self.para.asides.get(end) if self.para.asides else None
        if mention is None:
            return None
        return resolve_period(self._with_year(mention, self._mention_before(pos)[1]), self.doc.published,
                              future=False)

    def _year_of(self, carried: PeriodMention | None) -> str | None:
        """The whole year of the span carried into the paragraph (2024年,…1-4月,…。|…年度投资计划236.2亿元), None when
        none is carried or its year is unknown."""
        if carried is None:
            return None
        resolved = resolve_period(self._with_year(carried, None), self.doc.published)
        return period_string(resolved[:4]) if resolved and resolved[:4].isdigit() else None

    def _plan_year(self) -> str | None:
        """The whole year an annual plan named with no period is of: the year the report speaks from, else the
        year of its date; None for an undated report."""
        published = self.doc.published or ""
        year = self.doc.speaking_year() or (int(published[:4]) if published[:4].isdigit() else None)
        return period_string(year) if year is not None else None

    def has_period_before(self, pos: int, since: int | None = None) -> bool:
        """Whether the sentence names a period of its own before ``pos`` (after ``since`` when given)."""
        i = bisect.bisect_right(self.para.period_pos, pos) - 1
        return i >= 0 and self.para.period_pos[i] >= (self.span.start if since is None else since)

    def periods_said(self, since: int, pos: int) -> list[str]:
        """The words of the periods the sentence names between ``since`` and ``pos`` (今年以来, 1-8月), in order."""
        para = self.para
        lo, hi = bisect.bisect_left(para.period_pos, since), bisect.bisect_right(para.period_pos, pos)
        return [self.text[m.pos:m.end_pos] for m in para.periods[lo:hi] if m.pos < pos]

    def event_month(self, pos: int) -> str | None:
        """The month of the report's event (7月27日,…集中开工活动举行): the period of what was done at it,
        the year from the text as for any mention; None when the lede gives no day."""
        day = self.doc.event_date
        if day is None or day.start is None:
            return None
        _mention, year_from = self._mention_before(pos)
        month = PeriodMention(day.pos, day.end_pos, day.year, day.rel_year, day.start, day.start, "month")
        return resolve_period(self._with_year(month, year_from), self.doc.published)

    def _day_of_event_named(self, mention: PeriodMention, pos: int) -> str | None:
        """The month of the event a bare year names (3月9日,甲区2024年重大项目集中开工活动举行; 今天,2024年全省第二次
        重大项目集中开竣工活动…), for a figure after it: the day said before the year in its sentence, else the report's
        event day; None when the year names no event or no day is known (the year then dates the figure as any year)."""
        if self.text[mention.end_pos - 1:mention.end_pos] not in _PERIODS_SETS.year_marks \
                or _CONTEXT.projects_event_named_after.match(self.text, mention.end_pos, pos) is None:
            return None
        sent_start = max(self.text.rfind(c, self.para.span.start, mention.pos) for c in _SENTENCE_ENDS) + 1
        for day in reversed(self.para.periods):
            if day.kind == "date" and sent_start <= day.pos < mention.pos and day.start is not None:
                month = PeriodMention(day.pos, day.end_pos, day.year or mention.year, day.rel_year, day.start,
                                      day.start, "month")
                return resolve_period(month, self.doc.published)
        return self.event_month(pos)

    def period_names_event(self, pos: int) -> bool:
        """Whether the period said last before ``pos`` in the sentence is part of an event's name (举行2021年第四季度
        招商引资项目集中签约仪式,17个项目完成签约): it dates no figure; the event's day does."""
        mention, _year_from = self._mention_before(pos)
        if mention is None or mention.pos < self.span.start:
            return False
        return _CONTEXT.event_named_after.match(self.text, mention.end_pos, pos) is not None

    def _mention_before(self, pos: int) -> tuple[PeriodMention | None, PeriodMention | None]:
        """The last period mention before ``pos`` and the nearest earlier one that names a year."""
        para = self.para
        periods = para.periods
        i = bisect.bisect_right(para.period_pos, pos) - 1
        if i >= 0 and para.moved_mark[i] and self._moved_to(periods[i], pos):
            i -= 1  # (由上年的10席增加到12席: 12席 is not of 上年)
        passed_at = para.passed_at
        while i >= 0 and pos >= passed_at[i]:
            i -= 1  # (其中2024年结转项目11个,新增入库项目5个: a year in passing dates its own clause only)
        if i < 0:
            return None, None
        j = self.para.year_before[i]
        return periods[i], periods[j] if j >= 0 else None

    def _moved_to(self, mention: PeriodMention, pos: int) -> bool:
        """Whether ``mention``, after the 由/从 of what moved, is said of what a figure at ``pos`` moved from
        (由上年的10席增加到|12席)."""
        return mention.end_pos < pos and _CONTEXT.moved_to_after.match(self.text[mention.end_pos:pos]) is not None

    def _to_lede_month(self, mention: PeriodMention) -> PeriodMention:
        """今年以来 in a report with no date: the year up to the month of the day its lede opens with (12月26日,…
        发布会), the day it was written; as it is when the lede gives no day or the year is unknown."""
        day = self.doc.event_date
        if day is None or day.start is None or mention.year is None or mention.start is None \
                or day.start < mention.start:
            return mention
        return replace(mention, end=day.start)

    def _with_year(self, mention: PeriodMention, year_from: PeriodMention | None) -> PeriodMention:
        if mention.year is None and mention.rel_year is None:
            mention = mention.with_year_from(year_from).with_year_from(self.doc.title_year)
            if mention.pos >= self.para.span.start and year_from is None:
                mention = mention.with_year_from(self.para.carry.year)
        if mention.year is None and mention.rel_year is not None and (spoken := self.doc.speaking_year()) is not None:
            # (今年 in a report of an earlier year; 今年以来 in January, of the year just ended: all of it)
            end = _DECEMBER if mention.kind == _YEAR_TO_DATE and mention.end is None \
                and self.doc.january_review() is not None else mention.end
            return PeriodMention(mention.pos, mention.end_pos, spoken + mention.rel_year, None, mention.start,
                                 end, mention.kind)
        if mention.year is None and mention.rel_year is not None and self.doc.published is None \
                and (written := self.doc.written_year()) is not None \
                and self.text.startswith(_DEICTIC_YEARS, mention.pos):
            return PeriodMention(mention.pos, mention.end_pos, written + mention.rel_year, None, mention.start,
                                 mention.end, mention.kind)  # (去年 in a report written the year after the one named)
        if mention.year is None and self.doc.published is None:
            # no date to count 今年 from: the last year the text names is the year it speaks of
            # (2016年1-7月全省… then 今年7月, 1-7月: 2016)
            base = next((m for m in (year_from, self.para.carry.year, self.doc.title_year)
                         if m is not None and m.year is not None), None) or self.doc.latest_year()
            if base is not None and base.year is not None:
                mention = PeriodMention(mention.pos, mention.end_pos, base.year + (mention.rel_year or 0), None,
                                        mention.start, mention.end, mention.kind)
        return mention

    def _stock_now_after(self, mention: PeriodMention, pos: int) -> bool:
        """Whether a stock now (目前, 现有, 已建有…) is said after ``mention`` of a year before the sentence or of a day
        (the day it was told: 5月13日,…获悉,截至目前,…) and before the figure at ``pos``; a year the sentence opens with
        (2023年,…现有规上企业320家) dates its stock at that year's end."""
        if mention.kind == "date":
            return self._stock_now(pos, max(mention.end_pos, self.span.start))
        return mention.kind == "year" and mention.pos < self.span.start and self._stock_now(pos)

    def _stock_now(self, pos: int, since: int | None = None) -> bool:
        start = self.span.start if since is None else since
        if self.short:
            return _CONTEXT.stock_now.search(self.text, start, pos) is not None
        return self.hits("stock_now").any_between(start, pos)


def _aside_of_figure(text: str, mention: PeriodMention) -> bool:
    """Whether ``mention`` stands alone in brackets right after a figure (127.48亿元(1-11月)): the figure's own
    period."""
    k = mention.pos - 1
    return k > 0 and text[k] == _NAME_WORDS.aside_open and text.startswith(_NAME_WORDS.aside_close, mention.end_pos) \
        and _CONTEXT.figure_before_aside.search(text, max(0, k - _UNIT_WIDTH), k) is not None


def _years_before(periods: tuple[PeriodMention, ...], lends: tuple[bool, ...], moved: frozenset[int] = frozenset()) \
        -> tuple[int, ...]:
    """For each mention, the index of the nearest earlier mention that names a year (-1: none); the year of what
    something moved from (由上年的…, at a position in ``moved``) names none for the mentions after it, nor does a
    year said in passing (其中2024年结转项目11个,…3月新申报入库项目2个: not of 2024)."""
    out = []
    last = -1
    for i, p in enumerate(periods):
        out.append(last)
        if p.pos not in moved and (p.rel_year is not None or (p.year is not None and lends[i])):
            last = i
    return tuple(out)


@dataclass(slots=True, unsafe_hash=True)
class _Hits:  # slotted, not frozen: made for every sentence and shape (see segment.Span)
    """The matches of one shape in a sentence, as sorted (start, end) pairs, for bisect lookups."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, regex: re.Pattern[str], text: str, sent: Span) -> _Hits:
        starts: list[int] = []
        ends: list[int] = []
        for m in regex.finditer(text, sent.start, sent.end):
            starts.append(m.start())
            ends.append(m.end())
        return cls(tuple(starts), tuple(ends))

    def any_between(self, lo: int, hi: int) -> bool:
        """Whether a match lies wholly inside ``[lo, hi)``."""
        i = bisect.bisect_left(self.starts, lo)
        return i < len(self.starts) and self.ends[i] <= hi

    def last_end_before(self, pos: int) -> int:
        """The end of the last match that ends at or before ``pos`` (-1 when none)."""
        i = bisect.bisect_right(self.ends, pos) - 1
        return self.ends[i] if i >= 0 else -1
