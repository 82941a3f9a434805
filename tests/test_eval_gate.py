"""Evaluation gate: the extractor's figures on the bundled dev gold stay above pinned floors.

Two corpora are gated: the first ten dev reports (tests/data, the reports the rules were first
written from, also the corpus of the fixtures) and all one hundred (tests/data plus tests/data/dev).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import pytest

from zhibiao import evaluate as ev
from zhibiao import extract_document
from zhibiao.ingest import document_from_text

HERE = Path(__file__).parent
BASELINE = json.loads((HERE / "eval_baseline.json").read_text(encoding="utf-8"))
CORPORA = BASELINE["corpora"]


def _files(corpus: str) -> list[Path]:
    return [HERE / "data" / name for name in CORPORA[corpus]["files"]]


@cache
def dev_scores(corpus: str) -> ev.Scores:
    """The extractor's scores on one gated corpus (read as ingest reads a JSONL corpus)."""
    gold: dict[str, dict] = {}
    for f in _files(corpus):
        gold.update(ev.load_corpus(f))
    pred = {}
    for doc_id, d in gold.items():
        _meta, facts = extract_document(document_from_text(d["text"], doc_id=doc_id, published=d.get("published")))
        pred[doc_id] = {**d, "facts": [f.to_dict() for f in facts]}
    return ev.score(gold, pred)


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_eval_gate_corpus_is_the_pinned_one(corpus: str) -> None:
    sha = hashlib.sha256(b"".join(f.read_bytes() for f in _files(corpus))).hexdigest()
    assert sha == CORPORA[corpus]["sha256"], "the dev gold changed: re-pin tests/eval_baseline.json on purpose"


def test_eval_gate_all_dev_reports_are_gated() -> None:
    names = {p.relative_to(HERE / "data").as_posix() for p in (HERE / "data").rglob("*.jsonl")}
    assert names == set(CORPORA["all-dev"]["files"])


@pytest.mark.parametrize(("corpus", "figure"), [(c, f) for c in sorted(CORPORA) for f in sorted(CORPORA[c]["floors"])])
def test_eval_gate_figure_above_floor(corpus: str, figure: str) -> None:
    scores = dev_scores(corpus)
    floor = CORPORA[corpus]["floors"][figure]
    if figure == "micro_f1":
        value = scores.micro[2]
    elif figure.endswith("_f1"):
        value = scores.types[figure[:-3]].f1
    else:
        value = scores.attributes[figure].rate
    assert value >= floor - BASELINE["epsilon"], f"{corpus}: {figure} = {value:.3f} fell below its floor {floor}"
