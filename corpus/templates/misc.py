"""Registration certificates, school papers, applications, letters, file notes, service certificates."""

from __future__ import annotations

import datetime as dt
import random

from corpus.case import Case
from corpus.dates import between, pick_style, workday
from corpus.model import Columns, DocBuilder, FormRow, Gap, Rule, Signature, Table, Text
from corpus.names import german_name
from corpus.templates.common import HEADERS, addressee, authority_letterhead, family, filler


def meldebescheinigung(rng: random.Random, case: Case) -> DocBuilder:
    b = DocBuilder(
        rng, "registration_certificate", "meldebescheinigung", family=rng.choice(("helvetica", "courier")), size=10.5
    )
    b.truth.title = "Meldebescheinigung"
    b.truth.incoming = False
    p = case.person
    given, surname = p.spell(rng, 0.85)
    town = p.town[1]
    moved_in = between(rng, case.entry + dt.timedelta(days=60), case.end - dt.timedelta(days=100))
    issued = workday(between(rng, moved_in, case.end))
    authority = f"Stadt {town.split(' (')[0]}"
    b.page()
    b.party("person_concerned", f"{given} {surname}")
    b.party("authority", authority, "organisation")
    b.add(
        Text(authority, bold=True, size=13),
        Text("Bürgerbüro / Einwohnermeldeamt", size=10),
        Rule(),
        Text("Meldebescheinigung", bold=True, size=15),
        Text("(einfache Meldebescheinigung nach § 18 Abs. 1 BMG)", size=9),
        Gap(4),
        Table(
            [
                ["Familienname", surname],
                ["Vornamen", given],
                ["Geburtsdatum", b.date("birth_date", case.birth)],
                ["Geburtsort", f"{p.birth_place} ({p.country.name})"],
                ["Staatsangehörigkeit", p.country.adjective],
                ["Anschrift", f"{p.street}, {p.town[0]} {town}"],
                ["Wohnungsstatus", "alleinige Wohnung"],
                ["Einzugsdatum", b.date("other", moved_in)],
            ],
            [0.35, 0.65],
            size=10.5,
            border=False,
            header=False,
        ),
        Gap(6),
        Text(f"{town}, {b.date('document_date', issued)}"),
        Text("Im Auftrag", space_after=1),
        Signature(german_name(rng)),
        Text("Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.", size=8),
    )
    return b


def school(
    rng: random.Random,
    case: Case,
    n_pages: int,
    *,
    subtype: str | None = None,
    issued: dt.date | None = None,
    since: dt.date | None = None,
) -> DocBuilder:
    """Schulbescheinigung (pupil since a date), Zeugnis (a half of a school year) or, when a story asks,
    Abschlusszeugnis (a school-leaving certificate)."""
    if subtype is None:
        subtype = rng.choice(("schulbescheinigung", "zeugnis"))
    if subtype == "abschlusszeugnis":
        return _leaving(rng, case, issued or case.end)
    b = DocBuilder(rng, "school_document", subtype, family=family(rng), size=11, header=rng.choice(HEADERS))
    b.truth.title = "Schulbescheinigung" if subtype == "schulbescheinigung" else "Zeugnis"
    b.truth.incoming = False
    given, surname = case.person.spell(rng)
    if issued is None:
        issued = workday(between(rng, case.entry + dt.timedelta(days=200), case.end))
    if since is None:
        since = between(rng, case.entry + dt.timedelta(days=30), issued - dt.timedelta(days=60))
    b.page()
    b.party("person_concerned", f"{given} {surname}")
    b.party("other", case.school, "organisation")
    b.add(
        Text(case.school, bold=True, size=14, align="center"),
        Text(f"{rng.choice(['Sekundarstufe I', 'Schule der Stadt', 'Berufsbildende Schule'])}", size=9, align="center"),
        Rule(),
    )
    if subtype == "schulbescheinigung":
        b.truth.facts["school"] = (since, issued)  # pupil from `since` to the day of the certificate
        b.add(
            Gap(6),
            Text(b.truth.title, bold=True, size=14),
            Gap(2),
            Text(
                f"Hiermit wird bescheinigt, dass {given} {surname}, geb. am {b.date('birth_date', case.birth)}, "
                f"seit dem {b.date('other', since, pick_style(rng))} Schüler/in unserer Schule ist und zurzeit die "
                f"Klasse {rng.choice(['8b', '9a', '10c', 'IK 2', 'BFS 1'])} besucht.",
                align="justify",
            ),
            Text("Die Schulpflicht wird regelmäßig erfüllt. Die Fehlzeiten sind gering.", align="justify"),
            Text(f"{case.school.split()[-1]}, {b.date('document_date', issued, pick_style(rng))}"),
            Signature(german_name(rng)),
            Text("Schulleitung", size=9),
        )
    else:
        year = issued.year
        level = "DER SEKUNDARSTUFE I" if rng.random() < 0.5 else ""
        heading = Text(f"ZEUGNIS {level}", bold=True, size=14, align="center")
        pupil = Text(f"für {given} {surname}, geboren am {b.date('birth_date', case.birth)}", align="center")
        half = rng.choice(["1. Halbjahr", "2. Halbjahr"])
        # The report covers its half of the school year (year - 1)/(year): Aug-Jan or Feb-Jul.
        b.truth.facts["school"] = (
            (dt.date(year - 1, 8, 1), dt.date(year, 1, 31))
            if half.startswith("1")
            else (dt.date(year, 2, 1), dt.date(year, 7, 31))
        )
        b.add(
            heading,
            pupil,
            Text(f"Schuljahr {year - 1}/{year % 100:02d} · {half}", align="center"),
            Table(
                [
                    ["Fach", "Note"],
                    *[
                        [f, rng.choice(["gut", "befriedigend", "ausreichend", "sehr gut"])]
                        for f in (
                            "Deutsch",
                            "Mathematik",
                            "Englisch",
                            "Gesellschaftslehre",
                            "Biologie",
                            "Sport",
                            "Arbeitslehre",
                        )
                    ],
                ],
                [0.6, 0.4],
                size=10.5,
            ),
            Text(f"Versäumte Stunden: {rng.randint(0, 40)}, davon unentschuldigt: {rng.randint(0, 5)}", size=10),
        )
        for _ in range(n_pages - 1):
            b.page()
            b.add(
                Text("Bemerkungen", bold=True),
                Text(
                    f"{given} arbeitet im Unterricht aufmerksam mit und hat "
                    "sich gut in die Klassengemeinschaft eingefügt.",
                    align="justify",
                ),
            )
        b.add(
            Gap(6),
            Text(f"{case.school.split()[-1]}, den {b.date('document_date', issued)}"),
            Signature("Klassenleitung"),
            Signature("Schulleitung"),
        )
    return b


def _leaving(rng: random.Random, case: Case, issued: dt.date) -> DocBuilder:
    """Abschlusszeugnis: the school-leaving qualification (§ 25a Abs. 1 Nr. 2 AufenthG counts it)."""
    b = DocBuilder(rng, "school_document", "abschlusszeugnis", family=family(rng), size=11)
    b.truth.title = "Abschlusszeugnis"
    b.truth.incoming = False
    b.truth.facts["school_leaving"] = True
    given, surname = case.person.spell(rng)
    b.page()
    b.party("person_concerned", f"{given} {surname}")
    b.party("other", case.school, "organisation")
    degree = rng.choice(
        ("den Hauptschulabschluss", "den Hauptschulabschluss nach Klasse 10", "den Mittleren Schulabschluss")
    )
    b.add(
        Text(case.school, bold=True, size=14, align="center"),
        Rule(),
        Text("ABSCHLUSSZEUGNIS", bold=True, size=15, align="center"),
        Text(f"{given} {surname}, geboren am {b.date('birth_date', case.birth)},", align="center"),
        Text(f"hat {degree} erworben.", align="center"),
        Gap(6),
        Text(f"{case.school.split()[-1]}, den {b.date('document_date', issued)}"),
        Signature("Schulleitung"),
    )
    return b


def antrag(rng: random.Random, case: Case, n_pages: int) -> DocBuilder:
    b = DocBuilder(
        rng,
        "application",
        "antrag",
        family="helvetica",
        size=10,
        margins=(16, 16, 14, 15),
        header=rng.choice(("Seite {n} von {N}", "- {n} -")),
    )
    kind = rng.choice(
        ("Aufenthaltserlaubnis", "Verlängerung der Duldung", "Beschäftigungserlaubnis", "Niederlassungserlaubnis")
    )
    b.truth.title = f"Antrag auf Erteilung einer {kind}" if "Verl" not in kind else f"Antrag auf {kind}"
    given, surname = case.person.spell(rng, 0.85)
    date = workday(between(rng, case.bamf_decision, case.end - dt.timedelta(days=20)))
    b.page()
    b.party("applicant", f"{given} {surname}")
    b.party("authority", case.authority.name, "organisation")
    b.add(
        Text(f"An: {case.authority.name} - {case.authority.lines[-1]}", size=9),
        Text(b.truth.title, bold=True, size=14),
        Text("(bitte in Druckbuchstaben ausfüllen)", size=8),
        Gap(2),
        FormRow([("1. Familienname", surname.upper(), 0.5), ("2. Vorname(n)", given.upper(), 0.5)]),
        FormRow(
            [
                ("3. Geburtsdatum", b.date("birth_date", case.birth), 0.3),
                ("4. Geburtsort/-land", f"{case.person.birth_place}/{case.person.country.name}", 0.4),
                ("5. Geschlecht", case.person.sex.replace("M", "männlich").replace("F", "weiblich"), 0.3),
            ]
        ),
        FormRow([("6. Anschrift", case.person.address, 1.0)]),
        FormRow(
            [
                ("7. Einreisedatum", b.date("entry_date", case.entry), 0.4),
                ("8. Aktenzeichen der Behörde", b.file_number("authority", case.authority_ref), 0.6),
            ]
        ),
        Gap(3),
        Text("9. Zweck des Aufenthalts", bold=True, size=9.5, space_after=1),
        FormRow([("", "Erwerbstätigkeit", 0.5), ("", "", 0.5)], checkbox=True, height=9),
        FormRow(
            [("", "humanitäre Gründe (§ 25 AufenthG)" if rng.random() < 0.5 else "", 0.5), ("", "Ausbildung", 0.5)],
            checkbox=True,
            height=9,
        ),
    )
    for i in range(n_pages - 1):
        b.page()
        b.add(
            Text(f"{10 + i * 3}. Angaben zum Lebensunterhalt", bold=True, size=9.5, space_after=1),
            FormRow([("Arbeitgeber", case.employer, 0.6), ("Nettoeinkommen", f"{rng.randint(900, 2400)} EUR", 0.4)]),
            FormRow([("Krankenversicherung", rng.choice(["AOK Rheinland", "TK", "Barmer", "DAK"]), 1.0)]),
            Text(f"{11 + i * 3}. Familienangehörige", bold=True, size=9.5, space_after=1),
            FormRow([("Name, Vorname", case.person.relatives[0], 0.6), ("Verhältnis", "Vater", 0.4)]),
            Gap(4),
            Text(
                "Ich versichere, die vorstehenden Angaben nach bestem Wissen und Gewissen richtig und "
                "vollständig gemacht zu haben (§ 55 Abs. 2 Nr. 1 AufenthG).",
                size=9,
                align="justify",
            ),
        )
    b.add(
        Gap(6),
        FormRow(
            [
                ("Ort, Datum", f"{case.person.town[1]}, {b.date('application_date', date)}", 0.5),
                ("Unterschrift", "", 0.5),
            ],
            height=14,
        ),
    )
    b.truth.document_date = date
    b.truth.dates.append(
        {
            "role": "document_date",
            "value": date.isoformat(),
            "page": len(b.pages) - 1,
            "text": b.truth.dates[-1]["text"],
        }
    )
    return b


def lawyer_letter(rng: random.Random, case: Case, n_pages: int) -> DocBuilder:
    b = DocBuilder(rng, "correspondence", "anwaltsschreiben", family=family(rng), size=11, header=rng.choice(HEADERS))
    b.truth.title = "Schreiben"
    given, surname = case.person.spell(rng)
    date = workday(between(rng, case.bamf_decision, case.end - dt.timedelta(days=10)))
    b.page()
    b.party("representative", case.lawyer)
    b.party("person_concerned", f"{given} {surname}")
    b.party("authority", case.authority.name, "organisation")
    b.add(
        Text(case.lawyer_firm.upper(), bold=True, size=13, align="right", space_after=0.5),
        Text(f"Rechtsanwalt {case.lawyer} · Fachanwalt für Migrationsrecht", size=8.5, align="right"),
        Gap(6),
    )
    b.add(
        Columns(
            [
                f"{case.lawyer_firm} · {case.lawyer_addr[0]} · {case.lawyer_addr[1]}",
                case.authority.name,
                case.authority.lines[-1],
                "",
                case.authority.town,
            ],
            [
                f"Unser Zeichen: {rng.randint(100, 999)}/{date.year % 100}",
                f"Ihr Zeichen: {b.file_number('authority', case.authority_ref)}",
                "",
                f"{case.lawyer_addr[1].split(' ', 1)[1]}, {b.date('document_date', date, pick_style(rng))}",
            ],
            size=10,
            small_first_left=True,
        )
    )
    b.add(
        Text(f"Ausländerangelegenheit {given} {surname.upper()}, geb. {b.date('birth_date', case.birth)}", bold=True),
        Gap(2),
        Text("Sehr geehrte Damen und Herren,"),
        Text(
            "in der vorbezeichneten Angelegenheit zeigen wir an, dass wir "
            f"{'Herrn' if case.person.sex == 'M' else 'Frau'} "
            f"{surname} anwaltlich vertreten. Eine auf uns lautende Vollmacht fügen wir bei.",
            align="justify",
        ),
        Text(
            f"Unser Mandant hält sich seit dem {b.date('entry_date', case.entry, pick_style(rng))} ununterbrochen im "
            "Bundesgebiet auf und ist wirtschaftlich integriert. Wir beantragen, ihm eine Aufenthaltserlaubnis "
            "nach § 25b AufenthG zu erteilen und bis zur Entscheidung eine Fiktionsbescheinigung auszustellen.",
            align="justify",
        ),
    )
    for _ in range(n_pages - 1):
        b.page()
        filler(rng, b, rng.randint(3, 6), before=date, cite_share=0.3)
    b.add(Text("Mit freundlichen Grüßen"), Signature(case.lawyer), Text("Rechtsanwalt", size=9))
    return b


def vermerk(rng: random.Random, case: Case) -> DocBuilder:
    b = DocBuilder(rng, "correspondence", "vermerk", family=rng.choice(("courier", "helvetica")), size=11)
    b.truth.title = "Vermerk"
    b.truth.incoming = False
    given, surname = case.person.spell(rng)
    date = workday(between(rng, case.bamf_decision, case.end))
    b.page()
    b.party("authority", case.authority.lines[0], "organisation")  # as the note prints it
    b.party("person_concerned", f"{given} {surname}")
    b.add(
        Text(case.authority.lines[0], size=9),
        Text(f"Az.: {b.file_number('authority', case.authority_ref)}", size=9),
        Gap(4),
        Text("V e r m e r k" if rng.random() < 0.5 else "Vermerk", bold=True, size=14),
        Gap(2),
        Text(f"Betr.: {surname}, {given}, geb. {b.date('birth_date', case.birth)}"),
        Gap(2),
        Text(
            f"{'Herr' if case.person.sex == 'M' else 'Frau'} {surname} sprach heute persönlich vor und legte "
            "eine aktuelle Arbeitgeberbescheinigung sowie drei Lohnabrechnungen vor. Die Duldung wurde "
            f"verlängert bis {b.date('valid_until', date + dt.timedelta(days=90))}.",
            align="justify",
        ),
        Text("Wiedervorlage: in drei Monaten.", space_after=4),
        Text(f"{case.authority.town}, {b.date('document_date', date)}"),
        Signature(case.clerk),
    )
    return b


def authority_letter(rng: random.Random, case: Case, n_pages: int) -> DocBuilder:
    """A letter of the authority to the person: Anhörung before a decision, requests for documents."""
    b = DocBuilder(rng, "correspondence", "schreiben", family=family(rng), size=11, header=rng.choice(HEADERS))
    b.truth.title = "Anhörung" if rng.random() < 0.5 else "Schreiben"
    b.truth.incoming = False
    given, surname = case.person.spell(rng)
    date = workday(between(rng, case.bamf_decision, case.end - dt.timedelta(days=5)))
    b.page()
    b.party("person_concerned", f"{given} {surname}")
    authority_letterhead(rng, b, case, addressee(case, given, surname, rng), date)
    deadline = date + dt.timedelta(days=rng.choice((14, 21, 28)))
    b.add(
        Text(
            "Anhörung gemäß § 28 VwVfG NRW"
            if b.truth.title == "Anhörung"
            else "Mitwirkungspflichten nach § 82 AufenthG",
            bold=True,
        ),
        Text(f"Sehr geehrte{'r Herr' if case.person.sex == 'M' else ' Frau'} {surname},"),
        Text(
            "Ihre Duldung läuft demnächst ab. Ich beabsichtige, Ihren Antrag abzulehnen, da Sie bislang keinen "
            "gültigen Pass vorgelegt haben. Sie erhalten Gelegenheit, sich bis zum "
            f"{b.date('other', deadline, pick_style(rng))} zu äußern.",
            align="justify",
        ),
    )
    for _ in range(n_pages - 1):
        b.page()
        filler(rng, b, 4)
    b.add(Text("Mit freundlichen Grüßen", space_after=1), Text("Im Auftrag"), Signature(case.clerk))
    return b


def zustellung(rng: random.Random, case: Case) -> DocBuilder:
    """Postzustellungsurkunde: only dates of service, an 'other' document that is easy to confuse."""
    b = DocBuilder(rng, "other", "zustellungsurkunde", family="helvetica", size=10, margins=(18, 18, 15, 15))
    b.truth.title = "Zustellungsurkunde"
    given, surname = case.person.spell(rng)
    served = workday(between(rng, case.bamf_decision, case.end))
    b.page()
    b.party("person_concerned", f"{given} {surname}")
    b.add(
        Text("Zustellungsurkunde", bold=True, size=15),
        Text("(§ 182 ZPO)", size=9),
        Gap(3),
        FormRow([("Aktenzeichen", b.file_number("bamf", case.bamf_no), 0.5), ("Absender", "BAMF", 0.5)]),
        FormRow([("Empfänger", f"{given} {surname}", 1.0)]),
        FormRow([("Anschrift", case.person.address, 1.0)]),
        FormRow(
            [
                ("Das Schriftstück habe ich übergeben am", b.date("service_date", served), 0.6),
                ("Uhrzeit", f"{rng.randint(8, 17)}:{rng.randint(0, 59):02d}", 0.4),
            ]
        ),
        FormRow([("in den Briefkasten eingelegt", "x" if rng.random() < 0.5 else "", 1.0)], checkbox=True),
        Gap(8),
        Columns(["Zusteller/in", german_name(rng)], ["Deutsche Post AG"], size=9),
        Signature(),
    )
    b.truth.document_date = served
    return b
