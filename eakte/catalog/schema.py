"""The catalog's tables as SQLAlchemy Core metadata: what the query layer builds its SQL from.

The DDL itself lives in the Alembic migrations (`eakte/catalog/migrations/`); the test suite checks
that a migrated database has every column named here. Backend-only parts: SQLite's FTS5 table
`documents_fts`, PostgreSQL's `documents.terms` tsvector with its GIN index (both from `terms.py`).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR

metadata = sa.MetaData()


class CodeList(sa.types.TypeDecorator[list[str]]):
    """A party's phonetic name codes: text[] on PostgreSQL (GIN-indexed, `codes @> ARRAY[...]` finds a party
    with every word of a searched name), space-separated text on SQLite (which searches `party_tokens`)."""

    impl = sa.Text
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> Any:
        return dialect.type_descriptor(ARRAY(sa.Text) if dialect.name == "postgresql" else sa.Text())

    def process_bind_param(self, value: list[str] | None, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        return list(value) if dialect.name == "postgresql" else " ".join(value)

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> list[str] | None:
        if value is None:
            return None
        return list(value) if dialect.name == "postgresql" else str(value).split()


class TsVector(sa.types.TypeDecorator[str]):
    """A tsvector written in its input syntax (the catalog makes the lexemes itself; `terms.py`)."""

    impl = sa.Text
    cache_ok = True

    def bind_expression(self, bindvalue: Any) -> Any:
        return sa.cast(bindvalue, TSVECTOR)


sources = sa.Table(
    "sources", metadata,
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

akten = sa.Table(
    "akten", metadata,
    sa.Column("akte_id", sa.String(80), primary_key=True),
    sa.Column("source_sha256", sa.String(64), nullable=False),
    sa.Column("source_path", sa.Text, nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
)

documents = sa.Table(
    "documents", metadata,
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
    sa.Column("body", sa.Text),  # the OCR text (PostgreSQL; SQLite keeps it in documents_fts)
    sa.Column("terms", TsVector),  # PostgreSQL only: search terms (`terms.tsvector_literal`), GIN-indexed
)

document_dates = sa.Table(
    "document_dates", metadata,
    sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.document_id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("role", sa.String(40), nullable=False),
    sa.Column("value", sa.String(10), nullable=False),
    sa.Column("page", sa.Integer),
)

parties = sa.Table(
    "parties", metadata,
    sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.document_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("party_no", sa.Integer, primary_key=True),
    sa.Column("role", sa.String(40), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_folded", sa.Text, nullable=False),
    sa.Column("codes", CodeList, nullable=False),
)

party_tokens = sa.Table(
    "party_tokens", metadata,
    sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.document_id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("party_no", sa.Integer, nullable=False),
    sa.Column("token", sa.Text, nullable=False),
    sa.Column("code", sa.String(40), nullable=False),
)

file_numbers = sa.Table(
    "file_numbers", metadata,
    sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.document_id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("normalized", sa.String(120), nullable=False),
    sa.Column("core", sa.String(120), nullable=False, server_default=""),  # without leading letters
)

review_reasons = sa.Table(
    "review_reasons", metadata,
    sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.document_id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("reason", sa.String(60), nullable=False),  # the code (`review_reasons.REASON_LABELS`)
)

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.String(80), nullable=False),
    sa.Column("document_id", sa.String(80), nullable=False),
    sa.Column("endpoint", sa.String(80), nullable=False),
)

# SQLite only: the FTS5 table: text (stored, not indexed), its search terms and reversed terms (indexed).
documents_fts = sa.table("documents_fts", sa.column("document_id", sa.String), sa.column("text", sa.Text),
                         sa.column("terms", sa.Text), sa.column("rterms", sa.Text))

source_claims = sa.Table(
    "source_claims", metadata,
    sa.Column("source_key", sa.String(80), primary_key=True),  # the content SHA-256 (or "path:" + hash of path)
    sa.Column("run_id", sa.String(40), nullable=False),
    sa.Column("host", sa.String(80), nullable=False),
    sa.Column("pid", sa.Integer, nullable=False),
    sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)
