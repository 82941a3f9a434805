"""Alembic environment: runs on the connection zhibiao hands over, or on a URL for the
``alembic`` command line (``alembic -x db=URL upgrade head``, else $ZHIBIAO_DB, else
sqlite:///zhibiao.db)."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection

from zhibiao.store.schema import Base, include_name

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    # SQLite cannot ALTER most things: later migrations use batch mode (copy and rename).
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True,
                      include_name=include_name)  # the search indexes are made by hand (0003)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Two processes opening a fresh database at once: the second waits for the first.
            connection.execute(text("SELECT pg_advisory_xact_lock(7239417)"))
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate the given connection, or one opened from the URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("db") or os.environ.get("ZHIBIAO_DB") \
        or config.get_main_option("sqlalchemy.url") or "sqlite:///zhibiao.db"
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("zhibiao migrations run online only (they need a database connection)")
run_migrations_online()
