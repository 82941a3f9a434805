"""The fact store's tables (SQLAlchemy 2 declarative models).

The database schema itself is created and changed only by the Alembic migrations in
``zhibiao/store/migrations``; these models describe it for queries, and a test checks that the
migrated schema and these models never drift apart.

Numbers are stored as double precision: every figure a report states (at most 15 significant
digits) survives the round trip exactly, and is turned back into a Decimal through its shortest
repr when read (:func:`to_decimal`).
"""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Base", "CorrectionRow", "DocumentRow", "ErrorRow", "FactKeyRow", "FactKeyZoneRow", "FactRow",
           "FactZoneVersionRow",
           "GenerationRow", "InfoRow", "UserRow", "include_name", "to_decimal"]

# Stable constraint names, so that migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with the project's constraint naming convention."""

    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    """One stored report. A near-duplicate (a syndicated copy) points at its canonical document."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(500), index=True)
    # sha256 of the normalised text: the identity of a document (same text, stored once).
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    source_name: Mapped[str | None] = mapped_column(Text)
    page: Mapped[str | None] = mapped_column(String(50))
    url: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    n_chars: Mapped[int] = mapped_column(Integer)
    n_facts: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(40))
    canonical_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    similarity: Mapped[float | None] = mapped_column(Double)
    # MinHash signature (uint32 little-endian), so near-duplicate detection resumes across runs.
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # the zone of the facts whose subject names no known zone (--zone, a record's zone, the dashboard)
    zone: Mapped[str | None] = mapped_column(String(200))


class FactRow(Base):
    """One fact of one document, all four fact types in one wide table (unused columns null)."""

    __tablename__ = "facts"
    __table_args__ = (
        # compare: one indicator over one period, or a few zones of it (revision 0010); profile and
        # pipeline: one zone.
        Index("ix_facts_key_zone", "indicator_id", "period_start", "period_end", "zone_id"),
        Index("ix_facts_zone_type", "zone_id", "type"),
        Index("ix_facts_document_seq", "document_id", "seq"),
        # copies of a fact; partial, so that it is never used for the common duplicate_of IS NULL
        Index("ix_facts_copies", "duplicate_of", sqlite_where=text("duplicate_of IS NOT NULL"),
              postgresql_where=text("duplicate_of IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(12))
    subject: Mapped[str | None] = mapped_column(Text)
    zone_id: Mapped[str | None] = mapped_column(String(200))
    # indicator name (indicator), indicator (ranking) or person name (person), as written
    name: Mapped[str | None] = mapped_column(Text)
    indicator_id: Mapped[str | None] = mapped_column(String(64))
    period: Mapped[str | None] = mapped_column(String(20))
    period_start: Mapped[str | None] = mapped_column(String(7))
    period_end: Mapped[str | None] = mapped_column(String(7))
    value: Mapped[float | None] = mapped_column(Double)
    unit: Mapped[str | None] = mapped_column(String(20))
    change_basis: Mapped[str | None] = mapped_column(String(8))
    change_pct: Mapped[float | None] = mapped_column(Double)
    change_pp: Mapped[float | None] = mapped_column(Double)
    change_abs: Mapped[float | None] = mapped_column(Double)
    qualifier: Mapped[str | None] = mapped_column(String(12))
    parent: Mapped[str | None] = mapped_column(Text)
    stage: Mapped[str | None] = mapped_column(String(12))
    category: Mapped[str | None] = mapped_column(Text)
    min_investment: Mapped[float | None] = mapped_column(Double)
    count: Mapped[float | None] = mapped_column(Double)
    investment: Mapped[float | None] = mapped_column(Double)
    # projects: the currency of investment and min_investment as written (USD…); the amounts stay in
    # it. NULL (rows stored before revision 0004, and the other fact types) means CNY for projects.
    currency: Mapped[str | None] = mapped_column(String(3))
    scope: Mapped[str | None] = mapped_column(Text)
    rank: Mapped[int | None] = mapped_column(Integer)
    top: Mapped[bool | None] = mapped_column(Boolean)
    # ranking: a last place (全市倒数第一; rank null); NULL before revision 0004 means not a last place
    bottom: Mapped[bool | None] = mapped_column(Boolean)
    titles: Mapped[list[str] | None] = mapped_column(JSON)
    quote: Mapped[str] = mapped_column(Text)
    quote_start: Mapped[int] = mapped_column(Integer)
    quote_end: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str | None] = mapped_column(String(80))
    extractor_version: Mapped[str] = mapped_column(String(40))
    # sha1 of the fact without its evidence: equal signatures are the same statement
    signature: Mapped[str] = mapped_column(String(40))
    # set on a syndicated copy's fact that repeats a fact of the canonical document
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("facts.id"))
    # extract: read by the extractor; manual: added by an editor (a correction of action add)
    origin: Mapped[str] = mapped_column(String(10), server_default=text("'extract'"))
    # marked wrong by an editor: shown on its document, counted nowhere
    wrong: Mapped[bool] = mapped_column(Boolean, server_default=false())
    # the extractor's values of a corrected fact (null: not corrected)
    original: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class CorrectionRow(Base):
    """One change an editor made (revision 0005): who, when, why, the values before and after.

    A correction names its fact by document, type and evidence span, so that it is applied again
    to the facts a re-extraction makes. ``action``: edit, wrong, add or zone."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(10))
    fact_type: Mapped[str | None] = mapped_column(String(12))
    quote_start: Mapped[int | None] = mapped_column(Integer)
    quote_end: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ErrorRow(Base):
    """A document that could not be read or extracted; one row per place and reason."""

    __tablename__ = "document_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # sha256 of (location, code, detail): re-running the same batch updates, never duplicates
    key: Mapped[str] = mapped_column(String(64), unique=True)
    location: Mapped[str] = mapped_column(Text)
    # indexed (revision 0007): each stored batch clears its documents' earlier errors by doc_id
    doc_id: Mapped[str | None] = mapped_column(String(500), index=True)
    code: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    count: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class UserRow(Base):
    """A user of the dashboard (revision 0006): editor (may upload and correct) or viewer."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class GenerationRow(Base):
    """The store's generation: one row, its ``version`` raised by every statement that changes
    ``facts`` or ``documents`` (database triggers, revision 0008), whichever process writes. A
    server's cached answer made at one generation is still right while the generation is."""

    __tablename__ = "store_generation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


class FactKeyRow(Base):
    """One (indicator, period) that facts are stored for — what ``compare`` answers — kept by
    triggers (revision 0008): ``version`` is the store generation of the last change to any fact
    of it (or to the document of one), ``zones`` how many zones have a counted indicator fact of
    it (the ``coverage`` rollup)."""

    __tablename__ = "fact_keys"

    indicator_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    period_start: Mapped[str] = mapped_column(String(7), primary_key=True)
    period_end: Mapped[str] = mapped_column(String(7), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    zones: Mapped[int] = mapped_column(Integer)


class FactKeyZoneRow(Base):
    """The counted indicator facts of one (indicator, period) and zone (not a copy's repetition,
    not marked wrong), kept by triggers (revision 0008); a row exists while ``facts`` > 0."""

    __tablename__ = "fact_key_zones"

    indicator_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    period_start: Mapped[str] = mapped_column(String(7), primary_key=True)
    period_end: Mapped[str] = mapped_column(String(7), primary_key=True)
    zone_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    facts: Mapped[int] = mapped_column(Integer)


class FactZoneVersionRow(Base):
    """The store generation of the last change to a fact of one (indicator, period) and zone, or to
    the document of one, kept by triggers (revision 0010): which zones of a cached compare answer
    to read again. Never deleted (a zone whose facts are gone keeps the generation that removed
    them)."""

    __tablename__ = "fact_zone_versions"

    indicator_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    period_start: Mapped[str] = mapped_column(String(7), primary_key=True)
    period_end: Mapped[str] = mapped_column(String(7), primary_key=True)
    zone_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


class InfoRow(Base):
    """Key–value facts about the store itself (e.g. the taxonomy the stored ids were made with)."""

    __tablename__ = "store_info"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def to_decimal(value: Any) -> Decimal | None:
    """A stored number as a Decimal through its shortest repr (1856000000.0 → 1856000000);
    None for what is no number (infinity or NaN, which a store written before the fact guard, or
    by another tool, may hold: every question treats it as unknown).

    >>> to_decimal(18.56), to_decimal(1856000000.0), to_decimal(None)
    (Decimal('18.56'), Decimal('1856000000'), None)
    >>> to_decimal(float("inf")), to_decimal(float("nan")), to_decimal(Decimal("-Infinity")), to_decimal(1e300)
    (None, None, None, Decimal('1E+300'))
    """
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return Decimal(int(value))
    return Decimal(repr(value))


# Full-text search (migration 0003): FTS5 tables with their shadow tables on SQLite, expression
# indexes on PostgreSQL. No model can describe a virtual table, so they stay out of the models.
_SEARCH_PREFIXES = ("search_", "ix_search_")


def include_name(name: str | None, type_: str, parent_names: Any = None) -> bool:
    """Alembic ``include_name`` hook: everything but the full-text search objects, which the
    migrations make and the models do not describe.

    >>> include_name("facts", "table"), include_name("search_documents_data", "table")
    (True, False)
    """
    return not (name or "").startswith(_SEARCH_PREFIXES)
