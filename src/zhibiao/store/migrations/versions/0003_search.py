"""Full-text search over the documents that finds Chinese substrings.

Chinese has no spaces between words, so word tokenizers index whole clauses as one token and
find nothing inside them. Both indexes below work on character n-grams instead, and both are
kept in sync by the database itself, whoever writes (the ingester, a later tool, a manual fix):

* SQLite: an FTS5 table with the ``trigram`` tokenizer (SQLite ≥ 3.34), an external-content
  index of ``documents`` (title, text) kept in sync by triggers. A phrase query of three or
  more characters is answered from the index; shorter queries by a scan.
* PostgreSQL: a GIN index on the expression ``zhibiao_bigrams(title || text)``, a tsvector whose
  lexemes are the character bigrams of the (ASCII-lowercased) text. A query's bigrams, all
  required, select candidates from the index; an exact ``strpos`` then keeps the true substring
  matches. A tsvector holds at most 1 MB of lexemes, so only the first 100,000 characters are
  turned into bigrams and a longer text also gets the lexeme ``zhibiao_long`` (never a bigram),
  which every query accepts as a candidate: long texts are still searched in full.

Facts are found through this index too (:func:`zhibiao.store.queries.search`): a fact's quote
is a substring of its document, so the facts that quote a text are among the facts of the
documents that contain it. Indexing the facts themselves was measured and left out: a second
index per fact row halved the store's write speed (SQLite 438 → 258 documents/s stored with
both indexes, 342 with this one; PostgreSQL 202 → 120, 190 with this one).

The objects are named ``search_*`` / ``ix_search_*`` / ``zhibiao_bigrams`` and are not part of
the SQLAlchemy models (a virtual table cannot be described there); ``schema.include_name``
tells autogenerate and the schema test to leave them out.

SQLite batch migrations copy and rename a table, which drops its triggers: a later revision that
alters ``documents`` or ``facts`` in batch mode must recreate the triggers below and rebuild the
indexes (``INSERT INTO search_documents(search_documents) VALUES ('rebuild')``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# table → (FTS5 table, indexed columns)
_SQLITE_INDEXES = {
    "documents": ("search_documents", ("title", "text")),
}

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"
# The bigrams of a text: its characters as an array (O(1) access in PL/pgSQL, where substr(body, i, 2)
# would walk the UTF-8 text from its start for every i: minutes for 100,000 characters), each with the
# next one; array_to_tsvector drops duplicates. PL/pgSQL, not SQL: an SQL function is planned again
# for every row of a multi-row insert (1.8 ms a document against 0.9 ms). Keep in sync with
# zhibiao.store.queries (_DOC_BODY, _PG_LONG): the planner uses an expression index only for the very
# same expression.
_PG_FUNCTION = f"""
CREATE FUNCTION zhibiao_bigrams(body text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    chars text[] := regexp_split_to_array(translate(left(body, 100000), '{_UPPER}', '{_LOWER}'), '');
    grams text[] := '{{}}';
BEGIN
    FOR i IN 1 .. coalesce(array_length(chars, 1), 0) - 1 LOOP
        grams := array_append(grams, chars[i] || chars[i + 1]);
    END LOOP;
    IF char_length(body) > 100000 THEN
        grams := array_append(grams, 'zhibiao_long');
    END IF;
    RETURN array_to_tsvector(grams);
END
$$
"""
_PG_INDEXES = {
    "ix_search_documents": ("documents", "(coalesce(title, '') || ' ' || text)"),
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table, (fts, columns) in _SQLITE_INDEXES.items():
            _sqlite_create(table, fts, columns)
    elif dialect == "postgresql":
        op.execute(_PG_FUNCTION)
        for name, (table, body) in _PG_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON {table} USING gin (zhibiao_bigrams{body})")
            # No planner statistics on the expression: ANALYZE (run after every ingest) would turn
            # a sample of up to 30,000 texts into bigrams each time (1.8 s instead of 0.3 s on
            # 1,500 documents); the planner then takes its default estimate for @@.
            op.execute(f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS 0")
    # Any other backend: no index; search answers by a scan.


def _sqlite_create(table: str, fts: str, columns: tuple[str, ...]) -> None:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
               "tokenize='trigram')")
    insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END")
    op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END")
    op.execute(f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} BEGIN {delete} {insert} END")
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # the rows stored before this revision


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for _table, (fts, _columns) in _SQLITE_INDEXES.items():
            for suffix in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    elif dialect == "postgresql":
        for name in _PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute("DROP FUNCTION IF EXISTS zhibiao_bigrams(text)")
