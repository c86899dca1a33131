"""Builds a case view from the catalog: the Akte's documents (and the Akten that name the same person),
their texts from the store, facts, persons, timeline, checks.

Read-only: nothing is written back; the view is computed per request (a 500-page Akte in well under a
second, see tests/test_case_e2e.py).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from eakte.case import checks as ck
from eakte.case.facts import SUBJECT_ROLES, document_facts, mentions, pages_of, representative
from eakte.case.listing import MAIN_PERSON_TYPES, pick_main
from eakte.case.model import CaseView, Fact, Mention, Person
from eakte.case.persons import link, similarity, sound
from eakte.case.rules import rules_for
from eakte.case.texts import TextSource
from eakte.case.timeline import events, intervals
from eakte.catalog.normalize import spell_out_umlauts
from schemas.records import DocumentRecord

if TYPE_CHECKING:
    from eakte.catalog import Catalog

JOINT_TYPES = ("bamf_decision", "court_decision")
NOT_ATTRIBUTED = ("school_document", "civil_status_document")  # a paper naming nobody here may be a child's


def _subject(ms: list[Mention]) -> Mention | None:
    return ms[0] if ms and ms[0].role == "subject" else None


def compute(docs: list[DocumentRecord], texts: dict[str, str], key: str, at: dt.date,
            main_akte: str | None = None, main_person: str | None = None) -> CaseView:
    """The case view over `docs` for the person `main_person`, or the main person of `main_akte`."""
    rules = rules_for(at)
    all_mentions: list[Mention] = []
    subject_of: dict[str, int] = {}
    joint: dict[str, list[int]] = {}  # a family's joint decision: every person it decides on, holders first
    for d in docs:
        ms = mentions(d, pages_of(d, texts.get(d.document_id, "")))
        if _subject(ms):
            subject_of[d.document_id] = len(all_mentions)
            if d.doc_type in JOINT_TYPES:
                text = texts.get(d.document_id, "")
                joint[d.document_id] = [len(all_mentions) + k for k, m in enumerate(ms)
                                        if (k == 0 or m.role in SUBJECT_ROLES) and not representative(m.name, text)]
        all_mentions += ms
    persons, member = link(all_mentions)
    by_id = {p.person_id: p for p in persons}
    doc_person = {doc_id: member.get(i) for doc_id, i in subject_of.items()}
    if main_person is None:
        # The Akte is about the person whose residence is decided (listing.pick_main).
        own: Counter[str] = Counter()
        subjects: Counter[str] = Counter()
        for d in docs:
            subject = doc_person.get(d.document_id)
            if subject and (main_akte is None or d.akte_id == main_akte):
                subjects[subject] += 1
                own[subject] += d.doc_type in MAIN_PERSON_TYPES
        main_person = pick_main(own, subjects)
    person = by_id.get(main_person or "")
    if person:
        # A joint BAMF or court decision on the main person and the family: the Akte's person's own decision,
        # whoever it names first.
        for doc_id, idx in joint.items():
            if len(idx) > 1 and any(member.get(i) == person.person_id for i in idx):
                doc_person[doc_id] = person.person_id
    facts: list[Fact] = []
    for d in docs:
        pid = doc_person.get(d.document_id)
        # School and civil status papers are often a child's: only the main person's own kinds of papers.
        # A paper stating another birth date is someone else's (a family member's own papers in the folder).
        births = {x.value for x in d.dates if x.role == "birth_date"}
        unnamed = pid is None and person is not None and d.akte_id in person.akten and \
            d.doc_type not in NOT_ATTRIBUTED and \
            (not births or not person.birth_date or person.birth_date.isoformat() in births)
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
    if person:
        children += _stated_children(person, persons, children, doc_person, texts)
        children += _children_by_surname(person, persons, facts, children, at, rules.adult_age)
    ivs, findings = intervals(mine, at)
    checks: list[ck.Check] = []
    if person:
        checks.append(ck.check_25b(person, children, ivs, mine, at, rules))
        checks += ck.check_25a(person, ivs, mine, at, rules)
        checks += ck.check_employment(mine, at, rules)
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


_CHILD_CUE = r"(?:Sohn|Tochter|Kind(?:es)?|Kinder|minderjährige\w*|Stiefsohn|Stieftochter)\s*[:,]?\s*"
_PARENT_CUE = (r"(?:vertreten\s+durch|vertr\.|Erziehungsberechtigte\w*|Sorgeberechtigte\w*|Mutter|Vater|"
               r"Eltern(?:teil)?)\s*[:,]?\s*(?:(?:Herrn?|Frau)\s+)?")


def _named_after(cue: str, names: list[str], text: str) -> bool:
    for n in names:
        words = [re.escape(w) for w in re.split(r"[\s,]+", n) if w]
        if not words:
            continue
        orders = "|".join({r"[\s,]+".join(words), r"[\s,]+".join(words[-1:] + words[:-1])})
        if re.search(rf"{cue}(?:{orders})(?!\w)", text, re.IGNORECASE):
            return True
    return False


def _stated_children(person: Person, persons: list[Person], known: list[Person], doc_person: dict[str, str | None],
                     texts: dict[str, str]) -> list[Person]:
    """Children a paper states: the main person's paper names them as 'Sohn', 'Tochter' or 'Kind', or the
    child's own paper names the main person as its legal representative, 'Mutter' or 'Vater'."""
    out: list[Person] = []
    for q in persons:
        if q is person or q in known or not q.birth_date or (person.birth_date and q.birth_date <= person.birth_date):
            continue
        for doc_id, owner in doc_person.items():
            text = texts.get(doc_id, "")
            if not text or owner not in (person.person_id, q.person_id):
                continue
            if _named_after(_CHILD_CUE, q.names, text) if owner == person.person_id else \
                    _named_after(_PARENT_CUE, person.names, text):
                out.append(q)
                person.relations.append({"relation": "child", "person_id": q.person_id, "document_id": doc_id,
                                         "page": "", "note": "the paper names the child or its parent"})
                break
    return out


CHILD_AGE_GAP = 14  # years between a parent's and a child's birth that make a namesake a child


def _words(names: list[str]) -> set[str]:
    """Name words of three letters or more, umlauts spelled out, accents and the dotless i folded."""
    out = set()
    for n in names:
        plain = unicodedata.normalize("NFKD", spell_out_umlauts(n).lower().replace("ı", "i"))
        out |= {w for w in "".join(c for c in plain if not unicodedata.combining(c)).replace(",", " ").split()
                if len(w) >= 3}
    return out


def _shares_word(a: set[str], b: set[str]) -> bool:
    return any(x == y or fuzz.ratio(x, y) >= 90 or (sound(x) and sound(x) == sound(y)) for x in a for y in b)


def _children_by_surname(person: Person, persons: list[Person], facts: list[Fact], known: list[Person],
                         at: dt.date, adult_age: int) -> list[Person]:
    """Where no paper states the relation: a person in the main person's Akte who shares the surname and was
    born at least CHILD_AGE_GAP years later (a minor when the main person's birth date is unknown) is taken for
    a child, and says so. Never a person whose birth certificate names parents none of whose words are the
    main person's, the spouse, or the main person's own name with a birth date read on one paper only (a
    misread, not a child)."""
    mine = _words(person.names)
    stated_other = {f.person for f in facts if f.kind == "birth_certificate" and f.person and f.detail.get("parents")
                    and not _shares_word(mine, _words(f.detail["parents"].split("; ")))}
    spouses = {r.get("name", "") for r in person.relations if r.get("relation") == "spouse"}
    out: list[Person] = []
    for q in persons:
        if q is person or q in known or q.person_id in stated_other or not q.birth_date or \
                not set(q.akten) & set(person.akten) or set(q.names) & spouses:
            continue
        if len(q.documents) < 2 and any(similarity(Mention(a, spell_out_umlauts(a), None, "", "", "", 0),
                                                   Mention(b, spell_out_umlauts(b), None, "", "", "", 0)) >= 88
                                        for a in person.names for b in q.names):
            continue
        if person.birth_date:
            born = person.birth_date
            gap_ok = q.birth_date >= born.replace(year=born.year + CHILD_AGE_GAP) if (born.month, born.day) != (2, 29) \
                else q.birth_date >= dt.date(born.year + CHILD_AGE_GAP, 3, 1)
        else:
            gap_ok = ck.age(q.birth_date, at) < adult_age
        if not gap_ok or not _shares_word(mine, _words(q.names)):
            continue
        out.append(q)
        person.relations.append({"relation": "child", "person_id": q.person_id, "document_id": q.documents[0],
                                 "page": "", "note": "no paper states the relation: same surname, "
                                 f"born at least {CHILD_AGE_GAP} years later"})
    return out


def _doc_row(d: DocumentRecord) -> dict[str, Any]:
    return {"document_id": d.document_id, "akte_id": d.akte_id, "doc_type": d.doc_type, "doc_subtype": d.doc_subtype,
            "document_date": d.document_date, "first_page": d.source.first_page, "last_page": d.source.last_page,
            "pages": d.source.last_page - d.source.first_page + 1, "title": d.title}


# -- from the catalog -------------------------------------------------------------------------------------


def for_key(catalog: Catalog, texts: TextSource, key: str, at: dt.date) -> CaseView | None:
    """The view for an Akte id or a person id (p-…); None when the catalog knows neither (reading:
    `loading.load`, a few queries whatever the catalog's size)."""
    from eakte.case.loading import load

    got = load(catalog, texts, key)
    if got is None:
        return None
    return compute(got.docs, got.texts, key, at, main_akte=got.main_akte, main_person=got.main_person)
