"""Proof of employment: payslips (tables), contracts, the BA form, employer certificates."""

from __future__ import annotations

import datetime as dt
import random

from corpus.case import Case
from corpus.dates import MONTHS, add_years, between, month_end, pick_style, workday
from corpus.model import Columns, DocBuilder, FormRow, Gap, Rule, Signature, Table, Text
from corpus.names import german_name
from corpus.templates.common import HEADERS, family

JOBS = ("Lagerhelfer", "Produktionshelfer", "Koch", "Pflegehelfer", "Reinigungskraft", "Bauhelfer", "Fahrer")


def _money(v: float) -> str:
    return f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def payslip(rng: random.Random, case: Case, *, month: dt.date | None = None) -> DocBuilder:
    """One month's pay slip; a story passes the month (runs of slips with months missing)."""
    b = DocBuilder(
        rng,
        "employment_proof",
        "lohnabrechnung",
        family=rng.choice(("helvetica", "condensed", "sans", "courier")),
        size=9.5,
    )
    b.truth.title = rng.choice(("Lohnabrechnung", "Entgeltabrechnung", "Verdienstabrechnung"))
    b.truth.incoming = False
    if month is None:
        month = between(rng, case.bamf_decision, case.end - dt.timedelta(days=40)).replace(day=1)
    end = month_end(month)
    issued = workday(end + dt.timedelta(days=rng.randint(-3, 6)))
    given, surname = case.person.spell(rng)
    b.page()
    b.party("employer", case.employer, "organisation")
    b.party("employee", f"{given} {surname}")
    b.add(
        Text(case.employer, bold=True, size=12, space_after=0.5),
        Text(f"{case.employer_addr[0]} · {case.employer_addr[1]}", size=8),
    )
    b.add(
        Gap(6),
        Columns(
            [f"{given} {surname}", case.person.street, f"{case.person.town[0]} {case.person.town[1]}"],
            [
                b.truth.title,
                f"Abrechnungsmonat: {MONTHS[month.month - 1]} {month.year}",
                f"Personal-Nr.: {rng.randint(100, 9999)}",
                f"Erstellt am: {b.date('document_date', issued)}",
            ],
            size=10,
            bold_first_right=True,
        ),
    )
    b.add(Text(f"Abrechnungszeitraum: {b.date('pay_period_start', month)} - {b.date('pay_period_end', end)}", size=9.5))
    if rng.random() < 0.6:
        b.add(
            Text(
                f"Eintritt: {b.date('employment_start', between(rng, case.bamf_decision, month))}   "
                f"Geburtsdatum: {b.date('birth_date', case.birth)}   StKl: {rng.choice('1145')}",
                size=9,
            )
        )
    hours = rng.choice((80, 120, 160, 173))
    rate = round(rng.uniform(12.0, 17.5), 2)
    gross = round(hours * rate, 2)
    tax = round(gross * rng.uniform(0.03, 0.12), 2)
    social = round(gross * 0.205, 2)
    rows = [
        ["Lohnart", "Bezeichnung", "Menge", "Satz", "Betrag"],
        ["1000", "Stundenlohn", f"{hours},00", _money(rate), _money(gross)],
    ]
    extra = 0.0
    if rng.random() < 0.5:
        extra = round(rng.uniform(20, 180), 2)
        rows.append(["1200", "Zuschlag Nacht/Sonntag", "", "", _money(extra)])
    rows += [
        ["", "Gesamtbrutto", "", "", _money(gross + extra)],
        ["", "Lohnsteuer", "", "", _money(tax)],
        ["", "Sozialversicherung AN-Anteil", "", "", _money(social)],
        ["", "Nettobezug", "", "", _money(gross + extra - tax - social)],
        ["", "Auszahlungsbetrag", "", "", _money(gross + extra - tax - social)],
    ]
    b.add(
        Table(
            rows,
            [0.12, 0.43, 0.13, 0.14, 0.18],
            border=rng.random() < 0.6,
            align=["left", "left", "right", "right", "right"],
        )
    )
    b.add(
        Text(
            f"Überweisung an: IBAN DE{rng.randint(10, 99)} 3705 0299 {rng.randint(1000, 9999)} "
            f"{rng.randint(1000, 9999)} {rng.randint(10, 99)}",
            size=8.5,
        )
    )
    return b


def contract(rng: random.Random, case: Case, n_pages: int, *, training: bool = False) -> DocBuilder:
    subtype = "ausbildungsvertrag" if training else "arbeitsvertrag"
    b = DocBuilder(
        rng,
        "school_document" if training else "employment_proof",
        subtype,
        family=family(rng),
        size=10.5,
        header=rng.choice(HEADERS),
    )
    b.truth.title = "Berufsausbildungsvertrag" if training else "Arbeitsvertrag"
    b.truth.incoming = False
    given, surname = case.person.spell(rng)
    start = between(rng, case.bamf_decision, case.end - dt.timedelta(days=90)).replace(day=1)
    signed = workday(start - dt.timedelta(days=rng.randint(5, 40)))
    b.page()
    b.add(Text(b.truth.title, bold=True, size=16, align="center"), Text("zwischen", align="center"))
    b.party("employer", case.employer, "organisation")
    b.add(
        Text(f"{case.employer}, {case.employer_addr[0]}, {case.employer_addr[1]}", align="center"),
        Text(f"- im Folgenden „{'Ausbildender' if training else 'Arbeitgeber'}“ -", align="center", size=9),
        Text("und", align="center"),
    )
    b.party("employee", f"{given} {surname}")
    b.add(
        Text(
            f"Herrn/Frau {given} {surname}, geb. am {b.date('birth_date', case.birth)}, {case.person.address}",
            align="center",
        ),
        Text(f"- im Folgenden „{'Auszubildende/r' if training else 'Arbeitnehmer/in'}“ -", align="center", size=9),
        Gap(4),
    )
    limited = rng.random() < 0.5 or training
    end = add_years(start, 3 if training else rng.choice((1, 2))) - dt.timedelta(days=1)
    paras = [
        f"§ 1 Beginn{' und Dauer' if limited else ''}",
        f"Das {'Ausbildungs' if training else 'Arbeits'}verhältnis beginnt am "
        f"{b.date('employment_start', start, pick_style(rng))}"
        + (
            f" und endet am {b.date('employment_end', end, pick_style(rng))}."
            if limited
            else " und wird auf unbestimmte Zeit geschlossen."
        )
        + " Die ersten sechs Monate gelten als Probezeit.",
        "§ 2 Tätigkeit",
        f"Der Arbeitnehmer wird als {rng.choice(JOBS)} "
        "eingestellt. Der Arbeitgeber behält sich vor, ihm auch andere zumutbare Tätigkeiten zu übertragen.",
        "§ 3 Arbeitszeit und Vergütung",
        f"Die regelmäßige wöchentliche Arbeitszeit beträgt {rng.choice([20, 30, 38.5, 40])} Stunden. Der "
        f"Stundenlohn beträgt {_money(rng.uniform(12.5, 18))} EUR brutto.",
        "§ 4 Urlaub",
        f"Der Arbeitnehmer erhält {rng.randint(24, 30)} Arbeitstage Erholungsurlaub im Kalenderjahr.",
        "§ 5 Kündigung",
        "Nach Ablauf der Probezeit gelten die gesetzlichen Kündigungsfristen (§ 622 BGB).",
        "§ 6 Schlussbestimmungen",
        "Änderungen und Ergänzungen dieses Vertrages bedürfen der Schriftform.",
    ]
    per_page = max(2, len(paras) // n_pages + (len(paras) // n_pages) % 2)
    for i in range(0, len(paras), 2):
        if i and i % per_page == 0 and len(b.pages) < n_pages:
            b.page()
        b.add(Text(paras[i], bold=True, space_after=1), Text(paras[i + 1], align="justify"))
    while len(b.pages) < n_pages:
        b.page()
        b.add(
            Text("§ 7 Sonstiges", bold=True),
            Text(
                "Es gelten ergänzend die Bestimmungen des Tarifvertrages in seiner jeweils gültigen Fassung.",
                align="justify",
            ),
        )
    b.add(
        Gap(8),
        Text(f"{case.employer_addr[1].split(' ', 1)[1]}, den {b.date('document_date', signed)}"),
        Signature(case.employer),
        Signature(f"{given} {surname}"),
    )
    return b


def ba_form(rng: random.Random, case: Case) -> DocBuilder:
    """ "Erklärung zum Beschäftigungsverhältnis" of the Bundesagentur für Arbeit (boxes)."""
    b = DocBuilder(
        rng, "employment_proof", "beschaeftigungserklaerung", family="helvetica", size=9.5, margins=(15, 15, 12, 15)
    )
    b.truth.title = "Erklärung zum Beschäftigungsverhältnis"
    b.truth.incoming = True
    given, surname = case.person.spell(rng, 0.85)
    start = between(rng, case.bamf_decision, case.end - dt.timedelta(days=60))
    signed = workday(start - dt.timedelta(days=rng.randint(5, 30)))
    b.page()
    b.add(
        Text("Bundesagentur für Arbeit", bold=True, size=11, space_after=0.5),
        Text("Erklärung zum Beschäftigungsverhältnis", bold=True, size=14),
        Text("Bitte füllen Sie diesen Vordruck vollständig in Druckschrift aus.", size=8),
    )
    b.party("employee", f"{given} {surname}")
    b.party("employer", case.employer, "organisation")
    b.add(
        Text("1. Angaben zur Person der Arbeitnehmerin/des Arbeitnehmers", bold=True, size=9.5, space_after=1),
        FormRow([("Familienname", surname, 0.5), ("Vorname(n)", given, 0.5)]),
        FormRow(
            [
                ("Geburtsdatum", b.date("birth_date", case.birth), 0.3),
                ("Staatsangehörigkeit", case.person.country.adjective, 0.35),
                ("Geburtsort", case.person.birth_place, 0.35),
            ]
        ),
        Gap(3),
        Text("2. Angaben zum Arbeitgeber", bold=True, size=9.5, space_after=1),
        FormRow([("Name / Firma", case.employer, 1.0)]),
        FormRow(
            [
                ("Anschrift", f"{case.employer_addr[0]}, {case.employer_addr[1]}", 0.7),
                ("Betriebsnummer", str(rng.randint(10000000, 99999999)), 0.3),
            ]
        ),
        Gap(3),
        Text("3. Angaben zum Beschäftigungsverhältnis", bold=True, size=9.5, space_after=1),
        FormRow(
            [
                ("Beschäftigung ab", b.date("employment_start", start), 0.33),
                (
                    "befristet bis",
                    b.date("employment_end", add_years(start, 1))
                    if rng.random() < 0.5
                    else "unbefristet",
                    0.33,
                ),
                ("Wochenstunden", str(rng.choice([20, 30, 39, 40])), 0.34),
            ]
        ),
        FormRow(
            [
                (
                    "Berufsbezeichnung",
                    rng.choice(["Helfer Lager", "Küchenhilfe", "Pflegehilfskraft", "Reinigungskraft"]),
                    0.6,
                ),
                ("Bruttoarbeitsentgelt monatlich", f"{_money(rng.uniform(900, 2800))} EUR", 0.4),
            ]
        ),
        FormRow(
            [("Tarifvertrag", "ja" if rng.random() < 0.5 else "", 0.5), ("Vollzeit", "x", 0.5)],
            checkbox=True,
            height=10,
        ),
        Gap(6),
        Rule(0.2),
        Text(f"Ort, Datum: {case.employer_addr[1].split(' ', 1)[1]}, {b.date('document_date', signed)}"),
        Signature("Unterschrift und Stempel des Arbeitgebers"),
    )
    return b


def employer_certificate(
    rng: random.Random, case: Case, *, start: dt.date | None = None, issued: dt.date | None = None
) -> DocBuilder:
    """An employer's certificate of an ongoing employment since a date (a story passes both dates)."""
    b = DocBuilder(rng, "employment_proof", "arbeitgeberbescheinigung", family=family(rng), size=11)
    b.truth.title = "Arbeitgeberbescheinigung"
    b.truth.facts["ongoing"] = True  # "unbefristet beschäftigt ... ungekündigt": employed on the paper's date
    given, surname = case.person.spell(rng)
    if start is None or issued is None:
        start = between(rng, case.bamf_decision, case.end - dt.timedelta(days=200))
        issued = workday(between(rng, start + dt.timedelta(days=60), case.end))
    b.page()
    b.party("employer", case.employer, "organisation")
    b.party("employee", f"{given} {surname}")
    b.add(
        Text(case.employer, bold=True, size=15, align=rng.choice(("left", "center"))),
        Text(
            f"{case.employer_addr[0]} · {case.employer_addr[1]} · Tel. 0{rng.randint(2200, 2299)} "
            f"{rng.randint(10000, 99999)}",
            size=8,
            align="center",
        ),
        Rule(),
        Gap(8),
        Text(
            f"{case.employer_addr[1].split(' ', 1)[1]}, {b.date('document_date', issued, pick_style(rng))}",
            align="right",
        ),
        Text("Arbeitgeberbescheinigung" if rng.random() < 0.6 else "Bescheinigung", bold=True, size=13),
        Gap(3),
        Text(
            f"Hiermit bestätigen wir, dass Herr/Frau {given} {surname}, geboren am "
            f"{b.date('birth_date', case.birth)}, seit dem {b.date('employment_start', start, pick_style(rng))} "
            f"in unserem Betrieb in Vollzeit als {rng.choice(['Helfer', 'Koch', 'Fahrer', 'Lagerist'])} "
            "unbefristet beschäftigt ist. Das Arbeitsverhältnis ist ungekündigt.",
            align="justify",
        ),
        Text(
            "Wir sind mit den Leistungen sehr zufrieden und würden eine Verlängerung des Aufenthalts sehr "
            "begrüßen, da wir dringend auf Fachkräfte angewiesen sind.",
            align="justify",
        ),
        Text("Mit freundlichen Grüßen"),
        Signature(german_name(rng)),
        Text("Geschäftsführung", size=9),
    )
    return b
