"""The catalog on SQLAlchemy Core: one schema and one query builder for SQLite and PostgreSQL.

SQLAlchemy Core (with psycopg 3 as the PostgreSQL driver) rather than raw drivers: the filters,
sorting and pagination are written once and compiled for both dialects, only full text differs
(FTS5 vs. tsvector 'german'). Each source is written in one transaction that first removes what an
earlier run stored for the same Akte, so re-writing replaces and the catalog never shows half a source.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from eakte.catalog import claims, schema, snippets, textquery, upgrade
from eakte.catalog.base import AuditEntry, CatalogError
from eakte.catalog.courts import file_number_core, file_number_query, parse_court
from eakte.catalog.normalize import file_number_key, name_keys, spell_out_umlauts
from eakte.catalog.query import COUNT_CAP, FACET_CAP, RANK_CAP, SearchHit, SearchPage, SearchQuery
from eakte.catalog.review_reasons import reason_code
from eakte.catalog.terms import tsvector_literal
from schemas.records import DOC_TYPES, DocumentRecord, SourceRecord

S = schema
D = schema.documents


def document_rows(doc: DocumentRecord, text: str, with_body: bool) -> dict[str, list[dict[str, Any]]]:
    """The rows one document record becomes, table by table (also used by the benchmark's bulk load)."""
    court = doc.court
    row = {
        "document_id": doc.document_id, "akte_id": doc.akte_id, "source_sha256": doc.source.sha256,
        "source_path": doc.source.path, "first_page": doc.source.first_page, "last_page": doc.source.last_page,
        "doc_type": doc.doc_type, "doc_subtype": doc.doc_subtype, "document_date": doc.document_date,
        "court_type": court.type if court else None, "court_place": court.place if court else None,
        "court_place_folded": spell_out_umlauts(court.place) if court and court.place else None,
        "title": doc.title, "confidence": doc.confidence, "review_needed": doc.review.needed,
        "pdf_key": doc.objects.pdf, "text_key": doc.objects.text, "record": doc.model_dump_json(),
        "body": text if with_body else None,
    }
    if with_body:
        row["terms"] = tsvector_literal(text)
    dates = [{"document_id": doc.document_id, "role": d.role, "value": d.value, "page": d.page} for d in doc.dates]
    if doc.document_date and not any(d.role == "document_date" for d in doc.dates):
        dates.append({"document_id": doc.document_id, "role": "document_date", "value": doc.document_date,
                      "page": None})
    parties, tokens = [], []
    for no, p in enumerate(doc.parties):
        keys = name_keys(p.name)
        parties.append({"document_id": doc.document_id, "party_no": no, "role": p.role, "kind": p.kind,
                        "name": p.name, "name_folded": spell_out_umlauts(p.name),
                        "codes": sorted({c for _, c in keys})})
        tokens += [{"document_id": doc.document_id, "party_no": no, "token": t, "code": c} for t, c in keys]
    numbers = [{"document_id": doc.document_id, "kind": f.kind, "value": f.value,
                "normalized": file_number_key(f.value), "core": file_number_core(file_number_key(f.value))}
               for f in doc.file_numbers if file_number_key(f.value)]
    reasons = [{"document_id": doc.document_id, "reason": code[:60]}
               for code in dict.fromkeys(reason_code(r) for r in doc.review.reasons) if code]
    return {"documents": [row], "document_dates": dates, "parties": parties, "party_tokens": tokens,
            "file_numbers": numbers, "review_reasons": reasons}


class SqlCatalog:
    """Shared implementation; subclasses supply the engine and the full-text dialect."""

    dialect = "generic"

    def __init__(self, engine: sa.Engine, read_engine: sa.Engine | None = None) -> None:
        self.engine = engine
        self.read_engine = read_engine or engine
        legacy = upgrade.upgrade(engine)
        if legacy.sources:
            self._refill(legacy)

    # -- writing ---------------------------------------------------------------------------------------

    def record_source(self, record: SourceRecord, documents: list[DocumentRecord],
                      texts: dict[str, str]) -> None:
        with self.engine.begin() as conn:
            self._upsert_source(conn, record)
            if record.akte_id and record.status in ("processed", "partial"):
                self._replace_akte(conn, record, documents, texts)
            claims.release_with_record(conn)  # the source's claim goes with its record (one transaction)

    def _upsert_source(self, conn: sa.Connection, record: SourceRecord) -> None:
        values = {"path": record.path, "sha256": record.sha256 or "", "status": record.status,
                  "akte_id": record.akte_id, "pipeline_version": record.pipeline_version,
                  "processed_at": record.processed_at, "record": record.model_dump_json()}
        stmt = self._insert(S.sources).values(**values)
        update = {k: stmt.excluded[k] for k in ("status", "akte_id", "pipeline_version", "processed_at", "record")}
        conn.execute(stmt.on_conflict_do_update(index_elements=["path", "sha256"], set_=update))

    def supersede(self, path: str, sha256: str) -> int:
        """A changed file is a new version of its source: the older records at the path name their successor."""
        with self.engine.begin() as conn:
            rows = conn.execute(sa.select(S.sources.c.id, S.sources.c.record).where(
                S.sources.c.path == path, S.sources.c.sha256 != sha256)).all()
            changed = 0
            for row_id, raw in rows:
                rec = SourceRecord.model_validate_json(raw)
                if rec.superseded_by == sha256:
                    continue
                rec.superseded_by = sha256
                conn.execute(sa.update(S.sources).where(S.sources.c.id == row_id).values(
                    record=rec.model_dump_json()))
                changed += 1
        return changed

    def _replace_akte(self, conn: sa.Connection, record: SourceRecord, documents: list[DocumentRecord],
                      texts: dict[str, str]) -> None:
        akte_id = record.akte_id
        assert akte_id is not None
        self._delete_text(conn, akte_id)
        conn.execute(sa.delete(S.akten).where(S.akten.c.akte_id == akte_id))  # cascades to documents and below
        conn.execute(sa.insert(S.akten).values(akte_id=akte_id, source_sha256=record.sha256 or "",
                                               source_path=record.path, documents=len(documents)))
        batches: dict[str, list[dict[str, Any]]] = {}
        for doc in documents:
            for table, rows in document_rows(doc, texts.get(doc.document_id, ""), self.dialect == "postgresql").items():
                batches.setdefault(table, []).extend(rows)
        for table in ("documents", "document_dates", "parties", "party_tokens", "file_numbers", "review_reasons"):
            if batches.get(table):
                conn.execute(sa.insert(S.metadata.tables[table]), batches[table])
        self._insert_text(conn, [(d.document_id, texts.get(d.document_id, "")) for d in documents])

    def _refill(self, legacy: upgrade.Legacy) -> None:
        docs: dict[str, list[tuple[DocumentRecord, str]]] = {}
        for rec, text in legacy.documents:
            doc = DocumentRecord.model_validate_json(rec)
            docs.setdefault(doc.akte_id, []).append((doc, text))
        for rec in legacy.sources:
            src = SourceRecord.model_validate_json(rec)
            mine = docs.get(src.akte_id or "", [])
            self.record_source(src, [d for d, _ in mine], {d.document_id: t for d, t in mine})

    def record_access(self, who: str, document_ids: list[str], endpoint: str) -> None:
        if not document_ids:
            return
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(sa.insert(S.audit_log), [{"at": now, "who": who, "document_id": d, "endpoint": endpoint}
                                                  for d in document_ids])

    # -- dialect hooks ---------------------------------------------------------------------------------

    def _insert(self, table: sa.Table) -> Any:
        raise NotImplementedError

    def _delete_text(self, conn: sa.Connection, akte_id: str) -> None:
        """Removes the full-text entries of an Akte's documents (SQLite keeps them outside `documents`)."""

    def _insert_text(self, conn: sa.Connection, rows: list[tuple[str, str]]) -> None:
        """Adds full-text entries (SQLite); PostgreSQL stores the text in `documents.body`."""

    def _text_filter(self, text: str) -> tuple[Any, Any, Any, Sequence[Any]]:
        """(from-clause, where, rank, extra columns) for full text; rank: higher is better."""
        raise NotImplementedError

    def _bodies(self, conn: sa.Connection, rows: list[Any]) -> dict[str, str]:
        """The OCR text of the page's hits (rows: document_id, score, extra columns), for their snippets."""
        raise NotImplementedError

    def _fenced(self, ids: Any) -> Any:
        """A sub-select of document ids the planner should run first (hashing its result), never probe per
        document while walking a date index: used for filters through other tables."""
        return ids

    def _prefix(self, column: Any, prefix: str) -> Any:
        return sa.and_(column >= prefix, column < prefix + "\U0010ffff")

    # -- reading ---------------------------------------------------------------------------------------

    def get_source(self, path: str, sha256: str | None) -> SourceRecord | None:
        with self.read_engine.connect() as conn:
            rec = conn.execute(sa.select(S.sources.c.record).where(
                S.sources.c.path == path, S.sources.c.sha256 == (sha256 or ""))).scalar()
        return SourceRecord.model_validate_json(rec) if rec else None

    def first_with_sha(self, sha256: str) -> SourceRecord | None:
        with self.read_engine.connect() as conn:
            rec = conn.execute(sa.select(S.sources.c.record).where(
                S.sources.c.sha256 == sha256, S.sources.c.status.in_(["processed", "partial"])
            ).order_by(S.sources.c.id).limit(1)).scalar()
        return SourceRecord.model_validate_json(rec) if rec else None

    def sources(self) -> Iterator[SourceRecord]:
        with self.read_engine.connect() as conn:
            recs = conn.execute(sa.select(S.sources.c.record).order_by(S.sources.c.id)).scalars().all()
        for rec in recs:
            yield SourceRecord.model_validate_json(rec)

    def documents(self, akte_id: str | None = None) -> Iterator[DocumentRecord]:
        stmt = sa.select(D.c.record).order_by(D.c.akte_id, D.c.first_page)
        if akte_id:
            stmt = stmt.where(D.c.akte_id == akte_id)
        with self.read_engine.connect() as conn:
            recs = conn.execute(stmt).scalars().all()
        for rec in recs:
            yield DocumentRecord.model_validate_json(rec)

    def document(self, document_id: str) -> DocumentRecord | None:
        with self.read_engine.connect() as conn:
            rec = conn.execute(sa.select(D.c.record).where(D.c.document_id == document_id)).scalar()
        return DocumentRecord.model_validate_json(rec) if rec else None

    def audit_entries(self, document_id: str | None = None) -> list[AuditEntry]:
        a = S.audit_log
        stmt = sa.select(a.c.at, a.c.who, a.c.document_id, a.c.endpoint).order_by(a.c.id)
        if document_id:
            stmt = stmt.where(a.c.document_id == document_id)
        with self.read_engine.connect() as conn:
            return [AuditEntry(_iso(at), who, doc, ep) for at, who, doc, ep in conn.execute(stmt)]

    def search(self, text: str | None = None, doc_type: str | None = None, limit: int = 20) -> list[SearchHit]:
        q = SearchQuery(text=text, doc_type=doc_type if doc_type in DOC_TYPES else None,  # type: ignore[arg-type]
                        limit=max(1, min(limit, 100)))
        if doc_type and doc_type not in DOC_TYPES:
            return []
        return self.query(q).hits

    def _filters(self, q: SearchQuery) -> list[Any]:
        where: list[Any] = []
        if q.doc_type:
            where.append(D.c.doc_type == q.doc_type)
        if q.doc_subtype:
            where.append(D.c.doc_subtype == q.doc_subtype.strip().lower())
        if q.akte_id:
            where.append(D.c.akte_id == q.akte_id)
        if q.review is not None:
            where.append(D.c.review_needed == q.review)
        if q.review_reason:
            rr = S.review_reasons
            where.append(D.c.document_id.in_(self._fenced(
                sa.select(rr.c.document_id).where(rr.c.reason == reason_code(q.review_reason)))))
        if q.date_from or q.date_to:
            if q.date_role in (None, "document_date"):
                col = D.c.document_date
                where += [col >= q.date_from] if q.date_from else []
                where += [col <= q.date_to] if q.date_to else []
            else:
                dd = S.document_dates
                cond = [dd.c.role == q.date_role]
                cond += [dd.c.value >= q.date_from] if q.date_from else []
                cond += [dd.c.value <= q.date_to] if q.date_to else []
                where.append(D.c.document_id.in_(self._fenced(sa.select(dd.c.document_id).where(*cond))))
        if q.court:
            where += self._court_filter(q.court)
        if q.file_number:
            key = file_number_query(q.file_number)
            if key:
                fn = S.file_numbers
                match = self._prefix(fn.c.normalized, key)
                if key[0].isdigit():  # also without the court-letter prefix: "4K12458" finds "W4K12458"
                    match = sa.or_(match, self._prefix(fn.c.core, key))
                where.append(D.c.document_id.in_(self._fenced(sa.select(fn.c.document_id).where(match))))
        if q.party:
            codes = sorted({c for _, c in name_keys(q.party)})
            if codes:
                where.append(self._party_filter(codes))
        return where

    def _party_filter(self, codes: list[str]) -> Any:
        """Every word's code on the same party: one grouped scan of the codes' index entries (no join per word,
        so a long name cannot exceed the database's join limit; PostgreSQL: a GIN lookup)."""
        t = S.party_tokens
        return D.c.document_id.in_(self._fenced(
            sa.select(t.c.document_id).where(t.c.code.in_(codes)).group_by(t.c.document_id, t.c.party_no)
            .having(sa.func.count(sa.distinct(t.c.code)) == len(codes))))

    def _court_filter(self, court: str) -> list[Any]:
        """Any common name of a court (`courts.parse_court`); a seat also matches as the start of a longer one."""
        cq = parse_court(court)
        where: list[Any] = []
        if cq.types:
            where.append(D.c.court_type.in_(cq.types))
        if cq.place:
            col = D.c.court_place_folded
            where.append(sa.or_(col == cq.place, self._prefix(col, cq.place + " ")))
        return where

    def query(self, q: SearchQuery) -> SearchPage:
        """One page of matches; a database failure is re-raised as CatalogError, without SQL or parameters."""
        try:
            return self._query(q)
        except sa.exc.SQLAlchemyError:
            raise CatalogError() from None

    def _query(self, q: SearchQuery) -> SearchPage:
        """One page of matches, with work bounded by the page rather than by the number of matches.

        - Totals: counted up to COUNT_CAP when that is cheap (few matches expected, or an index-only count);
          otherwise the total is a lower bound ("more than"), with the planner's estimate beside it.
        - Relevance: ranked within at most RANK_CAP + 1 candidates; when the words match more documents
          than RANK_CAP, hits are listed newest first instead (`sort` in the answer says so).
        - Newest first with text: PostgreSQL picks its plan by the estimate (see `PostgresCatalog._newest`).
        - Pages are found as ids (indexes only where possible); records are read for those ids alone.
        """
        where = self._filters(q)
        source: Any = D
        rank: Any = sa.literal(0.0)
        extra: Sequence[Any] = ()
        text = q.text.strip() if q.text and q.has_text() else None
        if text:
            source, text_where, rank, extra = self._text_filter(text)
            where.append(text_where)
        cols = [D.c.document_id, rank.label("score"), *extra]
        matches = sa.select(D.c.document_id).select_from(source).where(*where)
        sort = q.effective_sort()
        if sort == "relevance" and not text:
            sort = "date_desc"
        need = q.limit + 1  # one more than the page tells whether another page follows
        more_than = 0  # a known lower bound: there are more matches than this
        counted: int | None = None  # matches counted up to a cap
        with self.read_engine.connect() as conn:
            estimate = self._estimate(conn, matches)
            rows: list[Any] | None = None
            if sort == "relevance" and (estimate is None or estimate <= 2 * RANK_CAP):
                rows, n = self._ranked(conn, source, where, rank, extra, q)
                if n <= RANK_CAP:
                    counted = n
                else:
                    rows, more_than = None, RANK_CAP
            if rows is None and sort == "relevance":  # too many matches to rank: newest first instead
                sort = "date_desc"
            if rows is None:
                # Few matches expected: the plan reads them all anyway, so the page counts them too.
                with_count = estimate is not None and estimate <= COUNT_CAP // 2
                page_cols = [*cols, sa.func.count().over().label("n")] if with_count else cols
                if sort == "date_desc":
                    rows = self._newest(conn, page_cols, source, where, q.offset, need,
                                        estimate if text and not with_count else None)
                else:
                    rows = list(conn.execute(sa.select(*page_cols).select_from(source).where(*where)
                                             .order_by(*self._date_order(False)).limit(need).offset(q.offset)))
                if with_count and rows:
                    counted, rows = int(rows[0][-1]), [r[:-1] for r in rows]
            more = len(rows) > q.limit
            rows = rows[:q.limit]
            if counted is None and not more and (rows or q.offset == 0):
                counted = q.offset + len(rows)
            elif counted is None:
                count = sa.select(sa.func.count()).select_from(matches.limit(COUNT_CAP + 1).subquery())
                if estimate is None or estimate <= COUNT_CAP // 2 or self._cheap(conn, count):
                    counted = int(conn.execute(count).scalar() or 0)
            records = self._records(conn, [r[0] for r in rows])
            bodies = self._bodies(conn, rows) if text else {}
        if counted is not None and counted <= COUNT_CAP:
            total, exact = counted, True
        else:
            total, exact = max(more_than, COUNT_CAP if counted else 0, q.offset + q.limit if more else 0), False
        hits = []
        parsed = textquery.parse(text) if text else None
        for r in rows:
            hit = SearchHit(DocumentRecord.model_validate_json(records[r[0]]), float(r[1] or 0.0))
            if parsed is not None:
                hit.snippet, hit.highlights = snippets.snippet(bodies.get(r[0], ""), parsed)
            hits.append(hit)
        return SearchPage(hits=hits, total=total, total_exact=exact, offset=q.offset, limit=q.limit,
                          total_estimate=None if exact or estimate is None else max(estimate, total + 1), sort=sort)

    def facets(self, q: SearchQuery) -> dict[str, dict[str, int]]:
        """Counts of the query's matches by doc_type, year of the document date and court (ignores sort and
        paging). Counted over at most FACET_CAP matches, so a broad query costs a bounded amount of work;
        `facets_counted` also tells whether the counts are complete."""
        return self.facets_counted(q)[0]

    def facets_counted(self, q: SearchQuery) -> tuple[dict[str, dict[str, int]], bool]:
        """(facets, exact): exact when the query has at most FACET_CAP matches."""
        try:
            return self._facets(q)
        except sa.exc.SQLAlchemyError:
            raise CatalogError() from None

    def _facets(self, q: SearchQuery) -> tuple[dict[str, dict[str, int]], bool]:
        where = self._filters(q)
        source: Any = D
        text = q.text.strip() if q.text and q.has_text() else None
        if text:
            source, text_where, _, _ = self._text_filter(text)
            where.append(text_where)
        ids = sa.select(D.c.document_id.label("id")).select_from(source).where(*where).limit(FACET_CAP + 1).subquery()
        m = sa.select(D.c.doc_type, D.c.document_date, D.c.court_type, D.c.court_place).join(
            ids, ids.c.id == D.c.document_id).subquery()
        year = sa.func.substr(m.c.document_date, 1, 4)
        out: dict[str, dict[str, int]] = {"doc_type": {}, "year": {}, "court": {}}
        with self.read_engine.connect() as conn:
            for key, cols in (("doc_type", [m.c.doc_type]), ("year", [year]), ("court", [m.c.court_type,
                                                                                        m.c.court_place])):
                stmt = sa.select(*cols, sa.func.count()).group_by(*cols).order_by(sa.func.count().desc(), *cols)
                for *vals, n in conn.execute(stmt):
                    if vals[0] is None:
                        label = "unknown" if key == "year" else None
                    else:
                        label = " ".join(str(v) for v in vals if v)
                    if label:
                        out[key][label] = int(n)
        return out, sum(out["doc_type"].values()) <= FACET_CAP

    def _ranked(self, conn: sa.Connection, source: Any, where: list[Any], rank: Any, extra: Sequence[Any],
                q: SearchQuery) -> tuple[list[Any], int]:
        """The page by relevance among at most RANK_CAP + 1 matches, and how many there were (up to that)."""
        cand = (sa.select(D.c.document_id.label("id"), rank.label("score"),
                          *(e.label(f"x{i}") for i, e in enumerate(extra)))
                .select_from(source).where(*where).limit(RANK_CAP + 1).cte("candidates"))
        n = sa.select(sa.func.count()).select_from(cand).scalar_subquery()
        stmt = (sa.select(cand.c.id, cand.c.score, *(cand.c[f"x{i}"] for i in range(len(extra))), n.label("n"))
                .order_by(cand.c.score.desc(), cand.c.id).limit(q.limit + 1).offset(q.offset))
        rows = list(conn.execute(stmt).all())
        if rows:
            return [r[:-1] for r in rows], int(rows[0][-1])
        return [], int(conn.execute(sa.select(n)).scalar() or 0)

    def _newest(self, conn: sa.Connection, cols: list[Any], source: Any, where: list[Any], offset: int, n: int,
                text_estimate: int | None) -> list[Any]:
        """`n` matches from `offset`, newest first (`text_estimate`: the planner's match estimate of a
        full-text search, for backends that choose the plan by it)."""
        return list(conn.execute(sa.select(*cols).select_from(source).where(*where)
                                 .order_by(*self._date_order(True)).limit(n).offset(offset)))

    def _records(self, conn: sa.Connection, ids: list[str]) -> dict[str, str]:
        """Record JSON of the page's documents."""
        if not ids:
            return {}
        return {r[0]: r[1] for r in conn.execute(sa.select(D.c.document_id, D.c.record)
                                                 .where(D.c.document_id.in_(ids)))}

    def _date_order(self, newest_first: bool) -> list[Any]:
        """Undated documents count as oldest, so one (…, document_date NULLS FIRST, document_id) index
        serves both directions (SQLite sorts NULL lowest anyway)."""
        if newest_first:
            return [D.c.document_date.desc().nulls_last(), D.c.document_id.desc()]
        return [D.c.document_date.asc().nulls_first(), D.c.document_id.asc()]

    def _cheap(self, conn: sa.Connection, stmt: Any) -> bool:
        """Whether the planner expects a statement to be cheap (an index-only count, not one visiting rows)."""
        return False

    def _estimate(self, conn: sa.Connection, stmt: Any) -> int | None:
        """The planner's row estimate for a query, where the backend has one (PostgreSQL)."""
        return None

    def close(self) -> None:
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()


def _iso(at: Any) -> str:
    if isinstance(at, datetime):
        return (at if at.tzinfo else at.replace(tzinfo=UTC)).isoformat()
    return str(at)
