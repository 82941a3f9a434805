"""The question layer (zhibiao.store.queries through Store): compare, profile, pipeline, conflicts.

Most corpora here carry their own gold facts (the gold_extractor fixture), so that the counting
rules are tested apart from the extractor; the bundled samples and the dev corpus also run
through the real extractor.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from zhibiao.errors import QueryError
from zhibiao.store import Store

WriteJsonl = Callable[[str, list[Any]], Path]
BatchExtract = Callable[[list[Any]], list[Any]]

H1 = "2023-01/2023-06"
H1_2022 = "2022-01/2022-06"


def _doc(doc_id: str, published: str, *facts: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A report whose text is its facts' quotes, with offsets filled in."""
    text = prefix
    out = []
    for fact in facts:
        start = len(text)
        text += fact["quote"] + "。"
        out.append({**fact, "start": start, "end": start + len(fact["quote"])})
    return {"doc_id": doc_id, "published": published, "text": text, "facts": out}


def _ind(subject: str | None, name: str, value: int | float | None, pct: float | None = None, *,
         period: str | None = H1, unit: str | None = "CNY", qualifier: str | None = None,
         quote: str | None = None) -> dict[str, Any]:
    change = {"basis": "yoy", "pct": pct} if pct is not None else None
    shown = f"{value / 1e8:g}亿元" if value is not None and unit == "CNY" else str(value or "")
    growth = f"、同比增长{pct}%" if pct is not None else ""
    return {"type": "indicator", "subject": subject, "name": name, "period": period,
            "value": value, "unit": unit if value is not None else None, "change": change,
            "qualifier": qualifier, "parent": None,
            "quote": quote or f"{subject or ''}{name}{shown}{growth}"}


def _projects(subject: str, stage: str, count: int | None, investment: int | None,
              min_investment: int | None = None, period: str = H1, currency: str | None = None) -> dict[str, Any]:
    fact = {"type": "projects", "subject": subject, "period": period, "stage": stage, "category": None,
            "min_investment": min_investment, "count": count, "investment": investment, "qualifier": None,
            "quote": f"{subject}{stage}项目{count}个{investment or ''}{currency or ''}"}
    if currency is not None:
        fact["currency"] = currency
    return fact


ZONES_2023H1 = [
    _doc("huaian", "2023-07-19", _ind("淮安经济技术开发区", "一般公共预算收入", 1856000000, 36.7)),
    _doc("yancheng", "2023-07-20", _ind("盐城经开区", "一般预算收入", 2010000000, 10.2)),
    # a growth rate only, stated by a separate fact: listed, not ranked
    _doc("pinghu", "2023-07-21", _ind("平湖经开区", "一般公共预算收入", None, 5.0)),
    # the same value as 盐城 (ties share a rank), and a level in another unit is not ranked
    _doc("wuhan", "2023-07-22", _ind("东湖高新区", "公共财政预算收入", 2010000000, 3.0)),
    _doc("usd", "2023-07-23", _ind("美元开发区", "一般公共预算收入", 300000000, unit="USD")),
    # a target is never compared with results; another period and another indicator stay out
    _doc("target", "2023-07-24", _ind("目标经济技术开发区", "一般公共预算收入", 9900000000, qualifier="target")),
    _doc("other", "2023-07-25", _ind("淮安经开区", "一般公共预算收入", 3000000000, period="2023-01/2023-09"),
         _ind("淮安经开区", "税收收入", 1500000000)),
    # a group of zones is not a zone
    _doc("group", "2023-07-26", _ind("49个国家级开发区", "一般公共预算收入", 99000000000)),
]


@pytest.fixture
def zones_store(db_url: str, write_jsonl: WriteJsonl, gold_extractor: BatchExtract) -> Store:
    store = Store(db_url, extract_batch=gold_extractor)
    assert store.ingest([write_jsonl("zones.jsonl", ZONES_2023H1)]).stored == len(ZONES_2023H1)
    return store


def test_store_queries_compare_ranks_zones(zones_store: Store) -> None:
    with zones_store as store:
        rows = store.compare("一般公共预算收入", "2023H1")
    got = [(r.rank, r.zone, r.value, r.unit, r.change_pct, r.source.doc_id) for r in rows]
    assert got == [
        # equal values share a rank; the faster-growing zone is listed first
        (1, "盐城经济技术开发区", Decimal(2010000000), "CNY", Decimal("10.2"), "yancheng"),
        (1, "东湖高新技术产业开发区", Decimal(2010000000), "CNY", Decimal(3), "wuhan"),
        (3, "淮安经济技术开发区", Decimal(1856000000), "CNY", Decimal("36.7"), "huaian"),
        (None, "平湖经济技术开发区", None, None, Decimal(5), "pinghu"),
        (None, "美元开发区", Decimal(300000000), "USD", None, "usd"),
    ]
    huaian = rows[2]
    assert huaian.source.quote == "淮安经济技术开发区一般公共预算收入18.56亿元、同比增长36.7%"
    assert huaian.source.published == "2023-07-19" and huaian.period == "2023H1"
    assert {r.indicator_id for r in rows} == {"general_budget_revenue"}


@pytest.mark.parametrize(("indicator", "period", "zones"), [
    ("一般预算收入", "2023H1", 5),
    ("general_budget_revenue", "2023年上半年", 5),
    ("公共财政预算收入", "2023-01/2023-06", 5),
    ("一般公共预算收入", "2023Q1-3", 1),
    ("一般公共预算收入", "2023", 0),
    ("税收", "2023H1", 1),
])
def test_store_queries_compare_accepts_aliases_and_period_forms(zones_store: Store, indicator: str, period: str,
                                                                zones: int) -> None:
    with zones_store as store:
        assert len(store.compare(indicator, period)) == zones


@pytest.mark.parametrize(("indicator", "period", "message"), [
    ("预算收入", "2023H1", "unknown indicator '预算收入'; did you mean"),
    ("一般公共预算收入", "2023H3", "period '2023H3' not understood"),
])
def test_store_queries_compare_bad_questions(zones_store: Store, indicator: str, period: str, message: str) -> None:
    with zones_store as store, pytest.raises(QueryError, match=message):
        store.compare(indicator, period)


def test_store_queries_compare_df(zones_store: Store) -> None:
    with zones_store as store:
        frame = store.compare_df("一般公共预算收入", "2023H1")
    assert list(frame["zone"])[:3] == ["盐城经济技术开发区", "东湖高新技术产业开发区", "淮安经济技术开发区"]
    assert frame.loc[2, "value"] == 1856000000.0 and frame.loc[2, "change_pct"] == 36.7
    assert frame.loc[2, "quote"].startswith("淮安经济技术开发区一般公共预算收入")


def test_store_queries_compare_seed_report_with_real_extractor(db_url: str, samples_dir: Path) -> None:
    with Store(db_url) as store:
        store.ingest([samples_dir])
        rows = store.compare("一般公共预算收入", "2023H1")
    assert [(r.zone, r.value, r.change_pct, r.rank, r.source.doc_id, r.source.quote) for r in rows] == [
        ("淮安经济技术开发区", Decimal(1856000000), Decimal("36.7"), 1, "000_74faa45ff7a60390",
         "一般公共预算收入18.56亿元、同比增长36.7%")]


def test_store_queries_profile_by_alias(zones_store: Store) -> None:
    with zones_store as store:
        rows = store.profile("淮安经开区")
        again = store.profile("淮安经济技术开发区")
    assert rows == again
    got = [(r.group, r.period, r.fact["value"], r.source.doc_id) for r in rows]
    # taxonomy order (一般公共预算收入 before 税收收入), then time
    assert got == [("一般公共预算收入", H1, Decimal(1856000000), "huaian"),
                   ("一般公共预算收入", "2023-01/2023-09", Decimal(3000000000), "other"),
                   ("税收收入", H1, Decimal(1500000000), "other")]


@pytest.mark.parametrize(("zone", "message"), [
    ("不存在区", "no facts about zone '不存在区'"),
    ("经济技术开发区", "did you mean"),
])
def test_store_queries_profile_unknown_zone(zones_store: Store, zone: str, message: str) -> None:
    with zones_store as store, pytest.raises(QueryError, match=message):
        store.profile(zone)


PIPELINE = [
    _doc("p1", "2023-07-19", _projects("淮安经开区", "signed", 49, 28063000000, 100000000),
         _projects("淮安经开区", "signed", 5, None, 10000000000), _projects("淮安经开区", "started", 12, 9000000000)),
    # another report of the same half-year repeats one figure: it is one figure, not 98 projects
    _doc("p2", "2023-07-30", _projects("淮安经济技术开发区", "signed", 49, 28063000000, 100000000), prefix="另一篇:"),
    _doc("p3", "2023-08-02", _projects("盐城经开区", "started", 37, None, 100000000)),
]


def test_store_queries_pipeline_counts_each_figure_once(db_url: str, write_jsonl: WriteJsonl,
                                                        gold_extractor: BatchExtract) -> None:
    with Store(db_url, extract_batch=gold_extractor) as store:
        store.ingest([write_jsonl("p.jsonl", PIPELINE)])
        rows = store.pipeline()
        huaian = store.pipeline("淮安经开区")
    got = [(r.zone, r.stage, r.min_investment, r.count, r.investment, r.source.doc_id, len(r.others)) for r in rows]
    assert got == [
        ("淮安经济技术开发区", "signed", Decimal(100000000), Decimal(49), Decimal(28063000000), "p2", 1),
        ("淮安经济技术开发区", "signed", Decimal(10000000000), Decimal(5), None, "p1", 0),
        ("淮安经济技术开发区", "started", None, Decimal(12), Decimal(9000000000), "p1", 0),
        ("盐城经济技术开发区", "started", Decimal(100000000), Decimal(37), None, "p3", 0),
    ]
    assert huaian == rows[:3]


@pytest.mark.parametrize(("docs", "expected"), [
    # one size class number in CNY and in USD: two figures, each in its currency, never one
    ([_doc("a", "2023-07-19", _projects("甲开发区", "signed", 12, 645000000, 10000000),
           _projects("甲开发区", "signed", 3, 645000000, 10000000, currency="USD"))],
     [("CNY", Decimal(10000000), Decimal(12), Decimal(645000000), "a", 0),
      ("USD", Decimal(10000000), Decimal(3), Decimal(645000000), "a", 0)]),
    # the USD figure alone, and from a later report than the CNY one: still two rows, the CNY first
    ([_doc("a", "2023-07-19", _projects("甲开发区", "signed", 12, 645000000, 10000000)),
      _doc("b", "2023-07-30", _projects("甲开发区", "signed", 3, 700000000, 10000000, currency="USD"), prefix="另:")],
     [("CNY", Decimal(10000000), Decimal(12), Decimal(645000000), "a", 0),
      ("USD", Decimal(10000000), Decimal(3), Decimal(700000000), "b", 0)]),
    # two reports of one USD figure: one figure in USD, the other report a further source
    ([_doc("a", "2023-07-19", _projects("甲开发区", "signed", 3, 645000000, None, currency="USD")),
      _doc("b", "2023-07-30", _projects("甲开发区", "signed", 3, 645000000, None, currency="USD"), prefix="另:")],
     [("USD", None, Decimal(3), Decimal(645000000), "b", 1)]),
    # a currency with no CNY counterpart sorts after CNY, one row per currency
    ([_doc("a", "2023-07-19", _projects("甲开发区", "signed", 2, 50000000, None, currency="USD"),
           _projects("甲开发区", "signed", 4, 90000000, None, currency="EUR"),
           _projects("甲开发区", "signed", 9, 800000000))],
     [("CNY", None, Decimal(9), Decimal(800000000), "a", 0), ("EUR", None, Decimal(4), Decimal(90000000), "a", 0),
      ("USD", None, Decimal(2), Decimal(50000000), "a", 0)]),
])
def test_store_queries_pipeline_never_merges_currencies(db_url: str, write_jsonl: WriteJsonl,
                                                        gold_extractor: BatchExtract, docs: list[dict[str, Any]],
                                                        expected: list[tuple[Any, ...]]) -> None:
    with Store(db_url, extract_batch=gold_extractor) as store:
        store.ingest([write_jsonl("p.jsonl", docs)])
        rows = store.pipeline()
    assert [(r.currency, r.min_investment, r.count, r.investment, r.source.doc_id, len(r.others))
            for r in rows] == expected
    assert all(r.to_dict()["currency"] == r.currency for r in rows)


def test_store_queries_pipeline_reads_rows_stored_before_currency_as_cny(db_url: str, write_jsonl: WriteJsonl,
                                                                         gold_extractor: BatchExtract) -> None:
    """A fact stored before revision 0004 has no currency (NULL): it is CNY, the same figure as a
    CNY fact stored since, and never the USD one."""
    docs = [_doc("old", "2023-07-19", _projects("甲开发区", "signed", 12, 645000000, 10000000)),
            _doc("new", "2023-07-30", _projects("甲开发区", "signed", 12, 645000000, 10000000),
                 _projects("甲开发区", "signed", 3, 645000000, 10000000, currency="USD"), prefix="另:")]
    with Store(db_url, extract_batch=gold_extractor) as store:
        store.ingest([write_jsonl("p.jsonl", docs)])
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE facts SET currency = NULL WHERE document_id = "
                              "(SELECT id FROM documents WHERE doc_id = 'old')"))
        rows = store.pipeline()
    assert [(r.currency, r.count, r.source.doc_id, [o.doc_id for o in r.others]) for r in rows] == [
        ("CNY", Decimal(12), "new", ["old"]), ("USD", Decimal(3), "new", [])]


CONFLICTS = [
    _doc("c-2023", "2023-07-19", _ind("淮安经开区", "一般公共预算收入", 1856000000, 36.7),
         _ind("盐城经开区", "一般公共预算收入", 2010000000, 10.2), _ind("平湖经开区", "地区生产总值", 50000000000, 8.0),
         _ind("东湖高新区", "出口", 1050000000, 20.0)),
    # consistent with 2023: 20.1 / 18.24 - 1 = +10.2%; GDP grows at comparable prices (never checked)
    _doc("c-2022", "2022-07-19", _ind("盐城经开区", "一般公共预算收入", 1824000000, period=H1_2022),
         _ind("平湖经开区", "地区生产总值", 40000000000, period=H1_2022),
         _ind("淮安经开区", "一般公共预算收入", 1600000000, period=H1_2022),
         _ind("东湖高新区", "出口", 840000000, period=H1_2022)),
    # another report: the same 淮安 figure rounded (no conflict), a different 盐城 value (conflict),
    # a different 东湖 growth rate (conflict), an estimate (not comparable with a result)
    _doc("c-other", "2023-07-28", _ind("淮安经开区", "一般公共预算收入", 1860000000, 36.7),
         _ind("盐城经开区", "一般公共预算收入", 2130000000), _ind("东湖高新区", "出口", None, 25.0),
         _ind("平湖经开区", "地区生产总值", 52000000000, qualifier="estimate")),
    # bounds: 超18亿 agrees with 18.56亿
    _doc("c-bound", "2023-07-29", _ind("淮安经开区", "一般公共预算收入", 1800000000, qualifier="at_least")),
]


def test_store_queries_conflicts_finds_planted_contradictions(db_url: str, write_jsonl: WriteJsonl,
                                                             gold_extractor: BatchExtract) -> None:
    with Store(db_url, extract_batch=gold_extractor) as store:
        store.ingest([write_jsonl("c.jsonl", CONFLICTS)])
        found = store.conflicts()
    got = sorted((c.kind, c.zone, c.indicator_id, c.period, c.a.doc_id, c.b.doc_id) for c in found)
    assert got == [
        ("change", "东湖高新技术产业开发区", "exports", "2023H1", "c-other", "c-2023"),
        # 出口 10.5亿 vs 8.4亿 is +25%: the stated +20% is contradicted, c-other's +25% is not
        ("value", "盐城经济技术开发区", "general_budget_revenue", "2023H1", "c-other", "c-2023"),
        ("yoy", "东湖高新技术产业开发区", "exports", "2023H1", "c-2023", "c-2022"),
        # 18.56 / 16 - 1 = +16.0%, stated +36.7% (and the same growth with 18.6亿 in c-other)
        ("yoy", "淮安经济技术开发区", "general_budget_revenue", "2023H1", "c-2023", "c-2022"),
        ("yoy", "淮安经济技术开发区", "general_budget_revenue", "2023H1", "c-other", "c-2022"),
    ]
    # compare marks the contradicted value only: 18.6亿 agrees with 18.56亿 and with 超18亿
    with Store(db_url, extract_batch=gold_extractor) as store:
        marked = {r.zone: r.conflict for r in store.compare("一般公共预算收入", "2023H1")}
    assert marked == {"盐城经济技术开发区": True, "淮安经济技术开发区": False}
    yoy = next(c for c in found if c.kind == "yoy" and c.a.doc_id == "c-2023" and c.zone == "淮安经济技术开发区")
    assert yoy.extra["stated_pct"] == Decimal("36.7") and yoy.extra["implied_pct"] == Decimal("16.00")
    assert "stated +36.7%" in yoy.detail


@pytest.mark.parametrize(("prior", "stated", "flagged"), [
    (1824000000, 10.2, False),   # 20.1 / 18.24 - 1 = +10.197%
    (1824000000, 10.6, False),   # within 0.15 pp + the rounding of 20.1亿 (±0.05亿: ±0.27 pp) and 10.6
    (1824000000, 10.8, True),
    (1800000000, 13.0, False),   # 18亿 may be 17.5–18.5亿: 20.1 over it is +8.6% … +14.9%
    (1800000000, 16.0, True),
    (1824000000, -10.2, True),   # a decrease stated for an increase
])
def test_store_queries_conflicts_yoy_tolerance(db_url: str, write_jsonl: WriteJsonl, gold_extractor: BatchExtract,
                                               prior: int, stated: float, flagged: bool) -> None:
    corpus = [_doc("t", "2023-07-19", _ind("盐城经开区", "一般公共预算收入", 2010000000, stated)),
              _doc("p", "2022-07-19", _ind("盐城经开区", "一般公共预算收入", prior, period=H1_2022))]
    with Store(db_url, extract_batch=gold_extractor) as store:
        store.ingest([write_jsonl("y.jsonl", corpus)])
        assert bool([c for c in store.conflicts() if c.kind == "yoy"]) is flagged


@pytest.mark.parametrize("extractor", ["gold", "real"])
def test_store_queries_no_false_conflicts_on_dev_corpus(db_url: str, dev_gold: Path, samples_dir: Path,
                                                        gold_extractor: BatchExtract, extractor: str) -> None:
    seeds = dev_gold.parent / "seeds.jsonl"
    with Store(db_url, extract_batch=gold_extractor if extractor == "gold" else None) as store:
        store.ingest([dev_gold, seeds, samples_dir])
        assert store.summary()["facts"] > 150
        assert store.conflicts() == []
