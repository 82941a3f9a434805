"""Figures given as a list: 分别/依次 pairs them in order with the names or levels before them.

* 甲、乙、丙分别完成10亿元、20亿元、30亿元: one level per listed name;
* 分别为120亿元、150亿元,分别增长6.1%、7.2%: the changes pair with the levels just given;
* 甲、乙、丙均增长12%: one change for each listed measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from zhibiao.extract.backoff import measure_named_between
from zhibiao.extract.changes import basis_of, change_of
from zhibiao.extract.figures import Fig
from zhibiao.extract.indicators import (
    against_named_year,
    attach_change,
    change_role,
    level_role,
    name_at,
    new_indicator,
    place_growth_in_brackets,
    projects_and_levels_changes,
    projects_changes,
    projects_named_before,
    projects_share_names,
    share_role,
)
from zhibiao.extract.names import Name, name_positions, split_names, strip_chars, topic_before
from zhibiao.extract.periods import find_periods, period_string
from zhibiao.extract.projects import (
    is_investment_name,
    listed_count,
    mentions_projects,
    project_count,
    projects_named,
)
from zhibiao.extract.quantities import parse_number
from zhibiao.extract.rankings import listed_places, places_moved_in_turn, seats_listed
from zhibiao.extract.state import Sentence
from zhibiao.lexicon import Shapes, Words, WordSets, word, words
from zhibiao.model import Indicator, Projects

__all__ = ["all_alike", "list_role", "places_alike"]

_LISTS = Shapes("lists")
_PROJECTS = Shapes("projects")
_INDICATORS_SHAPES = Shapes("indicators")
_NAMES = Shapes("names")
_NAME_WORDS = Words("name")
_HOLDER_HEADS = tuple(_NAME_WORDS.holder_heads)
_QUARTER_WORD = str(_NAME_WORDS.quarter_word)  # (the gate of quarters counted)
_QUARTERS, _MONTHS_A_QUARTER = 4, 3
_SHARE_WORDS = Words("share")
_RANKING_SETS = WordSets("ranking")
_ENTITY_SETS = WordSets("entity")
_SEAT_UNIT = word("ranking", "seat_unit")
_GROWTH_WORD = word("name", "growth_word")  # (增速)
_MIN_PLACE, _MAX_PLACE = 2, 8  # (the length of a place a list names that the gazetteer lacks: 城区, 东部片区)

# How far before the names of a list a rate figure may end and still bound them (…%、甲、乙分别…).
_RATE_FIGURE_WIDTH = 8
_COUNT = "count"
_COUNT_AND_MONEY = 2  # (项目数和投资额分别为56个和218亿元: a count and an investment)
_FEWEST_LISTED = 2  # (the fewest items a list of measures names)
_UNKNOWN_SHARE = 3  # (at most one place in this many of a list may be a short name the gazetteer does not know)
_SHORT_PLACE = 2  # (how long a place's short name is: 南岸 for 南岸区)
_MONEY = "money"
_CNY = "CNY"
_PERCENT = "percent"
_PERCENT_UNIT = "%"
_BRACKET_CLOSE = ")"  # (甲(4.6%): a figure alone in brackets after its place)
_RATE_HEADS = tuple(Words("ranking").growth_names)  # (增速, 增幅, 增长率: a measure named as its growth rate)
_COMMA = ","
_CLAUSE_ENDS = " ,:"
# How far before a list's first place its 分别为: may stand.
_RESPECTIVELY_WIDTH = 5
_JUDGING_WORDS = (*words("name", "judging_subjects"), *words("name", "judgements"))
# How far before a paragraph the growth given last may stand and still name the measure of places listed with a rate.
_GROWTH_REACH = 400


def list_role(s: Sentence, group: list[Fig], region_start: int) -> None:
    """Pair a list of figures with the levels just given, or the names written before them."""
    text, sent = s.text, s.ctx.span
    first = group[0]
    lead = first.lead if first.lead is not None else first.start
    if _read_by_places(s, group, region_start):
        return
    if first.amount.unit == _COUNT and (_projects_per_place(s, group) or _parts_per_place(s, group)
                                        or seats_listed(s, group, region_start)):
        return
    if first.amount.kind == _MONEY and _investments_in_order(s, group, region_start):
        return
    if first.role == "change" and _changes_against(s, group, region_start):
        return
    m = _LISTS.respectively.search(text, region_start, lead) or (
        # (甲、乙等县完成投资额较大,分别为:|500亿元、…: the colon closed the clause of the names before the figures')
        _LISTS.respectively_places.search(text, max(sent.start, region_start - _RESPECTIVELY_WIDTH), region_start))
    names_end = m.start() if m else lead
    if _paired_back(s, group, region_start, names_end):
        return
    seg_start = max(text.rfind(";", sent.start, names_end) + 1, sent.start)
    if _LISTS.respectively.search(text, seg_start, first.start) and (
            _by_years(s, group, seg_start, names_end) or _by_periods(s, group, seg_start, names_end)):
        return
    start = max(seg_start, _last_value_end(s), _last_rate_end(text, seg_start, names_end))
    if _places_then_measure(s, group, start, names_end) or _judged_then_measure(s, group, start, names_end):
        return
    region = text[start:names_end]
    group = _growths_of_places(s, group, region)  # (…同比增长5.1%,其中甲县、乙县分别为6.2%、6.1%: places' growths)
    first = group[0]
    rates = _LISTS.rate_head_end.search(region) if first.role == "level" and first.amount.kind == _PERCENT else None
    if rates is not None:  # 矿产加工业和电子信息增幅最大,分别为22.5%和21.6%: the growth of each measure listed
        region = region[:rates.start()].rsplit(_COMMA, 1)[-1]  # (分行业看,|甲和乙: the clause of the names)
        group = [f.read_as("change", change=change_of("yoy", f.amount, 1), lead=f.lead) for f in group]
    names = _names_of_list(s, region, group, m.end() if m is not None else None)
    if names is None or all(_only_a_period(n) for n in names):
        _one_by_one(s, group, region_start)  # not an enumeration of measures after all (一季度、二季度…)
        return
    starts = name_positions(region, start, names)
    if _projects_listed(s, group, names, starts) \
            or (m is not None and _kinds_with_projects(s, group, names, starts, text[m.start():first.start])):
        return
    # 甲、乙的规模分别占全国的17%、50%: each share is of the same whole
    whole = _LISTS.share_target.search(text, names_end, first.start) if first.role == "share" else None
    of = _SHARE_WORDS.mark + strip_chars(whole.group(1)) if whole and strip_chars(whole.group(1)) else ""
    made = _items_made(s, names, starts, group, of, among=_NAME_WORDS.among in text[sent.start:start])
    s.state.current = made[-1]
    # 分别为120亿元、150亿元,分别增长6.1%、7.2%: the changes that follow pair with these levels
    s.state.pending = made if first.role in ("level", "share", "change") else []


def _items_made(s: Sentence, names: list[str], starts: list[int], group: list[Fig], of: str, *,
                among: bool) -> list[Indicator]:
    """One indicator for each name of a list and its figure; ``of``: the whole each share is of; ``among``: a 其中
    opens the sentence before the list (its places' figures are parts of the whole)."""
    places = _places_named(s, names)
    held = _places_holding(s, group[0]) if places is not None else None
    counted = group[0].amount.unit == _COUNT
    made = []
    for k, (name, name_start, f) in enumerate(zip(names, starts, group, strict=True)):
        share = f.role == "share"
        label = held if held is not None else name + (of if share else "")
        ind = new_indicator(s, Name(label, name_start), f, value=f.role in ("level", "share"), share=share)
        if f.role == "change":
            ind.change = f.change
        if places is not None and (held is not None or not (share or counted)):
            # (甲县、乙县和丙区分别为650亿元: the places hold the measure just named; with none named, each place's
            # figure is named by the place alone, the measure then read from its context: backoff; but 省级开发区、
            # 市级开发区分别为1个、2个: kinds of zones, shaped as places' names, are what a count counts)
            ind.subject = places[k]
        if held is not None and not among:
            ind.parent = None  # (分县区看,甲县、乙县分别增长…: a place's figure of the measure, no part of it)
        made.append(ind)
    return made


def _shares_of_projects(s: Sentence, group: list[Fig]) -> bool:
    """项目19个,总投资276亿元,占比分别为17.4%、26.8%: two shares right after the projects just counted, the count's and
    the investment's (项目数占比, 项目投资占比); False when no projects were just counted so."""
    names = projects_share_names(s, group[0], len(group))
    if names is None:
        return False
    made = [new_indicator(s, Name(name, group[0].start), f, share=True) for name, f in zip(names, group, strict=True)]
    s.state.current, s.state.pending = made[-1], made
    return True


def _shares_of_listed(s: Sentence, group: list[Fig], region_start: int) -> bool:
    """皖北、皖中、皖南地区生产总值分别增长5.5%、6.1%、4.9%,占全省地区生产总值的比重分别为31.2%、45.6%、23.2%: shares
    written with no name of their own right after one figure for each of several places: each place's share of that
    whole, named as the measure of the places' figures and the share (地区生产总值占全省地区生产总值的比重)."""
    pending, first = s.state.pending, group[0]
    if len(pending) != len(group) or len(group) < _FEWEST_LISTED or first.amount.kind != _PERCENT \
            or _SHARE_WORDS.mark not in s.text[region_start:first.start]:
        return False  # (plain checks first: most lists follow no places' figures)
    m = _LISTS.share_of_listed.match(s.text, region_start, first.lead if first.lead is not None else first.start)
    places = [p.subject for p in pending]
    if m is None or None in places or len(set(places)) != len(places) \
            or any(s.ctx.doc.norm_pos(p.start) < s.ctx.span.start for p in pending):
        return False
    made = []
    for p, f in zip(pending, group, strict=True):
        ind = new_indicator(s, Name(p.name + m.group("share"), m.start("share")), f, share=True)
        ind.subject, ind.parent = p.subject, None
        made.append(ind)
    s.state.current, s.state.pending = None, made
    return True


def _names_pulled(s: Sentence, region: str, n: int, pulled: str) -> list[str] | None:
    """…分别拉动经济增长1.64、2.4和2.43个百分点: each item pulling, named with the measure after the verb; the items are
    those the region names (三次产业 → 第一产业, …) or, when it names none, those of the list just given
    (三次产业贡献率分别为…,分别拉动… → the three industries again)."""
    items = split_names(region, n) if strip_chars(region) else _items_again(s.state.pending, n)
    return None if items is None else [item + pulled for item in items]


def _names_of_list(s: Sentence, region: str, group: list[Fig], after: int | None) -> list[str] | None:
    """The names of the figures of a list, from the words before them (``after``: where 分别 ends, if written)."""
    first = group[0]
    pulled = _LISTS.pulled_measure.fullmatch(s.text, after, first.start) if after is not None else None
    names = _names_pulled(s, region, len(group), pulled.group(0)) if pulled else split_names(region, len(group))
    measure = strip_chars(region)
    if names is None and measure and _NAME_WORDS.list_mark not in measure \
            and (items := _items_again(s.state.pending, len(group))) is not None:
        names = [item + measure for item in items]  # (…分别增长…,|对经济增长的贡献率分别为…: each item's again)
    if names is not None and after is not None and first.role in ("level", "share"):
        names = _holders_measured(s, names, after, first.start)
    return names


def _holders_measured(s: Sentence, names: list[str], after: int, first: int) -> list[str]:
    """省重点项目、市重点项目分别完成投资…, 甲产业、乙产业分别实现经济规模…: items that hold a measure and are none,
    each named with the measure written after 分别 (完成 kept: 完成年度投资目标); the names as they were otherwise."""
    head = next((h for h in _HOLDER_HEADS if names[-1].endswith(h)), None)
    held = _LISTS.held_measure.fullmatch(s.text, after, first) if head is not None else None
    if held is None or head is None:
        return names
    measure = (held.group("done") or "") + held.group("measure")
    # (半导体、新能源产业: the head written once, at the end, is every item's; 40个省重点项目: the count no part of it)
    names = [_NAMES.leading_count.sub("", n) or n for n in names]
    return [(n if n.endswith(_HOLDER_HEADS) else n + head) + measure for n in names]


def _items_again(pending: list[Indicator], n: int) -> list[str] | None:
    """The items of the ``n`` measures just listed: the three industries when those are what they measure
    (第一产业贡献率, … → 第一产业, …: the industry pulls, not its share), else the measures themselves (工业投资、民间
    投资分别增长…,分别拉动…); None when fewer were listed."""
    names = [p.name for p in pending[-n:]]
    if len(names) != n or n < _FEWEST_LISTED:
        return None
    parts = _NAME_WORDS.industries
    if len(parts) == n and all(x.startswith(part) for x, part in zip(names, parts, strict=True)):
        return list(parts)
    return names


def _projects_listed(s: Sentence, group: list[Fig], names: list[str], starts: list[int]) -> bool:
    """Counts paired with projects named in a list: 签约、开工、投产项目分别为32个、25个、12个 (the noun written once,
    after the last), 新签约项目、新开工项目分别达到32个、25个 — one projects fact each; 签约项目数和投资额分别为56个和
    218亿元 — the projects' count and their investment, one fact."""
    first = group[0]
    if first.amount.unit != _COUNT or not names:
        return False
    if len(group) == _COUNT_AND_MONEY and group[1].amount.kind == _MONEY and mentions_projects(names[0]) \
            and _LISTS.money_name.match(names[1]):
        listed_count(s, names[0], starts[0], first, investment=group[1])  # (项目数和投资额: one fact)
        return True
    if not mentions_projects(names[-1]) or any(f.amount.unit != _COUNT or f.role != "level" for f in group):
        return False
    if not all(mentions_projects(n) or _LISTS.stage_only.fullmatch(n) for n in names):
        return False
    for name, start, f in zip(names, starts, group, strict=True):
        listed_count(s, name, start, f)
    return True


def _kinds_with_projects(s: Sentence, group: list[Fig], names: list[str], starts: list[int], after: str) -> bool:
    """农业、消费品工业、新材料等产业分别签约项目137个、56个、31个: kinds listed before 分别 and projects at a stage
    after it — each kind's projects at that stage, one projects fact each (the kind their category); places listed so
    are :func:`_projects_per_place`'s."""
    if any(f.amount.unit != _COUNT or f.role != "level" for f in group):
        return False
    m = _LISTS.kinds_projects_after.fullmatch(after)
    if m is None or _PROJECTS.stage_words.search(m.group("verb")) is None \
            or any(s.ctx.doc.finder.entity_named(n) is not None for n in names):
        return False
    for name, start, f in zip(names, starts, group, strict=True):
        listed_count(s, m.group("verb") + name + m.group("noun"), start, f)
    return True


def _changes_against(s: Sentence, group: list[Fig], region_start: int) -> bool:
    """A list of changes of the figures just given, against the baselines or years listed before them."""
    text, first = s.text, group[0]
    if projects_and_levels_changes(s, group, region_start):
        return True  # (项目526个,总投资5059亿元、年度投资1729亿元,分别比去年增加81个、697亿元、327亿元: one each)
    if _LISTS.baselines.match(text, region_start, first.start) \
            and (target := s.state.current or projects_named_before(s)) is not None:
        # 增长8%,比全省、全市分别高2、1.4个百分点: the figure just named, against each baseline (亿元以上项目452个,
        # 比2011年、2012年分别增加205个、88个: the count of the projects just given)
        years = _LISTS.baseline_year.findall(text, region_start, first.start)
        for f in _against_years(target, _against_each(text, group, region_start, years), years):
            made = attach_change(s, target, f)
            if made is not target:
                made.period = target.period  # (高于上年同期、2017年全年…: the years compared with are no period of it)
        return True
    # (签约项目88个,合同引资158亿元,同比分别增长80%和114%: the count's growth, the investment's)
    return _measure_against_years(s, group, region_start) or projects_changes(s, group, region_start)


def _against_each(text: str, group: list[Fig], region_start: int, years: Sequence[str]) -> list[Fig]:
    """增速分别高于上年同期、2017年全年0.1个和0.9个百分点: points against baselines listed, each against its own (the
    same period of last year year on year, any other baseline another); the figures as read when each baseline is a
    year (:func:`_against_years` reads those) or the baselines are not as many as the figures."""
    listed = _LISTS.baselines_listed.search(text, region_start, group[0].start)
    items = _LISTS.judged_split.split(listed.group("items")) if listed is not None else []
    if len(years) == len(group) or len(items) != len(group) \
            or any(f.change is None or f.change.pp is None for f in group):
        return group
    return [f.read_as("change", change=replace(f.change, basis=basis_of(item, default="other")), lead=f.lead)
            if f.change is not None else f for item, f in zip(items, group, strict=True)]


def _against_years(current: Indicator, group: list[Fig], years_written: Sequence[str]) -> list[Fig]:
    """比2011年、2012年分别增加50亿元、20亿元 (of 2013): each change against its year, year on year only against
    the year before the figure's (else basis other); the changes as read when the baselines are no years."""
    years = [int(y) for y in years_written]  # (baselines: find_periods leaves them)
    if current.period is None or not current.period[:4].isdigit() or len(years) != len(group):
        return group
    year = int(current.period[:4])
    return [f.read_as("change", change=replace(f.change, basis="yoy" if y == year - 1 else "other"), lead=f.lead)
            if f.change is not None else f for y, f in zip(years, group, strict=True)]


def _measure_against_years(s: Sentence, group: list[Fig], region_start: int) -> bool:
    """亿元以上项目个数比2011年、2012年分别增加205个、88个: a measure named with no level of its own, changed
    against each year listed; each change its own fact under that name (at most one change per fact). A later
    clause's 10亿元以上项目分别增加29个、11个 is against the same years."""
    text, first = s.text, group[0]
    m = _LISTS.baselines.search(text, region_start, first.start)
    if m is not None and m.start() > region_start:
        years = tuple(_LISTS.baseline_year.findall(text, m.start(), first.start))
        names_end = m.start()
    elif m is None and len(s.state.baseline_years) == len(group) \
            and (resp := _LISTS.respectively.search(text, region_start, first.start)) is not None:
        years, names_end = s.state.baseline_years, resp.start()
    else:
        return False
    name = name_at(s, region_start, names_end)
    if len(years) != len(group) or not name.text or _only_a_period(name.text):
        return False
    made = [new_indicator(s, name, f, value=False) for f in group]
    for ind, f in zip(made, _against_years(made[0], group, years), strict=True):
        ind.change = f.change
    s.state.current = made[-1]
    s.state.baseline_years = years
    return True


def _projects_per_place(s: Sentence, group: list[Fig]) -> bool:
    """甲、乙、丙分别新开工建设亿元以上项目15个、6个、6个: the places listed before 分别, each with its
    count of the projects named after it (their stage, size class and kind), in order."""
    text, first = s.text, group[0]
    clause = max(text.rfind(",", s.ctx.span.start, first.start) + 1, s.ctx.span.start)
    resp = _LISTS.respectively.search(text, clause, first.start)
    if resp is None or not mentions_projects(text[resp.end():first.start]):
        return False
    # 送桥镇(含光电产业园)、车逻镇等乡镇、园区: asides and the kinds the list closes with are no places
    places = listed_places(s, _LISTS.kinds_tail.sub("", _NAMES.aside.sub("", text[clause:resp.start()])))
    if places is None or len(places) != len(group):
        return False
    made = len(s.log.facts)
    project_count(s, first, resp.end(), None)
    if len(s.log.facts) != made + 1 or not isinstance(whole := s.log.facts[-1], Projects):
        return False
    whole.subject = places[0]
    for place, f in zip(places[1:], group[1:], strict=True):
        p = replace(whole, subject=place, count=f.amount.value, investment=None)
        s.ctx.doc.set_quote(p, f.start, f.end)
        s.log.add(p)
    return True


def _parts_per_place(s: Sentence, group: list[Fig]) -> bool:
    """集中开工项目42个,甲区、乙区、丙区分别为12个、8个、6个: the projects just counted in the sentence, then the
    places listed before 分别 with no noun after it: each place's part of them, of their stage, size and kind."""
    text, first, whole = s.text, group[0], s.state.projects
    if whole is None or s.ctx.doc.norm_pos(whole.start) < s.ctx.span.start:
        return False  # (a plain check first: no projects counted before in the sentence)
    clause = max(text.rfind(_COMMA, s.ctx.span.start, first.start) + 1, s.ctx.span.start)
    resp = _LISTS.respectively.search(text, clause, first.start)
    if resp is None or not _LISTS.respectively_places.fullmatch(text, resp.start(), first.start):
        return False
    places = listed_places(s, _NAMES.aside.sub("", text[clause:resp.start()]))
    if places is None or len(places) != len(group):
        return False
    for place, f in zip(places, group, strict=True):
        p = replace(whole, subject=place, count=f.amount.value, investment=None, qualifier=f.qualifier)
        s.ctx.doc.set_quote(p, f.start, f.end)
        s.log.add(p)
        s.log.child_projects.add(id(p))
    return True


def _top_places(s: Sentence, group: list[Fig]) -> bool:
    """新开工项目数前三位的是甲区、乙市、丙县,分别是15个、12个、9个: the places at the top of a measure, then their
    figures in order after 分别: each place's figure of that measure — its projects when the measure counts them,
    else an indicator named after the measure."""
    text, first = s.text, group[0]
    sent = s.ctx.span.start
    clause = max(text.rfind(_COMMA, sent, first.start) + 1, sent)
    if clause == sent or not _LISTS.respectively.match(text, clause):
        return False
    before = max(text.rfind(_COMMA, sent, clause - 1) + 1, text.rfind(";", sent, clause - 1) + 1, sent)
    frame = _LISTS.top_places.search(text, before, clause)
    if frame is None:
        return False
    places = listed_places(s, frame.group("places"), ranked=True)
    if places is None or len(places) != len(group):
        return False
    measure, measure_start = frame.group("measure"), frame.start("measure")
    if first.amount.unit == _COUNT and mentions_projects(measure):
        made = len(s.log.facts)
        project_count(s, first, measure_start, None)
        if len(s.log.facts) != made + 1 or not isinstance(whole := s.log.facts[-1], Projects):
            return False
        whole.category, whole.subject = None, places[0]  # (the measure's words and the places name no kind)
        for place, f in zip(places[1:], group[1:], strict=True):
            p = replace(whole, subject=place, count=f.amount.value, investment=None)
            s.ctx.doc.set_quote(p, f.start, f.end)
            s.log.add(p)
        return True
    made_ind = []
    for place, f in zip(places, group, strict=True):
        ind = new_indicator(s, Name(measure, measure_start), f, value=f.role in ("level", "share"))
        ind.subject = place
        made_ind.append(ind)
    s.state.current = made_ind[-1]
    s.state.pending = []
    return True


def _investments_in_order(s: Sentence, group: list[Fig], region_start: int) -> bool:
    """(甲、乙分别签约项目12个、8个,)总投资分别为30亿元、20亿元: the investments of the projects just
    counted place by place, in order."""
    text = s.text
    if not _LISTS.respectively.search(text, region_start, group[0].start) \
            or not is_investment_name(_LISTS.respectively_tail.sub("", strip_chars(text[region_start:group[0].start]))):
        return False
    counted = s.log.projects[-len(group):]
    if len(counted) != len(group) or any(p.investment is not None or p.min_investment is not None for p in counted):
        return False
    for p, f in zip(counted, group, strict=True):
        p.investment, p.currency = f.amount.value, f.amount.unit or _CNY
        s.ctx.doc.extend_quote(p, f.end)
    return True


def _read_by_places(s: Sentence, group: list[Fig], region_start: int) -> bool:
    """The shapes of a list of figures read place by place (or share by share); True when one read it."""
    first = group[0]
    # (另外还有甲(4.6%)、乙(4.2%): each place's growth; 甲区、乙县…在全省…的排名分别比去年同期上升2、5个位次: each
    # place's move)
    return (first.amount.kind == _PERCENT and _growths_in_place_brackets(s, group, region_start)) \
        or places_moved_in_turn(s, group, region_start) \
        or (places_listed_from(s, region_start) and _by_places(s, group, region_start)) or _top_places(s, group) \
        or _places_before_bracket(s, group) or _shares_of_listed(s, group, region_start) \
        or (first.role == "share" and len(group) == 2 and _shares_of_projects(s, group))


def _growths_in_place_brackets(s: Sentence, group: list[Fig], region_start: int) -> bool:
    """另外还有甲(4.6%)、乙(4.2%)、丙(4.0%): percentages each alone in brackets after a place, each that place's growth
    of the measure whose growth was given last (:func:`place_growth_in_brackets`); False unless each is one."""
    if not all(s.text.startswith(_BRACKET_CLOSE, f.end) for f in group):
        return False
    starts = [region_start, *(f.end + len(_BRACKET_CLOSE) for f in group[:-1])]
    # (a list, not a generator: each item is read, even after one that is no place's)
    return all([place_growth_in_brackets(s, f, start) for f, start in zip(group, starts, strict=True)])


def _places_before_bracket(s: Sentence, group: list[Fig]) -> bool:
    """东部地区…领先于东北地区、中部地区和西部地区(分别为65.2、68.9和64.2): places listed before a bracket whose figures
    follow 分别为 hold each its figure of the level just given (a level of the same unit); False otherwise."""
    text, cur = s.text, s.state.current
    lo = max(s.ctx.span.start, group[0].start - _RESPECTIVELY_WIDTH)
    m = _LISTS.bracket_respectively.search(text, lo, group[0].start)
    if m is None or cur is None or cur.value is None or cur.unit != group[0].amount.unit:
        return False
    clause = max(text.rfind(_COMMA, s.ctx.span.start, m.start()) + 1, s.ctx.span.start)
    words = _LISTS.compared_lead.sub("", strip_chars(text[clause:m.start()]))
    places = listed_places(s, words) or _regions_listed(words)
    if places is None or len(places) != len(group):
        return False
    for place, f in zip(places, group, strict=True):
        ind = new_indicator(s, Name(cur.name, f.start), f)
        ind.subject = place
    return True


def _regions_listed(words: str) -> list[str] | None:
    """东北地区、中部地区和西部地区: the parts of the country a list names, None when an item is none."""
    items = _LISTS.region_list_split.split(words)
    return items if all(x in _RANKING_SETS.regions for x in items) else None


def _period_opening(words: str) -> int:
    """去年|皖北, 1-5月|邵阳: where the period opening ``words`` (after any spaces) ends; 0 when none opens them."""
    bare = words.lstrip()
    found = next((p for p in find_periods(bare) if p.pos == 0), None)
    return len(words) - len(bare) + found.end_pos if found is not None else 0


def _region_named(words: str) -> str | None:
    """皖北, 豫东, 东北地区: ``words`` when they name a region of the country or of a province (no gazetteer place,
    but a place a list of places may hold), else None."""
    m = _LISTS.region_opening.fullmatch(words)
    return words if m is not None else None


def _region_opening(words: str) -> tuple[str, int] | None:
    """皖南|高新技术产业产值, 西部地区|社会消费品零售总额: the region opening the last item of a list of places, and
    where its name ends; None when none does."""
    m = _LISTS.region_opening.match(words)
    return (m.group(0), m.end()) if m is not None else None


def places_listed_from(s: Sentence, region_start: int) -> bool:
    """Whether a list of places with their figures starts at ``region_start`` (right after 分别为:)."""
    lo = max(s.ctx.span.start, region_start - _RESPECTIVELY_WIDTH)
    return _LISTS.respectively_places.search(s.text, lo, region_start) is not None


def _by_places(s: Sentence, group: list[Fig], region_start: int) -> bool:
    """新签约项目287个,分别为:椿岭县46个、槿川县46个; 开工率分别为:苓江区91.4%、澄岗区87.2%: after
    分别为, each figure follows the place it is of: one fact per place, that place its subject — the
    projects counted before broken down (their stage and size class), or the measure named before."""
    places = _places_before(s, group, region_start)
    if places is None:
        return False
    resp = _LISTS.respectively.search(s.text, max(s.ctx.span.start, region_start - _RESPECTIVELY_WIDTH),
                                      region_start)
    if resp is None:
        return False
    clause = max(s.text.rfind(",", s.ctx.span.start, resp.start()) + 1, s.ctx.span.start)
    name = name_at(s, clause, resp.start())
    counts = all(f.role == "level" and f.amount.unit == _COUNT for f in group)
    whole = s.state.projects
    if whole is None and counts and mentions_projects(name.text) and not is_investment_name(name.text):
        # (新开工亿元以上工业项目数分别为,甲市95项…: those projects, place by place)
        whole = projects_named(s, name.text, group[0].start)
    if whole is not None and counts:
        for (place, start), f in zip(places, group, strict=True):
            p = replace(whole, subject=place, count=f.amount.value, investment=None, qualifier=None)
            s.ctx.doc.set_quote(p, start, f.end)
            s.log.add(p)
            s.log.child_projects.add(id(p))
        return True
    if not name.text and s.state.current is not None:  # 共外出招商137批次,分别为:苓江区24批次…: the figure just given
        name = Name(s.state.current.name, clause)
    if not name.text:
        return False
    made = []
    rate = next((h for h in _RATE_HEADS if name.text.endswith(h) and len(name.text) > len(h)), None)
    for (place, start), f in zip(places, group, strict=True):
        if rate is not None and f.role == "level" and f.amount.kind == _PERCENT:
            # (规上工业增加值增速分别为:甲县6.3%: the measure's growth, named without its rate word, not a level in %)
            f = f.read_as("change", change=change_of("yoy", f.amount, 1), lead=f.lead)
            ind = new_indicator(s, Name(name.text[:-len(rate)], start), f, value=False)
        else:
            ind = new_indicator(s, Name(name.text, start), f, value=f.role in ("level", "share"))
        if f.role == "change":
            ind.change = f.change
        ind.subject = place
        s.ctx.doc.set_quote(ind, start, f.end)
        made.append(ind)
    s.state.current = made[-1]
    s.state.pending = []
    return True


def _places_then_measure(s: Sentence, group: list[Fig], start: int, names_end: int) -> bool:
    """甲县和乙县上半年签约项目金额分别增长64%和30%: places listed, then the measure each one's figure is of (the
    last place opening the words of the measure): subject each place, name the measure."""
    text = s.text
    raw = text[start:names_end]
    if _NAME_WORDS.list_mark not in raw and not _LISTS.place_list_split.search(raw):
        return False
    lead = _LISTS.clause_lead.match(raw.rstrip(_CLAUSE_ENDS))  # (…位居前列,|分别为: no lead, a clause's end)
    if lead is not None:  # (1-5月,|甲区和乙区…: the places open the last clause)
        start, raw = start + lead.end(), raw[lead.end():]
    items = _LISTS.place_list_split.split(raw)
    if len(items) != len(group) or len(group) < 2:
        return False
    # (分区域看,|关中、陕北…: the sentence opens with a look at places of a kind, up to where the list's clause opens)
    look = _LISTS.places_looked_at.match(text, s.ctx.span.start, names_end)
    framed = look is not None and look.end() <= start + 1
    heads = [_list_place(s, x, framed) for x in items[:-1]]
    if heads[0] is None and (cut := _period_opening(items[0])):  # (去年|甲市、乙市…: the period opens the list)
        start, items[0] = start + cut, items[0][cut:]
        heads[0] = _list_place(s, items[0], framed)
    last = _last_list_place(s, items[-1].lstrip(), framed)
    if last is None or any(h is None for h in heads):
        return False
    last_start = names_end - len(items[-1].lstrip())
    measure = name_at(s, last_start + last[1], names_end)
    named = s.state.current or s.para.last_top
    if named is not None and measure.text and _LISTS.rate_words_only.fullmatch(measure.text):
        measure = measure.renamed(named.name)  # (全市出口增长5%,甲市、乙市同比增长率分别为…: the measure just given)
        if group[0].role == "level" and group[0].amount.kind == _PERCENT:  # (…增长率分别为24.7%: its growth)
            group = [f.read_as("change", change=change_of("yoy", f.amount, 1), lead=f.lead) for f in group]
    measure = measure.renamed(_INDICATORS_SHAPES.baseline_tail.sub("", measure.text))  # (…金额同比2021年: no name)
    judged = _LISTS.places_judged.fullmatch(measure.text) is not None
    if judged or _names_places_only(measure.text):
        measure = measure.renamed("")  # (甲、乙和丙三个县区增速…, 甲区、乙区进展较好,分别…: no measure named)
    # (甲、乙、丙三县|地区生产总值…: the count of the places listed opens no measure)
    measure = measure.renamed(_LISTS.places_count_head.sub("", measure.text))
    if named is not None and measure.text and _LISTS.rate_words_only.fullmatch(measure.text):
        measure = measure.renamed(named.name)  # (全市GDP增长5.6%,甲区、乙区增速分别高于全市…: the measure just given)
    plan = None
    if not measure.text:  # (甲县、乙县分别实现地区生产总值256.3亿元和…: the measure after 分别 and its verb)
        first = group[0]
        end = first.lead if first.lead is not None else first.start
        plan = _LISTS.share_of_plan_after.search(text, names_end, end) if first.role == "share" else None
        measure = Name(strip_chars(plan.group("measure")), plan.start("measure")) if plan is not None \
            else name_at(s, names_end, end)  # (分别完成年度计划的113.7%: 完成年度计划, the verb kept as 完成 says it)
        verb = _NAMES.lead_verbs.match(measure.text)
        if verb is not None and verb.end() == len(measure.text):
            measure = measure.renamed("")  # (分别实现28.6亿元: a verb alone names no measure)
    if not measure.text:
        # (甲和乙也不错,分别是…: places judged, or looked at as places of a kind, hold the measure just given)
        measure = measure.renamed(_measure_before_list(s, start, named, framed, judged))
    if not measure.text or (group[0].amount.unit == _COUNT and mentions_projects(measure.text)):
        return False
    places = [h for h in heads if h is not None] + [last[0]]
    at = start
    made = []
    for place, item, f in zip(places, items, group, strict=True):
        ind = new_indicator(s, Name(measure.text, at + len(item) - len(item.lstrip())), f,
                            value=f.role in ("level", "share"), share=plan is not None)  # (a share of a plan: no goal)
        ind.subject, ind.parent = place, None
        ind.change = against_named_year(s, group[0], ind.change, ind.period)  # (同比2021年分别增长64%和30%: both)
        at += len(item) + 1
        made.append(ind)
    s.state.current = None
    s.state.pending = made  # (…分别增长8.2%、6.9%,增速较1-4月分别提高0.5、0.3个百分点: each place's, in order)
    return True


def _measure_before_list(s: Sentence, start: int, named: Indicator | None, framed: bool, judged: bool) -> str:
    """The measure of a list of places that names none: the topic the clause before names (社会消费品零售总额方面,
    甲县、乙县分别实现…); after a look at places of a kind the measure just given (a growth: 从6个县市增速看,甲、乙分别
    增长…), or when the places are judged (甲和乙也不错,分别是…) the measure just named; empty when there is none."""
    topic = topic_before(s.text, start, s.ctx.span.start, s.ctx.para.span.start)
    if topic is not None and not _names_places_only(topic):
        return topic
    if framed:  # (a look at places: the measure just named, else the last one given a growth)
        given = named or _last_growth(s)
        return given.name if given is not None else ""
    return named.name if judged and named is not None else ""


def _list_place(s: Sentence, item: str, framed: bool) -> str | None:
    """The place a list's item names: known to the gazetteer, a region, or (after a look at places of a kind:
    分区域看,关中、陕北…) a short name it lacks; None when the item names none."""
    name = strip_chars(item)
    plain = name if framed and _plain_place(name) else None
    return s.ctx.doc.finder.entity_named(name) or _region_named(name) or plain


def _last_list_place(s: Sentence, item: str, framed: bool) -> tuple[str, int] | None:
    """The place opening the last item of a list of places (甲县|地区生产总值), and where its name ends: after a look at
    places of a kind, the words before a verb or a judgement (陕南|实现…, 丙镇|进展较好) or the whole item (…、陕南|分别
    增长); else the place the gazetteer finds, or a region; None when none opens it."""
    if framed:  # (the words before a verb or a judgement: 丙镇|进展较好, not the short name 丙 of another place)
        m = _LISTS.place_before_verb.match(item)
        words, end = (m.group("place"), m.end()) if m is not None else (item, len(item))
        place = _list_place(s, words, framed)
        if place is not None:
            return place, end
    return s.ctx.doc.finder.place_or_short_opening(item) or _region_opening(item)


def _judged_then_measure(s: Sentence, group: list[Fig], start: int, names_end: int) -> bool:
    """甲镇、乙镇、丙镇进展较好,分别完成年度计划的113.7%、100.1%和91.1%: holders listed then judged (how well they did),
    each figure theirs, of the measure after 分别; the judgement says they are holders, so the gazetteer need not know
    them (towns, departments)."""
    text = s.text
    raw = text[start:names_end].rstrip(_CLAUSE_ENDS)
    judged = _LISTS.judged_tail.search(raw) if any(w in raw for w in _JUDGING_WORDS) else None
    if judged is None or len(group) < _FEWEST_LISTED:
        return False
    lead = _LISTS.clause_lead.match(raw, 0, judged.start())  # (部门方面,|甲局和乙局…: the holders open the clause)
    at = start + (lead.end() if lead is not None else 0)
    items = _LISTS.place_list_split.split(text[at:start + judged.start()])
    if len(items) != len(group):
        items = _LISTS.judged_split.split(text[at:start + judged.start()])
    holders = [strip_chars(x) for x in items]
    if len(holders) != len(group) or not all(_plain_place(h) for h in holders):
        return False
    first = group[0]
    end = first.lead if first.lead is not None else first.start
    plan = _LISTS.share_of_plan_after.search(text, names_end, end) if first.role == "share" else None
    if plan is None:
        return False
    finder = s.ctx.doc.finder
    made = []
    for holder, item, f in zip(holders, items, group, strict=True):
        ind = new_indicator(s, Name(strip_chars(plan.group("measure")), at + len(item) - len(item.lstrip())), f,
                            share=True)
        ind.subject, ind.parent = finder.entity_named(holder) or holder, None
        at += len(item) + 1
        made.append(ind)
    s.state.current = None
    s.state.pending = made
    return True


def _names_places_only(words: str) -> bool:
    """三个县区, 县区 (从县区看): words naming only the kind of the places listed, no measure."""
    return bool(words) and (_LISTS.places_tail.fullmatch(words) is not None
                            or _LISTS.place_kinds_tail.fullmatch(words) is not None)


def _growths_of_places(s: Sentence, group: list[Fig], region: str) -> list[Fig]:
    """…同比增长5.1%,其中甲县、乙县、丙县分别为6.2%、6.1%、6.0%: percentages after 分别为 that places listed hold, right
    after the growth of a measure given with no percentage level of its own, are those places' growths (the figures
    read as changes); ``group`` as it was otherwise."""
    cur, first = s.state.current, group[0]
    if first.role != "level" or first.amount.kind != _PERCENT or cur is None or cur.change is None \
            or cur.change.pct is None or (cur.value is not None and cur.unit == _PERCENT_UNIT):
        return group
    names = split_names(region, len(group))
    if names is None or _places_named(s, names) is None:
        return group
    return [f.read_as("change", change=change_of("yoy", f.amount, 1), lead=f.lead) for f in group]


def _places_holding(s: Sentence, first: Fig) -> str | None:
    """全市地区生产总值3200亿元,其中甲县、乙县和丙区分别为650亿元、…: places listed (or regions: 东北地区) hold the
    measure just given in the unit of the list, or changed when the list is of changes (else of the whole a 其中
    breaks down); that measure, or None when no such measure was given."""
    cur = s.state.current or s.para.last_top
    if cur is None or not ((first.role == "change" and cur.change is not None)
                           or (cur.value is not None and cur.unit == first.amount.unit)):
        return None
    return cur.name


def _places_named(s: Sentence, names: list[str]) -> list[str] | None:
    """The places (or regions: 东北地区) ``names`` are, the last without the kinds the list closes with (甲、乙和丙
    三个县区, 甲、乙等区县的); None when one is no place."""
    finder = s.ctx.doc.finder
    tail = _LISTS.places_tail.search(names[-1]) if names else None
    # (城区、东部片区和西部片区三个片区: the list says its names are places, the gazetteer need not know them)
    said = tail is not None and _LISTS.place_kinds_tail.search(tail.group(0)) is not None
    names = [*names[:-1], names[-1][:tail.start()]] if tail is not None else names
    # (綦江(不含万盛): an aside on what the place's figure covers is no part of its name)
    names = [_NAMES.aside.sub("", n) or n for n in names]
    places = [finder.entity_named(n) or _region_named(n) or (n if said and _plain_place(n) else None) for n in names]
    known = sum(p is not None for p in places)
    if known >= _FEWEST_LISTED:
        # (古塔区、松山新区、滨海新区和凌河区: among places known, one shaped as a place's name is one, as written; so
        # is a short name of a place, 南岸 among 大渡口、九龙坡…, when nearly all the others are known)
        few_unknown = (len(places) - known) * _UNKNOWN_SHARE <= len(places)
        places = [p if p is not None or not (_LISTS.written_place.fullmatch(n) or (
                      few_unknown and len(n) == _SHORT_PLACE and _plain_place(n))) else n
                  for p, n in zip(places, names, strict=True)]
    return None if any(p is None for p in places) else [p for p in places if p is not None]


def _plain_place(name: str) -> bool:
    """A name a list of places may hold unknown to the gazetteer: a few characters, no function word."""
    return _MIN_PLACE <= len(name) <= _MAX_PLACE and not any(ch in _ENTITY_SETS.function_chars for ch in name)


def places_alike(s: Sentence, fig: Fig, region_start: int) -> bool:
    """(全市地区生产总值增长5.6%,)甲、乙、丙等区县的增速均在5%及以上; 甲、乙均增长6%: places sharing one growth of
    the measure just given, each its own fact with that place its subject."""
    text = s.text
    cur = s.state.current or s.para.last_top
    if _LISTS.places_alike_marks.search(text, region_start, fig.start) is None and s.state.listed_from < 0:
        return False  # (a plain search first: most figures follow no list, nor places the sentence listed)
    words = text[region_start:fig.start]
    m = _LISTS.places_alike.match(words.lstrip(_COMMA))
    offset = region_start + len(words) - len(words.lstrip(_COMMA))
    if m is not None and fig.role == "level" and not m.group("rate"):
        return _places_sharing_level(s, fig, m.group("names"), offset) \
            or _listed_places_sharing_level(s, fig, m.group("names"), offset)
    if m is None and fig.role == "level" and (bound := _LISTS.places_in_bound.match(words.lstrip(_COMMA))) \
            and _LISTS.bound_after.match(text, fig.end):  # (甲、乙和丙的综合得分在45分以上: a bound they all keep)
        return _places_sharing_level(s, fig, bound.group("names"), offset)
    if m is None or (fig.role != "change" and not (m.group("rate") and fig.amount.kind == _PERCENT)):
        return False
    region, measure = _places_and_measure(m.group("names"))
    named = ""
    if not measure and m.group("rate"):  # (有8个市的县域生产总值增幅超过…,其中甲、乙两市增幅超过8%: its measure)
        since = s.ctx.doc.norm_pos(cur.end) if cur is not None else -1
        measure = named = measure_named_between(text, max(s.ctx.span.start, since), region_start) or ""
    if not measure and (cur is None or cur.change is None) and m.group("rate"):
        cur = _last_growth(s)  # (…GDP增长5%。有22个区县…跑赢全市。其中,甲和乙增速超过7%: the growth given last)
    if not measure and (cur is None or cur.change is None):
        return False
    measure = measure or (cur.name if cur is not None else "")
    names = split_names(region, len(_LISTS.places_alike_marks.findall(region)) + 1)
    places = _places_named(s, names) if names else None
    if places is None or names is None or len(places) < 2:
        return False
    growth = fig if fig.role == "change" else fig.read_as(
        "change", change=change_of("yoy", fig.amount, 1), lead=fig.lead, qualifier=fig.qualifier)
    for place, start in zip(places, name_positions(region, offset, names), strict=True):
        ind = new_indicator(s, Name(measure, start), growth, value=False)
        ind.subject = place
        if named and ind.parent != named:
            ind.parent = None  # (the places' own measure, not a part of the figure before)
    s.state.pending = []
    return True


def _places_sharing_level(s: Sentence, fig: Fig, words: str, offset: int) -> bool:
    """甲、乙和丙的社会消费品零售总额均在600亿元以上; 甲、乙、丙三市的地区生产总值均超过2400亿元: places listed, then
    the measure they share one level of (a bound, mostly): each place its own fact of that level, in the measure
    written after the last place (or after the count of the places)."""
    if s.text.endswith(_SEAT_UNIT, 0, fig.end):
        return False  # (甲、乙两省上榜县(市)均超过10席: seats on a list, read as seats)
    region, measure = _places_and_measure(words)
    if not measure:  # (甲、乙和丙的|社会消费品零售总额: the last place opens the measure)
        region = words
        items = _LISTS.place_list_split.split(region)
        last = s.ctx.doc.finder.place_or_short_opening(items[-1].lstrip()) or _region_opening(items[-1].lstrip())
        if last is None or len(items) < _FEWEST_LISTED:
            return False
        cut = len(region) - len(items[-1].lstrip()) + last[1]
        region, measure = region[:cut], region[cut:]
    # (甲、乙、丙三市的|地区生产总值: the count of the places listed opens no measure)
    measure = _LISTS.places_count_head.sub("", strip_chars(measure)).removeprefix(_NAME_WORDS.possessive)
    names = split_names(region, len(_LISTS.places_alike_marks.findall(region)) + 1)
    places = _places_named(s, names) if names else None
    if places is None or names is None or len(places) < _FEWEST_LISTED or not _LISTS.shared_measure.fullmatch(measure):
        return False
    return _level_of_each(s, fig, [Name(measure, start) for start in name_positions(region, offset, names)], places)


def _level_of_each(s: Sentence, fig: Fig, names: list[Name], places: Sequence[str]) -> bool:
    """The one level ``fig`` gives, a fact for each of ``places`` (in its name of ``names``), that place its subject."""
    for name, place in zip(names, places, strict=True):
        ind = new_indicator(s, name, fig)
        ind.subject = place
    s.state.pending = []
    return True


def _listed_places_sharing_level(s: Sentence, fig: Fig, words: str, offset: int) -> bool:
    """(排名前三位的城市分别是甲、乙和丙,)旅游收入均在300亿元以上: the places the sentence has just listed share one
    level of the measure the clause names alone: one fact per place."""
    lo, hi = s.state.listed_from, s.state.listed_until
    measure = strip_chars(words)
    if lo < 0 or hi > offset or not _LISTS.shared_measure.fullmatch(measure) \
            or _LISTS.places_alike_marks.search(measure):
        return False
    leads = list(_LISTS.listed_places_lead.finditer(s.text, lo, hi))  # (the last 是/为 of the list's frame)
    if not leads or s.text.endswith(_SEAT_UNIT, 0, fig.end):
        return False
    lead = leads[-1]
    items = [strip_chars(x) for x in _LISTS.place_list_split.split(s.text[lead.end():hi])]
    finder = s.ctx.doc.finder
    places = [finder.entity_named(x) or _region_named(x) for x in items]
    if len(places) < _FEWEST_LISTED or None in places:
        return False
    return _level_of_each(s, fig, [Name(measure, offset) for _ in places], [p for p in places if p is not None])


def _last_growth(s: Sentence) -> Indicator | None:
    """The last measure the report gave a growth of, in this paragraph or the one before, for places whose growth
    rate is given with no measure named (其中,甲和乙增速超过7%)."""
    floor = s.ctx.para.span.start - _GROWTH_REACH
    for f in reversed(s.log.facts):
        if not isinstance(f, Indicator) or s.ctx.doc.norm_pos(f.start) < floor:
            return None
        if f.change is not None and f.change.pct is not None and f.name:
            return f
    return None


def _places_and_measure(words: str) -> tuple[str, str]:
    """The places of a list sharing one figure and the measure written after them, if any: 甲县、乙县等5个县区|规上工业
    增加值 (增速超过10%); 甲、乙等区县的 (增速均在…) names none (the measure is the one just given)."""
    tail = _LISTS.places_count_inside.search(words)
    if tail is not None and tail.end() < len(words):
        return words[:tail.start()], words[tail.end():]
    return _LISTS.places_tail.sub("", words), ""  # (before splitting: 等区县 is no head the places share)


def _places_before(s: Sentence, group: list[Fig], start: int) -> list[tuple[str, int]] | None:
    """The place written right before each figure of a list (after ``start``), or None when one
    figure has none."""
    finder = s.ctx.doc.finder
    places = []
    for f in group:
        raw = s.text[start:f.start]
        label = strip_chars(raw)
        place = finder.entity_named(label) if label else None
        if place is None:
            return None
        places.append((place, start + raw.index(label)))
        start = f.end
    return places


def _only_a_period(name: str) -> bool:
    """Whether ``name`` is a period and nothing else (一季度, 2022年)."""
    mentions = find_periods(name)
    return len(mentions) == 1 and mentions[0].pos == 0 and mentions[0].end_pos == len(name)


def _by_years(s: Sentence, group: list[Fig], seg_start: int, names_end: int) -> bool:
    """2016-2018年…分别完成A、B、C; 2020年、2021年和2022年…分别为A、B、C: one measure, a figure for each
    year in order, each with its own period (FACTS.md: several years in one list)."""
    years, after = _listed_years(s, seg_start, names_end)
    if len(years) != len(group) or len(group) < 2:
        return False
    if _projects_by_years(s, group, years, after):
        return True
    name = name_at(s, after, names_end)
    if not name.text:  # 2016—2018年分别完成地区生产总值A、B、C: the name after 分别
        resp = _LISTS.respectively.search(s.text, names_end, group[0].start)
        name = name_at(s, resp.end(), group[0].start) if resp is not None else name
    if not name.text:
        return False
    for year, f in zip(years, group, strict=True):
        ind = new_indicator(s, name, f, value=f.role in ("level", "share"))
        if f.role == "change":
            ind.change = f.change
        ind.period = period_string(year)
        s.state.current = ind
    s.state.pending = []
    return True


def _by_periods(s: Sentence, group: list[Fig], seg_start: int, names_end: int) -> bool:
    """规上工业增加值增速1-3月、1-4月、1-5月分别为A、B、C; 从1-3月,1-4月的增长幅度来看,…分别为A、B; 增幅2-4月份
    分别为A、B、C (months counted up to each from the first); 一季度、上半年分别增长A、B: one measure given period by
    period, a figure for each in order with its own months (a rate word closing the measure's name makes them its
    growth)."""
    spans = _listed_months(s, seg_start, names_end, len(group))
    if spans is None:
        return False
    months, first_pos, after = spans
    name = _measure_of_periods(s, seg_start, first_pos, after, names_end)
    if name is None:
        return False
    rate = _LISTS.period_rate_end.search(name.text)
    if rate is not None:
        name = Name(name.text[:rate.start()], name.start)
    made = []
    for (lo, hi), f in zip(months, group, strict=True):
        as_change = rate is not None and f.role == "level" and f.amount.kind == _PERCENT
        g = f.read_as("change", change=change_of("yoy", f.amount, 1), lead=f.lead) if as_change else f
        ind = new_indicator(s, name, g, value=g.role in ("level", "share"))
        if g.role == "change":
            ind.change = g.change
        if ind.period is not None:  # (the year as the context reads it, the months the list's own)
            ind.period = period_string(ind.period[:ind.period.index("-")], lo, hi)
        s.state.current = ind
        made.append(ind)
    s.state.pending = made  # (…分别为18.8%、9.6%,两年平均增速分别为4.7%、5.0%: the further changes, period by period)
    return True


def _listed_months(s: Sentence, start: int, end: int, n: int) -> tuple[list[tuple[int, int]], int, int] | None:
    """The months of the periods listed in ``[start, end)``, one for each of ``n`` figures (1-3月、1-4月; 一季度、
    上半年), or of a span of as many months as figures (2-4月份: up to each month from the first), with where they start
    and end; None when no such list is there, or when it follows a comparative lead (比1-3月、1-4月: baselines)."""
    quarters = _LISTS.quarters_counted.search(s.text, start, end) if _QUARTER_WORD in s.text[start:end] else None
    if quarters is not None and n == (parse_number(quarters.group("n")) or 0) and n <= _QUARTERS:
        # (四个季度累计GDP增幅分别为…: the year to the end of each quarter, in order)
        return [(1, _MONTHS_A_QUARTER * k) for k in range(1, n + 1)], quarters.start(), quarters.end()
    found = [(p.pos, p.end_pos, p.start, p.end) for p in s.ctx.para.periods
             if start <= p.pos and p.end_pos <= end and p.kind in ("span", "month")]
    months = [(a, b, lo, hi) for a, b, lo, hi in found if lo is not None and hi is not None]
    if not months or len(months) != len(found) or _LISTS.period_baseline_end.search(s.text, start, months[0][0]):
        return None
    if len(months) == 1 and n >= _FEWEST_LISTED and months[0][3] - months[0][2] + 1 == n and months[0][2] > 1 \
            and _QUARTER_WORD not in s.text[months[0][0]:months[0][1]]:
        # (增幅2-4月份分别为…: each figure up to its month; 二季度,甲、乙、丙分别增长…: a quarter is one period, the
        # figures the measures')
        pos, end_pos, lo, hi = months[0]
        return [(1, m) for m in range(lo, hi + 1)], pos, end_pos
    if len(months) != n or n < _FEWEST_LISTED or any(q[0] - p[1] > 1 for p, q in pairwise(months)):
        return None
    return [(lo, hi) for _, _, lo, hi in months], months[0][0], months[-1][1]


def _measure_of_periods(s: Sentence, seg_start: int, first_pos: int, after: int, names_end: int) -> Name | None:
    """The measure a list of periods gives: named in the clause between the periods and 分别 (全县固定资产投资
    增速), else right before the periods (规上工业增加值增速1-3月、…), else the figure just given when only a rate
    word is written (…增长7.1%。增幅2-4月份分别为…); None when no measure is named."""
    tail = max(after, s.text.rfind(_COMMA, after, names_end - 1) + 1)
    head = max(seg_start, s.text.rfind(_COMMA, seg_start, first_pos) + 1)
    # (…全年GDP增速分别为18.8%、…,两年平均增速分别为…: words holding the figures of a list before name no measure)
    written = [n for n in (name_at(s, tail, names_end), name_at(s, head, first_pos))
               if len(n.text) > 1 and not any(map(str.isdigit, n.text))]  # (从|1-3月,…: no measure)
    for name in written:
        if not _LISTS.period_rate_end.fullmatch(name.text):
            return name
    last = _last_growth(s)
    if last is not None and not written and s.ctx.doc.norm_pos(last.start) >= after:
        # (从1-3月,1-4月…来看,增加值的增速保持在10%左右,|分别为A、B、C: the growth just given, period by period)
        return Name(last.name + _GROWTH_WORD, s.ctx.doc.norm_pos(last.start))  # (a rate word: the figures are growths)
    # (…增长7.1%。增幅2-4月份分别为…: the growth of the measure given last)
    return Name(last.name + written[0].text, s.ctx.doc.norm_pos(last.start)) if last is not None and written else None


def _projects_by_years(s: Sentence, group: list[Fig], years: list[int], words_start: int) -> bool:
    """2011年、2012年、2013年签约项目分别为17个、38个、50个: projects counted year by year, each count a
    projects fact of its year (their stage, size class and kind as written once)."""
    first = group[0]
    if first.amount.unit != _COUNT or not mentions_projects(s.text[words_start:first.start]):
        return False
    made = len(s.log.facts)
    project_count(s, first, words_start, None)
    if len(s.log.facts) != made + 1 or not isinstance(whole := s.log.facts[-1], Projects):
        return False
    whole.period = period_string(years[0])
    for year, f in zip(years[1:], group[1:], strict=True):
        p = replace(whole, count=f.amount.value, investment=None, period=period_string(year))
        s.ctx.doc.set_quote(p, f.start, f.end)
        s.log.add(p)
    return True


def _listed_years(s: Sentence, start: int, end: int) -> tuple[list[int], int]:
    """The years a span (2016-2018年) or a list of years (2020年、2021年) names in ``[start, end)``,
    and where they end; no years when neither is there."""
    span = _LISTS.year_range.search(s.text, start, end)
    if span is not None:
        a, b = int(span.group("a")), int(span.group("b"))
        return (list(range(a, b + 1)) if a < b else []), span.end()
    # the paragraph's period mentions, read once with it (ParaContext.read)
    mentions = [p for p in s.ctx.para.periods if start <= p.pos and p.end_pos <= end and p.kind == "year"
                and p.year is not None]
    if len(mentions) < 2 or any(q.pos - p.end_pos > 1 for p, q in pairwise(mentions)):
        return [], start  # one year, or years apart: no list of years
    return [p.year for p in mentions if p.year is not None], mentions[-1].end_pos


def _paired_back(s: Sentence, group: list[Fig], region_start: int, names_end: int) -> bool:
    """Changes (or shares) of figures given before them in the sentence, one each in order; whether they were."""
    first = group[0]
    if first.role == "change" and _measures_counted_back(s, group, region_start, names_end):
        return True
    if s.state.pending and len(s.state.pending) >= len(group) and first.role in ("change", "share") \
            and (any(p.value is not None for p in s.state.pending[-len(group):])
                 or _LISTS.rate_words_only.fullmatch(strip_chars(s.text[region_start:names_end]))):
        # (分别增长3.1%、5.2%,增速分别比上年同期下降了1.7、2.2个百分点: changes of the changes just listed,
        # when the words before them name no measure of their own)
        _pair_with_pending(s, group, region_start)
        return True
    return False


def _measures_counted_back(s: Sentence, group: list[Fig], region_start: int, names_end: int) -> bool:
    """本外币存款余额…增长10.2%;本外币贷款余额…增长8.1%,两项指标增速比一季度分别上升了9.4和0.6个百分点: changes of
    the measures the sentence just gave, as many as the words count back (两项指标, 二者), one each in order; False when
    the sentence gave fewer."""
    if _LISTS.measures_counted_back.match(strip_chars(s.text[region_start:names_end])) is None:
        return False
    given = [f for f in s.log.facts[s.state.first_fact:] if isinstance(f, Indicator) and f.value is not None]
    if len(given) < len(group):
        return False
    s.state.pending = given[-len(group):]
    _pair_with_pending(s, group, region_start)
    return True


def _pair_with_pending(s: Sentence, group: list[Fig], region_start: int) -> None:
    """分别增长6.1%、7.2% after 分别为120亿元、150亿元: each change (or share) on its level."""
    doc, st = s.ctx.doc, s.state
    targets = st.pending[-len(group):]
    for ind, f in zip(targets, group, strict=True):
        if f.role == "change":
            attach_change(s, ind, f)  # on the level itself, or a second change of it
            continue
        mm = _LISTS.share_target.search(s.text, region_start, group[0].start)
        of = strip_chars(mm.group(1)) if mm else ""
        share = new_indicator(s, Name(ind.name + _SHARE_WORDS.mark + of, doc.norm_pos(ind.start)), f, share=True)
        doc.set_quote(share, doc.norm_pos(ind.start), f.end)
    st.pending = []
    st.current = targets[-1]


def _one_by_one(s: Sentence, group: list[Fig], region_start: int) -> None:
    """Read the figures of a list that has no names before it one by one."""
    for f in group:
        if f.role == "change":
            change_role(s, f, region_start)
        elif f.role == "share":
            share_role(s, f, region_start)
        else:
            level_role(s, f, region_start)
        region_start = f.end


def _last_value_end(s: Sentence) -> int:
    """Where the last level figure of the sentence ends (names of a list start after it)."""
    doc = s.ctx.doc
    ends = [doc.norm_pos(f.end) for f in s.log.facts[s.state.first_fact:]
            if isinstance(f, Indicator) and f.value is not None]
    return max(ends, default=s.ctx.span.start)


def _last_rate_end(text: str, lo: int, before: int) -> int:
    """Where the last rate figure (5%, 2倍, 3个百分点) before ``before`` ends (``lo`` when none)."""
    last = lo
    for m in _LISTS.rate_figure_end.finditer(text, max(0, lo - _RATE_FIGURE_WIDTH), before):
        last = max(last, m.end())
    return last


def all_alike(s: Sentence, fig: Fig, region_start: int) -> bool:
    """固定资产投资、工业投资、服务业投资均增长12%: one change for each listed measure."""
    text = s.text
    m = _LISTS.all_alike.search(text, region_start, fig.start)
    list_mark = _NAME_WORDS.list_mark
    if m is None or list_mark not in text[region_start:m.start()]:
        return False
    region = text[region_start:m.start()]
    names = split_names(region, region.count(list_mark) + 1)
    if not names or len(names) < 2:
        return False
    for name, start in zip(names, name_positions(region, region_start, names), strict=True):
        s.state.current = new_indicator(s, Name(name, start), fig, value=False)
    s.state.pending = []
    return True
