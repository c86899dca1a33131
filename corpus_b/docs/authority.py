"""Letters and decisions of the Ausländerbehörde, and lawyers' letters to it."""

from __future__ import annotations

import datetime as dt

from corpus_b.docs.base import B, Doc, herr, salutation
from corpus_b.docs.letterhead import office_footer, office_head
from corpus_b.layout import Flow, Page, Stamp, Text
from corpus_b.places import COURTS, GERMAN_GIVEN_F, GERMAN_GIVEN_M, GERMAN_SURNAMES
from corpus_b.story import Res, plus

AZ_LABELS = ["Aktenzeichen", "Az.:", "Unser Zeichen", "Geschäftszeichen", "Mein Zeichen", "Az."]


def _clerk(b: B) -> tuple[str, bool]:
    female = b.rnd.random() < 0.6
    return f"{b.rnd.choice(GERMAN_GIVEN_F if female else GERMAN_GIVEN_M)} {b.rnd.choice(GERMAN_SURNAMES)}", female


def _letter(b: B, date: dt.date, *, to_lawyer: bool, subject: list[str], az_in_subject: bool) -> tuple[Flow, str]:
    """Letterhead, address, info block, date and subject; returns the flow and the person's surname."""
    st = b.st
    fam = b.rnd.choice(
        [
            *["nimbus_sans", "liberation_sans", "dejavu_sans", "gothic", "nimbus_roman"],
            "liberation_serif",
            "dejavu_cond",
        ]
    )
    g, s = b.person("person_concerned")
    b.party("authority", st.office.name, "organisation")
    if to_lawyer:
        lw = st.lawyer
        b.party("representative", lw.name)
        rec = [lw.firm or lw.titled(), *([lw.titled()] if lw.firm else []), lw.street, f"{lw.plz} {lw.city}"]
    else:
        rec = [herr(st.person.female), f"{g} {s}", st.street, f"{st.plz} {st.city}"]
    clerk, cf = _clerk(b)
    date_inline = b.rnd.random() < 0.55
    dstyle = b.pick("num", "long", "yy", "num")
    ds = b.d("document_date", date, dstyle)
    az = b.fn("authority", st.az)
    info: list[tuple[str, str]] = []
    if to_lawyer:
        info.append(("Ihr Zeichen", f"{b.rnd.randint(10, 999)}/{date.year % 100:02d}"))
    elif b.rnd.random() < 0.4:
        info.append(("Ihr Zeichen", "–"))
    if not az_in_subject or b.rnd.random() < 0.4:
        info.append((b.rnd.choice(AZ_LABELS), az))
    info += [("Auskunft erteilt", f"{'Frau' if cf else 'Herr'} {clerk.split()[-1]}")]
    if b.rnd.random() < 0.6:
        info.append(("Zimmer", f"{b.rnd.choice(['A', 'B', 'C', ''])}{b.rnd.randint(1, 4)}.{b.rnd.randint(1, 60):02d}"))
    info.append(("Telefon", f"{st.office.phone}-{b.rnd.randint(100, 4999)}"))
    if date_inline:
        info.append(("Datum", ds))
    head_date = None if date_inline else b.pick(f"{st.office.city}, den {ds}", f"{st.office.city}, {ds}", ds)
    f = Flow(
        fam,
        b.pick(10.5, 11.0, 11.5),
        left=22,
        right=20,
        top=22,
        bottom=26,
        leading=b.pick(1.3, 1.4),
        on_page=lambda pg, n: 0.0 if n == 1 else _cont(pg, n, fam, b, az),
    )
    p = f.page
    f.y = office_head(b, p, fam, rec, info, head_date)
    for line in subject:
        f.para(line, style="b", align="l", after=0.5)
    if az_in_subject:
        f.para(f"{b.pick('Az.:', 'Aktenzeichen:', 'Unser Az.:', 'Geschäftszeichen:')} {az}", align="l", after=0.5)
    if to_lawyer:
        f.para(
            f"Ihr{'e' if st.person.female else ''} Mandant{'in' if st.person.female else ''} {g} {s}, geb. "
            f"{b.d('birth_date', st.person.birth)}",
            style="b" if b.rnd.random() < 0.5 else "r",
            align="l",
        )
    elif b.rnd.random() < 0.5:
        f.para(f"{s}, {g}, geb. {b.d('birth_date', st.person.birth)}, {st.person.origin.adjective}", align="l")
    f.space(4)
    if to_lawyer:
        f.para(
            b.pick(
                "Sehr geehrte Damen und Herren,",
                f"Sehr geehrte{'' if st.person.female else 'r'} "
                f"{'Frau' if st.lawyer.female else 'Herr'} {st.lawyer.surname},",
            ),
            align="l",
        )
    else:
        f.para(salutation(st.person.female, s, b.rnd), align="l")
    office_footer(b, p, fam)
    return f, clerk


def _cont(p: Page, n: int, fam: str, b: B, az: str) -> float:
    p.ops.append(Text(105, 14, f"Seite {n}" if n % 2 else f"- {n} -", fam, "r", 9, "c"))
    return 22.0


def _close(b: B, f: Flow, clerk: str) -> None:
    f.para(b.pick("Mit freundlichen Grüßen", "Mit freundlichem Gruß", "Hochachtungsvoll"), before=3, align="l", after=0)
    if b.rnd.random() < 0.6:
        f.para(b.pick("Im Auftrag", "i. A."), align="l", after=0)
    f.signature(b.rnd.randint(0, 1 << 30), [clerk])


def _rbb(b: B, f: Flow, what: str) -> None:
    court = COURTS[b.st.office.vg]
    f.para(b.pick("Rechtsbehelfsbelehrung", "Rechtsbehelfsbelehrung:"), style="b", before=2)
    if b.st.office.land in ("Nordrhein-Westfalen", "Niedersachsen", "Bayern"):
        f.para(
            f"Gegen {what} kann innerhalb eines Monats nach Bekanntgabe Klage erhoben werden. Die Klage ist bei dem "
            f"{court.name}, {court.street}, schriftlich oder zur Niederschrift des Urkundsbeamten der "
            "Geschäftsstelle zu erheben.",
            size=f.size - 1,
        )
    else:
        f.para(
            f"Gegen {what} kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der "
            f"Widerspruch ist schriftlich oder zur Niederschrift bei der {b.st.office.name}, {b.st.office.street}, "
            f"{b.st.office.plz} {b.st.office.city} einzulegen.",
            size=f.size - 1,
        )


def anhoerung(b: B) -> Doc:
    st = b.st
    date = plus(st.duldungen[0][0] if st.duldungen else st.bamf_decision, 10, 300, b.rnd)
    topic = b.rnd.randrange(3)
    subj = [
        ["Anhörung gemäß § 28 Verwaltungsverfahrensgesetz", "Beabsichtigte Ablehnung Ihres Antrags"],
        ["Anhörung vor Erlass einer Ausweisungsverfügung"],
        ["Ausländerrechtliche Angelegenheit", "hier: Anhörung zur beabsichtigten Abschiebung"],
    ][topic]
    f, clerk = _letter(b, date, to_lawyer=b.rnd.random() < 0.4, subject=subj, az_in_subject=b.rnd.random() < 0.4)
    app = b.d("application_date", plus(date, -120, -20, b.rnd))
    f.para(
        b.pick(
            f"mit Schreiben vom {app} haben Sie die Erteilung einer Aufenthaltserlaubnis beantragt.",
            f"Ihr am {app} gestellter Antrag liegt mir zur Entscheidung vor.",
            f"Bezug nehmend auf Ihren Antrag vom {app} teile ich Ihnen Folgendes mit:",
        )
    )
    f.para(
        "Nach derzeitiger Sach- und Rechtslage beabsichtige ich, den Antrag abzulehnen. Die Voraussetzungen des "
        "§ 5 Abs. 1 Nr. 1a AufenthG (Klärung der Identität und Staatsangehörigkeit) und des § 5 Abs. 1 Nr. 4 "
        "AufenthG (Erfüllung der Passpflicht) liegen nicht vor."
    )
    dl = b.d("other", plus(date, 14, 28, b.rnd))
    f.para(
        f"Sie erhalten hiermit Gelegenheit, sich bis zum {dl} zu der beabsichtigten Entscheidung zu äußern. "
        "Sollte bis dahin keine Stellungnahme eingehen, wird nach Aktenlage entschieden."
    )
    _close(b, f, clerk)
    return b.done("correspondence", None, "Anhörung", date, f.pages)


def passbeschaffung(b: B) -> Doc:
    st = b.st
    date = plus(st.duldungen[0][0] if st.duldungen else st.bamf_decision, 5, 200, b.rnd)
    f, clerk = _letter(
        b,
        date,
        to_lawyer=False,
        subject=[
            b.pick(
                "Aufforderung zur Mitwirkung bei der Passbeschaffung",
                "Passpflicht nach § 3 AufenthG – Aufforderung zur Vorlage eines gültigen Nationalpasses",
                "Mitwirkungspflichten nach § 48 Abs. 3 und § 60b AufenthG",
            )
        ],
        az_in_subject=b.rnd.random() < 0.5,
    )
    f.para(
        f"Sie sind {st.person.origin.adjective}{'e' if st.person.female else 'er'} Staatsangehörige"
        f"{'' if st.person.female else 'r'} und nach Abschluss Ihres Asylverfahrens vollziehbar ausreisepflichtig. "
        "Einen gültigen Reisepass haben Sie bislang nicht vorgelegt."
    )
    dl = b.d("other", plus(date, 21, 42, b.rnd))
    embassy = b.pick("Ihres Herkunftsstaates", "der Republik " + st.person.origin.country)
    f.para(
        f"Ich fordere Sie daher auf, bis spätestens {dl} bei der Botschaft {embassy} "
        "einen Reisepass zu beantragen und mir den Nachweis über die Antragstellung vorzulegen. Sie sind nach "
        "§ 48 Abs. 3 AufenthG verpflichtet, an der Beschaffung eines Identitätspapiers mitzuwirken."
    )
    f.para(
        "Kommen Sie dieser Aufforderung nicht nach, kann Ihnen eine Duldung für Personen mit ungeklärter "
        "Identität nach § 60b AufenthG erteilt werden. In diesem Fall ist Ihnen die Ausübung einer "
        "Erwerbstätigkeit nicht erlaubt; Zeiten dieser Duldung werden nicht als Vorduldungszeiten angerechnet."
    )
    _close(b, f, clerk)
    return b.done("correspondence", None, "Aufforderung zur Passbeschaffung", date, f.pages)


def ae_bescheid(b: B, grant: bool, r: Res | None = None) -> Doc:
    """Grant (with the story's residence paper r) or refusal of an Aufenthaltserlaubnis."""
    st = b.st
    date = r.issue if r else plus(st.duldungen[-1][0] if st.duldungen else st.bamf_decision, 30, 200, b.rnd)
    basis = r.basis if r else st.ae_basis
    subj = [
        b.pick(
            "Ihr Antrag auf Erteilung einer Aufenthaltserlaubnis",
            "Bescheid",
            "Antrag auf Erteilung eines Aufenthaltstitels",
        )
    ]
    f, clerk = _letter(b, date, to_lawyer=b.rnd.random() < 0.35, subject=subj, az_in_subject=b.rnd.random() < 0.5)
    app = b.d("application_date", plus(date, -200, -30, b.rnd))
    f.para(f"auf Ihren Antrag vom {app} ergeht folgender", align="l")
    f.para("B e s c h e i d" if b.rnd.random() < 0.5 else "Bescheid:", style="b", align="c", before=2, after=3)
    if grant:
        assert r is not None
        vu = b.d("valid_until", r.end)
        b.facts.interval = ("erlaubt", r.issue, r.end)
        f.para(
            f"1. Ihnen wird eine Aufenthaltserlaubnis nach {basis} erteilt. Die Aufenthaltserlaubnis wird "
            f"befristet bis zum {vu}.",
            indent=4,
        )
        f.para("2. Die Aufenthaltserlaubnis berechtigt zur Ausübung einer Erwerbstätigkeit.", indent=4)
        f.para("3. Für diesen Bescheid wird eine Gebühr in Höhe von 100,00 € erhoben (§ 45 Nr. 1 AufenthV).", indent=4)
        f.para("Gründe:", style="b", before=2)
        f.para(
            f"Die Voraussetzungen für die Erteilung nach {basis} liegen vor. Sie halten sich seit mehreren "
            "Jahren geduldet, gestattet oder mit einer Aufenthaltserlaubnis im Bundesgebiet auf, sichern Ihren "
            "Lebensunterhalt überwiegend durch Erwerbstätigkeit und verfügen über hinreichende mündliche "
            "Deutschkenntnisse."
        )
        f.para(
            "Der elektronische Aufenthaltstitel (eAT) wird bei der Bundesdruckerei bestellt. Sie werden "
            "benachrichtigt, sobald er zur Abholung bereitliegt."
        )
        _rbb(b, f, "die Nebenbestimmungen dieses Bescheides")
        _close(b, f, clerk)
        return b.done(
            "residence_document",
            "aufenthaltserlaubnis",
            "Bescheid über die Erteilung einer Aufenthaltserlaubnis",
            date,
            f.pages,
        )
    f.para(f"1. Ihr Antrag auf Erteilung einer Aufenthaltserlaubnis nach {basis} wird abgelehnt.", indent=4)
    dl = b.d("other", plus(date, 30, 30, b.rnd))
    f.para(f"2. Sie sind verpflichtet, das Bundesgebiet bis zum {dl} zu verlassen.", indent=4)
    f.para("3. Die Gebühren für diesen Bescheid tragen Sie.", indent=4)
    f.para("Gründe:", style="b", before=2)
    f.para(
        "Die allgemeinen Erteilungsvoraussetzungen des § 5 AufenthG liegen nicht vor. Ihre Identität ist nicht "
        "geklärt, einen gültigen Nationalpass haben Sie trotz Aufforderung nicht vorgelegt. Ein atypischer Fall, "
        "der ein Abweichen von der Regel rechtfertigen würde, ist nicht erkennbar."
    )
    _rbb(b, f, "diesen Bescheid")
    _close(b, f, clerk)
    return b.done("correspondence", None, "Ablehnungsbescheid", date, f.pages)


def vermerk(b: B) -> Doc:
    """An internal file note: no address, just a heading, the reference and initials."""
    st = b.st
    fam = b.pick("nimbus_mono", "liberation_mono", "nimbus_sans", "dejavu_sans")
    f = Flow(fam, 10.5, left=25, right=20, top=25, bottom=25)
    g, s = b.person("person_concerned")
    date = plus(st.duldungen[0][0] if st.duldungen else st.bamf_decision, 5, 300, b.rnd)
    ds = b.d("document_date", date)
    az = b.fn("authority", st.az)
    f.para(b.pick("Vermerk", "Aktenvermerk", "V e r m e r k", "Gesprächsvermerk"), style="b", size=13, align="l")
    f.kv([("Az.:", az), ("Betr.:", f"{s}, {g}"), ("Datum:", ds)], label_w=20)
    f.rule()
    text = b.pick(
        f"{herr(st.person.female).rstrip('n')} {s} sprach heute ohne Termin vor und legte eine Bescheinigung des "
        "Arbeitgebers vor. Kopie zur Akte genommen. Auf die Mitwirkungspflichten bei der Passbeschaffung wurde "
        "erneut hingewiesen.",
        "Telefonat mit der Prozessbevollmächtigten: Es wird mitgeteilt, dass ein Antrag nach § 25b AufenthG "
        "vorbereitet werde. Unterlagen (Lohnabrechnungen, Sprachzertifikat) sollen nachgereicht werden.",
        "Rückfrage beim BAMF ergab, dass das Asylverfahren bestandskräftig abgeschlossen ist. Die Ausreisepflicht ist "
        "vollziehbar. Duldung wird bis zur Klärung der Passfrage verlängert.",
    )
    f.para(text)
    f.para(b.pick("Wv. in 4 Wochen", "z. d. A.", "WV 3 Monate", "Zur Akte."), align="l", before=2)
    f.signature(b.rnd.randint(0, 1 << 30), [b.pick("gez.", "i. A.") + " " + b.rnd.choice(GERMAN_SURNAMES)])
    b.party("authority", st.office.name, "organisation")
    return b.done("correspondence", None, "Vermerk", date, f.pages)


def schriftsatz(b: B) -> Doc:
    """A lawyer's letter to the Ausländerbehörde."""
    st = b.st
    lw = st.lawyer
    fam = b.pick("nimbus_roman", "liberation_serif", "dejavu_serif", "nimbus_sans", "p052", "c059")
    f = Flow(
        fam,
        b.pick(11.0, 11.5, 12.0),
        left=25,
        right=22,
        top=22,
        bottom=25,
        leading=b.pick(1.4, 1.5),
        on_page=lambda pg, n: 0.0 if n == 1 else _cont(pg, n, fam, b, ""),
    )
    p = f.page
    firm = lw.firm or lw.titled()
    p.ops.append(Text(25, 20, firm, fam, "b", 14 if len(firm) < 40 else 11))
    p.ops.append(Text(25, 26, f"{lw.street} · {lw.plz} {lw.city}", fam, "r", 8.5))
    x = 150
    p.ops.append(
        Text(x, 36, lw.titled().replace("Rechtsanwältin ", "RAin ").replace("Rechtsanwalt ", "RA "), fam, "r", 8)
    )
    p.ops.append(
        Text(
            x,
            40,
            b.pick(
                "Fachanwältin für Migrationsrecht" if lw.female else "Fachanwalt für Migrationsrecht",
                "Tätigkeitsschwerpunkt Ausländerrecht",
            ),
            fam,
            "r",
            7,
        )
    )
    p.ops.append(Text(x, 46, f"Tel. 0{b.rnd.randint(200, 999)} {b.rnd.randint(100000, 999999)}", fam, "r", 8))
    b.party("representative", lw.name)
    o = st.office
    y = 50.0
    p.ops.append(Text(25, y - 5, f"{firm[:40]} · {lw.street} · {lw.plz} {lw.city}", fam, "r", 6.5))
    for ln in [o.head[0], o.unit[:45], o.street, f"{o.plz} {o.city}"]:
        p.ops.append(Text(25, y, ln, fam, "r", 11))
        y += 5
    b.party("authority", o.name, "organisation")
    date = plus(st.duldungen[-1][0] if st.duldungen else st.bamf_decision, 10, 300, b.rnd)
    ds = b.d("document_date", date, b.pick("num", "long"))
    p.ops.append(Text(186, 86, f"{lw.city}, {ds}" if b.rnd.random() < 0.6 else ds, fam, "r", 11, "r"))
    ours = f"{b.rnd.randint(10, 999)}/{date.year % 100:02d}{b.pick('', ' AS', ' HK', '-ku')}"
    g, s = b.person("person_concerned")
    f.y = 96.0
    az = b.fn("authority", st.az)
    if b.rnd.random() < 0.5:
        f.kv([("Ihr Zeichen:", az), ("Unser Zeichen:", ours)], label_w=32, after=4)
        f.para(f"{s}, {g}, geb. {b.d('birth_date', st.person.birth)}", style="b", align="l")
    else:
        f.para(
            f"In der Ausländerangelegenheit {herr(st.person.female).rstrip('n')} {g} {s}",
            style="b",
            align="l",
            after=0.5,
        )
        f.para(f"Ihr Az.: {az} – unser Az.: {ours}", align="l")
    f.space(3)
    f.para("Sehr geehrte Damen und Herren,", align="l")
    pron = "unsere Mandantin" if st.person.female else "unseren Mandanten"
    mgen = "unserer Mandantin" if st.person.female else "unseres Mandanten"
    mnom = "Unsere Mandantin" if st.person.female else "Unser Mandant"
    f.para(
        f"hiermit zeigen wir an, dass wir {pron} anwaltlich vertreten. Eine auf uns lautende Vollmacht ist beigefügt."
        if b.rnd.random() < 0.5
        else "unter Bezugnahme auf die bisherige Korrespondenz nehmen wir wie folgt Stellung:"
    )
    ent = b.d("entry_date", st.entry)
    f.para(
        b.pick(
            f"Namens und in Vollmacht {mgen} beantragen wir "
            f"die Erteilung einer Aufenthaltserlaubnis nach § 25b AufenthG. {'Sie' if st.person.female else 'Er'} hält "
            f"sich seit der Einreise am {ent} ununterbrochen im Bundesgebiet auf und ist seit längerem "
            f"sozialversicherungspflichtig beschäftigt.",
            f"Wir bitten um Übersendung einer Kopie der Ausländerakte zur Akteneinsicht. {mnom} "
            f"ist am {ent} eingereist; die Vorduldungszeiten sind zu berücksichtigen.",
            f"Die Voraussetzungen des § 60d AufenthG liegen vor. {mnom} "
            f"ist seit der Einreise am {ent} durchgehend geduldet und erfüllt die Beschäftigungszeiten.",
        )
    )
    f.para(
        "Aktuelle Lohnabrechnungen sowie eine Bescheinigung des Arbeitgebers werden wir kurzfristig nachreichen. "
        "Wir bitten, bis zu einer Entscheidung von aufenthaltsbeendenden Maßnahmen abzusehen."
    )
    f.para("Mit freundlichen Grüßen", before=3, align="l", after=0)
    f.signature(
        b.rnd.randint(0, 1 << 30),
        [
            lw.titled().replace("Rechtsanwältin", "").replace("Rechtsanwalt", "").strip(),
            "Rechtsanwältin" if lw.female else "Rechtsanwalt",
        ],
    )
    if b.rnd.random() < 0.5:
        rd = b.d("receipt_date", plus(date, 1, 6, b.rnd), "stamp")
        p.ops.append(
            Stamp(
                150,
                62,
                [o.head[0][:26], f"Eing. {rd}", "Ausländerbehörde"],
                size=7,
                ink=b.rnd.randint(70, 140),
                angle=b.rnd.uniform(-8, 8),
            )
        )
    return b.done("correspondence", None, "Schriftsatz", date, f.pages)
