"""The server catalog: PostgreSQL with German full text (`to_tsvector('german', ...)`, GIN index).

Driver: psycopg 3 (through SQLAlchemy), which also gives the benchmark COPY for bulk loads.
Full text uses `websearch_to_tsquery`, so user input can never be a syntax error; snippets
(`ts_headline`, costly) are made only for the hits of the page shown.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from eakte.catalog import schema as S
from eakte.catalog.sql import SqlCatalog

D = S.documents


def engine_url(url: str) -> str:
    """postgresql://... → the psycopg 3 driver."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    raise ValueError("not a PostgreSQL URL")


class PostgresCatalog(SqlCatalog):
    dialect = "postgresql"

    def __init__(self, url: str, pool_size: int = 5) -> None:
        engine = sa.create_engine(engine_url(url), pool_size=pool_size, max_overflow=5, pool_pre_ping=True)
        super().__init__(engine)

    def _insert(self, table: sa.Table) -> Any:
        return pg_insert(table)

    def _tsquery(self, text: str) -> Any:
        return sa.func.websearch_to_tsquery(sa.literal_column("'german'::regconfig"), text)

    def _text_filter(self, text: str) -> tuple[Any, Any, Any, Any]:
        tsv: Any = sa.literal_column("documents.tsv")
        query = self._tsquery(text)
        return D, tsv.op("@@")(query), sa.func.ts_rank_cd(tsv, query), ()

    def _estimate(self, conn: sa.Connection, stmt: Any) -> int | None:
        compiled = stmt.compile(dialect=conn.dialect)
        plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar()
        parsed: Any = json.loads(plan) if isinstance(plan, str) else plan
        return int(parsed[0]["Plan"]["Plan Rows"]) if parsed else None

    def _snippets(self, conn: sa.Connection, text: str, ids: list[str]) -> dict[str, str]:
        headline = sa.func.ts_headline(sa.literal_column("'german'::regconfig"), D.c.body, self._tsquery(text),
                                       "StartSel=[, StopSel=], MaxWords=18, MinWords=8, MaxFragments=1")
        rows = conn.execute(sa.select(D.c.document_id, headline).where(D.c.document_id.in_(ids)))
        return {i: h for i, h in rows}
