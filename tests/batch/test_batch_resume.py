"""A run killed with SIGKILL after some shards finished: the re-run completes only what is left."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from zhibiao.batch.worker import fact_rows
from zhibiao.extract import extract_document
from zhibiao.ingest import iter_documents
from zhibiao.model import Document

from .helpers import DEV_FILES, dev_records, read_facts, run, write_jsonl

ZHIBIAO = Path(sys.executable).with_name("zhibiao")
COPIES = 30  # of each of the 10 dev reports: 300 documents, 60 shards of 5
SHARD_SIZE = 5


def test_batch_killed_run_resumes_where_it_stopped(tmp_path: Path) -> None:
    records = [{**r, "doc_id": f"{r['doc_id']}~{i}"} for i in range(COPIES) for r in dev_records()]
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    out = tmp_path / "out"
    done = out / "done"
    # its own session, so that the kill takes the pool's worker processes along, as a kill of a
    # job (Ctrl-C, a scheduler's timeout, the OOM killer on the whole cgroup) would
    process = subprocess.Popen([str(ZHIBIAO), "batch", str(corpus), "-o", str(out), "--shard-size",
                                str(SHARD_SIZE), "--workers", "1", "--no-progress"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if done.exists() and len(list(done.glob("*.json"))) >= 5:
                break
            time.sleep(0.02)
        assert process.poll() is None, "the run ended before it could be killed"
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    finished = {p.stem for p in done.glob("*.json")}
    planned = COPIES * 10 // SHARD_SIZE
    assert 5 <= len(finished) < planned

    summary = run([corpus], out, shard_size=SHARD_SIZE, workers=2)

    assert summary.planned == planned
    assert summary.resumed == len(finished)
    assert summary.this_run.shards == planned - len(finished)
    assert summary.this_run.documents == (planned - len(finished)) * SHARD_SIZE
    assert summary.total.documents == len(records)
    # the output is that of an uninterrupted run: every document's facts once, in order
    by_report = {}
    for doc in iter_documents(list(DEV_FILES)):
        assert isinstance(doc, Document)
        by_report[doc.doc_id] = fact_rows(doc, extract_document(doc)[1])
    expected = [{**row, "doc_id": r["doc_id"]} for r in records for row in by_report[r["doc_id"].split("~")[0]]]
    facts = read_facts(out)
    assert len(facts) == planned
    # one input file: shard ids sort by first line, so this is document order
    assert [row for shard in sorted(facts) for row in facts[shard]] == expected
    assert not [p for sub in ("facts", "errors", "done") for p in (out / sub).glob(".*")]


def test_batch_workers_die_with_their_driver(tmp_path: Path) -> None:
    """kill -9 of the driver alone (not its process group): its pool's workers and the resource
    tracker end too, instead of running on (issue 10, 4); a rerun then completes the output."""
    import psutil

    children: list[psutil.Process] = []
    records = [{**r, "doc_id": f"{r['doc_id']}~{i}"} for i in range(COPIES) for r in dev_records()]
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    out = tmp_path / "out"
    process = subprocess.Popen([str(ZHIBIAO), "batch", str(corpus), "-o", str(out), "--shard-size",
                                str(SHARD_SIZE), "--workers", "2", "--no-progress"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        driver = psutil.Process(process.pid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            children = driver.children(recursive=True)
            if len(children) >= 3 and (out / "done").exists() and any((out / "done").glob("*.json")):
                break  # two workers and the resource tracker, and the work under way
            time.sleep(0.05)
        assert process.poll() is None and len(children) >= 3, "the run ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)  # the driver only
        process.wait()
        _gone, alive = psutil.wait_procs(children, timeout=15)
        assert alive == [], f"still running after their driver died: {[p.cmdline()[:3] for p in alive]}"
    finally:
        for child in children:  # a failed test leaves nothing behind
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()
    summary = run([corpus], out, shard_size=SHARD_SIZE, workers=2)
    assert summary.total.documents == len(records) and summary.failed_shards == 0


HANG = '''
import signal, time
import zhibiao.batch.worker as worker
import zhibiao.extract as extract
import zhibiao.pool as pool
from zhibiao.model import Document

pool.MIN_BUDGET = 1.5
worker.WATCHDOG_GRACE = 0.5
real = extract.extract_document
real(Document("warm-up", "今年上半年,全区完成一般公共预算收入1.2亿元。"))  # tables loaded before any budget runs


def hang(doc):
    if "卡住" in doc.text:  # a hang that the deadline cannot interrupt: SIGALRM blocked
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(3600)
    return real(doc)


extract.extract_document = hang
'''


def test_batch_worker_that_does_not_answer_is_replaced(tmp_path: Path) -> None:
    """A document that hangs where its deadline cannot stop it: the worker's watchdog gives up on
    it, the process is replaced, the shard runs again without it — that document E_TIMEOUT, every
    other one extracted — and the run goes on (issue 10)."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(HANG, encoding="utf-8")  # loaded by the driver and each worker
    records = [{**r, "doc_id": f"{r['doc_id']}~{i}"} for i in range(2) for r in dev_records()]
    records.insert(7, {"doc_id": "stuck", "text": "卡住:今年上半年,全区完成一般公共预算收入1.2亿元。"})
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(hooks)}
    result = subprocess.run([str(ZHIBIAO), "batch", str(corpus), "-o", str(out), "--shard-size", str(SHARD_SIZE),
                             "--workers", "2", "--no-progress", "--no-prefilter"], env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 1, result.stderr[-2000:]  # one document failed
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["shards"]["failed"] == 0
    assert summary["total"]["failed_by_reason"] == {"E_TIMEOUT": 1}
    assert summary["total"]["extracted"] == len(records) - 1
    errors = [json.loads(line) for p in (out / "errors").glob("*.jsonl") for line in p.read_text().splitlines()]
    assert [(e["where"], e["code"]) for e in errors] == [("stuck", "E_TIMEOUT")]
    assert "did not answer" in errors[0]["message"]
    assert not list((out / "stuck").glob("*.jsonl"))  # consumed by the finished shard
    doc_ids = {row["doc_id"] for rows in read_facts(out).values() for row in rows}
    assert "stuck" not in doc_ids and records[8]["doc_id"] in doc_ids
