"""Helpers shared by the batch tests: the dev corpus, running a batch, reading its output back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from zhibiao.batch.runner import BatchConfig, BatchSummary, run_batch
from zhibiao.batch.shards import Columns

DATA = Path(__file__).resolve().parent.parent / "data"
DEV_FILES = (DATA / "reports.jsonl", DATA / "seeds.jsonl")


def dev_records() -> list[dict[str, Any]]:
    """Every record of the dev gold corpus (tests/data/*.jsonl), gold facts included."""
    records = []
    for path in DEV_FILES:
        with path.open(encoding="utf-8") as f:
            records.extend(json.loads(line) for line in f if line.strip())
    return records


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    """Write records as JSON Lines (UTF-8, no ASCII escapes) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def run(inputs: list[Path] | list[str], out: Path, **options: Any) -> BatchSummary:
    """Run a batch in this process (the engine still uses worker processes: one unless told)."""
    columns = options.pop("columns", Columns())
    config = BatchConfig(inputs=tuple(str(p) for p in inputs), out_dir=str(out), columns=columns,
                         workers=options.pop("workers", 1), **options)
    return run_batch(config)


def read_facts(out: Path) -> dict[str, list[dict[str, Any]]]:
    """shard id → its fact rows, for every finished shard of an output folder."""
    return {p.name.removesuffix(".parquet"): pq.read_table(p).to_pylist()
            for p in sorted((out / "facts").glob("*.parquet"))}


def read_output(out: Path) -> dict[str, Any]:
    """Everything a run wrote that must not depend on the engine: facts, errors, shard counts."""
    markers = {}
    for path in sorted((out / "done").glob("*.json")):
        marker = json.loads(path.read_text(encoding="utf-8"))
        marker.pop("seconds")
        markers[path.stem] = marker
    errors = {p.stem: p.read_text(encoding="utf-8") for p in sorted((out / "errors").glob("*.jsonl"))}
    return {"facts": read_facts(out), "errors": errors, "done": markers}
