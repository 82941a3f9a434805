"""Indicator facts: a level (产值18.56亿元), a change (增长5%), a share (占…的73.2%).

Each rule takes one classified figure of a sentence and makes (or completes) the indicator it
states: the name from the words before it (or the noun after it: 188家规上工业企业), the
qualifier and period from the context, the parent from a 其中. A change with no name of its own
belongs to the figure just named; a level of a project count or investment goes to
:mod:`zhibiao.extract.projects`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from functools import cache

from zhibiao.extract.changes import change_of, local_qualifier, rate_moved_before
from zhibiao.extract.figures import Fig, did_a_thing
from zhibiao.extract.names import (
    Name,
    Noun,
    clean_name,
    last_match,
    name_ratio,
    noun_after,
    same_name,
    split_names,
    strip_chars,
    topic_before,
    trim_openers,
    without_quotes,
)
from zhibiao.extract.periods import find_periods, period_string, resolve_period, years_period, years_spans
from zhibiao.extract.projects import (
    each_of_places,
    listed_place,
    mentions_projects,
    place_list_goes_on,
    project_count,
    projects_facts,
)
from zhibiao.extract.quantities import COUNTED, Amount, figure_regex, parse_amount
from zhibiao.extract.segment import MAX_SENTENCE
from zhibiao.extract.state import Sentence, SentenceState
from zhibiao.lexicon import Shapes, Words, WordSets, is_cjk, words
from zhibiao.model import Change, Indicator, Projects, Qualifier
from zhibiao.resolve.indicators import canonical_indicator
from zhibiao.resolve.subjects import passes_a_mark

__all__ = [
    "against_named_year",
    "attach_change",
    "bare_magnitude",
    "baseline_rate",
    "breadth_role",
    "change_role",
    "level_role",
    "members_passing",
    "name_at",
    "new_indicator",
    "projects_share_names",
    "share_role",
    "with_predicate",
]

_CHANGES = Shapes("changes")
_INDICATORS = Shapes("indicators")
_COUNTS = Shapes("counts")
_RANKINGS = Shapes("rankings")
_RANKING_WORDS = Words("ranking")
_BRACKET_REACH = 12  # (how far before a level the place whose brackets it opens may stand: 甲县()
_RANKED_IN = tuple(_RANKING_WORDS.kinds_ranking_ends)  # (what closes words naming a ranking of places of a kind)
_NAMES = Shapes("names")
_PROJECTS = Shapes("projects")
_CHANGE_WORDS = Words("change")
_SUPERLATIVES = tuple(_CHANGE_WORDS.superlatives)  # (最高, 最多: a place first among peers in what they follow)
_FIGURES_WORDS = Words("figures")
_PER_LAND: dict[str, str] = _FIGURES_WORDS.per_land_heads  # (亩均 → mu: measures per unit of land)
_HEAD_UNIT: str = _FIGURES_WORDS.head_unit
_HEAD_COUNTED = tuple(words("figures", "head_counted"))
_COUNT_UNIT = "count"
_FIGURES_SHAPES = Shapes("figures")
_SCORE_WORDS_WIDTH = 16  # (以 and the words naming a score: at most twelve characters before it)
_NAME_WORDS = Words("name")
_BREADTH_WORDS = Words("breadth")
_BREADTH_SETS = WordSets("breadth")
_PROJECTS_WORDS = Words("projects")
_EACH_MARK: str = _PROJECTS_WORDS.each_mark  # (各: what every naming of places of a kind holds)
_SHARE_WORDS = Words("share")
_NAME_SETS = WordSets("name")
_PROJECTS_SETS = WordSets("projects")
_TOPIC_SETS = WordSets("topic")
# Plain checks before the shapes they gate (each runs for every figure): 由 of a from-level, 批 of a
# batch count, the last characters of a level risen to (到, 至, 的) and of a zone's name.
_LEVEL_FROM_WORDS = Words("level_from")
_FROM_MARKS = tuple(_LEVEL_FROM_WORDS.marks)
_BATCH: str = _LEVEL_FROM_WORDS.batch
_RISE_TO_ENDS = tuple(_LEVEL_FROM_WORDS.rise_ends)
_ZONE_ENDS = tuple(_LEVEL_FROM_WORDS.zone_ends)
_HOLDER_ENDS = tuple(_LEVEL_FROM_WORDS.holder_ends)
_JOINER_ENDS = tuple(_NAME_WORDS.joiners)
_SHARE_SETS = WordSets("share")
# What may stand between a parenthesis and the change after it (…万亿元), 同比增长1%).
_ASIDE_GAP = " ,;、"


_QUALIFIER_WORDS = Words("qualifier")
_ENTITY_SETS = WordSets("entity")
_REGION_KINDS = tuple(words("ranking", "part_region_kinds"))
# The parts of the country by where they are (东部地区, 东北): a holder of a measure's figure as a place is.
_COUNTRY_REGIONS = frozenset(words("ranking", "regions"))
_MAX_REGION = 8  # (a region named in more characters is a clause, no name)
_SAME_PERIOD: str = Words("periods").same_period
_PERIODS_WORDS = Words("periods")
_LAST_YEAR_SAME = frozenset(w + _SAME_PERIOD for w in _PERIODS_WORDS.last_year_words)  # (上年同期, 去年同期)
_PLAN_END_YEARS: dict[str, int] = dict(_PERIODS_WORDS.plan_end_years)  # (十三五 → 2020: a plan's last year)
_BASELINE_OPENS = ",,"  # (what may open the words of a baseline before its 比)
_LIST_MARK: str = _NAME_WORDS.list_mark
_CLAUSE_MARKS = (",", ";", ":", "\u3002")  # (a list of items ends at any of these)
_CONVERT_MARKS = frozenset(_LEVEL_FROM_WORDS.convert_marks)
_RATE_MARK = _LEVEL_FROM_WORDS.rate_mark
_PERCENT_UNIT = "%"
_PERCENT_KIND = "percent"
_LINE_END_MARKS = " \t\u3000\n。;,"  # (what may close a line of one place's figure: 甲县11.9%。)
_COUNTRY: str = Words("ranking").country_field  # (全国: the one place compared with that is a subject)
_ASIDE_OPEN, _ASIDE_CLOSE = "(", ")"
_YOY = "yoy"
_GROWTH_REACH = 200  # (how far before a list of places' growths the measure's own growth may be given)
_PARTITIVE_ENDS = tuple(words("name", "partitive_ends"))
_PARTITIVE_WIDTH = 24  # (N个 + a kind + 中有, before the count of some of them)
_MEMBERSHIP = frozenset(words("ranking", "membership_verbs"))
_BARE_VERB = 2  # (参评, 达标: a verb alone joins its kind without 的)
_DE = words("name", "de")[0]
_FIGURE_SHAPE = figure_regex()
_OWN_REFS = frozenset(words("sentence", "subject_refs"))  # (我市, 全市: the report's own place)
_BELOW_VERBS = frozenset(words("breadth", "passing_below"))
_INNER_CLAUSE_MARKS = (",", ";", ":")  # (what closes a clause inside a sentence)
_BREADTH_WIDTH = 12  # how far after a group's size its 中 may stand
_AMONG_WIDTH = 4  # (其中, right before a count of some of the projects)
_FIELDS_WIDTH = 16  # (how far before a count the 等 closing the fields its projects cover may stand)
_DESCRIBED_WIDTH = 80  # (how long the projects described before their count may be written)
_NAMED_YEAR_WIDTH = 16  # (比2019年同期增长|13.5%: how far before a change the year it is against may be named)
_ANNUAL_LEAD_WIDTH = 2  # (全年, 年度: the words of a whole year before a name)
_MIN_SUFFIX = 2  # (the fewest characters of a measure named again by its last words)
_PROJECTS_BEFORE_WIDTH = 120  # (how far back projects a sentence opening with 其中 breaks down place by place may end)
_FACTS_SINCE = 8  # (how many facts back to look for a count given since those projects)
_MOST_EACH = 5  # (the most things a list before 各 and one count names: 甲、乙和丙各2家)
_FEWEST_THING_CHARS = 4  # (the shortest name of things counted so: 著名商标; 扶茂 is a town)
_CLAUSE_COMMA = ","
_COLON = ":"
_LABEL_OPENS = (*_CLAUSE_MARKS, "\n")  # (what opens the label a colon closes: 集宁区:265.62亿元)
_LABELS_NOT_MEASURES = tuple(_LEVEL_FROM_WORDS.label_ends_not_measures)
_LABEL_MIN, _LABEL_MAX = 2, 16  # (how long a label before a colon may be: GDP, 规上工业增加值, 察哈尔右翼前旗)
_WON_WITH = str(_NAME_WORDS.won_with)  # (以: 甲县以386.2亿元的投资额位居第一)
_CARRIED_MEASURE_MAX = 16  # (the longest measure a clause with no figure passes to a bare verb after it)
_CLAUSES_BACK = 2  # (how many clauses with no figure a bare verb looks back over for the measure they open with)
_REACHED_WIDTH = 6  # (the verb of a level reached, right before its figure: 攀升至, 达到)
_HEADING_BACK = 400  # (how far above a numbered item its heading may stand: a dozen items one a line)
_JUDGED_CLAUSE_WIDTH = 24  # (其中生物产业表现突出,: a clause of a short measure and its judgement)
_AFTER_QUALIFIERS = frozenset((*_QUALIFIER_WORDS.at_least_after, *_QUALIFIER_WORDS.approx_after,
                               *_QUALIFIER_WORDS.at_most_after))

def name_at(s: Sentence, start: int, end: int) -> Name:
    """The cleaned name of the region ``[start, end)`` of the sentence."""
    if start >= end:
        return Name("", start)
    return clean_name(s.text, start, end, subject_end=s.ctx.para.subject_end_before(start), main=s.ctx.doc.main)


def score_role(s: Sentence, fig: Fig) -> None:
    """以总分88.7分(拔得头筹), 凭借综合得分92.5分(位列…): the score a place won with, named by the words between 以 and
    it (总分, 综合得分), of the place the clause is about; nothing else in the clause is moved by it."""
    m = _FIGURES_SHAPES.score_won_with.search(s.text, max(s.ctx.span.start, fig.start - _SCORE_WORDS_WIDTH), fig.start)
    words = strip_chars(m.group("words")) if m is not None else ""
    if any(c.isdigit() for c in words):
        words = ""  # (分别以87.3分和130.1分: the second score, named as the first is not)
    start = m.start("words") if m is not None and words else fig.start
    new_indicator(s, Name(words or _FIGURES_WORDS.score_name, start), fig)


def new_indicator(s: Sentence, name: Name, fig: Fig, *, value: bool = True, share: bool = False,
                  target: bool = False, plan_named: bool = True) -> Indicator:
    """Make and record the indicator ``fig`` states under ``name``, its context filled in; ``plan_named``: a plan
    word in the name (计划, 目标) makes it a goal (not for members counted after what they did)."""
    ctx = s.ctx
    pos = fig.start
    sized_goal = target  # 打造100GWh产能, 千亿元产业聚集区: a goal of a size, of no year said before it
    target = target or ctx.target_at(pos)
    qualifier: Qualifier | None
    if target:
        qualifier = "target"
    elif name.estimate or ctx.estimate_at(pos):
        qualifier = "estimate"
    else:
        qualifier = name.qualifier or fig.qualifier or local_qualifier(s.text, fig)
    share_mark = _SHARE_WORDS.mark
    if plan_named and not target and _INDICATORS.plan_word.search(name.text) and not share \
            and share_mark not in name.text:
        qualifier, target = "target", True
    # 达产后年可实现产值137.6亿元: what a project will yield each year once running has no period; nor has
    # the size of a facility (总占地面积93.6亩, 年生产虾粉2万吨) or the places a place is made of
    # (全国1893个县级行政区划) unless its sentence says one
    capacity = not ctx.has_period_before(pos) and (_INDICATORS.facility_measure.search(name.text) is not None or (
        fig.amount.kind == "count" and _INDICATORS.composition_name.fullmatch(name.text) is not None) or (
        s.text.find(_PROJECTS_WORDS.capacity_mark, ctx.span.start, pos) >= 0
        and _INDICATORS.capacity_before.search(s.text, ctx.span.start, pos) is not None) or _of_one_facility(s, name))
    capacity = capacity or _of_evaluation_design(s, name, fig)
    ind = Indicator(
        subject=ctx.subject_at(pos),
        name=name.text,
        period=None if capacity else ctx.period_in_aside(pos, fig.end) or ctx.period_at(
            pos, target=target, name=_with_annual_lead(s.text, name), future=qualifier == "estimate",
            year_said=not sized_goal, release_is_year=True),
        value=fig.amount.value if value else None,
        unit=_unit_of(s, name, fig) if value else None,
        change=fig.change if not value else None,
        qualifier=qualifier,
        parent=None,
        rule="indicator.v1",
    )
    if ind.change is not None:  # (比2021年同期增长64%, of 2023: against another year than the one before)
        ind.change = against_named_year(s, fig, ind.change, ind.period)
    ctx.doc.set_quote(ind, min(name.start, fig.start), fig.end)
    if s.state.parent and not share:
        ind.parent = parent_for(ind, s.state)
    if s.state.parent and ind.subject is not None:
        _part_of_place_named(s, name, fig, ind, s.state.parent)
    if s.para.years_spans != []:  # (most paragraphs write no span of years: found once, then skipped)
        span_period(s, fig, ind)
    s.log.add(ind)
    return ind


def _part_of_place_named(s: Sentence, name: Name, fig: Fig, ind: Indicator, whole: str) -> None:
    """其中,…;经开区占比22.7%,同比增长92.8%: a part under 其中 named by the place opening its clause alone, or with a
    share word, is that place's part of the whole broken down: named after the whole (固定资产投资占比, 固定资产投资),
    the place its subject."""
    end = s.ctx.para.subject_end_before(fig.start)
    if not name.start < end <= fig.start or not name.text.startswith(s.text[name.start:end]):
        return
    rest = name.text[end - name.start:]
    if rest in _SHARE_SETS.share_words or (not rest and ind.value is None):  # (甲区3个: a count of what, unsaid)
        ind.name = whole + rest


def _unit_of(s: Sentence, name: Name, fig: Fig) -> str | None:
    """The unit of ``fig`` as ``name`` measures it: 只 of animals counted by the head stays 只 (家禽出栏120万只, as 头
    does), a count of anything else; money of a measure per unit of land (亩均税收) is per that unit."""
    unit = fig.amount.unit
    if unit == _COUNT_UNIT and s.text.endswith(_HEAD_UNIT, fig.start, fig.end) \
            and any(w in name.text for w in _HEAD_COUNTED):
        return _HEAD_UNIT
    land = next((per for head, per in _PER_LAND.items() if head in name.text), None)
    if land is not None and unit == _FIGURES_WORDS.money_unit:
        return f"{unit}/{land}"  # (亩均利润达到2.8万元: per mu, though no 亩 is written after the figure)
    return unit


def _of_evaluation_design(s: Sentence, name: Name, fig: Fig) -> bool:
    """Whether ``fig`` is part of the design of an evaluation, with no period even under the study's year: how many
    dimensions or indicators it has (从…生态宜居3个维度, 下设…6个一级指标, 从…6个方面进行综合评价) or a threshold it
    sets (“双门槛”(GDP≥460亿元, 门槛评价原则,即地区生产总值>900亿元)."""
    if fig.amount.kind == "count" and _INDICATORS.evaluation_design.fullmatch(name.text) is not None:
        return True
    return _INDICATORS.threshold_name.search(name.text) is not None \
        and _INDICATORS.threshold_frame.search(s.text, s.ctx.span.start, fig.start) is not None


def _of_one_facility(s: Sentence, name: Name) -> bool:
    """Whether ``name`` measures the facility its sentence describes, with no period: what one project builds or
    installs (项目占地96亩,新建厂房3.6万平方米,共有6条生产线; 与甲公司签订的项目计划投资16亿元,建设装机容量15万千瓦),
    or one more item of a facility's yearly capacity listed after the first (可年生产虾粉3万吨、虾酱0.2万吨、…)."""
    listed = s.text.startswith(_LIST_MARK, name.start - 1)
    built = _INDICATORS.built_measure.search(name.text) is not None
    if not (listed or built):
        return False  # (most figures: asked before the facts of the sentence are looked through)
    made = s.log.facts[s.state.first_fact:]
    sized = [f for f in made if isinstance(f, Indicator) and f.period is None and (
        _INDICATORS.facility_measure.search(f.name) is not None
        or _INDICATORS.built_measure.search(f.name) is not None)]
    if sized and listed:
        items = s.text[s.ctx.doc.norm_pos(sized[-1].end):name.start]
        if items.startswith(_LIST_MARK) and not any(mark in items for mark in _CLAUSE_MARKS):
            return True
    return built and (bool(sized) or any(isinstance(f, Projects) and f.count == 1 for f in made) or (
        _INDICATORS.one_project_opens.match(s.text, s.ctx.span.start) is not None) or (
        _INDICATORS.one_project_named.search(name.text) is not None))  # (甲光伏项目新建标准化厂房)


def span_period(s: Sentence, fig: Fig, ind: Indicator) -> None:
    """The period of a figure under a span of several years written before it in its paragraph, with no
    period of its own after the span (FACTS.md): an average over the span (过去五年…年均增长8%) and what was
    done over it (五年来…累计完成投资2400亿元, 实际利用外资34亿美元) are of the whole span; a level reached
    (攀升至160亿元, 达2300亿元) is of its last year."""
    ctx = s.ctx
    spans = s.para.years_spans
    if spans is None:  # (found once per paragraph: a long one asks at every figure)
        spans = s.para.years_spans = years_spans(s.text, ctx.para.span.start, ctx.para.span.end, ctx.doc.published)
    span = next((x for x in reversed(spans) if x[2] <= fig.start), None)
    if span is None or ctx.has_period_before(fig.start, since=span[2]):
        return
    first, last, _end = span
    if (ind.change is None or ind.change.basis != "avg") and _INDICATORS.level_reached_end.search(
            s.text, max(ctx.span.start, fig.start - _REACHED_WIDTH), fig.start):
        ind.period = period_string(last)
    else:
        ind.period = years_period(first, last)


def parent_for(ind: Indicator, st: SentenceState) -> str | None:
    """The whole a 其中 component belongs to: the most similar figure just given, else the last.

    A component that repeats a figure already given for the same subject is a re-mention,
    not a component (其中工业总产值和税收收入增幅分别高于… after a list of growth rates).
    """
    best, best_ratio = None, 0.0
    for cand in st.parent_pool:
        ratio = name_ratio(cand.name, ind.name)
        if ratio > best_ratio:
            best, best_ratio = cand, ratio
    if best is not None and best_ratio >= 0.6:
        if best.subject == ind.subject and _named_again(best.name, ind.name):
            return None
        return best.name
    if st.parent and _named_again(st.parent, ind.name):
        return None
    return st.parent


def _named_again(whole: str, part: str) -> bool:
    """Whether a part under 其中 names the whole again (税收 / 税收收入), not a kind of it named by words before the
    whole's (税收 / 工业税收: a part)."""
    return same_name(whole, part) and (whole.startswith(part) or part.startswith(whole))


def attach_change(s: Sentence, target: Indicator, fig: Fig) -> Indicator:
    """Put a change on the figure just named, or make it a fact of its own (a second change)."""
    doc = s.ctx.doc
    # 2016年达1200亿元,年均增长8.5%: an average over years is a fact of its own, the level keeps no change
    if target.change is None and target.value is not None and (fig.change is None or fig.change.basis != "avg"):
        target.change = against_named_year(s, fig, _year_end_on_year_end(s, target, fig), target.period)
        doc.extend_quote(target, fig.end)
        return target
    extra = replace(target, value=None, unit=None, change=fig.change, rule="indicator.change.v1")
    if s.ctx.has_period_before(fig.start, since=doc.norm_pos(target.end)) or _rate_moved_to(s, fig):
        # 11月增长5%,1-11月累计增长6%: a further change under a period of its own is of that period (增幅由一季度的
        # 14%提升至22.9%: the rate moved to is of the period in force, not the one it moved from)
        extra.period = s.ctx.period_at(fig.start, target=False, name=target.name)
    extra.change = against_named_year(s, fig, extra.change, extra.period)
    if fig.change is not None and fig.change.basis == "avg":
        span_period(s, fig, extra)  # (2020年达到300亿元,“十三五”时期年均增长7.5%: the span's)
    doc.set_quote(extra, doc.norm_pos(target.start), fig.end)
    s.log.add(extra)
    return extra


def _rate_moved_to(s: Sentence, fig: Fig) -> bool:
    """Whether ``fig`` is the growth rate a rate moved to (增幅由一季度的14%提升至|22.9%)."""
    m = rate_moved_before(s.text, s.ctx.span.start, fig.start)
    return m is not None and not m.group(0).endswith(_NAME_WORDS.possessive)


def against_named_year(s: Sentence, fig: Fig, change: Change | None, period: str | None) -> Change | None:
    """增长13.3%,比2019年同期增长13.5% (of 2021): a change against a year named is year on year only when that is the
    year before the figure's; against an earlier one its basis is another."""
    if change is None or change.basis != "yoy" or period is None or not period[:4].isdigit():
        return change
    lo = max(s.ctx.span.start, fig.start - _NAMED_YEAR_WIDTH)
    if s.text.find(_CHANGE_WORDS.year_mark, lo, fig.start) < 0:
        return change  # (a plain find first: most changes name no year)
    named = _CHANGES.named_year_baseline.search(s.text, lo, fig.start)
    if named is None or int(named.group("year")) == int(period[:4]) - 1:
        return change
    return replace(change, basis="other")


def _year_end_on_year_end(s: Sentence, target: Indicator, fig: Fig) -> Change | None:
    """年末常住人口87.3万人,比上年末减少0.4万人: a year-end figure compared with the end of the year before is
    compared year on year (a month-end figure against 上年末 stays another baseline)."""
    change = fig.change
    if change is None or change.basis != "other" or not target.period \
            or not _INDICATORS.december_end.fullmatch(target.period):
        return change
    between = s.text[s.ctx.doc.norm_pos(target.start):fig.start]
    return replace(change, basis="yoy") if _INDICATORS.last_year_end.search(between) else change


# ---------------------------------------------------------------------------------------- levels
def breadth_role(s: Sentence, fig: Fig) -> bool:
    """在工业41个行业大类中,30个行业增加值实现增长: how many of a group did something, a count named after what
    they did (增加值实现增长的行业, the dev gold's name); the size of the group is no fact. False for any other
    count."""
    text, group_in = s.text, _BREADTH_WORDS.group_in
    if group_in not in text[fig.end:fig.end + _BREADTH_WIDTH] and group_in not in text[fig.start - 3:fig.start]:
        return False  # (plain checks first: most counts stand in no group)
    if _INDICATORS.breadth_group.match(text, fig.end, s.ctx.span.end):
        return True
    if not _INDICATORS.breadth_before.search(text, max(s.ctx.span.start, fig.start - 3), fig.start):
        return False
    m = _INDICATORS.breadth_member.match(text, fig.end, s.ctx.span.end)
    if m is None:  # (33个行业大类中19个行业大类累计实现正增长: the kind again, then what those did)
        noun = noun_after(text, fig.end, s.ctx.span.end)  # (23个项目未开工: projects are counted as projects)
        named = with_predicate(s, noun) if noun is not None and noun.text and not mentions_projects(noun.text) \
            else None
        if named is None or named is noun:
            return False
        ind = new_indicator(s, Name(named.text, fig.start), fig)
        s.ctx.doc.set_quote(ind, fig.start, named.end)
    else:
        ind = new_indicator(s, Name(_breadth_name(s, fig, m), fig.start), fig)
        s.ctx.doc.set_quote(ind, fig.start, m.end())
    s.state.current = ind
    s.state.pending.append(ind)
    return True


def _breadth_name(s: Sentence, fig: Fig, m: re.Match[str]) -> str:
    """30个行业实现增长 → 实现增长的行业: what the members did, then their noun; 38个大类行业中32个实现增长 (no noun
    of their own, the words before what they did only a verb of it) → 实现增长的大类行业, the group's kind."""
    noun, did, of = m.group("noun"), m.group("did"), str(_NAME_WORDS.possessive)
    if noun in _BREADTH_SETS.adverbs:
        kind = _INDICATORS.breadth_kind_before.search(s.text, s.ctx.span.start, fig.start)
        if kind is not None:
            return f"{noun}{did}{of}{kind.group('kind')}"
    return f"{did}{of}{noun}"


def members_passing(s: Sentence, fig: Fig) -> bool:
    """14个开发区规上工业增加值同比增速超过30%, 7个省份旅游总收入均超过150亿元, 9个地市的县域生产总值增速高于
    上年同期: how many of a kind have a measure past a mark, a count named after the measure, the mark and the kind
    (旅游总收入超过100亿元的省份, the dev gold's name); the mark is part of the name, no figure of its own. False
    for any other count."""
    m = passes_a_mark(s.text, fig.start, fig.end, s.ctx.span.end)
    group = _INDICATORS.group_kind_end.search(s.text, max(s.ctx.span.start, fig.start - _PARTITIVE_WIDTH), fig.start) \
        if m is None and _BREADTH_WORDS.group_in in s.text[fig.start - 4:fig.start] else None
    if group is not None:  # (67个县(市、区)中,|31个增速超过全省平均水平: the kind of the group just named)
        m = _INDICATORS.members_passing_bare.match(s.text, fig.end, s.ctx.span.end)
    if m is not None:
        kind = group.group("kind") if group is not None else m.group("kind")
        name = m.group("measure") + m.group("verb") + m.group("mark") + _DE + kind
    elif (m := did_a_thing(s.text, fig.start, fig.end, s.ctx.span.end)) is not None:
        # (9个区实现了位次提升: 实现位次提升的区; 5个县(市、区)获奖: 获奖县(市、区), a verb alone joining its kind)
        pred = without_quotes((m.group("own") or "") + m.group("verb") + m.group("rest"))
        name = pred + m.group("kind") if len(pred) <= _BARE_VERB else pred + _DE + m.group("kind")
    else:
        return False
    # (12个乡镇完成年度目标任务: how many did so, no goal of the count — 完成年度目标任务的乡镇)
    ind = new_indicator(s, Name(name, fig.start), fig, plan_named=False)
    s.ctx.doc.set_quote(ind, fig.start, m.end())
    if m.re is _INDICATORS.listed_entering:  # (甲、乙3个县市入选…,丙、丁2个区入选…: the places listed are no subject of
        ind.subject = s.ctx.subject_at(s.ctx.span.start - 1)  # their count; whoever held the words before the sentence)
    if "mark" in m.groupdict():
        s.state.quiet.append((m.start("mark"), m.end("mark")))  # (超过|20%: the mark, read as part of the name)
        _members_named_after(s, m, ind)
    s.state.current = s.state.side_count = ind
    s.state.pending.append(ind)
    return True


def _members_named_after(s: Sentence, m: re.Match[str], count: Indicator) -> None:
    """10个省份旅游总收入均超过100亿元,分别为甲、乙…: the members passing a mark, named right after their count (as
    many as it says), each hold the measure past the mark (at least it; at most it below 低于)."""
    after = _INDICATORS.members_named_after.match(s.text, m.end(), s.ctx.span.end)
    mark = _FIGURE_SHAPE.search(m.group("mark")) if after is not None else None
    amount = parse_amount(mark) if mark is not None else None
    if after is None or amount is None or amount.kind in COUNTED:
        return
    finder = s.ctx.doc.finder
    names = _members_listed(after.group("names"))
    places = [finder.entity_named(n) for n in names]
    if len(places) < 2 or None in places or (count.value is not None and len(places) != count.value):
        return
    below = m.group("verb") in _BELOW_VERBS
    for place in places:
        each = replace(count, subject=place, name=m.group("measure"), value=amount.value, unit=amount.unit,
                       qualifier="at_most" if below else "at_least", parent=None)
        s.ctx.doc.set_quote(each, m.start("measure"), m.end("mark"))
        s.log.add(each)


def _members_listed(listed: str) -> list[str]:
    """The names of the members listed after a mark, split at the list's marks and conjunctions, each stripped."""
    return [strip_chars(x) for x in _INDICATORS.members_name_split.split(listed)]


def places_past_mark(s: Sentence, fig: Fig, made: int) -> None:
    """吸引资金总额超过200亿元的省辖市是甲、乙和丙: a level past a mark followed by the places of a kind named as past
    it — each place's own fact of that level (``made``: how many facts there were before the level was read)."""
    if not s.text.startswith(_DE, fig.end):
        return  # (plain check first: most levels name no places after them)
    after = _INDICATORS.kind_past_mark_named.match(s.text[fig.end:s.ctx.span.end])
    new = s.log.facts[made:]
    if after is None or len(new) != 1 or not isinstance(level := new[0], Indicator) or level.value is None \
            or level.qualifier not in ("at_least", "at_most"):
        return
    finder = s.ctx.doc.finder
    names = _members_listed(after.group("names"))
    places = [n if n in _OWN_REFS else finder.entity_named(n) for n in names]
    if len(places) < 2 or None in places:
        return
    held = level.subject  # (我市: the place the report speaks of, as the level already has)
    for k, place in enumerate(places):
        subject = held if place in _OWN_REFS else place
        if k == 0:
            level.subject = subject
            continue
        each = replace(level, subject=subject)
        s.ctx.doc.set_quote(each, s.ctx.doc.norm_pos(level.start), s.ctx.doc.norm_pos(level.end))
        s.log.add(each)


def level_role(s: Sentence, fig: Fig, region_start: int) -> None:
    """A figure that is a value: an indicator, a project count, or a projects' investment."""
    text, st = s.text, s.state
    name = _level_name(s, fig, region_start)
    region = text[region_start:fig.start]
    if fig.amount.kind == "count" and text.startswith(_BATCH, fig.end) \
            and _PROJECTS.batch_before_count.match(text, fig.end):
        return  # 9个批次33个重大项目: the batches the projects came in, no fact
    if _ASIDE_OPEN in region and _baseline_in_brackets(s, fig, region):
        return
    if _higher_goal(s, fig, region, region_start) or _growth_aimed_at(s, fig, region, region_start) \
            or _growth_in_a_run(s, fig, region, region_start) \
            or _ranked_by(s, fig, region_start) or _baseline_level(s, fig, region_start) \
            or baseline_rate(s, fig, region_start):
        return
    if fig.amount.kind == "percent" and (_share_of_noun_after(s, fig, region, region_start)
                                         or _growth_in_brackets(s, fig, region)
                                         or place_growth_in_brackets(s, fig, region_start)):
        return
    noun = _prenominal(s, fig, name.text, region)
    if _count_read_apart(s, fig, name, noun, region_start):
        return
    if fig.amount.kind == "money" and projects_facts(s, fig, name, region):
        return
    target, holder = False, None
    if noun is not None and noun.text:
        if fig.amount.kind not in COUNTED:
            if not (s.ctx.target_at(fig.start) or _target_verb_before(region)):
                return
            if noun.text.endswith(_NAME_WORDS.facility_heads):
                return  # 30万吨工业水厂: the size of a facility is part of its name
            target = True
        verb = _INDICATORS.people_verb_end.search(text, region_start, fig.start) \
            if fig.amount.kind == "person" else None  # (带动|4500人就业: the quote from the verb)
        name = name.renamed(noun.text, verb.start() if verb is not None else fig.start)
    else:
        name, holder = _measure_and_holder(s, fig, name, region_start)
    measured = _measure_named(s, fig, name, noun, region_start) or _won_with_after_another(s, fig, region_start)
    if measured is None or (not target and _level_after_growth(s, fig, measured, region)) \
            or _growth_named_above(s, fig, measured, region):
        return
    ind = new_indicator(s, measured, fig, target=target)
    if holder is not None:  # (其中县属企业完成962万吨: the holder is whose figure it is, a part of the whole)
        ind.subject = holder
        ind.parent = parent_for(ind, st) if st.parent else None
    if noun is not None and noun.text:
        s.ctx.doc.set_quote(ind, s.ctx.doc.norm_pos(ind.start), noun.end)
    st.current = ind
    st.pending.append(ind)
    if ind.parent is None:
        s.para.last_top = ind


def _count_read_apart(s: Sentence, fig: Fig, name: Name, noun: Noun | None, region_start: int) -> bool:
    """A count read as projects (:func:`_count_of_projects`) or as the count of each thing listed before 各
    (:func:`_each_listed`); True when it was recorded so."""
    if fig.amount.kind == "count" and _count_of_projects(s, fig, name.text, noun, region_start):
        return True
    return noun is None and fig.amount.kind in COUNTED and _each_listed(s, fig, name, region_start)


def _each_listed(s: Sentence, fig: Fig, name: Name, region_start: int) -> bool:
    """新批中国驰名商标和省著名商标各1个: things listed before 各 and a count each have that count, one fact each; False
    when the words before 各 list no things (places listed so are seats, read elsewhere)."""
    if _INDICATORS.each_end.search(name.text) is None or fig.role != "level":
        return False
    # (…各1个,|新增甲、乙和丙各3家: the clause's own words, from where it opens, not from the last list mark)
    clause = max(s.ctx.span.start, *(s.text.rfind(c, s.ctx.span.start, fig.start) + 1 for c in _CLAUSE_MARKS))
    each = _INDICATORS.each_end.search(s.text, clause, fig.start)
    if each is None:
        return False
    named = name_at(s, clause, each.start())
    words = named.text
    items = next((x for n in range(_MOST_EACH, 1, -1) if (x := split_names(words, n)) is not None), None)
    if items is None or any(len(x) < _FEWEST_THING_CHARS or mentions_projects(x) or s.ctx.doc.finder.entity_named(x)
                            for x in items):
        return False  # (甲、乙各2个: short names are places unknown to the gazetteer; 甲、乙项目各9个: projects)
    made = [new_indicator(s, Name(x, named.start), fig) for x in items]
    s.state.current, s.state.pending = made[-1], made
    return True


def _ranked_by(s: Sentence, fig: Fig, region_start: int) -> bool:
    """甲县以386.2亿元的投资额位居全省第一: the figure a place won its place with, before 的 and the measure it was
    ranked by, is that measure's level; True when it was recorded so."""
    named = _INDICATORS.won_with_named.search(s.text, region_start, fig.start) \
        if s.text.startswith(_NAME_WORDS.possessive, fig.end) \
        and _INDICATORS.results_after.match(s.text, fig.end, s.ctx.span.end) else None  # (the rare 的成绩 first)
    if named is not None:
        # (甲县以|GDP|378.6亿元的成绩荣列…: the measure named between 以 and the figure)
        s.state.current = new_indicator(s, Name(named.group("measure"), named.start("measure")), fig)
        return True
    if not s.text.endswith(_WON_WITH, region_start, fig.start):
        return False
    m = _INDICATORS.ranked_by_measure.match(s.text, fig.end, s.ctx.span.end)
    if m is None:
        return _won_with_named_before(s, fig, region_start)
    ind = new_indicator(s, Name(m.group("measure"), fig.start), fig)
    s.ctx.doc.set_quote(ind, s.ctx.doc.norm_pos(ind.start), m.end("measure"))
    s.state.current = ind
    return True


def _won_with(s: Sentence, fig: Fig, region_start: int) -> bool:
    """甲县财政收入以|125.84亿元|居全市第一: a figure a place won its place with, a ranking verb after it (not a growth:
    以6.3%的增速 is a change, read as one)."""
    return fig.amount.kind != "percent" and s.text.endswith(_WON_WITH, region_start, fig.start) \
        and _INDICATORS.ranked_after_won.match(s.text, fig.end, s.ctx.span.end) is not None


def _won_with_named_before(s: Sentence, fig: Fig, region_start: int) -> bool:
    """甲县财政收入以|125.84亿元|居全市第一: the figure a place won with is the level of the measure named before 以;
    True when it was recorded so."""
    if not _won_with(s, fig, region_start):
        return False
    name = name_at(s, region_start, fig.start - len(_WON_WITH))
    if not name.text or s.ctx.doc.finder.entity_named(name.text) is not None:
        return False
    s.state.current = new_indicator(s, name, fig)
    return True


def _won_with_after_another(s: Sentence, fig: Fig, region_start: int) -> Name | None:
    """甲县地区生产总值以1256亿元位居第一,乙县以|980亿元|位列第二: a figure a place won with, no measure named
    before 以, is of the measure of the figure in the same unit another place won with just before in the sentence;
    None when it is no such figure."""
    cur = s.state.current
    if cur is None or cur.unit != fig.amount.unit or s.ctx.doc.norm_pos(cur.start) < s.ctx.span.start \
            or not _won_with(s, fig, region_start):
        return None
    return Name(cur.name, fig.start)


def _level_after_growth(s: Sentence, fig: Fig, measured: Name, region: str) -> bool:
    """规上工业增加值增长12.6%,|达到92.9亿元: a level reached right after a growth given alone of the same measure is
    that growth's level, one fact; True when it was filled in so."""
    cur = s.state.current
    if cur is None or cur.value is not None or cur.change is None or cur.name != measured.text \
            or not _INDICATORS.bare_verb_only.fullmatch(strip_chars(region)) \
            or s.ctx.doc.norm_pos(cur.start) < s.ctx.span.start:
        return False
    cur.value, cur.unit = fig.amount.value, fig.amount.unit
    cur.qualifier = cur.qualifier or fig.qualifier or local_qualifier(s.text, fig)
    s.ctx.doc.set_quote(cur, s.ctx.doc.norm_pos(cur.start), fig.end)
    return True


def _baseline_level(s: Sentence, fig: Fig, region_start: int) -> bool:
    """…12.5亿元,比2020年的|8.3亿元|增长50.6%: the figure the one just given is compared with, written with its own
    time before the change, is the same measure's level then (上年 the year before, 十三五末 the plan's last year);
    the change after it is the figure just given's, against that time (``SentenceState.baseline_basis``). True when
    it was recorded so."""
    cur = s.state.current
    if cur is None or cur.value is None or cur.unit != fig.amount.unit or cur.period is None \
            or not _INDICATORS.known_span.fullmatch(cur.period):
        return False
    m = _INDICATORS.baseline_level_before.search(s.text, max(region_start - 1, s.ctx.span.start), fig.start)
    if m is None or not _INDICATORS.change_after_baseline.match(s.text, fig.end, s.ctx.span.end):
        return False
    year, start, end = int(cur.period[:4]), int(cur.period[5:7]), int(cur.period[-2:])
    if m.group("year"):
        year = int(m.group("year"))
    elif m.group("last"):
        year -= 1
    else:
        year, start, end = int(_PLAN_END_YEARS[m.group("plan")]), 1, 12
    base = Indicator(subject=cur.subject, name=cur.name, period=period_string(year, start, end),
                     value=fig.amount.value, unit=fig.amount.unit, change=None, qualifier=None, parent=cur.parent,
                     rule="indicator.v1")
    s.ctx.doc.set_quote(base, m.start() + (1 if s.text[m.start()] in _BASELINE_OPENS else 0), fig.end)
    s.log.add(base)
    s.state.baseline_basis = "yoy" if m.group("last") else "other"
    return True


def baseline_rate(s: Sentence, fig: Fig, region_start: int) -> bool:
    """…增长12.6%,增幅比1-4月的|12.3%|提高0.3个百分点: a growth written after 比 and an earlier period, the points it
    moved by after it, is the same measure's growth in that period (basis yoy, its own period); the points after
    are the growth just given's, against it (``SentenceState.baseline_basis``). True when it was recorded so."""
    cur = s.state.current
    if fig.amount.kind != "percent" or cur is None or cur.change is None or cur.change.pct is None \
            or s.ctx.doc.norm_pos(cur.start) < s.ctx.span.start:
        return False
    m = _INDICATORS.rate_baseline_before.search(s.text, region_start, fig.start)
    if m is None or not _INDICATORS.points_after_rate.match(s.text, fig.end, s.ctx.span.end):
        return False
    period = _earlier_period(m.group("period"), cur.period)
    if period is None:
        return False
    base = Indicator(subject=cur.subject, name=cur.name, period=period,
                     value=None, unit=None, change=Change(basis="yoy", pct=fig.amount.value), qualifier=None,
                     parent=cur.parent, rule="indicator.v1")
    s.ctx.doc.set_quote(base, m.start("period"), fig.end)
    s.log.add(base)
    s.state.baseline_basis = "other"
    return True


def _earlier_period(words: str, now: str | None) -> str | None:
    """The period an earlier span (1-4月, 一季度, 上年同期) names, of the year of ``now`` (the period of the figure
    compared with it) or the year before; None when it names none there.

    >>> _earlier_period("1-4月", "2024-01/2024-05"), _earlier_period("上年同期", "2024-01/2024-05")
    ('2024-01/2024-04', '2023-01/2023-05')
    """
    if now is None:
        return None
    known = _INDICATORS.known_span.fullmatch(now) is not None  # (XXXX-01/XXXX-05: the year unknown, the months not)
    if words in _LAST_YEAR_SAME:  # (上年同期: the same months a year before)
        return period_string(int(now[:4]) - 1, int(now[5:7]), int(now[-2:])) if known else None
    mentions = find_periods(words)
    return resolve_period(mentions[0], f"{now[-7:]}-28" if known else None) if mentions else None


def _with_annual_lead(text: str, name: Name) -> str:
    """全年目标为1000亿元, 年度计划…: the name with the word of a whole year trimmed off before it (a plan of that
    year)."""
    lead = _INDICATORS.annual_lead.search(text, max(0, name.start - _ANNUAL_LEAD_WIDTH), name.start)
    return lead.group(0) + name.text if lead is not None else name.text


def _growth_in_a_run(s: Sentence, fig: Fig, region: str, region_start: int) -> bool:
    """其中,甲支出增长70.9%,…,乙支出|20.7%: a percentage right after the name of a money measure, in a run of growths
    of parts of one whole, is that measure's growth too, its verb left out; True when it was recorded so."""
    cur = s.state.current
    if fig.amount.kind != "percent" or cur is None or cur.value is not None or cur.change is None \
            or cur.change.pct is None or cur.parent is None or s.ctx.doc.norm_pos(cur.start) < s.ctx.span.start \
            or not _INDICATORS.money_name_alone.fullmatch(strip_chars(region)):
        return False
    change_role(s, fig.read_as("change", change=change_of("yoy", fig.amount, 1), lead=fig.start), region_start)
    return True


def _growth_aimed_at(s: Sentence, fig: Fig, region: str, region_start: int) -> bool:
    """规上工业增加值增长9%,力争达到10%: a percentage after only a goal word and a verb of reaching, right after a
    growth, is the growth aimed at of the measure just given; True when it was recorded so."""
    cur = s.state.current
    if fig.amount.kind != "percent" or cur is None or cur.change is None or cur.change.pct is None \
            or not _INDICATORS.goal_reach_only.fullmatch(strip_chars(region)):
        return False
    change_role(s, fig.read_as("change", change=change_of("yoy", fig.amount, 1), lead=region_start), region_start)
    return True


def _measure_named(s: Sentence, fig: Fig, name: Name, noun: Noun | None, region_start: int) -> Name | None:
    """The name of the measure a level is of, with the clause's topic when it needs one (从资金到位情况看,完成36.2亿元);
    None when the words name none (:func:`_names_a_measure`), restate a figure, or are still a bare verb (达到|49个 with
    no figure nor topic before it)."""
    if not name.text and noun is None:  # (地区生产总值连跨两个千亿台阶,|由2019年的1860亿元…: the measure before)
        carried = _measure_of_clause_before(s, region_start)
        return name.renamed(carried) if carried is not None else None
    if not _names_a_measure(s, fig, name.text, noun) or _restates_a_figure(s, fig, name.text):
        return None
    name = name.renamed(_with_topic(s, name.text, region_start))
    if name.text in _NAME_SETS.bare_count_nouns and fig.amount.kind == "count" \
            and (things := new_things_before(s, fig.start)) is not None:
        return name.renamed(things)  # (新增研发机构33家,|总数达1630家: the total of the things new before)
    if name.text in _NAME_SETS.bare_verbs:
        carried = _measure_of_clause_before(s, region_start)
        return name.renamed(carried) if carried is not None else None
    return name


def new_things_before(s: Sentence, pos: int) -> str | None:
    """The things the count given last before ``pos`` in its sentence counts as new, named without the verb of new
    (新增省级专精特新企业12家 → 省级专精特新企业); None when there is no such count or it counts no new things."""
    norm_pos = s.ctx.doc.norm_pos
    before = [f for f in s.log.facts[s.state.first_fact:] if isinstance(f, Indicator) and f.unit == _COUNT_UNIT
              and f.value is not None and norm_pos(f.end) <= pos]
    if not before:
        return None
    last = max(before, key=lambda f: f.end)  # (the count given last before it, whichever rule made it)
    new = _COUNTS.new_verb_open.match(last.name)
    if new is None or len(last.name) - new.end() < _MIN_SUFFIX:
        return None
    return last.name[new.end():]


def _measure_of_clause_before(s: Sentence, region_start: int) -> str | None:
    """全县一般公共预算收入稳步增长,|达到12.6亿元: a bare verb of reaching opening its clause names the measure the
    clause before opens with when that clause gives no figure of its own (its opening words up to the end of a
    measure the indicator table knows); None otherwise."""
    text, sent_start = s.text, s.ctx.span.start
    end = region_start - 1
    # (…产值迈上新台阶,首次突破“百亿”大关,|达126.4亿元: a milestone's clause between, the measure before it)
    for _ in range(_CLAUSES_BACK):
        if end <= sent_start or text[end] != _CLAUSE_COMMA:
            return None
        start = max(sent_start, text.rfind(_CLAUSE_COMMA, sent_start, end) + 1)
        words = text[after_subject(s, start, end):end]
        if len(words) < _MIN_SUFFIX or any(ch.isdigit() for ch in words):
            return None
        lead = _NAMES.lead_verbs.match(words)  # (我市完成|外贸进出口总值创历史新高,|达到51.4亿元)
        words = words[lead.end():] if lead is not None else words
        most = next((w for w in _SUPERLATIVES if words.endswith(w)), "")
        if most and len(words) - len(most) >= _MIN_SUFFIX:
            # (甲县财政收入最高,|达到13.57亿元: the measure the place stands first in, whatever the table knows; not
            # the field it leads: 开工项目规模全省最大 → 开工项目规模)
            measure = _NAMES.whole_end.sub("", words[:-len(most)])
            return measure if len(measure) >= _MIN_SUFFIX else None
        # (the words opening the clause up to the end of a measure the table knows: 全县一般公共预算收入)
        for k in range(min(len(words), _CARRIED_MEASURE_MAX), _MIN_SUFFIX - 1, -1):
            if any(canonical_indicator(words[j:k]) is not None for j in range(k - _MIN_SUFFIX + 1)):
                # (全年地区生产总值(GDP)突破千亿大关,|实现…: the measure, without an aside left open or a period word)
                carried = words[:k].split(_ASIDE_OPEN, 1)[0]
                return trim_openers(carried)[0] or carried
        end = start - 1
    return None


def _level_name(s: Sentence, fig: Fig, region_start: int) -> Name:
    """The name of a level: the words before it, or the figure just given's (converted into another
    unit, or a rate of it written alone)."""
    st = s.state
    name = name_at(s, region_start, fig.start)
    if not name.text:
        name = _label_before(s, region_start, fig.start)
    elif _NAMES.lead_verbs.fullmatch(name.text):
        # (一般公共预算收入:完成|29.9亿元: a verb alone after a colon names nothing, the label it closes does)
        label = _label_before(s, region_start, fig.start)
        name = label if label.text else name
    if name.text and s.ctx.doc.finder.entity_named(name.text) is not None \
            and (heading := _measure_heading(s, name.start) or _measure_of_line_above(s, fig, name.start)
                 or _kinds_measure(s, name.start)):
        # (各区县财政收入完成数据:|甲县11.96亿元: the place holds the level, of the measure named before it)
        return name.renamed(heading)
    if _ASIDE_OPEN in s.text[max(region_start, fig.start - _BRACKET_REACH):fig.start] \
            and (held := _held_in_brackets(s, region_start, fig.start)) is not None:
        return held
    if name.text.endswith(_RANKED_IN) and (kinds := kinds_ranked_before(s, fig.start)) is not None \
            and kinds.group("measure") in name.text:
        return name.renamed(kinds.group("measure"))  # (某省各县地方财政收入排名中,甲县…: the measure, not the frame)
    if any(m in name.text for m in _FROM_MARKS) and _INDICATORS.from_tail.search(name.text):
        # 地区生产总值由2011年的|1.24万亿元(提高到…), 企业从成立之初的|54家(增加到…)
        name = name.renamed(_INDICATORS.from_tail.sub("", name.text))
    if st.current is None or not name.text:
        return name
    # (plain checks first: most names neither convert nor name a rate)
    if _CONVERT_MARKS.intersection(name.text) and _INDICATORS.converted.fullmatch(name.text):
        return name.renamed(st.current.name)  # 人均GDP达16.3万元,按年平均汇率折算达2.41万美元: the same measure
    if fig.amount.kind == "percent" and _RATE_MARK in name.text and st.current.unit != _PERCENT_UNIT \
            and (rate := _INDICATORS.rate_of_figure.fullmatch(strip_chars(s.text[region_start:fig.start]))):
        # (产销率98.5%,开工率达到100%: a rate after a rate is one of its own, no rate of that rate)
        return name.renamed(st.current.name + rate.group("rate"))  # 城市更新投资126亿元,完成率达70%
    return name


def _label_before(s: Sentence, region_start: int, pos: int) -> Name:
    """GDP:|265.62亿元, 集宁区:|265.62亿元: a figure alone after a colon is named by the short label the colon closes
    (a measure, or a place whose measure a heading names); an empty name when no such label is written."""
    text = s.text
    colon = text.rfind(_COLON, max(0, region_start - 1), pos)
    between = text[colon + 1:pos].strip()
    if colon < 0 or (between and not _NAMES.lead_verbs.fullmatch(between)):
        return Name("", region_start)  # (only a verb of doing may stand between: 营业收入:完成|19.5亿元)
    start = max(s.ctx.span.start, *(text.rfind(c, 0, colon) + 1 for c in _LABEL_OPENS))
    label = name_at(s, start, colon)
    written = text[start:colon].strip()
    if not label.text and written and s.ctx.doc.finder.entity_named(written) is not None:
        label = Name(written, text.index(written, start))  # (a place alone: whose figure, named by a heading)
    if not _LABEL_MIN <= len(label.text) <= _LABEL_MAX or any(c.isdigit() for c in label.text) \
            or label.text.endswith(_LABELS_NOT_MEASURES):
        return Name("", region_start)  # (单位:亿元, 发布日期:2016: how or when it was written, no measure)
    return label


def _growth_in_brackets(s: Sentence, fig: Fig, region: str) -> bool:
    """甲县(281.72亿元 5.6%): a bare percentage closing a place's brackets right after its level is that level's growth,
    as the list's first item writes it (同比增长5.4%下同); True when it was recorded so."""
    cur = s.state.current
    if cur is None or cur.value is None or cur.change is not None or region.strip() \
            or not s.text.startswith(_ASIDE_CLOSE, fig.end):
        return False
    since = s.text[s.ctx.doc.norm_pos(cur.start):fig.start]
    if _ASIDE_OPEN not in since or _ASIDE_CLOSE in since:
        return False
    attach_change(s, cur, fig.read_as("change", change=change_of("yoy", fig.amount, 1)))
    return True


def place_growth_in_brackets(s: Sentence, fig: Fig, region_start: int) -> bool:
    """(各市GDP增速差异较大。…)另外还有甲(4.6%)、乙(4.2%)9个城市增速高于全省水平: a bare percentage alone in brackets
    right after a place the gazetteer knows is that place's growth of the measure whose growth was given last before it
    (:func:`_growth_measure_before`); True when the figure is such (recorded, or no fact when no such measure was
    given)."""
    if not s.text.startswith(_ASIDE_CLOSE, fig.end):
        return False
    m = _INDICATORS.place_bracket_open.search(s.text, region_start, fig.start)
    # (高出全国(5.9%): the whole compared with, no place of a list)
    found = s.ctx.doc.finder.place_closing(m.group("place")) \
        if m is not None and _INDICATORS.whole_place.search(m.group("place")) is None else None
    if m is None or found is None:
        # (产业跃升(25%)、开放协同(15%): a weight of an item listed, no figure of its own, as any aside)
        return m is not None and _INDICATORS.whole_place.search(m.group("place")) is None
    place, place_start = found[0], m.end("place") - found[1]
    measure = _growth_measure_before(s, place_start)
    if measure is None:
        return True
    growth = fig.read_as("change", change=change_of("yoy", fig.amount, 1))
    ind = new_indicator(s, Name(measure, place_start), growth, value=False)
    ind.change, ind.subject = growth.change, place
    s.ctx.doc.set_quote(ind, s.ctx.doc.norm_pos(place_start), s.ctx.doc.norm_pos(fig.end + len(_ASIDE_CLOSE)))
    return True


def _growth_measure_before(s: Sentence, pos: int) -> str | None:
    """The name of the measure whose growth was given last before ``pos`` (a change in percent on the year), near it
    (in its paragraph or the lines just before it: a list of places may stand on a line of its own)."""
    reach = pos - _GROWTH_REACH
    for f in reversed(s.log.facts):
        start = s.ctx.doc.norm_pos(f.start) if f.start is not None else -1
        if start < reach:
            return None
        if isinstance(f, Indicator) and start < pos and f.name and f.change is not None and f.change.pct is not None \
                and f.change.basis == _YOY:
            return f.name
    return None


def _held_in_brackets(s: Sentence, region_start: int, pos: int) -> Name | None:
    """1.甲县(|607.87亿元 同比增长5.4%)、2.乙县(|281.72亿元 5.6%): a level opening the brackets after a place is the
    place's, in the measure a heading names before the list (各县(市、区)GDP完成数据:) or, further on, the measure of
    the level just given; its name starts at the place (which holds it)."""
    m = _INDICATORS.place_bracket_open.search(s.text, region_start, pos)
    if m is None or s.ctx.doc.finder.entity_named(m.group("place")) is None:
        return None
    current = s.state.current
    measure = _measure_heading(s, m.start("place")) or _kinds_measure(s, m.start("place")) \
        or (current.name if current is not None and current.subject != m.group("place") else None)
    return Name(measure, m.start("place")) if measure else None


def _kinds_measure(s: Sentence, pos: int) -> str | None:
    """某省各县地方财政收入排名中,…乙县|93.44亿元: the measure the places of a kind are ranked by, before ``pos``."""
    kinds = kinds_ranked_before(s, pos)
    return kinds.group("measure") if kinds is not None else None


def _measure_heading(s: Sentence, pos: int) -> str | None:
    """The measure of the places given levels from ``pos`` on, named in a heading: in the sentence before them (财政收入
    方面,|甲县…), or on the line over a run of numbered items one a line (各区县财政收入完成数据:⏎1.甲县…⏎2.|乙县…) or
    over a line the place opens (各县(市、区)GDP完成“成绩单”:⏎|甲县(876.45亿元…); None when there is none, or it names a
    place."""
    text = s.text
    heading = _INDICATORS.measure_heading.search(text, s.ctx.span.start, pos)
    if heading is None:
        line_start = text.rfind("\n", 0, pos) + 1
        if text[line_start:pos].strip() and not _INDICATORS.numbered_item_line.match(text, line_start, pos):
            return None  # (the place opens its line, or a numbered item does: the heading may be the line above)
        above = [x for x in text[max(0, line_start - _HEADING_BACK):line_start].split("\n") if x.strip()]
        while above and _INDICATORS.numbered_item_line.match(above[-1]):
            above.pop()  # (the items above it, one a line)
        heading = _INDICATORS.measure_heading.search(above[-1].rstrip()) if above else None
    measure = heading.group("measure") if heading is not None else None
    return measure if measure and s.ctx.doc.finder.entity_named(measure) is None else None


def kinds_ranked_before(s: Sentence, pos: int) -> re.Match[str] | None:
    """2023年某省各市GDP排名中,|第一名是甲市: the ranking of places of a kind a sentence of the paragraph opens with,
    the last one before ``pos`` (its measure, and its field before 各) — or, when none does, the places of a kind and
    their measure said closing the sentence before (…各县/县级市地方财政收入情况。); None when neither is."""
    text = s.text
    if text.find(_EACH_MARK, max(0, pos - MAX_SENTENCE), pos) < 0:
        return None  # (no 各 within reach: no places of a kind named; a plain find before the shapes)
    frame = last_match(_RANKINGS.kinds_ranking_frame, text[max(s.ctx.para.span.start, pos - MAX_SENTENCE):pos])
    if frame is None:
        frame = last_match(_RANKINGS.kinds_ranking_said, text[max(0, pos - MAX_SENTENCE):pos])
    return frame


def _measure_of_line_above(s: Sentence, fig: Fig, pos: int) -> str | None:
    """甲区新增企业4332家⏎乙区|2705家: a place given a level alone on its line, right under a line giving another place
    that measure's level in the same unit, holds the same measure; None otherwise."""
    text = s.text
    line_start = text.rfind("\n", 0, pos) + 1
    if text[line_start:pos].strip() or not s.log.facts:
        return None
    last = s.log.facts[-1]
    if not isinstance(last, Indicator) or not (last.unit == fig.amount.unit or _growth_given(last, fig)) \
            or text[s.ctx.doc.norm_pos(last.end):line_start].strip(_LINE_END_MARKS) \
            or last.name == last.subject or s.ctx.doc.finder.entity_named(last.name) is not None:
        return None  # (a line above named by its place, no measure)
    above = s.ctx.doc.norm_pos(last.start)
    if not text[text.rfind("\n", 0, above) + 1:above].strip() and text.startswith(last.name, above):
        return None  # (丙园621亿元⏎|丁区569亿元: the line above opens with its name, a holder as likely as a measure)
    return last.name


def _growth_named_above(s: Sentence, fig: Fig, measured: Name, region: str) -> bool:
    """各旗县的GDP增速表现如下:⏎- 甲县:|11.9%: a percentage named by a growth written above it (in a heading, a
    label) is the measure's growth, as is one on the line under a line giving that growth; True when recorded so."""
    if fig.amount.kind != _PERCENT_KIND or measured.text in region:
        return False  # (most figures: no percentage, or named by the words right before them)
    grown = _CHANGES.growth_named.fullmatch(measured.text)
    if grown is None and not _growth_above(s, fig, measured):
        return False
    new_indicator(s, measured.renamed(grown.group("measure")) if grown is not None else measured,
                  fig.read_as("change", change=change_of("yoy", fig.amount, 1)), value=False)
    return True


def _growth_above(s: Sentence, fig: Fig, measured: Name) -> bool:
    """Whether the last fact is a growth of the measure ``measured`` names, so that ``fig`` under it is another."""
    last = s.log.facts[-1] if s.log.facts else None
    return isinstance(last, Indicator) and last.name == measured.text and _growth_given(last, fig)


def _growth_given(fact: Indicator, fig: Fig) -> bool:
    """Whether ``fact`` is a growth in percent and ``fig`` a percentage (甲县:11.9%⏎乙县:|10.7%: the same measure's
    growth, the line above a growth)."""
    return fact.value is None and fact.change is not None and fact.change.pct is not None \
        and fig.amount.kind == _PERCENT_KIND


def goal_in_brackets(s: Sentence, fig: Fig, region_start: int) -> bool:
    """引进企业14家(任务数12家), 占比58.3%(任务数占比55%): a goal in brackets right after a figure is that
    measure's goal (`target`), not a measure named 任务数; True when it was recorded so."""
    cur = (s.state.current_share if fig.role == "share" else None) or s.state.current
    if cur is None or fig.role not in ("share", "level") or _ASIDE_OPEN not in s.text[region_start:fig.start]:
        return False
    m = _INDICATORS.bracket_target.search(s.text, region_start, fig.start)
    if m is None:
        return False
    new_indicator(s, Name(cur.name, m.start() + 1), fig, target=True)
    return True


def _baseline_in_brackets(s: Sentence, fig: Fig, region: str) -> bool:
    """增长7.5%(全市11.1%), 比全省(7.7%), 比全市低2568元(全市为21585元): the figure of the place compared
    with, in brackets, is the same measure's there — of the country when it says so, else of a place
    the report does not name; a rate as its growth. Never the figure the next words change."""
    m = _INDICATORS.bracket_baseline.search(region)
    cur = s.state.current
    if cur is None and m is not None and _INDICATORS.rate_of_measure_before.fullmatch(
            strip_chars(_INDICATORS.compared_verb_end.sub("", region[:m.start()]))):
        cur = s.para.last_top  # (…增长7.5%。累计增速高于全国(3.9%)…: the measure the paragraph gave last)
    if m is None or cur is None:
        return False
    rate = fig.amount.kind == "percent"
    place = m.group("place") or m.group("place2")
    said = m.group("period")
    period = _baseline_period(said, cur.period) if said else cur.period
    if said and period is None:
        return True  # (a baseline's period with no year to read it in: its figure is no fact)
    base = Indicator(subject=cur.subject if said else place if place == _COUNTRY else None, name=cur.name,
                     period=period, value=None if rate else fig.amount.value,
                     unit=None if rate else fig.amount.unit,
                     change=change_of("yoy", fig.amount, 1) if rate else None, qualifier=None, parent=cur.parent,
                     rule="indicator.v1")
    opens = fig.start - len(m.group(0)) + (m.start("period") - m.start() if said else 0)  # (上年同期(3.2%: no 较)
    s.ctx.doc.set_quote(base, opens, fig.end)
    s.log.add(base)
    return True


def _period_figure_in_brackets(s: Sentence, cur: Indicator, start: int, end: int) -> None:
    """比一季度(-10.8%)回升2.1个百分点: the growth of the period compared with, in brackets before the change against
    it, is the measure's growth then (the bracket is no figure of the scan when a change follows it: figures.py)."""
    m = _INDICATORS.period_figure_in_brackets.search(s.text, start, end)
    period = _baseline_period(m.group("period"), cur.period) if m is not None else None
    if m is None or period is None:
        return
    base = Indicator(subject=cur.subject, name=cur.name, period=period, value=None, unit=None,
                     change=Change(basis="yoy", pct=Decimal(m.group("pct"))), qualifier=None, parent=cur.parent,
                     rule="indicator.v1")
    s.ctx.doc.set_quote(base, m.start("period"), m.end())
    s.log.add(base)


def _baseline_period(said: str, period: str | None) -> str | None:
    """The period a baseline names (比一季度(-10.8%), 较上年同期(3.2%)) in the year of the figure compared, ``period``:
    the same months a year before for 上年同期; None when that period is unknown."""
    if period is None or not _INDICATORS.known_span.fullmatch(period):
        return None
    year, start, end = int(period[:4]), int(period[5:7]), int(period[-2:])
    if said.endswith(_SAME_PERIOD):
        return period_string(year - 1, start, end)
    found = find_periods(said)
    if len(found) != 1 or found[0].start is None or found[0].end is None:
        return None
    return period_string(year, found[0].start, found[0].end)


def _restates_a_figure(s: Sentence, fig: Fig, name: str) -> bool:
    """达3015.6亿元,首次突破三千亿元: a milestone passed by the exact figure just given is no fact of
    its own (FACTS.md)."""
    cur = s.state.current
    return bool(_INDICATORS.milestone_name.fullmatch(name)) and cur is not None and cur.value is not None \
        and cur.unit == fig.amount.unit and cur.value >= fig.amount.value


def _prenominal(s: Sentence, fig: Fig, name: str, region: str) -> Noun | None:
    """The noun after a figure that it counts or sizes, when the words before name nothing
    (188家规上工业企业, 330个重点项目, 打造千亿元产业); an empty noun for a count named by its stage."""
    text = s.text
    if fig.amount.kind == "count" and region.endswith(_PARTITIVE_ENDS) and (some := _some_of_kind(s, fig)):
        return some
    if fig.amount.kind == "count" and text.startswith(_ASIDE_OPEN, fig.end + 1, fig.end + 5):
        kinds = _bracketed_kinds(s, fig, name)  # (本次评选将全省|98个县(市、区)划分为…: 县(市、区))
        if kinds is not None:
            return kinds
    if fig.amount.kind == "count" and _stage_count(text, name, fig) and (staged := _staged_things(s, fig, name)):
        return staged  # (建成|6个口袋公园: things built, named with the verb)
    noun = None
    if not name or _NAMES.subject_refs.fullmatch(name) or _INDICATORS.manner_only.fullmatch(name) or (
            _target_verb_before(region) and _qualifies_noun(text, fig, s.ctx.span.end)) or (
            fig.amount.kind == "count" and (_INDICATORS.done_verb_end.search(name)
                                            or _INDICATORS.count_verb.fullmatch(name)
                                            or _INDICATORS.deed_verb_end.search(name)
                                            or _had_after(s, fig, name, region))):
        noun = _counted_noun(s, fig, name)
    if fig.amount.kind == "person" and noun is None and (verb := _INDICATORS.people_verb_end.search(name)):
        after = noun_after(text, fig.end, s.ctx.span.end)  # (可带动4500人就业: 带动就业, not 可带动)
        if after is not None and after.text:
            noun = Noun(verb.group("verb") + after.text, after.end)
    if fig.amount.kind == "count" and noun is None:
        pm = _INDICATORS.projects_noun.match(text, fig.end, s.ctx.span.end)
        if pm:
            noun = Noun(pm.group(1), pm.end(1))
    elif fig.amount.kind == "count" and noun is not None and noun.text \
            and text.startswith(_NAME_WORDS.possessive, noun.end) \
            and (pm := _INDICATORS.projects_noun.match(text, noun.end + 1, s.ctx.span.end)):
        noun = Noun(pm.group(1), pm.end(1))  # (753个条件成熟的|工业项目: what the projects are like, then the projects)
    if fig.amount.kind == "count" and noun is None and (spread := _INDICATORS.spread_verb_end.search(name)):
        kind = _INDICATORS.kind_after.match(text, fig.end, s.ctx.span.end)  # (分布在|17个省(区): 分布省(区))
        noun = Noun(spread.group("verb") + kind.group(1), kind.end(1)) if kind else None
    if fig.amount.kind == "count" and noun is None and _INDICATORS.spread_at_end.search(name):
        kind = _INDICATORS.kind_then_spread.match(text, fig.end, s.ctx.span.end)  # (分别在|18个省区分布: 分布省区)
        noun = Noun(kind.group("verb") + kind.group("kind"), kind.end()) if kind else None
    if fig.amount.kind == "count" and noun is None and _stage_count(text, name, fig):
        noun = _staged_things(s, fig, name) or Noun("", fig.end)
    return noun


def _staged_things(s: Sentence, fig: Fig, name: str) -> Noun | None:
    """What a verb of building then a count names when a noun that is no projects follows the count (建成6个口袋公园,
    竣工3座桥梁): those things, named with the verb (建成口袋公园), no count of projects; None when no such noun
    follows (已建成35个: projects named by their stage) or the stage is another (签约, 开工)."""
    verb = _INDICATORS.stage_verb_trim.sub("", strip_chars(name))
    if not _INDICATORS.building_verb.fullmatch(verb):
        return None  # (签约12个…, 开工5个…: the stages of projects, whatever noun follows)
    after = noun_after(s.text, fig.end, s.ctx.span.end)
    if after is None or not after.text or mentions_projects(after.text):
        return None
    return Noun(verb + after.text, after.end)


def _bracketed_kinds(s: Sentence, fig: Fig, name: str) -> Noun | None:
    """A kind of place written with the kinds it stands for in brackets right after a count (7个县(市)区招商局…,
    17个省(区)内): it is what is counted, whatever the words before say, since such a bracket is said of places
    only; a verb of spreading before keeps its verb (分布在|17个省(区): 分布省(区)), a verb of counting too."""
    m = _INDICATORS.place_kind_bracketed.match(s.text, fig.end, s.ctx.span.end)
    if m is None or _INDICATORS.kinds_entering.match(s.text, m.end(1), s.ctx.span.end):
        return None  # (7个区(市)县登榜: seats on a list, named after the list)
    kind = m.group(1)
    if (spread := _INDICATORS.spread_verb_end.search(name)) is not None:
        kind = spread.group("verb") + kind
    elif _INDICATORS.count_verb.fullmatch(name):
        kind = name + kind
    elif (done := _INDICATORS.done_verb_end.search(name)) is None and not _INDICATORS.place_before_kinds.search(name):
        return None  # (实现摘帽的有|23个县(市、区): words describing the places name them, not only their kind)
    elif done is None and _INDICATORS.kinds_then_words.match(s.text, m.end(1), s.ctx.span.end):
        # (全市9个县(市)区|GDP增速…, 我市6个县(市、区)|的8个镇: the peers of what follows, no figure;
        # 根据对|60个县(市、区)的综合考评: the places something was done to stay counted)
        return None
    return Noun(kind, m.end(1))


def _some_of_kind(s: Sentence, fig: Fig) -> Noun | None:
    """全省90个县(市、区)中有|85个|参评: some of a kind just counted, named by what they did and the kind
    (参评县(市、区); a predicate of more words with 的: 入围电商百强的百强县); None when a verb of entering a list
    alone follows (seats)."""
    text, end = s.text, s.ctx.span.end
    before = _INDICATORS.partitive_before.search(text, max(s.ctx.span.start, fig.start - _PARTITIVE_WIDTH), fig.start)
    after = _INDICATORS.partitive_after.match(text, fig.end, end)
    if before is None or after is None:
        return None
    kind = strip_chars(before.group("kind"))
    pred = strip_chars(without_quotes(after.group("pred")))
    if pred.startswith(kind):  # (81个县(市、区)的发展水平超过了全国总体水平: the kind said again)
        pred = pred[len(kind):].lstrip(_DE)
    if not pred or pred in _MEMBERSHIP or _CHANGES.change_end.search(pred):
        return None
    return Noun(pred + kind if len(pred) <= _BARE_VERB else pred + _DE + kind, after.end("pred"))


def _counted_noun(s: Sentence, fig: Fig, name: str) -> Noun | None:
    """The noun a count is of when the words before it name nothing of their own (新组建了6个驻点招商工作站: what
    was done, then the count of what it made); a bare kind in brackets too (107个县(市、区))."""
    noun = noun_after(s.text, fig.end, s.ctx.span.end)
    if noun is None and fig.amount.kind == "count":
        kind = _INDICATORS.kind_after.match(s.text, fig.end, s.ctx.span.end)
        noun = Noun(kind.group(1), kind.end(1)) if kind and _ASIDE_OPEN in kind.group(1) else None
    if noun is not None and noun.text and fig.amount.kind == "count":
        noun = with_predicate(s, noun)
    if noun is not None and noun.text and _INDICATORS.count_verb.fullmatch(name):
        noun = Noun(name + noun.text, noun.end)  # 新增37户规上工业企业: 新增规上工业企业
    if noun is not None and (entered := _INDICATORS.entered_noun_end.search(noun.text)):
        noun = Noun(entered.group(1) + noun.text[:entered.start()], noun.end)
    return noun


def with_predicate(s: Sentence, noun: Noun) -> Noun:
    """21个行业大类累计实现正增长, 36项工作获省政府督查激励: things counted, then what they did to the end of the clause
    with no figure in it; they are named by what they did (累计实现正增长的行业大类), which keeps the noun as written
    inside the name. The noun unchanged when no such words follow."""
    text, end = s.text, s.ctx.span.end
    words, at = noun.text, noun.end
    inside = _INDICATORS.counted_verb_inside.search(words)
    if inside is not None:  # (工作获省政府督查激励: the noun read ran into the verb)
        at -= len(words) - inside.start()
        words = words[:inside.start()]
    adverbs = _INDICATORS.counted_adverb_end.search(words)
    if adverbs is not None:  # (行业大类累计|实现…: the adverb opens what they did)
        at -= len(words) - adverbs.start()
        words = words[:adverbs.start()]
    m = _INDICATORS.counted_predicate.match(text, at, end)
    if m is None or not words:
        return noun
    return Noun((m.group("own") or "") + m.group("pred") + _DE + words, m.end("pred"))


def _had_after(s: Sentence, fig: Fig, name: str, region: str) -> bool:
    """Whether the words before a count are only a place and a verb of having, or only a place (全县共有|198家规上
    陶瓷企业, 全国|25个先进制造业集群): what is counted is the noun after, the place is whose count it is."""
    start = fig.start - len(region)
    verb = _INDICATORS.have_verb_end.search(region.rstrip())
    # (the plain checks first, the subject's reading last: this runs for every count named by words)
    had = (verb is not None and ((name in verb.group(0) and not verb.group("bare")) or bool(verb.group("each")))) \
        or _INDICATORS.scope_end.search(name) is not None \
        or (_NAME_WORDS.list_mark in name and _INDICATORS.items_end.search(name) is not None) \
        or (bool(name) and _INDICATORS.whole_field.fullmatch(name) is not None)
    text, end = s.text, s.ctx.span.end
    # (共有156个亿元以上重大项目…: projects are counted as projects)
    if _INDICATORS.members_entering.match(text, fig.end, end) or _INDICATORS.places_doing_after.match(
            text, fig.end, end) or _INDICATORS.projects_noun.match(text, fig.end, end):
        return False
    return had or (verb is not None and _place_alone(s, start, start + verb.start())) \
        or (bool(name) and _only_subject(s, start, fig.start))


def _place_alone(s: Sentence, start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` are one place and nothing else (江屿县|共有…)."""
    if _INDICATORS.place_alone.fullmatch(strip_chars(s.text[start:end])):
        return True  # (a place the gazetteer may not know, named by its kind)
    mention = s.ctx.doc.finder.clause_subject(s.text, start, end)
    return mention is not None and not strip_chars(s.text[mention.end:end])


def _stage_count(text: str, name: str, fig: Fig) -> bool:
    """计划新开工223项, 已签约35个: a count of projects named only by their stage."""
    unit = text[fig.end - 1:fig.end]
    return unit in _PROJECTS_SETS.count_units and bool(_PROJECTS.stage_name.fullmatch(name))


def _count_of_projects(s: Sentence, fig: Fig, name: str, noun: Noun | None, region_start: int) -> bool:
    """Read a count as one of projects when it is one; whether it was."""
    described = _described_before(s, fig, name)
    if described is not None:  # 此次签约项目涵盖装备制造、新能源等领域,共9个: the projects described, then counted
        project_count(s, fig, described, None)
        return True
    if _counts_projects(s, fig, name, noun) or (
            s.log.projects and s.text[fig.end - 1:fig.end] in _PROJECTS_SETS.count_units
            and _places_of_projects_before(s) and listed_place(s, s.text[region_start:fig.start]) is not None):
        # (…1141个项目集中开工。这些项目…,年度计划投资1142亿元。其中,甲市200个: the projects place by place)
        project_count(s, fig, region_start, noun)
        return True
    return False


def _described_before(s: Sentence, fig: Fig, name: str) -> int | None:
    """签约项目涵盖甲、乙等领域,共9个: projects of a stage and the fields they cover right before a count named by no
    noun of its own; where their words start, else None."""
    start = s.ctx.span.start
    if _PROJECTS_WORDS.fields_mark not in s.text[max(start, fig.start - _FIELDS_WIDTH):fig.start] \
            or s.text[fig.end - 1:fig.end] not in _PROJECTS_SETS.count_units \
            or not _PROJECTS.total_only.fullmatch(name):
        return None  # (plain checks first: most counts follow no such description)
    lo = max(start, fig.start - _DESCRIBED_WIDTH)
    m = _PROJECTS.described_then_counted.search(s.text[lo:fig.start])
    return None if m is None else lo + m.start("head")


def _counts_projects(s: Sentence, fig: Fig, name: str, noun: Noun | None) -> bool:
    """Whether a count is a count of projects (…项目10个, 330个重点项目, 已签约35个)."""
    if s.text[fig.end - 1:fig.end] in _PROJECTS_SETS.event_units or s.text.startswith(_BATCH, fig.end):
        return False  # 举办重点项目集中开工现场会4次, 14个批次项目开、竣工: events held, batches, no projects counted
    if any(w in name or (noun is not None and w in noun.text) for w in _PROJECTS_WORDS.non_investment_kinds):
        return False  # 获批国家自然科学基金项目15项: grants, research or heritage items, no investment projects
    if mentions_projects(name) and not _yield_of_projects(name) and not _other_thing_counted(s, fig, name):
        return True
    if noun is not None and (mentions_projects(noun.text) or (_stage_count(s.text, name, fig) and not (
            noun.text and _staged_things(s, fig, name)))):
        return True  # (but 建成6个口袋公园: things built, no projects)
    counted = s.text[fig.end - 1:fig.end] in _PROJECTS_SETS.count_units
    if s.state.parent_projects is not None and (listed_place(s, name) is not None or (
            counted and (name.endswith(_PROJECTS_WORDS.kind_end) or _INDICATORS.investment_next.match(s.text, fig.end)))
            or each_of_places(s, name) is not None):
        # 34个项目集中签约。其中,栖澜高新区12个,蘅溪市5个; 其中,产业类8项 (重大社会民生建设3个,投资9亿元):
        # the projects place by place or kind by kind
        return True
    if counted and s.state.projects is not None \
            and (each_of_places(s, name) is not None or place_list_goes_on(s, name)):
        return True  # (共签约项目10个,甲镇、乙乡各签约2个; 甲镇签约项目5个,乙乡3个: the projects place by place)
    if counted and s.log.projects and (name.endswith(_PROJECTS_WORDS.kind_end) or _PROJECTS.bare_kind.fullmatch(name)) \
            and _INDICATORS.investment_next.match(s.text, fig.end):
        # (其中,产业类6项,总投资8.25亿元。…基础设施类3项,总投资1.53亿元; 其中:⏎省级6项,概算投资152.73亿元: the
        # next kind, its own sentence)
        return True
    if counted and s.state.projects is not None and (_PROJECTS.any_stage_name.fullmatch(name)
                                                     or _PROJECTS.threshold.fullmatch(name)):
        # 484个重点项目中,开复工358个,未开复工126个: the projects counted, stage by stage; 签约项目8个,其中
        # 50亿元以上1个、10亿元3个: size by size
        return True
    if counted and s.state.projects is not None and _PROJECTS.stage_after.match(s.text, fig.end, s.ctx.span.end) \
            and _PROJECTS.among_then.search(s.text, s.ctx.span.start, fig.start):
        return True  # 今年新开工的76个项目中,已有70个开工建设: how many of them did it
    if counted and _PROJECTS.total_only.fullmatch(name) and s.log.projects \
            and s.log.projects[-1].count is None and s.log.projects[-1].investment is not None \
            and s.ctx.doc.norm_pos(s.log.projects[-1].start) >= s.ctx.span.start:
        return True  # 集中开工的项目总投资86亿元,共18个: the count of the projects whose money came first
    if counted and s.state.projects is not None and _PROJECTS.part_is_after.match(s.text, fig.end) \
            and _PROJECTS.among_end.search(s.text, max(s.ctx.span.start, fig.start - _AMONG_WIDTH), fig.start):
        return True  # 本次集中竣工项目76个,其中23个是年内开工…: some of the projects counted, said what they are
    if counted and _breakdown_of_projects(s, fig, name):
        return True  # 建设项目27项(省级6项、市级5项): the projects counted kind by kind, 项目 left out
    return s.state.projects is not None and name.endswith(_NAME_WORDS.possessive)


def _places_of_projects_before(s: Sentence) -> bool:
    """Whether the sentence opens with 其中 right after the sentence counting projects or the one after it
    (…项目集中开工,总投资4676亿元。这些项目涵盖…领域,年度计划投资1142亿元。|其中,…): its places are those projects',
    when nothing else was counted since."""
    text, sent_start, doc = s.text, s.ctx.span.start, s.ctx.doc
    if not text.startswith(_NAME_WORDS.among, sent_start):
        return False
    end = next((e for p in reversed(s.log.projects) if (e := doc.norm_pos(p.end)) <= sent_start), -1)
    # (the projects counted before the sentence: not its places already read)
    if end < 0 or sent_start - end > _PROJECTS_BEFORE_WIDTH:
        return False
    return not any(isinstance(f, Indicator) and f.unit == _COUNT_UNIT and end <= doc.norm_pos(f.start) < sent_start
                   for f in s.log.facts[-_FACTS_SINCE:])


def _other_thing_counted(s: Sentence, fig: Fig, name: str) -> bool:
    """建成重点项目配套道路12条: a noun after the projects' one, counted in a unit projects never are, is what is
    counted."""
    return s.text[fig.end - 1:fig.end] not in _PROJECTS_SETS.units_after_name \
        and not name.endswith(tuple(_PROJECTS_WORDS.nouns))


def _yield_of_projects(name: str) -> bool:
    """项目投产后将提供就业岗位(650个): what projects will yield once running or built is counted, not the projects.

    >>> _yield_of_projects("项目投产后将提供就业岗位"), _yield_of_projects("新开工项目")
    (True, False)
    """
    return _INDICATORS.capacity_before.search(name) is not None and not name.endswith(tuple(_PROJECTS_WORDS.nouns))


def _breakdown_of_projects(s: Sentence, fig: Fig, name: str) -> bool:
    """A short kind with no noun of its own (省级, 工业), counted in 个/项 in an aside or a 其中 list
    right after a count of projects: a part of those projects."""
    whole = s.state.projects
    if whole is None or not _PROJECTS.bare_kind.fullmatch(name):
        return False
    text, start = s.text, s.ctx.doc.norm_pos(whole.end)
    if not s.ctx.span.start <= start <= fig.start:
        return False  # (the whole counted in this sentence only)
    between = text[start:fig.start]
    opened = between.rfind(_ASIDE_OPEN)
    return opened > between.rfind(_ASIDE_CLOSE) or _NAME_WORDS.among in between


def _names_a_measure(s: Sentence, fig: Fig, name: str, noun: Noun | None) -> bool:
    """Whether ``name`` is a measure at all: two characters or more, and a figure that is the
    value of the name, not the size of the noun after it (亿元企业)."""
    if len(name) < 2 or name in _NAME_SETS.no_measure_words or name.endswith(tuple(_NAME_WORDS.basis_ends)):
        return False  # (根据31个省市的问卷: a figure no measure is named for)
    if name.endswith(_JOINER_ENDS):
        return False  # (…进步县”和|10个…: a list's words cut at its joiner)
    prenominal = noun is not None and bool(noun.text)
    return prenominal or fig.amount.kind in ("count", "person", "percent") or not _qualifies_noun(
        s.text, fig, s.ctx.span.end)


def _with_topic(s: Sentence, name: str, region_start: int) -> str:
    """A generic measure (产值, 增速, 投资) named after the clause topic or the projects before it."""
    if name in _TOPIC_SETS.plain_verbs:  # 从资金到位情况看,完成48.4亿元: the topic looked at
        topic = _topic(s, region_start)
        before = s.text[s.ctx.para.span.start:region_start]
        view = last_match(_NAMES.view_from, before) or last_match(_NAMES.aspect_of, before)
        return topic if topic and view is not None and view.group("topic") == topic else name
    if not ((_NAMES.back_ref.match(name) and len(name) <= 3) or name in _NAME_SETS.generic_heads):
        return name
    topic = _topic(s, region_start)
    if topic:
        return topic + name
    if name != _NAME_WORDS.investment:
        return name
    # 新开工产业项目15个,完成投资42.3亿元: what the projects just counted have invested (其中,42个涉市重点项目,累计完成
    # 投资…: a part counted in the sentence, its whole in the sentence before)
    holder = s.state.projects
    part = s.log.last_projects() if holder is None and _projects_in_sentence(s) else None
    if part is not None and id(part) in s.log.child_projects:
        written = _projects_as_written(s, part)  # (其中亿元以上项目46个,…完成投资: the part's own name)
        return written.text.removesuffix(_PROJECTS_WORDS.noun) + str(_NAME_WORDS.projects_investment) \
            if written is not None else (part.category or "") + str(_NAME_WORDS.projects_investment)
    return (holder.category or "") + str(_NAME_WORDS.projects_investment) if holder is not None else name


def _topic(s: Sentence, pos: int) -> str | None:
    return topic_before(s.text, pos, s.ctx.span.start, s.ctx.para.span.start)


def _measure_and_holder(s: Sentence, fig: Fig, name: Name, region_start: int) -> tuple[Name, str | None]:
    """The name of a figure named by no measure of its own and its holder (:func:`_of_measure_held`); a place written
    where a heading's measure was put in its stead (中部百强镇分别为|甲省40个) holds it."""
    name, holder = _of_measure_held(s, fig, name, region_start)
    written = strip_chars(s.text[name.start:fig.start]).rstrip(_ASIDE_OPEN)  # (甲县(|281.72亿元: the place's)
    if holder is None and written != name.text and (place := s.ctx.doc.finder.entity_named(written)):
        holder = place
    return name, holder


def _of_measure_held(s: Sentence, fig: Fig, name: Name, region_start: int) -> tuple[Name, str | None]:
    """The name of a figure of a measure held by a subject or a kind of holder (:func:`_measure_held`), and the
    holder when a kind of holder is named; the name unchanged when no measure is held."""
    measure = _measure_held(s, fig, name.text, region_start)
    if measure is None:
        return name, None
    # 开发区直接利用外资9.32亿元;保税区3.9亿元: the measure just named, for another subject
    region = s.text[region_start:fig.start]
    lead = len(region) - len(region.lstrip(" ,;:、"))
    holder = name.text if _holder(fig, name.text) else None
    if holder is not None:
        lead = max(lead, region.rfind(holder))
    elif name.text and (place := s.ctx.doc.finder.entity_named(name.text)) is not None:
        holder = place  # (…417家(甲高新区342家、乙高新区71家): each listed place holds its own figure)
    elif name.text in _COUNTRY_REGIONS or _next_place_of_a_run(s, measure, name.text):
        # (…总体水平为35.2%,其中东部地区为39.4%: the region's figure of that measure; 许昌县为1.67亿美元: the place's)
        holder = name.text
    return name.renamed(measure.name, region_start + lead), holder


def _measure_held(s: Sentence, fig: Fig, name: str, region_start: int) -> Indicator | None:
    """The figure whose measure a figure named by no measure of its own is of: the one just given, when the
    words before the figure are only its subject, a bare verb, a verb of rising to, or a zone or a kind of
    holder; or, in a 其中 sentence with no figure yet, the whole it breaks down when the words are only a
    subject or a holder of the whole's unit (全县固定资产投资55亿元。其中,临空园区18.2亿元)."""
    cur = s.state.current
    share = s.state.current_share
    if fig.amount.kind == "percent" and share is not None and (cur is None or share.start >= cur.start) \
            and name and s.ctx.doc.finder.entity_named(name) is not None:
        return share  # (比重17.5%(甲高新区18.3%、乙高新区15.6%): a place alone before a rate holds the share given)
    if cur is None:
        top = s.para.last_top
        if top is None or s.state.parent != top.name or top.unit != fig.amount.unit:
            return None
        return top if _subject_and_verb(s, region_start, fig.start) or _holder(fig, name) else None
    if _only_subject(s, region_start, fig.start) or name in _NAME_SETS.bare_verbs or name in _COUNTRY_REGIONS \
            or (name.endswith(_RISE_TO_ENDS) and _INDICATORS.rise_to_only.fullmatch(name) is not None) \
            or _zone_of_same_measure(s, fig, name):
        return cur
    return None


def _zone_of_same_measure(s: Sentence, fig: Fig, name: str) -> bool:
    """甲经开区主营业务收入417.65亿元;乙高新技术产业园区96.37亿元: a zone named alone before a figure of
    the unit just given is the next holder of that measure (also when the zone is new to the gazetteer); so is
    a kind of holder before a figure of that unit other than a count (原煤产量1438万吨,其中县属企业完成962万吨:
    县属企业 holds tonnes, it is no measure; 规上企业120家 is one)."""
    cur = s.state.current
    if cur is None or cur.unit != fig.amount.unit:
        return False
    if fig.amount.kind == "count" and cur.name.endswith(_ZONE_ENDS):
        return False  # (国家级高新区169家,经济技术开发区230家: zones of another kind counted, no holder of that count)
    return (name.endswith(_ZONE_ENDS) and _INDICATORS.zone_name.fullmatch(name) is not None) or _holder(fig, name) \
        or _next_place_of_a_run(s, cur, name)


def _next_place_of_a_run(s: Sentence, cur: Indicator, name: str) -> bool:
    """西峡县为1.74亿美元、许昌县为1.67亿美元: a name shaped as a place's (one the gazetteer does not know, renamed
    since) after a figure of a place in the same sentence is the next place holding the measure just given."""
    return cur.subject is not None and s.ctx.doc.norm_pos(cur.start) >= s.ctx.span.start \
        and s.ctx.doc.finder.entity_named(cur.subject) is not None \
        and _INDICATORS.place_shaped.fullmatch(name) is not None


def _holder(fig: Fig, name: str) -> bool:
    """县属企业 before a figure other than a count: a kind of holder, no measure (规上企业120家 is one)."""
    return fig.amount.kind != "count" and name.endswith(_HOLDER_ENDS) \
        and _INDICATORS.holder_name.fullmatch(name) is not None


def _only_subject(s: Sentence, start: int, end: int) -> bool:
    """Whether the name region holds nothing but the entity that opens the clause."""
    after = after_subject(s, start, end)
    return after > start and not strip_chars(s.text[after:end])


def _subject_and_verb(s: Sentence, start: int, end: int) -> bool:
    """Whether the name region holds the entity opening the clause and at most a bare verb after it (其中,甲区|完成
    320.5亿元: the place's part of the whole just given)."""
    after = after_subject(s, start, end)
    return after > start and (not (rest := strip_chars(s.text[after:end])) or rest in _NAME_SETS.bare_verbs)


def after_subject(s: Sentence, start: int, end: int) -> int:
    """Where a region starting a clause goes on after the entity opening it (青岛开发区|在…中居首位)."""
    para = s.ctx.para
    i = para.subject_index(start)
    if i < 0 or para.subjects[i][0] < start - 1:
        return start
    subj_end = para.subject_ends.get(para.subjects[i][0], -1)
    return subj_end if start <= subj_end <= end else start


def _target_verb_before(region: str) -> bool:
    m = last_match(_INDICATORS.target_verbs, region)
    return m is not None and m.end() == len(region.rstrip())


def _qualifies_noun(text: str, fig: Fig, sent_end: int) -> bool:
    """亿元企业, 30万吨工业水厂, 16MW屋顶光伏: a figure that sizes the noun after it."""
    after = text[fig.end:min(sent_end, fig.end + 3)]
    return is_cjk(after[:1]) and not _INDICATORS.after_value.match(after)


# --------------------------------------------------------------------------------------- changes
def _share_of_noun_after(s: Sentence, fig: Fig, region: str, region_start: int) -> bool:
    """创造了全市38.6%的地区生产总值、51.2%的工业增加值: a percentage of a whole field followed by 的 and a
    noun is that noun's share of the field (地区生产总值占全市); after a verb of holding with no field written
    (聚集了84%的国家重点实验室) the noun's share of a whole left unsaid (国家重点实验室占比); False when the words say
    no such share."""
    text = s.text
    of = _INDICATORS.share_possessive.match(text, fig.end, s.ctx.span.end)
    if of is None:
        return False
    field = _INDICATORS.share_field_end.search(region)
    if field is None and s.state.share_field and (_INDICATORS.share_list_next.search(region)
                                                  or _INDICATORS.share_verb_only.match(strip_chars(region))
                                                  or _INDICATORS.share_verb_end.search(region)):
        # (…、61.4%的工业增加值, …和47%的高新技术产业产值; …,集聚了35%的高新技术企业: the field of the share before)
        share_of = s.state.share_field
    elif field is not None:
        share_of = _SHARE_WORDS.mark + field.group(1)
    elif _INDICATORS.share_verb_unfielded.search(region):
        share_of = _SHARE_WORDS.share_name  # (聚集了|84%的国家重点实验室: a share of a whole never written)
    else:
        return False
    noun = _INDICATORS.share_noun.match(text, of.end(), s.ctx.span.end)
    if noun is None:
        return False
    s.state.share_field = share_of
    name = Name(without_quotes(noun.group(1)) + share_of, fig.start)
    ind = new_indicator(s, name, fig)
    s.ctx.doc.set_quote(ind, s.ctx.doc.norm_pos(ind.start), noun.end(1))
    return True


def _higher_goal(s: Sentence, fig: Fig, region: str, region_start: int) -> bool:
    """限上固定资产投资增长20%、力争25%: a percentage after the change just given with only a goal word
    between them is a higher goal for the same change, of the same measure."""
    cur = s.state.current
    if cur is None or cur.change is None or cur.change.pct is None or fig.amount.kind != "percent" \
            or strip_chars(region) not in _QUALIFIER_WORDS.goal_words:
        return False
    basis = cur.change.basis or "yoy"
    change_role(s, fig.read_as("change", qualifier="target", lead=region_start, change=change_of(
        basis, fig.amount, 1)), region_start)
    return True


# A run of figures one change after 各 is said of: two or more.
_MIN_RUN = 2


def change_role(s: Sentence, fig: Fig, region_start: int) -> None:
    """A change: on the figure just named, or the change of a measure named before its verb."""
    st = s.state
    fig = _change_as_read(s, fig, region_start)
    lead = fig.lead if fig.lead is not None else fig.start
    name = name_at(s, region_start, lead)
    if _won_growth(s, fig, name):
        return
    each = _INDICATORS.each_end.search(name.text) is not None \
        or _INDICATORS.each_mark.search(s.text, lead, fig.start) is not None
    bare = _INDICATORS.respectively_or_all_end.sub("", name.text)
    if _INDICATORS.baseline_word.search(bare):
        bare = _INDICATORS.baseline_tail.sub("", bare)  # 比全市平均增幅高…: the baseline, no name
    bare = strip_chars(bare).rstrip(_ASIDE_OPEN)  # (…12%以上(|调增2个百分点): an aside on the figure before
    if bare and s.text.find(_ASIDE_CLOSE, region_start, lead) >= 0 \
            and _INDICATORS.aside_only.fullmatch(strip_chars(s.text[region_start:lead])):
        bare = ""  # (760亿元(含港务区)、|增长5.6%: an aside on the figure before, then its change)
    if _INDICATORS.verb_only.fullmatch(bare) or bare in _AFTER_QUALIFIERS or bare in _NAME_SETS.bare_verbs:
        # 制造业增长11.9%,提高0.6个百分点; 增长12%以上(调增2个百分点); 上年同期为|增长10.5%: a verb, or the qualifier
        # of the figure before, alone names nothing: the change is the figure's
        bare = ""
    name = name.renamed(bare)
    named = st.current or s.para.last_top
    if named is not None and _INDICATORS.goal_words_only.fullmatch(bare):
        # 一般公共预算收入增长8%。今年力争增长10%: the goal for the measure just named, a fact of its own
        st.current = new_indicator(s, name.renamed(named.name), fig, value=False)
        return
    if not bare and each and (run := _run_of_levels(s)) is not None:
        for f in run:  # (甲有25个,乙有5个,与上一年相比各增加了1个: the change of each)
            st.current = attach_change(s, f, fig)
        st.pending = []
        return
    if not bare or _NAMES.back_ref.match(bare):
        _back_change(s, fig, region_start, name)
        return
    if _place_growth(s, fig, name, bare, named):
        return
    if (head := _parallel_head(st.current, bare)) is not None:
        name = name.renamed(bare + head)  # (国有控股企业增加值增长3.2%,股份制企业增长9.1%: 股份制企业增加值)
    if bare in _NAME_SETS.generic_heads or _INDICATORS.generic_measure_start.match(bare):
        topic = _topic(s, region_start)
        if topic:
            name = name.renamed(topic + bare)
    cur = st.current
    if cur is not None and cur.change is None and cur.value is not None and (
            same_name(cur.name, name.text) or (len(bare) >= _MIN_SUFFIX and cur.name.endswith(bare))) \
            and not _other_place_opens(s, cur, region_start, fig):
        # (第二产业实现增加值280.5亿元,占GDP比重61.8%,增加值增长6.8%: the figure's own measure named again; but 甲市GDP
        # 总量为…,乙市GDP增长5.6%: another place's)
        st.current = attach_change(s, cur, fig)
        return
    called = _named_by_its_head(s, name.text)
    if called is not None:  # (城镇居民人均可支配收入…;城镇增速高于全市…: the measure named before, by its head)
        name = name.renamed(called)
    st.current = new_indicator(s, name, fig, value=False)
    st.pending = []


def _change_as_read(s: Sentence, fig: Fig, region_start: int) -> Fig:
    """``fig`` against the baseline just read (比2020年的8.3亿元|增长50.6%) and in the basis of the run it is in; a
    period in brackets before it given to the figure just named."""
    st = s.state
    if st.baseline_basis is not None and fig.change is not None:
        # (比2020年的8.3亿元|增长50.6%: the change against the baseline just read)
        fig = fig.read_as("change", change=replace(fig.change, basis=st.baseline_basis), lead=fig.lead)
        st.baseline_basis = None
    if st.current is not None and s.text.find(_ASIDE_OPEN, region_start, fig.start) >= 0:
        _period_figure_in_brackets(s, st.current, region_start, fig.start)
    return _basis_of_the_run(s, fig, region_start)


def _won_growth(s: Sentence, fig: Fig, name: Name) -> bool:
    """甲县以9.2%的GDP增速位居…, 甲县地区生产总值以|9.2%的增速|位居…: a growth a place won its place with is of the
    measure written between 的 and the growth noun, else of the one before 以; True when it was recorded so (not
    when no measure is written: 甲县以9.2%的增速)."""
    if not name.text.endswith(_WON_WITH):
        return False  # (plain check first: most changes are no growth won with)
    after = _CHANGES.growth_named_after.match(s.text, fig.end)
    if after is not None:
        ind = new_indicator(s, Name(after.group("measure"), fig.start), fig, value=False)
        s.ctx.doc.set_quote(ind, s.ctx.doc.norm_pos(ind.start), after.end("measure"))
    elif len(name.text) > len(_WON_WITH):
        ind = new_indicator(s, name.renamed(name.text[:-len(_WON_WITH)]), fig, value=False)
    else:
        return False
    s.state.current, s.state.pending = ind, []
    return True


def _basis_of_the_run(s: Sentence, fig: Fig, region_start: int) -> Fig:
    """采矿业…较1-7月提高0.2个百分点;制造业增长11.9%,提高0.6个百分点: a move of a rate in points whose clause names no
    baseline, after one against another baseline than last year in the same sentence, is against that baseline too
    (other, not year on year); ``fig`` as it was otherwise."""
    change = fig.change
    if change is None or change.pp is None:
        return fig
    if change.basis != _YOY:
        s.state.points_basis = change.basis
        return fig
    if s.state.points_basis is None or _CHANGES.basis_any.search(s.text, region_start, fig.start) is not None:
        return fig  # (增速同比提高…: a baseline of its own)
    return fig.read_as("change", change=replace(change, basis=s.state.points_basis), lead=fig.lead)


def _place_growth(s: Sentence, fig: Fig, name: Name, bare: str, named: Indicator | None) -> bool:
    """(全市地区生产总值增长5.6%,…)甲县增速为4.2%, 乙区增长9.3%: a place alone before its growth is the place's growth
    of the measure just given (or of the one a count of places grown names), never a measure named after the place;
    True when it was recorded so."""
    if named is None:
        return False
    grown = _INDICATORS.places_grown.fullmatch(named.name) if named.unit == _COUNT_UNIT else None
    if named.change is None and grown is None:
        return False
    place = s.ctx.doc.finder.entity_named(bare) or _region_named(bare)
    if place is None:
        return False
    # (技工贸收入增长较快的园区有3家,甲区同比增长40.1%: each place's growth of the measure the count of them opens with)
    ind = new_indicator(s, name.renamed(grown.group("measure") if grown is not None else named.name), fig, value=False)
    ind.subject, ind.parent = place, None
    s.state.current, s.state.pending = ind, []  # (…,高于全市1.9个百分点: the place's growth compared)
    return True


def _region_named(words: str) -> str | None:
    """北部山区, 东部片区: a part of a place named by its kind of region (no gazetteer name), ``words`` when so."""
    if not words.endswith(_REGION_KINDS) or len(words) > _MAX_REGION \
            or any(ch in _ENTITY_SETS.function_chars for ch in words):
        return None
    return words


def _parallel_head(before: Indicator | None, bare: str) -> str | None:
    """The measure head (增加值) of the figure just given (国有控股企业增加值) when ``bare`` names a holder of the same
    kind (股份制企业: both close with 企业) and no measure of its own; None otherwise."""
    if before is None or len(bare) < _MIN_SUFFIX or bare.endswith(_NAME_WORDS.shared_heads):
        return None
    head = next((h for h in _heads_longest_first() if before.name.endswith(h)), None)
    if head is None:
        return None
    holder = before.name[:-len(head)]
    return head if len(holder) >= _MIN_SUFFIX and holder[-_MIN_SUFFIX:] == bare[-_MIN_SUFFIX:] else None


@cache
def _heads_longest_first() -> tuple[str, ...]:
    """The shared measure heads, longest first (营业收入 before 收入), sorted once on first use."""
    return tuple(sorted(_NAME_WORDS.shared_heads, key=len, reverse=True))


def _named_by_its_head(s: Sentence, words: str) -> str | None:
    """The measure given earlier in the paragraph that ``words`` — a few characters and a rate word (城镇增速,
    农村增幅) — call by its opening characters; None when the words are no such head, or none or several measures
    open with it."""
    m = _INDICATORS.head_and_rate.fullmatch(words)
    if m is None:
        return None
    head = m.group("head")
    para_start = s.ctx.para.span.start
    found: set[str] = set()
    for f in reversed(s.log.facts):
        if s.ctx.doc.norm_pos(f.start) < para_start:
            break
        if isinstance(f, Indicator) and f.value is not None and f.name.startswith(head) \
                and len(f.name) > len(head) + 2:
            found.add(f.name)
    return found.pop() if len(found) == 1 else None


def _judged_clause_before(s: Sentence, region_start: int) -> tuple[str, int] | None:
    """其中生物产业表现突出,|同比增长46.2%: the measure a clause right before a bare change judges (表现突出, 增势
    强劲), and where it is written; None when the clause before is no such judgement (or names a place)."""
    lo = max(s.ctx.span.start, region_start - _JUDGED_CLAUSE_WIDTH)
    m = _INDICATORS.judged_clause_end.search(s.text, lo, region_start)
    if m is None or s.ctx.doc.finder.entity_named(m.group("measure")) is not None:
        return None
    return m.group("measure"), m.start("measure")


def _new_topic_before(s: Sentence, region_start: int, cur: Indicator) -> tuple[str, int] | None:
    """The measure a clause written after the figure ``cur`` names with how it moved (社会消费品零售总额延续较快增长
    势头,|同比增长9.1%: :func:`topic_before`), and where: a bare change after it is that measure's, not one more of
    ``cur``'s. None when the clause names none, names ``cur`` again, or names a place."""
    topic = _topic(s, region_start)
    if topic is None or same_name(topic, cur.name) or s.ctx.doc.finder.entity_named(topic) is not None:
        return None
    where = s.text.rfind(topic, s.ctx.doc.norm_pos(cur.end), region_start)
    if where < 0 or not _NAMES.moved_only.fullmatch(s.text, where + len(topic), region_start):
        return None  # (排名较上月|提升两位, 总量|领跑渝西八区: more than how it moved, no measure's clause)
    return topic, where


def _other_place_opens(s: Sentence, cur: Indicator, region_start: int, fig: Fig) -> bool:
    """Whether the clause of a bare change opens with a place (全市, 全省, 乙县) named after the figure ``cur`` and
    other than its subject: the change is that place's, not a further one of ``cur``."""
    ctx, para = s.ctx, s.ctx.para
    subject_end = para.subject_end_before(fig.start)
    if subject_end < region_start or subject_end > fig.start or subject_end <= ctx.doc.norm_pos(cur.end):
        return False
    here, there = para.subject_index(fig.start), para.subject_index(ctx.doc.norm_pos(cur.start))
    return there < 0 or para.subjects[here][1] != para.subjects[there][1]


def _run_of_levels(s: Sentence) -> list[Indicator] | None:
    """The figures of one measure given last in the sentence, each of another subject and none with a change
    yet (浙江省有25个,湖北省有5家,广东省有2个); None unless two or more."""
    cur = s.state.current
    if cur is None or cur.value is None or cur.change is not None:
        return None
    run: list[Indicator] = []
    for f in reversed(s.log.facts[s.state.first_fact:]):
        if not isinstance(f, Indicator) or f.name != cur.name or f.change is not None or f.value is None \
                or any(g.subject == f.subject for g in run):
            break
        run.append(f)
    return run[::-1] if len(run) >= _MIN_RUN else None


def _level_of_rate(s: Sentence, fig: Fig) -> Indicator | None:
    """The level the figure just given is a rate of (工业总产值65.82亿元,|完成率为27.43%), when a growth in percent
    follows the rate and the level has none of its own yet; None otherwise."""
    cur = s.state.current
    if cur is None or cur.unit != _PERCENT_UNIT or fig.change is None or fig.change.pct is None:
        return None
    rate = _INDICATORS.rate_of_level_end.search(cur.name)
    if rate is None:
        return None
    whole = cur.name[:rate.start()]
    return next((f for f in reversed(s.log.facts[s.state.first_fact:]) if isinstance(f, Indicator) and f is not cur
                 and f.name == whole and f.change is None and f.value is not None and f.unit != _PERCENT_UNIT), None)


def _back_change(s: Sentence, fig: Fig, region_start: int, name: Name) -> None:
    """A change that refers back (增速, 同比, or nothing): to the share, figure, projects or topic just named."""
    text, st = s.text, s.state
    lead = fig.lead if fig.lead is not None else fig.start
    if not name.text and (label := _label_before(s, region_start, lead)).text:
        # (规模以上工业增加值:|增长8%: a growth alone after a colon, named by the label the colon closes)
        st.current = new_indicator(s, label, fig, value=False)
        st.pending = []
        return
    share_newer = st.current_share is not None and (st.current is None or st.current_share.end > st.current.end)
    if share_newer and fig.change is not None and fig.change.pp is not None and not name.text \
            and not _CHANGES.rate_word.search(text, region_start, fig.start):
        name = name.renamed(_SHARE_WORDS.share_name)  # 占…比重为33%,较上年提高0.3个百分点
    aside_owner = _before_aside(s, region_start)
    if share_newer and not name.text and (part := _part_of_share(s)) is not None \
            and fig.change is not None and fig.change.pct is not None:
        # 轻工业产值占比23.9%,同比增长0.8%: a share does not grow by a percentage; its part does
        assert st.current_share is not None
        start = s.ctx.doc.norm_pos(st.current_share.start)
        st.current = new_indicator(s, name.renamed(part, start), fig, value=False)
        st.pending = []
    elif name.text in _SHARE_SETS.share_words and st.current_share is not None:
        st.current_share = attach_change(s, st.current_share, fig)
    elif aside_owner is not None:  # 总额10.1万亿元(其中,出口…,进口…),同比增长1%: the total's change
        st.current = attach_change(s, aside_owner, fig)
        st.pending = []
    elif not name.text and (judged := _judged_clause_before(s, region_start)) is not None:
        # (…基本持平,其中生物产业表现突出,同比增长46.2%: the measure judged just before)
        st.current = new_indicator(s, name.renamed(*judged), fig, value=False)
        st.pending = []
    elif not name.text and st.current is not None \
            and (moved := _new_topic_before(s, region_start, st.current)) is not None:
        # (…同比增长6.5%;社会消费品零售总额延续较快增长势头,同比增长9.1%: the measure the clause before names)
        st.current = new_indicator(s, name.renamed(*moved), fig, value=False)
        st.pending = []
    elif not name.text and (level := _level_of_rate(s, fig)) is not None:
        # (工业总产值65.82亿元,完成率为27.43%,同比增长17.6%: a rate of completion does not grow by a percentage; the
        # level it is the rate of does)
        st.current = attach_change(s, level, fig)
        st.pending = []
    elif st.current is not None and _other_place_opens(s, st.current, region_start, fig):
        # 甲县地区生产总值增长6.1%,全市增长5.8%: the same measure of the place the clause opens with
        st.current = new_indicator(s, name.renamed(st.current.name, region_start), fig, value=False)
        st.pending = []
    elif st.current is not None and not _investment_just_given(s, region_start):
        st.current = attach_change(s, st.current, fig)
        st.pending = []
    elif st.projects is not None or _projects_in_sentence(s):
        st.current = _projects_change(s, fig, region_start, name)
    else:
        # 重工业增速领跑轻工业,增长9.2%: the change belongs to the clause's topic
        topic = _topic(s, region_start)
        if topic:
            st.current = new_indicator(s, name.renamed(topic + name.text, region_start),
                                       fig, value=False)
        elif s.para.last_top is not None:  # …增长7.5%。累计增速高于全国3.6个百分点: the figure before
            st.current = new_indicator(s, name.renamed(s.para.last_top.name, region_start), fig, value=False)


def _part_of_share(s: Sentence) -> str | None:
    """The part the share just given is of, when its name is the part and the share's word (重工业产值占比 →
    重工业产值, 第三产业增加值占GDP比重 → 第三产业增加值); an industry alone takes the measure of the whole named
    before it (采矿业增加值…,煤炭开采和洗选业占比 → 煤炭开采和洗选业增加值). None when no part is named."""
    share = s.state.current_share
    if share is None:
        return None
    part = next((share.name[:-len(w)] for w in _SHARE_SETS.share_words if share.name.endswith(w)), "")
    if _SHARE_WORDS.mark in share.name[1:]:  # (第三产业增加值占GDP: the part before what it is a share of)
        part = share.name[:share.name.index(_SHARE_WORDS.mark, 1)]
    whole = s.state.current or s.para.last_top
    if len(part) < _MIN_SUFFIX or (s.state.current is not None and same_name(s.state.current.name, part)
                                   and s.state.current.subject == share.subject):
        return None  # (工业投资1.2亿元,占固定资产投资的5.8%,同比下降41.6%: the figure's own; not another place's)
    if part.endswith(_SHARE_WORDS.industry_end) and whole is not None:
        head = next((h for h in _SHARE_WORDS.part_heads if whole.name.endswith(h)), "")
        return part + head
    return part


def _before_aside(s: Sentence, pos: int) -> Indicator | None:
    """The figure a parenthesis right before ``pos`` follows (10.1万亿元(其中,…)): a change after the
    aside is that figure's, not the aside's last."""
    text, sent, doc = s.text, s.ctx.span, s.ctx.doc
    end = len(text[sent.start:pos].rstrip(_ASIDE_GAP)) + sent.start
    if end <= sent.start or text[end - 1] != _NAME_WORDS.aside_close:
        return None
    opening = text.rfind(_NAME_WORDS.aside_open, sent.start, end - 1)
    for f in reversed(s.log.facts[s.state.first_fact:]):
        if isinstance(f, Indicator) and f.value is not None and doc.norm_pos(f.end) == opening:
            return f
    return None


def _investment_just_given(s: Sentence, region_start: int) -> bool:
    """协议总金额1087.46亿元,同比增长38.7%: the last figure before the change is the projects'
    investment (held by their fact, not an indicator), given after the indicator last named."""
    last = s.log.last_projects()
    if last is None or last.investment is None:
        return False
    doc, cur = s.ctx.doc, s.state.current
    end = doc.norm_pos(last.end)
    return end >= region_start - 2 and (cur is None or doc.norm_pos(cur.end) < end)


def _projects_in_sentence(s: Sentence) -> bool:
    """Whether projects were counted in this sentence (a part, 其中…项目9个, is not the sentence's
    projects, yet a change right after it is theirs)."""
    last = s.log.last_projects()
    return last is not None and s.ctx.doc.norm_pos(last.start) >= s.ctx.span.start


def _projects_change(s: Sentence, fig: Fig, region_start: int, name: Name) -> Indicator:
    """The growth of what was just said of the projects: their number, named after the projects as
    written (新签约项目293个,同比增长61.9% → 新签约项目), or their investment."""
    text = s.text
    measure = _PROJECTS_WORDS.count_measure
    last = s.log.last_projects()
    if last is not None and last.investment is not None and s.ctx.doc.norm_pos(last.end) >= region_start - 2:
        measure = _investment_as_written(s, last, region_start)
    elif last is not None:
        written = _projects_as_written(s, last)
        if written is not None:
            ind = new_indicator(s, written, fig, value=False)
            whole = s.state.parent_projects if id(last) in s.log.child_projects else None
            whole_name = _projects_as_written(s, whole) if whole is not None else None
            if whole_name is not None:  # 在建项目828个…其中亿元以上项目452个,增加106个: a part of those
                ind.parent = whole_name.text
            return ind
    start = region_start
    # 总投资1115.2亿元、同比增长49.8%: the quote starts at 同比
    while text[start] == " " or text[start] in _NAME_SETS.joiners:
        start += 1
    return new_indicator(s, name.renamed(measure, start), fig, value=False)


def _investment_as_written(s: Sentence, projects: Projects, region_start: int) -> str:
    """The name of the projects' investment whose growth follows: the word it is written under
    (协议总金额, 合同引资), after the projects' own name when that word is generic (在建项目总投资)."""
    text, doc = s.text, s.ctx.doc
    words = list(_INDICATORS.investment_word.finditer(text, doc.norm_pos(projects.start), region_start))
    if not words:
        return str(_PROJECTS_WORDS.investment_measure)
    word = words[-1].group(0)
    if word not in _PROJECTS_SETS.generic_investment:
        return word
    own = _projects_as_written(s, projects)
    return (own.text if own is not None else _PROJECTS_WORDS.noun) + word


_PROJECTS_AND_A_LEVEL = 3  # (a count's change, its investment's, then a level's at least)


def projects_changes(s: Sentence, group: list[Fig], region_start: int) -> bool:
    """签约引进项目88个,合同引资149.27亿元,同比分别增长80%和114%: two changes right after projects counted with
    their investment in the sentence — the growth of the count (named after the projects) and of the
    investment (named as written); False when the changes follow no such projects."""
    last = _holder_of_investment(s)
    if len(group) != 2 or any(f.role != "change" or f.change is None for f in group) or last is None \
            or last.investment is None or last.count is None:
        return False
    doc, cur = s.ctx.doc, s.state.current
    end = doc.norm_pos(last.end)
    if doc.norm_pos(last.start) < s.ctx.span.start or (cur is not None and doc.norm_pos(cur.end) > end):
        return False
    if s.text.count(",", end, region_start) > 1:
        return False  # (the projects and their investment, then the changes: nothing else between)
    money = _projects_count_and_money_changes(s, last, group, region_start)
    if money is None:
        return False
    s.state.current = money
    return True


def projects_and_levels_changes(s: Sentence, group: list[Fig], region_start: int) -> bool:
    """共实施省大中型项目526个,总投资5059亿元、年度投资1729亿元,分别比去年增加81个、697亿元、327亿元: changes listed
    after projects counted with their investment and the levels given after them, one each in order — the count's
    (named after the projects), the investment's, then each level's; False when the figures do not pair so."""
    if len(group) < _PROJECTS_AND_A_LEVEL or group[0].amount.kind != "count" or group[1].amount.kind != "money" \
            or any(f.role != "change" or f.change is None for f in group):
        return False  # (plain checks first: most lists of changes are no such run)
    last = _holder_of_investment(s)
    if last is None or last.investment is None or last.count is None:
        return False
    doc = s.ctx.doc
    start = doc.norm_pos(last.start)
    if start < s.ctx.span.start:
        return False
    levels = [f for f in s.log.facts[s.state.first_fact:]
              if isinstance(f, Indicator) and f.value is not None and doc.norm_pos(f.start) > start]
    if len(levels) != len(group) - 2 or _projects_count_and_money_changes(s, last, group, region_start) is None:
        return False
    for ind, f in zip(levels, group[2:], strict=True):
        attach_change(s, ind, f)
    s.state.pending, s.state.current = [], levels[-1]
    return True


def _projects_count_and_money_changes(s: Sentence, last: Projects, group: list[Fig], region_start: int) \
        -> Indicator | None:
    """Record the changes ``group[0]`` of the count of the projects ``last`` (named after them) and ``group[1]`` of
    their investment (named as written); the investment's change, or None when the projects have no name."""
    named = _projects_as_written(s, last)
    if named is None:
        return None
    count_change = new_indicator(s, named, group[0], value=False)
    count_change.change = group[0].change
    money = new_indicator(s, named.renamed(_investment_as_written(s, last, region_start), named.start), group[1],
                          value=False)
    money.change = group[1].change
    return money


def _holder_of_investment(s: Sentence) -> Projects | None:
    """The projects counted last, or their whole when the last is a size class under 其中 with no money and the whole
    just before holds the investment said after it (签约引进项目52个,其中亿元以上项目9个,合同引资104.5亿元)."""
    log = s.log
    last = log.last_projects()
    if last is None or last.investment is not None or id(last) not in log.child_projects or len(log.projects) < 2:
        return last
    whole = log.projects[-2]
    return whole if whole.investment is not None and id(whole) not in log.child_projects else last


def projects_named_before(s: Sentence) -> Indicator | None:
    """亿元以上项目452个,(比2011年、2012年分别增加205个、88个): the projects just counted in the sentence as a
    measure named after them (no value, not recorded), whose count the changes after it are of; None when
    the sentence counted none or they have no name of their own."""
    last = s.log.last_projects()
    if last is None or last.count is None or s.ctx.doc.norm_pos(last.start) < s.ctx.span.start:
        return None
    named = _projects_as_written(s, last)
    if named is None:
        return None
    measure = Indicator(subject=last.subject, name=named.text, period=last.period, value=None, unit=None,
                        change=None, qualifier=None, parent=None, rule="indicator.v1")
    measure.start, measure.end = last.start, last.end
    return measure


def _projects_as_written(s: Sentence, projects: Projects) -> Name | None:
    """The name the projects of a count are written under (亿元以上新签约项目178个 → 亿元以上新签约项目),
    or None when the count comes first (签约…27个项目) and they have no name of their own."""
    text, doc = s.text, s.ctx.doc
    start, end = doc.norm_pos(projects.start), doc.norm_pos(projects.end)
    noun = text.find(_PROJECTS_WORDS.noun, start, end)
    if noun < 0:
        return None
    mention = doc.finder.clause_subject(text, start, noun)
    if mention is not None and mention.end <= noun:  # 产业集聚区在建项目: whose projects, not their name
        start = mention.end
    if _INDICATORS.count_then_kind.search(text, start, noun):
        return _counted_first(s, start, noun)
    name = name_at(s, start, noun + len(_PROJECTS_WORDS.noun))
    manner = _INDICATORS.projects_manner.match(name.text)
    if manner:
        name = name.renamed(name.text[manner.end():], name.start + manner.end())
    return name if name.text.endswith(_PROJECTS_WORDS.noun) and name.text != _PROJECTS_WORDS.noun else None


def _counted_first(s: Sentence, start: int, noun: int) -> Name | None:
    """The name of projects counted before their noun (共开复工1268个大项目 → 开复工大项目; 春季集中开工的240个项目 →
    春季集中开工项目): the words before the count with the kind after it, None when no words come before the count."""
    text = s.text  # (the words before the count may stand before the projects' own words: the clause's)
    lo = max(s.ctx.span.start, *(text.rfind(c, s.ctx.span.start, start) + 1 for c in _INNER_CLAUSE_MARKS))
    m = _INDICATORS.count_then_kind.search(text, lo, noun)
    if m is None:
        return None
    mention = s.ctx.doc.finder.clause_subject(text, lo, m.start())
    if mention is not None and mention.end <= m.start():
        lo = mention.end
    before = name_at(s, lo, m.start())
    words = _INDICATORS.counted_first_lead.sub("", before.text)
    manner = _INDICATORS.projects_manner.match(words)
    words = words[manner.end():] if manner else words
    if not words:
        return None
    return Name(words + m.group("kind") + _PROJECTS_WORDS.noun, before.start)


# ---------------------------------------------------------------------------------------- shares
def target_with_share(s: Sentence, target: Fig, share: Fig, region_start: int) -> bool:
    """资金额219.22亿元,完成年度目标任务589亿元的37.22%,同比增长8.08%: the target of the figure just
    named (a goal of its own) and the share of it done; the figure stays the one a change after them
    belongs to. False when the words before ``target`` name no target of that figure."""
    st, doc = s.state, s.ctx.doc
    m = _INDICATORS.target_before.search(s.text, region_start, target.start)
    after = None
    if m is None:  # (完成全年|43亿元|目标任务的34.8%: the target's words after it)
        m = _INDICATORS.done_before_target.search(s.text, region_start, target.start)
        after = _INDICATORS.goal_after_target.match(s.text, target.end)
        if after is None:
            return False
    main = st.current
    if m is None or main is None or main.value is None or main.unit != target.amount.unit:
        return False
    goal = strip_chars(m.group("target") or "") + (after.group(0) if after is not None else "")
    aim = new_indicator(s, Name(main.name + goal, m.start("target")), target, target=True)
    if aim.period and _INDICATORS.annual_goal.match(goal):  # 年度目标任务: the whole year's
        aim.period = period_string(aim.period[:4])
    done = new_indicator(s, Name(main.name + m.group("done") + goal, m.start()), share, share=True)
    if after is not None:
        done.period = main.period  # (完成全年…的34.8%: the share done so far, of the figure's period, not the year's)
    doc.set_quote(done, doc.norm_pos(main.start), share.end)
    st.current, st.current_share = main, done
    return True


def share_role(s: Sentence, fig: Fig, region_start: int) -> None:
    """A share: 占全市的73.2%, 完成年度任务的71.48%, or the share of the figure just named."""
    text, st, doc = s.text, s.state, s.ctx.doc
    region = text[region_start:fig.start]
    if _INDICATORS.share_of_field_end.search(region) and not _INDICATORS.share_of_field_generic.match(text, fig.end) \
            and _share_of_noun_after(s, fig, region, region_start):
        return  # (以占全国46%的人口: the noun's share of the field)
    m = _INDICATORS.share_of.search(region)
    done = _SHARE_WORDS.done
    if m and m.group(1) == done:
        m = _INDICATORS.share_done.search(region) or m
    plan = _INDICATORS.share_as_of_plan.search(region) if m is None else None
    own = name_at(s, region_start, region_start + (m.start() if m else 0))
    if st.current is not None and _NAMES.back_ref.match(own.text):
        own = own.renamed(st.current.name)  # 产值312亿元,…,总量占全市的21.5%: the figure just named
    of = strip_chars(_NAMES.exclusion_aside.sub("", m.group(2))) if m else plan.group(1) if plan else ""
    of = _INDICATORS.de_end.sub("", _INDICATORS.share_qualifier_end.sub("", of))  # (占全国(除直辖市外)总量: 全国总量)
    connector = m.group(1) if m else done if plan else _SHARE_WORDS.mark
    if m is not None and not of and st.current is not None and own.text.endswith(_SHARE_WORDS.held_mark):
        # (…增长12.5%,其所占比重为15.2%, 所占比重: the share the figure just named holds, of no whole written)
        held = strip_chars(own.text[:-1])
        own = own.renamed((st.current.name if not held or _NAMES.back_ref.match(held) else held)
                          + _SHARE_WORDS.share_name)
    if _INDICATORS.respectively_only.fullmatch(own.text):
        own = own.renamed("")  # (工业项目90个,…,分别|占项目总数的82.5%: no name of its own)
    if own.text:
        name = own.renamed(own.text + (connector + of if m and of else ""))
    elif st.kind_named is not None and not strip_chars(text[st.kind_named[0]:region_start]):
        name = own.renamed(st.kind_named[1] + connector + of)  # (甲产业项目总投资3066亿元,占比超过50%: its share)
    elif (shared := projects_share_names(s, fig, 1, of if m and _SHARE_WORDS.share_name not in region else "")):
        name = own.renamed(shared[0], region_start)  # (产业发展类项目14个,总投资212亿元,占比达58.3%: the projects')
    elif st.current is not None:
        start = doc.norm_pos(st.current.start) if m and connector == done else region_start + (m.start() if m else 0)
        if m and connector == _SHARE_WORDS.mark and st.current.value is not None:
            start = region_start + m.start()
        name = own.renamed(st.current.name + connector + of, start)  # (…,为年度计划的108%: 完成 of the plan)
    elif st.projects is not None:
        name = own.renamed(_PROJECTS_WORDS.noun + (connector + of if m or plan else ""), region_start)
    else:  # (占全部指标的|40% with nothing named before: the share of the whole, its 的 no part of it)
        name = own.renamed(_INDICATORS.de_end.sub("", strip_chars(region)) if m else strip_chars(region), region_start)
    if not name.text:
        return
    ind = new_indicator(s, name, fig, share=True)
    if st.current is not None and m and connector == done and not own.text:
        doc.set_quote(ind, doc.norm_pos(st.current.start), fig.end)
    st.current_share = ind


def _projects_base(p: Projects) -> str:
    """The projects as a share of them names them: their kind and 项目 (工业项目), or 项目 alone (also when the kind
    read holds more than words: 手续全部办结(以下均含…)项目)."""
    kind = p.category or ""
    noun: str = _PROJECTS_WORDS.noun
    return (kind if all(is_cjk(c) for c in kind) else "") + noun


def projects_share_names(s: Sentence, first: Fig, n: int, whole: str = "") -> list[str] | None:
    """(来自甲地区的项目19个,总投资276亿元,)占比分别为17.4%、26.8%: ``n`` shares right after the projects just counted,
    with only a share mark between, are theirs — the count's then the investment's when two follow both
    (项目数占比, 项目投资占比), the investment's when one follows it (项目投资占比), else the projects' (项目占比);
    one of a ``whole`` named is the projects' share of it (工业项目占项目总数); None when no projects were just
    counted or other words stand between."""
    # (the projects counted last in the sentence: 其中甲项目36个 after 签约项目48个)
    p = next((f for f in reversed(s.log.facts[s.state.first_fact:]) if isinstance(f, Projects)), None)
    if p is None or p.end is None:
        return None
    end = s.ctx.doc.norm_pos(p.end)
    lead = _INDICATORS.projects_share_lead.match(s.text, end, first.lead if first.lead is not None else first.start) \
        if s.ctx.span.start <= end <= first.start else None
    if lead is None:
        return None
    base, share, mark = _projects_base(p), _SHARE_WORDS.share_name, _SHARE_WORDS.mark
    whole = whole or lead.group("whole") or ""  # (占比分别为全市总量的52.5%、61.4%: the whole named once)
    if whole and n == 1:
        return [base + mark + whole]
    if n == 2 and p.count is not None:  # (项目28个、865亿元,分别占比70%、74.6%: the investment may be read apart)
        counted, invested = (mark + whole, _SHARE_WORDS.projects_investment_part + mark + whole) if whole \
            else (_SHARE_WORDS.projects_count_part + share, _SHARE_WORDS.projects_investment_part + share)
        return [base + counted, base + invested]
    if n == 1:
        part = _SHARE_WORDS.projects_investment_part if p.investment is not None else ""
        return [base + part + share]
    return None


# ------------------------------------------------------------------------------ bare magnitudes
def bare_magnitude(s: Sentence, fig: Fig) -> None:
    """千亿光伏产业, 百亿级: a bare magnitude before a noun, a goal when the sentence sets one."""
    text, sent = s.text, s.ctx.span
    after = text[fig.end:sent.end]
    if after.startswith(_FIGURES_WORDS.class_mark) \
            or not _INDICATORS.target_verbs.search(text, sent.start, fig.start):
        return
    noun = noun_after(text, fig.end, sent.end)
    if not noun or _INDICATORS.currency_after.match(after):
        return
    prefix_m = _INDICATORS.latin_prefix.search(text, max(sent.start, fig.start - 6), fig.start)
    prefix = prefix_m.group(1) if prefix_m else ""
    money = Fig(fig.start, fig.end, Amount(fig.amount.value, "CNY", "money"), role=fig.role)
    ind = new_indicator(s, Name(prefix + noun.text, fig.start - len(prefix)), money)
    ind.qualifier = "target"
    ind.period = None
    s.ctx.doc.set_quote(ind, s.ctx.doc.norm_pos(ind.start), noun.end)
