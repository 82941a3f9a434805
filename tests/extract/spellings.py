"""Helpers shared by the table-driven extraction tests: the four spellings of a case, and numbers
compared as the scorer compares them."""

from __future__ import annotations

import math
from typing import Any

import opencc

SPELLINGS = ["as_written", "traditional", "fullwidth", "both"]
_S2T = opencc.OpenCC("s2t")
_FULL = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789%"})


def spell(text: str, spelling: str) -> str:
    """``text`` in one of :data:`SPELLINGS`: traditional characters (OpenCC s2t), full-width digits
    and %, or both."""
    if spelling in ("traditional", "both"):
        text = _S2T.convert(text)
    if spelling in ("fullwidth", "both"):
        text = text.translate(_FULL)
    return text


def num_eq(a: Any, b: Any) -> bool:
    """Two numbers (or two nulls) are equal to a relative 1e-9."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
