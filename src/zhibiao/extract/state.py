"""What the rules remember while a report is read left to right.

The context (:mod:`zhibiao.extract.context`) is what the text *says* around a figure; the state
here is what the rules have *made* so far: the facts of the document (:class:`FactLog`), the
figure a 其中 refers back to (:class:`ParagraphState`), and, within one sentence, the figure just
named, the names waiting for a 分别 list, the projects just counted (:class:`SentenceState`).
Every rule receives them explicitly through one :class:`Sentence`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhibiao.extract.context import Fact, SentContext
from zhibiao.extract.figures import Fig
from zhibiao.lexicon import Words
from zhibiao.model import Basis, Indicator, Projects, Ranking
from zhibiao.resolve.subjects import expand_zone

__all__ = ["FactLog", "ParagraphState", "Sentence", "SentenceState"]

_SHARE_WORDS = Words("share")
_RANKING_NOUN: str = Words("ranking").ranking_noun  # (排名 after a measure names no evaluation: 营商环境排名)
_EVALUATION_WORDS = tuple(w for w in (*Words("ranking").evaluation_acts, *Words("ranking").overall_heads)
                          if w != _RANKING_NOUN)  # (考核, 评价, 综合: an evaluation's words)


@dataclass(slots=True)
class FactLog:
    """Every fact of the document so far, in the order made, and the projects among them."""

    facts: list[Fact] = field(default_factory=list)
    projects: list[Projects] = field(default_factory=list)
    child_projects: set[int] = field(default_factory=set)  # ids of projects counted under others (其中)
    top_n: set[int] = field(default_factory=set)  # ids of rankings that are places in a top N (进入全国百强)
    # facts dropped while the document is read, kept alive: the sets above hold ids, and an id is only
    # unique while its object lives (a fact made later at a dropped one's address would pass for it)
    dropped: list[Fact] = field(default_factory=list)

    def add(self, fact: Fact) -> None:
        """Record a new fact."""
        if isinstance(fact, Projects):
            self.projects.append(fact)
        self.facts.append(fact)

    def drop(self, fact: Fact) -> None:
        """Take back a fact recorded (kept alive, so that no later fact shares its id)."""
        self.facts.remove(fact)
        self.dropped.append(fact)

    def drop_top_n_made_exact(self) -> None:
        """Drop each top-N place of a subject whose exact place in the same field and period the
        report also gives (位列榜单前三名 beside a table of places: FACTS.md, the exact place only)."""
        if not self.top_n:
            return  # (most reports)
        exact = [f for f in self.facts if isinstance(f, Ranking) and id(f) not in self.top_n and f.rank is not None]
        if not exact:
            return
        made_exact = [f for f in self.facts if id(f) in self.top_n and isinstance(f, Ranking) and any(
            _makes_exact(e, f) for e in exact)]
        for f in made_exact:
            self.drop(f)

    def last_ranking(self, *, measured: bool = False) -> Ranking | None:
        """The ranking given last in the document (with a measure named, when ``measured``), if any."""
        return next((f for f in reversed(self.facts) if isinstance(f, Ranking) and (f.indicator or not measured)),
                    None)

    def last_projects(self) -> Projects | None:
        """The projects counted last, if any."""
        return self.projects[-1] if self.projects else None

    def tops_since(self, first: int) -> list[Indicator]:
        """Top-level figures (no parent, not a share) among the facts made since index ``first``."""
        share, done = _SHARE_WORDS.mark, _SHARE_WORDS.done
        # (占全市的73.2%, 完成年初预算的47.5%: shares of a whole, never the whole of a 其中)
        return [f for f in self.facts[first:] if isinstance(f, Indicator) and f.parent is None and share not in f.name
                and not (f.unit == "%" and done in f.name)]


def _makes_exact(exact: Ranking, top_n: Ranking) -> bool:
    """Whether ``exact`` is the exact place of the subject ``top_n`` places in a top N."""
    return exact.subject == top_n.subject and exact.subject is not None and top_n.rank is not None \
        and exact.rank is not None and exact.rank <= top_n.rank and _same_field(top_n.scope, exact.scope) \
        and (exact.period == top_n.period or None in (exact.period, top_n.period)) and exact.qualifier is None \
        and not _other_measure_beside(exact, top_n) and not _measures_unlike(exact.indicator, top_n.indicator)


def _measures_unlike(one: str | None, other: str | None) -> bool:
    """Whether two measures, neither an evaluation (考核评价, 排名), share no three characters written together
    (城市营商环境 and 城市基础设施指数: two rankings of one report, not one evaluation worded two ways as 综合实力 and
    百强县综合实力评价 are, or as an evaluation's name and the words of its table).

    >>> _measures_unlike("四大城市营商环境", "296个城市基础设施指数"), _measures_unlike("综合实力", "百强县综合实力")
    (True, False)
    """
    one, other = (one or "").replace(_RANKING_NOUN, ""), (other or "").replace(_RANKING_NOUN, "")  # (营商环境排名)
    if min(len(one), len(other)) < _SHARED_RUN or any(w in one or w in other for w in _EVALUATION_WORDS):
        return False
    return not {one[k:k + _SHARED_RUN] for k in range(len(one) - _SHARED_RUN + 1)} \
        & {other[k:k + _SHARED_RUN] for k in range(len(other) - _SHARED_RUN + 1)}


_SHARED_RUN = 3  # (how many characters two wordings of one measure share at least: 综合实, 营商环)


def _same_field(top_n: str | None, exact: str | None) -> bool:
    """Whether a top-N place's field is the exact place's: none written, or the same peers (国家级经开区 is
    国家级经济技术开发区 written short)."""
    return top_n is None or top_n == exact or (exact is not None and expand_zone(top_n) == expand_zone(exact))


# How near two places are written when one sentence gives both (投资潜力第4位,跻身服务业全国10强).
_BESIDE = 60


def _other_measure_beside(exact: Ranking, top_n: Ranking) -> bool:
    """Whether two places written side by side are of two measures named apart (投资潜力第4位 and
    服务业全国10强): both are facts. (Far apart, one evaluation is often worded two ways: 综合实力 in
    a table, the evaluation's name in the lede.)"""
    a, b = exact.indicator, top_n.indicator
    return abs(exact.start - top_n.start) < _BESIDE and a is not None and b is not None and a not in b \
        and b not in a


@dataclass(slots=True)
class ParagraphState:
    """What outlives a sentence: the last top-level figure and projects (for a 其中 in the next one)."""

    first_project: int = 0  # index in the log's projects of the paragraph's first
    last_top: Indicator | None = None
    last_top_projects: Projects | None = None
    prev_tops: list[Indicator] = field(default_factory=list)
    last_rank: Ranking | None = None  # …位居第六名;甲、乙分列第16位、第31位: the ranking the list shares
    among: bool = False  # (a line after one closing with 其中: its figures are parts of the whole before)
    own_project: str | None = None  # 甲项目…。该项目…: the one project the sentences are about, for its measures
    places_whole: Projects | None = None  # 从签约项目总数来看,定远14个…: the projects counted place by place here
    # the spans of several years the paragraph writes (first, last, where each ends), found once
    years_spans: list[tuple[int, int, int]] | None = None


@dataclass(slots=True)
class SentenceState:
    """What the rules know while walking one sentence."""

    first_fact: int = 0  # index in the log of the sentence's first fact
    current: Indicator | None = None  # the figure just named (a change without a name belongs to it)
    current_share: Indicator | None = None
    pending: list[Indicator] = field(default_factory=list)  # levels a 分别 list of changes pairs with
    parent: str | None = None  # the whole a 其中 component belongs to
    parent_pool: list[Indicator] = field(default_factory=list)
    parent_projects: Projects | None = None
    parts_follow: bool = False  # 37个项目中,…: the counts after are parts of the projects named again
    parent_until: int | None = None  # where a mid-sentence 其中 stops applying (its clause's ';')
    last_rank: Ranking | None = None  # 总量位居全市第3位,增速位居第1位: the second shares the first's field
    moved: str | None = None  # 综合排名较上年前移5位,位列全国第45位: the ranking a move named before its place
    moved_field: str | None = None  # 在全省…评价中排名提升7位,位列第4: the field that moved ranking was in
    projects: Projects | None = None  # the projects just counted
    # 其中,甲产业项目总投资3066亿元,占比超过50%: where a kind's investment ends and its name (a share after is its)
    kind_named: tuple[int, str] | None = None
    # 比2011年、2012年分别增加205个、88个;10亿元以上项目分别增加29个、11个: the years the sentence's changes are against
    baseline_years: tuple[str, ...] = ()
    # 比2020年的8.3亿元|增长50.6%: the basis of the change right after a baseline's level (other; yoy after 上年的)
    baseline_basis: Basis | None = None
    # 采矿业…较1-7月提高0.2个百分点;制造业增长11.9%,提高0.6个百分点: the baseline of the last move of a rate in points
    # against another baseline than last year, which the moves after it with none of their own share
    points_basis: Basis | None = None
    # 总投资1972亿元的产业项目69个: an investment written before the projects it is of, and where
    # their count must start to take it
    investment_ahead: tuple[Fig, int] | None = None
    breakdowns: tuple[int, ...] = ()  # where the sentence's breakdowns (分产业看,) end
    top_n_ranks: set[int] = field(default_factory=set)  # ids of the top-N places given (进入全国百强)
    share_field: str | None = None  # 全市38.6%的甲、51.2%的乙: what the shares listed are of (占全市, 占比)
    # matches of a shape over the whole sentence, found once (a long list asks at every item)
    found: dict[str, list[re.Match[str]]] = field(default_factory=dict)
    # the places read already as a list (前三名依次是甲、乙、丙; 跻身全国甲第3位、乙第4位): from, until
    listed_from: int = -1
    listed_until: int = -1
    # lists read before the current one (甲、乙3个县市入选百强县市,丙、丁2个区入选百强区: the first stays read)
    listed_before: list[tuple[int, int]] = field(default_factory=list)
    # figures read as part of something else (有3项|位居全市第1位,分别是…: the count of the measures listed)
    quiet: list[tuple[int, int]] = field(default_factory=list)
    # 其中共有4座城市出口规模超过千亿,位居全省首位的是甲市: how many passed a mark, a side count (a change after it
    # is its own, but a place after it is ranked by the figures before, not by it)
    side_count: Indicator | None = None

    def ranked_figure(self) -> Indicator | None:
        """The figure just named that a place with no measure words is ranked by (never a count of those passing
        a mark)."""
        return None if self.current is self.side_count else self.current

    def mark_listed(self, start: int, end: int) -> None:
        """Places from ``start`` to ``end`` are read as a list: the sentence's matches there make none."""
        if 0 <= self.listed_from < self.listed_until <= start:
            self.listed_before.append((self.listed_from, self.listed_until))
        self.listed_from = start if self.listed_until <= start else min(self.listed_from, start)
        self.listed_until = max(self.listed_until, end)

    def is_quiet(self, pos: int) -> bool:
        """Whether a figure at ``pos`` was read already as part of something else (no fact of its own)."""
        return any(a <= pos < b for a, b in self.quiet)

    def is_listed(self, pos: int) -> bool:
        """Whether a place at ``pos`` was read already as part of a list."""
        return self.listed_from <= pos < self.listed_until or any(a <= pos < b for a, b in self.listed_before)


@dataclass(slots=True)
class Sentence:
    """One sentence being read: its context (what the text says) and the state (what was made)."""

    ctx: SentContext
    state: SentenceState
    para: ParagraphState
    log: FactLog
    text: str  # the normalised text (read by every rule: a field, not a lookup through ctx)
