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
    ("Beginn des Beschäftigungsverhältnisses: 01.03.2019  Ende des Beschäftigungsverhältnisses: 30.06.2021",
     ("2019-03-01", "2021-06-30")),
    ("Das Arbeitsverhältnis begann am 01.03.2019 und endete am 30.06.2021.", ("2019-03-01", "2021-06-30")),
    ("Tätigkeitszeitraum: 03/2019 – 06/2021", ("2019-03-01", "2021-06-30")),
    ("Beschäftigungsverhältnis   vom          bis\n                          01.03.2019   30.06.2021",
     ("2019-03-01", "2021-06-30")),  # a form's row under its 'vom | bis' header
    ("Erster Arbeitstag: 01.03.2019\nLetzter Arbeitstag: 30.06.2021\nBeschäftigt als: Koch",
     ("2019-03-01", "2021-06-30")),
    ("Herr X ist seit dem 01.03.2019 bei uns beschäftigt. Das Arbeitsverhältnis wurde durch Kündigung vom 15.05.2021 "
     "zum 30.06.2021 beendet.", ("2019-03-01", "2021-06-30")),  # the notice's date is neither start nor end
])
def test_employment_period_in_any_common_form(text: str, want: tuple[str, str | None]) -> None:
    assert _period(text) == want


@pytest.mark.parametrize("text", [
    "Herr X, geboren am 03.04.1990, ist bei uns als Helfer beschäftigt.",  # a birth date is no start
    "Geburtsdatum: 01.01.1990\nBeschäftigt als: Helfer",
    "Berlin, den 01.06.2021\nHerr X ist bei uns beschäftigt.",  # nor the letter's own date
    "Vom 01.01.2020 bis 31.03.2020 war er in Elternzeit.",  # a span without a word of employment
    "Die wirtschaftlichen Verhältnisse sind seit dem 01.03.2019 geordnet.",  # a 'Verhältnis' that is no employment
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


@pytest.mark.parametrize(("text", "want"), [
    ("Gehalt Mai 2020\nBrutto 2.150,00 €", "2020-05"),
    ("Lohn/Gehalt für 05.2020", "2020-05"),
    ("Zeitraum: 2020-05", "2020-05"),
    ("Bezüge 05/2020", "2020-05"),
    ("Zeitraum 01.05.20 - 31.05.20", "2020-05"),  # a span of exactly one month, two-digit years
    ("Abrechnungsmonat: 06/20", "2020-06"),
    ("Lohnabrechnung Juni 20", "2020-06"),
    ("Abrechnung Mai/2020", "2020-05"),
    ("Monat 05-2020", "2020-05"),
    ("Verdienstabrechnung\nEintritt: 01.03.2019  Steuerklasse 1\nAbrechnungszeitraum\n01.02.21 – 28.02.21",
     "2021-02"),
])
def test_pay_month_in_any_common_form(text: str, want: str) -> None:
    assert [f.value for f in tf.pay_months([text])] == [want]


def test_no_pay_month_from_hours_or_amounts() -> None:
    assert tf.pay_months(["Stundenlohn 12.50 €\nArbeitsstunden 20/20\nBrutto 2.000,00  Abzüge 20/21"]) == []


def test_a_pay_month_under_its_column_label() -> None:
    slip = "Entgeltabrechnung\nEintritt   Austritt   Abrechnungsmonat\n03/2019    12/2020    05/2020"
    assert [f.value for f in tf.pay_months([slip])] == ["2020-05"]


def test_one_pay_month_per_payslip_and_every_slip_of_a_run() -> None:
    slip = ("Entgeltabrechnung\nAbrechnungsmonat: Mai 2020\nEintritt 03/2019\nNachzahlung Monat April 2020  120,00 €\n"
            "Gesamtbrutto 2.270,00 €")
    assert [f.value for f in tf.pay_months([slip])] == ["2020-05"]  # not the entry, not the back pay's month
    run = [slip, slip.replace("Mai 2020", "Juni 2020")]
    assert [(f.value, f.page) for f in tf.pay_months(run)] == [("2020-05", 0), ("2020-06", 1)]


def test_a_payslip_attests_its_pay_month_only_and_a_certificate_none() -> None:
    slip = record("employment_proof", "lohnabrechnung", first=1, parties=[me()], document_date="2020-06-02",
                  dates=[("employment_start", "2019-03-01", 1)])
    text = "Lohnabrechnung\nEintritt 01.03.2019\nAbrechnungsmonat 05/2020\nNettoverdienst 1.650,00 €"
    v = compute([slip], {slip.document_id: text}, "k", D(2020, 6, 20))
    assert sorted(f.value for f in v.facts if f.kind == "pay_month") == ["2020-05"]
    cert = record("employment_proof", "arbeitgeberbescheinigung", first=1, parties=[me()], document_date="2020-06-02",
                  dates=[("document_date", "2020-06-02", 1)])
    text = ("Arbeitgeberbescheinigung\nHerr X ist seit dem 01.03.2019 bei uns beschäftigt.\n"
            "Zuletzt abgerechneter Lohnmonat: 05/2020")
    v = compute([cert], {cert.document_id: text}, "k", D(2020, 6, 20))
    assert not [f for f in v.facts if f.kind == "pay_month"]


@pytest.mark.parametrize(("text", "want"), [
    ("Verdienstnachweis\nPers.-Nr. 4711  Steuerklasse 1\nGesamtbrutto 2.400,00\nLohnsteuer 180,20\nKirchensteuer 0,00\n"
     "RV-Beitrag 223,20\nKV-Beitrag 175,20\nAV-Beitrag 31,20\nPV-Beitrag 40,80\nNetto 1.749,40\n"
     "Auszahlungsbetrag 1.749,40", "payslip"),
    ("Arbeitgeberbescheinigung\nHerr X ist bei uns als Koch beschäftigt.", "certificate"),
    ("Sehr geehrte Damen und Herren,\nFrau Y ist seit dem 01.02.2020 als Pflegehelferin in unserem Haus angestellt. "
     "Das Arbeitsverhältnis ist unbefristet.", "certificate"),
    ("Bestätigung\nHerr X ist seit dem 01.03.2020 bei uns beschäftigt. Sein Bruttogehalt beträgt 2.300,00 € monatlich, "
     "netto 1.650,00 €.", "certificate"),  # a salary named does not make a confirmation a payslip
    ("Zwischen der Bau GmbH (Arbeitgeber) und Herrn X (Arbeitnehmer) wird folgendes vereinbart:\n§ 1 Beginn\n"
     "Das Arbeitsverhältnis beginnt am 01.03.2020.\n§ 2 Probezeit\nDie ersten sechs Monate gelten als Probezeit.\n"
     "§ 3 Kündigungsfrist\nEs gelten die gesetzlichen Fristen.", "contract"),
    ("Wir beabsichtigen, Herrn X ab dem 01.08.2021 als Helfer einzustellen, vorbehaltlich der Zustimmung der "
     "Bundesagentur für Arbeit.", "declaration"),
])
def test_paper_kind_from_its_signs(text: str, want: str) -> None:
    assert tf.employment_paper([text]) == want


def test_a_contract_attests_no_month_whatever_its_heading() -> None:
    text = ("Zwischen der Bau GmbH (Arbeitgeber) und Herrn X (Arbeitnehmer) wird folgendes vereinbart:\n§ 1 Beginn\n"
            "Das Arbeitsverhältnis beginnt am 01.03.2020 und wird auf unbestimmte Zeit geschlossen.\n§ 2 Probezeit\n"
            "Die ersten sechs Monate gelten als Probezeit.\n§ 3 Kündigungsfrist\nEs gelten die gesetzlichen Fristen.")
    doc = record("employment_proof", None, first=1, parties=[me()], document_date="2020-02-10",
                 dates=[("document_date", "2020-02-10", 1)])
    v = compute([doc], {doc.document_id: text}, "k", D(2021, 4, 20))
    assert [f.detail["paper"] for f in v.facts if f.kind == "employment"] == ["contract"]
    assert {c.name: c.value for c in v.checks}["employment_12m"].startswith("0/12")


def test_a_subtype_the_text_plainly_contradicts_does_not_decide() -> None:
    cert = ("Bestätigung\nHiermit bestätigen wir, dass Frau Amina Yusuf seit dem 15.02.2020 in Vollzeit bei uns "
            "beschäftigt ist.")
    assert tf.employment_paper([cert], "lohnabrechnung") == "certificate"  # the model's guess, no cue behind it
    slip = "Lohnabrechnung\nAbrechnungsmonat 05/2020\nGesamtbrutto 2.400,00\nNetto 1.749,40"
    assert tf.employment_paper([slip], "lohnabrechnung") == "payslip"
    assert tf.employment_paper(["Sehr geehrte Damen und Herren"], "arbeitsvertrag") == "contract"  # no contrary sign


@pytest.mark.parametrize(("text", "subtype"), [
    ("Muster Logistik GmbH\nHafenstraße 3, 28195 Bremen\n\nArbeitszeugnis\n\nHerr Ali Rahimi, geboren am 03.04.1990, "
     "war vom 1. März 2019 bis zum 30. Juni 2021 in unserem Unternehmen als Lagerhelfer tätig. Alles Gute.",
     "arbeitszeugnis"),
    ("Arbeitsbescheinigung\ngemäß § 312 SGB III\nArbeitgeber: Muster GmbH\nDas Beschäftigungsverhältnis dauerte vom "
     "01.03.2019 bis 30.06.2021", "arbeitsbescheinigung"),
    ("Pflegedienst Sonne\nAn die Ausländerbehörde\n\nBestätigung\n\nHiermit bestätigen wir, dass Frau Amina Yusuf seit "
     "dem 15.02.2020 unbefristet in Vollzeit als Pflegehelferin bei uns beschäftigt ist.", "arbeitgeberbescheinigung"),
])
def test_employer_certificates_are_employment_proof_with_a_certificate_subtype(text: str, subtype: str) -> None:
    from extractors.classify import classify

    got = classify(text)
    assert (got.doc_type, got.doc_subtype) == ("employment_proof", subtype)
    assert tf.employment_paper([text], got.doc_subtype or "") == "certificate"


def test_an_abbreviations_dot_does_not_end_an_employers_statement() -> None:
    from extractors.classify import rule_classify

    text = ("Sehr geehrte Damen und Herren,\n\nhiermit bestätigen wir, dass Herr Ali Rahimi, geb. 03.04.1990, seit dem "
            "01.03.2019 als Bauhelfer beschäftigt ist.\n\nMit freundlichen Grüßen")
    got = rule_classify(text)
    assert "employer_statement" in got.evidence and got.doc_type == "employment_proof"
    two_sentences = text.replace("geb. 03.04.1990, seit", "in Köln wohnt. Er ist seit")
    assert "employer_statement" not in rule_classify(two_sentences).evidence


def test_an_employers_letter_typed_as_correspondence_is_read_as_a_certificate() -> None:
    letter = record("correspondence", "schreiben", first=1, parties=[me()], document_date="2022-05-12",
                    dates=[("document_date", "2022-05-12", 1)])
    text = ("Sehr geehrte Damen und Herren,\nhiermit bestätigen wir, dass Herr Mohammed Öztürk, geb. 17.05.1990, seit "
            "dem 01.03.2019 bei uns als Bauhelfer beschäftigt ist.\nMit freundlichen Grüßen\nBau GmbH")
    v = compute([letter], {letter.document_id: text}, "k", D(2022, 6, 20))
    assert {c.name: c.verdict for c in v.checks}["employment_24m"] == "met"  # 06/2020 .. 05/2022
    authority = record("correspondence", "schreiben", first=1, parties=[me()], document_date="2022-05-12",
                       dates=[("document_date", "2022-05-12", 1)])
    text = ("Sehr geehrter Herr Öztürk,\nSie sind seit dem 01.03.2019 bei der Bau GmbH beschäftigt. Bitte legen Sie "
            "Ihre Lohnabrechnungen vor.\nMit freundlichen Grüßen\nIhre Ausländerbehörde")
    v = compute([authority], {authority.document_id: text}, "k", D(2022, 6, 20))
    assert not [f for f in v.facts if f.kind == "employment"]  # the authority speaks of it: no proof
