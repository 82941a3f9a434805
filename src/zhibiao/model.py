"""Typed value objects: documents and the four fact types of FACTS.md.

Numbers are kept as :class:`~decimal.Decimal` so that 18.56亿元 is exactly 1856000000, and are
turned into JSON numbers (int when integral) only when serialised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar, Literal

FactType = Literal["indicator", "projects", "ranking", "person"]
Basis = Literal["yoy", "avg2y", "avg", "other"]
Qualifier = Literal["estimate", "approx", "at_least", "at_most", "target"]
Stage = Literal["signed", "started", "completed", "operational", "ongoing", "other"]

EXTRACTOR_VERSION = "zhibiao-extract.v1"


def json_number(value: Decimal | int | float | None) -> int | float | None:
    """Render a number for JSON: an int when it is integral, else a float.

    >>> json_number(Decimal("1856000000.00")), json_number(Decimal("36.70")), json_number(None)
    (1856000000, 36.7, None)
    """
    if value is None:
        return None
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value


@dataclass(frozen=True, slots=True)
class Change:
    """One change of a figure: a percentage, percentage points or an absolute difference."""

    basis: Basis
    pct: Decimal | None = None
    pp: Decimal | None = None
    abs: Decimal | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"basis": self.basis}
        for key in ("pct", "pp", "abs"):
            val = getattr(self, key)
            if val is not None:
                out[key] = json_number(val)
        return out


@dataclass(slots=True)
class Fact:
    """Common part of every fact: its evidence in the original text."""

    type: ClassVar[FactType]
    quote: str = ""
    start: int = 0
    end: int = 0
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def _evidence(self) -> dict[str, Any]:
        out: dict[str, Any] = {"quote": self.quote, "start": self.start, "end": self.end}
        if self.rule:
            out["rule"] = self.rule
        return out


@dataclass(slots=True)
class Indicator(Fact):
    """A measured quantity (FACTS.md § indicator)."""

    type: ClassVar[FactType] = "indicator"
    subject: str | None = None
    name: str = ""
    period: str | None = None
    value: Decimal | None = None
    unit: str | None = None
    change: Change | None = None
    qualifier: Qualifier | None = None
    parent: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "subject": self.subject,
            "name": self.name,
            "period": self.period,
            "value": json_number(self.value),
            "unit": self.unit if self.value is not None else None,
            "change": self.change.to_dict() if self.change else None,
            "qualifier": self.qualifier,
            "parent": self.parent,
            **self._evidence(),
        }


@dataclass(slots=True)
class Projects(Fact):
    """A count or volume of investment projects at one stage (FACTS.md § projects)."""

    type: ClassVar[FactType] = "projects"
    subject: str | None = None
    period: str | None = None
    stage: Stage = "other"
    category: str | None = None
    min_investment: Decimal | None = None
    count: Decimal | None = None
    investment: Decimal | None = None
    qualifier: Qualifier | None = None
    # the currency of investment and min_investment as written (协议总投资6.45亿美元 → USD): the
    # amounts stay in it, since the text gives no exchange rate (FACTS.md)
    currency: str = "CNY"

    def to_dict(self) -> dict[str, Any]:
        out = {
            "type": self.type,
            "subject": self.subject,
            "period": self.period,
            "stage": self.stage,
            "category": self.category,
            "min_investment": json_number(self.min_investment),
            "count": json_number(self.count),
            "investment": json_number(self.investment),
            "qualifier": self.qualifier,
        }
        if self.currency != "CNY":
            out["currency"] = self.currency
        out.update(self._evidence())
        return out


@dataclass(slots=True)
class Ranking(Fact):
    """A position against peers (FACTS.md § ranking)."""

    type: ClassVar[FactType] = "ranking"
    subject: str | None = None
    period: str | None = None
    indicator: str | None = None
    scope: str | None = None
    rank: int | None = None
    top: bool = False
    qualifier: Qualifier | None = None
    bottom: bool = False  # a last place (全市倒数第一): rank null (FACTS.md)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "type": self.type,
            "subject": self.subject,
            "period": self.period,
            "indicator": self.indicator,
            "scope": self.scope,
            "rank": self.rank,
        }
        if self.top:
            out["top"] = True
        if self.bottom:
            out["bottom"] = True
        if self.qualifier:
            out["qualifier"] = self.qualifier
        out.update(self._evidence())
        return out


@dataclass(slots=True)
class Person(Fact):
    """A named official with every title the text gives them (FACTS.md § person)."""

    type: ClassVar[FactType] = "person"
    name: str = ""
    titles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "name": self.name, "titles": list(self.titles), **self._evidence()}


@dataclass(slots=True)
class DocMeta:
    """Document metadata recovered from e-paper trailers, HTML <meta> or the text itself.

    ``body_end`` is no metadata of the report but a fact about its text: the offset in
    ``Document.text`` where the article body ends, before an e-paper property trailer; None when
    the text has no trailer (the body is the whole text) or nobody looked. Set by the readers of
    :mod:`zhibiao.ingest`, it is derived from the text, so it is neither serialised
    (:meth:`to_dict`) nor compared (two DocMeta with the same fields are equal).
``date_source`` says where ``date`` was read: ``meta`` (an HTML page's ``<meta>`` tags),
``epaper`` (an e-paper property trailer), ``htmldate`` (the page's markup, read by htmldate),
or ``text`` (a dateline such as 发布时间：… in the page's text); None when the date was given with
the input or is unknown. Like ``body_end`` it is neither serialised here nor compared: the output
record of ``zhibiao extract`` carries it beside the date (:func:`zhibiao.cli.output_record`).

    >>> DocMeta(title="标题", body_end=12).to_dict(), DocMeta(title="标题", body_end=12) == DocMeta(title="标题")
    ({'title': '标题'}, True)
    """

    title: str | None = None
    date: str | None = None
    source_name: str | None = None
    page: str | None = None
    url: str | None = None
    body_end: int | None = field(default=None, compare=False)
    date_source: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The metadata fields that have a value (``body_end`` is not one of them)."""
        return {k: v for k, v in (
            ("title", self.title), ("date", self.date), ("source_name", self.source_name),
            ("page", self.page), ("url", self.url)) if v}


@dataclass(slots=True)
class Document:
    """One report as given to the extractor: ``text`` is never modified.

    ``warnings`` are the one-line notes of what the input edge repaired or left out of this
    document (``W_…`` codes of :data:`zhibiao.errors.WARNING_CODES`); they are not compared.
    """

    doc_id: str
    text: str
    published: str | None = None
    source: str | None = None
    meta: DocMeta = field(default_factory=DocMeta)
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list, compare=False)
