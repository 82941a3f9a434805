"""A report's text as HTML with every fact's evidence marked, built from escaped pieces only.

Evidence spans come from the stored offsets and may overlap: a person's quote inside a longer
one (淮安经开区领导刘晓松 inside 淮安经开区领导刘晓松、朱峰), or two quotes that cross. Spans that
nest become nested ``<mark>`` elements, so the element of a fact holds exactly its quote; a span
that crosses the end of an enclosing one is cut there and continued after it (the pieces after
the first carry ``data-fact`` but no ``id``).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["EvidenceSpan", "highlight"]

_KINDS = frozenset(("indicator", "projects", "ranking", "person"))


@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    """The evidence of one fact: offsets into the text, its type and a one-line summary."""

    start: int
    end: int
    fact_id: int
    kind: str
    label: str = ""


def highlight(text: str, spans: Iterable[EvidenceSpan]) -> Markup:
    """``text`` as HTML (every character escaped) with ``<mark>`` elements around the spans.

    The first piece of a fact's mark has ``id="fact-{id}"`` (the link target of compare rows).
    Spans outside the text or empty are left out.

    >>> str(highlight("a<b>c", [EvidenceSpan(1, 4, 7, "indicator", "x")]))
    'a<mark class="ev ev-indicator" data-fact="7" id="fact-7" tabindex="0" title="x">&lt;b&gt;</mark>c'
    """
    # (start, -end, order, span, first piece); longer spans first at one start, so they enclose.
    queue: list[tuple[int, int, int, EvidenceSpan, bool]] = []
    for order, span in enumerate(spans):
        start, end = max(0, span.start), min(len(text), span.end)
        if start < end:
            queue.append((start, -end, order, span, True))
    heapq.heapify(queue)
    out: list[str] = []
    open_ends: list[int] = []   # ends of the open marks, innermost last (non-increasing)
    pos = 0

    def text_to(upto: int) -> None:
        nonlocal pos
        if upto > pos:
            out.append(str(escape(text[pos:upto])))
            pos = upto

    while queue:
        start, neg_end, order, span, first = heapq.heappop(queue)
        end = -neg_end
        while open_ends and open_ends[-1] <= start:
            text_to(open_ends.pop())
            out.append("</mark>")
        if open_ends and open_ends[-1] < end:
            # Crossing: this piece ends where the enclosing mark does; the rest goes on after it.
            heapq.heappush(queue, (open_ends[-1], -end, order, span, False))
            end = open_ends[-1]
        text_to(start)
        out.append(_open_tag(span, first))
        open_ends.append(end)
    while open_ends:
        text_to(open_ends.pop())
        out.append("</mark>")
    text_to(len(text))
    return Markup("".join(out))


def _open_tag(span: EvidenceSpan, first: bool) -> str:
    kind = span.kind if span.kind in _KINDS else "other"
    fact = int(span.fact_id)
    if first:
        return (f'<mark class="ev ev-{kind}" data-fact="{fact}" id="fact-{fact}" tabindex="0" '
                f'title="{escape(span.label)}">')
    return f'<mark class="ev ev-{kind} ev-cont" data-fact="{fact}" title="{escape(span.label)}">'
