"""Civil status and registration papers: translated birth and marriage certificates, Meldebescheinigung."""

from __future__ import annotations

import datetime as dt

from corpus_b.docs.base import B, Doc
from corpus_b.layout import Flow, Stamp, Text
from corpus_b.places import GERMAN_GIVEN_F, GERMAN_GIVEN_M, GERMAN_SURNAMES
from corpus_b.story import plus

ISSUERS = {
    "Syrien": ("Arabische Republik Syrien", "Ministerium des Innern – Direktion für Zivilangelegenheiten"),
    "Irak": ("Republik Irak", "Ministerium des Innern – Direktion für Personenstandswesen"),
    "Afghanistan": ("Islamische Republik Afghanistan", "Ministerium des Innern – Abteilung Bevölkerungsregister"),
    "Eritrea": ("Staat Eritrea", "Verwaltung der Zentralregion – Standesamt"),
}


def _language(lang: str) -> str:
    """'Arabischen' -> 'arabischen Sprache'; 'Dari' -> 'Sprache Dari' (the dative after 'aus der')."""
    if lang.endswith("en"):
        return f"{lang.lower()} Sprache"
    return f"Sprache {lang}"


def _translator(b: B) -> tuple[str, str]:
    female = b.rnd.random() < 0.6
    name = f"{b.rnd.choice(GERMAN_GIVEN_F if female else GERMAN_GIVEN_M)} {b.rnd.choice(GERMAN_SURNAMES)}"
    court = b.pick(
        "Landgericht Köln",
        "Landgericht Bonn",
        "Oberlandesgericht Düsseldorf",
        "Landgericht Hannover",
        "Landgericht Stuttgart",
        "Landgericht Berlin",
        "Oberlandesgericht Frankfurt am Main",
    )
    title = (
        "Öffentlich bestellte und allgemein beeidigte Übersetzerin"
        if female
        else "Öffentlich bestellter und allgemein beeidigter Übersetzer"
    )
    lang = b.st.person.origin.language
    what = f"{lang[:-2].lower()}e Sprache" if lang.endswith("en") else f"Sprache {lang}"
    return name, f"{title} für die {what}, {court}"


def certificate(b: B, marriage: bool, parents: tuple[tuple[str, str], ...] = ()) -> Doc:
    """A certificate translated into German: document date = the original's issue date."""
    st = b.st
    pe = st.person
    if marriage and not st.spouse:
        marriage = False
    fam = b.pick("nimbus_roman", "liberation_serif", "nimbus_sans", "dejavu_serif", "c059")
    f = Flow(fam, 11, left=25, right=22, top=20, bottom=25, leading=1.35)
    lang = pe.origin.language
    f.para(
        b.pick(
            f"Übersetzung aus dem {lang}", f"Beglaubigte Übersetzung aus dem {lang}", f"– Übersetzung aus dem {lang} –"
        ),
        style="b",
        align="c",
        after=5,
    )
    state, office = ISSUERS.get(pe.origin.country, (pe.origin.country, "Standesamt / Personenstandsbehörde"))
    f.para(f"[Wappen] {state}", align="c", after=1)
    f.para(office, align="c", after=1)
    f.para(f"Standesamt {pe.birthplace}", align="c", after=5)
    g, s = b.person("person_concerned")
    if marriage:
        assert st.spouse is not None
        f.para(
            "Heiratsurkunde" if b.rnd.random() < 0.5 else "Auszug aus dem Eheregister",
            style="b",
            size=14,
            align="c",
            after=4,
        )
        wed = plus(pe.birth + dt.timedelta(days=19 * 365), 0, max(1, (st.entry - pe.birth).days - 19 * 365 - 30), b.rnd)
        sp = f"{st.spouse[0]} {st.spouse[1]}"
        b.party("other", sp)
        if st.spouse_p is not None:
            b.facts.subjects = [pe.key, st.spouse_p.key]
            b.named(st.spouse_p.key, sp)
            b.facts.relations.append(("spouse", pe.key, st.spouse_p.key))
        rows = [
            ("Ehemann:" if not pe.female else "Ehefrau:", f"{g} {s}"),
            ("geboren am:", b.d("birth_date", pe.birth)),
            ("Ehefrau:" if not pe.female else "Ehemann:", sp),
            ("Tag der Eheschließung:", b.d("other", wed)),
            ("Ort der Eheschließung:", pe.birthplace),
            ("Registernummer:", f"{b.rnd.randint(100, 9999)}/{wed.year}"),
        ]
        issue = plus(wed, 5, 2000, b.rnd)
        title, sub = "Heiratsurkunde", "heiratsurkunde"
    else:
        f.para(
            b.pick("Geburtsurkunde", "Auszug aus dem Geburtenregister", "Geburtsbescheinigung"),
            style="b",
            size=14,
            align="c",
            after=4,
        )
        b.party("other", st.father)
        b.party("other", st.mother)
        rows = [
            ("Name:", s),
            ("Vorname:", g),
            ("Name des Vaters:", st.father),
            ("Name der Mutter:", st.mother),
            ("Geburtsort:", pe.birthplace),
            ("Geburtsdatum:", b.d("birth_date", pe.birth, b.pick("num", "long"))),
            ("Geschlecht:", "weiblich" if pe.female else "männlich"),
            ("Religion:", b.pick("–", "Islam", "—")),
            ("Registernummer:", f"{b.rnd.randint(10, 999)}/{b.rnd.randint(1, 99)}"),
        ]
        issue = plus(max(pe.birth + dt.timedelta(days=6000), st.entry - dt.timedelta(days=3000)), 0, 2000, b.rnd)
        if parents:
            issue = plus(pe.birth, 3, min(200, max(4, (st.entry - pe.birth).days - 30)), b.rnd)
        elif issue >= st.entry:
            issue = plus(st.entry - dt.timedelta(days=400), 0, 300, b.rnd)
        title, sub = "Geburtsurkunde", "geburtsurkunde"
        for parent, name in parents:
            b.facts.relations.append(("child", parent, pe.key))
            b.named(parent, name)
    f.kv(rows, label_w=55, after=4)
    ds = b.d("document_date", issue)
    f.para(f"Ausgestellt am: {ds}" if b.rnd.random() < 0.5 else f"Datum der Ausstellung: {ds}", align="l")
    f.para("[Siegel] [Unterschrift des Standesbeamten] [Stempel: Gebühr entrichtet]", align="l", size=9.5, after=6)
    f.rule()
    tname, ttitle = _translator(b)
    td = b.d("other", plus(st.entry, 30, 900, b.rnd))
    f.para(
        f"Die Richtigkeit und Vollständigkeit der vorstehenden Übersetzung des mir vorgelegten Originals "
        f"aus der {_language(lang)} wird hiermit bescheinigt.",
        size=10,
    )
    f.para(f"{b.pick('Köln', 'Bonn', 'Hannover', 'Stuttgart', 'Berlin', st.office.city)}, den {td}", align="l", size=10)
    f.signature(b.rnd.randint(0, 1 << 30), [tname, ttitle], x=25)
    f.page.ops.append(
        Stamp(
            165,
            f.y - 20,
            ["Beeidigte", "Übersetzerin" if "Übersetzerin" in ttitle else "Übersetzer", tname.split()[-1]],
            size=6.5,
            shape="round",
            ink=b.rnd.randint(60, 140),
            angle=b.rnd.uniform(-15, 15),
        )
    )
    return b.done("civil_status_document", sub, title, issue, f.pages)


def meldebescheinigung(b: B) -> Doc:
    st = b.st
    pe = st.person
    fam = b.pick("nimbus_sans", "liberation_sans", "dejavu_sans", "gothic")
    f = Flow(fam, 10.5, left=22, right=20, top=20, bottom=25, leading=1.35)
    p = f.page
    town = (
        f"Stadt {st.city}"
        if not st.office.name.startswith(("Stadt", "Bundesstadt", "Landeshauptstadt"))
        else st.office.name
    )
    b.party("authority", town, "organisation")
    p.ops.append(Text(22, 20, town, fam, "b", 14))
    p.ops.append(Text(22, 26, b.pick("Bürgeramt", "Einwohnermeldeamt", "Bürgerbüro – Meldewesen"), fam, "r", 10))
    issue = plus(st.asylum_app, 60, max(61, (st.end - st.asylum_app).days), b.rnd)
    ds = b.d("document_date", issue)
    p.ops.append(Text(188, 26, f"Datum: {ds}", fam, "r", 10, "r"))
    f.y = 45
    f.para(
        b.pick("Meldebescheinigung", "Erweiterte Meldebescheinigung", "Einfache Meldebescheinigung"),
        style="b",
        size=15,
        align="l",
        after=1,
    )
    f.para("nach § 18 Bundesmeldegesetz (BMG)", align="l", size=9.5, after=6)
    g, s = b.person("person_concerned")
    moved = plus(st.asylum_app, 10, 400, b.rnd)
    if moved > issue:
        moved = plus(issue, -200, -5, b.rnd)
    f.kv(
        [
            ("Familienname:", s),
            ("Vornamen:", g),
            ("Geburtsdatum:", b.d("birth_date", pe.birth)),
            ("Geburtsort:", f"{pe.birthplace} ({pe.origin.country})"),
            ("Staatsangehörigkeit(en):", pe.origin.adjective),
            ("Familienstand:", b.pick("ledig", "verheiratet", "unbekannt")),
            ("Anschrift:", f"{st.street}, {st.plz} {st.city}"),
            ("Wohnungsstatus:", "alleinige Wohnung"),
            ("Einzugsdatum:", b.d("other", moved)),
        ]
        + ([("Zuzug aus dem Ausland am:", b.d("entry_date", st.entry))] if b.rnd.random() < 0.5 else []),
        label_w=55,
        after=6,
    )
    f.para(
        "Diese Bescheinigung wurde maschinell erstellt und ist ohne Unterschrift gültig."
        if b.rnd.random() < 0.5
        else "Im Auftrag",
        align="l",
    )
    f.page.ops.append(
        Stamp(
            160,
            230,
            [town[:24], "Meldebehörde"],
            size=7,
            shape="round",
            ink=b.rnd.randint(60, 150),
            angle=b.rnd.uniform(-15, 15),
        )
    )
    return b.done("registration_certificate", "meldebescheinigung", "Meldebescheinigung", issue, f.pages)


def birth_de(b: B, parents: tuple[tuple[str, str], ...], father: str, mother: str) -> Doc:
    """A German civil registry's birth certificate of a child born after the family's entry."""
    st = b.st
    pe = st.person
    fam = b.pick("nimbus_roman", "liberation_serif", "nimbus_sans", "dejavu_sans")
    f = Flow(fam, 11, left=25, right=22, top=20, bottom=25, leading=1.4)
    f.para(f"Standesamt {st.city}", style="b", align="l", after=1)
    f.para(f"Registernummer G {b.rnd.randint(100, 2999)}/{pe.birth.year}", align="l", size=9.5, after=8)
    f.para(b.pick("Geburtsurkunde", "GEBURTSURKUNDE"), style="b", size=16, align="c", after=6)
    g, s = b.person("person_concerned")
    f.kv(
        [
            ("Familienname:", s),
            ("Vornamen:", g),
            ("Geschlecht:", "weiblich" if pe.female else "männlich"),
            ("Tag der Geburt:", b.d("birth_date", pe.birth, b.pick("num", "long"))),
            ("Ort der Geburt:", st.city),
            ("Mutter:", mother),
            ("Vater:", father),
        ],
        label_w=50,
        after=6,
    )
    b.party("other", father)
    b.party("other", mother)
    for parent, name in parents:
        b.facts.relations.append(("child", parent, pe.key))
        b.named(parent, name)
    issue = plus(pe.birth, 4, 25, b.rnd)
    ds = b.d("document_date", issue)
    f.para(f"{st.city}, den {ds}", align="l", before=4)
    f.para("Der Standesbeamte" if b.rnd.random() < 0.5 else "Die Standesbeamtin", align="l", after=0)
    f.signature(b.rnd.randint(0, 1 << 30), ["Standesamt"])
    f.page.ops.append(
        Stamp(
            160,
            f.y - 15,
            [f"Standesamt {st.city}"[:24], "Siegel"],
            size=6.5,
            shape="round",
            ink=b.rnd.randint(60, 150),
            angle=b.rnd.uniform(-15, 15),
        )
    )
    return b.done("civil_status_document", "geburtsurkunde", "Geburtsurkunde", issue, f.pages)
