"""The Python API of the fact store: :class:`Store`, mirroring the ``zhibiao`` commands.

Usage (it writes ``facts.db``)::

    from zhibiao import Store
    with Store("sqlite:///facts.db") as store:
        store.ingest(["reports/"])
        for row in store.compare("一般预算收入", "2023H1"):
            print(row.zone, row.value, row.change_pct, row.rank, row.source.quote)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from zhibiao.errors import DocumentError, QueryError
from zhibiao.ingest import DEFAULT_MAX_BYTES, iter_documents
from zhibiao.model import Document
from zhibiao.pool import DEFAULT_SECONDS_PER_100KB
from zhibiao.resolve.indicators import canonical_indicator, taxonomy_fingerprint
from zhibiao.resolve.zones import canonical_zone
from zhibiao.store import corrections as correcting
from zhibiao.store import queries
from zhibiao.store.db import connect, info_get, info_set, setup_lock, write_lock
from zhibiao.store.dedup import DEFAULT_THRESHOLD
from zhibiao.store.export import guess_format, write_export
from zhibiao.store.ingest import DEFAULT_BATCH_SIZE, BatchExtractor, Ingester, IngestStats
from zhibiao.store.schema import DocumentRow, FactRow

if TYPE_CHECKING:
    import pandas

    from zhibiao.store.reextract import ReextractStats

__all__ = ["Store"]

_TAXONOMY_KEY = "taxonomy"


class Store:
    """A sourced fact database at ``url`` (default ``$ZHIBIAO_DB`` or ``sqlite:///zhibiao.db``).

    Opening migrates the schema to the latest revision and, when the indicator or zone tables
    changed since the facts were stored, re-resolves the stored canonical ids.
    ``batch_size`` documents are written per transaction; ``near_duplicate_threshold`` is the
    estimated Jaccard similarity from which a document counts as a copy of an earlier one;
    ``extract_batch`` replaces the serial extractor (e.g. by a process pool); the serial one
    gives each document ``seconds_per_100kb`` per 100 KB of text (at least 5 s; None: no limit),
    past which it is an ``E_TIMEOUT`` error. ``pool_size``: database connections kept for reuse
    (a server: as many as the requests it answers at once).
    """

    def __init__(self, url: str | None = None, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 near_duplicate_threshold: float = DEFAULT_THRESHOLD,
                 extract_batch: BatchExtractor | None = None,
                 seconds_per_100kb: float | None = DEFAULT_SECONDS_PER_100KB, pool_size: int | None = None) -> None:
        self.engine = connect(url, pool_size=pool_size)
        self._ingester = Ingester(self.engine, batch_size=batch_size, threshold=near_duplicate_threshold,
                                  extract_batch=extract_batch, seconds_per_100kb=seconds_per_100kb)
        self._refresh_canonical_ids()

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES,
               on_batch: Callable[[IngestStats], None] | None = None, published: str | None = None,
               zone: str | None = None) -> IngestStats:
        """Read, extract and store every report under ``paths`` (anything ``zhibiao extract``
        reads). Idempotent: stored documents are skipped; errors are recorded, not raised.
        ``published`` and ``zone`` fill what the inputs leave open (:func:`zhibiao.ingest.steer.steered`):
        a record's own ``published`` or ``zone`` wins."""
        from zhibiao.ingest.steer import check_published, check_zone, steered

        items = steered(iter_documents([str(p) for p in paths], max_bytes=max_bytes),
                        published=check_published(published), zone=check_zone(zone))
        return self._ingester.run(items, on_batch=on_batch)

    def ingest_documents(self, items: Iterable[Document | DocumentError],
                         on_batch: Callable[[IngestStats], None] | None = None, *,
                         extract_batch: BatchExtractor | None = None) -> IngestStats:
        """Store already-read documents (and record the errors given in their place);
        ``extract_batch`` replaces the store's extractor for this call."""
        return self._ingester.run(items, on_batch=on_batch, extract_batch=extract_batch)

    def load_batch(self, folder: str | os.PathLike[str],
                   on_batch: Callable[[IngestStats], None] | None = None) -> IngestStats:
        """Store the documents and facts of a ``zhibiao batch`` output folder without extracting
        them again (:mod:`zhibiao.store.load`): idempotent and resumable as :meth:`ingest` is.
        Raises :class:`~zhibiao.errors.DocumentError` when ``folder`` is no batch output."""
        from zhibiao.store.load import BatchOutput

        output = BatchOutput(folder, self._ingester.batch_size)
        output.shard_ids()  # no batch output: raised now, not recorded as a document's error
        return self._ingester.run(output, on_batch=on_batch, extract_batch=output.extracted)

    # -- questions -----------------------------------------------------------------------------
    def compare(self, indicator: str, period: str) -> list[queries.CompareRow]:
        """Every zone's figure for ``indicator`` (id or any alias) over ``period`` (2023H1…)."""
        with self.engine.connect() as conn:
            return queries.compare(conn, indicator, period)

    def compare_df(self, indicator: str, period: str) -> pandas.DataFrame:
        """:meth:`compare` as a pandas DataFrame, one row a zone (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - pandas is a dev dependency
            raise QueryError("compare_df needs pandas (pip install pandas)") from exc
        rows = self.compare(indicator, period)
        return pd.DataFrame([{
            "zone": r.zone, "indicator_id": r.indicator_id, "period": r.period,
            "value": float(r.value) if r.value is not None else None, "unit": r.unit,
            "change_pct": float(r.change_pct) if r.change_pct is not None else None, "rank": r.rank,
            "qualifier": r.qualifier, "doc_id": r.source.doc_id, "published": r.source.published,
            "quote": r.source.quote, "copies": len(r.copies), "conflict": r.conflict,
        } for r in rows], columns=["zone", "indicator_id", "period", "value", "unit", "change_pct", "rank",
                                   "qualifier", "doc_id", "published", "quote", "copies", "conflict"])

    def profile(self, zone: str) -> list[queries.ProfileRow]:
        """All facts of one zone (any alias), grouped by indicator, over time."""
        with self.engine.connect() as conn:
            return queries.profile(conn, zone)

    def pipeline(self, zone: str | None = None) -> list[queries.PipelineRow]:
        """Project counts and investment by zone, period, stage and size class, each currency
        apart (a USD figure is never merged with a CNY one)."""
        with self.engine.connect() as conn:
            return queries.pipeline(conn, zone)

    def targets(self, zone: str | None = None) -> tuple[list[queries.TargetRow], list[queries.TargetRank]]:
        """Targets beside the actual figures and progress, and target ranks beside the places
        reached (see :func:`queries.targets`, :func:`queries.target_ranks`)."""
        with self.engine.connect() as conn:
            return queries.targets(conn, zone), queries.target_ranks(conn, zone)

    def conflicts(self) -> list[queries.Conflict]:
        """Figures that two reports cannot both have right (see :func:`queries.conflicts`)."""
        with self.engine.connect() as conn:
            return queries.conflicts(conn)

    def errors(self) -> list[queries.ErrorEntry]:
        """The recorded document errors."""
        with self.engine.connect() as conn:
            return queries.errors(conn)

    def summary(self) -> dict[str, int]:
        """Counts of documents, copies, facts and errors."""
        with self.engine.connect() as conn:
            return queries.summary(conn)

    def export(self, path: str | os.PathLike[str], fmt: str | None = None, **filters: Any) -> int:
        """Write the facts to ``path`` as csv, xlsx or parquet (``fmt`` or the suffix); filters
        as :func:`queries.export_rows` (type, indicator, zone, period, include_copies).
        Returns the number of rows."""
        chosen = guess_format(path, fmt)
        with self.engine.connect() as conn:
            return write_export(queries.export_rows(conn, **filters), Path(path), chosen)

    # -- corrections -----------------------------------------------------------------------------
    def correct(self, fact_id: int, changes: dict[str, str | None], *, author: str, reason: str | None = None) -> int:
        """Correct a fact's value, unit, change, period, subject or name (see
        :func:`zhibiao.store.correcting.correct_fact`); returns the correction id."""
        with self.engine.begin() as conn:
            write_lock(conn)
            return correcting.correct_fact(conn, fact_id, changes, author=author, reason=reason)

    def mark_wrong(self, fact_id: int, *, author: str, reason: str | None = None) -> int:
        """Mark a fact wrong (counted nowhere, kept on its document); returns the correction id."""
        with self.engine.begin() as conn:
            write_lock(conn)
            return correcting.mark_wrong(conn, fact_id, author=author, reason=reason)

    def add_fact(self, document_id: int, start: int, end: int, values: dict[str, str | None], *, author: str,
                 reason: str | None = None) -> int:
        """Add an indicator fact the extractor missed, on ``text[start:end]`` of a document."""
        with self.engine.begin() as conn:
            write_lock(conn)
            return correcting.add_fact(conn, document_id, start, end, values, author=author, reason=reason)

    def assign_zone(self, document_id: int, zone: str, *, author: str, reason: str | None = None) -> int:
        """Give a document's unresolved facts the zone ``zone``; returns the correction id."""
        with self.engine.begin() as conn:
            write_lock(conn)
            return correcting.assign_zone(conn, document_id, zone, author=author, reason=reason)

    def corrections(self, document_id: int | None = None) -> list[correcting.CorrectionInfo]:
        """The stored corrections, newest first (of one document when given)."""
        with self.engine.connect() as conn:
            return correcting.corrections(conn, document_id)

    def export_gold(self, path: str | os.PathLike[str]) -> int:
        """Write every corrected document in the FACTS.md gold shape (JSONL) to ``path``, so that
        ``zhibiao eval`` scores an extractor against an organisation's own corrections.
        Returns the number of documents."""
        import json

        target = Path(path)
        partial = target.with_name(target.name + ".partial")
        n = 0
        with self.engine.connect() as conn, partial.open("w", encoding="utf-8", newline="\n") as out:
            for record in correcting.gold_records(conn):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
        os.replace(partial, target)
        return n

    def reextract(self, where: Iterable[str] = (), *,
                  on_document: Callable[[ReextractStats], None] | None = None) -> ReextractStats:
        """Run the current extractor over the stored documents ``where`` selects, keeping the
        corrections (see :func:`zhibiao.store.reextract.reextract`)."""
        from zhibiao.store.reextract import reextract

        return reextract(self.engine, where=where, on_document=on_document)

    # -- maintenance ---------------------------------------------------------------------------
    def _refresh_canonical_ids(self) -> None:
        """Re-resolve stored indicator and zone ids when the taxonomy files changed."""
        fingerprint = taxonomy_fingerprint()
        with self.engine.connect() as conn:
            if info_get(conn, _TAXONOMY_KEY) == fingerprint:
                return
        with setup_lock(self.engine), self.engine.begin() as conn:  # one process refreshes, the others wait
            write_lock(conn)
            if info_get(conn, _TAXONOMY_KEY) == fingerprint:
                return
            table = FactRow.__table__
            c = table.c
            pairs = conn.execute(select(c.name, c.indicator_id).distinct()
                                 .where(c.type.in_(("indicator", "ranking")), c.name.is_not(None))).all()
            for name, stored in pairs:
                new = canonical_indicator(name)
                if new != stored:
                    conn.execute(update(table).where(c.type.in_(("indicator", "ranking")), c.name == name)
                                 .values(indicator_id=new))
            zones = conn.execute(select(c.subject, c.zone_id).distinct()
                                 .where(c.type != "person", c.subject.is_not(None))).all()
            # a subject that names no known zone takes its document's assigned zone (--zone, the dashboard)
            assigned = (select(DocumentRow.zone).where(DocumentRow.id == c.document_id)
                        .correlate(table).scalar_subquery())
            for subject, stored in zones:
                new = canonical_zone(subject)
                if new != stored:
                    conn.execute(update(table).where(c.type != "person", c.subject == subject)
                                 .values(zone_id=new if new is not None else assigned))
            info_set(conn, _TAXONOMY_KEY, fingerprint)
