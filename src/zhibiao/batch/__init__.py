"""Batch extraction over corpora of millions of documents, on one machine or a Dask cluster.

``zhibiao batch`` (see :mod:`zhibiao.batch.commands`) reads JSONL (plain, .gz, .zst), Parquet and
folders of .txt/.html in shards (:mod:`~zhibiao.batch.shards`), skips documents without economic
figures (:mod:`~zhibiao.batch.prefilter`), extracts the rest and writes one Parquet file of facts
per shard (:mod:`~zhibiao.batch.worker`), resumably, on a local process pool or on Dask
(:mod:`~zhibiao.batch.runner`). See docs/scaling.md.

Names are imported on first use so that ``import zhibiao.batch`` (and ``zhibiao --help``) does
not load pyarrow or Dask.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "BatchConfig",
    "BatchSummary",
    "Columns",
    "ShardOptions",
    "ShardResult",
    "ShardSpec",
    "is_economic",
    "plan_shards",
    "process_shard",
    "read_shard",
    "run_batch",
]

_HOMES = {
    "BatchConfig": "runner", "BatchSummary": "runner", "run_batch": "runner",
    "Columns": "shards", "ShardSpec": "shards", "plan_shards": "shards", "read_shard": "shards",
    "ShardOptions": "worker", "ShardResult": "worker", "process_shard": "worker",
    "is_economic": "prefilter",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'zhibiao.batch' has no attribute {name!r}")
    return getattr(import_module(f"zhibiao.batch.{home}"), name)
