"""Catalog queries behind `eakte case list`: one page of Akten with their counts, and the persons their
documents name, aggregated in SQL on both backends (SQLite and PostgreSQL).

No query reads a document record or text, and each is bounded by the page: the list of thousands of Akten
costs three small queries per page (ids by primary key, counts, grouped mentions), not a parse of every
record (`eakte/case/listing.py` links the aggregated mentions).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

import sqlalchemy as sa

from eakte.catalog import schema as S
from eakte.catalog.base import CatalogError
from eakte.catalog.normalize import name_keys
from eakte.catalog.sql import SqlCatalog

D, P, DD, FN = S.documents, S.parties, S.document_dates, S.file_numbers
_P = ParamSpec("_P")
_T = TypeVar("_T")


def _plain_errors(fn: Callable[_P, _T]) -> Callable[_P, _T]:
    """A database failure becomes CatalogError without the driver's message (it would carry the Akte ids and
    names bound as parameters into logs and tracebacks)."""

    @functools.wraps(fn)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return fn(*args, **kwargs)
        except sa.exc.SQLAlchemyError:
            raise CatalogError() from None

    return wrapped


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


@_plain_errors
def akte_page(catalog: SqlCatalog, limit: int, after: str | None = None) -> list[AkteCounts]:
    """Up to `limit` Akten with documents after `after` in akte_id order (keyset pagination on the Akten's
    primary key), with their documents and pages counted over those Akten alone."""
    A = S.akten
    ids = sa.select(A.c.akte_id).where(A.c.documents > 0).order_by(A.c.akte_id).limit(limit)
    if after is not None:
        ids = ids.where(A.c.akte_id > after)
    with catalog.read_engine.connect() as conn:
        akten = [a for (a,) in conn.execute(ids)]
        if not akten:
            return []
        counts = {a: (int(n), int(p or 0)) for a, n, p in conn.execute(
            sa.select(D.c.akte_id, sa.func.count(), sa.func.sum(D.c.last_page - D.c.first_page + 1))
            .where(D.c.akte_id.in_(akten)).group_by(D.c.akte_id))}
    return [AkteCounts(a, *counts[a]) for a in akten if a in counts]


@_plain_errors
def mention_counts(catalog: SqlCatalog, akte_ids: list[str], subject_roles: tuple[str, ...],
                   main_types: tuple[str, ...], linking_numbers: tuple[str, ...]) -> list[MentionCount]:
    """The person parties of these Akten, grouped: one row per Akte, name, role, subject or not, the subject's
    birth date (the paper's earliest), main type or not and the paper's linking file numbers, with a count."""
    if not akte_ids:
        return []
    # One pass over the page's person parties: the subject's number by a window, birth date and file numbers
    # by per-document index lookups (never a join of aggregates, which an unanalysed PostgreSQL table plans as
    # a nested loop over every document).
    # coalesce(role): the lookup goes by document (dates_document), not through every birth date of the
    # catalog (SQLite would pick the covering index on role, value, document_id and scan it per party).
    birth = (sa.select(sa.func.min(DD.c.value)).where(DD.c.document_id == P.c.document_id,
                                                      sa.func.coalesce(DD.c.role, "") == "birth_date")
             .scalar_subquery())
    numbers = (sa.select(sa.func.aggregate_strings(FN.c.kind + ":" + FN.c.normalized, " "))
               .where(FN.c.document_id == P.c.document_id, FN.c.kind.in_(linking_numbers), FN.c.normalized != "")
               .scalar_subquery())
    subject_no = sa.func.min(sa.case((P.c.role.in_(subject_roles), P.c.party_no), else_=None)).over(
        partition_by=P.c.document_id)
    parties = (sa.select(D.c.akte_id, D.c.doc_type, P.c.name, P.c.role, P.c.party_no, subject_no.label("subject_no"),
                         birth.label("birth"), numbers.label("numbers"))
               .select_from(P.join(D, D.c.document_id == P.c.document_id))
               .where(D.c.akte_id.in_(akte_ids), P.c.kind == "person").subquery("mentions"))
    m = parties.c
    is_subject = m.party_no == m.subject_no
    subject = sa.case((is_subject, 1), else_=0).label("subject")
    cols = [m.akte_id, m.name, m.role, subject, sa.case((is_subject, m.birth), else_=None).label("birth"),
            sa.case((m.doc_type.in_(main_types), 1), else_=0).label("main"),
            sa.case((is_subject, m.numbers), else_=None).label("numbers")]
    stmt = (sa.select(*cols, sa.func.count().label("n")).group_by(*cols)
            .order_by(m.akte_id, sa.desc(subject), m.name, m.role))
    with catalog.read_engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [MentionCount(r.akte_id, r.name, r.role, bool(r.subject), r.birth, bool(r.main),
                         tuple(sorted(set((r.numbers or "").split()))), int(r.n)) for r in rows]


@_plain_errors
def related_akten(catalog: SqlCatalog, names: list[str], exclude: str, limit: int) -> list[str]:
    """Other Akten with a document naming a party with every sound code of one of `names` (the search's party
    filter: a grouped scan of the codes' index entries; PostgreSQL: GIN), in akte_id order; one query."""
    filters = [catalog._party_filter(codes) for codes in (sorted({c for _, c in name_keys(n)}) for n in names) if codes]
    if not filters:
        return []
    stmt = (sa.select(D.c.akte_id).where(sa.or_(*filters), D.c.akte_id != exclude)
            .group_by(D.c.akte_id).order_by(D.c.akte_id).limit(limit))
    with catalog.read_engine.connect() as conn:
        return [a for (a,) in conn.execute(stmt)]


@_plain_errors
def case_documents(catalog: SqlCatalog, akte_ids: list[str], with_text: bool) -> list[tuple[str, str | None]]:
    """(record JSON, text or None) of every document of these Akten in one query, by Akte and first page; the
    text only where the catalog keeps it beside the record (PostgreSQL's `body`)."""
    if not akte_ids:
        return []
    body = D.c.body if with_text else sa.null()
    stmt = (sa.select(D.c.record, body).where(D.c.akte_id.in_(akte_ids))
            .order_by(D.c.akte_id, D.c.first_page))
    with catalog.read_engine.connect() as conn:
        return [(r, t) for r, t in conn.execute(stmt)]
