"""Extraction: every fact of FACTS.md in one report, each with its evidence.

Public entry points: :func:`extract` (text in, facts out) and :func:`extract_document`
(a :class:`~zhibiao.model.Document` in, its metadata and facts out).
"""

from __future__ import annotations

import sys
import types

from zhibiao.model import DocMeta, Document, Fact

__all__ = ["extract", "extract_document"]


def extract_document(doc: Document) -> tuple[DocMeta, list[Fact]]:
    """Extract the metadata and every fact of one document.

    Offsets of the facts point into ``doc.text``, which is not modified.
    """
    from zhibiao.extract.pipeline import run_pipeline

    return run_pipeline(doc)


def extract(text: str, published: str | None = None) -> list[Fact]:
    """Extract every fact from ``text``; ``published`` (ISO date) resolves implicit years.

    The text is read as the input stage reads a report (its e-paper trailer, if any, gives
    metadata and is no part of the article).
    """
    from zhibiao.ingest import document_from_text  # the input stage's reading of a raw text

    return extract_document(document_from_text(text, published=published))[1]


class _CallableModule(types.ModuleType):
    """Lets ``zhibiao.extract(text)`` call :func:`extract` while ``zhibiao.extract.pipeline`` stays
    importable: the package is the stage and its main function at once."""

    def __call__(self, text: str, published: str | None = None) -> list[Fact]:
        return extract(text, published)


sys.modules[__name__].__class__ = _CallableModule
