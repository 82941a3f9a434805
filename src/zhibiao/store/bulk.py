"""Writing many rows at once: ids reserved ahead, then one statement per table and batch.

Storing a batch used to cost a round trip per document (its row, with ``RETURNING id``) and per
copy (its canonical document's facts). Here the ids of a batch's documents and facts are reserved
first — from the table's sequence on PostgreSQL, after the largest id on SQLite, where the store's
write lock (:func:`~zhibiao.store.db.write_lock`) keeps every other writer out until the commit —
so that every row, links between them included, is made in Python and sent at once: PostgreSQL
``COPY … FROM STDIN`` through psycopg, on SQLite a few multi-row ``INSERT``s, elsewhere one DB-API
``executemany``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Boolean, Float, Table, func, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

__all__ = ["BULK_KEY", "bulk_batch", "insert_rows", "reserve_ids"]

# The ``store_info`` key that, while a transaction holds it, makes SQLite's insert triggers of the
# full-text index and of the facts rollup stand aside (revision 0009): the writer does their work
# itself, once per batch (:func:`bulk_batch`).
BULK_KEY = "bulk_write"


def reserve_ids(conn: Connection, table: Table, n: int) -> list[int]:
    """``n`` primary keys of ``table`` that no other row has or will get, in increasing order.

    PostgreSQL: drawn from the column's sequence (safe beside any concurrent writer). Other
    databases: after the largest id, which is safe only under the store's write lock (SQLite's
    single writer lock, taken first by every writing transaction)."""
    if n <= 0:
        return []
    if conn.dialect.name == "postgresql":
        sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar_one()
        return sorted(conn.execute(text("SELECT nextval(:s) FROM generate_series(1, :n)"),
                                   {"s": sequence, "n": n}).scalars())
    top = int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())
    return list(range(top + 1, top + 1 + n))


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (values in the order of ``columns``, Python values as the models take
    them) into ``table`` in one go: ``COPY`` on PostgreSQL, multi-row inserts on SQLite
    (:func:`multirow_sizes`), ``executemany`` elsewhere.

    A value the database refuses raises the SQLAlchemy exception of the driver's error
    (IntegrityError, DataError, OperationalError…), as a statement through SQLAlchemy would."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy(conn, table, columns, rows)
        return
    statement = insert(table).compile(dialect=conn.dialect, column_keys=list(columns))
    typed = []
    for i, name in enumerate(columns):
        kind = table.c[name].type
        # numbers and flags go in as Python gives them (SQLite's REAL affinity makes an int a float,
        # as SQLAlchemy's to_float would; a bool binds as 0 or 1): their processors cost a call a value
        process = None if isinstance(kind, Float | Boolean) else kind.dialect_impl(conn.dialect).bind_processor(
            conn.dialect)
        if process is not None:
            typed.append((i, process))
    if typed:
        rows = [_processed(row, typed) for row in rows]
    if not conn.dialect.positional or statement.positiontup is None:
        raise NotImplementedError(f"bulk inserts need a positional DB-API driver, not {conn.dialect.name}")
    # the compiled statement takes its parameters in the table's column order
    where = {name: i for i, name in enumerate(columns)}
    order = [where[name] for name in statement.positiontup]
    if order != list(range(len(columns))):  # the columns were not given in the table's order
        reorder = itemgetter(*order)
        rows = [reorder(row) if len(order) > 1 else (reorder(row),) for row in rows]
    if conn.dialect.name == "sqlite":
        _insert_multirow(conn, str(statement), rows)
        return
    # SQLAlchemy takes a list of tuples (or mappings) for executemany
    params = rows if isinstance(rows, list) and isinstance(rows[0], tuple) else list(map(tuple, rows))
    conn.exec_driver_sql(str(statement), params)


# The most rows of one multi-row INSERT on SQLite. Statements of 512, 256 … 1 rows only, so that a
# connection prepares (and caches) at most ten shapes per table, whatever the batches' sizes.
ROWS_PER_STATEMENT = 512


def _insert_multirow(conn: Connection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """Execute the one-row ``INSERT … VALUES (?, …)`` ``sql`` for all ``rows`` as a few
    multi-row inserts (:func:`multirow_sizes`), the same rows in the same order.

    Python's sqlite3 ``executemany`` lets go of the interpreter lock around each row's step and
    must take it back after each: with another thread running Python (the ingester preparing the
    next batch) that wait is up to a switch interval (5 ms) per row, so the database's work hardly
    overlapped Python's. A multi-row statement runs all its rows in one step, without the lock."""
    import sqlite3

    head, one = sql.split(" VALUES ", 1)
    limit = conn.connection.driver_connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    start = 0
    for size in multirow_sizes(len(rows), max(1, limit // max(1, len(rows[0])))):
        chunk = tuple(chain.from_iterable(rows[start:start + size]))
        conn.exec_driver_sql(f"{head} VALUES {', '.join([one] * size)}", chunk)
        start += size


def multirow_sizes(n: int, most: int = ROWS_PER_STATEMENT) -> list[int]:
    """The rows of each statement that inserts ``n`` rows: as many of the largest power of two up
    to ``most`` (and :data:`ROWS_PER_STATEMENT`) as fit, then the binary digits of the rest.

    >>> multirow_sizes(1100), multirow_sizes(50), multirow_sizes(3, most=37), multirow_sizes(0)
    ([512, 512, 64, 8, 4], [32, 16, 2], [2, 1], [])
    """
    top = 1 << (max(1, min(most, ROWS_PER_STATEMENT)).bit_length() - 1)
    sizes = [top] * (n // top)
    rest = n % top
    sizes += [1 << bit for bit in reversed(range(rest.bit_length())) if rest >> bit & 1]
    return sizes


def _processed(row: Sequence[Any], typed: list[tuple[int, Any]]) -> Sequence[Any]:
    """``row`` with the values of the ``typed`` columns processed (a copy only if one is set)."""
    out: list[Any] | None = None
    for i, process in typed:
        if row[i] is not None:
            if out is None:
                out = list(row)
            out[i] = process(row[i])
    return row if out is None else out


def _copy(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    import psycopg

    quote = conn.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    as_json = [i for i, name in enumerate(columns) if isinstance(table.c[name].type, JSON)]
    raw: Any = conn.connection.driver_connection
    try:
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                if as_json and any(row[i] is not None for i in as_json):
                    row = list(row)
                    for i in as_json:
                        row[i] = None if row[i] is None else json.dumps(row[i])
                copy.write_row(row)
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, None, exc, psycopg.Error, dialect=conn.dialect) from exc


_KEY = "indicator_id, period_start, period_end"
_HAS_KEY = "f.indicator_id IS NOT NULL AND f.period_start IS NOT NULL AND f.period_end IS NOT NULL"
# A fact the rollup counts (revision 0008, queries._COUNTED): keep in sync with both.
_COUNTED = (f"{_HAS_KEY} AND f.type = 'indicator' AND f.zone_id IS NOT NULL AND f.duplicate_of IS NULL "
            "AND f.wrong = 0")
_SAME_KEY = ("z.indicator_id = fact_keys.indicator_id AND z.period_start = fact_keys.period_start "
             "AND z.period_end = fact_keys.period_end")
# What SQLite's row triggers of revision 0008 do for each inserted fact, for all the facts with ids
# in [:lo, :hi] at once: the generation raised, their keys touched at it, the zone counts added to
# (and revision 0010's per-zone generations).
_SQLITE_ROLLUP = (
    "UPDATE store_generation SET version = version + 1 WHERE id = 1",
    f"INSERT INTO fact_keys ({_KEY}, version, zones) SELECT DISTINCT f.indicator_id, f.period_start, f.period_end, "
    f"(SELECT version FROM store_generation WHERE id = 1), 0 FROM facts f WHERE f.id BETWEEN :lo AND :hi "
    f"AND {_HAS_KEY} ON CONFLICT ({_KEY}) DO UPDATE SET version = excluded.version",
    # the zones of those keys touched at it (revision 0010)
    f"INSERT INTO fact_zone_versions ({_KEY}, zone_id, version) SELECT DISTINCT f.indicator_id, f.period_start, "
    f"f.period_end, f.zone_id, (SELECT version FROM store_generation WHERE id = 1) FROM facts f "
    f"WHERE f.id BETWEEN :lo AND :hi AND {_HAS_KEY} AND f.zone_id IS NOT NULL "
    f"ON CONFLICT ({_KEY}, zone_id) DO UPDATE SET version = excluded.version",
    f"INSERT INTO fact_key_zones ({_KEY}, zone_id, facts) SELECT f.indicator_id, f.period_start, f.period_end, "
    f"f.zone_id, count(*) FROM facts f WHERE f.id BETWEEN :lo AND :hi AND {_COUNTED} "
    f"GROUP BY f.indicator_id, f.period_start, f.period_end, f.zone_id "
    f"ON CONFLICT ({_KEY}, zone_id) DO UPDATE SET facts = fact_key_zones.facts + excluded.facts",
    f"UPDATE fact_keys SET zones = (SELECT count(*) FROM fact_key_zones z WHERE {_SAME_KEY}) "
    f"WHERE ({_KEY}) IN (SELECT f.indicator_id, f.period_start, f.period_end FROM facts f "
    f"WHERE f.id BETWEEN :lo AND :hi AND {_COUNTED})",
)


@contextmanager
def bulk_batch(conn: Connection, document_ids: Sequence[int], fact_ids: Sequence[int]) -> Iterator[None]:
    """Around the inserts of a batch's ``documents`` rows ``document_ids`` and ``facts`` rows
    ``fact_ids`` (reserved by :func:`reserve_ids`, so no other row lies between the first and
    the last of each): on SQLite, do once for the batch what the row triggers would do per row
    (revision 0009) — index the documents for full-text search with one statement (FTS5 starts
    an index segment per trigger program, 2× the cost) and apply the facts to the store
    generation and the (indicator, period) rollup of revision 0008 with set-based statements.

    The ``store_info`` key :data:`BULK_KEY` that holds those triggers back is written and deleted
    in the caller's transaction: no other connection ever sees it, and a rollback or a killed
    process leaves neither the key nor half an index or rollup. Elsewhere nothing is done
    (PostgreSQL's expression index and statement triggers already work per batch)."""
    if conn.dialect.name != "sqlite" or not document_ids:
        yield
        return
    conn.execute(text("INSERT INTO store_info (key, value) VALUES (:k, '1')"), {"k": BULK_KEY})
    yield
    conn.execute(text("INSERT INTO search_documents (rowid, title, text) SELECT id, title, text FROM documents "
                      "WHERE id BETWEEN :lo AND :hi"), {"lo": min(document_ids), "hi": max(document_ids)})
    if fact_ids:
        for statement in _SQLITE_ROLLUP:
            conn.execute(text(statement), {"lo": min(fact_ids), "hi": max(fact_ids)})
    conn.execute(text("DELETE FROM store_info WHERE key = :k"), {"k": BULK_KEY})
