"""Ranked tables: rows of a place and a name under a caption that names the ranking.

A table as text (``1 | 苏州工业园区 | 江苏 | 2 | 广州经济技术开发区 | 广东 …``, or one row per line:
``1苏州工业园区江苏``) is a ranking fact per row when the places of its rows run on (1, 2, 3, …),
each names a zone or place, and a caption before the first row names the ranked list
(2021国家级经开区综合实力榜单, 2018年国家级经开区综合发展水平前30强名单): the caption's peers are the
field (国家级经开区), the words after them the measure (综合实力), its year the period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhibiao.extract.context import DocContext
from zhibiao.extract.names import strip_chars
from zhibiao.extract.periods import period_string
from zhibiao.extract.state import FactLog
from zhibiao.lexicon import Shapes, is_cjk
from zhibiao.model import Ranking
from zhibiao.resolve.subjects import expand_zone

__all__ = ["ranked_tables"]

_TABLES = Shapes("tables")
# A table needs this many rows in a row whose places run on: two could be any numbered lines.
_MIN_ROWS = 3
# How far a row's name may run (the longest zone names are about 15 characters).
_NAME_WIDTH = 24
# How far before its first row a caption may stand (with a header row between: 排行 | 名称 | 省份).
_CAPTION_WIDTH = 160
_SENTENCE_END = "。"


@dataclass(frozen=True, slots=True)
class _Row:
    start: int  # where the place is written
    rank: int
    name: str | None  # the zone or place ranked, when the row names one
    end: int  # where the name ends (the place's end when it has none)


def ranked_tables(doc: DocContext, start: int, end: int, log: FactLog) -> None:
    """Add to ``log`` a ranking fact for every named row of each ranked table in ``[start, end)``."""
    text = doc.text
    runs: list[list[_Row]] = []
    for m in _TABLES.row.finditer(text, start, end):
        row = _row(doc, m)
        if runs and runs[-1][-1].rank + 1 == row.rank and row.start >= runs[-1][-1].end:
            runs[-1].append(row)
        elif row.rank == 1 or not runs or len(runs[-1]) >= _MIN_ROWS:
            runs.append([row])
    bound = start
    for run in runs:
        if len(run) >= _MIN_ROWS and sum(r.name is not None for r in run) >= _MIN_ROWS:
            caption = _caption(text, max(bound, run[0].start - _CAPTION_WIDTH), run[0].start)
            if caption is not None:
                _add_rows(doc, run, caption, log)
        bound = run[-1].end


def _row(doc: DocContext, m: re.Match[str]) -> _Row:
    """The row whose place ``m`` matched: the zone or place name right after it, if any."""
    pos = m.end()
    chunk = doc.text[pos:pos + _NAME_WIDTH]
    finder = doc.finder
    for z_start, z_end, name in finder.zone_mentions(chunk)[:1]:
        # 上海漕河泾新兴技术开发区: a name whose prefix the gazetteer does not know runs from the row start
        if all(is_cjk(c) for c in chunk[:z_start]):
            return _Row(m.start("n"), int(m.group("n")), expand_zone(chunk[:z_start] + name), pos + z_end)
    for p_start, p_end, name in finder.place_mentions(chunk)[:1]:
        if p_start == 0:
            return _Row(m.start("n"), int(m.group("n")), name, pos + p_end)
    return _Row(m.start("n"), int(m.group("n")), None, m.end("n"))


@dataclass(frozen=True, slots=True)
class _Caption:
    scope: str | None
    measure: str | None
    year: str | None


def _caption(text: str, lo: int, hi: int) -> _Caption | None:
    """The last caption between ``lo`` and a table's first row (``hi``), within its sentence."""
    lo = max(lo, text.rfind(_SENTENCE_END, lo, hi) + 1)
    last = None
    for last in _TABLES.caption.finditer(text, lo, hi):  # noqa: B007 (the last one is wanted)
        pass
    if last is None:
        return None
    body = last.group("body")
    peers = _TABLES.peers.match(body)
    scope = peers.group(0) if peers else None
    measure = body[peers.end():] if peers else body
    return _Caption(scope, strip_chars(measure) or None, last.group("year"))


def _add_rows(doc: DocContext, run: list[_Row], caption: _Caption, log: FactLog) -> None:
    """One ranking fact per named row of a ranked table."""
    period = period_string(caption.year) if caption.year else None
    for row in run:
        if row.name is None:
            continue
        r = Ranking(subject=row.name, period=period, indicator=caption.measure, scope=caption.scope, rank=row.rank,
                    top=False, qualifier=None, rule="ranking.table.v1")
        doc.set_quote(r, row.start, row.end)
        log.add(r)
