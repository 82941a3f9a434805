"""Paragraphs, sentences and clauses of a normalised text, as offset spans.

A sentence ends at 。！？ or an ellipsis (closing quotes stay with it); semicolons only separate
clauses, because a period or a 其中 stated before a semicolon still governs what follows it.

A "sentence" longer than :data:`MAX_SENTENCE` characters is a table or list that lost its full
stops (the longest real sentence of the dev reports has about 700): it is cut at clause
separators into pieces of at most that length, so that every rule's work per sentence stays
bounded and extraction time grows linearly with the text, whatever its punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from zhibiao.recache import compile_cached

__all__ = ["MAX_SENTENCE", "Span", "clause_start", "clauses", "is_headline", "is_title_line", "paragraphs", "sentences"]

MAX_SENTENCE = 1000
# Where a long sentence may be cut, best first: between clauses, then between list items.
_CUT_MARKS = (";", ",:", "、")
# A line ending in one of these goes on in the next (a list or a clause broken by the page, not ended).
_LINE_GOES_ON = ("、", ",")
# What closes a clause for :func:`clause_start` (a full stop too: a long sentence is cut at its clauses).
_CLAUSE_MARKS = (",", ";", ":", "\u3002")

# (▼: a page's pointer to the picture under a line, ending what the line says: 甲镇位列第191▼乙镇位列第373▼)
_SENTENCE_END_SOURCE = r"[。!?…▼]+[”’」』)]*|\.{3,}"


@cache
def _sentence_end() -> re.Pattern[str]:
    """The end of a sentence, compiled on first use (told the characters its matches start with:
    an alternation the engine would try at every place, see :func:`zhibiao.recache.compile_cached`)."""
    return compile_cached(_SENTENCE_END_SOURCE)

_CLAUSE_SEP = re.compile(r"[,;:]")
_HEADLINE_LENGTH = 48
# (these three through the regex cache: compiling them was 1 ms of every process)
_ENDS_SENTENCE = compile_cached(r"[。!?…▼][”’」)]*$")
# sentence punctuation, or two clause marks: prose, not a headline
_SENTENCE_MARKS = compile_cached(r"[。;!?▼]|[,:].*[,:]")
# a title split once by an exclamation or question mark, with no other sentence punctuation
_TITLE_MARKS = compile_cached(r"[^。;!?,:]+[!?][^。;!?,:]+")


@dataclass(slots=True, unsafe_hash=True)
class Span:
    """A half-open span ``[start, end)`` of the normalised text, never changed once made.

    (Not frozen, not a named tuple: spans are made by the thousand and read far more often; a
    slotted class is made in half the time of either and its fields are read at once, while a
    named tuple's field goes through a descriptor lookup on every read.)"""

    start: int
    end: int


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Non-blank lines of ``text[start:end]``, trimmed of surrounding spaces; a line ending in a list mark or
    a comma goes on in the next one (lines broken inside a sentence, as e-paper and forum pages break them).

    >>> [("ab\\n\\n cd \\n"[s.start:s.end]) for s in paragraphs("ab\\n\\n cd \\n")]
    ['ab', 'cd']
    >>> [("甲、\\n乙位列前二。"[s.start:s.end]) for s in paragraphs("甲、\\n乙位列前二。")]
    ['甲、\\n乙位列前二。']
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
            if out and text[out[-1].end - 1] in _LINE_GOES_ON:
                out[-1] = Span(out[-1].start, b)  # (北京、上海、⏎天津…位列前十名: a line broken inside a list)
            else:
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
    if not is_headline(text, para) and is_title_line(text, para):
        return [para]  # 总投资128亿!甲县14个项目集中签约: one title the mark splits, read as one sentence
    for m in _sentence_end().finditer(text, para.start, para.end):
        end = m.end()
        if end - pos > MAX_SENTENCE:
            out += _bounded(text, pos, end)
        elif end > pos:
            out.append(Span(pos, end))
        pos = end
    if para.end - pos > MAX_SENTENCE:
        out += _bounded(text, pos, para.end)
    elif pos < para.end:
        out.append(Span(pos, para.end))
    return out


def _bounded(text: str, start: int, end: int) -> list[Span]:
    """The sentence ``[start, end)`` in pieces of at most :data:`MAX_SENTENCE` characters.

    >>> t = "甲1亿元、" * 400
    >>> [s.end - s.start for s in _bounded(t, 0, len(t))]
    [1000, 1000]
    """
    out: list[Span] = []
    while end - start > MAX_SENTENCE:
        cut = _cut_point(text, start, start + MAX_SENTENCE)
        out.append(Span(start, cut))
        start = cut
    out.append(Span(start, end))
    return out


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to cut a long sentence before ``limit``: after its last clause separator in the second
    half of the window, else at the last place no figure is split (not beside a digit)."""
    floor = start + MAX_SENTENCE // 2
    for marks in _CUT_MARKS:
        k = max(text.rfind(c, floor, limit) for c in marks)
        if k >= floor:
            return k + 1
    k = limit
    while k > floor and (_in_figure(text[k - 1]) or _in_figure(text[k])):
        k -= 1
    return k if k > floor else limit


def _in_figure(ch: str) -> bool:
    return ch.isdigit() or ch in ".%"


def clauses(text: str, sent: Span) -> list[Span]:
    """Clauses of one sentence, split at commas, semicolons and colons (separators excluded)."""
    out: list[Span] = []
    pos = sent.start
    for m in _CLAUSE_SEP.finditer(text, sent.start, sent.end):
        out.append(Span(pos, m.start()))
        pos = m.end()
    out.append(Span(pos, sent.end))
    return [c for c in out if c.end > c.start]


def clause_start(text: str, start: int, pos: int, marks: Iterable[str] = _CLAUSE_MARKS) -> int:
    """Where the clause holding ``pos`` opens: after the last of ``marks`` in ``text[start:pos]``, else ``start``."""
    return max(start, *(text.rfind(c, start, pos) + 1 for c in marks))


def is_title_line(text: str, para: Span) -> bool:
    """A headline (:func:`is_headline`), or a short line an exclamation or question mark splits, not ends
    (总投资87.3亿!禾榆区26个重点项目集中开工): the shape of a title, not of prose, at the top of a report."""
    if is_headline(text, para):
        return True
    if para.end - para.start > _HEADLINE_LENGTH:
        return False
    line = text[para.start:para.end]
    return not _ENDS_SENTENCE.search(line) and _TITLE_MARKS.fullmatch(line) is not None


def is_headline(text: str, para: Span) -> bool:
    """A short line without sentence punctuation: a title, kicker or section heading.

    Facts are not taken from headlines (FACTS.md: a headline repeating a figure of the body is
    annotated once, from the body), but their periods and places still set the context.
    """
    if para.end - para.start > _HEADLINE_LENGTH:
        return False
    line = text[para.start:para.end]
    return not (_ENDS_SENTENCE.search(line) or _SENTENCE_MARKS.search(line))
