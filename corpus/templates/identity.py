"""Copies of identity papers: passport data page with MRZ, Passersatz certificate."""

from __future__ import annotations

import datetime as dt
import random

from corpus.case import Case
from corpus.dates import add_years, between, workday
from corpus.model import DocBuilder, Gap, Photo, Rule, Signature, Stamp, Table, Text
from corpus.mrz import td3


def passport(
    rng: random.Random, case: Case, n_pages: int, *, expiry: dt.date | None = None
) -> tuple[DocBuilder, tuple[str, str]]:
    """A photocopied passport data page; returns the MRZ lines for tests. A story may pass the expiry."""
    b = DocBuilder(rng, "identity_document", "reisepass", family="sans", size=10, margins=(30, 30, 30, 20))
    b.truth.title = "Reisepass"
    b.truth.incoming = False
    p = case.person
    given, surname = p.given[0], p.surname[0]  # a passport spells the name one way: the usual one
    issued = between(rng, case.entry - dt.timedelta(days=2500), case.entry - dt.timedelta(days=30))
    years = rng.choice((5, 6, 10))
    if expiry is None:
        expiry = add_years(issued, years)
    else:
        issued = add_years(expiry, -years)
    number = f"{rng.choice('NPAK')}{rng.randint(1000000, 99999999)}"
    b.page()
    b.party("person_concerned", f"{given} {surname}")
    b.add(
        Text(f"{p.country.name.upper()} / {p.country.icao}", size=9, align="center", space_after=0.5),
        Text("REISEPASS / PASSPORT / PASSEPORT", bold=True, size=12, align="center"),
        Rule(0.4),
    )
    rows = [
        ["Typ / Type", "P", "Code", p.country.icao],
        ["Name / Surname", surname.upper(), "Pass-Nr.", number],
        ["Vornamen / Given names", given.upper(), "", ""],
        ["Staatsangehörigkeit", p.country.adjective.upper(), "Geschlecht / Sex", p.sex],
        [
            "Geburtsdatum / Date of birth",
            b.date("birth_date", case.birth).replace(".", " "),
            "Geburtsort",
            p.birth_place.upper(),
        ],
        ["Ausstellungsdatum / Date of issue", b.date("document_date", issued).replace(".", " "), "", ""],
        ["Gültig bis / Date of expiry", b.date("valid_until", expiry).replace(".", " "), "", ""],
    ]
    b.add(Photo(32, 42), Gap(2), Table(rows, [0.33, 0.27, 0.18, 0.22], size=9, border=False, header=False))
    line1, line2 = td3(
        country=p.country.icao,
        surname=surname,
        given=given,
        number=number,
        nationality=p.country.icao,
        birth=case.birth,
        sex=p.sex,
        expiry=expiry,
        personal=str(rng.randint(10**9, 10**10 - 1)) if rng.random() < 0.4 else "",
    )
    b.add(Gap(6), Text(line1, font="mono", size=11.5, space_after=0.5), Text(line2, font="mono", size=11.5))
    b.add(
        Gap(6),
        Text("Die Übereinstimmung der Kopie mit dem Original wird bestätigt.", size=9, italic=True),
        Signature(case.clerk),
    )
    for _ in range(n_pages - 1):
        b.page()
        b.add(
            Text("VISA", bold=True, size=12, align="center"),
            Text("Sichtvermerke / Visas / Entry stamps", size=9, align="center"),
            Gap(20),
        )
        port = rng.choice(["Flughafen München", "Frankfurt/M.", "Passau", "Freilassing", "Flughafen Düsseldorf"])
        b.overlay(
            Stamp(
                ["BUNDESPOLIZEI", "EINREISE", b.date("entry_date", case.entry, "stamp"), port],
                x=rng.uniform(40, 110),
                y=rng.uniform(60, 150),
                angle=rng.uniform(-15, 15),
                size=10,
                gray=rng.randint(40, 90),
            )
        )
    return b, (line1, line2)


def passersatz(rng: random.Random, case: Case) -> DocBuilder:
    b = DocBuilder(rng, "identity_document", "passersatz", family="helvetica", size=10.5)
    b.truth.title = "Passersatz"
    given, surname = case.person.spell(rng)
    issued = workday(between(rng, case.bamf_decision, case.end - dt.timedelta(days=10)))
    b.page()
    b.party("person_concerned", f"{given} {surname}")
    b.add(
        Text(f"Botschaft der Republik {case.person.country.name}", bold=True, size=13, align="center"),
        Text("Berlin", align="center"),
        Gap(6),
        Text("PASSERSATZPAPIER / LAISSEZ-PASSER", bold=True, size=14, align="center"),
        Gap(4),
        Photo(30, 40),
        Gap(3),
        Text(
            f"Hiermit wird bescheinigt, dass {given} {surname}, geboren am {b.date('birth_date', case.birth)} in "
            f"{case.person.birth_place}, Staatsangehörige(r) von {case.person.country.name} ist.",
            align="justify",
        ),
        Text(
            f"Dieses Dokument ist gültig bis {b.date('valid_until', issued + dt.timedelta(days=90))} und berechtigt "
            "ausschließlich zur einmaligen Einreise in das Herkunftsland.",
            align="justify",
        ),
        Text(f"Berlin, {b.date('document_date', issued)}"),
        Signature("Konsularabteilung"),
    )
    return b
