"""The embedded catalog: one SQLite file, FTS5 over the documents' text.

WAL mode and one connection per thread let the flow's source tasks write side by side; each
source is written in one transaction, so the catalog never shows half a source.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from eakte.catalog.base import SearchHit
from schemas.records import DocumentRecord, SourceRecord

SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    akte_id TEXT,
    pipeline_version TEXT,
    record TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (path, sha256)
);
CREATE INDEX IF NOT EXISTS sources_sha ON sources(sha256);
CREATE TABLE IF NOT EXISTS documents (
    document_id TEXT PRIMARY KEY,
    akte_id TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    first_page INTEGER NOT NULL,
    doc_type TEXT NOT NULL,
    doc_subtype TEXT,
    document_date TEXT,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_akte ON documents(akte_id);
CREATE INDEX IF NOT EXISTS documents_type ON documents(doc_type, document_date);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    document_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class SqliteCatalog:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._conn() as conn:
            conn.executescript(SCHEMA)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def get_source(self, path: str, sha256: str | None) -> SourceRecord | None:
        row = self._conn().execute(
            "SELECT record FROM sources WHERE path = ? AND sha256 = ?", (path, sha256 or "")
        ).fetchone()
        return SourceRecord.model_validate_json(row[0]) if row else None

    def first_with_sha(self, sha256: str) -> SourceRecord | None:
        row = self._conn().execute(
            "SELECT record FROM sources WHERE sha256 = ? AND status IN ('processed', 'partial') ORDER BY seq LIMIT 1",
            (sha256,),
        ).fetchone()
        return SourceRecord.model_validate_json(row[0]) if row else None

    def record_source(self, record: SourceRecord, documents: list[DocumentRecord],
                      texts: dict[str, str]) -> None:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM sources").fetchone()[0]
            old = conn.execute("SELECT seq FROM sources WHERE path = ? AND sha256 = ?",
                               (record.path, record.sha256 or "")).fetchone()
            conn.execute(
                "INSERT OR REPLACE INTO sources (path, sha256, status, akte_id, pipeline_version, record, seq) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (record.path, record.sha256 or "", record.status, record.akte_id, record.pipeline_version,
                 record.model_dump_json(), old[0] if old else seq),
            )
            if record.akte_id and record.status in ("processed", "partial"):
                ids = [r[0] for r in conn.execute("SELECT document_id FROM documents WHERE akte_id = ?",
                                                  (record.akte_id,))]
                for doc_id in ids:
                    conn.execute("DELETE FROM documents_fts WHERE document_id = ?", (doc_id,))
                conn.execute("DELETE FROM documents WHERE akte_id = ?", (record.akte_id,))
                for doc in documents:
                    conn.execute(
                        "INSERT INTO documents (document_id, akte_id, source_sha256, first_page, doc_type, "
                        "doc_subtype, document_date, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (doc.document_id, doc.akte_id, doc.source.sha256, doc.source.first_page, doc.doc_type,
                         doc.doc_subtype, doc.document_date, doc.model_dump_json()),
                    )
                    conn.execute("INSERT INTO documents_fts (document_id, text) VALUES (?, ?)",
                                 (doc.document_id, texts.get(doc.document_id, "")))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def sources(self) -> Iterator[SourceRecord]:
        for (rec,) in self._conn().execute("SELECT record FROM sources ORDER BY seq"):
            yield SourceRecord.model_validate_json(rec)

    def documents(self, akte_id: str | None = None) -> Iterator[DocumentRecord]:
        sql = "SELECT record FROM documents"
        args: tuple[str, ...] = ()
        if akte_id:
            sql += " WHERE akte_id = ?"
            args = (akte_id,)
        for (rec,) in self._conn().execute(sql + " ORDER BY akte_id, first_page", args):
            yield DocumentRecord.model_validate_json(rec)

    def search(self, text: str | None = None, doc_type: str | None = None, limit: int = 20) -> list[SearchHit]:
        conn = self._conn()
        where, args = [], []
        if doc_type:
            where.append("d.doc_type = ?")
            args.append(doc_type)
        if text and text.strip():
            terms = [t for t in re.findall(r"\w+", text, flags=re.UNICODE)]
            query = " ".join('"' + t.replace('"', "") + '"' for t in terms)
            sql = ("SELECT d.record, bm25(documents_fts) AS rank, "
                   "snippet(documents_fts, 1, '[', ']', ' … ', 12) "
                   "FROM documents_fts JOIN documents d ON d.document_id = documents_fts.document_id "
                   "WHERE documents_fts MATCH ?")
            args.insert(0, query)
            if where:
                sql += " AND " + " AND ".join(where)
            sql += " ORDER BY rank LIMIT ?"
        else:
            sql = "SELECT d.record, 0.0, NULL FROM documents d"
            if where:
                sql += " WHERE " + " AND ".join(where)
            sql += " ORDER BY d.document_date DESC LIMIT ?"
        args.append(str(limit))
        return [SearchHit(DocumentRecord.model_validate_json(r), -float(s or 0.0), snip)
                for r, s, snip in conn.execute(sql, args)]

    def set_meta(self, key: str, value: object) -> None:
        self._conn().execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, json.dumps(value)))
