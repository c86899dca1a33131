"""Pieces many templates share: running headers, letterheads, legal filler text with distractor dates."""

from __future__ import annotations

import datetime as dt
import random

from corpus.case import Case
from corpus.dates import between, pick_style
from corpus.model import Columns, DocBuilder, Text
from corpus.render import FAMILIES

HEADERS = ("- {n} -", "Seite {n} von {N}", "- {n} -", "Seite {n}", "{n}")

LEGAL = (
    "Die Klage ist zulässig, aber unbegründet. Der angefochtene Bescheid ist rechtmäßig und verletzt den Kläger "
    "nicht in seinen Rechten (§ 113 Abs. 1 Satz 1 VwGO).",
    "Nach § 3 Abs. 1 AsylG ist ein Ausländer Flüchtling im Sinne des Abkommens über die Rechtsstellung der "
    "Flüchtlinge, wenn er sich aus begründeter Furcht vor Verfolgung wegen seiner Rasse, Religion, Nationalität, "
    "politischen Überzeugung oder Zugehörigkeit zu einer bestimmten sozialen Gruppe außerhalb seines "
    "Herkunftslandes befindet.",
    "Das Gericht ist nach dem Ergebnis der mündlichen Verhandlung nicht davon überzeugt, dass dem Kläger bei einer "
    "Rückkehr mit beachtlicher Wahrscheinlichkeit eine Verfolgung droht. Sein Vortrag ist in wesentlichen Punkten "
    "widersprüchlich und unsubstantiiert geblieben.",
    "Die Voraussetzungen für die Zuerkennung subsidiären Schutzes nach § 4 Abs. 1 AsylG liegen ebenfalls nicht vor. "
    "Ein ernsthafter Schaden droht dem Kläger nicht.",
    "Abschiebungsverbote nach § 60 Abs. 5 und 7 Satz 1 AufenthG sind nicht ersichtlich. Der Kläger ist ein "
    "junger, gesunder und arbeitsfähiger Mann, der sich im Fall einer Rückkehr eine Existenzgrundlage schaffen kann.",
    "Die Kostenentscheidung folgt aus § 154 Abs. 1 VwGO; Gerichtskosten werden nach § 83b AsylG nicht erhoben. "
    "Die Entscheidung über die vorläufige Vollstreckbarkeit beruht auf § 167 VwGO i.V.m. §§ 708 Nr. 11, 711 ZPO.",
    "Der Antrag auf Anordnung der aufschiebenden Wirkung ist zulässig, aber nicht begründet. Das öffentliche "
    "Interesse an der sofortigen Vollziehung überwiegt das private Interesse des Antragstellers.",
    "Die Ausländerbehörde hat das ihr eingeräumte Ermessen erkannt und in nicht zu beanstandender Weise ausgeübt "
    "(§ 114 Satz 1 VwGO). Insbesondere hat sie die Integrationsleistungen des Betroffenen berücksichtigt.",
    "Nach § 25b Abs. 1 AufenthG soll einem geduldeten Ausländer abweichend von § 5 Abs. 1 Nr. 1 und Abs. 2 eine "
    "Aufenthaltserlaubnis erteilt werden, wenn er sich nachhaltig in die Lebensverhältnisse der Bundesrepublik "
    "Deutschland integriert hat.",
    "Gemäß § 42 Satz 1 AsylG ist die Ausländerbehörde an die Entscheidung des Bundesamtes über das Vorliegen der "
    "Voraussetzungen des § 60 Abs. 5 oder 7 AufenthG gebunden.",
    "Die Lage im Herkunftsland hat sich nach den vorliegenden Erkenntnismitteln nicht in einer Weise verändert, die "
    "eine andere Beurteilung rechtfertigen würde. Dies ergibt sich insbesondere aus dem Lagebericht des "
    "Auswärtigen Amtes.",
    "Der Betroffene hat seinen Lebensunterhalt überwiegend durch Erwerbstätigkeit gesichert und hinreichende "
    "mündliche Deutschkenntnisse im Sinne des Niveaus A2 des Gemeinsamen Europäischen Referenzrahmens nachgewiesen.",
)


def cited(rng: random.Random, b: DocBuilder, before: dt.date) -> str:
    """A citation of an earlier decision: a distractor date (role other) and a distractor file number."""
    d = between(rng, before - dt.timedelta(days=3000), before - dt.timedelta(days=30))
    court, az = rng.choice(
        (
            ("BVerwG, Urteil", f"1 C {rng.randint(1, 50)}.{d.year % 100:02d}"),
            ("OVG NRW, Beschluss", f"{rng.randint(1, 19)} A {rng.randint(100, 4999)}/{d.year % 100:02d}.A"),
            ("BVerfG, Beschluss", f"2 BvR {rng.randint(100, 2999)}/{d.year % 100:02d}"),
            ("VGH Baden-Württemberg, Urteil", f"A 11 S {rng.randint(100, 2999)}/{d.year % 100:02d}"),
        )
    )
    return f"(vgl. {court} vom {b.date('other', d, pick_style(rng, 0.5))} - {az} -, juris Rn. {rng.randint(5, 60)})"


def filler(
    rng: random.Random,
    b: DocBuilder,
    n: int,
    *,
    before: dt.date | None = None,
    size: float = 11.0,
    cite_share: float = 0.3,
) -> None:
    """`n` paragraphs of legal reasoning; some carry a cited decision (a date the document is not from)."""
    for _ in range(n):
        text = " ".join(rng.sample(LEGAL, k=rng.randint(1, 3)))
        if before is not None and rng.random() < cite_share:
            # The citation is fixed text (its date is in the truth), so this paragraph may not be dropped.
            b.add(Text(f"{text} {cited(rng, b, before)}", size=size, align="justify"))
        else:
            b.add(Text(text, size=size, align="justify", filler=True))


def family(rng: random.Random) -> str:
    return rng.choice(FAMILIES)


def authority_letterhead(
    rng: random.Random, b: DocBuilder, case: Case, to: list[str], date: dt.date, *, with_ref: bool = True
) -> None:
    """Window-envelope letter of the Ausländerbehörde: addressee left, office and date right."""
    a = case.authority
    b.party("authority", a.name, "organisation")
    right = [
        *a.lines,
        "",
        f"Auskunft: {case.clerk}",
        f"Zimmer {rng.randint(100, 420)}",
        f"Telefon 0{rng.randint(2200, 2299)} {rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
    ]
    if with_ref:
        right.append(f"Az.: {b.file_number('authority', case.authority_ref)}")
    right += ["", f"{a.town}, {b.date('document_date', date, pick_style(rng, 0.3))}"]
    b.add(
        Columns(
            [f"{a.name} · {a.lines[-1]} · {a.town}", *to], right, size=10, small_first_left=True, bold_first_right=True
        )
    )


def addressee(case: Case, given: str, surname: str, rng: random.Random) -> list[str]:
    salutation = "Herrn" if case.person.sex == "M" else "Frau"
    p = case.person
    return [salutation, f"{given} {surname}", p.street, f"{p.town[0]} {p.town[1]}"]
