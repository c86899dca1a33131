"""Integration papers a § 25b file holds: language certificates (DTZ, telc, Goethe), the 'Leben in
Deutschland' test, the integration course certificate. Only stories (corpus/story.py) put them in a file."""

from __future__ import annotations

import datetime as dt
import random

from corpus.case import Case
from corpus.dates import pick_style
from corpus.model import DocBuilder, Gap, Rule, Signature, Table, Text
from corpus.names import german_name
from corpus.templates.common import family

PROVIDERS = ("Volkshochschule", "Bildungswerk", "Sprachschule Lingua", "Kolping-Bildungszentrum")
EXAMS = (
    ("Deutsch-Test für Zuwanderer (DTZ)", "telc gGmbH"),
    ("telc Deutsch {level}", "telc gGmbH"),
    ("Goethe-Zertifikat {level}", "Goethe-Institut"),
)


def _head(rng: random.Random, b: DocBuilder, case: Case, issuer: str) -> tuple[str, str]:
    given, surname = case.person.spell(rng)
    b.page()
    b.party("person_concerned", f"{given} {surname}")
    b.party("other", issuer, "organisation")
    b.add(Text(issuer, bold=True, size=13), Rule(), Gap(4))
    return given, surname


def language(rng: random.Random, case: Case, level: str, passed: bool, date: dt.date) -> DocBuilder:
    """A language certificate: the level the exam tests and whether it was passed."""
    exam, issuer = rng.choice(EXAMS)
    exam = exam.format(level=level)
    b = DocBuilder(rng, "other", "sprachzertifikat", family=family(rng), size=11)
    b.truth.title = "Zertifikat"
    b.truth.incoming = False
    if passed:
        b.truth.facts["certificate"] = {"kind": "language", "level": level}
    given, surname = _head(rng, b, case, issuer)
    result = f"Niveau {level} bestanden" if passed else f"Niveau {level}: nicht bestanden"
    b.add(
        Text("ZERTIFIKAT" if passed else "ERGEBNISMITTEILUNG", bold=True, size=16, align="center"),
        Text(exam, size=12, align="center"),
        Gap(4),
        Text(f"{given} {surname}, geboren am {b.date('birth_date', case.birth)}", align="center"),
        Gap(3),
        Table(
            [
                ["Prüfungsteil", "Punkte"],
                ["Hören / Lesen", str(rng.randint(20, 45))],
                ["Schreiben", str(rng.randint(10, 20))],
                ["Sprechen", str(rng.randint(40, 100))],
            ],
            [0.6, 0.4],
            size=10,
        ),
        Text(f"Gesamtergebnis: {result}", bold=True),
        Text(f"Prüfungsdatum: {b.date('document_date', date, pick_style(rng))}"),
        Signature(german_name(rng)),
    )
    return b


def leben_in_deutschland(rng: random.Random, case: Case, passed: bool, date: dt.date) -> DocBuilder:
    """The 'Leben in Deutschland' test result (15 of 33 points pass)."""
    b = DocBuilder(rng, "other", "lid_bescheinigung", family=family(rng), size=11)
    b.truth.title = "Bescheinigung Leben in Deutschland"
    b.truth.incoming = False
    if passed:
        b.truth.facts["certificate"] = {"kind": "leben_in_deutschland"}
    given, surname = _head(rng, b, case, "Bundesamt für Migration und Flüchtlinge")
    points = rng.randint(17, 33) if passed else rng.randint(5, 14)
    b.add(
        Text("Bescheinigung", bold=True, size=16, align="center"),
        Text("über den Test „Leben in Deutschland“", size=12, align="center"),
        Gap(4),
        Text(
            f"{given} {surname}, geboren am {b.date('birth_date', case.birth)}, hat am "
            f"{b.date('document_date', date, pick_style(rng))} am Test „Leben in Deutschland“ teilgenommen und "
            f"{points} von 33 Fragen richtig beantwortet. Der Test wurde damit "
            f"{'bestanden' if passed else 'nicht bestanden'}.",
            align="justify",
        ),
        Signature(german_name(rng)),
    )
    return b


def integration_course(rng: random.Random, case: Case, date: dt.date) -> DocBuilder:
    """A provider's confirmation that the integration course was completed."""
    issuer = f"{rng.choice(PROVIDERS)} {case.authority.town}"
    b = DocBuilder(rng, "other", "kursbescheinigung", family=family(rng), size=11)
    b.truth.title = "Teilnahmebestätigung Integrationskurs"
    b.truth.incoming = False
    b.truth.facts["certificate"] = {"kind": "integration_course"}
    given, surname = _head(rng, b, case, issuer)
    b.add(
        Text("Bestätigung", bold=True, size=16, align="center"),
        Gap(4),
        Text(
            f"Hiermit bestätigen wir, dass {given} {surname}, geboren am {b.date('birth_date', case.birth)}, den "
            f"Integrationskurs (Sprachkurs und Orientierungskurs) erfolgreich abgeschlossen hat.",
            align="justify",
        ),
        Text(f"{case.authority.town}, {b.date('document_date', date, pick_style(rng))}"),
        Signature(german_name(rng)),
    )
    return b
