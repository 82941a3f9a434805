"""Dashboard under load: concurrent clients on the compare page and the compare API while another
process ingests into the same store.

1. A corpus is generated as in bench/ingest_speed.py (the dev and seed reports, each copy with
   another place, year and scaled figures) and split in two: the first part is ingested before
   the run, the second by ``zhibiao ingest`` in another process during the run.
2. ``zhibiao serve`` runs in its own process on a free loopback port.
3. ``--clients`` asyncio clients (httpx2) request, for ``--seconds``, the compare page and the
   compare API in turn, over the (indicator, period) questions the most zones answer.

Reported: requests/s, p50/p99 latency per kind and overall, errors (any status but 200, any
transport error: must be zero), and how much of the ingest ran inside the window.

    .venv/bin/python bench/serve_load.py --clients 16 --seconds 20
    .venv/bin/python bench/serve_load.py --backend postgresql
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx2

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_speed import _fresh_pg, make_corpus, throwaway_postgres

ZHIBIAO = [sys.executable, "-c", "from zhibiao.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _split(corpus: Path, first: int, out: Path) -> tuple[Path, Path]:
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    a, b = out / "before.jsonl", out / "during.jsonl"
    a.write_text("".join(lines[:first]), encoding="utf-8")
    b.write_text("".join(lines[first:]), encoding="utf-8")
    return a, b


def _questions(url: str, limit: int) -> list[tuple[str, str, int]]:
    from zhibiao.store import Store, queries

    with Store(url) as store, store.engine.connect() as conn:
        return [(c.indicator_id, c.period, c.zones) for c in queries.coverage(conn, limit=limit)]


def _wait_for(base: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("zhibiao serve exited")
        try:
            if httpx2.get(base + "/api/overview", timeout=2).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("zhibiao serve did not answer")


async def _client(base: str, targets: list[tuple[str, str]], offset: int, deadline: float,
                  results: dict[str, list[float]], errors: list[str]) -> None:
    async with httpx2.AsyncClient(base_url=base, timeout=30) as client:
        i = offset
        while time.monotonic() < deadline:
            kind, path = targets[i % len(targets)]
            i += 1
            started = time.perf_counter()
            try:
                response = await client.get(path)
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {path}")
                    continue
                if kind == "api" and not response.json().get("ok"):
                    errors.append(f"not ok {path}")
                    continue
                results[kind].append(elapsed)
            except httpx2.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {path}")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))] if ordered else float("nan")


def _stats(latencies: list[float], seconds: float) -> dict[str, Any]:
    return {"requests": len(latencies), "rps": round(len(latencies) / seconds, 1),
            "p50_ms": round(_percentile(latencies, 0.5) * 1000, 1),
            "p99_ms": round(_percentile(latencies, 0.99) * 1000, 1),
            "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None}


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Build the store, start the server and the ingest, drive the clients; the figures."""
    work = Path(tempfile.mkdtemp(prefix="zhibiao-serve-load."))
    pg: AbstractContextManager[str | None] = throwaway_postgres() if args.backend == "postgresql" else nullcontext()
    server = ingest = None
    try:
        with pg as admin:
            if args.backend == "postgresql":
                if admin is None:
                    raise SystemExit("PostgreSQL server binaries not found")
                url = _fresh_pg(admin, "serve_load")
            else:
                url = f"sqlite:///{work / 'store.db'}"
            corpus = make_corpus(args.docs + args.ingest_docs, work / "corpus.jsonl")
            before, during = _split(corpus, args.docs, work)
            env = {**os.environ, "ZHIBIAO_DB": url}
            t0 = time.perf_counter()
            subprocess.run([*ZHIBIAO, "ingest", str(before), "--db", url], check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            prepared = time.perf_counter() - t0
            questions = _questions(url, args.questions)
            targets: list[tuple[str, str]] = []
            for indicator, period, _ in questions:
                query = urlencode({"indicator": indicator, "period": period})
                targets += [("page", f"/compare?{query}"), ("api", f"/api/compare?{query}")]
            port = _free_port()
            base = f"http://127.0.0.1:{port}"
            server_log = (work / "serve.log").open("wb")
            server = subprocess.Popen([*ZHIBIAO, "serve", "--db", url, "--port", str(port)], env=env,
                                      stdout=server_log, stderr=subprocess.STDOUT)
            _wait_for(base, server)
            ingest_started = time.monotonic()
            ingest = subprocess.Popen([*ZHIBIAO, "ingest", str(during), "--db", url], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            results: dict[str, list[float]] = defaultdict(list)
            errors: list[str] = []
            started = time.monotonic()
            deadline = started + args.seconds
            asyncio.run(_gather(base, targets, args.clients, deadline, results, errors))
            window = time.monotonic() - started
            ingest_running = ingest.poll() is None
            ingest_code = ingest.wait()
            ingest_seconds = time.monotonic() - ingest_started
            with httpx2.Client(base_url=base) as client:
                counts = client.get("/api/overview").json()["data"]["counts"]
    except BaseException:
        log = work / "serve.log"
        if log.exists():
            print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
        raise
    finally:
        for proc in (ingest, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    everything = [v for values in results.values() for v in values]
    return {
        "backend": args.backend, "clients": args.clients, "seconds": round(window, 1),
        "store_before": {"documents": args.docs, "ingest_seconds": round(prepared, 1)},
        "questions": [{"indicator": i, "period": p, "zones": z} for i, p, z in questions],
        "overall": _stats(everything, window),
        "page": _stats(results["page"], window),
        "api": _stats(results["api"], window),
        "errors": len(errors), "error_samples": errors[:5],
        "ingest_during": {"documents": args.ingest_docs, "exit_code": ingest_code,
                          "seconds": round(ingest_seconds, 1), "still_running_at_end_of_window": ingest_running},
        "store_after": counts,
    }


async def _gather(base: str, targets: list[tuple[str, str]], clients: int, deadline: float,
                  results: dict[str, list[float]], errors: list[str]) -> None:
    await asyncio.gather(*(_client(base, targets, i, deadline, results, errors) for i in range(clients)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--docs", type=int, default=2000, help="documents in the store before the run")
    parser.add_argument("--ingest-docs", type=int, default=3000, help="documents ingested during the run")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--questions", type=int, default=8, help="(indicator, period) pairs asked in turn")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not 1 <= args.clients <= 256 or not 1 <= args.seconds <= 600:
        parser.error("--clients 1..256, --seconds 1..600")
    result = run(args)
    o, page, api = result["overall"], result["page"], result["api"]
    print(f"{result['backend']}: {result['clients']} clients for {result['seconds']} s, "
          f"store of {args.docs} documents + {args.ingest_docs} ingested meanwhile "
          f"(ingest exit {result['ingest_during']['exit_code']}, {result['ingest_during']['seconds']} s, "
          f"still running at the end of the window: {result['ingest_during']['still_running_at_end_of_window']})")
    print(f"{'':8}{'requests':>10}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}")
    for name, s in (("page", page), ("api", api), ("overall", o)):
        print(f"{name:8}{s['requests']:>10}{s['rps']:>8}{s['p50_ms']:>9}{s['p99_ms']:>9}")
    zones = [q["zones"] for q in result["questions"]]
    print(f"errors: {result['errors']}  ·  questions: {len(zones)}, {min(zones, default=0)}–{max(zones, default=0)} "
          f"zones per answer  ·  store after: {result['store_after']['documents']} documents, "
          f"{result['store_after']['facts']} facts")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if result["errors"]:
        print("error samples:", result["error_samples"], file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
