"""zhibiao.pool: extraction in worker processes, each document within its time budget (E_TIMEOUT)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhibiao.errors import DocumentError
from zhibiao.ingest import document_from_text
from zhibiao.model import DocMeta, Document, Fact
from zhibiao.pool import ExtractPool, time_budget

DATA = Path(__file__).resolve().parent / "data" / "reports.jsonl"
SMALL = "今年上半年,全区完成一般公共预算收入12.34亿元、同比增长5.6%。"


def _large_text() -> str:
    texts = [json.loads(line)["text"] for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    text = "\n".join(texts)
    while len(text.encode()) < 800_000:
        text += "\n" + "\n".join(texts)
    return text


def test_pool_time_budget_scales_with_size() -> None:
    assert time_budget(Document("a", "x" * 100_000), 2.0, 0.5) == 2.0
    assert time_budget(Document("a", "收" * 100_000), 2.0, 0.5) == 6.0  # 300 KB of UTF-8
    assert time_budget(Document("a", "x"), 2.0, 0.5) == 0.5


def test_pool_document_over_budget_is_e_timeout_and_the_next_goes_on() -> None:
    large = document_from_text(_large_text(), doc_id="large")
    small = document_from_text(SMALL, doc_id="small")
    # the large text takes ~1 s here; its budget is 0.3 s, the small one's too (minimum)
    with ExtractPool(1, seconds_per_100kb=0.01, minimum=0.3) as pool:
        outcomes = pool.extract_batch([large, small, large])
    timeout, done, again = outcomes
    assert isinstance(timeout, DocumentError) and (timeout.where, timeout.code) == ("large", "E_TIMEOUT")
    assert "over its budget of 0.3 s" in timeout.message
    assert not isinstance(done, BaseException)
    assert [f.quote for f in done[1]] == ["一般公共预算收入12.34亿元、同比增长5.6%"]
    assert isinstance(again, DocumentError) and again.code == "E_TIMEOUT"


def test_pool_results_equal_direct_extraction() -> None:
    from zhibiao.extract import extract_document

    docs = [document_from_text(json.loads(line)["text"], doc_id=str(i))
            for i, line in enumerate(DATA.read_text(encoding="utf-8").splitlines()[:4])]
    with ExtractPool(2) as pool:
        outcomes = pool.extract_batch(docs)
    assert outcomes == [extract_document(d) for d in docs]


def _slow_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The extractor, made to take 2 s on a text holding 慢; and a minimum budget of 0.2 s."""
    import time

    import zhibiao.extract as extract_module
    import zhibiao.pool as pool_module

    real = extract_module.extract_document

    def slow(doc: Document) -> tuple[DocMeta, list[Fact]]:
        if "慢" in doc.text:
            time.sleep(2)
        return real(doc)

    monkeypatch.setattr(extract_module, "extract_document", slow)
    monkeypatch.setattr(pool_module, "MIN_BUDGET", 0.2)


def test_pool_time_budget_in_extract_and_ingest(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                db_url: str) -> None:
    """A document over its budget is E_TIMEOUT naming it, in zhibiao extract and ingest; the
    documents after it are extracted and stored; a rerun with no limit stores it and clears it."""
    from typer.testing import CliRunner

    from zhibiao.cli import app
    from zhibiao.store import Store

    _slow_extractor(monkeypatch)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"doc_id": d, "text": t}, ensure_ascii=False)
                                for d, t in (("slow", "慢" + SMALL), ("fast", SMALL.replace("12.34", "5.6"))))
                      + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(corpus), "-o", str(tmp_path / "o.jsonl"),
                                      "--time-budget", "0.01"])
    assert result.exit_code == 1
    assert "error: slow: E_TIMEOUT: extraction took longer than the time budget" in result.stderr
    assert [json.loads(line)["doc_id"] for line in (tmp_path / "o.jsonl").read_text().splitlines()] == ["fast"]
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db_url, "--time-budget", "0.01"])
    assert result.exit_code == 1 and "error: slow: E_TIMEOUT" in result.stderr
    with Store(db_url) as store:
        assert [(e.location, e.code) for e in store.errors()] == [("slow", "E_TIMEOUT")]
        assert store.summary()["documents"] == 1
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db_url, "--time-budget", "0"])
    assert result.exit_code == 0, result.output
    with Store(db_url) as store:
        assert store.errors() == [] and store.summary()["documents"] == 2


def test_pool_time_budget_in_a_batch_shard(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from zhibiao.batch.shards import plan_shards
    from zhibiao.batch.worker import ShardOptions, process_shard

    _slow_extractor(monkeypatch)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"doc_id": d, "text": t}, ensure_ascii=False)
                                for d, t in (("slow", "慢" + SMALL), ("fast", SMALL))) + "\n", encoding="utf-8")
    (spec,) = list(plan_shards([corpus], 10))
    result = process_shard(spec, ShardOptions(out_dir=str(tmp_path / "out"), prefilter=False,
                                              seconds_per_100kb=0.01))
    assert (result.status, result.extracted, result.failed_by_code) == ("done", 1, {"E_TIMEOUT": 1})
    (line,) = (tmp_path / "out" / "errors").glob("*.jsonl")
    assert json.loads(line.read_text(encoding="utf-8"))["where"] == "slow"
