"""Index only the facts that repeat another (duplicate_of IS NOT NULL).

With a full index on duplicate_of, SQLite's planner, once ANALYZE has run, used it for the
``duplicate_of IS NULL`` filter of compare — which most rows match — and scanned the whole
table (30 ms instead of 1 ms on 100,000 facts). A partial index serves the copies lookup
(``duplicate_of IN …``) and can never be chosen for ``IS NULL``; it is also smaller.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_WHERE = sa.text("duplicate_of IS NOT NULL")


def upgrade() -> None:
    op.drop_index("ix_facts_duplicate_of", table_name="facts")
    op.create_index("ix_facts_copies", "facts", ["duplicate_of"], sqlite_where=_WHERE, postgresql_where=_WHERE)


def downgrade() -> None:
    op.drop_index("ix_facts_copies", table_name="facts")
    op.create_index("ix_facts_duplicate_of", "facts", ["duplicate_of"])
