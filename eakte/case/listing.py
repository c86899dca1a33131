"""`eakte case list` at the size of a whole authority: paginated, from SQL aggregates, no records, no texts.

One page of Akten (keyset cursor on the akte_id, so page n costs what page 1 costs) with their document
and page counts, and, for those Akten only, the person mentions grouped in SQL. The mentions are linked
per Akte as the case view links them (`persons.link`), so the main person and their id are the ones
`eakte case show` uses; the subject's birth date is the paper's earliest birth date entry.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eakte.case.facts import LINKING_NUMBERS, SUBJECT_ROLES
from eakte.case.model import Mention
from eakte.case.persons import link
from eakte.catalog import cases as q
from eakte.catalog.normalize import spell_out_umlauts
from eakte.catalog.sql import SqlCatalog

if TYPE_CHECKING:
    from eakte.catalog import Catalog

MAIN_PERSON_TYPES = ("residence_document", "bamf_decision", "court_decision", "identity_document", "employment_proof",
                     "application")

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


@dataclass
class CasePage:
    rows: list[dict[str, Any]]
    next_cursor: str | None  # the last akte_id of this page when more follow


def _sql(catalog: Catalog) -> SqlCatalog:
    if not isinstance(catalog, SqlCatalog):
        raise TypeError("the case list needs a SQL catalog")
    return catalog


def case_page(catalog: Catalog, limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> CasePage:
    """Up to `limit` Akten after `cursor`, sorted by akte_id: main person, birth date, persons, documents, pages."""
    cat = _sql(catalog)
    limit = max(1, min(limit, MAX_LIMIT))
    akten = q.akte_page(cat, limit + 1, cursor)
    more = len(akten) > limit
    akten = akten[:limit]
    by_akte: dict[str, list[q.MentionCount]] = {}
    for m in q.mention_counts(cat, [a.akte_id for a in akten], SUBJECT_ROLES, MAIN_PERSON_TYPES, LINKING_NUMBERS):
        by_akte.setdefault(m.akte_id, []).append(m)
    rows = []
    for a in akten:
        persons, main = _main_person(by_akte.get(a.akte_id, []))
        rows.append({"akte_id": a.akte_id, "person_id": main.person_id if main else None,
                     "name": main.names[0] if main else None,
                     "birth_date": main.birth_date.isoformat() if main and main.birth_date else None,
                     "persons": persons, "documents": a.documents, "pages": a.pages})
    return CasePage(rows, akten[-1].akte_id if more and akten else None)


def _main_person(counts: list[q.MentionCount]) -> tuple[int, Any]:
    """(persons named, the main person): the most weighted subject, as `build.compute` picks it."""
    mentions: list[Mention] = []
    kinds: list[tuple[bool, bool]] = []  # (subject, of a main-person type) per mention
    for c in counts:
        birth = dt.date.fromisoformat(c.birth_date) if c.birth_date else None
        m = Mention(c.name, spell_out_umlauts(c.name), birth, "", c.akte_id, "subject" if c.subject else c.role, 1, 1,
                    c.numbers)
        mentions += [m] * c.count  # the counts matter: a person's names and birth date by frequency
        kinds += [(c.subject, c.main_type)] * c.count
    persons, member = link(mentions)
    own: Counter[str] = Counter()
    subjects: Counter[str] = Counter()
    for i, (subject, main_type) in enumerate(kinds):
        if subject and i in member:
            subjects[member[i]] += 1
            own[member[i]] += main_type
    best = pick_main(own, subjects)
    return len(persons), next((p for p in persons if p.person_id == best), None)


def pick_main(own: Counter[str], subjects: Counter[str]) -> str | None:
    """The person an Akte is about: whoever is the subject of the most papers whose residence is decided
    (MAIN_PERSON_TYPES), and only among equals of the most papers of any kind; a child's school reports and
    birth certificate never outnumber the parent's one residence paper."""
    return max(subjects, key=lambda p: (own[p], subjects[p])) if subjects else None


def akten_of_person(catalog: Catalog, person_id: str) -> list[str]:
    """The Akten whose main person has this id (walks the list page by page; nothing but SQL aggregates)."""
    out: list[str] = []
    cursor: str | None = None
    while True:
        page = case_page(catalog, MAX_LIMIT, cursor)
        out += [r["akte_id"] for r in page.rows if r["person_id"] == person_id]
        if page.next_cursor is None:
            return out
        cursor = page.next_cursor
