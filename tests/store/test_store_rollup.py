"""The store generation and the (indicator, period) rollup of revision 0008, on SQLite and
PostgreSQL: kept by the database in the transaction of every write — ingest, syndicated copies,
corrections, reextract, a plain SQL update, another process — equal to grouping the facts, and
each key's version raised exactly by the writes that touch it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, Table, func, select, text, update

from zhibiao.store import Store, queries
from zhibiao.store.db import connect, schema_revision
from zhibiao.store.schema import DocumentRow, FactKeyRow, FactKeyZoneRow, FactRow

WriteJsonl = Callable[[str, list[Any]], Path]
TEXTS = {
    "huaian": "上半年,淮安经开区完成一般公共预算收入18.56亿元,同比增长36.7%;规上工业增加值增长12.5%。",
    "jintan": "上半年,金坛区完成一般公共预算收入20.1亿元,同比增长5.2%。新签约项目12个,总投资80亿元。",
    "wujin": "上半年,武进区完成一般公共预算收入60.2亿元,同比增长4.4%;进出口总额完成300亿元。",
}
REVENUE = ("general_budget_revenue", "2023-01", "2023-06")


def _direct(conn: Connection) -> dict[tuple[str, str, str], dict[str, int]]:
    """Counted indicator facts per key and zone, grouped from the facts themselves (what the
    rollup must equal)."""
    f = FactRow.__table__.c
    rows = conn.execute(select(f.indicator_id, f.period_start, f.period_end, f.zone_id, func.count())
                        .where(f.type == "indicator", f.indicator_id.is_not(None), f.period_start.is_not(None),
                               f.period_end.is_not(None), f.zone_id.is_not(None), f.duplicate_of.is_(None),
                               f.wrong.is_(False))
                        .group_by(f.indicator_id, f.period_start, f.period_end, f.zone_id)).all()
    out: dict[tuple[str, str, str], dict[str, int]] = {}
    for ind, start, end, zone, n in rows:
        out.setdefault((ind, start, end), {})[zone] = int(n)
    return out


def _rollup(conn: Connection) -> dict[tuple[str, str, str], dict[str, int]]:
    z = FactKeyZoneRow.__table__.c
    out: dict[tuple[str, str, str], dict[str, int]] = {}
    for ind, start, end, zone, n in conn.execute(select(z.indicator_id, z.period_start, z.period_end, z.zone_id,
                                                        z.facts)):
        out.setdefault((ind, start, end), {})[zone] = int(n)
    return out


def _assert_rollup_exact(store: Store) -> None:
    with store.engine.connect() as conn:
        direct = _direct(conn)
        assert _rollup(conn) == direct
        k = FactKeyRow.__table__.c
        zones = {(a, b, c): n for a, b, c, n in conn.execute(select(k.indicator_id, k.period_start, k.period_end,
                                                                    k.zones).where(k.zones > 0))}
        assert zones == {key: len(per_zone) for key, per_zone in direct.items()}
        # coverage answers from the rollup what grouping the facts answers
        got = {(c.indicator_id, c.period, c.zones) for c in queries.coverage(conn, limit=10_000)}
        from zhibiao.store.periods import format_span

        assert got == {(key[0], format_span(key[1], key[2]), len(v)) for key, v in direct.items()}
        # every key with a fact has a version
        f = FactRow.__table__.c
        keys = {tuple(r) for r in conn.execute(select(f.indicator_id, f.period_start, f.period_end).distinct()
                                               .where(f.indicator_id.is_not(None), f.period_start.is_not(None),
                                                      f.period_end.is_not(None)))}
        assert keys <= {tuple(r) for r in conn.execute(select(k.indicator_id, k.period_start, k.period_end))}


def _versions(store: Store, key: tuple[str, str, str] = REVENUE) -> tuple[int, int | None]:
    with store.engine.connect() as conn:
        return queries.generation(conn), queries.key_version(conn, *key)


def _fact_id(store: Store, zone: str, name: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(FactRow.id).where(FactRow.zone_id == zone, FactRow.name == name)).scalar_one())


def test_store_rollup_follows_ingest_copies_corrections_and_reextract(db_url: str, write_jsonl: WriteJsonl) -> None:
    text_copy = TEXTS["huaian"] * 6
    corpus = write_jsonl("reports.jsonl", [{"doc_id": k, "published": "2023-07-19", "text": v}
                                           for k, v in TEXTS.items()])
    copies = write_jsonl("copies.jsonl", [
        {"doc_id": "original", "published": "2023-07-21", "text": text_copy},
        {"doc_id": "copy", "published": "2023-07-22", "text": text_copy + "(来源:淮安日报)"}])
    other = write_jsonl("other.jsonl", [{"doc_id": "gdp", "published": "2024-07-19",
                                         "text": "上半年,金坛区实现地区生产总值500亿元,同比增长6%。"}])
    with Store(db_url) as store:
        assert _versions(store) == (1, None)   # an empty store: no key yet
        store.ingest([corpus])
        _assert_rollup_exact(store)
        generation, revenue = _versions(store)
        assert revenue is not None and generation >= revenue
        with store.engine.connect() as conn:
            assert [(c.indicator_id, c.zones) for c in queries.coverage(conn, "一般公共预算收入")] == [(REVENUE[0], 3)]

        # a write that touches other keys only: the generation moves, the revenue key stays
        store.ingest([other])
        _assert_rollup_exact(store)
        later, same = _versions(store)
        assert later > generation and same == revenue

        assert store.ingest([copies]).copies == 1
        _assert_rollup_exact(store)
        _, after_copies = _versions(store)
        assert after_copies is not None and after_copies > revenue

        # corrections: a value, a period (the fact moves to another key), marked wrong, added, a zone
        jintan = _fact_id(store, "金坛区", "一般公共预算收入")
        steps: list[Callable[[], object]] = [
            lambda: store.correct(jintan, {"value": "21亿元"}, author="t"),
            lambda: store.correct(jintan, {"period": "2023Q1-3"}, author="t"),
            lambda: store.correct(jintan, {"period": "2023H1"}, author="t"),
            lambda: store.mark_wrong(_fact_id(store, "武进区", "一般公共预算收入"), author="t"),
        ]
        for step in steps:
            before = _versions(store)[1]
            step()
            _assert_rollup_exact(store)
            assert _versions(store)[1] != before   # each of them changes the revenue answer
        with store.engine.connect() as conn:
            doc = conn.execute(select(DocumentRow.id).where(DocumentRow.doc_id == "wujin")).scalar_one()
        start = TEXTS["wujin"].index("一般")
        store.add_fact(doc, start, start + 8, {"name": "一般公共预算收入", "value": "61亿元", "period": "2023H1",
                                              "subject": "武进区"}, author="t")
        _assert_rollup_exact(store)

        # reextract: facts deleted and made anew, copies relinked, documents' versions updated
        with store.engine.begin() as conn:
            conn.execute(update(DocumentRow).values(extractor_version="old.v0"))
            conn.execute(update(FactRow).where(FactRow.seq == 0).values(signature="old"))
        before = _versions(store)[1]
        store.reextract()
        _assert_rollup_exact(store)
        assert _versions(store)[1] != before

        # any writer, even plain SQL: a document's title is part of the answers about its facts
        before = _versions(store)[1]
        with store.engine.begin() as conn:
            conn.execute(update(DocumentRow).where(DocumentRow.doc_id == "jintan").values(title="新标题"))
        assert _versions(store)[1] != before
        before = _versions(store)
        with store.engine.begin() as conn:
            conn.execute(update(DocumentRow).where(DocumentRow.doc_id == "gdp").values(title="别的标题"))
        after = _versions(store)
        assert after[0] > before[0] and after[1] == before[1]
        _assert_rollup_exact(store)


def test_store_rollup_sees_writes_of_another_process(db_url: str, write_jsonl: WriteJsonl) -> None:
    corpus = write_jsonl("reports.jsonl", [{"doc_id": "huaian", "published": "2023-07-19", "text": TEXTS["huaian"]}])
    more = write_jsonl("more.jsonl", [{"doc_id": "jintan", "published": "2023-07-19", "text": TEXTS["jintan"]}])
    with Store(db_url) as store:
        store.ingest([corpus])
        before = _versions(store)
        subprocess.run([sys.executable, "-c", "from zhibiao.cli import main; main()", "ingest", str(more),
                        "--db", db_url], check=True, capture_output=True)
        after = _versions(store)
        assert after[0] > before[0] and after[1] is not None and before[1] is not None and after[1] > before[1]
        _assert_rollup_exact(store)


def test_store_rollup_0008_upgrades_a_0007_store_with_data(db_url: str, write_jsonl: WriteJsonl) -> None:
    """Revision 0008 on a store written at 0007: the rollup is made from the facts stored before,
    and then kept by the triggers; a downgrade drops it and leaves the facts."""
    from .test_store_schema import _stored_at

    corpus = write_jsonl("reports.jsonl", [{"doc_id": k, "published": "2023-07-19", "text": v}
                                           for k, v in TEXTS.items()])
    _stored_at(db_url, corpus, "0007")
    engine = connect(db_url, migrate_schema=False)
    try:
        with engine.begin() as conn:
            tables = set(conn.dialect.get_table_names(conn))
            assert {"fact_keys", "fact_key_zones", "store_generation"}.isdisjoint(tables)
            # written as zhibiao wrote at 0007: a fact marked wrong, no trigger to see it
            facts = Table("facts", MetaData(), autoload_with=conn)
            conn.execute(facts.update().where(facts.c.zone_id == "武进区").values(wrong=True))
            n_facts = conn.execute(text("SELECT count(*) FROM facts")).scalar_one()
    finally:
        engine.dispose()
    with Store(db_url) as store:
        with store.engine.connect() as conn:
            assert schema_revision(conn) == "0011"
            assert conn.execute(text("SELECT count(*) FROM facts")).scalar_one() == n_facts
            assert queries.generation(conn) == 1 and queries.key_version(conn, *REVENUE) == 1
            assert [c.zones for c in queries.coverage(conn, "一般公共预算收入")] == [2]
        _assert_rollup_exact(store)
        store.ingest([write_jsonl("more.jsonl", [{"doc_id": "more", "published": "2023-07-19",
                                                   "text": "上半年,溧阳市完成一般公共预算收入30亿元。"}])])
        _assert_rollup_exact(store)
        assert _versions(store)[1] != 1


def test_store_rollup_and_search_of_a_batch_rolled_back_then_stored_again(
        db_url: str, write_jsonl: WriteJsonl, monkeypatch: Any) -> None:
    """A batch that fails after its documents are written (revision 0009: on SQLite the ingester
    indexes and rolls up a batch itself while a ``store_info`` key holds the triggers back) leaves
    no key, no index entry and no rollup of it; run again, the store equals a clean run's and the
    triggers still serve other writers."""
    from sqlalchemy.exc import OperationalError

    import zhibiao.store.ingest as ingest_module

    corpus = write_jsonl("reports.jsonl", [{"doc_id": k, "published": "2023-07-19", "text": v}
                                           for k, v in TEXTS.items()])
    real = ingest_module.insert_rows
    calls = {"facts": 0}

    def failing(conn: Connection, table: Any, columns: Any, rows: Any) -> None:
        real(conn, table, columns, rows)
        if table.name == "facts":
            calls["facts"] += 1
            if calls["facts"] == 2:   # the second batch, after its documents and facts are sent
                raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    with Store(db_url, batch_size=1) as store:
        monkeypatch.setattr(ingest_module, "insert_rows", failing)
        try:
            store.ingest([corpus])
        except OperationalError:
            pass
        else:
            raise AssertionError("the failing batch did not stop the ingest")
        monkeypatch.setattr(ingest_module, "insert_rows", real)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM store_info WHERE key = 'bulk_write'")).scalar_one() == 0
            assert conn.execute(select(func.count()).select_from(DocumentRow.__table__)).scalar_one() == 1
            assert queries.search(conn, "一般公共预算收入").documents_total == 1
            assert queries.search(conn, "金坛区").documents_total == 0
        _assert_rollup_exact(store)
        assert store.ingest([corpus]).stored == 2
        _assert_rollup_exact(store)
        with store.engine.begin() as conn:
            assert queries.search(conn, "一般公共预算收入").documents_total == 3
            conn.execute(text("INSERT INTO documents (doc_id, content_hash, text, n_chars, n_facts, extractor_version, "
                              "ingested_at) VALUES ('manual', :h, '手工写入的报告', 7, 0, 'v', CURRENT_TIMESTAMP)"),
                         {"h": "e" * 64})
        with store.engine.connect() as conn:
            assert queries.search(conn, "手工写入").documents_total == 1
            if conn.dialect.name == "sqlite":
                conn.execute(text("INSERT INTO search_documents(search_documents) VALUES ('integrity-check')"))
