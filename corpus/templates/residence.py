"""Residence papers: Duldung (form D2a style), Fiktionsbescheinigung, Aufenthaltsgestattung, AE decision."""

from __future__ import annotations

import datetime as dt
import random

from corpus.case import Case
from corpus.dates import add_years, between, pick_style, workday
from corpus.model import DocBuilder, FormRow, Gap, Photo, Signature, Stamp, Text
from corpus.templates.common import HEADERS, addressee, authority_letterhead, family, filler

FORMS = {
    "duldung": (
        "Bescheinigung über die Aussetzung der Abschiebung (Duldung)",
        "Diese Bescheinigung ist kein Aufenthaltstitel und kein Passersatz.",
        "§ 60a AufenthG",
    ),
    "fiktionsbescheinigung": (
        "Fiktionsbescheinigung",
        "Der Aufenthaltstitel gilt nach § 81 Abs. 4 AufenthG als fortbestehend.",
        "§ 81 AufenthG",
    ),
    "aufenthaltsgestattung": (
        "Bescheinigung über die Aufenthaltsgestattung",
        "Der Inhaber ist zum Aufenthalt im Bezirk der Ausländerbehörde berechtigt.",
        "§ 63 AsylG",
    ),
}


SIXTY_B = (
    "Bescheinigung über die Aussetzung der Abschiebung (Duldung für Personen mit ungeklärter Identität)",
    "Diese Bescheinigung ist kein Aufenthaltstitel und kein Passersatz.",
    "§ 60b AufenthG",
)


def form(
    rng: random.Random,
    case: Case,
    subtype: str,
    n_pages: int,
    *,
    issued: dt.date | None = None,
    valid_until: dt.date | None = None,
    sixty_b: bool = False,
) -> DocBuilder:
    """A residence form; a story passes its validity (`issued`, `valid_until`) and the § 60b variant."""
    title, note, basis = SIXTY_B if sixty_b else FORMS[subtype]
    b = DocBuilder(
        rng, "residence_document", subtype, family=rng.choice(("helvetica", "sans")), size=10, margins=(18, 18, 14, 15)
    )
    b.truth.title = title
    b.truth.incoming = False
    if sixty_b:
        b.truth.facts["status"] = "geduldet_60b"
    given, surname = case.person.spell(rng, 0.85)
    if issued is None or valid_until is None:
        if subtype == "aufenthaltsgestattung":
            issued = workday(case.asylum_application + dt.timedelta(days=rng.randint(0, 20)))
            months = 6
        else:
            issued = workday(between(rng, case.bamf_decision, case.end - dt.timedelta(days=30)))
            months = rng.choice((1, 3, 3, 6))
        valid_until = issued + dt.timedelta(days=30 * months)
    b.page()
    b.party("person_concerned", f"{given} {surname}")
    b.party("authority", case.authority.name, "organisation")
    b.add(
        Text("Bundesrepublik Deutschland", size=9, align="center", space_after=0.5),
        Text(title, bold=True, size=14, align="center"),
        Text(note, size=8.5, align="center"),
        Gap(3),
    )
    b.add(Photo(30, 40), Gap(3))
    b.add(
        FormRow([("Name", surname.upper(), 0.5), ("Vorname(n)", given, 0.5)]),
        FormRow(
            [
                ("Geburtsdatum", b.date("birth_date", case.birth), 0.3),
                ("Geburtsort", case.person.birth_place, 0.35),
                ("Staatsangehörigkeit", case.person.country.name.upper(), 0.35),
            ]
        ),
        FormRow([("Anschrift", case.person.address, 1.0)]),
        FormRow(
            [
                ("Ausstellende Behörde", case.authority.name, 0.6),
                ("Aktenzeichen", b.file_number("authority", case.authority_ref), 0.4),
            ]
        ),
        FormRow(
            [
                ("Gültig ab", b.date("valid_from", issued), 0.33),
                ("Gültig bis", b.date("valid_until", valid_until), 0.33),
                ("Ausgestellt am", b.date("document_date", issued), 0.34),
            ]
        ),
        Gap(4),
        Text(f"Rechtsgrundlage: {basis}", size=9),
        Text("Nebenbestimmungen:", bold=True, size=9.5, space_after=1),
        Text(
            rng.choice(
                (
                    "Erwerbstätigkeit nur mit Erlaubnis der Ausländerbehörde gestattet.",
                    "Beschäftigung gestattet. Selbständige Tätigkeit nicht gestattet.",
                    "Wohnsitznahme im Rhein-Sieg-Kreis.",
                    "Räumlich beschränkt auf das Land Nordrhein-Westfalen.",
                )
            ),
            size=9.5,
        ),
        Gap(6),
        Signature("Im Auftrag"),
    )
    b.overlay(
        Stamp(
            [case.authority.lines[0], "- Ausländerbehörde -"],
            rng.uniform(120, 150),
            rng.uniform(235, 250),
            rng.uniform(-10, 10),
            size=8,
            gray=110,
        )
    )
    for _ in range(n_pages - 1):
        b.page()
        b.add(Text("Verlängerungen / Änderungen", bold=True, size=11))
        ext = valid_until
        rows = []
        for _ in range(rng.randint(1, 3)):
            new = ext + dt.timedelta(days=30 * rng.choice((3, 6)))
            if new > case.end:
                break
            rows.append(
                FormRow(
                    [
                        ("verlängert bis", b.date("valid_until", new), 0.4),
                        ("am", b.date("other", ext - dt.timedelta(days=rng.randint(1, 10))), 0.3),
                        ("Behörde", case.authority.name, 0.3),
                    ]
                )
            )
            ext = new
        b.add(
            *rows,
            Gap(5),
            Text("Hinweis: Die Bescheinigung ist bei Ablauf der Gültigkeit unaufgefordert zurückzugeben.", size=9),
        )
    return b


def permit_decision(
    rng: random.Random,
    case: Case,
    n_pages: int,
    *,
    date: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> DocBuilder:
    """Letter granting an Aufenthaltserlaubnis (§ 25a/25b/25 Abs. 5 AufenthG); a story passes its validity."""
    b = DocBuilder(
        rng, "residence_document", "aufenthaltserlaubnis", family=family(rng), size=11, header=rng.choice(HEADERS)
    )
    b.truth.title = "Erteilung einer Aufenthaltserlaubnis"
    b.truth.incoming = False
    given, surname = case.person.spell(rng)
    if date is None:
        date = workday(between(rng, case.bamf_decision + dt.timedelta(days=200), case.end - dt.timedelta(days=5)))
    b.page()
    b.party("person_concerned", f"{given} {surname}")
    authority_letterhead(rng, b, case, addressee(case, given, surname, rng), date)
    basis = rng.choice(
        ("§ 25b Abs. 1 AufenthG", "§ 25a Abs. 1 AufenthG", "§ 25 Abs. 5 AufenthG", "§ 19d Abs. 1 AufenthG")
    )
    years = rng.choice((1, 2, 3))
    valid_to = valid_to or add_years(date, years)
    app = date - dt.timedelta(days=rng.randint(40, 300))
    b.add(
        Text(
            f"Ihr Antrag auf Erteilung einer Aufenthaltserlaubnis vom {b.date('application_date', app, 'num')}",
            bold=True,
        ),
        Gap(2),
        Text(f"Sehr geehrte{'r Herr' if case.person.sex == 'M' else ' Frau'} {surname},"),
        Text(
            f"auf Ihren Antrag wird Ihnen eine Aufenthaltserlaubnis nach {basis} erteilt. Die Aufenthaltserlaubnis "
            f"ist gültig vom {b.date('valid_from', date, pick_style(rng))} bis zum "
            f"{b.date('valid_until', valid_to, pick_style(rng))}.",
            align="justify",
        ),
        Text(f"Sie halten sich seit dem {b.date('entry_date', case.entry)} im Bundesgebiet auf.", align="justify"),
    )
    for _ in range(n_pages - 1):
        b.page()
        filler(rng, b, 5)
    b.add(Text("Mit freundlichen Grüßen", space_after=1), Text("Im Auftrag"), Signature(case.clerk))
    return b
