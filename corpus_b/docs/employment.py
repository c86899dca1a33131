"""Employment papers: monthly payslip stacks (one document per month), contract, employer certificates."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from corpus_b import fmt
from corpus_b.docs.base import B, DateRef, Doc, herr
from corpus_b.layout import Box, Flow, Page, Rule, Scribble, Text
from corpus_b.places import GERMAN_GIVEN_F, GERMAN_GIVEN_M, GERMAN_SURNAMES
from corpus_b.story import add_months, plus

PAYSLIP_TITLES = [
    "Lohnabrechnung",
    "Gehaltsabrechnung",
    "Entgeltabrechnung",
    "Verdienstabrechnung",
    "Abrechnung der Brutto/Netto-Bezüge",
]


def _money(v: float) -> str:
    s = f"{v:,.2f}"
    return s.replace(",", "X").replace(".", ",").replace("X", ".")


@dataclass(frozen=True)
class PayStyle:
    """One employer's payroll software: fixed for the whole stack."""

    title: str
    font: str
    period: int
    created: bool
    created_label: str
    pnr: int
    rate: float
    hours: float
    stkl: str
    layout: int
    software: str


def payslip_style(b: B) -> PayStyle:
    return PayStyle(
        title=b.rnd.choice(PAYSLIP_TITLES),
        font=b.pick("nimbus_sans", "liberation_mono", "dejavu_cond", "liberation_sans", "nimbus_mono", "nimbus_narrow"),
        period=b.rnd.randrange(3),
        created=b.rnd.random() < 0.85,
        created_label=b.pick("Erstellt am", "Druckdatum", "Datum", "Abrechnungsdatum"),
        pnr=b.rnd.randint(1000, 99999),
        rate=round(b.rnd.uniform(12.0, 16.5), 2),
        hours=b.pick(80.0, 120.0, 160.0, 173.0),
        stkl=b.pick("1", "1", "3", "4"),
        layout=b.rnd.randrange(2),
        software=b.pick("DATEV LODAS", "Lexware lohn+gehalt", "Sage HR", "", ""),
    )


def payslip(b: B, month: dt.date, sty: PayStyle) -> Doc:
    st = b.st
    fam = str(sty.font)
    f = Flow(fam, 9.0, left=18, right=15, top=15, bottom=15, leading=1.25)
    p = f.page
    g, s = b.person("employee")
    b.party("employer", st.employer, "organisation")
    first = month.replace(day=1)
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    title = f"{sty.title} {fmt.MONTHS[month.month - 1]} {month.year}"
    p.ops.append(Text(18, 18, st.employer, fam, "b", 11))
    p.ops.append(Text(18, 23, f"{st.employer_city}", fam, "r", 8.5))
    if sty.software:
        p.ops.append(Text(192, 12, str(sty.software), fam, "r", 6, "r"))
    created = plus(last, -3, 6, b.rnd)
    if sty.period == 0:
        pstart = b.d("pay_period_start", first, "num")
        pend = b.d("pay_period_end", last, "num")
        per = f"Abrechnungszeitraum: {pstart} - {pend}"
    elif sty.period == 1:
        txt = fmt.date(first, "month")
        b.dates.append(DateRef("pay_period_start", first, txt))
        b.dates.append(DateRef("pay_period_end", last, txt))
        per = f"Abrechnungsmonat: {txt}"
    else:
        txt = fmt.date(first, "mm/yyyy")
        b.dates.append(DateRef("pay_period_start", first, txt))
        b.dates.append(DateRef("pay_period_end", last, txt))
        per = f"Abrechnungsmonat {txt}"
    p.ops.append(Text(105, 32, title if sty.layout == 0 else str(sty.title).upper(), fam, "b", 12, "c"))
    p.ops.append(Text(105, 38, per, fam, "r", 9.5, "c"))
    if sty.created:
        p.ops.append(Text(192, 18, f"{sty.created_label}: {b.d('document_date', created, 'num')}", fam, "r", 8.5, "r"))
    p.ops.append(Text(20, 50, f"{'Frau' if st.person.female else 'Herrn'}", fam, "r", 9.5))
    p.ops.append(Text(20, 54.5, f"{g} {s}", fam, "r", 9.5))
    p.ops.append(Text(20, 59, st.street, fam, "r", 9.5))
    p.ops.append(Text(20, 63.5, f"{st.plz} {st.city}", fam, "r", 9.5))
    kv = [
        ("Personal-Nr.", str(sty.pnr)),
        ("Geburtsdatum", b.d("birth_date", st.person.birth, "num")),
        ("Eintritt", b.d("employment_start", st.job_start, "num")),
        ("Steuerklasse", str(sty.stkl)),
        ("Konfession", "--"),
        ("Tätigkeit", st.job),
    ]
    y = 50.0
    for label, value in kv:
        p.ops.append(Text(120, y, label, fam, "r", 8.5))
        p.ops.append(Text(150, y, value, fam, "r", 8.5))
        y += 4.4
    hours = float(sty.hours) + b.rnd.choice([0.0, 0.0, 4.0, -8.0, 6.5])
    rate = float(sty.rate)
    brutto = round(hours * rate, 2)
    extra = round(b.rnd.choice([0.0, 0.0, 25.0, 48.5, 60.0]), 2)
    brutto_total = brutto + extra
    kv_ = round(brutto_total * 0.0855, 2)
    rv = round(brutto_total * 0.093, 2)
    av = round(brutto_total * 0.013, 2)
    pv = round(brutto_total * 0.017, 2)
    lst = round(max(0.0, (brutto_total - 1150) * 0.14), 2) if sty.stkl != "3" else 0.0
    netto = round(brutto_total - kv_ - rv - av - pv - lst, 2)
    f.y = 82.0
    rows = [
        ["Lohnart", "Bezeichnung", "Menge", "Faktor", "Betrag"],
        ["1000", "Stundenlohn", _money(hours), _money(rate), _money(brutto)],
    ]
    if extra:
        rows.append(["1200", b.pick("Zuschlag Nacht", "Sachbezug", "Fahrgeld"), "", "", _money(extra)])
    rows.append(["", "Gesamtbrutto", "", "", _money(brutto_total)])
    f.table([20, 70, 25, 25, 35], rows, grid=sty.layout == 1, aligns="llrrr")
    f.table(
        [90, 85],
        [
            ["Gesetzliche Abzüge", "Betrag"],
            ["Lohnsteuer", _money(lst)],
            ["Krankenversicherung", _money(kv_)],
            ["Rentenversicherung", _money(rv)],
            ["Arbeitslosenversicherung", _money(av)],
            ["Pflegeversicherung", _money(pv)],
        ],
        grid=sty.layout == 1,
        aligns="lr",
    )
    f.rule(0.5)
    f.table(
        [90, 85], [["Nettoverdienst", _money(netto)], ["Auszahlungsbetrag", _money(netto)]], header=False, aligns="lr"
    )
    f.para(
        f"Überweisung an: IBAN DE{b.rnd.randint(10, 99)} {b.rnd.randint(1000, 9999)} XXXX XXXX "
        f"{b.rnd.randint(1000, 9999)} {b.rnd.randint(10, 99)}",
        align="l",
        size=8.5,
    )
    p.ops.append(Rule(18, 282, 192, 282, 0.2))
    p.ops.append(Text(18, 286, f"{st.employer} · {st.employer_city}", fam, "r", 7))
    dd = created if sty.created else None
    b.facts.employment = (st.employer, st.job_start, None)
    b.facts.months = [(month.year, month.month)]
    return b.done("employment_proof", "lohnabrechnung", str(sty.title), dd, [p])


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _boss(b: B) -> str:
    female = b.rnd.random() < 0.4
    return f"{b.rnd.choice(GERMAN_GIVEN_F if female else GERMAN_GIVEN_M)} {b.rnd.choice(GERMAN_SURNAMES)}"


def contract(b: B) -> Doc:
    st = b.st
    fam = b.pick("nimbus_roman", "liberation_serif", "nimbus_sans", "dejavu_sans", "p052")
    f = Flow(
        fam,
        10.5,
        left=25,
        right=22,
        top=22,
        bottom=25,
        leading=1.35,
        on_page=lambda pg, n: 0.0 if n == 1 else _pageno(pg, n, fam),
    )
    g, s = b.person("employee")
    b.party("employer", st.employer, "organisation")
    f.para("Arbeitsvertrag" if b.rnd.random() < 0.6 else "ARBEITSVERTRAG", style="b", size=15, align="c", after=4)
    f.para("zwischen", align="c")
    f.para(
        f"{st.employer}, {b.pick('Industriestraße', 'Am Gewerbepark', 'Hauptstraße')} {b.rnd.randint(1, 80)}, "
        f"{st.plz[:3]}{b.rnd.randint(10, 99)} {st.employer_city}",
        align="c",
        after=0,
    )
    f.para("– nachfolgend „Arbeitgeber“ genannt –", align="c", size=9)
    f.para("und", align="c")
    f.para(
        f"{herr(st.person.female)} {g} {s}, geb. am {b.d('birth_date', st.person.birth)}, {st.street}, "
        f"{st.plz} {st.city}",
        align="c",
        after=0,
    )
    f.para("– nachfolgend „Arbeitnehmer“ genannt –", align="c", size=9, after=5)
    start = b.d("employment_start", st.job_start, b.pick("num", "long"))
    paras = [
        (
            "§ 1 Beginn des Arbeitsverhältnisses",
            f"Das Arbeitsverhältnis beginnt am {start}. Die ersten sechs Monate "
            "gelten als Probezeit, während der das Arbeitsverhältnis mit einer Frist von zwei Wochen "
            "gekündigt werden kann.",
        ),
        (
            "§ 2 Tätigkeit",
            f"Der Arbeitnehmer wird als {st.job} eingestellt. Der Arbeitgeber behält sich vor, ihm "
            "andere zumutbare Tätigkeiten zuzuweisen.",
        ),
        (
            "§ 3 Arbeitszeit",
            f"Die regelmäßige wöchentliche Arbeitszeit beträgt {b.pick('40', '39', '30', '20')} Stunden.",
        ),
        (
            "§ 4 Vergütung",
            f"Der Arbeitnehmer erhält einen Stundenlohn von {_money(b.rnd.uniform(12.5, 16))} € brutto. "
            "Die Vergütung ist jeweils am Ende des Monats fällig.",
        ),
        ("§ 5 Urlaub", "Der Arbeitnehmer hat Anspruch auf einen jährlichen Erholungsurlaub von 26 Arbeitstagen."),
        (
            "§ 6 Aufenthaltsrecht",
            "Der Vertrag steht unter der aufschiebenden Bedingung der Erteilung der "
            "Beschäftigungserlaubnis durch die zuständige Ausländerbehörde.",
        ),
    ]
    end: dt.date | None = None
    if st.job_end or b.rnd.random() < 0.3:
        end = st.job_end or add_months(st.job_start, 12) - dt.timedelta(days=1)
        paras.insert(
            1, ("§ 1a Befristung", f"Das Arbeitsverhältnis ist befristet bis zum {b.d('employment_end', end)}.")
        )
    for h, t in paras:
        f.para(h, style="b", align="l", after=1)
        f.para(t)
    date = plus(st.job_start, -30, -3, b.rnd)
    ds = b.d("document_date", date)
    b.facts.employment = (st.employer, st.job_start, end)
    f.para(f"{st.employer_city}, den {ds}", align="l", before=6)
    f.ensure(25)
    y = f.y
    f.signature(b.rnd.randint(0, 1 << 30), ["Arbeitgeber"], x=25)
    f.y = y
    f.signature(b.rnd.randint(0, 1 << 30), ["Arbeitnehmer"], x=120)
    return b.done("employment_proof", "arbeitsvertrag", "Arbeitsvertrag", date, f.pages)


def _pageno(p: Page, n: int, fam: str) -> float:
    p.ops.append(Text(105, 290, f"Seite {n}", fam, "r", 8, "c"))
    return 0.0


def arbeitgeberbescheinigung(b: B, when: dt.date | None = None) -> Doc:
    """Employer's certificate: an ongoing job since its start, or (after it ended) from start to end."""
    st = b.st
    fam = b.pick("nimbus_sans", "liberation_sans", "dejavu_sans", "gothic", "nimbus_roman")
    f = Flow(fam, 11, left=25, right=22, top=25, bottom=25, leading=1.4)
    p = f.page
    g, s = b.person("employee")
    b.party("employer", st.employer, "organisation")
    p.ops.append(Text(25, 22, st.employer, fam, "b", 14))
    p.ops.append(
        Text(
            25, 28, f"{b.pick('Personalabteilung', 'Geschäftsleitung', 'Lohnbüro')} · {st.employer_city}", fam, "r", 8.5
        )
    )
    p.ops.append(Box(20, 31, 172, 0.1, 0.2))
    date = when or plus(st.job_start, 60, 700, b.rnd)
    ended = st.job_end is not None and st.job_end < date
    ds = b.d("document_date", date)
    p.ops.append(Text(190, 45, f"{st.employer_city}, {ds}", fam, "r", 10.5, "r"))
    f.y = 60
    f.para(
        b.pick(
            "Arbeitgeberbescheinigung",
            "Bescheinigung des Arbeitgebers",
            "Beschäftigungsnachweis",
            "Bescheinigung zur Vorlage bei der Ausländerbehörde",
        ),
        style="b",
        size=13,
        align="l",
        after=5,
    )
    start = b.d("employment_start", st.job_start)
    if ended:
        assert st.job_end is not None
        end = b.d("employment_end", st.job_end)
        f.para(
            f"Hiermit bestätigen wir, dass {herr(st.person.female).rstrip('n')} {g} {s}, geboren am "
            f"{b.d('birth_date', st.person.birth)}, in der Zeit vom {start} bis zum {end} in unserem "
            f"Unternehmen als {st.job} {b.pick('in Vollzeit', 'in Teilzeit', 'sozialversicherungspflichtig')} "
            "beschäftigt war."
        )
        b.facts.employment = (st.employer, st.job_start, st.job_end)
        b.facts.months = _months(st.job_start, st.job_end)
    else:
        f.para(
            f"Hiermit bestätigen wir, dass {herr(st.person.female).rstrip('n')} {g} {s}, geboren am "
            f"{b.d('birth_date', st.person.birth)}, seit dem {start} in unserem Unternehmen als {st.job} "
            f"{b.pick('unbefristet', 'befristet', 'in Vollzeit', 'in Teilzeit')} beschäftigt ist."
        )
        b.facts.employment = (st.employer, st.job_start, None)
        b.facts.months = _months(st.job_start, date)
    f.para(
        f"Die wöchentliche Arbeitszeit beträgt {b.pick('40', '38,5', '30', '35')} Stunden, das monatliche "
        f"Bruttoentgelt beläuft sich auf durchschnittlich {_money(b.rnd.uniform(1800, 2900))} €."
    )
    f.para(
        "Das Arbeitsverhältnis endete durch Ablauf der Befristung."
        if ended
        else b.pick(
            "Das Arbeitsverhältnis ist ungekündigt.",
            "Eine Kündigung ist nicht beabsichtigt.",
            "Wir sind mit der Arbeitsleistung sehr zufrieden und möchten das Arbeitsverhältnis fortsetzen.",
        )
    )
    f.para("Diese Bescheinigung wird zur Vorlage bei der Ausländerbehörde ausgestellt.")
    f.para("Mit freundlichen Grüßen", before=4, align="l", after=0)
    f.signature(b.rnd.randint(0, 1 << 30), [_boss(b), b.pick("Geschäftsführer", "Personalleitung", "Inhaber")])
    return b.done("employment_proof", "arbeitgeberbescheinigung", "Arbeitgeberbescheinigung", date, f.pages)


def beschaeftigungserklaerung(b: B) -> Doc:
    """The Federal Employment Agency's form 'Erklärung zum Beschäftigungsverhältnis' (boxes, two pages)."""
    st = b.st
    fam = b.pick("nimbus_sans", "liberation_sans", "dejavu_cond")
    g, s = b.person("employee")
    b.party("employer", st.employer, "organisation")
    pages: list[Page] = []
    for n in (1, 2):
        p = Page()
        p.ops.append(Text(20, 14, "Bundesagentur für Arbeit", fam, "b", 9))
        p.ops.append(Text(190, 14, f"Seite {n} von 2", fam, "r", 8, "r"))
        pages.append(p)
    p = pages[0]
    p.ops.append(Text(20, 26, "Erklärung zum Beschäftigungsverhältnis", fam, "b", 14))
    p.ops.append(Text(20, 32, "(vom Arbeitgeber auszufüllen)", fam, "r", 9))
    items = [
        ("1. Arbeitgeber (Name, Anschrift)", f"{st.employer}, {st.employer_city}"),
        ("2. Betriebsnummer", str(b.rnd.randint(10000000, 99999999))),
        ("3. Name, Vorname der Arbeitnehmerin / des Arbeitnehmers", f"{s}, {g}"),
        ("4. Geburtsdatum", b.d("birth_date", st.person.birth)),
        ("5. Staatsangehörigkeit", st.person.origin.adjective),
        ("6. Tätigkeit / Berufsbezeichnung", st.job),
        ("7. Beginn der Beschäftigung", b.d("employment_start", st.job_start)),
        ("8. Wöchentliche Arbeitszeit (Stunden)", b.pick("40", "38", "30")),
        ("9. Arbeitsentgelt (brutto, monatlich)", f"{_money(b.rnd.uniform(1800, 2800))} €"),
    ]
    y = 42.0
    for label, value in items:
        p.ops.append(Box(20, y, 170, 14, 0.3))
        p.ops.append(Text(22, y + 4, label, fam, "r", 7.5))
        p.ops.append(Text(24, y + 11, value, b.pick("nimbus_mono", "liberation_mono", fam), "r", 10.5))
        y += 16
    p2 = pages[1]
    y = 30.0
    for q in [
        "Wird die Beschäftigung nach einem Tarifvertrag vergütet?",
        "Ist die Beschäftigung befristet?",
        "Handelt es sich um eine Beschäftigung in Leiharbeit?",
    ]:
        on = b.rnd.random() < 0.4
        p2.ops.append(Text(22, y, q, fam, "r", 9.5))
        p2.ops.append(Box(150, y - 3.5, 4, 4, 0.3))
        p2.ops.append(Text(156, y, "ja", fam, "r", 9))
        p2.ops.append(Box(168, y - 3.5, 4, 4, 0.3))
        p2.ops.append(Text(174, y, "nein", fam, "r", 9))
        p2.ops.append(Text(150.6 if on else 168.6, y, "X", fam, "b", 10))
        y += 10
    date = plus(st.job_start, -25, -2, b.rnd)
    ds = b.d("document_date", date)
    b.facts.employment = (st.employer, st.job_start, None)
    p2.ops.append(Text(22, y + 20, f"Ort, Datum: {st.employer_city}, {ds}", fam, "r", 10))
    p2.ops.append(Text(120, y + 20, "Unterschrift / Firmenstempel", fam, "r", 8))
    p2.ops.append(Scribble(120, y + 5, 40, 10, b.rnd.randint(0, 1 << 30)))
    return b.done(
        "employment_proof", "beschaeftigungserklaerung", "Erklärung zum Beschäftigungsverhältnis", date, pages
    )
