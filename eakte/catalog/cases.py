"""Catalog queries behind `eakte case list`: one page of Akten with their counts, and the persons their
documents name, aggregated in SQL on both backends (SQLite and PostgreSQL).

Neither query reads a document record or text: the list of thousands of Akten costs two grouped queries
per page, not a parse of every record (`eakte/case/listing.py` links the aggregated mentions).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from eakte.catalog import schema as S
from eakte.catalog.sql import SqlCatalog

D, P, DD, FN = S.documents, S.parties, S.document_dates, S.file_numbers


@dataclass(frozen=True)
class AkteCounts:
    akte_id: str
    documents: int
    pages: int


@dataclass(frozen=True)
class MentionCount:
    """How often an Akte's documents name this person in this way (`subject`: the first party of the paper
    in one of the subject roles, the one whose birth date and file numbers the paper gives)."""

    akte_id: str
    name: str
    role: str
    subject: bool
    birth_date: str | None
    main_type: bool  # the document's type is one of the main person's papers (residence, BAMF, court …)
    numbers: tuple[str, ...]
    count: int


def akte_page(catalog: SqlCatalog, limit: int, after: str | None = None) -> list[AkteCounts]:
    """Up to `limit` Akten after `after` in akte_id order (keyset pagination): documents and pages each."""
    stmt = (sa.select(D.c.akte_id, sa.func.count().label("documents"),
                      sa.func.sum(D.c.last_page - D.c.first_page + 1).label("pages"))
            .group_by(D.c.akte_id).order_by(D.c.akte_id).limit(limit))
    if after is not None:
        stmt = stmt.where(D.c.akte_id > after)
    with catalog.read_engine.connect() as conn:
        return [AkteCounts(a, int(n), int(p or 0)) for a, n, p in conn.execute(stmt)]


def akte_count(catalog: SqlCatalog) -> int:
    with catalog.read_engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(S.akten)).scalar() or 0)


def mention_counts(catalog: SqlCatalog, akte_ids: list[str], subject_roles: tuple[str, ...],
                   main_types: tuple[str, ...], linking_numbers: tuple[str, ...]) -> list[MentionCount]:
    """The person parties of these Akten, grouped: one row per Akte, name, role, subject or not, the subject's
    birth date (the paper's earliest), main type or not and the paper's linking file numbers, with a count."""
    if not akte_ids:
        return []
    subject_no = (sa.select(P.c.document_id, sa.func.min(P.c.party_no).label("no"))
                  .where(P.c.kind == "person", P.c.role.in_(subject_roles))
                  .group_by(P.c.document_id).subquery("subject_no"))
    birth = (sa.select(DD.c.document_id, sa.func.min(DD.c.value).label("value"))
             .where(DD.c.role == "birth_date").group_by(DD.c.document_id).subquery("birth"))
    numbers = (sa.select(FN.c.document_id,
                         sa.func.aggregate_strings(FN.c.kind + ":" + FN.c.normalized, " ").label("numbers"))
               .where(FN.c.kind.in_(linking_numbers), FN.c.normalized != "")
               .group_by(FN.c.document_id).subquery("numbers"))
    is_subject = sa.and_(subject_no.c.no.is_not(None), P.c.party_no == subject_no.c.no)
    subject = sa.case((is_subject, 1), else_=0).label("subject")
    subject_birth = sa.case((is_subject, birth.c.value), else_=None).label("birth")
    subject_numbers = sa.case((is_subject, numbers.c.numbers), else_=None).label("numbers")
    main = sa.case((D.c.doc_type.in_(main_types), 1), else_=0).label("main")
    cols = [D.c.akte_id, P.c.name, P.c.role, subject, subject_birth, main, subject_numbers]
    stmt = (sa.select(*cols, sa.func.count().label("n"))
            .select_from(P.join(D, D.c.document_id == P.c.document_id)
                         .outerjoin(subject_no, subject_no.c.document_id == P.c.document_id)
                         .outerjoin(birth, birth.c.document_id == P.c.document_id)
                         .outerjoin(numbers, numbers.c.document_id == P.c.document_id))
            .where(D.c.akte_id.in_(akte_ids), P.c.kind == "person")
            .group_by(*cols)
            .order_by(D.c.akte_id, sa.desc(subject), P.c.name, P.c.role))
    with catalog.read_engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [MentionCount(r.akte_id, r.name, r.role, bool(r.subject), r.birth, bool(r.main),
                         tuple(sorted(set((r.numbers or "").split()))), int(r.n)) for r in rows]
