"""The sentence walk: each sentence read left to right as figures, figure-less changes and rankings.

For each sentence: find the rankings (their places are no figures), the structures (结构由…调整为…,
no facts at all), the figures and the changes written without one (翻番, 持平); then, in text
order, give each figure its role (:func:`~zhibiao.extract.changes.classify`), gather the figures
of a list (joined only by 、/和/及/与), and hand each to its rule: :mod:`~zhibiao.extract.lists`,
:mod:`~zhibiao.extract.indicators`, :mod:`~zhibiao.extract.projects` or
:mod:`~zhibiao.extract.rankings`. A 其中 makes the figures after it parts of the one before.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from zhibiao.anchors import anchor_gate
from zhibiao.extract.changes import change_of, classify, sign_of, wordless_change
from zhibiao.extract.context import Carry, DocContext, ParaContext, SentContext
from zhibiao.extract.counts import unclaimed_counts
from zhibiao.extract.figures import Fig, Wordless, listed_group_entering, scan_figures, whole_compared_before
from zhibiao.extract.indicators import (
    bare_magnitude,
    baseline_rate,
    breadth_role,
    change_role,
    goal_in_brackets,
    level_role,
    members_passing,
    new_indicator,
    places_past_mark,
    score_role,
    share_role,
    target_with_share,
)
from zhibiao.extract.lists import all_alike, list_role, places_alike, places_listed_from
from zhibiao.extract.names import Name, cut_enum_tail, noun_after, split_names
from zhibiao.extract.projects import names_projects_of_a_kind, projects_frame
from zhibiao.extract.rankings import (
    best_of_kind,
    bracketed_places_listed,
    compared_places,
    count_most,
    counted_measures_listed,
    entered_group_after,
    flat_move,
    measures_after_one_lead,
    membership_list,
    move_role,
    paired_moves,
    places_continued,
    places_entered_bare,
    places_in_series,
    ranking_role,
    seats_held,
    superlative_of_kind,
    superlatives,
    tier_place,
    unread_places,
)
from zhibiao.extract.segment import Span
from zhibiao.extract.state import FactLog, ParagraphState, Sentence, SentenceState
from zhibiao.lexicon import Shapes, Words, WordSets, words
from zhibiao.model import Indicator, Projects

__all__ = ["read_paragraph"]

_CHANGES = Shapes("changes")
_LISTS = Shapes("lists")
_NAMES = Shapes("names")  # (三次产业…为A、B和C: items named together, their levels listed in order)
_RANKINGS = Shapes("rankings")
_RANKING_WORDS = Words("ranking")
_RANKING_SETS = WordSets("ranking")
_TIER_MARKS = tuple(_RANKING_SETS.tier_marks)
_COUNTED_MARKS = tuple(_RANKING_WORDS.counted_marks)  # (有3项…, 有8个指标…: measures counted, then listed)
_WALK = Shapes("walk")
_FIGURES = Shapes("figures")
# How far after a range a projects noun makes it a size class (500万元-1亿元的工业项目).
_CLASS_WIDTH = 16
_COUNT_KIND = "count"  # (a range of counts may be of projects)
_LIST_LINE_ENDS = (";", ",")  # (a line of a list of parts that goes on in the next)
_MIN_SIBLINGS = 2  # (parts of one breakdown: a single part after 其中 is broken down itself)
_SIBLING_WIDTH = 6  # (how far into the clause after a ';' a sibling part may open it: 进口, 第三产业)
_COMMA = ","
_COLON = ":"  # (a label closed by a colon before a place: GDP增速:全市第一)
_NAME_WORDS = Words("name")
_LIST_JOINERS = tuple(_NAME_WORDS.joiners)  # (figures joined by 、/和 alone after a list of names: one list)
_SHARE_WORDS = Words("share")
_GOAL_HEADS = tuple(_SHARE_WORDS.goal_heads)  # (目标, 任务, 计划: a target's words written after it)
_FRAME_MARKS = tuple(Words("ranking").frame_marks)  # (从…来看: a frame on what follows)
_PROJECT_NOUN = Words("projects").noun  # (a plain check before the shapes of one named project)
_SERIES_UNITS: tuple[str, ...] = tuple(_RANKING_WORDS.series_units)  # (名, 位: a series counted with no 第)
_PROJECTS_AMONG = _PROJECT_NOUN + _NAME_WORDS.among_mark  # (签约项目中,…: a frame on projects too)
_FRAME_REACH = 16  # (how far into a sentence such a frame may end)
_PROJECTS_SHAPES = Shapes("projects")
_INDICATOR_SHAPES = Shapes("indicators")

Event = Fig | Wordless | re.Match[str]


def read_paragraph(doc: DocContext, para: Span, carry: Carry, log: FactLog) -> Carry:
    """Read every sentence of one body paragraph into ``log``; return the carry for the next one."""
    ctx = ParaContext.read(doc, para, carry)
    pst = ParagraphState(first_project=len(log.projects))
    among = carry.among and _WALK.part_line.match(doc.norm.text, para.start, para.end) is not None
    if carry.last_tops and (among or _WALK.opens_breakdown.match(doc.norm.text, para.start, para.end)):
        # (a report laid out a sentence a line: 分区域看,甲区增长9.3%… breaks down the figure of the line before; so
        # do the lines after one closing with 其中:)
        pst.last_top, pst.prev_tops = carry.last_tops[-1], list(carry.last_tops)
        pst.among = among
    for sent, with_figures in zip(ctx.sentences, ctx.with_figures, strict=True):
        if with_figures:
            read_sentence(Sentence(SentContext.read(ctx, sent), SentenceState(first_fact=len(log.facts)), pst, log,
                                   doc.norm.text))
    # (the years a paragraph hands on: not those said in passing, periods.lends_year)
    out = carry.after([m for m, lends in zip(ctx.periods, ctx.lends, strict=True) if lends])
    out.last_tops = tuple(pst.prev_tops) if pst.last_top is not None else ()
    # (…同比增长5.1%。其中:⏎税收收入…;⏎非税收入…。: the lines after 其中: are parts, until one closes its sentence)
    line = doc.norm.text[para.start:para.end].rstrip()
    out.among = bool(out.last_tops) and (_WALK.among_opens_lines.search(line) is not None
                                         or (pst.among and line.endswith(_LIST_LINE_ENDS)))
    return out


def read_sentence(s: Sentence) -> None:
    """Read the figures, figure-less changes and rankings of one sentence, in text order."""
    text, sent, st, pst = s.text, s.ctx.span, s.state, s.para
    if pst.among or _WALK.starts_with_among.match(text[sent.start:sent.end]):
        # 其中,… opening a sentence: its figures are parts of the last figure or projects before
        if pst.last_top is not None:
            st.parent = pst.last_top.name
            st.parent_pool = list(pst.prev_tops)
        st.parent_projects = pst.last_top_projects
    if text.startswith(_FRAME_MARKS, sent.start) \
            or text.find(_PROJECTS_AMONG, sent.start, sent.start + _FRAME_REACH) >= 0:
        projects_frame(s)  # 从签约项目总数来看,定远14个,…: the projects before, place by place
    _sentence_rankings(s)
    events = _events(text, sent)
    # breakdowns (分产业看,) are rare: a plain check first
    if _WALK.breakdown_end.search(text, sent.start, sent.end):
        st.breakdowns = tuple(m.end() for m in _WALK.breakdown.finditer(text, max(0, sent.start - 1), sent.end))
    cursor = sent.start
    i = 0
    while i < len(events):
        item = events[i]
        if isinstance(item, re.Match):
            if ranking_role(s, item, _place_region_start(text, cursor, item, sent)):
                cursor = max(cursor, item.end())
            i += 1
        elif isinstance(item, Wordless):
            region_start = _region_start(text, cursor, item.start, sent)
            fig = wordless_change(text, item, region_start)
            if not (_wordless_of_listed(s, fig, region_start) or flat_move(s, fig, region_start)):
                change_role(s, fig, region_start)
            cursor = item.end
            i += 1
        else:
            cursor, i = _figure_event(s, events, i, cursor)
    unread_places(s)  # 居某地区各省份首位, 仅列第83: a place after a ranking verb that no rule read
    places_continued(s)  # 甲区排名第12位,乙区第57位: a place (or a field) and its ordinal going on from a ranking
    unclaimed_counts(s)  # 建成6个口袋公园, 选取了三个指标: a count of things no rule read
    if st.projects is not None and st.parent_projects is None:
        pst.last_top_projects = st.projects
    _own_project_measures(s)
    # (most sentences count no projects: skipped; the last counted looked for by identity, its ids in C, where
    # `in` called the facts' dataclass __eq__ on each fact of the sentence)
    if s.log.projects and id(s.log.projects[-1]) in map(id, s.log.facts[st.first_fact:]):
        _measures_of_event_projects(s)
    # remember the sentence's top figures for a 其中 in the next sentence
    tops = s.log.tops_since(st.first_fact)
    if tops:
        pst.last_top = tops[-1]
        pst.prev_tops = tops


def _wordless_of_listed(s: Sentence, fig: Fig, region_start: int) -> bool:
    """互联网和相关服务业、居民服务业等行业呈两位数以上增长, 甲、乙等行业实现翻番: the same change of each measure
    listed before it (an enumeration closed by 等…)."""
    words = s.text[region_start:fig.start]
    if _NAME_WORDS.list_mark not in words:
        return False
    verb = _WALK.listed_change_verb_end.search(words)
    words = words[:verb.start()] if verb is not None else words
    listed, _head = cut_enum_tail(words)
    if listed == words and (verb is None or not verb.group("all")):
        return False  # (no 等… closing the list, nor 均: one measure named with a list mark in it)
    start = region_start + len(words) - len(words.lstrip(" ,;:"))
    names = split_names(listed.strip(" ,;:"), listed.count(_NAME_WORDS.list_mark) + 1)
    if names is None:
        return False
    for name in names:
        ind = new_indicator(s, Name(name, start), fig, value=False)
        ind.change = fig.change
    return True


def _sentence_rankings(s: Sentence) -> None:
    """The rankings a sentence gives as a whole (lists of places or measures), read before its figures so
    that their places are not read again one by one; each shape behind a plain check."""
    text, sent = s.text, s.ctx.span
    words = text[sent.start:sent.end]
    if _RANKINGS.membership_verb.search(text, sent.start, sent.end) is not None:
        membership_list(s)  # …百强榜单中,6家开发区入围,分别是甲、乙: each in the top 100
        places_entered_bare(s)  # …百强区(2024)》发布…甲区、乙区上榜: each in the group named before
    superlatives(s)  # 成为全省最大化工园区: the largest of its kind in a field
    if _RANKING_WORDS.count_most_mark in words:
        count_most(s)  # 其中甲省入围县(市)最多,达22个: the first place of a count among the country's provinces
    if _RANKING_WORDS.most_mark in words or _RANKING_WORDS.next_mark in words:
        compared_places(s)  # 从各县区看,甲县增速最快,乙县次之: places compared, first, second and last
    if _RANKING_WORDS.most_mark in words or _RANKING_WORDS.bottom_mark in words:
        superlative_of_kind(s)  # 甲省成为旅游收入增长最快的省份: the first (or last) of its peers' kind
    if any(mark in words for mark in _TIER_MARKS):
        tier_place(s)  # 乙县荣获全市综合考核一等第一名: the exact place inside the top tier
    if _RANKING_WORDS.strong_mark in words and _RANKINGS.membership_verb.search(text, sent.start, sent.end):
        entered_group_after(s)  # 甲市、乙市、丙县拟入围县域经济发展“10强县”: each in the group
    if _RANKING_WORDS.bracket_open in words and _RANKING_WORDS.colon in words:
        bracketed_places_listed(s)  # …百强县中…。5个(位次)分别为:甲(12)、乙(27)、丙(43): each its place in the group
    if any(mark in words for mark in _COUNTED_MARKS):
        counted_measures_listed(s)  # 有3项位居全市第1位,分别是:甲、乙、丙: each measure listed
    if _RANKING_WORDS.best_mark in words or _RANKING_WORDS.top_n_mark in words or _RANKING_WORDS.strong_mark in words:
        best_of_kind(s)  # 营商环境最好的十座城市是甲、乙, 排名前十的工业强县为甲、乙: each in the top N
    if _RANKINGS.respectively_from.search(text, sent.start, sent.end):
        paired_moves(s)  # A、B在全市排位,分别由第20位、第7位上升为第11位、第5位: places moved at once
    if _RANKINGS.place_word.search(text, sent.start, sent.end):
        if _NAME_WORDS.list_mark in words:
            measures_after_one_lead(s)  # 跻身全国甲第3位、乙第4位: measures with places of their own
        places_in_series(s)  # 上海第一、广东第二、北京第三, 甲市第4位,乙市9位: places with no verb
    elif (_SERIES_UNITS[0] in words or _SERIES_UNITS[1] in words) \
            and _RANKINGS.series_counted.search(text, sent.start, sent.end):
        places_in_series(s)  # (排名分别是:)甲区27名、乙区45名: places each counted in 名, with no 第


def _events(text: str, sent: Span) -> list[Event]:
    """The rankings, figure-less changes and figures of a sentence, in text order."""
    rank_hits = list(_RANKINGS.place.finditer(text, sent.start, sent.end)) \
        if _RANKINGS.place_word.search(text, sent.start, sent.end) else []
    if rank_hits and _NAME_WORDS.open_quote in text[sent.start:sent.end]:
        # “2022中国省级园区综合实力百强榜”: a ranking's title in quotes is no ranking (but a goal
        # quoted with its verb is: 提出“2025年跻身全国百强县”的目标)
        titles = [(m.start(), m.end()) for m in _WALK.quoted.finditer(text, sent.start, sent.end)]
        rank_hits = [h for h in rank_hits if h.group("lead") or not any(a < h.start() < b for a, b in titles)]
    blocked = [(h.start(), h.end()) for h in rank_hits]
    # 三次产业结构由8.1:45.2:46.7调整为…, 产业结构由上年的22.3%、28.6%和49.1%调整为…: a structure, no facts
    gate = anchor_gate("walk.structure")  # (结构…: most sentences hold none)
    if gate is None or gate.search(text, sent.start, sent.end):
        blocked += [(m.start(), m.end()) for m in _WALK.structure.finditer(text, sent.start, sent.end)]
    figures: list[Event] = [*scan_figures(text, sent, blocked)]
    others: list[Event] = [Wordless(m.start(), m.end(), m.group(0))
                           for m in _CHANGES.wordless.finditer(text, sent.start, sent.end)]
    others += rank_hits
    if not others:
        return figures  # the figures come in text order already
    events = figures + others
    events.sort(key=_event_start)
    return events


def _event_start(e: Event) -> int:
    return e.start() if isinstance(e, re.Match) else e.start


def _ranking_figure(s: Sentence, fig: Fig, region_start: int, cursor: int) -> int:
    """A figure of a ranking (a move, a score a place won with) read; the new cursor."""
    if fig.role == "score":
        score_role(s, fig)
        return cursor  # (以总分88.7分|拔得头筹: the words before it still lead to the place it won)
    move_role(s, fig, region_start)
    # (排名前移4位)至第41位: the words before the move name the measure and field of the place it led to
    return cursor if _RANKINGS.place_moved_to.match(s.text, fig.end) else fig.end


def _figure_event(s: Sentence, events: list[Event], i: int, cursor: int) -> tuple[int, int]:
    """Read the figure ``events[i]`` (and the list it opens); return the new cursor and index."""
    text, sent, st = s.text, s.ctx.span, s.state
    fig = events[i]
    assert isinstance(fig, Fig)
    _close_among(s, fig.start)
    _mark_among(s, cursor, fig.start)
    if fig.role == "threshold" or (st.quiet and st.is_quiet(fig.start)):
        return cursor, i + 1
    region_start = _region_start(text, cursor, fig.start, sent)
    if fig.role == "bare_mag":
        bare_magnitude(s, fig)
        return fig.end, i + 1
    if fig.role in ("score", "move"):
        return _ranking_figure(s, fig, region_start, cursor), i + 1
    fig = classify(text, fig, region_start, sent.start)
    high = _range_end(text, fig, events, i + 1)
    if high is not None:
        _range(s, fig, high, region_start)
        return high.end, i + 2
    if fig.role == "level" and (text.startswith(_NAME_WORDS.possessive, fig.end)  # (plain checks first)
                                or text.startswith(_GOAL_HEADS, fig.end)):  # (…43亿元|目标任务的34.8%)
        share = _share_after(text, fig, events, i + 1)
        if share is not None and target_with_share(s, fig, share, region_start):
            return share.end, i + 2
    group = _gather_list(s, fig, events, i + 1, region_start)
    if len(group) > 1 or (fig.role == "change" and _LISTS.respectively.search(text, region_start, fig.start)):
        list_role(s, group, region_start)
    elif places_alike(s, fig, region_start):
        pass  # (甲、乙等区县的增速均在5%以上: each place's growth of the measure just given)
    elif fig.role == "change":
        # (增幅比1-4月增速|18%|上升5.4个百分点: the growth then, not a change of the figure just given)
        if not (all_alike(s, fig, region_start) or baseline_rate(s, fig, region_start)):
            change_role(s, fig, region_start)
    elif goal_in_brackets(s, fig, region_start):
        pass  # (引进企业14家(任务数12家): the goal of the measure just given, recorded)
    elif fig.role == "share":
        share_role(s, fig, region_start)
    elif fig.amount.kind == "count" and (breadth_role(s, fig) or members_passing(s, fig)):
        # (在工业41个行业大类中,30个行业增加值实现增长: how many of a group did something; 14个开发区规上工业增加值增速
        # 超过30%: how many of a kind have a measure past a mark)
        return _cursor_after_members(s, fig, cursor), i + 1
    elif not (fig.amount.kind == "count" and seats_held(s, fig, region_start)):  # (东部地区占65席)
        return _level_event(s, fig, region_start, cursor), i + 1
    return group[-1].end, i + len(group)


def _level_event(s: Sentence, fig: Fig, region_start: int, cursor: int) -> int:
    """Read the level ``fig``; return where reading goes on: past it, or from ``cursor`` after the figure of a whole
    compared with (比全省(7.7%)|高0.5个百分点: the comparison still leads to the change after it)."""
    made = len(s.log.facts)
    level_role(s, fig, region_start)
    places_past_mark(s, fig, made)  # (…超过200亿元的省辖市是甲、乙和丙: each of them)
    if whole_compared_before(s.text, fig.start, region_start):
        return cursor
    return fig.end


def _cursor_after_members(s: Sentence, fig: Fig, cursor: int) -> int:
    """Where reading goes on after members counted at ``fig``: past it, or from ``cursor`` when places listed before
    it enter a list as a group (甲、乙、丙3家高新区进入全国前100名: they still enter it, the rankings read them)."""
    return cursor if listed_group_entering(s.text, fig.start, fig.end, s.ctx.span.end) else fig.end


@cache
def _range_mark_starts() -> frozenset[str]:
    """The first characters a range mark can have (5-7亿元, 5至7亿元), and a space before one
    (read from the data on first use, not at import)."""
    return frozenset(w[0] for w in words("figures", "range_marks")) | {" "}


def _range_end(text: str, fig: Fig, events: list[Event], j: int) -> Fig | None:
    """The high end of a range ``fig`` opens (5-7亿元, 增长12%-20%), read in its role; None when none."""
    if j >= len(events) or text[fig.end:fig.end + 1] not in _range_mark_starts():
        return None  # (most figures: a plain check first, this runs for every figure)
    nxt = events[j]
    if not isinstance(nxt, Fig) or fig.role not in ("level", "change") or nxt.role not in ("level", "change") \
            or not _WALK.range_mark.match(text[fig.end:nxt.start].strip() or "x") \
            or nxt.amount.kind != fig.amount.kind or nxt.amount.value <= fig.amount.value \
            or (nxt.amount.kind != _COUNT_KIND
                and _FIGURES.project_noun_after.match(text[nxt.end:nxt.end + _CLASS_WIDTH])):
        return None  # (500万元-1亿元项目: a size class of projects, not a measure's range; 1-2个项目 is a range)
    if fig.role == "change" and fig.change is not None:
        return nxt.read_as("change", change=change_of(fig.change.basis, nxt.amount, fig.sign))
    return nxt if fig.role == "level" else None


def _range(s: Sentence, low: Fig, high: Fig, region_start: int) -> None:
    """A range: two facts of one measure, the low end at least, the high end at most (FACTS.md)."""
    counted = low.amount.kind == _COUNT_KIND
    projects_after = counted and _WALK.projects_after_range.match(s.text[high.end:s.ctx.span.end]) is not None
    if counted and (projects_after or s.text.find(_PROJECT_NOUN, region_start, low.start) >= 0) \
            and _projects_range(s, low, high, region_start, noun_after=projects_after):
        return  # (5-8个10亿元以上项目, 新开工项目30至40个: projects counted; not 引进5-10家孵化器, another measure's)
    low.qualifier = "at_least"
    made = len(s.log.facts)
    (change_role if low.role == "change" else level_role)(s, low, region_start)
    ind = s.state.current
    if ind is None or len(s.log.facts) == made or s.log.facts[-1] is not ind:
        return  # the low end made no fact of its own (a project count, a threshold): no range here
    doc = s.ctx.doc
    level = low.role == "level"
    noun = noun_after(s.text, high.end, s.ctx.span.end) if low.amount.kind == _COUNT_KIND else None
    if noun is not None and doc.norm_pos(ind.end) <= high.start:  # (引进5-10家孵化器: what the range counts)
        ind.name += noun.text
    top = replace(ind, value=high.amount.value if level else None, unit=high.amount.unit if level else None,
                  change=None if level else high.change,
                  qualifier="at_most" if ind.qualifier == "at_least" else ind.qualifier)
    doc.set_quote(top, doc.norm_pos(ind.start), high.end)
    s.log.add(top)
    s.state.current = top


def _projects_range(s: Sentence, low: Fig, high: Fig, region_start: int, *, noun_after: bool) -> bool:
    """力争引进5-8个10亿元以上项目, 新开工项目30至40个: a range of counts of projects — two projects facts of the
    same stage and size, the low end at least, the high end at most (a goal: both goals); the end the noun is
    read with first (the high end when the projects follow it), the other its copy."""
    # (the high end read from the low one on: 5-|8个10亿元以上项目 is no size class 5-10亿元)
    first, other = (replace(high, start=low.start), low) if noun_after else (low, high)
    made = len(s.log.facts)
    level_role(s, first, region_start)
    p = s.log.facts[-1] if len(s.log.facts) > made else None
    if not isinstance(p, Projects) or p.count != first.amount.value:
        return len(s.log.facts) > made  # (no projects counted: whatever the first end made stands)
    doc = s.ctx.doc
    goal = p.qualifier == "target"
    q = replace(p, count=other.amount.value)
    p.qualifier = "target" if goal else ("at_least" if first is low else "at_most")
    q.qualifier = "target" if goal else ("at_most" if first is low else "at_least")
    end = max(high.end, doc.norm_pos(p.end))
    if first is not low:  # (each end its own evidence: 8个10亿元以上项目, 5-8个10亿元以上项目)
        doc.set_quote(p, high.start, end)
    doc.set_quote(q, min(low.start, doc.norm_pos(p.start)), end)
    s.log.add(q)
    return True


def _gather_list(s: Sentence, fig: Fig, events: list[Event], j: int, region_start: int) -> list[Fig]:
    """The figures of the list ``fig`` opens: the next figures of the same role joined only by 、/和/及/与,
    or, after 分别为, by 、 and the place the next figure is of (分别为:甲县52个、乙县47个)."""
    text = s.text
    group = [fig]
    while j < len(events):
        nxt = events[j]
        if not isinstance(nxt, Fig) or nxt.role == "threshold":
            break
        sep = text[group[-1].end:nxt.start].strip()
        # 分别下降3.2%和增长5.6%: a list of changes may give each figure its own verb
        own_verb = _WALK.list_separator_verb.match(sep) if fig.role == "change" else None
        if not (_WALK.list_separator.match(sep or "x") or own_verb
                or (sep.startswith(_NAME_WORDS.list_mark) and _place_item(s, sep, region_start, fig))):
            break
        if fig.role == "change" and nxt.amount.kind != fig.amount.kind and sep == _COMMA:
            break  # 增速达38.8%,409家企业…: a count of its own after a comma, no further change
        if fig.role == "change":
            sign = sign_of(own_verb.group("verb"), own_verb.group("verb")) if own_verb else fig.sign
            basis = fig.change.basis if fig.change else "yoy"
            nxt = nxt.read_as("change", change=change_of(basis, nxt.amount, sign))
        elif fig.role == "share":
            nxt = nxt.read_as("share")
        elif not (_LISTS.respectively_as.search(text, region_start, fig.start) or places_listed_from(s, region_start)
                  or _LISTS.respectively_projects.search(text, region_start, fig.start)
                  or (sep in _LIST_JOINERS and _NAME_WORDS.list_mark in text[region_start:fig.start])
                  or _NAMES.items_named_together.search(text, region_start, fig.start)):
            # levels form a list only after 分别为/依次为, joined right after a list of names (甲区、乙区…比重达到
            # 47.2%、44.9%: as many figures as names, in order), or after items named together (三次产业…为A、B和C)
            break
        group.append(nxt)
        j += 1
    return group


def _share_after(text: str, fig: Fig, events: list[Event], j: int) -> Fig | None:
    """The percentage right after a level and 的 (目标任务589亿元|的|37.22%), read as a share."""
    if fig.role != "level" or j >= len(events):
        return None
    nxt = events[j]
    if not isinstance(nxt, Fig) or nxt.amount.kind != "percent" \
            or not _WALK.share_of_target.match(text[fig.end:nxt.start]):
        return None
    return nxt.read_as("share")


def _place_item(s: Sentence, sep: str, region_start: int, fig: Fig) -> bool:
    """、乙县 between two figures of a list after 分别为: the next figure is of that place."""
    m = _WALK.list_item_place.match(sep)
    return m is not None and places_listed_from(s, region_start) \
        and s.ctx.doc.finder.entity_named(m.group("place")) is not None


def _mark_breakdown(s: Sentence, cursor: int, pos: int) -> None:
    """分三大门类看, 按常住地分, 分产业看: the figures after such a breakdown are parts of the figure
    given last before it (in the sentence, or the paragraph's last), up to the sentence end."""
    st = s.state
    if st.parent is not None or not any(cursor <= end <= pos for end in st.breakdowns):
        return
    top = st.current or _last_figure(s)
    if top is not None and st.current is None and (whole := _whole_of_siblings(s, top)) is not None:
        top = whole  # (分行业看,甲、乙、丙分别增长…。分经济类型看,…: another breakdown of the same whole)
    if top is not None:
        st.parent = top.name
        st.parent_pool = [top]
        st.parent_until = None


def _whole_of_siblings(s: Sentence, last: Indicator) -> Indicator | None:
    """The whole ``last`` is a part of, when it closes a breakdown of two parts or more (a single part, as after
    其中, is broken down itself); None otherwise."""
    if last.parent is None:
        return None
    parts = [f for f in s.log.facts if isinstance(f, Indicator) and f.parent == last.parent]
    if len(parts) < _MIN_SIBLINGS:
        return None
    return next((f for f in reversed(s.log.facts) if isinstance(f, Indicator) and f.name == last.parent
                 and f.parent is None), None)


def _last_figure(s: Sentence) -> Indicator | None:
    """The last figure given in the paragraph before this sentence (a part of one included: 其中规模以上
    工业增加值增长7.2%。分三大门类看… breaks down the part)."""
    para_start = s.ctx.para.span.start
    doc = s.ctx.doc
    for f in reversed(s.log.facts):
        if doc.norm_pos(f.start) < para_start:
            return None
        if isinstance(f, Indicator) and (f.value is not None or f.change is not None):
            return f
    return None


def _close_among(s: Sentence, pos: int) -> None:
    """Past the ';' closing a mid-sentence 其中's clause, its whole is no longer the parent — unless the next clause
    opens with a sibling of the part just given (其中出口…;进口…): then the breakdown goes on to the next ';'."""
    st = s.state
    if st.parent_until is None or pos <= st.parent_until:
        return
    if _opens_with_sibling(s, st.parent_until):
        end = s.text.find(";", st.parent_until + 1, s.ctx.span.end)
        st.parent_until = end if end >= 0 else None
    else:
        st.parent, st.parent_pool, st.parent_until = None, [], None


def _opens_with_sibling(s: Sentence, until: int) -> bool:
    """其中出口22.6亿美元,增长6.3%;|进口12.6亿美元: whether the clause after a 其中 clause's ';' opens with a sibling of
    the part just given (in the vocabulary's sets of parts): the breakdown goes on."""
    cur = s.state.current
    if cur is None or cur.parent is None:
        return False
    clause = s.text[until + 1:until + 1 + _SIBLING_WIDTH]
    return any(any(cur.name.startswith(p) for p in parts)
               and any(clause.startswith(p) and not cur.name.startswith(p) for p in parts)
               for parts in _sibling_parts())


@cache
def _sibling_parts() -> tuple[tuple[str, ...], ...]:
    """The sets of sibling parts (出口, 进口), read from the vocabulary on first use."""
    return tuple(tuple(parts.split()) for parts in words("name", "sibling_parts"))


def _place_region_start(text: str, cursor: int, hit: re.Match[str], sent: Span) -> int:
    """Where the words of the place ``hit`` start: as any figure's, but a label closed by a colon right before one
    exact place is its measure (GDP增速:全市第一;财政收入增速:全市第三; a list announced after a colon is not)."""
    pos = hit.start()
    start = _region_start(text, cursor, pos, sent)
    exact = hit.group("n") or hit.group("first")
    if exact and start == pos and start - 1 > max(cursor, sent.start) and text[start - 1] == _COLON:
        return _region_start(text, cursor, start - 1, sent)
    return start


def _region_start(text: str, cursor: int, pos: int, sent: Span) -> int:
    """Where the words belonging to the figure at ``pos`` start: after the last figure read or the
    last clause separator, whichever is nearer."""
    lo = max(cursor, sent.start)
    start = max(text.rfind(",", lo, pos), text.rfind(";", lo, pos), text.rfind(":", lo, pos), lo - 1) + 1
    if start == pos and start > lo and text[start - 1] == ":":
        # (分产业看,农业:|5个,…: a short label closed by a colon right before its figure names it)
        label = _WALK.label_before_colon.search(text, lo, start - 1)
        if label is not None:
            return label.start()
    return start


def _mark_among(s: Sentence, cursor: int, pos: int) -> None:
    """A 其中 between the last figure and this one: what follows are parts of the figure before."""
    text, st, pst = s.text, s.state, s.para
    among = _NAME_WORDS.among
    k = text.rfind(among, cursor, pos)
    if k < 0:
        if st.breakdowns:
            _mark_breakdown(s, cursor, pos)
        return
    top = st.current if st.current is not None and st.current.parent is None else pst.last_top
    # 签约内资项目19个,其中5000万元以上项目2个: a 其中 of projects makes no indicator a whole
    of_projects = st.projects is not None and _WALK.among_projects.match(text, k + len(among))
    if st.parent is None and top is not None and not of_projects:
        st.parent = top.name
        sent = s.ctx.span
        # …,其中A;B: a 其中 inside a sentence covers its own clause (but 其中:A;B lists the parts)
        opens_sentence = _WALK.starts_with_among.match(text[sent.start:k + len(among)]) is not None
        if not opens_sentence and text[k + len(among):k + len(among) + 1] != ":":
            end = text.find(";", k, sent.end)
            st.parent_until = end if end >= 0 else None
        st.parent_pool = s.log.tops_since(st.first_fact) or list(pst.prev_tops)
    if st.parent_projects is None and st.projects is not None:
        st.parent_projects = st.projects


def _own_project(s: Sentence) -> re.Match[str] | None:
    """The first one project named by its own name in the sentence (其中,甲公司年产5万吨乙制品项目计划总投资…), None
    when the only projects named are of a kind, a stage or a count (重点项目, 新开工项目, 12个项目, 该项目)."""
    text, pos, end = s.text, s.ctx.span.start, s.ctx.span.end
    while (m := _WALK.own_project.search(text, pos, end)) is not None:
        name = m.group("project")
        pos = m.start() + 1  # (a name refused may hold the start of the right one: 计划投资…在戊县建设甲项目)
        if _PROJECTS_SHAPES.not_one_project.search(name) or names_projects_of_a_kind(name) \
                or _WALK.own_project_not.search(name) or _INDICATOR_SHAPES.one_project_opens.fullmatch(name):
            continue
        if _WALK.own_project_firm.search(name) or _counted_as_one(s, m.start("project"), m.end("project")) \
                or _WALK.own_project_site.match(text, m.end(), end) \
                or (m.group("built") and _WALK.own_project_firm_before.search(text, s.ctx.span.start, m.start())):
            return m
    return None


def _counted_as_one(s: Sentence, start: int, end: int) -> bool:
    """Whether a projects fact of this sentence counts the project named at ``[start, end)`` as one
    (总投资9亿元的甲项目): a name of a kind of projects (先进制造项目52个) is counted by more."""
    norm_pos = s.ctx.doc.norm_pos
    return any(isinstance(f, Projects) and f.count == 1 and norm_pos(f.start) <= start and norm_pos(f.end) >= end
               for f in s.log.facts[s.state.first_fact:])


def _own_project_measures(s: Sentence) -> None:
    """Measures of one project named by its own name (FACTS.md: 项目占地95亩, 预计年产值… after 甲公司…项目) are that
    project's: it is their subject, from after its name to the end of the sentence and in the sentences right after
    that open on it (该项目…, 项目分两期建设,…), until a clause turns to a place (全市, 园区)."""
    text, sent, pst = s.text, s.ctx.span, s.para
    m = _own_project(s) if _PROJECT_NOUN in text[sent.start:sent.end] else None  # (a plain check first)
    if m is not None:
        name, opens, after = m.group("project"), m.start("project"), m.end()
    elif pst.own_project is not None and (_INDICATOR_SHAPES.one_project_opens.match(text, sent.start)
                                          or _WALK.own_project_goes_on.match(text, sent.start)):
        name, opens, after = pst.own_project, sent.start, sent.start
    else:
        pst.own_project = None
        return
    pst.own_project = name
    for f in s.log.facts[s.state.first_fact:]:
        if not isinstance(f, Indicator):
            continue
        at = s.ctx.doc.norm_pos(f.start)
        if at < after and (at != opens or _WALK.own_project_investment.search(f.name) is not None):
            continue  # (甲项目一期占地60亩 is the project's; 甲项目计划总投资… is the projects fact's, no measure)
        if at > after and _WALK.own_project_ends.search(text, after, at) is not None:
            return  # (…,全市完成投资…: the clause turned to a place; the project's measures ended)
        f.subject = name


def _measures_of_event_projects(s: Sentence) -> None:
    """A share or an average of the projects just counted at the report's event, in the clauses right after the count
    (FACTS.md: 在85个新签约项目中,投资5亿元以上的项目41个,占比为48.2%; 其中产业类项目14个,…,投资占比37.5%), is of the
    event's month as the count is, not of a span said before (今年以来, 一季度 in the event's name) — unless a period
    of its own is said after the count."""
    ctx, month = s.ctx, None
    if ctx.doc.event_date is None or ctx.doc.event_date.start is None:
        return  # (a report with no event day: event_month is None for every count, none is of its month)
    norm = ctx.doc.norm_pos
    counted: Projects | None = None  # (the projects counted last: their month worked out once a measure follows)
    for f in sorted(s.log.facts[s.state.first_fact:], key=lambda f: norm(f.end)):
        if isinstance(f, Projects):
            counted, month = f, None
        elif isinstance(f, Indicator):
            if counted is not None:  # (most counts have no measure after them: the event's month is not asked)
                month = (counted.period, norm(counted.end)) if counted.period is not None \
                    and counted.period == ctx.event_month(norm(counted.start)) else None
                counted = None
            if month is None:
                continue
            at = norm(f.start)
            if not _measure_of_projects(s, f, month[1]) or ctx.has_period_before(at, since=month[1]):
                month = None
                continue
            f.period = month[0]


def _measure_of_projects(s: Sentence, f: Indicator, since: int) -> bool:
    """Whether ``f``, written after projects counted up to ``since`` in the same clauses, is a share or an average of
    theirs: no plan or estimate, no change, a share's mark or an average's word in its name or right before it."""
    if f.qualifier is not None or f.change is not None or f.value is None:
        return False
    at = s.ctx.doc.norm_pos(f.start)
    lo = min(at, since)
    if _WALK.projects_clause_ends.search(s.text, lo, at) is not None:
        return False
    return _WALK.measure_of_projects.search(s.text, lo, s.ctx.doc.norm_pos(f.end)) is not None
