"""Fuzzing: generated inputs through extract, ingest and the upload endpoint, counting what must
never happen (issue 10).

Every input is made from the dev reports (tests/data/*.jsonl) by a seeded generator: sentences
cut and spliced, figures replaced by extreme ones (400 digits, 1e999, 0.000…1, Chinese numerals),
junk inserted (lone surrogates, NUL and control characters, 10,000 brackets, emoji, full-width and
traditional characters, e-paper trailers, HTML), cut at random places, sometimes repeated to tens
of KB; ``published`` sometimes no date. Each one goes through what ``zhibiao extract`` does
(``document_from_text`` → ``extract_document`` → the fact guard → one JSON line), and is counted:

- exceptions (any: the extractor must never raise),
- invalid JSON (the line does not parse back, or needed NaN/Infinity),
- non-finite values (a number of a written fact that is not finite),
- quote mismatches (``text[start:end] != quote``),
- over budget (slower than the default time budget: 5 s per 100 KB, at least 5 s),
and the time per 100 KB (median, p99, max). Inputs are independent: input ``i`` is generated from
seed ``i`` alone, so ``--start`` and ``--inputs`` replay any slice.

    .venv/bin/python bench/fuzz.py --inputs 1000000 --workers 2          # extract (the acceptance run)
    .venv/bin/python bench/fuzz.py --inputs 20000 --ingest 10000 --upload 10000 --json out/fuzz.json
    .venv/bin/python bench/fuzz.py --start 123456 --inputs 1 --show      # one input, printed

``--ingest N`` stores N generated documents in a fresh SQLite store (``Store.ingest_documents``,
the real extractor) and checks that each is stored or recorded with an error code; ``--upload N``
posts N generated documents to the web app in process (FastAPI's TestClient: no socket, nothing
leaves the machine), 50 to a JSONL upload, plus every 50th as a file of random bytes, and checks
that no answer is a 500. Exit code 1 when anything was counted.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEPARATORS = "。;；,，、\n"
EXTREME_NUMBERS = ["9" * 400, "1" + "0" * 30, "9" * 18, "1e999", "0." + "0" * 300 + "1", "-0", "00000",
                   "1,234,567,890,123", "９９９９９９９９９９９９", "三千五百万万万亿", "壹万贰仟", "1.2.3.4",
                   "99999999999999999999.5", "4294967296", "2147483648", "-" + "9" * 40, "1/0", "∞", "NaN"]
JUNK = ["\ud800", "\udfff", "\x00", "\x01\x02\x1f", "\x7f", "\u200b\u200d", "\ufeff", "\u3000" * 5, "[" * 10_000,
        "（" * 500, "【】" * 200, "😀🚀", "\U0010ffff", "<script>alert(1)</script>", "<!--", "-->",
        "<!--enpproperty <date>2023-13-45</date>/enpproperty-->", "/enpproperty-->", "第A06版", "\r\n\r\n",
        "%" * 300, "、" * 2000, "亿元" * 300, "分别为", "其中", "同比增长", "排名第", "\\u0000", "&#0;", "\t" * 50,
        "進出口總額83.04億元", "１２３．４５％", "\u0301" * 50, "𠀀𪚥"]
PUBLISHED = [None, "2023-07-19", "2024-12-27", "abc", "2023-13-45", "0000-00-00", "2023-02-29", "9999-12-31"]


@cache
def _sentences() -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "tests" / "data").glob("**/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                start = 0
                for i, ch in enumerate(text):
                    if ch in "。；;\n":
                        if i + 1 - start > 4:
                            out.append(text[start:i + 1])
                        start = i + 1
    return out


def _replace_a_number(text: str, rng: random.Random) -> str:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if not digits:
        return text + rng.choice(EXTREME_NUMBERS)
    at = rng.choice(digits)
    end = at
    while end < len(text) and (text[end].isdigit() or text[end] == "."):
        end += 1
    return text[:at] + rng.choice(EXTREME_NUMBERS) + text[end:]


def _insert_junk(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(JUNK) + text[at:]


def _random_chars(rng: random.Random, n: int) -> str:
    pools = ("0123456789.%亿万元个项第位增长下降同比全省全市区县", "".join(SEPARATORS))
    out = []
    for _ in range(n):
        if rng.random() < 0.1:
            out.append(chr(rng.randrange(0x20, 0x2FFFF)))
        else:
            out.append(rng.choice(rng.choice(pools)))
    return "".join(out)


def generate(seed: int) -> tuple[str, str | None]:
    """Input ``seed``: a text and a ``published`` value."""
    rng = random.Random(seed)
    sentences = _sentences()
    text = "".join(rng.choice(sentences) for _ in range(rng.randint(1, 4)))
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        mutation = rng.random()
        if mutation < 0.35:
            text = _replace_a_number(text, rng)
        elif mutation < 0.7:
            text = _insert_junk(text, rng)
        elif mutation < 0.8:
            text = text[: rng.randrange(len(text) + 1)]  # cut anywhere
        elif mutation < 0.9:
            text += _random_chars(rng, rng.randint(1, 200))
        else:
            text = text.replace("。", rng.choice(["", "、", ",", "\n"]))  # stops lost
    if rng.random() < 0.02:  # sometimes long: tens of KB of the same shapes
        text = text * rng.randint(10, 100)
    return text, rng.choice(PUBLISHED)


def _numbers(record: Any) -> list[Any]:
    out: list[Any] = []
    if isinstance(record, dict):
        for value in record.values():
            out.extend(_numbers(value))
    elif isinstance(record, list):
        for value in record:
            out.extend(_numbers(value))
    elif isinstance(record, int | float) and not isinstance(record, bool):
        out.append(record)
    return out


def check(text: str, published: str | None, doc_id: str = "fuzz") -> dict[str, Any]:
    """Run one input as ``zhibiao extract`` does; what went wrong (empty lists when nothing) and
    its time. Never raises."""
    from zhibiao.cli import output_record
    from zhibiao.extract import extract_document
    from zhibiao.factcheck import sound_facts
    from zhibiao.ingest import document_from_text
    from zhibiao.ingest.validate import clean_document
    from zhibiao.pool import MIN_BUDGET, time_budget

    problems: dict[str, list[str]] = {"exception": [], "invalid_json": [], "non_finite": [], "quote_mismatch": [],
                                      "over_budget": []}
    started = time.perf_counter()
    try:
        doc = clean_document(document_from_text(text, doc_id=doc_id, published=published))  # as every reader does
        meta, facts = extract_document(doc)
        elapsed = time.perf_counter() - started
        facts, _dropped = sound_facts(facts, doc.doc_id)
        for fact in facts:
            if doc.text[fact.start:fact.end] != fact.quote:
                problems["quote_mismatch"].append(f"{fact.quote!r} at {fact.start}:{fact.end}")
        record = output_record(doc, meta, facts)
        try:
            line = json.dumps(record, ensure_ascii=False, allow_nan=False)
            back = json.loads(line)
            line.encode("utf-8")
        except (ValueError, UnicodeError) as exc:
            problems["invalid_json"].append(f"{type(exc).__name__}: {exc}"[:200])
        else:
            bad = [n for n in _numbers(back["facts"]) if isinstance(n, float) and not math.isfinite(n)]
            bad += [f for f in facts for v in (getattr(f, "value", None),)
                    if isinstance(v, Decimal) and not v.is_finite()]
            if bad:
                problems["non_finite"].append(str(bad[:3]))
        budget = time_budget(doc, minimum=MIN_BUDGET)
        if elapsed > budget:
            problems["over_budget"].append(f"{elapsed:.2f} s > {budget:.2f} s")
        size = len(doc.text.encode("utf-8"))
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        problems["exception"].append(f"{type(exc).__name__}: {exc}"[:300])
        elapsed = time.perf_counter() - started
        size = len(text.encode("utf-8", "surrogatepass"))
    return {"problems": problems, "seconds": elapsed, "bytes": size}


def _warm_up() -> None:
    """Load the extractor's tables before any input is timed (a process's one-off cost)."""
    for text in _sentences()[:50]:
        check(text, "2023-07-19")


def _run_slice(args: tuple[int, int]) -> dict[str, Any]:
    start, count = args
    counts = {k: 0 for k in ("exception", "invalid_json", "non_finite", "quote_mismatch", "over_budget")}
    examples: dict[str, list[str]] = {k: [] for k in counts}
    per_100kb: list[float] = []
    per_100kb_10k: list[float] = []
    worst = (0.0, -1, 0)  # the highest time per 100 KB among inputs of 10 KB or more: (s, seed, bytes)
    longest = (0.0, -1, 0)
    total_bytes = 0
    for seed in range(start, start + count):
        text, published = generate(seed)
        outcome = check(text, published, doc_id=f"fuzz-{seed}")
        for kind, found in outcome["problems"].items():
            if found:
                counts[kind] += 1
                if len(examples[kind]) < 5:
                    examples[kind].append(f"input {seed}: {found[0]}")
        total_bytes += outcome["bytes"]
        if outcome["bytes"] >= 1000:  # per 100 KB is meaningless for a few bytes (fixed costs)
            rate = outcome["seconds"] / (outcome["bytes"] / 100_000)
            per_100kb.append(rate)
            if outcome["bytes"] >= 10_000:
                per_100kb_10k.append(rate)
                worst = max(worst, (rate, seed, outcome["bytes"]))
        if outcome["seconds"] > longest[0]:
            longest = (outcome["seconds"], seed, outcome["bytes"])
    return {"inputs": count, "counts": counts, "examples": examples, "per_100kb": per_100kb,
            "per_100kb_10k": per_100kb_10k, "bytes": total_bytes, "longest": longest, "worst": worst}


def fuzz_extract(start: int, inputs: int, workers: int, chunk: int = 2000,
                 progress: bool = False) -> dict[str, Any]:
    """Inputs ``start … start+inputs-1`` through extract on ``workers`` processes."""
    slices = [(s, min(chunk, start + inputs - s)) for s in range(start, start + inputs, chunk)]
    total: dict[str, Any] = {"inputs": 0, "counts": {}, "examples": {}, "per_100kb": [], "per_100kb_10k": [],
                             "bytes": 0, "longest": (0.0, -1, 0), "worst": (0.0, -1, 0)}
    began = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_warm_up) as pool:
        for part in pool.imap_unordered(_run_slice, slices):
            total["inputs"] += part["inputs"]
            total["bytes"] += part["bytes"]
            for kind, n in part["counts"].items():
                total["counts"][kind] = total["counts"].get(kind, 0) + n
                total["examples"].setdefault(kind, []).extend(part["examples"][kind][:5 - len(
                    total["examples"].get(kind, []))])
            total["per_100kb"].extend(part["per_100kb"])
            total["per_100kb_10k"].extend(part["per_100kb_10k"])
            total["longest"] = max(total["longest"], tuple(part["longest"]))
            total["worst"] = max(total["worst"], tuple(part["worst"]))
            if progress:
                print(f"  {total['inputs']:,} inputs, {time.perf_counter() - began:.0f} s, "
                      f"{total['counts']}", file=sys.stderr, flush=True)
    seconds, seed, size = total.pop("longest")
    rate, worst_seed, worst_size = total.pop("worst")
    total["seconds"] = round(time.perf_counter() - began, 1)
    total["s_per_100kb"] = {"of_1kb_or_more": _spread(total.pop("per_100kb")),
                            "of_10kb_or_more": _spread(total.pop("per_100kb_10k"))}
    total["slowest_input"] = {"seed": seed, "seconds": round(seconds, 3), "bytes": size}
    total["slowest_per_100kb_of_10kb_or_more"] = {"seed": worst_seed, "s_per_100kb": round(rate, 4),
                                                  "bytes": worst_size}
    return total


def _spread(values: list[float]) -> dict[str, Any]:
    times = sorted(values)
    if not times:
        return {"inputs": 0}
    return {"inputs": len(times), "median": round(statistics.median(times), 4),
            "p99": round(times[int(len(times) * 0.99)], 4), "max": round(times[-1], 4)}


def fuzz_ingest(n: int, start: int) -> dict[str, Any]:
    """``n`` generated documents stored in a fresh SQLite store: each stored, or an error with a code."""
    from zhibiao.ingest import document_from_text
    from zhibiao.store import Store

    docs = []
    for seed in range(start, start + n):
        text, published = generate(seed)
        docs.append(document_from_text(text, doc_id=f"ingest-{seed}", published=published))
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="zhibiao-fuzz.") as folder:
        problems: list[str] = []
        try:
            with Store(f"sqlite:///{folder}/fuzz.db") as store:
                stats = store.ingest_documents(docs)
                summary = store.summary()
        except Exception as exc:  # the run itself must never fail
            return {"documents": n, "exception": f"{type(exc).__name__}: {exc}"[:300]}
    accounted = stats.stored + stats.skipped + stats.errors
    if accounted != n:
        problems.append(f"{n} documents, {accounted} stored, skipped or failed")
    codes: dict[str, int] = {}
    for error in stats.error_list:
        codes[error.code] = codes.get(error.code, 0) + 1
    return {"documents": n, "stored": stats.stored, "already_stored": stats.skipped, "errors": codes,
            "facts": summary["facts"], "problems": problems, "seconds": round(time.perf_counter() - began, 1)}


def fuzz_upload(n: int, start: int) -> dict[str, Any]:
    """``n`` generated documents posted to the app in process, 50 a JSONL upload; every 50th
    document also as a .txt upload of random bytes. Counts answers that are 500s."""
    from fastapi.testclient import TestClient

    from zhibiao.serve import create_app

    statuses: dict[int, int] = {}
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="zhibiao-fuzz.") as folder:
        app = create_app(f"sqlite:///{folder}/upload.db")
        with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
            for first in range(start, start + n, 50):
                lines = []
                for seed in range(first, min(first + 50, start + n)):
                    text, published = generate(seed)
                    lines.append(json.dumps({"doc_id": f"up-{seed}", "text": text, "published": published},
                                            ensure_ascii=True))
                files = [("batch.jsonl", "\n".join(lines).encode())]
                rng = random.Random(first)
                files.append(("noise.txt", bytes(rng.randrange(256) for _ in range(rng.randint(1, 3000)))))
                for name, body in files:
                    response = client.post("/api/upload", files={"file": (name, body, "application/octet-stream")})
                    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    return {"documents": n, "uploads": sum(statuses.values()), "statuses": dict(sorted(statuses.items())),
            "server_errors": sum(v for k, v in statuses.items() if k >= 500),
            "seconds": round(time.perf_counter() - began, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="generated inputs through extract")
    parser.add_argument("--start", type=int, default=0, help="seed of the first input")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--ingest", type=int, default=0, help="generated documents through a SQLite store")
    parser.add_argument("--upload", type=int, default=0, help="generated documents through POST /api/upload")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--show", action="store_true", help="print each input (with --inputs small)")
    parser.add_argument("--progress", action="store_true")
    args = parser.parse_args()
    if args.show:
        for seed in range(args.start, args.start + args.inputs):
            text, published = generate(seed)
            print(json.dumps({"seed": seed, "published": published, "text": text[:2000]}, ensure_ascii=True))
            print(json.dumps(check(text, published)["problems"], ensure_ascii=False))
        return 0
    report: dict[str, Any] = {"command": " ".join(["bench/fuzz.py", *sys.argv[1:]])}
    if args.inputs:
        report["extract"] = fuzz_extract(args.start, args.inputs, args.workers, progress=args.progress)
    if args.ingest:
        report["ingest"] = fuzz_ingest(args.ingest, args.start)
    if args.upload:
        report["upload"] = fuzz_upload(args.upload, args.start)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    bad = sum(report.get("extract", {}).get("counts", {}).values())
    bad += len(report.get("ingest", {}).get("problems", [])) + ("exception" in report.get("ingest", {}))
    bad += report.get("upload", {}).get("server_errors", 0)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
