"""Evaluation gate: the extractor's figures on the bundled dev gold stay above pinned floors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from zhibiao import evaluate as ev
from zhibiao import extract_document
from zhibiao.ingest import document_from_text

HERE = Path(__file__).parent
BASELINE = json.loads((HERE / "eval_baseline.json").read_text(encoding="utf-8"))
GOLD_FILES = sorted((HERE / "data").glob("*.jsonl"))


@pytest.fixture(scope="module")
def dev_scores() -> ev.Scores:
    gold: dict[str, dict] = {}
    for f in GOLD_FILES:
        gold.update(ev.load_corpus(f))
    pred = {}
    for doc_id, d in gold.items():
        _meta, facts = extract_document(document_from_text(d["text"], doc_id=doc_id, published=d.get("published")))
        pred[doc_id] = {**d, "facts": [f.to_dict() for f in facts]}
    return ev.score(gold, pred)


def test_eval_gate_corpus_is_the_pinned_one() -> None:
    sha = hashlib.sha256(b"".join(f.read_bytes() for f in GOLD_FILES)).hexdigest()
    assert sha == BASELINE["corpus_sha256"], "the dev gold changed: re-pin tests/eval_baseline.json on purpose"


@pytest.mark.parametrize("figure", sorted(BASELINE["floors"]))
def test_eval_gate_figure_above_floor(dev_scores: ev.Scores, figure: str) -> None:
    floor = BASELINE["floors"][figure]
    if figure == "micro_f1":
        value = dev_scores.micro[2]
    elif figure.endswith("_f1"):
        value = dev_scores.types[figure[:-3]].f1
    else:
        value = dev_scores.attributes[figure].rate
    assert value >= floor - BASELINE["epsilon"], f"{figure} = {value:.3f} fell below its floor {floor}"
