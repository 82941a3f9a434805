"""The boundary where facts leave extraction: each number finite and within its column, or no fact.

Whatever the extractor makes of a text, what is written (``zhibiao extract``'s JSON, ``batch``'s
Parquet) and stored (the fact store's double-precision and integer columns) must be a number a
reader can use: never ``Infinity`` or ``NaN`` (which JSON has not) and never a figure beyond
:data:`MAX_ABS` (no report states one: it would be a run of digits, and a double would round it).
Strings must fit the store's bounded columns. A fact that breaks one of these is left out, with
a warning naming the document, the fact and the reason (:func:`sound_facts`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from zhibiao.errors import warning_line
from zhibiao.model import Fact, Indicator, Projects, Ranking

__all__ = ["MAX_ABS", "MAX_INT", "fact_problem", "sound_facts"]

# Larger than any figure a report states (a country's yearly output is ~1e14 yuan) and exact
# in a double up to 15 significant digits; the extractor's own limit (extract.quantities).
MAX_ABS = Decimal(10) ** 18
# The store's INTEGER columns (PostgreSQL int4): rank, quote offsets.
MAX_INT = 2**31 - 1
# The store's bounded string columns (store/schema.py, facts table).
_WIDTHS = {"unit": 20, "period": 20, "qualifier": 12, "stage": 12, "currency": 3, "rule": 80}


def _number_problem(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        return f"{name} is {type(value).__name__}, no number"
    number = value if isinstance(value, Decimal) else Decimal(value)
    if not number.is_finite():
        return f"{name} is {number}"
    if abs(number) >= MAX_ABS:
        return f"{name} has {number.adjusted() + 1} digits"
    return None


def _numbers(fact: Fact) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    if isinstance(fact, Indicator):
        out.append(("value", fact.value))
    elif isinstance(fact, Projects):
        out += [("count", fact.count), ("investment", fact.investment), ("min_investment", fact.min_investment)]
    change = getattr(fact, "change", None)
    if change is not None:
        out += [("change.pct", change.pct), ("change.pp", change.pp), ("change.abs", change.abs)]
    return out


def _integer_problem(fact: Fact) -> str | None:
    values = [("start", fact.start), ("end", fact.end)]
    if isinstance(fact, Ranking) and fact.rank is not None:
        values.append(("rank", fact.rank))
    for name, value in values:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_INT:
            return f"{name} {str(value)[:30]} is out of range"
    return None


def fact_problem(fact: Fact) -> str | None:
    """Why ``fact`` cannot be written or stored as it is, or None when it can.

    >>> fact_problem(Indicator(name="税占比", value=Decimal("93.25"), unit="%"))
    >>> fact_problem(Indicator(name="税占比", value=Decimal("9" * 400 + ".5"), unit="%"))
    'value has 400 digits'
    >>> fact_problem(Indicator(name="x", value=Decimal("Infinity"))), fact_problem(Ranking(rank=10**12))
    ('value is Infinity', 'rank 1000000000000 is out of range')
    """
    for name, value in _numbers(fact):
        problem = _number_problem(name, value)
        if problem is not None:
            return problem
    problem = _integer_problem(fact)
    if problem is not None:
        return problem
    for name, width in _WIDTHS.items():
        value = getattr(fact, name, None)
        if isinstance(value, str) and len(value) > width:
            return f"{name} is {len(value)} characters long, more than {width}"
    return None


def sound_facts(facts: list[Fact], doc_id: str) -> tuple[list[Fact], list[str]]:
    """The facts of document ``doc_id`` that can be written and stored, and one warning line for
    each left out (:func:`fact_problem`).

    >>> kept, warnings = sound_facts([Indicator(name="收入", value=Decimal(5)),
    ...                               Indicator(name="占比", value=Decimal("Infinity"))], "d1")
    >>> [f.name for f in kept], warnings
    (['收入'], ['d1: W_FACT: a fact with a number out of range was left out (indicator 占比: value is Infinity)'])
    """
    kept: list[Fact] = []
    warnings: list[str] = []
    for fact in facts:
        problem = fact_problem(fact)
        if problem is None:
            kept.append(fact)
        else:
            label = getattr(fact, "name", None) or getattr(fact, "indicator", None) or ""
            what = f"{fact.type} {label[:40]}".strip()
            warnings.append(warning_line(doc_id, "W_FACT", f"{what}: {problem}"))
    return kept, warnings
