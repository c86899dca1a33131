"""Source claims: a lease row per source a run is working on, so runs sharing a PostgreSQL catalog never
migrate one source twice (`eakte/catalog/claims.py`). Created on SQLite too (one schema), unused there.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.create_table(
        "source_claims",
        sa.Column("source_key", sa.String(80), primary_key=True),
        sa.Column("run_id", sa.String(40), nullable=False),
        sa.Column("host", sa.String(80), nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("source_claims_run", "source_claims", ["run_id"])


def downgrade() -> None:
    op.drop_table("source_claims")
