"""The server catalog: PostgreSQL, full text over the catalog's own German search terms (tsvector, GIN index).

Driver: psycopg 3 (through SQLAlchemy), which also gives the benchmark COPY for bulk loads.
Full text matches a tsquery built by `textquery` (quoted lexemes only, never user syntax); snippets are cut
in Python (`catalog/snippets.py`) from the text of the page's hits only.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY
from sqlalchemy.dialects.postgresql import insert as pg_insert

from eakte.catalog import schema as S
from eakte.catalog import textquery
from eakte.catalog.sql import SqlCatalog

D = S.documents
COUNT_COST = 300.0  # planner cost units (a random page read is 4) below which a capped count is run


def engine_url(url: str) -> str:
    """postgresql://... → the psycopg 3 driver."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    raise ValueError("not a PostgreSQL URL")


class PostgresCatalog(SqlCatalog):
    dialect = "postgresql"

    def __init__(self, url: str, pool_size: int = 5) -> None:
        # hide_parameters: SQL parameters (search words, names, file numbers) never appear in logs or errors.
        engine = sa.create_engine(engine_url(url), pool_size=pool_size, max_overflow=5, pool_pre_ping=True,
                                  hide_parameters=True)
        super().__init__(engine)

    def _insert(self, table: sa.Table) -> Any:
        return pg_insert(table)

    def _tsquery(self, text: str) -> Any:
        # Only quoted lexemes made by textquery: user input is never tsquery syntax.
        return sa.cast(sa.literal(textquery.tsquery(textquery.parse(text))), TSQUERY)

    def _text_filter(self, text: str) -> tuple[Any, Any, Any, Any]:
        terms: Any = D.c.terms
        query = self._tsquery(text)
        return D, terms.op("@@")(query), sa.func.ts_rank_cd(terms, query), ()

    def _plan(self, conn: sa.Connection, stmt: Any) -> dict[str, Any]:
        compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})  # IN lists
        plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar()
        parsed: Any = json.loads(plan) if isinstance(plan, str) else plan
        return dict(parsed[0]["Plan"]) if parsed else {}

    def _estimate(self, conn: sa.Connection, stmt: Any) -> int | None:
        rows = self._plan(conn, stmt).get("Plan Rows")
        return None if rows is None else int(rows)

    def _cheap(self, conn: sa.Connection, stmt: Any) -> bool:
        # Counting 1,001 entries of an index costs some tens of units; visiting 1,001 rows some thousands.
        return float(self._plan(conn, stmt).get("Total Cost", COUNT_COST + 1)) <= COUNT_COST

    def _newest(self, conn: sa.Connection, cols: list[Any], source: Any, where: list[Any], offset: int, n: int,
                text_estimate: int | None) -> list[Any]:
        """Newest-first full text in the cheapest of three plans, chosen by the planner's match estimate.

        Walking the date index and testing each document costs (documents / matches) per hit; GIN costs
        every match's posting (a bitmap of 150,000 postings alone takes longer than the target), and the
        planner's cost model does not see that. So: frequent words walk the date index; rare words take
        all matches from GIN and sort them; in between, GIN is intersected with a recent date window that
        should hold three times the page (if it holds fewer, the whole range is searched).
        """
        stmt = (sa.select(*cols).select_from(source).where(*where).order_by(*self._date_order(True))
                .limit(n).offset(offset))
        if text_estimate is None:
            return list(conn.execute(stmt))
        need, matches = offset + n, max(text_estimate, 1)
        docs = int(conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE oid = 'documents'::regclass").scalar()
                    or 0)
        if need * docs / matches <= matches / 4:
            return self._with_plan(conn, stmt, "enable_bitmapscan")
        if matches > 30 * need:
            lo, hi = conn.execute(sa.select(sa.func.min(D.c.document_date), sa.func.max(D.c.document_date))).one()
            if lo and hi:
                days = (date.fromisoformat(hi) - date.fromisoformat(lo)).days + 1
                span = int(3 * need * days / matches) + 1
                start = (date.fromisoformat(hi) - timedelta(days=span)).isoformat()
                rows = list(conn.execute(stmt.where(D.c.document_date >= start)))
                if len(rows) == n:
                    return rows
        return self._with_plan(conn, stmt, "enable_indexscan")

    def _with_plan(self, conn: sa.Connection, stmt: Any, switched_off: str) -> list[Any]:
        """Runs one statement with a planner method switched off for it alone (`SET LOCAL`, then back on)."""
        conn.exec_driver_sql(f"SET LOCAL {switched_off} = off")
        try:
            return list(conn.execute(stmt))
        finally:
            conn.exec_driver_sql(f"SET LOCAL {switched_off} = on")

    def _bodies(self, conn: sa.Connection, rows: list[Any]) -> dict[str, str]:
        ids = [r[0] for r in rows]
        return {i: b or "" for i, b in conn.execute(sa.select(D.c.document_id, D.c.body)
                                                     .where(D.c.document_id.in_(ids)))} if ids else {}

    def _party_filter(self, codes: list[str]) -> Any:
        p = S.parties
        return D.c.document_id.in_(self._fenced(sa.select(p.c.document_id).where(
            p.c.codes.op("@>")(sa.literal(codes, ARRAY(sa.Text))))))

    def _fenced(self, ids: Any) -> Any:
        # OFFSET 0 keeps PostgreSQL from pulling the sub-select up into a join it could run as a per-row
        # probe: its estimates for `@>` and date roles run high, which made it walk the date index instead.
        return ids.offset(0)
