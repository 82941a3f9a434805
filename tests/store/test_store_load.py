"""zhibiao ingest --facts OUT/: the output of zhibiao batch stored without extracting again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from zhibiao.batch.worker import fact_rows
from zhibiao.cli import app
from zhibiao.extract import extract_document
from zhibiao.model import Document
from zhibiao.store import Store
from zhibiao.store.load import fact_dict
from zhibiao.store.schema import DocumentRow, FactRow

DEV = sorted((Path(__file__).resolve().parent.parent / "data" / "dev").glob("*.jsonl"))
# what ingest stores of a document and a fact, without the ids and times of one run
_DOC = ("doc_id", "content_hash", "source", "title", "published", "source_name", "page", "url", "text", "n_chars",
        "n_facts", "extractor_version", "similarity", "minhash", "zone")
_SKIP = {"id", "document_id", "duplicate_of"}


def _dev_records(n: int) -> list[dict[str, Any]]:
    records = [json.loads(line) for path in DEV for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    return [r for r in records if len(r["text"]) > 300][:n]


def _corpus(tmp_path: Path) -> Path:
    """40 dev reports, and a syndicated copy of 10 of them (linked as copies when stored)."""
    records = _dev_records(40)
    rows = [{"doc_id": r["doc_id"], "published": r.get("published"), "text": r["text"]} for r in records]
    rows += [{"doc_id": f"copy-{r['doc_id']}", "text": f"转载 {i}\n\n{r['text']}\n\n(责任编辑:王{i})"}
             for i, r in enumerate(records[:10])]
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def batch_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The corpus and the output of zhibiao batch over it (no prefilter, shards of 12 documents)."""
    from zhibiao.batch.runner import BatchConfig, run_batch

    folder = tmp_path_factory.mktemp("load")
    corpus = _corpus(folder)
    out = folder / "out"
    run_batch(BatchConfig(inputs=(str(corpus),), out_dir=str(out), workers=1, shard_size=12, prefilter=False))
    return corpus, out


def _snapshot(url: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every stored document and fact, links by doc_id and seq instead of ids."""
    with Store(url) as store, store.engine.connect() as conn:
        docs = {row.id: row for row in conn.execute(select(DocumentRow.__table__))}
        facts = list(conn.execute(select(FactRow.__table__)))
    names = {pk: row.doc_id for pk, row in docs.items()}
    where = {f.id: (names[f.document_id], f.seq) for f in facts}
    documents = sorted((*(getattr(row, c) for c in _DOC), names.get(row.canonical_id)) for row in docs.values())
    columns = [c.name for c in FactRow.__table__.c if c.name not in _SKIP]
    fact_list = sorted((names[f.document_id], *(getattr(f, c) for c in columns), where.get(f.duplicate_of))
                       for f in facts)
    return documents, fact_list


def test_store_load_equals_ingest_and_a_rerun_changes_nothing(db_url: str, other_db_url: str,
                                                              batch_output: tuple[Path, Path]) -> None:
    corpus, out = batch_output
    with Store(db_url, batch_size=8) as store:
        loaded = store.load_batch(out)
        again = store.load_batch(out)
    with Store(other_db_url, batch_size=8) as store:
        ingested = store.ingest([corpus])
    assert (loaded.stored, loaded.errors, loaded.copies) == (ingested.stored, 0, ingested.copies)
    assert loaded.stored == 50 and loaded.copies == 10 and loaded.facts == ingested.facts > 200
    assert loaded.duplicate_facts == ingested.duplicate_facts > 50
    assert (again.stored, again.skipped, again.facts) == (0, 50, 0)
    assert _snapshot(db_url) == _snapshot(other_db_url)


def test_store_load_interrupted_then_resumed_equals_a_clean_load(db_url: str, other_db_url: str,
                                                                 batch_output: tuple[Path, Path]) -> None:
    _, out = batch_output

    def stop_after_two(stats: Any) -> None:
        if stats.batches == 2:
            raise KeyboardInterrupt

    with Store(db_url, batch_size=7) as store:
        with pytest.raises(KeyboardInterrupt):
            store.load_batch(out, on_batch=stop_after_two)
        assert store.summary()["documents"] == 14  # two whole batches
        resumed = store.load_batch(out)
    assert (resumed.skipped, resumed.stored) == (14, 36)
    with Store(other_db_url, batch_size=50) as store:
        store.load_batch(out)
    assert _snapshot(db_url) == _snapshot(other_db_url)


def test_store_load_cli_and_its_errors(db_url: str, batch_output: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, out = batch_output
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "--facts", str(out), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "50 stored (10 copies)" in result.output
    both = runner.invoke(app, ["ingest", str(corpus), "--facts", str(out), "--db", db_url])
    assert both.exit_code == 2 and "either inputs" in both.output
    nothing = runner.invoke(app, ["ingest", "--facts", str(tmp_path), "--db", db_url])
    assert nothing.exit_code == 2 and "not the output of zhibiao batch" in nothing.output
    for option in (["--published", "2023-07-19"], ["--zone", "经开区"]):  # (never dropped without a word)
        steered = runner.invoke(app, ["ingest", "--facts", str(out), *option, "--db", db_url])
        assert steered.exit_code == 2 and "apply when reports are extracted" in steered.output


def test_store_load_shard_without_documents_is_an_error(db_url: str, batch_output: tuple[Path, Path],
                                                        tmp_path: Path) -> None:
    """A shard written before the documents shards existed is reported; the others are stored."""
    import shutil

    _, out = batch_output
    old = tmp_path / "old"
    shutil.copytree(out, old)
    first = sorted((old / "documents").glob("*.parquet"))[0]
    first.unlink()
    with Store(db_url) as store:
        stats = store.load_batch(old)
    (error,) = stats.error_list
    assert error.code == "E_READ" and error.where == str(first) and "run the batch again" in error.message
    assert stats.stored == 50 - 12


def test_store_load_fact_rows_read_back_as_written() -> None:
    """A fact shard's row is read back as the very dict the fact was (its signature depends on it)."""
    records = _dev_records(80)
    kinds: set[str] = set()
    for record in records:
        doc = Document(doc_id=record["doc_id"], text=record["text"])
        _, facts = extract_document(doc)
        for fact, row in zip(facts, fact_rows(doc, facts), strict=True):
            assert fact_dict(row) == fact.to_dict()
            kinds.add(fact.type)
    assert kinds == {"indicator", "projects", "ranking", "person"}
