"""The extractor's tables, loaded once from ``zhibiao/data`` on first use (never at import).

Rules read their vocabulary from here: ``vocab()`` is the parsed ``vocab.toml``; ``units()``,
``magnitudes()``, ``surnames()`` and ``places()`` are the TSV/TXT tables. ``alternation`` turns a
word list into a regex alternation, longest words first, so that 同比增长 wins over 增长.
"""

from __future__ import annotations

import importlib.resources
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

__all__ = [
    "Place",
    "Unit",
    "alternation",
    "magnitudes",
    "places",
    "surnames",
    "units",
    "vocab",
    "words",
]


def _read(name: str) -> str:
    return (importlib.resources.files("zhibiao") / "data" / name).read_text(encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _read(name).splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit word: the FACTS.md unit it maps to and the factor to that base unit."""

    word: str
    unit: str
    factor: Decimal
    kind: str


@dataclass(frozen=True, slots=True)
class Place:
    """One administrative division of the gazetteer."""

    code: str
    level: str
    name: str
    short: str
    parent: str


@cache
def vocab() -> dict[str, Any]:
    """The parsed ``vocab.toml``."""
    return tomllib.loads(_read("vocab.toml"))


@cache
def words(section: str, key: str) -> tuple[str, ...]:
    """One word list of ``vocab.toml``, e.g. ``words("change", "up")``."""
    return tuple(vocab()[section][key])


@cache
def units() -> dict[str, Unit]:
    """Unit words → :class:`Unit`."""
    return {r[0]: Unit(r[0], r[1], Decimal(r[2]), r[3]) for r in _rows("units.tsv")}


@cache
def magnitudes() -> dict[str, int]:
    """Magnitude words → power of ten (亿 → 8)."""
    return {r[0]: int(r[1]) for r in _rows("magnitudes.tsv")}


@cache
def surnames() -> frozenset[str]:
    """Family names, single and compound."""
    out: set[str] = set()
    for line in _read("surnames.txt").splitlines():
        if not line.startswith("#"):
            out.update(line.split())
    return frozenset(out)


@cache
def places() -> tuple[Place, ...]:
    """The gazetteer of provinces, prefectures and counties (GB/T 2260)."""
    return tuple(Place(*r[:5]) for r in _rows("places.tsv") if len(r) >= 5 and r[0])


def alternation(items: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of literal words, longest first.

    >>> alternation(["增长", "同比增长", "增"])
    '同比增长|增长|增'
    """
    return "|".join(re.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w)))
