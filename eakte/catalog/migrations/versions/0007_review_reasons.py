"""Review reasons as rows, so the review queue can be filtered by reason (the record JSON holds the list).

Filled here from the stored records with the database's JSON functions.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.create_table(
        "review_reasons",
        sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.document_id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("reason", sa.String(60), nullable=False),
    )
    op.create_index("review_reasons_reason", "review_reasons", ["reason", "document_id"])
    op.create_index("review_reasons_document", "review_reasons", ["document_id"])
    pg = op.get_bind().dialect.name == "postgresql"
    # The review queue newest first walks this index (like the other filter + date indexes, 0002).
    op.create_index("documents_review_date", "documents",
                    ["review_needed", sa.text("document_date NULLS FIRST") if pg else "document_date", "document_id"])
    if pg:
        op.execute("INSERT INTO review_reasons (document_id, reason) SELECT DISTINCT document_id, "
                   "left(split_part(r, ':', 1), 60) FROM documents, "
                   "jsonb_array_elements_text(record::jsonb -> 'review' -> 'reasons') AS r")
    else:
        op.execute("INSERT INTO review_reasons (document_id, reason) SELECT DISTINCT document_id, "
                   "substr(CASE WHEN instr(r.value, ':') > 0 THEN substr(r.value, 1, instr(r.value, ':') - 1) "
                   "ELSE r.value END, 1, 60) FROM documents, json_each(documents.record, '$.review.reasons') AS r")


def downgrade() -> None:
    op.drop_index("documents_review_date", table_name="documents")
    op.drop_table("review_reasons")
