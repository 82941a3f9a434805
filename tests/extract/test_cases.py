"""Table-driven extraction cases from tests/cases/extract_cases.toml, each in four spellings:
as written, in traditional characters, with full-width digits, and both."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from tests.extract.spellings import num_eq, spell

from zhibiao import extract

CASES = tomllib.loads((Path(__file__).parents[1] / "cases" / "extract_cases.toml").read_text("utf-8"))["case"]






def _matches(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    for key, want in expected.items():
        have = got.get(key)
        if want == "null":
            if have is not None:
                return False
            continue
        if key == "change":
            if have is None:
                return False
            for ck, cv in want.items():
                if ck == "basis":
                    if have.get("basis") != cv:
                        return False
                elif not num_eq(have.get(ck), cv):
                    return False
        elif key == "top":
            if bool(have) != bool(want):
                return False
        elif isinstance(want, (int, float)) and not isinstance(want, bool):
            if not num_eq(have, want):
                return False
        elif have != want:
            return False
    return True


def _check(case: dict[str, Any], text: str) -> None:
    facts = [f.to_dict() for f in extract(text, case.get("published"))]
    for f in facts:
        assert text[f["start"]:f["end"]] == f["quote"], f
    expected = case.get("facts", [])
    used: set[int] = set()
    for want in expected:
        hit = next((i for i, f in enumerate(facts) if i not in used and _matches(want, f)), None)
        assert hit is not None, f"missing {want}\n got: {facts}"
        used.add(hit)
    types = set(case.get("exact_types", []))
    if case.get("exact"):
        types |= {w["type"] for w in expected}
    for t in types:
        extra = [f for i, f in enumerate(facts) if f["type"] == t and i not in used]
        assert not extra, f"unexpected {t} facts: {extra}"


@pytest.mark.parametrize("variant", ["as_written", "traditional", "fullwidth", "both"])
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_extract_case(case: dict[str, Any], variant: str) -> None:
    _check(case, spell(case["text"], variant))
