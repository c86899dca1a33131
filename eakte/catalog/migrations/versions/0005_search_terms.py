"""Full text over search terms made in Python (German stems, compound tails), identical on both backends.

SQLite: `documents_fts` is rebuilt with the text stored but not indexed, `terms` (stems in word order:
words, phrases, prefixes) and `rterms` (stems reversed: a query word as the tail of a compound).
PostgreSQL: the generated `tsv` (to_tsvector('german', body)) is replaced by `terms`, a tsvector written by
the catalog (`terms.tsvector_literal`: stems with positions, reversed stems prefixed "~"), GIN-indexed.
Existing documents are re-indexed here, from the text the catalog already holds (no re-migration needed).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from eakte.catalog.terms import fts_columns, tsvector_literal

revision = "0005"
down_revision = "0004"
BATCH = 500


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.execute("ALTER TABLE documents ADD COLUMN terms tsvector")
        op.execute("ALTER TABLE documents ALTER COLUMN terms SET STORAGE MAIN")
        last = ""
        while True:
            rows = conn.execute(sa.text("SELECT document_id, body FROM documents WHERE document_id > :last "
                                        "ORDER BY document_id LIMIT :n"), {"last": last, "n": BATCH}).all()
            if not rows:
                break
            conn.execute(sa.text("UPDATE documents SET terms = CAST(:t AS tsvector) WHERE document_id = :i"),
                         [{"i": i, "t": tsvector_literal(b or "")} for i, b in rows])
            last = rows[-1][0]
        op.execute("DROP INDEX IF EXISTS documents_tsv")
        op.execute("ALTER TABLE documents DROP COLUMN tsv")
        op.execute("CREATE INDEX documents_terms ON documents USING gin (terms)")
        return
    op.execute("CREATE VIRTUAL TABLE documents_fts_new USING fts5(document_id UNINDEXED, text UNINDEXED, terms, "
               "rterms, tokenize = 'unicode61 remove_diacritics 0')")
    last_rowid = 0
    while True:
        rows = conn.execute(sa.text("SELECT rowid, document_id, text FROM documents_fts WHERE rowid > :last "
                                    "ORDER BY rowid LIMIT :n"), {"last": last_rowid, "n": BATCH}).all()
        if not rows:
            break
        conn.execute(sa.text("INSERT INTO documents_fts_new (document_id, text, terms, rterms) "
                             "VALUES (:document_id, :text, :terms, :rterms)"),
                     [{"document_id": i, "text": t or "", **fts_columns(t or "")} for _, i, t in rows])
        last_rowid = rows[-1][0]
    op.execute("DROP TABLE documents_fts")
    op.execute("ALTER TABLE documents_fts_new RENAME TO documents_fts")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS documents_terms")
        op.execute("ALTER TABLE documents DROP COLUMN terms")
        op.execute("ALTER TABLE documents ADD COLUMN tsv tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('german', coalesce(body, ''))) STORED")
        op.execute("CREATE INDEX documents_tsv ON documents USING gin (tsv)")
        return
    op.execute("CREATE VIRTUAL TABLE documents_fts_old USING fts5("
               "document_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')")
    op.execute("INSERT INTO documents_fts_old (document_id, text) SELECT document_id, text FROM documents_fts")
    op.execute("DROP TABLE documents_fts")
    op.execute("ALTER TABLE documents_fts_old RENAME TO documents_fts")
