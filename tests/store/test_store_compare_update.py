"""Compare brought up to date from the zones changed since (revision 0010, queries.compare_update),
on SQLite and PostgreSQL: after every kind of write — ingest (the SQLite bulk path and another
process), syndicated copies, corrections, a fact moved to another zone or key, a wrong mark,
reextract, a document retitled or deleted by plain SQL — the updated answer equals compare
computed anew, and the zones read again are those the write touched."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, delete, select, update

from zhibiao.store import Store, queries
from zhibiao.store.db import connect, schema_revision
from zhibiao.store.schema import DocumentRow, FactRow

from .test_store_rollup import TEXTS  # (the same three reports as the rollup's tests)

WriteJsonl = Callable[[str, list[Any]], Path]
REVENUE = "general_budget_revenue"
SPAN = ("2023-01", "2023-06")


class Follower:
    """What a server keeps of one compare answer: the picks and the key version they were read at."""

    def __init__(self, store: Store) -> None:
        self.store = store
        with store.engine.connect() as conn:
            self.version = queries.key_version(conn, REVENUE, *SPAN) or -1
            self.picks = queries.compare_picks(conn, REVENUE, SPAN)
            self.built: dict[str, tuple[queries.ZonePick, queries.CompareRow]] = {}
            queries.compare_rows(conn, REVENUE, SPAN, self.picks, self.built)

    def follow(self) -> list[str]:
        """Brought up to date; the zones read again. Asserts the answer equals compare anew."""
        with self.store.engine.connect() as conn:
            version = queries.key_version(conn, REVENUE, *SPAN) or -1
            changed = queries.changed_zones(conn, REVENUE, SPAN, self.version)
            before = dict(self.picks)
            picks = queries.compare_update(conn, REVENUE, SPAN, self.picks, self.version)
            assert self.picks == before   # the kept picks are left as they were
            anew = queries.compare(conn, REVENUE, "2023H1")
            assert queries.compare_rows(conn, REVENUE, SPAN, picks) == anew
            # the unranked rows of the zones whose picks were kept, kept from the last call
            assert queries.compare_rows(conn, REVENUE, SPAN, picks, self.built) == anew
            assert self.built.keys() == picks.keys()
            assert picks.keys() == queries.compare_picks(conn, REVENUE, SPAN).keys()
        self.version, self.picks = version, picks
        return changed


def _fact_id(store: Store, zone: str, name: str = "一般公共预算收入") -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(FactRow.id).where(FactRow.zone_id == zone, FactRow.name == name,
                                                         FactRow.duplicate_of.is_(None)).order_by(FactRow.id)
                                ).scalars().first())


def test_store_compare_update_equals_compare_after_every_kind_of_write(db_url: str,
                                                                       write_jsonl: WriteJsonl) -> None:
    corpus = write_jsonl("reports.jsonl", [{"doc_id": k, "published": "2023-07-19", "text": v}
                                           for k, v in TEXTS.items()])
    with Store(db_url) as store:
        store.ingest([corpus])
        seen = Follower(store)
        assert set(seen.picks) == {"淮安经济技术开发区", "金坛区", "武进区"}
        assert seen.follow() == []   # nothing written: nothing read again

        # a new zone by the ingester (on SQLite its bulk path, not the row triggers)
        liyang_text = "上半年,溧阳市完成一般公共预算收入30.5亿元,同比增长4.2%。"
        store.ingest([write_jsonl("more.jsonl", [{"doc_id": "liyang", "published": "2023-07-20",
                                                   "text": liyang_text}])])
        assert seen.follow() == ["溧阳市"]
        # a later report of a zone already shown: its figure replaces the older one
        later = "上半年,金坛区完成一般公共预算收入20.3亿元,同比增长5.4%。"
        store.ingest([write_jsonl("later.jsonl", [{"doc_id": "jintan2", "published": "2023-08-01", "text": later}])])
        assert seen.follow() == ["金坛区"]
        assert seen.picks["金坛区"][0]._mapping["value"] == 2_030_000_000
        # another key's figures only: nothing of this answer read again
        store.ingest([write_jsonl("gdp.jsonl", [{"doc_id": "gdp", "published": "2024-07-19",
                                                  "text": "上半年,金坛区实现地区生产总值500亿元,同比增长6%。"}])])
        assert seen.follow() == []
        # a syndicated copy: the shown figure gains a copy
        text_copy = TEXTS["huaian"] * 6
        assert store.ingest([write_jsonl("copies.jsonl", [
            {"doc_id": "original", "published": "2023-07-21", "text": text_copy},
            {"doc_id": "copy", "published": "2023-07-22", "text": text_copy + "(来源:淮安日报)"}])]).copies == 1
        assert seen.follow() == ["淮安经济技术开发区"]
        with store.engine.connect() as conn:
            assert any(r.copies for r in queries.compare(conn, REVENUE, "2023H1") if r.zone == "淮安经济技术开发区")

        # corrections: a value, a period (the fact leaves the key, then comes back), a wrong mark
        liyang = _fact_id(store, "溧阳市")
        store.correct(liyang, {"value": "31.5亿元"}, author="t")
        assert seen.follow() == ["溧阳市"]
        store.correct(liyang, {"period": "2023Q1-3"}, author="t")
        assert seen.follow() == ["溧阳市"] and "溧阳市" not in seen.picks
        store.correct(liyang, {"period": "2023H1"}, author="t")
        assert seen.follow() == ["溧阳市"] and "溧阳市" in seen.picks
        store.mark_wrong(_fact_id(store, "淮安经济技术开发区"), author="t")
        assert seen.follow() == ["淮安经济技术开发区"]

        # plain SQL, any writer: a fact moved to another zone (both zones read again), a
        # document retitled (the zones of its facts), a document deleted (its facts with it)
        with store.engine.begin() as conn:
            conn.execute(update(FactRow).where(FactRow.id == liyang).values(zone_id="宜兴市"))
        assert seen.follow() == ["宜兴市", "溧阳市"]
        with store.engine.begin() as conn:
            conn.execute(update(DocumentRow).where(DocumentRow.doc_id == "jintan2").values(title="新标题"))
        assert seen.follow() == ["金坛区"]
        assert seen.picks["金坛区"][0]._mapping["title"] == "新标题"
        with store.engine.begin() as conn:
            conn.execute(delete(DocumentRow).where(DocumentRow.doc_id == "jintan2"))
        assert seen.follow() == ["金坛区"]
        assert seen.picks["金坛区"][0]._mapping["value"] == 2_010_000_000

        # reextract: facts deleted and made anew
        with store.engine.begin() as conn:
            conn.execute(update(DocumentRow).values(extractor_version="old.v0"))
            conn.execute(update(FactRow).where(FactRow.zone_id == "武进区").values(value=1.0, signature="old"))
        assert "武进区" in seen.follow()
        assert seen.picks["武进区"][0]._mapping["value"] == 1.0
        store.reextract()
        assert "武进区" in seen.follow()
        assert seen.picks["武进区"][0]._mapping["value"] == 6_020_000_000


def test_store_compare_update_sees_another_process(db_url: str, write_jsonl: WriteJsonl) -> None:
    corpus = write_jsonl("reports.jsonl", [{"doc_id": "huaian", "published": "2023-07-19", "text": TEXTS["huaian"]}])
    more = write_jsonl("more.jsonl", [{"doc_id": k, "published": "2023-07-19", "text": TEXTS[k]}
                                      for k in ("jintan", "wujin")])
    with Store(db_url) as store:
        store.ingest([corpus])
        seen = Follower(store)
        subprocess.run([sys.executable, "-c", "from zhibiao.cli import main; main()", "ingest", str(more),
                        "--db", db_url], check=True, capture_output=True)
        assert seen.follow() == ["武进区", "金坛区"]
        assert set(seen.picks) == {"淮安经济技术开发区", "金坛区", "武进区"}


def test_store_compare_update_reads_the_whole_key_when_most_zones_changed(
        db_url: str, write_jsonl: WriteJsonl, monkeypatch: pytest.MonkeyPatch) -> None:
    """Picks of an empty key, then a batch of many zones: read as one query of the key (not zone
    by zone), the same answer; a few zones later: those zones only."""
    with Store(db_url) as store:
        seen = Follower(store)
        assert seen.picks == {} and seen.version == -1
        zones = ["溧阳市", "宜兴市", "江阴市", "昆山市", "常熟市", "张家港市", "太仓市", "丹阳市", "句容市", "扬中市",
                 "启东市", "如皋市"]
        store.ingest([write_jsonl("many.jsonl", [
            {"doc_id": f"d{i}", "published": "2023-07-19",
             "text": f"上半年,{zone}完成一般公共预算收入{10 + i}亿元,同比增长{i}.5%。"}
            for i, zone in enumerate(zones)])])
        asked: list[Sequence[str] | None] = []
        picks = queries.compare_picks

        def spy(conn: Connection, indicator_id: str, span: tuple[str, str],
                zones: Sequence[str] | None = None) -> dict[str, queries.ZonePick]:
            asked.append(zones)
            return picks(conn, indicator_id, span, zones)

        monkeypatch.setattr(queries, "compare_picks", spy)
        assert sorted(seen.follow()) == sorted(zones) == sorted(seen.picks)
        assert asked[0] is None
        asked.clear()
        store.ingest([write_jsonl("one.jsonl", [{"doc_id": "one", "published": "2023-07-20",
                                                 "text": "上半年,江阴市完成一般公共预算收入99亿元。"}])])
        assert seen.follow() == ["江阴市"] and asked[0] == ["江阴市"]


def test_store_compare_update_0010_upgrades_a_0009_store_with_data(db_url: str, write_jsonl: WriteJsonl) -> None:
    """Revision 0010 on a store written at 0009: every zone of a stored key gets a version, later
    writes raise it; a downgrade to 0009 drops the table and keeps the 0008 rollup working."""
    from .test_store_rollup import _assert_rollup_exact
    from .test_store_schema import _stored_at

    corpus = write_jsonl("reports.jsonl", [{"doc_id": k, "published": "2023-07-19", "text": v}
                                           for k, v in TEXTS.items()])
    _stored_at(db_url, corpus, "0009")
    engine = connect(db_url, migrate_schema=False)
    try:
        with engine.connect() as conn:
            assert "fact_zone_versions" not in set(conn.dialect.get_table_names(conn))
            assert "ix_facts_indicator_period" in {i["name"] for i in conn.dialect.get_indexes(conn, "facts")}
    finally:
        engine.dispose()
    with Store(db_url) as store:   # 0009 → head (0011)
        with store.engine.connect() as conn:
            assert schema_revision(conn) == "0011"
            generation = queries.generation(conn)
            every = queries.changed_zones(conn, REVENUE, SPAN, generation - 1)
            assert every == ["武进区", "淮安经济技术开发区", "金坛区"]
            assert queries.changed_zones(conn, REVENUE, SPAN, generation) == []
        seen = Follower(store)
        store.ingest([write_jsonl("more.jsonl", [{"doc_id": "more", "published": "2023-07-20",
                                                   "text": "上半年,金坛区完成一般公共预算收入21亿元。"}])])
        assert seen.follow() == ["金坛区"]
        _assert_rollup_exact(store)
