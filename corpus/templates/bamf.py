"""BAMF documents: asylum decisions with numbered Tenor points, revocations, hearing invitations."""

from __future__ import annotations

import datetime as dt
import random

from corpus.case import Case
from corpus.dates import pick_style, workday
from corpus.model import Columns, DocBuilder, Emblem, Gap, Rule, Signature, Text
from corpus.names import german_name
from corpus.templates.common import HEADERS, addressee, filler

BAMF = "Bundesamt für Migration und Flüchtlinge"
OFFICES = (
    "Außenstelle Bonn",
    "Außenstelle Düsseldorf",
    "Außenstelle Dortmund",
    "Außenstelle Bielefeld",
    "Ankunftszentrum Bochum",
    "Außenstelle Köln",
)

TENOR_NO = (
    "1. Die Flüchtlingseigenschaft wird nicht zuerkannt.",
    "2. Der Antrag auf Asylanerkennung wird abgelehnt.",
    "3. Der subsidiäre Schutzstatus wird nicht zuerkannt.",
    "4. Abschiebungsverbote nach § 60 Absatz 5 und 7 Satz 1 des Aufenthaltsgesetzes liegen nicht vor.",
    "5. Der Antragsteller wird aufgefordert, die Bundesrepublik Deutschland innerhalb von 30 Tagen nach Bekanntgabe "
    "dieser Entscheidung bzw. nach dem unanfechtbaren Abschluss des Asylverfahrens zu verlassen. Sollte der "
    "Antragsteller die Ausreisefrist nicht einhalten, wird er nach {country} abgeschoben.",
    "6. Das gesetzliche Einreise- und Aufenthaltsverbot wird gemäß § 11 Absatz 1 des Aufenthaltsgesetzes angeordnet "
    "und auf 30 Monate ab dem Tag der Abschiebung befristet.",
)
TENOR_YES = (
    "1. Die Flüchtlingseigenschaft wird zuerkannt.",
    "2. Im Übrigen wird der Asylantrag abgelehnt.",
)
TENOR_SUB = (
    "1. Die Flüchtlingseigenschaft wird nicht zuerkannt.",
    "2. Der Antrag auf Asylanerkennung wird abgelehnt.",
    "3. Der subsidiäre Schutzstatus wird zuerkannt.",
)


def _head(rng: random.Random, b: DocBuilder, case: Case, date: dt.date, given: str, surname: str) -> None:
    office = rng.choice(OFFICES)
    b.party("authority", BAMF, "organisation")
    b.overlay(Emblem(b.margins[0] + 6, 16, 7, "Bundesamt\nfür Migration"))
    b.add(Gap(14))
    right = [BAMF, office, "", f"Gesch.-Z.: {b.file_number('bamf', case.bamf_no)}", "bitte unbedingt angeben", ""]
    if rng.random() < 0.5:
        right.append(f"Datum: {b.date('document_date', date, 'num')}")
    else:
        right.append(f"{office.split()[-1]}, {b.date('document_date', date, pick_style(rng))}")
    b.add(
        Columns(
            [f"BAMF · {office}", *addressee(case, given, surname, rng)],
            right,
            size=9.5,
            small_first_left=True,
            bold_first_right=True,
        )
    )


def make(rng: random.Random, case: Case, n_pages: int) -> DocBuilder:
    subtype = rng.choice(("asylbescheid", "asylbescheid", "asylbescheid", "widerrufsbescheid", "anhoerung"))
    b = DocBuilder(
        rng,
        "bamf_decision",
        subtype,
        family=rng.choice(("helvetica", "sans", "condensed")),
        size=10.5,
        header=rng.choice(HEADERS),
    )
    given, surname = case.person.spell(rng)
    b.party("person_concerned", f"{given} {surname}")
    b.page()
    if subtype == "anhoerung":
        date = workday(case.asylum_application + dt.timedelta(days=rng.randint(7, 60)))
        _head(rng, b, case, date, given, surname)
        b.truth.title = "Ladung zur Anhörung"
        hearing = workday(date + dt.timedelta(days=rng.randint(10, 30)))
        b.add(
            Text("Ladung zur persönlichen Anhörung gemäß § 25 AsylG", bold=True, size=12),
            Text(f"Sehr geehrte{'r Herr' if case.person.sex == 'M' else ' Frau'} {surname},"),
            Text(
                f"zu Ihrem Asylantrag vom {b.date('application_date', case.asylum_application, 'num')} werden Sie "
                f"zur persönlichen Anhörung am {b.date('hearing_date', hearing, pick_style(rng))} um "
                f"{rng.randint(8, 14)}:00 Uhr geladen. Bitte bringen Sie Ihre Aufenthaltsgestattung und alle "
                "Dokumente mit, die Ihre Angaben belegen.",
                align="justify",
            ),
            Text(
                "Erscheinen Sie ohne genügende Entschuldigung nicht, kann Ihr Asylantrag als zurückgenommen "
                "gelten (§ 33 AsylG). Eine Dolmetscherin oder ein Dolmetscher wird gestellt.",
                align="justify",
            ),
            Text("Mit freundlichen Grüßen", space_after=1),
            Text("Im Auftrag"),
            Signature(german_name(rng)),
        )
        for _ in range(n_pages - 1):
            b.page()
            filler(rng, b, 5)
        b.truth.incoming = True
        return b
    if subtype == "widerrufsbescheid":
        date = workday(case.bamf_decision + dt.timedelta(days=rng.randint(700, 1500)))
        date = min(date, case.end)
    else:
        date = case.bamf_decision
    _head(rng, b, case, date, given, surname)
    b.truth.title = "Bescheid"
    b.add(Text("B E S C H E I D" if rng.random() < 0.5 else "BESCHEID", bold=True, align="center", size=14))
    b.add(
        Text(
            f"In dem {'Widerrufsverfahren' if subtype == 'widerrufsbescheid' else 'Asylverfahren'} "
            f"{'des' if case.person.sex == 'M' else 'der'}",
            space_after=1,
        )
    )
    b.add(
        Text(
            f"{surname}, {given}, geb. {b.date('birth_date', case.birth, 'num')} in {case.person.birth_place}, "
            f"Staatsangehörigkeit: {case.person.country.adjective}, wohnhaft: {case.person.address}",
            indent=10,
        )
    )
    b.add(Text("ergeht folgende Entscheidung:", bold=True))
    if subtype == "widerrufsbescheid":
        points = [
            "1. Die mit Bescheid vom {d} zuerkannte Flüchtlingseigenschaft wird widerrufen.",
            "2. Der subsidiäre Schutzstatus wird nicht zuerkannt.",
            "3. Abschiebungsverbote nach § 60 Absatz 5 und 7 Satz 1 des Aufenthaltsgesetzes liegen nicht vor.",
        ]
        points[0] = points[0].format(d=b.date("other", case.bamf_decision, "num"))
    else:
        points = list(rng.choice((TENOR_NO, TENOR_NO, TENOR_YES, TENOR_SUB)))
    for p in points:
        b.add(Text(p.format(country=case.person.country.name), indent=6, align="justify"))
    b.add(Rule(0.2), Text("Begründung:", bold=True))
    b.add(
        Text(
            f"{'Der' if case.person.sex == 'M' else 'Die'} Antragsteller{'in' if case.person.sex == 'F' else ''}, "
            f"{case.person.country.adjective}e{'r' if case.person.sex == 'M' else ''} Staatsangehörige, reiste "
            f"eigenen Angaben zufolge am {b.date('entry_date', case.entry, pick_style(rng))} in die Bundesrepublik "
            f"Deutschland ein und stellte am {b.date('application_date', case.asylum_application, 'num')} einen "
            "Asylantrag.",
            align="justify",
        )
    )
    for i in range(n_pages - 1):
        b.page()
        filler(rng, b, rng.randint(4, 7), before=date, cite_share=0.15)
        if i == n_pages - 2:
            b.add(
                Text("Rechtsbehelfsbelehrung", bold=True),
                Text(
                    "Gegen diesen Bescheid kann innerhalb von zwei Wochen nach Zustellung Klage bei dem "
                    "Verwaltungsgericht erhoben werden.",
                    size=9.5,
                    align="justify",
                ),
                Text("Im Auftrag", space_after=1),
                Signature(german_name(rng)),
            )
    if n_pages == 1:
        b.add(Text("Im Auftrag", space_after=1), Signature(german_name(rng)))
    return b
