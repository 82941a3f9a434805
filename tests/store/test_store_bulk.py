"""Bulk inserts on SQLite: multi-row statements of a few fixed shapes, the rows as given."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import JSON, Column, Float, Integer, MetaData, String, Table, create_engine, event, select

from zhibiao.store.bulk import ROWS_PER_STATEMENT, insert_rows, multirow_sizes


@pytest.mark.parametrize("most", [1, 5, 37, 512, 10_000])
def test_store_bulk_multirow_sizes_cover_the_rows_in_few_shapes(most: int) -> None:
    """Every row in exactly one statement; each statement a power of two of rows within the
    limit, largest first; at most one statement of each size below the largest."""
    top = max(s for n in range(1, 3000) for s in multirow_sizes(n, most))
    assert top <= min(most, ROWS_PER_STATEMENT) and top & (top - 1) == 0
    for n in range(3000):
        sizes = multirow_sizes(n, most)
        assert sum(sizes) == n
        assert sizes == sorted(sizes, reverse=True)
        assert all(s & (s - 1) == 0 for s in sizes)
        smaller = [s for s in sizes if s < top]
        assert len(smaller) == len(set(smaller))


@pytest.mark.parametrize(("n", "variables"), [(1, None), (3, None), (1100, None), (1100, 100), (7, 4)])
def test_store_bulk_sqlite_insert_rows_as_given(tmp_path: Path, n: int, variables: int | None) -> None:
    """insert_rows on SQLite stores every row as given (columns in any order, JSON encoded, floats
    and None as they are), in order, also when the database allows few bound variables per
    statement; a statement is never longer than that limit allows."""
    engine = create_engine(f"sqlite:///{tmp_path / 'bulk.db'}")
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("name", String(20)),
                  Column("value", Float), Column("tags", JSON))
    table.metadata.create_all(engine)
    statements: list[int] = []  # the bound variables of each insert

    @event.listens_for(engine, "before_cursor_execute")
    def count(conn: object, cursor: object, sql: str, *_: object) -> None:
        if sql.startswith("INSERT"):
            statements.append(sql.count("?"))

    rows = [(f"名{i}", [str(i)] if i % 3 else None, i + 0.5 if i % 2 else None, i + 1) for i in range(n)]
    with engine.begin() as conn:
        if variables is not None:
            conn.connection.driver_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, variables)
        statements.clear()
        insert_rows(conn, table, ("name", "tags", "value", "id"), rows)
    with engine.connect() as conn:
        stored = conn.execute(select(table.c.name, table.c.tags, table.c.value, table.c.id).order_by(table.c.id)).all()
    assert [tuple(r) for r in stored] == rows
    assert len(statements) == len(multirow_sizes(n, (variables or 250_000) // 4))
    assert max(statements) <= (variables or 250_000)
