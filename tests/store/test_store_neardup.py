"""Syndicated copies: the same article republished with another header and footer and a few
edits is linked to the canonical document; its facts are counted once, with both sources kept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from zhibiao.cli import app
from zhibiao.model import Projects, Ranking
from zhibiao.store import Store
from zhibiao.store.dedup import NearDuplicateIndex, fact_signature, minhash_of
from zhibiao.store.schema import DocumentRow, FactRow

WriteJsonl = Callable[[str, list[Any]], Path]
SEED = "000_74faa45ff7a60390.txt"


def _syndicated_copy(original: str) -> str:
    """How another site republishes the seed report: its own header and footer, the e-paper
    page header and trailer gone, a byline dropped and two small edits."""
    lines = original.splitlines()
    body = "\n".join(line for line in lines[1:-1] if "通讯员" not in line)
    body = body.replace("7月15日下午", "7月15日").replace("优异答卷", "优秀答卷")
    header = "江苏经济网 2023-07-20 09:12 来源:淮安日报\n首页 > 地方 > 淮安\n\n"
    footer = "\n\n(责任编辑:王五)\n声明:本文转载自淮安日报,版权归原作者所有。"
    return header + body + footer


@pytest.fixture
def copy_corpus(samples_dir: Path, write_jsonl: WriteJsonl) -> Path:
    text = (samples_dir / SEED).read_text(encoding="utf-8")
    return write_jsonl("syndicated.jsonl", [{"doc_id": "jseconomy-2023-07-20", "published": "2023-07-20",
                                             "source": "https://example.invalid/jiangsu/huaian.html",
                                             "text": _syndicated_copy(text)}])


def test_store_neardup_copy_is_linked_and_counted_once(db_url: str, samples_dir: Path, copy_corpus: Path) -> None:
    with Store(db_url) as store:
        first = store.ingest([samples_dir])
        second = store.ingest([copy_corpus])
        with store.engine.connect() as conn:
            docs = {doc_id: (pk, canonical, similarity) for pk, doc_id, canonical, similarity in conn.execute(
                select(DocumentRow.id, DocumentRow.doc_id, DocumentRow.canonical_id, DocumentRow.similarity))}
        summary = store.summary()
        rows = store.compare("一般公共预算收入", "2023H1")
        pipeline = [r for r in store.pipeline("淮安经开区") if r.min_investment is not None]
        profile = store.profile("淮安经开区")
        exported = _export_rows(store)
        exported_all = _export_rows(store, include_copies=True)
    original, _, _ = docs["000_74faa45ff7a60390"]
    _, canonical, similarity = docs["jseconomy-2023-07-20"]
    assert (first.copies, second.copies) == (0, 1)
    assert canonical == original and similarity is not None and similarity >= 0.6
    assert docs["003_527d27f14a1c52d8"][1] is None  # a different article is not a copy
    # most of the copy's facts repeat the original; all of them are stored, each counted once
    assert second.duplicate_facts >= 8
    assert summary["counted_facts"] == summary["facts"] - second.duplicate_facts
    # one row per zone, sourced by the original, with the copy as a second source
    assert len(rows) == 1
    row = rows[0]
    assert (row.zone, row.value, row.change_pct) == ("淮安经济技术开发区", Decimal(1856000000), Decimal("36.7"))
    assert row.source.doc_id == "000_74faa45ff7a60390"
    assert [c.doc_id for c in row.copies] == ["jseconomy-2023-07-20"]
    assert row.copies[0].quote == "一般公共预算收入18.56亿元、同比增长36.7%"
    assert [(r.count, [c.doc_id for c in r.copies]) for r in pipeline] == [(49, ["jseconomy-2023-07-20"])]
    budget = [r for r in profile if r.indicator_id == "general_budget_revenue"]
    assert len(budget) == 1 and [c.doc_id for c in budget[0].copies] == ["jseconomy-2023-07-20"]
    # exports: counted facts by default, the copies list the syndicating document
    assert len(exported) == summary["counted_facts"] and len(exported_all) == summary["facts"]
    budget_rows = [r for r in exported if r["indicator_id"] == "general_budget_revenue"]
    assert [(r["doc_id"], r["copies"]) for r in budget_rows] == [("000_74faa45ff7a60390", "jseconomy-2023-07-20")]


def _export_rows(store: Store, **filters: Any) -> list[dict[str, Any]]:
    from zhibiao.store.queries import export_rows

    with store.engine.connect() as conn:
        return list(export_rows(conn, **filters))


@pytest.mark.parametrize(("threshold", "linked"), [(0.6, True), (0.99, False)])
def test_store_neardup_threshold_decides_linking(db_url: str, samples_dir: Path, copy_corpus: Path,
                                                 threshold: float, linked: bool) -> None:
    with Store(db_url, near_duplicate_threshold=threshold) as store:
        store.ingest([samples_dir / SEED, copy_corpus])
        rows = store.compare("一般公共预算收入", "2023H1")
        summary = store.summary()
    assert summary["copies"] == (1 if linked else 0)
    assert len(rows) == 1  # one zone either way …
    # … but without the link the second report is an independent source of the same figure
    assert (len(rows[0].copies), len(rows[0].others)) == ((1, 0) if linked else (0, 1))
    assert not rows[0].conflict


def test_store_neardup_cli_shows_both_sources(db_url: str, samples_dir: Path, copy_corpus: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(samples_dir / SEED), str(copy_corpus), "--db", db_url]).exit_code == 0
    result = runner.invoke(app, ["compare", "-i", "一般预算收入", "-p", "2023H1", "--db", db_url],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "18.56亿元" in result.output and "+36.7%" in result.output
    assert "000_74faa45ff7a60390" in result.output and "jseconomy-2023-07-20" in result.output


@pytest.mark.parametrize(("edit", "similar"), [
    (lambda t: t, True),
    (lambda t: "转载 " + t + " 完", True),
    (lambda t: t.replace("。", ".").replace(",", ","), True),   # punctuation differs between sites
    (lambda t: t[: len(t) // 3], False),                         # a third of the article
    (lambda t: "".join(reversed(t)), False),
])
def test_store_neardup_index_matches_edits(samples_dir: Path, edit: Callable[[str], str], similar: bool) -> None:
    text = (samples_dir / SEED).read_text(encoding="utf-8")
    original, changed = minhash_of(text), minhash_of(edit(text))
    assert original is not None and changed is not None
    index = NearDuplicateIndex(0.6)
    index.add(1, original)
    assert (index.best_match(changed) is not None) is similar


def test_store_neardup_short_texts_are_never_copies() -> None:
    assert minhash_of("收入18.56亿元") is None


# -- fact signatures: currency and bottom ------------------------------------------------------

_CNY_PROJECTS = Projects(subject="淮安经济技术开发区", period="2023-01/2023-06", stage="signed", category="外资",
                         count=Decimal(10), investment=Decimal(5770000000), quote="q", start=0, end=1)
_SIZE_CLASS = Projects(stage="started", min_investment=Decimal(100000000), count=Decimal(49),
                       investment=Decimal(28063000000))
_FIRST = Ranking(indicator="一般公共预算收入增速", scope="全市", rank=1, period="2023-01/2023-12")
_TOP = Ranking(indicator="综合排名", scope="全省", top=True)


@pytest.mark.parametrize(("fact", "stored"), [
    # signatures stored before currency and bottom existed (computed by zhibiao at 45a5bdb): a CNY
    # projects fact and a ranking that is no last place must keep them, or a re-ingest duplicates
    (_CNY_PROJECTS, "d0588c3c52c147a692b8525859fa70198bb8cc42"),
    (_SIZE_CLASS, "a63a629a8cbf69f41638982aa7afb7dd2822a887"),
    (_FIRST, "2b14e9df312f3c6de6eab6f0d3f921f39931f82f"),
    (_TOP, "6a8a62975deb5ac18ac965970e19e19e5e72060a"),
    # the same as FACTS.md dicts that spell the defaults out
    ({**_CNY_PROJECTS.to_dict(), "currency": "CNY"}, "d0588c3c52c147a692b8525859fa70198bb8cc42"),
    ({**_FIRST.to_dict(), "bottom": False}, "2b14e9df312f3c6de6eab6f0d3f921f39931f82f"),
])
def test_store_signature_of_cny_and_non_last_facts_is_unchanged(fact: Any, stored: str) -> None:
    assert fact_signature(fact) == stored


@pytest.mark.parametrize(("a", "b"), [
    (_CNY_PROJECTS, replace(_CNY_PROJECTS, currency="USD")),          # 57.7亿元 is not 57.7亿美元
    (_SIZE_CLASS, replace(_SIZE_CLASS, currency="USD")),              # ≥1亿元 is not ≥1亿美元
    (replace(_SIZE_CLASS, currency="USD"), replace(_SIZE_CLASS, currency="EUR")),
    (replace(_FIRST, rank=None), replace(_FIRST, rank=None, bottom=True)),   # 全市倒数第一 is no bare 全市
])
def test_store_signature_tells_currencies_and_last_places_apart(a: Any, b: Any) -> None:
    assert fact_signature(a) != fact_signature(b)


def test_store_neardup_copy_in_another_currency_is_not_the_same_statement(
        db_url: str, write_jsonl: WriteJsonl, gold_extractor: Callable[[list[Any]], list[Any]]) -> None:
    """A syndicated copy whose projects figure is in USD where the original's is in CNY (and whose
    ranking is a last place where the original's has no place) states something else: only the
    facts that agree in full are linked to the original's."""
    body = "".join(f"第{i}段:开发区坚持项目为王,招商引资、项目建设、营商环境持续向好,经济运行稳中有进。"
                   for i in range(12))
    indicator = {"type": "indicator", "subject": "甲开发区", "name": "一般公共预算收入", "period": "2023-01/2023-06",
                 "value": 1856000000, "unit": "CNY", "quote": "一般公共预算收入18.56亿元"}
    projects = {"type": "projects", "subject": "甲开发区", "period": "2023-01/2023-06", "stage": "signed",
                "count": 3, "investment": 645000000, "quote": "签约项目3个、协议总投资6.45亿元"}
    ranking = {"type": "ranking", "subject": "甲开发区", "period": "2023-01/2023-06", "indicator": "实际使用外资",
               "scope": "全市", "rank": None, "quote": "实际使用外资全市"}
    original = {"doc_id": "original", "published": "2023-07-19", "text": "甲开发区报:" + body,
                "facts": [indicator, projects, ranking]}
    copy = {"doc_id": "copy", "published": "2023-07-20", "text": "转载自甲开发区报:" + body + "(责任编辑:王五)",
            "facts": [indicator, {**projects, "currency": "USD"}, {**ranking, "bottom": True}]}
    with Store(db_url, extract_batch=gold_extractor) as store:
        stats = store.ingest([write_jsonl("c.jsonl", [original, copy])])
        with store.engine.connect() as conn:
            linked = {(kind, dup is not None) for kind, dup in conn.execute(
                select(FactRow.type, FactRow.duplicate_of).join(DocumentRow, DocumentRow.id == FactRow.document_id)
                .where(DocumentRow.doc_id == "copy"))}
    assert stats.copies == 1 and stats.duplicate_facts == 1
    assert linked == {("indicator", True), ("projects", False), ("ranking", False)}


def test_store_neardup_copy_in_the_same_batch_links_as_in_a_later_one(db_url: str, other_db_url: str,
                                                                     samples_dir: Path, copy_corpus: Path) -> None:
    """Storing in bulk: a copy stored in the same batch as its original (one transaction, ids
    reserved ahead) is linked, fact by fact, exactly as when the original was stored by an
    earlier batch."""
    def links(url: str, batch_size: int) -> list[tuple[Any, ...]]:
        with Store(url, batch_size=batch_size) as store:
            stats = store.ingest([samples_dir / SEED, copy_corpus])
            assert (stats.batches, stats.copies) == (2 if batch_size == 1 else 1, 1)
            with store.engine.connect() as conn:
                docs = dict(conn.execute(select(DocumentRow.id, DocumentRow.doc_id)).all())
                canonical = {docs[pk]: docs.get(c) for pk, c in conn.execute(
                    select(DocumentRow.id, DocumentRow.canonical_id))}
                facts = dict(conn.execute(select(FactRow.id, FactRow.seq)).all())
                return [(docs[d], seq, None if dup is None else facts[dup], canonical[docs[d]])
                        for d, seq, dup in conn.execute(select(FactRow.document_id, FactRow.seq, FactRow.duplicate_of)
                                                        .order_by(FactRow.document_id, FactRow.seq))]

    together, apart = links(db_url, 50), links(other_db_url, 1)
    assert together == apart
    assert sum(1 for *_, dup, canonical in together if dup is not None and canonical is not None) >= 8


def test_store_minhash_equals_datasketch(samples_dir: Path) -> None:
    """The numpy MinHash gives datasketch's values (affine32 scheme) bit for bit: signatures are
    stored, and a store's old and new documents must compare."""
    import numpy as np

    from zhibiao.store.dedup import minhash_reference

    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir.glob("*.txt"))]
    texts += [_syndicated_copy(texts[0]), "甲" * 10]
    compared = 0
    for text in texts:
        fast, reference = minhash_of(text), minhash_reference(text)
        assert (fast is None) == (reference is None)
        if fast is not None and reference is not None:
            assert fast.hashvalues.dtype == reference.hashvalues.dtype
            assert np.array_equal(fast.hashvalues, reference.hashvalues)
            compared += 1
    assert compared >= 3


@pytest.mark.parametrize("values", [[], [7], [7, 7, 7], [3, 1, 2], [2**32 - 1, 0, 2**32 - 1, 5, 0]])
def test_store_distinct_sorted_equals_numpy_unique(values: list[int]) -> None:
    """The shingle hashes' distinct values, sorted: what ``np.unique`` gives (the MinHash and the
    count of shingles depend on it), on edge cases and on random hashes with repeats."""
    import numpy as np

    from zhibiao.store.dedup import distinct_sorted

    rng = np.random.default_rng(len(values))
    for array in (np.array(values, dtype=np.uint32), rng.integers(0, 50, size=400).astype(np.uint32),
                  rng.integers(0, 2**32, size=900, dtype=np.uint64).astype(np.uint32)):
        out = distinct_sorted(array)
        assert out.dtype == np.uint32
        assert np.array_equal(out, np.unique(array))


_SIGNED = [{"type": "indicator", "name": "出口\"总额\\", "value": 1856000000, "change": {"basis": "yoy", "pct": 36.7},
            "unit": "CNY", "parent": None, "qualifier": "estimate"},
           {"type": "person", "name": "徐子佳", "titles": ["市委常委", "书记\n"], "bottom": False},
           {"type": "projects", "count": Decimal("12.50"), "investment": 1e-7, "stage": "signed", "b": True, "a": -0.0},
           {}]


@pytest.mark.parametrize("data", _SIGNED)
def test_store_signature_json_equals_json_dumps(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The encoder made once writes what ``json.dumps`` with the signature's options writes (keys
    sorted, no spaces, non-ASCII as is, a Decimal as its str), also without the C accelerator."""
    import json

    from zhibiao.store import dedup

    expected = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    assert dedup._canonical_json(data) == expected
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    assert dedup._json_encoder()(data) == expected
