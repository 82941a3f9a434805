"""Tables as text: ranked tables, and tables of figures under column labels.

A ranked table as text (``1 | 苏州工业园区 | 江苏 | 2 | 广州经济技术开发区 | 广东 …``, or one row per line:
``1苏州工业园区江苏``) is a ranking fact per row when the places of its rows run on (1, 2, 3, …),
each names a zone or place, and a caption before the first row names the ranked list
(2021国家级经开区综合实力榜单, 2018年国家级经开区综合发展水平前30强名单): the caption's peers are the
field (国家级经开区), the words after them the measure (综合实力), its year the period.

A table of figures (cells parted by ``|``: ``指标名称 | 增长(%) | 产销率(%) | 工业增加值 | -7.8 | 95.4 | #轻工业 |
-6.0 | 96.2 …``) is read from its column labels: each row is a name and as many numbers as the
table has columns; a column labelled with a unit gives a level (产销率(%) → 轻工业产销率 96.2%), a
growth column (增长%, 累计增长) the change of the level before it, or of the row's measure when no
level comes first; a level whose unit is written nowhere (neither in its label nor as 单位:万元
above the table) is no figure. A row marked # or 其中 is part of the row above it.

The column labels are read as a statistics release writes them: wrapped onto a line of their own (累计⏎增长%), grouped
by an upper line (本月 | | 1-5月 |⏎| 绝对值 | 增长% | …), over a line of units, or a unit alone; a period opening a
label (1-9月累计), a year before (去年同期), a basis (环比). Units come from a unit column, the label, the caption or
the row label (carried down to the rows under it); a rate's change is in points; rows of years, growth rows,
headings and 其中: lines among the rows, tables of shares (…构成) and rows saying all themselves (甲 | 12.3亿元 |
增长5%) are read; a first column of places or numbers, and a table of projects one a row, give no figure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from zhibiao.extract.changes import basis_of
from zhibiao.extract.context import DocContext
from zhibiao.extract.figures import in_yuan, money_named
from zhibiao.extract.names import clean_list_item, last_match, strip_chars
from zhibiao.extract.periods import PeriodMention, find_periods, judged_year, period_string, resolve_period
from zhibiao.extract.projects import category_of, is_investment_name, mentions_projects, stage_of, threshold_in
from zhibiao.extract.quantities import Amount, figure_regex, parse_amount, parse_number
from zhibiao.extract.rankings import (
    evaluation_before,
    evaluation_field,
    evaluation_field_before,
    evaluation_period,
    field_of_kind,
    place_whole,
    whole_of_place,
)
from zhibiao.extract.state import FactLog
from zhibiao.lexicon import Shapes, Words, WordSets, is_cjk
from zhibiao.model import Basis, Change, Indicator, Projects, Ranking
from zhibiao.resolve.indicators import canonical_indicator
from zhibiao.resolve.subjects import SubjectFinder, expand_zone

__all__ = ["figure_tables", "ranked_tables"]

_TABLES = Shapes("tables")
_CHANGES = Shapes("changes")
_TABLE_SETS = WordSets("table")
_TABLE_WORDS = Words("table")
_RANKINGS = Shapes("rankings")
_PROJECTS = Shapes("projects")
_COUNT = "count"  # (the unit of a count)
_RANKING_WORDS = Words("ranking")
_COUNTRY_WORDS = frozenset(_RANKING_WORDS.country_words)  # (中国, 全国: the nation as a field, written 全国)
_POSSESSIVE = Words("name").possessive  # (的)
_GROUP_ROW_MAX = 4  # (the longest row under a caption over places taken as a group of them: 东部地区)
_TABLE_RULE = "indicator.table.v1"
_GENERIC_CAPTIONS = tuple(_TABLE_WORDS.generic_captions)
_CAPTION_QUOTES = "“”\""  # (around a list's name in its caption)
_LAST_YEAR_COLUMNS = frozenset(_TABLE_WORDS.last_year_columns)
_PROJECT_NAME_COLUMNS = frozenset(_TABLE_WORDS.project_name_columns)
_INDUSTRIES = frozenset(Words("name").industries)
_TERTIARY_SECTORS = tuple(_TABLE_WORDS.tertiary_sectors)
# What parts the cells of a line (a run of spaces only between two cells, never as an indent).
_CELL_MARKS = ("|", "\t", "  ", "\u3000\u3000")
_MARK_CHARS = "| \t\u3000"  # (what may stand around a row's cells on its line)
_RANK_HEADS = frozenset(_TABLE_WORDS.rank_columns)
_ORDER_HEADS = _RANK_HEADS | frozenset(_TABLE_WORDS.order_columns)
_TEXT_COLUMNS = frozenset(_TABLE_WORDS.text_columns)  # (主要产业: a column of words describing each row)
_ECONOMY_WORDS = frozenset(_TABLE_WORDS.economy_measures)  # (经济: ranked by its first column's measure)
_RANKED_ROW_MIN = 3  # (a place, a name and a figure at least)
_SECTION_WIDTH = 12  # (how long a heading line within a table may be)
_SAID_ROW = 3  # (a row saying all itself: its measure, its level, its change)
_CHANGE_VERBS = (*_TABLE_WORDS.rise_cells, *_TABLE_WORDS.fall_cells)  # (what such a row's change opens with)
_HEADING_STOPS = ",。;,"  # (what no heading line within a table holds)
# How far before a table of figures its caption (period, unit) may stand.
_HEAD_WIDTH = 200
# An index column (上年=100) states growth as the index less this.
_INDEX_BASE = Decimal(100)
# How many columns of places a ranked table may run in side by side.
_COLUMNS_MAX = 2
# A table needs this many rows in a row whose places run on: two could be any numbered lines.
_MIN_ROWS = 3
_MIN_ROWS_SPREAD = 2  # (lines of ranks with their figures, prose between: two say a list)
_RANK_LINE_MARK = _TABLE_WORDS.rank_line_mark  # (名: a plain check before the lines' shape)
# How far a row's name may run (the longest zone names are about 15 characters).
_NAME_WIDTH = 24
# How far before its first row a caption may stand (with a header row between: 排行 | 名称 | 省份).
_CAPTION_WIDTH = 160
_SENTENCE_END = "。"
_PERCENT = "%"
# A table laid out one cell a line: at least a header and two rows, and as many numbers alone on their lines.
_MIN_CELL_LINES = 8
_MIN_NUMBER_LINES = 4
# What the cells of the rule under a Markdown table's header open with (---, :---).
_RULE_STARTS = "-:："
_YEAR = "year"  # (the kind of a period mention that is a year alone)
_MONTH_WORD = _TABLE_WORDS.month_word
_RANK_MAX = 1000  # (a place in a table of places: a whole number below this)
# What may follow a numbered place on its line under a heading (江苏, 1234.5): a short cell, no clause.
_ROW_TAIL_MAX = 12
_ROW_TAIL_STOPS = ",;:。"
_CELL_ENDS = ("", "\n", "|", " ", "\t", "\u3000")  # (what may close a cell naming a place by its short name)
_HEADING_LINES = 2  # (the heading, and a header line of column names under it)
_SCORE_WORDS = frozenset(Words("ranking").score_words)
_SCORE = Amount(Decimal(1), Words("figures").score_unit, "other")
_UNITLESS = Amount(Decimal(1), None, "index")  # (an index's level: no unit, FACTS.md)
_HEADER_CELLS_MAX = 8  # (how many column names a ranked table laid out one cell a line may have)
_GROWTH_HEAD: str = _TABLE_WORDS.growth_head  # (the place after a column of growth rates is the measure's growth's)
_GROWTH_HEADS = tuple(_TABLE_WORDS.growth_heads)
_FLAT_CELLS = frozenset(_TABLE_WORDS.flat_cells)  # (持平: a change of nought)
_POINTS: str = _TABLE_WORDS.points_word  # (a label or cell saying its changes are in percentage points)
_SHARE_OF: str = _TABLE_WORDS.share_of
_SHARE_HEAD: str = _TABLE_WORDS.share_head


@dataclass(frozen=True, slots=True)
class _Row:
    start: int  # where the place is written
    rank: int
    name: str | None  # the zone or place ranked, when the row names one
    end: int  # where the name ends (the place's end when it has none)


def ranked_tables(doc: DocContext, start: int, end: int, log: FactLog) -> None:
    """Add to ``log`` a ranking fact for every named row of each ranked table in ``[start, end)``.

    A ranked table follows a word that names a ranked list (榜单, 前30强, TOP10): rows are looked
    for only after one, and most reports have none.
    """
    _members_on_lines(doc, start, end, log)
    _places_on_lines(doc, start, end, log)
    _ranks_with_figures_on_lines(doc, start, end, log)
    read = _anchored_runs(doc, start, end, log)
    _runs_under_headings(doc, start, end, log, read)


def _anchored_runs(doc: DocContext, start: int, end: int, log: FactLog) -> list[tuple[int, int]]:
    """The ranked tables after a word naming a ranked list, read into ``log``; the spans of their rows."""
    text = doc.text
    read: list[tuple[int, int]] = []
    if not _may_name_a_list(text, start, end):
        return read
    bound = start
    for anchor in _TABLES.list_anchor.finditer(text, start, end):
        if anchor.start() < bound:
            continue  # inside a table already read (or a word of its caption)
        run = _run(doc, anchor.end(), end)
        if run is None:
            continue
        caption = _caption(text, max(bound, run[0].start - _CAPTION_WIDTH), run[0].start) \
            or _evaluation_caption(text, run[0].start)
        if caption is not None and caption.scope is None:  # (某市各区县GDP排名: the field the heading's places say)
            caption = _heading_caption(text, run[0].start, doc.finder) or caption
        if caption is not None:
            _add_rows(doc, run, caption, log)
            read.append((run[0].start, run[-1].end))
        bound = run[-1].end
    return read


def _may_name_a_list(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may hold a caption naming a ranked list (most reports do not: plain finds, and a
    literal-led search first)."""
    return any(w in text for w in _TABLE_WORDS.list_words) or any(w in text for w in _TABLE_WORDS.top_words) \
        or _TABLES.top_n.search(text, start, end) is not None \
        or (any(w in text for w in _TABLE_WORDS.heading_ranks) and _TABLES.rank_heading.search(text, start, end)
            is not None) \
        or (_TABLE_WORDS.strong_mark in text and _TABLES.size_group_line.search(text, start, end) is not None)


def _runs_under_headings(doc: DocContext, start: int, end: int, log: FactLog, read: list[tuple[int, int]]) -> None:
    """2020年十大营商环境最好的省份⏎序号省市⏎1甲省⏎2乙省⏎3丙省: places numbered 1, 2, 3 … one a line, each line
    the place alone (or with a short cell: its province, its figure), under a heading that orders them (十大, 最好,
    排名, 前10, 百强…) are a ranked list with no word naming it: the rows themselves show the order. The heading is
    the measure (its kind of peers and its size dropped), its year the period, its peers or kind the field."""
    text = doc.text
    for first in _at_line_starts(_TABLES.first_line_row, text, start, end):
        if any(a <= first.start() < b for a, b in read):
            continue  # (a table read after its list's name)
        run = _run(doc, first.start(), end)
        if run is None or run[0].rank != 1 or not all(_row_alone_on_line(text, row) for row in run):
            continue
        caption = _heading_caption(text, run[0].start, doc.finder)
        if caption is None:
            continue
        _add_rows(doc, run, caption, log)
        read.append((run[0].start, run[-1].end))


def _row_alone_on_line(text: str, row: _Row) -> bool:
    """Whether a numbered row opens its line and names a place with at most a short cell after it on that line (not a
    numbered point: 1.甲县完成投资…)."""
    if row.name is None or text[row.start] == "|":
        return False
    line_end = text.find("\n", row.end)
    rest = text[row.end:len(text) if line_end < 0 else line_end].strip(_MARK_CHARS)
    if len(rest) <= _ROW_TAIL_MAX and not any(c in rest for c in _ROW_TAIL_STOPS):
        return True
    # (1 | 甲县 | 612.4 | 6.5: the place's figures in cells of their own after it, and words describing it in a last
    # one: 1 | 甲市 | 9560 | 5.8 | 钢铁、煤炭 |)
    cells = [cell.strip() for cell in _TABLES.cell_mark.split(rest)]
    if len(cells) > 1 and not _TABLES.number_like.fullmatch(cells[-1]) \
            and not any(c in cells[-1] for c in _ROW_TAIL_STOPS):
        cells.pop()
    return all(_TABLES.number_like.fullmatch(cell) for cell in cells)


def _heading_caption(text: str, first_row: int, finder: SubjectFinder) -> _Caption | None:
    """The heading over numbered rows: the nearest line before them (a header line of column names between,
    序号省市 / 排名 县市, skipped) when it is short, no sentence, and orders what it names."""
    lines, labels = _without_header([x.strip() for x in text[max(0, first_row - _CAPTION_WIDTH):first_row].split("\n")])
    if not lines:
        return None
    line = _TABLES.row_ordinal.sub("", lines[-1])  # (二、甲省主要城市经济排名: the section's number no part of it)
    caption = _judged(text, _heading_of_places_or_order(line, labels, finder))
    if caption is not None or not (aside := _TABLES.heading_year_aside.search(line)):
        return caption
    # (河北省主要城市经济排名(2023年数据): the heading without the year of its figures, that year its period)
    caption = _judged(text, _heading_of_places_or_order(line[:aside.start()], labels, finder))
    return replace(caption, period=caption.period or _year_period(aside.group("year"))) if caption else None


def _heading_of_places_or_order(line: str, labels: list[str], finder: SubjectFinder) -> _Caption | None:
    """The caption a heading line over numbered rows gives (:func:`_heading_caption`), None when it gives none."""
    places = _TABLES.heading_places.fullmatch(line)
    if places is not None:  # (2019年某市38区县排名: the place's whole the field, the heading's or the figures' measure)
        # (甲省主要城市经济排名 over 排名 | 城市 | 地区生产总值(亿元): the economy ranked by the first column's measure)
        measure = places.group("measure")
        measure = (_first_figure_label(labels) or measure) if not measure or measure in _ECONOMY_WORDS else measure
        return _Caption(whole_of_place(finder, places.group("field")), measure, _year_period(places.group("year")))
    heading = _TABLES.heading.fullmatch(line)
    ranked = bool(labels) and labels[0] in _RANK_HEADS  # (排名 | 地区 | …: the rows' places say the order)
    if heading is None or not (ranked or _TABLES.heading_order.search(heading.group("body"))):
        return None
    body = heading.group("body")
    peers = _TABLES.peers.match(body)
    kind = _TABLES.heading_kind.search(body)
    scope = _peers_field(peers) if peers else evaluation_field(body) or (field_of_kind(kind.group(0)) if kind else None)
    measure = _TABLES.heading_size.sub("", _TABLES.peers_each.sub("", body[peers.end():] if peers else body))
    # (…GDP排名: the measure ranked, not the list; 营商环境最好的十个省份: the kind ranked and how many, no measure)
    measure = _TABLES.heading_list_word.sub("", _TABLES.heading_kind.sub("", measure))
    return _Caption(scope, strip_chars(measure) or None, _year_period(heading.group("year")))


def _without_header(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines before numbered rows without the column names heading them, and those names: a header line (排名 |
    地区 | 生产总值(亿元)), or names one a line from the rank column's on (排名⏎地区⏎生产总值(亿元)⏎增速(%))."""
    lines = [x for x in lines if x]
    for k in range(len(lines) - 1, max(-1, len(lines) - 1 - _HEADER_CELLS_MAX), -1):
        if lines[k] in _ORDER_HEADS and all(_TABLES.label_line.fullmatch(x) for x in lines[k + 1:]):
            return lines[:k][-_HEADING_LINES:], lines[k:]
    lines = lines[-_HEADING_LINES:]
    labels: list[str] = []
    while lines and _TABLES.header_line.fullmatch(lines[-1]):
        labels = [c.strip() for c in _TABLES.cell_mark.split(lines.pop()) if c.strip()]
    return lines, labels


def _first_figure_label(labels: list[str]) -> str | None:
    """The measure of the first column of figures a ranked table's column names give (生产总值(亿元) → 生产总值)."""
    for label in labels:
        name, unit = _label_and_unit(label)
        if unit is not None:
            return strip_chars(name) or None
    return None


def _at_line_starts(rx: re.Pattern[str], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of ``rx``, a shape opening with a line's start (``(?m)^``) whose matches hold no line break, in
    ``text[start:end]``: those of ``rx.finditer(text, start, end)``, found by a match at each line's start (a
    search tries the shape at every character of the report, each try failing at the line start test but a few).

    >>> rx = re.compile(r"(?m)^\\d+$")
    >>> text = "12\\nab\\n3\\n\\n45"
    >>> [m.span() for m in _at_line_starts(rx, text, 1, 11)] == [m.span() for m in rx.finditer(text, 1, 11)]
    True
    """
    at = start if start == 0 or text[start - 1] == "\n" else text.find("\n", start, end) + 1
    if at == 0 and start > 0:
        return  # (no line starts in the span)
    done = start
    while at <= end:
        if at >= done:
            m = rx.match(text, at, end)
            if m is not None:
                yield m
                done = m.end()
        line_break = text.find("\n", at, end)
        if line_break < 0:
            return
        at = line_break + 1


def _members_on_lines(doc: DocContext, start: int, end: int, log: FactLog) -> None:
    """河南4个镇入选中部百强镇, then one place a line: each member in the group entered (its size the place), the group
    its measure, its field the one its name opens with, its period the evaluation's named before."""
    text = doc.text
    if _TABLE_WORDS.strong_mark not in text:
        return  # (most reports: no group of a size)
    for head in _at_line_starts(_TABLES.members_line, text, start, end):
        size = _group_size(head.group("group"))
        count = parse_number(head.group("count"))
        if size is None or count is None:
            continue
        members: list[tuple[str, int, int]] = []
        for line in _TABLES.member_line.finditer(text, head.end(), end):
            between = text[(members[-1][2] if members else head.end()):line.start()]
            place = _line_place(doc, line.group("place"))
            if between.strip() or place is None or len(members) == count:
                break
            members.append((place, line.start("place"), line.end("place")))
        if len(members) < _MIN_ROWS:
            continue
        group = head.group("group")
        period = evaluation_period(text, head.start())
        for place, a, b in members:
            r = Ranking(subject=place, period=period, indicator=group, scope=evaluation_field(group), rank=size,
                        top=False, qualifier=None, rule="ranking.table.v1")
            doc.set_quote(r, a, b)
            log.add(r)


def _places_on_lines(doc: DocContext, start: int, end: int, log: FactLog) -> None:
    """在…全国综合竞争力百强县(市)榜单中,某省占6席。分别是——⏎甲市 第13位⏎乙县 第38位⏎丙县 第41位: places one a
    line, each with the place it holds, rising, under a caption naming the ranked list (its field, measure and year)."""
    text = doc.text
    if not _may_name_a_list(text, start, end):
        return  # (no caption for such lines)
    rows: list[_Row] = []
    for line in _at_line_starts(_TABLES.place_line, text, start, end):
        place = _line_place(doc, line.group("place"))
        rank = parse_number(line.group("n"))
        row = _Row(line.start("place"), int(rank), place, line.end()) if place is not None and rank else None
        if rows and (row is None or text[rows[-1].end:line.start()].strip() or row.rank <= rows[-1].rank):
            _rows_under_caption(doc, rows, log)
            rows = []
        if row is not None:
            rows.append(row)
    _rows_under_caption(doc, rows, log)


def _ranks_with_figures_on_lines(doc: DocContext, start: int, end: int, log: FactLog) -> None:
    """某省各市财政收入…⏎第一名:甲市(财政收入:297.67亿)⏎…⏎第二名:乙市(财政收入:87.64亿): each line a place, its rank,
    the measure it is ranked by and its level — a ranking and an indicator each, in the field of the places of a kind
    said before the first (the whole of the place before 各), of the period said before it."""
    text = doc.text
    if _RANK_LINE_MARK not in text:
        return  # (most reports: no such lines)
    lines = list(_TABLES.rank_line_figure.finditer(text, start, end))
    if len(lines) < _MIN_ROWS_SPREAD:
        return
    first = lines[0].start()
    kinds = last_match(_TABLES.kinds_of_place, text[max(0, first - _CAPTION_WIDTH):first])
    scope = place_whole(doc.finder, kinds.group("field")) if kinds is not None else None
    period = _resolved(_table_period(doc, first), doc)
    for line in lines:
        place = _line_place(doc, line.group("place"))
        rank = parse_number(line.group("n"))
        found = figure_regex().fullmatch(line.group("figure").strip())
        amount = parse_amount(found) if found is not None else None
        if place is None or rank is None:
            continue
        measure = line.group("measure")
        if amount is not None and amount.unit is None and money_named(measure):
            amount = in_yuan(amount)  # (财政收入:297.67亿: in yuan)
        if scope is not None:
            r = Ranking(subject=place, period=period, indicator=measure, scope=scope, rank=int(rank), top=False,
                        qualifier=None, rule="ranking.table.v1")
            doc.set_quote(r, line.start("n") - 1, line.end())
            log.add(r)
        if amount is not None and amount.unit is not None:
            ind = Indicator(subject=place, name=measure, period=period, value=amount.value, unit=amount.unit,
                            change=None, qualifier=None, parent=None, rule=_TABLE_RULE)
            doc.set_quote(ind, line.start("place"), line.end())
            log.add(ind)


def _rows_under_caption(doc: DocContext, rows: list[_Row], log: FactLog) -> None:
    """The ranking facts of a run of places one a line (see _places_on_lines), when there are enough of them and a
    caption before the first names the list."""
    if len(rows) < _MIN_ROWS:
        return
    caption = _caption(doc.text, max(0, rows[0].start - _CAPTION_WIDTH), rows[0].start)
    if caption is not None:
        _add_rows(doc, rows, caption, log)


def _group_size(group: str) -> int | None:
    """The size of a top-N group (中部百强镇 → 100, 50强 → 50)."""
    m = _TABLES.group_size.search(group)
    n = parse_number(m.group("n")) if m is not None else None
    return int(n) if n is not None and n > 0 else None


def _line_place(doc: DocContext, words: str) -> str | None:
    """The place a line names (河南许昌市禹州市神垕镇: a town after its province and county, as written)."""
    named = doc.finder.entity_named(words)
    if named is not None:
        return named
    written = _TABLES.written_row_place.fullmatch(words) or _RANKINGS.written_town.fullmatch(words)
    return words if written is not None else None


def _run(doc: DocContext, lo: int, end: int) -> list[_Row] | None:
    """The rows whose places run on (1, 2, 3 …) from the first row within reach of ``lo`` — or only rise, under a
    header naming the rank column (全国排名 | 名称 |: some members of a list, each with its own place)."""
    text = doc.text
    first = _TABLES.row.search(text, lo, min(end, lo + _CAPTION_WIDTH))
    if first is None:
        return None
    if _TABLES.rank_column.search(text, lo, first.start()):
        return _rising_run(doc, first, end)
    run = [_row(doc, first)]
    nexts = [run[0].rank + 1]  # (the next place of each column: a table may run in two, 1 | 甲 | 51 | 乙 | 2 | …)
    for m in _TABLES.row.finditer(text, run[0].end, end):
        row = _row(doc, m)
        if row.start < run[-1].end:
            break
        if row.rank in nexts:
            nexts[nexts.index(row.rank)] = row.rank + 1
        elif len(nexts) < _COLUMNS_MAX and len(run) == 1 and row.rank > run[0].rank + 1:
            nexts.append(row.rank + 1)  # (the second column's first row, right after the first's)
        else:
            break
        run.append(row)
    named = sum(r.name is not None for r in run)
    return run if len(run) >= _MIN_ROWS and named >= _MIN_ROWS else None


def _rising_run(doc: DocContext, first: re.Match[str], end: int) -> list[_Row] | None:
    """The rows from ``first`` on whose places rise, each naming a place; None when fewer than a table's rows do."""
    run = [_row(doc, first)]
    for m in _TABLES.row.finditer(doc.text, run[0].end, end):
        row = _row(doc, m)
        if row.start < run[-1].end or row.rank <= run[-1].rank or row.name is None:
            break
        run.append(row)
    return run if len(run) >= _MIN_ROWS and run[0].name is not None else None


def _row(doc: DocContext, m: re.Match[str]) -> _Row:
    """The row whose place ``m`` matched (1 | …, 第一名:…, No.1 …): the zone or place name right after it,
    if any."""
    pos = m.end()
    chunk = doc.text[pos:pos + _NAME_WIDTH]
    finder = doc.finder
    group = next(g for g in ("n", "nth", "no") if m.group(g))
    start, rank = m.start(), int(parse_number(m.group(group)) or 0)
    for z_start, z_end, name in finder.zone_mentions(chunk)[:1]:
        # 上海漕河泾新兴技术开发区: a name whose prefix the gazetteer does not know runs from the row start
        if all(is_cjk(c) for c in chunk[:z_start]):
            return _Row(start, rank, expand_zone(chunk[:z_start] + name), pos + z_end)
    opening = finder.place_opening(chunk)  # (昆山市, 江苏昆山市: a place opening the row)
    if opening is not None:
        town = _TABLES.town_after.match(chunk, opening[1])  # (河北正定县新城铺镇: the town, with its county)
        if town is not None:
            return _Row(start, rank, opening[0] + town.group(0), pos + town.end())
        return _Row(start, rank, opening[0], pos + opening[1])
    written = _TABLES.written_row_place.match(chunk)  # (店口镇, 柯桥街道: towns the gazetteer lacks)
    if written is not None:
        return _Row(start, rank, written.group(0), pos + written.end())
    short = finder.place_or_short_opening(chunk)  # (1浙江⏎2广东: a place by its short name, the cell's whole words)
    if short is not None and chunk[short[1]:short[1] + 1] in _CELL_ENDS:
        return _Row(start, rank, chunk[:short[1]], pos + short[1])
    return _Row(start, rank, None, m.end(group))


@dataclass(frozen=True, slots=True)
class _Caption:
    scope: str | None
    measure: str | None
    period: str | None  # (the years its places are of: a caption's one year, an evaluation's years)


def _caption(text: str, lo: int, hi: int) -> _Caption | None:
    """The last caption between ``lo`` and a table's first row (``hi``), within its sentence — or, when the
    table follows a sentence's end (…百强榜单前三名。⏎RK | 高新区 | …), within the sentence before it."""
    cut = text.rfind(_SENTENCE_END, lo, hi)
    last = _last_caption(text, max(lo, cut + 1), hi)
    if last is None and cut >= lo:
        last = _last_caption(text, max(lo, text.rfind(_SENTENCE_END, lo, cut) + 1), cut)
    if last is None:  # (公布了“…百强县”榜单。榜单以…为对象…。⏎| 排序 | 县(市) |…: the list named before)
        last = _last_caption(text, lo, hi)
    if last is None:
        return None
    # (第二十届|全国县域经济…: the list's edition; “中国创新百强县”: the list's name quoted)
    body = _RANKINGS.edition_head.sub("", last.group("body")).strip(_CAPTION_QUOTES)
    peers = _TABLES.peers.match(body)
    # (2021赛迪营商环境百强县榜单: counties a hundred strong, nationwide — as any evaluation's name says its field)
    scope = _peers_field(peers) if peers else evaluation_field(body)
    measure = _TABLES.peers_each.sub("", body[peers.end():] if peers else body)  # (全市|各县区|综合考核结果如下:)
    return _judged(text, _Caption(scope, strip_chars(measure) or None, _year_period(last.group("year"))))


def _evaluation_caption(text: str, pos: int) -> _Caption | None:
    """The caption of a ranked table with none of its own right before it: the evaluation the report named before it
    (2023赛迪百强县设置评价…, then 序号 | 全国排名 | 县(市) | rows), its field and its years; None when none was."""
    name = evaluation_before(text, pos)
    if name is None:
        return None
    return _Caption(evaluation_field_before(text, pos), name, evaluation_period(text, pos))


def _peers_field(peers: re.Match[str]) -> str:
    """The field a caption's peers write (全省, 国家级经开区); 中国 is the nation's field, written 全国 as
    elsewhere."""
    field = peers.group(0).removesuffix(_POSSESSIVE)
    return _RANKING_WORDS.country_field if field in _COUNTRY_WORDS else field


def _judged(text: str, caption: _Caption | None) -> _Caption | None:
    """2022年国家级经开区综合发展水平前30强名单 in a report saying that evaluation judges 2021's figures: its places are
    of 2021 (periods.evaluated_years); any other caption as it is."""
    if caption is None or caption.period is None or not caption.period[:4].isdigit():
        return caption
    year = int(caption.period[:4])
    judged = judged_year(text, year)
    if judged == year or caption.period != period_string(year):
        return caption
    return replace(caption, period=period_string(judged))


def _year_period(year: str | None) -> str | None:
    """The period of a caption's year (2021 → 2021-01/2021-12), None when it writes none."""
    return period_string(year) if year else None


def _last_caption(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The last caption written between ``lo`` and ``hi`` — never words placing someone (甲县和乙市位居榜单前五名)."""
    last = None
    for m in _TABLES.caption.finditer(text, lo, hi):
        body = m.group("body")
        if not _TABLES.placing_words.search(body) and not _TABLES.caption_back_reference.match(body):
            last = m  # (在榜单前10名中: the list named again, not a caption)
    return last


def _add_rows(doc: DocContext, run: list[_Row], caption: _Caption, log: FactLog) -> None:
    """One ranking fact per named row of a ranked table."""
    period = caption.period
    for row in run:
        if row.name is None:
            continue
        r = Ranking(subject=row.name, period=period, indicator=caption.measure, scope=caption.scope, rank=row.rank,
                    top=False, qualifier=None, rule="ranking.table.v1")
        doc.set_quote(r, row.start, row.end)
        log.add(r)


# -- tables of figures ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Cell:
    start: int
    end: int
    text: str  # without spaces (现 价 工 业 产 值 → 现价工业产值)


@dataclass(frozen=True, slots=True)
class _Column:
    measure: str  # what it measures ("" for a plain column: 本月, 累计, 2020年11月)
    growth: bool  # a growth rate of the level before it (or of the row)
    index: bool  # growth written as an index (上年=100)
    unit: Amount | None  # the unit of its numbers (None: unknown)
    month_only: bool  # 本月, 当月: the last month of the table's period
    period: PeriodMention | None = None  # a column of one period (2020年11月)
    rank: bool = False  # a column of places (排名, 位次): each row's place in the measure before it
    field: str | None = None  # the field of those places written in the label (全市排名)
    basis: Basis = "yoy"  # what a growth column's changes are against (环比: the month before, basis other)
    year_back: bool = False  # 去年同期: the table's period, a year before


@dataclass(frozen=True, slots=True)
class _FigureRow:
    label: _Cell
    unit: Amount | None  # a unit cell of its own (指标 | 单位 | 本月 …)
    numbers: list[_Cell]
    part: bool = False  # under a line of its own saying 其中: (a part of the last row above that line)


_NO_COLUMN = _Column("", growth=False, index=False, unit=None, month_only=False)


def figure_tables(doc: DocContext, start: int, end: int, log: FactLog) -> None:
    """Add to ``log`` the figures of every table of figures in ``[start, end)``."""
    text = doc.text
    for zone_start, zone_end in _zones(text, start, end):
        cells = _without_text_columns(text, _without_rank_cells(text, _cells(text, zone_start, zone_end)))
        i = 0
        while i < len(cells):
            i = _read_table(doc, cells, i, log)
        _rows_saying_all(doc, zone_start, zone_end, log)


def _rows_saying_all(doc: DocContext, start: int, end: int, log: FactLog) -> None:
    """Rows no column labels head that say all themselves (地区生产总值 | 146.8亿元 | 增长5.3% |): a measure, a level
    written with its unit and, after it, a change written with its verb."""
    text = doc.text
    if not any(text.find(w, start, end) >= 0 for w in _CHANGE_VERBS):
        return  # (plain checks first: most tables hold bare numbers)
    # (a row read already, by its column labels or as a sentence, is not read again)
    read = sorted(doc.norm_pos(f.start) for f in log.facts if isinstance(f, Indicator))
    lo = start
    while lo < end:
        hi = text.find("\n", lo, end)
        hi = end if hi < 0 else hi
        cells = _cells(text, lo, hi)
        first_read = bisect_left(read, lo)
        if len(cells) == _SAID_ROW and (first_read == len(read) or read[first_read] >= hi):
            _row_saying_all(doc, cells, log)
        lo = hi + 1


def _row_saying_all(doc: DocContext, cells: list[_Cell], log: FactLog) -> None:
    """One row that says all itself (:func:`_rows_saying_all`), read into ``log`` when it is one."""
    label, level, said = cells
    amount = _cell_amount(level.text)
    grew = _TABLES.change_cell.fullmatch(said.text)
    name = clean_list_item(_TABLES.row_ordinal.sub("", label.text, count=1))
    if amount is None or grew is None or _is_number(label) or not name or doc.finder.entity_named(name):
        return
    value = parse_number(grew.group("digits"))
    if value is None:
        return
    value = -value if grew.group("fall") else value
    change = Change(basis="yoy", pp=value) if grew.group("points") else Change(basis="yoy", pct=value)
    period = _table_period(doc, label.start)
    ind = Indicator(subject=doc.main, name=name, period=_resolved(period, doc), value=amount.value,
                    unit=amount.unit, change=change, qualifier=None, parent=None, rule=_TABLE_RULE)
    doc.set_quote(ind, label.start, said.end)
    log.add(ind)


def _zones(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of consecutive lines parted into cells (by ``|``, tabs or runs of spaces)."""
    lines = set()
    for mark in _CELL_MARKS:  # plain finds: most reports hold none of these, or a handful
        pos = text.find(mark, start, end)
        while pos >= 0:
            if mark[0] != "|" and mark[0] != "\t" and (pos == start or text[pos - 1].isspace()):
                pos = text.find(mark, pos + len(mark), end)
                continue  # an indent, not a gap between cells
            lo = text.rfind("\n", start, pos) + 1
            hi = text.find("\n", pos, end)
            hi = end if hi < 0 else hi
            lines.add((lo, hi))
            pos = text.find(mark, hi, end) if hi < end else -1
    lines.update(_cell_line_runs(text, start, end))
    zones: list[tuple[int, int]] = []
    for lo, hi in sorted(lines):
        if zones and _joins_zones(text[zones[-1][1]:lo]):
            zones[-1] = (zones[-1][0], max(hi, zones[-1][1]))
        else:
            zones.append((lo, hi))
    return zones


def _joins_zones(gap: str) -> bool:
    """Whether what stands between two stretches of cells leaves them one table: nothing, or one short heading line
    (一、工业, 其中:) with no sentence's punctuation and no figure or date (2025年6月用电情况 titles a table of its
    own)."""
    words = gap.strip()
    return not words or ("\n" not in words and len(words) <= _SECTION_WIDTH
                         and not any(c in words for c in _HEADING_STOPS)
                         and not any(c.isdigit() for c in words))


def _cell_line_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Runs of short lines laid out one cell a line (指标⏎1-9月⏎增长⏎地区生产总值⏎256.3⏎5.2 …): at least
    :data:`_MIN_CELL_LINES` lines, :data:`_MIN_NUMBER_LINES` of them a number alone."""
    if next(_at_line_starts(_TABLES.number_line, text, start, end), None) is None:
        return []  # (most reports: no line is a number alone)
    runs: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    numbers = 0
    lo = start
    blank = 0
    for raw in [*text[start:end].split("\n"), "", ""]:  # (two empty lines after the last close its run)
        hi = lo + len(raw)
        line = raw.strip()
        blank = blank + 1 if not line else 0
        if blank == 1 and run:
            lo = hi + 1
            continue  # (指标⏎⏎2023年⏎⏎粮食总产量⏎⏎162817吨: one empty line between cells, as pages lay them out)
        if line and _TABLES.cell_line.fullmatch(line):
            run.append((lo, hi))
            numbers += _TABLES.number_line.fullmatch(text, lo, hi) is not None
        else:
            if len(run) >= _MIN_CELL_LINES and numbers >= _MIN_NUMBER_LINES:
                runs += run
            run, numbers = [], 0
        lo = hi + 1
    return runs


def _cells(text: str, start: int, end: int) -> list[_Cell]:
    """The non-empty cells of a zone, in order (a line break ends a cell too); the rule under a
    Markdown header (| --- | --- |, on its own line or flattened into one with the rows) holds none."""
    cells = []
    lo = start
    for m in [*_TABLES.cell_mark.finditer(text, start, end), None]:
        hi = end if m is None else m.start()
        raw = text[lo:hi]
        body = "".join(raw.split())
        if body and not (body[0] in _RULE_STARTS and _TABLES.rule_cell.fullmatch(body)):
            first = lo + len(raw) - len(raw.lstrip())
            cells.append(_Cell(first, lo + len(raw.rstrip()), body))
        lo = end if m is None else m.end()
    return cells


def _is_number(cell: _Cell) -> bool:
    """Whether a cell holds a number, one left empty (—), or one garbled in print (27446-3)."""
    return _TABLES.number_like.fullmatch(cell.text) is not None or _TABLES.empty_cell.fullmatch(cell.text) is not None \
        or _cell_amount(cell.text) is not None


def _cell_amount(text: str) -> Amount | None:
    """The amount a cell writes with its unit (132.6亿元, 15家), when it is no bare number."""
    if not text[:1].isdigit() or not is_cjk(text[-1]):
        return None  # (plain checks first: most cells are bare numbers or words)
    m = figure_regex().fullmatch(text)
    amount = parse_amount(m) if m is not None else None
    return amount if amount is not None and amount.unit is not None else None


def _read_table(doc: DocContext, cells: list[_Cell], i: int, log: FactLog) -> int:
    """Read the table of figures whose header starts at or after cell ``i``; where reading stops."""
    first = next((j for j in range(i + 1, len(cells)) if _is_number(cells[j]) and not _is_number(cells[j - 1])), None)
    if first is None:
        return len(cells)
    width = 0
    while first + width < len(cells) and _is_number(cells[first + width]):
        width += 1
    label_at = first - 1
    row_units = label_at - 1 > i and _unit(cells[label_at].text) is not None
    label_at -= row_units
    header = cells[i:label_at]
    while len(header) > 1 and _heading_in_table(doc.text, header[-1], cells[label_at]):
        header.pop()  # (一、工业 | | | between the column labels and the first row: no label)
    header = _with_units_line(doc.text, _units_joined(_wrapped_joined(doc.text, header)), width)
    header = _spread(doc.text, _unwrapped(doc.text, header, width + row_units), width)
    if len(header) < width + row_units:
        return first + width
    lead = header[:len(header) - width - row_units]
    if len(lead) > 1 and all(_alone_on_line(doc.text, c.start, c.end) for c in header):
        lead = lead[-1:]  # (laid out one cell a line: the name column's label only, the lines before it a caption)
    units = _table_units(doc.text, cells[label_at].start)  # (单位:亿元 above the column labels, or among them)
    default = _lead_column(lead, _level_unit(units))
    columns = _units_shared([_column(c.text, replace(default, unit=default.unit or _unit_of_column(c.text, units)))
                             for c in header[len(header) - width:]])
    rows = _rows(doc.text, cells, label_at, width, row_units)
    # (one row under its column labels is a table too when the row writes its unit: 农业总产值(亿元) | 112.25 | 8.1)
    if not rows or (len(rows) < 2 and not (_whole_line(doc.text, rows[0]) and (
            row_units or _label_and_unit(rows[0].label.text)[1] is not None))) \
            or not (row_units or any(c.growth or c.unit is not None for c in columns)
                    or any(_label_and_unit(row.label.text)[1] is not None for row in rows)):
        return first + width
    last = next(c for c in reversed(rows[-1].numbers) if c.text)  # (a short row's empty cells are none of the table's)
    after = next(j for j in range(label_at, len(cells)) if cells[j] is last) + 1
    if _of_projects(lead, columns):
        return after  # (项目名称 | 总投资 | …: each row one project, no measure of the report's place)
    period = _table_period(doc, lead[0].start if lead else cells[i].start)  # (a caption among the cells: its year)
    _drop_prose_in_rows(doc, rows, log)
    share = _share_title(doc.text, lead, cells[i].start)
    _add_table(doc, default, columns, rows, period, log, share)
    if any(c.rank for c in columns):
        _add_places(doc, _title_measure(doc.text, cells[i].start), columns, rows, period, log)
    return after


def _units_shared(columns: list[_Column]) -> list[_Column]:
    """Level columns of one measure, its unit written on one of them (本月增加值(万元) | 累计增加值 |): the unit of
    each."""
    units = {c.measure: c.unit for c in columns if c.measure and not c.growth and c.unit is not None}
    return [replace(c, unit=units[c.measure]) if c.unit is None and not c.growth and c.measure in units else c
            for c in columns]


def _of_projects(lead: list[_Cell], columns: list[_Column]) -> bool:
    """Whether a table lists projects one a row (项目名称 | 总投资(亿元) | 年度计划 |): their figures are no
    indicators."""
    return any(c.text in _PROJECT_NAME_COLUMNS for c in lead) and any(is_investment_name(c.measure) for c in columns)


def _add_table(doc: DocContext, default: _Column, columns: list[_Column], rows: list[_FigureRow],
               period: PeriodMention | None, log: FactLog, share_of: str | None = None) -> None:
    """The figures of a table's rows, each row part of the one its mark says (:func:`_wholes`); under a title of
    shares (地区生产总值构成: ``share_of``) each row's figure is its share of that whole."""
    wholes = _wholes(doc.text, rows)
    if share_of is None:
        wholes = _industry_wholes([_row_label(row, None)[0] or "" for row in rows], wholes)
    # (a table of places under a caption naming their measure: the caption's, not the place column's label)
    caption = _caption_measure(doc, rows[0].label.start)
    if caption.endswith(_GENERIC_CAPTIONS):
        caption = ""  # (各县区主要指标: the columns name the measures)
    made: list[list[Indicator | None]] = []
    carried: Amount | None = None
    said = _said_in_prose(log)
    for n, row in enumerate(rows):
        label, unit = _row_label(row, share_of)
        if label is None or (n > 0 and _grows_row_above(row, label, unit, made[n - 1])):
            made.append([None] * len(columns))  # (the whole of a table of shares, or the growth of the row above)
            continue
        carried = unit or carried
        if row.unit is None and carried is not None:  # 工业总产值(亿元) | 12937.1 | …, and the rows under it
            row = replace(row, unit=carried)
        subject, name, when = _row_holder_and_name(doc, label, caption or default.measure, period, places=bool(caption))
        if share_of is None and not subject:
            name, row, cols = _growth_row(name, row, columns)
        else:
            cols = columns
        whole = wholes[n]
        made.append([])
        for k in range(len(columns)):
            if columns[k].rank:
                made[n].append(None)
                continue  # (a place, read by _add_places)
            # the whole of a breakdown measured by a column is that column's measure (…产销率 of all)
            is_whole = n == 0 and any(w == 0 for w in wholes)
            ind = _figure(doc, "" if is_whole and cols[k].measure else name, cols, row, k, when)
            made[n].append(ind)
            if ind is None:
                continue
            if subject:
                ind.subject = subject
            if _projects_cell(doc, ind, cols, k, row, log):
                made[n][k] = None  # (no indicator: a count of projects, or their investment)
                continue
            parent = made[whole][k] if whole is not None else None
            ind.parent = parent.name if parent is not None else None
            if _said_key(ind) in said:
                continue  # (a figure the report's prose already gave, restated in its table: one fact)
            doc.set_quote(ind, row.label.start, row.numbers[k].end)
            log.add(ind)


def _growth_row(name: str, row: _FigureRow, columns: list[_Column]) -> tuple[str, _FigureRow, list[_Column]]:
    """A row naming a measure's growth (规上工业增加值增速(%) | 6.5 | 5.9): the measure's changes in every column, no
    levels of a rate; any other row as it is."""
    grown = _CHANGES.growth_named.fullmatch(name)
    if grown is None or (row.unit is not None and row.unit.unit != _PERCENT):
        return name, row, columns
    return grown.group("measure"), replace(row, unit=None), [replace(c, growth=True, unit=None) for c in columns]


def _row_holder_and_name(doc: DocContext, label: str, measure: str, period: PeriodMention | None, *,
                         places: bool = False) -> tuple[str | None, str, PeriodMention | None]:
    """Whose a row's figures are, what they measure and when: a row of a place (吉首市 | 57 | 82.5) is the place's
    figures in the columns' measures (or the table's, ``measure``); a row of a year (2022年 | 318.6 | 4.9) is the
    columns' measures in that year; under a caption over places (各市县…), a short row the gazetteer does not know
    (东部地区, a group of cities) holds the caption's measure too; any other row names its measure."""
    subject = doc.finder.entity_named(label)
    if subject:
        return subject, measure, period
    if _TABLES.year_cell.fullmatch(label):
        return None, measure, _column_period(label)
    if places and len(label) <= _GROUP_ROW_MAX and canonical_indicator(label) is None:
        return label, measure, period
    return None, label, period


def _share_title(text: str, lead: list[_Cell], start: int) -> str | None:
    """The whole a title of shares names (2、地区生产总值构成 → 地区生产总值), written before the column labels or on
    the line above the table."""
    if not any(w in text for w in _TABLE_WORDS.share_titles):
        return None  # (most reports: no table of shares)
    for words in [*(c.text for c in reversed(lead)), _line_above(text, start)]:
        m = _TABLES.share_title.fullmatch(words)
        if m is not None:
            return m.group("whole")
    return None


def _drop_prose_in_rows(doc: DocContext, rows: list[_FigureRow], log: FactLog) -> None:
    """Drop the figures the reading of sentences made of a table's rows (社会消费品零售总额  万元  21384 …): the rows
    are read by their columns."""
    lo, hi = rows[0].label.start, rows[-1].numbers[-1].end
    for f in [f for f in log.facts if isinstance(f, Indicator) and f.rule != _TABLE_RULE]:
        if lo <= doc.norm_pos(f.start) < hi:
            log.drop(f)


_SaidKey = tuple[object, ...]


def _said_key(ind: Indicator) -> _SaidKey | None:
    """What makes a level the same figure wherever a report writes it: its value, unit, period and holder."""
    return (ind.value, ind.unit, ind.period, ind.subject) if ind.value is not None else None


def _said_in_prose(log: FactLog) -> set[_SaidKey | None]:
    """The keys of the levels read so far from the report's sentences (not from a table)."""
    keys = {_said_key(f) for f in log.facts if isinstance(f, Indicator) and f.rule != _TABLE_RULE}
    keys.discard(None)
    return keys


def _row_label(row: _FigureRow, share_of: str | None) -> tuple[str | None, Amount | None]:
    """A row's measure and the unit written in its label (工业总产值(亿元) → 工业总产值, 亿元); in a table of shares of
    ``share_of`` the row's share of it, in percent (第一产业 → 第一产业占地区生产总值比重), None for the whole's own
    row."""
    mark = _TABLES.part_row.match(row.label.text)
    text = row.label.text[mark.end():] if mark else row.label.text
    label, unit = _label_and_unit(_TABLES.row_ordinal.sub("", text, count=1))
    label = clean_list_item(label)
    if share_of is None:
        return label, unit
    if label == share_of:
        return None, None
    return label + _SHARE_OF + share_of + _SHARE_HEAD, unit or _unit(_PERCENT)


def _projects_cell(doc: DocContext, ind: Indicator, columns: list[_Column], k: int, row: _FigureRow,
                   log: FactLog) -> bool:
    """| 县区 | 签约项目(个) | 签约金额(亿元) |: a cell of a column counting projects at a stage it names is a projects
    fact of the row's place, and the money of an investment column right after it is their investment (| 项目个数 |,
    naming no stage, stays a measure of the table); whether the cell was read so."""
    measure = columns[k].measure
    if ind.value is None or ind.change is not None or not measure or (not mentions_projects(measure) and not (
            k > 0 and is_investment_name(measure))):
        return False  # (plain checks first: most tables count no projects)
    said = last_match(_PROJECTS.stage_words, measure)
    if ind.unit == _COUNT and mentions_projects(measure) and said is not None:
        size, currency = threshold_in(measure)
        p = Projects(subject=ind.subject, period=ind.period, stage=stage_of(said.group(0)),
                     category=category_of(measure), min_investment=size, count=ind.value, investment=None,
                     qualifier=None, rule="projects.table.v1", currency=currency)
        doc.set_quote(p, row.label.start, row.numbers[k].end)
        log.add(p)
        return True
    last = log.projects[-1] if log.projects else None
    if ind.unit is None or last is None or last.rule != "projects.table.v1" or last.investment is not None \
            or doc.norm_pos(last.start) != row.label.start or not is_investment_name(measure):
        return False
    last.investment, last.currency = ind.value, ind.unit
    doc.set_quote(last, row.label.start, row.numbers[k].end)
    return True


def _add_places(doc: DocContext, title: str, columns: list[_Column], rows: list[_FigureRow],
                period: PeriodMention | None, log: FactLog) -> None:
    """The places of a table's column of places: each row's place in the measure of the column before it (its growth
    when that holds growth rates), named by the table's title when the column is not (| 县区 | 增速(%) | 排名 |); in
    a table of measures (| 指标 | 绝对值 | 增速 | 全市位次 |) each row's measure is the place's, the report's own."""
    for k, col in enumerate(columns):
        if not col.rank or (k > 0 and columns[k - 1].rank):
            continue
        if k == 0:  # (县域单位 | 排序 | 竞争力指数 |: the rows' places in the list the table gives)
            _places_in_list(doc, col, rows, period, log)
            continue
        measure = _ranked_measure(columns, k, title)
        # (2023年各县区…及排名: places are of a whole year, a year written alone above the table)
        when = _resolved(period, doc)
        for row in rows:
            place = _place_in(row.numbers[k].text)
            if place is None:
                continue
            holder = _row_holder(doc, row.label.text)
            name = measure if holder is not None else _row_measure(row.label.text, columns[k - 1].growth)
            r = Ranking(subject=holder or doc.main, period=when, indicator=name or None,
                        scope=col.field, rank=place, top=False, qualifier=None, rule="ranking.table.v1")
            doc.set_quote(r, row.label.start, row.numbers[k].end)
            log.add(r)


def _places_in_list(doc: DocContext, col: _Column, rows: list[_FigureRow], period: PeriodMention | None,
                    log: FactLog) -> None:
    """A column of places right after the names, before any figure (县域单位 | 排序 | 竞争力指数 |): each row's place in
    the list the report named before the table (中国中部百强县市), among the peers that list is of; none when the
    report names no list, or no field for it."""
    pos = rows[0].label.start
    measure = evaluation_before(doc.text, pos)
    scope = col.field or evaluation_field_before(doc.text, pos)
    if not measure or not scope:
        return
    when = _resolved(period, doc) or evaluation_period(doc.text, pos)
    for row in rows:
        place = _place_in(row.numbers[0].text)
        holder = _row_holder(doc, row.label.text)
        if holder is None or place is None:
            continue
        r = Ranking(subject=holder, period=when, indicator=measure, scope=scope, rank=place, top=False,
                    qualifier=None, rule="ranking.table.v1")
        doc.set_quote(r, row.label.start, row.numbers[0].end)
        log.add(r)


def _place_in(cell: str) -> int | None:
    """The place a cell of a column of places writes (a whole number from 1 up), or None."""
    place = _number(cell)
    if place is None or place != place.to_integral_value() or not 0 < place < _RANK_MAX:
        return None
    return int(place)


def _resolved(period: PeriodMention | None, doc: DocContext) -> str | None:
    """A table's period as a fact states it: a year written alone above the table (2024年全市…) its whole year."""
    return resolve_period(period, doc.published) or (
        period_string(period.year) if period is not None and period.kind == _YEAR and period.year else None)


def _ranked_measure(columns: list[_Column], k: int, title: str) -> str:
    """The measure column ``k``'s places are in: that of the column before it, or the level's before a growth
    column that names none (| 地区生产总值 | 增速 | 位次 |: the growth of 地区生产总值), else the table's title's."""
    before = columns[k - 1]
    level = columns[k - 2] if k > 1 and before.growth and not before.measure and not columns[k - 2].growth else None
    measure = before.measure or (level.measure if level is not None else "") or title
    if before.growth and measure and not measure.endswith(_GROWTH_HEADS):
        measure += _GROWTH_HEAD
    return measure


def _row_measure(label: str, growth: bool) -> str:
    """The measure a row of a table of measures names (地区生产总值(亿元) → 地区生产总值), its growth's when the places
    follow a column of growth rates."""
    name = clean_list_item(_label_and_unit(label)[0])
    return name + _GROWTH_HEAD if growth and name and not name.endswith(_GROWTH_HEADS) else name


def _row_holder(doc: DocContext, label: str) -> str | None:
    """The place a row of places is of: one the gazetteer knows, else one written with its kind (甲山县, 乙镇)."""
    known = doc.finder.entity_named(label)
    if known:
        return known
    written = _TABLES.written_row_place.fullmatch(label)
    return written.group(0) if written is not None else None


def _title_measure(text: str, start: int) -> str:
    """The measure the heading line right above a table names (2023年各县区规上工业增加值增速及排名), or ""."""
    m = _TABLES.places_title.fullmatch(_line_above(text, start))
    return m.group("measure") if m is not None else ""


def _line_above(text: str, start: int) -> str:
    """The line right above the one holding ``start``, without its blanks ("" when there is none)."""
    header = text.rfind("\n", 0, start)
    return "".join(text[text.rfind("\n", 0, header) + 1:header].split()) if header >= 0 else ""


def _caption_measure(doc: DocContext, start: int) -> str:
    """南充市1-5月各县(市、区)规上工业增加值增速 above a table of places: the measure its rows of places give ("" when
    the line above names none so)."""
    lo = max(0, start - _HEAD_WIDTH)
    m = last_match(_TABLES.places_caption, doc.text[lo:start])
    return m.group("measure") if m is not None else ""


def _wholes(text: str, rows: list[_FigureRow]) -> list[int | None]:
    """For each row, the row it is part of: a row marked 其中 or # (or indented deeper than the table's first row,
    or numbered 1、 under a row numbered 一、) is part of the last row not so marked; in a table whose breakdown opens
    right under its first row with # (#轻工业), every row after the first is part of the first, the table's whole
    (the indents that told the levels apart are lost in text)."""
    marks = [_TABLES.part_row.match(row.label.text) for row in rows]
    if len(marks) > 1 and marks[1] is not None and marks[1].group("breakdown"):
        return [None, *([0] * (len(rows) - 1))]
    indents = [_indent(text, row.label.start) for row in rows]
    wholes: list[int | None] = []
    last = None
    headed = False  # (a row numbered 一、 seen: rows numbered 1、 after it are its parts)
    for n, m in enumerate(marks):
        numbered = _TABLES.row_ordinal.match(rows[n].label.text)
        head = numbered is not None and not rows[n].label.text[:1].isdigit() and numbered.group(0)[0] != "("
        # (三、销售总额 | …⏎1、批发额 | …⏎在总额中:⏎食品类 | …⏎四、营业收入: a row numbered 1、 under one
        # numbered 三、 is its part, as the rows under 在总额中: are; the next 四、 opens a section of its own)
        part = not head and (m is not None or indents[n] > indents[0] or rows[n].part
                             or (headed and numbered is not None))
        wholes.append(last if part else None)
        if not part:
            last = n
        headed = headed or head
    return wholes


def _grows_row_above(row: _FigureRow, label: str, unit: Amount | None, above: list[Indicator | None]) -> bool:
    """增长(%) | 5.1 | 5.6 under 地区生产总值(亿元) | 81.3 | 90.3: a row naming growth alone gives each figure of the
    row above its change (in points when the row says so or the figure is a rate); whether the row was read so."""
    if not _TABLES.growth_row.fullmatch(label) or not any(f is not None for f in above):
        return False
    points = (unit is not None and unit.unit == "pp") or _POINTS in row.label.text
    for fact, cell in zip(above, row.numbers, strict=False):
        value = _number(cell.text)
        if fact is None or value is None or fact.change is not None:
            continue
        basis = basis_of(label)
        fact.change = Change(basis=basis, pp=value) if points or fact.unit == _PERCENT or _POINTS in cell.text \
            else Change(basis=basis, pct=value)
    return True


def _industry_wholes(labels: list[str], wholes: list[int | None]) -> list[int | None]:
    """A table of the economy's output rows its parts unmarked (生产总值 | 第一产业 | 第二产业 | 第三产业 | 交通运输… |
    金融业 …): each of the three industries is part of the table's first row, each service part of the 第三产业 row
    above it."""
    if not any(label in _INDUSTRIES for label in labels[1:]):
        return wholes  # (most tables: no industries)
    tertiary = None
    out = list(wholes)
    for n, label in enumerate(labels):
        if out[n] is None and n > 0:
            if label in _INDUSTRIES and labels[0] not in _INDUSTRIES:
                out[n] = 0
            elif tertiary is not None and label.startswith(_TERTIARY_SECTORS):
                out[n] = tertiary
        if label == _TABLE_WORDS.tertiary_industry:
            tertiary = n
    return out


def _indent(text: str, start: int) -> int:
    """How many blanks a cell opening its line stands after (0 for one after a cell mark: | 甲 |)."""
    line = text.rfind("\n", 0, start) + 1
    return start - line if not text[line:start].strip() else 0


def _with_units_line(text: str, header: list[_Cell], width: int) -> list[_Cell]:
    """Column labels over a line of their units (本月 | 累计 | 增长 |⏎| 亿元 | 亿元 | % |): each label with its unit
    (本月(亿元), 增长(%))."""
    lines = _header_lines(text, header)
    if len(lines) < 2 or len(lines[-1]) != width or len(lines[-2]) < width \
            or not all(_unit(c.text) is not None for c in lines[-1]):
        return header
    labels = lines[-2][-width:]
    joined = [_Cell(a.start, b.end, f"{a.text}({b.text})") for a, b in zip(labels, lines[-1], strict=True)]
    return [*header[:len(header) - 2 * width], *joined]


def _spread(text: str, header: list[_Cell], width: int) -> list[_Cell]:
    """A header of two lines, the upper one grouping the columns of the lower (指标名称 | 本月 | | 1-5月 |⏎| 绝对值 |
    增长% | 绝对值 | 增长% |): each lower label under its group's (本月绝对值, 1-5月增长%), the groups sharing the
    columns evenly."""
    lines = _header_lines(text, header)
    if len(lines) < 2 or len(lines[-1]) != width:
        return header
    upper = lines[-2]
    if "".join(upper[0].text.split()) not in _TABLE_SETS.name_columns:
        return header  # (an upper line opening with the name column's label, not a title over the table)
    groups = upper[1:]
    if not groups or len(groups) >= width or width % len(groups):
        return header
    span = width // len(groups)
    spread = [_Cell(c.start, c.end, groups[n // span].text + c.text) for n, c in enumerate(lines[-1])]
    return [*header[:len(header) - width - len(groups)], *spread]


def _header_lines(text: str, header: list[_Cell]) -> list[list[_Cell]]:
    """A header's cells, line by line."""
    lines: list[list[_Cell]] = []
    for cell in header:
        if lines and text.find("\n", lines[-1][-1].end, cell.start) < 0:
            lines[-1].append(cell)
        else:
            lines.append([cell])
    return lines


def _without_rank_cells(text: str, cells: list[_Cell]) -> list[_Cell]:
    """A table whose first column is its rows' places (排名 | 县(市) | 地区生产总值(亿元) |⏎1 | 甲县 | 312.4 |): its
    figures read without that column (the places are the ranked table's, read apart), each row's place dropped and
    the column's label with it."""
    if not any(c.text in _ORDER_HEADS for c in cells):
        return cells  # (most tables: no column of places first)
    out: list[_Cell] = []
    ranked = False
    for line in _folded_lines(text, cells):
        if len(line) >= _RANKED_ROW_MIN and line[0].text in _ORDER_HEADS:
            ranked = True
        elif not (ranked and len(line) >= _RANKED_ROW_MIN and _TABLES.rank_cell.fullmatch(line[0].text)
                  and not _is_number(line[1])):
            ranked = False
            out.extend(line)
            continue
        out.extend(line[1:])
    return out


def _without_text_columns(text: str, cells: list[_Cell]) -> list[_Cell]:
    """A table whose last column describes its rows in words (… | 同比增长(%) | 主要产业 |⏎… | 5.8 | 钢铁、煤炭 |): its
    figures read without that column, the label dropped and each row's words with it."""
    if not any(c.text in _TEXT_COLUMNS for c in cells):
        return cells  # (most tables: no column of words)
    out: list[_Cell] = []
    width = 0  # (the cells of a line under such a header: its rows have as many, the last their words)
    for line in _folded_lines(text, cells):
        if len(line) > 1 and line[-1].text in _TEXT_COLUMNS:
            width = len(line)
        elif not (width and len(line) == width and not _is_number(line[-1]) and _is_number(line[-2])):
            width = 0
            out.extend(line)
            continue
        out.extend(line[:-1])
    return out


def _folded_lines(text: str, cells: list[_Cell]) -> list[list[_Cell]]:
    """A table's cells line by line, a ranked table laid out one cell a line (排名⏎地区⏎生产总值(亿元)⏎1⏎甲县⏎312.4 …)
    folded into its rows: as many cells each as its header has names, each opening with its place."""
    lines = _header_lines(text, cells)
    out: list[list[_Cell]] = []
    i = 0
    while i < len(lines):
        width = _names_one_a_line(lines, i)
        if width is None:
            out.append(lines[i])
            i += 1
            continue
        out.append([line[0] for line in lines[i:i + width]])
        i += width
        while i + width <= len(lines) and all(len(line) == 1 for line in lines[i:i + width]) \
                and _TABLES.rank_cell.fullmatch(lines[i][0].text) and not _is_number(lines[i + 1][0]):
            out.append([line[0] for line in lines[i:i + width]])
            i += width
    return out


def _names_one_a_line(lines: list[list[_Cell]], i: int) -> int | None:
    """How many column names a ranked table's header laid out one cell a line has from line ``i`` on (its rank
    column's name first, then names up to the first number), or None when line ``i`` opens no such header."""
    if len(lines[i]) != 1 or lines[i][0].text not in _ORDER_HEADS:
        return None
    for width in range(1, min(_HEADER_CELLS_MAX, len(lines) - i)):
        cell = lines[i + width]
        if len(cell) != 1:
            return None
        if _is_number(cell[0]):
            return width if width >= _RANKED_ROW_MIN else None
    return None


def _whole_line(text: str, row: _FigureRow) -> bool:
    """Whether a row is a line of its own: its label opens the line and its last number closes it (cell marks
    aside)."""
    return _alone_on_line(text, row.label.start, row.numbers[-1].end)


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is all its line holds, cell marks aside."""
    line = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[end:len(text) if line_end < 0 else line_end]
    return not text[line:start].strip(_MARK_CHARS) and not rest.strip(_MARK_CHARS)


def _marked(text: str, cell: _Cell) -> bool:
    """Whether a cell mark (|) closes a cell's line right after it."""
    line_end = text.find("\n", cell.end)
    return text[cell.end:len(text) if line_end < 0 else line_end].strip(" \t\u3000").startswith("|")


def _wrapped_joined(text: str, header: list[_Cell]) -> list[_Cell]:
    """Column labels laid out one a line, each closed by its mark (增幅(%) |), where one wraps onto the next line
    (较去年同期⏎±百分点 |): the unmarked line and the next are one label (较去年同期±百分点)."""
    joined: list[_Cell] = []
    for n, c in enumerate(header):
        last = joined[-1] if joined else None
        if last is not None and n >= 2 and not _marked(text, last) and _marked(text, header[n - 2]) \
                and _marked(text, c) and text.count("\n", last.end, c.start) == 1 \
                and all(_alone_on_line(text, x.start, x.end) for x in (header[n - 2], last, c)):
            joined[-1] = _Cell(last.start, c.end, last.text + c.text)
        else:
            joined.append(c)
    return joined


def _units_joined(header: list[_Cell]) -> list[_Cell]:
    """绝对数⏎(亿元)⏎比上年同期增长⏎(%): a unit alone in brackets, a cell of its own under a label laid out one cell a
    line, is that label's end (绝对数(亿元))."""
    joined: list[_Cell] = []
    for c in header:
        if joined and _TABLES.unit_alone.fullmatch(c.text):
            last = joined[-1]
            joined[-1] = _Cell(last.start, c.end, last.text + c.text)
        else:
            joined.append(c)
    return joined


def _unwrapped(text: str, header: list[_Cell], width: int) -> list[_Cell]:
    """A header whose last labels wrap onto a line of their own (9月 | 1-9月累计 | 累计 |⏎增长% |): the cells of that
    line are the ends of the labels right above them (累计增长%), when the line above names every column."""
    if len(header) < 2 or text.find("\n", header[-2].end, header[-1].start) < 0:
        return header  # (the last label shares its line: nothing wrapped)
    line = text.rfind("\n", 0, header[-1].start)
    tail = [c for c in header if c.start > line]
    above_line = text.rfind("\n", 0, line)
    above = [c for c in header if above_line < c.start < line]
    if len(tail) >= width or len(above) < width:
        return header
    keep = header[:len(header) - len(tail) - len(tail)]
    joined = [_Cell(a.start, b.end, a.text + b.text) for a, b in zip(above[-len(tail):], tail, strict=True)]
    return [*keep, *joined]


def _rows(text: str, cells: list[_Cell], at: int, width: int, with_unit: bool) -> list[_FigureRow]:
    """The rows from cell ``at`` on: a name, a unit when the table gives one per row, then ``width``
    numbers; the table ends where a row does not, or where one runs from a line holding other cells onto the next
    (1 | 甲县⏎2 | 乙县: places, not a name and its figure). A line between rows holding a name alone (一、工业 | | |, or
    其中: | | |, after which rows are parts of the row above it) is passed over."""
    rows: list[_FigureRow] = []
    step = width + 1 + with_unit
    part = False
    while True:
        skip = at
        while rows and skip + 1 < len(cells) and _section_line(text, cells[skip], cells[skip + 1]):
            skip += 1
        if skip > at and not (_row_at(text, cells, skip, step, with_unit)
                              or _short_row(text, cells, skip, width, with_unit)):
            break  # (no row after the lines passed over, full or short: the table ended before them)
        if skip > at:
            part = _TABLES.part_row.fullmatch(cells[skip - 1].text) is not None
            at = skip
        given = width if _row_at(text, cells, at, step, with_unit) else \
            _short_row(text, cells, at, width, with_unit) if rows else 0
        if not given:
            break
        # (工业产销率(%) | 98.8 | 102.4 | with no growth cell: the numbers fill the first columns, the rest empty)
        numbers = cells[at + 1 + with_unit:at + 1 + with_unit + given]
        numbers += [_Cell(numbers[-1].end, numbers[-1].end, "")] * (width - given)
        unit = _unit(cells[at + 1].text) if with_unit else None
        rows.append(_FigureRow(cells[at], unit, numbers, part))
        at += 1 + with_unit + given
    return rows


def _short_row(text: str, cells: list[_Cell], at: int, width: int, with_unit: bool) -> int:
    """How many numbers a row starting at cell ``at`` gives when it gives fewer than the table's columns (a cell left
    empty, dropped): at least one, then a name or the table's end; 0 when no such row starts there."""
    first = at + 1 + with_unit
    n = 0
    while n < width and first + n < len(cells) and _is_number(cells[first + n]):
        n += 1
    if not 0 < n < width or _is_number(cells[at]) or (with_unit and _unit(cells[at + 1].text) is None) \
            or (first + n < len(cells) and cells[first + n].text[:1].isdigit()
                and _TABLES.row_ordinal.match(cells[first + n].text) is None):
        return 0  # (5.3万宁市 after it: a number run into the next cell, no row left short; 1、批发额 is a label)
    return n if _on_its_lines(text, cells[at], cells[first + n - 1]) else 0


def _row_at(text: str, cells: list[_Cell], at: int, step: int, with_unit: bool) -> bool:
    """Whether a row of a name, its unit (when ``with_unit``) and numbers starts at cell ``at``."""
    return at + step <= len(cells) and not _is_number(cells[at]) \
        and all(_is_number(c) for c in cells[at + 1 + with_unit:at + step]) \
        and (at + step == len(cells) or not _is_number(cells[at + step])) \
        and (not with_unit or _unit(cells[at + 1].text) is not None) \
        and _on_its_lines(text, cells[at], cells[at + step - 1])


def _heading_in_table(text: str, cell: _Cell, after: _Cell) -> bool:
    """Whether a cell is a numbered heading or a 其中: on a line of a table to itself (一、工业 | | |)."""
    return (_TABLES.row_ordinal.match(cell.text) is not None or _TABLES.part_row.fullmatch(cell.text) is not None) \
        and _section_line(text, cell, after)


def _section_line(text: str, cell: _Cell, after: _Cell) -> bool:
    """Whether a cell is a line of a table to itself, a short name (一、工业, 其中:) followed by another name."""
    if _is_number(cell) or _is_number(after) or len(cell.text) > _SECTION_WIDTH:
        return False
    return _alone_on_line(text, cell.start, cell.end)


def _on_its_lines(text: str, label: _Cell, last: _Cell) -> bool:
    """Whether a row from ``label`` to ``last`` keeps to its line, or is laid out one cell a line (its label alone on
    its line)."""
    return text.find("\n", label.end, last.start) < 0 or _alone_on_line(text, label.start, label.end)


def _lead_column(lead: list[_Cell], table_unit: Amount | None) -> _Column:
    """What the cells before the column labels say of every column (指标:工业增加值_同比增长(%)):
    the table's measure, growth and unit."""
    # (…上榜了呢?县域单位 |: a sentence run into the first label is no part of it)
    texts = [_TABLES.sentence_before_label.sub("", c.text) for c in lead]
    words = [t for t in texts if "".join(t.split()) not in _TABLE_SETS.name_columns]  # (隶 属)
    if not words:
        return _Column("", growth=False, index=False, unit=table_unit, month_only=False)
    return _column(_TABLES.caption_noise.sub("", "".join(words)), replace(_NO_COLUMN, unit=table_unit))


def _label_and_unit(label: str) -> tuple[str, Amount | None]:
    """A row label without the unit written in it, and that unit (企业数(个) → 企业数, one count)."""
    m = _TABLES.label_unit.fullmatch(label)
    if m is None:
        return label, None
    unit = _unit("%") if m.group("pct") else _unit(m.group("unit"))
    return (m.group("base"), unit) if unit is not None and m.group("base") else (label, None)


def _column(label: str, default: _Column) -> _Column:
    """What a column label says: its measure, whether it holds growth rates, its unit and period;
    what it leaves unsaid, the table says (``default``)."""
    ranked = _TABLES.rank_label.fullmatch(label)
    if ranked is not None:  # (全市排名: places, no figures of a measure)
        return replace(_NO_COLUMN, rank=True, field=ranked.group("field"))
    bare = _unit(label)
    if bare is not None and bare.unit != _PERCENT:  # (指标 | 亿元 | 增长%: a column labelled by its unit alone)
        return replace(default, measure="", growth=False, index=False, unit=bare, month_only=False)
    m = _TABLES.label_unit.fullmatch(label)
    base = m.group("base") if m else label
    unit = _unit("%") if m and m.group("pct") else _unit(m.group("unit")) if m else None
    level = _unitless_level(base)
    if level is not None:  # (综合发展指数, 综合得分: a composite measure's own level, no growth)
        return replace(default, measure=base, growth=False, index=False, unit=default.unit or level,
                       month_only=False)
    index = default.index or _TABLES.index_label.search(label) is not None
    if index:
        base = _TABLES.index_basis.sub("", base) or base  # (本月(上年同月=100): a column of this month)
    grown = _TABLES.growth_label.search(base)
    growth = index or default.growth or grown is not None
    if base in _LAST_YEAR_COLUMNS:
        return replace(default, measure="", growth=False, index=False, month_only=False, year_back=True)
    period = _column_period(base)
    if period is not None:  # a column of one period (2020年11月, 2002)
        return _Column("", growth, index, unit or default.unit, month_only=False, period=period)
    plain = _TABLES.plain_label.fullmatch(base) is not None or base in _TABLE_SETS.name_columns
    measure = "" if plain else _label_measure(base[:grown.start()] if grown else base)
    if unit is None and growth and _POINTS in base:
        unit = _unit(_POINTS)  # (较去年同期±百分点: changes in points, written in the label, not in brackets)
    if unit is None:
        unit = default.unit
    month_only = _TABLES.this_month.match(base) is not None
    basis = basis_of(base) if grown is not None else "yoy"
    return _Column(strip_chars(measure), growth, index, unit, month_only, basis=basis)


def _label_measure(words: str) -> str:
    """What a column label measures, the period word opening it aside (本月增加值 → 增加值; 累计增长 → nothing)."""
    if _TABLES.plain_label.fullmatch(words):
        return ""
    when = _TABLES.period_word.match(words)
    return words[when.end():] if when is not None else words


def _unitless_level(label: str) -> Amount | None:
    """The unit of a column of a composite measure's levels, written in no cell: none for an index named by its own
    words (综合发展指数 69.4; an index against a base, 上年=100, or of prices, is growth), points for a score
    (综合得分 92.45)."""
    if label in _SCORE_WORDS:
        return _SCORE
    return _UNITLESS if _TABLES.named_index.fullmatch(label) is not None else None


def _column_period(label: str) -> PeriodMention | None:
    """The period a column label is, when it is nothing else (2020年11月, 2002年, 2002)."""
    year = _TABLES.year_cell.fullmatch(label)
    if year is not None:
        return PeriodMention(0, len(label), int(year.group("year")), None, 1, 12, "span")
    if _TABLES.months_unclosed.fullmatch(label):
        label += _MONTH_WORD  # (2022年1-12: the months' 月 lost from a cell, as pages print it)
    periods = find_periods(label)
    # (1-9月累计: a period and how its value was counted)
    if not periods or periods[0].pos != 0:
        return None
    first = periods[0]
    if first.end_pos == len(label) or (first.end is not None and _TABLES.plain_label.fullmatch(label, first.end_pos)):
        return first
    return None


def _unit(word: str | None) -> Amount | None:
    """The amount one unit written as ``word`` stands for (万元 → 10,000 CNY), or None."""
    if not word:
        return None
    m = figure_regex().fullmatch("1" + word)
    amount = parse_amount(m) if m else None
    return amount if amount is not None and amount.unit is not None else None


def _table_units(text: str, start: int) -> list[Amount]:
    """The units written above a table (单位:万元; 单位:个、亿元: one for counts, one for money), if any."""
    m = None
    for m in _TABLES.table_unit.finditer(text, max(0, start - _HEAD_WIDTH), start):  # noqa: B007
        pass
    if m is None:
        return []
    return [u for w in _TABLES.unit_list_split.split(m.group("unit")) if (u := _unit(w)) is not None]


def _level_unit(units: list[Amount]) -> Amount | None:
    """The unit of a table's levels when its caption gives one, or one and the percent of its
    growth columns (单位:亿元,% → 亿元)."""
    levels = [u for u in units if u.unit != _PERCENT]
    return levels[0] if len(levels) == 1 and len(units) - len(levels) <= 1 else None


def _unit_of_column(label: str, units: list[Amount]) -> Amount | None:
    """The one of several table units a column is in (单位:个、亿元 → 项目个数 in 个, 完成投资额 in 亿元)."""
    if len(units) < 2:
        return units[0] if units else None
    if _TABLES.rate_label.search(label):
        return _unit(_PERCENT)  # (年计划投资完成率 | 78.9%: a rate, in neither unit)
    kind = "count" if _TABLES.count_label.search(label) else "money" if _TABLES.money_label.search(label) else None
    return next((u for u in units if u.kind == kind), None) if kind else None


def _table_period(doc: DocContext, start: int) -> PeriodMention | None:
    """The last period written above a table."""
    lo = max(0, start - _HEAD_WIDTH)
    found = find_periods(doc.text[lo:start], lo)
    return found[-1] if found else None


def _figure(doc: DocContext, name: str, columns: list[_Column], row: _FigureRow, k: int,
            period: PeriodMention | None) -> Indicator | None:
    """The figure of cell ``k`` of a row: a level with the growth of the column that is its (:func:`_owner`), or a
    growth that follows no level (the row's measure grew)."""
    col, numbers = columns[k], row.numbers
    value = _number(numbers[k].text)
    if value is None:
        return _written_level(doc, name, columns, row, k, period)
    if col.growth:
        owner = _owner(columns, k)
        if owner is not None and (_number(numbers[owner].text) is not None
                                  or _cell_amount(numbers[owner].text) is not None):
            return None  # the growth of a level, read with that level (or its own when that is left empty)
        return _indicator(doc, name, col, None, _change(col, value, _POINTS in numbers[k].text), period)
    # (工业产销率(%) under 单位:万元: a row of rates says its own unit, over the table's)
    unit = row.unit if row.unit is not None and row.unit.unit == _PERCENT else col.unit or row.unit
    if unit is None:
        return None  # a level in a unit written nowhere
    # (亏损面(%) | 24.6 | 1.5: a rate's change is in points, whether or not its cell says so)
    change = _growth_change(columns, numbers, k, rate=unit.unit == _PERCENT)
    return _indicator(doc, name, replace(col, unit=unit), value * unit.value, change, period)


def _owner(columns: list[_Column], g: int) -> int | None:
    """The level column whose change growth column ``g`` states: the level right before it — or, where that is a
    period before another level right before it (| 2024年 | 2023年 | 增长 |, | 1-6月 | 去年同期 | 增长 |), the
    latest; where as many growth columns follow as levels before them (| 本月 | 累计 | 本月增长 | 累计增长 |), the level
    at the same place in its run."""
    paired = _paired_level(columns, g)
    if paired is not None:
        return paired
    if g == 0 or columns[g - 1].growth or columns[g - 1].rank:
        return None
    levels = [g - 1]
    while levels[0] > 0 and not columns[levels[0] - 1].growth and not columns[levels[0] - 1].rank:
        levels.insert(0, levels[0] - 1)
    if len(levels) == 1:
        return g - 1
    current = [n for n in levels if not columns[n].year_back]
    years = {n: p.year for n in current if (p := columns[n].period) is not None and p.year is not None}
    if current and len(years) == len(current):
        return max(current, key=lambda n: years[n])  # (years written: the latest)
    return current[-1] if current and columns[g - 1].year_back else g - 1


def _paired_level(columns: list[_Column], g: int) -> int | None:
    """The level paired with growth column ``g`` when a run of growth columns follows a run of as many levels of one
    period each (本月增加值 | 累计增加值 | 本月增长率 | 累计增长率), or None."""
    if not columns[g].growth:
        return None
    first = g
    while first > 0 and columns[first - 1].growth:
        first -= 1
    last = g
    while last + 1 < len(columns) and columns[last + 1].growth:
        last += 1
    count = last - first + 1
    before = first - count - 1  # (the column before the levels: none, a growth or a place column, so the run is whole)
    if count < 2 or first < count or (before >= 0 and not (columns[before].growth or columns[before].rank)) \
            or any(c.growth or c.rank or c.year_back or c.period is not None for c in columns[first - count:first]):
        return None
    return g - count


def _growth_column(columns: list[_Column], k: int) -> int | None:
    """The growth column whose change is level column ``k``'s, if any."""
    return next((g for g in range(k + 1, len(columns)) if columns[g].growth and _owner(columns, g) == k), None)


def _growth_change(columns: list[_Column], numbers: list[_Cell], k: int, *, rate: bool) -> Change | None:
    """The change the growth column of level column ``k`` states in a row (:func:`_growth_column`), if any: in points
    when its cell says so or the level is a ``rate``."""
    g = _growth_column(columns, k)
    growth = _number(numbers[g].text) if g is not None else None
    if g is None or growth is None:
        return None
    return _change(columns[g], growth, rate or _POINTS in numbers[g].text)


def _written_level(doc: DocContext, name: str, columns: list[_Column], row: _FigureRow, k: int,
                   period: PeriodMention | None) -> Indicator | None:
    """A level written with its unit in its cell (| 地区生产总值 | 132.6亿元 | 5.3% |), with the growth of its
    column."""
    amount = _cell_amount(row.numbers[k].text)
    if amount is None or columns[k].growth:
        return None
    change = _growth_change(columns, row.numbers, k, rate=False)  # (in points only when its cell says so)
    unit = Amount(Decimal(1), amount.unit, amount.kind, more=False)
    return _indicator(doc, name, replace(columns[k], unit=unit), amount.value, change, period)


def _change(col: _Column, value: Decimal, points: bool = False) -> Change:
    """The change a growth cell states: points when its label or the cell says so (or the level is a rate), else a
    percentage."""
    if col.index:
        return Change(basis=col.basis, pct=value - _INDEX_BASE)
    if points or (col.unit is not None and col.unit.unit == "pp"):
        return Change(basis=col.basis, pp=value)
    return Change(basis=col.basis, pct=value)


def _indicator(doc: DocContext, name: str, col: _Column, value: Decimal | None, change: Change | None,
               period: PeriodMention | None) -> Indicator:
    """An indicator fact of a table cell, named by its row (and its column's measure)."""
    if col.period is not None:
        period = col.period.with_year_from(period)
    elif col.month_only and period is not None and period.end is not None:
        period = replace(period, start=period.end)
    full = name if not col.measure or col.measure in name else name + col.measure
    when = _resolved(period, doc)
    if col.year_back and when:
        when = _TABLES.period_year.sub(lambda m: str(int(m.group(0)) - 1), when)
    return Indicator(subject=doc.main, name=full, period=when, value=value,
                     unit=col.unit.unit if value is not None and col.unit is not None else None, change=change,
                     qualifier=None, parent=None, rule=_TABLE_RULE)


def _number(cell: str) -> Decimal | None:
    """The number a cell holds (None when left empty).

    >>> _number("-7.8"), _number("19.31%"), _number("—")
    (Decimal('-7.8'), Decimal('19.31'), None)
    """
    m = _TABLES.number_cell.fullmatch(cell)
    if m is None:
        return Decimal(0) if cell in _FLAT_CELLS else None
    value = parse_number(m.group("digits"))
    return -value if value is not None and m.group("minus") else value
