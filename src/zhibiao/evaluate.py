"""Score predicted facts against gold facts: a typed library twin of the project's reference scorer.

The rules are those of ``score.py`` (copied verbatim to ``tests/data/reference_score.py``) and of
"What the scorer counts" in docs/FACTS.md. Every rule is a named function below, and the report
text and JSON are built to be byte-for-byte what the reference prints and writes, so that
``zhibiao eval GOLD PRED`` and ``python score.py GOLD PRED`` show the same figures.

Typical use::

    gold, pred = load_corpus("gold.jsonl"), load_corpus("pred.jsonl")
    scores = score(gold, pred, collect_errors=True)
    text = format_report(scores, show_errors=True)   # what the reference prints on stdout
    figures = scores_to_json(scores)                 # what the reference writes with --json

Where the reference script would stop with a traceback (a record without ``doc_id``, an unreadable
file, ``facts`` that is not a list of objects) :func:`load_corpus` raises a
:class:`~zhibiao.errors.DocumentError` naming the file and line instead. Nothing here prints.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Final, Literal

from zhibiao.errors import DocumentError

__all__ = [
    "ATTRIBUTE_CHECKS",
    "NAME_SIMILARITY",
    "SUBJECT_SIMILARITY",
    "TYPES",
    "Agreement",
    "FactError",
    "Scores",
    "TypeCounts",
    "brief",
    "change_eq",
    "disagreement_kinds",
    "dump_json",
    "format_report",
    "key_match",
    "load_corpus",
    "main_report",
    "merge_people",
    "norm",
    "num_eq",
    "pair",
    "prf",
    "score",
    "scores_to_json",
    "short_subject",
    "similar",
    "subject_eq",
]

Fact = dict[str, Any]
Corpus = dict[str, dict[str, Any]]

#: The fact types, in the order the report lists them.
TYPES: Final[tuple[str, ...]] = ("indicator", "projects", "ranking", "person")

#: The attributes compared on matched pairs, per type (reported as ``type.attribute``).
ATTRIBUTE_CHECKS: Final[dict[str, tuple[str, ...]]] = {
    "indicator": ("period", "subject", "qualifier", "parent"),
    "projects": ("period", "subject", "category"),
    "ranking": ("period", "subject"),
    "person": ("titles",),
}

#: Character similarity at or above which two names count as the same indicator.
NAME_SIMILARITY: Final = 0.6
#: Character similarity at or above which two subjects (in short form) agree.
SUBJECT_SIMILARITY: Final = 0.7
#: Relative tolerance of numbers (0.1%).
REL_TOLERANCE: Final = 1e-3
#: Absolute tolerance of small numbers (below 100 in magnitude), e.g. a growth rate of 36.7.
ABS_TOLERANCE: Final = 0.05

# The field whose closeness breaks ties between candidates when pairing (see :func:`pair`).
_PAIRING_FIELD: Final[dict[str, str]] = {"indicator": "name", "ranking": "indicator"}
_CHANGE_KEYS: Final = ("pct", "pp", "abs")
#: The most runs of character classes an evidence shape keeps (see :func:`missed_shapes`).
_SHAPE_RUNS: Final = 8


# --------------------------------------------------------------------------------------------
# Loading


def load_corpus(path: str | Path) -> Corpus:
    """Read a corpus: a ``.jsonl`` file, or a folder whose ``*.jsonl`` files are read in sorted order.

    Returns the documents keyed by ``doc_id``, in file order. Blank lines are skipped; a later line
    with the same ``doc_id`` replaces the earlier document but keeps its place (as the reference
    does). Lines are split with :meth:`str.splitlines`, exactly as the reference splits them.

    Raises :class:`~zhibiao.errors.DocumentError`: ``E_JSON`` for a line that is not JSON and
    ``E_SCHEMA`` for a record that is not an object with a ``doc_id`` and a list of fact objects
    (both with ``where="FILE:LINE"``); ``E_READ`` / ``E_ENCODING`` when a file cannot be read.
    """
    p = Path(path)
    files = sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    docs: Corpus = {}
    for f in files:
        try:
            content = f.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            raise DocumentError(str(f), "E_ENCODING", f"not UTF-8: {e}") from e
        except OSError as e:
            raise DocumentError(str(f), "E_READ", e.strerror or str(e)) from e
        for lineno, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            where = f"{f}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise DocumentError(where, "E_JSON", str(e)) from e
            _check_record(record, where)
            docs[record["doc_id"]] = record
    return docs


def _check_record(record: object, where: str) -> None:
    """Raise ``E_SCHEMA`` for a record the scorer cannot use (the reference would crash on it)."""
    if not isinstance(record, dict):
        raise DocumentError(where, "E_SCHEMA", f"a document is a JSON object, not {type(record).__name__}")
    if "doc_id" not in record:
        raise DocumentError(where, "E_SCHEMA", "no doc_id")
    if isinstance(record["doc_id"], (dict, list)):
        raise DocumentError(where, "E_SCHEMA", "doc_id must be a string")
    facts = record.get("facts", [])
    if not isinstance(facts, list):
        raise DocumentError(where, "E_SCHEMA", "facts must be a list")
    for i, fact in enumerate(facts):
        if not isinstance(fact, dict):
            raise DocumentError(where, "E_SCHEMA", f"facts[{i}] is not an object")


# --------------------------------------------------------------------------------------------
# Matching rules


def num_eq(a: Any, b: Any, rel: float = REL_TOLERANCE, absol: float = ABS_TOLERANCE) -> bool:
    """Two numbers agree: both null, within ``rel`` relative, or within ``absol`` when ``b`` is below 100.

    Anything that :func:`float` cannot read never agrees (except null with null).

    >>> num_eq(1856000000, 1857000000), num_eq(1856000000, 1858000000)
    (True, False)
    >>> num_eq(36.7, 36.74), num_eq(36.7, 36.76), num_eq(None, None), num_eq(0, None)
    (True, False, True, False)
    """
    if a is None or b is None:
        return a is None and b is None
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return math.isclose(x, y, rel_tol=rel, abs_tol=0) or (abs(x - y) <= absol and abs(y) < 100)


def change_eq(a: Any, b: Any) -> bool:
    """Two changes agree: both absent, or the same basis (null means ``yoy``) and the same numbers.

    Each of ``pct``, ``pp`` and ``abs`` that either side carries must agree by :func:`num_eq`. An empty
    object counts as no change. A change that is not an object matches nothing (the reference
    would crash on it).

    >>> change_eq({"basis": "yoy", "pct": 36.7}, {"pct": 36.72})
    True
    >>> change_eq({"basis": "yoy", "pct": 5}, {"basis": "yoy", "pp": 5})
    False
    >>> change_eq(None, {}), change_eq(None, {"pct": 0})
    (True, False)
    """
    if not a or not b:
        return not a and not b
    if not isinstance(a, Mapping) or not isinstance(b, Mapping):
        return False
    if (a.get("basis") or "yoy") != (b.get("basis") or "yoy"):
        return False
    return all(
        num_eq(a.get(k), b.get(k), rel=REL_TOLERANCE, absol=ABS_TOLERANCE)
        for k in _CHANGE_KEYS
        if k in a or k in b
    )


def norm(s: Any) -> str:
    """Normalise a name for comparison: drop all whitespace, write 规模以上 as 规上; null is "".

    >>> norm(" 规模以上 工业\u3000增加值 "), norm(None)
    ('规上工业增加值', '')
    """
    return "".join(str(s or "").split()).replace("规模以上", "规上")


def similar(a: Any, b: Any, floor: float = NAME_SIMILARITY) -> bool:
    """Two names are similar: after :func:`norm`, one contains the other or their ratio is ≥ ``floor``.

    The ratio is :class:`difflib.SequenceMatcher`'s. An empty name is similar only to an empty one.

    >>> similar("一般公共预算收入", "公共预算收入"), similar("出口", "进口"), similar(None, "")
    (True, False, True)
    >>> similar("工业总产值", "工业增加值"), similar("工业总产值", "工业增加值", 0.7)
    (True, False)
    """
    a, b = norm(a), norm(b)
    if not a or not b:
        return bool(a == b)
    if a in b or b in a:
        return True
    return SequenceMatcher(None, a, b).ratio() >= floor


def name_ratio(a: Any, b: Any) -> float:
    """The :class:`difflib.SequenceMatcher` ratio of two normalised names (1.0 for two empty ones).

    >>> name_ratio("出口", "进口"), name_ratio(None, "")
    (0.5, 1.0)
    """
    return SequenceMatcher(None, norm(a), norm(b)).ratio()


def short_subject(s: Any) -> str:
    """The short form of a subject: 经济技术开发区 → 经开区, 高新技术产业开发区 → 高新区.

    >>> short_subject("淮安经济技术开发区"), short_subject("武汉东湖高新技术产业开发区")
    ('淮安经开区', '武汉东湖高新区')
    """
    return norm(s).replace("经济技术开发区", "经开区").replace("高新技术产业开发区", "高新区")


def subject_eq(a: Any, b: Any) -> bool:
    """Two subjects agree: both absent, or similar (floor 0.7) once written in short form.

    >>> subject_eq("淮安经济技术开发区", "淮安经开区"), subject_eq(None, ""), subject_eq("淮安", None)
    (True, True, False)
    """
    if not a or not b:
        return not a and not b
    return similar(short_subject(a), short_subject(b), SUBJECT_SIMILARITY)


def key_match(fact_type: str, g: Fact, p: Fact) -> bool:
    """Whether predicted fact ``p`` may be paired with gold fact ``g`` of type ``fact_type``.

    - indicator: value (:func:`num_eq`), unit (ignored when both values are null), change
      (:func:`change_eq`) and similar names;
    - projects: stage, min_investment, count and investment;
    - ranking: scope (normalised), rank (exact) and similar indicator names;
    - person: the normalised name. Any other type never matches.

    Other keys are not compared, as in the reference: a projects fact's ``currency`` (an amount in
    USD matches the same number in CNY) and a ranking's ``bottom`` (a last place, rank null,
    matches any rank-null place of the same scope and indicator).
    """
    return not differing_keys(fact_type, g, p)


def differing_keys(fact_type: str, g: Fact, p: Fact) -> tuple[str, ...]:
    """The keys :func:`key_match` compares on which ``g`` and ``p`` differ (empty: they may be paired).

    >>> differing_keys("projects", {"stage": "signed", "count": 5}, {"stage": "other", "count": 5})
    ('stage',)
    >>> differing_keys("ranking", {"scope": "全市", "rank": 1, "indicator": "增速"},
    ...                {"scope": "全省", "rank": 1, "indicator": "地区生产总值增速"})
    ('scope',)
    """
    checks: tuple[tuple[str, bool], ...]
    if fact_type == "indicator":
        no_level = g.get("value") is None and p.get("value") is None  # a change alone has no unit
        checks = (
            ("value", num_eq(g.get("value"), p.get("value"))),
            ("unit", no_level or bool((g.get("unit") or None) == (p.get("unit") or None))),
            ("change", change_eq(g.get("change"), p.get("change"))),
            ("name", similar(g.get("name"), p.get("name"))),
        )
    elif fact_type == "projects":
        checks = (
            ("stage", bool(g.get("stage") == p.get("stage"))),
            ("min_investment", num_eq(g.get("min_investment"), p.get("min_investment"))),
            ("count", num_eq(g.get("count"), p.get("count"))),
            ("investment", num_eq(g.get("investment"), p.get("investment"))),
        )
    elif fact_type == "ranking":
        checks = (
            ("scope", norm(g.get("scope")) == norm(p.get("scope"))),
            ("rank", bool(g.get("rank") == p.get("rank"))),
            ("indicator", similar(g.get("indicator"), p.get("indicator"))),
        )
    elif fact_type == "person":
        checks = (("name", norm(g.get("name")) == norm(p.get("name"))),)
    else:
        return ("type",)
    return tuple(key for key, same in checks if not same)


def pair(fact_type: str, gold: Sequence[Fact], pred: Sequence[Fact]) -> list[tuple[Fact, Fact]]:
    """Pair gold and predicted facts one to one, greedily in gold order.

    Each gold fact takes, among the unused predictions that :func:`key_match` it, the one whose
    name (``indicator`` for rankings, ``name`` otherwise) is closest by :func:`name_ratio`; the
    first such prediction wins a tie.
    """
    field_name = _PAIRING_FIELD.get(fact_type, "name")
    used: set[int] = set()
    pairs: list[tuple[Fact, Fact]] = []
    for g in gold:
        best: int | None = None
        best_s = -1.0
        for i, p in enumerate(pred):
            if i in used or not key_match(fact_type, g, p):
                continue
            s = name_ratio(g.get(field_name), p.get(field_name))
            if s > best_s:
                best, best_s = i, s
        if best is not None:
            used.add(best)
            pairs.append((g, pred[best]))
    return pairs


def merge_people(facts: Iterable[Fact]) -> list[Fact]:
    """One person fact per normalised name: the first spelling of the name, the union of the titles.

    Titles keep their first spelling and order; duplicates (after :func:`norm`) are dropped.
    Other keys (quote, offsets) are not kept.

    >>> merge_people([{"name": "徐子佳", "titles": ["市委常委"]},
    ...               {"name": "徐 子佳", "titles": ["市委 常委", "党工委书记"]}])
    [{'type': 'person', 'name': '徐子佳', 'titles': ['市委常委', '党工委书记']}]
    """
    out: dict[str, Fact] = {}
    for f in facts:
        merged = out.setdefault(norm(f.get("name")), {"type": "person", "name": f.get("name"), "titles": []})
        for title in f.get("titles") or []:
            if norm(title) not in map(norm, merged["titles"]):
                merged["titles"].append(title)
    return list(out.values())


def attribute_agrees(attribute: str, g: Fact, p: Fact) -> bool:
    """Whether a matched pair agrees on ``attribute``.

    ``subject`` by :func:`subject_eq`; ``titles`` as sets of normalised titles; ``parent`` and
    ``category`` by :func:`similar` (two absent values agree); anything else (``period``,
    ``qualifier``) by equality, an empty value counting as absent.
    """
    a, b = g.get(attribute), p.get(attribute)
    if attribute == "subject":
        return subject_eq(a, b)
    if attribute == "titles":
        return set(map(norm, a or [])) == set(map(norm, b or []))
    if attribute in ("parent", "category"):
        return similar(a, b) if a or b else True
    return (a or None) == (b or None)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1; with nothing predicted (or nothing to find) a side counts as perfect.

    >>> prf(3, 4, 6)
    (0.75, 0.5, 0.6)
    >>> prf(0, 0, 0), prf(0, 0, 2)
    ((1.0, 1.0, 1.0), (0.0, 0.0, 0.0))
    """
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def brief(fact: Fact) -> str:
    """The one-line rendering of a fact in error lists: its non-empty keys as JSON, then «quote».

    >>> brief({"type": "person", "name": "杨乐军", "titles": []})
    '{"name": "杨乐军"}'
    >>> brief({"type": "indicator", "name": "税占比", "value": 93.25, "unit": "%", "quote": "税占比93.25%"})
    '{"name": "税占比", "value": 93.25, "unit": "%"}  «税占比93.25%»'
    """
    keep = {k: v for k, v in fact.items() if k not in ("type", "quote") and v not in (None, [], {})}
    return json.dumps(keep, ensure_ascii=False) + (f"  «{fact['quote']}»" if fact.get("quote") else "")


# --------------------------------------------------------------------------------------------
# Scores


@dataclass
class TypeCounts:
    """Counts of one fact type over the corpus, and the figures derived from them."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        """Matched predictions over predictions."""
        return prf(self.tp, self.pred, self.gold)[0]

    @property
    def recall(self) -> float:
        """Matched gold facts over gold facts."""
        return prf(self.tp, self.pred, self.gold)[1]

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return prf(self.tp, self.pred, self.gold)[2]


@dataclass
class Agreement:
    """How many matched pairs agree on one attribute (``ok`` of ``n``)."""

    ok: int = 0
    n: int = 0

    @property
    def rate(self) -> float:
        """``ok / n`` (an agreement is only recorded for at least one pair)."""
        return self.ok / self.n


@dataclass(frozen=True)
class FactError:
    """A gold fact no prediction matched (MISSED) or a prediction that matched nothing (SPURIOUS)."""

    kind: Literal["MISSED", "SPURIOUS"]
    doc_id: str
    type: str
    fact: Fact

    def render(self) -> str:
        """The line the reference prints for it with ``--show-errors``."""
        label = "MISSED " if self.kind == "MISSED" else "SPURIOUS"
        return f"{label} {self.doc_id} {self.type}: {brief(self.fact)}"


@dataclass
class Scores:
    """Everything the scorer reports for one gold corpus and one prediction corpus."""

    documents: int
    types: dict[str, TypeCounts]
    attributes: dict[str, Agreement]
    documents_without_prediction: list[str] = field(default_factory=list)
    errors: list[FactError] | None = None
    """Missed and spurious facts in report order, or None when :func:`score` was not asked for them."""

    @property
    def micro(self) -> tuple[float, float, float]:
        """Precision, recall and F1 over all fact types together (the headline)."""
        return prf(
            sum(c.tp for c in self.types.values()),
            sum(c.pred for c in self.types.values()),
            sum(c.gold for c in self.types.values()),
        )

    @property
    def missed(self) -> list[FactError]:
        """The gold facts no prediction matched (empty when errors were not collected)."""
        return [e for e in self.errors or [] if e.kind == "MISSED"]

    @property
    def spurious(self) -> list[FactError]:
        """The predictions that matched no gold fact (empty when errors were not collected)."""
        return [e for e in self.errors or [] if e.kind == "SPURIOUS"]


def _facts_of(doc: Mapping[str, Any], fact_type: str) -> list[Fact]:
    facts: list[Fact] = doc.get("facts") or []
    return [f for f in facts if f.get("type") == fact_type]


def score(
    gold_docs: Mapping[str, Mapping[str, Any]],
    pred_docs: Mapping[str, Mapping[str, Any]],
    *,
    collect_errors: bool = False,
) -> Scores:
    """Score ``pred_docs`` against ``gold_docs`` (both as returned by :func:`load_corpus`).

    Documents are matched by ``doc_id``; a gold document without prediction counts as predicting
    nothing, and predicted documents absent from gold are ignored. Within a document and type,
    facts are paired by :func:`pair` (persons first merged by :func:`merge_people`), and every pair
    is checked on :data:`ATTRIBUTE_CHECKS`. With ``collect_errors`` the unmatched facts are kept in
    :attr:`Scores.errors`, in the order the reference prints them.
    """
    counts = {t: TypeCounts() for t in TYPES}
    attributes: dict[str, Agreement] = {}
    errors: list[FactError] | None = [] if collect_errors else None
    no_prediction = [doc_id for doc_id in gold_docs if doc_id not in pred_docs]
    empty: dict[str, Any] = {"facts": []}
    for doc_id, gold_doc in gold_docs.items():
        pred_doc = pred_docs.get(doc_id, empty)
        for t in TYPES:
            gold, pred = _facts_of(gold_doc, t), _facts_of(pred_doc, t)
            if t == "person":  # one fact per name: merge titles
                gold, pred = merge_people(gold), merge_people(pred)
            pairs = pair(t, gold, pred)
            c = counts[t]
            c.tp += len(pairs)
            c.pred += len(pred)
            c.gold += len(gold)
            for g, p in pairs:
                for attribute in ATTRIBUTE_CHECKS[t]:
                    agreement = attributes.setdefault(f"{t}.{attribute}", Agreement())
                    agreement.ok += attribute_agrees(attribute, g, p)
                    agreement.n += 1
            if errors is not None:
                matched_g = {id(g) for g, _ in pairs}
                matched_p = {id(p) for _, p in pairs}
                errors.extend(FactError("MISSED", doc_id, t, g) for g in gold if id(g) not in matched_g)
                errors.extend(FactError("SPURIOUS", doc_id, t, p) for p in pred if id(p) not in matched_p)
    return Scores(
        documents=len(gold_docs),
        types=counts,
        attributes=dict(sorted(attributes.items())),
        documents_without_prediction=no_prediction,
        errors=errors,
    )


def _overlaps(a: Fact, b: Fact) -> bool:
    """Whether two facts' evidence overlaps in the text (both need offsets)."""
    a0, b0 = a.get("start"), b.get("start")
    if not isinstance(a0, int) or not isinstance(b0, int):
        return False
    a1, b1 = a.get("end", a0 + 1), b.get("end", b0 + 1)
    return isinstance(a1, int) and isinstance(b1, int) and a0 < b1 and b0 < a1


def failure_kinds(gold_docs: Mapping[str, Mapping[str, Any]],
                  pred_docs: Mapping[str, Mapping[str, Any]]) -> dict[str, Counter[str]]:
    """How the unmatched facts failed, per type, counted without showing any of them — so that a part
    of the data one must not read can still say where it loses facts.

    A gold fact no prediction matched is ``missed: nothing here`` when no unmatched prediction of its
    type overlaps its evidence, else ``near: `` and the keys of :func:`key_match` the closest such
    prediction differs on (``near: stage``, ``near: name+value``); an unmatched prediction overlapping
    no unmatched gold fact is ``spurious: nothing here``. Documents are matched as in :func:`score`.
    """
    kinds: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    for t, missed, spurious in _unmatched(gold_docs, pred_docs):
        for g in missed:
            near = [(differing_keys(t, g, p), p) for p in spurious if _overlaps(g, p)]
            if not near:
                kinds[t]["missed: nothing here"] += 1
                continue
            closest, p = min(near, key=lambda kp: len(kp[0]))
            kinds[t]["near: " + ("+".join(closest) or "same keys (paired elsewhere)")
                     + _words_relation(closest, g, p)] += 1
        for p in spurious:
            if not any(_overlaps(g, p) for g in missed):
                kinds[t]["spurious: nothing here"] += 1
    return kinds


def _unmatched(gold_docs: Mapping[str, Mapping[str, Any]],
               pred_docs: Mapping[str, Mapping[str, Any]]) -> Iterator[tuple[str, list[Fact], list[Fact]]]:
    """For each document and type, the gold facts no prediction matched and the predictions that matched none
    (documents matched as in :func:`score`, persons merged by name)."""
    empty: dict[str, Any] = {"facts": []}
    for doc_id, gold_doc in gold_docs.items():
        pred_doc = pred_docs.get(doc_id, empty)
        for t in TYPES:
            gold, pred = _facts_of(gold_doc, t), _facts_of(pred_doc, t)
            if t == "person":
                gold, pred = merge_people(gold), merge_people(pred)
            matched = {id(f) for two in pair(t, gold, pred) for f in two}
            yield t, [g for g in gold if id(g) not in matched], [p for p in pred if id(p) not in matched]


def missed_shapes(gold_docs: Mapping[str, Mapping[str, Any]],
                  pred_docs: Mapping[str, Mapping[str, Any]]) -> dict[str, Counter[str]]:
    """The gold facts missed outright (no unmatched prediction of their type overlaps them), per type, counted by the
    shape of their evidence: its runs of digits (D), Chinese (C), Latin letters (L), spaces (S), line breaks (N),
    table bars (|) and other marks (P), at most :data:`_SHAPE_RUNS` of them — ``DPC`` is 1.甲市, ``C|D`` 甲 | 12. Like
    :func:`failure_kinds` it shows no text: the layouts a part one must not read loses facts in.

    >>> g = {"d": {"facts": [{"type": "ranking", "quote": "1.甲市", "start": 0, "end": 4}]}}
    >>> missed_shapes(g, {})["ranking"]
    Counter({'DPC': 1})
    """
    shapes: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    for t, missed, spurious in _unmatched(gold_docs, pred_docs):
        for g in missed:
            if not any(_overlaps(g, p) for p in spurious):
                shapes[t][evidence_shape(str(g.get("quote") or ""))] += 1
    return shapes


def evidence_shape(quote: str) -> str:
    """The runs of character classes of a quote (see :func:`missed_shapes`), at most :data:`_SHAPE_RUNS`.

    >>> evidence_shape("1 | 苏州工业园区 | 江苏"), evidence_shape("GDP增长5.2%")
    ('DS|SCS|S', 'LCDPDP')
    """
    runs: list[str] = []
    for ch in quote:
        k = _char_class(ch)
        if not runs or runs[-1] != k:
            runs.append(k)
    return "".join(runs[:_SHAPE_RUNS]) or "(none)"


def _char_class(ch: str) -> str:
    if ch.isdigit():
        return "D"
    if "\u4e00" <= ch <= "\u9fff":
        return "C"
    if ch.isascii() and ch.isalpha():
        return "L"
    if ch == "\n":
        return "N"
    if ch.isspace():
        return "S"
    return "|" if ch in "|\t" else "P"


def _period_disagreement(g: Any, p: Any) -> str:
    """How two periods differ, in words that name no figure.

    >>> _period_disagreement("2023-01/2023-06", "2022-01/2022-06"), _period_disagreement("2023-01/2023-06", None)
    ('year', 'predicted none')
    >>> _period_disagreement("2023-01/2023-12", "2023-01/2023-06"), _period_disagreement(None, "2023-01/2023-06")
    ('months (gold year, predicted from January)', 'gold none')
    """
    if not g or not p:
        return "predicted none" if g else "gold none"
    g_years = [end[:4] for end in str(g).split("/")]
    p_years = [end[:4] for end in str(p).split("/")]
    g_months = [end[5:] for end in str(g).split("/")]
    p_months = [end[5:] for end in str(p).split("/")]
    if "XXXX" in p_years and "XXXX" not in g_years:
        return "year unknown"
    differs = "+".join(part for part, same in (("year", g_years == p_years), ("months", g_months == p_months))
                       if not same) or "format"
    if g_months == p_months:
        return differs
    return f"{differs} (gold {_span_shape(g_months)}, predicted {_span_shape(p_months)})"


def _span_shape(months: list[str]) -> str:
    """What kind of span two months make: a year, a part from January, one month, another span.

    >>> _span_shape(["01", "12"]), _span_shape(["01", "06"]), _span_shape(["11", "11"]), _span_shape(["04", "06"])
    ('year', 'from January', 'one month', 'other span')
    """
    if months == ["01", "12"]:
        return "year"
    if len(months) == 2 and months[0] == months[1]:
        return "one month"
    return "from January" if months[0] == "01" else "other span"


def _subject_disagreement(g: Any, p: Any, main: str | None) -> str:
    """How two subjects differ: absent on a side, one part of the other, or the report's main one.

    >>> _subject_disagreement("甲县乙镇", "甲县", "甲县"), _subject_disagreement("乙镇", "甲县", "甲县")
    ('predicted the report main subject (gold is part of it or holds it)', 'predicted the report main subject')
    >>> _subject_disagreement("乙镇", None, None), _subject_disagreement("乙镇", "丙镇", "甲县")
    ('predicted none', 'another subject')
    """
    if not g or not p:
        if g:
            return "predicted none"
        main_given = main is not None and subject_eq(p, main)
        return "gold none" + (" (predicted the report main subject)" if main_given else "")
    gs, ps = short_subject(g), short_subject(p)
    related = gs in ps or ps in gs
    if main is not None and subject_eq(p, main):
        return "predicted the report main subject" + (" (gold is part of it or holds it)" if related else "")
    if related:
        return "gold holds the predicted" if ps in gs else "predicted holds the gold"
    return "another subject"


def disagreement_kinds(gold_docs: Mapping[str, Mapping[str, Any]],
                       pred_docs: Mapping[str, Mapping[str, Any]]) -> dict[str, Counter[str]]:
    """How matched pairs disagree on ``period`` and ``subject``, counted without showing any fact.

    Keys are ``type.attribute``; a period differs in its year, its months, or is absent on a side
    (:func:`_period_disagreement`); a subject is absent, part of the other, the report's main subject
    (the subject most predictions of the report carry) or another (:func:`_subject_disagreement`).
    """
    kinds: dict[str, Counter[str]] = {}
    empty: dict[str, Any] = {"facts": []}
    for doc_id, gold_doc in gold_docs.items():
        pred_doc = pred_docs.get(doc_id, empty)
        subjects = Counter(short_subject(f.get("subject")) for f in pred_doc.get("facts") or [] if f.get("subject"))
        main = subjects.most_common(1)[0][0] if subjects else None
        for t in ("indicator", "projects", "ranking"):
            for g, p in pair(t, _facts_of(gold_doc, t), _facts_of(pred_doc, t)):
                if not attribute_agrees("period", g, p):
                    kinds.setdefault(f"{t}.period", Counter())[
                        _period_disagreement(g.get("period"), p.get("period"))] += 1
                if not attribute_agrees("subject", g, p):
                    kinds.setdefault(f"{t}.subject", Counter())[
                        _subject_disagreement(g.get("subject"), p.get("subject"), main)] += 1
    return dict(sorted(kinds.items()))


def _words_relation(keys: tuple[str, ...], g: Fact, p: Fact) -> str:
    """How the one field of words two facts differ on relate (for ``near: scope`` and the like), in
    words that show neither: the prediction holds the gold's words, the gold holds the prediction's,
    one side is empty, or neither holds the other.

    >>> _words_relation(("scope",), {"scope": "全国"}, {"scope": "全国百强县"})
    ' (predicted holds gold)'
    >>> _words_relation(("scope",), {"scope": "全省"}, {"scope": None}), _words_relation(("rank",), {}, {})
    (' (predicted none)', '')
    """
    if len(keys) != 1 or keys[0] not in _WORD_KEYS:
        return ""
    a, b = norm(g.get(keys[0])), norm(p.get(keys[0]))
    if not a or not b:
        return " (predicted none)" if a else " (gold none)"
    if a in b:
        return " (predicted holds gold)"
    return " (gold holds predicted)" if b in a else " (other words)"


_WORD_KEYS: Final = frozenset({"name", "scope", "indicator", "category", "subject"})


def format_kinds(kinds: Mapping[str, Counter[str]],
                 heading: str = "failure kinds (unmatched facts, by what differs from an overlapping one):") -> str:
    """The failure kinds as text: one line per type and kind, the most frequent first."""
    lines = [heading]
    for t, counts in kinds.items():
        lines.extend(f"  {t:<10} {n:5}  {kind}" for kind, n in counts.most_common())
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Reports


def format_report(scores: Scores, show_errors: bool = False) -> str:
    """The text the reference prints on stdout, byte for byte (ending with a newline).

    With ``show_errors`` the MISSED / SPURIOUS lines come first, then the table; this needs scores
    computed with ``collect_errors=True``. Write the result as is (``sys.stdout.write``,
    ``typer.echo(text, nl=False)``): it already ends with a newline.
    """
    lines: list[str] = []
    if show_errors:
        if scores.errors is None:
            raise ValueError("show_errors needs scores computed with score(..., collect_errors=True)")
        lines.extend(e.render() for e in scores.errors)
    lines.append(f"{'type':<10} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for t, c in scores.types.items():
        p, r, f = prf(c.tp, c.pred, c.gold)
        lines.append(f"{t:<10} {c.gold:>5} {c.pred:>5} {c.tp:>5} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    for k, a in scores.attributes.items():
        lines.append(f"  {k:<22} agrees on {a.ok}/{a.n} matched = {a.ok / a.n:.3f}")
    if scores.documents_without_prediction:
        lines.append(f"documents with no prediction: {len(scores.documents_without_prediction)}")
    p, r, f = scores.micro
    lines.append(f"micro P={p:.3f} R={r:.3f} F1={f:.3f}")
    return "\n".join(lines) + "\n"


def scores_to_json(scores: Scores) -> dict[str, Any]:
    """The figures in the structure the reference writes with ``--json`` (same keys, same order).

    ``attributes`` holds the agreement rates only, as in the reference; the counts are on
    :attr:`Scores.attributes`.
    """
    types: dict[str, Any] = {}
    for t, c in scores.types.items():
        p, r, f = prf(c.tp, c.pred, c.gold)
        types[t] = {"gold": c.gold, "pred": c.pred, "tp": c.tp, "precision": p, "recall": r, "f1": f}
    p, r, f = scores.micro
    return {
        "documents": scores.documents,
        "documents_without_prediction": len(scores.documents_without_prediction),
        "types": types,
        "attributes": {k: a.ok / a.n for k, a in scores.attributes.items()},
        "micro": {"precision": p, "recall": r, "f1": f},
    }


def dump_json(scores: Scores) -> str:
    """:func:`scores_to_json` serialised exactly as the reference writes its ``--json`` file."""
    return json.dumps(scores_to_json(scores), ensure_ascii=False, indent=1)


def main_report(gold: str, pred: str, *, show_errors: bool = False, json_out: str | None = None,
                kinds: bool = False) -> str:
    """Load, score and render, as ``score.py GOLD PRED [--show-errors] [--json OUT]`` does.

    Returns the text to print (see :func:`format_report`), followed with ``kinds`` by the failure kinds
    (:func:`failure_kinds`); writes the JSON figures to ``json_out``
    (UTF-8, no trailing newline) when given. Raises :class:`~zhibiao.errors.DocumentError` for an
    unreadable corpus (gold is read first).
    """
    gold_docs, pred_docs = load_corpus(gold), load_corpus(pred)
    scores = score(gold_docs, pred_docs, collect_errors=show_errors)
    if json_out:
        Path(json_out).write_text(dump_json(scores), encoding="utf-8")
    report = format_report(scores, show_errors=show_errors)
    if not kinds:
        return report
    return (report + format_kinds(failure_kinds(gold_docs, pred_docs))
            + format_kinds(disagreement_kinds(gold_docs, pred_docs),
                           "disagreements of matched facts (period, subject), by how they differ:")
            + format_kinds(missed_shapes(gold_docs, pred_docs),
                           "facts missed outright, by the shape of their evidence (D digits, C Chinese, L Latin, "
                           "S space, N line break, | bar, P other):"))
