"""Corrections and assigned zones: what people changed, beside what the extractor read.

* ``corrections``: one row per change an editor made — who, when, why, the values before and
  after. ``fact_type``, ``quote_start`` and ``quote_end`` (with ``document_id``) say which fact it
  is about, so that a correction survives re-extraction (the fact rows are made anew). ``action``
  is ``edit`` (values changed), ``wrong`` (the fact is false), ``add`` (a fact the extractor
  missed) or ``zone`` (the zone of a document's unresolved facts).
* ``facts.origin``: ``extract`` (the extractor's) or ``manual`` (added by an editor);
  ``facts.wrong``: marked wrong (counted nowhere, still shown on its document);
  ``facts.original``: the extractor's values of a corrected fact (null when uncorrected) — what
  was extracted is never lost.
* ``documents.zone``: the zone of the document's facts whose subject names no known zone (given
  with ``--zone``, a JSONL record's ``zone``, or assigned on the dashboard).

Plain ``ADD COLUMN`` on both backends (see revision 0004); the new non-null columns have server
defaults, so the rows stored before read as extracted and not wrong.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("facts", sa.Column("origin", sa.String(length=10), server_default=sa.text("'extract'"),
                                     nullable=False))
    op.add_column("facts", sa.Column("wrong", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("facts", sa.Column("original", sa.JSON(), nullable=True))
    op.add_column("documents", sa.Column("zone", sa.String(length=200), nullable=True))
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("fact_type", sa.String(length=12), nullable=True),
        sa.Column("quote_start", sa.Integer(), nullable=True),
        sa.Column("quote_end", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_corrections_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index(op.f("ix_corrections_document_id"), "corrections", ["document_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_corrections_document_id"), table_name="corrections")
    op.drop_table("corrections")
    op.drop_column("documents", "zone")
    op.drop_column("facts", "original")
    op.drop_column("facts", "wrong")
    op.drop_column("facts", "origin")
