"""Residence papers: Duldung (form D2a-like), Aufenthaltsgestattung, Fiktionsbescheinigung."""

from __future__ import annotations

from corpus_b.docs.base import B, Doc
from corpus_b.layout import Box, Flow, Page, Rule, Scribble, Stamp, Text
from corpus_b.story import Res


def _field(
    p: Page, x: float, y: float, w: float, label: str, value: str, fam: str, boxed: bool, vfam: str | None = None
) -> None:
    if boxed:
        p.ops.append(Box(x, y - 4.5, w, 11, 0.25))
        p.ops.append(Text(x + 1.2, y - 1.2, label, fam, "r", 6.5))
        p.ops.append(Text(x + 2, y + 4.6, value, vfam or fam, "r", 10.5))
    else:
        p.ops.append(Text(x, y, label, fam, "r", 9))
        p.ops.append(Text(x + 42, y, value, vfam or fam, "b", 10.5))


def _seal(b: B, p: Page, x: float, y: float) -> None:
    o = b.st.office
    p.ops.append(
        Stamp(
            x,
            y,
            [o.head[0][:24], "Ausländerbehörde", f"– {b.rnd.randint(1, 12)} –"],
            size=6.5,
            shape="round",
            ink=b.rnd.randint(60, 150),
            angle=b.rnd.uniform(-20, 20),
        )
    )


def duldung(b: B, r: Res) -> Doc:
    """One Duldung of the story (§ 60a, § 60c, § 60d, or § 60b for unclear identity)."""
    st = b.st
    start, until, issue = r.start, r.end, r.issue
    o = st.office
    fam = b.pick("nimbus_sans", "liberation_sans", "dejavu_sans", "nimbus_narrow", "liberation_mono")
    vfam = b.pick(fam, "nimbus_mono", "liberation_mono")
    boxed = b.rnd.random() < 0.6
    p = Page()
    g, s = st.person.spelling(b.rnd, official=b.rnd.random() < 0.7)
    b.party("person_concerned", f"{g} {s}")
    b.party("authority", o.name, "organisation")
    p.ops.append(Text(20, 16, "Bundesrepublik Deutschland", fam, "r", 8))
    p.ops.append(Text(190, 16, b.pick("D2a", "Vordruck D2a", "", "Muster D2a"), fam, "r", 7, "r"))
    p.ops.append(Text(105, 28, "Bescheinigung über die Aussetzung", fam, "b", 14, "c"))
    p.ops.append(Text(105, 35, "der Abschiebung (Duldung)", fam, "b", 14, "c"))
    b60 = r.kind == "geduldet_60b"
    if b60:
        p.ops.append(Text(105, 42, "– für Personen mit ungeklärter Identität –", fam, "r", 10.5, "c"))
    p.ops.append(
        Text(
            105,
            49,
            "Diese Bescheinigung ist kein Aufenthaltstitel! Der Inhaber ist ausreisepflichtig!",
            fam,
            "b",
            9,
            "c",
        )
    )
    p.ops.append(Box(150, 58, 38, 48, 0.4, fill=b.rnd.randint(120, 200)))
    p.ops.append(Text(169, 110, "Lichtbild", fam, "r", 7, "c"))
    bd = b.d("birth_date", st.person.birth, b.pick("num", "num", "iso"))
    rows = [
        ("Name", s.upper()),
        ("Vorname(n)", g.upper() if b.rnd.random() < 0.5 else g),
        ("Geburtsdatum", bd),
        ("Geburtsort", st.person.birthplace),
        ("Staatsangehörigkeit", st.person.origin.adjective.upper()),
        ("Anschrift", f"{st.street}, {st.plz} {st.city}"),
    ]
    y = 62.0
    for label, value in rows:
        _field(p, 20, y, 125, label, value, fam, boxed, vfam)
        y += 12.5 if boxed else 8
    y += 4
    vu = b.d("valid_until", until, b.pick("num", "num", "long"))
    basis = r.basis
    if basis.startswith("§ 60c"):
        basis += b.pick(" (Ausbildungsduldung)", "", " – Ausbildungsduldung")
    elif basis.startswith("§ 60d"):
        basis += b.pick(" (Beschäftigungsduldung)", "", " – Beschäftigungsduldung")
    lines = [
        f"Die Abschiebung wird ausgesetzt bis {vu}" if b.rnd.random() < 0.5 else f"gültig bis: {vu}",
        f"Rechtsgrundlage: {basis}",
    ]
    if r.stated_start or b.rnd.random() < 0.4:
        lines.insert(0, f"gültig ab: {b.d('valid_from', start)}")
    for ln in lines:
        p.ops.append(Text(20, y, ln, fam, "b", 11))
        y += 7
    p.ops.append(Rule(20, y, 190, y, 0.3))
    y += 6
    p.ops.append(Text(20, y, "Nebenbestimmungen:", fam, "b", 10))
    y += 6
    neben = [
        "Erwerbstätigkeit nicht gestattet."
        if b60 or b.rnd.random() < 0.4
        else b.pick(
            "Beschäftigung nur mit Erlaubnis der Ausländerbehörde gestattet.",
            f"Beschäftigung als {st.job} bei {st.employer} gestattet.",
            "Selbständige Tätigkeit nicht gestattet. Beschäftigung nur nach Erlaubnis der ABH.",
        ),
        b.pick(
            f"Wohnsitzauflage: {st.city}.",
            f"Wohnsitznahme in {st.city} ({o.head[0]}).",
            "Wohnsitzauflage: Gemeinschaftsunterkunft.",
        ),
        b.pick(f"Räumlich beschränkt auf das Land {o.land}.", "Räumliche Beschränkung entfällt.", ""),
        b.pick(
            "Die Duldung erlischt mit dem Wegfall der Abschiebungshindernisse.",
            "Erlischt mit Bekanntgabe des Abschiebungstermins.",
            "",
        ),
    ]
    for ln in [x for x in neben if x]:
        p.ops.append(Text(24, y, "– " + ln, fam, "r", 9.5))
        y += 5.5
    y = max(y + 8, 215)
    if b.rnd.random() < 0.5:
        p.ops.append(Text(20, y, f"Aktenzeichen: {b.fn('authority', st.az)}", fam, "r", 9))
        y += 7
    ds = b.d("document_date", issue, b.pick("num", "num", "long"))
    p.ops.append(Text(20, y, f"{o.head[0]}, Ausländerbehörde", fam, "r", 9.5))
    p.ops.append(Text(20, y + 6, b.pick(f"{o.city}, den {ds}", f"Ausgestellt am: {ds}", f"Datum: {ds}"), fam, "r", 9.5))
    p.ops.append(Scribble(120, y - 2, 40, 10, b.rnd.randint(0, 1 << 30)))
    p.ops.append(Text(120, y + 12, "Unterschrift / Dienstsiegel", fam, "r", 7))
    _seal(b, p, 175, y + 2)
    title = "Duldung" + (" (§ 60b AufenthG)" if b60 else "")
    b.facts.interval = (r.kind, start, until)
    return b.done("residence_document", "duldung", title, issue, [p])


def gestattung(b: B, r: Res) -> Doc:
    st = b.st
    fam = b.pick("nimbus_sans", "dejavu_sans", "liberation_sans")
    p = Page()
    g, s = st.person.spelling(b.rnd, official=False)
    b.party("person_concerned", f"{g} {s}")
    by_bamf = b.rnd.random() < 0.5
    issuer = "Bundesamt für Migration und Flüchtlinge" if by_bamf else st.office.name
    b.party("authority", issuer, "organisation")
    issue, until = r.issue, r.end
    p.ops.append(Text(105, 22, "Bescheinigung über die Aufenthaltsgestattung", fam, "b", 14, "c"))
    p.ops.append(Text(105, 29, "(§ 63 Asylgesetz)", fam, "r", 10, "c"))
    p.ops.append(
        Text(
            105,
            38,
            "Der Inhaber dieser Bescheinigung hat um Asyl nachgesucht. Sein Aufenthalt ist zur "
            "Durchführung des Asylverfahrens gestattet.",
            fam,
            "r",
            8.5,
            "c",
        )
    )
    p.ops.append(Box(150, 48, 36, 46, 0.4, fill=b.rnd.randint(130, 210)))
    rows = [
        ("Familienname", s),
        ("Vorname", g),
        ("Geburtsdatum", b.d("birth_date", st.person.birth)),
        ("Geburtsort / -land", f"{st.person.birthplace} / {st.person.origin.country}"),
        ("Staatsangehörigkeit", st.person.origin.adjective),
        ("Gesch.-Z. BAMF", b.fn("bamf", st.gz)),
    ]
    if b.rnd.random() < 0.6:
        rows[5:5] = [
            ("Einreise am", b.d("entry_date", st.entry)),
            ("Asylantrag gestellt am", b.d("application_date", st.asylum_app)),
        ]
    y = 54.0
    for label, value in rows:
        _field(p, 20, y, 125, label, value, fam, b.rnd.random() < 0.5)
        y += 10
    vu = b.d("valid_until", until)
    p.ops.append(Text(20, y + 6, f"Die Aufenthaltsgestattung ist gültig bis {vu}.", fam, "b", 11))
    p.ops.append(
        Text(
            20,
            y + 14,
            b.pick("Erwerbstätigkeit nicht gestattet.", "Beschäftigung nur mit Zustimmung der Ausländerbehörde."),
            fam,
            "r",
            10,
        )
    )
    p.ops.append(Text(20, y + 20, f"Räumlich beschränkt auf {st.office.land}.", fam, "r", 10))
    ds = b.d("document_date", issue)
    p.ops.append(Text(20, 240, f"{issuer}", fam, "r", 9.5))
    p.ops.append(Text(20, 246, f"Ausstellungsdatum: {ds}", fam, "r", 9.5))
    p.ops.append(Scribble(125, 236, 40, 10, b.rnd.randint(0, 1 << 30)))
    if not by_bamf:
        _seal(b, p, 175, 245)
    b.facts.interval = ("gestattet", issue, until)
    return b.done("residence_document", "aufenthaltsgestattung", "Aufenthaltsgestattung", issue, [p])


def fiktion(b: B, r: Res) -> Doc:
    st = b.st
    fam = b.pick("nimbus_sans", "dejavu_sans", "liberation_sans", "gothic")
    g, s = st.person.spelling(b.rnd, official=True)
    b.party("person_concerned", f"{g} {s}")
    b.party("authority", st.office.name, "organisation")
    issue, until = r.issue, r.end
    f = Flow(fam, 10.5, left=22, right=22, top=20, bottom=20)
    f.para("Fiktionsbescheinigung", style="b", size=16, align="c", after=1)
    f.para("(§ 81 Abs. 5 AufenthG)", align="c", after=6)
    f.kv(
        [
            ("Name:", s),
            ("Vorname:", g),
            ("geboren am:", b.d("birth_date", st.person.birth)),
            ("Staatsangehörigkeit:", st.person.origin.adjective),
        ],
        label_w=45,
        after=4,
    )
    f.para("Die Inhaberin / der Inhaber hat die Erteilung / Verlängerung eines Aufenthaltstitels beantragt.")
    opts = [
        ("Der Aufenthalt gilt als erlaubt (§ 81 Abs. 3 Satz 1 AufenthG).", False),
        ("Die Abschiebung gilt als ausgesetzt (§ 81 Abs. 3 Satz 2 AufenthG).", "Abs. 3 Satz 2" in r.basis),
        ("Der Aufenthaltstitel gilt als fortbestehend (§ 81 Abs. 4 AufenthG).", "Abs. 4" in r.basis),
    ]
    for text, on in opts:
        f.ensure(8)
        f.page.ops.append(Box(f.left, f.y + 0.5, 4, 4, 0.3))
        if on:
            f.page.ops.append(Text(f.left + 0.6, f.y + 4, "X", fam, "b", 10))
        f.page.ops.append(Text(f.left + 8, f.y + 4, text, fam, "r", 10))
        f.y += 7
    f.space(3)
    f.para(f"Diese Bescheinigung ist gültig bis {b.d('valid_until', until, b.pick('num', 'long'))}.", style="b")
    f.para(
        "Erwerbstätigkeit gestattet."
        if b.rnd.random() < 0.7
        else "Beschäftigung nur mit Erlaubnis der Ausländerbehörde gestattet."
    )
    if b.rnd.random() < 0.5:
        f.para(f"Aktenzeichen: {b.fn('authority', st.az)}", align="l")
    f.space(10)
    ds = b.d("document_date", issue)
    f.para(f"{st.office.city}, {ds}", align="l", after=1)
    f.para(f"{st.office.head[0]} – Ausländerbehörde", align="l")
    f.signature(b.rnd.randint(0, 1 << 30), ["Im Auftrag"])
    _seal(b, f.page, 160, f.y - 15)
    b.facts.interval = ("fiktion", issue, until)
    return b.done("residence_document", "fiktionsbescheinigung", "Fiktionsbescheinigung", issue, f.pages)
