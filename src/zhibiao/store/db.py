"""Opening a fact store: URL handling, engine settings per backend, migrations on open.

Any SQLAlchemy URL works. The default is an embedded SQLite file ``./zhibiao.db`` in WAL mode
(readers never block the writer, and a killed writer leaves the last committed batch intact);
PostgreSQL is reached with ``postgresql+psycopg://user:pass@host:port/db`` (psycopg 3).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from zhibiao.errors import StoreError

__all__ = ["DEFAULT_URL", "connect", "migrate", "now", "resolve_url", "setup_lock", "write_lock"]

DEFAULT_URL = "sqlite:///zhibiao.db"
ENV_VAR = "ZHIBIAO_DB"


def resolve_url(url: str | None) -> str:
    """The database URL to use: ``url``, else ``$ZHIBIAO_DB``, else ``sqlite:///zhibiao.db``.

    A bare path (no ``://``) means a SQLite file there.

    >>> resolve_url("out/facts.db"), resolve_url("postgresql+psycopg://u@h/db")
    ('sqlite:///out/facts.db', 'postgresql+psycopg://u@h/db')
    """
    chosen = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in chosen:
        return f"sqlite:///{chosen}"
    return chosen


def connect(url: str | None = None, *, migrate_schema: bool = True, pool_size: int | None = None) -> Engine:
    """An engine for ``url`` (see :func:`resolve_url`), its schema migrated to the latest revision;
    ``pool_size`` connections kept open for reuse (default SQLAlchemy's 5: a server answering
    more requests at once keeps more, else each request beyond them opens and closes its own).

    Raises :class:`~zhibiao.errors.StoreError` for a malformed URL, a missing driver or a
    database that cannot be reached, with the URL's password hidden.
    """
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {resolved!r}") from exc
    shown = parsed.render_as_string(hide_password=True)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        kwargs["pool_pre_ping"] = True
    if pool_size is not None:
        kwargs["pool_size"] = pool_size
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ImportError, ArgumentError) as exc:
        raise StoreError(f"cannot use {shown}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        _sqlite_file_parent(parsed.database)
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate_schema:
        try:
            migrate(engine)
        except StoreError:
            engine.dispose()
            raise
        except OperationalError as exc:
            engine.dispose()
            raise StoreError(f"cannot open {shown}: {' '.join(str(exc.orig).split())}") from exc
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open {shown}: {type(exc).__name__}: {exc}") from exc
    return engine


def _sqlite_file_parent(database: str | None) -> None:
    if database and database != ":memory:" and not database.startswith("file:"):
        parent = os.path.dirname(os.path.abspath(database))
        if not os.path.isdir(parent):
            raise StoreError(f"cannot create the database {database}: no folder {parent}")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # WAL: readers and one writer at once; NORMAL sync is safe against a killed process
        # (only an OS crash may lose the last commits, never corrupt the file).
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
    finally:
        cursor.close()


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("zhibiao.store") / "migrations"))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest revision (``alembic upgrade head``), if it is not there.

    Refuses (StoreError) a database whose revision this version of zhibiao does not know:
    it was written by a newer zhibiao, and writing to it could lose data.
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()

    def current_revision() -> str | None:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    if current_revision() == head:
        return
    # Two processes opening a new database at once must not both create it: the second waits
    # for the first, then finds the schema made.
    with setup_lock(engine):
        current = current_revision()
        if current == head:
            return
        if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
            raise StoreError(f"the database is at schema revision {current}, unknown to this zhibiao "
                             f"(latest known: {head}); upgrade zhibiao to use it")
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")


# PostgreSQL advisory lock key of writing a batch (any 64-bit number; "zbwrite").
_WRITE_LOCK_KEY = 0x7A62_7772_6974_65


def write_lock(conn: Connection) -> None:
    """Take the store's write lock for the rest of this transaction, before reading what other
    writers stored: PostgreSQL, a transaction advisory lock; SQLite, its one writer lock, taken
    by a statement that writes nothing, as the transaction's first (a transaction that read
    first and then writes after another writer committed fails at once with "database is
    locked", without waiting)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _WRITE_LOCK_KEY})
    elif conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM store_info WHERE 1 = 0"))


# PostgreSQL advisory lock key of zhibiao's setup (any 64-bit number; this one spells "zhibiao").
_ADVISORY_KEY = 0x7A68_6962_6961_6F
_LOCK_TIMEOUT = 300.0


@contextmanager
def setup_lock(engine: Engine) -> Iterator[None]:
    """Hold the store's setup lock: only one process at a time migrates the schema or refreshes
    the stored ids. PostgreSQL: a session advisory lock; a SQLite file: a lock file beside it
    (``zhibiao.db.lock``, via filelock); an in-memory database needs none."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _ADVISORY_KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _ADVISORY_KEY})
                conn.commit()
        return
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        yield
        return
    from filelock import FileLock, Timeout

    try:
        with FileLock(os.path.abspath(database) + ".lock", timeout=_LOCK_TIMEOUT):
            yield
    except Timeout as exc:
        raise StoreError(f"another process has held the setup lock of {database} for {_LOCK_TIMEOUT:.0f} s") from exc


def schema_revision(conn: Connection) -> str | None:
    """The schema revision the database is at (None before the first migration)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def now() -> datetime:
    """The current time in UTC (the store's timestamps; never used by extraction)."""
    return datetime.now(UTC)


def info_get(conn: Connection, key: str) -> str | None:
    """A value of the ``store_info`` table."""
    from zhibiao.store.schema import InfoRow

    return conn.execute(select(InfoRow.value).where(InfoRow.key == key)).scalar_one_or_none()


def info_set(conn: Connection, key: str, value: str) -> None:
    """Set a value of the ``store_info`` table (insert or update)."""
    from zhibiao.store.schema import InfoRow

    table = InfoRow.__table__
    if info_get(conn, key) is None:
        conn.execute(table.insert().values(key=key, value=value))
    else:
        conn.execute(table.update().where(table.c.key == key).values(value=value))
