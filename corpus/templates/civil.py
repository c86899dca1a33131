"""Civil status certificates, mostly as certified German translations of foreign originals."""

from __future__ import annotations

import datetime as dt
import random

from corpus.case import Case
from corpus.dates import add_years, between, pick_style
from corpus.model import DocBuilder, Gap, Rule, Signature, Stamp, Table, Text
from corpus.names import german_name


def certificate(rng: random.Random, case: Case, n_pages: int, *, subtype: str | None = None) -> DocBuilder:
    """Geburtsurkunde or Heiratsurkunde; document_date is the issue date of the certificate, not the translation.
    The parents a Geburtsurkunde names are `case.person.relatives` (father, mother)."""
    if subtype is None:
        subtype = "geburtsurkunde" if rng.random() < 0.7 else "heiratsurkunde"
    b = DocBuilder(rng, "civil_status_document", subtype, family=rng.choice(("times", "serif", "courier")), size=11)
    b.truth.title = "Geburtsurkunde" if subtype == "geburtsurkunde" else "Heiratsurkunde"
    b.truth.incoming = False
    p = case.person
    given, surname = p.spell(rng)
    issued = between(rng, case.entry - dt.timedelta(days=4000), case.entry - dt.timedelta(days=60))
    translated = between(rng, case.entry + dt.timedelta(days=30), case.end)
    translator = german_name(rng)
    b.page()
    b.party("person_concerned", f"{given} {surname}")
    b.add(
        Text(f"Übersetzung aus dem {p.country.language}", italic=True, size=10),
        Text(
            f"{'Republik ' if p.country.name not in ('Irak', 'Iran') else ''}{p.country.name}", align="center", size=11
        ),
        Text(f"Standesamt {p.birth_place}", align="center", size=10),
        Text(b.truth.title.upper(), bold=True, size=15, align="center"),
        Rule(0.3),
    )
    reg_no = f"{rng.randint(100, 9999)}/{issued.year}"
    if subtype == "geburtsurkunde":
        father, mother = p.relatives
        rows = [
            ["Name", surname],
            ["Vorname(n)", given],
            ["Geschlecht", "männlich" if p.sex == "M" else "weiblich"],
            ["Geburtsdatum", b.date("birth_date", case.birth, pick_style(rng))],
            ["Geburtsort", p.birth_place],
            ["Name des Vaters", father],
            ["Name der Mutter", mother],
            ["Registernummer", reg_no],
        ]
        b.party("other", father)
        b.party("other", mother)
    else:
        spouse = (
            f"{rng.choice(p.country.female if p.sex == 'M' else p.country.male)[0]} {rng.choice(p.country.surnames)[0]}"
        )
        married = between(rng, add_years(case.birth, 18), issued)
        rows = [
            ["Ehemann" if p.sex == "M" else "Ehefrau", f"{given} {surname}"],
            ["geboren am", b.date("birth_date", case.birth)],
            ["Ehefrau" if p.sex == "M" else "Ehemann", spouse],
            ["Tag der Eheschließung", b.date("other", married, pick_style(rng))],
            ["Ort", p.birth_place],
            ["Registernummer", reg_no],
        ]
        b.party("other", spouse)
    b.add(
        Table(rows, [0.35, 0.65], size=11, border=rng.random() < 0.5, header=False),
        Gap(4),
        Text(f"Ausgestellt am {b.date('document_date', issued, pick_style(rng))}", space_after=1),
        Text("Unterschrift und Siegel des Standesbeamten", size=9, italic=True),
    )
    if n_pages > 1:
        for _ in range(n_pages - 1):
            b.page()
            b.add(Text("Vermerke", bold=True), Text("Keine weiteren Eintragungen.", italic=True), Gap(30))
    b.add(
        Gap(8),
        Rule(0.2),
        Text(
            f"Die Richtigkeit und Vollständigkeit der vorstehenden Übersetzung aus der {p.country.language[:-2]} "
            "Sprache wird bescheinigt.",
            size=9.5,
            align="justify",
        ),
        Text(f"Bonn, den {b.date('other', translated)}", size=10),
        Signature(translator),
        Text("Öffentlich bestellte und beeidigte Übersetzerin", size=8.5),
    )
    b.overlay(Stamp(["Beeidigte Übersetzerin", translator, "LG Bonn"], 120, 255, rng.uniform(-12, 12), size=8, gray=90))
    return b
