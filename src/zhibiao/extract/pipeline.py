"""Runs the extraction stages over one document (work in progress: filled in by the extractor)."""

from __future__ import annotations

from zhibiao.model import DocMeta, Document, Fact


def run_pipeline(doc: Document) -> tuple[DocMeta, list[Fact]]:
    return doc.meta, []
