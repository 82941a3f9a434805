"""Re-extraction on SQLite and PostgreSQL: what changed is counted per type, corrections are kept,
a second run changes nothing, an interrupted run finished by running again ends as one whole run,
and syndicated copies stay linked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from zhibiao.model import EXTRACTOR_VERSION, Document
from zhibiao.pool import Extracted
from zhibiao.store import Store, queries
from zhibiao.store.reextract import reextract
from zhibiao.store.schema import DocumentRow, FactRow

WriteJsonl = Callable[[str, list[Any]], Path]
TEXTS = {
    "huaian": "上半年,淮安经开区完成一般公共预算收入18.56亿元,同比增长36.7%;规上工业增加值增长12.5%。",
    "jintan": "上半年,金坛区完成一般公共预算收入20.1亿元,同比增长5.2%。新签约项目12个,总投资80亿元。",
    "wujin": "上半年,武进区完成一般公共预算收入60.2亿元,同比增长4.4%;进出口总额完成300亿元。",
}
ZONE = "淮安经济技术开发区"


@pytest.fixture
def stored(db_url: str, write_jsonl: WriteJsonl) -> str:
    corpus = write_jsonl("reports.jsonl", [{"doc_id": k, "published": "2023-07-19", "text": v}
                                           for k, v in TEXTS.items()])
    with Store(db_url) as store:
        assert store.ingest([corpus]).stored == 3
    return db_url


def _as_an_older_extractor_left_it(store: Store) -> None:
    """Each document as an older extractor stored it: one fact missing, one value read wrongly
    (with the signature it had then), and an older version."""
    with store.engine.begin() as conn:
        for doc_id in TEXTS:
            document = conn.execute(select(DocumentRow.id).where(DocumentRow.doc_id == doc_id)).scalar_one()
            facts = conn.execute(select(FactRow.id, FactRow.type).where(FactRow.document_id == document)
                                 .order_by(FactRow.seq)).all()
            conn.execute(update(FactRow).where(FactRow.id == facts[0][0]).values(value=1.0, signature="old"))
            conn.execute(delete(FactRow).where(FactRow.id == facts[-1][0]))
            conn.execute(update(DocumentRow).where(DocumentRow.id == document).values(extractor_version="old.v0"))


def _state(store: Store) -> list[tuple[Any, ...]]:
    """Every fact as the questions see it (ids aside), and the documents' versions."""
    with store.engine.connect() as conn:
        facts = conn.execute(select(FactRow.document_id, FactRow.type, FactRow.quote_start, FactRow.quote_end,
                                    FactRow.value, FactRow.zone_id, FactRow.wrong, FactRow.origin,
                                    FactRow.duplicate_of.is_(None))
                             .order_by(FactRow.document_id, FactRow.quote_start, FactRow.type)).all()
        versions = conn.execute(select(DocumentRow.doc_id, DocumentRow.extractor_version, DocumentRow.n_facts)
                                .order_by(DocumentRow.id)).all()
    return [tuple(r) for r in facts] + [tuple(v) for v in versions]


def test_store_reextract_counts_changes_keeps_corrections_and_is_idempotent(stored: str) -> None:
    with Store(stored) as store:
        fresh = _state(store)
        first = store.reextract()
        assert (first.documents, first.changed_documents, sum(first.added.values())) == (3, 0, 0)
        _as_an_older_extractor_left_it(store)
        compare = {r.zone: r for r in store.compare("一般公共预算收入", "2023H1")}
        store.correct(compare["金坛区"].source.fact_id, {"value": "21.1亿元"}, author="编辑", reason="核对原文")
        huaian = compare[ZONE].source.document
        start = TEXTS["huaian"].index("规上")
        store.add_fact(huaian, start, start + len("规上工业增加值增长12.5%"),
                       {"name": "规上工业增加值", "change_pct": "12.5"}, author="编辑")

        stats = store.reextract()
        assert (stats.documents, stats.changed_documents) == (3, 3)
        assert stats.types() == ["indicator", "projects"]
        assert (sum(stats.changed.values()), sum(stats.added.values()), sum(stats.removed.values())) == (3, 3, 0)
        assert stats.corrections_unmatched == 0
        after = {r.zone: r for r in store.compare("一般公共预算收入", "2023H1")}
        assert after[ZONE].value == 1856000000        # the extractor's reading again
        assert after["金坛区"].value == 2110000000     # the correction, applied to the new fact
        assert after["金坛区"].source.original is not None
        manual = [r for r in store.profile(ZONE) if r.source.origin == "manual"]
        assert len(manual) == 1                        # the added fact kept, once
        with store.engine.connect() as conn:
            versions = set(conn.execute(select(DocumentRow.extractor_version)).scalars())
        assert versions == {EXTRACTOR_VERSION}
        settled = _state(store)
        again = store.reextract()
        assert (again.changed_documents, again.added, again.removed, again.changed) == (0, {}, {}, {})
        assert _state(store) == settled
        wujin = max(s[0] for s in fresh if len(s) == 9)   # a document nobody corrected: as first extracted
        assert [s for s in settled if len(s) == 9 and s[0] == wujin] == [s for s in fresh if len(s) == 9
                                                                         and s[0] == wujin]


def test_store_reextract_interrupted_and_resumed_ends_as_one_run(stored: str, other_db_url: str,
                                                                 write_jsonl: WriteJsonl) -> None:
    """Ctrl-C in the middle: the documents done are written whole, the one being extracted is
    untouched; running again finishes, and the store is as after one uninterrupted run."""
    from zhibiao.pool import extract_within_budget

    corpus = write_jsonl("again.jsonl", [{"doc_id": k, "published": "2023-07-19", "text": v}
                                         for k, v in TEXTS.items()])
    with Store(other_db_url) as reference:
        reference.ingest([corpus])
        _as_an_older_extractor_left_it(reference)
        reference.reextract()
        expected = _state(reference)

    calls: list[str] = []

    def interrupted(doc: Document) -> Extracted:
        calls.append(doc.doc_id)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return extract_within_budget(doc, None)

    with Store(stored) as store:
        _as_an_older_extractor_left_it(store)
        with pytest.raises(KeyboardInterrupt):
            reextract(store.engine, extract=interrupted)
        with store.engine.connect() as conn:
            versions = dict(conn.execute(select(DocumentRow.doc_id, DocumentRow.extractor_version)).all())
        assert versions == {"huaian": EXTRACTOR_VERSION, "jintan": "old.v0", "wujin": "old.v0"}
        resumed = store.reextract(["extractor_version!=" + EXTRACTOR_VERSION])
        assert resumed.documents == 2 and resumed.changed_documents == 2
        assert _state(store) == expected


def test_store_reextract_where_selects_documents(stored: str) -> None:
    with Store(stored) as store:
        _as_an_older_extractor_left_it(store)
        stats = store.reextract(["doc_id=jin*"])
        assert (stats.documents, stats.changed_documents) == (1, 1)
        assert store.reextract(["published>=2024-01-01"]).documents == 0
        with pytest.raises(Exception, match="unknown field"):
            store.reextract(["title=x"])


def test_store_reextract_keeps_copies_linked(db_url: str, write_jsonl: WriteJsonl) -> None:
    """A syndicated copy's repeated facts point at the canonical facts made anew."""
    text = TEXTS["huaian"] * 6
    corpus = write_jsonl("copies.jsonl", [
        {"doc_id": "original", "published": "2023-07-19", "text": text},
        {"doc_id": "copy", "published": "2023-07-20", "text": text + "(来源:淮安日报)"},
    ])
    with Store(db_url) as store:
        stats = store.ingest([corpus])
        assert stats.copies == 1
        counted = store.summary()["counted_facts"]
        with store.engine.begin() as conn:
            conn.execute(update(DocumentRow).values(extractor_version="old.v0"))
            conn.execute(update(FactRow).where(FactRow.seq == 0).values(signature="old"))
        store.reextract()
        assert store.summary()["counted_facts"] == counted
        with store.engine.connect() as conn:
            copy_facts = conn.execute(select(FactRow.duplicate_of).join(DocumentRow)
                                      .where(DocumentRow.doc_id == "copy")).scalars().all()
            assert copy_facts and all(d is not None for d in copy_facts)
            (row,) = store.compare("一般公共预算收入", "2023H1")
            assert {c.doc_id for c in row.copies} == {"copy"}
            assert queries.summary(conn)["copies"] == 1


def test_store_reextract_keeps_an_added_fact_marked_wrong(stored: str) -> None:
    """An editor adds a fact, then marks it wrong: after re-extraction it is there, and wrong."""
    with Store(stored) as store:
        document = next(r for r in store.compare("一般公共预算收入", "2023H1") if r.zone == ZONE).source.document
        start = TEXTS["huaian"].index("规上")
        store.add_fact(document, start, start + len("规上工业增加值增长12.5%"),
                       {"name": "规上工业增加值", "change_pct": "13.5"}, author="编辑")
        with store.engine.connect() as conn:
            added = conn.execute(select(FactRow.id).where(FactRow.origin == "manual")).scalar_one()
        store.mark_wrong(added, author="编辑", reason="看错了")
        _as_an_older_extractor_left_it(store)
        assert store.reextract().corrections_unmatched == 0
        with store.engine.connect() as conn:
            manual = conn.execute(select(FactRow.wrong).where(FactRow.origin == "manual")).scalars().all()
        assert manual == [True]
