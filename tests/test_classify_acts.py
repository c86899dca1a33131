"""A letter is a form; what it does decides its type: an employer confirming employment, an authority granting a
residence title. Refusals, third parties' accounts and voluntary work stay letters."""

from __future__ import annotations

import pytest

from extractors.classify import classify

_HEAD = "Sehr geehrte Damen und Herren,\n\n"
_TAIL = "\n\nMit freundlichen Grüßen\n"


@pytest.mark.parametrize("body", [
    "hiermit bestätigen wir, dass Herr Ahmad Karimi, geb. 01.01.1990, seit dem 01.03.2019 in unserem Unternehmen "
    "als Lagerhelfer in Vollzeit beschäftigt ist.",
    "Herr Karimi war vom 01.02.2018 bis 31.12.2020 bei uns als Küchenhilfe tätig.",
    "wir bescheinigen hiermit, dass Frau Noor Haidari\nseit 15.08.2021 als Pflegehelferin angestellt ist.",
    "Frau Haidari ist seit 2020 unsere Mitarbeiterin im Verkauf.",
])
def test_an_employers_letter_confirming_employment_is_an_employment_proof(body: str) -> None:
    c = classify("Bäckerei Sonne GmbH\nHauptstraße 3\n\n" + _HEAD + body + _TAIL)
    assert (c.doc_type, c.doc_subtype) == ("employment_proof", "arbeitgeberbescheinigung")
    assert "employer_statement" in c.evidence


@pytest.mark.parametrize("body", [
    "mein Mandant ist seit dem 01.03.2019 bei der Firma Müller beschäftigt. Ich bitte um Verlängerung.",
    "hiermit bestätigen wir, dass Frau X seit 2019 bei uns ehrenamtlich tätig ist.",
    "bitte legen Sie eine Bestätigung Ihres Arbeitgebers vor.",
    "bitte wenden Sie sich an unsere Mitarbeiterin Frau Meier.",  # an authority's staff, not an employee attested
    "Ihr Antrag ist an unsere Mitarbeiterin Frau Meier weitergeleitet worden.",
])
def test_other_letters_about_work_stay_letters(body: str) -> None:
    assert classify("Absender\n\n" + _HEAD + body + _TAIL).doc_type == "correspondence"


@pytest.mark.parametrize("title", ["Arbeitsbescheinigung", "Beschäftigungsnachweis", "Arbeitgeberbestätigung"])
def test_employer_paper_titles_name_the_type(title: str) -> None:
    c = classify(f"{title}\n\nName: Karimi, Ahmad\nBeschäftigt vom 01.03.2019 bis 30.06.2021\nOrt, Datum")
    assert c.doc_type == "employment_proof"


def test_a_granted_residence_title_written_as_a_letter_is_a_residence_document() -> None:
    c = classify("Stadt Musterstadt\nAusländerbehörde\n\nSehr geehrter Herr Karimi,\n\nhiermit wird Ihnen eine "
                 "Aufenthaltserlaubnis nach § 25b AufenthG erteilt. Sie ist gültig bis zum 31.05.2026." + _TAIL)
    assert (c.doc_type, c.doc_subtype) == ("residence_document", "aufenthaltserlaubnis")


@pytest.mark.parametrize("body", [
    "leider kann Ihnen eine Aufenthaltserlaubnis nicht erteilt werden.",
    "meinem Mandanten wurde im Jahr 2019 eine Aufenthaltserlaubnis erteilt.",
])
def test_a_refusal_or_an_account_of_a_grant_is_no_grant(body: str) -> None:
    assert classify("Absender\n\n" + _HEAD + body + _TAIL).doc_type == "correspondence"
