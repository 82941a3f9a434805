"""Re-extraction: the current extractor over stored documents (after an upgrade).

Each document is extracted outside any transaction, then written in one transaction of its own:
its facts are replaced by the new ones (syndicated copies' facts linked again), and the
corrections editors made are applied again (:func:`~zhibiao.store.corrections.apply_corrections`,
matched by document, type and evidence span). A document whose facts come out the same is left
as it is, so a second run changes nothing, and a run interrupted at any moment leaves whole
documents only: running it again finishes the rest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.engine import Connection

from zhibiao.errors import DocumentError, QueryError
from zhibiao.factcheck import sound_facts
from zhibiao.model import EXTRACTOR_VERSION, DocMeta, Document
from zhibiao.pool import DEFAULT_SECONDS_PER_100KB, Extracted
from zhibiao.store.corrections import apply_corrections
from zhibiao.store.db import write_lock
from zhibiao.store.ingest import canonical_facts, fact_row, link_repeated_facts
from zhibiao.store.schema import DocumentRow, FactRow

__all__ = ["FIELDS", "ReextractStats", "parse_where", "reextract"]

_F = FactRow.__table__.c
_D = DocumentRow.__table__.c
# The document fields --where may name.
FIELDS = {"doc_id": _D.doc_id, "source": _D.source, "published": _D.published,
          "extractor_version": _D.extractor_version, "zone": _D.zone}
_WHERE = re.compile(r"^\s*(\w+)\s*(!=|>=|<=|=)\s*(.*?)\s*$")
# One fact's identity in a diff: type and evidence span; its content: the signature.
_Key = tuple[str, int, int]


@dataclass(slots=True)
class ReextractStats:
    """What one re-extraction did: documents seen and changed, and facts added, removed and
    changed per fact type (a changed fact: the same type and evidence, other values)."""

    documents: int = 0
    changed_documents: int = 0
    added: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    corrections_unmatched: int = 0   # corrections whose fact the extractor no longer finds
    errors: list[DocumentError] = field(default_factory=list)

    def types(self) -> list[str]:
        """The fact types with any change, in the FACTS.md order."""
        order = ("indicator", "projects", "ranking", "person")
        seen = set(self.added) | set(self.removed) | set(self.changed)
        return [t for t in order if t in seen] + sorted(seen - set(order))


def parse_where(clauses: Iterable[str]) -> list[Any]:
    """``--where`` clauses (``FIELD=VALUE``, ``!=``, ``>=``, ``<=``; ``*`` in a ``=`` or ``!=``
    value matches any text) as SQL conditions on the documents.

    >>> [str(c) for c in parse_where(["published>=2023-01-01", "zone!=金坛区"])]
    ['documents.published >= :published_1', 'documents.zone != :zone_1']
    >>> parse_where(["title=x"])
    Traceback (most recent call last):
    zhibiao.errors.QueryError: --where 'title=x': unknown field (doc_id, source, published, extractor_version, zone)
    """
    out: list[Any] = []
    for clause in clauses:
        match = _WHERE.match(clause)
        if match is None:
            raise QueryError(f"--where {clause[:60]!r}: write FIELD=VALUE (or !=, >=, <=)")
        name, op, value = match.groups()
        column = FIELDS.get(name)
        if column is None:
            raise QueryError(f"--where {clause[:60]!r}: unknown field ({', '.join(FIELDS)})")
        if op in ("=", "!=") and "*" in value:
            pattern = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace("*", "%")
            like = column.like(pattern, escape="\\")
            out.append(like if op == "=" else ~like)
        else:
            out.append({"=": column == value, "!=": column != value, ">=": column >= value,
                        "<=": column <= value}[op])
    return out


def _document_ids(engine: Engine, conditions: list[Any]) -> list[int]:
    """Canonical documents first (copies link their facts to them), each in id order."""
    with engine.connect() as conn:
        rows = conn.execute(select(_D.id, _D.canonical_id).where(*conditions).order_by(_D.id)).all()
    return [pk for pk, canonical in rows if canonical is None] + [pk for pk, canonical in rows if canonical]


def _stored_document(conn: Connection, document_id: int) -> Document:
    from zhibiao.ingest import document_from_text

    m = conn.execute(select(DocumentRow.__table__).where(_D.id == document_id)).one()._mapping
    meta = DocMeta(title=m["title"], date=None, source_name=m["source_name"], page=m["page"], url=m["url"])
    doc = document_from_text(m["text"], doc_id=m["doc_id"], published=m["published"], source=m["source"], meta=meta)
    if m["zone"]:
        doc.extra["zone"] = m["zone"]
    return doc


def _diff(old: Counter[tuple[str, int, int, str]], new: Counter[tuple[str, int, int, str]],
          stats: ReextractStats) -> bool:
    """Count what changed between two multisets of (type, start, end, signature); True if anything."""
    gone, came = old - new, new - old
    gone_at: Counter[_Key] = Counter(k[:3] for k in gone.elements())
    came_at: Counter[_Key] = Counter(k[:3] for k in came.elements())
    for key in set(gone_at) | set(came_at):
        both = min(gone_at[key], came_at[key])
        stats.changed[key[0]] += both
        stats.removed[key[0]] += gone_at[key] - both
        stats.added[key[0]] += came_at[key] - both
    return bool(gone or came)


def _extracted_facts(conn: Connection, document_id: int) -> Counter[tuple[str, int, int, str]]:
    rows = conn.execute(select(_F.type, _F.quote_start, _F.quote_end, _F.signature)
                        .where(_F.document_id == document_id, _F.origin == "extract")).all()
    return Counter((t, s, e, sig) for t, s, e, sig in rows)


def _replace_facts(conn: Connection, document_id: int, rows: list[dict[str, Any]], canonical_id: int | None) -> None:
    """Put ``rows`` in place of the document's facts; the copies' facts that repeated the old
    ones point at the new facts with the same signature (or at none)."""
    old_ids = select(_F.id).where(_F.document_id == document_id).scalar_subquery()
    repeating = conn.execute(select(_F.id, _F.signature).where(_F.duplicate_of.in_(old_ids))).all()
    if repeating:
        conn.execute(update(FactRow.__table__).where(_F.id.in_([pk for pk, _ in repeating])).values(duplicate_of=None))
    conn.execute(delete(FactRow.__table__).where(_F.document_id == document_id))
    if canonical_id is not None:
        link_repeated_facts(conn, rows, canonical_id)
    if rows:
        conn.execute(FactRow.__table__.insert(), rows)
    first = canonical_facts(conn, {document_id})[document_id]
    by_target: dict[int, list[int]] = {}
    for pk, signature in repeating:
        if signature in first:
            by_target.setdefault(first[signature], []).append(pk)
    for target, pks in by_target.items():  # (one statement per new fact repeated, not per copy's fact)
        conn.execute(update(FactRow.__table__).where(_F.id.in_(pks)).values(duplicate_of=target))


def _write(engine: Engine, document_id: int, doc: Document, result: Extracted, stats: ReextractStats) -> None:
    facts, _dropped = sound_facts(result[1], doc.doc_id)
    zone = doc.extra.get("zone")
    rows = [fact_row(fact, document_id, seq, zone) for seq, fact in enumerate(facts)]
    new = Counter((r["type"], r["quote_start"], r["quote_end"], r["signature"]) for r in rows)
    with engine.begin() as conn:
        write_lock(conn)
        m = conn.execute(select(_D.extractor_version, _D.canonical_id).where(_D.id == document_id)).one()._mapping
        changed = _diff(_extracted_facts(conn, document_id), new, stats)
        if changed:
            stats.changed_documents += 1
            _replace_facts(conn, document_id, rows, m["canonical_id"])
            stats.corrections_unmatched += apply_corrections(conn, document_id)
        if changed or m["extractor_version"] != EXTRACTOR_VERSION:
            count = len(rows) if changed else sum(new.values())
            conn.execute(update(DocumentRow.__table__).where(_D.id == document_id)
                         .values(extractor_version=EXTRACTOR_VERSION, n_facts=count))


def _extract_default(doc: Document) -> Extracted:
    from zhibiao.pool import extract_within_budget

    return extract_within_budget(doc, DEFAULT_SECONDS_PER_100KB)


def reextract(engine: Engine, *, where: Iterable[str] = (), extract: Callable[[Document], Extracted] | None = None,
              on_document: Callable[[ReextractStats], None] | None = None) -> ReextractStats:
    """Run the current extractor over the stored documents that ``where`` selects (all by
    default; see :func:`parse_where`), one transaction per document, keeping corrections.

    ``extract`` replaces the extractor (default: within each document's time budget). A document
    that fails to extract is an error of the result, and the run goes on; KeyboardInterrupt
    stops it with every finished document written.
    """
    stats = ReextractStats()
    for document_id in _document_ids(engine, parse_where(where)):
        with engine.connect() as conn:
            doc = _stored_document(conn, document_id)
        try:
            result = (extract or _extract_default)(doc)
        except DocumentError as exc:
            stats.errors.append(exc)
            continue
        except Exception as exc:  # one document's failure must not end the run
            stats.errors.append(DocumentError(doc.doc_id, "E_EXTRACT", f"{type(exc).__name__}: {exc}"))
            continue
        _write(engine, document_id, doc, result, stats)
        stats.documents += 1
        if on_document is not None:
            on_document(stats)
    return stats

