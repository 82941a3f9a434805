"""Batch throughput and memory on a generated crawl: local engine with 1 and 2 workers, Dask, JioNLP.

The corpus mixes the dev reports (tests/data/*.jsonl, each copy with its own doc_id) with
generated non-economic filler (zhibiao.batch.synth) at about 1:20, as a web crawl would. Each
measured run is the real command line (``zhibiao batch``) in a child process; the benchmark samples
the resident memory of that child and all its descendants (pool workers, Dask scheduler, nannies
and workers) every 0.1 s with psutil and keeps the peak of the sum. Every configuration runs on
the first ``--small`` documents and on all ``--docs`` of them, to show that memory does not grow
with the corpus. JioNLP's ``jio.ner.extract_money`` runs over the same documents in a child
process of its own (one core), for a ratio against zhibiao with one worker.

The machine's other load is measured, not assumed: for every run the CPU seconds that the rest of
the machine used (system busy time minus the run's own process tree, shown as the average number
of cores it kept busy) and the steal time. ``--rounds`` repeats every configuration, alternating
them, and keeps the best throughput of each (and the highest memory peak), which cancels most of
the noise of a shared machine. A CPU probe before and after each round (one pure-Python loop
alone, then two at once) gives the speed-up the machine itself allowed at that moment.

Every run uses a snapshot of ``src/`` taken when the benchmark starts (``PYTHONPATH``), so that
edits made to the working tree while it runs cannot change the output between two engines.

    .venv/bin/python bench/batch_speed.py                          # 200,000 documents
    .venv/bin/python bench/batch_speed.py --rounds 2 --json out/batch_speed.json
    .venv/bin/python bench/batch_speed.py --docs 50000 --small 5000 --json out/batch_speed.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from zhibiao.batch.prefilter import default_prefilter
from zhibiao.batch.synth import mixed_records

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RATIO = 20

JIONLP_CHILD = """
import contextlib, io, json, sys, time
with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
    import jionlp as jio
t0 = time.perf_counter()
docs = found = nbytes = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        text = json.loads(line)["text"]
        nbytes += len(text.encode("utf-8"))
        found += len(jio.ner.extract_money(text))
        docs += 1
seconds = time.perf_counter() - t0
print(json.dumps({"documents": docs, "money": found, "bytes": nbytes, "seconds": seconds}))
"""


def reports() -> list[dict[str, Any]]:
    """The dev reports, input fields only."""
    out = []
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.append({k: r.get(k) for k in ("doc_id", "published", "source", "text")})
    return out


def write_corpus(path: Path, count: int) -> dict[str, Any]:
    """Write the first ``count`` records of the mixed crawl (seed 0) as JSONL."""
    started = time.perf_counter()
    gold = 0
    with path.open("w", encoding="utf-8") as f:
        for record in mixed_records(count, reports(), ratio=RATIO, seed=0):
            gold += not record["doc_id"].startswith("filler-")
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"documents": count, "reports": gold, "mb": path.stat().st_size / 1e6,
            "seconds": time.perf_counter() - started}


class TreeSampler:
    """Peak of the summed RSS of a process and all its descendants, sampled every ``interval`` s."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            total = 0
            for process in processes:
                with contextlib.suppress(psutil.NoSuchProcess):  # a worker that just ended
                    total += process.memory_info().rss
            if total > self.peak:
                self.peak, self.peak_processes = total, len(processes)
            self._stop.wait(self.interval)


def _busy_seconds() -> tuple[float, float]:
    """System-wide busy CPU seconds (all cores) and steal seconds so far."""
    t = psutil.cpu_times()
    busy = t.user + t.nice + t.system + getattr(t, "irq", 0) + getattr(t, "softirq", 0)
    return busy, getattr(t, "steal", 0.0)


PROBE_CHILD = """
import json, sys, time
from multiprocessing import get_context

def spin(n):
    t = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i % 7
    return time.perf_counter() - t

if __name__ == "__main__":
    n = int(sys.argv[1])
    with get_context("spawn").Pool(2) as pool:
        alone = pool.map(spin, [n])[0]
        together = pool.map(spin, [n, n])
    print(json.dumps({"alone": alone, "together": together}))
"""


def cpu_probe(loops: int = 20_000_000) -> dict[str, float]:
    """How well this machine runs two CPU-bound Python processes at once, right now: the same loop
    alone, then twice side by side. ``ceiling`` is the speed-up two processes can reach (2.0 on two
    free cores; less when other processes, or the host, take CPU time)."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(PROBE_CHILD)
    try:
        done = subprocess.run([sys.executable, f.name, str(loops)], capture_output=True, text=True, check=True)
    finally:
        os.unlink(f.name)
    times = json.loads(done.stdout)
    together = max(times["together"])
    return {"alone_s": times["alone"], "together_s": together, "ceiling": 2 * times["alone"] / together}


def snapshot_source(workdir: Path) -> dict[str, str]:
    """Copy ``src/zhibiao`` into ``workdir`` and return an environment that imports it first."""
    target = workdir / "src"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "src" / "zhibiao", target / "zhibiao", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(target)}
    found = subprocess.run([sys.executable, "-c", "import zhibiao; print(zhibiao.__file__)"], env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    if not found.startswith(str(target)):
        raise RuntimeError(f"the snapshot is not imported first: {found}")
    return env


def run_batch(corpus: Path, out: Path, *, engine: str, workers: int, shard_size: int,
              env: dict[str, str] | None = None, prefilter: bool = True) -> dict[str, Any]:
    """One ``zhibiao batch`` run in a child process: its summary, wall time, peak tree RSS, load."""
    shutil.rmtree(out, ignore_errors=True)
    args = [str(BIN / "zhibiao"), "batch", str(corpus), "-o", str(out), "--engine", engine, "--workers",
            str(workers), "--shard-size", str(shard_size), "--no-progress"]
    if not prefilter:
        args.append("--no-prefilter")
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy0, steal0 = _busy_seconds()
    load0 = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    with TreeSampler(process.pid) as sampler:
        _, stderr = process.communicate()
    wall = time.perf_counter() - started
    busy1, steal1 = _busy_seconds()
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} exited {process.returncode}: {stderr.decode()[-2000:]}")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    # CPU of the run's whole process tree: descendants' usage reaches us when the child is reaped
    tree_cpu = (after_children.ru_utime - before_children.ru_utime
                + after_children.ru_stime - before_children.ru_stime)
    return {
        "engine": engine, "workers": workers, "prefilter": prefilter,
        "documents": summary["this_run"]["documents"], "extracted": summary["this_run"]["extracted"],
        "skipped": summary["this_run"]["skipped_prefilter"], "facts": summary["this_run"]["facts_total"],
        "failed": summary["this_run"]["failed"], "mb": summary["this_run"]["bytes"] / 1e6,
        "run_seconds": summary["seconds"], "wall_seconds": wall,
        "docs_per_s": summary["docs_per_s"], "mb_per_s": summary["mb_per_s"],
        "mb_per_s_per_core": summary["mb_per_s"] / workers,
        "peak_rss_mb": sampler.peak / 2**20, "processes_at_peak": sampler.peak_processes,
        "tree_cpu_s": tree_cpu, "others_cpu_s": max(0.0, (busy1 - busy0) - tree_cpu), "steal_s": steal1 - steal0,
        "others_cores": max(0.0, (busy1 - busy0) - tree_cpu) / wall,
        "load_before": load0, "load_after": os.getloadavg()[0],
    }


def run_jionlp(corpus: Path) -> dict[str, Any]:
    """JioNLP's money extractor over every document of ``corpus``, one process, one core."""
    done = subprocess.run([sys.executable, "-c", JIONLP_CHILD, str(corpus)], capture_output=True, text=True,
                          check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["docs_per_s"] = result["documents"] / result["seconds"]
    result["mb_per_s"] = result["bytes"] / 1e6 / result["seconds"]
    return result


def prefilter_speed(corpus: Path, limit: int) -> dict[str, Any]:
    """The prefilter alone, in this process (one core), over the first ``limit`` documents."""
    texts = []
    with corpus.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= limit:
                break
            texts.append(json.loads(line)["text"])
    keep = default_prefilter().keep
    started = time.perf_counter()
    kept = sum(keep(t) for t in texts)
    seconds = time.perf_counter() - started
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    return {"documents": len(texts), "kept": kept, "docs_per_s": len(texts) / seconds,
            "mb_per_s": nbytes / 1e6 / seconds}


def same_facts(a: Path, b: Path) -> bool:
    """True when two output folders hold the same fact shards with equal tables."""
    import pyarrow.parquet as pq

    names_a = sorted(p.name for p in (a / "facts").glob("*.parquet"))
    names_b = sorted(p.name for p in (b / "facts").glob("*.parquet"))
    return names_a == names_b and all(
        pq.read_table(a / "facts" / n).equals(pq.read_table(b / "facts" / n)) for n in names_a)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200_000, help="documents of the large corpus")
    parser.add_argument("--small", type=int, default=10_000, help="documents of the small corpus")
    parser.add_argument("--shard-size", type=int, default=2000)
    parser.add_argument("--workdir", type=Path, help="where corpora and outputs go (default: a temp folder)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--rounds", type=int, default=1, help="repeat every configuration, keep the best")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="zhibiao-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    cores = len(os.sched_getaffinity(0))
    print(f"machine: {psutil.cpu_count()} cores, {cores} in this process's affinity, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB; load {os.getloadavg()}")
    corpora = {}
    for count in (args.small, args.docs):
        path = workdir / f"crawl-{count}.jsonl"
        corpora[count] = write_corpus(path, count) | {"path": str(path)}
        print(f"corpus {count:,} documents ({corpora[count]['reports']:,} reports): "
              f"{corpora[count]['mb']:.0f} MB, written in {corpora[count]['seconds']:.1f} s")
    large = Path(corpora[args.docs]["path"])
    small = Path(corpora[args.small]["path"])

    results: dict[str, Any] = {"cores": cores, "corpora": corpora}
    results["prefilter"] = prefilter_speed(large, 50_000)
    p = results["prefilter"]
    print(f"prefilter alone: {p['docs_per_s']:,.0f} docs/s, {p['mb_per_s']:.1f} MB/s on one core, "
          f"kept {p['kept']:,} of {p['documents']:,}")

    configs = [("local", 1), ("local", 2)] + ([] if args.skip_dask else [("dask", 2)])
    env = snapshot_source(workdir)
    probes = [cpu_probe()]
    print(f"CPU probe: two processes at once reach {probes[0]['ceiling']:.2f}x one process right now")
    runs: list[dict[str, Any]] = []
    for round_ in range(1, args.rounds + 1):
        for engine, workers in configs:
            for count, path in ((args.small, small), (args.docs, large)):
                out = workdir / f"out-{engine}-{workers}-{count}"
                result = run_batch(path, out, engine=engine, workers=workers, shard_size=args.shard_size, env=env)
                result |= {"corpus": count, "round": round_}
                runs.append(result)
                print(f"round {round_} {engine:5} workers={workers} {count:>7,} docs: {result['docs_per_s']:8,.0f} "
                      f"docs/s {result['mb_per_s']:6.2f} MB/s ({result['mb_per_s_per_core']:.2f} per core), "
                      f"peak RSS {result['peak_rss_mb']:5.0f} MiB in {result['processes_at_peak']} processes, "
                      f"{result['run_seconds']:.1f} s; others kept {result['others_cores']:.2f} cores busy, "
                      f"steal {result['steal_s']:.1f} s")
        probes.append(cpu_probe())
        print(f"CPU probe: two processes at once reach {probes[-1]['ceiling']:.2f}x one process right now")
    results["runs"] = runs
    results["cpu_probes"] = probes
    no_prefilter = run_batch(small, workdir / "out-noprefilter", engine="local", workers=1,
                             shard_size=args.shard_size, env=env, prefilter=False)
    results["local_1_no_prefilter_small"] = no_prefilter
    print(f"local workers=1 --no-prefilter {args.small:,} docs: {no_prefilter['docs_per_s']:,.0f} docs/s; "
          f"others kept {no_prefilter['others_cores']:.2f} cores busy")

    jio = run_jionlp(large)
    results["jionlp"] = jio
    print(f"JioNLP extract_money {jio['documents']:,} docs: {jio['docs_per_s']:,.0f} docs/s "
          f"{jio['mb_per_s']:.2f} MB/s (one core)")

    def rounds_of(engine: str, workers: int, count: int) -> list[dict[str, Any]]:
        return [r for r in runs if (r["engine"], r["workers"], r["corpus"]) == (engine, workers, count)]

    def best(engine: str, workers: int, count: int) -> dict[str, Any]:
        """The fastest round of a configuration (the least disturbed by other load)."""
        return max(rounds_of(engine, workers, count), key=lambda r: r["docs_per_s"])

    def peak(engine: str, workers: int, count: int) -> float:
        """The highest memory peak over the rounds (the conservative figure)."""
        return max(r["peak_rss_mb"] for r in rounds_of(engine, workers, count))

    one, two = best("local", 1, args.docs), best("local", 2, args.docs)
    checks = {
        "best_docs_per_s": {f"{e}-{w}": best(e, w, args.docs)["docs_per_s"] for e, w in configs},
        "speedup_2_vs_1": two["docs_per_s"] / one["docs_per_s"],
        "others_cores_during_best": {"local-1": one["others_cores"], "local-2": two["others_cores"]},
        "cpu_probe_ceilings": [round(p["ceiling"], 2) for p in probes],
        "zhibiao_1_worker_vs_jionlp": one["docs_per_s"] / jio["docs_per_s"],
        "zhibiao_no_prefilter_vs_jionlp": no_prefilter["docs_per_s"] / jio["docs_per_s"],
        "peak_rss_mb": {f"{e}-{w}": {"small": peak(e, w, args.small), "large": peak(e, w, args.docs)}
                        for e, w in configs},
        "memory_growth": {f"{e}-{w}": peak(e, w, args.docs) / peak(e, w, args.small) for e, w in configs},
    }
    if not args.skip_dask:
        checks["dask_output_identical_to_local"] = same_facts(workdir / f"out-local-2-{args.docs}",
                                                              workdir / f"out-dask-2-{args.docs}")
    results["checks"] = checks
    for name, rate in checks["best_docs_per_s"].items():
        print(f"best of {args.rounds} round(s), {name}, {args.docs:,} docs: {rate:,.0f} docs/s")
    print(f"2 workers / 1 worker: {checks['speedup_2_vs_1']:.2f}x (target 1.7x); other processes kept "
          f"{one['others_cores']:.2f} / {two['others_cores']:.2f} cores busy during those two runs; "
          f"the CPU probe's ceiling was {', '.join(f'{c:.2f}x' for c in checks['cpu_probe_ceilings'])}")
    print(f"zhibiao (1 worker, prefilter) / JioNLP extract_money: {checks['zhibiao_1_worker_vs_jionlp']:.2f}x; "
          f"without prefilter (first {args.small:,}): {checks['zhibiao_no_prefilter_vs_jionlp']:.2f}x")
    for name, growth in checks["memory_growth"].items():
        print(f"peak memory {args.docs:,} / {args.small:,} documents, {name}: {growth:.2f} (target <= 1.20)")
    if "dask_output_identical_to_local" in checks:
        print(f"Dask output identical to local: {checks['dask_output_identical_to_local']}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
