"""The extraction of one document: normalise → document scope → paragraphs → sentence rules.

Pure: a :class:`~zhibiao.model.Document` in, its metadata and facts out; no I/O. What the input
stage knows about the document (its metadata, where the article body ends before an e-paper
trailer) comes in ``doc.meta``: this stage never reads e-paper headers itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from operator import attrgetter

from zhibiao.extract.backoff import measures_in_context, names_made_whole
from zhibiao.extract.context import REPORT_SPANS, Carry, DocContext
from zhibiao.extract.context import Fact as RuleFact
from zhibiao.extract.document import document_meta, headlines, read_document
from zhibiao.extract.periods import PeriodMention, lent_years, paragraph_periods
from zhibiao.extract.persons import extract_persons
from zhibiao.extract.rankings import (
    announces_list,
    dated_by_titles,
    evaluation_before,
    evaluation_field_before,
    field_short,
)
from zhibiao.extract.segment import Span, is_headline, paragraphs
from zhibiao.extract.state import FactLog
from zhibiao.extract.tables import figure_tables, ranked_tables
from zhibiao.extract.walk import read_paragraph
from zhibiao.lexicon import Shapes, Words, is_cjk
from zhibiao.model import Change, DocMeta, Document, Fact, Indicator, Projects, Ranking
from zhibiao.normalize import NormText, normalize
from zhibiao.resolve.subjects import CITY_LEVEL

__all__ = ["run_pipeline"]

_CONTEXT = Shapes("context")
_NAMES = Shapes("names")
_TABLES = Shapes("tables")
_PERIODS = Shapes("periods")
_RANKING_WORDS = Words("ranking")
_NAMED_FIELDS = frozenset(_RANKING_WORDS.named_fields)  # (provinces named as a field: FACTS.md)
_CITY_FIELD: str = _RANKING_WORDS.city_field
_PROJECTS_WORDS = Words("projects")
_INVESTMENT_WORDS = tuple(_PROJECTS_WORDS.investment)  # (what a projects' investment is named: 总投资, 签约金额)
_TARGET = "target"  # (a goal of a place, 以进入“全国30强”为目标, is kept with no measure: one aims at a place overall)
_SENTENCE_ENDS = ("\u3002", "\n")  # (。 and a line's end: where a sentence wrapping a place may open)
_WHOLES = frozenset(Words("sentence").subject_refs)  # (全市, 我区: a whole or a place pointed at, no measure)
_REGIONS = frozenset(_RANKING_WORDS.regions)  # (东部, 中部地区: parts of the country)
_ZONE_ENDS = tuple(Words("entity").zone_suffixes)  # (省级开发区: zones of a kind, counted)
_FOLLOWING = frozenset(_RANKING_WORDS.following_words)  # (紧随其后: a place following the one before)
_STRONG = _RANKING_WORDS.strong_mark  # (百强, 30强: a top-N group's mark)
_COUNT = "count"
_CLAUSE_COMMA = ","  # (the normalised comma, which parts clauses: no measure's name holds one)
_MIN_NAME = 2
_SEAT = _RANKING_WORDS.seat_name  # (百强县席位: places on a list counted as seats)
_FIGURES_WORDS = Words("figures")
_WEIGHT: str = _FIGURES_WORDS.weight_word  # (软环境权重: a part's weight in an evaluation's score)
_PROJECTS_TOTALS = frozenset(_PROJECTS_WORDS.bare_totals)  # (总投资: the money of projects, not a place's figure)
_PLANNED_TOTALS = frozenset(_PROJECTS_WORDS.projects_totals)  # (项目总投资10亿元: the projects' money at a level)


def run_pipeline(doc: Document) -> tuple[DocMeta, list[Fact]]:
    """Extract the metadata and every fact of ``doc``."""
    norm = normalize(doc.text)
    body_end = _body_end(norm, doc.meta.body_end)
    text = norm.text
    paras = paragraphs(text, 0, body_end)
    meta = document_meta(doc.meta, norm, paras)
    persons, mentions = extract_persons(norm, body_end)
    heads = headlines(text, paras)
    ctx = read_document(norm, paras, heads, meta, doc.published, mentions, body_end)
    log, head_log = FactLog(), FactLog()
    carry = Carry()
    opening: PeriodMention | None = None  # (the span the report's first paragraphs speak of: its sections' own)
    for para in paras:
        if _CONTEXT.caption_line.fullmatch(text, para.start, para.end):
            continue  # (表二 …全国十强情况表: a table's caption, what it names shown below it)
        # most paragraphs of a report carry no figure at all: skip them before any rule runs;
        # a heading's figures are read apart (they mostly repeat the body's), but its period
        # governs the paragraphs below it
        holds = _CONTEXT.may_hold_figures.search(text, para.start, para.end)
        # (a short line closing with …依次为: announces the list on the next line: a sentence's lead, no heading)
        headline = para in heads or (is_headline(text, para) and not announces_list(text, para.start, para.end)
                                     and not _CONTEXT.list_item_place.fullmatch(text, para.start, para.end))
        if headline and holds and _CONTEXT.headline_figure.search(text, para.start, para.end) \
                and not _CONTEXT.table_row.search(text, para.start, para.end) \
                and not _numbers_written_elsewhere(text, para):
            read_paragraph(ctx, para, carry, head_log)  # (a row of a table is read by the table rules)
        if para in heads:
            if not holds and _CONTEXT.section_marker.match(text, para.start, para.end):
                # (title, then 一、甲县 read among the head lines: still the place of the section below it)
                carry = _under_heading(ctx, para, carry, opening)
            continue
        if headline and not holds:
            carry = _under_heading(ctx, para, carry, opening)  # (（二）甲县: the place the paragraphs below speak of)
        if not headline and holds:
            carry = read_paragraph(ctx, para, carry, log)
            if opening is None and carry.period is not None and carry.period.kind in REPORT_SPANS:
                opening = carry.period
        elif _PERIODS.anchor.search(text, para.start, para.end) or _PERIODS.named_year_gate.search(
                text, para.start, para.end):
            carry = carry.after(lent_years(text, paragraph_periods(text[para.start:para.end], para.start)))
    ranked_tables(ctx, 0, body_end, log)
    figure_tables(ctx, 0, body_end, log)
    log.drop_top_n_made_exact()
    # 2020年国家级高新区创新能力前10强名单: a caption naming a list, no place of anyone
    captions = [f for f in head_log.facts if id(f) in head_log.top_n
                and _TABLES.caption_tail.match(text, norm.norm_pos(f.end))]
    heads_said = [f for f in head_log.facts if f not in captions]
    # (甲省以|3.2万亿元: the measure of the figure before; named before a milestone is checked against its level)
    named = names_made_whole(text, measures_in_context(text, log.facts, norm.norm_pos), norm.norm_pos)
    body = _milestones_passed(_projects_once(_rankings_once(_changes_once(_summaries_dated(_indicators_once(
        _dedupe(_measured(ctx, named))))))))
    facts: list[Fact] = [*body, *_not_restated(heads_said, named), *persons]
    facts.sort(key=attrgetter("start", "end"))
    facts = _last_clause_named(_subjects_as_written(ctx, _fields_carried(_cities_places(ctx, facts))))
    return meta, dated_by_titles(text, _among_peers(text, facts, norm.norm_pos), norm.norm_pos)


def _last_clause_named(facts: list[Fact]) -> list[Fact]:
    """Each indicator named by the last clause of the words read as its name (从新兴产业看,|高新技术增加值; 至9月份止,…,
    |行业从业人员): a measure's name holds no clause's comma, the words before it are clauses of their own; a part names
    its whole so renamed by the new name."""
    renamed: dict[str, str] = {}
    for f in facts:
        if isinstance(f, Indicator) and _CLAUSE_COMMA in f.name:
            last = f.name.rsplit(_CLAUSE_COMMA, 1)[1].strip()
            if len(last) >= _MIN_NAME:
                renamed[f.name] = last
    if not renamed:
        return facts  # (most reports: no name holds a comma)
    out: list[Fact] = []
    for f in facts:
        if isinstance(f, Indicator) and (f.name in renamed or f.parent in renamed):
            f = replace(f, name=renamed.get(f.name, f.name),
                        parent=renamed.get(f.parent, f.parent) if f.parent is not None else None)
        out.append(f)
    return out


def _subjects_as_written(ctx: DocContext, facts: list[Fact]) -> list[Fact]:
    """Each fact's subject as the text gives it (凉山州 for 凉山彝族自治州 when the text never writes the full name:
    FACTS.md keeps the most specific full name the text gives; :meth:`SubjectFinder.as_written`)."""
    text, finder = ctx.norm.text, ctx.finder
    written: dict[str, str] = {}
    out: list[Fact] = []
    for f in facts:
        if isinstance(f, (Indicator, Projects, Ranking)) and f.subject:
            name = written.get(f.subject) or written.setdefault(f.subject, finder.as_written(f.subject, text))
            if name != f.subject:
                f = replace(f, subject=name)
        out.append(f)
    return out


def _under_heading(ctx: DocContext, para: Span, carry: Carry, opening: PeriodMention | None) -> Carry:
    """The carry under a heading line: the place it names when it names only a place (（二）甲县, ◆乙区), else
    no place (a heading of another kind, 二、工业生产, ends the place's section); a heading of another kind also
    ends the span a section said in passing (五、服务业 1-2月,… 六、居民收入: the report's own span again, 一季度)."""
    line = _CONTEXT.heading_marks.sub("", ctx.norm.text[para.start:para.end]).strip()
    place = ctx.finder.entity_named(line) if line else None
    period = carry.period if place is not None or opening is None else opening
    return Carry(period, carry.year, place)


def _fields_carried(facts: list[Fact]) -> list[Fact]:
    """A place whose field of peers the text leaves unwritten (苏州工业园区、南京高新区分别位居第四、第九
    after 入围全国50强) is among the peers of the place the report gave before it, else after it."""
    # (a province named as the field beside another place, 位列第34位,某省第1位, is that place's own: not carried)
    first = next((f.scope for f in facts if isinstance(f, Ranking) and f.scope and f.scope not in _NAMED_FIELDS), None)
    if first is None:
        return facts
    out = list(facts)
    last = first  # (one pass: the field given last before each place, else the first given)
    for i, f in enumerate(facts):
        if isinstance(f, Ranking):
            if f.scope:
                last = f.scope if f.scope not in _NAMED_FIELDS else last
            elif not f.bottom:
                out[i] = replace(f, scope=last)
    return out


def _cities_places(ctx: DocContext, facts: list[Fact]) -> list[Fact]:
    """甲市在全国各城市中GDP总量排名第六。…乙县2023年GDP总量为…,排名第一: a place of the city ranked last with a field
    written, ranked with no field of its own written (none, or one carried from the city's), is among the city's places
    (全市), not the city's peers."""
    text, norm_pos, finder = ctx.norm.text, ctx.norm_pos, ctx.finder
    out = list(facts)
    cities: dict[str, str] = {}  # (the cities ranked before in a field their own words write, and in what measure)
    for i, f in enumerate(facts):
        if not isinstance(f, Ranking) or f.bottom or f.subject is None:
            continue
        quote = text[norm_pos(f.start):norm_pos(f.end)]
        if f.scope and (f.scope in quote or f.scope in _CONTEXT.peers_count.sub("", quote)):  # (全省14个…县域)
            if finder.full_names.get(f.subject) == CITY_LEVEL and f.indicator:
                cities[f.subject] = f.indicator
        elif f.indicator and (measure := cities.get(finder.parent_of.get(f.subject) or "")) is not None \
                and (f.indicator in measure or measure in f.indicator):  # (GDP总量 and GDP: the same measure)
            out[i] = replace(f, scope=_CITY_FIELD)
    return out


def _among_peers(text: str, facts: list[Fact], norm_pos: Callable[[int], int]) -> list[Fact]:
    """The facts with each place among peers no words of its own name held among the peers of the evaluation or list
    the report named before it (在“2023中国…百强榜”中位列第一 → 中国…), and without the places still among no peers: a
    ranking whose field neither its words, nor the report's other places, nor an evaluation give (保持第1位, 拔得头筹)
    says only that something went well, and FACTS.md has a place always among peers written somewhere (``scope``)."""
    out: list[Fact] = []
    for f in facts:
        if isinstance(f, Ranking) and not f.scope:
            field = evaluation_field_before(text, norm_pos(f.end))
            if field is None:
                continue
            f = replace(f, scope=field)
        if isinstance(f, Ranking) and f.scope and (short := field_short(f.scope)) != f.scope:
            f = replace(f, scope=short)
        out.append(f)
    return out


def _body_end(norm: NormText, raw_body_end: int | None) -> int:
    """Where the article body ends in the normalised text (before an e-paper trailer)."""
    return len(norm.text) if raw_body_end is None else norm.norm_pos(raw_body_end)


def _numbers_written_elsewhere(text: str, para: Span) -> bool:
    """Whether every number of a headline is written elsewhere in the text too: then its figures
    are the body's (most titles), and reading it would only find facts dropped as restated."""
    numbers = _CONTEXT.digits.findall(text, para.start, para.end)
    return bool(numbers) and all(text.find(n, para.end) >= 0 or text.rfind(n, 0, para.start) >= 0 for n in numbers)


def _not_restated(heads: list[RuleFact], body: list[RuleFact]) -> list[RuleFact]:
    """The facts of headlines that the body does not state again (FACTS.md: a headline repeating a
    figure of the body is annotated once, from the body; a title's own figure is a fact). A figure
    is stated again when its number is any number of the body (15个亿元项目 beside 签约亿元项目15个),
    or when it is a milestone the body passes with an exact figure (超1500亿元 beside 1523.4亿元)."""
    if not heads:
        return []  # (most reports: every headline number is written again in the body, none was read)
    numbers = {n for f in body for n in _numbers(f)}
    levels = [f for f in body if isinstance(f, Indicator) and f.value is not None]
    out: list[RuleFact] = []
    for f in heads:
        own = _numbers(f)[:1]
        if not own or own[0] in numbers or _passed_milestone(f, levels) or _rounds_a_figure(f, levels) \
                or _projects_rounded(f, body):
            continue
        numbers.add(own[0])  # (a title and its kicker saying the same: once)
        out.append(f)
    return out


def _projects_rounded(f: RuleFact, body: list[RuleFact]) -> bool:
    """十余个项目集中开工 (总投资超50亿元) in a headline, 本次集中开工项目13个,总投资52亿元 in the body: the body's
    projects of that stage, their count or investment rounded down to a milestone (余, 多, 超) or about (近, 约);
    so is an investment the headline names alone (重大项目集中签约 总投资逾80亿元 beside 总投资81.6亿元)."""
    if isinstance(f, Indicator) and f.qualifier in _MILESTONE_QUALIFIERS and f.value is not None \
            and f.name.endswith(_INVESTMENT_WORDS):
        restates = _rounds if f.qualifier == _APPROX else _passes
        return any(isinstance(g, Projects) and g.investment is not None and g.currency == f.unit
                   and restates(f.value, g.investment) for g in body)
    if not isinstance(f, Projects) or f.qualifier not in _MILESTONE_QUALIFIERS:
        return False
    restates = _rounds if f.qualifier == _APPROX else _passes
    for g in body:
        if isinstance(g, Projects) and g.stage == f.stage and g.qualifier is None \
                and any(a is not None and b is not None and restates(a, b)
                        for a, b in ((f.count, g.count), (f.investment, g.investment))):
            return True
    return False


def _numbers(f: RuleFact) -> list[Decimal]:
    """The numbers a fact states, its main one first (a value, a count, a place, else a change)."""
    if isinstance(f, Indicator):
        change = [x for x in (f.change.pct, f.change.pp, f.change.abs) if x is not None] if f.change else []
        return [f.value, *change] if f.value is not None else change
    if isinstance(f, Projects):
        return [x for x in (f.count, f.investment, f.min_investment) if x is not None]
    return [Decimal(f.rank)] if f.rank is not None else []


def _rounds_a_figure(f: RuleFact, levels: list[Indicator]) -> bool:
    """近170亿元 in a headline, 169.85亿元 in the body: the exact figure, rounded (about, within a few percent)."""
    return isinstance(f, Indicator) and f.qualifier == _APPROX and _any_level(f, levels, _rounds)


def _passed_milestone(f: RuleFact, levels: list[Indicator]) -> bool:
    """超1500亿元 in a headline, 1523.4亿元 in the body: the milestone the exact figure passes."""
    return isinstance(f, Indicator) and f.qualifier in _MILESTONE_QUALIFIERS and _any_level(f, levels, _passes)


def _any_level(f: Indicator, levels: list[Indicator], restates: Callable[[Decimal, Decimal], bool]) -> bool:
    """Whether a level of ``levels`` in ``f``'s unit is the exact figure ``f``'s value ``restates``."""
    return f.value is not None and any(g.unit == f.unit and g.value is not None and restates(f.value, g.value)
                                       for g in levels)


def _rounds(value: Decimal, exact: Decimal) -> bool:
    """Whether ``value`` is ``exact`` rounded: within a few percent of it (近170亿元 for 169.85亿元)."""
    return abs(exact - value) <= value * _ROUNDING


def _passes(value: Decimal, exact: Decimal) -> bool:
    """Whether ``value`` is a milestone ``exact`` passes, not far above it (超1500亿元 for 1523.4亿元)."""
    return value <= exact < value * _MILESTONE_SPAN


# How far above a milestone (突破, 超, 近) the exact figure it restates may lie.
_APPROX = "approx"
_NAMED_RULE = "projects.named.v1"
_ROUNDING = Decimal("0.03")  # (how far a headline's round figure may stand from the body's exact one)
_MILESTONE_SPAN = Decimal("1.5")
_MILESTONE_QUALIFIERS = ("at_least", "approx")


def _milestones_passed(facts: list[RuleFact]) -> list[RuleFact]:
    """The facts without a milestone the exact figure of the same measure passes (实际到位外省资金突破700
    亿元,累计实现702.76亿元: the 702.76亿元 only; FACTS.md)."""
    levels: dict[tuple[str, str | None], list[Indicator]] = {}
    for g in facts:
        if isinstance(g, Indicator) and g.value is not None and g.qualifier is None:
            levels.setdefault((g.name, g.period), []).append(g)
    if not levels:
        return facts
    return [f for f in facts if not (isinstance(f, Indicator) and f.qualifier is not None
                                     and _passed_milestone(f, levels.get((f.name, f.period), [])))]


def _projects_once(facts: list[RuleFact]) -> list[RuleFact]:
    """The facts without a count of projects restated with its investment (当天共有16个重点项目集中开工,
    总投资21.17亿元 … 本次集中开工的重点项目共16个,总投资21.17亿元): the same projects, given once."""
    # (two named projects of the same money are two projects: 甲项目,总投资6亿元;乙项目,总投资6亿元)
    out = _first_of_each(facts, lambda f: (f.stage, f.count, f.investment, f.min_investment, f.currency, f.period)
                         if isinstance(f, Projects) and f.count is not None and f.investment is not None
                         and f.rule != _NAMED_RULE else None)
    exact = [f for f in out if isinstance(f, Projects) and f.investment is not None and f.qualifier is None]
    # (the kind written first is no other projects: 27个重大项目集中开工,开工项目总投资… 27个项目开工)
    counted: set[tuple[str | None, str, Decimal | None, str | None]] = {
        (f.subject, f.stage, f.count, f.category) for f in exact if f.count is not None and f.min_investment is None}
    kept = [f for f in out if not (exact and isinstance(f, Projects) and (
        _rounds_projects(f, exact) or _count_said_again(f, counted)))]
    return _counted_again_as_kind(kept)


_TWICE = 2  # (a fact counted again needs two)


def _counted_again_as_kind(facts: list[RuleFact]) -> list[RuleFact]:
    """186个重点产业项目完成投资近200亿元 … 186个重点项目完成投资198.6亿元: the same projects (same place, stage,
    period, size and count, no money either time) counted again under a kind that opens the other's (重点, 重点产业) or
    none — once."""
    if sum(isinstance(f, Projects) for f in facts) < _TWICE:
        return facts  # (most reports: fewer than two projects facts, none counted again)
    seen: dict[tuple[object, ...], list[str]] = {}
    out: list[RuleFact] = []
    for f in facts:
        if isinstance(f, Projects) and f.count is not None and f.investment is None:
            key = (f.subject, f.stage, f.period, f.count, f.min_investment, f.qualifier)
            kind = f.category or ""
            kinds = seen.setdefault(key, [])
            if any(kind.startswith(k) or k.startswith(kind) for k in kinds):
                continue
            kinds.append(kind)
        out.append(f)
    return out


def _first_of_each(facts: list[RuleFact], key_of: Callable[[RuleFact], tuple[object, ...] | None]) \
        -> list[RuleFact]:
    """``facts`` keeping the first of those with the same key (a fact whose key is None always stays)."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in facts:
        key = key_of(f)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        out.append(f)
    return out


def _count_said_again(f: Projects, counted: set[tuple[str | None, str, Decimal | None, str | None]]) -> bool:
    """总投资6.5亿元的12个项目集中开工 … 12个项目; 22个重大项目集中开工,总投资69.3亿元 … 今天集中开工的22个重大项目: the
    same projects (of the same place and stage, of no kind or the kind counted with their money) counted again without
    their money (no size, no qualifier of their own)."""
    if f.investment is not None or f.min_investment is not None or f.qualifier is not None:
        return False
    if f.category is not None:
        return (f.subject, f.stage, f.count, f.category) in counted
    return any(key[:3] == (f.subject, f.stage, f.count) for key in counted)


def _rounds_projects(f: Projects, exact: list[Projects]) -> bool:
    """24个项目现场签约,投资总额近160亿元 … 共集中签约24个项目,总投资达159.7亿元: the same projects, their
    investment rounded (近, 约) or a milestone it passes (超) — given once, with the exact figure."""
    if f.investment is None or f.qualifier not in _MILESTONE_QUALIFIERS:
        return False
    restates = _rounds if f.qualifier == _APPROX else _passes
    return any(g.stage == f.stage and g.count == f.count and g.currency == f.currency and g.investment is not None
               and restates(f.investment, g.investment) for g in exact)


def _rankings_once(facts: list[RuleFact]) -> list[RuleFact]:
    """The facts without a place said again (排名第1位的仍是昆山市,而这也是昆山市连续第7年居于榜首): the same
    holder, measure, field, place and period, given once (FACTS.md: a fact is annotated once); a place whose holder
    is unknown is never taken for another's, unless its very words are written again (a lede repeated below)."""
    return _first_of_each(facts, lambda f: (f.subject, f.indicator, f.scope, f.rank, f.top, f.bottom, f.period,
                                            f.qualifier, None if f.subject is not None else f.quote)
                          if isinstance(f, Ranking) else None)


def _measured(ctx: DocContext, facts: list[RuleFact]) -> list[RuleFact]:
    """The facts, each naming what it measures.

    An indicator named by nothing, by a whole or by a place alone (a table's row read with no measure found for it,
    全 市; 东部70个) goes: a figure of nothing is of no use to a reader, and annotators keep none (none of 68 in the
    work halves was right); so does a figure that is no place's (:func:`_a_places_figure`). A place ranked by nothing
    written takes the evaluation its sentence wraps it in (在2023年度考核评价中,该区…名列第一) or the report named
    before it, else goes (2 of 1,777 annotated places have no measure; of 61 such places in the measure halves none
    was right), unless it is a goal. A place whose measure is a fragment (都, 此排), words of no measure or of who
    published a list goes (35 such in the annotated halves, one right); one following the place before (紧随其后)
    is in that place's measure.
    """
    out: list[RuleFact] = []
    last: Ranking | None = None
    for f in facts:
        if isinstance(f, Indicator) and not _a_places_figure(ctx, f):
            continue
        if isinstance(f, Ranking):
            ranked = _ranking_measured(ctx, f, last)
            if ranked is None:
                continue
            f = last = ranked
        out.append(f)
    return out


def _a_places_figure(ctx: DocContext, f: Indicator) -> bool:
    """Whether an indicator is a figure of the place it is given to: it names a measure, it is not the money of projects
    at a level (项目总投资, 计划总投资), and it is not places counted under a name not of seats, nor the size of the one
    project named right after it (both read from where the figure ends)."""
    if not _names_a_measure(ctx, f.name, level=f.value is not None):
        return False
    text, end = ctx.norm.text, ctx.norm.norm_pos(f.end)
    return _counts_no_places(text, end, f) and _CONTEXT.project_sized_next.match(text, end) is None


def _ranking_measured(ctx: DocContext, f: Ranking, last: Ranking | None) -> Ranking | None:
    """A place with what it is ranked in made whole (the measure of the place before it follows, the evaluation
    wrapping it when none is written), or None when it is no place of anyone's: read from inside a group's name, or
    ranked in words read wrongly as a measure."""
    if last is not None and (f.indicator or "").strip() in _FOLLOWING:
        f = replace(f, indicator=last.indicator)  # (乙县紧随其后为第55名: in the measure of the place before)
    if f.qualifier == _TARGET:
        return f  # (以跨进…三十强为目标: a goal of the place's, with or without a measure)
    if _group_named_on(ctx, f):
        return None
    if not _names_a_ranked_measure(f.indicator):
        # (words read wrongly as the measure, 都, 发布资料勾勒出: no evaluation stands for them; it may for none)
        evaluation = None if (f.indicator or "").strip() else _evaluation_wrapping(ctx.norm, f.start)
        if not evaluation:
            return None
        f = replace(f, indicator=evaluation)
    return f


def _evaluation_wrapping(norm: NormText, raw_pos: int) -> str | None:
    """在2023年度考核评价中,|该区…名列第一: the evaluation a clause of its sentence before the place at ``raw_pos`` (an
    offset of the original text) wraps it in, named without its year, else the evaluation the report named before it
    (2023年度综合考核评价结果公布。…); None when there is none."""
    text, pos = norm.text, norm.norm_pos(raw_pos)
    start = max(text.rfind(mark, 0, pos) for mark in _SENTENCE_ENDS) + 1
    found = _CONTEXT.evaluation_wrapper.search(text, start, pos)
    return found.group("evaluation") if found is not None else evaluation_before(text, pos)


def _names_a_ranked_measure(measure: str | None) -> bool:
    """Whether a place's measure names one: more than a character (a fragment cut from the words: 都, 作), more than
    words of no measure (其, 此, 常年…: :data:`names.measureless_rest`), and no words telling who published a list
    (赛迪顾问发布资料勾勒出, 被称为民间版的).

    >>> _names_a_ranked_measure("地区生产总值"), _names_a_ranked_measure("都"), _names_a_ranked_measure(None)
    (True, False, False)
    """
    bare = (measure or "").strip()
    return len(bare) > 1 and _NAMES.measureless_rest.match(bare) is None \
        and _CONTEXT.publishing_inside.search(bare) is None


def _group_named_on(ctx: DocContext, f: Ranking) -> bool:
    """Whether a place read from a top-N group stops inside the group's name, which the words go on naming
    (测算形成全国综合竞争力百强|县(市)榜单, 以创建全国百强|县为统领, 进入…百强|候选库, 百强|县第5位): the group is a
    noun of the sentence, no place of anyone's (1 of 25 such right in the work halves); a goal (以跨进…三十强|为目标)
    is one of the place's: the caller keeps goals before asking."""
    text, end = ctx.norm.text, ctx.norm.norm_pos(f.end)
    return text.endswith(_STRONG, 0, end) and end < len(text) and is_cjk(text[end])


def _counts_no_places(text: str, end: int, f: Indicator) -> bool:
    """Whether a figure ending at ``end`` (of the normalised text) is anything but places counted under a name not of
    seats (甲市下辖…2个|市辖区, 其他2个|县(市、区), 甲市共3个|区入选): what such a count names is read from words before
    it that name no measure; places on a list counted as seats (18个县市上榜 → 百强县席位) stay. (A figure sizing the
    one project named after it, 总投资20亿元|的甲乙丙项目, is tested by the caller with :data:`context.
    project_sized_next`.)"""
    return f.unit != _COUNT or f.name.endswith(_SEAT) or _CONTEXT.places_counted_next.match(text, end) is None


def _names_a_measure(ctx: DocContext, name: str, *, level: bool) -> bool:
    """Whether a name names a measure: something written, not a whole alone (全 市, 我区), nor a place alone (广州,
    东部: a place's figure whose measure was not found) — a kind of zone alone (省级开发区) may name a count of such
    zones —, nor, at a ``level``, the total investment of projects alone or named as theirs or their plan's (总投资,
    项目总投资10亿元: the projects' money, not the place's; its growth may be a place's: 项目个数、总投资分别增长…),
    nor how long something lasted (连续18个月保持|20%以上: a threshold held over the span), nor a verb of moving alone
    (由年初负增长24%|收窄至|负增长1%: the growth the clause gave already), nor the design of an evaluation (一级指标4个,
    实际得分×90%)."""
    bare = "".join(name.split())
    if not bare or bare in _WHOLES or bare in _REGIONS or bare.endswith(_WEIGHT) \
            or (level and (bare in _PROJECTS_TOTALS or bare in _PLANNED_TOTALS)) \
            or _CONTEXT.measureless_name.fullmatch(bare):
        return False
    place = ctx.finder.entity_named(bare)
    return place is None or place.endswith(_ZONE_ENDS)


def _indicators_once(facts: list[RuleFact]) -> list[RuleFact]:
    """The facts without a figure said again in the body (a lede's sentence repeated word for word further down:
    1至9月,全省招商引资签约金额5230.6亿元,同比增长18.7%): the same holder, measure, period, level, change, qualifier
    and parent, given once (FACTS.md: a fact is annotated once)."""
    seen: dict[tuple[str, Decimal | None, str | None], list[Indicator]] = {}
    out: list[RuleFact] = []
    for f in facts:
        if isinstance(f, Indicator):
            # (a cheap key first: most indicators share no name, level and period with another)
            same = seen.setdefault((f.name, f.value, f.period), [])
            if any(_said_again(f, g) for g in same):
                continue
            same.append(f)
        out.append(f)
    return out


def _summaries_dated(facts: list[RuleFact]) -> list[RuleFact]:
    """The facts without a summary's figure given again where its period is said (●营业收入13977.46亿元 over
    the body's 上半年实现营业收入13977.46亿元,同比增长28.09%): a level with no period and no change, of the same holder,
    name, unit and value as a level the report dates, is that one, given once where the period is."""
    dated = {(f.subject, f.name, f.unit, f.value) for f in facts
             if isinstance(f, Indicator) and f.value is not None and f.period is not None}
    if not dated:
        return facts
    return [f for f in facts if not (isinstance(f, Indicator) and f.period is None and f.change is None
                                     and (f.subject, f.name, f.unit, f.value) in dated)]


def _changes_once(facts: list[RuleFact]) -> list[RuleFact]:
    """The facts without a growth said again on its own of a figure given before (第一产业增加值217.3亿元,同比增长4.7%
    … 第一产业同比增长4.7%,高于全市…): a change alone of the same holder, period and change as an earlier indicator
    whose name opens with its name, given once (whatever parent a breakdown gave it the second time)."""
    seen: dict[tuple[str | None, str | None, Change], list[Indicator]] = {}
    out: list[RuleFact] = []
    for f in facts:
        if isinstance(f, Indicator) and f.change is not None:
            same = seen.setdefault((f.subject, f.period, f.change), [])
            if f.value is None and any(g.name.startswith(f.name) for g in same):
                continue
            same.append(f)
        out.append(f)
    return out


def _said_again(f: Indicator, g: Indicator) -> bool:
    """Whether ``f`` says what ``g`` said (of the same name, level and period): the same holder, unit, change,
    qualifier and parent."""
    return (f.subject, f.unit, f.change, f.qualifier, f.parent) == (g.subject, g.unit, g.change, g.qualifier, g.parent)


def _dedupe(facts: list[RuleFact]) -> list[RuleFact]:
    """The facts without repeats (the same figure read twice by two rules)."""
    spans: dict[tuple[str, int, int], list[RuleFact]] = {}
    out = []
    for f in facts:
        same_span = spans.setdefault((f.type, f.start, f.end), [])
        # most facts have a span of their own: the fields are compared only when one is shared
        if same_span and any(_same_statement(f, g) for g in same_span):
            continue
        same_span.append(f)
        out.append(f)
    return out


def _same_statement(a: RuleFact, b: RuleFact) -> bool:
    """Whether two facts of one type and span say the same (read twice by two rules)."""
    return all(getattr(a, k, None) == getattr(b, k, None) for k in _DEDUPE_FIELDS)


# What tells apart two facts of one type and span: the same figure read twice differs in none of these.
_DEDUPE_FIELDS = ("name", "indicator", "value", "change", "rank", "subject", "period")
