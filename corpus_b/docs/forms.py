"""Forms: application for a residence title (boxes, check marks), Zustellungsurkunde, Empfangsbekenntnis."""

from __future__ import annotations

from corpus_b.docs.base import B, Doc
from corpus_b.layout import Box, Flow, Page, Rule, Scribble, Stamp, Text
from corpus_b.places import COURTS
from corpus_b.story import plus


def antrag(b: B) -> Doc:
    st = b.st
    pe = st.person
    fam = b.pick("nimbus_sans", "liberation_sans", "dejavu_cond", "nimbus_narrow")
    hand = b.pick("hand", "nimbus_mono", "liberation_mono")
    g, s = b.person("applicant")
    b.party("authority", st.office.name, "organisation")
    p1, p2 = Page(), Page()
    for n, p in enumerate((p1, p2), 1):
        p.ops.append(Text(20, 14, f"{st.office.head[0]} – Ausländerbehörde", fam, "r", 8))
        p.ops.append(Text(190, 14, f"Seite {n} von 2" if b.rnd.random() < 0.7 else f"- {n} -", fam, "r", 8, "r"))
    p1.ops.append(Text(20, 26, "Antrag auf Erteilung eines Aufenthaltstitels", fam, "b", 15))
    p1.ops.append(Text(20, 32, "(bitte in Druckbuchstaben ausfüllen und Zutreffendes ankreuzen)", fam, "r", 8.5))
    fields = [
        ("1. Familienname", s.upper()),
        ("2. Vorname(n)", g),
        ("3. Geburtsdatum", b.d("birth_date", pe.birth)),
        ("4. Geburtsort / Geburtsland", f"{pe.birthplace} / {pe.origin.country}"),
        ("5. Staatsangehörigkeit", pe.origin.adjective),
        ("6. Anschrift", f"{st.street}, {st.plz} {st.city}"),
        ("7. Tag der Einreise", b.d("entry_date", st.entry)),
        ("8. Reisepass Nr. / gültig bis", b.pick(st.passport_no, "liegt nicht vor", "beantragt")),
    ]
    y = 40.0
    for label, value in fields:
        p1.ops.append(Box(20, y, 170, 13, 0.3))
        p1.ops.append(Text(22, y + 4, label, fam, "r", 7.5))
        p1.ops.append(Text(25, y + 11, value, hand, "r", 11))
        y += 15
    p1.ops.append(Text(20, y + 6, "9. Zweck des Aufenthalts / beantragte Rechtsgrundlage", fam, "b", 9.5))
    y += 12
    options = [
        "§ 25a AufenthG (gut integrierte Jugendliche)",
        "§ 25b AufenthG (nachhaltige Integration)",
        "§ 60c AufenthG (Ausbildungsduldung)",
        "§ 60d AufenthG (Beschäftigungsduldung)",
        "§ 104c AufenthG (Chancen-Aufenthaltsrecht)",
        "Sonstiges: ____________",
    ]
    chosen = b.rnd.randrange(len(options) - 1)
    for i, opt in enumerate(options):
        p1.ops.append(Box(22, y - 3.5, 4, 4, 0.3))
        if i == chosen:
            p1.ops.append(Text(22.4, y, "X", hand, "b", 11))
        p1.ops.append(Text(30, y, opt, fam, "r", 9.5))
        y += 7
    y = 30.0
    p2.ops.append(Text(20, y, "10. Angaben zum Lebensunterhalt", fam, "b", 9.5))
    y += 8
    for q in ["Erwerbstätigkeit", "Leistungen nach dem SGB II / AsylbLG", "Unterhalt durch Dritte"]:
        p2.ops.append(Box(22, y - 3.5, 4, 4, 0.3))
        if b.rnd.random() < 0.4:
            p2.ops.append(Text(22.4, y, "X", hand, "b", 11))
        p2.ops.append(Text(30, y, q, fam, "r", 9.5))
        y += 7
    p2.ops.append(Text(20, y + 6, "11. Arbeitgeber", fam, "r", 8))
    p2.ops.append(Text(25, y + 12, st.employer, hand, "r", 11))
    p2.ops.append(Rule(20, y + 14, 190, y + 14, 0.2))
    y += 30
    p2.ops.append(
        Text(
            20,
            y,
            "Ich versichere, dass ich die vorstehenden Angaben nach bestem Wissen und Gewissen "
            "richtig und vollständig gemacht habe.",
            fam,
            "r",
            8.5,
        )
    )
    p2.ops.append(
        Text(
            20,
            y + 4.5,
            "Mir ist bekannt, dass falsche Angaben nach § 95 Abs. 2 Nr. 2 AufenthG strafbar sind.",
            fam,
            "r",
            8.5,
        )
    )
    date = plus(st.ae_date, -200, -40, b.rnd) if st.ae_date else plus(st.end, -300, -60, b.rnd)
    ds = b.d("document_date", date, b.pick("num", "yy", "short"))
    p2.ops.append(Text(25, y + 22, f"{st.city}, {ds}", hand, "r", 11))
    p2.ops.append(Rule(20, y + 24, 90, y + 24, 0.2))
    p2.ops.append(Text(20, y + 28, "Ort, Datum", fam, "r", 7.5))
    p2.ops.append(Scribble(115, y + 14, 40, 10, b.rnd.randint(0, 1 << 30)))
    p2.ops.append(Rule(110, y + 24, 185, y + 24, 0.2))
    p2.ops.append(Text(110, y + 28, "Unterschrift der Antragstellerin / des Antragstellers", fam, "r", 7.5))
    if b.rnd.random() < 0.6:
        rd = b.d("receipt_date", plus(date, 0, 6, b.rnd), b.pick("stamp", "num"))
        p1.ops.append(
            Stamp(
                160,
                25,
                [st.office.head[0][:24], f"Eingang {rd}"],
                size=7,
                ink=b.rnd.randint(60, 140),
                angle=b.rnd.uniform(-8, 8),
            )
        )
    return b.done("application", "antrag", "Antrag auf Erteilung eines Aufenthaltstitels", date, [p1, p2])


def zustellungsurkunde(b: B) -> Doc:
    """Postal service certificate: its date is the service date (document date, role service_date)."""
    st = b.st
    fam = b.pick("nimbus_sans", "liberation_sans", "dejavu_cond")
    hand = b.pick("hand", "nimbus_mono")
    p = Page()
    g, s = b.person("person_concerned")
    use_court = st.case is not None and b.rnd.random() < 0.5
    if use_court and st.case is not None:
        sender = st.case.court.name
        b.party("court", sender, "organisation")
        az = b.fn("court", st.case.az)
        served = plus(st.case.decided, 3, 15, b.rnd)
    else:
        sender = f"{st.office.head[0]} – Ausländerbehörde"
        b.party("authority", st.office.name, "organisation")
        az = b.fn("authority", st.az)
        served = plus(st.duldungen[0][0] if st.duldungen else st.bamf_decision, 20, 300, b.rnd)
    p.ops.append(Text(20, 20, "Zustellungsurkunde", fam, "b", 16))
    p.ops.append(Text(190, 20, "Deutsche Post", fam, "b", 10, "r"))
    p.ops.append(Box(20, 28, 170, 30, 0.4))
    p.ops.append(Text(23, 33, "Absender", fam, "r", 7))
    p.ops.append(Text(25, 39, sender, fam, "r", 10))
    p.ops.append(Text(23, 47, "Aktenzeichen", fam, "r", 7))
    p.ops.append(Text(25, 53, az, fam, "r", 10))
    p.ops.append(Box(20, 62, 170, 24, 0.4))
    p.ops.append(Text(23, 67, "Empfänger", fam, "r", 7))
    p.ops.append(Text(25, 73, f"{g} {s}", fam, "r", 10))
    p.ops.append(Text(25, 78.5, f"{st.street}, {st.plz} {st.city}", fam, "r", 10))
    y = 96.0
    opts = [
        "Das Schriftstück habe ich in meiner Eigenschaft als Postbediensteter zu übergeben versucht.",
        "Übergabe an den Adressaten persönlich.",
        "Weil die Übergabe nicht möglich war, habe ich das Schriftstück in den zur Wohnung gehörenden "
        "Briefkasten eingelegt.",
        "Das Schriftstück wurde bei der Postfiliale niedergelegt.",
    ]
    chosen = b.pick(1, 2)
    for i, o in enumerate(opts):
        p.ops.append(Box(22, y - 3.5, 4, 4, 0.3))
        if i == chosen:
            p.ops.append(Text(22.3, y, "X", hand, "b", 11))
        p.ops.append(Text(30, y, o[:95], fam, "r", 9))
        y += 8
    sd = b.d("service_date", served, b.pick("num", "short", "yy"))
    p.ops.append(Text(22, y + 10, "Datum der Zustellung", fam, "r", 7))
    p.ops.append(Text(25, y + 17, sd, hand, "r", 12))
    p.ops.append(Text(100, y + 10, "Unterschrift des Zustellers", fam, "r", 7))
    p.ops.append(Scribble(100, y + 12, 40, 8, b.rnd.randint(0, 1 << 30)))
    p.ops.append(Text(22, y + 30, f"Zusteller-Nr. {b.rnd.randint(1000, 9999)}", fam, "r", 8))
    return b.done("other", None, "Zustellungsurkunde", served, [p])


def empfangsbekenntnis(b: B) -> Doc:
    """The lawyer confirms receipt of a court decision: the signed date is the receipt date."""
    st = b.st
    assert st.case is not None
    case = st.case
    fam = b.pick("nimbus_sans", "liberation_sans", "nimbus_roman")
    f = Flow(fam, 11, left=25, right=22, top=25, bottom=25, leading=1.4)
    lw = st.lawyer
    b.party("representative", lw.name)
    court = COURTS[case.court.key]
    b.party("court", court.name, "organisation")
    f.para(f"An das {court.name}", align="l", after=0)
    f.para(court.street, align="l", after=8)
    f.para("Empfangsbekenntnis", style="b", size=15, align="l", after=5)
    g, s = b.person("person_concerned")
    az = b.fn("court", case.az)
    f.para(f"In der Verwaltungsrechtssache {g} {s} ./. Bundesrepublik Deutschland", align="l", after=1)
    f.para(f"Aktenzeichen: {az}", align="l", after=5)
    kinds = {"urteil": "Urteil", "gerichtsbescheid": "Gerichtsbescheid", "beschluss": "Beschluss"}
    dec = b.d("other", case.decided)
    f.para(
        f"habe ich heute erhalten: {kinds[case.kind]} vom {dec}"
        + b.pick("", " nebst Rechtsmittelbelehrung", " (Ausfertigung)"),
        align="l",
    )
    rec = plus(case.decided, 2, 12, b.rnd)
    rd = b.d("receipt_date", rec, b.pick("num", "short"))
    f.para(f"{lw.city}, den {rd}", align="l", before=8)
    f.signature(b.rnd.randint(0, 1 << 30), [lw.titled()])
    f.page.ops.append(
        Stamp(
            150,
            f.y - 12,
            [lw.firm[:28] if lw.firm else lw.titled()[:28], lw.city],
            size=7,
            ink=b.rnd.randint(60, 140),
            angle=b.rnd.uniform(-6, 6),
        )
    )
    return b.done("other", None, "Empfangsbekenntnis", rec, f.pages)
