"""The extraction of one document: normalise → document scope → paragraphs → sentence rules.

Pure: a :class:`~zhibiao.model.Document` in, its metadata and facts out; no I/O. What the input
stage knows about the document (its metadata, where the article body ends before an e-paper
trailer) comes in ``doc.meta``: this stage never reads e-paper headers itself.
"""

from __future__ import annotations

from operator import attrgetter

from zhibiao.extract.context import Carry
from zhibiao.extract.context import Fact as RuleFact
from zhibiao.extract.document import document_meta, headlines, read_document
from zhibiao.extract.periods import find_periods
from zhibiao.extract.persons import extract_persons
from zhibiao.extract.segment import is_headline, paragraphs
from zhibiao.extract.state import FactLog
from zhibiao.extract.tables import figure_tables, ranked_tables
from zhibiao.extract.walk import read_paragraph
from zhibiao.lexicon import Shapes
from zhibiao.model import DocMeta, Document, Fact
from zhibiao.normalize import NormText, normalize

__all__ = ["run_pipeline"]

_CONTEXT = Shapes("context")
_PERIODS = Shapes("periods")


def run_pipeline(doc: Document) -> tuple[DocMeta, list[Fact]]:
    """Extract the metadata and every fact of ``doc``."""
    norm = normalize(doc.text)
    body_end = _body_end(norm, doc.meta.body_end)
    text = norm.text
    paras = paragraphs(text, 0, body_end)
    meta = document_meta(doc.meta, norm, paras)
    persons, mentions = extract_persons(norm, body_end)
    heads = headlines(text, paras)
    ctx = read_document(norm, paras, heads, meta, doc.published, mentions, body_end)
    log = FactLog()
    carry = Carry()
    for para in paras:
        # most paragraphs of a report carry no figure at all: skip them before any rule runs;
        # a heading's figures repeat the body's, but its period governs the paragraphs below it
        if para in heads:
            continue
        if not is_headline(text, para) and _CONTEXT.may_hold_figures.search(text, para.start, para.end):
            carry = read_paragraph(ctx, para, carry, log)
        elif _PERIODS.anchor.search(text, para.start, para.end):
            carry = carry.after(find_periods(text[para.start:para.end], para.start))
    ranked_tables(ctx, 0, body_end, log)
    figure_tables(ctx, 0, body_end, log)
    log.drop_top_n_made_exact()
    facts: list[Fact] = [*_dedupe(log.facts), *persons]
    facts.sort(key=attrgetter("start", "end"))
    return meta, facts


def _body_end(norm: NormText, raw_body_end: int | None) -> int:
    """Where the article body ends in the normalised text (before an e-paper trailer)."""
    return len(norm.text) if raw_body_end is None else norm.norm_pos(raw_body_end)


def _dedupe(facts: list[RuleFact]) -> list[RuleFact]:
    """The facts without repeats (the same figure read twice by two rules)."""
    spans: dict[tuple[str, int, int], list[RuleFact]] = {}
    out = []
    for f in facts:
        same_span = spans.setdefault((f.type, f.start, f.end), [])
        # most facts have a span of their own: the fields are compared only when one is shared
        if any(_same_statement(f, g) for g in same_span):
            continue
        same_span.append(f)
        out.append(f)
    return out


def _same_statement(a: RuleFact, b: RuleFact) -> bool:
    """Whether two facts of one type and span say the same (read twice by two rules)."""
    return all(getattr(a, k, None) == getattr(b, k, None) for k in _DEDUPE_FIELDS)


# What tells apart two facts of one type and span: the same figure read twice differs in none of these.
_DEDUPE_FIELDS = ("name", "indicator", "value", "change", "rank", "subject")
