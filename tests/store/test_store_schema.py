"""Opening a store: Alembic migrations (no drift from the models), backends, errors, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, Table, inspect, select, text, update

from zhibiao.errors import StoreError
from zhibiao.model import EXTRACTOR_VERSION, DocMeta, Document, Fact
from zhibiao.store import Store, queries
from zhibiao.store.db import connect, info_get, info_set, now, resolve_url, schema_revision
from zhibiao.store.schema import Base, DocumentRow, FactRow, include_name


def test_store_schema_migrations_match_models(db_url: str) -> None:
    """The schema is made by the migrations only; it must be exactly what the models describe."""
    engine = connect(db_url)
    try:
        with engine.connect() as conn:
            # the full-text search indexes (revision 0003) are made by the migration only (schema.include_name)
            context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True,
                                                             "include_name": include_name})
            assert compare_metadata(context, Base.metadata) == []
            assert schema_revision(conn) == "0011"
    finally:
        engine.dispose()


def test_store_schema_open_is_idempotent(db_url: str) -> None:
    Store(db_url).close()
    with Store(db_url) as store, store.engine.connect() as conn:
        assert schema_revision(conn) == "0011"
        assert info_get(conn, "taxonomy")
        tables = set(conn.dialect.get_table_names(conn))
    assert {"documents", "facts", "document_errors", "store_info", "alembic_version"} <= tables


def test_store_schema_upgrades_an_older_database(db_url: str, samples_dir: Path) -> None:
    """A store made at revision 0001 (full copies index) is upgraded on open, then works."""
    from alembic import command

    from zhibiao.store.db import _alembic_config

    engine = connect(db_url, migrate_schema=False)
    with engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    engine.dispose()
    with Store(db_url) as store:
        store.ingest([samples_dir])
        with store.engine.connect() as conn:
            assert schema_revision(conn) == "0011"
            indexes = {ix["name"] for ix in conn.dialect.get_indexes(conn, "facts")}
    assert "ix_facts_copies" in indexes and "ix_facts_duplicate_of" not in indexes


def _stored_at(db_url: str, corpus: Path, revision: str) -> None:
    """A store holding ``corpus`` as the code writes it now, then taken down to ``revision`` (the data an older
    store holds, for an upgrade test)."""
    with Store(db_url) as store:
        store.ingest([corpus])
    _migrate(db_url, "downgrade", revision)


def _migrate(db_url: str, direction: str, revision: str) -> None:
    """Run ``alembic upgrade|downgrade REVISION`` on the database, without opening a Store."""
    from alembic import command

    from zhibiao.store.db import _alembic_config

    engine = connect(db_url, migrate_schema=False)
    try:
        with engine.begin() as conn:
            config = _alembic_config()
            config.attributes["connection"] = conn
            getattr(command, direction)(config, revision)
    finally:
        engine.dispose()


_SEARCH_TRIGGERS = {"search_documents_insert", "search_documents_delete", "search_documents_update"}
# revision 0008: the store generation and the (indicator, period) rollup
_KEY_TRIGGERS = {f"zhibiao_{table}_{event}" for table in ("facts", "documents")
                 for event in ("insert", "update", "delete")}
OLD_TEXT = "旧报告:签约亿元以上项目49个,总投资280.63亿元;综合排名全市第二。"


def _no_extraction(docs: list[Document]) -> list[tuple[DocMeta, list[object]]]:
    return [(doc.meta, []) for doc in docs]  # these tests are about the schema, not the extractor


def _sqlite_triggers(conn: object) -> set[str]:
    rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))  # type: ignore[attr-defined]
    return set(rows.scalars())


def test_store_schema_0004_upgrades_a_0003_store_with_search_intact(db_url: str) -> None:
    """Revision 0004 on a store written at 0003: the facts table gains currency and bottom, the
    rows stored before read back as CNY and as no last place, and the full-text search of 0003
    still follows every write (on SQLite its triggers are still there)."""
    _migrate(db_url, "upgrade", "0003")
    engine = connect(db_url, migrate_schema=False)
    with engine.begin() as conn:   # written as zhibiao wrote at 0003: the tables as they were then
        meta = MetaData()
        documents, facts = (Table(name, meta, autoload_with=conn) for name in ("documents", "facts"))
        assert "currency" not in facts.c and "bottom" not in facts.c
        doc = conn.execute(documents.insert().returning(documents.c.id), {
            "doc_id": "old", "content_hash": "0" * 64, "text": OLD_TEXT, "n_chars": len(OLD_TEXT), "n_facts": 2,
            "extractor_version": "zhibiao-extract.v1", "ingested_at": now()}).scalar_one()
        common = {"document_id": doc, "subject": "淮安经济技术开发区", "zone_id": "淮安经济技术开发区",
                  "period": "2023-01/2023-06", "extractor_version": "zhibiao-extract.v1", "signature": "s"}
        conn.execute(facts.insert(), {
            **common, "seq": 0, "type": "projects", "stage": "signed", "min_investment": 100000000.0,
            "count": 49.0, "investment": 28063000000.0, "quote": "签约亿元以上项目49个,总投资280.63亿元",
            "quote_start": 4, "quote_end": 25})
        conn.execute(facts.insert(), {
            **common, "seq": 1, "type": "ranking", "name": "综合排名", "scope": "全市", "rank": 2, "top": False,
            "quote": "综合排名全市第二", "quote_start": 26, "quote_end": 34})
    engine.dispose()

    with Store(db_url, extract_batch=_no_extraction) as store:
        with store.engine.connect() as conn:
            assert schema_revision(conn) == "0011"
            columns = {c["name"]: c for c in inspect(conn).get_columns("facts")}
            assert columns["currency"]["nullable"] and columns["bottom"]["nullable"]
            assert conn.execute(text("SELECT count(*) FROM facts WHERE currency IS NULL AND bottom IS NULL")
                                ).scalar_one() == 2   # nothing rewritten: NULL is CNY, not a last place
            if conn.dialect.name == "sqlite":
                assert _sqlite_triggers(conn) == _SEARCH_TRIGGERS | _KEY_TRIGGERS
            view = queries.document(conn, doc)
            assert view is not None
            by_type = {f.type: f.fact for f in view.facts}
            assert by_type["projects"]["currency"] == "CNY" and by_type["ranking"]["bottom"] is False
            assert [(r.currency, r.count) for r in queries.pipeline(conn)] == [("CNY", 49)]
            assert queries.search(conn, "280.63亿元").documents_total == 1   # indexed at 0003
        store.ingest_documents([Document(doc_id="new", text="新报告:协议总投资6.45亿美元。")])
        with store.engine.begin() as conn:
            assert queries.search(conn, "协议总投资").documents_total == 1   # insert trigger
            conn.execute(text("UPDATE documents SET title = '改过的标题' WHERE doc_id = 'new'"))
            conn.execute(text("DELETE FROM facts WHERE document_id = :d"), {"d": doc})
            conn.execute(text("DELETE FROM documents WHERE id = :d"), {"d": doc})
        with store.engine.connect() as conn:
            assert queries.search(conn, "改过的标").documents_total == 1      # update trigger
            assert queries.search(conn, "280.63亿元").documents_total == 0   # delete trigger
            if conn.dialect.name == "sqlite":
                conn.execute(text("INSERT INTO search_documents(search_documents) VALUES ('integrity-check')"))


def _downgraded(db_url: str, revision: str) -> tuple[set[str], set[str], set[str] | None]:
    """A new store taken down to ``revision``: the facts table's columns, the tables, and on SQLite
    the triggers (None on PostgreSQL)."""
    Store(db_url).close()
    _migrate(db_url, "downgrade", revision)
    engine = connect(db_url, migrate_schema=False)
    try:
        with engine.connect() as conn:
            assert schema_revision(conn) == revision
            columns = {c["name"] for c in inspect(conn).get_columns("facts")}
            tables = set(conn.dialect.get_table_names(conn))
            triggers = _sqlite_triggers(conn) if conn.dialect.name == "sqlite" else None
    finally:
        engine.dispose()
    return columns, tables, triggers


def test_store_schema_0004_downgrades_to_0003_and_back(db_url: str) -> None:
    columns, _tables, triggers = _downgraded(db_url, "0003")
    assert {"currency", "bottom"}.isdisjoint(columns)
    assert triggers in (None, _SEARCH_TRIGGERS)
    with Store(db_url, extract_batch=_no_extraction) as store:
        store.ingest_documents([Document(doc_id="again", text="再次升级后的报告:实际使用外资2.8亿美元。")])
        with store.engine.connect() as conn:
            assert schema_revision(conn) == "0011"
            assert queries.search(conn, "再次升级").documents_total == 1


def test_store_schema_refuses_newer_database(db_url: str) -> None:
    Store(db_url).close()
    engine = connect(db_url, migrate_schema=False)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="revision 9999, unknown to this zhibiao"):
        Store(db_url)


def test_store_schema_sqlite_uses_wal(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


@pytest.mark.parametrize(("url", "message"), [
    ("nosuchdialect://x/y", "cannot use nosuchdialect://x/y"),
    ("postgresql+psycopg://u:secret@127.0.0.1:1/db", "cannot open postgresql+psycopg://u:***@127.0.0.1:1/db"),
    ("sqlite:////no/such/folder/z.db", "no folder /no/such/folder"),
])
def test_store_schema_bad_urls_are_store_errors(url: str, message: str) -> None:
    with pytest.raises(StoreError) as info:
        Store(url)
    assert message in str(info.value)
    assert "secret" not in str(info.value)


@pytest.mark.parametrize(("given", "env", "expected"), [
    (None, None, "sqlite:///zhibiao.db"),
    (None, "sqlite:///env.db", "sqlite:///env.db"),
    ("out/facts.db", "sqlite:///env.db", "sqlite:///out/facts.db"),
    ("postgresql+psycopg://u@h/db", None, "postgresql+psycopg://u@h/db"),
])
def test_store_schema_resolve_url(monkeypatch: pytest.MonkeyPatch, given: str | None, env: str | None,
                                  expected: str) -> None:
    if env is None:
        monkeypatch.delenv("ZHIBIAO_DB", raising=False)
    else:
        monkeypatch.setenv("ZHIBIAO_DB", env)
    assert resolve_url(given) == expected


def test_store_schema_taxonomy_change_refreshes_stored_ids(db_url: str, samples_dir: Path) -> None:
    with Store(db_url) as store:
        store.ingest([samples_dir])
        with store.engine.begin() as conn:
            # as if the facts had been stored with an older taxonomy
            conn.execute(update(FactRow).values(indicator_id=None, zone_id="旧名"))
            info_set(conn, "taxonomy", "old")
    with Store(db_url) as store, store.engine.connect() as conn:
        ids = set(conn.execute(select(FactRow.indicator_id).where(FactRow.indicator_id.is_not(None))).scalars())
        zones = set(conn.execute(select(FactRow.zone_id).where(FactRow.type != "person")).scalars())
    assert "general_budget_revenue" in ids
    assert "淮安经济技术开发区" in zones and "旧名" not in zones


def test_store_schema_import_zhibiao_loads_no_database_library() -> None:
    code = ("import sys, zhibiao, zhibiao.cli; "
            "print(sorted(m for m in ('sqlalchemy', 'alembic', 'datasketch', 'psycopg') if m in sys.modules)); "
            "zhibiao.Store; print('sqlalchemy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["[]", "True"]


def test_store_schema_0005_upgrades_a_0004_store_with_data(db_url: str) -> None:
    """Revision 0005 on a store written at 0004: its facts read as extracted and not wrong, no
    document has a zone, and the stored facts can be corrected, marked wrong and re-extracted."""
    _migrate(db_url, "upgrade", "0004")
    engine = connect(db_url, migrate_schema=False)
    with engine.begin() as conn:   # written as zhibiao wrote at 0004
        meta = MetaData()
        documents, facts = (Table(name, meta, autoload_with=conn) for name in ("documents", "facts"))
        assert "origin" not in facts.c and "zone" not in documents.c
        doc = conn.execute(documents.insert().returning(documents.c.id), {
            "doc_id": "old", "content_hash": "1" * 64, "text": OLD_TEXT, "n_chars": len(OLD_TEXT), "n_facts": 2,
            "published": "2023-07-19", "extractor_version": "zhibiao-extract.v0", "ingested_at": now()}).scalar_one()
        common = {"document_id": doc, "subject": "淮安经济技术开发区", "zone_id": "淮安经济技术开发区",
                  "period": "2023-01/2023-06", "extractor_version": "zhibiao-extract.v0", "signature": "s"}
        conn.execute(facts.insert(), {
            **common, "seq": 0, "type": "projects", "stage": "signed", "min_investment": 100000000.0,
            "count": 49.0, "investment": 28063000000.0, "currency": "CNY",
            "quote": "签约亿元以上项目49个,总投资280.63亿元", "quote_start": 4, "quote_end": 25})
        conn.execute(facts.insert(), {
            **common, "seq": 1, "type": "ranking", "name": "综合排名", "scope": "全市", "rank": 2, "top": False,
            "bottom": False, "quote": "综合排名全市第二", "quote_start": 26, "quote_end": 34})
    engine.dispose()

    with Store(db_url) as store:
        with store.engine.connect() as conn:
            assert schema_revision(conn) == "0011"
            assert conn.execute(text("SELECT count(*) FROM facts WHERE origin = 'extract' AND NOT wrong")
                                ).scalar_one() == 2
            assert queries.documents(conn)[0].zone is None
        ranking = _fact_of(store, "ranking")
        assert [r.count for r in store.pipeline()] == [49]
        store.correct(ranking, {"period": "2023"}, author="升级后")
        store.mark_wrong(_fact_of(store, "projects"), author="升级后")
        assert store.pipeline() == []
        stats = store.reextract()
        assert stats.documents == 1
        with store.engine.connect() as conn:
            assert [c.action for c in store.corrections()] == ["wrong", "edit"]
            assert conn.execute(select(DocumentRow.extractor_version)).scalar_one() == EXTRACTOR_VERSION


def _fact_of(store: Store, kind: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(FactRow.id).where(FactRow.type == kind)).scalar_one())


def test_store_schema_0005_downgrades_to_0004_and_back(db_url: str) -> None:
    columns, tables, triggers = _downgraded(db_url, "0004")
    assert "corrections" not in tables and "users" not in tables
    assert {"origin", "wrong", "original"}.isdisjoint(columns)
    assert triggers in (None, _SEARCH_TRIGGERS)
    with Store(db_url) as store, store.engine.connect() as conn:
        assert schema_revision(conn) == "0011"
        assert {"corrections", "users"} <= set(conn.dialect.get_table_names(conn))


def test_store_schema_0007_indexes_the_errors_of_a_0006_store_with_data(db_url: str) -> None:
    """Revision 0007 on a store written at 0006: its recorded errors are indexed by doc_id and kept,
    and storing the failed document later clears its error; a downgrade drops only the index."""
    _migrate(db_url, "upgrade", "0006")
    engine = connect(db_url, migrate_schema=False)
    with engine.begin() as conn:  # written as zhibiao wrote at 0006: one failed document, one other error
        errors = Table("document_errors", MetaData(), autoload_with=conn)
        for key, doc_id, code in (("a" * 64, "late", "E_EXTRACT"), ("b" * 64, None, "E_JSON")):
            conn.execute(errors.insert(), {"key": key, "location": doc_id or "c.jsonl:3", "doc_id": doc_id,
                                           "code": code, "message": "m", "count": 1, "first_seen": now(),
                                           "last_seen": now()})
        assert "ix_document_errors_doc_id" not in {ix["name"] for ix in inspect(conn).get_indexes("document_errors")}
    engine.dispose()

    def extract(docs: list[Document]) -> list[tuple[DocMeta, list[Fact]]]:
        return [(DocMeta(), []) for _ in docs]

    with Store(db_url, extract_batch=extract) as store:
        with store.engine.connect() as conn:
            assert schema_revision(conn) == "0011"
            assert "ix_document_errors_doc_id" in {ix["name"] for ix in inspect(conn).get_indexes("document_errors")}
        assert sorted(e.code for e in store.errors()) == ["E_EXTRACT", "E_JSON"]
        assert store.ingest_documents([Document(doc_id="late", text="迟到的报告")]).stored == 1
        assert [e.code for e in store.errors()] == ["E_JSON"]
    _migrate(db_url, "downgrade", "0006")
    engine = connect(db_url, migrate_schema=False)
    try:
        with engine.connect() as conn:
            assert "ix_document_errors_doc_id" not in {
                ix["name"] for ix in inspect(conn).get_indexes("document_errors")}
            assert conn.execute(text("SELECT count(*) FROM document_errors")).scalar_one() == 1
    finally:
        engine.dispose()
