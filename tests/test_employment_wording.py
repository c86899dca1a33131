"""The employment a paper states, the month a payslip pays and the kind of paper, in the wordings real German
employment papers use (Arbeitsbescheinigung § 312 SGB III, Arbeitszeugnis, employer's confirmation, payslip),
not the generator's: each form here is one the fixed phrasings before missed."""

from __future__ import annotations

import datetime as dt

import pytest

from eakte.case.build import compute
from extractors.fields import facts as tf
from tests.case_records import me, record

D = dt.date


def _period(text: str) -> tuple[str, str | None] | None:
    got = tf.employment_period([text])
    return (got.value, got.detail.get("end")) if got else None


@pytest.mark.parametrize(("text", "want"), [
    # Arbeitszeugnis: birth date first, the span in written months, the word of employment lines later
    ("Herr Ali Rahimi, geboren am 03.04.1990 in Kabul, war in unserem Unternehmen als Lagerhelfer tätig, und\n"
     "zwar vom 1. März 2019 bis zum\n30. Juni 2021.", ("2019-03-01", "2021-06-30")),
    ("Frau Y trat am 01.03.2019 in unser Unternehmen ein.", ("2019-03-01", None)),
    # Arbeitsbescheinigung: the word before the span, a dash, two-digit years, a label above its value
    ("Das Beschäftigungsverhältnis dauerte vom 01.04.2018 bis 30.09.2020.", ("2018-04-01", "2020-09-30")),
    ("Beschäftigungszeit\nvom 01.04.18 – 30.09.20", ("2018-04-01", "2020-09-30")),
    ("Eintritt: 01.03.2019\nAustritt: 31.12.2020", ("2019-03-01", "2020-12-31")),
    # employer's confirmation: ongoing
    ("Das Arbeitsverhältnis besteht seit 01.10.2021 und ist ungekündigt.", ("2021-10-01", None)),
    ("Herr X ist seit März 2020 unbefristet in Vollzeit bei uns beschäftigt.", ("2020-03-01", None)),
    ("Frau Y ist bei uns vom 01.02.2020 bis heute als Reinigungskraft angestellt.", ("2020-02-01", None)),
    ("Mitarbeiter seit: 15.08.2017", ("2017-08-15", None)),
])
def test_employment_period_in_any_common_form(text: str, want: tuple[str, str | None]) -> None:
    assert _period(text) == want


@pytest.mark.parametrize("text", [
    "Herr X, geboren am 03.04.1990, ist bei uns als Helfer beschäftigt.",  # a birth date is no start
    "Geburtsdatum: 01.01.1990\nBeschäftigt als: Helfer",
    "Berlin, den 01.06.2021\nHerr X ist bei uns beschäftigt.",  # nor the letter's own date
    "Vom 01.01.2020 bis 31.03.2020 war er in Elternzeit.",  # a span without a word of employment
])
def test_no_employment_period_from_birth_letter_date_or_other_spans(text: str) -> None:
    assert _period(text) is None


def test_an_arbeitszeugnis_attests_its_span() -> None:
    cert = record("employment_proof", None, first=1, parties=[me()], document_date="2021-07-10",
                  dates=[("document_date", "2021-07-10", 1), ("birth_date", "1990-04-03", 1)])
    text = ("Arbeitsbescheinigung\nHerr Ali Rahimi, geboren am 03.04.1990, war in der Zeit vom 01.07.19 bis "
            "30.06.21 Mitarbeiter in unserem Lager.")
    v = compute([cert], {cert.document_id: text}, "k", D(2021, 7, 20))
    assert {c.name: c.verdict for c in v.checks}["employment_24m"] == "met"  # 07/2019 .. 06/2021
    emp = next(f for f in v.facts if f.kind == "employment")
    assert (emp.start, emp.end) == (D(2019, 7, 1), D(2021, 6, 30))


def test_a_foreseen_end_after_the_papers_date_is_not_attested() -> None:
    cert = record("employment_proof", "arbeitgeberbescheinigung", first=1, parties=[me()], document_date="2021-03-15",
                  dates=[("document_date", "2021-03-15", 1)])
    text = "Arbeitgeberbescheinigung\nHerr X ist vom 01.04.2020 bis 31.03.2022 bei uns befristet beschäftigt."
    v = compute([cert], {cert.document_id: text}, "k", D(2022, 4, 20))
    checks = {c.name: c for c in v.checks}
    assert checks["employment_12m"].value.startswith("0/12")  # 04/2021 .. 03/2022 lie after the paper's date
