"""`eakte eval`'s case section on tiny hand-made truth/prediction pairs (numbers that could be wrong), and
the case overview's alignment with CASE_TRUTH.md (months a paper attests, the window before R's month)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eakte.case.build import compute
from eakte.evaluation.case import Predicted, interval_counts, pairwise, score_case, verdict_scores
from eakte.evaluation.report import summary_rows
from extractors.fields import facts as tf
from tests.case_records import me, record

D = dt.date


def test_pairwise_linking_counts_document_pairs() -> None:
    truth = {"a": "P", "b": "P", "c": "P", "d": "Q"}
    # a, b together, c split off, d alone: pairs ab tp; ac, bc fn; no fp.
    got = pairwise(truth, {"a": "x", "b": "x", "c": "y", "d": "z"})
    assert (got["tp"], got["fp"], got["fn"]) == (1, 0, 2) and abs(got["f1"] - 0.5) < 1e-9
    merged = pairwise(truth, {"a": "x", "b": "x", "c": "x", "d": "x"})  # everyone one person: 3 fp
    assert (merged["tp"], merged["fp"], merged["fn"]) == (3, 3, 0)
    none = pairwise(truth, {"a": None, "b": None})  # no person is never a link
    assert none["tp"] == 0 and none["fn"] == 3 and none["documents_without_person"] == 4


def test_interval_days_per_kind() -> None:
    truth = [("geduldet", D(2020, 1, 1), D(2020, 1, 10)), ("geduldet", D(2020, 1, 5), D(2020, 1, 12))]
    pred = [("geduldet", D(2020, 1, 3), D(2020, 1, 12)), ("fiktion", D(2020, 1, 1), D(2020, 1, 2))]
    got = interval_counts(truth, pred)
    assert dict(got["geduldet"]) == {"tp": 10, "fn": 2}  # the overlap of two truth papers counts once
    assert dict(got["fiktion"]) == {"fp": 2}


def test_verdicts_count_met_where_not_met() -> None:
    got = verdict_scores([("25b_stay", "not_met", "met"), ("25b_stay", "met", "met"),
                          ("school_child:a#2", "unknown", "unknown"), ("passport", "not_met", "unknown")])
    assert (got["n"], got["correct"], got["met_where_not_met"]) == (4, 2, 1)
    assert got["per_check"]["25b_stay"]["share"] == 0.5 and got["per_check"]["school_child"]["n"] == 1


def _row(**main: Any) -> dict[str, Any]:
    base = {"person_id": "a#1", "role": "main", "documents": ["d1", "d2"], "intervals": [],
            "employment_months": [], "entry_date": None, "checks": {}}
    return {"akte_id": "a", "reference_date": "2024-01-01", "persons": [{**base, **main}]}


def test_score_case_whole_section_and_report_rows() -> None:
    row = _row(intervals=[{"kind": "geduldet", "start": "2023-01-01", "end": "2023-01-10", "document_id": "d1"}],
               employment_months=["2023-10", "2023-11"], entry_date="2016-02-01",
               checks={"passport": "met", "language": "unknown"})
    pred = Predicted(person_of_doc={"d1": "p", "d2": "p"},
                     intervals=[("geduldet", D(2023, 1, 6), D(2023, 1, 15))], months={"2023-11", "2023-12"},
                     entry=D(2016, 2, 1), checks={"passport": "met"}, facts=4, facts_located=3)
    c = score_case([row], {"a": pred})
    assert c["linking"]["f1"] == 1.0
    iv = c["intervals"]["overall"]
    assert (iv["tp"], iv["fp"], iv["fn"]) == (5, 5, 5) and iv["f1"] == 0.5
    assert c["employment_months"]["f1"] == 0.5
    assert c["entry_date"]["accuracy"] == 1.0
    assert c["checks"]["share"] == 1.0  # a check the view does not make counts as "unknown"
    assert c["facts"]["share"] == 0.75
    rows = {m: v for m, v, _ in summary_rows({**_base_report(), "case": c})}
    assert rows["case: status intervals day F1"] == "50.0 %" and rows["case: met where truth not_met"] == "0"


def _base_report() -> dict[str, Any]:
    prf = {"precision": 1, "recall": 1, "f1": 1, "tp": 0, "fp": 0, "fn": 0}
    return {"counts": {"truth_documents": 0, "predicted_documents": 0, "matched": 0, "sources": 0},
            "boundaries": prf, "doc_type": {"accuracy": 1, "n": 0, "macro_f1": 1, "per_class": {},
                                            "subtype_accuracy": 1, "subtype_n": 0},
            "document_date": {"accuracy": 1, "n": 0}, "dates": None, "court": None, "file_numbers": None,
            "parties": None, "review": {"rate": 0, "flagged": 0, "documents": 0, "error_rate_unflagged": 0,
                                        "unflagged_errors": 0, "unflagged": 0}}


def test_employment_papers_by_wording() -> None:
    assert tf.employment_paper(["Arbeitsvertrag zwischen der Bau GmbH und Herrn X"]) == "contract"
    assert tf.employment_paper(["Hiermit bestätigen wir, dass Herr X seit dem 01.02.2020 beschäftigt ist."]) \
        == "certificate"
    assert tf.employment_paper(["Erklärung zum Beschäftigungsverhältnis"]) == "declaration"
    assert tf.employment_paper(["Abrechnungsmonat: Mai 2020"]) == "payslip"
    assert {f.kind for f in tf.school_facts(["ABSCHLUSSZEUGNIS\nhat den Hauptschulabschluss erworben"])} \
        == {"school_leaving"}


def test_a_contract_attests_no_month_a_certificate_does_and_the_window_ends_before_rs_month() -> None:
    worker = [("employee", "Mohammed Öztürk", "person"), ("employer", "Bau GmbH", "organisation")]
    contract = record("employment_proof", None, first=1, parties=worker, document_date="2022-12-20",
                      dates=[("employment_start", "2023-01-01", 1), ("document_date", "2022-12-20", 1)])
    cert = record("employment_proof", None, first=2, parties=worker, document_date="2024-01-10",
                  dates=[("employment_start", "2022-12-15", 2), ("document_date", "2024-01-10", 2)])
    texts = {contract.document_id: "Arbeitsvertrag zwischen ...", cert.document_id: "Hiermit bestätigen wir, dass"}
    only_contract = compute([contract, record("correspondence", None, first=3, parties=[me()])],
                            {contract.document_id: texts[contract.document_id]}, "k", D(2024, 1, 20))
    assert {c.name: c.verdict for c in only_contract.checks}["employment_12m"] == "unknown"
    v = compute([contract, cert], texts, "k", D(2024, 1, 20))
    checks = {c.name: c for c in v.checks}
    assert checks["employment_12m"].verdict == "met"  # 2023-01 .. 2023-12, January 2024 is R's month
    assert checks["employment_24m"].value.startswith("13/24")  # 2022-12 .. 2023-12


def test_leben_in_deutschland_result_after_a_heading() -> None:
    page = ("Bescheinigung\nüber den Test „Leben in Deutschland“\nAli Hassan Mohammed Abdallah, geboren am "
            "01.01.1990, hat am 12. März 2021 am Test „Leben in Deutschland“ teilgenommen und 25 von 33 Fragen "
            "richtig beantwortet. Der Test wurde damit bestanden.")
    assert [(f.kind, f.value) for f in tf.language_certificates([page])] == [("lid_test", "passed")]


def _facts_view(docs: list[Any], texts: dict[str, str]) -> Any:
    return compute(docs, texts, docs[0].akte_id, D(2024, 6, 1), main_akte=docs[0].akte_id)


def test_a_duldung_taken_for_a_passersatz_is_read_by_its_heading() -> None:
    doc = record("identity_document", "passersatz", first=1, parties=[me()],
                 dates=[("valid_from", "2024-01-10", 1), ("valid_until", "2024-07-09", 1),
                        ("birth_date", "1990-05-17", 1)], document_date="2024-01-10")
    text = ("Bl. 12\nBundesrepublik Deutschland\nBescheinigung über die Aussetzung der Abschiebung (Duldung)\n"
            "Diese Bescheinigung ist kein Aufenthaltstitel und kein Passersatz.\nRechtsgrundlage: § 60a AufenthG")
    v = _facts_view([doc], {doc.document_id: text})
    assert [(i.kind, i.start, i.end) for i in v.intervals] == [("status:geduldet", D(2024, 1, 10), D(2024, 7, 9))]
    assert not [f for f in v.facts if f.kind == "identity_document"]


def test_a_test_result_under_an_office_letterhead_is_a_certificate() -> None:
    doc = record("bamf_decision", "asylbescheid", first=1, parties=[me()], document_date="2024-06-17",
                 dates=[("document_date", "2024-06-17", 1), ("birth_date", "1990-05-17", 1)])
    text = ("Bundesamt für Migration und Flüchtlinge\nBescheinigung\nüber den Test „Leben in Deutschland“\n"
            "Mohammed Öztürk hat am Test „Leben in Deutschland“ teilgenommen. Der Test wurde damit bestanden.")
    v = _facts_view([doc], {doc.document_id: text})
    assert {c.name: c.verdict for c in v.checks}["leben_in_deutschland"] == "met"
    assert not [f for f in v.facts if f.kind == "bamf_decision"]


def test_passport_expiry_from_the_machine_readable_zone() -> None:
    from corpus.mrz import td3

    lines = td3(country="SYR", surname="OEZTUERK", given="MOHAMMED", number="N12345678", nationality="SYR",
                birth=D(1990, 5, 17), sex="M", expiry=D(2026, 3, 1))
    doc = record("identity_document", "reisepass", first=1, parties=[me()],
                 dates=[("birth_date", "1990-05-17", 1)])
    v = _facts_view([doc], {doc.document_id: "REISEPASS\n" + "\n".join(lines)})
    passport = {c.name: c for c in v.checks}["passport"]
    assert passport.verdict == "met" and "01.03.2026" in passport.value


def test_a_childs_birth_certificate_keeps_the_child_apart_from_a_like_named_parent() -> None:
    parent = [record("residence_document", "duldung", first=n, parties=[me("Reza Mohammadi")],
                     dates=[("birth_date", "1980-02-02", n), ("valid_from", "2023-01-01", n),
                            ("valid_until", "2025-01-01", n)]) for n in (1, 2)]
    cert = record("civil_status_document", "geburtsurkunde", first=3, parties=[
        me("Resa Mohammadi"), ("other", "Reza Mohammadi", "person"), ("other", "Fereshta Mohammadi", "person")],
        dates=[("other", "2014-12-21", 3)])
    text = "GEBURTSURKUNDE\nName Mohammadi\nVorname(n) Resa\nGeburtsdatum 21.12.2014\nName des Vaters Reza Mohammadi"
    v = _facts_view([*parent, cert], {cert.document_id: text})
    child = next(p for p in v.persons if p.birth_date == D(2014, 12, 21))
    assert v.person is not None and v.person.person_id != child.person_id
    assert {f.person for f in v.facts if f.evidence.document_id == cert.document_id} == {child.person_id}
    assert any(c.name == f"school_child:{child.person_id}" for c in v.checks)  # a school-age child of the parent


def test_without_a_birth_date_the_child_is_still_not_its_parent() -> None:
    parent = [record("residence_document", "duldung", first=n, parties=[me("Reza Mohammadi")],
                     dates=[("birth_date", "1980-02-02", n), ("valid_from", "2023-01-01", n),
                            ("valid_until", "2025-01-01", n)]) for n in (1, 2)]
    cert = record("civil_status_document", "geburtsurkunde", first=3, parties=[
        me("Resa Mohammadi"), ("other", "Reza Mohammadi", "person"), ("other", "Fereshta Mohammadi", "person")])
    v = _facts_view([*parent, cert], {})
    subject = next(p for p in v.persons if "Resa Mohammadi" in p.names)
    assert v.person is not None and subject.person_id != v.person.person_id


def test_entry_date_wording() -> None:
    pages = ["Er reiste nach eigenen Angaben am 27. September 2018 in die Bundesrepublik Deutschland ein und",
             "BUNDESPOLIZEI\nEINREISE\n\n13. JULI 2021\n",
             "hält sich seit dem 16.02.2021 ununterbrochen im\nBundesgebiet"]
    assert [(f.value, f.page) for f in tf.entry_dates(pages)] == [
        ("2021-07-13", 1), ("2018-09-27", 0), ("2021-02-16", 2)]
    assert tf.entry_dates(["Die Duldung ist gültig bis 13.07.2021"]) == []


def test_a_duldung_joined_to_a_pay_slip_is_read_as_its_own_paper() -> None:
    worker = [("employee", "Mohammed Öztürk", "person"), ("employer", "Bau GmbH", "organisation")]
    doc = record("employment_proof", "lohnabrechnung", first=4, pages=2, parties=worker, document_date="2025-01-29",
                 dates=[("pay_period_start", "2025-01-01", 4), ("other", "2025-03-17", 5),
                        ("employment_end", "2026-03-12", 5)])
    slip = "Lohnabrechnung\nAbrechnungsmonat: Januar 2025"
    duldung = ("m’\n\nBundesrepublik Deutschland\nBescheinigung über die Aussetzung der Abschiebung (Duldung)\n"
               "Ausgestellt am\n\n17.03.2025\n\nGültig bis\n\n12.03.2026\n\nGüllig ab\n\n17.03.2025\n"
               "Rechtsgrundlage: $ 60a AufenthG")
    v = _facts_view([doc], {doc.document_id: slip + "\f" + duldung})
    status = [f for f in v.facts if f.kind == "status"]
    assert [(f.value, f.start, f.end, f.evidence.page, f.evidence.doc_page) for f in status] == [
        ("geduldet", D(2025, 3, 17), D(2026, 3, 12), 5, 2)]
    assert [f.value for f in v.facts if f.kind == "pay_month"] == ["2025-01"]
    assert not [f for f in v.facts if f.kind == "employment" and f.end == D(2026, 3, 12)]


def test_payslip_month_and_employment_period_wording() -> None:
    months = [f.value for p in (["Entgeltabrechnung für den Monat März 2021"], ["Abrechnungszeitraum: 01.05.2020 - "
                                                                            "31.05.2020"], ["Monat/Jahr: 07/2019"])
              for f in tf.pay_months(p)]
    assert months == ["2021-03", "2020-05", "2019-07"]
    span = tf.employment_period(["Herr X war vom 01.02.2019 bis zum 31.03.2021 in unserem Betrieb als Helfer "
                                 "beschäftigt."])
    assert span is not None and (span.value, span.detail["end"]) == ("2019-02-01", "2021-03-31")
    since = tf.employment_period(["ist seit dem 15. Mai 2022 bei uns tätig"])
    assert since is not None and since.value == "2022-05-15" and not since.detail
    cert = record("employment_proof", None, first=1, parties=[me()], document_date="2021-04-10",
                  dates=[("document_date", "2021-04-10", 1)])
    v = compute([cert], {cert.document_id: "Arbeitsbescheinigung\nHerr X war vom 01.02.2019 bis zum 31.03.2021 "
                                           "in unserem Betrieb beschäftigt."}, "k", D(2021, 4, 20))
    assert {c.name: c.verdict for c in v.checks}["employment_24m"] == "met"  # 04/2019 .. 03/2021


def test_language_level_after_the_exam_name_and_printed_passport_expiry() -> None:
    got = {(f.kind, f.value) for f in tf.language_certificates(["telc Deutsch B1\nZertifikat\nbestanden"])}
    assert ("language", "B1") in got
    assert ("language", "A2") in {(f.kind, f.value) for f in tf.language_certificates(
        ["Deutsch-Test für Zuwanderer\nGesamtergebnis: A2"])}
    page = "REISEPASS / PASSPORT\nGültig bis / Date of expiry 27 12 2025\n"
    assert tf.is_passport([page]) and not tf.is_passport(["Reiseausweis als Passersatz\nGültig bis 01.01.2025"])
    doc = record("other", None, first=1, parties=[me()], dates=[("birth_date", "1990-05-17", 1)])
    v = _facts_view([doc], {doc.document_id: page})
    assert {c.name: c.verdict for c in v.checks}["passport"] == "met"  # valid until 27.12.2025 at 01.06.2024


def test_a_failed_exam_named_in_the_heading_is_failed() -> None:
    page = "telc Deutsch B2\nERGEBNISMITTEILUNG\nPunkte 30\nGesamtergebnis: Niveau B2: nicht bestanden"
    assert {f.detail["result"] for f in tf.language_certificates([page])} == {"failed"}


def test_a_truth_document_joined_to_a_neighbour_takes_the_person_of_the_joined_document() -> None:
    from eakte.evaluation.case import covering
    from eakte.evaluation.scoring import to_doc

    def rec(i: str, a: int, b: int) -> Any:
        return to_doc({"document_id": i, "source": {"sha256": "s", "first_page": a, "last_page": b}})

    truth = [rec("t1", 1, 2), rec("t2", 3, 3), rec("t3", 4, 5)]
    pred = [rec("p1", 1, 3), rec("p2", 4, 5)]
    assert covering(truth, pred, {"t1", "t3"}) == {"t2": "p1"}


def test_one_person_viewed_from_two_folders_keeps_one_id() -> None:
    a = record("residence_document", "duldung", akte="a-one", first=1, parties=[me("Mohammed Öztürk")],
               dates=[("birth_date", "1990-05-17", 1)])
    b = record("residence_document", "duldung", akte="a-two", first=1, parties=[me("Mohamed Oeztuerk")],
               dates=[("birth_date", "1990-05-17", 1)])
    va = compute([a], {}, "a-one", D(2024, 6, 1), main_akte="a-one")
    vb = compute([b], {}, "a-two", D(2024, 6, 1), main_akte="a-two")
    assert va.person is not None and vb.person is not None and va.person.person_id == vb.person.person_id


def test_a_paper_naming_nobody_with_another_birth_date_is_not_the_main_persons() -> None:
    mine = record("residence_document", "duldung", first=1, parties=[me()],
                  dates=[("birth_date", "1990-05-17", 1), ("valid_from", "2024-01-01", 1),
                         ("valid_until", "2024-12-31", 1)])
    other = record("residence_document", "duldung", first=2,
                   dates=[("birth_date", "2012-02-02", 2), ("valid_from", "2020-01-01", 2),
                          ("valid_until", "2020-12-31", 2)])
    unnamed = record("residence_document", "duldung", first=3,
                     dates=[("valid_from", "2023-01-01", 3), ("valid_until", "2023-12-31", 3)])
    v = _facts_view([mine, other, unnamed], {})
    assert sorted(i.start.year for i in v.intervals if i.kind.startswith("status:")) == [2023, 2024]


def test_a_misread_validity_end_decades_away_is_not_counted() -> None:
    doc = record("residence_document", "duldung", first=1, parties=[me()],
                 dates=[("valid_from", "2015-12-06", 1), ("valid_until", "2095-09-07", 1)])
    v = _facts_view([doc], {})
    assert [(i.start, i.end) for i in v.intervals] == [(D(2015, 12, 6), D(2015, 12, 6))]
    assert any("three years" in f.what for f in v.findings)
    assert {c.name: c.verdict for c in v.checks}["25a_stay"] != "met"


def test_a_birth_date_read_on_one_paper_only_does_not_split_the_person() -> None:
    def paper(n: int, birth: str | None) -> Any:
        dates = [("valid_from", f"{2019 + n}-01-01", n), ("valid_until", f"{2019 + n}-12-31", n)]
        return record("residence_document", "duldung", first=n, parties=[me("Ahmed Qasim")],
                      dates=dates + ([("birth_date", birth, n)] if birth else []))
    docs = [paper(1, "1995-01-01"), paper(2, "1995-01-01"), paper(3, "2018-12-25"), paper(4, None)]
    v = _facts_view(docs, {})
    assert v.person is not None and len([p for p in v.persons if "Ahmed Qasim" in p.names]) == 1
    assert v.person.birth_date == D(1995, 1, 1)
    assert any(f.kind == "contradiction" and "birth dates" in f.what for f in v.findings)


def test_more_payslip_and_certificate_wording() -> None:
    months = [f.value for p in (["Abrechnung der Brutto/Netto-Bezüge für Mai 2021"], ["Lohn-/Gehaltsabrechnung "
                                                                                   "Juni 2021"], ["Periode 07/2021"])
              for f in tf.pay_months(p)]
    assert months == ["2021-05", "2021-06", "2021-07"]
    span = tf.employment_period(["Beschäftigungszeitraum: 01.02.2019 - 31.03.2021"])
    assert span is not None and (span.value, span.detail["end"]) == ("2019-02-01", "2021-03-31")
    since = tf.employment_period(["befindet sich seit dem 01.09.2020 in einem ungekündigten Arbeitsverhältnis"])
    assert since is not None and since.value == "2020-09-01"
    assert tf.employment_paper(["Bescheinigung des Arbeitgebers\nHerr X ist bei uns beschäftigt."]) == "certificate"


def test_papers_without_birth_date_join_the_namesake_most_papers_carry() -> None:
    son = record("civil_status_document", "geburtsurkunde", first=1, parties=[
        me("Ahmed Qasim"), ("other", "Ahmed OQasim", "person"), ("other", "Shirin Qasim", "person")],
        dates=[("birth_date", "2018-12-25", 1)])
    father = [record("residence_document", "duldung", first=n, parties=[me("Ahmed Qasim")],
                     dates=[("birth_date", "1995-01-01", n), ("valid_from", f"{2017 + n}-01-01", n),
                            ("valid_until", f"{2017 + n}-12-31", n)]) for n in (2, 3, 4)]
    unnamed_birth = [record("employment_proof", "lohnabrechnung", first=n, parties=[("employee", "Ahmed Qasim",
                                                                                       "person")],
                            dates=[("pay_period_start", f"2024-0{n}-01", n)]) for n in (5, 6)]
    v = _facts_view([son, *father, *unnamed_birth], {})
    assert v.person is not None and v.person.birth_date == D(1995, 1, 1)
    pay = {f.person for f in v.facts if f.kind == "pay_month"}
    assert pay == {v.person.person_id}
