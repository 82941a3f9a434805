"""The questions analysts ask of the fact store — shared by the CLI, the Python API and the web
dashboard. Every function takes an open SQLAlchemy :class:`~sqlalchemy.engine.Connection` and
returns plain dataclasses; none prints or formats.

Counting rules, the same everywhere:

* a fact repeated by a syndicated copy (``duplicate_of`` set) is counted once, through the
  canonical fact; its copies are listed as further sources;
* one zone, indicator and period is one figure: when several documents report it, the actual
  figure (not a target, preferably not an estimate) from the latest published report is shown,
  and the others are listed — a different value there is a conflict;
* targets (目标, 计划) are never compared with results.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import Double, Select, and_, case, null, select
from sqlalchemy.engine import Connection, Row

from zhibiao.errors import QueryError
from zhibiao.factcheck import MAX_ABS
from zhibiao.resolve.indicators import IndicatorDef, indicator, indicators, normalize_name, resolve_indicator
from zhibiao.resolve.zones import canonical_zone
from zhibiao.store.format import rate_rounding, rounding_of, same_figure, same_rate, stage_label
from zhibiao.store.periods import Span, format_span, parse_period, previous_year
from zhibiao.store.schema import (
    DocumentRow,
    ErrorRow,
    FactKeyRow,
    FactRow,
    FactZoneVersionRow,
    GenerationRow,
    to_decimal,
)

__all__ = [
    "CompareRow",
    "Conflict",
    "Coverage",
    "DocumentFact",
    "DocumentHit",
    "DocumentInfo",
    "DocumentView",
    "ErrorEntry",
    "FactHit",
    "Official",
    "PipelineRow",
    "ProfileRow",
    "SearchResult",
    "SourceRef",
    "TargetRank",
    "TargetRow",
    "UnresolvedDocument",
    "ZoneInfo",
    "ZonePick",
    "changed_zones",
    "compare",
    "compare_picks",
    "compare_rows",
    "compare_update",
    "conflicts",
    "coverage",
    "document",
    "documents",
    "errors",
    "export_rows",
    "generation",
    "key_version",
    "officials",
    "pipeline",
    "profile",
    "resolve_zone",
    "search",
    "summary",
    "target_ranks",
    "targets",
    "unresolved",
    "zones",
]

_F = FactRow.__table__.c
_D = DocumentRow.__table__.c
# Preference among reports of one figure: an actual before a rounded or bounded figure before an
# estimate; targets are excluded before this applies.
_QUALIFIER_ORDER = {None: 0, "approx": 1, "at_least": 1, "at_most": 1, "estimate": 2, "target": 3}
_STAGE_ORDER = {"signed": 0, "started": 1, "ongoing": 2, "completed": 3, "operational": 4, "other": 5}
# Stated growth vs levels: allowed gap beyond the rounding of the figures, in percentage points.
YOY_TOLERANCE_PP = Decimal("0.15")


# -- result types ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a figure was read: the document and the exact quote (offsets into its text)."""

    fact_id: int
    document: int
    doc_id: str
    title: str | None
    source: str | None
    source_name: str | None
    published: str | None
    quote: str
    start: int
    end: int
    # extract, or manual (added by an editor); original: the extractor's values of a corrected fact
    origin: str = "extract"
    original: dict[str, Any] | None = None

    def label(self) -> str:
        """A short human label: doc_id, publication and date."""
        parts = [self.doc_id]
        if self.source_name:
            parts.append(self.source_name)
        if self.published:
            parts.append(self.published)
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class CompareRow:
    """One zone's figure for one indicator and period."""

    zone: str
    indicator_id: str
    indicator: str
    period: str
    value: Decimal | None
    unit: str | None
    change_pct: Decimal | None
    rank: int | None
    qualifier: str | None
    source: SourceRef
    change_source: SourceRef | None = None   # when the growth is stated by another fact
    copies: tuple[SourceRef, ...] = ()       # syndicated copies stating the same figure
    others: tuple[tuple[Decimal, SourceRef], ...] = ()  # other documents' values for this figure
    conflict: bool = False  # another (non-duplicate) document states a value this one denies

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (numbers as strings keep their exact digits)."""
        return _plain_dict(self)


@dataclass(frozen=True, slots=True)
class ProfileRow:
    """One fact of a zone's profile; ``group`` is the indicator (or project stage, ranking)."""

    group: str
    indicator_id: str | None
    type: str
    period: str | None
    fact: dict[str, Any]
    source: SourceRef
    copies: tuple[SourceRef, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return _plain_dict(self)


@dataclass(frozen=True, slots=True)
class PipelineRow:
    """Projects of one zone, period, stage and size class (min_investment in ``currency``), as
    reported. ``investment`` and ``min_investment`` are in ``currency`` (CNY, USD…), never converted."""

    zone: str
    period: str | None
    stage: str
    category: str | None
    min_investment: Decimal | None
    count: Decimal | None
    investment: Decimal | None
    qualifier: str | None
    currency: str
    source: SourceRef
    copies: tuple[SourceRef, ...] = ()
    others: tuple[SourceRef, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return _plain_dict(self)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two reports that cannot both be right.

    ``kind``: ``value`` (two documents, two levels for one figure), ``change`` (two growth
    rates), ``yoy`` (a stated growth that the stored levels of two consecutive years deny).
    """

    kind: str
    zone: str
    indicator_id: str | None
    indicator: str
    period: str
    detail: str
    a: SourceRef
    b: SourceRef
    a_value: Decimal | None = None
    b_value: Decimal | None = None
    unit: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return _plain_dict(self)


@dataclass(frozen=True, slots=True)
class ErrorEntry:
    """A recorded document error."""

    location: str
    code: str
    message: str
    count: int
    first_seen: str
    last_seen: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def _plain_dict(obj: Any) -> dict[str, Any]:
    def conv(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, tuple | list):
            return [conv(v) for v in value]
        if isinstance(value, dict):
            return {k: conv(v) for k, v in value.items()}
        return value
    return {k: conv(v) for k, v in asdict(obj).items()}


# -- shared helpers --------------------------------------------------------------------------

def _sound(column: Any) -> Any:
    """A stored number as read by every question: itself when finite and below
    :data:`~zhibiao.factcheck.MAX_ABS`, else NULL. The fact guard keeps such numbers out of the
    store, but a store written before it (or by another tool) may hold infinity, NaN or 1e300,
    and one of them must never break a page: it reads as unknown."""
    limit = float(MAX_ABS)
    return case((and_(column > -limit, column < limit), column), else_=null()).label(column.name)


# A counted fact: not a syndicated copy's repetition, not marked wrong by an editor.
_COUNTED = and_(_F.duplicate_of.is_(None), _F.wrong.is_(False))

# The facts table's columns as the questions read them: every double-precision column guarded.
_FACT_COLUMNS = tuple(_sound(c) if isinstance(c.type, Double) else c for c in FactRow.__table__.c)


def _fact_select() -> Select[Any]:
    return (select(*_FACT_COLUMNS, _D.doc_id, _D.title, _D.source, _D.source_name, _D.published,
                   _D.canonical_id)
            .select_from(FactRow.__table__.join(DocumentRow.__table__, _D.id == _F.document_id)))


# What compare reads of each fact and its document — the source reference, the preference, the
# growth — and nothing more: a compare of 320 zones reads 1,200 facts, and turning their other
# thirty columns into Python values was a third of its time.
_COMPARE_COLUMNS = ("id", "document_id", "zone_id", "value", "unit", "change_basis", "change_pct", "qualifier",
                    "quote", "quote_start", "quote_end", "origin", "original")


class _Plain:
    """A result row as a plain dict behind ``_mapping``, where the helpers read it: compare of 320
    zones reads its 1,200 facts' fields 80,000 times, and through a RowMapping that cost as much
    as the query."""

    __slots__ = ("_mapping",)

    def __init__(self, mapping: dict[str, Any]) -> None:
        self._mapping = mapping


def _compare_select() -> Select[Any]:
    columns = [_sound(_F[c]) if isinstance(_F[c].type, Double) else _F[c] for c in _COMPARE_COLUMNS]
    return (select(*columns, _D.doc_id, _D.title, _D.source, _D.source_name, _D.published, _D.canonical_id)
            .select_from(FactRow.__table__.join(DocumentRow.__table__, _D.id == _F.document_id)))


def _ref(row: Row[Any]) -> SourceRef:
    m = row._mapping
    return SourceRef(fact_id=m["id"], document=m["document_id"], doc_id=m["doc_id"], title=m["title"],
                     source=m["source"], source_name=m["source_name"], published=m["published"],
                     quote=m["quote"], start=m["quote_start"], end=m["quote_end"],
                     origin=m["origin"], original=m["original"])


def _root(row: Row[Any]) -> int:
    """The canonical document of a fact's document (itself when it is not a copy)."""
    m = row._mapping
    return int(m["canonical_id"] or m["document_id"])


def _copies(conn: Connection, fact_ids: Iterable[int]) -> dict[int, tuple[SourceRef, ...]]:
    """The syndicated copies of each fact: facts of copies that repeat it."""
    ids = sorted(set(fact_ids))
    out: dict[int, list[SourceRef]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        # The copies' ids first (the partial index of copies), then their rows by id: asked at
        # once, PostgreSQL expected thousands of copies for 300 facts and hashed every document
        # of the store to join them (90 ms on 100,000 documents, for none).
        found = sorted(conn.execute(select(_F.id).where(_F.duplicate_of.in_(ids[i:i + 500]))).scalars())
        for j in range(0, len(found), 500):
            rows = conn.execute(_fact_select().where(_F.id.in_(found[j:j + 500])).order_by(_F.id))
            for row in rows:
                out[row._mapping["duplicate_of"]].append(_ref(row))
    return {k: tuple(v) for k, v in out.items()}


def _preference(row: Row[Any]) -> tuple[Any, ...]:
    """Sort key: actual figures first, then the latest published report, then the first stored."""
    m = row._mapping
    return (_QUALIFIER_ORDER.get(m["qualifier"], 2), -_date_number(m["published"]), m["id"])


@lru_cache(maxsize=8192)   # a store has a few thousand publication dates; compare sorts by them
def _date_number(published: str | None) -> int:
    """2023-07-19 → 20230719; an unknown or partial date → 0 (sorts after every known date)."""
    digits = re.sub(r"\D", "", published or "")
    return int(digits[:8]) if len(digits) >= 8 else 0


def _dec(value: Any) -> Decimal | None:
    return to_decimal(value)


def currency_of(value: str | None) -> str:
    """The currency of a stored projects fact: NULL (stored before revision 0004) is CNY.

    >>> currency_of(None), currency_of("USD")
    ('CNY', 'USD')
    """
    return value or "CNY"


def fact_dict(row: Row[Any]) -> dict[str, Any]:
    """A stored fact back in the FACTS.md shape (with canonical ids and offsets); projects always
    carry their ``currency``, rankings ``bottom``."""
    m = row._mapping
    kind = m["type"]
    change = None
    if m["change_basis"]:
        change = {"basis": m["change_basis"]}
        for key in ("pct", "pp", "abs"):
            if m[f"change_{key}"] is not None:
                change[key] = _dec(m[f"change_{key}"])
    out: dict[str, Any] = {"type": kind}
    if kind == "indicator":
        out.update(subject=m["subject"], name=m["name"], period=m["period"], value=_dec(m["value"]),
                   unit=m["unit"], change=change, qualifier=m["qualifier"], parent=m["parent"])
    elif kind == "projects":
        out.update(subject=m["subject"], period=m["period"], stage=m["stage"], category=m["category"],
                   min_investment=_dec(m["min_investment"]), count=_dec(m["count"]),
                   investment=_dec(m["investment"]), currency=currency_of(m["currency"]),
                   qualifier=m["qualifier"])
    elif kind == "ranking":
        out.update(subject=m["subject"], period=m["period"], indicator=m["name"], scope=m["scope"],
                   rank=m["rank"], top=bool(m["top"]), bottom=bool(m["bottom"]), qualifier=m["qualifier"])
    else:
        out.update(name=m["name"], titles=list(m["titles"] or []))
    out.update(zone_id=m["zone_id"], indicator_id=m["indicator_id"], quote=m["quote"],
               start=m["quote_start"], end=m["quote_end"])
    return out


def _span_of(period: str) -> Span:
    return parse_period(period)


# -- compare ---------------------------------------------------------------------------------

def compare(conn: Connection, indicator_name: str, period: str) -> list[CompareRow]:
    """Every zone's figure for one indicator over one period, ranked by value.

    ``indicator_name`` is an id, the standard name or any alias; ``period`` any form
    :func:`~zhibiao.store.periods.parse_period` accepts. Zones that state only a growth rate
    are listed without value or rank. Ranks are among the zones reporting in the most common
    unit (1 = highest; equal values share a rank).
    """
    ind = resolve_indicator(indicator_name)
    start, end = _span_of(period)
    return compare_rows(conn, ind.id, (start, end), compare_picks(conn, ind.id, (start, end)))


# What compare chose of one zone's facts: the level shown (None: the zone states a growth rate
# only), the fact of its growth rate, and the other levels reported (in preference order).
ZonePick = tuple[Any, Any, tuple[Any, ...]]


def compare_picks(conn: Connection, indicator_id: str, span: Span,
                  zones: Sequence[str] | None = None) -> dict[str, ZonePick]:
    """Per zone, what :func:`compare` shows of one (indicator id, period) — of every zone, or of
    ``zones`` only (a zone with no figure of the key left is absent). One zone's pick depends on
    that zone's facts and their documents alone; :func:`compare_rows` ranks the zones."""
    start, end = span
    query = _compare_select().where(
        _F.type == "indicator", _F.indicator_id == indicator_id, _F.period_start == start, _F.period_end == end,
        _COUNTED, _F.zone_id.is_not(None),
        (_F.qualifier.is_(None)) | (_F.qualifier != "target"))
    out: dict[str, ZonePick] = {}
    for i in range(0, len(zones), 500) if zones is not None else (0,):
        result = conn.execute(query if zones is None else query.where(_F.zone_id.in_(zones[i:i + 500])))
        keys = list(result.keys())
        rows: list[Any] = [_Plain(dict(zip(keys, r, strict=True))) for r in result]
        by_zone: dict[str, list[Row[Any]]] = defaultdict(list)
        for row in rows:
            by_zone[row._mapping["zone_id"]].append(row)
        for zone, zone_rows in by_zone.items():
            levels = sorted((r for r in zone_rows if r._mapping["value"] is not None), key=_preference)
            level = levels[0] if levels else None
            growth = _growth_fact(zone_rows, level)
            if level is not None or growth is not None:
                out[zone] = (level, growth, tuple(levels[1:]))
    return out


def changed_zones(conn: Connection, indicator_id: str, span: Span, since: int) -> list[str]:
    """The zones of an (indicator id, period) with a fact, or the document of one, changed at a
    store generation above ``since`` (revision 0010): the zones whose :func:`compare_picks`
    may differ from picks read when the key's version was ``since``."""
    v = FactZoneVersionRow.__table__.c
    return list(conn.execute(select(v.zone_id).where(
        v.indicator_id == indicator_id, v.period_start == span[0], v.period_end == span[1], v.version > since)
        .order_by(v.zone_id)).scalars())


def compare_update(conn: Connection, indicator_id: str, span: Span, picks: dict[str, ZonePick],
                   since: int) -> dict[str, ZonePick]:
    """``picks`` of an (indicator id, period) read when its :func:`key_version` was ``since``,
    brought up to the store: the zones changed since read again, the others kept (a new dict;
    ``picks`` is left as it was). Equal to :func:`compare_picks` of the whole key."""
    zones = changed_zones(conn, indicator_id, span, since)
    if not zones:
        return picks
    if len(zones) > max(8, len(picks) // 4):   # most of it: one read of the key is cheaper
        return compare_picks(conn, indicator_id, span)
    fresh = compare_picks(conn, indicator_id, span, zones)
    out = {zone: pick for zone, pick in picks.items() if zone not in fresh}
    for zone in zones:
        out.pop(zone, None)
    out.update(fresh)
    return out


def compare_rows(conn: Connection, indicator_id: str, span: Span, picks: dict[str, ZonePick],
                 built: dict[str, tuple[ZonePick, CompareRow]] | None = None) -> list[CompareRow]:
    """The ranked rows of :func:`compare` from its zones' picks (and each shown fact's copies).

    ``built``, when given, keeps each zone's row before ranking with the pick it was made from,
    from one call to the next (updated here): a zone whose pick is the same object as then (kept
    by :func:`compare_update`) and whose copies are the same is not made again, only ranked."""
    ind = indicator(indicator_id)
    name, default_unit = (ind.name, ind.unit) if ind is not None else (indicator_id, None)
    copies = _copies(conn, [r._mapping["id"] for level, growth, _ in picks.values() for r in (level, growth) if r])
    unit_counts = Counter(level._mapping["unit"] for level, _, _ in picks.values() if level is not None)
    main_unit = max(unit_counts, key=lambda u: (unit_counts[u], u == default_unit)) if unit_counts else None
    # ascending: the zones above a value are those after its last equal (bisect, not a scan per zone)
    values = sorted(_dec(level._mapping["value"]) for level, _, _ in picks.values()
                    if level is not None and level._mapping["unit"] == main_unit)
    out: list[CompareRow] = []
    label = format_span(*span)
    for zone, pick in picks.items():
        level, growth, others = pick
        main = level if level is not None else growth
        assert main is not None
        shown_copies = copies.get(main._mapping["id"], ())
        kept = built.get(zone) if built is not None else None
        if kept is not None and kept[0] is pick and kept[1].copies == shown_copies:
            row = kept[1]
        else:
            row = _compare_row(zone, indicator_id, name, label, level, growth, others, shown_copies)
            if built is not None:
                built[zone] = (pick, row)
        if row.value is not None and row.unit == main_unit:
            row = _ranked(row, 1 + len(values) - bisect_right(values, row.value))
        out.append(row)
    if built is not None:
        for zone in built.keys() - picks.keys():
            del built[zone]
    out.sort(key=lambda r: (r.rank is None, r.rank or 0, -(r.change_pct or Decimal(0)), r.zone))
    return out


def _ranked(row: CompareRow, rank: int) -> CompareRow:
    """``row`` with ``rank`` (``dataclasses.replace``, five times faster: compare ranks 320 rows)."""
    return CompareRow(row.zone, row.indicator_id, row.indicator, row.period, row.value, row.unit, row.change_pct,
                      rank, row.qualifier, row.source, row.change_source, row.copies, row.others, row.conflict)


def _compare_row(zone: str, indicator_id: str, name: str, label: str, level: Any, growth: Any,
                 others: tuple[Any, ...], copies: tuple[SourceRef, ...]) -> CompareRow:
    """One zone's compare row, not ranked."""
    main = level if level is not None else growth
    value = _dec(level._mapping["value"]) if level is not None else None
    change = _dec(growth._mapping["change_pct"]) if growth is not None else None
    other_rows = [r for r in others if _root(r) != _root(main) and r._mapping["unit"] == main._mapping["unit"]]
    other_values = tuple((_dec(r._mapping["value"]), _ref(r)) for r in other_rows)
    conflict = value is not None and any(
        _bounds_agree(value, main._mapping["qualifier"], _dec(r._mapping["value"]),  # type: ignore[arg-type]
                      r._mapping["qualifier"]) is False for r in other_rows)
    return CompareRow(
        zone=zone, indicator_id=indicator_id, indicator=name, period=label, value=value,
        unit=level._mapping["unit"] if level is not None else None, change_pct=change, rank=None,
        qualifier=main._mapping["qualifier"], source=_ref(main),
        change_source=_ref(growth) if growth is not None and growth is not main else None,
        copies=copies,
        others=other_values,  # type: ignore[arg-type]
        conflict=conflict,
    )


def _growth_fact(rows: list[Row[Any]], level: Row[Any] | None) -> Row[Any] | None:
    """The fact stating the year-on-year growth: the level's own, else one of the same document,
    else the preferred one of any document."""
    def is_yoy(r: Row[Any]) -> bool:
        return r._mapping["change_basis"] == "yoy" and r._mapping["change_pct"] is not None
    if level is not None and is_yoy(level):
        return level
    candidates = sorted((r for r in rows if is_yoy(r)), key=_preference)
    if level is not None:
        same_doc = [r for r in candidates if r._mapping["document_id"] == level._mapping["document_id"]]
        if same_doc:
            return same_doc[0]
    return candidates[0] if candidates else None


# -- profile ---------------------------------------------------------------------------------

def resolve_zone(conn: Connection, text: str) -> str:
    """The stored zone id a user means: any alias or short form (淮安经开区), else an error
    naming stored zones that contain the text."""
    wanted = canonical_zone(text) or text.strip()
    for candidate in dict.fromkeys((wanted, text.strip())):
        if conn.execute(select(_F.id).where(_F.zone_id == candidate).limit(1)).first():
            return candidate
    pattern = f"%{text.strip()}%"
    close = conn.execute(select(_F.zone_id).where(_F.zone_id.like(pattern)).distinct().limit(6)).scalars().all()
    hint = f"; did you mean {'、'.join(sorted(close))}?" if close else ""
    raise QueryError(f"no facts about zone {text!r} in the store{hint}")


def _indicator_order() -> dict[str, int]:
    return {item.id: i for i, item in enumerate(indicators())}


def profile(conn: Connection, zone: str) -> list[ProfileRow]:
    """All of one zone's facts over time, grouped by indicator (taxonomy order first, then the
    names no canonical indicator covers), then project stages, then rankings."""
    zone_id = resolve_zone(conn, zone)
    rows = conn.execute(_fact_select().where(_F.zone_id == zone_id, _COUNTED)).all()
    copies = _copies(conn, [r._mapping["id"] for r in rows])
    order = _indicator_order()
    out: list[tuple[tuple[Any, ...], ProfileRow]] = []
    for row in rows:
        m = row._mapping
        kind = m["type"]
        ind: IndicatorDef | None = indicator(m["indicator_id"]) if m["indicator_id"] else None
        if kind == "indicator":
            group = ind.name if ind else (m["name"] or "")
            head = (0, order.get(ind.id, 0) if ind else len(order), "" if ind else normalize_name(group))
        elif kind == "projects":
            group = f"项目·{stage_label(m['stage'])}"
            head = (1, _STAGE_ORDER.get(m["stage"], 9), "")
        else:
            ranked = ind.name if ind else m["name"]
            group = f"排名·{ranked}" if ranked else "排名"
            head = (2, 0, group)
        key = (*head, m["period_end"] or "9999", m["period_start"] or "", m["id"])
        out.append((key, ProfileRow(group=group, indicator_id=m["indicator_id"], type=kind, period=m["period"],
                                    fact=fact_dict(row), source=_ref(row), copies=copies.get(m["id"], ()))))
    out.sort(key=lambda pair: pair[0])
    return [row for _, row in out]


# -- pipeline --------------------------------------------------------------------------------

def pipeline(conn: Connection, zone: str | None = None) -> list[PipelineRow]:
    """Investment projects by zone, period, stage and size class.

    Each (zone, period, stage, category, currency, size class) is one reported figure — never a
    sum over documents, which would count the same projects once per report — taken like compare
    takes a value; a 其中 class (百亿级 under 亿元以上) is its own row, not added to its parent.
    Amounts in another currency (千万美元以上, 6.45亿美元) are their own rows, never merged with CNY
    figures: the reports give no exchange rate.
    """
    query = _fact_select().where(_F.type == "projects", _COUNTED, _F.zone_id.is_not(None),
                                 (_F.qualifier.is_(None)) | (_F.qualifier != "target"))
    if zone is not None:
        query = query.where(_F.zone_id == resolve_zone(conn, zone))
    groups: dict[tuple[Any, ...], list[Row[Any]]] = defaultdict(list)
    for row in conn.execute(query):
        m = row._mapping
        key = (m["zone_id"], m["period"], m["stage"], m["category"], currency_of(m["currency"]), m["min_investment"])
        groups[key].append(row)
    chosen = {key: sorted(rows, key=_preference) for key, rows in groups.items()}
    copies = _copies(conn, [rows[0]._mapping["id"] for rows in chosen.values()])
    out: list[PipelineRow] = []
    for (zone_id, period, stage, category, currency, min_inv), rows in chosen.items():
        best = rows[0]
        m = best._mapping
        out.append(PipelineRow(
            zone=zone_id, period=period, stage=stage, category=category, min_investment=_dec(min_inv),
            count=_dec(m["count"]), investment=_dec(m["investment"]), qualifier=m["qualifier"], currency=currency,
            source=_ref(best), copies=copies.get(m["id"], ()),
            others=tuple(_ref(r) for r in rows[1:] if _root(r) != _root(best))))
    out.sort(key=lambda r: (r.zone, r.period or "", _STAGE_ORDER.get(r.stage, 9), r.category or "",
                            r.currency != "CNY", r.currency, r.min_investment or Decimal(0)))
    return out


# -- conflicts -------------------------------------------------------------------------------

def conflicts(conn: Connection) -> list[Conflict]:
    """Figures that two reports cannot both have right.

    * ``value``: the same zone, indicator, period and unit with levels that differ beyond
      rounding (18.56亿 and 18.6亿 agree), stated by documents that are not copies of each other;
      figures qualified 约/以上/以内 are checked as bounds, estimates only against estimates;
    * ``change``: the same, for stated year-on-year growth rates;
    * ``yoy``: a stated growth rate against the levels stored for the same months of two
      consecutive years, for indicators whose growth is at current prices (the taxonomy's
      ``nominal``; GDP and value added grow at comparable prices and are never checked here):
      |level_t / level_{t-1} − 1 − stated| must stay within 0.15 pp plus the rounding of the
      two levels.
    """
    rows = conn.execute(_fact_select().where(
        _F.type == "indicator", _COUNTED, _F.zone_id.is_not(None),
        _F.period_start.is_not(None), (_F.qualifier.is_(None)) | (_F.qualifier != "target"))).all()
    groups: dict[tuple[Any, ...], list[Row[Any]]] = defaultdict(list)
    for row in rows:
        m = row._mapping
        key = m["indicator_id"] or f"name:{normalize_name(m['name'] or '')}"
        groups[(m["zone_id"], key, m["period_start"], m["period_end"])].append(row)
    found: list[Conflict] = []
    for (zone, key, start, end), group in sorted(groups.items(), key=lambda kv: kv[0]):
        found.extend(_value_conflicts(zone, key, (start, end), group))
        found.extend(_change_conflicts(zone, key, (start, end), group))
        found.extend(_yoy_conflicts(zone, key, (start, end), group, groups))
    return found


def _label(key: str) -> tuple[str | None, str]:
    if key.startswith("name:"):
        return None, key[5:]
    ind = indicator(key)
    return key, ind.name if ind else key


def _by_root(group: Sequence[Row[Any]], want: Any) -> dict[int, Row[Any]]:
    """One fact per canonical document (the preferred one), among those ``want`` accepts."""
    out: dict[int, Row[Any]] = {}
    for row in sorted((r for r in group if want(r)), key=_preference):
        out.setdefault(_root(row), row)
    return out


def _bounds_agree(a: Decimal, qa: str | None, b: Decimal, qb: str | None) -> bool | None:
    """Whether two figures with qualifiers can both be true; None when they are not comparable."""
    if (qa == "estimate") != (qb == "estimate"):
        return None  # a forecast and a result are different statements
    if same_figure(a, b):
        return True
    for x, qx, y in ((a, qa, b), (b, qb, a)):
        if qx == "at_least" and y >= x:
            return True
        if qx == "at_most" and y <= x:
            return True
        if qx == "approx" and abs(y - x) <= Decimal("0.05") * abs(x):
            return True
    return False


def _value_conflicts(zone: str, key: str, span: Span, group: list[Row[Any]]) -> Iterator[Conflict]:
    indicator_id, name = _label(key)
    units = {r._mapping["unit"] for r in group if r._mapping["value"] is not None}
    for unit in sorted(u for u in units if u is not None):
        per_root = list(_by_root(group, lambda r, u=unit: r._mapping["value"] is not None
                                 and r._mapping["unit"] == u).values())
        for i, a in enumerate(per_root):
            for b in per_root[i + 1:]:
                va, vb = _dec(a._mapping["value"]), _dec(b._mapping["value"])
                assert va is not None and vb is not None
                if _bounds_agree(va, a._mapping["qualifier"], vb, b._mapping["qualifier"]) is False:
                    yield Conflict(kind="value", zone=zone, indicator_id=indicator_id, indicator=name,
                                   period=format_span(*span), unit=unit, a=_ref(a), b=_ref(b), a_value=va,
                                   b_value=vb, detail="two documents state different values")


def _change_conflicts(zone: str, key: str, span: Span, group: list[Row[Any]]) -> Iterator[Conflict]:
    indicator_id, name = _label(key)
    per_root = list(_by_root(group, lambda r: r._mapping["change_basis"] == "yoy"
                             and r._mapping["change_pct"] is not None).values())
    for i, a in enumerate(per_root):
        for b in per_root[i + 1:]:
            pa, pb = _dec(a._mapping["change_pct"]), _dec(b._mapping["change_pct"])
            assert pa is not None and pb is not None
            if (a._mapping["qualifier"] == "estimate") != (b._mapping["qualifier"] == "estimate"):
                continue
            if not same_rate(pa, pb):
                yield Conflict(kind="change", zone=zone, indicator_id=indicator_id, indicator=name,
                               period=format_span(*span), unit="%", a=_ref(a), b=_ref(b), a_value=pa, b_value=pb,
                               detail="two documents state different year-on-year growth")


def _yoy_conflicts(zone: str, key: str, span: Span, group: list[Row[Any]],
                   groups: dict[tuple[Any, ...], list[Row[Any]]]) -> Iterator[Conflict]:
    ind = indicator(key) if not key.startswith("name:") else None
    if ind is None or not ind.nominal:
        return
    prior_group = groups.get((zone, key, *previous_year(span)))
    if not prior_group:
        return
    for root, level in _by_root(group, lambda r: r._mapping["value"] is not None
                                and r._mapping["qualifier"] is None).items():
        stated_row = level if level._mapping["change_basis"] == "yoy" and level._mapping["change_pct"] is not None \
            else next((r for r in sorted(group, key=_preference) if _root(r) == root
                       and r._mapping["change_basis"] == "yoy" and r._mapping["change_pct"] is not None
                       and r._mapping["qualifier"] is None), None)
        if stated_row is None:
            continue
        unit = level._mapping["unit"]
        priors = sorted((r for r in prior_group if r._mapping["value"] is not None
                         and r._mapping["qualifier"] is None and r._mapping["unit"] == unit), key=_preference)
        if not priors:
            continue
        prior = priors[0]
        v_t, v_p = _dec(level._mapping["value"]), _dec(prior._mapping["value"])
        stated = _dec(stated_row._mapping["change_pct"])
        assert v_t is not None and v_p is not None and stated is not None
        if v_p <= 0:
            continue
        implied = (v_t / v_p - 1) * 100
        # Relative rounding of each level, carried into the ratio (first order).
        slack = (v_t / v_p) * (rounding_of(v_t) / v_t + rounding_of(v_p) / v_p) * 100
        gap = abs(implied - stated)
        allowed = YOY_TOLERANCE_PP + rate_rounding(stated) + slack
        if gap > allowed:
            yield Conflict(
                kind="yoy", zone=zone, indicator_id=ind.id, indicator=ind.name, period=format_span(*span),
                unit=unit, a=_ref(stated_row), b=_ref(prior), a_value=v_t, b_value=v_p,
                detail=(f"stated {stated:+}% but the levels give {implied:+.2f}% "
                        f"(allowed gap {allowed:.2f} pp)"),
                extra={"stated_pct": stated, "implied_pct": implied.quantize(Decimal("0.01")),
                       "level_fact": level._mapping["id"]})


# -- errors, summary -------------------------------------------------------------------------

def errors(conn: Connection) -> list[ErrorEntry]:
    """The recorded document errors, most recent first."""
    table = ErrorRow.__table__
    rows = conn.execute(select(table).order_by(table.c.last_seen.desc(), table.c.id.desc()))
    return [ErrorEntry(location=r.location, code=r.code, message=r.message, count=r.count,
                       first_seen=r.first_seen.isoformat(timespec="seconds"),
                       last_seen=r.last_seen.isoformat(timespec="seconds")) for r in rows]


def summary(conn: Connection) -> dict[str, int]:
    """Counts of the store: documents, copies, facts, counted facts, errors."""
    from sqlalchemy import func

    def one(query: Any) -> int:
        return int(conn.execute(query).scalar_one())
    return {
        "documents": one(select(func.count()).select_from(DocumentRow.__table__)),
        "copies": one(select(func.count()).select_from(DocumentRow.__table__).where(_D.canonical_id.is_not(None))),
        "facts": one(select(func.count()).select_from(FactRow.__table__)),
        "counted_facts": one(select(func.count()).select_from(FactRow.__table__).where(_COUNTED)),
        "errors": one(select(func.count()).select_from(ErrorRow.__table__)),
    }


# -- export ----------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "fact_id", "type", "zone_id", "subject", "indicator_id", "indicator", "name", "period", "period_start",
    "period_end", "value", "unit", "change_basis", "change_pct", "change_pp", "change_abs", "qualifier",
    "parent", "stage", "category", "min_investment", "count", "investment", "currency", "scope", "rank", "top",
    "bottom", "titles",
    "quote", "quote_start", "quote_end", "doc_id", "document_title", "source", "source_name", "published",
    "content_hash", "canonical_doc_id", "duplicate_of", "copies", "extractor_version", "rule", "origin",
    "original",
)


def export_rows(conn: Connection, *, type: str | None = None, indicator: str | None = None,
                zone: str | None = None, period: str | None = None,
                include_copies: bool = False) -> Iterator[dict[str, Any]]:
    """The facts as flat rows (:data:`EXPORT_COLUMNS`), numbers in base units; a projects fact's
    amounts in its ``currency`` (CNY for rows stored before it existed), a ranking's ``bottom``
    true for a last place (both null for the other fact types).

    Corrected facts carry their corrected values, with the extractor's in ``original``; facts
    marked wrong are left out; ``origin`` is ``manual`` for a fact an editor added.

    Filters: fact ``type``, ``indicator`` (any alias), ``zone`` (any alias), ``period`` (any
    form parse_period accepts; the exact span). A syndicated copy's repeated facts are left out
    unless ``include_copies``; each counted fact lists its copies' doc_ids in ``copies``.
    """
    canonical = DocumentRow.__table__.alias("canonical")
    query = (select(*_FACT_COLUMNS, _D.doc_id, _D.title, _D.source, _D.source_name, _D.published,
                    _D.content_hash, canonical.c.doc_id.label("canonical_doc_id"))
             .select_from(FactRow.__table__.join(DocumentRow.__table__, _D.id == _F.document_id)
                          .outerjoin(canonical, canonical.c.id == _D.canonical_id)))
    conditions = []
    if type is not None:
        if type not in ("indicator", "projects", "ranking", "person"):
            raise QueryError(f"unknown fact type {type!r} (indicator, projects, ranking, person)")
        conditions.append(_F.type == type)
    if indicator is not None:
        conditions.append(_F.indicator_id == resolve_indicator(indicator).id)
    if zone is not None:
        conditions.append(_F.zone_id == resolve_zone(conn, zone))
    if period is not None:
        start, end = parse_period(period)
        conditions.append(and_(_F.period_start == start, _F.period_end == end))
    conditions.append(_COUNTED if not include_copies else _F.wrong.is_(False))
    query = query.where(*conditions)
    copy_ids: dict[int, list[str]] = defaultdict(list)
    copy_query = (select(_F.duplicate_of, _D.doc_id)
                  .select_from(FactRow.__table__.join(DocumentRow.__table__, _D.id == _F.document_id))
                  .where(_F.duplicate_of.is_not(None)).order_by(_F.id))
    for target, doc_id in conn.execute(copy_query):
        copy_ids[target].append(doc_id)
    names = {item.id: item.name for item in indicators()}
    for row in conn.execute(query.order_by(_F.document_id, _F.seq)):
        m = row._mapping
        yield {
            "fact_id": m["id"], "type": m["type"], "zone_id": m["zone_id"], "subject": m["subject"],
            "indicator_id": m["indicator_id"], "indicator": names.get(m["indicator_id"] or ""),
            "name": m["name"], "period": m["period"], "period_start": m["period_start"],
            "period_end": m["period_end"], "value": m["value"], "unit": m["unit"],
            "change_basis": m["change_basis"], "change_pct": m["change_pct"], "change_pp": m["change_pp"],
            "change_abs": m["change_abs"], "qualifier": m["qualifier"], "parent": m["parent"],
            "stage": m["stage"], "category": m["category"], "min_investment": m["min_investment"],
            "count": m["count"], "investment": m["investment"],
            "currency": currency_of(m["currency"]) if m["type"] == "projects" else None,
            "scope": m["scope"], "rank": m["rank"], "top": m["top"],
            "bottom": bool(m["bottom"]) if m["type"] == "ranking" else None,
            "titles": "、".join(m["titles"]) if m["titles"] else None,
            "quote": m["quote"], "quote_start": m["quote_start"], "quote_end": m["quote_end"],
            "doc_id": m["doc_id"], "document_title": m["title"], "source": m["source"],
            "source_name": m["source_name"], "published": m["published"], "content_hash": m["content_hash"],
            "canonical_doc_id": m["canonical_doc_id"], "duplicate_of": m["duplicate_of"],
            "copies": ";".join(copy_ids.get(m["id"], [])) or None,
            "extractor_version": m["extractor_version"], "rule": m["rule"], "origin": m["origin"],
            "original": _original_text(m["original"]),
        }


def _original_text(original: dict[str, Any] | None) -> str | None:
    """A corrected fact's extracted values in one export cell (the fields that had a value)."""
    if not original:
        return None
    return "; ".join(f"{k}={v}" for k, v in original.items() if v is not None)


# -- the dashboard's questions: documents, zones, coverage, officials, search -----------------
# Read-only questions the web dashboard (zhibiao.serve) asks besides the ones above; kept here so
# that there is one query layer.

MAX_SEARCH_CHARS = 100
MAX_PAGE = 100
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# The text searched in a document: the expression of the index of migration 0003 (PostgreSQL uses an
# expression index only for the very same expression, so it is literal SQL); and in a fact.
_DOC_BODY = "coalesce(documents.title, '') || ' ' || documents.text"
_FACT_BODY = ("coalesce(facts.quote, '') || ' ' || coalesce(facts.name, '') || ' ' || "
              "coalesce(facts.subject, '') || ' ' || coalesce(facts.zone_id, '')")
_PG_LOWER = "translate({body}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_PG_LONG = "zhibiao_long"  # the lexeme zhibiao_bigrams gives texts longer than it turns into bigrams
_SNIPPET = 60


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A stored document without its text."""

    id: int
    doc_id: str
    title: str | None
    source: str | None
    source_name: str | None
    published: str | None
    page: str | None
    url: str | None
    n_chars: int
    n_facts: int
    canonical_id: int | None
    similarity: float | None
    # the zone of its unresolved facts (--zone, a record's zone, assigned on the dashboard)
    zone: str | None = None
    extractor_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DocumentFact:
    """One fact of a document: its id, order, FACTS.md dict (with offsets) and the fact it repeats."""

    id: int
    seq: int
    type: str
    fact: dict[str, Any]
    duplicate_of: int | None = None
    wrong: bool = False              # marked wrong by an editor: counted nowhere
    origin: str = "extract"          # manual: added by an editor
    original: dict[str, Any] | None = None  # the extractor's values of a corrected fact

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return _plain_dict(self)


@dataclass(frozen=True, slots=True)
class DocumentView:
    """A document with its full text, its facts in text order, and its syndicated copies."""

    info: DocumentInfo
    text: str
    facts: tuple[DocumentFact, ...]
    canonical: DocumentInfo | None = None    # the document this one is a copy of
    copies: tuple[DocumentInfo, ...] = ()    # the documents that are copies of this one

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return _plain_dict(self)


@dataclass(frozen=True, slots=True)
class ZoneInfo:
    """A zone of the store: how many counted facts and documents speak of it, the latest period."""

    zone: str
    facts: int
    documents: int
    latest_period: str | None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Coverage:
    """One (indicator, period) that ``zones`` zones report: a question compare can answer."""

    indicator_id: str
    indicator: str
    period: str
    zones: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Official:
    """A person named in a zone's reports, with the titles the latest of them gives."""

    name: str
    titles: tuple[str, ...]
    source: SourceRef
    mentions: int = 1

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return _plain_dict(self)


@dataclass(frozen=True, slots=True)
class DocumentHit:
    """A document containing the searched text; ``snippet`` is (before, match, after)."""

    document: DocumentInfo
    snippet: tuple[str, str, str]
    matches: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return _plain_dict(self)


@dataclass(frozen=True, slots=True)
class FactHit:
    """A counted fact whose quote, name, subject or zone contains the searched text."""

    id: int
    type: str
    fact: dict[str, Any]
    source: SourceRef

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return _plain_dict(self)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One page of documents and one page of facts matching a search, with their totals."""

    query: str
    documents_total: int
    documents: tuple[DocumentHit, ...]
    facts_total: int
    facts: tuple[FactHit, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return _plain_dict(self)


def _document_info(m: Any) -> DocumentInfo:
    return DocumentInfo(id=m["id"], doc_id=m["doc_id"], title=m["title"], source=m["source"],
                        source_name=m["source_name"], published=m["published"], page=m["page"], url=m["url"],
                        n_chars=m["n_chars"], n_facts=m["n_facts"], canonical_id=m["canonical_id"],
                        similarity=m["similarity"], zone=m["zone"], extractor_version=m["extractor_version"])


_INFO_COLUMNS = (_D.id, _D.doc_id, _D.title, _D.source, _D.source_name, _D.published, _D.page, _D.url, _D.n_chars,
                 _D.n_facts, _D.canonical_id, _D.similarity, _D.zone, _D.extractor_version)


def _check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE:
        raise QueryError(f"limit must be between 1 and {MAX_PAGE}")
    if offset < 0:
        raise QueryError("offset must not be negative")


def documents(conn: Connection, *, limit: int = 20, offset: int = 0) -> list[DocumentInfo]:
    """Stored documents, latest published first (undated ones last, then newest stored first)."""
    _check_page(limit, offset)
    query = (select(*_INFO_COLUMNS).order_by(_D.published.desc().nulls_last(), _D.id.desc())
             .limit(limit).offset(offset))
    return [_document_info(r._mapping) for r in conn.execute(query)]


def document(conn: Connection, document_id: int) -> DocumentView | None:
    """One document by its row id (``SourceRef.document``): text, facts in text order, copies.
    None when there is no such document."""
    row = conn.execute(select(*_INFO_COLUMNS, _D.text).where(_D.id == document_id)).first()
    if row is None:
        return None
    info = _document_info(row._mapping)
    facts = tuple(
        DocumentFact(id=r._mapping["id"], seq=r._mapping["seq"], type=r._mapping["type"], fact=fact_dict(r),
                     duplicate_of=r._mapping["duplicate_of"], wrong=bool(r._mapping["wrong"]),
                     origin=r._mapping["origin"], original=r._mapping["original"])
        for r in conn.execute(select(*_FACT_COLUMNS).where(_F.document_id == document_id)
                              .order_by(_F.quote_start, _F.seq)))
    canonical = None
    if info.canonical_id is not None:
        found = conn.execute(select(*_INFO_COLUMNS).where(_D.id == info.canonical_id)).first()
        canonical = _document_info(found._mapping) if found is not None else None
    copies = tuple(_document_info(r._mapping) for r in conn.execute(
        select(*_INFO_COLUMNS).where(_D.canonical_id == document_id).order_by(_D.id)))
    return DocumentView(info=info, text=row._mapping["text"], facts=facts, canonical=canonical, copies=copies)


@dataclass(frozen=True, slots=True)
class UnresolvedDocument:
    """A document with counted facts whose subject names no zone (未识别主体): nowhere compared
    until an editor assigns its zone."""

    document: DocumentInfo
    facts: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return _plain_dict(self)


def unresolved(conn: Connection, *, limit: int = 50) -> tuple[int, list[UnresolvedDocument]]:
    """The number of counted facts (persons aside) that have no zone, and the documents that hold
    them, the most such facts first."""
    from sqlalchemy import func

    where = (_COUNTED, _F.zone_id.is_(None), _F.type != "person")
    total = int(conn.execute(select(func.count()).select_from(FactRow.__table__).where(*where)).scalar_one())
    n = func.count(_F.id)
    per_doc = (select(_F.document_id, n.label("n")).where(*where).group_by(_F.document_id)
               .order_by(n.desc(), _F.document_id).limit(limit).subquery())
    rows = conn.execute(select(*_INFO_COLUMNS, per_doc.c.n).join(per_doc, per_doc.c.document_id == _D.id)
                        .order_by(per_doc.c.n.desc(), _D.id)).all()
    return total, [UnresolvedDocument(document=_document_info(r._mapping), facts=int(r._mapping["n"]))
                   for r in rows]


def zones(conn: Connection, *, limit: int = 100) -> list[ZoneInfo]:
    """The zones of the store, the most reported first (counted facts, not copies)."""
    from sqlalchemy import func

    n_facts = func.count()
    query = (select(_F.zone_id, n_facts, func.count(func.distinct(_F.document_id)), func.max(_F.period_end))
             .where(_F.zone_id.is_not(None), _COUNTED)
             .group_by(_F.zone_id).order_by(n_facts.desc(), _F.zone_id).limit(limit))
    return [ZoneInfo(zone=z, facts=int(n), documents=int(d), latest_period=p) for z, n, d, p in conn.execute(query)]


def coverage(conn: Connection, indicator_name: str | None = None, *, limit: int = 50) -> list[Coverage]:
    """The (indicator, period) pairs of stored indicator facts, the most zones first: what compare
    can answer. ``indicator_name`` (any alias) keeps one indicator's periods.

    Read from the rollup the database keeps (``fact_keys``, revision 0008): the number of zones
    with a counted indicator fact of each pair, the same count as grouping the facts (a test
    checks it after ingests, corrections and reextract), without reading them."""
    k = FactKeyRow.__table__.c
    query = (select(k.indicator_id, k.period_start, k.period_end, k.zones).where(k.zones > 0)
             .order_by(k.zones.desc(), k.period_end.desc(), k.indicator_id, k.period_start.desc()).limit(limit))
    if indicator_name is not None:
        query = query.where(k.indicator_id == resolve_indicator(indicator_name).id)
    out = []
    for ind_id, start, end, n in conn.execute(query):
        ind = indicator(ind_id)
        out.append(Coverage(indicator_id=ind_id, indicator=ind.name if ind else ind_id, period=format_span(start, end),
                            zones=int(n)))
    return out


def generation(conn: Connection) -> int:
    """The store's generation: raised by every write to its facts or documents, by any process
    (revision 0008). An answer read at one generation is still right while it is unchanged."""
    return int(conn.execute(select(GenerationRow.version).where(GenerationRow.id == 1)).scalar_one())


def key_version(conn: Connection, indicator_id: str, period_start: str, period_end: str) -> int | None:
    """The generation of the last change to a fact of (indicator, period) — or to the document of
    one — or None when no fact of it was ever stored: ``compare`` of that key answers the same
    while this is unchanged."""
    k = FactKeyRow.__table__.c
    found = conn.execute(select(k.version).where(k.indicator_id == indicator_id, k.period_start == period_start,
                                                 k.period_end == period_end)).scalar_one_or_none()
    return None if found is None else int(found)


def officials(conn: Connection, zone: str) -> list[Official]:
    """The persons named in the reports about a zone (any alias), with their titles.

    A report is about the zone when most of its counted facts with a zone are this zone's (person
    facts have no zone: a report names its officials, not theirs). One row per name, titles
    from the latest report that names them, most mentioned first.
    """
    zone_id = resolve_zone(conn, zone)
    from sqlalchemy import func

    docs = select(_F.document_id).where(_F.zone_id == zone_id).distinct().scalar_subquery()
    counts = conn.execute(select(_F.document_id, _F.zone_id, func.count())
                          .where(_F.document_id.in_(docs), _F.zone_id.is_not(None), _COUNTED)
                          .group_by(_F.document_id, _F.zone_id)).all()
    best: dict[int, tuple[int, str]] = {}
    for doc, z, n in counts:
        if doc not in best or (n, z == zone_id) > (best[doc][0], best[doc][1] == zone_id):
            best[doc] = (int(n), z)
    main_docs = sorted(doc for doc, (_, z) in best.items() if z == zone_id)
    people: dict[str, list[Row[Any]]] = defaultdict(list)
    for i in range(0, len(main_docs), 500):
        for row in conn.execute(_fact_select().where(_F.type == "person", _F.wrong.is_(False),
                                                     _F.document_id.in_(main_docs[i:i + 500]))):
            people[row._mapping["name"]].append(row)
    out = []
    for name, rows in people.items():
        latest = sorted(rows, key=lambda r: (-_date_number(r._mapping["published"]), -r._mapping["document_id"]))[0]
        out.append(Official(name=name, titles=tuple(latest._mapping["titles"] or ()), source=_ref(latest),
                            mentions=len({r._mapping["document_id"] for r in rows})))
    out.sort(key=lambda o: (-o.mentions, -len(o.titles), o.name))
    return out


def search(conn: Connection, query: str, *, limit: int = 20, offset: int = 0) -> SearchResult:
    """Documents (title and text) and counted facts (quote, name, subject, zone; or a zone or
    standard indicator name) containing ``query`` as a substring, ASCII letters in any case;
    latest published first.

    Answered from the full-text index of migration 0003 (SQLite FTS5 trigram for three or more
    characters; PostgreSQL character bigrams for two or more), every candidate checked exactly;
    shorter queries, and other backends, scan. Facts are found through their documents (see
    :func:`_fact_condition`). ``limit`` and ``offset`` page both lists.
    """
    needle = query.replace("\x00", "").strip()   # no stored text holds a NUL (PostgreSQL cannot)
    if not needle:
        raise QueryError("nothing to search for")
    if len(needle) > MAX_SEARCH_CHARS:
        raise QueryError(f"the search text is longer than {MAX_SEARCH_CHARS} characters")
    _check_page(limit, offset)
    from sqlalchemy import func

    lowered = needle.translate(_ASCII_LOWER)
    doc_match = _document_condition(conn, needle)
    fact_match = _fact_condition(conn, lowered, doc_match)
    params = _search_params(needle)
    doc_total = int(conn.execute(select(func.count()).select_from(DocumentRow.__table__).where(doc_match),
                                 params).scalar_one())
    doc_rows = conn.execute(select(*_INFO_COLUMNS, _D.text).where(doc_match)
                            .order_by(_D.published.desc().nulls_last(), _D.id.desc()).limit(limit).offset(offset),
                            params).all()
    hits = []
    for row in doc_rows:
        m = row._mapping
        hits.append(DocumentHit(document=_document_info(m), snippet=_snippet(m["title"], m["text"], lowered),
                                matches=m["text"].translate(_ASCII_LOWER).count(lowered)))
    fact_where = (fact_match, _COUNTED)
    fact_total = int(conn.execute(select(func.count()).select_from(FactRow.__table__).where(*fact_where),
                                  params).scalar_one())
    fact_rows = conn.execute(_fact_select().where(*fact_where)
                             .order_by(_D.published.desc().nulls_last(), _F.document_id.desc(), _F.seq)
                             .limit(limit).offset(offset), params).all()
    facts = tuple(FactHit(id=r._mapping["id"], type=r._mapping["type"], fact=fact_dict(r), source=_ref(r))
                  for r in fact_rows)
    return SearchResult(query=needle, documents_total=doc_total, documents=tuple(hits), facts_total=fact_total,
                        facts=facts)


def _search_params(needle: str) -> dict[str, Any]:
    lowered = needle.translate(_ASCII_LOWER)
    bigrams = sorted({lowered[i:i + 2] for i in range(len(lowered) - 1)})
    # tsquery syntax: a quoted lexeme doubles its quotes and escapes backslashes; every bigram is
    # required, and a text too long to be turned into bigrams is always a candidate.
    quoted = " & ".join("'" + g.replace("\\", "\\\\").replace("'", "''") + "'" for g in bigrams)
    return {
        "search_needle": lowered,
        "search_phrase": '"' + needle.replace('"', '""') + '"',  # an FTS5 phrase: the exact characters
        "search_tsquery": f"({quoted}) | '{_PG_LONG}'" if bigrams else "",
    }


def _contains(conn: Connection, body: str) -> Any:
    """``body`` (SQL) contains the needle, ASCII letters in any case (parameters: _search_params)."""
    from sqlalchemy import text

    if conn.dialect.name == "postgresql":
        return text(f"strpos({_PG_LOWER.format(body=body)}, :search_needle) > 0")
    return text(f"instr(lower({body}), :search_needle) > 0")  # SQLite's lower() folds ASCII only


def _document_condition(conn: Connection, needle: str) -> Any:
    """Documents whose title or text contains the needle: candidates from the index of
    migration 0003, each checked exactly."""
    from sqlalchemy import text

    exact = _contains(conn, _DOC_BODY)
    dialect = conn.dialect.name
    if dialect == "postgresql" and len(needle) >= 2:
        return and_(text(f"zhibiao_bigrams({_DOC_BODY}) @@ CAST(:search_tsquery AS tsquery)"), exact)
    if dialect == "sqlite" and len(needle) >= 3:
        # A query under three characters has no trigram: it scans.
        return and_(text("documents.id IN (SELECT rowid FROM search_documents WHERE search_documents "
                         "MATCH :search_phrase)"), exact)
    return exact


def _fact_condition(conn: Connection, lowered: str, doc_match: Any) -> Any:
    """Facts whose quote, name, subject or zone contains the needle, found without an index of
    their own: a quote is a substring of its document, so these are among the facts of the
    documents that contain the needle. Names a document need not contain — a zone's full name
    (the text says 经开区), an indicator's standard name or alias (a traditional-character report) —
    are matched against the zone list and the taxonomy, then looked up by their indexes."""
    from sqlalchemy import or_

    conditions = [and_(_F.document_id.in_(select(_D.id).where(doc_match)), _contains(conn, _FACT_BODY))]
    zones = [z for z in conn.execute(select(_F.zone_id).where(_F.zone_id.is_not(None)).distinct()).scalars()
             if lowered in z.translate(_ASCII_LOWER)]
    if len(zones) > 500:  # a very general needle (区): check every zone by scanning
        conditions.append(_contains(conn, "coalesce(facts.zone_id, '')"))
    elif zones:
        conditions.append(_F.zone_id.in_(zones))
    wanted = [item.id for item in indicators()
              if any(lowered in name.translate(_ASCII_LOWER) for name in (item.name, *item.aliases))]
    if wanted:
        conditions.append(_F.indicator_id.in_(wanted))
    return or_(*conditions)


def _snippet(title: str | None, body: str, lowered: str) -> tuple[str, str, str]:
    """(before, match, after) around the first occurrence in the text, else in the title."""
    for source in (body, title or ""):
        at = source.translate(_ASCII_LOWER).find(lowered)
        if at >= 0:
            end = at + len(lowered)
            before = source[max(0, at - _SNIPPET):at]
            after = source[end:end + _SNIPPET]
            return (("…" if at > _SNIPPET else "") + before, source[at:end],
                    after + ("…" if end + _SNIPPET < len(source) else ""))
    return body[:2 * _SNIPPET], "", ""


# -- targets and progress ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TargetRow:
    """A zone's target for one indicator and period (目标, 力争, 确保), beside the actual figure
    reported for the same indicator over the same year so far, and the progress it makes."""

    zone: str
    indicator_id: str | None
    indicator: str
    period: str
    target: Decimal | None
    unit: str | None
    target_change_pct: Decimal | None
    source: SourceRef
    actual: Decimal | None = None
    actual_period: str | None = None
    actual_change_pct: Decimal | None = None
    actual_source: SourceRef | None = None
    progress_pct: Decimal | None = None   # actual / target × 100, same unit, target above 0
    stated_progress_pct: Decimal | None = None   # as a report states it: 完成年度目标的50.3%
    stated_source: SourceRef | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return _plain_dict(self)


@dataclass(frozen=True, slots=True)
class TargetRank:
    """A zone's target ranking (以进入“全国30强”为目标) beside the latest place it reached in the
    same scope, if any report states one."""

    zone: str
    indicator: str | None
    scope: str | None
    target_rank: int | None
    source: SourceRef
    achieved_rank: int | None = None
    achieved_period: str | None = None
    achieved_source: SourceRef | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return _plain_dict(self)


def _actual_for(target: Row[Any], actuals: list[Row[Any]]) -> Row[Any] | None:
    """The actual figure a target is measured by: same indicator, same start, ending within the
    target's span — the latest such period, the preferred report."""
    m = target._mapping
    fitting = [r for r in actuals if r._mapping["period_start"] == m["period_start"]
               and (r._mapping["period_end"] or "") <= (m["period_end"] or "")
               and (r._mapping["value"] is not None or r._mapping["change_pct"] is not None)]
    if not fitting:
        return None
    latest = max(r._mapping["period_end"] for r in fitting)
    return sorted((r for r in fitting if r._mapping["period_end"] == latest), key=_preference)[0]


def _indicator_key(row: Row[Any]) -> tuple[str, str]:
    """(zone, indicator id — or the name as written when no canonical indicator covers it)."""
    m = row._mapping
    return m["zone_id"], m["indicator_id"] or f"name:{m['name']}"


def _stated_progress(target: Row[Any], stated: list[Row[Any]]) -> Row[Any] | None:
    """A report's own statement of a target's progress (一般公共预算收入…完成年度目标的50.3%): a
    percentage whose name starts with the target's indicator as written and names a 目标, in the
    target's year, the latest."""
    m = target._mapping
    name = m["name"] or ""
    fitting = [r for r in stated if name and (r._mapping["name"] or "").startswith(name)
               and (r._mapping["period_start"] or "")[:4] == (m["period_start"] or "")[:4]]
    return max(fitting, key=lambda r: (r._mapping["period_end"] or "", -r._mapping["id"])) if fitting else None


def targets(conn: Connection, zone: str | None = None) -> list[TargetRow]:
    """Every counted indicator target (qualifier ``target``), of one zone (any alias) or all, with
    the actual figure reported for the same zone, indicator and year so far and the progress."""
    query = _fact_select().where(_F.type == "indicator", _COUNTED, _F.zone_id.is_not(None),
                                 _F.period_start.is_not(None))
    if zone is not None:
        query = query.where(_F.zone_id == resolve_zone(conn, zone))
    rows = conn.execute(query).all()
    key = _indicator_key
    actuals: dict[Any, list[Row[Any]]] = defaultdict(list)
    stated: dict[str, list[Row[Any]]] = defaultdict(list)   # 一般公共预算收入完成年度目标 50.3%, by zone
    for row in rows:
        if row._mapping["qualifier"] != "target":
            actuals[key(row)].append(row)
            if row._mapping["unit"] == "%" and "目标" in (row._mapping["name"] or ""):
                stated[row._mapping["zone_id"]].append(row)
    out = []
    for row in rows:
        m = row._mapping
        if m["qualifier"] != "target":
            continue
        actual = _actual_for(row, actuals[key(row)])
        a = actual._mapping if actual is not None else None
        target, value = _dec(m["value"]), _dec(a["value"]) if a is not None else None
        progress = None
        if target is not None and value is not None and target > 0 and a is not None and a["unit"] == m["unit"]:
            progress = (value / target * 100).quantize(Decimal("0.1"))
        ind = indicator(m["indicator_id"]) if m["indicator_id"] else None
        told = _stated_progress(row, stated[m["zone_id"]])
        out.append(TargetRow(
            zone=m["zone_id"], indicator_id=m["indicator_id"], indicator=ind.name if ind else (m["name"] or ""),
            period=format_span(m["period_start"], m["period_end"]), target=target, unit=m["unit"],
            target_change_pct=_dec(m["change_pct"]), source=_ref(row), actual=value,
            actual_period=format_span(a["period_start"], a["period_end"]) if a is not None else None,
            actual_change_pct=_dec(a["change_pct"]) if a is not None else None,
            actual_source=_ref(actual) if actual is not None else None, progress_pct=progress,
            stated_progress_pct=_dec(told._mapping["value"]) if told is not None else None,
            stated_source=_ref(told) if told is not None else None))
    out.sort(key=lambda t: (t.zone, t.period, t.indicator))
    return out


def target_ranks(conn: Connection, zone: str | None = None) -> list[TargetRank]:
    """Every counted target ranking, of one zone (any alias) or all, beside the latest place the
    zone reached in the same scope (and indicator, when the target names one)."""
    query = _fact_select().where(_F.type == "ranking", _COUNTED, _F.zone_id.is_not(None))
    if zone is not None:
        query = query.where(_F.zone_id == resolve_zone(conn, zone))
    rows = conn.execute(query).all()
    reached = [r for r in rows if r._mapping["qualifier"] != "target" and r._mapping["rank"] is not None
               and not r._mapping["bottom"]]
    out = []
    for row in rows:
        m = row._mapping
        if m["qualifier"] != "target":
            continue
        same = [r for r in reached if r._mapping["zone_id"] == m["zone_id"] and r._mapping["scope"] == m["scope"]
                and (m["name"] is None or r._mapping["name"] == m["name"])]
        best = max(same, key=lambda r: (r._mapping["period_end"] or "", -_preference(r)[2])) if same else None
        b = best._mapping if best is not None else None
        out.append(TargetRank(
            zone=m["zone_id"], indicator=m["name"], scope=m["scope"], target_rank=m["rank"], source=_ref(row),
            achieved_rank=b["rank"] if b is not None else None,
            achieved_period=format_span(b["period_start"], b["period_end"]) if b is not None and b["period_start"]
            else None,
            achieved_source=_ref(best) if best is not None else None))
    out.sort(key=lambda t: (t.zone, t.scope or "", t.indicator or ""))
    return out
