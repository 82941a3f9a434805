"""The figures of a sentence: every amount, share, count or rate the figure grammar finds, filtered.

A number is a figure only where the language makes it one: 2023年, 第3位, 6个月, PM2.5 and 两个维护
are not; a bare number counts only inside a list whose last figure gives the unit (0.68和17.56个
百分点). Money that sizes a class of projects (亿元以上项目, 超10亿元企业) is a *threshold*, and a
bare magnitude before a noun (千亿产业) is kept for the goal rule. Everything returned is a
:class:`Fig` in text order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Literal

from zhibiao.extract.quantities import COUNTED, Amount, as_percent, figure_regex, in_range, parse_amount, parse_number
from zhibiao.extract.segment import Span
from zhibiao.lexicon import Shapes, Words, WordSets, alternation, is_cjk, units, words
from zhibiao.model import Change, Qualifier
from zhibiao.recache import compile_cached
from zhibiao.resolve.subjects import passes_a_mark

__all__ = [
    "Fig",
    "Role",
    "Wordless",
    "did_a_thing",
    "in_yuan",
    "listed_group_entering",
    "measures_of_a_method",
    "money_named",
    "peers_looked_at",
    "scan_figures",
    "whole_compared_before",
]

_FIGURES = Shapes("figures")
_LISTS = Shapes("lists")
_INDICATORS = Shapes("indicators")
# The gates' words as one regex each, searched within the window (a generator testing each word on a slice of it
# cost more than the shapes it spares, at every count)
_DOING_GATE = compile_cached(alternation(words("breadth", "doing_gate")))
# How far before a count the last of the names listed may start (、 and at most ten characters).
_NAMES_WIDTH = 11
_ENTRY_WIDTH = 4  # (the longest entry verb: 首次进入)
_LIST_MARK: str = Words("name").list_mark  # (甲、乙3个县市入选…: a plain check before the shape of names listed)
# How far after a count of a kind its measure and the mark it passes may end (the shape spans at most 42 characters:
# so far the end of the text read is never mistaken for a clause's).
_PASSING_WIDTH = 50
_MOVE_WORDS_MAX = 24  # the words a ranking noun and its verb of moving take before places moved (排名比上年前进)
_RANKINGS = Shapes("rankings")
_WALK = Shapes("walk")
_FIGURES_WORDS = Words("figures")
_PERSON_UNIT: str = _FIGURES_WORDS.person_unit  # (户籍总人口70.01万: persons, as 万人 reads)
_FIGURES_SETS = WordSets("figures")
_MINUTE: str = _FIGURES_WORDS.minute_unit
_PROJECTS_WORDS = Words("projects")
_MEASURE_ABBREVIATIONS = tuple(_FIGURES_WORDS.measure_abbreviations)
_SIZE_LIST_ENDS = tuple(_FIGURES_WORDS.size_list_ends)
_SCORE_UNIT: str = _FIGURES_WORDS.score_unit
_MILESTONE_AFTER = tuple(_FIGURES_WORDS.milestone_after)  # (大关)
_SCORE_WIDTH = 12  # (以 or 凭借 and the words naming a score before it)

Role = Literal["level", "change", "share", "threshold", "bare_mag", "bare", "move", "score"]



@cache
def _scaled_kinds() -> frozenset[str]:
    """Kinds of unit a bare number before a list's last figure takes the factor of (亿元 → 1e8):
    every kind of units.tsv (not rates: 0.68和17.56个百分点 stays 0.68)."""
    return frozenset(u.kind for u in units().values())


@dataclass(slots=True)
class Fig:
    """One figure of a sentence and the role the rules gave it."""

    start: int
    end: int
    amount: Amount
    role: Role = "level"
    change: Change | None = None
    lead: int | None = None  # where the verb/connector phrase before the figure starts
    qualifier: Qualifier | None = None
    sign: int = 1  # the sign of the change verb (下降 → -1); a figure's own minus is in its value

    def read_as(self, role: Role, *, change: Change | None = None, lead: int | None = None,
                qualifier: Qualifier | None = None, sign: int = 1, amount: Amount | None = None) -> Fig:
        """This figure read in ``role`` (a new figure: the scan's reading stays as it was)."""
        return Fig(self.start, self.end, amount or self.amount, role, change, lead, qualifier, sign)


@dataclass(slots=True, unsafe_hash=True)
class Wordless:
    """A change written without a figure: 翻番, 翻两番, 持平."""

    start: int
    end: int
    word: str


_COUNT = "count"  # (the unit and kind of a count)
_ASIDE_OPEN, _ASIDE_CLOSE = "(", ")"  # (brackets as normalised text writes them)
_FEW_GREAT = 5  # (三大, 四大: so few counted with 大 name a programme; narrowed after rp14 indicators dropped)
_BEFORE_WIDTH = 12  # (how far before a figure the words read with it go)
_INDEX_KIND = "index"  # (the value of an index: a number with no unit)
_INDEX_REACH = 24  # (how far before a number its index verb may be: 分别为66.1、69.2和|63.8, a list of three)
_PROJECT_NOUN = _PROJECTS_WORDS.noun  # (32个项目落户园区: projects counted, the zone only where they went)
_COMPARED_REACH = 12  # (高于全国平均水平|(: how far before a figure the whole compared with is looked for)
_TEN = 10  # (五个项目成功签约: a count in Chinese numerals under this, with a stage verb after, is no slogan's)


def scan_figures(text: str, sent: Span, blocked: list[tuple[int, int]]) -> list[Fig]:
    """The figures of the sentence ``sent``, outside the ``blocked`` spans (rankings, structures)."""
    out: list[Fig] = []
    for m in figure_regex().finditer(text, sent.start, sent.end):
        if blocked and any(a <= m.start() < b for a, b in blocked):
            continue
        fig = _figure(text, m, sent)
        if fig is not None:
            out.append(fig)
    return _give_list_units(text, out)


def _figure(text: str, m: re.Match[str], sent: Span) -> Fig | None:
    """The figure of one match of the figure grammar, or None when it is no figure."""
    num, unit, mag = m.group("num", "unit", "mag")
    num = num or ""
    chinese = bool(num) and not num[0].isdigit()
    # (the shapes of their own read a score, a number with no unit or magnitude, or a Chinese one: most figures
    # are digits with a unit, for which the call is spared)
    read = _read_by_shape(text, m, sent, (num, unit, mag), chinese=chinese) \
        if num and (chinese or unit == _SCORE_UNIT or not (unit or mag)) else None
    if read is not None:
        return read[0]
    index = bool(num) and not (unit or mag) and _index_value(text, m, sent)  # (指数为69.4: a value with no unit)
    if num and not (unit or mag) and not _unitless_may_count(text, m, num) and not index:
        return None
    amount = parse_amount(m)
    pointed = _pointed_index(text, m, amount) if index else None
    if amount is None or pointed is not None:
        return pointed
    start, end = m.start(), m.end()
    before = text[max(sent.start, start - 12):start]
    after = text[end:min(sent.end, end + 16)]
    if _not_a_figure(before, after, amount, chinese, magnitude=bool(mag)):
        return None
    if _FIGURES.held_by_noun_after.match(after) and _FIGURES.compared_with_end.search(before):
        return None  # 失业率4.6%,低于5%的控制目标: the level compared with, a noun's, no change of the figure
    if chinese and _FIGURES.magnitude_alone.fullmatch(num) and _FIGURES.unit_cell_before.search(before) \
            and _FIGURES.unit_cell_after.match(after):
        return None  # 外贸进出口 | 亿元 | 35.8: the row's unit in a cell of its own, no 1亿元
    if amount.kind == "number":
        amount = _unit_named_before(amount, before, num, mag, chinese=chinese)
    if amount.kind == "number":
        if chinese and _magnitude_as_label(before, after, num):
            return None
        if index:
            return Fig(start, end, Amount(amount.value, None, _INDEX_KIND, amount.more))
        return _bare_number(start, end, amount, after, chinese, num)
    if amount.kind == "person" and m.group("unit") in _FIGURES_SETS.place_units \
            and _FIGURES.rank_place_after.match(after) and not _RANKINGS.move_end.search(before):
        return None  # 由2012年的73位跃升至51位: places in a ranking, not persons
    if (amount.kind == "person" or (amount.kind == "count" and _FIGURES.places_counted_after.match(after))) \
            and _RANKINGS.move_end.search(before):
        # 排名前移46位, 较上年提升30位, 提升了22个名次: places moved in a ranking (a change of the ranking), not persons
        sign = -1 if _RANKINGS.move_down_end.search(before) else 1
        return Fig(start, end, amount, role="move", sign=sign)
    if _not_a_measure(text, start, end, amount, before, after, chinese, m):
        return None
    fig = Fig(start, end, amount)
    if amount.kind == "money" and _is_threshold(text, start, end, sent):
        fig.role = "threshold"
    return fig


def _listed_entering(text: str, start: int, end: int, stop: int) -> re.Match[str] | None:
    """甲、乙、丙(3个县市)|入选百强县市: the places just listed, counted with their kind as they enter a list — how many
    did so (no seats of anyone); None for any other count (甲省18个县上榜、乙省(12个县上榜): a place after the entry
    closing a run's item before holds seats)."""
    if _LIST_MARK not in text[max(0, start - _NAMES_WIDTH):start] \
            or not _FIGURES.names_listed_end.search(text, max(0, start - _NAMES_WIDTH), start) \
            or _FIGURES.seat_run_item.search(text, max(0, start - _NAMES_WIDTH - _ENTRY_WIDTH), start):
        return None  # (plain check first: most counts follow no names listed)
    return _INDICATORS.listed_entering.match(text, end, min(stop, end + _PASSING_WIDTH))


def listed_group_entering(text: str, start: int, end: int, stop: int) -> bool:
    """甲、乙、丙(3家高新区)|进入全国前100名: places just listed, counted as a group of a kind of zone or place as they
    enter a list — the words before the count still name who entered (the rankings read them, 分别位列…)."""
    after = text[end:min(stop, end + _PASSING_WIDTH)]  # (the shape of a group entering opens on ^)
    return _listed_entering(text, start, end, stop) is not None and _FIGURES.group_entering.match(after) is not None


def did_a_thing(text: str, start: int, end: int, stop: int) -> re.Match[str] | None:
    """(9个)|区实现了位次提升, (5个)|县(市、区)获奖: the kind a count from ``start`` to ``end`` counts, what of theirs
    did it, and what they did, to the clause's end with no figure (before ``stop``); None when the words after say
    no such thing, or when a whole field stands right before the count (全市|5个开发区实现…: the group together)."""
    limit = min(stop, end + _PASSING_WIDTH)
    doing = _DOING_GATE.search(text, end, limit) is not None
    listed = _LIST_MARK in text[max(0, start - _NAMES_WIDTH):start]
    if not (doing or listed) or _INDICATORS.whole_field_end.search(text, max(0, start - 4), start):
        return None  # (plain checks first: most counts did nothing so)
    found = _listed_entering(text, start, end, stop) if listed else None
    if found is not None or not doing:
        return found
    return _INDICATORS.members_doing.match(text, end, limit)


def _unit_named_before(amount: Amount, before: str, num: str, mag: str | None, *, chinese: bool) -> Amount:
    """A number with no unit in the unit the measure right before it counts in: yuan after a money measure (计划投资
    10.91亿), persons after a population measure (户籍总人口70.01万); else as it is."""
    if _money_named_before(before, num, mag, chinese=chinese):
        return in_yuan(amount)
    if mag and not chinese and _FIGURES.population_before.search(before):
        return Amount(amount.value, _PERSON_UNIT, _PERSON_UNIT, amount.more)
    return amount


def _money_named_before(before: str, num: str, mag: str | None, *, chinese: bool) -> bool:
    """计划投资10.91亿, 合同额过百亿: a number with a magnitude and no unit after a money measure is in yuan (a bare
    magnitude in Chinese only after the projects' investment word: 产值突破千亿 stays a goal's)."""
    if chinese:
        return num in _FIGURES_SETS.bare_magnitudes and _FIGURES.investment_before_bare.search(before) is not None
    return bool(mag) and money_named(before)


def whole_compared_before(text: str, start: int, lo: int) -> bool:
    """Whether the figure at ``start`` stands in brackets right after the whole it is compared with (高于全国|(3.9%),
    比全省平均水平|(7.7%)), looked for from ``lo`` on: that whole's figure of the measure, as it reads."""
    return text.startswith(_ASIDE_OPEN, start - 1) \
        and _FIGURES.place_compared_end.search(text, max(lo, start - _COMPARED_REACH), start) is not None


def money_named(before: str) -> bool:
    """Whether the words before a number with no unit close with a money measure (计划投资, 财政收入): it is in
    yuan."""
    return _FIGURES.money_before.search(before) is not None


def in_yuan(amount: Amount) -> Amount:
    """A number with no unit read as an amount of money (yuan)."""
    return Amount(amount.value, _FIGURES_WORDS.money_unit, "money", amount.more)


def _read_by_shape(text: str, m: re.Match[str], sent: Span, groups: tuple[str, str | None, str | None], *,
                   chinese: bool) -> tuple[Fig | None] | None:
    """A number read by a shape of its own before the general rules (七大项目 counted with 大, 百亿项目 a size,
    排名前进|12 a move): its figure or None for no figure, in a 1-tuple; None when no such shape reads it.
    ``groups`` are the match's number, unit and magnitude."""
    num, unit, mag = groups
    if unit == _SCORE_UNIT and not chinese \
            and _FIGURES.score_won_with.search(text, max(sent.start, m.start() - _SCORE_WIDTH), m.start()):
        amount = parse_amount(m)  # (以总分88.7分拔得头筹: a score a place won with, read apart from its ranking)
        return (None if amount is None else Fig(m.start(), m.end(), amount, role="score"),)
    if not (unit or mag):
        if text.startswith(_FIGURES_WORDS.great_mark, m.end()):
            return (_great_projects(text, m, sent),)
        return _unitless_read(text, m, sent, chinese)
    if chinese and unit and num in _FIGURES_SETS.bare_magnitudes \
            and text.startswith(_PROJECT_NOUN, m.end() - len(unit)):
        return (_sized_projects(m, num),)  # (百亿项目: 项 opening the noun read as the unit)
    return None


def _sized_projects(m: re.Match[str], num: str) -> Fig | None:
    """百亿项目: a bare magnitude right before the projects' noun sizes them (a threshold in CNY, as 百亿级项目)."""
    value = parse_number(num)
    if value is None:
        return None
    end = m.end() - len(m.group("unit"))
    return Fig(m.start(), end, Amount(value, _FIGURES_WORDS.money_unit, "money", False), role="threshold")


def _unitless_read(text: str, m: re.Match[str], sent: Span, chinese: bool) -> tuple[Fig | None] | None:
    """A number with no unit and no magnitude read by a shape of its own (排名前进|12 a move): its figure or None for
    no figure, in a 1-tuple; None when no such shape reads it."""
    if not chinese and _RANKINGS.bare_move_before.search(text, max(sent.start, m.start() - _MOVE_WORDS_MAX), m.start()):
        move = _bare_move(text, m, sent)
        return (move,) if move is not None else None  # (排名前进12家企业: read as any other number)
    if not chinese and _FIGURES.growth_unit_dropped_after.match(text, m.end(), sent.end) \
            and _FIGURES.growth_unit_dropped_before.search(text, max(sent.start, m.start() - _BEFORE_WIDTH), m.start()):
        amount = parse_amount(m)  # (…76.5亿元,增长26.9,: the % left out)
        return (Fig(m.start(), m.end(), as_percent(amount)) if amount is not None else None,)
    if _RANKINGS.bare_places_entering.match(text, m.end(), sent.end):
        amount = parse_amount(m)  # (浙江17县上榜, 甲市两地上榜: places counted as they enter a list, seats)
        return (Fig(m.start(), m.end(), Amount(amount.value, _COUNT, _COUNT, amount.more)) if amount else None,)
    return None


def _bare_move(text: str, m: re.Match[str], sent: Span) -> Fig | None:
    """排名比上年前进12 closing a clause: places moved in a ranking with no unit written (a move, as 前进12位 is);
    None when a noun follows the number (排名前进12家企业 is no move)."""
    if not _RANKINGS.bare_move_after.match(text[m.end():sent.end]):
        return None
    value = parse_number(m.group("num"))
    if value is None or not in_range(value):
        return None  # (排名前移1,000,000,000,000,000: digits grouped, or past any figure's bound: no move read)
    sign = -1 if _RANKINGS.move_down_end.search(text, sent.start, m.start()) else 1
    return Fig(m.start(), m.end(), Amount(value, None, _COUNT), role="move", sign=sign)


def _great_projects(text: str, m: re.Match[str], sent: Span) -> Fig | None:
    """共有七大项目成功签约, 十二大项目集中开工: projects counted with 大 (no unit) that did something right after
    their noun are a count of them; 实施十大项目 (nothing done) and a handful (三大项目, 四大项目集中开工) name a
    programme, no figure."""
    after = m.end() + len(_FIGURES_WORDS.great_mark)
    amount = parse_amount(m)
    words = text[after:sent.end]
    staged_before = _FIGURES.staged_before_count.search(text, max(sent.start, m.start() - _BEFORE_WIDTH), m.start())
    if amount is None or amount.value < _FEW_GREAT or not (_FIGURES.staged_project_noun_after.match(words)
                              or (staged_before and _FIGURES.project_noun_after.match(words))):
        return None  # (but 签约5大项目: a stage verb before them)
    return Fig(m.start(), after, Amount(amount.value, _COUNT, _COUNT, amount.more))


def _pointed_index(text: str, m: re.Match[str], amount: Amount | None) -> Fig | None:
    """较上年提高2.1点: an index's value or change with its points written after it (the 点 is no hour); None
    otherwise."""
    if amount is None or not text.startswith(_FIGURES_WORDS.index_point, m.end()):
        return None
    return Fig(m.start(), m.end() + 1, Amount(amount.value, None, _INDEX_KIND, amount.more))


def _index_value(text: str, m: re.Match[str], sent: Span) -> bool:
    """科学发展指数为69.4, …,与上年相比提高了0.2: a number written in digits right after an index's name and its
    verb, or after a verb of change in a sentence naming an index before it."""
    if text.find(_FIGURES_WORDS.index_word, sent.start, m.start()) < 0 or not m.group("num")[0].isdigit():
        return False  # (a plain find first: most sentences name no index)
    lo = max(sent.start, m.start() - _INDEX_REACH)
    return _FIGURES.index_before.search(text, lo, m.start()) is not None \
        or _FIGURES.index_change_before.search(text, lo, m.start()) is not None


def _magnitude_as_label(before: str, after: str, num: str) -> bool:
    """“千亿城区”, “千亿县”: a label in quotes, part of a name; 连跨两个千亿台阶, 迈上五个百亿台阶: thresholds passed,
    counted; no amount either way."""
    if _FIGURES.quoted_label.match(before[-1:] + after):
        return True
    return num in _FIGURES_SETS.bare_magnitudes and _FIGURES.marks_counted_end.search(before) is not None


def _unitless_may_count(text: str, m: re.Match[str], num: str) -> bool:
    """A number without unit or magnitude: a bare magnitude (千亿) or an item of a list (0.74和…)."""
    if not num[0].isdigit():
        return num in _FIGURES_SETS.bare_magnitudes  # 一般, 一是: no figure (and cn2an is slow)
    return text[m.end():m.end() + 1] in _FIGURES_SETS.list_chars  # a year, a day, an ordinal


def _not_a_figure(before: str, after: str, amount: Amount, chinese: bool, *, magnitude: bool = False) -> bool:
    """第3, 前5, PM2.5, 2023年: a number that is an ordinal, part of a name or a date."""
    if before.endswith(_FIGURES_WORDS.ordinal_before) and not before.endswith(
            _FIGURES_WORDS.not_ordinal_before):
        return True
    if not chinese and before[-1:].isascii() and before[-1:].isalpha() and not (
            amount.unit is not None and before.upper().endswith(_MEASURE_ABBREVIATIONS)):
        return True  # PM2.5, G20: a digit glued to letters is part of a name (not GDP186.4亿元: a measure's)
    if magnitude and after.startswith(_MILESTONE_AFTER):
        return False  # (突破3000亿大关: the magnitude's figure a milestone passed, not 七大)
    return bool(_FIGURES.not_after.match(after)) and amount.unit is None


def _bare_number(start: int, end: int, amount: Amount, after: str, chinese: bool, num: str) -> Fig | None:
    """A number with no unit: a bare magnitude before a noun, or a list item waiting for its unit."""
    if chinese:
        if num in _FIGURES_SETS.bare_magnitudes and (after.startswith(_FIGURES_WORDS.class_mark)
                                                              or is_cjk(after[:1])):
            role: Role = "threshold" if _FIGURES.class_of_projects.match(after) else "bare_mag"
            return Fig(start, end, amount, role=role)
        return None
    if _FIGURES.list_continues.match(after):
        return Fig(start, end, amount, role="bare")
    return None


def measures_of_a_method(after: str) -> bool:
    """五大类53项|指标。, 设置5个|一级指标,: whether a count is of the measures an evaluation's method uses, nothing
    said of them.

    >>> measures_of_a_method("核心指标,构建了")
    True
    >>> measures_of_a_method("指标处于上升区间")
    False
    """
    return _FIGURES.measures_of_a_method_after.match(after) is not None


def peers_looked_at(text: str, start: int) -> bool:
    """从|6个|旗县市增速看: whether the count at ``start`` stands in a look at places of a kind (:data:`lists.
    places_looked_at`, the frame a list of places opens with): the peers looked at counted, no figure.

    >>> peers_looked_at("从6个旗县市增速看,", 1), peers_looked_at("共有6个县区", 2)
    (True, False)
    """
    return start > 0 and _LISTS.places_looked_at.match(text, start - 1) is not None


def _not_a_measure(text: str, start: int, end: int, amount: Amount, before: str, after: str, chinese: bool,
                   m: re.Match[str]) -> bool:
    """两个维护, 等8项指标, 49个国家级开发区, 6个月, 排名前移46位, (16.8%): no measure of its own."""
    counted = amount.kind in COUNTED
    if m.group("unit") == _MINUTE and _FIGURES.clock_hour_end.search(before):
        return True  # 上午9点30分: a time of day
    if chinese and m.group("unit") in _FIGURES_SETS.batch_units:
        return True  # 签约一批项目: a batch, no count (its investment after is a batch's, projects.py)
    if chinese and _chinese_slogan(amount, m) and not (
            _FIGURES.counted_after_noun.search(before) and _FIGURES.count_closes.match(after)) \
            and not _chinese_projects_count(amount, before, after):
        return True  # (but 10亿元以上项目两个, 签约六个项目: a count written after what it counts, or of projects)
    if counted and before.endswith(_FIGURES_WORDS.enumeration_end) \
            and not _FIGURES.project_noun_after.match(after):
        return True  # 等8项指标, 等5个区域: the size of an enumeration (but 等27个项目 counts them)
    if counted and _FIGURES.per_time_before.search(before):
        return True  # 平均每天都有1个重大项目落户: a rate over time, no count of its own
    if counted and _FIGURES.field_counted_before.search(before):
        return True  # 位列全省|38个B类县(市)…第二位: the peers of the ranking counted
    if counted and (peers_looked_at(text, start) or measures_of_a_method(after)):
        return True  # 从|6个旗县市增速看: the peers looked at counted; 五大类53项|指标: a method's measures
    group = _FIGURES.group_after.match(after) if counted else None
    if counted and ((group and not _FIGURES.entered_before.search(before) and _PROJECT_NOUN not in group.group(0)
                     and passes_a_mark(text, start, end, len(text)) is None
                     and did_a_thing(text, start, end, len(text)) is None)
                    or _FIGURES.duration.match(after)):
        # 49个国家级开发区: a group of places is a subject (but 各入围13个城市: seats on a list; 32个项目落户园区:
        # projects, the zone where they went; 14个开发区增速超过30%: how many passed a mark); 6个月: a duration
        return True
    if counted and _FIGURES.names_listed_end.search(before) and _FIGURES.group_entering.match(after) \
            and did_a_thing(text, start, end, len(text)) is None:
        return True  # 甲、乙、丙3家高新区进入全国前100名: the places just listed, a group (but 山东8个园区入选: seats)
    if counted and _FIGURES.kinds_counted_after.match(after) and _FIGURES.kinds_listed_end.search(before):
        return True  # 甲业、乙业3个行业增加值分别增长…: how many kinds were just listed, each its own figure after
    if amount.kind == "count" and _FIGURES.not_a_count.match(after):
        return True
    if amount.kind == "person" and _FIGURES.place_counted_before.search(before) \
            and _FIGURES.place_unit_end.search(text, start, end):
        return True  # 排名后10位, 排名在85名以后, 倒数5名: places in a ranking, no persons counted
    # an aside: 平均增速(16.8%); but the figure of a period compared with is the measure's then (较上年同期(3.2%)大幅
    # 增长), read with the change after it when one follows (比一季度(-10.8%)回升2.1个百分点: indicators.change_role)
    return text[start - 1:start] == "(" and text[end:end + 1] == ")" \
        and (_FIGURES.period_compared_end.search(before) is None
             or _FIGURES.change_after_aside.match(after) is not None) \
        and _FIGURES.place_compared_end.search(before) is None \
        and not (amount.kind == "percent" and _FIGURES.listed_name_bracket_end.search(before)
                 and _FIGURES.listed_name_bracket_after.match(after))


def _chinese_projects_count(amount: Amount, before: str, after: str) -> bool:
    """签约六个项目, 十余个项目破土动工, 五个项目成功签约: a count in Chinese numerals of projects — after a stage
    verb, a vague one (余, 多: no programme is named so), or one under ten with a stage verb right after their
    noun (一个项目一个专班 says none: a slogan). An exact one of ten or more with no stage verb before it (二十个重大
    项目) stays a programme's name, as before."""
    if not _FIGURES.project_noun_after.match(after):
        return False
    if _FIGURES.staged_before_count.search(before):
        return True
    if amount.kind == "count" and _FIGURES.vague_before.search(before):
        return True  # (近百个项目集中开工, 上百个项目: about or over a round number)
    return amount.kind == "count" and (amount.more or (
        amount.value < _TEN and bool(_FIGURES.staged_project_noun_after.match(after))))


def _chinese_slogan(amount: Amount, m: re.Match[str]) -> bool:
    """两个维护, 三大战略, 万家民营企业评营商环境: a small Chinese numeral, or a magnitude alone (百家, 千项), is
    a slogan's or a name's, not a count (三千万元, 三万家 still count)."""
    if amount.kind in COUNTED and (amount.value < 10 or m.group("num") in _FIGURES_SETS.lone_magnitudes):
        return True
    # (增长一倍, 两倍: a multiple written in Chinese is a change, no slogan)
    return amount.kind not in ("money", "percent", "times") and m.group("mag") is None and amount.value < 100


def _is_threshold(text: str, start: int, end: int, sent: Span) -> bool:
    """亿元以上项目, 超10亿元企业, 100亿元或10亿美元以上大项目: money that sizes a class, not an amount."""
    after = text[end:min(sent.end, end + 20)]
    before = text[max(sent.start, start - 4):start]
    above = _FIGURES.threshold_after.match(after)
    if above:
        rest = after[above.end():]
        if _FIGURES.projects_after_class.match(rest) or _FIGURES.class_of_units.match(rest):
            return True
        if rest.startswith(_ASIDE_CLOSE) and before.endswith(_ASIDE_OPEN):
            return True  # (固定资产投资(500万元以上)完成…: the class of what the measure counts, said in an aside)
    if _FIGURES.alternative_class.match(after) or _FIGURES.sized_projects.match(after) \
            or _FIGURES.sized_kind_counted.match(after) or _FIGURES.range_class.match(after) \
            or (_FIGURES.range_high_class.match(after) and _FIGURES.range_high_before.search(before)):
        return True  # (亿元项目15个, 6000万美元韩资项目1个, 3亿元-5亿元的项目: projects of that size)
    if (above or _FIGURES.over_end.search(before)) and (_FIGURES.class_counted_after.match(after)
                                                        or _FIGURES.class_count_after.match(after)):
        return True  # (其中亿元以上的11个, 过亿元的11个, 过10亿元7个: a size class counted, its noun left out)
    if _FIGURES.class_count_after.match(after) and before.endswith(_SIZE_LIST_ENDS):
        return True  # (其中50亿元1个、10亿元3个: sizes of the projects counted, in a list of counts)
    if after.startswith(_ASIDE_CLOSE) and _FIGURES.bound_aside_before.search(before):
        return True  # (5-10亿元(不含10亿元)项目: a bound of the size class said again)
    return bool(_FIGURES.over_end.search(before) and (
        _FIGURES.project_noun_after.match(after) or _FIGURES.class_of_units.match(after)))


_RATE_KINDS = ("pp", "percent")


def _give_list_units(text: str, figs: list[Fig]) -> list[Fig]:
    """The unit of a list's last figure applies to the bare numbers before it (0.68和17.56个百分点)."""
    for i in range(len(figs) - 1, -1, -1):
        f = figs[i]
        if i + 1 < len(figs) and f.amount.kind == "count" and figs[i + 1].amount.kind == "pp" \
                and text.startswith(_FIGURES_WORDS.points_classifier, f.end - 1) \
                and _WALK.list_separator.match(text[f.end:figs[i + 1].start].strip() or "x"):
            f.role = "bare"  # (1.2个、0.5个百分点: points, each with its 个)
        if f.role != "bare" or i + 1 >= len(figs) or figs[i + 1].amount.unit is None:
            continue
        nxt = figs[i + 1]
        sep = text[f.end:nxt.start].strip() or "x"
        if not (_WALK.list_separator.match(sep) or _WALK.range_mark.match(sep)
                or (nxt.amount.kind in _RATE_KINDS and _FIGURES.baseline_item_sep.match(sep))):
            continue  # (高于全国0.7、全省2.3个百分点: points against each baseline, the unit written once)
        a = nxt.amount
        value = f.amount.value
        if a.kind in _scaled_kinds() and a.value != 0:
            value = value * _unit_factor(text, nxt)
        if not in_range(value):
            continue  # 9999999999999999和1亿元: scaled, the bare number is no figure
        f.amount = Amount(value, a.unit, a.kind, f.amount.more)
        # (5-|10亿元项目: the low end of a range sizing projects sizes them too)
        f.role = "threshold" if nxt.role == "threshold" and _WALK.range_mark.match(sep) else "level"
    return [f for f in figs if f.role != "bare"]


def _unit_factor(text: str, fig: Fig) -> Decimal:
    """The multiplier a bare number takes from the unit of the figure after it (亿元 → 1e8)."""
    m = figure_regex().match(text, fig.start, fig.end)
    if m is None:
        return Decimal(1)
    raw = parse_number(m.group("num") or "1") or Decimal(1)
    return fig.amount.value / raw if raw else Decimal(1)
