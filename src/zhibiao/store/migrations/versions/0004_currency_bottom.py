"""Facts: ``currency`` of a projects fact's amounts and ``bottom`` of a ranking (a last place).

``currency`` (String(3)) is the currency investment and min_investment are written in
(协议总投资6.45亿美元 → USD); the amounts stay in it, never converted. ``bottom`` (Boolean) marks a
last place (全市倒数第一, rank null). Both are nullable: the rows stored before this revision keep
NULL, which the queries read as CNY and as not a last place.

Plain ``ADD COLUMN`` on both backends, never SQLite batch mode: batch mode copies and renames the
table, which would drop triggers (see revision 0003). SQLite ≥ 3.35 also drops a column in place,
so the downgrade needs no batch mode either.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("facts", sa.Column("currency", sa.String(length=3), nullable=True))
    op.add_column("facts", sa.Column("bottom", sa.Boolean(), nullable=True))


def downgrade() -> None:
    op.drop_column("facts", "bottom")
    op.drop_column("facts", "currency")
