"""zhibiao.store ingest: idempotent, loss-free, transactional per batch — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from zhibiao.model import EXTRACTOR_VERSION, Change, DocMeta, Document, Fact, Indicator, Person, Projects, Ranking
from zhibiao.store import Store
from zhibiao.store.dedup import content_hash
from zhibiao.store.schema import DocumentRow, FactRow

Write = Callable[[str, bytes | str], Path]
WriteJsonl = Callable[[str, list[Any]], Path]
BatchExtract = Callable[[list[Document]], list[Any]]


def _counts(store: Store) -> dict[str, int]:
    return store.summary()


def test_store_ingest_twice_stores_nothing_twice(db_url: str, samples_dir: Path, dev_gold: Path,
                                                 tmp_path: Path) -> None:
    seeds = dev_gold.parent / "seeds.jsonl"
    # The same report under another name: the same document.
    renamed = tmp_path / "renamed.txt"
    shutil.copy(samples_dir / "000_74faa45ff7a60390.txt", renamed)
    with Store(db_url) as store:
        first = store.ingest([samples_dir, dev_gold, seeds, renamed])
        after_first = _counts(store)
        second = store.ingest([samples_dir, dev_gold, seeds, renamed])
        after_second = _counts(store)
    # samples/000 and samples/003 are seeds.jsonl's seed-000 and seed-003, and renamed.txt is 000 again
    assert (first.read, first.stored, first.skipped, first.errors) == (13, 10, 3, 0)
    assert after_first["documents"] == 10 and after_first["facts"] == first.facts > 150
    assert (second.stored, second.skipped, second.facts) == (0, 13, 0)
    assert after_second == after_first


@pytest.mark.parametrize(("a", "b", "same"), [
    ("收入18.56亿元,同比增长36.7%。", "收入18.56亿元,同比增长36.7%。", True),
    ("收入18.56亿元,\r\n同比增长36.7%。", "收入18.56亿元, 同比增长36.7%。 ", True),   # spacing only
    ("收入１８.５６亿元", "收入18.56亿元", True),                                        # full-width digits
    ("收入18.56亿元", "收入18.57亿元", False),
])
def test_store_ingest_content_hash_normalises_spacing_only(a: str, b: str, same: bool) -> None:
    assert (content_hash(a) == content_hash(b)) is same


def test_store_ingest_provenance(db_url: str, samples_dir: Path) -> None:
    with Store(db_url) as store:
        store.ingest([samples_dir / "000_74faa45ff7a60390.txt"])
        with Session(store.engine) as session:
            doc = session.scalars(select(DocumentRow)).one()
            facts = session.scalars(select(FactRow).order_by(FactRow.seq)).all()
    # The e-paper trailer gives the date, title and paper of a .txt report.
    assert (doc.doc_id, doc.published, doc.source_name, doc.page) == ("000_74faa45ff7a60390", "2023-07-19",
                                                                      "淮安日报", "A06")
    assert doc.text == (samples_dir / "000_74faa45ff7a60390.txt").read_text(encoding="utf-8")
    assert facts and all(doc.text[f.quote_start:f.quote_end] == f.quote for f in facts)
    assert {f.extractor_version for f in facts} == {EXTRACTOR_VERSION}
    budget = [f for f in facts if f.indicator_id == "general_budget_revenue"]
    assert [(f.zone_id, f.period_start, f.period_end, f.value, f.unit, f.change_pct) for f in budget] == [
        ("淮安经济技术开发区", "2023-01", "2023-06", 1856000000, "CNY", 36.7)]


def _exploding(extract: BatchExtract) -> BatchExtract:
    """The gold extractor, except that a document containing EXPLODE raises."""
    def run(docs: list[Document]) -> list[Any]:
        out = extract(docs)
        return [RuntimeError("extractor bug\non two lines") if "EXPLODE" in d.text else r for d, r in zip(docs, out,
                                                                                                         strict=True)]
    return run


def test_store_ingest_bad_documents_are_recorded_and_never_stop_the_batch(
        db_url: str, write: Write, write_jsonl: WriteJsonl, gold_extractor: BatchExtract) -> None:
    corpus = write_jsonl("corpus.jsonl", [
        {"doc_id": "ok-1", "published": "2023-07-19", "text": "收入2.5亿元", "facts": []},
        '{"doc_id": "broken',
        {"doc_id": "boom", "text": "EXPLODE 收入3亿元"},
        {"doc_id": "ok-2", "text": "另一篇"},
    ])
    empty = write("empty.txt", b"")
    with Store(db_url, batch_size=2, extract_batch=_exploding(gold_extractor)) as store:
        stats = store.ingest([corpus, empty])
        errors = store.errors()
        again = store.ingest([corpus, empty])
        errors_again = store.errors()
        counts = _counts(store)
    assert (stats.read, stats.stored, stats.errors, stats.exit_code()) == (3, 2, 3, 1)
    assert sorted(e.code for e in errors) == ["E_EMPTY", "E_EXTRACT", "E_JSON"]
    explode = next(e for e in errors if e.code == "E_EXTRACT")
    assert explode.location == "boom" and "RuntimeError: extractor bug" in explode.message
    # A second run retries the failed document and records each error once, counting repeats.
    assert (again.stored, again.skipped, again.errors) == (0, 2, 3)
    assert sorted((e.code, e.count) for e in errors_again) == [("E_EMPTY", 2), ("E_EXTRACT", 2), ("E_JSON", 2)]
    assert counts["documents"] == 2


def test_store_ingest_later_success_clears_extraction_error(db_url: str, write_jsonl: WriteJsonl,
                                                            gold_extractor: BatchExtract) -> None:
    corpus = write_jsonl("c.jsonl", [{"doc_id": "boom", "text": "EXPLODE 收入3亿元"}])
    with Store(db_url, extract_batch=_exploding(gold_extractor)) as store:
        store.ingest([corpus])
        assert [e.code for e in store.errors()] == ["E_EXTRACT"]
    with Store(db_url, extract_batch=gold_extractor) as store:  # the extractor was fixed
        assert store.ingest([corpus]).stored == 1
        assert store.errors() == []


class _Interrupt:
    """A batch extractor that is interrupted (Ctrl-C) on its n-th call."""

    def __init__(self, extract: BatchExtract, on_call: int) -> None:
        self.extract, self.on_call, self.calls = extract, on_call, 0

    def __call__(self, docs: list[Document]) -> list[Any]:
        self.calls += 1
        if self.calls == self.on_call:
            raise KeyboardInterrupt
        return self.extract(docs)


def _numbered_corpus(write_jsonl: WriteJsonl, n: int) -> Path:
    records = []
    for i in range(n):
        text = f"第{i}号报告:今年上半年,甲{i}经开区完成一般公共预算收入{i + 1}.5亿元。"
        quote = f"一般公共预算收入{i + 1}.5亿元"
        start = text.index(quote)
        records.append({"doc_id": f"d{i:03d}", "published": "2023-07-19", "text": text, "facts": [
            {"type": "indicator", "subject": f"甲{i}经济技术开发区", "name": "一般公共预算收入",
             "period": "2023-01/2023-06", "value": (i + 1) * 100_000_000 + 50_000_000, "unit": "CNY",
             "change": None, "qualifier": None, "parent": None, "quote": quote, "start": start,
             "end": start + len(quote)}]})
    return write_jsonl("numbered.jsonl", records)


def test_store_ingest_interrupt_keeps_whole_batches_and_resumes(db_url: str, write_jsonl: WriteJsonl,
                                                                gold_extractor: BatchExtract) -> None:
    corpus = _numbered_corpus(write_jsonl, 10)
    with Store(db_url, batch_size=3, extract_batch=_Interrupt(gold_extractor, on_call=3)) as store, \
            pytest.raises(KeyboardInterrupt):
        store.ingest([corpus])
    with Store(db_url, batch_size=3, extract_batch=gold_extractor) as store:
        assert _counts(store)["documents"] == 6  # two whole batches, nothing of the third
        resumed = store.ingest([corpus])
        assert (resumed.skipped, resumed.stored) == (6, 4)
        with store.engine.connect() as conn:
            stored = conn.execute(select(DocumentRow.doc_id).order_by(DocumentRow.doc_id)).scalars().all()
            facts = conn.execute(select(FactRow.value).order_by(FactRow.value)).scalars().all()
    assert stored == [f"d{i:03d}" for i in range(10)]
    assert facts == [(i + 1) * 100_000_000 + 50_000_000 for i in range(10)]


def test_store_ingest_failed_write_leaves_no_half_document(db_url: str, write_jsonl: WriteJsonl,
                                                           gold_extractor: BatchExtract,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure storing one document (after its row is inserted) is that document's E_STORE error:
    it is rolled back whole (no document without its facts) and the other documents of its batch
    are stored; a later run stores it and clears the error."""
    import zhibiao.store.ingest as ingest_module

    corpus = _numbered_corpus(write_jsonl, 4)
    original_fact_values = ingest_module.fact_values
    value = ingest_module.FACT_COLUMNS.index("value")

    def failing_fact_values(d: dict[str, Any], *args: Any) -> list[Any]:
        row = original_fact_values(d, *args)
        if row[value] == 350_000_000:  # the third document: fail after its row is inserted
            raise RuntimeError("disk full")
        return row

    monkeypatch.setattr(ingest_module, "fact_values", failing_fact_values)
    with Store(db_url, batch_size=4, extract_batch=gold_extractor) as store:
        stats = store.ingest([corpus])
        assert (stats.stored, stats.errors) == (3, 1)
        (error,) = stats.error_list
        assert (error.where, error.code, error.detail) == ("d002", "E_STORE", "RuntimeError: disk full")
        assert _counts(store) == {"documents": 3, "copies": 0, "facts": 3, "counted_facts": 3, "errors": 1}
        with Session(store.engine) as session:
            assert sorted(session.scalars(select(DocumentRow.doc_id))) == ["d000", "d001", "d003"]
        monkeypatch.setattr(ingest_module, "fact_values", original_fact_values)
        assert store.ingest([corpus]).stored == 1
        assert _counts(store) == {"documents": 4, "copies": 0, "facts": 4, "counted_facts": 4, "errors": 0}


def test_store_ingest_database_failure_rolls_back_the_batch(db_url: str, write_jsonl: WriteJsonl,
                                                            gold_extractor: BatchExtract,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure of the database itself (OperationalError: locked, gone, full) is no document's
    fault: it ends the run, and the batch is rolled back whole."""
    from sqlalchemy.exc import OperationalError

    import zhibiao.store.ingest as ingest_module

    corpus = _numbered_corpus(write_jsonl, 4)
    original_insert_rows = ingest_module.insert_rows

    def failing_insert_rows(conn: Any, table: Any, columns: Any, rows: Any) -> None:
        original_insert_rows(conn, table, columns, rows)  # the documents are written, then the facts fail
        if table.name == "facts":
            raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(ingest_module, "insert_rows", failing_insert_rows)
    with Store(db_url, batch_size=4, extract_batch=gold_extractor) as store:
        with pytest.raises(OperationalError, match="disk is full"):
            store.ingest([corpus])
        assert _counts(store)["documents"] == 0
        assert store._ingester._index is not None and len(store._ingester._index) == 0


def test_store_ingest_row_the_database_refuses_is_that_documents_error(db_url: str) -> None:
    """A document whose row the database itself refuses (PostgreSQL: a page label longer than its
    varchar(50); the batch goes in by COPY, which fails whole) is that document's E_STORE error
    naming the database's reason, and the others of its batch are stored. SQLite does not bound
    string lengths: there it is stored."""
    def extract(docs: list[Document]) -> list[tuple[DocMeta, list[Fact]]]:
        return [(DocMeta(page="版" * 60 if d.doc_id == "b" else "A1"), []) for d in docs]

    docs = [Document(doc_id=name, text=f"{name}报告正文") for name in ("a", "b", "c")]
    with Store(db_url, extract_batch=extract) as store:
        stats = store.ingest_documents(docs)
        with store.engine.connect() as conn:
            stored = conn.execute(select(DocumentRow.doc_id).order_by(DocumentRow.id)).scalars().all()
    if db_url.startswith("postgresql"):
        (error,) = stats.error_list
        assert (error.where, error.code) == ("b", "E_STORE") and "too long" in (error.detail or "")
        assert (stats.stored, stored) == (2, ["a", "c"])
    else:
        assert (stats.stored, stats.errors, stored) == (3, 0, ["a", "b", "c"])


def test_store_ingest_documents_api(db_url: str) -> None:
    """Already-read documents (e.g. from zhibiao.batch) go in through ingest_documents."""
    def extract(docs: list[Document]) -> list[tuple[DocMeta, list[Fact]]]:
        return [(DocMeta(title=f"T{d.doc_id}"), []) for d in docs]

    with Store(db_url, extract_batch=extract) as store:
        stats = store.ingest_documents([Document(doc_id="a", text="甲"), Document(doc_id="b", text="乙")])
        with store.engine.connect() as conn:
            titles = conn.execute(select(DocumentRow.title).order_by(DocumentRow.id)).scalars().all()
    assert stats.stored == 2 and titles == ["Ta", "Tb"]


def test_store_ingest_stats_json_shape(db_url: str, samples_dir: Path) -> None:
    with Store(db_url) as store:
        stats = store.ingest([samples_dir])
    data = json.loads(json.dumps(stats.to_dict()))
    assert set(data) == {"read", "stored", "skipped", "copies", "facts", "duplicate_facts", "errors", "batches",
                         "seconds"}
    assert data["stored"] == 2 and data["batches"] == 1


def test_store_ingest_keeps_currency_and_last_places(money_db: str) -> None:
    """A USD projects fact is stored and read back in USD (its amounts unconverted), a CNY one as
    CNY; a last place is stored and read back with bottom true, other places with bottom false."""
    with Store(money_db) as store:
        with Session(store.engine) as session:
            stored = [(r.type, r.investment, r.currency, r.rank, r.bottom)
                      for r in session.scalars(select(FactRow).order_by(FactRow.seq))]
        profile = store.profile("淮安经开区")
    assert stored == [
        ("projects", 645000000, "CNY", None, None),
        ("projects", 645000000, "USD", None, None),
        ("ranking", None, None, None, True),
        ("ranking", None, None, 1, False),
        ("indicator", None, None, None, None),
    ]
    read = sorted((r.fact["quote"], r.fact.get("currency"), r.fact.get("bottom")) for r in profile
                  if r.type != "indicator")
    assert read == [
        ("一般公共预算收入增速全市第一", None, False),
        ("实际使用外资增速全市倒数第一", None, True),
        ("签约1000万元以上项目12个、总投资6.45亿元", "CNY", None),
        ("签约1000万美元以上项目3个、协议总投资6.45亿美元", "USD", None),
    ]
    usd = next(r.fact for r in profile if r.fact.get("currency") == "USD")
    assert (usd["investment"], usd["min_investment"]) == (645000000, 10000000)


class _Recording:
    """A batch extractor that records which documents it extracted, in which thread."""

    def __init__(self, extract: BatchExtract) -> None:
        self.extract, self.docs, self.threads = extract, [], set()  # type: ignore[var-annotated]

    def __call__(self, docs: list[Document]) -> list[Any]:
        import threading

        self.docs.extend(d.doc_id for d in docs)
        self.threads.add(threading.current_thread().name)
        return self.extract(docs)


def test_store_ingest_pipeline_writes_in_a_thread_and_in_order(db_url: str, write_jsonl: WriteJsonl,
                                                              gold_extractor: BatchExtract,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches are written by a writer thread while the next one is read and extracted in this
    one (the extractor's signal-based time budget needs the main thread); commits come in order;
    a text of the batch being written that comes again in the next batch is extracted once and
    stored once, as when batches ran one after the other."""
    import threading

    import zhibiao.store.ingest as ingest_module

    corpus = _numbered_corpus(write_jsonl, 9)
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    # d003 again (another doc_id, the same text) as the first document of the second batch
    records.insert(3, {**records[0], "doc_id": "again"})
    corpus = write_jsonl("numbered_again.jsonl", records)
    writers: list[str] = []
    original = ingest_module.Ingester._write_batch

    def recording_write(self: Any, pending: list[Any], errors: list[Any]) -> Any:
        writers.append(threading.current_thread().name)
        return original(self, pending, errors)

    monkeypatch.setattr(ingest_module.Ingester, "_write_batch", recording_write)
    extractor = _Recording(gold_extractor)
    seen: list[int] = []
    with Store(db_url, batch_size=3, extract_batch=extractor) as store:
        stats = store.ingest([corpus], on_batch=lambda s: seen.append(s.stored))
        with store.engine.connect() as conn:
            stored = conn.execute(select(DocumentRow.doc_id).order_by(DocumentRow.id)).scalars().all()
    assert (stats.read, stats.stored, stats.skipped, stats.batches) == (10, 9, 1, 4)
    assert stored == [f"d{i:03d}" for i in range(9)]  # in input order: batches committed in order
    assert extractor.docs.count("d000") == 1 and "again" not in extractor.docs
    assert extractor.threads == {threading.main_thread().name}
    assert writers and all(name.startswith("zhibiao-write") for name in writers)
    assert seen == [3, 5, 8, 9]


def test_store_ingest_pipeline_stops_at_a_failed_write(db_url: str, write_jsonl: WriteJsonl,
                                                      gold_extractor: BatchExtract,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The database failing a batch (an OperationalError: no document's fault) ends the run with
    that error; the batches before it stay, nothing of it or after it is stored, and a rerun
    stores the rest."""
    from sqlalchemy.exc import OperationalError

    import zhibiao.store.ingest as ingest_module

    corpus = _numbered_corpus(write_jsonl, 10)
    original = ingest_module._store_documents
    calls = []

    def failing(conn: Any, items: list[Any], *args: Any) -> None:
        calls.append(len(items))
        if len(calls) == 2:
            raise OperationalError("INSERT", {}, Exception("disk full"))
        original(conn, items, *args)

    monkeypatch.setattr(ingest_module, "_store_documents", failing)
    with Store(db_url, batch_size=3, extract_batch=gold_extractor) as store:
        with pytest.raises(OperationalError):
            store.ingest([corpus])
        assert _counts(store)["documents"] == 3
        monkeypatch.setattr(ingest_module, "_store_documents", original)
        resumed = store.ingest([corpus])
    assert (resumed.skipped, resumed.stored) == (3, 7)


def test_store_ingest_in_memory_sqlite_writes_in_this_thread(gold_extractor: BatchExtract,
                                                            write_jsonl: WriteJsonl) -> None:
    """An in-memory SQLite database is one connection (or one per thread): no writer thread."""
    corpus = _numbered_corpus(write_jsonl, 5)
    with Store("sqlite://", batch_size=2, extract_batch=gold_extractor) as store:
        assert not store._ingester._pipelined()
        stats = store.ingest([corpus])
        assert stats.stored == 5 and _counts(store)["documents"] == 5


_ROW_FACTS = [
    (Indicator(name="一般公共预算收入", subject="淮安经开区", period="2023-01/2023-06",
               value=Decimal("1856000000.00"), unit="CNY", change=Change(basis="yoy", pct=Decimal("36.7")),
               quote="一般公共预算收入18.56亿元、同比增长36.7%", start=3, end=25, rule="r1"),
     {"type": "indicator", "subject": "淮安经开区", "zone_id": "淮安经济技术开发区", "name": "一般公共预算收入",
      "indicator_id": "general_budget_revenue", "period": "2023-01/2023-06", "period_start": "2023-01",
      "period_end": "2023-06", "value": 1856000000, "unit": "CNY", "change_basis": "yoy", "change_pct": 36.7,
      "rule": "r1", "signature": "57a1bbae253c06e1162ee66cfa95b0b7c0e23f55"}),
    (Projects(period="2023", stage="signed", category="外资", count=Decimal(3), investment=Decimal("645000000"),
              min_investment=Decimal("10000000"), currency="USD", quote="q", start=0, end=1),
     {"type": "projects", "zone_id": "默认区", "period": "2023", "stage": "signed", "category": "外资",
      "min_investment": 10000000, "count": 3, "investment": 645000000, "currency": "USD",
      "signature": "00e54c0f142232a32e402c72fc3c9ad2e705ae31"}),
    (Ranking(indicator="实际使用外资增速", subject="某某区", period="2023-01/2023-06", rank=1, bottom=True,
             scope="全市", quote="q", start=0, end=1),
     {"type": "ranking", "subject": "某某区", "zone_id": "某某区", "name": "实际使用外资增速",
      "period": "2023-01/2023-06", "period_start": "2023-01", "period_end": "2023-06", "scope": "全市", "rank": 1,
      "bottom": True,
      "signature": "af149da675079b0f45536fcb444df11cd18c1088"}),
    (Person(name="徐子佳", titles=["市委常委", "书记"], quote="q", start=0, end=1),
     {"type": "person", "name": "徐子佳", "titles": ["市委常委", "书记"],
      "signature": "6075b8e9f5fb2e6d6e7b77974099ac2e80db2e81"}),
]


@pytest.mark.parametrize(("fact", "expected"), _ROW_FACTS)
def test_store_ingest_fact_row_values(fact: Fact, expected: dict[str, Any]) -> None:
    """A fact's row: zone and indicator resolved (the document's zone when the subject names none),
    the period split, the signature as stored by earlier versions (a re-ingest links to it); the
    bulk write's value list is the same row in the order of FACT_COLUMNS."""
    from zhibiao.store.ingest import FACT_COLUMNS, fact_row, fact_values

    row = fact_row(fact, 7, 3, "默认区")
    evidence = {"quote": fact.quote, "quote_start": fact.start, "quote_end": fact.end}
    assert row == {c: None for c in FACT_COLUMNS[1:]} | {"document_id": 7, "seq": 3,
                                                        "extractor_version": EXTRACTOR_VERSION} | evidence | expected
    assert list(row) == list(FACT_COLUMNS[1:])
    assert fact_values(fact.to_dict(), 3, "默认区", EXTRACTOR_VERSION, 7) == [None, *row.values()]
