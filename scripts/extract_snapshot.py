"""Write every fact the extractor finds in the dev gold and the case table, one JSON line per text.

For refactoring the extractor: take a snapshot before a change and one after, then diff them; a
change meant to keep behaviour must give identical files.

    .venv/bin/python scripts/extract_snapshot.py GOLD_DIR OUT.jsonl
    diff <(jq -c . before.jsonl) <(jq -c . after.jsonl)

Several folders may be given before OUT (each read recursively: ``*.jsonl`` records and ``*.txt``
reports); the case table is read once. For a speed change, everything the repository holds:

    .venv/bin/python scripts/extract_snapshot.py tests/data src/zhibiao/samples OUT.jsonl

``--keep-facts`` keeps every fact object the extractor makes alive to the end of the run. The rules
mark facts by ``id()`` in sets (top-N places, projects counted under others); once such a fact is
dropped and freed, a new fact made at the same address is taken for it, so the output of a few
reports depends on how memory happens to be reused — a change that allocates differently (a cache,
a new import) can change it. With ``--keep-facts`` no address is reused and the output is the
rules' own: compare two trees that way, and plainly.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

import opencc

from zhibiao import extract_document, model
from zhibiao.ingest import document_from_text

ROOT = Path(__file__).resolve().parents[1]
_FULL = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789%"})


def _texts(gold_dirs: list[Path]) -> list[tuple[str, str, str | None]]:
    out = []
    for gold_dir in gold_dirs:
        for f in sorted(gold_dir.rglob("*.jsonl")):
            for line in f.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    out.append((d["doc_id"], d["text"], d.get("published")))
        for f in sorted(gold_dir.rglob("*.txt")):
            out.append((str(f.relative_to(gold_dir)), f.read_text(encoding="utf-8"), None))
    s2t = opencc.OpenCC("s2t")
    cases = tomllib.loads((ROOT / "tests" / "cases" / "extract_cases.toml").read_text("utf-8"))["case"]
    for c in cases:
        t = c["text"]
        for kind, text in (("w", t), ("t", s2t.convert(t)), ("f", t.translate(_FULL))):
            out.append((f"case:{c['id']}:{kind}", text, c.get("published")))
    return out


def _keep_facts() -> None:
    """Keep every fact made in this process alive (see the module's docstring)."""
    kept: list[object] = []
    for cls in (model.Indicator, model.Projects, model.Ranking, model.Person):
        def init(self: object, *args: object, _init: Any = cls.__init__, **kwargs: object) -> None:
            kept.append(self)
            _init(self, *args, **kwargs)
        cls.__init__ = init  # type: ignore[method-assign]


def main() -> None:
    args = sys.argv[1:]
    if "--keep-facts" in args:
        args.remove("--keep-facts")
        _keep_facts()
    gold_dirs, out = [Path(a) for a in args[:-1]], Path(args[-1])
    with out.open("w", encoding="utf-8") as fh:
        for doc_id, text, published in _texts(gold_dirs):
            meta, facts = extract_document(document_from_text(text, doc_id=doc_id, published=published))
            rows = [f.to_dict() for f in facts]
            record = {"doc_id": doc_id, "meta": dataclasses.asdict(meta), "facts": rows}
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
