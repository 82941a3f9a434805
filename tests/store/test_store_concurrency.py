"""Several processes on one store at once (issue 10, 5): opening a new database, ingesting."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from zhibiao.store import Store
from zhibiao.store.schema import DocumentRow

ZHIBIAO = str(Path(sys.executable).parent / "zhibiao")  # the console script of this venv
OPEN = ("import sys; from zhibiao.store import Store; "
        "s = Store(sys.argv[1]); print(s.summary()['documents']); s.close()")


def _fresh_urls(db_url: str, request: pytest.FixtureRequest, n: int) -> list[str]:
    if db_url.startswith("sqlite"):
        folder = db_url.removeprefix("sqlite:///").rsplit("/", 1)[0]
        return [f"sqlite:///{folder}/new{i}.db" for i in range(n)]
    from conftest import _create_pg_database

    admin = request.getfixturevalue("pg_server")
    return [_create_pg_database(admin, f"t{uuid.uuid4().hex[:16]}") for _ in range(n)]


def test_store_concurrent_first_opens_all_succeed(db_url: str, request: pytest.FixtureRequest) -> None:
    """Three processes open the same new database at once, over several databases: every one
    succeeds (before the setup lock, 9 runs of 10 failed on 'table alembic_version already
    exists'), and the schema is there once."""
    for url in _fresh_urls(db_url, request, 3):
        procs = [subprocess.Popen([sys.executable, "-c", OPEN, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(3)]
        outcomes = [(p.wait(120), *p.communicate()) for p in procs]
        assert [(rc, out.strip()) for rc, out, _ in outcomes] == [(0, "0")] * 3, [err for *_, err in outcomes]
        with Store(url) as store:
            assert store.summary()["documents"] == 0


def _corpora(tmp_path: Path) -> tuple[Path, Path]:
    """The dev reports, and a syndicated copy of each (another site's header and footer)."""
    records = []
    for path in sorted((Path(__file__).resolve().parent.parent / "data" / "dev").glob("*.jsonl")):
        records += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if len(r["text"]) > 400][:60]
    originals = [{"doc_id": r["doc_id"], "published": r.get("published"), "text": r["text"]} for r in records]
    copies = [{"doc_id": "copy-" + r["doc_id"], "published": r.get("published"),
               "text": f"转载自某网 {i}\n首页 > 地方\n\n" + r["text"] + f"\n\n(责任编辑:王{i})"}
              for i, r in enumerate(records)]
    a, b = tmp_path / "originals.jsonl", tmp_path / "copies.jsonl"
    for path, rows in ((a, originals), (b, copies)):
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return a, b


def _links(url: str) -> set[frozenset[str]]:
    """Each copy and its canonical document, as an unordered pair of doc_ids."""
    with Store(url) as store, store.engine.connect() as conn:
        canonical = DocumentRow.__table__.alias("canonical")
        rows = conn.execute(select(DocumentRow.doc_id, canonical.c.doc_id)
                            .join(canonical, canonical.c.id == DocumentRow.canonical_id)).all()
    return {frozenset(row) for row in rows}


def test_store_concurrent_ingests_link_the_same_copies_as_sequential(
        db_url: str, other_db_url: str, tmp_path: Path) -> None:
    """Two processes ingest the originals and their copies at the same time, a few documents per
    batch: every copy is linked to its original, as when they run one after the other (each kept
    its own near-duplicate index before: 3,399 links instead of 3,473)."""
    originals, copies = _corpora(tmp_path)
    for corpus in (originals, copies):
        result = subprocess.run([ZHIBIAO, "ingest", str(corpus), "--db", other_db_url,
                                 "--batch-size", "3"], capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr[-2000:]
    sequential = _links(other_db_url)
    assert len(sequential) == 60
    Store(db_url).close()  # the schema first: the race of first opens is another test's
    procs = [subprocess.Popen([ZHIBIAO, "ingest", str(corpus), "--db", db_url,
                               "--batch-size", "3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for corpus in (originals, copies)]
    for proc in procs:
        _out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-2000:]
    assert _links(db_url) == sequential
