"""Initial schema: documents, facts, document errors, store info.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(500), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("source_name", sa.Text(), nullable=True),
        sa.Column("page", sa.String(50), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("n_chars", sa.Integer(), nullable=False),
        sa.Column("n_facts", sa.Integer(), nullable=False),
        sa.Column("extractor_version", sa.String(40), nullable=False),
        sa.Column("canonical_id", sa.Integer(), nullable=True),
        sa.Column("similarity", sa.Double(), nullable=True),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["canonical_id"], ["documents.id"], name="fk_documents_canonical_id_documents"),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("content_hash", name="uq_documents_content_hash"),
    )
    op.create_index("ix_documents_doc_id", "documents", ["doc_id"])
    op.create_index("ix_documents_canonical_id", "documents", ["canonical_id"])

    op.create_table(
        "facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(12), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("zone_id", sa.String(200), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("indicator_id", sa.String(64), nullable=True),
        sa.Column("period", sa.String(20), nullable=True),
        sa.Column("period_start", sa.String(7), nullable=True),
        sa.Column("period_end", sa.String(7), nullable=True),
        sa.Column("value", sa.Double(), nullable=True),
        sa.Column("unit", sa.String(20), nullable=True),
        sa.Column("change_basis", sa.String(8), nullable=True),
        sa.Column("change_pct", sa.Double(), nullable=True),
        sa.Column("change_pp", sa.Double(), nullable=True),
        sa.Column("change_abs", sa.Double(), nullable=True),
        sa.Column("qualifier", sa.String(12), nullable=True),
        sa.Column("parent", sa.Text(), nullable=True),
        sa.Column("stage", sa.String(12), nullable=True),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("min_investment", sa.Double(), nullable=True),
        sa.Column("count", sa.Double(), nullable=True),
        sa.Column("investment", sa.Double(), nullable=True),
        sa.Column("scope", sa.Text(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("top", sa.Boolean(), nullable=True),
        sa.Column("titles", sa.JSON(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("quote_start", sa.Integer(), nullable=False),
        sa.Column("quote_end", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(80), nullable=True),
        sa.Column("extractor_version", sa.String(40), nullable=False),
        sa.Column("signature", sa.String(40), nullable=False),
        sa.Column("duplicate_of", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_facts_document_id_documents",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["duplicate_of"], ["facts.id"], name="fk_facts_duplicate_of_facts"),
        sa.PrimaryKeyConstraint("id", name="pk_facts"),
    )
    op.create_index("ix_facts_indicator_period", "facts", ["indicator_id", "period_start", "period_end"])
    op.create_index("ix_facts_zone_type", "facts", ["zone_id", "type"])
    op.create_index("ix_facts_document_seq", "facts", ["document_id", "seq"])
    op.create_index("ix_facts_duplicate_of", "facts", ["duplicate_of"])

    op.create_table(
        "document_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("doc_id", sa.String(500), nullable=True),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_document_errors"),
        sa.UniqueConstraint("key", name="uq_document_errors_key"),
    )

    op.create_table(
        "store_info",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_store_info"),
    )


def downgrade() -> None:
    op.drop_table("store_info")
    op.drop_table("document_errors")
    op.drop_index("ix_facts_duplicate_of", table_name="facts")
    op.drop_index("ix_facts_document_seq", table_name="facts")
    op.drop_index("ix_facts_zone_type", table_name="facts")
    op.drop_index("ix_facts_indicator_period", table_name="facts")
    op.drop_table("facts")
    op.drop_index("ix_documents_canonical_id", table_name="documents")
    op.drop_index("ix_documents_doc_id", table_name="documents")
    op.drop_table("documents")
