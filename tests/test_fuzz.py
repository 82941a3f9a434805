"""The short version of bench/fuzz.py (issue 10): generated and spliced inputs through what
``zhibiao extract`` does, none raising, writing invalid JSON or a non-finite number, or quoting
other text than its offsets say. (Time per input is measured by the benchmark, not asserted here:
a shared test machine's timings say little.)"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.benchmodule import load_bench

fuzz = load_bench("fuzz")
KINDS = ("exception", "invalid_json", "non_finite", "quote_mismatch")


def _problems(text: str, published: str | None) -> dict[str, list[str]]:
    found = fuzz.check(text, published)["problems"]
    return {k: found[k] for k in KINDS if found[k]}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**40))
def test_fuzz_generated_inputs_break_nothing(seed: int) -> None:
    assert _problems(*fuzz.generate(seed)) == {}


PIECES = st.one_of(st.sampled_from(fuzz.JUNK), st.sampled_from(fuzz.EXTREME_NUMBERS),
                   st.sampled_from(fuzz._sentences()[:300]), st.text(max_size=30),
                   st.sampled_from(["亿元", "万元", "%", "个", "项", "增长", "下降", "第", "位", "。", "、", "\n"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=12).map("".join), st.sampled_from(fuzz.PUBLISHED))
def test_fuzz_spliced_pieces_break_nothing(text: str, published: str | None) -> None:
    assert _problems(text, published) == {}


def test_fuzz_check_counts_what_it_must(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checker sees what it counts: an exception, a quote that is not the text at its offsets;
    the issue's 400-digit share passes (its fact is guarded, never written as infinity)."""
    import zhibiao.extract as extract_module
    from zhibiao.model import DocMeta, Indicator

    assert _problems("税占比" + "9" * 400 + ".5%。", "2023-07-19") == {}
    monkeypatch.setattr(extract_module, "extract_document",
                        lambda doc: (DocMeta(), [Indicator(name="收入", quote="支出", start=0, end=2)]))
    assert set(_problems("收入5亿元", None)) == {"quote_mismatch"}

    def broken(doc: Any) -> Any:
        raise RecursionError("deep")

    monkeypatch.setattr(extract_module, "extract_document", broken)
    assert _problems("收入5亿元", None) == {"exception": ["RecursionError: deep"]}
