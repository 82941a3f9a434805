"""Loading speed of ``zhibiao ingest --facts OUT/``: a batch output stored without extracting again.

The corpus is ``bench/ingest_speed.py``'s (varied copies of the dev and seed reports, many of them
near-duplicates of each other); ``zhibiao batch`` extracts it once (timed, ``--workers``
processes, no prefilter), then each backend loads the output into a fresh database (timed), and
loads it a second time (idempotent: everything is skipped). Printed: documents/s and facts/s of
the load, and the time 200,000 documents would take at that rate (a straight extrapolation:
the near-duplicate index and the database's indexes grow with the store, so a larger load is
somewhat slower per document).

PostgreSQL: ``--pg-url URL`` (an admin URL), else a throwaway cluster (default durability, fsync
on) when the server binaries exist, else skipped.

    .venv/bin/python bench/load_speed.py --docs 20000 --workers 2

``--cache DIR`` keeps the corpus and the batch output in DIR and reuses them (``zhibiao batch``
resumes a finished output at once), so a large load is measured without extracting again:

    .venv/bin/python bench/load_speed.py --docs 200000 --cache /var/tmp/zhibiao-load --no-sqlite
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_speed import _fresh_pg, add_backend_options, make_corpus, throwaway_postgres
from zhibiao.batch.runner import BatchConfig, run_batch
from zhibiao.store import Store

TARGET = 200_000


def load(url: str, out: Path, batch_size: int) -> dict[str, Any]:
    """Load ``out`` into the fresh database ``url``, then again; the figures of both."""
    with Store(url, batch_size=batch_size) as store:
        started = time.perf_counter()
        stats = store.load_batch(out)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = store.load_batch(out)
        rerun = time.perf_counter() - started
    rate = stats.stored / seconds
    return {"documents": stats.stored, "facts": stats.facts, "copies": stats.copies, "errors": stats.errors,
            "seconds": round(seconds, 1), "docs_per_s": round(rate, 1), "facts_per_s": round(stats.facts / seconds),
            "minutes_for_200k": round(TARGET / rate / 60, 1),
            "rerun": {"stored": again.stored, "skipped": again.skipped, "seconds": round(rerun, 1)}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=20_000, help="documents in the generated corpus")
    parser.add_argument("--workers", type=int, default=2, help="processes of the batch run")
    parser.add_argument("--shard-size", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=500, help="documents per transaction of the load")
    parser.add_argument("--cache", type=Path, help="keep (and reuse) the corpus and the batch output here")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    add_backend_options(parser)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="zhibiao-load.", dir="/var/tmp" if args.cache else None))
    try:
        if args.cache:
            args.cache.mkdir(parents=True, exist_ok=True)
            corpus = args.cache / f"corpus-{args.docs}.jsonl"
            if not corpus.exists():
                make_corpus(args.docs, corpus.with_suffix(".tmp"))
                corpus.with_suffix(".tmp").rename(corpus)
            out = args.cache / f"batch-{args.docs}-{args.shard_size}"
        else:
            corpus = make_corpus(args.docs, work / "corpus.jsonl")
            out = work / "out"
        started = time.perf_counter()
        summary = run_batch(BatchConfig(inputs=(str(corpus),), out_dir=str(out), workers=args.workers,
                                        shard_size=args.shard_size, prefilter=False))
        batch_seconds = time.perf_counter() - started
        results: dict[str, Any] = {
            "corpus": {"documents": args.docs, "facts": sum(summary.total.facts_by_type.values())},
            "batch": {"workers": args.workers, "seconds": round(batch_seconds, 1),
                      "docs_per_s": round(args.docs / batch_seconds, 1)},
        }
        if not args.no_sqlite:
            results["sqlite"] = load(f"sqlite:///{work / 'load.db'}", out, args.batch_size)
        if not args.no_pg:
            server: AbstractContextManager[str | None] = nullcontext(args.pg_url) if args.pg_url \
                else throwaway_postgres()
            with server as admin:
                if admin is None:
                    print("PostgreSQL: no server binaries, skipped", file=sys.stderr)
                else:
                    results["postgresql"] = load(_fresh_pg(admin, "bench_load"), out, args.batch_size)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"corpus: {results['corpus']['documents']} documents, {results['corpus']['facts']} facts; "
          f"zhibiao batch: {results['batch']['seconds']} s ({results['batch']['docs_per_s']} docs/s, "
          f"{args.workers} workers)")
    print(f"{'backend':<11}{'load docs/s':>12}{'facts/s':>9}{'seconds':>9}{'200k docs, min':>16}{'rerun s':>9}")
    for name in ("sqlite", "postgresql"):
        if name in results:
            r = results[name]
            print(f"{name:<11}{r['docs_per_s']:>12}{r['facts_per_s']:>9}{r['seconds']:>9}{r['minutes_for_200k']:>16}"
                  f"{r['rerun']['seconds']:>9}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
