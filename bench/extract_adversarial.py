"""Extraction time on adversarial text: is it linear in the length of a sentence, a paragraph, a text?

Each kind of text below is built at each size and given to ``zhibiao.extract`` in a fresh Python
process of its own, with a timeout, so that one slow case cannot stall the others (it is reported
as "> timeout"). Inside the child the extractor is first warmed up on the dev reports and a line
that needs jieba, cn2an and OpenCC (lexicons, regexes, lazy imports: the one-off costs of a
process), then only the call on the adversarial text is timed.

Sizes are in UTF-8 bytes of the text (1 KB = 1000 bytes, 1 MB = 1 000 000 bytes): a Chinese
character is 3 bytes, so 100 KB of Chinese is about 33 000 characters. The bar of the issue is
0.5 s per 100 KB for every kind at every size.

    .venv/bin/python bench/extract_adversarial.py                          # every kind at 100 KB, 400 KB, 1 MB
    .venv/bin/python bench/extract_adversarial.py --sizes 100k,400k --timeout 60
    .venv/bin/python bench/extract_adversarial.py --kinds list_no_stop,report --json out/extract_adversarial.json
    .venv/bin/python bench/extract_adversarial.py --list                   # the kinds and what each stresses
    .venv/bin/python bench/extract_adversarial.py --src /tmp/head/src      # another tree (git archive HEAD src)

Both the wall time and the CPU time of the call are shown; the verdict and the growth figures use
the CPU time (``--clock cpu``, the default), which a busy shared machine disturbs much less.

Kinds (a)-(j) are the shapes of the issue; the others come from reading src/zhibiao/extract/: a
lookback (rfind, a ``…$`` regex searched over a region) from the start of a sentence or paragraph
for each figure, or a scan of every earlier fact, ranking or person for each new one.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import count
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BAR_S_PER_100KB = 0.5

CHILD = """
import json, sys, time
text = open(sys.argv[1], encoding="utf-8", errors="surrogatepass").read()
from zhibiao import extract
# warm up: lexicons, regexes and the lazy imports (jieba for an ambiguous name, cn2an, OpenCC)
for line in open(sys.argv[2], encoding="utf-8"):
    extract(json.loads(line)["text"], "2023-10-20")
extract("党工委书记周童相关县级领导出席。三千五百六十七万元。進出口總額83.04億元,同比增長5%。", "2023-10-20")
t0, c0 = time.perf_counter(), time.process_time()
facts = extract(text, "2023-10-20")
t1, c1 = time.perf_counter(), time.process_time()
print(json.dumps({"facts": len(facts), "wall_s": t1 - t0, "cpu_s": c1 - c0}))
"""


# ------------------------------------------------------------------------------------ the kinds
def _corpus_texts() -> list[str]:
    texts = []
    for f in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


@dataclass(frozen=True)
class Kind:
    """One adversarial shape: ``head`` + pieces ``piece(0), piece(1), …`` + ``tail``, at a given size."""

    what: str
    piece: Callable[[int], str]
    head: str = ""
    tail: str = ""


_NAMES = ["工业总产值", "税收收入", "出口额", "进口额", "社会消费品零售总额", "固定资产投资", "工业增加值", "营业收入"]
_TRAD_NAMES = ["進出口總額", "稅收收入", "規模以上工業增加值", "固定資產投資", "社會消費品零售總額", "實際使用外資"]


def _list_no_stop(i: int) -> str:
    return f"税收收入{10 + i % 990}.5亿元、同比增长{1 + i % 29}.5%、"


def _list_stop10(i: int) -> str:
    return _list_no_stop(i)[:-1] + ("。" if i % 10 == 9 else "、")


@cache
def _report_texts() -> list[str]:
    """The dev reports, one paragraph after another; without their e-paper trailer line
    (…/enpproperty-->), which ends an article's body and so would end the body of the whole text."""
    return ["".join(line for line in t.splitlines(keepends=True) if "enpproperty" not in line).rstrip("\n") + "\n"
            for t in _corpus_texts()]


@cache
def _plain_cjk() -> str:
    """The dev corpus with everything but Chinese characters removed (no digit, no punctuation)."""
    return "".join(ch for ch in "".join(_corpus_texts()) if 0x4E00 <= ord(ch) <= 0x9FFF)


def _fullwidth(i: int) -> str:
    digits = str(10 + i % 990).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return f"税收收入{digits}．５亿元、同比增长{1 + i % 9}．５％、"


def _respectively(i: int) -> str:
    a, b, c = _NAMES[i % 8], _NAMES[(i + 1) % 8], _NAMES[(i + 2) % 8]
    return (f"{a}、{b}、{c}分别为{i % 900 + 1}亿元、{i % 700 + 2}亿元、{i % 500 + 3}亿元,"
            f"分别增长{i % 9 + 1}.1%、{i % 7 + 1}.2%和{i % 5 + 1}.3%,")


KINDS: dict[str, Kind] = {
    # --- the shapes of the issue
    "list_no_stop": Kind("(a) 税收收入N.5亿元、同比增长M.5%、… one sentence, no full stop", _list_no_stop),
    "list_stop10": Kind("(b) the same with a full stop every 10 items (linear reference)", _list_stop10),
    "rank_repeat": Kind("(c) 增速 + 位居全省第一 × n", lambda i: "位居全省第一", head="增速"),
    "pct_repeat": Kind("(d) 增长 + 5% × n", lambda i: "5%", head="增长"),
    "units_run": Kind("(e) 1亿元 × n: one clause of figures, no separator", lambda i: "1亿元"),
    "plain_cjk": Kind("(f) Chinese text without any figure or punctuation (the dev corpus, CJK only)",
                      lambda i: _plain_cjk()),
    "report": Kind("(g) the dev corpus (tests/data/*.jsonl) repeated: report text (no e-paper trailer)",
                   lambda i: _report_texts()[i % len(_report_texts())]),
    "among_repeat": Kind("(h) 甲N亿元,其中乙M亿元,其中…: 其中 between every two figures, one sentence",
                         lambda i: f"{_NAMES[i % 8]}{10 + i % 990}亿元,其中"),
    "respectively": Kind("(i) 甲、乙、丙分别为…,分别增长…, one sentence of 分别 lists", _respectively),
    "traditional": Kind("(j) traditional characters with figures, no full stop",
                        lambda i: f"{_TRAD_NAMES[i % 6]}{10 + i % 990}.04億元,同比增長{1 + i % 9}.2%,"),
    # --- shapes found in src/zhibiao/extract/
    "digit_run": Kind("one run of digits (the 400-digit figure, scaled up) after a measure",
                      lambda i: "1234567890", head="工业总产值", tail="亿元"),
    "fullwidth": Kind("(a) in full-width digits: every offset goes through the normalisation index", _fullwidth),
    "comma_list": Kind("(a) with commas: 税收收入N.5亿元,同比增长M.5%,… (one sentence, many clauses)",
                       lambda i: _list_no_stop(i).replace("、", ",")),
    "no_separator": Kind("产值N亿元增长M%…: figures and verbs, no separator (lookbacks to the sentence start)",
                         lambda i: f"产值{10 + i % 990}亿元增长{1 + i % 9}%"),
    "share_run": Kind("工业产值占 + 全市规上工业 × n + 的5%: one share after a very long name region",
                      lambda i: "全市规上工业", head="工业产值占", tail="的5%"),
    "share_list": Kind("占全市的N%、占全省的M%、…: the share regexes searched back over each region",
                       lambda i: f"工业产值占全市的{1 + i % 90}.5%、占全省的{1 + i % 9}.5%、"),
    "enumeration": Kind("甲、乙、丙、…均增长5%: one giant enumeration of names", lambda i: _NAMES[i % 8] + "、",
                        tail="均增长5%"),
    "rank_figures": Kind("产值N亿元、增速位居全省第M位、…: rankings (blocked spans) among figures",
                         lambda i: f"产值{10 + i % 990}亿元、增速位居全省第{1 + i % 20}位、"),
    "quoted_ranks": Kind("“甲”位居全省第一、…: quotes and rankings in one sentence",
                         lambda i: f"“{_NAMES[i % 8]}”位居全省第一、"),
    "project_counts": Kind("N个重点项目、…: counts of projects with no stage word",
                           lambda i: f"{1 + i % 90}个重点项目、"),
    "project_invest": Kind("签约项目N个,总投资M亿元,…: each investment against every earlier project",
                           lambda i: f"签约项目{1 + i % 90}个,总投资{10 + i % 990}亿元,"),
    "months_no_year": Kind("N月工业产值M亿元,…: many periods in one paragraph, none with a year",
                           lambda i: f"{1 + i % 12}月工业产值{10 + i % 990}亿元,"),
    "speakers": Kind("开发区管委会主任X表示,产值增长5%。 a paragraph each: each speaker against every paragraph",
                     lambda i: f"{_NAMES[i % 8][:2]}开发区管委会主任{'王李张刘陈杨'[i % 6]}明表示,"
                               f"工业产值增长{1 + i % 9}%。\n"),
    "name_list": Kind("市领导王明、李强、…: one title before a long list of person names",
                      lambda i: "王明、李强、张伟、刘洋、", head="市领导"),
    "structure": Kind("三次产业结构由1.1:2.2:…: the structure regex (nested quantifiers) on a long ratio",
                      lambda i: f"{1 + i % 9}.{i % 10}:", head="三次产业结构由", tail="调整为1:2:3。"),
    "short_lines": Kind("甲增长N%。 one short sentence a line (per-paragraph costs)",
                        lambda i: f"{_NAMES[i % 8]}增长{1 + i % 9}%。\n"),
    # --- tables as text (extract/tables.py)
    "figure_table": Kind("指标 | 增长(%) | 产销率(%) header, then 甲 | N | M rows: one giant table of figures",
                         lambda i: f"{_NAMES[i % 8]} | {i % 90 - 9}.5 | {90 + i % 9}.4 |\n",
                         head="2023年1-3月\n指标名称 | 增长(%) | 产销率(%) |\n"),
    "cell_marks": Kind("| 1 | 2 | … one line of cells and bare numbers, no table shape", lambda i: f"| {i % 100} "),
    "ranked_rows": Kind("综合实力榜单, then N | 甲开发区 rows: one giant ranked table",
                        lambda i: f"{1 + i} | {_NAMES[i % 8]}开发区 | 江苏 |\n", head="2023年开发区综合实力榜单\n"),
    "list_anchors": Kind("榜单1 | 2 | … list words and row-like numbers with no run of places",
                         lambda i: f"榜单 | {1 + i % 2} | 甲 |"),
}


def build(kind: str, size: int) -> str:
    """The text of ``kind`` at ``size`` UTF-8 bytes (a few bytes less at most): its head, whole
    pieces, its tail; the last piece is cut at a character when it does not fit."""
    k = KINDS[kind]
    room = size - len(k.head.encode("utf-8")) - len(k.tail.encode("utf-8"))
    parts: list[str] = [k.head]
    n = 0
    for i in count():
        piece = k.piece(i)
        b = len(piece.encode("utf-8"))
        if n + b > room:
            parts.append(piece.encode("utf-8")[:room - n].decode("utf-8", errors="ignore"))
            break
        parts.append(piece)
        n += b
    # the text never ends in a separator: 甲、乙、均增长5% would be no enumeration
    return "".join(parts).rstrip("、,;:") + k.tail


# ---------------------------------------------------------------------------------- the runs
def run_one(text: str, timeout: float, tmp: Path, src: str | None = None, clock: str = "cpu") -> dict[str, object]:
    """Extract ``text`` in a fresh interpreter; the time of the call alone, or why there is none.

    ``seconds`` is the CPU time of the call (``clock="cpu"``) or its wall time; both are kept.
    ``src``: a folder holding another ``zhibiao`` package to measure (put first on the path).
    """
    path = tmp / "text.txt"
    path.write_text(text, encoding="utf-8")
    warm = ROOT / "tests" / "data" / "reports.jsonl"
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = os.pathsep.join([str(Path(src).resolve()), *filter(None, [env.get("PYTHONPATH")])])
    try:
        proc = subprocess.run([sys.executable, "-c", CHILD, str(path), str(warm)], capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT, env=env)
    except subprocess.TimeoutExpired:  # subprocess.run has killed the child
        return {"status": "timeout", "seconds": None, "wall_s": None, "cpu_s": None, "facts": None}
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or [f"exit code {proc.returncode}"])[-1]
        return {"status": "error", "seconds": None, "wall_s": None, "cpu_s": None, "facts": None, "error": last}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    seconds = out["cpu_s"] if clock == "cpu" else out["wall_s"]
    return {"status": "ok", "seconds": seconds, "wall_s": out["wall_s"], "cpu_s": out["cpu_s"], "facts": out["facts"]}


def growth_exponents(rows: list[dict[str, object]]) -> dict[str, float]:
    """Per kind, ``log(t2 / t1) / log(n2 / n1)`` between its smallest and largest finished runs.

    Runs under 0.05 s are left out (start-up noise), so is a kind with fewer than two runs left.
    """
    out: dict[str, float] = {}
    for kind in dict.fromkeys(str(r["kind"]) for r in rows):
        done = sorted((int(r["bytes"]), float(r["seconds"])) for r in rows  # type: ignore[arg-type]
                      if r["kind"] == kind and r["status"] == "ok" and float(r["seconds"]) >= 0.05)  # type: ignore[arg-type]
        if len(done) >= 2 and done[-1][0] > done[0][0]:
            (n1, t1), (n2, t2) = done[0], done[-1]
            out[kind] = math.log(t2 / t1) / math.log(n2 / n1)
    return out


def parse_size(s: str) -> int:
    """100k → 100 000 bytes, 1m → 1 000 000, 250000 → 250 000."""
    s = s.strip().lower().removesuffix("b")
    mult = {"k": 1000, "m": 1000_000}.get(s[-1:], 1)
    return int(float(s.rstrip("km")) * mult)


def label(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 1000_000 else f"{size / 1000:g} KB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100k,400k,1m", help="sizes in UTF-8 bytes, k/m suffixes (default 100k,400k,1m)")
    ap.add_argument("--kinds", default="all", help=f"comma-separated kinds (default all): {','.join(KINDS)}")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds a run may take (default 120)")
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                    help="the time judged: CPU time of the child (default; steady on a shared machine) or wall time")
    ap.add_argument("--rounds", type=int, default=1, help="runs of each case; the fastest is kept (default 1)")
    ap.add_argument("--src", help="measure the zhibiao package under this folder instead of the installed one "
                                  "(e.g. git archive HEAD src | tar -x -C /tmp/head; --src /tmp/head/src)")
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--list", action="store_true", help="list the kinds and exit")
    args = ap.parse_args()
    if args.list:
        for name, k in KINDS.items():
            print(f"{name:<17} {k.what}")
        return
    kinds = list(KINDS) if args.kinds == "all" else [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        ap.error(f"unknown kinds: {', '.join(unknown)} (see --list)")
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    where = args.src or "the installed package"
    print(f"zhibiao.extract ({where}) on adversarial text; sizes in UTF-8 bytes (1 KB = 1000 B), one fresh process "
          f"per run, timeout {args.timeout:g} s (wall), bar {BAR_S_PER_100KB} s per 100 KB ({args.clock} time)",
          flush=True)
    print(f"{'kind':<17} {'size':>7} {'chars':>9} {'wall s':>8} {'cpu s':>8} {'s/100KB':>8} {'facts':>7}  verdict",
          flush=True)
    rows: list[dict[str, object]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            for size in sizes:
                text = build(kind, size)
                n_bytes = len(text.encode("utf-8"))
                best = run_one(text, args.timeout, Path(tmp), args.src, args.clock)
                for _ in range(args.rounds - 1):
                    if best["status"] != "ok":
                        break  # a timeout or an error will not get better
                    r = run_one(text, args.timeout, Path(tmp), args.src, args.clock)
                    if r["status"] == "ok" and r["seconds"] < best["seconds"]:  # type: ignore[operator]
                        best = r
                per = best["seconds"] / (n_bytes / 1e5) if best["status"] == "ok" else None  # type: ignore[operator]
                ok = per is not None and per <= BAR_S_PER_100KB
                row = {"kind": kind, "size": size, "bytes": n_bytes, "chars": len(text), **best,
                       "s_per_100kb": per, "pass": ok}
                rows.append(row)
                if best["status"] == "timeout":
                    wall, cpu, per_s = f"> {args.timeout:g}", "-", f"> {args.timeout / (n_bytes / 1e5):.1f}"
                elif best["status"] == "error":
                    wall, cpu, per_s = "error", "-", "-"
                else:
                    wall, cpu, per_s = f"{best['wall_s']:.2f}", f"{best['cpu_s']:.2f}", f"{per:.3f}"
                verdict = "ok" if ok else ("ERROR " + str(best.get("error", ""))[:60] if best["status"] == "error"
                                           else "SLOW")
                facts = "-" if best["facts"] is None else str(best["facts"])
                print(f"{kind:<17} {label(size):>7} {len(text):>9,} {wall:>8} {cpu:>8} {per_s:>8} {facts:>7}  "
                      f"{verdict}", flush=True)
    growth = growth_exponents(rows)
    if growth:
        print("growth of the time with the size (1 = linear, 2 = quadratic; between the smallest and largest size "
              "measured): " + ", ".join(f"{k} {e:.1f}" for k, e in growth.items()))
    failed = [r for r in rows if not r["pass"]]
    print(f"verdict: {'PASS' if not failed else 'FAIL'} — {len(rows) - len(failed)} of {len(rows)} runs at or under "
          f"{BAR_S_PER_100KB} s per 100 KB ({time.perf_counter() - started:.0f} s in all)")
    for r in failed:
        print(f"  over the bar: {r['kind']} at {label(r['size'])} ({r['status']})")  # type: ignore[arg-type]
    if args.json:
        report = {"unit": "UTF-8 bytes, 1 KB = 1000 B", "src": args.src, "clock": args.clock,
                  "bar_s_per_100kb": BAR_S_PER_100KB,
                  "timeout_s": args.timeout, "python": sys.version.split()[0], "rows": rows,
                  "growth": growth, "pass": not failed}
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
