"""PostgreSQL: keep each document's tsvector in its row, and move the OCR text out of it instead.

A document row with its record, OCR text and tsvector is over TOAST's 2 kB threshold, and the tsvector,
the largest value, went out of line: every full-text test in a newest-first index walk then fetched it
from the TOAST table. With the tsvector stored MAIN and the text EXTERNAL, the text (read only for the
snippets of a shown page) moves out first. Applies to rows written from now on; rows written earlier keep
their layout until they are written again (a source migrated again).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE documents ALTER COLUMN tsv SET STORAGE MAIN, ALTER COLUMN body SET STORAGE EXTERNAL")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE documents ALTER COLUMN tsv SET STORAGE EXTENDED, "
                   "ALTER COLUMN body SET STORAGE EXTENDED")
