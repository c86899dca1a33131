"""The embedded catalog: one SQLite file, FTS5 over the documents' search terms (`terms.py`, German stems).

WAL mode lets readers run beside the one writer; writes start with BEGIN IMMEDIATE so two source tasks
never deadlock upgrading a read lock, and reads use a second engine that begins deferred.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from eakte.catalog import schema as S
from eakte.catalog import textquery
from eakte.catalog.sql import SqlCatalog
from eakte.catalog.terms import fts_columns


def _engine(path: Path, begin: str) -> sa.Engine:
    # hide_parameters: SQL parameters (search words, names, file numbers) never appear in logs or errors.
    engine = sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": 60, "check_same_thread": False},
                              hide_parameters=True)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (pysqlite's own handling is wrong for this)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql(begin)

    return engine


class SqliteCatalog(SqlCatalog):
    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        super().__init__(_engine(path, "BEGIN IMMEDIATE"), _engine(path, "BEGIN"))

    def _insert(self, table: sa.Table) -> Any:
        return sqlite_insert(table)

    def _delete_text(self, conn: sa.Connection, akte_id: str) -> None:
        ids = sa.select(S.documents.c.document_id).where(S.documents.c.akte_id == akte_id)
        conn.execute(sa.delete(S.documents_fts).where(S.documents_fts.c.document_id.in_(ids)))

    def _insert_text(self, conn: sa.Connection, rows: list[tuple[str, str]]) -> None:
        if rows:
            conn.execute(sa.insert(S.documents_fts), [{"document_id": i, "text": t, **fts_columns(t)} for i, t in rows])

    def _text_filter(self, text: str) -> tuple[Any, Any, Any, Any]:
        # Only quoted terms made by textquery: user input is never FTS5 syntax.
        match = textquery.fts5(textquery.parse(text))
        fts = S.documents_fts
        source = fts.join(S.documents, S.documents.c.document_id == fts.c.document_id)
        where = sa.literal_column("documents_fts").op("MATCH")(match)
        rank = -sa.func.bm25(sa.literal_column("documents_fts"), 0.0, 0.0, 1.0, 0.5)  # terms, then tails
        return source, where, rank, (sa.literal_column("documents_fts.rowid"),)

    def _bodies(self, conn: sa.Connection, rows: list[Any]) -> dict[str, str]:
        # By rowid (the text filter's extra column): documents_fts has no index on document_id.
        rowids = {r[2]: r[0] for r in rows}
        stmt = sa.text("SELECT rowid, text FROM documents_fts WHERE rowid IN :ids").bindparams(
            sa.bindparam("ids", expanding=True))
        return {rowids[i]: t or "" for i, t in conn.execute(stmt, {"ids": list(rowids)})} if rowids else {}
