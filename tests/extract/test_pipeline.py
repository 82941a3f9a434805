"""The whole extraction of one document (zhibiao.extract.pipeline): metadata feeding the rules."""

from __future__ import annotations

import pytest

from zhibiao import extract
from zhibiao.extract import extract_document
from zhibiao.model import DocMeta, Document, Indicator


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


def test_a_range_before_projects_is_a_size_class_not_a_measures_range() -> None:
    """500万元-1亿元项目: the two ends size a class of projects; no at_least/at_most pair is made."""
    facts = extract("全旗列入500万元-1亿元项目42个;全年税收收入5-7亿元。", published="2023-02-10")
    bounded = [(f.name, f.qualifier) for f in facts
               if isinstance(f, Indicator) and f.qualifier in ("at_least", "at_most")]
    assert bounded == [("税收收入", "at_least"), ("税收收入", "at_most")]


def test_a_name_cut_at_its_last_clause_renames_the_parents_pointing_at_it() -> None:
    """A whole renamed by its last clause (至9月份止,…,|工业增加值) is named so by its parts too: a part's parent is the
    name the whole is given, never one no fact bears."""
    from zhibiao.extract.pipeline import _last_clause_named

    whole = Indicator(subject=None, name="至9月份止,全县工业增加值", value=None)
    part = Indicator(subject=None, name="制造业增加值", value=None, parent=whole.name)
    other = Indicator(subject=None, name="固定资产投资", value=None, parent="税收")
    out = _last_clause_named([whole, part, other])
    assert [f.name for f in out if isinstance(f, Indicator)] == ["全县工业增加值", "制造业增加值", "固定资产投资"]
    assert [f.parent for f in out if isinstance(f, Indicator)] == [None, "全县工业增加值", "税收"]
