"""An index on ``document_errors.doc_id``: every batch an ingest stores clears the errors an earlier
run recorded for its documents (``DELETE … WHERE doc_id IN (…)``), which without the index reads
the whole table — on a crawl with many failed documents, at every batch.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_document_errors_doc_id"), "document_errors", ["doc_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_document_errors_doc_id"), table_name="document_errors")
