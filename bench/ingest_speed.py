"""Fact store speed: documents/s ingested into SQLite and PostgreSQL, and ``compare`` latency on a
store of at least 100,000 facts.

The corpus is made from the bundled dev reports and seed reports (tests/data): each copy gets
another place name (a prefecture from the gazetteer), another year, and its decimal figures
scaled by a few per cent, so that every document is new (its own content hash), its facts are
new figures for a new zone, and ``compare`` ranks hundreds of zones. Many copies of one base
report remain near-duplicates of each other, as syndicated reports are.

Measured per backend, each on a fresh database:

* ``end-to-end``: ``Store.ingest`` of the corpus file (read, extract, deduplicate, write);
* ``store only``: the same documents with their facts extracted beforehand (write path alone);
* ``compare``: p50/p95 latency of ``Store.compare`` over the (indicator, period) pairs that the
  most zones report, repeated.

PostgreSQL: ``--pg-url URL``, else a throwaway cluster started here when the server binaries
exist (/usr/lib/postgresql/*/bin; as root it runs as the postgres user), else skipped.

    .venv/bin/python bench/ingest_speed.py --docs 5000 --repeat 50
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from zhibiao.ingest import iter_documents
from zhibiao.model import DocMeta, Document, Fact
from zhibiao.store import Store
from zhibiao.store.schema import FactRow

ROOT = Path(__file__).resolve().parents[1]
BASE = [ROOT / "tests" / "data" / "reports.jsonl", ROOT / "tests" / "data" / "seeds.jsonl"]
# Place names in the base reports, replaced in each copy by another place.
PLACES = ("淮安", "盐城", "平湖", "台儿庄", "莆田", "定州", "东湖", "泰兴", "苏州", "武汉", "枣庄")
_DECIMAL = re.compile(r"(?<![\d.])(\d{1,4})\.(\d{1,2})(?![\d.])")
_YEAR = re.compile(r"(?<!\d)(20[0-2]\d)(?=年)")


def _prefectures() -> list[str]:
    path = ROOT / "src" / "zhibiao" / "data" / "places.tsv"
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 4 and cols[1] == "prefecture" and 2 <= len(cols[3]) <= 3 and cols[3] not in PLACES:
            names.append(cols[3])
    return sorted(set(names))


def make_corpus(n_docs: int, path: Path, seed: int = 7) -> Path:
    """Write ``n_docs`` varied copies of the dev and seed reports to ``path`` (JSONL)."""
    rng = random.Random(seed)
    base = [json.loads(line) for p in BASE for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    places = _prefectures()
    with path.open("w", encoding="utf-8") as f:
        for i in range(n_docs):
            record = dict(base[i % len(base)])
            record.pop("facts", None)
            place = places[(i // len(base)) % len(places)]
            shift = rng.randint(-6, 1)
            text = record["text"]
            for old in PLACES:
                text = text.replace(old, place)
            text = _YEAR.sub(lambda m, s=shift: str(int(m.group(1)) + s), text)
            text = _DECIMAL.sub(lambda m: f"{float(m.group(0)) * rng.uniform(0.9, 1.1):.2f}", text)
            published = record.get("published")
            if published:
                published = f"{int(published[:4]) + shift:04d}{published[4:]}"
            text += f"\n(编号{i})"  # a document without place names or decimals is new as well
            record.update(doc_id=f"{record['doc_id']}-{i:06d}", text=text, published=published)
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@contextmanager
def throwaway_postgres() -> Iterator[str | None]:
    """A private PostgreSQL cluster under /tmp for the run (None when no server is installed)."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not bins:
        yield None
        return
    pgbin = bins[-1]
    root = tempfile.mkdtemp(prefix="zhibiao-bench-pg.", dir="/tmp")
    as_pg: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = os.path.join(root, "data")
    subprocess.run([*as_pg, f"{pgbin}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                    "--locale=C.UTF-8", "--no-sync"], check=True, stdout=subprocess.DEVNULL)
    # Default durability (fsync on): the figures are those of a real server, not of a test one.
    subprocess.run([*as_pg, f"{pgbin}/pg_ctl", "-D", data, "-l", f"{root}/server.log", "-w", "-t", "60", "-o",
                    f"-c listen_addresses=127.0.0.1 -p {port} -k {root}", "start"], check=True,
                   stdout=subprocess.DEVNULL)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_pg, f"{pgbin}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"],
                       stdout=subprocess.DEVNULL, check=False)
        shutil.rmtree(root, ignore_errors=True)


def _fresh_pg(admin_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(admin_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def bench_backend(name: str, url: str, corpus: Path, cached: dict[str, tuple[DocMeta, list[Fact]]],
                  cached_url: str, repeat: int, batch_size: int) -> dict[str, Any]:
    """Ingest end to end, ingest from cached extraction, then time compare."""
    out: dict[str, Any] = {"backend": name}
    with Store(url, batch_size=batch_size) as store:
        started = time.perf_counter()
        stats = store.ingest([corpus])
        seconds = time.perf_counter() - started
        out["end_to_end"] = {"documents": stats.stored, "facts": stats.facts, "copies": stats.copies,
                             "seconds": round(seconds, 2), "docs_per_s": round(stats.stored / seconds, 1)}
        with store.engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(FactRow.__table__)).scalar_one())
            # The questions analysts ask: the (indicator, period) pairs that the most zones report.
            zones = func.count(func.distinct(FactRow.zone_id))
            pairs = conn.execute(
                select(FactRow.indicator_id, FactRow.period_start, FactRow.period_end, zones)
                .where(FactRow.type == "indicator", FactRow.indicator_id.is_not(None),
                       FactRow.period_start.is_not(None), FactRow.zone_id.is_not(None))
                .group_by(FactRow.indicator_id, FactRow.period_start, FactRow.period_end)
                .order_by(zones.desc(), FactRow.indicator_id, FactRow.period_start).limit(10)).all()
        out["facts_in_store"] = total
        questions = [(ind, f"{start}/{end}") for ind, start, end, _ in pairs]
        for ind, period in questions:  # warm the caches once
            store.compare(ind, period)
        latencies: list[float] = []
        zones: list[int] = []
        for _ in range(repeat):
            for ind, period in questions:
                t0 = time.perf_counter()
                rows = store.compare(ind, period)
                latencies.append((time.perf_counter() - t0) * 1000)
                zones.append(len(rows))
        out["compare"] = {"questions": len(questions), "queries": len(latencies),
                          "zones_per_answer": round(statistics.mean(zones), 1),
                          "p50_ms": round(_percentile(latencies, 0.5), 2),
                          "p95_ms": round(_percentile(latencies, 0.95), 2)}

    def replay(docs: list[Document]) -> list[tuple[DocMeta, list[Fact]]]:
        return [cached[d.doc_id] for d in docs]

    with Store(cached_url, batch_size=batch_size, extract_batch=replay) as store:
        started = time.perf_counter()
        stats = store.ingest([corpus])
        seconds = time.perf_counter() - started
        out["store_only"] = {"documents": stats.stored, "facts": stats.facts, "seconds": round(seconds, 2),
                             "docs_per_s": round(stats.stored / seconds, 1),
                             "facts_per_s": round(stats.facts / seconds, 1)}
    return out


def add_backend_options(parser: argparse.ArgumentParser) -> None:
    """The options every store benchmark takes: which PostgreSQL, or none; where the JSON goes."""
    parser.add_argument("--pg-url", help="an admin URL of a PostgreSQL server (default: a throwaway cluster)")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--json", type=Path, help="also write the figures here")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=5000, help="documents in the generated corpus")
    parser.add_argument("--repeat", type=int, default=50, help="rounds of the compare questions")
    parser.add_argument("--batch-size", type=int, default=50)
    add_backend_options(parser)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="zhibiao-bench."))
    try:
        corpus = make_corpus(args.docs, work / "corpus.jsonl")
        # Extract once, timed: the extractor's share of an ingest, and the input of store-only runs.
        import zhibiao.extract as extract_module

        docs = [d for d in iter_documents([corpus]) if isinstance(d, Document)]
        started = time.perf_counter()
        cached = {d.doc_id: extract_module.extract_document(d) for d in docs}
        extract_seconds = time.perf_counter() - started
        results: dict[str, Any] = {
            "corpus": {"documents": len(docs), "facts": sum(len(f) for _, f in cached.values()),
                       "chars": sum(len(d.text) for d in docs)},
            "extract_only": {"seconds": round(extract_seconds, 2),
                             "docs_per_s": round(len(docs) / extract_seconds, 1)},
            "backends": [],
        }
        results["backends"].append(bench_backend("sqlite", f"sqlite:///{work / 'e2e.db'}", corpus, cached,
                                                 f"sqlite:///{work / 'cached.db'}", args.repeat, args.batch_size))
        if not args.no_pg:
            with (throwaway_postgres() if not args.pg_url else _given(args.pg_url)) as admin:
                if admin is None:
                    print("PostgreSQL: no server binaries, skipped", file=sys.stderr)
                else:
                    results["backends"].append(bench_backend(
                        "postgresql", _fresh_pg(admin, "bench_e2e"), corpus, cached, _fresh_pg(admin, "bench_cached"),
                        args.repeat, args.batch_size))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _print(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url


def _print(results: dict[str, Any]) -> None:
    corpus = results["corpus"]
    print(f"corpus: {corpus['documents']} documents, {corpus['facts']} facts, {corpus['chars']:,} characters")
    print(f"extraction alone: {results['extract_only']['docs_per_s']} docs/s")
    header = f"{'backend':<11}{'end-to-end docs/s':>19}{'store-only docs/s':>19}{'facts/s':>10}" \
             f"{'facts in store':>16}{'compare p50 ms':>16}{'p95 ms':>8}"
    print(header)
    for b in results["backends"]:
        print(f"{b['backend']:<11}{b['end_to_end']['docs_per_s']:>19}{b['store_only']['docs_per_s']:>19}"
              f"{b['store_only']['facts_per_s']:>10}{b['facts_in_store']:>16,}{b['compare']['p50_ms']:>16}"
              f"{b['compare']['p95_ms']:>8}")
    for b in results["backends"]:
        c = b["compare"]
        print(f"{b['backend']}: compare over {c['questions']} (indicator, period) questions x "
              f"{c['queries'] // max(1, c['questions'])} rounds, {c['zones_per_answer']} zones per answer; "
              f"{b['end_to_end']['copies']} documents linked as near-duplicates")
    counts = Counter(b["backend"] for b in results["backends"])
    assert all(v == 1 for v in counts.values())


if __name__ == "__main__":
    main()
