"""SQLite: a bulk-stored batch indexed and rolled up by a few statements, not by triggers per row.

The insert trigger of revision 0003 indexes each new document in its own trigger program. FTS5
writes the terms it holds in memory to a new index segment at the end of every such statement, so a
batch of 50 documents made 50 segments for the index to merge again: indexing the 2,000 texts of a
store-only ingest alone took 0.62 ms a document, twice what one ``INSERT … SELECT`` per batch takes
(same rows, same index). The facts insert trigger of revision 0008 runs four statements per fact (the
generation, the key, the zone count): 0.3 ms a document of 22 facts, where four set-based
statements over the batch's facts do the same.

Both triggers now stand aside while ``store_info`` holds the key ``bulk_write``, which the
ingester (:func:`zhibiao.store.bulk.bulk_batch`) writes, then deletes, in the transaction of a
batch, after doing their work itself for the batch's rows. Any other writer (a manual insert,
``ingest --facts``, a later tool) never holds the key: the triggers work for its rows as before.
The key never outlives the transaction, so a killed ingest leaves no trace of it. (The generation
is raised once per batch of facts instead of once per fact row: a cache compares it for equality
only.)

PostgreSQL (an expression index) and other databases: nothing changes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_INSERT = "INSERT INTO search_documents(rowid, title, text) VALUES (new.id, new.title, new.text);"
# Keep in sync with zhibiao.store.bulk.BULK_KEY.
_UNLESS_BULK = "WHEN NOT EXISTS (SELECT 1 FROM store_info WHERE key = 'bulk_write')"


def _recreate(when: str) -> None:
    op.execute("DROP TRIGGER IF EXISTS search_documents_insert")
    op.execute(f"CREATE TRIGGER search_documents_insert AFTER INSERT ON documents {when} BEGIN {_INSERT} END")


_FACTS_INSERT = "zhibiao_facts_insert"  # revision 0008's row trigger of the rollup
_FACTS_HEAD = "AFTER INSERT ON facts"


def _facts_trigger(old: str, new: str) -> None:
    """Recreate revision 0008's facts insert trigger with its head ``old`` replaced by ``new`` (its
    body, read from the schema, unchanged)."""
    bind = op.get_bind()
    sql = bind.exec_driver_sql(f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{_FACTS_INSERT}'"
                               ).scalar_one()
    if old not in sql:
        raise RuntimeError(f"unexpected trigger {_FACTS_INSERT}: {sql[:200]}")
    op.execute(f"DROP TRIGGER {_FACTS_INSERT}")
    op.execute(sql.replace(old, new, 1))


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate(_UNLESS_BULK)
        _facts_trigger(_FACTS_HEAD, f"{_FACTS_HEAD} {_UNLESS_BULK}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate("")
        _facts_trigger(f"{_FACTS_HEAD} {_UNLESS_BULK}", _FACTS_HEAD)
