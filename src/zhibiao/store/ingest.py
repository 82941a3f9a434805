"""Storing documents and their facts: idempotent, resumable, one transaction per batch.

For each batch of N inputs:

1. documents already stored (same content hash) are skipped before any extraction, so a re-run
   after a crash or Ctrl-C only pays for reading what is done;
2. the new documents are extracted (outside any transaction: a slow extractor never holds a
   database lock); a failure is an error record, never the end of the batch;
3. in one transaction, each document is stored with its facts — a syndicated copy linked to its
   canonical document, its repeated facts to the canonical facts — and the errors are recorded.

A process killed at any moment leaves whole batches only; running again continues after them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import islice
from operator import itemgetter
from time import perf_counter
from typing import Any

from sqlalchemy import Engine, delete, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.pool import SingletonThreadPool, StaticPool

from zhibiao.errors import DocumentError
from zhibiao.factcheck import sound_facts
from zhibiao.ingest.metadata import fill_meta
from zhibiao.ingest.steer import document_zone
from zhibiao.ingest.validate import check_doc_id, clean_document, clean_text
from zhibiao.model import EXTRACTOR_VERSION, DocMeta, Document, Fact
from zhibiao.pool import DEFAULT_SECONDS_PER_100KB
from zhibiao.resolve.indicators import canonical_indicator
from zhibiao.resolve.zones import canonical_zone
from zhibiao.store.bulk import bulk_batch, insert_rows, reserve_ids
from zhibiao.store.db import now, write_lock
from zhibiao.store.dedup import (
    DEFAULT_THRESHOLD,
    NearDuplicateIndex,
    fact_signature,
    minhash_from_bytes,
    minhash_of,
    minhash_to_bytes,
    normalize_text,
)
from zhibiao.store.schema import DocumentRow, ErrorRow, FactRow

__all__ = ["DEFAULT_BATCH_SIZE", "FACT_COLUMNS", "BatchExtractor", "FactDicts", "IngestStats", "Ingester",
           "canonical_facts", "document_zone", "fact_dict_row", "fact_row", "fact_values", "link_repeated_facts"]

DEFAULT_BATCH_SIZE = 50
# The errors of a document that was read (keyed by its doc_id): a later run that stores it clears them.
DOCUMENT_CODES = ("E_EXTRACT", "E_TIMEOUT", "E_STORE")
_PERIOD = re.compile(r"^(\d{4}-\d{2})/(\d{4}-\d{2})$")

Extracted = tuple[DocMeta, list[Fact]]
# Extract a list of documents: one result (or the exception it raised) per document, in order.
# The default runs zhibiao.extract.extract_document serially; a caller may parallelise. A result
# may also be facts extracted earlier (FactDicts, zhibiao batch output): they are stored as they are.
BatchExtractor = Callable[[list[Document]], "list[Extracted | tuple[DocMeta, FactDicts] | BaseException]"]


@dataclass(slots=True)
class IngestStats:
    """What one ingest run did."""

    read: int = 0            # documents read from the inputs
    stored: int = 0          # new documents stored
    skipped: int = 0         # already stored (same normalised text), not extracted again
    copies: int = 0          # of the stored: near-duplicates linked to a canonical document
    facts: int = 0           # facts stored
    duplicate_facts: int = 0  # of the facts: repeated by a copy, counted once
    errors: int = 0          # inputs or documents that failed (recorded in document_errors)
    batches: int = 0         # transactions committed
    seconds: float = 0.0
    error_list: list[DocumentError] = field(default_factory=list, repr=False)
    # one line each: what the input edge repaired in a document, facts left out (W_… codes)
    warnings: list[str] = field(default_factory=list, repr=False)

    def exit_code(self) -> int:
        """0: no error; 1: some inputs failed; 2: all failed, or nothing was found."""
        total = self.read + self.errors
        if total == 0 or (self.errors and self.errors >= total):
            return 2
        return 1 if self.errors else 0

    def to_dict(self) -> dict[str, Any]:
        """The counts as a plain dict (for JSON and logs)."""
        return {k: getattr(self, k) for k in ("read", "stored", "skipped", "copies", "facts",
                                               "duplicate_facts", "errors", "batches", "seconds")}


def serial_extract(docs: list[Document], seconds_per_100kb: float | None = None) -> list[Extracted | BaseException]:
    """Extract each document in turn with :func:`zhibiao.extract.extract_document`, each within
    its time budget of ``seconds_per_100kb`` (:func:`zhibiao.pool.extract_within_budget`; None:
    no limit)."""
    from zhibiao.pool import extract_within_budget

    out: list[Extracted | BaseException] = []
    for doc in docs:
        try:
            out.append(extract_within_budget(doc, seconds_per_100kb))
        except Exception as exc:  # one document's failure must not end the batch
            out.append(exc)
    return out


def _merge(stats: IngestStats, batch: IngestStats) -> None:
    """Add the counts of one written batch to the run's."""
    for name in ("read", "stored", "skipped", "copies", "facts", "duplicate_facts", "errors"):
        setattr(stats, name, getattr(stats, name) + getattr(batch, name))
    stats.error_list.extend(batch.error_list)
    stats.warnings.extend(batch.warnings)


def _batches(items: Iterable[Document | DocumentError], size: int) -> Iterator[list[Document | DocumentError]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# Names and subjects repeat across millions of facts: resolve each once (the tables are fixed for
# the life of a process; a changed table is picked up on the next open, see Store).
_zone = lru_cache(maxsize=200_000)(canonical_zone)
_indicator = lru_cache(maxsize=200_000)(canonical_indicator)


# The columns of a ``facts`` row in the order of :func:`fact_values`: the id first (set by the write).
FACT_COLUMNS = ("id", "document_id", "seq", "type", "subject", "zone_id", "name", "indicator_id", "period",
                "period_start", "period_end", "value", "unit", "change_basis", "change_pct", "change_pp", "change_abs",
                "qualifier", "parent", "stage", "category", "min_investment", "count", "investment", "currency",
                "scope", "rank", "top", "bottom", "titles", "quote", "quote_start", "quote_end", "rule",
                "extractor_version", "signature", "duplicate_of")


def fact_row(fact: Fact, document_id: int, seq: int, zone: str | None = None) -> dict[str, Any]:
    """The ``facts`` row of one extracted fact (canonical zone and indicator ids resolved); a
    fact whose subject names no known zone gets ``zone`` (the document's, see :func:`document_zone`)."""
    return fact_dict_row(fact.to_dict(), document_id, seq, zone)


def fact_dict_row(d: dict[str, Any], document_id: int, seq: int, zone: str | None = None,
                  extractor_version: str = EXTRACTOR_VERSION) -> dict[str, Any]:
    """:func:`fact_row` of a fact given as its FACTS.md dict (``Fact.to_dict``), as
    ``zhibiao batch`` writes them (made by ``extractor_version``)."""
    values = fact_values(d, seq, zone, extractor_version, document_id)
    return dict(zip(FACT_COLUMNS[1:], values[1:], strict=True))


def fact_values(d: dict[str, Any], seq: int, zone: str | None = None, extractor_version: str = EXTRACTOR_VERSION,
                document_id: int | None = None) -> list[Any]:
    """:func:`fact_dict_row` as a list of values in the order of :data:`FACT_COLUMNS`, the id
    None — what a bulk insert sends, made without a dict per row."""
    kind = d["type"]
    get = d.get
    change = get("change") or {}
    period = get("period")
    match = _PERIOD.match(period) if period else None
    name = get("indicator") if kind == "ranking" else get("name")
    projects, ranking = kind == "projects", kind == "ranking"
    return [
        None, document_id, seq, kind, get("subject"),
        (_zone(get("subject")) or zone) if kind != "person" else None,
        name, _indicator(name) if kind in ("indicator", "ranking") else None,
        period, match.group(1) if match else None, match.group(2) if match else None,
        get("value"), get("unit"),
        change.get("basis"), change.get("pct"), change.get("pp"), change.get("abs"),
        get("qualifier"), get("parent"), get("stage") if projects else None, get("category"),
        get("min_investment"), get("count"), get("investment"),
        # stored for every projects fact (CNY included), so that no query has to know the default
        (get("currency") or "CNY") if projects else None,
        get("scope"), get("rank"), get("top") if ranking else None, bool(get("bottom")) if ranking else None,
        get("titles") if kind == "person" else None,
        d["quote"], d["start"], d["end"], get("rule") or None, extractor_version, fact_signature(d),
        None,  # duplicate_of
    ]


class FactDicts(list[dict[str, Any]]):
    """A document's facts as FACTS.md dicts, already checked (:func:`zhibiao.factcheck.sound_facts`)
    by the ``zhibiao batch`` run that extracted them with ``extractor_version``: stored as they are."""

    def __init__(self, facts: list[dict[str, Any]], extractor_version: str) -> None:
        super().__init__(facts)
        self.extractor_version = extractor_version


def _error_key(error: DocumentError) -> str:
    key = f"{error.where}\x00{error.code}\x00{error.detail}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


# Built once: a statement with bound parameters is compiled once per connection, not per document.

_F = FactRow.__table__.c


@dataclass(slots=True)
class _Pending:
    """A document to store with its extraction, and what storing it needs that no database
    gives (computed once, outside the write transaction: sound facts, fact rows, signature)."""

    doc: Document
    digest: str
    result: Extracted | tuple[DocMeta, FactDicts]
    normalized: str | None = None  # normalize_text(doc.text), when the hash was made of it here
    row: dict[str, Any] = field(default_factory=dict)
    # each fact row's values in the order of FACT_COLUMNS (the write sets id, document_id, duplicate_of)
    values: list[list[Any]] = field(default_factory=list)
    minhash: Any = None
    warnings: list[str] = field(default_factory=list)

    def prepare_quietly(self) -> None:
        """:meth:`prepare` ahead of the write; a document it fails for is left to the write,
        where the same failure is that document's ``E_STORE`` error."""
        with suppress(Exception):  # raised again, and recorded, when the batch is written
            self.prepare()

    def prepare(self) -> None:
        """Fill ``row`` (the documents row without its id), ``values`` and ``minhash``."""
        if self.row:
            return
        doc, (meta, facts) = self.doc, self.result
        self.minhash = minhash_of(doc.text, normalized=self.normalized)
        self.normalized = None  # no longer needed: let it go before the write
        zone = document_zone(doc)
        version = EXTRACTOR_VERSION
        dicts: list[dict[str, Any]]
        if isinstance(facts, FactDicts):
            version, dicts = facts.extractor_version, facts
        else:
            kept, self.warnings = sound_facts(facts, doc.doc_id)  # finite and within the columns, or no fact
            dicts = [fact.to_dict() for fact in kept]
        self.values = [fact_values(d, seq, zone, version) for seq, d in enumerate(dicts)]
        m = fill_meta(meta, doc.meta)
        self.row = {
            "doc_id": doc.doc_id, "content_hash": self.digest, "source": doc.source,
            "title": m.title, "published": doc.published or m.date,
            "source_name": m.source_name, "page": m.page, "url": m.url, "text": doc.text, "n_chars": len(doc.text),
            "n_facts": len(self.values),
            "extractor_version": version, "canonical_id": None, "similarity": None,
            "minhash": minhash_to_bytes(self.minhash) if self.minhash is not None else None,
            "zone": zone,
        }


class Ingester:
    """Stores documents into one database; keeps the near-duplicate index between batches."""

    def __init__(self, engine: Engine, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 threshold: float = DEFAULT_THRESHOLD, extract_batch: BatchExtractor | None = None,
                 seconds_per_100kb: float | None = DEFAULT_SECONDS_PER_100KB) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.engine = engine
        self.batch_size = batch_size
        self.extract_batch = extract_batch or partial(serial_extract, seconds_per_100kb=seconds_per_100kb)
        self._threshold = threshold
        self._index: NearDuplicateIndex | None = None
        self._index_seen = 0  # the highest document id the index has read from the store

    # -- the near-duplicate index: the stored signatures, read as they are committed ----------
    def _near_index(self, conn: Connection) -> NearDuplicateIndex:
        """The near-duplicate index over every canonical document in the store.

        The signatures live in the store (``documents.minhash``); this process keeps them in an
        LSH index and, at each batch, adds those committed since it last looked — by this
        process or by any other. Called inside the store's write lock (:func:`~zhibiao.store.db.write_lock`), it
        sees every document stored before the batch, so concurrent ingests link the same copies
        as one after the other."""
        if self._index is None:
            self._index = NearDuplicateIndex(self._threshold)
            self._index_seen = 0
        index = self._index
        rows = conn.execute(select(DocumentRow.id, DocumentRow.minhash)
                            .where(DocumentRow.id > self._index_seen, DocumentRow.canonical_id.is_(None),
                                   DocumentRow.minhash.is_not(None))
                            .order_by(DocumentRow.id))
        for pk, data in rows:
            if pk not in index:  # this process's own documents are in already
                index.add(pk, minhash_from_bytes(data))
            self._index_seen = pk
        return index

    # -- the run -------------------------------------------------------------------------------
    def run(self, items: Iterable[Document | DocumentError],
            on_batch: Callable[[IngestStats], None] | None = None,
            extract_batch: BatchExtractor | None = None) -> IngestStats:
        """Store every document of ``items`` (errors are recorded); returns the counts.

        ``on_batch`` is called after each committed batch (progress display). Interrupting
        (KeyboardInterrupt) stops the run after the batch being written, if any, is committed or
        rolled back whole; the batch being read or extracted is not written. ``extract_batch``
        replaces the ingester's extractor for this run.

        Two stages overlap (a pipeline of one batch): while a writer thread stores batch N in its
        transaction (where the time is the database's: PostgreSQL's server, SQLite's C code, both
        without Python's lock), this thread reads, extracts and prepares batch N+1 (hashes, fact
        rows, MinHash). Batches are still committed one at a time and in order.
        """
        stats = IngestStats()
        started = perf_counter()
        extract = extract_batch or self.extract_batch
        writer = ThreadPoolExecutor(1, thread_name_prefix="zhibiao-write") if self._pipelined() else None
        in_flight: tuple[Future[IngestStats], set[str]] | None = None

        def finish() -> None:
            """Wait for the batch being written and count it."""
            nonlocal in_flight
            if in_flight is None:
                return
            future, _ = in_flight
            in_flight = None
            _merge(stats, future.result())
            stats.batches += 1
            stats.seconds = perf_counter() - started
            if on_batch is not None:
                on_batch(stats)

        def before_lookup(digests: Iterable[str]) -> None:
            # a text the batch being written holds too: its commit decides whether it is stored
            if in_flight is not None and not in_flight[1].isdisjoint(digests):
                finish()

        try:
            for batch in _batches(items, self.batch_size):
                pending, errors = self._read_batch(batch, stats, extract, before_lookup)
                for item in pending:
                    item.prepare_quietly()
                if writer is None:
                    _merge(stats, self._write_batch(pending, errors))
                    stats.batches += 1
                    stats.seconds = perf_counter() - started
                    if on_batch is not None:
                        on_batch(stats)
                    continue
                finish()
                in_flight = (writer.submit(self._write_batch, pending, errors), {p.digest for p in pending})
            finish()
        finally:
            if in_flight is not None:  # interrupted: the batch being written ends whole, either way
                wait([in_flight[0]])
            if writer is not None:
                writer.shutdown(wait=True)
        if stats.stored:
            self._refresh_statistics()
        stats.seconds = perf_counter() - started
        return stats

    def _pipelined(self) -> bool:
        """Whether a writer thread may have a connection of its own: not with a pool that hands
        every thread the same connection, or each its own in-memory database."""
        return not isinstance(self.engine.pool, StaticPool | SingletonThreadPool)

    def _refresh_statistics(self) -> None:
        """Let the query planner see the new rows. Without it PostgreSQL plans the copies lookup of
        compare (duplicate_of IN …) as a sequential scan until autovacuum runs: 40 ms instead of
        8 ms on 100,000 facts."""
        try:
            with self.engine.begin() as conn:
                write_lock(conn)  # SQLite: the writer lock first, never upgraded from a read (SQLITE_BUSY)
                if conn.dialect.name == "postgresql":
                    conn.execute(text("ANALYZE documents, facts"))
                elif conn.dialect.name == "sqlite":
                    conn.execute(text("PRAGMA optimize"))
        except OperationalError:
            pass  # only advice for the planner: the next run refreshes it

    def _read_batch(self, batch: list[Document | DocumentError], stats: IngestStats,
                    extract_batch: BatchExtractor, before_lookup: Callable[[Iterable[str]], None],
                    ) -> tuple[list[_Pending], list[DocumentError]]:
        """The documents of ``batch`` to store, extracted (those already stored are skipped by
        their hash before extraction), and the errors to record."""
        errors = [item for item in batch if isinstance(item, DocumentError)]
        docs: list[Document] = []
        for item in batch:
            if isinstance(item, Document):
                stats.read += 1
                checked = _checked(item)
                if isinstance(checked, DocumentError):
                    errors.append(checked)
                else:
                    docs.append(checked)
                    stats.warnings.extend(checked.warnings)
        by_hash: dict[str, Document] = {}
        normalized: dict[str, str] = {}
        for doc in docs:
            norm = normalize_text(doc.text)
            digest = hashlib.sha256(norm.encode("utf-8")).hexdigest()  # content_hash(doc.text)
            if digest in by_hash:
                stats.skipped += 1  # the same text twice in one batch
            else:
                by_hash[digest] = doc
                normalized[digest] = norm
        before_lookup(by_hash)
        with self.engine.connect() as conn:
            known = self._stored_hashes(conn, list(by_hash))
        stats.skipped += len(known)
        todo = [(digest, doc) for digest, doc in by_hash.items() if digest not in known]
        results = extract_batch([doc for _, doc in todo]) if todo else []
        pending: list[_Pending] = []
        for (digest, doc), result in zip(todo, results, strict=True):
            if isinstance(result, BaseException):
                if not isinstance(result, Exception):
                    raise result  # KeyboardInterrupt, SystemExit: stop, nothing of the batch is written
                error = result if isinstance(result, DocumentError) else DocumentError(
                    doc.doc_id, "E_EXTRACT", f"{type(result).__name__}: {result}")
                errors.append(error)
            else:
                pending.append(_Pending(doc, digest, result, normalized[digest]))
        return pending, errors

    def _write_batch(self, pending: list[_Pending], errors: list[DocumentError]) -> IngestStats:
        """Store a read batch: in one transaction, else (a document the database refuses) one
        document per transaction. Returns what was done (stored, skipped, copies, errors…)."""
        stats = IngestStats()
        try:
            self._write(pending, errors, stats)
        except IntegrityError:
            # Another writer stored some of these documents meanwhile: drop those and retry once.
            with self.engine.connect() as conn:
                known = self._stored_hashes(conn, [p.digest for p in pending])
            stats.skipped += len(known)
            self._write_each([p for p in pending if p.digest not in known], errors, stats)
        except OperationalError:
            raise  # the database itself (locked, gone, full): no document's fault
        except Exception:
            # One document could not be stored (a value the database refuses): store them one by
            # one, each in its own transaction, so that only that one becomes an E_STORE error.
            self._write_each(pending, errors, stats)
        return stats

    def _write_each(self, pending: list[_Pending], errors: list[DocumentError], stats: IngestStats) -> None:
        for item in pending:
            try:
                self._write([item], [], stats)
            except OperationalError:
                raise
            except IntegrityError:
                with self.engine.connect() as conn:
                    known = self._stored_hashes(conn, [item.digest])
                if known:
                    stats.skipped += 1
                else:
                    errors.append(_store_error(item.doc, "IntegrityError"))
            except Exception as exc:
                errors.append(_store_error(item.doc, f"{type(exc).__name__}: {exc}"))
        self._write([], errors, stats)

    @staticmethod
    def _stored_hashes(conn: Connection, digests: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(digests), 500):
            chunk = digests[i:i + 500]
            found.update(conn.execute(select(DocumentRow.content_hash)
                                      .where(DocumentRow.content_hash.in_(chunk))).scalars())
        return found


    def _write(self, pending: list[_Pending], errors: list[DocumentError], stats: IngestStats) -> None:
        for item in pending:
            item.prepare()
        added: list[int] = []
        counts = IngestStats()
        try:
            with self.engine.begin() as conn:
                write_lock(conn)
                index = self._near_index(conn)
                # another writer may have stored some of them since they were looked up
                known = self._stored_hashes(conn, [item.digest for item in pending])
                fresh = [item for item in pending if item.digest not in known]
                counts.skipped += len(pending) - len(fresh)
                _store_documents(conn, fresh, index, added, counts)
                # Documents stored now clear the errors an earlier run recorded for them (extraction,
                # time budget, storage).
                stored_ids = [item.doc.doc_id for item in fresh]
                for i in range(0, len(stored_ids), 500):
                    conn.execute(delete(ErrorRow).where(ErrorRow.code.in_(DOCUMENT_CODES),
                                                        ErrorRow.doc_id.in_(stored_ids[i:i + 500])))
                for error in errors:
                    _record_error(conn, error)
        except BaseException:
            if self._index is not None:  # the index must not point at rows that were rolled back
                for pk in added:
                    self._index.remove(pk)
            raise
        stats.stored += counts.stored
        stats.skipped += counts.skipped
        stats.copies += counts.copies
        stats.facts += counts.facts
        stats.duplicate_facts += counts.duplicate_facts
        stats.errors += len(errors)
        stats.error_list.extend(errors)
        stats.warnings.extend(counts.warnings)


_DOCUMENT_COLUMNS = ("id", "doc_id", "content_hash", "source", "title", "published", "source_name", "page", "url",
                     "text", "n_chars", "n_facts", "extractor_version", "canonical_id", "similarity", "minhash",
                     "ingested_at", "zone")
_DOCUMENT_VALUES = itemgetter(*_DOCUMENT_COLUMNS)
_ID, _DOCUMENT_ID, _SIGNATURE, _DUPLICATE_OF = (FACT_COLUMNS.index(c) for c in ("id", "document_id", "signature",
                                                                                "duplicate_of"))


def _store_documents(conn: Connection, items: list[_Pending], index: NearDuplicateIndex, added: list[int],
                     counts: IngestStats) -> None:
    """Store ``items`` in bulk: ids reserved, each document linked to the canonical document it
    copies (one stored earlier or earlier in the batch, as if stored one after the other), its
    repeated facts to that document's facts, then one insert per table."""
    if not items:
        return
    doc_ids = reserve_ids(conn, DocumentRow.__table__, len(items))
    reserved = reserve_ids(conn, FactRow.__table__, sum(len(item.values) for item in items))
    fact_ids = iter(reserved)
    matches: list[tuple[int | None, float | None]] = []
    for item, pk in zip(items, doc_ids, strict=True):
        match = index.best_match(item.minhash) if item.minhash is not None else None
        matches.append(match if match is not None else (None, None))
        if item.minhash is not None and match is None:
            index.add(pk, item.minhash)
            added.append(pk)
    batch = set(doc_ids)
    firsts = canonical_facts(conn, {c for c, _ in matches if c is not None and c not in batch})
    when = now()
    documents: list[tuple[Any, ...]] = []
    facts: list[list[Any]] = []
    for item, pk, (canonical_id, similarity) in zip(items, doc_ids, matches, strict=True):
        first = firsts.get(canonical_id, {}) if canonical_id is not None else {}
        own: dict[str, int] = {}
        for values in item.values:
            values[_ID] = fact_id = next(fact_ids)
            values[_DOCUMENT_ID] = pk
            signature = values[_SIGNATURE]
            values[_DUPLICATE_OF] = duplicate_of = first.get(signature)
            counts.duplicate_facts += duplicate_of is not None
            own.setdefault(signature, fact_id)
            facts.append(values)
        if canonical_id is None:
            firsts[pk] = own  # the facts a later copy in this batch may repeat
        else:
            counts.copies += 1
        item.row.update(id=pk, canonical_id=canonical_id, similarity=similarity, ingested_at=when)
        documents.append(_DOCUMENT_VALUES(item.row))
        counts.stored += 1
        counts.facts += len(item.values)
        counts.warnings.extend(item.warnings)
    with bulk_batch(conn, doc_ids, reserved):
        insert_rows(conn, DocumentRow.__table__, _DOCUMENT_COLUMNS, documents)
        insert_rows(conn, FactRow.__table__, FACT_COLUMNS, facts)


def canonical_facts(conn: Connection, document_ids: set[int]) -> dict[int, dict[str, int]]:
    """For each of these stored documents: the id of its first fact (by ``seq``) of each
    signature, among the facts that repeat no other — what a copy's facts are linked to."""
    out: dict[int, dict[str, int]] = {pk: {} for pk in document_ids}
    ordered = sorted(document_ids)
    for i in range(0, len(ordered), 500):
        rows = conn.execute(select(_F.document_id, _F.id, _F.signature)
                            .where(_F.document_id.in_(ordered[i:i + 500]), _F.duplicate_of.is_(None))
                            .order_by(_F.document_id, _F.seq, _F.id))
        for document_id, pk, signature in rows:
            out[document_id].setdefault(signature, pk)
    return out


def _checked(doc: Document) -> Document | DocumentError:
    """``doc`` as the input edge leaves it (text cleaned, ``published`` a date or None), or the
    error that keeps it out of the store (a ``doc_id`` longer than its column)."""
    try:
        check_doc_id(doc.doc_id, doc.doc_id[:80] + "…")
    except DocumentError as exc:
        return exc
    return clean_document(doc)


def _store_error(doc: Document, detail: str) -> DocumentError:
    return DocumentError(doc.doc_id, "E_STORE", " ".join(detail.split())[:300])


def link_repeated_facts(conn: Connection, rows: list[dict[str, Any]], canonical_id: int) -> int:
    """Point each of a copy's facts that the canonical document also states at that fact."""
    first = canonical_facts(conn, {canonical_id})[canonical_id]
    linked = 0
    for row in rows:
        target = first.get(row["signature"])
        if target is not None:
            row["duplicate_of"] = target
            linked += 1
    return linked


def _record_error(conn: Connection, error: DocumentError) -> None:
    key = _error_key(error)
    table = ErrorRow.__table__
    existing = conn.execute(select(ErrorRow.id).where(ErrorRow.key == key)).scalar_one_or_none()
    when = now()
    # a path may hold bytes that are no UTF-8 (surrogate escapes): cleaned, or PostgreSQL refuses it
    location, message, detail = (clean_text(v)[0] for v in (error.where, error.message, error.detail))
    if existing is None:
        doc_id = location[:500] if error.code in DOCUMENT_CODES else None
        conn.execute(insert(table).values(key=key, location=location, doc_id=doc_id, code=error.code,
                                          message=message, detail=detail or None, count=1,
                                          first_seen=when, last_seen=when))
    else:
        conn.execute(update(table).where(table.c.id == existing)
                     .values(count=table.c.count + 1, last_seen=when, message=message))
