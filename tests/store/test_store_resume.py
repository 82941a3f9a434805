"""A ``zhibiao ingest`` killed with SIGKILL after its first batch commits, then run again, ends
with exactly the documents and facts of a clean run — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select

from zhibiao.store import Store
from zhibiao.store.schema import DocumentRow, FactRow

BATCH = 20
N_DOCS = 300


def _corpus(dev_gold: Path, path: Path) -> Path:
    """N_DOCS reports made from the dev corpus: each with its own id, date and a small edit, so
    that every one is a new document (and many are near-duplicates of an earlier one)."""
    base = [json.loads(line) for line in dev_gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as f:
        for i in range(N_DOCS):
            record = dict(base[i % len(base)])
            record.pop("facts", None)
            record["doc_id"] = f"{record['doc_id']}-{i:04d}"
            record["text"] = record["text"] + f"\n(本文第{i}次转载)"
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _ingest_command(corpus: Path, url: str) -> list[str]:
    return [sys.executable, "-c", "from zhibiao.cli import main; main()", "ingest", str(corpus), "--db", url,
            "--batch-size", str(BATCH), "--no-progress"]


def _snapshot(url: str) -> tuple[list[Any], list[Any]]:
    """The stored documents and facts, keyed by content (not by generated ids)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            docs = {pk: (h, doc_id) for pk, h, doc_id in conn.execute(
                select(DocumentRow.id, DocumentRow.content_hash, DocumentRow.doc_id))}
            canonical = {pk: c for pk, c in conn.execute(select(DocumentRow.id, DocumentRow.canonical_id))}
            fact_key = {pk: (docs[d][0], seq) for pk, d, seq in conn.execute(
                select(FactRow.id, FactRow.document_id, FactRow.seq))}
            facts = sorted(
                (docs[r.document_id][0], r.seq, r.type, r.zone_id, r.name, r.indicator_id, r.period, r.value, r.unit,
                 r.change_basis, r.change_pct, r.quote, r.quote_start, r.quote_end, r.signature,
                 fact_key[r.duplicate_of] if r.duplicate_of else None)
                for r in conn.execute(select(FactRow.__table__)))
    finally:
        engine.dispose()
    documents = sorted((h, doc_id, docs[canonical[pk]][0] if canonical[pk] else None)
                       for pk, (h, doc_id) in docs.items())
    return documents, facts


def _count(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(DocumentRow.__table__)).scalar_one())
    except Exception:  # the schema may not exist yet
        return 0
    finally:
        engine.dispose()


def test_store_resume_after_sigkill_equals_clean_run(db_url: str, other_db_url: str, dev_gold: Path,
                                                     tmp_path: Path) -> None:
    corpus = _corpus(dev_gold, tmp_path / "corpus.jsonl")
    Store(db_url).close()  # create the schema first, so that polling can count rows
    process = subprocess.Popen(_ingest_command(corpus, db_url), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _count(db_url) < BATCH:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline, "the first batch never committed"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    killed_at = _count(db_url)
    assert BATCH <= killed_at < N_DOCS, "the process must be killed mid-run"
    assert killed_at % BATCH == 0, "only whole batches are ever stored"

    resumed = subprocess.run(_ingest_command(corpus, db_url), capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{killed_at} already stored" in resumed.stderr

    clean_url = other_db_url
    clean = subprocess.run(_ingest_command(corpus, clean_url), capture_output=True, text=True, timeout=300)
    assert clean.returncode == 0, clean.stderr

    resumed_docs, resumed_facts = _snapshot(db_url)
    clean_docs, clean_facts = _snapshot(clean_url)
    assert len(resumed_docs) == N_DOCS
    assert resumed_docs == clean_docs
    assert len(resumed_facts) > N_DOCS
    missing, extra = sorted(set(clean_facts) - set(resumed_facts)), sorted(set(resumed_facts) - set(clean_facts))
    assert (missing[:3], extra[:3]) == ([], [])
    assert resumed_facts == clean_facts
