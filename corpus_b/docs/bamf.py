"""BAMF documents: asylum decision (Bescheid), invitation to the hearing (Anhörung), revocation (Widerruf)."""

from __future__ import annotations

from corpus_b import fmt
from corpus_b.docs.base import B, Doc, herr, salutation
from corpus_b.docs.legal import role_words
from corpus_b.docs.letterhead import bamf_head
from corpus_b.layout import Flow, Page, Stamp, Text
from corpus_b.places import COURTS, GERMAN_GIVEN_F, GERMAN_GIVEN_M, GERMAN_SURNAMES
from corpus_b.story import plus

TENOR = {
    "ablehnung": [
        "Die Flüchtlingseigenschaft wird nicht zuerkannt.",
        "Der Antrag auf Asylanerkennung wird abgelehnt.",
        "Der subsidiäre Schutzstatus wird nicht zuerkannt.",
        "Abschiebungsverbote nach § 60 Absatz 5 und 7 Satz 1 des Aufenthaltsgesetzes liegen nicht vor.",
        "{Nom} wird aufgefordert, die Bundesrepublik Deutschland innerhalb von 30 Tagen nach Bekanntgabe dieser "
        "Entscheidung bzw. nach dem unanfechtbaren Abschluss des Asylverfahrens zu verlassen. Sollte {nom} die "
        "Ausreisefrist nicht einhalten, wird {er} nach {country} abgeschoben.",
        "Das Einreise- und Aufenthaltsverbot gemäß § 11 Absatz 1 des Aufenthaltsgesetzes wird angeordnet und auf "
        "30 Monate ab dem Tag der Abschiebung befristet.",
    ],
    "offensichtlich": [
        "Der Antrag auf Zuerkennung der Flüchtlingseigenschaft wird als offensichtlich unbegründet abgelehnt.",
        "Der Antrag auf Asylanerkennung wird als offensichtlich unbegründet abgelehnt.",
        "Der Antrag auf subsidiären Schutz wird als offensichtlich unbegründet abgelehnt.",
        "Abschiebungsverbote nach § 60 Absatz 5 und 7 Satz 1 des Aufenthaltsgesetzes liegen nicht vor.",
        "{Nom} wird aufgefordert, die Bundesrepublik Deutschland innerhalb einer Woche nach Bekanntgabe dieser "
        "Entscheidung zu verlassen. Im Falle der Klageerhebung endet die Ausreisefrist eine Woche nach dem "
        "unanfechtbaren Abschluss des Asylverfahrens.",
        "Das Einreise- und Aufenthaltsverbot wird angeordnet und auf 30 Monate ab dem Tag der Abschiebung befristet.",
    ],
    "subsidiaer": [
        "Der subsidiäre Schutzstatus wird zuerkannt.",
        "Im Übrigen wird der Asylantrag abgelehnt.",
    ],
    "abschiebungsverbot": [
        "Die Flüchtlingseigenschaft wird nicht zuerkannt.",
        "Der Antrag auf Asylanerkennung wird abgelehnt.",
        "Der subsidiäre Schutzstatus wird nicht zuerkannt.",
        "Das Abschiebungsverbot nach § 60 Absatz 5 des Aufenthaltsgesetzes liegt hinsichtlich {country} vor.",
    ],
}


BAMF_REASONS = [
    "Die Voraussetzungen für die Zuerkennung der Flüchtlingseigenschaft liegen nicht vor. {Nom} hat nicht "
    "glaubhaft gemacht, dass {er} sich aus begründeter Furcht vor Verfolgung außerhalb {country}s aufhält.",
    "Der Sachvortrag ist vage und oberflächlich geblieben. Auf Nachfragen konnte {nom} keine näheren Angaben zu "
    "Zeit, Ort und Ablauf der geschilderten Ereignisse machen.",
    "Subsidiärer Schutz ist nicht zuzuerkennen. Es bestehen keine stichhaltigen Gründe für die Annahme, dass "
    "{dat} bei einer Rückkehr ein ernsthafter Schaden im Sinne des § 4 Abs. 1 AsylG droht.",
    "Abschiebungsverbote liegen nicht vor. {Nom} ist jung, gesund und erwerbsfähig und verfügt im Herkunftsland "
    "über ein familiäres Netzwerk.",
    "Die Abschiebungsandrohung ist gemäß § 34 Abs. 1 AsylG i. V. m. § 59 AufenthG zu erlassen. Die Befristung des "
    "Einreise- und Aufenthaltsverbots auf 30 Monate ist im vorliegenden Fall angemessen.",
]
BAMF_REASONS_WIN = [
    "{Nom} hat glaubhaft gemacht, dass {dat} in {country} ein ernsthafter Schaden droht. Die Schilderung war "
    "detailliert, widerspruchsfrei und steht im Einklang mit den Erkenntnissen des Bundesamtes.",
    "Aufgrund der individuellen Umstände ist davon auszugehen, dass {nom} im Falle einer Rückkehr nicht in der Lage "
    "wäre, {sein}en Lebensunterhalt zu sichern.",
    "Ausschlussgründe nach § 4 Abs. 2 AsylG sind nicht ersichtlich.",
]


def _official(b: B) -> str:
    female = b.rnd.random() < 0.5
    return f"{b.rnd.choice(GERMAN_GIVEN_F if female else GERMAN_GIVEN_M)} {b.rnd.choice(GERMAN_SURNAMES)}"


def _recipient(b: B, g: str, s: str, to_lawyer: bool) -> list[str]:
    st = b.st
    if to_lawyer:
        lw = st.lawyer
        b.party("representative", lw.name)
        return [lw.firm or lw.titled(), *([lw.titled()] if lw.firm else []), lw.street, f"{lw.plz} {lw.city}"]
    return [herr(st.person.female), f"{g} {s}", st.street, f"{st.plz} {st.city}"]


def _flow(b: B, fam: str, gz: str) -> Flow:
    style = b.rnd.randrange(3)

    def on_page(p: Page, n: int) -> float:
        if n == 1:
            return 0.0
        if style == 0:
            p.ops.append(Text(105, 14, f"- {n} -", fam, "r", 9, "c"))
        elif style == 1:
            p.ops.append(Text(190, 14, f"Seite {n}", fam, "r", 9, "r"))
            p.ops.append(Text(22, 14, f"Gesch.-Z.: {gz}", fam, "r", 9))
        else:
            p.ops.append(Text(22, 14, f"Gesch.-Z. {gz}", fam, "r", 8.5))
        return 22.0

    return Flow(
        fam,
        b.pick(10.5, 11.0, 11.0, 10.0),
        left=22,
        right=20,
        top=22,
        bottom=24,
        leading=b.pick(1.25, 1.35, 1.4),
        on_page=on_page,
    )


def bescheid(b: B) -> Doc:
    st = b.st
    fam = b.pick("nimbus_sans", "liberation_sans", "dejavu_sans", "nimbus_narrow", "liberation_serif")
    gz_printed = b.fn("bamf", st.gz, fmt.bamf_printed(st.gz, b.rnd))
    g, s = b.person("person_concerned")
    b.party("authority", "Bundesamt für Migration und Flüchtlinge", "organisation")
    f = _flow(b, fam, gz_printed)
    date = st.bamf_decision
    f.y = bamf_head(b, f.page, fam, _recipient(b, g, s, b.rnd.random() < 0.4), date, gz_printed)
    w = role_words(st.person.female, "Antragsteller")
    f.para(b.pick("BESCHEID", "B E S C H E I D", "Bescheid"), style="b", size=f.size + 4, align="c", after=4)
    f.para(b.pick("In dem Asylverfahren", "In dem Asylverfahren des/der", "Im Asylverfahren von"), align="l")
    bd = b.d("birth_date", st.person.birth)
    rows = [
        ("Name:", s.upper() if b.rnd.random() < 0.5 else s),
        ("Vorname:", g),
        ("geb. am:", bd),
        ("in:", st.person.birthplace),
        ("Staatsangehörigkeit:", st.person.origin.adjective),
        ("wohnhaft:", f"{st.street}, {st.plz} {st.city}"),
    ]
    if b.rnd.random() < 0.5:
        rows.append(("vertreten durch:", st.lawyer.titled()))
        b.party("representative", st.lawyer.name)
    f.kv(rows, label_w=b.pick(38.0, 45.0), indent=b.pick(0.0, 8.0))
    members = [m for m in [st.spouse_p, *st.children] if m is not None and m.birth < date] if st.joint else []
    if members:
        f.para(
            b.pick("sowie der Familienangehörigen", f"und der Antragsteller zu 2. bis {len(members) + 1}."),
            align="l",
            before=2,
        )
        for n, m in enumerate(members, 2):
            mg, ms = m.spelling(b.rnd)
            b.named(m.key, f"{mg} {ms}")
            if ("person_concerned", f"{mg} {ms}", "person") not in b.parties:
                b.parties.append(("person_concerned", f"{mg} {ms}", "person"))
            b.facts.births[m.key] = m.birth
            b.facts.nationality.add(m.key)
            who = (
                "Ehefrau"
                if m.key == "spouse" and m.female
                else "Ehemann"
                if m.key == "spouse"
                else ("Tochter" if m.female else "Sohn")
            )
            f.para(f"{n}. {ms}, {mg}, geb. {b.d('birth_date', m.birth)} ({who})", align="l", indent=8, after=0)
            if m.key == "spouse":
                b.facts.relations.append(("spouse", "main", "spouse"))
            else:
                b.facts.relations.append(("child", "main", m.key))
                if st.spouse_p is not None and st.spouse_p in members:
                    b.facts.relations.append(("child", "spouse", m.key))
        b.facts.subjects = ["main"] + [m.key for m in members]
    f.para(
        b.pick("ergeht folgende Entscheidung:", "ergeht folgender Bescheid:", "wird folgende Entscheidung getroffen:"),
        align="l",
        before=2,
        after=3,
    )
    for i, t in enumerate(TENOR[st.bamf_outcome], 1):
        f.para(f"{i}. " + t.format(country=st.person.origin.country, **w), indent=4)
    f.para(b.pick("Begründung:", "Begründung", "B e g r ü n d u n g"), style="b", before=4)
    f.para("I.", style="b", align="l")
    ent = b.d("entry_date", st.entry)
    app = b.d("application_date", st.asylum_app)
    hr = b.d("other", st.bamf_hearing)
    f.para(
        f"{w['Nom']}, {st.person.origin.adjective}{'e' if st.person.female else 'er'} Staatsangehörigkeit, "
        f"reiste eigenen Angaben zufolge am {ent} auf dem Landweg in die Bundesrepublik Deutschland ein und "
        f"stellte am {app} einen förmlichen Asylantrag. Der Asylantrag wurde gemäß § 13 Absatz 2 AsylG "
        "beschränkt auf die Zuerkennung internationalen Schutzes."
        if b.rnd.random() < 0.3
        else f"{w['Nom']} reiste am {ent} in die Bundesrepublik Deutschland ein und stellte am {app} einen Asylantrag."
    )
    f.para(
        f"Die persönliche Anhörung fand am {hr} statt. "
        + b.pick(
            f"Zur Begründung trug {w['nom']} im Wesentlichen vor, {w['er']} sei in {st.person.origin.country} "
            "mehrfach von Sicherheitskräften festgenommen worden.",
            f"{w['Er']} gab an, {w['er']} habe das Land aus wirtschaftlichen Gründen verlassen.",
            f"{w['Nom']} berief sich auf die allgemeine Sicherheitslage.",
        )
        + " Auf die Niederschrift wird verwiesen."
    )
    f.para("II.", style="b", align="l")
    bank = BAMF_REASONS_WIN if st.bamf_outcome in ("subsidiaer", "abschiebungsverbot") else BAMF_REASONS
    for r in b.rnd.sample(bank, min(len(bank), b.rnd.randint(2, 4))):
        f.para(r.format(country=st.person.origin.country, **w))
    court = COURTS[st.office.vg]
    f.para(b.pick("Rechtsbehelfsbelehrung:", "Rechtsbehelfsbelehrung"), style="b", before=3)
    frist = "einer Woche" if st.bamf_outcome == "offensichtlich" else "zwei Wochen"
    f.para(
        f"Gegen diesen Bescheid kann innerhalb von {frist} nach Zustellung Klage bei dem {court.name}, "
        f"{court.street}, erhoben werden. Für die Rechtzeitigkeit ist der Tag des Eingangs bei Gericht "
        "maßgeblich. Die Klage muss den Kläger, die Beklagte und den Gegenstand des Klagebegehrens bezeichnen.",
        size=f.size - 1,
    )
    f.para("Im Auftrag", before=4, align="l", after=0)
    f.signature(b.rnd.randint(0, 1 << 30), [_official(b)])
    if b.rnd.random() < 0.5:
        f.page.ops.append(
            Stamp(
                160,
                min(f.y + 5, 260),
                ["Bundesamt für", "Migration und Flüchtlinge", "– Siegel –"],
                size=6.5,
                shape="round",
                ink=b.rnd.randint(80, 150),
                angle=b.rnd.uniform(-10, 10),
            )
        )
    return b.done("bamf_decision", "asylbescheid", "Bescheid", date, f.pages)


def anhoerung(b: B) -> Doc:
    """Ladung zur Anhörung: document date = letter date, hearing date = the appointment."""
    st = b.st
    fam = b.pick("nimbus_sans", "liberation_sans", "dejavu_sans", "nimbus_narrow")
    gz_printed = b.fn("bamf", st.gz, fmt.bamf_printed(st.gz, b.rnd))
    g, s = b.person("person_concerned")
    b.party("authority", "Bundesamt für Migration und Flüchtlinge", "organisation")
    f = _flow(b, fam, gz_printed)
    date = plus(st.bamf_hearing, -40, -10, b.rnd)
    if date <= st.asylum_app:
        date = plus(st.asylum_app, 1, 5, b.rnd)
    f.y = bamf_head(b, f.page, fam, _recipient(b, g, s, False), date, gz_printed)
    f.para(
        b.pick(
            "Ladung zur Anhörung gemäß § 25 Asylgesetz (AsylG)",
            "Anhörung zu Ihrem Asylantrag",
            "Einladung zur persönlichen Anhörung",
        ),
        style="b",
        align="l",
        after=4,
    )
    f.para(salutation(st.person.female, s, b.rnd), align="l")
    app = b.d("application_date", st.asylum_app)
    hd = b.d("hearing_date", st.bamf_hearing, b.pick("num", "long"))
    f.para(
        f"in Ihrem Asylverfahren (Antrag vom {app}) werden Sie hiermit zur persönlichen Anhörung geladen. "
        f"Die Anhörung findet statt am {hd} um {b.rnd.randint(8, 13)}:{b.pick('00', '30', '15')} Uhr "
        f"in der Außenstelle {st.bamf_city[0]}, {st.bamf_city[1]}, Raum "
        f"{b.rnd.randint(1, 3)}.{b.rnd.randint(1, 40):02d}."
    )
    f.para(
        "Bitte bringen Sie zu diesem Termin alle Unterlagen mit, die Ihr Verfolgungsschicksal belegen können, "
        "insbesondere Ihren Pass oder Passersatz, Personalausweis, Geburtsurkunde und sonstige Dokumente."
    )
    f.para(
        "Die Anhörung ist der wichtigste Termin in Ihrem Asylverfahren. Wenn Sie ohne genügende Entschuldigung "
        "nicht erscheinen, kann nach Aktenlage entschieden werden (§ 25 Absatz 4 und 5 AsylG). Eine Sprachmittlerin "
        "oder ein Sprachmittler wird vom Bundesamt gestellt."
    )
    f.para(b.pick("Mit freundlichen Grüßen", "Mit freundlichem Gruß"), before=3, align="l", after=0)
    f.para("Im Auftrag", align="l")
    f.signature(b.rnd.randint(0, 1 << 30), [_official(b)])
    return b.done("bamf_decision", "anhoerung", "Ladung zur Anhörung", date, f.pages)


def widerruf(b: B) -> Doc:
    st = b.st
    fam = b.pick("nimbus_sans", "liberation_sans", "dejavu_cond")
    gz_printed = b.fn("bamf", st.gz, fmt.bamf_printed(st.gz, b.rnd))
    g, s = b.person("person_concerned")
    b.party("authority", "Bundesamt für Migration und Flüchtlinge", "organisation")
    f = _flow(b, fam, gz_printed)
    date = plus(st.bamf_decision, 700, 1500, b.rnd)
    f.y = bamf_head(b, f.page, fam, _recipient(b, g, s, b.rnd.random() < 0.5), date, gz_printed)
    f.para(b.pick("BESCHEID", "Bescheid"), style="b", size=f.size + 3, align="c", after=3)
    f.para(
        f"In dem Widerrufsverfahren betreffend {herr(st.person.female).rstrip('n')} {g} {s}, geb. "
        f"{b.d('birth_date', st.person.birth)}, {st.person.origin.adjective}, ergeht folgende Entscheidung:"
    )
    prev = b.d("other", st.bamf_decision, b.pick("num", "long"))
    what = (
        "der subsidiäre Schutzstatus"
        if st.bamf_outcome == "subsidiaer"
        else "die Feststellung eines Abschiebungsverbotes nach § 60 Abs. 5 AufenthG"
    )
    f.para(
        f"1. Die mit Bescheid vom {prev} getroffene Entscheidung, mit der {what} zuerkannt wurde, wird widerrufen.",
        indent=4,
    )
    f.para("2. Abschiebungsverbote nach § 60 Absatz 5 und 7 Satz 1 des Aufenthaltsgesetzes liegen nicht vor.", indent=4)
    f.para("Begründung:", style="b", before=3)
    f.para(
        "Die Voraussetzungen für den Widerruf nach § 73b AsylG liegen vor. Die Umstände, die zur Zuerkennung "
        "geführt haben, sind nicht mehr gegeben; die Änderung der Verhältnisse ist erheblich und nicht nur "
        "vorübergehend."
    )
    f.para("Rechtsbehelfsbelehrung:", style="b", before=3)
    f.para(
        f"Gegen diesen Bescheid kann innerhalb von zwei Wochen nach Zustellung Klage bei dem "
        f"{COURTS[st.office.vg].name} erhoben werden.",
        size=f.size - 1,
    )
    f.para("Im Auftrag", before=4, align="l", after=0)
    f.signature(b.rnd.randint(0, 1 << 30), [_official(b)])
    return b.done("bamf_decision", "widerrufsbescheid", "Widerrufsbescheid", date, f.pages)
