"""Opening a store: Alembic migrations (no drift from the models), backends, errors, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text, update

from zhibiao.errors import StoreError
from zhibiao.store import Store
from zhibiao.store.db import connect, info_get, info_set, resolve_url, schema_revision
from zhibiao.store.schema import Base, FactRow, include_name


def test_store_schema_migrations_match_models(db_url: str) -> None:
    """The schema is made by the migrations only; it must be exactly what the models describe."""
    engine = connect(db_url)
    try:
        with engine.connect() as conn:
            # the full-text search indexes (revision 0003) are made by the migration only (schema.include_name)
            context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True,
                                                             "include_name": include_name})
            assert compare_metadata(context, Base.metadata) == []
            assert schema_revision(conn) == "0003"
    finally:
        engine.dispose()


def test_store_schema_open_is_idempotent(db_url: str) -> None:
    Store(db_url).close()
    with Store(db_url) as store, store.engine.connect() as conn:
        assert schema_revision(conn) == "0003"
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
            assert schema_revision(conn) == "0003"
            indexes = {ix["name"] for ix in conn.dialect.get_indexes(conn, "facts")}
    assert "ix_facts_copies" in indexes and "ix_facts_duplicate_of" not in indexes


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
