"""The local engine: the facts it writes, resuming, malformed shards, the prefilter, the CLI."""

from __future__ import annotations

import fcntl
import gzip
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from zhibiao.batch.prefilter import default_prefilter
from zhibiao.batch.runner import BatchConfigError
from zhibiao.batch.shards import ShardSpec, plan_shards
from zhibiao.batch.synth import mixed_records
from zhibiao.batch.worker import fact_rows, fact_schema
from zhibiao.cli import app
from zhibiao.extract import extract_document
from zhibiao.ingest import iter_documents
from zhibiao.model import Document, Indicator, Projects, Ranking

from .helpers import DEV_FILES, dev_records, read_facts, run, write_jsonl

runner = CliRunner()


def _expected_rows(paths: list[Path]) -> list[dict[str, Any]]:
    rows = []
    for doc in iter_documents(paths):
        assert isinstance(doc, Document)
        rows.extend(fact_rows(doc, extract_document(doc)[1]))
    return rows


def _in_plan_order(out: Path, inputs: list[Path], size: int) -> list[dict[str, Any]]:
    facts = read_facts(out)
    order = [s.shard_id for s in plan_shards([str(p.resolve()) for p in inputs], size) if isinstance(s, ShardSpec)]
    assert sorted(order) == sorted(facts)
    return [row for shard_id in order for row in facts[shard_id]]


def test_batch_local_writes_the_facts_of_direct_extraction(tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run(list(DEV_FILES), out, shard_size=3, prefilter=False, workers=2)
    expected = _expected_rows(list(DEV_FILES))
    assert expected  # the extractor finds facts in the dev reports
    assert _in_plan_order(out, list(DEV_FILES), 3) == expected
    assert summary.total.documents == summary.total.extracted == 10
    assert summary.total.skipped == summary.total.failed == 0
    assert sum(summary.total.facts_by_type.values()) == len(expected)
    assert summary.exit_code() == 0
    written = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert written["total"]["facts_total"] == len(expected)
    assert written["shards"] == {"planned": 4, "resumed": 0, "processed": 4, "failed": 0, "stale_removed": 0}

    # a re-run skips every finished shard and leaves its files alone
    stamps = {p: p.stat().st_mtime_ns for p in (out / "facts").iterdir()}
    again = run(list(DEV_FILES), out, shard_size=3, prefilter=False, workers=2)
    assert again.resumed == again.planned == 4
    assert again.this_run.shards == 0 and again.this_run.documents == 0
    assert again.total.to_dict() == summary.total.to_dict()
    assert {p: p.stat().st_mtime_ns for p in (out / "facts").iterdir()} == stamps


def test_batch_rerun_with_other_options_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([DEV_FILES[1]], out, shard_size=5)
    with pytest.raises(BatchConfigError, match="shard_size"):
        run([DEV_FILES[1]], out, shard_size=6)


def test_batch_folder_of_the_previous_fact_columns_is_not_resumed(tmp_path: Path) -> None:
    """A folder written before the shards had currency and bottom (format v1) would mix two schemas."""
    out = tmp_path / "out"
    run([DEV_FILES[1]], out, shard_size=5)
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "zhibiao-batch.v3"
    (out / "run.json").write_text(json.dumps({**manifest, "format": "zhibiao-batch.v1"}), encoding="utf-8")
    with pytest.raises(BatchConfigError, match=r"other options \(format\)"):
        run([DEV_FILES[1]], out, shard_size=5)


def test_batch_fact_rows_carry_currency_and_bottom(tmp_path: Path) -> None:
    doc = Document(doc_id="d", text="t", published="2023-07-19")
    facts = [Projects(stage="signed", min_investment=Decimal(10000000), count=Decimal(3),
                      investment=Decimal(645000000), currency="USD"),
             Projects(stage="signed", count=Decimal(12), investment=Decimal(645000000)),
             Ranking(indicator="实际使用外资增速", scope="全市", bottom=True),
             Ranking(indicator="一般公共预算收入增速", scope="全市", rank=1),
             Indicator(name="出口", value=Decimal(1), unit="CNY")]
    pq.write_table(pa.Table.from_pylist(fact_rows(doc, facts), schema=fact_schema()), tmp_path / "f.parquet")
    table = pq.read_table(tmp_path / "f.parquet")
    assert (str(table.schema.field("currency").type), str(table.schema.field("bottom").type)) == ("string", "bool")
    assert [(r["type"], r["investment"], r["currency"], r["rank"], r["bottom"]) for r in table.to_pylist()] == [
        ("projects", 645000000.0, "USD", None, None),   # the amount as written, in USD
        ("projects", 645000000.0, "CNY", None, None),
        ("ranking", None, None, None, True),
        ("ranking", None, None, 1, False),
        ("indicator", None, None, None, None),
    ]


def test_batch_output_folder_is_locked_while_a_run_writes_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with (out / ".lock").open("w") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        with pytest.raises(BatchConfigError, match="another batch run"):
            run([DEV_FILES[1]], out)


def _malformed_corpus(folder: Path) -> dict[str, Path]:
    records = dev_records()
    good = write_jsonl(folder / "good.jsonl", records[:6])
    bad_line = folder / "badline.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records[6:9]]
    lines[1] = '{"doc_id": "broken", "text": "unterminated'
    bad_line.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = gzip.compress(("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n").encode())
    cut = folder / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    notext = folder / "notext.parquet"
    pq.write_table(pa.table({"content": [records[0]["text"]], "id": ["x"]}), notext)
    good_parquet = folder / "good.parquet"
    pq.write_table(pa.table({"text": [r["text"] for r in records[:2]], "id": ["p0", "p1"]}), good_parquet)
    return {"good": good, "bad_line": bad_line, "cut": cut, "notext": notext, "good_parquet": good_parquet}


def test_batch_malformed_shards_fail_alone_and_the_rest_completes(tmp_path: Path) -> None:
    files = _malformed_corpus(tmp_path / "in")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(out), "--shard-size", "4",
                                 "--workers", "2"])
    assert result.exit_code == 1, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    # the Parquet file without a text column: its one shard failed, with a message saying why
    assert summary["shards"]["failed"] == 1
    (failed,) = (out / "failed").glob("*.json")
    message = json.loads(failed.read_text(encoding="utf-8"))["error"]
    assert str(files["notext"].resolve()) in message and 'no column "text"' in message
    assert 'no column "text"' in result.stderr
    # the bad JSON line: one E_JSON error naming its line; the two lines around it extracted
    assert summary["total"]["failed_by_reason"]["E_JSON"] == 1
    errors = [json.loads(line) for p in (out / "errors").glob("badline*.jsonl")
              for line in p.read_text(encoding="utf-8").splitlines()]
    assert [(e["where"], e["code"]) for e in errors] == [(f"{files['bad_line'].resolve()}:2", "E_JSON")]
    # the truncated gzip: the documents before the damage, then one E_READ
    assert summary["total"]["failed_by_reason"]["E_READ"] == 1
    facts = read_facts(out)
    doc_ids = {row["doc_id"] for rows in facts.values() for row in rows}
    records = dev_records()
    assert {r["doc_id"] for r in records[:6]} <= doc_ids  # good.jsonl
    assert {records[6]["doc_id"], records[8]["doc_id"]} <= doc_ids  # around the bad line
    assert {"p0", "p1"} <= doc_ids  # good.parquet
    cut_docs = summary["total"]["documents"] - 6 - 2 - 2
    assert 0 < cut_docs < len(records)
    # the summary table is printed
    assert "documents read" in result.stdout and "E_JSON" in result.stdout

    # a re-run retries the failed shard only (it may have been fixed meanwhile)
    again = run([tmp_path / "in"], out, shard_size=4)
    assert again.failed_shards == 1
    assert again.resumed == again.planned - 1 == summary["shards"]["planned"] - 1
    assert again.this_run.shards == 0


def test_batch_prefilter_skips_filler_and_extracts_reports(tmp_path: Path) -> None:
    reports = [{k: r[k] for k in ("doc_id", "published", "source", "text")} for r in dev_records()]
    records = list(mixed_records(300, reports, ratio=20, seed=3))
    corpus = write_jsonl(tmp_path / "mixed.jsonl", records)
    summary = run([corpus], tmp_path / "out", shard_size=100)
    kept = [r for r in records if default_prefilter().keep(r["text"])]
    gold = [r for r in records if "~" in r["doc_id"]]
    assert gold and all(r in kept for r in gold)
    assert summary.total.documents == 300
    assert summary.total.extracted == len(kept)
    assert summary.total.skipped == 300 - len(kept)
    written = {row["doc_id"] for rows in read_facts(tmp_path / "out").values() for row in rows}
    assert {r["doc_id"] for r in gold} <= written


def test_batch_cli_parquet_with_named_columns(tmp_path: Path) -> None:
    records = dev_records()
    path = tmp_path / "crawl.parquet"
    pq.write_table(pa.table({"body": [r["text"] for r in records], "key": [r["doc_id"] for r in records],
                             "link": [r["source"] for r in records], "day": [r["published"] for r in records]}),
                   path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(path), "-o", str(out), "--engine", "local", "--workers", "1",
                                 "--text-column", "body", "--id-column", "key", "--url-column", "link",
                                 "--date-column", "day", "--no-prefilter"])
    assert result.exit_code == 0, result.output
    rows = [row for rows in read_facts(out).values() for row in rows]
    assert rows == _expected_rows(list(DEV_FILES))


@pytest.mark.parametrize(("args", "message"), [
    (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
    (["--engine", "dask", "--scheduler", "127.0.0.1:1"], "must be an address like tcp://"),
])
def test_batch_cli_bad_options(tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["batch", str(DEV_FILES[1]), "-o", str(tmp_path / "out"), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_batch_missing_input_is_reported_and_the_rest_runs(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    result = runner.invoke(app, ["batch", str(DEV_FILES[1]), str(missing), "-o", str(tmp_path / "out"),
                                 "--workers", "1"])
    assert result.exit_code == 1, result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["input_errors"] == 1 and summary["total"]["failed"] == 1
    assert summary["total"]["documents"] == 2
    assert f"error: {missing}: E_READ" in result.stderr


def test_batch_nothing_readable_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
