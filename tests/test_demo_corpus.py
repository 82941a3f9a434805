"""The bundled demo corpus (src/zhibiao/samples/regional-demo.jsonl): excerpts of real public
reports, each with its source URL, that the quick start ingests and compares."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from typer.testing import CliRunner

from zhibiao.cli import app

SAMPLES = Path(str(resources.files("zhibiao") / "samples"))
CORPUS = SAMPLES / "regional-demo.jsonl"


def test_demo_corpus_records_name_their_source() -> None:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 20
    assert len({r["doc_id"] for r in records}) == len(records)
    for record in records:
        assert record["source"].startswith(("http://", "https://")), record["doc_id"]
        assert record["meta"]["url"] == record["source"]
        assert record["published"] or "date" in record.get("note", ""), f"{record['doc_id']}: no date, no note why"
    assert sorted(p.name for p in SAMPLES.glob("*.txt")) == ["000_74faa45ff7a60390.txt", "003_527d27f14a1c52d8.txt"]


def test_demo_corpus_quick_start_compares_many_zones(tmp_path: Path) -> None:
    """What scripts/run.sh does: ingest the bundled reports, compare one indicator and period."""
    url = f"sqlite:///{tmp_path / 'zhibiao.db'}"
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(SAMPLES), "--db", url])
    assert ingested.exit_code == 0, ingested.output
    half = json.loads(runner.invoke(app, ["compare", "-i", "地区生产总值", "-p", "2023H1", "--db", url,
                                          "-f", "json"]).output)
    year = json.loads(runner.invoke(app, ["compare", "-i", "地区生产总值", "-p", "2023", "--db", url,
                                          "-f", "json"]).output)
    assert len(half) >= 8 and len(year) >= 8
    assert all(row["source"]["source"].startswith("http") and row["source"]["quote"] for row in half + year)
    assert {"长寿区", "缙云县", "苏州市", "南京市"} <= {row["zone"] for row in half}
    assert {"缙云县", "武进区", "子洲县", "建始县", "常州经济技术开发区"} <= {row["zone"] for row in year}
    suzhou = next(row for row in half if row["zone"] == "苏州市")
    assert suzhou["value"] == "1145840000000" and len(suzhou["copies"]) == 1   # the syndicated copy counted once
    shown = runner.invoke(app, ["compare", "-i", "地区生产总值", "-p", "2023H1", "--db", url])
    counted = re.search(r"· 2023H1 · (\d+) zones", shown.output)
    assert counted is not None and int(counted.group(1)) == len(half) >= 8
