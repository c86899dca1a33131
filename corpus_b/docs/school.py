"""School and language papers: Schulbescheinigung, Zeugnis, Ausbildungsvertrag, language certificates."""

from __future__ import annotations

import datetime as dt

from corpus_b.docs.base import B, Doc
from corpus_b.layout import Box, Flow, Stamp, Text
from corpus_b.places import GERMAN_GIVEN_F, GERMAN_GIVEN_M, GERMAN_SURNAMES
from corpus_b.story import Lang, SchoolRec, plus

GRADES = ["sehr gut", "gut", "befriedigend", "ausreichend", "mangelhaft"]
SUBJECTS = [
    "Deutsch",
    "Mathematik",
    "Englisch",
    "Gesellschaftslehre",
    "Naturwissenschaften",
    "Sport",
    "Kunst",
    "Religion/Philosophie",
    "Wirtschaft und Politik",
    "Fachpraxis",
]


def school_date(b: B) -> dt.date:
    return plus(b.st.entry, 120, 1200, b.rnd)


def _head(b: B, f: Flow, fam: str, school: str) -> None:
    st = b.st
    b.party("other", school, "organisation")
    f.page.ops.append(Text(22, 20, school, fam, "b", 13))
    f.page.ops.append(
        Text(
            22,
            26,
            f"{b.pick('Schulstraße', 'Am Schulzentrum', 'Bildungsweg')} {b.rnd.randint(1, 40)}, {st.plz} {st.city}",
            fam,
            "r",
            9,
        )
    )
    f.y = 40


def schulbescheinigung(b: B, rec: SchoolRec) -> Doc:
    """Attendance since a day of school year rec.y0 until the end of that school year."""
    st = b.st
    fam = b.pick("nimbus_sans", "liberation_sans", "dejavu_sans", "nimbus_roman")
    f = Flow(fam, 11, left=22, right=20, top=20, bottom=25, leading=1.45)
    _head(b, f, fam, rec.school)
    year_start = max(dt.date(rec.y0, 8, 1), st.entry + dt.timedelta(days=30))
    date = plus(max(dt.date(rec.y0, 9, 1), year_start + dt.timedelta(days=20)), 0, 200, b.rnd)
    ds = b.d("document_date", date)
    f.para(f"{st.city}, {ds}", align="r", after=8)
    f.para(
        b.pick("Schulbescheinigung", "Bescheinigung über den Schulbesuch", "Schulbesuchsbescheinigung"),
        style="b",
        size=14,
        align="l",
        after=6,
    )
    g, s = b.person("person_concerned")
    first = plus(year_start, 0, 20, b.rnd)
    last = dt.date(rec.y0 + 1, 7, b.rnd.randint(10, 25))
    since = b.d("other", first)
    end = b.d("other", last)
    female = st.person.female
    f.para(
        f"Hiermit wird bescheinigt, dass {'die Schülerin' if female else 'der Schüler'} {g} {s}, "
        f"geboren am {b.d('birth_date', st.person.birth)}, seit dem {since} unsere Schule besucht. "
        f"{'Sie' if female else 'Er'} ist derzeit in der Klasse "
        f"{b.pick('10b', 'IFK 2', 'BFS 1', '9a', 'AV 11', 'Internationale Förderklasse', '3c', '5a')}."
    )
    f.para(f"Das laufende Schuljahr endet am {end}. Die Schulpflicht ist {b.pick('erfüllt', 'noch nicht erfüllt')}.")
    f.para("Die Bescheinigung wird zur Vorlage bei der Ausländerbehörde ausgestellt.")
    b.facts.school = (rec.school, first, last)
    f.signature(b.rnd.randint(0, 1 << 30), [b.pick("Schulleitung", "Sekretariat", "Klassenleitung")])
    f.page.ops.append(
        Stamp(
            150,
            f.y - 15,
            [rec.school[:26], "– Schulleitung –"],
            size=6.5,
            shape="round",
            ink=b.rnd.randint(60, 150),
            angle=b.rnd.uniform(-15, 15),
        )
    )
    return b.done("school_document", "schulbescheinigung", "Schulbescheinigung", date, f.pages)


def zeugnis(b: B, rec: SchoolRec) -> Doc:
    """A report of school year rec.y0: the whole year, its first half, or a leaving certificate."""
    st = b.st
    fam = b.pick("nimbus_roman", "p052", "liberation_serif", "nimbus_sans")
    f = Flow(fam, 11, left=22, right=20, top=20, bottom=25, leading=1.4)
    _head(b, f, fam, rec.school)
    y0 = rec.y0
    if rec.paper == "halbjahr":
        kind = b.pick("Halbjahreszeugnis", "Zeugnis für das erste Halbjahr", "Halbjahresinformation")
        date = plus(dt.date(y0 + 1, 1, 24), 0, 10, b.rnd)
        b.facts.school = (rec.school, dt.date(y0, 8, 1), dt.date(y0 + 1, 1, 31))
    elif rec.paper == "abschluss":
        kind = b.pick(
            "Abschlusszeugnis", "Abgangszeugnis mit Hauptschulabschluss", "Zeugnis des Mittleren Schulabschlusses"
        )
        date = plus(dt.date(y0 + 1, 6, 25), 0, 20, b.rnd)
        b.facts.school = (rec.school, dt.date(y0, 8, 1), dt.date(y0 + 1, 7, 31))
        b.facts.school_leaving = True
    else:
        kind = b.pick("Zeugnis", "Jahreszeugnis")
        date = plus(dt.date(y0 + 1, 6, 25), 0, 20, b.rnd)
        b.facts.school = (rec.school, dt.date(y0, 8, 1), dt.date(y0 + 1, 7, 31))
    f.para(kind.upper() if b.rnd.random() < 0.5 else kind, style="b", size=16, align="c", after=2)
    f.para(
        f"Schuljahr {y0}/{str(y0 + 1)[2:]}" if b.rnd.random() < 0.6 else f"Schuljahr {y0}/{y0 + 1}",
        align="c",
        after=2 if rec.paper == "halbjahr" else 6,
    )
    if rec.paper == "halbjahr":
        f.para(b.pick("1. Halbjahr", "erstes Schulhalbjahr"), align="c", after=6)
    g, s = b.person("person_concerned")
    f.kv(
        [
            ("Name:", f"{g} {s}"),
            ("geboren am:", b.d("birth_date", st.person.birth)),
            ("Klasse:", b.pick("9a", "10b", "BFS 1", "IFK 2")),
        ],
        label_w=40,
        after=4,
    )
    f.table(
        [80, 60],
        [["Fach", "Note"]] + [[sub, b.rnd.choice(GRADES[:4])] for sub in b.rnd.sample(SUBJECTS, b.rnd.randint(6, 9))],
        grid=b.rnd.random() < 0.5,
    )
    f.para(f"Versäumte Tage: {b.rnd.randint(0, 12)}, davon unentschuldigt: {b.rnd.randint(0, 2)}", align="l")
    f.para(
        "Bemerkungen: "
        + b.pick(
            "Die Versetzung ist erreicht.",
            "Nimmt erfolgreich am Förderunterricht Deutsch als Zweitsprache teil.",
            "—",
            "Hat mit Erfolg teilgenommen.",
        ),
        align="l",
    )
    conf = b.d("other", plus(date, -10, -1, b.rnd))
    ds = b.d("document_date", date)
    f.para(f"Zeugniskonferenz vom {conf}", align="l", size=9.5)
    f.para(f"{st.city}, den {ds}", align="l", before=4)
    y = f.y
    f.signature(b.rnd.randint(0, 1 << 30), ["Schulleiter/in"], x=25)
    f.y = y
    f.signature(b.rnd.randint(0, 1 << 30), ["Klassenlehrer/in"], x=120)
    return b.done("school_document", "zeugnis", kind, date, f.pages)


def ausbildungsvertrag(b: B) -> Doc:
    st = b.st
    fam = b.pick("nimbus_sans", "liberation_sans", "dejavu_cond")
    f = Flow(fam, 10, left=20, right=18, top=18, bottom=22, leading=1.35)
    g, s = b.person("employee")
    b.party("employer", st.employer, "organisation")
    chamber = b.pick("Industrie- und Handelskammer", "Handwerkskammer")
    f.para(f"{chamber} {st.city}", align="r", size=9)
    f.para("Berufsausbildungsvertrag", style="b", size=16, align="l", after=1)
    f.para("(§§ 10, 11 Berufsbildungsgesetz – BBiG)", align="l", size=9, after=5)
    f.para("Zwischen dem Ausbildenden (Ausbildungsbetrieb)", style="b", align="l", after=1)
    f.page.ops.append(Box(f.left, f.y, 172, 12, 0.3))
    f.page.ops.append(Text(f.left + 2, f.y + 8, f"{st.employer}, {st.employer_city}", fam, "r", 10.5))
    f.y += 15
    f.para("und der/dem Auszubildenden", style="b", align="l", after=1)
    f.page.ops.append(Box(f.left, f.y, 172, 12, 0.3))
    f.page.ops.append(
        Text(
            f.left + 2,
            f.y + 8,
            f"{s}, {g}, geb. {b.d('birth_date', st.person.birth)}, {st.street}, {st.plz} {st.city}",
            fam,
            "r",
            10,
        )
    )
    f.y += 16
    start = dt.date(max(st.entry.year + 1, st.job_start.year), 8, 1)
    end = dt.date(start.year + 3, 7, 31)
    b.facts.employment = (st.employer, start, end)
    f.para(f"wird nachstehender Vertrag zur Ausbildung im Ausbildungsberuf {st.trade} geschlossen.")
    f.kv(
        [
            ("A Ausbildungszeit:", "36 Monate"),
            ("Beginn:", b.d("employment_start", start)),
            ("Ende:", b.d("employment_end", end)),
            ("B Probezeit:", "4 Monate"),
            ("C Ausbildungsstätte:", f"{st.employer}, {st.employer_city}"),
            (
                "D Vergütung:",
                f"1. Jahr {b.rnd.randint(800, 1000)} €, 2. Jahr {b.rnd.randint(900, 1100)} €, "
                f"3. Jahr {b.rnd.randint(1000, 1250)} €",
            ),
            ("E Arbeitszeit:", "40 Stunden wöchentlich"),
            ("F Urlaub:", "30 Werktage im Kalenderjahr"),
        ],
        label_w=48,
        after=6,
    )
    date = plus(start, -120, -20, b.rnd)
    ds = b.d("document_date", date)
    f.para(f"{st.employer_city}, {ds}", align="l")
    y = f.y
    f.signature(b.rnd.randint(0, 1 << 30), ["Ausbildender"], x=22)
    f.y = y
    f.signature(b.rnd.randint(0, 1 << 30), ["Auszubildende/r"], x=115)
    return b.done("school_document", "ausbildungsvertrag", "Berufsausbildungsvertrag", date, f.pages)


CERT_ISSUERS = [("telc gGmbH", "telc Deutsch {lv}"), ("Goethe-Institut", "Goethe-Zertifikat {lv}"), ("", "")]


def language(b: B, lang: Lang) -> Doc:
    """A language test (telc, Goethe, DTZ), the test Leben in Deutschland, or the integration course
    certificate; failed tests say so."""
    st = b.st
    fam = b.pick("nimbus_sans", "gothic", "dejavu_sans", "liberation_sans")
    f = Flow(fam, 11, left=25, right=22, top=22, bottom=25, leading=1.4)
    exam = lang.exam
    issue = plus(exam, 14, 60, b.rnd)
    g, s = b.person("person_concerned")
    bamf_name = "Bundesamt für Migration und Flüchtlinge"
    lv = lang.level or "B1"
    if lang.kind == "language" and lang.issuer < 2:
        issuer, pattern = CERT_ISSUERS[lang.issuer]
        title = pattern.format(lv=lv)
        f.para("telc – language tests" if lang.issuer == 0 else "GOETHE-INSTITUT", style="b", size=11, align="l")
        f.para(title if lang.passed else "Ergebnisbescheinigung", style="b", size=20, align="c", before=20, after=10)
    elif lang.kind == "language":
        issuer, title = bamf_name, "Deutsch-Test für Zuwanderer"
        f.para(bamf_name, style="b", size=12, align="l")
        f.para(title, style="b", size=18, align="c", before=20, after=10)
    elif lang.kind == "integration_course":
        issuer, title = bamf_name, "Zertifikat Integrationskurs"
        f.para(bamf_name, style="b", size=12, align="l")
        f.para(title, style="b", size=18, align="c", before=20, after=10)
    else:
        issuer, title = bamf_name, "Test „Leben in Deutschland“"
        f.para(bamf_name, style="b", size=12, align="l")
        f.para("Bescheinigung" if lang.passed else "Ergebnismitteilung", style="b", size=18, align="c", before=16)
        f.para(title, style="b", size=14, align="c", after=10)
    b.party("authority" if issuer.startswith("Bundesamt") else "other", issuer, "organisation")
    f.kv(
        [
            ("Name, Vorname:", f"{s}, {g}"),
            ("Geburtsdatum:", b.d("birth_date", st.person.birth)),
            ("Geburtsort:", st.person.birthplace),
            ("Prüfungsdatum:", b.d("other", exam)),
            ("Prüfungszentrum:", f"{b.pick('VHS', 'Kolping-Bildungswerk', 'IB', 'DAA')} {st.city}"),
        ],
        label_w=50,
        after=6,
    )
    if lang.kind == "leben_in_deutschland":
        pts = b.rnd.randint(15, 33) if lang.passed else b.rnd.randint(6, 14)
        f.para(
            f"hat den Test mit {pts} von 33 möglichen Punkten bestanden. Damit sind Kenntnisse der Rechts- und "
            "Gesellschaftsordnung und der Lebensverhältnisse im Bundesgebiet nachgewiesen."
            if lang.passed
            else f"hat im Test {pts} von 33 möglichen Punkten erreicht. Der Test ist nicht bestanden."
        )
    elif lang.kind == "integration_course":
        f.para(
            "hat den Integrationskurs erfolgreich abgeschlossen. Die Teilnahme am Sprachkurs wurde mit dem "
            f"Deutsch-Test für Zuwanderer (Niveau {b.pick('A2', 'B1')}) und der Orientierungskurs mit dem Test "
            "„Leben in Deutschland“ abgeschlossen."
        )
    else:
        parts = [["Prüfungsteil", "Punkte", "Niveau"]]
        for part in ("Hören", "Lesen", "Schreiben", "Sprechen"):
            parts.append(
                [part, str(b.rnd.randint(12, 25) if lang.passed else b.rnd.randint(2, 11)), lv if lang.passed else "–"]
            )
        f.table([60, 40, 40], parts)
        if lang.passed:
            f.para(
                b.pick(f"Gesamtergebnis: Niveau {lv}", f"Gesamtergebnis: bestanden (Niveau {lv})"), style="b", align="l"
            )
        else:
            f.para(f"Gesamtergebnis: nicht bestanden – das Niveau {lv} wurde nicht erreicht.", style="b", align="l")
    ds = b.d("document_date", issue)
    f.para(f"{b.pick('Frankfurt am Main', 'Nürnberg', 'München', st.city)}, {ds}", align="l", before=8)
    female = b.rnd.random() < 0.5
    f.signature(
        b.rnd.randint(0, 1 << 30),
        [f"{b.rnd.choice(GERMAN_GIVEN_F if female else GERMAN_GIVEN_M)} {b.rnd.choice(GERMAN_SURNAMES)}"],
    )
    if lang.passed:
        cert: dict[str, str] = {"kind": lang.kind, "date": issue.isoformat()}
        if lang.kind == "language":
            cert["level"] = lv
        b.facts.certificate = cert
    return b.done("other", None, title, issue, f.pages)


def young(b: B) -> bool:
    return (b.st.entry - b.st.person.birth).days < 22 * 365
