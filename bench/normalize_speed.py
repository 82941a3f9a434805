"""Speed of ``zhibiao.normalize.normalize`` on the dev corpus, as written and converted to traditional.

The texts are the "text" field of every line of tests/data/*.jsonl and /work/shared/eval/dev/*.jsonl
(or of ``--corpus`` globs). Three inputs are timed, each as ``--repeat`` passes over all texts:

* ``as given``: the texts as they are (a quarter of the dev corpus is in traditional characters);
* ``simplified only``: those without a traditional character (the hot path: most reports);
* ``traditional (s2t)``: the same texts through OpenCC ``s2t`` (plain traditional characters);
* ``taiwan (s2twp)``: through OpenCC ``s2twp`` (Taiwan characters and phrases: 軟體, 資訊, 記憶體).

``--against REV`` also times the normalize package of a git revision (extracted with ``git
archive`` into a temporary directory and imported under another name). Every pass over a batch is
timed alone, the two packages taking turns pass by pass, and the median pass is reported (times
``--repeat``): with CPU seconds of this process (``time.process_time``), that is what the load of
a shared machine disturbs least.

    .venv/bin/python bench/normalize_speed.py --against HEAD
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import io
import json
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# Characters whose traditional form differs, enough to tell a traditional text (the benchmark does
# not use the package's own test, which is what it measures).
_COMMON = "区经济发展长业产业务个国会进实现总额亿万元统计资讯网络项目软件对与为这时过还"
DEFAULT_CORPUS = [str(ROOT / "tests/data/*.jsonl"), "/work/shared/eval/dev/*.jsonl"]


def load_texts(patterns: list[str]) -> list[str]:
    texts = []
    for pattern in patterns:
        for path in sorted(glob.glob(pattern)):
            with open(path, encoding="utf-8") as f:
                texts.extend(json.loads(line)["text"] for line in f if line.strip())
    return texts


def package_at(rev: str, tmp: Path) -> ModuleType:
    """The ``zhibiao.normalize`` package as it was at ``rev``, imported as ``normalize_at_rev``."""
    data = subprocess.run(["git", "archive", rev, "src/zhibiao/normalize"], cwd=ROOT, check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(tmp, filter="data")
    pkg = tmp / "src/zhibiao/normalize"
    spec = importlib.util.spec_from_file_location("normalize_at_rev", pkg / "__init__.py",
                                                  submodule_search_locations=[str(pkg)])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["normalize_at_rev"] = module
    spec.loader.exec_module(module)
    return module


def time_pass(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    start = time.process_time()
    for _ in range(repeat):
        for t in texts:
            fn(t)
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", nargs="*", default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=50, help="passes over all texts (the figure reported)")
    ap.add_argument("--rounds", type=int, default=3, help="measured passes = rounds x repeat")
    ap.add_argument("--against", metavar="REV", help="also time the normalize package at this git revision")
    args = ap.parse_args()

    import opencc

    from zhibiao import normalize as current

    texts = load_texts(args.corpus)
    traditional = re.compile("[" + "".join(sorted(set(opencc.OpenCC("s2t").convert(_COMMON)) - set(_COMMON))) + "]")
    inputs = {
        "as given": texts,
        "simplified only": [t for t in texts if not traditional.search(t)],
        "traditional (s2t)": [opencc.OpenCC("s2t").convert(t) for t in texts],
        "taiwan (s2twp)": [opencc.OpenCC("s2twp").convert(t) for t in texts],
    }
    with tempfile.TemporaryDirectory() as tmp:
        impls: dict[str, ModuleType] = {"current": current}
        if args.against:
            impls[args.against] = package_at(args.against, Path(tmp))
        for impl in impls.values():  # warm up: OpenCC dictionaries, regexes, automata
            for batch in inputs.values():
                time_pass(impl.normalize, batch, 1)
        print(f"{len(texts)} texts ({len(inputs['simplified only'])} simplified only), {sum(map(len, texts))} "
              f"characters; {args.repeat} passes x {args.rounds} rounds, alternating; CPU seconds for "
              f"{args.repeat} passes, from the median pass")
        for name, batch in inputs.items():
            chars = sum(map(len, batch))
            passes: dict[str, list[float]] = {label: [] for label in impls}
            for _ in range(args.rounds * args.repeat):
                for label, impl in impls.items():
                    passes[label].append(time_pass(impl.normalize, batch, 1))
            total = {label: statistics.median(p) * args.repeat for label, p in passes.items()}
            cells = [f"{label}: {secs:.3f} s ({chars * args.repeat / secs / 1e6:.1f} M chars/s)"
                     for label, secs in total.items()]
            ratio = f"  current/{args.against} = {total['current'] / total[args.against]:.3f}" if args.against else ""
            print(f"{name:18} " + "  ".join(cells) + ratio)

if __name__ == "__main__":
    main()
