"""SQLite: the full-text index of a bulk-stored batch written by one statement, not a trigger per row.

The insert trigger of revision 0003 indexes each new document in its own trigger program. FTS5
writes the terms it holds in memory to a new index segment at the end of every such statement, so a
batch of 50 documents made 50 segments for the index to merge again: on a store-only ingest the
index took 0.75 ms a document, twice what one ``INSERT … SELECT`` over the batch takes (same rows,
same index).

The trigger now stands aside while ``store_info`` holds the key ``bulk_write``, which the
ingester (:func:`zhibiao.store.bulk.index_bulk_documents`) writes, then deletes, in the
transaction of a batch, after indexing the batch's documents itself. Any other writer (a manual
insert, a later tool) never holds the key: the trigger indexes its rows as before. The key never
outlives the transaction, so a killed ingest leaves no trace of it.

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


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate(_UNLESS_BULK)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate("")
