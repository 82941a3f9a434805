"""Extraction: every fact of FACTS.md in one report, each with its evidence.

Public entry points: :func:`extract` (text in, facts out) and :func:`extract_document`
(a :class:`~zhibiao.model.Document` in, its metadata and facts out).
"""

from __future__ import annotations

from zhibiao.model import DocMeta, Document, Fact

__all__ = ["extract", "extract_document"]


def extract_document(doc: Document) -> tuple[DocMeta, list[Fact]]:
    """Extract the metadata and every fact of one document.

    Offsets of the facts point into ``doc.text``, which is not modified.
    """
    from zhibiao.extract.pipeline import run_pipeline

    return run_pipeline(doc)


def extract(text: str, published: str | None = None) -> list[Fact]:
    """Extract every fact from ``text``; ``published`` (ISO date) resolves implicit years."""
    return extract_document(Document(doc_id="-", text=text, published=published))[1]
