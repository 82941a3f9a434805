"""Invariants of the extractor on arbitrary and mutated text (hypothesis)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhibiao import extract

DATA = Path(__file__).parents[1] / "data"
GOLD_TEXTS = [json.loads(line)["text"] for f in sorted(DATA.glob("*.jsonl")) for line in f.open(encoding="utf-8")]

# Characters that make the grammar work hard: digits (both widths), magnitudes, units, change
# verbs, punctuation, traditional forms and odd spaces.
ALPHABET = st.sampled_from(
    [*"0123456789０１２３４５６７８９.,，、;；。%％亿万千百元个家项度吨倍增长下降同比其中占第全市居前列",
     "\u3000", "\xa0", "\n", " ", "億", "萬", "長", "書記", "主任", "项目", "个百分点", "上半年", "1-9月", "截至"]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(ALPHABET, max_size=120).map("".join),
)


def _check_invariants(text: str) -> None:
    facts = extract(text, "2023-07-19")
    for f in facts:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.quote
        d = f.to_dict()
        assert d["type"] in ("indicator", "projects", "ranking", "person")
        json.dumps(d, ensure_ascii=False)  # always serialisable


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extract_never_raises_and_offsets_hold(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(GOLD_TEXTS), st.integers(0, 3000), st.integers(0, 3000), st.text(max_size=20))
def test_extract_on_cut_and_spliced_reports(text: str, a: int, b: int, noise: str) -> None:
    a, b = sorted((a % (len(text) + 1), b % (len(text) + 1)))
    _check_invariants(text[:a] + noise + text[b:])
    _check_invariants(text[a:b])
