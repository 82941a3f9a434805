"""The Dask engine writes exactly what the local engine writes: on a LocalCluster, and on a
scheduler and two workers started as separate processes on loopback."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from zhibiao.batch.synth import mixed_records

from .helpers import DEV_FILES, dev_records, read_output, run, write_jsonl

DASK = Path(sys.executable).with_name("dask")  # the venv's dask command: workers import zhibiao


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The dev reports, plus a small crawl of filler with report copies and one bad line."""
    folder = tmp_path_factory.mktemp("corpus")
    reports = [{k: r[k] for k in ("doc_id", "published", "source", "text")} for r in dev_records()]
    crawl = write_jsonl(folder / "crawl.jsonl", list(mixed_records(120, reports, ratio=20, seed=5)))
    with crawl.open("a", encoding="utf-8") as f:
        f.write("{not json\n")
    return [*DEV_FILES, crawl]


@pytest.fixture(scope="module")
def local_output(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("local")
    summary = run(corpus, out, engine="local", workers=2, shard_size=4)
    assert summary.total.failed == 1 and summary.failed_shards == 0
    return read_output(out)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(address: str, processes: list[subprocess.Popen[bytes]]) -> None:
    """Ask the scheduler to shut the cluster down (seconds, where SIGTERM to each worker takes
    several), then make sure every process is gone."""
    from distributed import Client

    try:
        with Client(address, timeout="5s") as client:
            client.shutdown()
    except Exception:  # the cluster may be down already; the kill below remains
        pass
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1; yields the address."""
    from distributed import Client

    scratch = tmp_path_factory.mktemp("dask")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = (scratch / "cluster.log").open("wb")
    processes = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                   "--no-dashboard"], stdout=log, stderr=subprocess.STDOUT, cwd=scratch)]
    try:
        for i in range(2):
            processes.append(subprocess.Popen(
                [str(DASK), "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--local-directory", str(scratch / f"w{i}"), "--name", f"w{i}"],
                stdout=log, stderr=subprocess.STDOUT, cwd=scratch))
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        _stop(address, processes)
        log.close()


def test_batch_dask_local_cluster_output_is_identical(corpus: list[Path], local_output: dict[str, Any],
                                                       tmp_path: Path) -> None:
    summary = run(corpus, tmp_path / "out", engine="dask", workers=2, shard_size=4)
    assert summary.this_run.shards == summary.planned
    assert read_output(tmp_path / "out") == local_output


def test_batch_dask_external_cluster_output_is_identical(corpus: list[Path], local_output: dict[str, Any],
                                                          scheduler: str, tmp_path: Path) -> None:
    summary = run(corpus, tmp_path / "out", engine="dask", scheduler=scheduler, workers=2, shard_size=4)
    assert summary.this_run.shards == summary.planned
    output = read_output(tmp_path / "out")
    assert output == local_output
    assert sum(len(rows) for rows in output["facts"].values()) > 0
