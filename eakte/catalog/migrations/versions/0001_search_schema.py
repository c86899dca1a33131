"""Search schema: sources, Akten, documents with their dates, parties, file numbers; full text; audit log.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def _doc_fk() -> sa.ForeignKey:
    return sa.ForeignKey("documents.document_id", ondelete="CASCADE")


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, server_default=""),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("akte_id", sa.String(80)),
        sa.Column("pipeline_version", sa.String(40)),
        sa.Column("processed_at", sa.String(40)),
        sa.Column("record", sa.Text, nullable=False),
        sa.UniqueConstraint("path", "sha256", name="sources_path_sha"),
    )
    op.create_index("sources_sha", "sources", ["sha256", "status"])
    op.create_table(
        "akten",
        sa.Column("akte_id", sa.String(80), primary_key=True),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("document_id", sa.String(80), primary_key=True),
        sa.Column("akte_id", sa.String(80), sa.ForeignKey("akten.akte_id", ondelete="CASCADE"), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("first_page", sa.Integer, nullable=False),
        sa.Column("last_page", sa.Integer, nullable=False),
        sa.Column("doc_type", sa.String(40), nullable=False),
        sa.Column("doc_subtype", sa.String(60)),
        sa.Column("document_date", sa.String(10)),
        sa.Column("court_type", sa.String(10)),
        sa.Column("court_place", sa.Text),
        sa.Column("court_place_folded", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("review_needed", sa.Boolean, nullable=False),
        sa.Column("pdf_key", sa.Text),
        sa.Column("text_key", sa.Text),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("body", sa.Text),
    )
    op.create_index("documents_akte", "documents", ["akte_id", "first_page"])
    op.create_index("documents_type_date", "documents", ["doc_type", "document_date"])
    op.create_index("documents_subtype_date", "documents", ["doc_subtype", "document_date"])
    op.create_index("documents_date", "documents", ["document_date"])
    op.create_index("documents_court", "documents", ["court_type", "court_place_folded", "document_date"])
    op.create_table(
        "document_dates",
        sa.Column("document_id", sa.String(80), _doc_fk(), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("value", sa.String(10), nullable=False),
        sa.Column("page", sa.Integer),
    )
    op.create_index("dates_role_value", "document_dates", ["role", "value", "document_id"])
    op.create_index("dates_document", "document_dates", ["document_id"])
    op.create_table(
        "parties",
        sa.Column("document_id", sa.String(80), _doc_fk(), primary_key=True),
        sa.Column("party_no", sa.Integer, primary_key=True),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_folded", sa.Text, nullable=False),
    )
    op.create_table(
        "party_tokens",
        sa.Column("document_id", sa.String(80), _doc_fk(), nullable=False),
        sa.Column("party_no", sa.Integer, nullable=False),
        sa.Column("token", sa.Text, nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
    )
    op.create_index("party_tokens_code", "party_tokens", ["code", "document_id", "party_no"])
    op.create_index("party_tokens_token", "party_tokens", ["token", "document_id", "party_no"])
    op.create_index("party_tokens_document", "party_tokens", ["document_id"])
    op.create_table(
        "file_numbers",
        sa.Column("document_id", sa.String(80), _doc_fk(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("normalized", sa.String(120), nullable=False),
    )
    op.create_index("file_numbers_normalized", "file_numbers", ["normalized", "document_id"])
    op.create_index("file_numbers_document", "file_numbers", ["document_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(80), nullable=False),
        sa.Column("document_id", sa.String(80), nullable=False),
        sa.Column("endpoint", sa.String(80), nullable=False),
    )
    op.create_index("audit_document", "audit_log", ["document_id", "at"])
    op.create_index("audit_at", "audit_log", ["at"])
    if pg:
        # German stemming; a stored generated column keeps the tsvector in step with the text.
        op.execute("ALTER TABLE documents ADD COLUMN tsv tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('german', coalesce(body, ''))) STORED")
        op.execute("CREATE INDEX documents_tsv ON documents USING gin (tsv)")
        # Prefix lookups of normalised file numbers ("22K3443" finds "22K344318A") under any collation.
        op.execute("CREATE INDEX file_numbers_normalized_prefix ON file_numbers (normalized varchar_pattern_ops)")
    else:
        op.execute("CREATE VIRTUAL TABLE documents_fts USING fts5("
                   "document_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')")
