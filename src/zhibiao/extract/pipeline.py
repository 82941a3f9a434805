"""The extraction pipeline for one document: normalise → segment → resolve context → extract.

Pure: a :class:`~zhibiao.model.Document` in, its metadata and facts out; no I/O.
"""

from __future__ import annotations

import re

from zhibiao.extract.context import Carry, DocContext, SpokenFor
from zhibiao.extract.periods import PeriodMention, find_periods
from zhibiao.extract.persons import PersonMention, extract_persons
from zhibiao.extract.segment import Span, is_headline, paragraphs
from zhibiao.extract.state import FactLog
from zhibiao.extract.walk import read_paragraph
from zhibiao.lexicon import Shapes
from zhibiao.model import DocMeta, Document, Fact, Indicator, Person, Projects, Ranking
from zhibiao.normalize import NormText, normalize
from zhibiao.resolve.subjects import subject_finder

__all__ = ["run_pipeline"]

_CONTEXT = Shapes("context")

# Anything a fact needs: a digit, a Chinese magnitude (三千万, 千亿), a ranking or a figure-less change.
_EPAPER_MARKS = re.compile(r"第\s*[A-Za-z]?\d+\s*版|enpproperty")
_MAY_HOLD_PERIOD = re.compile(r"[年月季]")
_ORG_IN_TITLE = re.compile(r"^(.*?(?:产业园区|工业园区|经济技术开发区|高新技术产业开发区|开发区|经开区|高新区|园区|"
                           r"集团|公司|街道|保税区|产业园|工业园))(?:管理办|管委会|党工委|党委|办公室|有限|股份)")


def _body_end(norm: NormText) -> int:
    """Where the article body ends: before an e-paper property trailer (…/enpproperty-->)."""
    text = norm.text
    k = text.rfind("enpproperty")
    if k < 0:
        return len(text)
    line_start = text.rfind("\n", 0, k) + 1
    return line_start


def _meta(doc: Document, norm: NormText, body_end: int) -> DocMeta:
    meta = DocMeta(**{k: v for k, v in (doc.meta.to_dict() if doc.meta else {}).items()})
    parse_epaper = None
    if _EPAPER_MARKS.search(doc.text, 0, 400) or "enpproperty" in doc.text[body_end:]:
        # only e-paper pages need the e-paper reader (and the ingest stage it lives in)
        from zhibiao.ingest.epaper import parse_epaper
    if parse_epaper is not None:
        _end, found = parse_epaper(doc.text)
        for key in ("title", "date", "source_name", "page", "url"):
            if getattr(meta, key) is None and getattr(found, key, None):
                setattr(meta, key, getattr(found, key))
    if meta.title is None:
        for para in paragraphs(norm.text, 0, body_end)[:3]:
            line = doc.text[para.start:para.end] if norm.index is None else norm.quote(para.start, para.end)[0]
            if is_headline(norm.text, para) and len(line) >= 6 and not re.match(r"^第\w+版", line):
                meta.title = line.strip("【】[] ")
                break
    return meta


def run_pipeline(doc: Document) -> tuple[DocMeta, list[Fact]]:
    """Extract the metadata and every fact of ``doc``."""
    norm = normalize(doc.text)
    body_end = _body_end(norm)
    meta = _meta(doc, norm, body_end)
    published = doc.published or meta.date
    text = norm.text
    paras = paragraphs(text, 0, body_end)
    heads = [p for p in paras[:4] if is_headline(text, p)]
    title_text = " ".join(text[p.start:p.end] for p in heads)
    if meta.title:
        # an HTML <title> or a corpus title is not in the body text but names the report's subject
        from zhibiao.normalize import to_simplified

        title = to_simplified(meta.title)
        if title not in title_text:
            title_text = f"{title} {title_text}".strip()
    finder = subject_finder()
    main = finder.main_subject(text[:body_end], title_text)
    title_period, title_year = _title_period(text, heads)
    if title_period is None:
        title_period = _lede_date(text, paras, heads)
    persons, mentions = extract_persons(norm, body_end)
    ctx = DocContext(norm, published, main, finder, title_period, title_year,
                     tuple(_spoken_for(text, mentions, paras)))
    log = FactLog()
    carry = Carry()
    gate = _CONTEXT.may_hold_figures
    for para in paras:
        # most paragraphs of a report carry no figure at all: skip them before any rule runs
        if is_headline(text, para):
            continue
        if gate.search(text, para.start, para.end):
            carry = read_paragraph(ctx, para, carry, log)
        elif _MAY_HOLD_PERIOD.search(text, para.start, para.end):
            carry = carry.after(find_periods(text[para.start:para.end], para.start))
    facts: list[Fact] = [*_dedupe(log.facts), *persons]
    facts.sort(key=lambda f: (f.start, f.end))
    return meta, facts


def _title_period(text: str, heads: list[Span]) -> tuple[PeriodMention | None, PeriodMention | None]:
    span = year = None
    for p in heads:
        for m in find_periods(text[p.start:p.end], p.start):
            if m.kind in ("span", "cumulative") and span is None and m.start is not None:
                span = m
            if (m.year is not None or m.rel_year is not None) and year is None:
                year = m
    return span, year


def _lede_date(text: str, paras: list[Span], heads: list[Span]) -> PeriodMention | None:
    """The event date of the first body paragraph (11月14日,我市举行…): the month a report is about
    when nothing more specific is said."""
    body = [p for p in paras if p not in heads and re.search(r"[。,]", text[p.start:p.end])]
    for p in body[:1]:
        for m in find_periods(text[p.start:p.end], p.start):
            if m.kind == "date" and m.pos - p.start < 60:
                return m
    return None


def _spoken_for(text: str, mentions: list[PersonMention], paras: list[Span]) -> list[SpokenFor]:
    """The stretches of text said by people who speak for an organisation (from their name to
    the end of their sentence)."""
    from zhibiao.extract.segment import sentences

    out = []
    for pm in mentions:
        org = None
        for t in pm.titles:
            m = _ORG_IN_TITLE.match(t)
            if m:
                org = m.group(1)
                break
        if not org:
            continue
        for para in paras:
            if para.start <= pm.start < para.end:
                for s in sentences(text, para):
                    if s.start <= pm.start < s.end:
                        out.append(SpokenFor(pm.end, s.end, org))
    return out


def _dedupe(facts: list[Indicator | Projects | Ranking]) -> list[Indicator | Projects | Ranking]:
    seen: set[tuple] = set()
    out = []
    for f in facts:
        key = (f.type, getattr(f, "name", None), getattr(f, "indicator", None), getattr(f, "value", None),
               getattr(f, "change", None), f.start, f.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


__all__ += ["Person"]
