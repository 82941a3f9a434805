"""Paragraphs, sentences and clauses of a normalised text, as offset spans.

A sentence ends at 。！？ or an ellipsis (closing quotes stay with it); semicolons only separate
clauses, because a period or a 其中 stated before a semicolon still governs what follows it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Span", "clauses", "is_headline", "paragraphs", "sentences"]

_SENTENCE_END = re.compile(r"[。!?…]+[”’」』)]*|\.{3,}")
_CLAUSE_SEP = re.compile(r"[,;:]")


class Span(NamedTuple):
    """A half-open span ``[start, end)`` of the normalised text (a tuple: spans are made by the
    thousand and a named tuple is the cheapest immutable record)."""

    start: int
    end: int


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Non-blank lines of ``text[start:end]``, trimmed of surrounding spaces.

    >>> [("ab\\n\\n cd \\n"[s.start:s.end]) for s in paragraphs("ab\\n\\n cd \\n")]
    ['ab', 'cd']
    """
    end = len(text) if end is None else end
    out: list[Span] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        a, b = pos, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Span(a, b))
        pos = stop + 1
    return out


def sentences(text: str, para: Span) -> list[Span]:
    """Sentences of one paragraph.

    >>> t = "甲增长5%。乙下降3%……丙"
    >>> [t[s.start:s.end] for s in sentences(t, Span(0, len(t)))]
    ['甲增长5%。', '乙下降3%……', '丙']
    """
    out: list[Span] = []
    pos = para.start
    for m in _SENTENCE_END.finditer(text, para.start, para.end):
        if m.end() > pos:
            out.append(Span(pos, m.end()))
        pos = m.end()
    if pos < para.end:
        out.append(Span(pos, para.end))
    return out


def clauses(text: str, sent: Span) -> list[Span]:
    """Clauses of one sentence, split at commas, semicolons and colons (separators excluded)."""
    out: list[Span] = []
    pos = sent.start
    for m in _CLAUSE_SEP.finditer(text, sent.start, sent.end):
        out.append(Span(pos, m.start()))
        pos = m.end()
    out.append(Span(pos, sent.end))
    return [c for c in out if c.end > c.start]


def is_headline(text: str, para: Span) -> bool:
    """A short line without sentence punctuation: a title, kicker or section heading.

    Facts are not taken from headlines (FACTS.md: a headline repeating a figure of the body is
    annotated once, from the body), but their periods and places still set the context.
    """
    line = text[para.start:para.end]
    if len(line) > 48 or re.search(r"[。!?…][”’」)]*$", line):
        return False
    return not re.search(r"[。;!?]|[,:].*[,:]", line)
