"""Generate src/zhibiao/data/places.tsv, the gazetteer of Chinese administrative divisions.

The names and codes are the public GB/T 2260 divisions (provinces, prefectures, counties) as
tabulated in JioNLP's ``dictionary/china_location.txt`` (Apache-2.0), which is a dev dependency.
Run once when that table changes: ``python scripts/build_places.py``. Towns and villages are
left out: they are too many and too ambiguous to help resolve a report's subject.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

LEVELS = ("province", "prefecture", "county")
OUT = Path(__file__).resolve().parents[1] / "src" / "zhibiao" / "data" / "places.tsv"


def main() -> None:
    source = importlib.resources.files("jionlp") / "dictionary" / "china_location.txt"
    rows: dict[tuple[str, str], tuple[str, str, str, str, str]] = {}
    parents: list[str] = ["", "", ""]
    for line in source.read_text(encoding="utf-8").splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2 or not line.strip():
            continue
        parts = line.strip().split("\t")
        name, code = parts[0], parts[1] if len(parts) > 1 else ""
        short = parts[2] if len(parts) > 2 else name
        parents[depth] = code
        parent = parents[depth - 1] if depth else ""
        if depth == 1 and name == rows.get((parent, LEVELS[0]), ("",) * 5)[2]:
            # municipalities repeat themselves as their own prefecture
            pass
        rows[(code, LEVELS[depth])] = (code, LEVELS[depth], name, short, parent)
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# code\tlevel\tname\tshort\tparent  (GB/T 2260 via JioNLP china_location.txt)\n")
        for code, level, name, short, parent in sorted(rows.values()):
            fh.write(f"{code}\t{level}\t{name}\t{short}\t{parent}\n")
    print(f"wrote {len(rows)} places to {OUT}")


if __name__ == "__main__":
    main()
