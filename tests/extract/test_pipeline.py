"""The whole extraction of one document (zhibiao.extract.pipeline): metadata feeding the rules."""

from __future__ import annotations

import pytest

from zhibiao.extract import extract_document
from zhibiao.model import DocMeta, Document


@pytest.mark.parametrize("title", ["丰泽开发区上半年经济运行情况", "豐澤開發區上半年經濟運行情況"])
def test_pipeline_title_outside_the_text_names_the_subject(title: str) -> None:
    # an HTML <title> is metadata, not body text: it still says whose figures the body gives
    doc = Document(doc_id="t", text="今年上半年,全区完成一般公共预算收入18.56亿元。", published="2023-07-20",
                   meta=DocMeta(title=title))
    _meta, facts = extract_document(doc)
    assert [f.subject for f in facts] == ["丰泽开发区"]


def test_pipeline_without_a_title_the_subject_stays_unknown() -> None:
    doc = Document(doc_id="t", text="今年上半年,全区完成一般公共预算收入18.56亿元。", published="2023-07-20")
    _meta, facts = extract_document(doc)
    assert [f.subject for f in facts] == [None]
