"""Corrections on SQLite and PostgreSQL: steered inputs (published, zone), edits, facts marked
wrong, missed facts added, zones assigned — every question answers with the corrected facts,
the extracted ones are kept — and the corrections exported as a gold file that zhibiao eval scores."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from zhibiao.errors import QueryError
from zhibiao.evaluate import main_report
from zhibiao.extract import extract
from zhibiao.store import Store, queries
from zhibiao.store.schema import CorrectionRow, FactRow

WriteJsonl = Callable[[str, list[Any]], Path]
HUAIAN = "上半年,淮安经开区完成一般公共预算收入18.56亿元,同比增长36.7%;规上工业增加值增长12.5%。"
JINTAN = "上半年,金坛区完成一般公共预算收入20.1亿元,同比增长5.2%。新签约项目12个,总投资80亿元。"
BARE = "上半年,经开区完成一般公共预算收入9.5亿元,同比增长3.1%。进出口总额完成30亿元。"
ZONE = "淮安经济技术开发区"


@pytest.fixture
def two_zones(db_url: str, write_jsonl: WriteJsonl) -> str:
    """``db_url`` with two zones' reports of 2023H1 (extracted by the real extractor)."""
    corpus = write_jsonl("reports.jsonl", [
        {"doc_id": "huaian", "published": "2023-07-19", "text": HUAIAN},
        {"doc_id": "jintan", "published": "2023-07-20", "text": JINTAN},
    ])
    with Store(db_url) as store:
        assert store.ingest([corpus]).stored == 2
    return db_url


def _fact_id(store: Store, zone: str, name: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(FactRow.id).where(FactRow.zone_id == zone, FactRow.name == name)).scalar_one())


def _compare(store: Store) -> dict[str, Any]:
    return {r.zone: r for r in store.compare("一般公共预算收入", "2023H1")}


def test_store_corrections_published_and_zone_fill_what_inputs_leave_open(db_url: str, write: Any,
                                                                          write_jsonl: WriteJsonl) -> None:
    """--published dates a .txt without one (its periods get their year); --zone gives a folder's
    unresolved facts their zone; a JSONL record's own published and zone win over both."""
    folder = write("site/bare.txt", BARE).parent
    corpus = write_jsonl("own.jsonl", [{"doc_id": "own", "published": "2022-07-18", "zone": "金坛区",
                                        "text": BARE + "。"}])
    with Store(db_url) as store:
        store.ingest([folder, corpus], published="2023-07-19", zone="淮安经开区")
        rows = {(r.zone, r.period): r for r in store.compare("一般公共预算收入", "2023H1")}
        assert set(rows) == {(ZONE, "2023H1")}
        assert rows[(ZONE, "2023H1")].source.published == "2023-07-19"
        assert [r.zone for r in store.compare("一般公共预算收入", "2022H1")] == ["金坛区"]
        with store.engine.connect() as conn:
            docs = {d.doc_id: d for d in queries.documents(conn)}
            assert (docs["bare"].zone, docs["own"].zone) == (ZONE, "金坛区")
            view = queries.document(conn, docs["bare"].id)
            assert view is not None and {f.fact["subject"] for f in view.facts} == {"经开区"}  # as written
        with pytest.raises(Exception, match="no calendar date"):
            store.ingest([folder], published="2023-02-30")


def test_store_corrections_edit_is_used_everywhere_and_keeps_the_original(two_zones: str, tmp_path: Path) -> None:
    with Store(two_zones) as store:
        fact = _fact_id(store, ZONE, "一般公共预算收入")
        correction = store.correct(fact, {"value": "19.56亿元", "change_pct": "37.7"}, author="王编辑",
                                   reason="原文笔误,见市统计局通报")
        rows = _compare(store)
        assert rows[ZONE].value == 1956000000 and rows[ZONE].change_pct == Decimal("37.7")
        assert [r.zone for r in store.compare("一般公共预算收入", "2023H1")] == ["金坛区", ZONE]  # re-ranked
        assert rows[ZONE].source.original is not None and rows[ZONE].source.original["value"] == "1856000000"
        assert rows["金坛区"].source.original is None
        profile = {r.group: r for r in store.profile(ZONE)}
        assert profile["一般公共预算收入"].fact["value"] == 1956000000
        store.export(tmp_path / "facts.csv")
        with (tmp_path / "facts.csv").open(encoding="utf-8") as f:
            exported = {r["name"]: r for r in csv.DictReader(f) if r["zone_id"] == ZONE}
        assert float(exported["一般公共预算收入"]["value"]) == 1956000000
        assert "value=1856000000" in exported["一般公共预算收入"]["original"]
        (record,) = store.corrections()
        assert (record.id, record.author, record.action, record.reason) == (correction, "王编辑", "edit",
                                                                            "原文笔误,见市统计局通报")
        assert record.before == {"value": "1856000000", "change_pct": "36.7"}
        assert record.after == {"value": "1956000000", "change_pct": "37.7"}
        with store.engine.connect() as conn:
            row = conn.execute(select(FactRow.__table__).where(FactRow.id == fact)).one()
            assert row.quote == "一般公共预算收入18.56亿元,同比增长36.7%" and row.origin == "extract"


def test_store_corrections_period_subject_name_unit(two_zones: str) -> None:
    with Store(two_zones) as store:
        fact = _fact_id(store, "金坛区", "一般公共预算收入")
        store.correct(fact, {"period": "2023Q1-3", "unit": "CNY"}, author="a")
        assert "金坛区" not in _compare(store)
        assert [r.zone for r in store.compare("一般公共预算收入", "2023Q1-3")] == ["金坛区"]
        store.correct(fact, {"subject": "淮安经开区", "name": "一般预算收入"}, author="a")
        with store.engine.connect() as conn:
            row = conn.execute(select(FactRow.__table__).where(FactRow.id == fact)).one()
        assert (row.zone_id, row.indicator_id, row.period) == (ZONE, "general_budget_revenue", "2023-01/2023-09")
        assert [r.zone for r in store.compare("一般公共预算收入", "2023Q1-3")] == [ZONE]
        assert row.original is not None and row.original["period"] == "2023-01/2023-06"  # the extractor's, kept


def test_store_corrections_wrong_fact_is_counted_nowhere(two_zones: str, tmp_path: Path) -> None:
    with Store(two_zones) as store:
        fact = _fact_id(store, "金坛区", "一般公共预算收入")
        before = store.summary()["counted_facts"]
        store.mark_wrong(fact, author="b", reason="不是上半年的数")
        assert "金坛区" not in _compare(store)
        assert store.summary()["counted_facts"] == before - 1
        assert store.export(tmp_path / "f.csv") == before - 1
        assert store.export(tmp_path / "g.csv", include_copies=True) == before - 1
        with store.engine.connect() as conn:
            view = queries.document(conn, store.compare("一般公共预算收入", "2023H1")[0].source.document + 1)
        assert view is not None and [f.wrong for f in view.facts if f.id == fact] == [True]  # still on its page
        with pytest.raises(QueryError, match="already marked wrong"):
            store.mark_wrong(fact, author="b")


def test_store_corrections_add_a_missed_fact(two_zones: str) -> None:
    with Store(two_zones) as store:
        document = _compare(store)[ZONE].source.document
        start = HUAIAN.index("规上工业增加值")
        end = start + len("规上工业增加值增长12.5%")
        store.add_fact(document, start, end, {"name": "规上工业增加值", "change_pct": "12.5", "period": "2023H1",
                                              "subject": "淮安经开区"}, author="c", reason="漏抽")
        added = [r for r in store.profile(ZONE) if r.source.origin == "manual"]
        assert [(r.group, r.fact["change"]["pct"], r.source.quote) for r in added] == [
            ("规模以上工业增加值", 12.5, "规上工业增加值增长12.5%")]
        with pytest.raises(QueryError, match="not a sentence of its text"):
            store.add_fact(document, 5, 10_000, {"name": "x", "value": "1"}, author="c")
        with pytest.raises(QueryError, match="needs a value or a change"):
            store.add_fact(document, 0, 5, {"name": "x"}, author="c")
        with pytest.raises(QueryError, match="not a figure"):
            store.add_fact(document, 0, 5, {"name": "x", "value": "很多"}, author="c")
        with pytest.raises(QueryError, match="no fact 999999"):
            store.correct(999999, {"value": "1"}, author="c")
        with pytest.raises(QueryError, match="cannot be corrected"):
            store.correct(_fact_id(store, ZONE, "一般公共预算收入"), {"quote": "x"}, author="c")


def test_store_corrections_assign_zone_to_unresolved_facts(db_url: str, write: Any) -> None:
    path = write("bare.txt", BARE)
    with Store(db_url) as store:
        store.ingest([path], published="2023-07-19")
        with store.engine.connect() as conn:
            total, docs = queries.unresolved(conn)
        assert total == 2 and [(d.document.doc_id, d.facts) for d in docs] == [("bare", 2)]
        assert store.compare("一般公共预算收入", "2023H1") == []
        store.assign_zone(docs[0].document.id, "淮安经开区", author="d", reason="来自经开区官网")
        assert [r.zone for r in store.compare("一般公共预算收入", "2023H1")] == [ZONE]
        with store.engine.connect() as conn:
            assert queries.unresolved(conn) == (0, [])
        store.assign_zone(docs[0].document.id, "金坛区", author="d")   # assigned again: moved, not kept twice
        assert [r.zone for r in store.compare("一般公共预算收入", "2023H1")] == ["金坛区"]
        assert [c.action for c in store.corrections()] == ["zone", "zone"]


def test_store_corrections_export_gold_runs_through_eval(two_zones: str, tmp_path: Path) -> None:
    """The corrected documents as a gold file: eval scores the raw extraction against it and
    finds exactly the corrected fact and the fact marked wrong."""
    with Store(two_zones) as store:
        store.correct(_fact_id(store, ZONE, "一般公共预算收入"), {"value": "19.56亿元"}, author="e")
        store.mark_wrong(_fact_id(store, ZONE, "规上工业增加值"), author="e")
        gold = tmp_path / "gold.jsonl"
        assert store.export_gold(gold) == 1
    (record,) = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert record["doc_id"] == "huaian" and record["text"] == HUAIAN
    assert [(f["name"], f["value"], f["subject"]) for f in record["facts"]] == [("一般公共预算收入", 1956000000, ZONE)]
    raw = tmp_path / "raw.jsonl"   # the extractor's reading, before the corrections
    raw.write_text(json.dumps({**{k: record[k] for k in ("doc_id", "published", "text")},
                               "facts": [f.to_dict() for f in extract(HUAIAN, published="2023-07-19")]},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    scores = tmp_path / "scores.json"
    main_report(str(gold), str(gold), json_out=str(scores))
    assert _indicator_counts(scores) == (1, 1, 1)       # the gold file scores itself perfectly
    main_report(str(gold), str(raw), json_out=str(scores))
    assert _indicator_counts(scores) == (1, 2, 0)       # 18.56亿 is not 19.56亿; the wrong fact is spurious


def _indicator_counts(scores: Path) -> tuple[int, int, int]:
    """(gold, predicted, true positive) indicator facts of a score."""
    ind = json.loads(scores.read_text(encoding="utf-8"))["types"]["indicator"]
    return ind["gold"], ind["pred"], ind["tp"]


def test_store_corrections_are_rows_with_who_when_why(two_zones: str) -> None:
    with Store(two_zones) as store:
        store.mark_wrong(_fact_id(store, "金坛区", "一般公共预算收入"), author="  李  四 ", reason=" 重复 ")
        with store.engine.connect() as conn:
            row = conn.execute(select(CorrectionRow.__table__)).one()
    assert (row.author, row.reason, row.action, row.fact_type) == ("李 四", "重复", "wrong", "indicator")
    assert row.created_at is not None and row.before is not None and row.before["value"] == "2010000000"


def test_store_corrections_projects_and_ranking_figures(db_url: str, write_jsonl: WriteJsonl) -> None:
    """A projects fact's count and investment, a ranking's rank; a field the type has not is refused."""
    text = "上半年,金坛区新签约项目12个,总投资80亿元。金坛区一般公共预算收入增幅全市第二。"
    corpus = write_jsonl("p.jsonl", [{"doc_id": "p", "published": "2023-07-19", "text": text}])
    with Store(db_url) as store:
        store.ingest([corpus])
        with store.engine.connect() as conn:
            ids = dict(conn.execute(select(FactRow.type, FactRow.id)).all())
        store.correct(ids["projects"], {"count": "13", "investment": "85亿元", "period": "2023H1"}, author="f")
        (row,) = store.pipeline("金坛区")
        assert (row.count, row.investment) == (13, 8500000000)
        assert row.source.original is not None and row.source.original["count"] == "12"
        store.correct(ids["ranking"], {"rank": "第3"}, author="f")
        ranking = next(r for r in store.profile("金坛区") if r.type == "ranking")
        assert ranking.fact["rank"] == 3
        with pytest.raises(QueryError, match="projects fact: it has no unit, value"):
            store.correct(ids["projects"], {"value": "1", "unit": "CNY"}, author="f")
        with pytest.raises(QueryError, match="not a place"):
            store.correct(ids["ranking"], {"rank": "很前"}, author="f")


def test_store_corrections_commands_list_export_and_eval(two_zones: str, tmp_path: Path) -> None:
    """zhibiao corrections list / export -o gold.jsonl, then zhibiao eval on it; zhibiao reextract
    prints what changed per type."""
    from typer.testing import CliRunner

    from zhibiao.cli import app

    with Store(two_zones) as store:
        store.correct(_fact_id(store, ZONE, "一般公共预算收入"), {"value": "19.56亿元"}, author="王编辑", reason="笔误")
    runner = CliRunner()
    listed = runner.invoke(app, ["corrections", "list", "--db", two_zones, "-f", "csv"])
    assert listed.exit_code == 0 and "王编辑" in listed.output and "value=1956000000" in listed.output
    gold = tmp_path / "gold.jsonl"
    exported = runner.invoke(app, ["corrections", "export", "-o", str(gold), "--db", two_zones])
    assert exported.exit_code == 0 and "1 corrected documents" in exported.output
    scored = runner.invoke(app, ["eval", str(gold), str(gold)])
    assert scored.exit_code == 0 and "indicator" in scored.output
    with Store(two_zones) as store, store.engine.begin() as conn:
        conn.execute(update(FactRow).values(signature="old"))
    shown = runner.invoke(app, ["reextract", "--db", two_zones, "--where", "doc_id=hua*"])
    assert shown.exit_code == 0, shown.output
    assert "1 documents re-extracted, 1 changed" in shown.output and "indicator" in shown.output
    again = runner.invoke(app, ["reextract", "--db", two_zones, "--where", "doc_id=hua*"])
    assert again.exit_code == 0 and "1 documents re-extracted, 0 changed: no fact added" in again.output
    with Store(two_zones) as store:   # the correction applied again to the facts made anew
        assert [r.value for r in store.compare("一般公共预算收入", "2023H1") if r.zone == ZONE] == [1956000000]


def test_store_corrections_assigned_zone_survives_a_taxonomy_refresh(db_url: str, write: Any) -> None:
    """Re-resolving the stored zone ids (the zone table changed) keeps a document's assigned zone
    on the facts whose subject names no known zone."""
    from zhibiao.store.db import info_set

    path = write("bare.txt", BARE)
    with Store(db_url) as store:
        store.ingest([path], published="2023-07-19", zone="淮安经开区")
        with store.engine.begin() as conn:
            conn.execute(update(FactRow).values(zone_id="旧名"))
            info_set(conn, "taxonomy", "old")
    with Store(db_url) as store:
        assert [r.zone for r in store.compare("一般公共预算收入", "2023H1")] == [ZONE]
