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

A large store (``--docs 100000``) is built once and kept in ``--cache`` (default
``/var/tmp/zhibiao-serve-load``) through the product's own bulk path: ``zhibiao batch`` extracts
the first part of the corpus, ``zhibiao ingest --facts`` loads it into a SQLite file and into a
database of a PostgreSQL cluster kept in the cache folder. Each run works on a copy (the SQLite
file copied, the PostgreSQL database created from the cached one as a template), so the run's
own ingest never changes the cached store, and a run costs the copy, not the build:

    .venv/bin/python bench/serve_load.py --docs 100000 --clients 16 --seconds 30
    .venv/bin/python bench/serve_load.py --docs 100000 --clients 16 --seconds 30 --backend postgresql

The copy is opened (and so migrated to this code's schema) before the server starts. ``--src
DIR`` runs the server and the ingest from another source tree (``git worktree add /tmp/base
main``, then ``--src /tmp/base/src``), for before/after figures on the same cached store; the
cache must then have been built by the older of the two trees, whose schema the newer one
upgrades.
"""

from __future__ import annotations

import argparse
import asyncio
import glob
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
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx2

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_speed import _fresh_pg, make_corpus, throwaway_postgres

ZHIBIAO = [sys.executable, "-c", "from zhibiao.cli import main; main()"]
# outside $HOME: the PostgreSQL server user must reach the cluster kept in it
DEFAULT_CACHE = Path("/var/tmp/zhibiao-serve-load")


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


def _questions(args: argparse.Namespace, url: str, limit: int) -> list[tuple[str, str, int]]:
    """The (indicator, period) questions the most zones answer, asked of the code under test
    (``--src``): this process's zhibiao may be of another schema revision."""
    script = ("import json, sys\nfrom zhibiao.store import Store, queries\n"
              "with Store(sys.argv[1]) as store, store.engine.connect() as conn:\n"
              "    print(json.dumps([(c.indicator_id, c.period, c.zones) "
              "for c in queries.coverage(conn, limit=int(sys.argv[2]))]))\n")
    env = {**os.environ}
    if args.src is not None:
        env["PYTHONPATH"] = str(args.src) + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run([sys.executable, "-c", script, url, str(limit)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return [(i, p, z) for i, p, z in json.loads(out)]


def _wait_for(base: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("zhibiao serve exited")
        try:
            # a page that reads no facts: the overview of a large store may take seconds (before 0008)
            if httpx2.get(base + "/api/indicators", timeout=2).status_code == 200:
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


def _zhibiao(args: argparse.Namespace, *command: str, url: str | None = None,
             **kwargs: Any) -> subprocess.Popen[bytes]:
    """``zhibiao COMMAND`` in its own process, from ``--src`` when given."""
    env = {**os.environ}
    if url is not None:
        env["ZHIBIAO_DB"] = url
    if args.src is not None:
        env["PYTHONPATH"] = str(args.src) + os.pathsep + env.get("PYTHONPATH", "")
    kwargs.setdefault("stdout", subprocess.DEVNULL)
    kwargs.setdefault("stderr", subprocess.DEVNULL)
    return subprocess.Popen([*ZHIBIAO, *command], env=env, **kwargs)


def _check(proc: subprocess.Popen[bytes], what: str) -> None:
    code = proc.wait()
    if code not in (0, 1):   # 1: some documents failed (recorded in the store), the rest stored
        raise RuntimeError(f"{what} exited with {code}")


def _cached_batch(args: argparse.Namespace, cache: Path) -> tuple[Path, Path]:
    """The corpus's run-time part and the ``zhibiao batch`` output of its first ``--docs``
    documents, made once per size."""
    total = args.docs + args.ingest_docs
    corpus = cache / f"corpus-{total}.jsonl"
    if not corpus.exists():
        make_corpus(total, cache / "corpus.tmp")
        (cache / "corpus.tmp").rename(corpus)
    before, during = cache / f"before-{args.docs}.jsonl", cache / f"during-{args.docs}-{args.ingest_docs}.jsonl"
    if not during.exists():
        tmp = cache / "split.tmp"
        tmp.mkdir(exist_ok=True)
        a, b = _split(corpus, args.docs, tmp)
        a.rename(before)
        b.rename(during)
    out = cache / f"batch-{args.docs}"
    # a rerun of batch finishes an interrupted run and skips finished shards
    print(f"batch: extracting {args.docs} documents into {out} (once)", file=sys.stderr)
    _check(_zhibiao(args, "batch", str(before), "-o", str(out), "--no-prefilter", "--shard-size", "5000"), "batch")
    return out, during


def _load(args: argparse.Namespace, out: Path, url: str, done: Path) -> None:
    """Load the batch output into ``url`` once (``done`` marks a finished load)."""
    if done.exists():
        return
    print(f"load: zhibiao ingest --facts {out} --db {url} (once)", file=sys.stderr)
    started = time.perf_counter()
    _check(_zhibiao(args, "ingest", "--facts", str(out), "--db", url, "--batch-size", "500"), "ingest --facts")
    done.write_text(f"{time.perf_counter() - started:.1f}\n", encoding="utf-8")


@contextmanager
def _store_copy(args: argparse.Namespace, work: Path) -> Iterator[tuple[str, Path]]:
    """A store of ``--docs`` documents for one run, and the corpus to ingest during it: built in
    ``--cache`` when the cache lacks it, copied from there otherwise."""
    cache = args.cache.expanduser()
    cache.mkdir(parents=True, exist_ok=True)
    out, during = _cached_batch(args, cache)
    if args.backend == "sqlite":
        cached = cache / f"store-{args.docs}.db"
        _load(args, out, f"sqlite:///{cached}", cache / f"store-{args.docs}.db.done")
        shutil.copyfile(cached, work / "store.db")
        yield f"sqlite:///{work / 'store.db'}", during
        return
    with kept_postgres(cache / "pg") as admin:
        name = f"store_{args.docs}"
        if not (cache / f"pg-{name}.done").exists():
            _fresh_pg(admin, name)
        _load(args, out, admin.rsplit("/", 1)[0] + f"/{name}", cache / f"pg-{name}.done")
        yield _pg_copy(admin, name, "serve_load_run"), during


def _pg_copy(admin: str, template: str, name: str) -> str:
    """A new database ``name`` with the content of ``template`` (a file copy, not a replay)."""
    import psycopg

    with psycopg.connect(admin.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
    return admin.rsplit("/", 1)[0] + f"/{name}"


@contextmanager
def kept_postgres(root: Path) -> Iterator[str]:
    """A PostgreSQL cluster kept in ``root`` across runs (made on first use), running for the
    block on a free loopback port; default durability, as a real server."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not bins:
        raise SystemExit("PostgreSQL server binaries not found")
    pgbin = bins[-1]
    as_pg: list[str] = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    data = root / "data"
    if not data.exists():
        root.mkdir(parents=True, exist_ok=True)
        if as_pg:
            shutil.chown(root, "postgres", "postgres")   # (the cache folder must be reachable by that user)
        subprocess.run([*as_pg, f"{pgbin}/initdb", "-D", str(data), "-U", "postgres", "--auth=trust",
                        "--encoding=UTF8", "--locale=C.UTF-8"], check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    subprocess.run([*as_pg, f"{pgbin}/pg_ctl", "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "120",
                    "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {root}", "start"], check=True,
                   stdout=subprocess.DEVNULL)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_pg, f"{pgbin}/pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop"],
                       stdout=subprocess.DEVNULL, check=False)


@contextmanager
def _small_store(args: argparse.Namespace, work: Path) -> Iterator[tuple[str, Path]]:
    """A fresh store of ``--docs`` documents ingested end to end for the run (no cache)."""
    pg: AbstractContextManager[str | None] = throwaway_postgres() if args.backend == "postgresql" else nullcontext()
    with pg as admin:
        if args.backend == "postgresql":
            if admin is None:
                raise SystemExit("PostgreSQL server binaries not found")
            url = _fresh_pg(admin, "serve_load")
        else:
            url = f"sqlite:///{work / 'store.db'}"
        corpus = make_corpus(args.docs + args.ingest_docs, work / "corpus.jsonl")
        before, during = _split(corpus, args.docs, work)
        _check(_zhibiao(args, "ingest", str(before), "--db", url), "ingest")
        yield url, during


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Build (or copy) the store, start the server and the ingest, drive the clients; the figures."""
    work = Path(tempfile.mkdtemp(prefix="zhibiao-serve-load."))
    server = ingest = None
    prepare: AbstractContextManager[tuple[str, Path]] = \
        _small_store(args, work) if args.cache is None else _store_copy(args, work)
    try:
        t0 = time.perf_counter()
        with prepare as (url, during):
            # opening the store migrates it to the schema of the code under test (``--src``)
            _check(_zhibiao(args, "errors", "--db", url), "migrate")
            prepared = time.perf_counter() - t0
            questions = _questions(args, url, args.questions)
            targets: list[tuple[str, str]] = []
            for indicator, period, _ in questions:
                query = urlencode({"indicator": indicator, "period": period})
                targets += [("page", f"/compare?{query}"), ("api", f"/api/compare?{query}")]
            port = _free_port()
            base = f"http://127.0.0.1:{port}"
            server_log = (work / "serve.log").open("wb")
            server = _zhibiao(args, "serve", "--db", url, "--port", str(port), url=url,
                              stdout=server_log, stderr=subprocess.STDOUT)
            _wait_for(base, server)
            with httpx2.Client(base_url=base, timeout=120) as client:
                counts_before = client.get("/api/overview").json()["data"]["counts"]
            ingest_started = time.monotonic()
            ingest = _zhibiao(args, "ingest", str(during), "--db", url, url=url)
            results: dict[str, list[float]] = defaultdict(list)
            errors: list[str] = []
            started = time.monotonic()
            deadline = started + args.seconds
            asyncio.run(_gather(base, targets, args.clients, deadline, results, errors))
            window = time.monotonic() - started
            ingest_running = ingest.poll() is None
            ingest_code = ingest.wait()
            ingest_seconds = time.monotonic() - ingest_started
            with httpx2.Client(base_url=base, timeout=120) as client:
                counts = client.get("/api/overview").json()["data"]["counts"]
            for proc in (ingest, server):
                if proc.poll() is None:
                    proc.terminate()
                    proc.wait(30)
    except BaseException:
        log = work / "serve.log"
        if log.exists():
            print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
        raise
    finally:
        for proc in (ingest, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(30)
        shutil.rmtree(work, ignore_errors=True)
    everything = [v for values in results.values() for v in values]
    return {
        "backend": args.backend, "clients": args.clients, "seconds": round(window, 1),
        "store_before": {**counts_before, "prepare_seconds": round(prepared, 1)},
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
    parser.add_argument("--cache", type=Path, nargs="?", const=DEFAULT_CACHE, default=None,
                        help="build the store once in this folder and copy it for each run (default for "
                             f"--docs over 10000: {DEFAULT_CACHE})")
    parser.add_argument("--src", type=Path, help="run the server and the ingest from this source tree")
    args = parser.parse_args()
    if args.cache is None and args.docs > 10_000:
        args.cache = DEFAULT_CACHE
    if not 1 <= args.clients <= 256 or not 1 <= args.seconds <= 600:
        parser.error("--clients 1..256, --seconds 1..600")
    result = run(args)
    o, page, api = result["overall"], result["page"], result["api"]
    before = result["store_before"]
    print(f"{result['backend']}: {result['clients']} clients for {result['seconds']} s, "
          f"store of {before['documents']} documents ({before['facts']} facts) + {args.ingest_docs} ingested meanwhile "
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
