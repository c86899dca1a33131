"""Builds a case view from the catalog: the Akte's documents (and the Akten that name the same person),
their texts from the store, facts, persons, timeline, checks.

Read-only: nothing is written back; the view is computed per request (a 500-page Akte in well under a
second, see tests/test_case_e2e.py).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from eakte.case import checks as ck
from eakte.case.facts import document_facts, mentions
from eakte.case.model import CaseView, Fact, Mention, Person
from eakte.case.persons import link, similarity
from eakte.case.rules import rules_for
from eakte.case.timeline import events, intervals
from eakte.catalog.normalize import spell_out_umlauts
from schemas.records import DocumentRecord

if TYPE_CHECKING:
    from eakte.catalog import Catalog
    from eakte.store.base import ObjectStore

TextSource = Callable[[list[DocumentRecord]], dict[str, str]]
MAX_RELATED_AKTEN = 8
MAIN_PERSON_TYPES = ("residence_document", "bamf_decision", "court_decision", "identity_document", "employment_proof",
                     "application")


def store_texts(store: ObjectStore | None) -> TextSource:
    """Document texts from the store's text objects (pages separated by form feeds); missing ones are empty."""

    def one(doc: DocumentRecord) -> tuple[str, str]:
        if store is None or not doc.objects.text:
            return doc.document_id, ""
        try:
            return doc.document_id, store.get_bytes(doc.objects.text).decode("utf-8", "replace")
        except Exception:
            return doc.document_id, ""

    def texts(docs: list[DocumentRecord]) -> dict[str, str]:
        with ThreadPoolExecutor(max_workers=8) as pool:
            return dict(pool.map(one, docs))

    return texts


def no_texts(docs: list[DocumentRecord]) -> dict[str, str]:
    return {}


def _subject(ms: list[Mention]) -> Mention | None:
    return ms[0] if ms and ms[0].role == "subject" else None


def compute(docs: list[DocumentRecord], texts: dict[str, str], key: str, at: dt.date,
            main_akte: str | None = None, main_person: str | None = None) -> CaseView:
    """The case view over `docs` for the person `main_person`, or the main person of `main_akte`."""
    rules = rules_for(at)
    all_mentions: list[Mention] = []
    subject_of: dict[str, int] = {}
    for d in docs:
        ms = mentions(d)
        if _subject(ms):
            subject_of[d.document_id] = len(all_mentions)
        all_mentions += ms
    persons, member = link(all_mentions)
    by_id = {p.person_id: p for p in persons}
    doc_person = {doc_id: member.get(i) for doc_id, i in subject_of.items()}
    if main_person is None:
        # The Akte is about the person whose residence is decided: their papers weigh more than a child's
        # school report or birth certificate.
        subjects: Counter[str] = Counter()
        for d in docs:
            subject = doc_person.get(d.document_id)
            if subject and (main_akte is None or d.akte_id == main_akte):
                subjects[subject] += 3 if d.doc_type in MAIN_PERSON_TYPES else 1
        main_person = subjects.most_common(1)[0][0] if subjects else None
    person = by_id.get(main_person or "")
    facts: list[Fact] = []
    for d in docs:
        pid = doc_person.get(d.document_id)
        unnamed = pid is None and person is not None and d.akte_id in person.akten and \
            d.doc_type in MAIN_PERSON_TYPES
        for f in document_facts(d, texts.get(d.document_id, "")):
            f.person = pid
            if unnamed and person:
                # The Akte is the person's file: a paper that names nobody is theirs, and says so.
                f.person = person.person_id
                f.evidence = replace(f.evidence, note=(f.evidence.note + "; " if f.evidence.note else "") +
                                     "names no person: attributed to the Akte's main person")
            facts.append(f)
    mine = [f for f in facts if person and f.person == person.person_id]
    if person:
        nats = sorted((f for f in mine if f.kind == "nationality"), key=lambda f: f.detail.get("source") != "mrz")
        person.nationality = nats[0].value if nats else None  # the MRZ's code first
        for f in mine:
            if f.kind == "marriage":
                person.relations.append({"relation": "spouse", "name": f.value, "document_id": f.evidence.document_id,
                                         "page": str(f.evidence.page)})
    children = _children(person, facts, by_id) if person else []
    ivs, findings = intervals(mine, at)
    checks: list[ck.Check] = []
    if person:
        checks.append(ck.check_25b(person, children, ivs, mine, at, rules))
        checks += ck.check_25a(person, ivs, mine, at, rules)
        checks += ck.check_employment(ivs, at, rules)
        facts_by_person: dict[str, list[Fact]] = {}
        for f in facts:
            if f.person:
                facts_by_person.setdefault(f.person, []).append(f)
        checks += ck.check_school_children(children, facts_by_person, at, rules)
        checks += ck.check_language(mine, rules)
        checks.append(ck.check_passport(mine, at))
    return CaseView(key=key, at=at, rules=f"{rules.label()}: {rules.law}", person=person, persons=persons,
                    intervals=ivs, events=events(mine), findings=findings, checks=checks, facts=facts,
                    documents=[_doc_row(d) for d in docs])


def _children(person: Person, facts: list[Fact], by_id: dict[str, Person]) -> list[Person]:
    """Children named by birth certificates that name this person as a parent."""
    me = Mention(person.names[0], spell_out_umlauts(person.names[0]), None, "", "", "subject", 0)
    out: list[Person] = []
    for f in facts:
        if f.kind != "birth_certificate" or not f.person or f.person == person.person_id:
            continue
        parents = [p for p in f.detail.get("parents", "").split("; ") if p]
        for name in parents:
            other = Mention(name, spell_out_umlauts(name), None, "", "", "other", 0)
            if any(similarity(Mention(n, spell_out_umlauts(n), None, "", "", "", 0), other) >= 88
                   for n in person.names) or similarity(me, other) >= 88:
                child = by_id.get(f.person)
                if child and child not in out:
                    out.append(child)
                    person.relations.append({"relation": "child", "person_id": child.person_id,
                                             "document_id": f.evidence.document_id, "page": str(f.evidence.page)})
    return out


def _doc_row(d: DocumentRecord) -> dict[str, Any]:
    return {"document_id": d.document_id, "akte_id": d.akte_id, "doc_type": d.doc_type, "doc_subtype": d.doc_subtype,
            "document_date": d.document_date, "first_page": d.source.first_page, "last_page": d.source.last_page,
            "pages": d.source.last_page - d.source.first_page + 1, "title": d.title}


# -- from the catalog -------------------------------------------------------------------------------------


def _subject_names(docs: Iterable[DocumentRecord]) -> Counter[str]:
    names: Counter[str] = Counter()
    for d in docs:
        s = _subject(mentions(d))
        if s:
            names[s.name] += 1
    return names


def case_list(catalog: Catalog) -> list[dict[str, Any]]:
    """One row per Akte: its main person (most frequent subject), birth date, documents and pages."""
    akten: dict[str, list[DocumentRecord]] = {}
    for d in catalog.documents():
        akten.setdefault(d.akte_id, []).append(d)
    rows = []
    for akte_id, docs in sorted(akten.items()):
        ms = [m for d in docs for m in mentions(d)]
        persons, member = link(ms)
        types = {d.document_id: d.doc_type for d in docs}
        subj: Counter[str] = Counter()
        for i, m in enumerate(ms):
            if m.role == "subject" and i in member:
                subj[member[i]] += 3 if types[m.document_id] in MAIN_PERSON_TYPES else 1
        main = next((p for p in persons if subj and p.person_id == subj.most_common(1)[0][0]), None)
        rows.append({"akte_id": akte_id, "person_id": main.person_id if main else None,
                     "name": main.names[0] if main else None,
                     "birth_date": main.birth_date.isoformat() if main and main.birth_date else None,
                     "persons": len(persons), "documents": len(docs),
                     "pages": sum(d.source.last_page - d.source.first_page + 1 for d in docs)})
    return rows


def for_key(catalog: Catalog, texts: TextSource, key: str, at: dt.date) -> CaseView | None:
    """The view for an Akte id or a person id (p-…); None when the catalog knows neither."""
    main_person = None
    if key.startswith("p-"):
        akten = [r["akte_id"] for r in case_list(catalog) if r["person_id"] == key]
        if not akten:
            return None
        main_person, main_akte = key, akten[0]
    else:
        main_akte = key
    docs = list(catalog.documents(main_akte))
    if not docs:
        return None
    docs += _related(catalog, docs, main_akte)
    return compute(docs, texts(docs), key, at, main_akte=main_akte, main_person=main_person)


def _related(catalog: Catalog, docs: list[DocumentRecord], akte_id: str) -> list[DocumentRecord]:
    """Documents of other Akten that name the Akte's main person (several folders of one person)."""
    from eakte.catalog import SearchQuery

    names = _subject_names(docs)
    if not names:
        return []
    name = names.most_common(1)[0][0]
    try:
        page = catalog.query(SearchQuery(party=name, limit=100))
    except ValueError:
        return []
    others = []
    for h in page.hits:
        if h.document.akte_id != akte_id and h.document.akte_id not in others:
            others.append(h.document.akte_id)
    out: list[DocumentRecord] = []
    for other in others[:MAX_RELATED_AKTEN]:
        out += list(catalog.documents(other))
    return out
