"""The story of one Akte: who the person is and when what happened, so documents agree with each other."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from corpus import names
from corpus.courts import CourtInfo, bamf_number, file_number, pick_court
from corpus.dates import between, workday


@dataclass
class Case:
    """Facts shared by the documents of one Akte."""

    person: names.Person
    birth: dt.date
    entry: dt.date
    asylum_application: dt.date
    bamf_no: str
    bamf_decision: dt.date
    authority: names.Authority
    authority_ref: str
    lawyer: str
    lawyer_firm: str
    lawyer_addr: tuple[str, str]
    employer: str
    employer_addr: tuple[str, str]
    school: str
    clerk: str
    end: dt.date  # latest date any document may carry

    def court_case(
        self, rng: random.Random, *, urgent: bool | None = None, asylum: bool | None = None
    ) -> tuple[CourtInfo, str, list[str], dt.date, bool, bool]:
        """A court proceeding: (court, Az, variants, filed, urgent, asylum)."""
        court = pick_court(rng)
        urgent = rng.random() < 0.35 if urgent is None else urgent
        asylum = rng.random() < 0.65 if asylum is None else asylum
        filed = between(rng, self.bamf_decision, self.end - dt.timedelta(days=120))
        az, variants = file_number(rng, court, filed.year, urgent=urgent, asylum=asylum)
        return court, az, variants, filed, urgent, asylum


def make_case(rng: random.Random) -> Case:
    person = names.make_person(rng)
    entry = dt.date(rng.randint(2013, 2021), rng.randint(1, 12), rng.randint(1, 28))
    age = rng.randint(15, 45)
    birth = dt.date(entry.year - age, rng.randint(1, 12), rng.randint(1, 28))
    if rng.random() < 0.12:
        birth = dt.date(birth.year, 1, 1)  # the common "01.01." of unknown birthdays
    application = entry + dt.timedelta(days=rng.randint(5, 90))
    decision = workday(application + dt.timedelta(days=rng.randint(120, 700)))
    authority = rng.choice(names.AUTHORITIES)
    firm_name = names.german_surname(rng)
    return Case(
        person=person,
        birth=birth,
        entry=entry,
        asylum_application=application,
        bamf_no=bamf_number(rng, person.country.destatis),
        bamf_decision=decision,
        authority=authority,
        authority_ref=f"{authority.ref_prefix}-{rng.randint(1000, 99999)}/{rng.randint(15, 24)}",
        lawyer=f"{rng.choice(['', 'Dr. '])}{names.german_name(rng)}",
        lawyer_firm=f"Rechtsanwälte {firm_name} & {names.german_surname(rng)}",
        lawyer_addr=names.german_address(rng),
        employer=rng.choice(names.EMPLOYERS),
        employer_addr=names.german_address(rng),
        school=rng.choice(names.SCHOOLS),
        clerk=names.german_name(rng),
        end=min(dt.date(2025, 6, 30), decision + dt.timedelta(days=rng.randint(900, 2500))),
    )
