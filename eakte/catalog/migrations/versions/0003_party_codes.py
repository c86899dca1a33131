"""Each party's phonetic codes in one GIN-indexed array (PostgreSQL), and dates beside document ids.

A name search needs every word's code on the same party. As a self-join of `party_tokens` that is work
proportional to the commonest word ("Mohammed" is on a fifth of the parties); `codes @> ARRAY[...]` lets
GIN intersect the posting lists instead. `documents_id_date` lets a page of hits found through another
table (parties, file numbers, dates by role) be sorted by date from the index alone, before any record is
read. SQLite keeps searching `party_tokens`; it stores the codes as text so both schemas have the column.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE parties ADD COLUMN codes text[] NOT NULL DEFAULT '{}'")
        op.execute("UPDATE parties p SET codes = t.codes FROM (SELECT document_id, party_no, "
                   "array_agg(DISTINCT code ORDER BY code) AS codes FROM party_tokens GROUP BY 1, 2) t "
                   "WHERE t.document_id = p.document_id AND t.party_no = p.party_no")
        op.execute("CREATE INDEX parties_codes ON parties USING gin (codes)")
        op.execute("CREATE UNIQUE INDEX documents_id_date ON documents (document_id) INCLUDE (document_date)")
    else:
        op.add_column("parties", sa.Column("codes", sa.Text, nullable=False, server_default=""))
        op.execute("UPDATE parties SET codes = coalesce((SELECT group_concat(code, ' ') FROM (SELECT DISTINCT code "
                   "FROM party_tokens t WHERE t.document_id = parties.document_id AND t.party_no = parties.party_no "
                   "ORDER BY code)), '')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX documents_id_date")
    with op.batch_alter_table("parties") as batch:
        batch.drop_column("codes")
