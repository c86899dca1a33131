"""A residence story for the case overview (issue 17): the papers a long-tolerated person's file holds.

Status papers in a chain with gaps (Gestattung, Duldung, § 60b Duldung, Fiktionsbescheinigung,
Aufenthaltserlaubnis), pay slip runs with months missing, an employer's certificate, school papers
(also of a child, with the child's birth certificate naming the parent), language and integration
certificates, passports valid or expired. Drawn from its own random stream (`key/story`), so Akten
without a story keep their bytes. The truth is not written here: `corpus/truth.py` reads it from the
documents as rendered.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from corpus.case import Case
from corpus.dates import add_years, between, workday
from corpus.model import DocBuilder
from corpus.names import Person
from corpus.templates import certificates, civil, employment, identity, misc, residence

MAX_STATUS_PAPERS = 7
Relatives = dict[str, tuple[Person, dt.date]]


def _status_chain(rng: random.Random, case: Case) -> list[tuple[str, dt.date, dt.date]]:
    """(kind, valid from, valid until) of the residence papers a file keeps, oldest first."""
    papers: list[tuple[str, dt.date, dt.date]] = []
    decided = case.bamf_decision + dt.timedelta(days=30)
    t = workday(case.asylum_application + dt.timedelta(days=rng.randint(0, 20)))
    permit_from = (
        between(rng, decided + dt.timedelta(days=500), case.end - dt.timedelta(days=200))
        if rng.random() < 0.3
        else None
    )
    sixty_b_at = between(rng, decided, case.end - dt.timedelta(days=300)) if rng.random() < 0.3 else None
    fiktion_done = False
    while t < case.end - dt.timedelta(days=20):
        if t < decided:
            kind, days = "aufenthaltsgestattung", 30 * rng.choice((3, 6, 6))
        elif permit_from and t >= permit_from:
            if not fiktion_done and rng.random() < 0.6:
                kind, days, fiktion_done = "fiktionsbescheinigung", 30 * rng.choice((3, 6)), True
            else:
                kind, days = "aufenthaltserlaubnis", 365 * rng.choice((1, 2))
        elif sixty_b_at and sixty_b_at <= t < sixty_b_at + dt.timedelta(days=400):
            kind, days = "duldung_60b", 30 * rng.choice((3, 6))
        else:
            kind, days = "duldung", 30 * rng.choice((3, 6, 6, 12))
        end = t + dt.timedelta(days=days)
        papers.append((kind, t, end))
        r = rng.random()
        gap = 0 if r < 0.6 else rng.randint(5, 70) if r < 0.9 else rng.randint(100, 260)
        t = workday(end + dt.timedelta(days=1 + gap))
    kept = [p for p in papers if rng.random() > 0.1]  # some papers were handed back, never copied
    return kept[-MAX_STATUS_PAPERS:]


def _status_docs(rng: random.Random, case: Case) -> list[DocBuilder]:
    out = []
    for kind, start, end in _status_chain(rng, case):
        if kind == "aufenthaltserlaubnis":
            out.append(residence.permit_decision(rng, case, 1, date=start, valid_to=end))
        elif kind == "duldung_60b":
            out.append(residence.form(rng, case, "duldung", 1, issued=start, valid_until=end, sixty_b=True))
        else:
            out.append(residence.form(rng, case, kind, 1, issued=start, valid_until=end))
    return out


def _work_docs(rng: random.Random, case: Case) -> list[DocBuilder]:
    if rng.random() > 0.7:
        return []
    start = between(rng, case.bamf_decision, case.end - dt.timedelta(days=400)).replace(day=1)
    out = []
    last = (case.end - dt.timedelta(days=rng.randint(20, 90))).replace(day=1)
    month = last
    months = []
    for _ in range(rng.randint(3, 6)):
        if month < start:
            break
        months.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    for i, m in enumerate(sorted(months)):
        if 0 < i < len(months) - 1 and rng.random() < 0.2:
            continue  # a month whose slip is not in the file
        out.append(employment.payslip(rng, case, month=m))
    if rng.random() < 0.55:
        issued = workday(case.end - dt.timedelta(days=rng.randint(0, 40)))
        out.append(employment.employer_certificate(rng, case, start=start, issued=issued))
    return out


def _integration_docs(rng: random.Random, case: Case) -> list[DocBuilder]:
    out = []
    lo, hi = case.entry + dt.timedelta(days=365), case.end - dt.timedelta(days=10)
    if rng.random() < 0.55:
        level = rng.choice(("A1", "A2", "A2", "B1", "B1", "B2"))
        out.append(certificates.language(rng, case, level, rng.random() < 0.85, workday(between(rng, lo, hi))))
    if rng.random() < 0.4:
        out.append(certificates.leben_in_deutschland(rng, case, rng.random() < 0.85, workday(between(rng, lo, hi))))
    if rng.random() < 0.2:
        out.append(certificates.integration_course(rng, case, workday(between(rng, lo, hi))))
    return out


def _passport_docs(rng: random.Random, case: Case) -> list[DocBuilder]:
    if rng.random() > 0.7:
        return []
    expiry = between(rng, case.end - dt.timedelta(days=900), case.end + dt.timedelta(days=1500))
    return [identity.passport(rng, case, rng.choice((1, 1, 2)), expiry=expiry)[0]]


def _school_docs(rng: random.Random, case: Case, subject: str) -> list[DocBuilder]:
    """School papers of the person of `case` (the main person or a child), dated while of school age."""
    first_day = max(case.entry + dt.timedelta(days=30), add_years(case.birth, 6))
    last_day = min(case.end - dt.timedelta(days=10), add_years(case.birth, 19))
    if last_day - first_day < dt.timedelta(days=200):
        return []
    out = []
    issued = workday(between(rng, last_day - dt.timedelta(days=400), last_day))
    since = between(rng, first_day, issued - dt.timedelta(days=100))
    out.append(misc.school(rng, case, 1, subtype="schulbescheinigung", issued=issued, since=since))
    if rng.random() < 0.5:
        out.append(misc.school(rng, case, 1, subtype="zeugnis", issued=workday(between(rng, first_day, last_day))))
    if subject == "main" and rng.random() < 0.3 and case.end > add_years(case.birth, 16):
        out.append(misc.school(rng, case, 1, subtype="abschlusszeugnis",
                               issued=workday(between(rng, max(first_day, add_years(case.birth, 16)), last_day))))
    for b in out:
        b.truth.subject = subject
    return out


def _child(rng: random.Random, case: Case) -> tuple[Person, dt.date]:
    p = case.person
    sex = rng.choice("MF")
    given = rng.choice(p.country.male if sex == "M" else p.country.female)
    other = rng.choice(p.country.female if p.sex == "M" else p.country.male)[0]
    me = f"{p.given[0]} {p.surname[0]}"
    parents = [me, f"{other} {p.surname[0]}"] if p.sex == "M" else [f"{other} {p.surname[0]}", me]
    child = dataclasses.replace(p, given=given, sex=sex, relatives=parents)
    low = max(add_years(case.birth, 20), case.end - dt.timedelta(days=365 * 16))
    birth = between(rng, low, max(low, case.end - dt.timedelta(days=365 * 3)))
    return child, birth


def story_documents(rng: random.Random, case: Case) -> tuple[list[DocBuilder], Relatives]:
    """The story's documents (unsorted) and the relatives they are about, by subject key."""
    docs = _status_docs(rng, case) + _work_docs(rng, case) + _integration_docs(rng, case) + _passport_docs(rng, case)
    docs += _school_docs(rng, case, "main")
    relatives: Relatives = {}
    if rng.random() < 0.45:
        child, birth = _child(rng, case)
        relatives["child1"] = (child, birth)
        child_case = dataclasses.replace(case, person=child, birth=birth, entry=birth + dt.timedelta(days=400))
        cert = civil.certificate(rng, child_case, 1, subtype="geburtsurkunde")
        cert.truth.subject = "child1"
        cert.truth.facts["parents"] = ["main"]
        docs.append(cert)
        docs += _school_docs(rng, dataclasses.replace(child_case, entry=case.entry), "child1")
    return docs, relatives
