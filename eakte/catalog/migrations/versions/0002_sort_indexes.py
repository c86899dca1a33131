"""Indexes in the order pages are read: filter columns, then document date (undated first), then document_id.

A page sorted by date then walks one index and stops after the page instead of sorting every match
(`ORDER BY document_date DESC NULLS LAST, document_id DESC` is the backward scan of
`document_date NULLS FIRST, document_id`). SQLite sorts NULL lowest, so plain columns do the same there.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

# name: (leading filter columns, replaced index)
_SORTED = {
    "documents_type_date": (["doc_type"], "documents_type_date"),
    "documents_subtype_date": (["doc_subtype"], "documents_subtype_date"),
    "documents_court": (["court_type", "court_place_folded"], "documents_court"),
    "documents_date": ([], "documents_date"),
}


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    date = sa.text("document_date NULLS FIRST") if pg else "document_date"
    for name, (lead, old) in _SORTED.items():
        op.drop_index(old, table_name="documents")
        op.create_index(name, "documents", [*lead, date, "document_id"])


def downgrade() -> None:
    for name, (lead, old) in _SORTED.items():
        op.drop_index(name, table_name="documents")
        op.create_index(old, "documents", [*lead, "document_date"])
