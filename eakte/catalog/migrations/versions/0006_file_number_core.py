"""File numbers also keyed without their leading letters, so "4 K 12.458" finds "W 4 K 12.458".

Bavarian administrative courts prefix their numbers with the seat's letter ("W" Würzburg, "AN" Ansbach);
people often leave it out. `core` is the normalised key without leading letters, filled here for existing rows.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    op.add_column("file_numbers", sa.Column("core", sa.String(120), nullable=False, server_default=""))
    # The key without its leading letters (A-Z only: keys are upper case, spaces and punctuation removed).
    if pg:
        op.execute("UPDATE file_numbers SET core = substring(normalized from '^[A-Z]*(.*)$')")
        op.execute("CREATE INDEX file_numbers_core ON file_numbers (core varchar_pattern_ops, document_id)")
    else:
        op.execute("UPDATE file_numbers SET core = ltrim(normalized, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')")
        op.create_index("file_numbers_core", "file_numbers", ["core", "document_id"])


def downgrade() -> None:
    op.drop_index("file_numbers_core", table_name="file_numbers")
    with op.batch_alter_table("file_numbers") as batch:
        batch.drop_column("core")
