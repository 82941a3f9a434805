"""Corrections: what an editor changed about the extracted facts, kept beside them.

Each correction is a row of ``corrections`` (who, when, why, the values before and after) and is
applied to the fact rows at once; nothing the extractor read is overwritten: a corrected fact
keeps the extractor's values in ``facts.original``, a fact marked wrong stays on its document
(``facts.wrong``) and is counted nowhere, a fact an editor added is a row of its own
(``facts.origin = 'manual'``). Corrections name their fact by document, type and evidence span,
so :func:`apply_corrections` applies them again to the facts a re-extraction makes.

Actions:

* ``edit`` — new value, unit, year-on-year change, period, subject or name of one fact (of a
  projects fact its count or investment, of a ranking its rank);
* ``wrong`` — the fact is false;
* ``add`` — an indicator fact the extractor missed, on a span of the document's text;
* ``zone`` — the zone of the document's facts whose subject names no known zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from zhibiao.errors import QueryError
from zhibiao.extract.quantities import figure_regex
from zhibiao.extract.quantities import parse_amount as read_figure
from zhibiao.resolve.indicators import canonical_indicator
from zhibiao.resolve.zones import canonical_zone
from zhibiao.store.db import now
from zhibiao.store.dedup import fact_signature
from zhibiao.store.periods import parse_period
from zhibiao.store.schema import CorrectionRow, DocumentRow, FactRow, to_decimal

__all__ = [
    "EDITABLE",
    "FIELDS_OF",
    "MANUAL_VERSION",
    "CorrectionInfo",
    "add_fact",
    "apply_corrections",
    "assign_zone",
    "correct_fact",
    "corrections",
    "gold_records",
    "mark_wrong",
    "parse_amount",
    "zone_of_unresolved",
]

# The fields of a fact an editor may change, as the form and the API name them, and which of them
# each fact type has (a projects fact's figures are its count and investment, a ranking's its rank).
EDITABLE = ("value", "unit", "change_pct", "period", "subject", "name", "count", "investment", "rank")
FIELDS_OF = {
    "indicator": ("value", "unit", "change_pct", "period", "subject", "name"),
    "projects": ("count", "investment", "period", "subject"),
    "ranking": ("rank", "period", "subject", "name"),
}
_NUMBERS = ("value", "change_pct", "count", "investment")
MANUAL_VERSION = "manual"
_F = FactRow.__table__.c
_D = DocumentRow.__table__.c
_C = CorrectionRow.__table__.c
_SIGNS = "+-−"
_MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class CorrectionInfo:
    """One stored correction, as the dashboard and the API show it."""

    id: int
    document: int
    action: str
    fact_type: str | None
    start: int | None
    end: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    author: str
    reason: str | None
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def parse_amount(text: str) -> tuple[Decimal, str | None]:
    """A figure as an editor types it, read by the extractor's own figure grammar: a number (digits or
    Chinese), with 万/亿… and a unit word or not, a sign before it.

    >>> parse_amount("18.56亿元"), parse_amount("36.7%"), parse_amount("1200"), parse_amount("-3.2%")
    ((Decimal('1856000000.00'), 'CNY'), (Decimal('36.7'), '%'), (Decimal('1200'), None), (Decimal('-3.2'), '%'))
    >>> parse_amount("很多")
    Traceback (most recent call last):
    zhibiao.errors.QueryError: not a figure: '很多' (write e.g. 18.56亿元, 36.7%, 1200)
    """
    written = "".join(text.replace(",", "").replace("，", "").split())
    body = written.lstrip(_SIGNS)
    match = figure_regex().fullmatch(body) if len(written) - len(body) <= 1 else None
    amount = read_figure(match) if match is not None else None
    if amount is None:
        raise QueryError(f"not a figure: {text[:40]!r} (write e.g. 18.56亿元, 36.7%, 1200)")
    return -amount.value if written.startswith(("-", "−")) else amount.value, amount.unit


def _text_field(value: str, what: str) -> str | None:
    cleaned = " ".join(value.replace("\x00", "").split())
    if len(cleaned) > _MAX_TEXT:
        raise QueryError(f"the {what} is longer than {_MAX_TEXT} characters")
    return cleaned or None


_STORED_PERIOD = re.compile(r"^(\d{4}|XXXX)-\d{2}/(\d{4}|XXXX)-\d{2}$")


def _period_field(value: str) -> str | None:
    if not value.strip():
        return None
    if _STORED_PERIOD.match(value.strip()):   # as stored, a year the report never says included
        return value.strip()
    start, end = parse_period(value)
    return f"{start}/{end}"


def _changes(given: Mapping[str, str | None]) -> dict[str, Any]:
    """The editor's new values (strings as typed) as stored values; blank means no value.
    Raises QueryError for an unknown field or a value that is not one."""
    out: dict[str, Any] = {}
    for key, raw in given.items():
        if raw is None:
            continue
        if key not in EDITABLE:
            raise QueryError(f"{key!r} cannot be corrected (only {', '.join(EDITABLE)})")
        if key in _NUMBERS:
            if not raw.strip():
                out[key] = None
                continue
            number, unit = parse_amount(raw)
            out[key] = format(number.normalize(), "f")
            if key == "value" and unit is not None and "unit" not in given:
                out["unit"] = unit
        elif key == "rank":
            out[key] = _rank_field(raw)
        elif key == "period":
            out[key] = _period_field(raw)
        else:
            out[key] = _text_field(raw, key)
    return out


def _rank_field(raw: str) -> int | None:
    text = raw.strip().lstrip("第").rstrip("位名")
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 100_000:
        raise QueryError(f"not a place: {raw[:20]!r} (write e.g. 3 or 第3)")
    return int(text)


def _fact_values(m: Mapping[str, Any]) -> dict[str, Any]:
    """The editable values of a fact row (those of its type), as a correction records them
    (numbers as strings)."""
    def num(value: Any) -> str | None:
        dec = to_decimal(value)
        return None if dec is None else str(dec)
    values = {"value": num(m["value"]), "unit": m["unit"], "change_pct": num(m["change_pct"]),
              "period": m["period"], "subject": m["subject"], "name": m["name"], "count": num(m["count"]),
              "investment": num(m["investment"]), "rank": m["rank"]}
    return {k: values[k] for k in FIELDS_OF.get(m["type"], FIELDS_OF["indicator"])}


def _columns(values: Mapping[str, Any], row: Mapping[str, Any], zone: str | None) -> dict[str, Any]:
    """The ``facts`` columns that carry ``values`` (ids resolved, the period split)."""
    cols: dict[str, Any] = {k: float(values[k]) if values[k] is not None else None
                            for k in ("value", "count", "investment") if k in values}
    for key in ("unit", "rank"):
        if key in values:
            cols[key] = values[key]
    if "change_pct" in values:
        pct = values["change_pct"]
        cols["change_pct"] = float(pct) if pct is not None else None
        cols["change_basis"] = "yoy" if pct is not None else (row["change_basis"] if row["change_pp"] is not None
                                                               or row["change_abs"] is not None else None)
    if "period" in values:
        period = values["period"]
        cols["period"] = period
        cols["period_start"], cols["period_end"] = period.split("/") if period else (None, None)
    if "subject" in values:
        cols["subject"] = values["subject"]
        cols["zone_id"] = canonical_zone(values["subject"]) or values["subject"] or zone
    if "name" in values:
        cols["name"] = values["name"]
        cols["indicator_id"] = canonical_indicator(values["name"]) if values["name"] else None
    return cols


def _record(conn: Connection, document_id: int, action: str, author: str, reason: str | None, *,
            fact_type: str | None = None, span: tuple[int, int] | None = None,
            before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> int:
    author_name = _text_field(author, "author") or "anonymous"
    return int(conn.execute(insert(CorrectionRow.__table__).returning(_C.id), {
        "document_id": document_id, "action": action, "fact_type": fact_type,
        "quote_start": span[0] if span else None, "quote_end": span[1] if span else None,
        "before": before, "after": after, "author": author_name[:100],
        "reason": (reason or "").strip()[:2000] or None, "created_at": now(),
    }).scalar_one())


def _fact(conn: Connection, fact_id: int) -> Mapping[str, Any]:
    row = conn.execute(select(FactRow.__table__).where(_F.id == fact_id)).first()
    if row is None:
        raise QueryError(f"no fact {fact_id}")
    return row._mapping


def _document_zone(conn: Connection, document_id: int) -> str | None:
    return conn.execute(select(_D.zone).where(_D.id == document_id)).scalar_one_or_none()


def correct_fact(conn: Connection, fact_id: int, changes: Mapping[str, str | None], *, author: str,
                 reason: str | None = None) -> int:
    """Correct one fact: ``changes`` maps fields of :data:`EDITABLE` to the new values as typed
    (``value`` may carry 亿/万 and a unit word). Records the correction and applies it; returns
    its id. Raises QueryError for an unknown fact, field or value, or nothing changed."""
    row = _fact(conn, fact_id)
    if row["type"] == "person":
        raise QueryError(f"fact {fact_id} is a person: only indicator, projects and ranking facts are corrected")
    foreign = sorted(k for k, v in changes.items() if v is not None and k in EDITABLE
                     and k not in FIELDS_OF[row["type"]])
    if foreign:
        raise QueryError(f"fact {fact_id} is a {row['type']} fact: it has no {', '.join(foreign)} "
                         f"(only {', '.join(FIELDS_OF[row['type']])})")
    after = _changes(changes)
    before = _fact_values(row)
    after = {k: v for k, v in after.items() if before.get(k) != v}
    if not after:
        raise QueryError(f"fact {fact_id}: nothing to change")
    correction = _record(conn, row["document_id"], "edit", author, reason, fact_type=row["type"],
                         span=(row["quote_start"], row["quote_end"]),
                         before={k: before[k] for k in after}, after=after)
    _apply_edit(conn, row, after, _document_zone(conn, row["document_id"]))
    return correction


def _apply_edit(conn: Connection, row: Mapping[str, Any], after: Mapping[str, Any], zone: str | None) -> None:
    values: dict[str, Any] = _columns(after, row, zone)
    if row["original"] is None:
        values["original"] = _fact_values(row)
    conn.execute(update(FactRow.__table__).where(_F.id == row["id"]).values(**values))


def mark_wrong(conn: Connection, fact_id: int, *, author: str, reason: str | None = None) -> int:
    """Mark a fact wrong: it stays on its document and is counted nowhere. Returns the correction id."""
    row = _fact(conn, fact_id)
    if row["wrong"]:
        raise QueryError(f"fact {fact_id} is already marked wrong")
    correction = _record(conn, row["document_id"], "wrong", author, reason, fact_type=row["type"],
                         span=(row["quote_start"], row["quote_end"]), before=_fact_values(row))
    conn.execute(update(FactRow.__table__).where(_F.id == fact_id).values(wrong=True))
    return correction


def add_fact(conn: Connection, document_id: int, start: int, end: int, values: Mapping[str, str | None], *,
             author: str, reason: str | None = None) -> int:
    """Add an indicator fact the extractor missed: its evidence is ``text[start:end]`` of the
    document, ``values`` its name, value (with unit), unit, change, period and subject as typed.
    Returns the correction id."""
    text = conn.execute(select(_D.text).where(_D.id == document_id)).scalar_one_or_none()
    if text is None:
        raise QueryError(f"no document {document_id}")
    if not 0 <= start < end <= len(text) or end - start > 1000:
        raise QueryError(f"document {document_id}: the selected span {start}..{end} is not a sentence of its text")
    foreign = sorted(k for k, v in values.items() if v is not None and k not in FIELDS_OF["indicator"])
    if foreign:
        raise QueryError(f"a missed fact is an indicator: it has no {', '.join(foreign)}")
    after = _changes(values)
    if not after.get("name"):
        raise QueryError("a missed fact needs the indicator's name")
    if after.get("value") is None and after.get("change_pct") is None:
        raise QueryError("a missed fact needs a value or a change")
    after["quote"] = text[start:end]
    correction = _record(conn, document_id, "add", author, reason, fact_type="indicator", span=(start, end),
                         after=after)
    _insert_manual(conn, document_id, start, end, after, _main_zone(conn, document_id))
    return correction


def _main_zone(conn: Connection, document_id: int) -> str | None:
    """The zone a fact added without a subject is about: the document's assigned zone, else the
    zone most of its facts are about."""
    from sqlalchemy import func

    assigned = _document_zone(conn, document_id)
    if assigned is not None:
        return assigned
    n = func.count()
    return conn.execute(select(_F.zone_id).where(_F.document_id == document_id, _F.zone_id.is_not(None))
                        .group_by(_F.zone_id).order_by(n.desc(), _F.zone_id).limit(1)).scalar_one_or_none()


def _insert_manual(conn: Connection, document_id: int, start: int, end: int, after: Mapping[str, Any],
                   zone: str | None) -> None:
    seq = conn.execute(select(_F.seq).where(_F.document_id == document_id).order_by(_F.seq.desc())
                       .limit(1)).scalar_one_or_none()
    blank = {"change_basis": None, "change_pp": None, "change_abs": None}
    row: dict[str, Any] = {c.name: None for c in FactRow.__table__.c if c.name != "id"}
    row.update(_columns({k: after.get(k) for k in FIELDS_OF["indicator"]}, blank, zone))
    row.update(document_id=document_id, seq=(seq + 1) if seq is not None else 0, type="indicator",
               quote=after["quote"], quote_start=start, quote_end=end, rule="manual", origin="manual",
               wrong=False, extractor_version=MANUAL_VERSION)
    row["signature"] = fact_signature({"type": "indicator", **{k: after.get(k) for k in FIELDS_OF["indicator"]}})
    conn.execute(insert(FactRow.__table__), row)


def zone_of_unresolved(zone: str) -> str:
    """The zone id assigned to unresolved facts for a name an editor gives: its canonical zone
    when the name is a known one (淮安经开区 → 淮安经济技术开发区), else the name as written."""
    cleaned = _text_field(zone, "zone")
    if cleaned is None:
        raise QueryError("the zone is empty")
    return canonical_zone(cleaned) or cleaned


def assign_zone(conn: Connection, document_id: int, zone: str, *, author: str, reason: str | None = None) -> int:
    """Give the facts of a document whose subject names no known zone the zone ``zone``.
    Returns the correction id."""
    before = conn.execute(select(_D.zone).where(_D.id == document_id)).first()
    if before is None:
        raise QueryError(f"no document {document_id}")
    zone_id = zone_of_unresolved(zone)
    correction = _record(conn, document_id, "zone", author, reason, before={"zone": before[0]},
                         after={"zone": zone_id})
    _apply_zone(conn, document_id, zone_id)
    return correction


def _apply_zone(conn: Connection, document_id: int, zone_id: str) -> None:
    """Set the document's zone and give it to its unresolved facts: those whose subject names no
    known zone and that have no zone, or the zone the document had before."""
    previous = _document_zone(conn, document_id)
    conn.execute(update(DocumentRow.__table__).where(_D.id == document_id).values(zone=zone_id))
    rows = conn.execute(select(_F.id, _F.subject, _F.zone_id).where(_F.document_id == document_id,
                                                                   _F.type != "person")).all()
    ids = [pk for pk, subject, current in rows
           if canonical_zone(subject) is None and (current is None or current == previous)]
    for i in range(0, len(ids), 500):
        conn.execute(update(FactRow.__table__).where(_F.id.in_(ids[i:i + 500])).values(zone_id=zone_id))


def apply_corrections(conn: Connection, document_id: int) -> int:
    """Apply a document's stored corrections, in the order they were made, to its current facts
    (after a re-extraction made them anew). Idempotent. Returns how many corrections found no
    fact to apply to (the fact is no longer extracted)."""
    unmatched = 0
    zone = _document_zone(conn, document_id)
    for c in conn.execute(select(CorrectionRow.__table__).where(_C.document_id == document_id)
                          .order_by(_C.id)).all():
        m = c._mapping
        if m["action"] == "zone":
            zone = m["after"]["zone"]
            _apply_zone(conn, document_id, zone)
            continue
        matches = conn.execute(select(FactRow.__table__).where(
            _F.document_id == document_id, _F.type == m["fact_type"], _F.quote_start == m["quote_start"],
            _F.quote_end == m["quote_end"])).all()
        if m["action"] == "add":
            if not any(r._mapping["origin"] == "manual" for r in matches):
                _insert_manual(conn, document_id, m["quote_start"], m["quote_end"], m["after"],
                               _main_zone(conn, document_id))
            continue
        if not matches:
            unmatched += 1
            continue
        target = _best_match([r._mapping for r in matches], m["before"] or {})
        if m["action"] == "wrong":
            conn.execute(update(FactRow.__table__).where(_F.id == target["id"]).values(wrong=True))
        elif m["after"] and any(_fact_values(target).get(k) != v for k, v in m["after"].items()):
            _apply_edit(conn, target, m["after"], zone)
    return unmatched


def _best_match(rows: list[Mapping[str, Any]], before: Mapping[str, Any]) -> Mapping[str, Any]:
    """Of the facts on one span (the extractor's, and any an editor added there), the one whose
    values (or extracted values) the correction saw; the extractor's on a tie."""
    def agreement(row: Mapping[str, Any]) -> tuple[int, bool]:
        seen = row["original"] or _fact_values(row)
        return sum(1 for k, v in before.items() if seen.get(k) == v), row["origin"] == "extract"
    return max(rows, key=agreement)


def corrections(conn: Connection, document_id: int | None = None) -> list[CorrectionInfo]:
    """The stored corrections, newest first; of one document when ``document_id`` is given."""
    query = select(CorrectionRow.__table__).order_by(_C.id.desc())
    if document_id is not None:
        query = query.where(_C.document_id == document_id)
    return [CorrectionInfo(id=m["id"], document=m["document_id"], action=m["action"], fact_type=m["fact_type"],
                           start=m["quote_start"], end=m["quote_end"], before=m["before"], after=m["after"],
                           author=m["author"], reason=m["reason"],
                           created_at=m["created_at"].isoformat(timespec="seconds"))
            for m in (r._mapping for r in conn.execute(query))]


_GOLD_KEYS = {
    "indicator": ("subject", "name", "period", "value", "unit", "change", "qualifier", "parent"),
    "projects": ("subject", "period", "stage", "category", "min_investment", "count", "investment", "currency",
                 "qualifier"),
    "ranking": ("subject", "period", "indicator", "scope", "rank", "top", "bottom", "qualifier"),
    "person": ("name", "titles"),
}


def _json_number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() and abs(value) < 10 ** 18 else float(value)
    if isinstance(value, dict):
        return {k: _json_number(v) for k, v in value.items()}
    return value


def gold_records(conn: Connection) -> Iterator[dict[str, Any]]:
    """Every corrected document in the FACTS.md gold shape: the input record (doc_id,
    published, source, text) and its facts as corrected — edits applied, wrong facts left out,
    added facts in, a subject the zone an editor assigned when the text named none."""
    from zhibiao.store.queries import fact_dict

    ids = conn.execute(select(_C.document_id).distinct().order_by(_C.document_id)).scalars().all()
    for document_id in ids:
        doc = conn.execute(select(_D.doc_id, _D.published, _D.source, _D.text, _D.zone)
                           .where(_D.id == document_id)).one()._mapping
        facts = []
        for row in conn.execute(select(FactRow.__table__).where(_F.document_id == document_id, _F.wrong.is_(False))
                                .order_by(_F.quote_start, _F.seq)):
            full = fact_dict(row)
            fact = {"type": full["type"], **{k: _json_number(full.get(k)) for k in _GOLD_KEYS[full["type"]]}}
            if fact.get("subject") is None and full["type"] != "person" and row._mapping["zone_id"]:
                fact["subject"] = row._mapping["zone_id"]
            fact.update(quote=full["quote"], start=full["start"], end=full["end"])
            facts.append(fact)
        yield {"doc_id": doc["doc_id"], "published": doc["published"], "source": doc["source"],
               "text": doc["text"], "facts": facts}
