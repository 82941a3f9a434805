"""Ranking facts: a place among peers (位居全省第三, 居全市前列, 进入全国百强).

The ranking shape of ``grammar.toml`` finds the place (第N, 前N, 首位, 前列, N强), the verb before
it and the field of peers (全省, 全国同类开发区, 济南市); the measure ranked is written before
(一般公共预算收入增幅位居…), or is the figure just named (…增长9.2%,居全市第一), or the listed
measures (总量和增幅分列全省第二和第五). A ranking verb with no field and a bare ordinal (第一) is
no ranking. A move whose size is written after a ranking (较上月前移一位, 比上年下降2位) is a change of
it: an indicator named after the ranking (增速全省排名), in places.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from zhibiao.anchors import anchor_gate
from zhibiao.extract.changes import basis_of, change_of
from zhibiao.extract.figures import Fig
from zhibiao.extract.indicators import after_subject, kinds_ranked_before
from zhibiao.extract.names import (
    clean_list_item,
    cut_enum_tail,
    last_match,
    split_names,
    strip_chars,
    topic_before,
    trim_openers,
    without_quotes,
)
from zhibiao.extract.periods import (
    PeriodMention,
    find_periods,
    judged_year,
    period_string,
    resolve_period,
    years_period,
)
from zhibiao.extract.projects import is_investment_name, mentions_projects, projects_named
from zhibiao.extract.quantities import Amount, figure_regex, parse_amount, parse_number
from zhibiao.extract.segment import MAX_SENTENCE, clause_start
from zhibiao.extract.state import Sentence, SentenceState
from zhibiao.lexicon import Shapes, Words, WordSets
from zhibiao.model import Basis, Change, Fact, Indicator, Projects, Ranking
from zhibiao.resolve.subjects import CITY_LEVEL, SubjectFinder

__all__ = [
    "MAX_RANK",
    "announces_list",
    "best_of_kind",
    "bracketed_places_listed",
    "compared_places",
    "count_most",
    "counted_measures_listed",
    "entered_group_after",
    "evaluation_before",
    "evaluation_field",
    "evaluation_period",
    "field_of_kind",
    "home_field",
    "listed_places",
    "measures_after_one_lead",
    "membership_list",
    "move_role",
    "place_of",
    "places_continued",
    "places_entered_bare",
    "places_in_series",
    "places_moved_in_turn",
    "ranking_role",
    "seats_held",
    "seats_listed",
    "split_rank_names",
    "superlatives",
    "tier_place",
    "unread_places",
]

# No field of peers has a million members: a larger place is a run of digits.
MAX_RANK = 1_000_000
# How far before a list of bracketed places the group it is of may be named (the sentence before, say).
_GROUP_BEFORE_MAX = 200

_NAMES = Shapes("names")
_RANKINGS = Shapes("rankings")
_CHANGES = Shapes("changes")
_LISTS = Shapes("lists")
_NAME_WORDS = Words("name")
_ENTITY_WORDS = Words("entity")
_NAME_SETS = WordSets("name")
_RANKING_SETS = WordSets("ranking")
_RANKING_WORDS = Words("ranking")
_PERIODS_LISTED = str(_RANKING_WORDS.periods_joiners)  # (自2021年、2022年: what opens or joins periods alone)
_GROWTH_HEADS = tuple(_RANKING_SETS.growth_names)
_WHOLE_ENDS = frozenset(_RANKING_WORDS.whole_place_ends)
_PLACE_MIN = 2  # (the fewest characters of a place's name: 青海)
_MEMBER_COUNTS = tuple(_RANKING_WORDS.member_counts)
_PROJECTS_NOUN: str = Words("projects").noun
_COUNT_HEAD: str = Words("share").projects_count_part  # (项目数: the projects' count, as a share of it is named)
_INVESTMENT_HEAD: str = _RANKING_WORDS.investment_head
_SLOGAN_VERBS = tuple(_RANKING_WORDS.slogan_verbs)
_EVALUATION_ACTS: tuple[str, ...] = tuple(_RANKING_WORDS.evaluation_acts)
_PERIODS_SETS = WordSets("periods")
# Plain checks before shapes that run for every place read: what a frame (从) or a place left (跌出)
# ends with, what opens its holder written after it (的, 位的), how places' names end (with a joiner).
_FRAME_OR_EXIT_ENDS = (*_RANKING_WORDS.frame_marks, *_RANKING_WORDS.exits)
_HOLDER_AFTER_STARTS = tuple(_RANKING_WORDS.holder_after_starts)
_LONG_PLACE_LIST = 5  # a list of places this long may hold one item that reads as none
_COUNTED_MEASURES_MAX = 16  # (有12项主要经济指标增速: the words of a count of measures before a place)
_GLUED_MEASURE_MIN = 2  # (a measure glued to the last place listed is two characters at least: 增速)
_PLACE_LAST_CHARS = tuple(_RANKING_WORDS.place_last_chars)
_PASSED_VERB_CHARS = frozenset(_RANKING_WORDS.passed_verb_chars)
_MOVED_FROM_MARKS = tuple(_RANKING_WORDS.moved_from_marks)
_MOVED_FROM_WIDTH = 12  # (从, a period and 的 before a place moved from)
_FULL_GROUP_WIDTH = 20  # (the year, quote mark and words opening a group's full name before its short name)
_CLAUSE_MARKS = (",", ";", ":", "。")
_LEADS = tuple(_RANKING_WORDS.lead)
_LARGEST = _RANKING_WORDS.largest_mark
_PEER_KINDS = _RANKING_SETS.peer_kinds | _RANKING_SETS.compared_kinds
_DATED_TITLE_WORDS = tuple(_RANKING_WORDS.dated_title_words)
_UNDATED_TITLE_WORDS = tuple(_RANKING_WORDS.undated_title_words)
_TITLE_MARKS = tuple(_RANKING_WORDS.title_marks)
_SENTENCE_ENDS = ("\u3002", "\n")  # (a full stop or a line break ends the sentence a title is named in)
_CONTEXT_SHAPES = Shapes("context")  # (released_after: a period said as the time a list came out)
_MOVES_LEAD_WIDTH = 60  # (how far before places moved at once their measures and field may start)
_COUNTED_LIST_STOPS = ("。", ";")  # (where a list of measures after 分别是 ends)
_EACH_MARK: str = Words("projects").each_mark  # (各: places of a kind, never a measure)
_HOLDER_MAX = 12  # (the most characters of a place holding seats: 内蒙古自治区, 东北地区)
_PROVINCE_PREFIX_MAX = 3  # (湖南省|长沙县: the most characters of a province written before a listed place)
_CITY_PREFIX_MAX = 6  # (河北省保定市|竞秀区: the most characters of a province and city written before a listed place)
_TAG_WINDOW = 2000  # (how far before a list its quoted name is looked for where it was announced)
_TAG_SLOT = "TAG"  # (where the quoted name goes in the tagged_measure shape)
_PROVINCE_ENDS = tuple(_RANKING_WORDS.province_ends)
_SERIES_MIN = 3  # (the fewest places in order written with no verb that make a series: 上海第一、广东第二、北京第三)
# What may stand between 依次为 and its list on the next line, and how far that line may start.
_LIST_LEAD_BLANKS = " :：\t\u3000"
_LIST_MARKS = tuple(_RANKING_WORDS.list_marks)  # (what goes on from one listed place to the next)
_COMMA = ","  # (a list of places written apart by commas: 甲区,乙区,丙区)
_PERCENT = "%"
_YOY: Basis = "yoy"
_LIST_MARK: str = _NAME_WORDS.list_mark  # (、: what such a list's commas stand for)
_MEANS_REACH = 16  # (how far before a ranking verb 以第57名的成绩 may start)
_EVALUATION_NOUNS = tuple(_RANKING_WORDS.evaluation_acts)  # (考评, 考核, 评价…: what a measure's name may end with)
_IN_TURN_MARKS = tuple(_RANKING_WORDS.in_turn_marks)  # (依次, 分别: places listed take the places in order)
_MOVE_QUOTE_LEAD = 8  # (how far before the move its quote may open: 县市第23位|、较上年前进5位)
_FOLLOWING_WORDS = tuple(_RANKING_WORDS.following_words)
_REST_WORDS = frozenset((*_RANKING_WORDS.following_words, *_RANKING_WORDS.rest_words))  # (其他, 其余, 其后…)
_MOVED_RANKING_ENDS = (*_RANKING_WORDS.rank_nouns, _RANKING_WORDS.place_order_noun)  # (综合排名, 位次)
_MOVE_RULE = "indicator.move.v1"  # (the rule of a move of a place: its quote may open inside the clause after it)
_SHARED_HEADS = tuple(_NAME_WORDS.shared_heads)  # (数量, 增速, 总额…: a measure items ending alike may share)
_SHARED_ENDING = 2  # (企业 of 独角兽企业、瞪羚企业新增数量: how the items end alike)
_LIST_END_MARKS = "。;;, \t\u3000"
_NEXT_LINE_REACH = 6
# Groups of places parted by commas before a list holding one place (at most this many), and what ends a clause.
_GROUPS_MAX = 4
# How far back, before its paragraph, the spread of a list's members may be said for the counts that go on.
_SPREAD_REACH = 400
_GROUP_MARKS = ","
_PERIOD_LAST_CHARS = tuple(_RANKING_WORDS.period_last_chars)
_MEASURE_MIN = 2  # (the fewest characters of a measure before a period closing the words before a place)
_LISTED_AREAS = tuple(_RANKING_WORDS.listed_areas)
_LIST_ORDER_ADVERBS = tuple(_RANKING_WORDS.list_order_adverbs)
_ORDER_ADVERB_WIDTH = 2  # (分别, 依次 right before the verb)
_COUNT_UNIT = "count"  # (the unit of figures counted in 家, 个, 项)
_FIELD_WIDTH = 2  # (全省, 中国: how long a whole field is)
_SERIES_UNITS = tuple(_RANKING_WORDS.series_units)  # (名, 位: the units of a place)
_SHARED_REACH = 6  # (how far before a place 均, 双双 or 都 may stand: 均稳定位居)
_CLAUSE_BREAKS = ",;:。"
_ITEM_BREAK = ";"  # (what ends an item of a sentence listing several)
_EVALUATION_NAME_MIN = 4  # (the fewest characters of an evaluation's name, as the grammar finds them)
_NAMED_FIELDS = frozenset(_RANKING_WORDS.named_fields)
_ITEM_MARKS = "、,;: "  # (what stands between listed items)
_CITY_WHOLE: str = _RANKING_WORDS.whole + _RANKING_WORDS.city_level_char  # (全市: the field of a city's parts)
_PROVINCE_WHOLE: str = _RANKING_WORDS.province_field  # (全省: the field of a province's cities)
_FIELD_REGIONS = frozenset(_RANKING_WORDS.regions)  # (东部地区, 西部, 中西部: parts of the country ranked within)
_TOP_TIERS = _RANKING_SETS.top_tiers
_GRADED_TIERS = _RANKING_SETS.graded_tiers
_PROVINCIAL_PEER_KINDS = _RANKING_SETS.provincial_peer_kinds
_FIELD_LAST_CHARS = tuple(_RANKING_WORDS.field_place_ends)
_PROVINCES_LONGEST_FIRST = tuple(sorted(_NAMED_FIELDS, key=len, reverse=True))  # (内蒙古自治区 before 内蒙古)
_NAMED_FIELD_WIDTH = 16  # (新疆维吾尔自治区第123位, : a province's field and its place just before another)
_OPEN_QUOTES = (_NAME_WORDS.open_quote, '"')
_HEAD_WORDS = (*_RANKING_WORDS.level_heads, *_RANKING_WORDS.share_heads, *_RANKING_WORDS.rate_heads)


def place_of(hit: re.Match[str]) -> tuple[int | None, bool] | None:
    """(rank, top) of a ranking match: 第一 → (1, False), 前列 → (None, True); None when unreadable."""
    if hit.group("first") or hit.group("strong_head") or hit.group("most"):  # (蝉联“十强”首位: the first of
        return 1, False  # the group; 增速为全省最高: the first place)
    raw = hit.group("n") or hit.group("topn") or hit.group("strong_n") or hit.group("strong")  # (百强榜单第17位: 17)
    if raw:
        value = parse_number(raw)
        if value is None or not 0 < value < MAX_RANK or value != value.to_integral_value():
            return None  # 第99999999999位: a run of digits, no place among peers
        return int(value), False
    return None, True


def _top_n_only(hit: re.Match[str]) -> bool:
    """Whether a ranking match places its subject within a top N only (前10, 百强), not at an exact place of
    it (百强榜单第17位, “十强”首位)."""
    return bool(hit.group("topn") or hit.group("strong")) and not (hit.group("strong_n") or hit.group("strong_head"))


def ranking_role(s: Sentence, hit: re.Match[str], region_start: int) -> bool:
    """Make the ranking facts of one ranking match of the sentence; False when the match is part of
    the words of the place after it (从全国第七位|晋升为第六位), which are read from before it."""
    if _moved_from(s.text, region_start, hit.start()) \
            and _RANKINGS.moved_from_ahead.match(s.text, hit.end(), s.ctx.span.end):
        return False  # 从全国第七位晋升为第六位: the place moved from, read with the place moved to
    if not hit.group("lead") and (hit.group("strong") or hit.group("topn")) \
            and _RANKINGS.group_in_field.match(s.text, hit.end(), s.ctx.span.end) \
            and _RANKING_WORDS.field_mark in s.text[region_start:hit.start()]:
        return False  # 在全国百强县榜单中位列第27位: the group names the field of the place after it
    if hit.group("following"):
        _followers(s, hit)  # (甲区位居榜首,其次是乙区、丙区: following the place just given)
    else:
        _ranking_facts(s, hit, region_start)
    return True


def _slogan(text: str, hit: re.Match[str]) -> bool:
    """全省抢前列, 全市争第一: a top place after a verb of striving, with no number, is a slogan."""
    top = hit.group("top") or hit.group("first")
    if not top:
        return False
    at = hit.start("top") if hit.group("top") else hit.start("first")
    return text.endswith(_SLOGAN_VERBS, hit.start(), at)


def _grade_restated(s: Sentence, hit: re.Match[str]) -> bool:
    """获评全省营商环境评价优秀等次,位列全省第一方阵: a grade restated by the place right after it, read there; 共有12个
    单位获评优秀等次, 38名干部年度考核获评优秀等次, 获评优秀等次的单位: a grade given to units or people counted (an
    appraisal), or naming whom it was given to, is no place of anyone."""
    if hit.group("top") not in _GRADED_TIERS:
        return False
    if s.text.startswith(_HOLDER_AFTER_STARTS[0], hit.end()) \
            or _RANKINGS.graded_holders_counted.search(s.text, s.ctx.span.start, hit.start()):
        return True
    return s.text.startswith(_LEADS, hit.end() + 1) \
        and _RANKINGS.place.match(s.text, hit.end() + 1, s.ctx.span.end) is not None


def _top_said_of_places_given(s: Sentence, hit: re.Match[str], region_start: int) -> bool:
    """甲区、乙区分列第15位和第11位,|排名靠前: a place near the top said with no words of its own right after exact
    places the sentence gave: how those places did, no place of its own."""
    last = s.state.last_rank
    return bool(hit.group("top")) and not hit.group("scope") and last is not None and last.rank is not None \
        and not s.text[region_start:hit.start()].strip()


def _moved_from(text: str, start: int, end: int) -> bool:
    """Whether the words before a place say it was moved from (从, 从去年的, 由2008年的)."""
    if text.endswith(_MOVED_FROM_MARKS, start, end):
        return True
    return any(m in text[max(start, end - _MOVED_FROM_WIDTH):end] for m in _MOVED_FROM_MARKS) \
        and _RANKINGS.moved_from_end.search(text, max(start, end - _MOVED_FROM_WIDTH), end) is not None


def _ranking_facts(s: Sentence, hit: re.Match[str], region_start: int) -> None:
    if s.state.is_listed(hit.start()) or _measures_counted_only(s, hit, region_start):
        return  # (依次是 inside 前三名依次是甲、乙: the list is read; 有5项指标进入全市前三: how many measures hold it)
    if s.text.endswith(_FRAME_OR_EXIT_ENDS, region_start, hit.start()) \
            and (_RANKINGS.view_end.match(s.text, hit.end()) or _RANKINGS.exit_end.search(s.text, region_start,
                                                                                            hit.start())):
        return  # 从全国前十强看 (a frame), 跌出全国前十强 (a place not held): no place of anyone
    if (hit.group("strong") or hit.group("topn")) and _group_named_only(s, hit):
        return
    place = place_of(hit)
    scope = hit.group("scope")
    lead = hit.group("lead") or ""
    if hit.group("ordered") and (_rest_in_order(s, hit, region_start)
                                 or s.text.endswith(_FOLLOWING_WORDS, region_start, hit.start())):
        # (第1位是甲区,第2位是乙区,其他依次是丙、丁: the places after the last one given;
        # 江苏省占19席,其后依次为甲、乙、丙: after a place given no place, the order anchored by no number)
        return
    if _slogan(s.text, hit) or _grade_restated(s, hit) or _top_said_of_places_given(s, hit, region_start):
        return  # 锚定“全省抢前列、全市争第一”: a slogan of a goal, no place
    if scope and hit.group("strong"):
        first = _RANKINGS.field_then_place.match(s.text, hit.end(), s.ctx.span.end)
        if first is not None:  # 位居全国百强县投资潜力第3、…: the group is the field
            _measures_with_places(s, first, scope, hit.start())
            return
    exact_n = place is not None and place[0] is not None and not (hit.group("first") or hit.group("most"))
    # (从第一名到第七名依次为:甲、乙…: the first of a range of places, listed after it)
    ranged = bool(hit.group("first")) and (_RANKINGS.place_range.match(s.text, hit.end(), s.ctx.span.end) is not None
                                           or _RANKINGS.first_holder_after.match(s.text, hit.end(), s.ctx.span.end)
                                           is not None)  # (排名第一的是甲市, 第一名乙市: the first place's holder)
    if (hit.group("ordered") or exact_n or ranged) \
            and _holders_after(s, hit, region_start, place[0] if place is not None else None):
        return
    if hit.group("ordered") or (hit.group("last") and _bottom_holders(s, hit, region_start)):
        return  # 依次为 with no list of places after it; 排名后三位的是甲、乙和丙: each a last place
    if place is not None and place[1] and hit.group("top") and _top_holders(s, hit, region_start):
        return  # 中心城区排名靠前的是甲区、乙区: each near the top
    if place is not None and place[0] is not None and _in_brackets_after_place(s, hit):
        return
    if place is not None and not lead and _won_by_holders(s, hit, region_start, place):
        return
    if place is None or (not scope and (not lead or (lead in _RANKING_SETS.weak_leads and not _place_with_unit(s, hit)))
                         and not _RANKINGS.holder_said_after.match(s.text, hit.end(), s.ctx.span.end)
                         and not _holder_named_after(s, hit.end())
                         and not (lead and (_holder_before(s, hit, region_start)
                                            or _holder_of_level_before(s, hit, region_start)
                                            or _RANKINGS.wrapper_closed_end.search(s.text, region_start, hit.start())
                                            or _measures_wrapped(s.text[region_start:hit.start()])
                                            or _part_of_ranking_before(s, hit, region_start)
                                            or _wrapped_before(s, region_start, hit.start())
                                            or s.state.moved is not None))):
        # 第一, 前3 with neither a field of peers nor a ranking verb: an ordinal (but 昆山市居第1位: a
        # place holding a place; 第2位的是江阴市: the place, whose holder follows; 排名上升5位,居第32位: the
        # place of the ranking that moved)
        return
    _read_and_record(s, hit, region_start, place)


def _read_and_record(s: Sentence, hit: re.Match[str], region_start: int, place: tuple[int | None, bool]) -> None:
    """Read the place a match gives and record it (once for each year listed before it)."""
    read = _next_group_listed(s, hit, region_start, place[0]) or _read_place(s, hit, region_start, place)
    if read is None:
        return
    read = _with_sharer(s, hit, read)
    for one in _per_year_listed(s, region_start, read):
        _record(s, hit, one, region_start)


def _after_years(s: Sentence, pos: int) -> int:
    """Where the words after the years listed at a clause's head go on, after the place they open with (2008、2009年
    甲区|连续两年…), if any."""
    opening = s.ctx.doc.finder.place_or_short_opening(s.text[pos:s.ctx.span.end])
    return pos + opening[1] if opening is not None else pos


def _per_year_listed(s: Sentence, region_start: int, read: _Read) -> list[_Read]:
    """2008、2009年甲区连续两年在全省…排名中位居第七: the place read once for each year listed at the head of its words
    (FACTS.md: several years in one list, one fact each), the years no measure; ``read`` alone otherwise."""
    years = _RANKINGS.years_listed.match(s.text, region_start) if read.period is None else None
    if years is None or len(read.subjects or ()) > 1:
        return [read]
    return [replace(read, period=period_string(year)) for year in _RANKINGS.year_of_list.findall(years.group("years"))]


def _rest_in_order(s: Sentence, hit: re.Match[str], region_start: int) -> bool:
    """第1位是甲区,第2位是乙区,其他依次是丙区、丁区: the places listed after words of the rest (其他, 其余, 其后) hold
    the places after the last exact one given, in its measure and field; True when they were recorded so."""
    last = s.state.last_rank or s.para.last_rank
    words = strip_chars(s.text[region_start:hit.start()])
    if last is None or last.rank is None or words not in _REST_WORDS:
        return False
    listed = _places_in_list(s, hit.end(), (last.rank + 1, None), ordered=True, each_own=False)
    if listed is None:
        return False
    subjects, ranks, _ordered, stop = listed
    read = _Read([last.indicator] * len(subjects), ranks, last.scope, False, False, "", region_start, None, stop,
                 subjects, last.period)
    s.state.mark_listed(hit.start(), stop)
    _record(s, hit, read, region_start)
    return True


def _with_sharer(s: Sentence, hit: re.Match[str], read: _Read) -> _Read:
    """甲县与乙县并列第4位, 山东与湖北共居第4位: a place named between 与 and the verb of sharing holds the place too
    (与邻区并列, naming no place, only says it is shared)."""
    sharer = _RANKINGS.sharer_lead.fullmatch(hit.group("lead") or "")
    if sharer is None or len(read.names) != 1 or (read.subjects is not None and len(read.subjects) != 1):
        return read
    name = s.ctx.doc.finder.entity_named(sharer.group("place"))
    if name is None:
        return read
    holder = read.subjects[0] if read.subjects else \
        _holder_beside(s, hit) or s.ctx.subject_at(_subject_pos(hit), ranked=True)
    if holder is None:
        return read
    return replace(read, names=read.names * 2, ranks=read.ranks * 2, subjects=[holder, name])


def _place_with_unit(s: Sentence, hit: re.Match[str]) -> bool:
    """排第1位, 居第三名: one place written with its number and unit, which makes a weak verb (排, 居, 列) a ranking's
    (not several given at once: 列第103位、第118位, whose holders are read elsewhere; nor one after peers closed by 中
    with no 在, 珠三角9市中居第1位, which name its field)."""
    return bool(hit.group("n")) and hit.group(0).endswith(_SERIES_UNITS) \
        and not s.text.endswith(_NAME_WORDS.among_mark, 0, hit.start()) \
        and _RANKINGS.more_places.match(s.text, hit.end(), s.ctx.span.end) is None


def _followers(s: Sentence, hit: re.Match[str]) -> None:
    """甲区位居榜首,其次是乙区、丙区和丁区: the places listed after 其次是 follow the place just given, in order, in its
    measure and field (nothing when no place was given before, or no places are listed)."""
    last = s.state.last_rank or s.log.last_ranking()
    if last is None or last.rank is None or last.bottom or last.start is None \
            or s.ctx.doc.norm_pos(last.start) < s.ctx.para.span.start:
        return  # (a place given in another paragraph is no place these follow)
    listed = _places_in_list(s, hit.end(), (last.rank + 1, None), ordered=True, each_own=False)
    if listed is None:
        return
    subjects, ranks, _ordered, stop = listed
    read = _Read([last.indicator] * len(subjects), ranks, last.scope, False, False, last.indicator or "", hit.start(),
                 None, stop, subjects, last.period)
    s.state.mark_listed(hit.start(), stop)
    _record(s, hit, read, hit.start())


def _group_named_only(s: Sentence, hit: re.Match[str]) -> bool:
    """Whether a top-N group is named with no place of anyone in it: a list announced (…“中国高新区创新能力百强”榜单12月
    10日发布; 中郡研究所发布全国…百强县榜单), the list as a frame (全国百强县中,江苏占据25席), its members counted
    (进位全国30强数量是…), the peers of the places after it (在排名前三十名的国家级经开区中,)."""
    text, end = s.text, s.ctx.span.end
    if _RANKINGS.group_counted_after.match(text, hit.end(), end):
        return True
    if text.endswith(_RANKING_WORDS.field_mark, s.ctx.span.start, hit.start()) \
            and _RANKINGS.top_group_wrapped.match(text, hit.end(), end):
        return True  # (在排名前三十名的国家级经开区中,: the peers the places after it are among)
    if hit.group("lead"):
        return False
    return bool(_RANKINGS.announced_after.match(text, hit.end(), end)
                or _RANKINGS.group_as_frame.match(text, hit.end(), end)
                or (_RANKINGS.list_noun_after.match(text, hit.end(), end)
                    and _RANKINGS.announced_before.search(text, s.ctx.span.start, hit.start())))


def _measures_counted_only(s: Sentence, hit: re.Match[str], region_start: int) -> bool:
    """我县有5项指标进入全市前三, 12项指标中有8项增速位居全市前三位: a count of measures holding a place, none named and
    none listed after it (有3项位居全市第一,分别是… lists them: read elsewhere)."""
    text = s.text  # (the count may have been read as a figure already, before the region: 中有8项|增速)
    start = max(s.ctx.span.start, min(region_start, hit.start() - _COUNTED_MEASURES_MAX))
    return _RANKINGS.measures_counted_end.search(text, start, hit.start()) is not None \
        and _RANKINGS.measures_listed_after.match(text, hit.end(), s.ctx.span.end) is None


@dataclass(slots=True)
class _Read:
    """What one ranking match says: the measures and their places, in which field."""

    names: list[str | None]
    ranks: list[int | None]
    scope: str | None
    top: bool
    bottom: bool
    measure: str  # the words of the measure as written before the place ("" when none)
    region_from: int  # where those words start
    former: re.Match[str] | None  # the place it came from (由上年的第7位上升至), in those words
    end: int  # where the places end
    subjects: list[str] | None = None  # 浏阳市、宁乡市分列第16位、第31位: who holds each place
    period: str | None = None  # the years of the evaluation named before, when the sentence says none


def _breakdown_field(s: Sentence, hit: re.Match[str]) -> str | None:
    """分地区来看,甲市以…位居榜首: a sentence opening with a breakdown by places ranks them among the report's own
    places (its home field); None when it opens otherwise."""
    if _RANKINGS.places_frame_open.match(s.text, s.ctx.span.start, hit.start()) is None:
        return None
    return home_field(s.text)


def _next_group_listed(s: Sentence, hit: re.Match[str], region_start: int, rank: int | None) -> _Read | None:
    """入选全国投资潜力百强县市、全国绿色发展百强县市: a group listed after the one a place entered, with
    no verb of its own, is entered by the same place; None for any other place."""
    last = s.state.last_rank
    if last is None or hit.group("lead") or not (hit.group("strong") or hit.group("topn")) \
            or not _RANKINGS.group_list_gap.fullmatch(s.text, region_start, hit.start()):
        return None
    group = _group_in_field(s.text, hit, hit.group("scope"))
    if group is None:
        return None
    scope, names, end, exact = group
    return _Read(names, [exact if exact is not None else rank], scope, False, False, "", hit.start(), None, end,
                 [last.subject] if last.subject else None)


def _part_of_ranking_before(s: Sentence, hit: re.Match[str], region_start: int) -> bool:
    """…名列省级经济开发区首位,其中经济规模列第一,发展质量列第二: measures of a ranking just given (其中,
    in its paragraph) hold places among its peers, though their words name no field."""
    before = s.state.last_rank or s.para.last_rank
    return before is not None and before.scope is not None and _RANKINGS.among_before.search(
        s.text, s.ctx.span.start, hit.start()) is not None and bool(strip_chars(s.text[region_start:hit.start()]))


def _read_place(s: Sentence, hit: re.Match[str], region_start: int, place: tuple[int | None, bool]) -> _Read | None:
    """Read a ranking match: None when it makes no fact (a top place among no peers, a top-N beside
    the exact place)."""
    rank, top = place
    bottom = hit.group("bottom") is not None or hit.group("last") is not None
    if bottom:  # 全市倒数第一, 居全市末位: a last place, its rank not counted from the top
        rank, top = None, False
    text, st = s.text, s.state
    raw = text[region_start:hit.start()]
    listed = _holders_listed_before(s, raw, region_start, hit)
    if listed is not None:
        return _places_of_subjects(s, hit, listed[0], (rank, top, bottom), listed[1], listed[2])
    years = _RANKINGS.years_listed.match(text, region_start, hit.start())  # (2008、2009年|甲区…: read once a year)
    region_from = after_subject(s, region_start, hit.start()) if years is None else _after_years(s, years.end())
    aside = _RANKINGS.subject_aside.match(text, region_from, hit.start())  # (甲新区|(原甲经开区)|在…中: no measure)
    region_from = aside.end() if aside is not None else region_from
    gap = last_match(_RANKINGS.cjk_gap, text[region_from:hit.start()]) if " " in text[region_from:hit.start()] else None
    region_from += gap.end() if gap is not None else 0  # (…一起看看详情吧 |综合排名全国第一: a space parts clauses)
    if _RANKINGS.counted_entry_head.match(strip_chars(text[region_start:hit.start()])) or (
            (hit.group("strong") or hit.group("topn"))
            and _RANKINGS.counted_holders.match(strip_chars(text[region_start:hit.start()]))):
        return None  # (保定两地上榜…全国百强, 某省9家经开区跻身30强: places counted, none named, hold no place)
    # (a group a number strong names itself with the words before 强: 全国综合竞争力百强县)
    region, former, scope = _field_and_measure(text[region_from:hit.start()], hit.group("scope"),
                                               split=not hit.group("strong"))
    scope, region = _field_unwritten(s, region_start, region, former, scope)
    in_turn = _figures_placed_in_turn(s, hit, text[region_from:hit.start()]) \
        or _figures_sharing_place(s, hit, region_start)
    names = in_turn or _names_written(s, hit, region, region_from, region_start)
    leveled, names = _peers_of_a_level(scope, names)
    if leveled != scope and names[0] is not None:  # (在全国国家级经开区中|综合|排名第33位: the overall ranking)
        names = [_overall_ranking(names[0], hit) or names[0]]
    scope, names = _peer_kinds_named(s, leveled, names)
    names = _organ_dropped(_place_passed_dropped(s, names))
    if in_turn is None and (names == [None] or _several_places_unworded(s, hit, region)):
        holders, measures = _measures_unwritten(s, hit, region_start)
        if holders is not None:  # 甲开发区和乙开发区进入前30强,分别位居全国第3和第27名: who holds them
            entered = _group_entered_measure(s, region_start) or _measure_of_levels_before(s, region_start, holders)
            # (跻身“进出口总额”单项十强榜单,|分别列…; 甲市和乙县GDP总量分别为…,|分别排名…)
            return _places_of_subjects(s, hit, holders, (rank, top, bottom), None, entered)
        names = measures or names
    # (甲县位列全国先进制造业城市60强: the place read as the measure holds the group, as 该县 does)
    holder = _place_as_measure(s, names) if names != [None] and hit.group("strong") else None
    named = _place_as_measure(s, names) if names != [None] and hit.group("scope") in _NAMED_FIELDS else None
    names = [None] if named else names  # (甲镇 某省第4 全国第272: the place before a province's field holds it)
    group = _group_in_field(text, hit, scope) if names == [None] or holder is not None else None
    if group is not None:  # 入选全省民营企业100强: the field 全省, the measure 民营企业100强
        scope, names, end, exact = group
        rank, top = (exact, False) if exact is not None else (rank, top)
    last = st.last_rank  # (a measure carried from the place just given is none of its own)
    unmeasured = names == [None] or (last is not None and names == [last.indicator])
    if unmeasured and _within_exact_place(s, hit, rank, scope):
        return None
    scope = _field_of_peers_written(s, hit, _scope_given(s, names, scope))
    if names == [None]:
        names, scope = _measure_unnamed(text, hit, strip_chars(region), scope)
        names = _figure_before(s, hit, names)
        names, scope = _topic_of_clause_before(s, names, scope, region_start)
    if scope is None and (_RANKINGS.holder_said_after.match(text, hit.end())
                          or text.startswith(_NAME_WORDS.among, s.ctx.span.start)):
        # (全国百强县榜单发布。…第2位的是江阴市: the list's field; 在…全省…考核中,我县获评优秀等次。其中,经济发展指标
        # 排名第二: the parts of the evaluation just given, in its field)
        scope = evaluation_field_before(text, hit.start())
    scope, tier_period = _unwritten_tier_field(s, hit, names, scope, top)
    scope = scope or _breakdown_field(s, hit)
    if top and scope is None:
        return None  # 考评排名靠前的开发区: a place near the top among no peers named is no ranking
    ranks, places_end = _places(text, hit, rank, len(names), s.ctx.span.end)
    if group is None:
        end = places_end
    else:
        ranks = [rank]
    after = _RANKINGS.holder_after.match(text, end, s.ctx.span.end) if len(names) == 1 and (
        text.startswith(_HOLDER_AFTER_STARTS, end) or _holder_named_after(s, end)) else None
    held = after and after.group(1) not in _PEER_KINDS \
        and (s.ctx.doc.finder.entity_named(after.group(1)) or _place_as_written(after.group(1)))
    # (全省最多的市州: the kind of the peers, no holder)
    if after is not None and held:  # 排名第59的肥西县: who holds it is written after the place
        if _place_as_measure(s, names) is not None:  # (…的肥东县和|排名第80位的长丰县: the holder before)
            names = [None]
        return _Read(names, ranks, scope, top, bottom, strip_chars(region), region_from, former, after.end(), [held])
    read = _Read(names, ranks, scope, top, bottom, strip_chars(region), region_from, former, end,
                 [holder] if group is not None and holder is not None else [named] * len(names) if named else None,
                 tier_period)
    read = _members_counted(s, hit, read)
    return _held_by_the_words(s, hit, region_start, read) or read


def _holder_named_after(s: Sentence, end: int) -> bool:
    """(第二名)是甲市, (第三位)为乙县: whether a place written right after a place, with 是 or 为 alone, holds it."""
    m = _RANKINGS.holder_named_after.match(s.text, end, s.ctx.span.end)
    return m is not None and bool(s.ctx.doc.finder.entity_named(m.group("name")) or _place_as_written(m.group("name")))


def _members_counted(s: Sentence, hit: re.Match[str], read: _Read) -> _Read:
    """…百强县榜单发布,山东21县上榜位列全国第二; 山东以21个列全国第二; 我省16个县(市)上榜,…,数量仅次于浙江,位居全国第二;
    四川省西部百强县数量达到28个,居西部地区首位: a count of the members a place has on a list holds the place, named
    after the list (…百强县数量: the one written, else the one named last before) and held by the place opening it."""
    text, span = s.text, s.ctx.span
    clause = max(span.start, *(text.rfind(c, span.start, hit.start()) + 1 for c in _CLAUSE_BREAKS))
    words = strip_chars(text[clause:hit.start()])
    if not words and clause > span.start:  # (数量仅次于浙江,|位居全国第二: the count in the clause before)
        end, clause = clause - 1, max(span.start, *(text.rfind(c, span.start, clause - 1) + 1 for c in _CLAUSE_BREAKS))
        words = strip_chars(text[clause:end])
    if len(read.names) != 1 or (_RANKING_WORDS.count_word not in words and not any(c.isdigit() for c in words)):
        return read
    shape = _RANKINGS.members_counted.fullmatch(words) or _RANKINGS.members_count_noun.fullmatch(words)
    if shape is None:
        return read
    holder_words, written = shape.group("holder"), shape.groupdict().get("list")
    if written and not holder_words:  # (四川省西部百强县数量: the place opening the list's name holds the count)
        k = next((k for k in range(len(written) - 1, 1, -1) if s.ctx.doc.finder.entity_named(written[:k])), 0)
        holder_words, written = written[:k], written[k:]
    entered = _RANKINGS.membership_verb.search(text, span.start, hit.start()) is not None
    # (a count with no list written is of the list named before only when the sentence says its members entered it)
    group = None if written or not entered else \
        last_match(_RANKINGS.named_group, text[max(0, clause - _GROUP_BEFORE_MAX):clause])
    name = written or (_RANKINGS.entered_in_name.sub("", group.group("name")) if group is not None else None)
    holder = s.ctx.doc.finder.entity_named(holder_words) if holder_words else None
    if not name or (holder_words and holder is None):
        return read  # (no list named, or the words before the count name no place: something else is counted)
    return replace(read, names=[name + _RANKING_WORDS.count_word], subjects=[holder] if holder else read.subjects)


def _peers_of_a_level(scope: str | None, names: list[str | None]) -> tuple[str | None, list[str | None]]:
    """在全省国家级开发区中排名第一, 综合实力在全省国家级经开区中位列第五: zones of a level closing the one measure read
    inside a whole field are its peers (全省国家级开发区), not the measure nor a zone holding the place; closed by 中
    before the measure (在全国国家级经开区中综合排名第33位), they are the peers all the same."""
    if len(names) != 1 or not names[0] or not scope or not _RANKINGS.whole_field.fullmatch(scope) \
            or _RANKING_WORDS.level_mark not in names[0]:
        return scope, names  # (most places: a plain check first)
    peers = _RANKINGS.peers_of_level_end.search(names[0])
    if peers is None:
        return scope, names
    if peers.group("close"):  # (在全国国家级经开区中|综合排名第33位: the measure is the words after the 中)
        return scope + names[0][peers.start():peers.start("close")], \
            [(names[0][:peers.start()] + names[0][peers.end():]) or None]
    return scope + peers.group(0), [names[0][:peers.start()] or None]


def _peer_kinds_named(s: Sentence, scope: str | None, names: list[str | None]) -> tuple[str | None, list[str | None]]:
    """…全省增速排名第15,|第二平台市县(增速)|排名第6: places of a kind named alone (with the measure's head or not)
    before a place, right after another place in the sentence, are its field, the measure the place before's."""
    last = s.state.last_rank
    kinds = _RANKINGS.peer_kinds_headed.fullmatch(names[0]) if last is not None and len(names) == 1 \
        and names[0] else None
    if kinds is None or last is None or any(w in kinds.group("peers") for w in _RANKING_WORDS.dated_title_words) \
            or s.ctx.doc.finder.entity_named(kinds.group("peers")) is not None:
        return scope, names  # (综合实力百强县市: a list, the measure; 县市 alone: no class; 甲县: a place)
    return kinds.group("peers"), [last.indicator]


def _scope_given(s: Sentence, names: list[str | None], scope: str | None) -> str | None:
    """The field of a place whose words write none: that of the ranking a move just named (在全省…评价中排名
    提升7位,位列第4), else of the places the paragraph gave before, else the country's for a list a hundred
    strong of counties, districts or towns."""
    st = s.state
    if scope is not None:
        return scope
    if st.moved_field and names == [st.moved]:
        return st.moved_field
    given = st.last_rank or s.para.last_rank
    if given is None and len(names) == 1 and names[0] and any(k in names[0] for k in _RANKING_WORDS.national_lists):
        country: str = _RANKING_WORDS.country_field
        return country  # (在赛迪百强区排名中位列第45位: a list a hundred strong is national)
    return given.scope if given is not None else None


def _held_by_the_words(s: Sentence, hit: re.Match[str], region_start: int, read: _Read) -> _Read | None:
    """The place ``read`` when the one measure read names who holds it instead: a company (美的集团位居中国家电行业
    第一: in the measure after its name, else overall) or a place (远近闻名的栖澜市高居第一: in the measure of a frame,
    of the place named before, or of the evaluation); None when the words name a measure."""
    company = _company_and_measure(read.names)
    if company is not None:
        return replace(read, names=[company[1]], measure="", subjects=[company[0]])
    holder = _place_as_measure(s, read.names)
    if holder is None:
        return None
    if _RANKINGS.zone_kind_only.fullmatch(holder):
        holder = None  # (在中部地区国家级经开区排名由第5位…: zones of a kind are the peers, not who holds the place)
    scope = read.scope
    named = s.log.last_ranking(measured=True)
    measure = _frame_measure(s, region_start)
    if measure is None and (tagged := _tagged_measure(s.text, hit.group(0), hit.start())) is not None:
        measure, scope = tagged[0], scope or tagged[1]  # (大名鼎鼎的甲蝉联“十强”首位: the tag's measure)
    if measure is None and named is not None:  # (the measure and field of the place named before)
        measure, scope = named.indicator, scope or named.scope
    measure, scope, period = _of_the_evaluation(s, hit.start(), measure, scope)
    wrapper = _clause_wrapper(s, region_start) if measure is None else None
    if wrapper is not None:  # (在全市…竞赛活动中,|甲区管委会以总分…拔得头筹: the clause before wraps the place)
        measure, scope = strip_chars(without_quotes(wrapper.group("measure"))) or None, scope or _wrapped_scope(wrapper)
    return replace(read, names=[measure], scope=scope, measure="", subjects=[holder] if holder else None, period=period)


def _company_and_measure(names: list[str | None]) -> tuple[str, str] | None:
    """美的集团位居中国家电行业第一, 人本集团产销量…排名第一: a company's name opening the one measure read holds the
    place, in the measure written after its name (else overall); None when no company's name opens it."""
    company = _RANKINGS.company_opening.match(names[0]) if len(names) == 1 and names[0] else None
    if company is None:
        return None
    overall: str = _RANKING_WORDS.overall_ranking
    return company.group(0), strip_chars(company.string[company.end():]) or overall


def _holders_listed_before(s: Sentence, raw: str, region_start: int, hit: re.Match[str]) \
        -> tuple[list[str], re.Match[str] | None, str | None] | None:
    """The places listed as holding the place of ``hit``, the field wrapped around them and the measure
    written after them: in the words just before it (浏阳市、宁乡市分列…; 甲、乙和丙的增速位列…), or opening a
    clause before when those words only say several hold it (甲、乙两家开发区进步明显,双双跻身全国30强);
    None when no list is."""
    if (hit.group("top") or "") in _TOP_TIERS and (tiered := _listed_in_evaluation(s, raw, region_start)) is not None:
        return tiered
    if _RANKINGS.list_split.search(raw):  # (a list of places needs a list mark: most rankings have none)
        own = _RANKINGS.measure_of_listed.search(raw)  # (甲、乙和丙的增速|位列…: the measure of each)
        if own is not None and s.ctx.doc.finder.entity_named(strip_chars(own.group("measure"))) is not None:
            own = None  # (…、河北的武安|进入前十名: the last place written after its province, no measure)
        if own is not None and (subjects := _listed_subjects(s, raw[:own.start()])) is not None:
            return _groups_before(s, region_start) + subjects, None, strip_chars(own.group("measure"))
        framed = _RANKINGS.measure_framed_of_listed.search(raw) if own is None else None
        if framed is not None and (subjects := _listed_subjects(s, raw[:framed.start()])) is not None:
            # (甲、乙在旅游收入上|分列第二与第三: each place listed, in the measure the frame names)
            return _groups_before(s, region_start) + subjects, None, strip_chars(framed.group("measure"))
        wrapped = _wrapper(_RANKINGS.adverb_end.sub("", raw) + (hit.group("scope") or ""))
        subjects = _listed_subjects(s, raw[:wrapped.start()] if wrapped is not None else raw)
        if subjects is not None:  # (全省开发区综合考评中,|甲、乙分别位列…: the clause before wraps them)
            return _groups_before(s, region_start) + subjects, wrapped or _clause_wrapper(s, region_start), None
        glued = _measure_glued_to_last(s, raw) if own is None else None
        if glued is not None:  # (甲县、乙县固定资产投资增速|分别列…: the measure written right after the last place)
            return _groups_before(s, region_start) + glued[0], None, glued[1]
    if _RANKINGS.plural_only.match(raw):
        opening = _RANKINGS.counted_list_opening.search(s.text, s.ctx.span.start, region_start)
        subjects = _listed_subjects(s, opening.group(0)) if opening is not None else None
        if subjects is not None:
            return subjects, None, None
    groups = _groups_before(s, region_start) if s.text[region_start - 1:region_start] == _GROUP_MARKS else []
    last = _place_ending(s, strip_chars(raw), _PROVINCE_PREFIX_MAX) if groups else None
    if last is not None:  # (北京海淀区、朝阳区,上海浦东新区|包揽…: the last group one place)
        return [*groups, last], None, None
    return None


def _listed_in_evaluation(s: Sentence, raw: str, region_start: int) -> tuple[list[str], None, str] | None:
    """甲、乙、丙在高质量发展综合考核中(,)稳居优秀等次: the places listed before an evaluation that writes no field,
    in these words or closing the clause before them, and the evaluation as their measure; None otherwise."""
    words = strip_chars(_RANKINGS.adverb_end.sub("", raw))
    if not words:  # (…考核中,|稳居…: the clause before)
        before = _RANKINGS.clause_end.sub("", s.text[s.ctx.span.start:region_start])
        words = _RANKINGS.clause_separator.split(before)[-1]
    m = _RANKINGS.listed_in_evaluation.match(words) if _RANKING_WORDS.field_mark in words else None
    subjects = _listed_subjects(s, m.group("places")) if m is not None else None
    if m is None or subjects is None:
        return None
    return subjects, None, m.group("measure")


def _measure_glued_to_last(s: Sentence, raw: str) -> tuple[list[str], str] | None:
    """甲县、乙县固定资产投资增速(分别列全市第一、第二位): places listed with the measure written right after the
    last one, no 的 between: the places and the measure (None when the last item is a place alone or no place
    opens it)."""
    words = _RANKINGS.adverb_end.sub("", strip_chars(raw))
    last = _RANKINGS.list_split.split(words)[-1]
    opening = _compared_place(s, last, short=True)  # (甲和乙前5个月出口总额…: short names listed)
    if opening is None or len(last) - opening[1] < _GLUED_MEASURE_MIN:
        return None
    measure = last[opening[1]:]
    if _RANKING_WORDS.field_mark in measure or s.ctx.doc.finder.entity_named(measure) is not None:
        return None  # (甲、乙县经开区: a zone of the last place; …在全国…中综合排名: a wrapper, read as such)
    subjects = _listed_subjects(s, words[:len(words) - len(measure)])
    return (subjects, measure) if subjects is not None else None


def _groups_before(s: Sentence, region_start: int) -> list[str]:
    """北京海淀区、朝阳区,上海浦东新区(包揽前5名): the places of the groups listed in the clauses right
    before a list of places (each group one city's, parted by commas) — none when a clause holds anything else,
    or is a list already read (分别是甲、乙、丙,另外丁排名第六)."""
    text, start = s.text, s.ctx.span.start
    out: list[str] = []
    end = region_start
    for _ in range(_GROUPS_MAX):
        if end - 1 <= start or text[end - 1] not in _GROUP_MARKS or s.state.is_listed(end - 2):
            break
        begin = max(start, *(text.rfind(c, start, end - 1) + 1 for c in _CLAUSE_BREAKS))
        words = text[begin:end - 1]
        group = _listed_subjects(s, words) if _RANKINGS.list_split.search(words) else None
        # (…,酒泉市肃州区,…: a group of one place may be written after its city)
        single = s.ctx.doc.finder.entity_named(strip_chars(words)) or _place_after_its_region(s, strip_chars(words)) \
            if group is None else None
        if group is None and single is None:
            break
        out = (group or [single or ""]) + out
        end = begin
    return out


def _organ_dropped(names: list[str | None]) -> list[str | None]:
    """The one measure read without the body governing a place closing it (青禾高新区管委会 -> 青禾高新区, a lone
    人民政府 after the clause's place -> none): a place's government stands for the place it governs."""
    if len(names) != 1 or not names[0]:
        return names
    name = _RANKINGS.score.sub("", names[0])  # (…管委会以总分88.7分|拔得头筹: the score says how)
    m = _RANKINGS.organ_end.search(name)
    return names if m is None else [name[:m.start()] or None]


def _place_passed_dropped(s: Sentence, names: list[str | None]) -> list[str | None]:
    """The one measure read without a place it overtook (GDP超过乙县|居全市第二 -> GDP; 超过乙县|居第二 -> none):
    the place passed is neither the measure nor who holds the place."""
    if len(names) != 1 or not names[0] or not _PASSED_VERB_CHARS.intersection(names[0]):
        return names
    m = _RANKINGS.passed_place.match(names[0])
    if m is None or (_place_as_written(m.group("passed")) is None
                     and s.ctx.doc.finder.entity_named(m.group("passed")) is None):
        return names
    return [strip_chars(m.group("before")) or None]


def _place_as_measure(s: Sentence, names: list[str | None]) -> str | None:
    """The place the one measure read names, when it names nothing else but its ranking (大名鼎鼎的甲市, 乙县,
    遵化排位)."""
    name = _RANKINGS.rank_noun_end.sub("", names[0]) if len(names) == 1 and names[0] else None
    if not name or not (name.endswith(_PLACE_LAST_CHARS) or len(name) <= 3):
        return None  # (most measures end as no place's name does; 深圳, 南京: a city by its short name; 遵化排位)
    words = _RANKINGS.joiner_end.sub("", name.rsplit(_NAME_WORDS.possessive, 1)[-1])
    words = _RANKINGS.this_is_lead.sub("", words)  # (而这也是昆山市|连续第7年居于榜首)
    # (甲县乙镇 某省第9: a town written after its county, known to no gazetteer, is a place too)
    return s.ctx.doc.finder.entity_named(words) or _place_as_written(words) \
        or (words if _RANKINGS.written_town.fullmatch(words) else None)


def _holders_after(s: Sentence, hit: re.Match[str], region_start: int, place: int | None) -> bool:
    """Who holds the places a match gives, listed after it: 排名前三的为:甲、乙、丙 (each in the top 3),
    前5名区依次为:甲、乙 and 居第4位至第7位的县市区分别是甲、乙 (each its own place), 从高到低依次为:甲、乙
    (places 1, 2 …). False when no such list follows."""
    text, end = s.text, s.ctx.span.end
    if hit.group("ordered"):
        return _top_list(s, hit, hit.end(), region_start, (1, None), ordered=True)
    if place is None:
        return False
    if hit.group("topn") or hit.group("strong"):
        listed = _RANKINGS.top_list.match(text, hit.end(), end)
        # 依次 orders the list; 分别 over exactly N places of a top N (前3位的县市区分别是甲、乙、丙) too
        order = (listed.group("order") or listed.group("order2")) if listed is not None else None
        return listed is not None and _top_list(s, hit, listed.end(), region_start, (1, place),
                                                ordered=order == _RANKING_WORDS.in_order,
                                                each_own=order is not None)
    span = _RANKINGS.place_range.match(text, hit.end(), end) if hit.group("n") or hit.group("first") else None
    if span is None and s.state.last_rank is None \
            and (one := _RANKINGS.one_holder_after.match(text, hit.end(), end)) is not None:
        # (排名第一的是甲市, 第二名为乙市: one place, its holder after it)
        return _top_list(s, hit, one.end(), region_start, (place, place), ordered=True)
    last = parse_number(span.group("last")) if span is not None else None
    listed = _RANKINGS.top_list.match(text, span.end(), end) if span is not None else None
    return listed is not None and last is not None and last >= place \
        and _top_list(s, hit, listed.end(), region_start, (place, int(last)), ordered=True)


def _bottom_holders(s: Sentence, hit: re.Match[str], region_start: int) -> bool:
    """排名后三位的是甲、乙和丙, 后两位的县区为甲、乙: the places listed after a bottom N, each a last place (FACTS.md:
    bottom, no rank) in the measure and field before it; False when no list of two places or more follows."""
    listed = _RANKINGS.top_list.match(s.text, hit.end(), s.ctx.span.end)
    return listed is not None and _top_list(s, hit, listed.end(), region_start, (1, None), ordered=False,
                                            bottom=True)


def _top_holders(s: Sentence, hit: re.Match[str], region_start: int) -> bool:
    """(总排名榜方面,)中心城区排名靠前的是甲区、乙区、丙区: the places listed after a top place of no size, each near
    the top in the peers named before it, of the measure of the frame (or the evaluation named) before; False when no
    such list follows, or no peers are named."""
    text, ctx = s.text, s.ctx
    listed = _RANKINGS.top_holders_after.match(text, hit.end(), ctx.span.end)
    scope = strip_chars(_RANKINGS.clause_end.sub("", text[region_start:hit.start()]))
    field = _RANKINGS.whole_then_measure.fullmatch(scope)
    if field is not None and not field.group("measure").startswith(_EACH_MARK) \
            and field.group("measure") not in _RANKING_SETS.peer_kinds:
        scope = field.group("field")  # (全区区外到位资金总量|排名靠前的地州市是: the whole, then the measure)
    else:
        field = None
    if listed is None or not scope or len(scope) > _HOLDER_MAX:
        return False
    stop = _list_stop(s, listed.end())
    subjects = listed_places(s, _RANKINGS.list_tail.sub("", text[listed.end():stop]), ranked=True)
    if subjects is None or len(subjects) < 2:
        return False
    measure = (field.group("measure") if field is not None else None) or _frame_measure(s, region_start) \
        or evaluation_before(text, hit.start())
    for subject in subjects:
        r = Ranking(subject=subject, period=ctx.period_at(hit.start(), target=False, day_is_year=True),
                    indicator=measure, scope=scope,
                    rank=None, top=True, qualifier=None, rule="ranking.v1")
        ctx.doc.set_quote(r, region_start, stop)
        s.log.add(r)
    s.state.mark_listed(hit.start(), stop)
    return True


def _top_list(s: Sentence, hit: re.Match[str], list_start: int, region_start: int, places: tuple[int, int | None],
              *, ordered: bool, each_own: bool = False, bottom: bool = False) -> bool:
    """The ranking facts of the places listed from ``list_start`` holding the places ``places`` (the
    first and last; a top N is (1, N)): each its own place in order, or each the last place of the top N;
    with ``bottom``, each a last place (排名后三位的是甲、乙和丙)."""
    text, ctx = s.text, s.ctx
    listed = _places_in_list(s, list_start, places, ordered=ordered, each_own=each_own)
    if listed is None:
        return False
    subjects, ranks, ordered, stop = listed
    region_from = after_subject(s, region_start, hit.start())
    words = _RANKINGS.order_end.sub("", text[region_from:hit.start()])  # (…结果从高到低|依次为)
    words = _RANKINGS.edition_head.sub("", words)  # (第十九届|全国县域经济…: the list's edition, no measure)
    top_kind = _RANKINGS.top_kind_end.search(words) if hit.group("ordered") else None
    if top_kind is not None:  # 综合得分前五的省份|依次是: the measure before the top N, the kind its peers
        words = words[:top_kind.start()]
    region, _, scope = _field_and_measure(words, hit.group("scope"))
    if top_kind is not None and scope is None:
        scope = field_of_kind(top_kind.group(0))
    if strip_chars(region) in _RANKING_SETS.score_words:
        region = ""  # 总分居前3位的…: the measure is the evaluation the score is of
    # the field may open the clause before a count (全省11个设区市考核评价结果从高到低依次为)
    opening = text[max(ctx.span.start, *(text.rfind(c, ctx.span.start, hit.start()) + 1 for c in ",;:")):hit.start()]
    field = _RANKINGS.wrapped_field.search(scope or _RANKINGS.order_end.sub("", opening))
    if field is not None and field.group("scope"):  # 全省11个设区市考核评价结果(依次为): 全省, 考核评价结果
        # (the peers counted after the field, 全省12个重点开发县域, are no part of the measure)
        counted = _RANKINGS.peers_counted.match(region)
        # (全省12个重点开发县域: peers of a kind qualified, the field and the kind, not their count; 全省11个设区市:
        # the field alone)
        qualified = counted is not None and _RANKINGS.count_then_kind.fullmatch(counted.group(0)) is None
        scope = field.group("scope") + (counted.group("kind") if qualified and counted is not None else "")
        region = (field.group("measure") if counted is not None else region) or field.group("measure")
        region = _RANKINGS.each_kind_head.sub("", region)  # (全省|各县|实际利用外资居前3位: the places compared)
    if strip_chars(region) in _RANKING_SETS.result_words:
        region = evaluation_before(text, region_start) or region  # (县域经济高质量发展考核评价 … 考核评价结果依次为)
    if scope is None:  # 在全省考核中,前三名依次是…; 国家级开发区中,排名前三的为…: the field in the clause before
        words = _RANKINGS.clause_end.sub("", text[ctx.span.start:region_start])
        wrapped = _wrapper(words)
        clause = _RANKINGS.field_clause.search(words) if wrapped is None else None
        scope = _wrapped_scope(wrapped) or (clause.group("field") if clause is not None else None)
        # 在全省县域经济考核中 (its measure 县域经济考核), 在县域经济争先进位中 (a measure, no field)
        plain = _RANKINGS.wrapper.match(_RANKINGS.clause_separator.split(words)[-1]) if wrapped is None else None
        region = region or strip_chars(wrapped.group("measure") if wrapped is not None
                                       else plain.group(1) if plain is not None else "")
    scope = scope or _field_of_list(s, hit, list_start)
    if scope is None and (frame := _RANKINGS.group_frame_open.match(text, ctx.span.start, hit.start())) is not None:
        scope = frame.group("field")  # (五大主导产业中,…增速前三位的分别是…)
    tagged = _tagged_measure(text, text[ctx.span.start:list_start], ctx.span.start)
    measure = (tagged[0] if tagged else None) or strip_chars(region) or None
    if measure is None or measure in _RANKING_SETS.peer_kinds or measure in _RANKING_SETS.one_char_kinds:
        # (共有5个县|进入前十名: the kind of the places counted, no measure)
        measure = None if measure in _RANKING_SETS.one_char_kinds else measure
        measure, scope = _list_entered(s, hit.start(), measure, scope)
    scope = scope or (tagged[1] if tagged else None)
    if measure is not None and (measure in _RANKING_SETS.back_references
                                or s.ctx.doc.finder.entity_named(measure) is not None):
        measure = None  # 在后者中排名前十的, 江苏入围前50名的还有: words that name no measure
    if measure is None:  # (从完成投资看,排名前三位的地区分别是…: the frame's topic, not the measure of the list before)
        measure = _frame_measure(s, region_start)
    kinds = _RANKINGS.kinds_ranking_words.fullmatch(measure) if measure is not None \
        else kinds_ranked_before(s, region_start)
    if kinds is not None:  # (某省各市GDP排名中,第一名是甲市: the measure ranked, and the field before 各)
        measure, scope = kinds.group("measure"), scope or whole_of_place(s.ctx.doc.finder, kinds.group("field"))
    elif scope is None and (opened := _RANKINGS.place_then_kinds.match(text, region_start, hit.start())) is not None:
        scope = place_whole(s.ctx.doc.finder, opened.group("field"))  # (某市各县区…前三的依次为: the city's whole)
    measure, scope = _group_and_class_of_list(s, hit.start(), measure, scope)
    measure, scope, period = _list_measure_and_field(s, hit.start(), measure, scope)
    scope = _field_above_places(s, _list_field(text, hit.start(), measure, scope), subjects)
    read = _Read([measure] * len(subjects), ranks, scope, False, bottom, measure or "", region_from, None, stop,
                 subjects, period)
    s.state.mark_listed(hit.start(), stop)
    made = len(s.log.facts)
    _record(s, hit, read, region_start)
    if not ordered:  # 排名前三的为…: places in a top N, made exact by a list of places elsewhere
        s.log.top_n.update(id(f) for f in s.log.facts[made:])
    _figures_of_listed(s, [f for f in s.log.facts[made:] if isinstance(f, Ranking)], list_start, stop)
    return True


def _figures_of_listed(s: Sentence, ranked: list[Ranking], list_start: int, stop: int) -> None:
    """依次为甲市(91.2%)、乙县(90.5%)和丙县(88.7%): the figure in brackets after each place of a ranked list is that
    place's level of the measure it was ranked by (one indicator each, of the ranking's period), when every place
    has one."""
    text = s.text
    if any(r.indicator is None for r in ranked):
        return
    # (安顺市38家、遵义市17家: a figure written right after each place, read here, not again as a level of the words
    # before it; most ranked lists give no figures at all)
    glued = "(" not in text[list_start:stop]
    shape = _RANKINGS.figure_after_item if glued else _RANKINGS.figure_in_brackets
    figures = list(shape.finditer(text, list_start, stop))
    if len(figures) != len(ranked):
        return
    item_start = list_start
    measure = str(ranked[0].indicator)
    # (项目数量排前三的州市分别为甲111个、乙94个: counts of projects, each place's projects of the stage around)
    projects = projects_named(s, measure, list_start) \
        if mentions_projects(measure) and not is_investment_name(measure) else None
    for r, m in zip(ranked, figures, strict=True):
        found = figure_regex().search(text, m.start(), m.end())
        if found is None or (amount := parse_amount(found)) is None:
            return
        fact: Indicator | Projects = replace(projects, subject=r.subject, period=r.period, count=amount.value) \
            if projects is not None and amount.unit == _COUNT_UNIT else _level_of_listed(r, amount)
        s.ctx.doc.set_quote(fact, item_start, m.end())  # (the place and its figure: 甲市(91.2%))
        s.log.add(fact)
        if glued:
            s.state.quiet.append((m.start(), m.end()))
        item_start = m.end() + 1 if text.startswith(_LIST_MARKS, m.end()) else m.end()


def _level_of_listed(r: Ranking, amount: Amount) -> Indicator:
    """The level of the measure ``r`` ranks by that a place listed has (甲市(91.2%)); a rate's figure is the measure's
    growth (GDP增速前十名为甲县(9.8%): 甲县's GDP grew 9.8%, no level of a rate)."""
    ind = Indicator(subject=r.subject, name=str(r.indicator), period=r.period, value=amount.value,
                    unit=amount.unit, change=None, qualifier=None, parent=None, rule="indicator.v1")
    grown = _CHANGES.growth_named.fullmatch(ind.name) if amount.unit == _PERCENT else None
    if grown is not None:
        ind.name, ind.value, ind.unit = grown.group("measure"), None, None
        ind.change = Change(basis=_YOY, pct=amount.value)
    return ind


def _field_of_list(s: Sentence, hit: re.Match[str], list_start: int) -> str | None:
    """The field of a top list that its words before the list leave unwritten: the group of an evaluation
    closing the clause before (城区组,从第一名到第四名依次为…), the peers of a level and kind named
    (前十名的国家级开发区依次是…), the field a kind of peers is ranked in (排名前十位省份依次为…), the report's own
    (排名前三位的地区分别是…)."""
    text = s.text
    group = _RANKINGS.evaluation_group_end.search(text, s.ctx.span.start, hit.start())
    if group is not None:
        return group.group("group")
    kinds = _RANKINGS.peer_group_written.search(text, hit.end(), list_start) \
        or _RANKINGS.kind_with_alternatives.search(text, hit.end(), list_start)  # (前三位的市(州)分别是: as written)
    if kinds is not None:
        return kinds.group(0)
    scope = field_of_kind(text[hit.start():list_start])
    if scope is None and any(k in text[hit.start():list_start] for k in _LISTED_AREAS):
        scope = home_field(text)
    return scope


def _field_above_places(s: Sentence, scope: str | None, subjects: list[str]) -> str | None:
    """A city's whole (全市) read as the field of a list of cities (a city's report: 我市…; 产值总量前三名为甲市、乙市):
    cities are peers within their province, so the field is the province's (全省)."""
    finder = s.ctx.doc.finder
    if scope != _CITY_WHOLE or not subjects or any(finder.full_names.get(x) != CITY_LEVEL for x in subjects):
        return scope
    return _PROVINCE_WHOLE


def _group_and_class_of_list(s: Sentence, pos: int, measure: str | None, scope: str | None) \
        -> tuple[str | None, str | None]:
    """The measure and field of a top list read in its own words: a group written only by its size (十强依次是) is
    the group named before; a class of places in a clause of its own (第二类县市区排名中,) the field, not that of
    the list before."""
    if measure is not None and _RANKINGS.bare_group.fullmatch(measure):
        measure, scope = _group_named_in_paragraph(s, pos, measure, scope)
    if scope is None and _RANKING_WORDS.class_mark in s.text[s.ctx.span.start:pos]:
        scope = _class_clause_before(s, pos)
    return measure, scope


def _group_named_in_paragraph(s: Sentence, pos: int, bare: str, scope: str | None) -> tuple[str, str | None]:
    """工业百强县(市)分布于17个省…。十强依次是甲、乙: a top group written only by its size is the top of the group of a
    size named last before it, in this paragraph or the one before (its name the measure, its field the scope); when
    none is named, the evaluation named before, else the words as written."""
    # (the group may be named in the paragraph before: …工业百强县(市)分布于17个省…各1个。⏎十强依次是…)
    group = last_match(_RANKINGS.named_group, s.text[max(0, pos - _GROUP_BEFORE_MAX):pos])
    if group is None or _RANKINGS.bare_group.fullmatch(group.group("name")):
        return evaluation_before(s.text, pos) or bare, scope  # (…考核结果公布,十强依次是: the evaluation's top)
    name = group.group("name")
    return name, scope or evaluation_field(name)


def _places_in_list(s: Sentence, list_start: int, places: tuple[int, int | None], *, ordered: bool,
                    each_own: bool) -> tuple[list[str], list[int | None], bool, int] | None:
    """The places listed from ``list_start`` (on the next line when the sentence ends there), the place
    each holds, whether in order, and where the list ends; None when the words list no such places."""
    text, ctx = s.text, s.ctx
    stop = _list_stop(s, list_start)
    if stop == ctx.span.end and not text[list_start:stop].strip(_LIST_LEAD_BLANKS):
        list_start, stop = _list_on_next_line(text, stop)  # (…从高到低依次为:⏎甲市、乙县、丙县。)
    stop = _comma_run_end(s, list_start, stop)
    # ([甲市、乙市]、丙县: places tied, bracketed together, are listed as any)
    raw_list = _RANKINGS.list_tail.sub("", _aside_dropped(text[list_start:stop].replace(_COMMA, _LIST_MARK)))
    listed_words = _RANKINGS.tie_brackets.sub("", raw_list)
    # (依次为甲县(12.5%)、乙县(10.2%): the figure each place was ranked by, in brackets, is no part of its name)
    words, own_ranks = _ranks_in_brackets(_RANKINGS.figure_in_brackets.sub("", listed_words))
    # (居前五位的市州是:甲市(253.79亿元)、乙市(147.17亿元)…: the figure each place was ranked by, falling)
    bracketed = [Decimal(d.group(0)) for m in _RANKINGS.figure_in_brackets.finditer(listed_words)
                 if (d := _RANKINGS.decimal_number.search(m.group(0))) is not None]
    glued = [Decimal(m.group("n")) for m in _RANKINGS.figure_after_item.finditer(words)]
    if glued:  # (甲区225.2亿元、乙区210.5亿元: each place's figure after it, no part of its name)
        words = _RANKINGS.figure_after_item.sub("", words)
    subjects = listed_places(s, words, ranked=ordered or each_own)  # (前三位的市(州)分别是…: as 依次 lists them)
    if subjects is None and each_own and places[1] is not None:
        subjects = _items_of_top(words, places[1] - places[0] + 1)
    if subjects is None:
        return None
    if own_ranks is not None and len(own_ranks) == len(subjects):
        return subjects, list(own_ranks), True, stop  # (依次是:甲市(6)、乙县(18): each its own place)
    low, high = places
    # ([甲、乙]、丙…: places tied share one place, so a top N may list more names than N)
    tied = sum(_RANKINGS.list_split.subn("", m.group(0))[1] for m in _RANKINGS.tied_group.finditer(raw_list))
    if len(subjects) > (high - low + 1 + tied if high is not None else len(subjects)) \
            or (high is None and len(subjects) < 2):
        return None
    ordered = ordered or (each_own and high is not None and len(subjects) == high - low + 1 + tied) \
        or (high is not None and len(subjects) == high - low + 1 and (
            _figures_descend(text, stop, len(subjects)) or _falling(glued, len(subjects))
            or _falling(bracketed, len(subjects))))
    ranks: list[int | None] = list(range(low, low + len(subjects))) if ordered else [high] * len(subjects)
    if ordered and listed_words != raw_list:
        tied_ranks: list[int | None] = [low + k for k in _tied_order(raw_list)[:len(subjects)]]
        ranks = tied_ranks or ranks
    return subjects, ranks, ordered, stop


def _list_stop(s: Sentence, start: int) -> int:
    """Where the words of a list opening at ``start`` stop: the first list stop (。 ; ,) after it in the sentence, else
    the sentence's end."""
    end = s.ctx.span.end
    return min((k for k in (s.text.find(c, start, end) for c in _RANKING_WORDS.list_stops) if k >= 0), default=end)


def _comma_run_end(s: Sentence, list_start: int, stop: int) -> int:
    """二十强区分别是:甲区,乙区,丙区…: where a list of places written apart by commas ends — past each comma followed by
    one more place alone, when the list's first item is one place alone; ``stop`` (the first comma) otherwise."""
    text, finder = s.text, s.ctx.doc.finder
    if finder.entity_named(text[list_start:stop].strip(_LIST_LEAD_BLANKS)) is None:
        return stop
    while stop < s.ctx.span.end and text[stop] == _COMMA:
        nxt = _list_stop(s, stop + 1)
        if finder.entity_named(text[stop + 1:nxt].strip()) is None:
            break
        stop = nxt
    return stop


def _items_of_top(words: str, n: int) -> list[str] | None:
    """增幅前三位的分别是甲、乙和丙: exactly as many short items as the top holds, listed after 分别, hold its places
    whatever they are (industries, parks), as written; None otherwise."""
    items = [x.strip() for x in _RANKINGS.list_split.split(strip_chars(words))]
    if len(items) != n or n < _SERIES_MIN - 1 or not all(_RANKINGS.short_name.fullmatch(x) for x in items):
        return None
    return items


def _aside_dropped(words: str) -> str:
    """甲市、乙市和丙县(特别说明:…): words in brackets after a listed place that give no figure are an aside, no part of
    its name; the list ends there unless another item follows (、, 和)."""
    if "(" not in words:
        return words  # (most lists)
    kept, pos = [], 0
    for m in _RANKINGS.list_aside.finditer(words):
        if not words[:m.start()].endswith(_PLACE_LAST_CHARS):
            continue
        kept.append(words[pos:m.start()])
        pos = m.end()
        if not words.startswith(_LIST_MARKS, pos):
            return "".join(kept)
    return "".join(kept) + words[pos:]


def _falling(values: list[Decimal], n: int) -> bool:
    """Whether ``n`` places' figures, one each, fall (none above the one before): the places are in order."""
    return len(values) == n and all(a >= b for a, b in pairwise(values))


def _figures_descend(text: str, pos: int, n: int) -> bool:
    """Whether the ``n`` places listed up to ``pos`` are given their figures after it, none above the one before
    (前三位的是甲、乙、丙,分别是284.3亿元、163.8亿元、118.6亿元): the figures show the places are in order."""
    m = _RANKINGS.figures_respectively.match(text, pos)
    if m is None:
        return False
    return _falling([Decimal(x) for x in _RANKINGS.decimal_number.findall(m.group("figures"))], n)


def _list_field(text: str, pos: int, measure: str | None, scope: str | None) -> str | None:
    """The field of a list of places at ``pos``: the one found, else the one its measure was named with before, else
    the evaluation's named before (全国…百强县榜单。…十强县依次是: 全国; 为全省制造业10强县。…制造业10强县:甲、乙:
    全省); a field ending with the measure's words is the field without them (全省制造业10强 read before)."""
    scope = scope or _field_named_with_before(text, pos, measure) or evaluation_field_before(text, pos)
    if scope and measure and scope.endswith(measure) and _RANKINGS.whole_field.fullmatch(scope[:-len(measure)]):
        return scope[:-len(measure)]
    return scope


def _field_named_with_before(text: str, pos: int, measure: str | None) -> str | None:
    """甲县等10个县为全省制造业发展综合10强县。…制造业发展综合10强县:甲县、乙县: a list of a measure written before
    with its field right before it (全省) takes that field; None when the measure is named nowhere before with one."""
    if not measure:
        return None
    at = text.rfind(measure, 0, pos)
    while at > 0:
        field = _RANKINGS.whole_field.fullmatch(text, max(0, at - _FIELD_WIDTH), at)
        if field is not None:
            return field.group(0)
        at = text.rfind(measure, 0, at)
    return None


def _list_entered(s: Sentence, pos: int, measure: str | None, scope: str | None) -> tuple[str | None, str | None]:
    """进入工业百强的4个县市依次是: the list the places entered is the measure when the words name only their kind,
    its field national when a hundred strong."""
    entered = _RANKINGS.list_entered_before.search(s.text, s.ctx.span.start, pos)
    if entered is None:
        return measure, scope
    name = entered.group("list")
    country: str = _RANKING_WORDS.country_field
    return name, scope or evaluation_field(name) or (country if _RANKINGS.hundred_strong.search(name) else None)


def _tied_order(words: str) -> list[int]:
    """The places, counted from 0, of the items of an ordered list where bracketed items are tied: each
    tied group shares one place, and the next item takes the next place (dense, as the list counts them).

    >>> _tied_order("[甲、乙]、丙、[丁、戊]、己")
    [0, 0, 1, 2, 2, 3]
    """
    out: list[int] = []
    for place, group in enumerate(_RANKINGS.tied_or_item.finditer(words)):
        size = len([x for x in _RANKINGS.list_split.split(group.group(0).strip("[]【】")) if x])
        out.extend([place] * size)
    return out


def _ranks_in_brackets(words: str) -> tuple[str, list[int] | None]:
    """甲市(6)、乙县(18)、丙县(22): a list whose every item writes its place in brackets after it — the
    list without them and those places; the words unchanged and None otherwise.

    >>> _ranks_in_brackets("甲市(6)、乙县(18)、丙县(22)")
    ('甲市、乙县、丙县', [6, 18, 22])
    >>> _ranks_in_brackets("甲市、乙县(18)")
    ('甲市、乙县(18)', None)
    """
    found = list(_RANKINGS.rank_in_brackets.finditer(words))
    items = [x for x in _RANKINGS.list_split.split(words) if x]
    if len(found) < 2 or len(found) != len(items):
        return words, None
    return _RANKINGS.rank_in_brackets.sub("", words), [int(m.group("n")) for m in found]


def announces_list(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` closes by announcing a list written on the next line
    (全省12个重点开发县域考核评价结果从高到低依次为:): the lead of a sentence, no heading, though short and
    without a sentence mark.

    >>> announces_list("甲类县域考核评价结果从高到低依次为:", 0, 18), announces_list("考核评价结果", 0, 6)
    (True, False)
    """
    return _RANKINGS.list_announced_end.search(text, start, end) is not None


def _list_on_next_line(text: str, pos: int) -> tuple[int, int]:
    """Where the list a sentence announces at its end (…依次为:) is written when it is on the next line: that
    line's start and end, its closing stop left out (an empty span when no line follows within reach).

    >>> t = "结果从高到低依次为:\\n\\n甲市、乙县、丙县。\\n下一段"
    >>> a, b = _list_on_next_line(t, 10); t[a:b]
    '甲市、乙县、丙县'
    """
    start = pos
    while start < len(text) and start - pos < _NEXT_LINE_REACH and text[start] in _LIST_LEAD_BLANKS + "\n":
        start += 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1] in _LIST_END_MARKS:
        end -= 1
    return (start, end) if start - pos < _NEXT_LINE_REACH else (pos, pos)


def _tagged_measure(text: str, words: str, pos: int) -> tuple[str, str | None] | None:
    """本年度“十强”县(市)依次为…, after …县域经济实力“十强”、经济发展“十佳”评价结果揭晓: the measure a list's quoted
    name (in ``words``, which start at ``pos``) was given with where the evaluation was announced before, and
    the field the place written before it makes (福建省 → 全省); None when the words quote no such name."""
    tag = _RANKINGS.quoted_tag.search(words)
    if tag is None:
        return None
    window = text[max(0, pos - _TAG_WINDOW):pos]
    if tag.group(0) not in window:
        # (every match ends with the quoted name as written: none in the window, no match; checked first,
        # since compiling the shape with the name in it is 6 ms, the CJK classes expanded, in every process)
        return None
    given = last_match(re.compile(_RANKINGS.tagged_measure.pattern.replace(_TAG_SLOT, re.escape(tag.group(1)))),
                       window)  # (announced near before: a bounded look back)
    if given is None:
        return None
    whole: str = _RANKING_WORDS.whole
    field = given.group("whole") if given.group("kind") is None else whole + given.group("kind")
    return given.group("measure"), field


def whole_of_place(finder: SubjectFinder, words: str | None) -> str | None:
    """The field a place named before the places of a kind within it stands for (青海各县 → 全省, 某市各区县 → 全市,
    内蒙古各盟市 → 全区), as FACTS.md writes fields; the words as written when they name no place the gazetteer knows.

    >>> from zhibiao.resolve.subjects import subject_finder
    >>> f = subject_finder()
    >>> whole_of_place(f, "青海"), whole_of_place(f, "重庆市"), whole_of_place(f, "内蒙古"), whole_of_place(f, "某省")
    ('全省', '全市', '全区', '某省')
    """
    return (place_whole(finder, words) if words else None) or words


def place_whole(finder: SubjectFinder, words: str) -> str | None:
    """The whole, as a field, of the place the words end with (1-5月份青海 → 全省); None when they end with no place
    the gazetteer knows, or one whose whole is no field.

    >>> from zhibiao.resolve.subjects import subject_finder
    >>> place_whole(subject_finder(), "1-5月份青海"), place_whole(subject_finder(), "某省")
    ('全省', None)
    """
    for k in range(len(words) - _PLACE_MIN, -1, -1):  # (the shortest tail first: 青海, not 份青海)
        place = finder.entity_named(words[k:])
        if place is not None:
            whole: str = _RANKING_WORDS.whole
            return whole + place[-1] if place[-1] in _WHOLE_ENDS else None
    return None


def field_of_kind(words: str) -> str | None:
    """The field the kind of peers a list names is ranked in (省份 → 全国, 市州 → 全省, 县市区 → 全市), if any."""
    for field, kinds in _RANKING_WORDS.kind_fields.items():
        if any(k in words for k in kinds):
            return str(field)
    return None


def _list_measure_and_field(s: Sentence, pos: int, measure: str | None, scope: str | None) \
        -> tuple[str | None, str | None, str | None]:
    """The measure, field and period of a list of places whose words name none: the evaluation this
    paragraph names, else the measure of the places named last (the same list's), else an evaluation
    named before; the field of the places the paragraph gave, else of the peers it says were ranked
    (对218家国家级经开区进行排名), else of the places named last, else the report's own."""
    text, ctx = s.text, s.ctx
    local = s.state.last_rank or s.para.last_rank
    scope = scope or (local.scope if local is not None else None) or _field_ranked(s, pos)
    own_period = ctx.has_period_before(pos)
    period = None
    measure = measure or _measure_ranked(s, pos)
    if measure is None:
        here = _evaluation_named(text, pos, ctx.para.span.start)
        named = s.log.last_ranking(measured=True)
        if here is None and named is not None:
            measure, period = named.indicator, None if own_period else named.period
        else:
            evaluation = here or _evaluation_named(text, pos)
            if evaluation is not None:
                measure, years = _name_and_period(text, evaluation)
                period = None if own_period else years
                scope = scope or evaluation_field(evaluation.group("name"))  # (工业百强县榜单: 全国)
    last = s.log.last_ranking()
    # (全省11个市完成率由高到低|依次是: the order the places are listed in is no part of the measure, however read)
    measure = _RANKINGS.order_end.sub("", measure) or measure if measure else measure
    return measure, scope or (last.scope if last is not None else None) or home_field(text), period


def _measure_ranked(s: Sentence, pos: int) -> str | None:
    """对综合考核得分情况由高到低进行排序,|依次为甲县、乙县…: the measure its sentence says the places listed from
    ``pos`` were ordered by; None when it says none."""
    ranked = _RANKINGS.measure_ranked.search(s.text, s.ctx.span.start, pos)
    return ranked.group("measure") if ranked is not None else None


def _field_ranked(s: Sentence, pos: int) -> str | None:
    """对218家国家级经开区进行排名。其中,排名前十的有…: the peers the paragraph says were ranked."""
    ranked = last_match(_RANKINGS.field_ranked, s.text[s.ctx.para.span.start:pos])
    return ranked.group("field") if ranked is not None else None


def home_field(text: str) -> str | None:
    """The field of peers of the place a report speaks for (我省 → 全省, 我市 → 全市; else a whole place opening
    its clauses, 全市共安排…), the one it says most often; None when it says none.

    >>> home_field("我省将拿出590万元…我省共有107个县,我市…"), home_field("全市共安排…。其中,全市新开工…")
    ('全省', '全市')
    """
    counts: dict[str, int] = {}
    for m in _RANKINGS.home_place.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:  # (全市共安排…, 9月份,全市新开工…: a whole place opening clauses, as FACTS.md reads 全市)
        for m in _RANKINGS.home_whole_opening.finditer(text):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        return None
    whole: str = _RANKING_WORDS.whole
    return whole + max(counts, key=lambda k: counts[k])


def evaluation_before(text: str, pos: int) -> str | None:
    """The evaluation a report is about, named before ``pos`` (全省开发区高质量发展考评, 县域经济十强县
    榜单): the measure of a top-N list that names none (排名前三的为…); the nearest such name, one a
    verb or its years open first.

    >>> evaluation_before("组织开展了2021至2022年全省开发区高质量发展考评。…进行了综合考评。", 40)
    '全省开发区高质量发展考评'
    """
    found = _evaluation_named(text, pos)
    return _name_and_period(text, found)[0] if found is not None else None


def evaluation_field_before(text: str, pos: int) -> str | None:
    """The field of the evaluation named before ``pos`` (:func:`evaluation_before`), as its full name
    opens with it (全国186家国家级经济技术开发区综合发展水平考核评价 → 全国186家国家级经济技术开发区).

    >>> evaluation_field_before("公布2020年度全国186家国家级经济技术开发区综合发展水平考核评价排名。", 40)
    '全国186家国家级经济技术开发区'
    """
    found = _evaluation_named(text, pos)
    return evaluation_field(found.group("name")) if found is not None else None


def evaluation_period(text: str, pos: int) -> str | None:
    """The years of the evaluation named before ``pos``, as written just before its name (开展了2021至
    2022年全省开发区高质量发展考评 → 2021-01/2022-12): the period its places are of; None when none is.

    >>> evaluation_period("开展了2021至2022年全省开发区高质量发展考评。排名前三的为", 36)
    '2021-01/2022-12'
    """
    found = _evaluation_named(text, pos)
    return _name_and_period(text, found)[1] if found is not None else None


def _name_and_period(text: str, evaluation: re.Match[str]) -> tuple[str, str | None]:
    """An evaluation's name and the period its places are of: the years written just before it, and a
    part of the year opening the name (2013年上半年产业大转型考核 → 产业大转型考核, 2013-01/2013-06).

    >>> _name_and_period("开展2013年上半年产业大转型考核", _evaluations("开展2013年上半年产业大转型考核")[0])
    ('产业大转型考核', '2013-01/2013-06')
    """
    name, years = _counted_peers_dropped(evaluation.group("name")), _years_of(text, evaluation)
    part = next((m for m in find_periods(name) if m.pos == 0 and m.start is not None and m.end is not None), None)
    if part is None or part.start is None or part.end is None or len(name) - part.end_pos < _EVALUATION_NAME_MIN:
        return name, years
    year = part.year or (int(years[:4]) if years else None)
    return name[part.end_pos:], period_string(year, part.start, part.end) if year is not None else years


def _counted_peers_dropped(name: str) -> str:
    """An evaluation's name without the peers it opens with when they are counted (全国186家国家级经济技术开发区
    综合发展水平考核评价排名 → 综合发展水平考核评价): counted, they are the field (:func:`evaluation_field`), not
    the measure; a 排名 after the evaluation's own noun says nothing more.

    >>> _counted_peers_dropped("全国186家国家级经济技术开发区综合发展水平考核评价排名")
    '综合发展水平考核评价'
    >>> _counted_peers_dropped("国家高新区评价指标体系综合排名")
    '国家高新区评价指标体系综合排名'
    """
    group = _RANKINGS.peer_group_head.match(name)
    if group is None or not any(ch.isdigit() for ch in group.group("field")):
        return name
    rest = name[group.end():]
    noun: str = _RANKING_WORDS.ranking_noun
    if rest.endswith(noun) and rest[:-len(noun)].endswith(tuple(_RANKING_WORDS.evaluation_nouns)):
        rest = rest[:-len(noun)]
    return rest


def _years_of(text: str, evaluation: re.Match[str]) -> str | None:
    """The years written just before an evaluation's name, or its year in brackets right after it (…百强(2022)), as a
    period (None when none are)."""
    years = _RANKINGS.evaluation_years.search(text, max(0, evaluation.start("name") - 12), evaluation.start("name"))
    if years is None:
        after = _RANKINGS.evaluation_year_after.match(text, evaluation.end("name"))
        return years_period(int(after.group("last")), int(after.group("last"))) if after is not None else None
    last = judged_year(text, int(years.group("last")))  # (2022年…考核评价 judging 2021: its places are of 2021)
    first = judged_year(text, int(years.group("first"))) if years.group("first") else last
    return years_period(first, last) if first <= last else None


def _evaluation_named(text: str, pos: int, start: int = 0) -> re.Match[str] | None:
    found = [m for m in _evaluations(text) if start <= m.start() and m.end() <= pos]
    # a name a verb or a year opens (发布…, 开展了2022年…) is the evaluation's; one after a mark only
    # (、市州城区…综合评价第一类) may be a kind of the places it sorts
    named = [m for m in found if m.group("mark") is None] or found
    return named[-1] if named else None


@lru_cache(maxsize=4)
def _evaluations(text: str) -> tuple[re.Match[str], ...]:
    """The evaluations a text names, found once per report (a report asks for them at each place
    that names no measure of its own), and the titles naming a top-N group; never the list a verb of holding
    places points at (甲区、乙区包揽榜单前3名)."""
    pointed = _RANKINGS.list_after_verb
    found = [m for m in _RANKINGS.evaluation.finditer(text) if not pointed.search(m.group("name"))]
    # (《2024中国县域发展百强研究》的报告发布: a report's title naming a top-N group)
    titled = [m for m in _RANKINGS.titled_group.finditer(text)
              if not any(f.start() <= m.start("name") < f.end() for f in found)]
    return tuple(sorted([*found, *titled], key=lambda m: m.start()))


def field_short(scope: str) -> str:
    """A class of zones as the field, written with the zones' short name as the reports call their peers
    (FACTS.md's ``国家级经开区``), whichever form the words it was read from used; peers counted (全国9家…)
    stay as written.

    >>> field_short("国家级经济技术开发区"), field_short("全省高新技术产业开发区"), field_short("全国9家经济技术开发区")
    ('国家级经开区', '全省高新区', '全国9家经济技术开发区')
    """
    expansions: dict[str, str] = _ENTITY_WORDS.expansions
    for short, long in expansions.items():
        if scope.endswith(long) and not any(c.isdigit() for c in scope):
            return scope[:-len(long)] + short
    return scope


def evaluation_field(name: str) -> str | None:
    """The field of peers an evaluation's name opens with (全省开发区高质量发展考评 → 全省,
    中国中小城市综合实力百强县 → 全国), if any.

    >>> evaluation_field("中国中小城市综合实力百强县"), evaluation_field("全省开发区考评"), evaluation_field("争先进位")
    ('全国', '全省', None)
    >>> evaluation_field("中国省级开发区高质量发展百强"), evaluation_field("国家级经开区综合发展水平考核")
    ('中国省级开发区', '国家级经开区')
    >>> evaluation_field("县域经济百强榜单"), evaluation_field("民营企业百强"), evaluation_field("中部百强镇")
    ('全国', None, '中部')
    >>> evaluation_field("赛迪西部百强县榜单"), evaluation_field("中国中部百强县市")
    ('西部', '中部')
    """
    group = _RANKINGS.peer_group_head.match(name)
    if group is not None:  # 中国省级开发区|高质量发展百强: the peers of a level and kind are the field
        return group.group("field")
    region = _RANKINGS.region_field_head.match(name)
    if region is not None:  # 中部百强镇, 赛迪西部百强县: the towns of a region, the region the field
        return region.group("region")
    # 赛迪百强县榜单: lists of counties, districts or towns a hundred strong rank them across the country
    country: str = _RANKING_WORDS.country_field
    if name.startswith(tuple(_RANKING_WORDS.country_words)) or any(k in name for k in _RANKING_WORDS.national_lists):
        return country
    whole = _RANKINGS.whole_field_head.match(name)
    if whole is not None:
        return whole.group(0)
    # (县域经济百强榜单: counties a hundred strong, nationwide when no field opens the name)
    return country if _RANKINGS.county_list_strong.search(name) else None


def _of_the_evaluation(s: Sentence, pos: int, measure: str | None, scope: str | None) \
        -> tuple[str | None, str | None, str | None]:
    """The measure, field and period of a place that names neither (昆山市高居第一 in a report on a 百强县
    list): those of the evaluation the report names before it (its years, unless a period follows its name)."""
    if measure is not None:
        return measure, scope, None
    found = _evaluation_named(s.text, pos)
    if found is None:
        return None, scope, None
    name, years = _name_and_period(s.text, found)
    # (7月20日,…发布2022赛迪百强县榜单,…位居前10位: the day it was announced is no period of the places)
    return (name, scope or evaluation_field(found.group("name")),
            None if s.ctx.has_period_before(pos, found.end()) else years)


def listed_places(s: Sentence, words: str, *, ranked: bool = False, towns: bool = False) -> list[str] | None:
    """甲县、乙经济开发区、丙区: the places of a list that holds nothing else (after 前三的为:), each as the
    place it names or as written when it ends as a place or zone does (or, with ``towns``, as a town written
    after its county: 新郑市龙湖镇); None when an item is no place.
    A list ``ranked`` in order (依次是天津、苏州、上海漕河泾) may also name places by a short word of their
    own, as written, when most of its items are places known."""
    finder = s.ctx.doc.finder
    items = [x.strip() for x in _RANKINGS.list_split.split(strip_chars(words))]
    items[0] = _RANKINGS.own_place_head.sub("", items[0])  # (我省|甲高新区、乙经开区: the report's own place)
    if len(items) == 1:
        items = _zones_run(s, items[0]) or items
    # (北京市海淀区, 河北正定县: a place written after its city or province is that place)
    places = [finder.entity_named(item) or _place_after_its_region(s, item) or _place_as_written(item)
              or _place_ending(s, item, _CITY_PREFIX_MAX)
              or (item if towns and _RANKINGS.written_town.fullmatch(item) else None) for item in items]
    known = [p for p in places if p is not None]
    if len(known) == len(items):
        return known
    if not ranked or len(known) * 2 < len(items) or len(items) < 3 \
            or not all(p is not None or _RANKINGS.short_name.fullmatch(x) for p, x in zip(places, items, strict=True)):
        return None
    return [p if p is not None else x for p, x in zip(places, items, strict=True)]


def _zones_run(s: Sentence, words: str) -> list[str] | None:
    """甲经济开发区乙(丙)高新技术产业开发区丁工业园区: the zones of a list whose marks were lost, each written up to its
    suffix (what stands between two zones is the next one's prefix); None unless the words are three zones or more
    and nothing else."""
    zones = s.ctx.doc.finder.zone_mentions(words)
    if len(zones) < _SERIES_MIN or zones[0][0] != 0 or zones[-1][1] != len(words):
        return None
    out, prev = [], 0
    for start, end, _name in zones:
        if start - prev > _PROVINCE_PREFIX_MAX * 2:
            return None  # (more than a short prefix between two zones: other words)
        out.append(words[prev:end])
        prev = end
    return out


def _place_after_its_region(s: Sentence, item: str, *, city_too: bool = True) -> str | None:
    """河北正定县, 北京市海淀区, 浙江省甲市乙县: the place written after the province or city it is in (or both);
    None unless the words are regions and a place."""
    finder = s.ctx.doc.finder
    for k in range(2, min(len(item) - 1, _CITY_PREFIX_MAX + 1)):
        if finder.entity_named(item[:k]) is None:
            continue
        place = finder.entity_named(item[k:]) or (_place_after_its_region(s, item[k:], city_too=False)
                                                  if city_too else None)
        if place is not None:
            return place
    return None


def _written_after_its_region(s: Sentence, item: str) -> str | None:
    """陕西省神木县: a place the gazetteer no longer knows (renamed), shaped as a place, written after its region (the
    longest region first: never 省神木县); None otherwise."""
    finder = s.ctx.doc.finder
    for k in range(min(len(item) - 1, _CITY_PREFIX_MAX), 1, -1):
        if finder.entity_named(item[:k]) is not None:
            return _place_as_written(item[k:])
    return None


def _place_as_written(item: str) -> str | None:
    """邹平县, 某某经济开发区: an item shaped as a place's name (short, ending as places do), taken as
    written when the gazetteer does not know it (renamed counties, new zones)."""
    return item if _RANKINGS.written_place.fullmatch(item) else None


def _holder_before(s: Sentence, hit: re.Match[str], region_start: int) -> bool:
    """昆山市居第1位, 龙口市94.59分居第二名: the words before the place name only who holds it."""
    words = _RANKINGS.adverb_end.sub("", _RANKINGS.score.sub("", s.text[region_start:hit.start()]))
    words = _organ_dropped(_place_passed_dropped(s, [words]))[0] or "" if words else words
    # (甲县超过乙县|居第2位, 甲县人民政府|位列第一: 甲县 holds it)
    if not words:  # (北京经开区排名未变,|仍列第四位: who kept the place, in the clause before)
        kept = _RANKINGS.place_kept_before.search(s.text, s.ctx.span.start, region_start)
        if kept is not None and s.ctx.doc.finder.entity_named(kept.group("holder")) is not None:
            return True
        # (甲区、乙区2家上榜,|分别列第4、第9名: the places listed in the clause before, as many as the places)
        return _LISTS.respectively.search(s.text, region_start, hit.start()) is not None \
            and _respectively_before(s, hit, region_start)[0] is not None
    finder = s.ctx.doc.finder
    if (finder.entity_named(words) or _place_as_written(words)) is not None:
        return True
    described = finder.place_after_appositive(words)  # (“中国竹乡”浙江省安吉县|排第九位: the place the words describe)
    return (described is not None and described[1] == len(words)) \
        or _listed_subjects(s, words) is not None  # 张家港市、常熟市分别居第3位和第4位


def _holder_of_level_before(s: Sentence, hit: re.Match[str], region_start: int) -> bool:
    """甲县总量为491亿元|排第7: a place opening the clause, then a level of its read just before the place (the words
    between the level and the place empty): the place's holder, as in 甲县排第7."""
    if s.text[region_start:hit.start()].strip() or region_start <= s.ctx.span.start:
        return False
    opens = clause_start(s.text, s.ctx.span.start, region_start, _CLAUSE_MARKS)
    if opens >= region_start:
        return False
    held = s.ctx.doc.finder.place_or_short_opening(s.text[opens:region_start])
    return held is not None and held[1] < region_start - opens


def _field_unwritten(s: Sentence, region_start: int, region: str, former: re.Match[str] | None,
                     scope: str | None) -> tuple[str | None, str]:
    """The field (and measure) of a place whose words write no field: that of the place it moved from
    (由全市第五位上升至第二位), or of a 在…中 clause before (在2022年度全省开发区综合考评中,该区位列第6名)."""
    if scope is not None:
        return _class_of_clause_before(s, region_start, region, scope)
    if former is not None and former.group("field"):
        return former.group("field"), region
    before = _clause_wrapper(s, region_start)
    if before is not None and not region:
        return _wrapped_scope(before), strip_chars(before.group("measure"))
    if before is not None and not _measure_region(before.group("measure")):
        return _wrapped_scope(before), region  # (禾榆县在全国1695个县域中,|人均GDP位列第38位: the field only)
    return scope, region


def _class_of_clause_before(s: Sentence, region_start: int, region: str, scope: str) -> tuple[str | None, str]:
    """在2022年度全省县域经济考核中,该区跃居一类县市区第四名: a class of places written after the verb is the peers
    within the whole field of a 在…中 clause before (全省一类县市区), that clause's evaluation the measure when the
    words write none."""
    if not _RANKINGS.class_field.fullmatch(scope):
        return scope, region  # (most fields: the one written)
    before = _clause_wrapper(s, region_start)
    field = _wrapped_scope(before)
    if before is None or field is None or not _RANKINGS.whole_field.fullmatch(field):
        return scope, region
    return field + scope, region if strip_chars(region) else strip_chars(before.group("measure"))


def _wrapped_before(s: Sentence, region_start: int, pos: int) -> bool:
    """在全省16个地市中,甲市GDP增速居第三,固定资产投资增速居第四: a clause of the sentence before ``region_start``
    wraps what follows in a field of peers (在…中), and a clause after it opens with a place (the holder), so a bare
    居/列 at ``pos`` places that holder among them (measures listed alone, 甲业、乙业所占比重居前3位, hold nothing)."""
    clauses = _RANKINGS.clause_separator.split(_RANKINGS.clause_end.sub("", s.text[s.ctx.span.start:pos]))
    finder = s.ctx.doc.finder
    for k, clause in enumerate(clauses[:-1]):
        if (w := _wrapper(clause)) is not None and _wrapped_scope(w) is not None:
            return any(finder.place_or_short_opening(later) is not None for later in clauses[k + 1:])
    return False


def _clause_wrapper(s: Sentence, region_start: int) -> re.Match[str] | None:
    """The 在…中 wrapper (or an evaluation of a field closed by 中) that the clauses before ``region_start`` in the
    sentence close with, if any: read in the last clause (2023年,|全市各县区中,: a wrapper needing no 在 opens
    its clause, never the sentence)."""
    words = _RANKINGS.clause_end.sub("", s.text[s.ctx.span.start:region_start])
    return _wrapper(_RANKINGS.clause_separator.split(words)[-1])


def _names_written(s: Sentence, hit: re.Match[str], region: str, region_from: int, region_start: int) \
        -> list[str | None]:
    """The measures the words before a place name ([None] when none, or only the list just named:
    …前30名名单|名列榜首, whose measure is that of the place before)."""
    run = _RANKINGS.quoted_run.search(s.text, region_from, hit.start()) if hit.group("lead") else None
    if run is not None:  # “优质企业数量”“工业总产值”和“…”均闯入前五: each quoted measure holds the place
        return _RANKINGS.quoted_item.findall(run.group(0))
    quoted = _RANKINGS.quoted_measure.search(s.text, region_from, hit.start())
    if quoted is not None:  # “开放创新和国际竞争力”排名第四: a quoted measure is one, whatever it lists
        return [quoted.group(1)]
    # (进入全省第一方阵: entering no group of a size, a top place in the measure before, not a group's name)
    lead = hit.group("lead") or "" if hit.group("strong") or hit.group("topn") or not hit.group("top") else ""
    names = _ranked_names(s, strip_chars(region), lead, region_start)
    # (其余四个仍然位居前五: places counted or pointed back at name no measure)
    back = len(names) == 1 and (names[0] in _RANKING_SETS.back_references
                                or (names[0] is not None and _RANKINGS.counted_places.fullmatch(names[0]) is not None))
    return [None] if back else names


def _figures_placed_in_turn(s: Sentence, hit: re.Match[str], words: str) -> list[str | None] | None:
    """甲、乙分别增长8.1%、12.3%,分别居全市第二、第一位; 实现甲356亿元、乙15.6亿元,分别居全市第三、第四位: places
    given in turn with no measure words are those of the figures the sentence just gave, one each, in order (their
    growth when only a growth was given); None when the words or the count do not say so."""
    if not _RANKINGS.respectively_only.fullmatch(strip_chars(words)):
        return None  # (most places: their own measure words)
    more = _RANKINGS.more_places.match(s.text, hit.end(), s.ctx.span.end)
    n = 1 + (len(_RANKINGS.number.findall(more.group(0))) if more is not None else 0)
    figures = [f for f in s.log.facts[s.state.first_fact:]
               if (isinstance(f, Indicator) and f.parent is None) or isinstance(f, Projects)]
    if n < 2 or not figures:
        return None
    # (the figures end the clause right before the places: 在甲、乙排名中,分别跃居… places in the measures wrapped)
    gap = s.text[s.ctx.doc.norm_pos(figures[-1].end):hit.start()]
    if not _RANKINGS.respectively_only.fullmatch(strip_chars(gap.strip(_LIST_END_MARKS))):
        return None
    names: list[str] = []
    for f in figures:
        for name in _projects_ranked(f) if isinstance(f, Projects) else [_figure_ranked(f)]:
            if name not in names:
                names.append(name)
    return list(names[-n:]) if len(names) >= n else None


def _projects_ranked(p: Projects) -> list[str]:
    """The measures a projects fact gives to be ranked by, in the order written: how many (重大项目51个 → 重大项目数),
    then their investment (总投资396.8亿元 → 重大项目总投资)."""
    kind = (p.category or "") + _PROJECTS_NOUN
    return [kind + _COUNT_HEAD] * (p.count is not None) + [kind + _INVESTMENT_HEAD] * (p.investment is not None)


def _figures_sharing_place(s: Sentence, hit: re.Match[str], region_start: int) -> list[str | None] | None:
    """甲增长8.2%,乙增长12.5%,丙增长15.1%,均居全市第一; 甲356亿元,乙15.6亿元,均在全省排名靠前: a place that the
    clauses before share (均, 都) is the place of each figure they gave, in order (their growth when the words say
    增速均 or when only a growth was given); None when the words before the place are more than that, or fewer than
    two figures of one holder end right before it."""
    words = strip_chars(s.text[region_start:hit.start()]) + (hit.group("lead") or "")  # (均居: the mark in the verb)
    shared = _RANKINGS.shared_only.fullmatch(words) if words else None
    if shared is None:
        return None
    # (…增幅排名全市第一;申报省级、市级众创空间19家、35家,均列全市第一: only the figures after the last semicolon,
    # an item of its own, share the place)
    item_start = s.text.rfind(_ITEM_BREAK, s.ctx.span.start, region_start)
    norm_pos = s.ctx.doc.norm_pos
    figures = [f for f in s.log.facts[s.state.first_fact:]
               if isinstance(f, Indicator) and f.parent is None and norm_pos(f.start) > item_start]
    if len(figures) < 2 or len({f.subject for f in figures}) > 1:
        return None
    gap = s.text[norm_pos(figures[-1].end):region_start]
    if gap.strip(_LIST_END_MARKS + _CLAUSE_BREAKS):
        return None  # (the last figure ends the clause right before the place)
    growth = shared.group("growth")
    names: list[str | None] = list(dict.fromkeys(f.name + growth if growth else _figure_ranked(f) for f in figures))
    return names if len(names) > 1 else None


def _measure_unnamed(text: str, hit: re.Match[str], words: str, scope: str | None) \
        -> tuple[list[str | None], str | None]:
    """The measure (and field) of a place whose words name none."""
    tagged = _tagged_measure(text, hit.group(0), hit.start())
    if tagged is not None:  # (…实力“十强”评价结果揭晓。甲蝉联“十强”首位: the measure the tag was announced with)
        return [tagged[0]], scope or tagged[1]
    evaluation = evaluation_before(text, hit.start())
    if evaluation is not None:
        # 公布…评价结果,其中,甲市居第35位: the place of an evaluation; a top-N too (甲区跻身前10名), dropped when the
        # exact place is given beside it; 首次入围“十强” after 县域经济十强县: entering that very list
        return [evaluation], scope or evaluation_field_before(text, hit.start())
    return [_overall_ranking(words, hit)], scope


def _overall_ranking(words: str, hit: re.Match[str]) -> str | None:
    """综合排名第33位, (在全国147个高新区中)综合排名33 with no measure given before or around: the
    overall ranking is the measure; None for any other words."""
    if words not in _RANKING_SETS.bare_nouns:
        return None
    lead = hit.group("lead") or ""
    noun = lead if lead in _RANKING_SETS.rank_nouns else next(
        (w for w in _RANKING_WORDS.rank_nouns if w in hit.group(0)), None)
    return words + noun if noun is not None and words + noun not in _RANKING_SETS.bare_nouns else None


def _several_places_unworded(s: Sentence, hit: re.Match[str], region: str) -> bool:
    """(人均生产总值达到13.8万元,在A、B排名中,)分别跃居第7位、第6位: several places given at once with no words
    of their own — the items listed before them are their measures, not the figure just given."""
    return not strip_chars(_RANKINGS.adverb_end.sub("", region)) \
        and _RANKINGS.more_places.match(s.text, hit.end(), s.ctx.span.end) is not None


def _measures_unwritten(s: Sentence, hit: re.Match[str], region_start: int) \
        -> tuple[list[str] | None, list[str | None] | None]:
    """The measures of a place whose words name none: a frame's (从…得分来看), or those listed in the
    clause before several places given at once (A、B两个指标排名,甲区分别位居第3、5位) — or who holds
    the places when that clause lists places (see :func:`_respectively_before`)."""
    frame = _frame_measure(s, region_start)
    if frame is not None:
        return None, [frame]
    if _LISTS.respectively.search(s.text, region_start, hit.start()) \
            or (hit.group("lead") or "") in _RANKING_SETS.sharing_leads:  # (分列第三、第四: 分别 in the verb)
        return _respectively_before(s, hit, region_start)
    return None, None


def _respectively_before(s: Sentence, hit: re.Match[str], region_start: int) \
        -> tuple[list[str] | None, list[str | None] | None]:
    """The places (who holds them) or else the measures listed in the clause before several places
    given at once with 分别; (None, None) when the clause lists no such items."""
    listed = _listed_before(s, hit, region_start)
    if listed is None:
        return None, None
    places = [s.ctx.doc.finder.entity_named(x) or _place_as_written(x) for x in listed]
    if None in places:  # 甲区、乙区位列本区之前,分别为17位、25位: the places, each before the verb shared
        places = [_place_before_verb(s, x) for x in listed]
    if None in places:  # 辽宁省甲市、乙市、丙市成功上榜,分别排名…: the places entering, a province before the first
        items = [_RANKINGS.entered_end.sub("", x) for x in listed]
        places = [s.ctx.doc.finder.entity_named(x) or _place_as_written(x)
                  or _place_ending(s, x, _PROVINCE_PREFIX_MAX) for x in items]
    held = [p for p in places if p is not None]
    return (held, None) if len(held) == len(listed) else (None, list(listed))


def _group_entered_measure(s: Sentence, region_start: int) -> str | None:
    """甲、乙跻身“进出口总额”单项十强榜单,|分别列第一名…: the measure of the top group of one measure that the places
    listed in the clause before entered; None when they entered no such group (or a group named by no measure)."""
    words = s.text[clause_start(s.text, s.ctx.span.start, region_start - 1, _CLAUSE_MARKS):region_start]
    words = words.rstrip(_LIST_END_MARKS)
    m = _RANKINGS.entered_group_measure.search(words)
    measure = m.group("measure") if m is not None else None
    return measure if measure and _RANKINGS.place_word.search(measure) is None else None


def _place_before_verb(s: Sentence, item: str) -> str | None:
    """The place or zone a last listed item opens with when a ranking verb follows it (乙高新区|位列本区之前,
    分别为…), its long form; None otherwise."""
    finder = s.ctx.doc.finder
    ends = [m[1] for m in (*finder.zone_mentions(item), *finder.place_mentions(item)) if m[0] == 0]
    end = max(ends, default=0)
    if not 0 < end < len(item) or not item.startswith(_LEADS, end):
        return None
    return finder.entity_named(item[:end])


def _listed_before(s: Sentence, hit: re.Match[str], region_start: int) -> list[str] | None:
    """通报了A、B和C三个一级指标排名,甲区分别位居第43、52、108位: the items listed in the clause before
    several places given at once (measures, or who holds them); None unless as many as the places."""
    text, span = s.text, s.ctx.span
    more = _RANKINGS.more_places.match(text, hit.end(), span.end)
    if more is None:
        return None
    n = 1 + len(_RANKINGS.number.findall(more.group(0)))
    opens, clause_end = _clause_before(s, region_start)
    placed = _measures_placed_in(s, opens, clause_end)
    if len(placed) == n:  # (总量和增速均居全市第2位,|分别居全省第21位和43位: the measures just placed, in order)
        return placed
    holders, _measure = _levels_in(s, opens, clause_end)
    if len(holders) == n:  # (甲市和乙县GDP总量分别为2800亿元、2377亿元,|分别排名第四、第五: whose levels, in order)
        return holders
    words = text[opens:clause_end]
    if any(w in words for w in _RANKING_WORDS.unchanged_words):  # (甲、乙等2个区的位次没有变化,|分别为41位、57位)
        words = _RANKINGS.places_unchanged_end.sub("", words)
    words = _RANKINGS.places_judged_end.sub("", words)  # (甲、乙、丙表现抢眼,|分别位居…: how they did, no measure)
    quoted = _RANKINGS.quoted_item.findall(words)
    if len(quoted) == n:  # 在“企业研发经费投入强度”和“营商环境”方面表现优异,分列第三、第四: the quoted measures
        return quoted
    words = _RANKINGS.top_n_tail.sub("", words)  # (甲县、乙县排在前60名,|分列第21位、第34位: the holders, 在 no opener)
    verb = last_match(_RANKINGS.evaluation_verb, words)
    words = words[verb.end():] if verb is not None else words
    counted = _RANKINGS.count_of_listed_end.search(words)
    if counted is not None and parse_number(counted.group("n")) == n:  # (甲、乙|2家经开区上榜,|分别列…)
        words = words[:counted.start()]
    listed, _head = cut_enum_tail(words)
    names = split_names(_RANKINGS.entered_tail.sub("", _RANKINGS.noun_tail.sub("", listed)), n)
    return names if names is not None and len(names) == n else None


def _measures_placed_in(s: Sentence, start: int, end: int) -> list[str]:
    """The measures of the ranking facts the sentence read within ``[start, end)``, in order (one each)."""
    norm_pos = s.ctx.doc.norm.norm_pos
    measures: list[str] = []
    for f in s.log.facts[s.state.first_fact:]:
        if isinstance(f, Ranking) and f.indicator and start <= norm_pos(f.start) and norm_pos(f.end) <= end \
                and f.indicator not in measures:
            measures.append(f.indicator)
    return measures


def _levels_in(s: Sentence, start: int, end: int) -> tuple[list[str], str | None]:
    """The places whose levels of one measure the sentence read within ``[start, end)``, in order (one each), and that
    measure; none unless every level there is of the same measure and of a place of its own."""
    norm_pos = s.ctx.doc.norm.norm_pos
    levels = [f for f in s.log.facts[s.state.first_fact:] if isinstance(f, Indicator) and f.value is not None
              and start <= norm_pos(f.start) and norm_pos(f.end) <= end]
    holders = [f.subject for f in levels if f.subject]
    if len(holders) != len(levels) or len(set(holders)) != len(holders) or len({f.name for f in levels}) != 1:
        return [], None
    return holders, levels[0].name


def _measure_of_levels_before(s: Sentence, region_start: int, holders: list[str]) -> str | None:
    """甲市和乙县GDP总量分别为2800亿元、2377亿元,|分别排名第四、第五: the measure of the levels of ``holders`` given in
    the clause before, which their places are in; None when that clause gives no levels of theirs alone."""
    leveled, measure = _levels_in(s, *_clause_before(s, region_start))
    return measure if leveled == holders else None


def _clause_before(s: Sentence, region_start: int) -> tuple[int, int]:
    """Where the clause right before the one opening at ``region_start`` starts and ends, within the sentence."""
    end = region_start - 1
    return clause_start(s.text, s.ctx.span.start, end, _CLAUSE_MARKS), end


def _kinds_field(s: Sentence, pos: int, measure: str | None) -> str | None:
    """某省各县地方财政收入排名中,甲县…,排名第一: the field of a place in the measure the places of a kind named before
    are ranked by (the whole of the place before 各); None when no such ranking was named, or of another measure."""
    kinds = kinds_ranked_before(s, pos) if measure else None
    if kinds is None or kinds.group("measure") not in str(measure):
        return None
    return whole_of_place(s.ctx.doc.finder, kinds.group("field"))


def _frame_measure(s: Sentence, region_start: int) -> str | None:
    """从县域发展的综合得分来看,甲市以97.17分蝉联首位; 在总指数方面,…。排在第11名的…: the measure a frame
    opening a sentence of the paragraph looks at, the last one before."""
    # (looked for at most a sentence's length back: a frame opens a sentence near the place; a whole
    # paragraph's scan at every place was quadratic on a long one)
    frame = last_match(_RANKINGS.frame, s.text[max(s.ctx.para.span.start, region_start - MAX_SENTENCE):region_start])
    if frame is None:  # (某省各县地方财政收入排名中,甲县…排名第一: the measure the places of a kind are ranked by)
        kinds = kinds_ranked_before(s, region_start)
        return kinds.group("measure") if kinds is not None else None
    return _measure_looked_at(frame.group("topic") or frame.group("aspect") or frame.group("data"))


def _measure_looked_at(topic: str | None) -> str | None:
    """The measure a frame looks at (从吸收利用外资情况来看: 吸收利用外资); None when it looks at who holds places or
    entered a list (从全国前十强看, 从福建省入选情况看) or how the places are spread (从地域分布来看)."""
    return None if topic is None or _RANKINGS.place_word.search(topic) or _RANKINGS.membership_verb.search(topic) \
        or _RANKINGS.spread_topic.search(topic) else topic


def _measures_wrapped(words: str) -> bool:
    """甲区在经济发展、对外开放等五大类指标中均保持第一位: the measures a place is held in, wrapped in
    在…中 before it (a ranking verb with no field then still makes a place)."""
    k = words.find(_RANKING_WORDS.field_mark)
    wrapped = _RANKINGS.wrapper.match(words[k:]) if k >= 0 else None
    return wrapped is not None and _RANKINGS.list_split.search(wrapped.group(1)) is not None


def _won_by_holders(s: Sentence, hit: re.Match[str], region_start: int, place: tuple[int | None, bool]) -> bool:
    """曲阜市获得创新发展第五名, 甲县和乙县分别获得协调发展第二名和第三名: places won by who is named
    before the verb, in the measure written between them, in the field of the place the paragraph gave
    before (or none). False when the words before the place are not of that shape."""
    won = _RANKINGS.won_place.match(s.text, region_start, hit.start())
    if won is None or not won.group("measure"):
        return False
    holder = won.group("holder")
    one = s.ctx.doc.finder.entity_named(holder) or _place_as_written(holder)
    subjects = [one] if one is not None else _listed_subjects(s, holder)
    if subjects is None:
        return False
    ranks, end = _places(s.text, hit, place[0], len(subjects), s.ctx.span.end)
    before = s.state.last_rank or s.para.last_rank
    scope = hit.group("scope") or (before.scope if before is not None else None)
    measure = won.group("measure")
    _record(s, hit, _Read([measure] * len(subjects), ranks, scope, False, False, measure, region_start, None, end,
                          subjects), region_start)
    return True


def _in_brackets_after_place(s: Sentence, hit: re.Match[str]) -> bool:
    """蘅溪市(第5位)、芷桐市(第27位): a place in brackets right after who holds it, in the field and
    measure of the ranking the sentence gave before (whose top-N it makes exact: FACTS.md)."""
    text, st = s.text, s.state
    if not (text[hit.start() - 1:hit.start()] == "(" and text[hit.end():hit.end() + 1] == ")"):
        return False
    holder = _RANKINGS.holder_before_bracket.search(text, s.ctx.span.start, hit.start())
    if holder is None:
        return False
    name = s.ctx.doc.finder.entity_named(holder.group(1)) or _place_as_written(holder.group(1))
    before, place = st.last_rank, place_of(hit)
    if not name or before is None or place is None or place[0] is None:
        return False
    if id(before) in st.top_n_ranks and before in s.log.facts:  # 进入全国百强,排名分别为甲(第4位)…
        s.log.drop(before)
        st.top_n_ranks.discard(id(before))
    # (首次进入百强县的县域…分别是:甲(位列86位): the group entered is the measure, the verb no part of it)
    measure = _RANKINGS.entry_head.sub("", before.indicator) if before.indicator else None
    if measure is None:  # (从福建省入选情况看,6县进入全国百强,排名分别为…: the measure named before)
        named = s.log.last_ranking(measured=True)
        measure = named.indicator if named is not None else evaluation_before(text, hit.start())
    scope = before.scope or (evaluation_field(measure) if measure else None)
    r = replace(before, subject=name, rank=place[0], top=False, qualifier=None, indicator=measure, scope=scope)
    s.ctx.doc.set_quote(r, holder.start(1), hit.end() + 1)
    s.log.add(r)
    return True


def _kind_listed(s: Sentence, hit: re.Match[str]) -> str | None:
    """甲、乙等国家高新区(位列…): the peers of a level and kind closing a list of places, their field."""
    kind = _RANKINGS.listed_kind_end.search(s.text, s.ctx.span.start, hit.start())
    # (甲、乙等地: no kind of peers named)
    group = _RANKINGS.peer_group_written.fullmatch(kind.group("kind")) if kind is not None and kind.group("kind") \
        else None
    return group.group(0) if group is not None else None


def _place_ending(s: Sentence, words: str, longest: int | None = None) -> str | None:
    """The longest place ending ``words`` (同样来自江苏的江阴 → 江阴市), within ``longest`` characters of
    words before it when given; None when none does."""
    found = s.ctx.doc.finder.place_closing(words, longest)
    return found[0] if found is not None else None


def _listed_subjects(s: Sentence, words: str) -> list[str] | None:
    """泓苓市、椿岭市、槿川市(分列…), 同样来自江苏的澄岗、翎城和蘅川(分列…), 禾川、栖岗、芷洲高新区(在…中分列…):
    the places a list of places is given to, when the words before the place are such a list
    (None otherwise). A zone suffix written once, on the last item, belongs to every item."""
    words = _RANKINGS.adverb_end.sub("", strip_chars(words))  # 张家港市、常熟市分别(居…)
    words = _RANKINGS.listed_kind_end.sub("", words)  # (甲、乙等国家高新区: the kind they are, no place)
    counted = _RANKINGS.counted_kind_end.search(words)
    items = [x.strip() for x in _RANKINGS.list_split.split(words[:counted.start()] if counted is not None else words)]
    if len(items) < 2:
        return None
    finder = s.ctx.doc.finder
    if counted is not None and counted.group("zone") and parse_number(counted.group("count")) == len(items):
        # 郑州、洛阳、新乡、平顶山4家高新区: as many names as counted, each a zone of the kind counted
        zone = counted.group("zone")
        items[0] = clean_list_item(items[0])  # (其中郑州)
        return [finder.entity_named(x + zone) or x + zone if not x.endswith(_ENTITY_WORDS.zone_suffixes)
                else finder.entity_named(x) or x for x in items]
    last = finder.entity_named(items[-1])
    suffix = next((x for x in _ENTITY_WORDS.zone_suffixes if last and items[-1].endswith(x)), "")
    if suffix:  # (合肥、芜湖、淮南高新区; but 苏州工业园区、…北京经济技术开发区 each have their own)
        items = [x if x.endswith(_ENTITY_WORDS.zone_suffixes) else x + suffix for x in items]
    # the first item may follow words about the list (同样来自江苏的江阴): its longest place at the end
    first = _place_ending(s, items[0]) or _place_as_written(items[0]) or _written_after_its_region(s, items[0])
    # (湖南省蔚洲县、辽宁省苓江市, 浙江省甲市乙县: each may write its province, and its city, before it)
    named = [finder.entity_named(x) or _place_after_its_region(s, x) or _place_ending(s, x, _PROVINCE_PREFIX_MAX)
             or _place_as_written(x) for x in items[1:]]
    if first is not None and None in named:  # (重庆、成都、长沙: 长沙 names a city and a county, the city among cities)
        levels = [finder.full_names.get(x) for x in (first, *named) if x is not None]
        level = max(set(levels), key=levels.count) if levels else None  # (重庆 a province: most places' level)
        named = [x if x is not None else _short_of_level(finder, item, level) for x, item in zip(named, items[1:],
                                                                                               strict=True)]
    rest = [x for x in named if x is not None]
    # (a long list of places with one item no place is read as written, a misprint or an unknown name:
    # 昆山市、江阴市、…、龙口是、长沙县位居前10 — the places it names)
    if first is None or len(rest) < len(named) - (1 if len(items) >= _LONG_PLACE_LIST else 0):
        return None
    return [first, *rest]


def _short_of_level(finder: SubjectFinder, short: str, level: str | None) -> str | None:
    """The one place of ``level`` a short name shared by places of several levels stands for in a list of places of that
    level (长沙 among cities: 长沙市, not 长沙县); None when it stands for none or several."""
    fulls = [x for x in finder.short_to_full.get(short, []) if finder.full_names.get(x) == level]
    return fulls[0] if level is not None and len(fulls) == 1 else None


def _places_of_subjects(s: Sentence, hit: re.Match[str], subjects: list[str], place: tuple[int | None, bool, bool],
                        wrapped: re.Match[str] | None, own_measure: str | None = None) -> _Read | None:
    """One place for each listed place, in the field and measure written around the list (在…中)
    or else of the ranking given before."""
    rank, top, bottom = place
    before = s.state.last_rank or s.para.last_rank or s.log.last_ranking()
    scope, evaluation = _field_of_evaluation_placed(hit.group("scope"))
    scope = scope or _wrapped_scope(wrapped) or _kind_listed(s, hit) or (before.scope if before is not None else None) \
        or _field_of_evaluation_before(s.text, hit.start()) or _tier_field(s, hit, [own_measure])
    ranks, end = _places(s.text, hit, rank, len(subjects), s.ctx.span.end)
    if end > hit.end():
        s.state.mark_listed(hit.end(), end)  # (第五名|至第十名: the run's last place is read with it, not again)
    exact = _exact_places_after(s, hit, len(subjects))
    if exact is not None:  # 双双跻身全国30强,分别列22位和29位: the exact places only (FACTS.md)
        ranks, end, top = exact[0], exact[1], False
        scope = scope or exact[2]  # (进入前30强,分别位居全国第3和第27名)
        s.state.mark_listed(hit.start(), end)  # (位列第17、37…: read as these places)
    if _top_n_shared_out(s.text, hit, len(subjects)):  # 甲、乙、丙分列前三: the first three places, in order
        ranks, top = list(range(1, len(subjects) + 1)), False
    listed = _top_n_of_list_after(s, hit, len(subjects))
    if listed is not None:  # 甲、乙、丙分获…百强榜单前三名: the first places of the list, its name the measure
        ranks, end, top = list(range(1, len(subjects) + 1)), listed[0], False
        scope, own_measure = listed[1], listed[2]
    elif wrapped is None and own_measure is None and evaluation is None \
            and _RANKINGS.region_head.match(hit.group("scope") or ""):  # (a group with a name of its own only:
        # 蝉联全国百强县市 leaves the measure named before)
        group = _group_in_field(s.text, hit, hit.group("scope"))
        if group is not None and group[3] is None:  # 甲、乙入选全国某某前50强: held as by one place (field, group)
            scope, own_measure, end = group[0], group[1][0], max(end, group[2])
        elif group is not None and _RANKINGS.group_top_n_after.match(s.text, hit.end()):
            # 甲、乙、丙包揽全省县域经济十强县前3名: the top N of the group, each in it (its rank N)
            scope, own_measure, end, ranks = group[0], group[1][0], max(end, group[2]), [group[3]] * len(subjects)
    # (a top N entered, 甲、乙并列全省第一, 甲和乙均位居全省第一: one place each holds)
    shared = (bool(hit.group("topn") or hit.group("strong")) and bool(hit.group("lead"))) or _place_shared(s, hit)
    if (len(set(ranks)) < len(ranks) and rank is not None and not (shared and len(set(ranks)) == 1)) \
            or (scope is None and (rank is None or len(ranks) < 2)):
        # fewer places than places listed, or a shared place among no field: not a list of places with
        # places (甲、乙、丙分列第11、12和第15位 needs no field: each place is its own)
        return None
    # the measure: written around the list, of the ranking just given, or of the last one named
    # (甲、乙在全国169家高新区中综合排名分别位列…: the 中 closing the field is no part of the measure)
    measure = own_measure or _item_frame_measure(s, hit.start())
    if not measure:
        measure = strip_chars(_RANKINGS.field_close.sub("", wrapped.group("measure"))) if wrapped is not None \
            else evaluation
    if not measure:  # (从榜单排名看,…甲、乙包揽榜单前5名: the measure the frame looks at)
        measure = _frame_measure(s, s.ctx.span.start)
    if not measure and not _counts_members(before):
        measure = before.indicator if before is not None else None
        if measure is None and (named := s.log.last_ranking(measured=True)) is not None:
            measure = named.indicator
    measure, scope, period = _of_the_evaluation(s, hit.start(), measure, scope)
    period = period or _tier_period(s, hit)
    return _Read([measure] * len(subjects), ranks, scope, top, bottom, "", hit.start(), None, end, subjects, period)


def _item_frame_measure(s: Sentence, pos: int) -> str | None:
    """…;从吸收利用外资情况来看,甲、乙及丙则包揽前三名: the measure a frame opening the item of the sentence the places
    are listed in (after its last semicolon) looks at, over the evaluation the sentence opened with; None when the
    item opens with none, or with a look at who holds places (从福建省入选情况看)."""
    start = s.text.rfind(_ITEM_BREAK, s.ctx.span.start, pos)
    if start < 0:
        return None  # (plain check first: a frame opening the sentence is _frame_measure's)
    m = _RANKINGS.item_frame.match(s.text, start + 1, pos)
    return _measure_looked_at(m.group("topic") if m is not None else None)


def _counts_members(before: Ranking | None) -> bool:
    """Whether the ranking given before is of how many members a place has in a list (某省共有24地进入榜单,总数全国
    第一): the members listed after it (其中甲和乙并列第一) hold places in the list itself, not in that count."""
    return before is not None and bool(before.indicator) and str(before.indicator).endswith(_MEMBER_COUNTS)


def _place_shared(s: Sentence, hit: re.Match[str]) -> bool:
    """Whether the places listed before ``hit`` all hold its one place: 并列 its verb, or 均, 双双 or 都 right
    before it."""
    lead = hit.group("lead") or ""
    if lead.endswith(_RANKING_WORDS.shared_verbs):
        return True
    return _RANKINGS.shared_place_before.search(s.text, max(s.ctx.span.start, hit.start() - _SHARED_REACH),
                                                 hit.start()) is not None


def _tier_field(s: Sentence, hit: re.Match[str], names: list[str | None]) -> str | None:
    """稳居优秀等次, 获设区市…考核第一等次 with no field written: a top tier is graded among the evaluation's own
    peers, in the field their kind makes (设区市 → 全省), else in that of the evaluation named before (全市…考核,
    甲市…考核 → 全市) or the report's own; None for any other top place (靠前, 前列: FACTS.md)."""
    if (hit.group("top") or "") not in _TOP_TIERS:
        return None
    kind = next((f for name in names if name and (f := field_of_kind(name)) is not None), None)
    return kind or evaluation_field_before(s.text, hit.start()) \
        or _field_of_place_evaluation(s, s.ctx.span.start) or home_field(s.text)


def _unwritten_tier_field(s: Sentence, hit: re.Match[str], names: list[str | None], scope: str | None, top: bool) \
        -> tuple[str | None, str | None]:
    """The field of a top place (and the years, for a top tier) when none is written (:func:`_tier_field`)."""
    if not top or scope is not None:
        return scope, None
    scope = _tier_field(s, hit, names)
    return scope, _tier_period(s, hit) if scope is not None else None


def _tier_period(s: Sentence, hit: re.Match[str]) -> str | None:
    """公布了2021年度甲市高质量发展综合考核结果。乙、丙在…考核中稳居优秀等次: a top tier is of the years of the
    evaluation named before its sentence, not the report's; None for other places or when no years are written."""
    if (hit.group("top") or "") not in _TOP_TIERS:
        return None
    return evaluation_period(s.text, s.ctx.span.start)


def _field_of_place_evaluation(s: Sentence, pos: int) -> str | None:
    """公布了2023年度甲市高质量发展综合考核结果。乙县在高质量发展考核中…: the field of the evaluation named
    before the sentence whose name opens with a place (甲市 → 全市), None when none does."""
    evaluation = evaluation_before(s.text, pos)
    return _field_of_place_opening(s, evaluation) if evaluation else None


def _field_of_place_opening(s: Sentence, evaluation: str) -> str | None:
    """The field of an evaluation whose name opens with a known place (甲市综合考核 → 全市), None otherwise."""
    finder = s.ctx.doc.finder
    place = next((name for k in range(len(evaluation) - 1, 1, -1)
                  if (name := finder.entity_named(evaluation[:k])) is not None), None)
    return str(_RANKING_WORDS.whole) + place[-1] if place and place.endswith(_FIELD_LAST_CHARS) else None


def _field_of_evaluation_before(text: str, pos: int) -> str | None:
    """全市2023年度高质量发展综合考核结果公布。甲、乙获评第一等次: the field of the evaluation named before, or the
    report's own kind of place when its name writes none; None when no evaluation was named."""
    if evaluation_before(text, pos) is None:
        return None
    return evaluation_field_before(text, pos) or home_field(text)


def _top_n_shared_out(text: str, hit: re.Match[str], n: int) -> bool:
    """分列前三, 依次名列前十名, 分别获前三名 after as many places listed: the top N shared out, one place each, in
    order."""
    if hit.group("topn") is None:
        return False
    lead = hit.group("lead") or ""
    if lead not in _RANKING_SETS.sharing_leads and not (lead and text.endswith(_IN_TURN_MARKS, 0, hit.start())):
        return False
    return parse_number(hit.group("topn")) == n


def _top_n_of_list_after(s: Sentence, hit: re.Match[str], n: int) -> tuple[int, str | None, str] | None:
    """甲、乙、丙分获2021中国某某百强榜单前三名: a top N of the list just named shared out in order among as many
    places as listed (a list a hundred strong is no place of theirs); where it ends, the list's field and its name."""
    if not hit.group("strong") or hit.group("strong_n") or hit.group("strong_head"):
        return None
    lead = hit.group("lead") or ""
    shared = lead in _RANKING_SETS.list_sharing_leads \
        or s.text[max(0, hit.start() - _ORDER_ADVERB_WIDTH):hit.start()].endswith(_LIST_ORDER_ADVERBS)
    m = _RANKINGS.top_n_of_list_after.match(s.text, hit.end(), s.ctx.span.end) if shared else None
    if m is None or parse_number(m.group("n")) != n:
        return None
    name = (hit.group("scope") or "") + s.text[hit.start("strong"):hit.end("strong") + 1]
    opened = _RANKINGS.list_field_opening.fullmatch(name)
    if opened is None:
        return m.end(), None, name
    return m.end(), opened.group("field"), opened.group("name")


def _exact_places_after(s: Sentence, hit: re.Match[str], n: int) -> tuple[list[int | None], int, str | None] | None:
    """,分别列22位和29位 (分别位居全国第3和第27名) after a top-N of n listed places: their exact places, where
    they end, and the field written with them."""
    if not (hit.group("topn") or hit.group("strong")):
        return None
    m = _RANKINGS.exact_places_after.match(s.text, hit.end(), s.ctx.span.end)
    if m is None:
        return None
    found = [parse_number(x) for x in _RANKINGS.number.findall(m.group("places"))]
    if len(found) != n or any(v is None or not 0 < v < MAX_RANK for v in found):
        return None
    return [int(v) for v in found if v is not None], m.end(), m.group("field")


def _wrapper(words: str) -> re.Match[str] | None:
    """The field written among the words before a place: inside 在…中, or a counted group of peers
    opening them (全国186家国开区综合发展水平考评中); never a bare 全区 opening them (全区…增速全市倒数第一:
    全区 says whose figure it is)."""
    if _RANKING_WORDS.field_mark not in words and not _RANKINGS.wrapped_start.match(words):
        return None  # (most words before a place: plain checks first)
    m = _RANKINGS.wrapped_field.search(words)
    if m is not None and not m.group(0).startswith(_RANKING_WORDS.field_mark) and m.group("group") is None \
            and not _RANKINGS.counted_field_closed.fullmatch(words) \
            and not _RANKINGS.evaluation_field_closed.fullmatch(words):  # (全省14个市中,: peers counted, then 中)
        return None
    return m


def _wrapped_scope(wrapped: re.Match[str] | None) -> str | None:
    """The field a 在…中 wrapper writes, if any, with the aside written on it (各城市(不含直辖市))."""
    if wrapped is None:
        return None
    field = wrapped.group("group") or wrapped.group("scope") or wrapped.group("counted") or wrapped.group("peers")
    if wrapped.group("scope") and field == wrapped.group("scope") \
            and (zones := _RANKINGS.zone_kind_closing.match(wrapped.string, wrapped.end("scope"), wrapped.end())):
        return field_short(field + zones.group(0))  # (在全省开发区中: the zones of the field, 全省开发区)
    if field in _PROVINCIAL_PEER_KINDS:  # (在设区市综合考核中: the province's peers, in its field)
        return str(_RANKING_WORDS.province_field)
    return field + (wrapped.group("aside") or "") if field else field


def _head_after_field(region: str, scope: str | None) -> tuple[str, str | None]:
    """…增加值增长5%,全省|增速|排名第15: a measure's head written between the field and the ranking verb is the
    measure's, not the field's (the field 全省, the measure 增速 after the words before); 位列全国|省级开发区升级潜力
    (百强第12位): the kind of peers opening a group named right after the whole is the field with it."""
    headed = _RANKINGS.field_then_head.fullmatch(scope) if scope else None
    if headed is not None:
        return region + headed.group("head"), headed.group("field")
    whole = _RANKINGS.whole_field_end.search(region) if scope else None
    peers = evaluation_field(whole.group(0) + scope) if whole is not None and scope else None
    if whole is None or scope is None or peers is None or len(peers) <= len(whole.group(0)):
        return region, scope
    # (位列全国|“省级开发区升级潜力百强”第12位: the kind of peers opening the group named after the whole is the field
    # with it, 全国省级开发区; the rest of the group's name the measure)
    return region[:whole.start()] + _RANKINGS.field_close.sub("", (whole.group(0) + scope)[len(peers):]), peers


def _field_and_measure(region: str, scope: str | None,
                       split: bool = False) -> tuple[str, re.Match[str] | None, str | None]:
    """The words before a place: the measure, the place it came from, and the field when written
    among them (招商引资工作在全市9个县市区综合排名中 → 全市, 招商引资工作综合排名)."""
    region, scope = _head_after_field(region, scope)
    if scope is None and region.strip() in _FIELD_REGIONS:
        return "", None, region.strip()  # (在…百强县中,|西部地区|第一名是甲县: a part of the country, the field)
    former = _RANKINGS.from_place.search(region)  # 由上年的第7位上升至…: a place of its own
    if former is not None:  # (在全省…考核中排名|由第十七位…: the noun after the wrapper names no measure)
        region = _RANKINGS.wrapped_rank_noun_end.sub("", region[:former.start()])
    region = _RANKINGS.move_by_end.sub("", region)  # (排名前移4位|至第41位: the move is a fact of its own)
    region = _RANKINGS.adverb_end.sub("", region)  # (在三类园区中|分别位居: the adverb closes no field)
    region = _RANKINGS.counted_entry_head.sub("", region)  # (保定两地上榜|县域经济基本竞争力全国百强)
    region = _RANKINGS.edition_only.sub("", region)  # (第22届|全国…百强县名单中: the edition, no measure)
    # (在|全国147家高新区中…: the place's field is the wrapper's when the words before end at its 在; 杭州在营商环境
    # 城市排名中|位列全国第一: a wrapper closed before the place holds its measure, the place its own field)
    wrapped = _wrapper(region + scope if scope and not _RANKINGS.wrapper_closed.search(region) else region)
    if wrapped is not None and wrapped.group("peers") and scope and _RANKINGS.whole_field.fullmatch(scope):
        wrapped = None  # (在营商环境城市排名中|位列全国第一: the place writes its field, the 在…中 its measure)
    if wrapped is not None:
        scope = _class_in_field(_wrapped_scope(wrapped), scope)
        # (在全国147家高新区中|综合排名33: the 中 closing the field is no part of the measure)
        region = region[:wrapped.start()] + _RANKINGS.field_close.sub("", wrapped.group("measure"))
    counted = _RANKINGS.counted_peers_end.search(region) if scope is None and wrapped is None else None
    if counted is not None:  # (…增长7.5%,六县市|排名第五: the peers counted are the field, the figure the measure)
        scope, region = counted.group("peers"), region[:counted.start()]
    headed = _RANKINGS.verb_field_counted_head.match(region) if scope is None and wrapped is None else None
    if headed is not None:  # (位列|全省38个B类县(市)|考核综合排名第二位: the peers counted first, the measure after)
        scope, region = headed.group("field"), region[headed.end():]
    field = _RANKINGS.field_in_measure.search(region) if scope is None else None
    if field is not None and field.start() > 0:  # 税收收入增速全省排名由第25位…: 全省 is the field
        scope, region = field.group("scope"), region[:field.start()]
    evaluated = _RANKINGS.field_of_evaluation.fullmatch(scope) if scope else None
    if evaluated is not None:  # 全省重点项目考核排名第7位: the field 全省, the evaluation the measure
        scope, region = evaluated.group("field"), evaluated.group("evaluation")
    else:
        scope, evaluation = _field_of_evaluation_placed(scope, split)
        # (连续三年获|设区市…考核第一等次: how long it was held names no measure; the evaluation does)
        bare = not strip_chars(_RANKINGS.adverb_end.sub("", _RANKINGS.duration.sub("", region)))
        region = evaluation if bare and evaluation is not None else region
    return _measure_region(region), former, scope


def _class_in_field(field: str | None, written: str | None) -> str | None:
    """在全省县域经济考核中位列一类县市区第四名: a class of places written after the verb (一类县市区, 省级二类开发区)
    is the peers within the whole field the wrapper writes (全省一类县市区); else the wrapper's field."""
    if field and written and _RANKINGS.whole_field.fullmatch(field) and _RANKINGS.class_field.fullmatch(written):
        return field + written
    return field


def _field_of_evaluation_placed(scope: str | None, split: bool = False) -> tuple[str | None, str | None]:
    """位列国家高新区综合评价第5名, 位列综合评价前50名: an evaluation read after the verb as a field is the
    measure, the peers opening its name (if any) the field; (field, measure), the measure None when the
    words are a field only. With ``split``, a measure of standing closing the words (全省县域经济综合实力)
    is the measure too."""
    if not scope:
        return scope, None
    if not scope.endswith(_EVALUATION_ACTS):  # (位居全省经济总量第三: a measure of standing after the field)
        parts = _RANKINGS.field_then_measure.fullmatch(scope) if split else None
        return (parts.group("field"), parts.group("measure")) if parts is not None else (scope, None)
    field = evaluation_field(scope) or _field_of_provincial_peers(scope)  # (设区市…考核: the province's)
    evaluation = scope[len(field):] if field and scope.startswith(field) else scope
    # (位列榜单前三名: the list named before is the measure, not the word for it)
    return field, None if evaluation in _RANKING_SETS.back_references else evaluation


def _subject_pos(hit: re.Match[str]) -> int:
    """Where the holder of a place is looked for: before a province opening the match as its field (甲镇 某省第4
    全国第272), whose name is the field, not the place holding it."""
    if hit.group("scope") in _NAMED_FIELDS and hit.start("scope") == hit.start() > 0:
        return hit.start() - 1
    return hit.start()


def _holder_beside(s: Sentence, hit: re.Match[str]) -> str | None:
    """甲镇 某省第4 全国第272: a place written right after a province's field is held by the same place."""
    last = s.state.last_rank
    if last is None or last.scope not in _NAMED_FIELDS \
            or not _RANKINGS.named_field_before.search(s.text, max(0, hit.start() - _NAMED_FIELD_WIDTH), hit.start()):
        return None
    return last.subject


def _record(s: Sentence, hit: re.Match[str], read: _Read, region_start: int) -> None:
    """Record the ranking facts read from one match (and the place it came from, and more measures
    in the same field after it)."""
    st, ctx = s.state, s.ctx
    start = hit.start()
    target = ctx.target_at(start)
    qstart = region_start if read.names != [None] else start
    if st.current is not None and read.names and read.names[0] == st.current.name and not read.measure:
        qstart = ctx.doc.norm_pos(st.current.start)
    period_pos = read.region_from + read.former.start() if read.former is not None else start
    entered_year = hit.group("entered_year")
    if entered_year:  # (入选2023年度全国…百强县: the year of the group entered, after the verb)
        period_pos = hit.end("entered_year")
    # (位列2023中国…百强榜: a year glued to the list's name, no 年 to read as a period, is the list's year)
    own_period = period_string(entered_year) if entered_year and entered_year.isdigit() else None
    subjects: list[str | None] = list(read.subjects) if read.subjects \
        else [_holder_beside(s, hit) or ctx.subject_at(_subject_pos(hit), ranked=True)] * len(read.names)
    _drop_top_n_before(s, read, subjects[0])
    names, scopes = _own_fields(read)
    names, scopes = _list_references_resolved(s, start, names, scopes)
    read = _exact_place_as_means(s, start, read)
    if _RANKING_WORDS.class_mark in s.text[ctx.span.start:start]:
        scopes = _class_clause_fields(s, start, read.end, scopes)
    for name, scope, place_n, subject in zip(names, scopes, read.ranks, subjects, strict=True):
        if name and _RANKINGS.counted_measures.match(name):
            continue  # (我市有58项指标考核结果居全省前5位: how many measures hold a place, no place of anyone's)
        if name and name.endswith(_EVALUATION_NOUNS):  # (在甲、乙、丙的考评中: 丙, the evaluation no part of it)
            name = _RANKINGS.of_evaluation_end.sub("", name) or name
        period = read.period if read.period is not None else own_period or _years_of_evaluation(s, name, start) \
            or ctx.period_at(period_pos, target=target, day_is_year=True)
        if scope and (listed := _RANKINGS.scope_with_list.fullmatch(scope)) is not None \
                and (name is None or listed.group("list") in name):
            # (位居全国百强县第27位: the list the measure, 全国 the field; 指数排名百强县第一: the list the peers)
            name, scope = name or listed.group("list"), listed.group("field") or evaluation_field(listed.group("list"))
        scope = _region_of_group(name, scope) or _field_of_provincial_peers(name) or _kinds_field(s, start, name)
        if scope is not None and ")" in scope:  # (全省工业园区(120个): peers counted)
            scope = _RANKINGS.peers_counted_aside.sub("", scope) or scope
        scope = _RANKINGS.zones_counted_lead.sub("", scope) if scope else scope  # (169个|国家级高新区: how many)
        r = Ranking(subject=subject, period=period, indicator=name,
                    scope=scope, rank=place_n, top=read.top, qualifier="target" if target else None,
                    rule="ranking.v1", bottom=read.bottom)
        same = _restated(s, r)
        if same is not None:  # (排名第一,连续三年保持全市第一: the same place said again is one fact)
            st.last_rank = s.para.last_rank = same
            continue
        ctx.doc.set_quote(r, qstart, read.end)
        s.log.add(r)
        st.last_rank = s.para.last_rank = r
        if _top_n_only(hit) and _NAME_WORDS.ordinal_mark not in s.text[hit.end():read.end]:
            # (位居全国甲百强县市|第95位: the exact place read after the top N, no top-N place)
            st.top_n_ranks.add(id(r))
            s.log.top_n.add(id(r))
    if read.former is not None and len(read.names) == 1:
        _former_place(s, st.last_rank, read.former, read.region_from)
    if read.scope:  # 增速居全市第1、一般公共预算收入增速第2: more measures in the same field
        _measures_with_places(s, _RANKINGS.listed_place.match(s.text, read.end, ctx.span.end), read.scope, start)


def _exact_place_as_means(s: Sentence, start: int, read: _Read) -> _Read:
    """以第57名的成绩入围全国百强区: the exact place written as the holder's means right before the verb of entering a
    group or standing near its top is the place held (FACTS.md: an exact position beside a top N gives it only)."""
    if len(read.ranks) != 1 or not (read.top or read.ranks[0] is not None):
        return read
    means = _RANKINGS.rank_as_means.search(s.text, max(s.ctx.span.start, start - _MEANS_REACH), start)
    n = parse_number(means.group("n")) if means is not None else None
    if n is None or not 0 < n < MAX_RANK or (read.ranks[0] is not None and n > read.ranks[0]):
        return read
    return replace(read, ranks=[int(n)], top=False)


def _field_of_peers_written(s: Sentence, hit: re.Match[str], scope: str | None) -> str | None:
    """居一类县第三名, 居国家级开发区第三位 after an evaluation named before in a whole field (全省…考核结果公布,;
    在全省开发区综合考评中,): a class of peers written as the field is that class within the evaluation's field
    (全省一类县), as in 在全省…考核中位列一类县第二名; else ``scope``."""
    if not scope or not (_RANKINGS.class_field.fullmatch(scope) or _RANKINGS.level_class_field.fullmatch(scope)):
        return scope
    announced = _RANKINGS.results_announced.search(s.text, s.ctx.span.start, hit.start())
    field = evaluation_field_before(s.text, hit.start()) or (announced.group("field") if announced else None)
    return field + scope if field and _RANKINGS.class_whole_field.fullmatch(field) else scope


def _field_of_provincial_peers(name: str | None) -> str | None:
    """设区市综合考评前三名依次是…, 设区市综合考核位列第三名 with no field written: peers only a province counts are
    ranked in its field (全省); None for any other measure."""
    if name and any(kind in name for kind in _PROVINCIAL_PEER_KINDS):
        return str(_RANKING_WORDS.province_field)
    return None


def _class_clause_fields(s: Sentence, pos: int, end: int, scopes: list[str | None]) -> list[str | None]:
    """The fields of places after a class of places in a clause of its own (第三类县市区中,甲、乙、丙综合排名位居前三):
    the class, for each place whose own words write no field (one carried from the sentence before is not theirs)."""
    clause = last_match(_RANKINGS.class_clause, s.text[s.ctx.span.start:pos])
    if clause is None:
        return scopes
    written = s.text[s.ctx.span.start + clause.end():end]
    return [scope if scope and scope in written else clause.group("field") for scope in scopes]


def _class_clause_before(s: Sentence, pos: int) -> str | None:
    """第一类县市区里,甲、乙和丙位列综合排名前三; 第二类县市区排名中,综合排名前三位的是…: a clause of its own
    naming a class of places is the field of the places after it that write none."""
    clause = last_match(_RANKINGS.class_clause, s.text[s.ctx.span.start:pos])
    return clause.group("field") if clause is not None else None


def _region_of_group(name: str | None, scope: str | None) -> str | None:
    """进入2022中国西部百强县名单: a group of a size whose name opens with a region of the country, written after the
    country (中国), is ranked in that region (西部), as evaluation_field reads 赛迪西部百强县."""
    if not name or scope not in _RANKING_WORDS.country_words or _RANKING_WORDS.strong_mark not in name:
        return scope
    region = _RANKINGS.region_field_head.match(name)
    return region.group("region") if region is not None else scope


def _restated(s: Sentence, r: Ranking) -> Ranking | None:
    """The ranking of the same sentence that ``r`` says again (the same holder, measure, field, place and
    period: 在全市考核中排名第一,连续三年保持全市第一), if any."""
    for f in s.log.facts[s.state.first_fact:]:
        if isinstance(f, Ranking) and (f.subject, f.period, f.indicator, f.scope, f.rank, f.top, f.bottom,
                                       f.qualifier) == (r.subject, r.period, r.indicator, r.scope, r.rank, r.top,
                                                        r.bottom, r.qualifier):
            return f
    return None


def _list_references_resolved(s: Sentence, pos: int, names: list[str | None], scopes: list[str | None]) \
        -> tuple[list[str | None], list[str | None]]:
    """从榜单排名看,…甲区跻身前10名: a measure that only points at the list (榜单排名, 该榜单) is the evaluation
    named before, its field the evaluation's when none is given."""
    if not any(n in _RANKING_SETS.list_references for n in names):
        return names, scopes
    evaluation, field, _years = _of_the_evaluation(s, pos, None, None)
    if evaluation is None:
        return names, scopes
    out = [(evaluation, scope or field) if name in _RANKING_SETS.list_references else (name, scope)
           for name, scope in zip(names, scopes, strict=True)]
    return [n for n, _ in out], [f for _, f in out]


def _years_of_evaluation(s: Sentence, measure: str | None, pos: int) -> str | None:
    """The years of the evaluation named before ``pos`` when ``measure`` is that evaluation (or none is named) and its
    sentence gives no period of its own (天津开发区位居榜首, paragraphs after 发布2010年…综合评价通报 dated 9月21日: of
    2010)."""
    if s.ctx.has_period_before(pos):
        return None
    found = _evaluation_named(s.text, pos)
    if found is None:
        return None
    name, years = _name_and_period(s.text, found)
    if measure is not None and name != measure:
        return None
    return years or _years_named_earlier(s.text, found, name)


def _years_named_earlier(text: str, found: re.Match[str], name: str) -> str | None:
    """公布了2023年度甲市高质量发展综合考核结果。乙、丙在高质量发展综合考核中稳居优秀等次。丙由第五位上升至第三位: an
    evaluation named again without its years (and its place's word) is of the years it was first named with."""
    for earlier in reversed([m for m in _evaluations(text) if m.end() <= found.start()]):
        full, years = _name_and_period(text, earlier)
        if full.endswith(name):
            return years
    return None


def _own_fields(read: _Read) -> tuple[list[str | None], list[str | None]]:
    """在全国县域经济基本竞争力、中国中小城市综合实力百强排名中(分别跃居第7位、第6位): measures listed with no
    common field, each opening with its own (全国, 中国), each ranked in it; the noun closing the list
    (排名中) is no part of the last. The measures and fields unchanged otherwise."""
    names = read.names
    if len(names) < 2 or read.scope is not None:
        return names, [read.scope] * len(names)
    names = [_RANKINGS.list_noun_end.sub("", n) or n if n else n for n in names]
    heads = [_RANKINGS.region_head.match(n) for n in names if n]
    if len(heads) < len(names) or None in heads:
        return names, [None] * len(names)
    return [h.group("rest") for h in heads if h], [h.string[:h.start("rest")] for h in heads if h]


def _drop_top_n_before(s: Sentence, read: _Read, subject: str | None) -> None:
    """入选全国百强区,今年排名第38位: a top-N place given just before the subject's exact place in the
    same sentence is no fact of its own (FACTS.md); the exact place takes its field and measure."""
    last = s.state.last_rank
    if last is None or id(last) not in s.state.top_n_ranks or len(read.ranks) != 1 or read.ranks[0] is None \
            or last.rank is None or last.rank <= read.ranks[0] or last.subject != subject or read.subjects \
            or read.scope not in (None, last.scope):
        return  # (跻身全国百强,居全国经开区第12位: another list, both are facts)
    s.log.drop(last)
    s.state.top_n_ranks.discard(id(last))
    read.scope = read.scope or last.scope
    if read.names == [None]:
        read.names = [last.indicator]


def _former_place(s: Sentence, now: Ranking | None, former: re.Match[str], offset: int) -> None:
    """由上年的第7位上升至第5位: the place the ranking came from is a ranking fact of its own, with
    its own period when the text gives one (FACTS.md: a move 由第20位上升到第16位)."""
    rank = parse_number(former.group("n"))
    if now is None or rank is None or not 0 < rank < MAX_RANK:
        return
    period = None
    if former.group("year"):
        period = period_string(int(former.group("year")))
    elif former.group("when") in _PERIODS_SETS.whole_past_years and now.period and now.period[:4].isdigit():
        period = period_string(int(now.period[:4]) - 1)
    elif former.group("quarter"):  # 由二季度的第12位: that quarter of the year in force
        said = find_periods(former.group("quarter"))
        period = resolve_period(said[0], s.ctx.doc.published) if said else None
    r = replace(now, period=period, rank=int(rank), top=False, qualifier=None)
    s.ctx.doc.set_quote(r, offset + former.start(), offset + former.start("n") + len(former.group("n")) + 1)
    s.log.add(r)


_Group = tuple[str, list[str | None], int, int | None]  # field, measures, end, exact place


def _group_in_field(text: str, hit: re.Match[str], scope: str | None) -> _Group | None:
    """入选全省民营企业100强, 荣登全国发展潜力百强县榜首, 位列全国综合实力百强县第45位: a top-N group named
    inside its field — the field, the group as the measure (the measure alone when an exact place
    in the group follows), where the group ends, and that exact place (1 for its head)."""
    m = (_RANKINGS.region_head.match(scope) or _RANKINGS.named_region_head.match(scope)) if scope else None
    if not (hit.group("strong") or hit.group("topn")) or scope is None:
        return None
    group_start = hit.start("strong") if hit.group("strong") else hit.start("topn") - 1  # 百强, 前10
    tail = _RANKINGS.group_tail.match(text, hit.end())
    kind = (tail.group("kind") or "") if tail else ""
    within = parse_number(tail.group("exact")) if tail and tail.group("within") else None
    if m is None and scope in _NAMED_FIELDS and tail is not None and tail.group("exact") and within is None:
        # (位列甲省百强乡镇第二: the exact place in a group of the province named, the group the measure)
        return scope, [text[group_start:hit.end()] + kind], tail.end(), int(parse_number(tail.group("exact")) or 0)
    if m is None:  # 入选中国百强镇, 跻身全国百强县: the group of a kind alone is the measure (跻身全国百强区前50位:
        # a top N of the group, that N)
        regional = scope in _FIELD_REGIONS  # (入选西部百强县: a part of the country the field, its group the measure)
        bare = kind and (_RANKINGS.whole_field.fullmatch(scope) or regional) \
            and not (tail and tail.group("exact") and within is None)
        return (scope, [(scope if regional else "") + text[group_start:hit.end()] + kind],
                tail.end() if tail else hit.end(), int(within) if within is not None else None) \
            if bare and tail is not None and not tail.group("head") else None
    end = tail.end() if tail else hit.end()
    exact = parse_number(tail.group("exact")) if tail and tail.group("exact") else None
    if exact is None and hit.group("strong_n"):  # (中国县域经济百强第58位: the exact place read with the group)
        exact = parse_number(hit.group("strong_n"))
    if exact is not None and m.group("rest") in _RANKING_SETS.regions:  # (中国中部百强县第8位: the region is the field,
        # the group named with it the measure)
        return m.group("rest"), [m.group("rest") + text[group_start:hit.end()] + kind], end, int(exact)
    if exact is not None:  # 全国综合实力百强县第45位: the exact place, in the group's measure
        return m.string[:m.start("rest")], [m.group("rest")], end, int(exact)
    group = hit.group("strong") or hit.group(0).endswith(_RANKING_WORDS.strong_mark)  # (前30强: a group's name)
    rest = m.group("rest")
    if not group and (rest in _ENTITY_WORDS.zone_suffixes or rest in _RANKING_SETS.peer_kinds):
        return m.string, [None], end, None  # (进入全省开发区前十: the peers' kind closes the field, no measure)
    measure = m.group("rest") + text[group_start:hit.end()] + kind if group else _top_n_measure(m.group("rest"), hit)
    return m.string[:m.start("rest")], [measure], end, 1 if tail and tail.group("head") else None


def _top_n_measure(rest: str, hit: re.Match[str]) -> str:
    """进入全省县域经济前十, 进入全国国家级经开区综合排名前30位: a top N after the words naming a measure is a place
    in that measure, no group's name; an overall measure keeps the ranking noun the field swallowed (综合排名)."""
    if rest.endswith(tuple(_RANKING_WORDS.overall_heads)):
        noun = next((w for w in _RANKING_WORDS.rank_nouns if w in hit.group(0)), "")
        return rest + noun
    return rest


def _within_exact_place(s: Sentence, hit: re.Match[str], rank: int | None, scope: str | None) -> bool:
    """排名第87位,首次进入全国百强: a top-N place, with no measure of its own, of a subject whose exact
    place the sentence gives is that place's field, not a fact (FACTS.md); the exact place takes
    its field when it had none."""
    last = s.state.last_rank
    if not _top_n_only(hit) or rank is None or last is None or last.rank is None or last.rank >= rank \
            or last.subject != s.ctx.subject_at(hit.start(), ranked=True):
        return False
    if last.scope is None:
        last.scope = scope
    return True


def _ranking_name(r: Ranking) -> str:
    """The name of a ranking as a measure: 增速 in 全省 → 增速全省排名; 综合排名 in 全国 → 全国综合排名."""
    noun: str = _RANKING_WORDS.ranking_noun
    # a field named by a place (全省) says which ranking; a counted group (全国186家国开区) only its size
    scope = r.scope if r.scope and (not r.indicator or _RANKINGS.region_field.fullmatch(r.scope)) else ""
    if r.indicator and r.indicator.endswith(noun):
        return scope + r.indicator
    return (r.indicator or "") + scope + noun


def measures_after_one_lead(s: Sentence) -> None:
    """跻身全国县域综合发展第3位、投资潜力第4位…: one ranking verb and field, then measures each with its
    own place (the sentence's places are read here; the walk's matches inside them make none)."""
    span = s.ctx.span
    first = _RANKINGS.lead_field_then_place.search(s.text, span.start, span.end)
    if first is None or s.state.is_listed(first.start()) or strip_chars(first.group("measure")) in _PEER_KINDS:
        return  # (列全国大中城市第41位、地级市第17位: kinds of peers, no measures: read one by one)
    made = len(s.log.facts)
    _measures_with_places(s, first, first.group("scope"), first.start())
    if len(s.log.facts) > made:
        s.state.mark_listed(first.start(), s.ctx.doc.norm_pos(s.log.facts[-1].end))


def _measures_with_places(s: Sentence, item: re.Match[str] | None, scope: str, start: int) -> None:
    """Each measure of a list with its own place (投资潜力第3、新型城镇化质量第4), in one field."""
    ctx = s.ctx
    while item is not None:
        rank = parse_number(item.group("n"))
        if rank is None or not 0 < rank < MAX_RANK or rank != rank.to_integral_value():
            return
        measure: str | None = strip_chars(item.group("measure"))
        field: str | None = scope
        if _RANKINGS.region_field.fullmatch(measure or ""):  # 名列全国第四、西部第一: another field
            field, measure = measure, (s.state.last_rank.indicator if s.state.last_rank is not None else None)
        elif measure and measure in _PEER_KINDS and (whole := _RANKINGS.whole_field_head.match(scope or "")):
            # (列全国大中城市第41位、地级市第17位: a kind of peers, no measure: the field's peers, the measure the
            # place's before)
            field, measure = whole.group(0) + measure, (s.state.last_rank.indicator if s.state.last_rank else None)
        elif _names_a_place(s, measure):
            # (排名全省第八、甲市第一: another field, the place's name as written)
            field, measure = measure, (s.state.last_rank.indicator if s.state.last_rank is not None else None)
        r = Ranking(subject=ctx.subject_at(start, ranked=True), period=ctx.period_at(start, target=False),
                    indicator=measure, scope=field, rank=int(rank), top=False,
                    qualifier=None, rule="ranking.v1")
        ctx.doc.set_quote(r, item.start("measure"), item.end())
        s.log.add(r)
        s.state.last_rank = r
        item = _RANKINGS.listed_place.match(s.text, item.end(), ctx.span.end)


def _names_a_place(s: Sentence, words: str | None) -> bool:
    """Whether the words where a measure would be are a known place's name (甲市, or 甲 standing for it); never a kind
    of places (地级市, 县级市)."""
    return words is not None and words != "" and s.ctx.doc.finder.entity_named(words) is not None


def membership_list(s: Sentence) -> None:
    """“2025中国省级开发区高质量发展百强”榜单中,福州6家省级开发区入围,分别是甲、乙、丙: each place listed
    as having entered a top-N group is in its top N, the group its measure, the country its field
    when the group's name opens with it; the group may be named in the sentence before (…“电商百佳县”排行榜…。
    我省上榜的16个县(市)分别为:)."""
    text, span = s.text, s.ctx.span
    entered = _RANKINGS.entered_list.search(text, span.start, span.end)
    group = None
    if entered is not None:  # (the group named after the verb, 上榜中国百强镇榜单,分别为, else before it)
        after = entered.group("after")
        group = _RANKINGS.named_group.search(after) if after else None
        group = group or last_match(_RANKINGS.named_group, text[span.start:entered.start()]) \
            or last_match(_RANKINGS.named_group, text[max(0, span.start - _GROUP_BEFORE_MAX):span.start])
    if entered is None or group is None or s.state.is_listed(entered.end() - 1):
        return
    size = parse_number(group.group("n"))
    stop = _list_stop(s, entered.end())
    subjects = listed_places(s, _NAMES.aside.sub("", _RANKINGS.list_tail.sub("", text[entered.end():stop])),
                             ranked=True, towns=True)
    if size is None or not 0 < size < MAX_RANK or subjects is None or len(subjects) > size:
        return
    name = group.group("name")
    national = _RANKINGS.hundred_strong.search(name) is not None  # (电商百佳县: a list a hundred strong, nationwide)
    scope = evaluation_field(name) or (str(_RANKING_WORDS.country_field) if national else None)
    # 分别是晋江(第5位)、南安(第27位): each place listed with its exact place in brackets (FACTS.md: the exact only)
    exact = [parse_number(m.group("n")) for m in _RANKINGS.bracketed_place.finditer(text, entered.end(), stop)]
    exact_given = len(exact) == len(subjects) and all(n is not None and 0 < n <= size for n in exact)
    # (发布2016年“电商百佳县”排行榜…。我省上榜的…分别为: the group's year, written with its name)
    period = period_string(group.group("year")) if group.group("year") else None
    for subject, n in zip(subjects, exact if exact_given else [size] * len(subjects), strict=True):
        r = Ranking(subject=subject,
                    period=period or s.ctx.period_at(entered.start(), target=False, day_is_year=True),
                    indicator=name,
                    scope=scope, rank=int(n or size), top=False, qualifier=None, rule="ranking.v1")
        s.ctx.doc.set_quote(r, entered.start(), stop)
        s.log.add(r)
        if not exact_given:
            s.log.top_n.add(id(r))
    s.state.mark_listed(entered.start(), stop)


def places_entered_bare(s: Sentence) -> None:
    """《某创新百强区(2024)》发布。…甲区、乙区上榜; 与去年相比,甲区为新上榜城区; 乙市首次入围: places entering with no
    list written after the verb are each in the group of a size named last before them (its size the place, its name
    the measure, its field the scope as for a list entered); places counted (12个区上榜) hold none."""
    text, span = s.text, s.ctx.span
    for m in _RANKINGS.places_entered_bare.finditer(text, span.start, span.end):
        if s.state.is_listed(m.start("list")) or _RANKING_WORDS.ordinal_mark in _next_clause(text, m.end(), span.end):
            continue  # (甲市、乙市成功上榜,分别排名第58位、第83位: their exact places follow)
        group = _size_group_before(text, span.start, m.start("list"))
        subjects = listed_places(s, m.group("list"), ranked=True, towns=True)
        size = parse_number(group.group("n")) if group is not None else None
        if group is None or size is None or not 0 < size < MAX_RANK or not subjects or len(subjects) > size \
                or (len(subjects) < 2 and not m.group("new")):
            continue  # (one place entering, not for the first time: most often a place of its own given elsewhere)
        name = group.group("name")
        national = _RANKINGS.hundred_strong.search(name) is not None
        scope = evaluation_field(name) or (str(_RANKING_WORDS.country_field) if national else None)
        if scope is None:
            continue  # (与上年十强县相比,甲县新晋入围: a group of no field written is the report's own, read elsewhere)
        held = {f.subject for f in s.log.facts if isinstance(f, Ranking) and f.rank == size}
        for subject in (p for p in subjects if p not in held):  # (a place already read in the group: no second fact)
            r = Ranking(subject=subject, period=s.ctx.period_at(m.start("list"), target=False, day_is_year=True),
                        indicator=name,
                        scope=scope, rank=int(size), top=False, qualifier=None, rule="ranking.v1")
            s.ctx.doc.set_quote(r, m.start("list"), m.end())
            s.log.add(r)
            s.log.top_n.add(id(r))
        s.state.mark_listed(m.start("list"), m.end())


def _next_clause(text: str, start: int, end: int) -> str:
    """The clause right after ``start`` (its mark skipped), up to the next clause mark or ``end``."""
    stops = [k for k in (text.find(c, start + 1, end) for c in _CLAUSE_BREAKS) if k >= 0]
    return text[start:min(stops, default=end)]


def _size_group_before(text: str, start: int, pos: int) -> re.Match[str] | None:
    """The group of a size named last before ``pos``: in the sentence, else in the words before it (a group compared
    with, 与2022年度十强县相比, names no list of its own: its name opens with the year's word)."""
    for lo, hi in ((start, pos), (max(0, start - _GROUP_BEFORE_MAX), start)):
        found = [g for g in _RANKINGS.named_group.finditer(text, lo, hi)
                 if not g.group("name").startswith(_RANKING_WORDS.year_word_heads)]
        if found:
            return found[-1]
    return None


def bracketed_places_listed(s: Sentence) -> None:
    """…百强县中,甲省以5个列全国第三。甲省5个(位次)分别为:甲(12)、乙(27)、丙(43); “…百强榜”,甲省共有8县市上榜:
    甲市(10),乙县(22): places listed after a colon, each with its bare place in brackets, hold those places in the
    group of a size named last before them in the paragraph (its name the measure, its field the scope)."""
    text, span = s.text, s.ctx.span
    run = _RANKINGS.bracketed_run.search(text, span.start, span.end)
    if run is None or s.state.is_listed(run.start("list")) \
            or _RANKINGS.ordered_colon.search(text, span.start, run.start()):
        return  # (依次是: the ordered list rule reads it)
    items = list(_RANKINGS.bracketed_item.finditer(run.group("list")))
    ranks = [int(m.group("n")) for m in items]
    paragraph = text.rfind("\n", 0, span.start) + 1
    group = last_match(_RANKINGS.named_group, text[max(paragraph, span.start - _GROUP_BEFORE_MAX):run.start()])
    size = parse_number(group.group("n")) if group is not None else None
    if group is None or size is None or any(b <= a for a, b in pairwise(ranks)) or not 0 < ranks[-1] <= size:
        return  # (places rising in order, none past the group's size: else the brackets say something else)
    subjects = listed_places(s, "、".join(m.group("name") for m in items), ranked=True, towns=True)
    if subjects is None:
        return
    name = _RANKINGS.entered_in_name.sub("", group.group("name")) or group.group("name")
    national = _RANKINGS.hundred_strong.search(name) is not None  # (工业百强: a list a hundred strong, nationwide)
    scope = evaluation_field(name) or (str(_RANKING_WORDS.country_field) if national else None)
    for subject, n in zip(subjects, ranks, strict=True):
        r = Ranking(subject=subject, period=s.ctx.period_at(run.start(), target=False, day_is_year=True),
                    indicator=name,
                    scope=scope, rank=n, top=False, qualifier=None, rule="ranking.v1")
        s.ctx.doc.set_quote(r, run.start("list"), run.end())
        s.log.add(r)
    s.state.mark_listed(run.start(), run.end())


def entered_group_after(s: Sentence) -> None:
    """甲市、乙市、丙县拟入围2022年度县域经济发展“5强县”: the places listed before a verb of entering a group of a size
    named after it are each in that group (its size their place; or the exact place each has in brackets: 甲市(第45位)),
    the group's name the measure; the field the group's, else the report's home (我省) or the province whose body
    published the evaluation (a group written in its field, 入选全省民营企业100强, is read as any place is, unless every
    place listed has its place in brackets)."""
    text, span = s.text, s.ctx.span
    for m in _RANKINGS.entered_group.finditer(text, span.start, span.end):
        size = parse_number(m.group("n"))
        if size is None or not 1 < size < MAX_RANK or s.state.is_listed(m.start()):
            continue
        clause = max(span.start, *(text.rfind(c, span.start, m.start()) + 1 for c in _CLAUSE_BREAKS))
        # (甲市(第45位)、乙市(第56位)入选…百强: each place's exact place in the group, in brackets: that place only)
        words, ranks = _ranks_in_brackets(text[clause:m.start()])
        if m.group("field") and ranks is None:
            continue  # (入选全省民营企业100强: a group in its field, read as any place is)
        subjects = _listed_subjects(s, clean_list_item(words))
        if subjects is None or (ranks is not None and (len(ranks) != len(subjects) or max(ranks) > size)):
            continue
        name, scope, period = _group_entered(s, m)
        exact: list[int | None] = list(ranks) if ranks is not None else [None] * len(subjects)
        for subject, rank in zip(subjects, exact, strict=True):
            r = Ranking(subject=subject, period=period, indicator=name, scope=m.group("field") or scope,
                        rank=rank or int(size), top=False, qualifier=None, rule="ranking.v1")
            s.ctx.doc.set_quote(r, clause, m.end())
            s.log.add(r)
            if rank is None:
                s.log.top_n.add(id(r))
        s.state.mark_listed(clause, m.end())


def _group_entered(s: Sentence, m: re.Match[str]) -> tuple[str, str | None, str | None]:
    """The name, field and period of a group of a size entered (:func:`entered_group_after`): its name in full when
    the report named it so before; the field the group's, else the report's home (我省) or the province whose body
    published the evaluation; the year written after the verb, else the period of the sentence."""
    text = s.text
    name = strip_chars(m.group("name") + m.group("n") + _RANKING_WORDS.strong_mark + (m.group("kind") or ""))
    body = _RANKINGS.provincial_body.search(text, 0, m.start())
    full = _group_named_in_full(text, m.start(), name) if not m.group("name") else None
    scope = _field_of_full_group(full) if full is not None else None
    name = full or name
    scope = scope or evaluation_field(name) or home_field(text) \
        or (str(_RANKING_WORDS.province_field) if body is not None else None)
    # (入围2022年度…“5强县”: the year of the group entered, after the verb, as 入选2023年度全国百强县 is)
    period = period_string(m.group("year")) if m.group("year") else None
    return name, scope, period or s.ctx.period_at(m.start(), target=False, day_is_year=True)


def tier_place(s: Sentence) -> None:
    """在甲市…综合考核结果的通报中,乙县荣获一等第一名; 乙县获全市综合考核一等次第一名: an exact place inside the
    top tier of an evaluation is the place in that evaluation (its field the evaluation's, else the report's), the
    tier no measure; read as a whole, since the tier (a place of its own) and the bare 第一名 after it, each read
    alone, made a fact of the tier's name or none."""
    text, span = s.text, s.ctx.span
    for m in _RANKINGS.tier_place.finditer(text, span.start, span.end):
        n = parse_number(m.group("n"))
        if n is None or not 0 < n < MAX_RANK or s.state.is_listed(m.start()):
            continue
        named = strip_chars(m.group("evaluation")).removeprefix(_RANKING_WORDS.year_head)
        evaluation = named if named.endswith(_EVALUATION_ACTS) else evaluation_before(text, m.start())
        if not evaluation:
            continue  # (获得一等奖第一名 with no evaluation anywhere: a prize, no place among peers)
        evaluation = evaluation.removeprefix(_RANKING_WORDS.year_head)
        if _field_of_place_opening(s, evaluation) is not None:
            continue  # (甲市综合考核“第一等次”第一名: the city or its whole as the field is unsettled; left alone)
        field = evaluation_field(evaluation) or evaluation_field_before(text, m.start()) or home_field(text)
        if field and evaluation.startswith(field):
            evaluation = evaluation[len(field):]  # (全市综合考核: the field 全市, the measure 综合考核)
        period = evaluation_period(text, span.start) or s.ctx.period_at(m.start(), target=False, day_is_year=True)
        r = Ranking(subject=s.ctx.subject_at(m.start(), ranked=True), period=period,
                    indicator=evaluation, scope=field, rank=int(n), top=False, qualifier=None, rule="ranking.v1")
        s.ctx.doc.set_quote(r, m.start(), m.end())
        s.log.add(r)
        s.state.last_rank = s.para.last_rank = r
        s.state.mark_listed(m.start(), m.end())


def _group_named_in_full(text: str, pos: int, short: str) -> str | None:
    """《报告》揭晓了“2021中国西部百强区”名单。其中,…9个区入选百强区: a group entered by its short name (百强区) is the
    one the report named in full before (中国西部百强区); None when it named none."""
    at = text.rfind(short, 0, pos)
    while at > 0:
        opening = _RANKINGS.group_full_opening.search(text, max(0, at - _FULL_GROUP_WIDTH), at)
        if opening is not None:
            return opening.group("name") + short
        at = text.rfind(short, 0, at)
    return None


def _field_of_full_group(full: str) -> str | None:
    """The field of a group named in full (中国西部百强区 → 西部, 全国百强县 → 全国), as 进入…名单 reads it."""
    head = _RANKINGS.region_head.match(full)
    if head is None:
        return evaluation_field(full)
    return _region_of_group(head.group("rest"), full[:head.start("rest")])


def superlatives(s: Sentence) -> None:
    """成为全省最大化工园区, 全国第二大电池生产基地: the largest (or N-th largest) of a kind in a field is a
    place among peers, the kind's size its measure."""
    ctx = s.ctx
    if s.text.find(_LARGEST, ctx.span.start, ctx.span.end) < 0 \
            and s.text.find(_RANKING_WORDS.strongest_mark, ctx.span.start, ctx.span.end) < 0:
        return  # (最大, 第二大, 最强: a plain check first, most sentences hold neither)
    for m in _RANKINGS.superlative.finditer(s.text, ctx.span.start, ctx.span.end):
        rank = 1 if m.group("most") or m.group("strongest") else parse_number(m.group("n"))
        if rank is None or not 0 < rank < MAX_RANK:
            continue
        # (江苏GDP第四大城市: a measure written before the place is the measure; 最强地级市: the kind's strength)
        measure = m.group("measure") or m.group("kind") + (
            _RANKING_WORDS.strength_word if m.group("strongest") else _RANKING_WORDS.size_word)
        r = Ranking(subject=ctx.subject_at(m.start(), ranked=True),
                    period=ctx.period_at(m.start(), target=False, day_is_year=True),
                    indicator=measure, scope=m.group("scope") or m.group("named"), rank=int(rank),
                    top=False, qualifier="target" if ctx.target_at(m.start()) else None, rule="ranking.v1")
        ctx.doc.set_quote(r, m.start(), m.end())
        s.log.add(r)


def count_most(s: Sentence) -> None:
    """其中甲省入围县(市)最多,达22个; 东部地区的县级市排名数量最多: a province or region of the country with the most of
    a kind is first in that count (named as a count: 入围县(市)数量), its peers the country's provinces or regions."""
    text, span = s.text, s.ctx.span
    for m in _RANKINGS.count_most.finditer(text, span.start, span.end):
        kind = m.group("kind")
        measure = kind if kind.endswith(_RANKING_WORDS.count_word) else kind + _RANKING_WORDS.count_word
        holder = s.ctx.doc.finder.entity_named(m.group("holder")) or m.group("holder")
        if any(isinstance(f, Ranking) and f.subject == holder and f.rank == 1 for f in s.log.facts) \
                or any(w in text[max(0, span.start - _GROUP_BEFORE_MAX):m.start()] for w in _RANKING_WORDS.regions):
            continue  # (its first place already read; 西部百强县中,甲省入围最多: first among a region's)
        r = Ranking(subject=holder, period=s.ctx.period_at(m.start(), target=False), indicator=measure,
                    scope=str(_RANKING_WORDS.country_field), rank=1, top=False, qualifier=None, rule="ranking.v1")
        s.ctx.doc.set_quote(r, m.start("holder"), m.end())
        s.log.add(r)


def superlative_of_kind(s: Sentence) -> None:
    """甲省成为20个省区市中旅游收入增长最快的省份; 乙市是全省进出口总额增长最快的市州: a place that is the one of its
    peers' kind with the most (first) or the least (a last place) of a measure, in the field written before the
    measure or else the one its kind is ranked in (省份 → 全国); a kind ranked in no known field makes no fact. (A
    superlative right after its field, 为全省最多的市州, is a place the ranking shape reads.)"""
    text, ctx = s.text, s.ctx
    for m in _RANKINGS.superlative_of_kind.finditer(text, ctx.span.start, ctx.span.end):
        scope = m.group("field") or field_of_kind(m.group("kind"))
        if scope is None:
            continue
        bottom = m.group("least") is not None
        holder = ctx.subject_at(m.start(), ranked=True) or _place_opening(s, text[ctx.span.start:m.start()])
        r = Ranking(subject=holder, period=ctx.period_at(m.start(), target=False),
                    indicator=m.group("measure"), scope=scope, rank=None if bottom else 1, top=False,
                    qualifier="target" if ctx.target_at(m.start()) else None, rule="ranking.v1", bottom=bottom)
        ctx.doc.set_quote(r, m.start("measure"), m.end())
        s.log.add(r)


def _place_opening(s: Sentence, words: str) -> str | None:
    """The place opening a sentence whose clauses name none as their subject (云南旅游总收入…,成为…): a place the
    gazetteer knows, or a province written bare."""
    opening = _compared_place(s, words, short=True)
    if opening is not None:
        return opening[0]
    province = next((p for p in _PROVINCES_LONGEST_FIRST if words.startswith(p)), None)
    return (s.ctx.doc.finder.entity_named(province) or province) if province else None


def dated_by_titles(text: str, facts: list[Fact], norm_pos: Callable[[int], int]) -> list[Fact]:
    """Places no period dates, read after the title of a list or an evaluation's report written with its year
    (《2020全国县域…评价报告》…数字经济渗透率全国第一): of that year, the year the list ranks. ``text`` is the
    normalised text, ``norm_pos`` maps a fact's place in the original text into it."""
    if not any(mark in text for mark in _TITLE_MARKS):
        return facts  # (most reports name no title or list: a plain check first)
    titles = [(m.end(), int(next(y for y in m.group("year", "year2", "year3", "year4") if y)), name)
              for m in _RANKINGS.dated_title.finditer(text)
              if any(w in (name := next(n for n in m.group("name", "name2", "name3", "name4") if n))
                     for w in _DATED_TITLE_WORDS)
              and not any(w in name for w in _UNDATED_TITLE_WORDS)]
    if not titles:
        return facts
    # (2022年…前30强名单 of an evaluation judging 2021: its places are of 2021)
    titles = [(end, judged_year(text, year), name) for end, year, name in titles]
    out = list(facts)
    for i, f in enumerate(facts):
        if isinstance(f, Ranking) and f.qualifier is None:
            year = _title_year(text, titles, f, norm_pos(f.start))
            if year is not None:
                out[i] = replace(f, period=period_string(year))
    return out


def _title_year(text: str, titles: list[tuple[int, int, str]], f: Ranking, pos: int) -> int | None:
    """The year a dated title gives a place at ``pos``: that of the title in its own sentence (发布《…评价报告2022》,
    在后者中排名前十的城市依次为…: over the day it was announced), else, when no period dates it, that of the title
    naming its list (《2016年…工业百强县(市)发展报告》), else of the last one named."""
    before = [(end, y, name) for end, y, name in titles if end <= pos]
    if not before:
        return None
    end, year, _name = before[-1]
    if not any(c in text[end:pos] for c in _SENTENCE_ENDS) and (f.period is None or f.period.endswith("-12")):
        return year  # (the list just named, in the same sentence: its places are of its year)
    if f.period is not None:
        return year if _part_of_list_year(text, f.period, year, pos) else None
    return next((y for _e, y, name in reversed(before) if f.indicator and f.indicator in name), year)


def _part_of_list_year(text: str, period: str, year: int, pos: int) -> bool:
    """Whether a place at ``pos`` dated by a part of the year of the list named last (今年7月至9月,…开展了评价工作。
    按照总得分,…前十的省份依次是…; 根据年底…发布的…名单,排名前十的…) is of the list's whole year: the months of its
    survey or its release, carried from before or said as the time it came out, never a period its sentence says of the
    places."""
    if not period.startswith(str(year)) or period == period_string(year):
        return False
    said = max(text.rfind(c, 0, pos) for c in _SENTENCE_ENDS) + 1
    released = _CONTEXT_SHAPES.released_after
    return all(released.match(text, m.end_pos) is not None for m in find_periods(text[said:pos], said))


def compared_places(s: Sentence) -> None:
    """从各县区看,甲经开区增速最快,乙经开区次之,丙经开区最慢; 全省开发区中,实际使用外资最多的是甲经开区: places
    compared in a frame over their kind hold the first, second and last places of the measure compared."""
    text, span = s.text, s.ctx.span
    frame = _RANKINGS.peers_frame.search(text, span.start, span.end)
    if frame is None:
        return  # (most superlatives compare no places: 增速最快的行业)
    whole = _RANKINGS.whole_field.match(text, frame.start(), frame.end())  # (全市各县区中: 全市)
    scope = whole.group(0) if whole is not None else home_field(text)  # (从各县区看: the report's own field)
    measure: str | None = None
    pos = frame.end()
    for clause_end in [*(k for k in range(pos, span.end) if text[k] in _CLAUSE_BREAKS), span.end]:
        clause = text[pos:clause_end].strip(_LIST_LEAD_BLANKS + _CLAUSE_BREAKS)
        start, pos = pos, clause_end + 1
        held = _compared_holder(s, clause, measure)
        if held is None:
            continue
        holder, measure, rank, bottom = held
        r = Ranking(subject=holder, period=s.ctx.period_at(start, target=False), indicator=measure or None,
                    scope=scope or None, rank=rank, top=False, qualifier=None, rule="ranking.v1", bottom=bottom)
        s.ctx.doc.set_quote(r, start, clause_end)
        s.log.add(r)


def _compared_holder(s: Sentence, clause: str, measure: str | None) -> tuple[str, str | None, int | None, bool] | None:
    """Who a clause of a comparison places, in which measure (that of the clause before when it writes none), at
    which place (1, 2, or the bottom); None when the clause places no place."""
    after = _RANKINGS.superlative_holder_after.match(clause)
    if after is not None:  # (实际使用外资最多的是|甲经开区)
        place = _compared_place(s, clause[after.end():])
        whole = place is not None and place[1] == len(clause) - after.end()
        return (place[0], after.group("measure"), 1, False) if place is not None and whole else None
    m = _RANKINGS.superlative_clause.fullmatch(clause)
    opening = _compared_place(s, m.group("words")) if m is not None else None
    if m is None or opening is None:
        return None
    holder, end = opening
    own = strip_chars(m.group("words")[end:]) or measure
    if m.group("next"):
        return (holder, measure, 2, False) if not m.group("words")[end:] else None
    return holder, own, 1 if m.group("most") else None, bool(m.group("least"))


def _compared_place(s: Sentence, words: str, *, short: bool = False) -> tuple[str, int] | None:
    """The place (or zone) opening ``words`` and where its name ends, if one does; with ``short``, also a place
    written by its short name (甲 for 甲市) when it stands for one place only."""
    finder = s.ctx.doc.finder
    zone = next(((name, end) for start, end, name in finder.zone_mentions(words)[:1] if start == 0), None)
    return zone or (finder.place_or_short_opening(words) if short else finder.place_opening(words))


def move_role(s: Sentence, fig: Fig, region_start: int) -> None:
    """A move in the ranking just given (居全省第4位,较上月前移一位): a change of that ranking, named
    after it (增速全省排名), in places (FACTS.md: a move whose size is written)."""
    if _RANKINGS.move_bound_after.match(s.text, fig.end):
        return  # 排位前进5位以上的县域: a class of places, no move
    last = s.state.last_rank
    if last is None:
        if not _moves_of_holders(s, fig, region_start):
            _move_before_place(s, fig, region_start)
        return
    _record_move(s, last.subject, _ranking_name(last), last.period,
                 change_of(basis_of(s.text[region_start:fig.start]), fig.amount, fig.sign), region_start, fig.end)
    former = _RANKINGS.compared_place.search(s.text, region_start, fig.start)
    if former is not None:  # (比上年的第八位|进位6位: the place it moved from, a ranking of its own period)
        _former_place(s, last, former, 0)


def places_moved_in_turn(s: Sentence, group: list[Fig], region_start: int) -> bool:
    """甲区、乙区、丙县地区生产总值在全省137个县(市、区)的排名分别比去年同期上升2、5、3个位次: places listed with their
    measure, then each place's move in that ranking, in turn (a move named after the ranking, FACTS.md); False when the
    words or the count do not say so."""
    m = _RANKINGS.places_moved_in_turn.search(s.text, max(s.ctx.span.start, region_start), group[0].start)
    if m is None:
        return False
    glued = _measure_glued_to_last(s, m.group("places"))  # (the places, and the measure right after the last)
    if glued is None or len(glued[0]) != len(group):
        return False
    measure = glued[1] + _RANKING_WORDS.ranking_noun
    sign = -1 if m.group("verb") in _RANKING_SETS.moves_down else 1
    period = s.ctx.period_at(m.start(), target=False)
    for place, f in zip(glued[0], group, strict=True):
        _record_move(s, place, measure, period, change_of(basis_of(m.group("base")), f.amount, sign), m.start(), f.end)
    return True


def _record_move(s: Sentence, subject: str | None, name: str, period: str | None, change: Change, start: int,
                 end: int) -> None:
    """Record a move of a place in a ranking (FACTS.md: a change of the ranking named ``name``, in places), quoted
    from ``start`` to ``end``."""
    ind = Indicator(subject=subject, name=name, period=period, value=None, unit=None, change=change, qualifier=None,
                    parent=None, rule=_MOVE_RULE)
    s.ctx.doc.set_quote(ind, start, end)
    s.log.add(ind)


def flat_move(s: Sentence, fig: Fig, region_start: int) -> bool:
    """甲县排名第八位,位次与去年持平: a place held as it was, right after the place was given — a move of nought in that
    ranking (named after it, as a move is); True when it was recorded so."""
    last = s.state.last_rank
    change = fig.change
    if last is None or change is None or change.pct != 0 \
            or not _RANKINGS.place_held_words.fullmatch(strip_chars(s.text[region_start:fig.start])):
        return False
    _record_move(s, last.subject, _ranking_name(last), last.period, Change(basis=change.basis, abs=Decimal(0)),
                 region_start, fig.end)
    return True


def paired_moves(s: Sentence) -> None:
    """地区生产总值、利税增速在全市排位,分别由去年的第20位、第7位上升为今年的第11位、第5位: each measure's place
    now and the place it moved from (FACTS.md: two ranking facts per measure, the earlier of its own
    period, and no move)."""
    for m in _RANKINGS.paired_moves.finditer(s.text, s.ctx.span.start, s.ctx.span.end):
        _places_moved(s, m)


def _places_moved(s: Sentence, m: re.Match[str]) -> None:
    ctx, text = s.ctx, s.text
    olds = [int(n) for n in _RANKINGS.number.findall(m.group("from"))]
    news = [int(n) for n in _RANKINGS.number.findall(m.group("to"))]
    clause = text[max(ctx.span.start, m.start() - _MOVES_LEAD_WIDTH):m.start()]  # (bounded: a long sentence)
    lead = _RANKINGS.moves_lead.search(clause)
    names = split_names(lead.group("measures"), len(news)) if lead is not None and len(olds) == len(news) else None
    if lead is None or names is None:
        return
    period = ctx.period_at(m.start(), target=False, day_is_year=True)
    when = m.group("when")
    former = period_string(int(when[:4])) if when and when[:1].isdigit() else \
        period_string(int(period[:4]) - 1) if when and period and period[:4].isdigit() else None
    for name, old, new in zip(names, olds, news, strict=True):
        for rank, of in ((old, former), (new, period)):
            r = Ranking(subject=ctx.subject_at(m.start(), ranked=True), period=of,
                        indicator=_measure_region(name) or name,
                        scope=lead.group("field"), rank=rank, top=False, qualifier=None, rule="ranking.v1")
            ctx.doc.set_quote(r, m.start() - len(clause) + lead.start("measures"), m.end())
            s.log.add(r)
    s.state.mark_listed(m.start(), m.end())


def _moves_of_holders(s: Sentence, fig: Fig, region_start: int) -> bool:
    """甲经开区和乙经开区在本轮考核中分别比去年提升9位和21位, 丙市进位7位: places moved in the ranking
    of the evaluation named before, no place given (FACTS.md: a rank move), each its own move in order."""
    text = s.text
    m = _RANKINGS.move_of_holders.match(text[region_start:fig.start])
    holders = _holders_listed(s, m.group("holders")) if m is not None else None
    evaluation = evaluation_before(text, fig.start) if holders is not None else None
    if holders is None or evaluation is None:
        return False
    sizes, end = [fig.amount.value], fig.end
    while len(sizes) < len(holders) and (more := _RANKINGS.more_moves.match(text, end, s.ctx.span.end)):
        size = parse_number(more.group("n"))
        if size is None:
            return False
        sizes.append(size)
        end = more.end()
    if len(sizes) != len(holders) and len(sizes) != 1:
        return False
    name = _RANKINGS.list_noun_tail.sub("", _RANKINGS.result_tail.sub("", evaluation)) + _RANKING_WORDS.ranking_noun
    period = evaluation_period(text, fig.start) or s.ctx.period_at(fig.start, target=False)
    for holder, size in zip(holders, sizes * len(holders) if len(sizes) == 1 else sizes, strict=True):
        _record_move(s, holder, name, period, change_of(_YOY, replace(fig.amount, value=size), fig.sign),
                     region_start, end)
    return True


def _move_before_place(s: Sentence, fig: Fig, region_start: int) -> None:
    """综合排名较上年前移5位,位列全国第45位: a move named by its ranking before any place is given — a change
    of that ranking, whose measure the place after it takes; no fact when the words name no ranking
    (whose place moved is not said)."""
    words = s.text[after_subject(s, region_start, fig.start):fig.start]
    aside = _RANKINGS.subject_aside.match(words)  # (甲高新区(以下简称“甲”)|综合评价前进6名)
    words = words[aside.end():] if aside is not None else words
    ranking = _RANKINGS.move_of_ranking.match(words)
    if ranking is None:
        return
    name = ranking.group("ranking")
    if not name.endswith(_MOVED_RANKING_ENDS):  # (综合评价|前进6名: the evaluation's ranking moved)
        name += _RANKING_WORDS.ranking_noun
    s.state.moved = name
    wrapped = _RANKINGS.wrapped_ranking.fullmatch(name)
    if wrapped is None and name in _RANKING_SETS.bare_nouns:  # (在全省开发区综合考评中,该区位次前移3位: the
        # ranking the clause before wraps)
        closed = last_match(_RANKINGS.wrapper_closed, s.text[s.ctx.span.start:fig.start - len(words)])
        wrapped = _RANKINGS.wrapped_ranking.fullmatch(closed.group(0) + name) if closed is not None else None
    if wrapped is not None:  # (在全国高新区评价中排名上升5位: named as any ranking, 高新区评价全国排名; the place
        # after it is in that measure and field)
        name = wrapped.group("measure") + wrapped.group("field") + wrapped.group("noun")
        s.state.moved, s.state.moved_field = wrapped.group("measure"), wrapped.group("field")
    _record_move(s, s.ctx.subject_at(fig.start), name, s.ctx.period_at(fig.start, target=False),
                 change_of(basis_of(words), fig.amount, fig.sign), fig.start - len(words) + ranking.start("ranking"),
                 fig.end)


def _measure_region(region: str) -> str:
    """The words before a ranking trimmed to its measure: no opener (该区, 今年以来), adverb (持续),
    duration (连续3年), score (以总分87.3分), former place (由第73位上升至), whom it passed (超越甲) or 在…中
    wrapper."""
    region = _RANKINGS.heading_mark_start.sub("", region)  # ((三)经济总量稳居全市第二位: a heading line)
    region = _RANKINGS.label_end.sub("", region)  # (GDP增速:|全市第一, 增速(|全市第2位): the mark is no measure
    opener = _NAMES.prefix.match(region)
    if opener:  # (all of it an opener, 今年排名第38位: no measure written)
        region = region[opener.end():]
    region = _RANKINGS.adverb_end.sub("", _RANKINGS.duration.sub("", region))
    region = _RANKINGS.measure_lead.sub("", region) or region  # (继续以|综合经济实力, 在一季度的|增速)
    region = _RANKINGS.each_kind_head.sub("", region)  # (各县|实际利用外资居前3位: the places compared, no measure)
    region = _RANKINGS.won_with_measure.sub(r"\g<measure>", region)  # (以GDP378.6亿元的成绩: GDP)
    region = _RANKINGS.won_with_figure.sub("", region)  # (财政收入以125.84亿元: 财政收入)
    region = _RANKINGS.won_by_margin.sub("", region)  # (以绝对优势: how, not what)
    region = _RANKINGS.score.sub("", _RANKINGS.lead_start.sub("", region))
    region = _RANKINGS.preposition_end.sub("", _RANKINGS.from_place.sub("", region))
    region = _RANKINGS.copula_end.sub("", region)  # (增速为|全省最高: the copula names nothing)
    region = _RANKINGS.overtaking_end.sub("", region)  # (2015年超越浙江义乌|位居第八: whom it passed, no measure)
    region = _period_end_cut(region)  # (一般公共预算收入增速|今年以来|始终保持全市首位: when, no measure)
    # (在|最新公布的|中国国家级经开区综合发展水平考核中: the words on when it was announced name nothing)
    region = _RANKINGS.evaluation_closed_end.sub(r"\g<evaluation>", region)  # (…考核中综合|排名第6位: the evaluation)
    return _RANKINGS.announced_lead.sub("", _RANKINGS.wrapper.sub(r"\1", region))


def _period_end_cut(region: str) -> str:
    """The words before a place without the period closing them after a measure (增速今年以来, 增速1-9月): the
    period says when the place was held, it names no measure."""
    if not region or region[-1] not in _PERIOD_LAST_CHARS:
        return region  # (most measures end in no period word: a plain check first)
    periods = find_periods(region)
    last = next((m for m in periods if m.end_pos == len(region)), None)
    if last is not None and _periods_only(region, periods):
        return ""  # (在2023年|成功跃升至首位, 自2021年、2022年|连续两年位居…: when, and no measure)
    if last is None or last.pos < _MEASURE_MIN:
        return region
    return _RANKINGS.span_opener_end.sub("", region[:last.pos])  # (增速自|2019年以来: the 自 opens the span)


def _periods_only(region: str, periods: list[PeriodMention]) -> bool:
    """Whether ``region`` is periods alone, opened by 自 / 在 / 于 and listed with 、 or 和 (自2021年、2022年)."""
    rest = list(region)
    for m in periods:
        rest[m.pos:m.end_pos] = [""] * (m.end_pos - m.pos)
    return not "".join(rest).strip(_PERIODS_LISTED)


def _ranked_names(s: Sentence, stripped: str, lead: str, region_start: int) -> list[str | None]:
    """The measures ranked: none (进入百强), the figure just named, a back reference, or a list."""
    st = s.state
    stripped = _RANKINGS.time_lead.sub("", stripped)  # (目前|在全市排位第四: when, no part of the measure)
    if lead in _RANKING_SETS.entry_leads and not _RANKINGS.entered_head_end.search(stripped):
        if not stripped and st.moved and st.last_rank is None:
            return [st.moved]  # (综合评价前进6名,进入全国前10: the top N of the ranking that moved)
        return [None]  # (进入百强: the group entered is the measure; 增速进入全省前两名: the growth's place)
    if stripped in _RANKING_SETS.overall_heads and lead in _RANKING_SETS.rank_nouns:
        return [stripped + lead]  # (…增长30%,综合排名全省第一: the overall ranking, as 综合排名位居…; not the figure's)
    if not stripped or stripped in _RANKING_SETS.bare_nouns or stripped in _RANKING_SETS.won_results:
        latest = st.ranked_figure()  # (4座城市出口超过千亿,位居全省首位的是甲市: not the count of those)
        if st.current_share is not None and (latest is None or st.current_share.end > latest.end):
            latest = st.current_share  # (…比重33.6%,列全市第3位: the share just given)
        ranked = st.last_rank
        if ranked is not None and s.text.startswith(_NAME_WORDS.list_mark, region_start) \
                and (latest is None or latest.end < ranked.end):
            # 增速列全省第三、全市第一: the place before's measure (not after a figure given since: …第2位;乙同比增长
            # 12.2%、列全市第12位)
            return [ranked.indicator]
        if latest is not None and ranked is not None and ranked.indicator and ranked.end > latest.end:
            return [ranked.indicator]  # (占5个席位,前三名分别是甲、乙、丙,另外丁排名第六: the places just given)
        if latest is not None and latest.value is not None and latest.change is not None \
                and latest.change.pct is not None and _RANKINGS.all_mark.search(s.text[region_start:s.ctx.span.end]):
            return [latest.name, latest.name + _RANKING_WORDS.growth_head]  # (14.3万元,增长8.5%,均居全市首位: both)
        if latest is not None and latest.name in _RANKING_SETS.score_words \
                and (scored := evaluation_before(s.text, region_start)) is not None:
            return [scored]  # (…考核结果。我县综合得分89.6分,位列全省第八: the place in the evaluation scored)
        if latest is not None:
            seat: str = _RANKING_WORDS.seat_name  # (东北地区有5个城市上榜,甲市位列第35名: a place on the list itself)
            return [_growth_compared(s, latest, region_start) or _growth_after_level_placed(st, latest)
                    or (latest.name[:-len(seat)] if latest.name.endswith(seat) else latest.name)]
        # 在全国…考评中排名第54位,在西部50家国开区中排名第7位: the measure ranked just before (综合排名较上年
        # 前移5位,位列全国第45位: the ranking that moved)
        return [st.last_rank.indicator if st.last_rank is not None else st.moved]
    bare = _RANKINGS.rank_noun_end.sub("", stripped)
    if bare != stripped and (_NAMES.back_ref.match(bare) or bare in _NAME_SETS.generic_heads):
        stripped = bare  # (增速排名居全市第二: the ranking of the growth just given)
    heads = _heads_of_figures(s, stripped, s.text[region_start:s.ctx.span.end]) or _counted_measures(s, stripped)
    if heads is not None:
        return heads
    if _NAMES.back_ref.match(stripped) or stripped in _NAME_SETS.generic_heads \
            or stripped in _RANKING_SETS.pointer_refs:
        return [_back_reference(s, st, stripped, region_start)]
    return list(split_rank_names(stripped) or [stripped])


def _figure_before(s: Sentence, hit: re.Match[str], names: list[str | None]) -> list[str | None]:
    """…增长9%,增幅逐月回落。位次由第一位下滑到第六位: exact places with no measure found, in a sentence of no figure,
    are of the figure the sentence before gave (never a group to enter, 以进入“全国30强”为目标); ``names`` unchanged
    otherwise."""
    st, before = s.state, s.para.last_top
    exact = bool(hit.group("n") or hit.group("first") or hit.group("most")) and not s.ctx.target_at(hit.start())
    if names != [None] or before is None or st.ranked_figure() is not None or st.current_share is not None or not exact:
        return names
    return [_figure_ranked(before)]


def _topic_of_clause_before(s: Sentence, names: list[str | None], scope: str | None, region_start: int) \
        -> tuple[list[str | None], str | None]:
    """该区综合考核成绩优异,继续位居全市第一; 招商引资工作成效显著,连续三年位居全市第一: a place with no measure and no
    figure in its sentence is of the topic the clause before it judges (or names before a verb); after a clause
    announcing an evaluation's results (全市一季度经济运行考核结果出炉,我区位列第一) it is in that evaluation and its
    field; (names, scope) unchanged otherwise."""
    st = s.state
    if names != [None] or st.ranked_figure() is not None or st.current_share is not None \
            or region_start <= s.ctx.span.start:
        return names, scope
    clause_start = max(s.text.rfind(c, s.ctx.span.start, region_start - 1) for c in _CLAUSE_BREAKS) + 1
    clause = s.text[max(clause_start, s.ctx.span.start):region_start - 1]
    announced = _RANKINGS.results_announced.fullmatch(clause)
    if announced is not None:
        return [announced.group("evaluation")], scope or announced.group("field")
    wrapped = _RANKINGS.evaluation_wrapper.fullmatch(clause)
    if wrapped is not None:  # (在区域创新能力排名中,|甲省位居第一: the evaluation the clause before wraps, no field)
        return [wrapped.group("measure")], scope
    judged = _RANKINGS.judged_topic.fullmatch(clause)
    topic = judged.group("topic") if judged is not None else \
        topic_before(s.text, region_start, s.ctx.span.start, s.ctx.para.span.start)
    topic = trim_openers(topic)[0] if topic else topic  # (去年|甲县的经济总量…)
    if topic and (held := s.ctx.doc.finder.place_or_short_opening(topic)) is not None:
        topic = _RANKINGS.possessive_start.sub("", topic[held[1]:])  # (甲县的|经济总量…: whose it is, no measure)
    measure = _measure_region(strip_chars(topic)) if topic else ""
    return ([measure] if measure and not _RANKINGS.place_word.search(measure) else names), scope


def _growth_compared(s: Sentence, latest: Indicator, region_start: int) -> str | None:
    """…增长6.3%,增速高于全国1.7个百分点,居全国第6位: a place right after a clause comparing the growth with a
    baseline's (in points) is the growth's place, named by the growth word written (增速, 增幅); None otherwise. The
    comparison is a figure of the measure itself, so without this the place fell to the measure's level."""
    if latest.value is not None or latest.change is None or latest.change.pp is None \
            or latest.name.endswith(_GROWTH_HEADS):
        return None  # (a share's points, or a growth already named: the figure's own name)
    compared = _RANKINGS.growth_compared_end.search(s.text, s.ctx.span.start, region_start)
    return latest.name + compared.group("growth") if compared is not None else None


def _growth_after_level_placed(st: SentenceState, latest: Indicator) -> str | None:
    """…1666.29亿元,居全省第6位;同比增长4.5%,高于全省1.4个百分点,居全省第5位: a place after the growth of a measure
    whose level was just placed in the sentence is the growth's (named 增速); None otherwise."""
    placed = st.last_rank
    if placed is None or placed.indicator != latest.name or latest.change is None or latest.end <= placed.end \
            or latest.name.endswith(_GROWTH_HEADS):
        return None
    growth: str = _RANKING_WORDS.growth_head
    return latest.name + growth


def _figure_ranked(f: Indicator) -> str:
    """The measure a figure is ranked by: its growth when it gives only a growth (增长9% → 增速), else itself."""
    return f.name + _RANKING_WORDS.growth_head if f.value is None and f.change is not None else f.name


def _counted_measures(s: Sentence, stripped: str) -> list[str | None] | None:
    """…产值同比下降4.9%…。规上工业增加值同比下降0.3%,两项指标均位列全市第6: the last N measures given
    (their growth when a growth was given), each holding the place; None when the words are no such count."""
    counted = _RANKINGS.counted_measures.fullmatch(stripped)
    n = parse_number(counted.group("n")) if counted is not None else None
    if n is None:
        return None
    given = [f for f in s.log.facts if isinstance(f, Indicator) and f.parent is None]
    names: list[str] = []
    for f in reversed(given):
        if f.name not in names:
            names.insert(0, f.name)
        if len(names) == n:
            if counted is not None and counted.group("head"):  # (这两项主要经济指标增幅均位列…: each one's growth)
                return [x + counted.group("head") for x in names]
            grown = {f.name for f in given if f.change is not None and f.change.pct is not None}
            return [x + _RANKING_WORDS.growth_head if x in grown else x for x in names]
    return None


def _heads_of_figures(s: Sentence, stripped: str, region: str) -> list[str | None] | None:
    """总量和占比稳居全市首位; (甲增长4%,乙增长3%,)增速均排名全市前二: heads that name figures the
    sentence gave — 总量 its last level, 占比 its last share, 增速 the growth of its last figure with
    one (the figure just named), or of each of them when 均 says they all hold the place. None when the
    words are no such heads."""
    if stripped == _RANKING_WORDS.count_word:
        return _counts_given(s, region)  # (甲2家、乙6家,数量均为全市第1: each count just given)
    if not stripped.endswith(_HEAD_WORDS):
        return None  # (most measures name no head of a figure)
    written = _RANKINGS.list_split.split(stripped)
    # (总量及累计增速: a head may say the span it is of, 累计, 当月; the name keeps it)
    heads = [_RANKINGS.head_span.sub("", h) for h in written]
    if not all(h in _RANKING_SETS.level_heads or h in _RANKING_SETS.share_heads or h in _RANKING_SETS.rate_heads
               for h in heads):
        return None
    figures = [f for f in s.log.facts[s.state.first_fact:] if isinstance(f, Indicator)]
    changed = [f for f in figures if f.change is not None]
    if len(heads) == 1:
        # (…分别增长8.2%、10.5%,增速分别居全市第二、第一: each growth its own place)
        each = _RANKINGS.all_mark.search(region) is not None or _RANKINGS.respective_mark.search(region) is not None
        if heads[0] in _RANKING_SETS.rate_heads and each and len(changed) > 1:
            return [f.name + heads[0] for f in changed]
        return None  # one head: a back reference (增速排位全市第8)
    names: list[str | None] = []
    for head, as_written in zip(heads, written, strict=True):
        if head in _RANKING_SETS.share_heads:
            held = next((f.name for f in reversed(figures) if f.value is not None and f.unit == _PERCENT), None)
        elif head in _RANKING_SETS.rate_heads:  # (…23.27亿元,总量及增幅均居…: the growth of the level, not written)
            grown = changed[-1] if changed else next((f for f in reversed(figures) if f.value is not None), None)
            held = grown.name + as_written if grown is not None else None
        else:
            held = next((f.name for f in reversed(figures) if f.value is not None and f.unit != _PERCENT), None)
        if held is None:
            return None
        names.append(held)
    return names


def _counts_given(s: Sentence, region: str) -> list[str | None] | None:
    """获评国家级孵化器2家、省级企业技术中心6家,数量均为全市第1: 数量 with 均 names each count the sentence just gave
    (the measures counted in 家, 个, 项…); None unless two or more were given and 均 says they all hold the place."""
    if _RANKINGS.all_mark.search(region) is None:
        return None
    counts = [f.name for f in s.log.facts[s.state.first_fact:]
              if isinstance(f, Indicator) and f.unit == _COUNT_UNIT and f.value is not None and f.name]
    return list(counts) if len(counts) > 1 else None


def _back_reference(s: Sentence, st: SentenceState, stripped: str, region_start: int) -> str:
    """增速排位全市第8, 总量居全市第1: a measure of the figure just given, or of the topic; a sentence opening
    with the head (…增长15%。增速位居全市第二; …15.6亿元。这一指标居全市第三位) points at the paragraph's figure
    before it."""
    pointer = stripped in _NAME_SETS.pronoun_refs or stripped in _RANKING_SETS.pointer_refs
    if st.current is not None and st.current.name != _NAME_WORDS.won_with:  # (甲县以|5.1%的增速位居…: no measure)
        return st.current.name + ("" if pointer or st.current.name.endswith(stripped) else stripped)
    if st.last_rank is not None and st.last_rank.indicator:
        return _RANKINGS.head_end.sub("", st.last_rank.indicator) + stripped
    before = s.para.last_top
    if before is not None and region_start == s.ctx.span.start:
        name = _figure_ranked(before) if pointer else before.name
        return name if pointer or name.endswith(stripped) else name + stripped
    topic = topic_before(s.text, region_start, s.ctx.span.start, s.ctx.para.span.start)
    return (topic or "") + stripped


def _places(text: str, hit: re.Match[str], rank: int | None, n: int, sent_end: int) -> tuple[list[int | None], int]:
    """总量和增幅分列全省第二和第五: one place per measure, in order; and where the places end."""
    ranks: list[int | None] = [rank] * n
    if n <= 1 or rank is None:
        return ranks, hit.end()
    span = _RANKINGS.place_range.match(text, hit.end(), sent_end)
    last = parse_number(span.group("last")) if span else None
    if span is not None and last is not None and last - rank + 1 == n:  # 分列第二至第四名
        return list(range(rank, rank + n)), span.end()
    more = _RANKINGS.more_places.match(text, hit.end(), sent_end)
    listed = [parse_number(x) for x in _RANKINGS.number.findall(more.group(0))] if more else []
    if more is None or len(listed) != n - 1 or any(v is None or not 0 < v < MAX_RANK for v in listed):
        return ranks, hit.end()
    return [rank, *(int(v) for v in listed if v is not None)], more.end()


def split_rank_names(region: str) -> list[str] | None:
    """The measures listed before one ranking (一般公共预算收入、税收收入增幅均居…).

    >>> split_rank_names("地区生产总值和一般公共预算收入")
    ['地区生产总值', '一般公共预算收入']
    >>> split_rank_names("销售面积和增幅")
    ['销售面积', '销售面积增幅']
    """
    region, head = cut_enum_tail(region)
    region = _RANKINGS.heading_number.sub("", _RANKINGS.clause_separator.split(region)[-1])  # (一、经济增长速度…)
    parts: list[str] = []
    for item in region.split(_NAME_WORDS.list_mark):
        parts += _split_pair(item)
    parts = [clean_list_item(p) for p in parts]
    parts = [p + head if head and not p.endswith(head) else p for p in parts if p]
    if not parts:
        return None
    # 一般公共预算收入、税收收入增幅均居…: a rate head written once belongs to every item
    rate = _RANKINGS.head_end.search(parts[-1]) if len(parts) > 1 and not parts[-1].startswith(parts[0]) else None
    if rate and rate.start() > 0:
        parts = [p if _RANKINGS.head_end.search(p) else p + rate.group(0) for p in parts]
    elif len(parts) > 1:
        parts = _tail_shared(parts)
    return parts


def _tail_shared(parts: list[str]) -> list[str]:
    """独角兽企业、瞪羚企业新增数量: items that end alike, the last with a measure after that ending — the measure is
    every item's (独角兽企业新增数量); the items as they were otherwise."""
    ending = parts[0][-_SHARED_ENDING:]
    k = parts[-1].find(ending)
    tail = parts[-1][k + len(ending):] if k > 0 else ""
    if not tail or not tail.endswith(_SHARED_HEADS) or not all(p.endswith(ending) for p in parts[:-1]):
        return parts
    if any(parts[-1].startswith(p) for p in parts[:-1]):  # (面积和面积增幅: a measure and its own rate, split before)
        return parts
    return [p + tail for p in parts[:-1]] + [parts[-1]]


def _split_pair(item: str) -> list[str]:
    """总量和增速 → 总量, 总量增速; 工业产值和服务业营收 → both; else the item as it is."""
    sub = _RANKINGS.pair_and.split(item)
    head_end = _RANKINGS.head_end
    if len(sub) == 2 and _RANKINGS.head_only.fullmatch(sub[1]) and head_end.search(sub[0]):
        base = head_end.sub("", sub[0])
        return [sub[0], base + sub[1]]
    if len(sub) == 2 and sub[1] in _GROWTH_HEADS and len(sub[0]) >= _MEASURE_MIN:
        return [sub[0], sub[0] + sub[1]]  # 销售面积和增幅: the measure and its growth
    if len(sub) >= 2 and all(len(x) >= 3 for x in sub):
        return sub
    per = _RANKINGS.per_unit_head.match(sub[0]) if len(sub) == 2 else None
    if per is not None and not sub[1].startswith(per.group(0)) and len(sub[1]) >= 2:
        return [sub[0], per.group(0) + sub[1]]  # 亩均工业增加值和税收: 亩均工业增加值, 亩均税收
    return [item]


def places_continued(s: Sentence) -> None:
    """甲区排名第12位,|乙区第57位; 位列全国第12位,|东部地区第7位: a clause that is only a place (or a field) and its
    ordinal, right after a ranking of the sentence, goes on with that ranking: another holder of its measure in
    its field, or the same holder's place in another field (a province beside a place of a lower level is one)."""
    log, doc, span = s.log, s.ctx.doc, s.ctx.span
    gate = anchor_gate("rankings.place_continued")  # (most sentences hold no second ordinal: one scan tells)
    if gate is not None and gate.search(s.text, span.start, span.end) is None:
        return
    facts = log.facts[s.state.first_fact:]
    rankings = [f for f in facts if isinstance(f, Ranking) and f.rank is not None]
    if not rankings:
        return
    taken = {doc.norm_pos(f.start) for f in facts if not (isinstance(f, Indicator) and f.rule == _MOVE_RULE)}
    held = {(r.subject, r.scope, r.rank, r.period) for r in rankings}
    for r in rankings:
        pos = doc.norm_pos(r.end)
        while (m := _continuing_clause(s.text, pos, span.end)) is not None:
            if any(m.start(1) <= t < m.end() for t in taken):
                break  # (read already: a place with its own verb)
            nxt = _continued(s, r, m)
            if nxt is None or (nxt.subject, nxt.scope, nxt.rank, nxt.period) in held:
                break  # (居全市首位,全省第三: read already with the place before)
            held.add((nxt.subject, nxt.scope, nxt.rank, nxt.period))
            doc.set_quote(nxt, m.start(1), m.end())
            log.add(nxt)
            _move_renamed(s, facts, r, nxt, m.end())
            pos, r = m.end(), nxt


def _move_renamed(s: Sentence, facts: Sequence[Fact], before: Ranking, nxt: Ranking, end: int) -> None:
    """…全国乙百强县市第23位|、较上年前进5位: the move right after a ranking going on from another is of its measure,
    not of the measure before (read with that one's name when the sentence was walked)."""
    moved = _RANKINGS.move_between.match(s.text, end, s.ctx.span.end)
    if moved is None or not before.indicator or not nxt.indicator or before.indicator == nxt.indicator:
        return
    doc = s.ctx.doc
    for f in facts:
        if isinstance(f, Indicator) and f.rule == _MOVE_RULE and end - _MOVE_QUOTE_LEAD <= doc.norm_pos(f.start) \
                and doc.norm_pos(f.end) == moved.end() and f.name.startswith(before.indicator):
            f.name = nxt.indicator + f.name[len(before.indicator):]


def _continuing_clause(text: str, pos: int, end: int) -> re.Match[str] | None:
    """The clause at ``pos`` going on from a ranking (a place, a field, a year or a measure with its ordinal), also
    after a move of the place just given (第95位、较上年前进1位,|全国乙百强县市第23位)."""
    for at in (pos, *((moved.end(),) if (moved := _RANKINGS.move_between.match(text, pos, end)) else ())):
        m = _RANKINGS.place_continued.match(text, at, end) or _RANKINGS.year_continued.match(text, at, end) \
            or _RANKINGS.measure_continued.match(text, at, end)
        if m is not None:
            return m
    return None


def _continued(s: Sentence, r: Ranking, m: re.Match[str]) -> Ranking | None:
    """The ranking a clause going on from ``r`` gives (see :func:`places_continued`); None when its words name
    neither a place nor a field."""
    rank = parse_number(m.group("n"))
    if rank is None:
        return None
    if "year" in m.re.groupindex:  # (the year_continued shape, …;2020年,排名第52位: the same place of another year)
        return replace(r, period=years_period(m.group("year"), m.group("year")), rank=int(rank), top=False)
    if "measure" in m.re.groupindex:  # (the measure_continued shape, …,全国乙百强县市第23位: another measure's place)
        return replace(r, indicator=m.group("measure"), scope=m.group("field"), rank=int(rank), top=False)
    words, finder = m.group("place"), s.ctx.doc.finder
    place = finder.entity_named(words)
    holder_level = r.subject is not None and r.subject.endswith(_PROVINCE_ENDS)
    if _RANKINGS.field_continued.fullmatch(words) or (
            place is not None and place.endswith(_PROVINCE_ENDS) and not holder_level):
        subject, scope = r.subject, words
    elif place is not None:
        subject, scope = place, r.scope
    else:
        return None
    return Ranking(subject=subject, period=r.period, indicator=r.indicator, scope=scope, rank=int(rank),
                   top=False, qualifier=r.qualifier, rule="ranking.v1")


def places_in_series(s: Sentence) -> None:
    """从全国各省的得票率看,上海第一、广东第二,北京第三: places each written with its own place and no verb,
    in order (at least three): each a ranking, of the measure and field of the frame before them, else of
    the evaluation named before."""
    items = _series(s)
    if items is None:
        return
    text, ctx = s.text, s.ctx
    first = items[0][1]
    frame = _RANKINGS.series_frame.search(text, ctx.span.start, first)
    measure, scope = (strip_chars(frame.group("measure")), frame.group("field")) if frame is not None else (None, None)
    if measure is None:  # (上榜…全国百强,其中,甲市第29位,乙县第43位: the places of the group just named)
        measure, scope = _group_named_before(s, first)
    measure, scope, period = _of_the_evaluation(s, first, measure, scope)
    for m, start, subject in items:
        r = Ranking(subject=subject, period=period or ctx.period_at(m.start(), target=False, day_is_year=True),
                    indicator=measure,
                    scope=scope, rank=_series_place(m), top=False, qualifier=None,
                    rule="ranking.v1")
        ctx.doc.set_quote(r, start, m.end())
        s.log.add(r)
        s.state.last_rank = r
        if m.group("bare"):  # (甲区27名: a place counted in 名 is no count of people)
            s.state.quiet.append((m.start("bare"), m.end()))
    s.state.mark_listed(first, items[-1][0].end())


def _group_named_before(s: Sentence, pos: int) -> tuple[str | None, str | None]:
    """The measure and field of the top-N group the sentence names before ``pos`` (两地上榜县域经济基本竞争力全国百强 →
    县域经济基本竞争力, 全国); (None, None) when it names none."""
    text, start = s.text, s.ctx.span.start
    group = last_match(_RANKINGS.place, text[start:pos])
    if group is None or not (group.group("strong") or group.group("topn")):
        return None, None
    at = start + group.start()
    clause = max(start, *(text.rfind(c, start, at) + 1 for c in _CLAUSE_BREAKS))
    region, _former, scope = _field_and_measure(text[clause:at], group.group("scope"))
    return strip_chars(region) or None, scope


def _series(s: Sentence) -> list[tuple[re.Match[str], int, str]] | None:
    """The longest run of places in order in the sentence (上海第一、广东第二,北京第三): each match, where its
    place is written, and the place; None when no run of three is."""
    text, span, finder = s.text, s.ctx.span, s.ctx.doc.finder
    gate = anchor_gate("rankings.series_item")  # (the shape's own anchors: no 第, 位 or 名, no place in order)
    if gate is not None and gate.search(text, span.start, span.end) is None:
        return None
    best: list[tuple[re.Match[str], int, str]] = []
    run: list[tuple[re.Match[str], int, str]] = []
    for m in _RANKINGS.series_item.finditer(text, span.start, span.end):
        words, at = m.group("place"), m.start("place")
        joined = bool(run) and _series_goes_on(text, run[-1][0], m)
        # the first place may follow other words (结果显示上海第一): the longest place ending them
        k = 0 if joined else next((k for k in range(len(words) - 1) if finder.entity_named(words[k:])), len(words))
        place = finder.entity_named(words[k:]) if k < len(words) else None
        if place is None:
            run = []
            continue
        run = [*run, (m, at, place)] if joined else [(m, at + k, place)]
        best = run if len(run) > len(best) else best
    # (其中,甲市第29位,乙县第43位: two places each written with 第 and 位 are a series too)
    counted = all(m.group("unit") and m.group("n") for m, _at, _place in best)
    return best if len(best) >= _SERIES_MIN or (len(best) == _SERIES_MIN - 1 and counted) else None


def _series_goes_on(text: str, last: re.Match[str], m: re.Match[str]) -> bool:
    """Whether a place of a series follows the one before: right after it (one mark between, or a mark and the
    line break of a list broken by the page), the next place (上海第一、广东第二), or any later place when both
    are counted in 位 or 名 (甲市第4位,乙市9位: places of a list written for some of its members)."""
    if text[last.end():m.start()].strip() not in _CLAUSE_BREAKS + _NAME_WORDS.list_mark or m.start() == last.end():
        return False
    n, before = _series_place(m), _series_place(last)
    counted = bool(m.group("unit") or m.group("bare_unit")) and bool(last.group("unit") or last.group("bare_unit"))
    return n == before + 1 or (counted and n > before)


def _series_place(m: re.Match[str]) -> int:
    """The place a series item holds (第3位, 13位)."""
    return int(parse_number(m.group("n") or m.group("bare")) or 0)


def seats_held(s: Sentence, fig: Fig, region_start: int) -> bool:
    """百强县东部地区占65席, 江苏占据25席: the seats a place holds on a list, an indicator named after the list
    (百强县席位) of the place written before the verb, of the list's year."""
    entering = _RANKINGS.members_entering.match(s.text, fig.end, s.ctx.span.end)
    if _most_held(s, fig, region_start) or _seats_go_on(s, fig, region_start):
        return True
    if not s.text.endswith(_RANKING_WORDS.seat_unit, fig.start, fig.end) and not _members_by_place(s, fig) \
            and entering is None and not _parts_of_seats(s, fig):
        return False
    words = _RANKINGS.seat_verb_end.sub("", strip_chars(s.text[region_start:fig.start]))
    moved = _RANKINGS.seat_moved_from.search(words)
    words = words[:moved.start()] if moved is not None else words
    holder = _holder_ending(s, words)
    last = s.state.current
    if holder is None and isinstance(last, Indicator) and last.subject \
            and last.name.endswith(_RANKING_WORDS.seat_name) and _RANKINGS.seat_moved_to.match(words):
        _seats(s, fig, last.subject, last.name, region_start)  # (由上年的10席增加到12席: the seats it moved to)
        return True
    if holder is None:
        opening = _holder_before_list(s, words)
        if opening is None:
            return False
        _seats(s, fig, opening[0], _seat_name(s, opening[1], fig.start), region_start)
        return True
    before = words[:holder[1]]
    listed = _holders_listed(s, _RANKINGS.list_tail_mark.sub("", before)) if _RANKINGS.list_tail_mark.search(before) \
        else None
    entered = _RANKINGS.list_entered_after.match(s.text, entering.end(), s.ctx.span.end) if entering else None
    name = _RANKINGS.country_head.sub("", entered.group("list")) + _RANKING_WORDS.seat_name if entered \
        else _seat_name(s, "" if listed else before, fig.start)  # (3个镇上榜中国百强镇榜单: the list entered)
    own_period = moved is not None and moved.group("year") is not None  # (由上年的10席: of that year)
    for place in [*(listed or []), holder[0]]:  # 江苏和山东各拿到了17席: as many each
        _seats(s, fig, place, name, region_start + holder[1], own_period=own_period)
    return True


def _most_held(s: Sentence, fig: Fig, region_start: int) -> bool:
    """(…分布在17个省区,)其中甲省最多,达到21个; 东部地区的县级市排名数量最多,达63个: a count after only a verb of
    reaching, the clause before naming the place holding the most of a list's members, is that place's seats on the
    list; the list's spread said before or the members named in that clause tell the count is of members."""
    if not _RANKINGS.most_figure_words.fullmatch(strip_chars(s.text[region_start:fig.start])):
        return False
    m = _RANKINGS.most_clause_before.search(s.text, s.ctx.span.start, region_start)
    if m is None:
        return False
    words = strip_chars(m.group("words"))
    finder = s.ctx.doc.finder
    for k in range(min(len(words), _HOLDER_MAX), 1, -1):
        place = finder.entity_named(words[:k]) or (words[:k] if words[:k] in _RANKING_SETS.regions else None)
        if place is not None:
            break
    else:
        return False
    if not (_RANKINGS.most_of_members.search(words, k) or _members_by_place(s, fig)):
        return False
    _seats(s, fig, place, _seat_name(s, "", fig.start), region_start)
    return True


def _seats_go_on(s: Sentence, fig: Fig, region_start: int) -> bool:
    """…最多,达63个,中部21个,西部9个,东北仅有2个: a place alone before a count, right after seats counted in the same
    sentence, holds seats on the same list (an adverb of few after it: 仅有)."""
    cur = s.state.current
    if not isinstance(cur, Indicator) or not cur.name.endswith(_RANKING_WORDS.seat_name) or cur.unit != fig.amount.unit:
        return False
    end = s.ctx.doc.norm_pos(cur.end)
    if not s.ctx.span.start <= end <= region_start:
        return False
    words = _RANKINGS.seat_few_end.sub("", _RANKINGS.seat_verb_end.sub("", strip_chars(s.text[region_start:fig.start])))
    place = s.ctx.doc.finder.entity_named(words) or (words if words in _RANKING_SETS.regions else None)
    if place is None:
        return False
    _seats(s, fig, place, cur.name, region_start)
    return True


def _parts_of_seats(s: Sentence, fig: Fig) -> bool:
    """东部地区共55个城市上榜,其中,甲、乙各入围13个城市,丙有5个: after the seats a place holds, the counts of the places
    under 其中 are their seats on the same list."""
    cur = s.state.current
    if not isinstance(cur, Indicator) or not cur.name.endswith(_RANKING_WORDS.seat_name):
        return False
    end = s.ctx.doc.norm_pos(cur.end)
    return s.ctx.span.start <= end <= fig.start and s.text.find(_NAME_WORDS.among, end, fig.start) >= 0


def _members_by_place(s: Sentence, fig: Fig) -> bool:
    """百强县的地区分布是:东部70个,中部24个; 工业百强县分布在18个省份,其中山东省有11个: the members of a list
    counted by where they are, after the sentence says how the list is spread — seats like 占65席."""
    # (…主要分布在东部地区。其中,甲省12个、乙省9个: a sentence before in the paragraph says so; a bounded look back)
    if _RANKINGS.members_spread.search(s.text, max(s.ctx.para.span.start, fig.start - _SPREAD_REACH),
                                       fig.start) is not None:
        return True
    if s.text.endswith(_RANKING_WORDS.member_unit, fig.start, fig.end) and _RANKINGS.members_in_list.search(
            s.text, max(s.ctx.span.start, fig.start - _SPREAD_REACH), fig.start) is not None:
        return True  # (百强县中,甲省23个,乙省27个: the members of the list by place, counted in 个)
    # (…分布在全国17个省份,其中甲省有8个…。⏎乙省有4个,丙省有3个: the count goes on in the next paragraph)
    para = s.ctx.para.span
    return s.ctx.span.start == para.start and _RANKINGS.place_has_count.match(s.text, para.start, fig.end) is not None \
        and _RANKINGS.members_spread.search(s.text, max(0, para.start - _SPREAD_REACH), para.start) is not None


def seats_listed(s: Sentence, group: list[Fig], region_start: int) -> bool:
    """江苏、浙江及山东分别占25席、18席和13席: the seats of each place listed, in order."""
    first = group[0]
    if not s.text.endswith(_RANKING_WORDS.seat_unit, group[-1].start, group[-1].end) \
            and not _members_by_place(s, first):
        return False  # (分别占20、16和9席: the unit written once, on the last; 甲、乙分别为20个、17个 after a spread)
    raw = strip_chars(s.text[region_start:first.start])
    words = _RANKINGS.seat_verb_end.sub("", raw)
    words = _RANKINGS.seats_judged_tail.sub("", words)  # (西部和东北地区上榜数量较少,分别占…: the places, no list)
    places = _holders_listed(s, _RANKINGS.listed_count_tail.sub("", words))  # (甲、乙、丙三省分别以…)
    counted = _RANKINGS.counts_respectively.match(raw)
    if places is None and counted:
        places = _holders_of_clause_before(s, region_start)  # (其后依次为甲、乙,入榜数量分别为9席、8席)
    if places is None and not words:
        # (西部和东北地区上榜数量较少,分别占13席和3席; 甲省、乙省、丙省,分别占4席、4席、3席: the places alone)
        places = _holders_judged_before(s, region_start) or _holders_of_clause_before(s, region_start, plain=True)
    if places is None or len(places) != len(group):
        return False
    # (入榜园区数量分别为9席、8席: the count the words name is the measure, as written; else seats on the list)
    name = counted.group("measure") if counted and counted.group("measure") else _seat_name(s, "", first.start)
    for place, f in zip(places, group, strict=True):
        _seats(s, f, place, name, region_start)
    return True


def _holder_before_list(s: Sentence, words: str) -> tuple[str, str] | None:
    """(而)浙江百强县(市)(有23席): the place opening the words and the name of the list after it, None when
    the words are not a place and a list's name."""
    rest = _RANKINGS.seat_holder_lead.sub("", words)
    finder = s.ctx.doc.finder
    for k in range(2, min(len(rest) - 1, _HOLDER_MAX) + 1):
        place = finder.entity_named(rest[:k]) or (rest[:k] if rest[:k] in _RANKING_SETS.regions else None)
        if place is not None and _RANKINGS.seat_list_named.match(rest[k:]):
            return place, rest[k:]
    return None


def _holders_judged_before(s: Sentence, region_start: int) -> list[str] | None:
    """The places the clause just before ``region_start`` lists then judges (西部和东北地区上榜数量较少,|分别占…;
    甲、乙等省份表现突出,), None when it judges none or lists no places."""
    clause_start = max(s.text.rfind(c, s.ctx.span.start, region_start - 1) for c in ",;:") + 1
    words = strip_chars(s.text[max(clause_start, s.ctx.span.start):region_start])
    judged = _RANKINGS.seats_judged_tail.search(words)
    return _holders_listed(s, _RANKINGS.listed_count_tail.sub("", words[:judged.start()])) if judged else None


def _holders_of_clause_before(s: Sentence, region_start: int, *, plain: bool = False) -> list[str] | None:
    """The places the clause just before ``region_start`` lists after 依次为/分别是 (其后依次为甲、乙、丙,), or, when
    ``plain``, that is a list of places alone (甲省、乙省、丙省,); None when it lists none."""
    shape = _RANKINGS.holders_clause_plain if plain else _RANKINGS.holders_clause_before
    clause = shape.search(s.text, s.ctx.span.start, region_start)
    return _holders_listed(s, clause.group("list")) if clause is not None else None


def _holders_listed(s: Sentence, words: str) -> list[str] | None:
    """江苏、浙江及山东; 中部、西部和东北部: the places or regions a list holds, None when an item is neither
    (the first may follow other words: 其中,江苏)."""
    items = _RANKINGS.list_split.split(strip_chars(words))
    first = _holder_ending(s, items[0])
    rest = [s.ctx.doc.finder.entity_named(x) or (x if x in _RANKING_SETS.regions else None) for x in items[1:]]
    if first is None or None in rest:
        return None
    places = [first[0], *(x for x in rest if x is not None)]
    tail = _RANKING_WORDS.region_tail
    if places[-1].endswith(tail):  # (中部、西部和东北地区: each a 地区)
        places = [p + tail if p in _RANKING_SETS.regions and p + tail in _RANKING_SETS.regions else p for p in places]
    return places


def _holder_ending(s: Sentence, words: str) -> tuple[str, int] | None:
    """The place or region (东部地区) the words end with, and where it starts; None when they end with none."""
    finder = s.ctx.doc.finder
    for k in range(max(0, len(words) - _HOLDER_MAX), len(words) - 1):
        tail = words[k:]
        if _RANKINGS.peer_group_written.fullmatch(tail):
            return tail, k  # (国家高新区占52席: zones of a level and kind together)
        place = finder.entity_named(tail) or (tail if tail in _RANKING_SETS.regions else None) \
            or next((tail[:-len(w)] for w in _RANKING_SETS.region_kinds
                     if tail.endswith(w) and tail[:-len(w)] in _RANKING_SETS.regions), None)
        if place is not None:
            return place, k  # (西部省份入围9个: the region)
    return None


def _seat_name(s: Sentence, before: str, pos: int) -> str:
    """What seats are counted on: the list the words before the holder name (百强县), else the evaluation
    named before (赛迪百强县榜单 → 赛迪百强县), followed by 席位."""
    seat: str = _RANKING_WORDS.seat_name
    # (the facts of this paragraph only: a scan of every fact before would grow with the text)
    para_start = s.ctx.para.span.start
    last = None
    for f in reversed(s.log.facts):
        if s.ctx.doc.norm_pos(f.start) < para_start:
            break
        if isinstance(f, Indicator) and f.name.endswith(seat):
            last = f
            break
    before = _RANKINGS.seat_list_lead.sub("", before)  # (…18个省份,其中|山东省有11个; 2023年|百强区: no list's name)
    before = _RANKINGS.seat_list_tail.sub("", before)  # (中部百强镇分别为|安徽40个: the list, not the handing out)
    before = "" if _RANKINGS.bare_member_kinds.match(before) else before
    if not before and last is not None and last.name != seat:
        return last.name  # (东部地区占65席,中部地区占22席。其中,甲、乙分别占…; …,其次是丙9个: seats on the same list)
    group = last_match(_RANKINGS.named_group, s.text[s.ctx.span.start:pos])
    listed = strip_chars(_RANKINGS.list_noun_tail.sub("", before)) or _list_spread_before(s.text, pos) \
        or _RANKINGS.list_noun_tail.sub("", evaluation_before(s.text, pos) or "") \
        or (_RANKINGS.whole_field_head.sub("", group.group("name")) if group is not None else "")
    return listed + seat


def _list_spread_before(text: str, pos: int) -> str:
    """中国工业百强县分布在全国17个省份(,其中…): the list whose members the text says are spread, named before ``pos``
    (its field opening the name left out); "" when none is."""
    found = last_match(_RANKINGS.spread_list, text[max(0, pos - 2 * _SPREAD_REACH):pos])
    return _RANKINGS.country_head.sub("", _RANKINGS.edition_through.sub("", found.group("list"))) \
        if found is not None else ""


def _seats(s: Sentence, fig: Fig, holder: str, name: str, quote_start: int, *, own_period: bool = False) -> None:
    """Record ``holder``'s seats; of the list's year, unless ``own_period`` (由上年的10席: the year said before)."""
    ctx = s.ctx
    ind = Indicator(subject=holder, name=_RANKINGS.seat_name_noise.sub("", name),
                    period=(not own_period and evaluation_period(s.text, fig.start))
                    or ctx.period_at(fig.start, target=False, day_is_year=True),
                    value=fig.amount.value, unit=fig.amount.unit, change=None, qualifier=None, parent=None,
                    rule="indicator.v1")
    start = min(quote_start, fig.start)
    while start < fig.start and s.text[start] in _ITEM_MARKS:
        start += 1  # (、乙省6个: the mark between items opens no quote)
    ctx.doc.set_quote(ind, start, fig.end)
    s.log.add(ind)
    s.state.current = ind  # (山东省有11个,与上一年相比增加了5个: the change is of the seats just counted)


def best_of_kind(s: Sentence) -> None:
    """营商环境最好的十座城市是杭州、温州…; 最具投资潜力的十个县依次为…; 排名前十的工业强县为…; 产值五强区分别是…: the
    best N of a kind, listed: each in the top N (its place in order after 依次), of the measure written before 最
    (or the quality after 最具, else the evaluation named before), in the field the kind is ranked in (城市, 省份 →
    全国)."""
    words = s.text[s.ctx.span.start:s.ctx.span.end]
    # (plain checks first: each shape holds its mark, and the first and last open with a run of any characters, so
    # the engine would try them at every character of the sentence)
    for mark, shape in ((_RANKING_WORDS.best_mark, _RANKINGS.best_n),
                        (_RANKING_WORDS.top_n_mark, _RANKINGS.top_n_of_kind)):
        if mark in words:
            for best in shape.finditer(s.text, s.ctx.span.start, s.ctx.span.end):
                if shape is _RANKINGS.top_n_of_kind and _plain_peers(best.group("kind")):
                    continue  # (地区生产总值排在前三位的城区为: peers of a plain kind; read as any top N)
                _best_listed(s, best)
    if _RANKING_WORDS.strong_mark in words and _RANKING_WORDS.respectively_mark in words:
        for best in _RANKINGS.strong_group_listed.finditer(s.text, s.ctx.span.start, s.ctx.span.end):
            _best_listed(s, best, national=True)  # (产值五强区: places of a kind, no field named: nationwide)


def _plain_peers(kind: str) -> bool:
    """Whether a top N's kind names only what its places are (城区, 县市区), no measure of their own (工业强县)."""
    return kind in _RANKING_SETS.peer_kinds or kind in _RANKING_SETS.field_kinds


def _best_listed(s: Sentence, best: re.Match[str], *, national: bool = False) -> None:
    text = s.text
    size = parse_number(best.group("n"))
    if size is None or not 1 < size < MAX_RANK or s.state.is_listed(best.end()):
        return
    stop = _comma_run_end(s, best.end(), _list_stop(s, best.end()))
    subjects = listed_places(s, _RANKINGS.list_tail.sub("", text[best.end():stop].replace(_COMMA, _LIST_MARK)),
                             ranked=True)
    if subjects is None or len(subjects) > size:
        return
    said = best.groupdict()
    measure = said.get("quality") or strip_chars(said.get("measure") or "")
    whole = measure if measure in _RANKING_WORDS.country_words else None  # (全国二十强区分别是: the field, no measure)
    measure = (None if whole else measure) or evaluation_before(text, best.start())
    scope = field_of_kind(best.group("kind")) or (evaluation_field(measure) if measure else None) \
        or (_RANKING_WORDS.country_field if whole else None) or home_field(text)
    if scope is None and national:
        scope = _RANKING_WORDS.country_field
    for k, subject in enumerate(subjects, start=1):
        r = Ranking(subject=subject, period=s.ctx.period_at(best.start(), target=False, day_is_year=True),
                    indicator=measure,
                    scope=scope, rank=k if said.get("ordered") else int(size), top=False, qualifier=None,
                    rule="ranking.v1")
        s.ctx.doc.set_quote(r, best.start(), stop)
        s.log.add(r)
        if not said.get("ordered"):
            s.log.top_n.add(id(r))
    s.state.mark_listed(best.start(), stop)


def _counted_place(m: re.Match[str]) -> Decimal | None:
    """The place measures counted then listed hold: 第N, 首位 (1) or a top N (each is in it); none at the bottom."""
    if m.group("first"):
        return Decimal(1)
    written = m.group("rank") or m.group("topn")
    return parse_number(written) if written else None


def counted_measures_listed(s: Sentence) -> None:
    """有3项位居全市第1位(其中1项并列第1位),分别是:甲、乙、丙; 有1项指标居全市第2位,即丁: measures counted as
    holding one place, then listed: each its own ranking (a last place: bottom)."""
    text, span = s.text, s.ctx.span
    first = last = -1
    for m in _RANKINGS.counted_then_listed.finditer(text, span.start, span.end):
        n, rank = parse_number(m.group("n")), _counted_place(m)
        stop = min((k for k in (text.find(c, m.end(), span.end) for c in _COUNTED_LIST_STOPS) if k >= 0),
                   default=span.end)
        items = [strip_chars(_NAMES.aside.sub("", x)) for x in
                 _RANKINGS.list_split.split(_NAMES.aside.sub(lambda a: a.group(0).replace("、", ""),
                                                               text[m.end():stop]))]
        if n is None or len(items) != n or not all(items):
            continue
        head = m.group("head") or ""  # (有8个指标增幅位居…,分别是甲、乙: each one's growth)
        for item in items:
            r = Ranking(subject=s.ctx.subject_at(m.start(), ranked=True),
                        period=s.ctx.period_at(m.start(), target=False),
                        indicator=item if item.endswith(head) else item + head, scope=m.group("scope"),
                        rank=int(rank) if rank is not None else None,
                        top=False, qualifier=None, rule="ranking.v1", bottom=m.group("bottom") is not None)
            s.ctx.doc.set_quote(r, m.start(), stop)
            s.log.add(r)
        s.state.quiet.append((m.start(), m.end("n") + 1))  # (有3项: how many measures, no fact)
        first, last = (m.start() if first < 0 else first), stop
    if first >= 0:
        s.state.mark_listed(first, last)


def unread_places(s: Sentence) -> None:
    """居某地区各省份首位, 增速在某市第一, 增幅列某某地区第一: a place among peers right after a ranking verb and a
    field written there (a whole field, a region or a city) that no rule of the sentence read is a place still: its
    measure the words between its holder and the verb, else (those words a growth word, or none) the figure named
    just before it in the sentence, else the evaluation the report named; 多项指标领跑某市 (a top verb before a known
    place or a region closing the clause) a top place. A place the ranking shape read with its field and no rule kept
    (a count of measures holding it) is left alone, as is one in quotes (“某市第一区”, a title) and one with no field
    written (作为第一要务, 保持第1位: no peers to hold it among; a field taken from the report's evaluation there cost
    the held-out sets more than it gained)."""
    text, span = s.text, s.ctx.span
    read: list[tuple[int, int]] | None = None  # (the places the rules read: found for the first candidate)
    placed: list[re.Match[str]] | None = None  # (the ranking shape's places in the sentence, found once)
    # (the shape is its own gate: run over the sentence, it costs less than looking for its marks first)
    for m in _RANKINGS.fallback_place.finditer(text, span.start, span.end):
        if read is None:
            read = _places_read(s)
        at = m.end("verb")
        if not m.group("scope") or any(a <= at < b for a, b in read) or s.state.is_listed(at):
            continue  # (a place with no field written is left to the rules: 为第一要务, 保持第1位)
        if placed is None:
            placed = list(_RANKINGS.place.finditer(text, span.start, span.end))
        if _refused_with_field(placed, m):
            continue
        clause = clause_start(text, span.start, m.start())
        if any(q in text[clause:m.start()] for q in _OPEN_QUOTES):
            continue  # (“某市第一区”的地位: a title in quotes, no place of anyone)
        _unread_place(s, m, clause)
    _fields_filled(s)
    for m in _RANKINGS.fallback_top.finditer(text, span.start, span.end):
        # (领跑某市: a top place when the words after the verb are a place's name and nothing else)
        named = m.group("region") or s.ctx.doc.finder.entity_named(m.group("scope"))
        if read is None:
            read = _places_read(s)
        if named is not None and not any(a <= m.start() < b for a, b in read):
            _unread_place(s, m, clause_start(text, span.start, m.start()))


def _places_read(s: Sentence) -> list[tuple[int, int]]:
    """The spans of the places the rules of the sentence read (:func:`unread_places`)."""
    norm_pos = s.ctx.doc.norm.norm_pos
    return [(norm_pos(f.start), norm_pos(f.end)) for f in s.log.facts[s.state.first_fact:]
            if isinstance(f, Ranking)]


def _refused_with_field(placed: list[re.Match[str]], m: re.Match[str]) -> bool:
    """Whether the ranking shape read the place with a field (``placed``: its places in the sentence) and the rules
    made no fact of it on purpose."""
    return any(h.group("scope") and h.start() < m.end() and m.start("verb") < h.end() for h in placed)


def _unread_place(s: Sentence, m: re.Match[str], clause: int) -> None:
    """The ranking fact of one place :func:`unread_places` found, its clause opening at ``clause``."""
    text, scope = s.text, m.group("scope")
    region_from = after_subject(s, clause, m.start())
    measure = strip_chars(text[region_from:m.start()])
    if any(c.isdigit() for c in measure):
        return  # (2024年某省创新能力依然保持第1位: a year or a figure before the verb, its holder unread)
    # (甲县的|经济总量继续|保持某市第一: the 的 after the holder and the adverb before the verb are no part of it)
    measure = _RANKINGS.adverb_end.sub("", _RANKINGS.possessive_start.sub("", measure)) or measure
    no_measure = _RANKINGS.fallback_no_measure.fullmatch(measure)
    if no_measure is not None:
        measure = ""
    current = _figure_named_before(s, m.start())
    holder = s.ctx.subject_at(m.start(), ranked=True)
    if current is not None and (measure in _GROWTH_HEADS or not measure):
        # (工业投资增长23.74%,增速在某市第一: the growth of the figure just named; 某省百强县数量达到19个,居某地区各省份
        # 首位: that figure itself, its holder the place's)
        measure = current.name + measure if measure else _figure_ranked(current)
        holder = current.subject or holder
    written = bool(measure)
    measure = measure or evaluation_before(text, m.start()) or ""
    if not measure:
        return
    top = m.re is _RANKINGS.fallback_top
    if top:
        rank: int | None = None
    elif m.group("first"):
        rank = 1
    else:
        value = parse_number(m.group("n") or m.group("topn"))
        if value is None or not 0 < value < MAX_RANK:
            return
        rank = int(value)
    r = Ranking(subject=holder, period=s.ctx.period_at(m.start(), target=False, day_is_year=True), indicator=measure,
                scope=scope,
                rank=rank, top=top, qualifier="target" if s.ctx.target_at(m.start()) else None, rule="ranking.v1")
    s.ctx.doc.set_quote(r, region_from if written else m.start(), m.end())
    s.log.add(r)


def _figure_named_before(s: Sentence, pos: int) -> Indicator | None:
    """The last figure of the sentence named before ``pos`` (the walk has read the whole sentence by now)."""
    found = None
    for f in s.log.facts[s.state.first_fact:]:
        if isinstance(f, Indicator) and s.ctx.doc.norm_pos(f.start) < pos:
            found = f
    return found


def _fields_filled(s: Sentence) -> None:
    """A place the rules of the sentence read with no field or no measure (排名前10位, 拔得头筹, 位居全国第二) is held
    among the peers the sentence wrote before it (the last whole field: 全国, 全省, 中国), else those of the evaluation
    the report named before; and in the measure that evaluation names: no place is held among no peers or in nothing."""
    for f in s.log.facts[s.state.first_fact:]:
        if not isinstance(f, Ranking) or (f.scope and f.indicator) or f.start is None:
            continue
        pos = s.ctx.doc.norm_pos(f.start)
        if not f.scope:  # (上榜全国百强县: the field its own list's name opens with, before any other list's)
            field = last_match(_RANKINGS.whole_field, s.text[s.ctx.span.start:pos])
            f.scope = field.group(0) if field is not None else (
                evaluation_field(f.indicator) if f.indicator else None) or evaluation_field_before(s.text, pos)
        if not f.indicator:
            f.indicator = evaluation_before(s.text, pos)
