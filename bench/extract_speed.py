"""Extraction speed, side by side with JioNLP's money extractor on the same texts, same run.

The corpus is the bundled dev gold (tests/data/*.jsonl) repeated ``--repeat`` times. Each tool runs
in its own single-process Python (one core), timed as a whole process — interpreter start, imports
and the work — and, inside the child, on the work alone. Runs alternate between the two tools
``--rounds`` times and the best round of each is kept, which cancels most of the noise of a shared
machine. Both packages run byte-compiled, as an install leaves them: pip compiles JioNLP when it
installs it, and the bench compiles zhibiao's modules first (an editable install on a machine with
``PYTHONDONTWRITEBYTECODE`` set would otherwise compile its source again in every run).

    .venv/bin/python bench/extract_speed.py                # 100 × dev corpus, 3 rounds
    .venv/bin/python bench/extract_speed.py --repeat 300 --json out/extract_speed.json

Before and after a change, the other tree runs as a third tool in the same rounds (``--base``, the
``src`` folder of a worktree): each round times the two trees back to back, and the median of the
rounds' ratios is printed with the best rounds.

    git worktree add /tmp/base 4629960 && .venv/bin/python bench/extract_speed.py --base /tmp/base/src --rounds 20

zhibiao does full extraction (indicators, projects, rankings, persons, with subjects, periods and
evidence); JioNLP's ``jio.ner.extract_money`` finds money amounts only.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ZHIBIAO_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from zhibiao import extract_document
try:
    from zhibiao.ingest import document_from_text
except ImportError:  # a tree older than document_from_text (--base): the Document itself
    from zhibiao import Document
    def document_from_text(text, *, doc_id, published):
        return Document(doc_id=doc_id, text=text, published=published)
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
t1 = time.perf_counter()
n = 0
for d in docs:
    n += len(extract_document(document_from_text(d["text"], doc_id=d["doc_id"], published=d.get("published")))[1])
t2 = time.perf_counter()
print(json.dumps({"facts": n, "setup_s": t1 - t0, "work_s": t2 - t1}))
"""

JIONLP_CHILD = """
import json, sys, time, io, contextlib
t0 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
    import jionlp as jio
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
t1 = time.perf_counter()
n = 0
for d in docs:
    n += len(jio.ner.extract_money(d["text"]))
t2 = time.perf_counter()
print(json.dumps({"facts": n, "setup_s": t1 - t0, "work_s": t2 - t1}))
"""


def build_corpus(repeat: int, path: Path) -> tuple[int, int, int]:
    """Write the dev gold texts ``repeat`` times to ``path``; return (documents, chars, bytes)."""
    texts = []
    for f in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                texts.append((d["doc_id"], d["text"], d.get("published")))
    n_docs = n_chars = n_bytes = 0
    with path.open("w", encoding="utf-8") as out:
        for r in range(repeat):
            for doc_id, text, published in texts:
                out.write(json.dumps({"doc_id": f"{doc_id}#{r}", "text": text, "published": published},
                                     ensure_ascii=False) + "\n")
                n_docs += 1
                n_chars += len(text)
                n_bytes += len(text.encode("utf-8"))
    return n_docs, n_chars, n_bytes


def run_child(code: str, corpus: Path, src: str | None = None) -> dict[str, float]:
    """Run one tool over the corpus in a fresh interpreter (with ``src`` first on its path);
    wall time covers everything."""
    env = dict(os.environ, PYTHONPATH=src) if src else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, str(corpus)], capture_output=True, text=True, check=True,
                          env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    # CPU time of the whole process too: on a shared machine, waiting for a core inflates the wall
    # time but not this
    result["cpu_s"] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return result


def byte_compile(package: str) -> None:
    """Write the byte code of ``package``'s modules beside them, as ``pip install`` does."""
    spec = importlib.util.find_spec(package)
    for location in (spec.submodule_search_locations or []) if spec else []:
        compileall.compile_dir(location, quiet=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=100, help="times the dev corpus is repeated (default 100)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds; the best of each is kept")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--base", metavar="SRC", help="another zhibiao source tree (its src folder) to run side by side")
    args = ap.parse_args()
    byte_compile("zhibiao")
    tools: list[tuple[str, str, str | None]] = [("zhibiao", ZHIBIAO_CHILD, None), ("jionlp", JIONLP_CHILD, None)]
    if args.base:
        compileall.compile_dir(args.base, quiet=1)  # as the current tree: byte-compiled
        tools.insert(1, ("base", ZHIBIAO_CHILD, args.base))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n_docs, n_chars, n_bytes = build_corpus(args.repeat, corpus)
        best: dict[str, dict[str, float]] = {}
        paired: list[float] = []
        paired_cpu: list[float] = []
        cpu_vs_jionlp: list[float] = []
        for _ in range(args.rounds):
            runs = {}
            for name, code, src in tools:
                r = runs[name] = run_child(code, corpus, src)
                if name not in best or r["wall_s"] < best[name]["wall_s"]:
                    best[name] = r
            cpu_vs_jionlp.append(runs["jionlp"]["cpu_s"] / runs["zhibiao"]["cpu_s"])
            if args.base:
                paired.append(runs["zhibiao"]["wall_s"] / runs["base"]["wall_s"])
                paired_cpu.append(runs["zhibiao"]["cpu_s"] / runs["base"]["cpu_s"])
    report: dict[str, object] = {"documents": n_docs, "chars": n_chars, "mb": n_bytes / 1e6, "tools": {}}
    print(f"corpus: {n_docs} documents, {n_chars:,} characters, {n_bytes / 1e6:.1f} MB "
          f"(dev gold × {args.repeat}); best of {args.rounds} rounds, one process (one core) each")
    print(f"{'tool':<9} {'facts':>8} {'wall s':>8} {'docs/s':>9} {'MB/s':>7} {'chars/s':>11} "
          f"{'work chars/s':>13} {'setup s':>8}")
    for name, r in best.items():
        row = {
            "facts": r["facts"], "wall_s": r["wall_s"], "cpu_s": r["cpu_s"], "setup_s": r["setup_s"],
            "work_s": r["work_s"],
            "docs_per_s": n_docs / r["wall_s"], "mb_per_s": n_bytes / 1e6 / r["wall_s"],
            "chars_per_s": n_chars / r["wall_s"], "work_chars_per_s": n_chars / r["work_s"],
        }
        report["tools"][name] = row  # type: ignore[index]
        print(f"{name:<9} {row['facts']:>8} {row['wall_s']:>8.2f} {row['docs_per_s']:>9.0f} {row['mb_per_s']:>7.2f} "
              f"{row['chars_per_s']:>11,.0f} {row['work_chars_per_s']:>13,.0f} {row['setup_s']:>8.2f}")
    z, j = best["zhibiao"], best["jionlp"]
    ratio = j["wall_s"] / z["wall_s"]
    work_ratio = j["work_s"] / z["work_s"]
    report["ratio_chars_per_s"] = ratio
    report["ratio_work_only"] = work_ratio
    report["ratio_cpu_median"] = statistics.median(cpu_vs_jionlp)
    print(f"zhibiao / jionlp, characters per second: {ratio:.2f} whole process, {work_ratio:.2f} work only; "
          f"by CPU time of the whole process, median of the rounds {statistics.median(cpu_vs_jionlp):.2f} "
          f"(goal of issue 12: at least 1.0 whole process)")
    if args.base:
        b = best["base"]
        report["base_ratio_chars_per_s"] = j["wall_s"] / b["wall_s"]
        report["time_vs_base_median"] = statistics.median(paired)
        report["cpu_vs_base_median"] = statistics.median(paired_cpu)
        print(f"base / jionlp: {j['wall_s'] / b['wall_s']:.2f} whole process, "
              f"{j['work_s'] / b['work_s']:.2f} work only; zhibiao's time / base's, round by round: "
              f"median {statistics.median(paired):.3f} "
              f"(range {min(paired):.3f}-{max(paired):.3f}); CPU time: median {statistics.median(paired_cpu):.3f} "
              f"(range {min(paired_cpu):.3f}-{max(paired_cpu):.3f})")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
