"""Court decisions: Urteil, Beschluss, Gerichtsbescheid with Rubrum, Tenor, reasons and instructions."""

from __future__ import annotations

import datetime as dt
import random

from corpus.case import Case
from corpus.dates import between, pick_style, workday
from corpus.model import DocBuilder, Gap, Signature, Text
from corpus.names import german_name
from corpus.templates.common import HEADERS, LEGAL, filler


def make(rng: random.Random, case: Case, n_pages: int) -> DocBuilder:
    court, az, variants, filed, urgent, asylum = case.court_case(rng)
    subtype = "beschluss" if urgent else rng.choice(("urteil", "urteil", "urteil", "gerichtsbescheid", "beschluss"))
    header = rng.choice(HEADERS)
    if rng.random() < 0.4:
        header = f"{header}   {az}" if "{N}" not in header else header
    b = DocBuilder(
        rng,
        "court_decision",
        subtype,
        family=rng.choice(("times", "serif", "times", "helvetica")),
        size=rng.choice((11.0, 11.5, 12.0)),
        header=header,
    )
    b.truth.court = court.as_truth()
    b.truth.title = {"urteil": "Urteil", "beschluss": "Beschluss", "gerichtsbescheid": "Gerichtsbescheid"}[subtype]
    hearing = between(rng, filed + dt.timedelta(days=60), case.end - dt.timedelta(days=40))
    decided = workday(hearing + dt.timedelta(days=rng.choice((0, 0, 7, 14, 21))))
    if subtype != "urteil":
        decided = workday(between(rng, filed + dt.timedelta(days=20), case.end - dt.timedelta(days=30)))
    given, surname = case.person.spell(rng)
    name = f"{given} {surname.upper() if rng.random() < 0.4 else surname}"
    b.page()
    az_text = b.file_number("court", az, variants)
    top_az = rng.random() < 0.5
    if top_az:
        b.add(Text(f"{'Az.: ' if rng.random() < 0.5 else ''}{az_text}", size=11, bold=True))
    for line in court.letter_lines:
        b.add(Text(line, size=14, bold=True, align="center", space_after=1))
    b.party("court", court.name, "organisation")
    if subtype == "urteil":
        b.add(
            Gap(3),
            Text("IM NAMEN DES VOLKES", bold=True, align="center", size=12),
            Text("URTEIL", bold=True, align="center", size=13),
        )
    else:
        b.add(Gap(3), Text(b.truth.title.upper(), bold=True, align="center", size=13))
    if not top_az:
        b.add(Text(az_text, align="center", size=11))
    if subtype == "urteil" and rng.random() < 0.6:
        b.add(
            Text(
                f"Verkündet am {b.date('document_date', decided, 'num')}\n{german_name(rng)}, Justizbeschäftigte"
                "\nals Urkundsbeamtin der Geschäftsstelle",
                size=9,
                align="right",
            )
        )
        dated_above = True
    else:
        dated_above = False
    b.add(
        Text(
            "In dem verwaltungsgerichtlichen Verfahren" if rng.random() < 0.5 else "In der Verwaltungsrechtssache",
            space_after=2,
        )
    )
    role, other_role = ("applicant", "respondent") if subtype == "beschluss" else ("plaintiff", "defendant")
    label = (
        ("des Antragstellers" if case.person.sex == "M" else "der Antragstellerin")
        if role == "applicant"
        else ("des Klägers" if case.person.sex == "M" else "der Klägerin")
    )
    b.party(role, name)
    birth = b.date("birth_date", case.birth, "num")
    b.add(
        Text(
            f"{name}, geboren am {birth} in {case.person.birth_place}, {case.person.address},", indent=8, space_after=1
        )
    )
    b.add(Text(f"{label},", align="right", space_after=1))
    b.party("representative", case.lawyer_firm, "organisation")  # the Rubrum names the firm
    b.add(
        Text(
            f"Prozessbevollmächtigte: {case.lawyer_firm}, {case.lawyer_addr[0]}, {case.lawyer_addr[1]},",
            indent=8,
            space_after=1,
        ),
        Text("g e g e n" if rng.random() < 0.5 else "gegen", align="center"),
    )
    if asylum:
        defendant = "Bundesrepublik Deutschland"
        b.party(other_role, defendant, "organisation")
        b.add(
            Text(
                f"die {defendant}, vertreten durch das Bundesamt für Migration und Flüchtlinge, "
                f"Frankenstraße 210, 90461 Nürnberg, Gesch.-Z.: {b.file_number('bamf', case.bamf_no)},",
                indent=8,
                space_after=1,
            )
        )
        matter = (
            "wegen Asylrechts"
            if rng.random() < 0.5
            else "wegen Asylrecht (Syrien)".replace("Syrien", case.person.country.name)
        )
    else:
        b.party(other_role, case.authority.name, "organisation")
        b.add(
            Text(
                f"{'die' if case.authority.name.startswith('Stadt') else 'den'} {case.authority.name}, vertreten "
                f"durch {case.authority.lines[1].replace('Der ', 'den ').replace('Die ', 'die ')}, Az.: "
                f"{b.file_number('authority', case.authority_ref)},",
                indent=8,
                space_after=1,
            )
        )
        matter = rng.choice(("wegen Aufenthaltserlaubnis", "wegen Ausländerrechts", "wegen Duldung"))
    b.add(
        Text(f"{'der Beklagten' if other_role == 'defendant' else 'der Antragsgegnerin'},", align="right"),
        Text(matter, space_after=3),
    )
    judge1, judge2, judge3 = german_name(rng), german_name(rng), german_name(rng)
    if subtype == "urteil":
        b.add(
            Text(
                f"hat die {rng.randint(1, 29)}. Kammer des {court.name} aufgrund der mündlichen Verhandlung vom "
                f"{b.date('hearing_date', hearing, pick_style(rng))} durch die Richterin am Verwaltungsgericht "
                f"{judge1} als Einzelrichterin für Recht erkannt:"
            )
        )
    else:
        when = "" if dated_above else f" am {b.date('document_date', decided, pick_style(rng, 0.6))}"
        b.add(
            Text(
                f"hat die {rng.randint(1, 29)}. Kammer des {court.name}{when} durch den Richter {judge1} beschlossen:"
                if subtype == "beschluss"
                else f"hat die {rng.randint(1, 29)}. Kammer des {court.name}{when} ohne mündliche Verhandlung durch "
                f"Gerichtsbescheid für Recht erkannt:"
            )
        )
    tenor = rng.choice(
        (
            f"Die Beklagte wird unter Aufhebung des Bescheides vom {b.date('other', case.bamf_decision, 'num')} "
            "verpflichtet, dem Kläger die Flüchtlingseigenschaft zuzuerkennen.",
            "Die Klage wird abgewiesen. Der Kläger trägt die Kosten des Verfahrens.",
            "Der Antrag wird abgelehnt. Die Kosten des Verfahrens trägt der Antragsteller.",
            "Die aufschiebende Wirkung der Klage wird angeordnet. Die Antragsgegnerin trägt die Kosten des Verfahrens.",
        )
    )
    b.add(
        Text(tenor, indent=10, bold=rng.random() < 0.3),
        Text("Das Urteil ist wegen der Kosten vorläufig vollstreckbar." if subtype == "urteil" else "", indent=10),
    )
    body_pages = max(0, n_pages - 1)
    intro = (
        f"Der Kläger ist {case.person.country.adjective}er Staatsangehöriger. Er reiste nach eigenen Angaben am "
        f"{{entry}} in die Bundesrepublik Deutschland ein und stellte am {{app}} einen Asylantrag."
    )
    for i in range(body_pages):
        b.page()
        if i == 0:
            b.add(Text("Tatbestand" if subtype != "beschluss" else "Gründe", bold=True, align="center"))
            b.add(
                Text(
                    intro.format(
                        entry=b.date("entry_date", case.entry, pick_style(rng)),
                        app=b.date("application_date", case.asylum_application, pick_style(rng)),
                    ),
                    align="justify",
                )
            )
            if asylum:
                b.add(
                    Text(
                        f"Mit Bescheid vom {b.date('other', case.bamf_decision, 'num')} lehnte das Bundesamt den "
                        "Antrag ab. Der Bescheid wurde am "
                        f"{b.date('service_date', case.bamf_decision + dt.timedelta(days=rng.randint(2, 9)), 'num')}"
                        " zugestellt.",
                        align="justify",
                    )
                )
            b.add(Text(f"Der Kläger hat am {b.date('other', filed, 'num')} Klage erhoben.", align="justify"))
        filler(rng, b, rng.randint(4, 7), before=decided, cite_share=0.25)
        if i == 0 and subtype == "urteil":
            b.add(Text("Entscheidungsgründe", bold=True, align="center"))
            filler(rng, b, 3, before=decided, cite_share=0.0)
    if body_pages == 0:
        b.add(Text("Gründe", bold=True, align="center"), Text(rng.choice(LEGAL), align="justify"))
    b.add(
        Text("Rechtsmittelbelehrung", bold=True, align="center"),
        Text(
            "Gegen dieses Urteil kann innerhalb eines Monats nach Zustellung die Zulassung der Berufung beantragt "
            "werden. Der Antrag ist bei dem Verwaltungsgericht schriftlich zu stellen."
            if subtype != "beschluss"
            else "Gegen diesen Beschluss ist die Beschwerde gegeben. Sie ist innerhalb von zwei Wochen nach "
            "Bekanntgabe schriftlich einzulegen."
            if not asylum
            else "Dieser Beschluss ist unanfechtbar (§ 80 AsylG).",
            size=10,
            align="justify",
        ),
    )
    if b.truth.document_date is None:
        city = (
            court.place
            if court.type == "VG"
            else {"Nordrhein-Westfalen": "Münster", "Bayern": "München"}.get(court.place, court.place)
        )
        b.add(Text(f"{city}, den {b.date('document_date', decided, pick_style(rng))}", space_after=2))
    b.add(
        Signature(judge1 if rng.random() < 0.5 else ""),
        Text(f"{judge2}   {judge3}", size=9) if rng.random() < 0.3 else Gap(1),
    )
    return b
