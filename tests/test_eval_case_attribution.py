"""`eakte eval`'s case attribution on hand-made truth / prediction pairs: every missed status day, employment
month and link goes to the first stage that went wrong, each stage is reachable, and the totals are the
case scores' false negatives."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from rich.console import Console

from eakte.evaluation.attribution import (
    DocOutcome,
    attribute_intervals,
    attribute_linking,
    attribute_months,
    interval_stage,
    month_sources,
    month_stage,
    segments,
)
from eakte.evaluation.case import Predicted, score_case
from eakte.evaluation.report import attribution_tables
from eakte.evaluation.scoring import to_doc

D = dt.date
OK = {"segment": "ok", "type_ok": True, "in_view": True, "person": "p", "main": True}


def ok(**kw: Any) -> DocOutcome:
    return DocOutcome(**{**OK, **kw})


def _doc(i: str, a: int, b: int, source: str = "s") -> Any:
    return to_doc({"document_id": i, "source": {"sha256": source, "first_page": a, "last_page": b}})


def test_segmentation_outcomes_ignore_pages_of_no_document() -> None:
    truth = [_doc("t1", 1, 2), _doc("t2", 3, 4), _doc("t3", 6, 6), _doc("t4", 7, 9), _doc("t5", 1, 1, "other")]
    # p1 exact; p2 holds t2 and the blank page 5 (no truth document's page): still t2's content exactly;
    # p3 holds t3 and t4's first page; t4's other pages are p4; source "other" has no prediction.
    pred = [_doc("p1", 1, 2), _doc("p2", 3, 5), _doc("p3", 6, 7), _doc("p4", 8, 9)]
    got = {t: (seg, p.rec["document_id"] if p else None) for t, (seg, p) in segments(truth, pred).items()}
    assert got == {"t1": ("ok", "p1"), "t2": ("ok", "p2"), "t3": ("merged", "p3"), "t4": ("split", "p4"),
                   "t5": ("missing", None)}


def test_interval_stage_in_pipeline_order() -> None:
    s, e = D(2020, 1, 1), D(2020, 6, 30)
    assert interval_stage(None, "geduldet", s, e)[0] == "not_segmented_missing"
    assert interval_stage(ok(segment="merged"), "geduldet", s, e)[0] == "not_segmented_merged"
    assert interval_stage(ok(type_ok=False, person=None), "geduldet", s, e)[0] == "wrong_type"
    assert interval_stage(ok(in_view=False), "geduldet", s, e)[0] == "not_in_view"
    assert interval_stage(ok(person=None, main=False), "geduldet", s, e)[0] == "no_person"
    assert interval_stage(ok(person="q", main=False), "geduldet", s, e)[0] == "wrong_person"
    assert interval_stage(ok(), "geduldet", s, e)[0] == "no_fact"
    assert interval_stage(ok(status=[("erlaubt", s, e)]), "geduldet", s, e) == (
        "wrong_kind", {"geduldet->erlaubt": 1})
    assert interval_stage(ok(status=[("geduldet", s, None)]), "geduldet", s, e) == ("wrong_dates", {"no_end": 1})
    assert interval_stage(ok(status=[("geduldet", D(2020, 2, 1), D(2020, 5, 1))]), "geduldet", s, e) == (
        "wrong_dates", {"start": 1, "end": 1})
    assert interval_stage(ok(status=[("geduldet", s, e)]), "geduldet", s, e)[0] == "other"


def _row(akte: str = "a", **main: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"person_id": f"{akte}#1", "role": "main", "documents": [], "intervals": [],
                            "employment": [], "employment_months": [], "entry_date": None, "checks": {}}
    return {"akte_id": akte, "reference_date": "2024-01-01", "persons": [{**base, **main}]}


def _iv(kind: str, start: str, end: str, doc: str) -> dict[str, str]:
    return {"kind": kind, "start": start, "end": end, "document_id": doc}


def test_missed_status_days_by_stage_kind_and_paper() -> None:
    row = _row(intervals=[
        _iv("geduldet", "2020-01-01", "2020-01-10", "d1"),  # read with a later start: 3 days wrong_dates
        _iv("erlaubt", "2021-01-01", "2021-01-05", "d2"),  # read as a Duldung: 5 days wrong_kind
        _iv("fiktion", "2022-01-01", "2022-01-04", "d3"),  # given to another person: 4 days wrong_person
        _iv("fiktion", "2022-01-03", "2022-01-06", "d4"),  # not segmented; overlaps d3 on 2 days
        _iv("geduldet", "2023-01-01", "2023-01-02", "d5"),  # all days found
    ])
    outcomes = {"d1": ok(status=[("geduldet", D(2020, 1, 4), D(2020, 1, 10))]),
                "d2": ok(status=[("geduldet", D(2021, 1, 1), D(2021, 1, 5))]),
                "d3": ok(person="q", main=False), "d4": DocOutcome(segment="split"),
                "d5": ok(status=[("geduldet", D(2023, 1, 1), D(2023, 1, 2))])}
    pred = [("geduldet", D(2020, 1, 4), D(2020, 1, 10)), ("geduldet", D(2021, 1, 1), D(2021, 1, 5)),
            ("geduldet", D(2023, 1, 1), D(2023, 1, 2))]
    got = attribute_intervals([row], outcomes, {"a": pred})
    # The two days d3 and d4 both state go to d3, the paper that came further (wrong_person after a split).
    assert got["days"] == {"not_segmented_split": 2, "wrong_person": 4, "wrong_kind": 5, "wrong_dates": 3}
    assert got["missed_days"] == 14
    assert got["documents"] == {"not_segmented_split": 1, "wrong_person": 1, "wrong_kind": 1, "wrong_dates": 1}
    assert got["per_kind"]["fiktion"]["days"] == {"not_segmented_split": 2, "wrong_person": 4}
    assert got["wrong_dates"] == {"start": 1, "end": 0, "no_end": 0}
    assert got["wrong_kind"] == {"erlaubt->geduldet": 1}
    c = score_case([row], {"a": Predicted(intervals=pred, docs=outcomes)}, labels=[])
    assert c["intervals"]["overall"]["fn"] == c["attribution"]["intervals"]["missed_days"]
    for kind, m in c["intervals"]["per_kind"].items():
        assert m["fn"] == c["attribution"]["intervals"]["per_kind"].get(kind, {"missed_days": 0})["missed_days"]


def _label(doc: str, subtype: str, dates: list[tuple[str, str]] | None = None, document_date: str | None = None
           ) -> dict[str, Any]:
    return {"document_id": doc, "akte_id": "a", "doc_type": "employment_proof", "doc_subtype": subtype,
            "document_date": document_date, "dates": [{"role": r, "value": v} for r, v in dates or []],
            "source": {"sha256": "s", "first_page": 1, "last_page": 1}}


def test_month_sources_from_payslips_and_certificates_not_contracts() -> None:
    labels = {"s1": _label("s1", "lohnabrechnung", [("pay_period_start", "2023-03-01")]),
              "c1": _label("c1", "arbeitgeberbescheinigung", document_date="2023-05-20"),
              "k1": _label("k1", "arbeitsvertrag"), "x1": _label("x1", "beschaeftigungsnachweis")}
    person = {"employment": [{"start": None, "end": None, "document_id": "s1"},
                             {"start": "2023-02-15", "end": None, "document_id": "c1"},
                             {"start": "2023-01-01", "end": None, "document_id": "k1"},
                             {"start": "2022-12-01", "end": "2023-01-31", "document_id": "x1"}]}
    assert month_sources(person, labels) == {"2022-12": [("x1", "other")], "2023-01": [("x1", "other")],
                                             "2023-02": [("c1", "certificate")],
                                             "2023-03": [("s1", "payslip"), ("c1", "certificate")],
                                             "2023-04": [("c1", "certificate")], "2023-05": [("c1", "certificate")]}


def test_month_stage_in_pipeline_order() -> None:
    assert month_stage(ok(type_ok=False), "2023-03") == "wrong_type"
    assert month_stage(ok(person="q", main=False), "2023-03") == "wrong_person"
    assert month_stage(ok(), "2023-03") == "no_fact"
    assert month_stage(ok(papers={"contract"}), "2023-03") == "wrong_paper"
    assert month_stage(ok(papers={"certificate"}), "2023-03") == "wrong_dates"  # a certificate without dates
    assert month_stage(ok(months={"2023-04"}, papers={"payslip"}), "2023-03") == "wrong_dates"
    assert month_stage(ok(months={"2023-03"}, papers={"payslip"}), "2023-03") == "other"


def test_missed_months_by_stage_and_paper_kind() -> None:
    labels = [_label("s1", "lohnabrechnung", [("pay_period_start", "2023-01-01")]),
              _label("s2", "lohnabrechnung", [("pay_period_start", "2023-02-01")]),
              _label("s3", "lohnabrechnung", [("pay_period_start", "2023-03-01")]),
              _label("c1", "arbeitsbescheinigung", document_date="2023-06-10"),
              _label("x1", "beschaeftigungsnachweis")]
    row = _row(employment=[{"start": None, "end": None, "document_id": d} for d in ("s1", "s2", "s3")] +
               [{"start": "2023-03-01", "end": "2023-05-31", "document_id": "c1"},
                {"start": "2023-02-01", "end": "2023-03-31", "document_id": "x1"}],
               employment_months=["2022-12", "2023-01", "2023-02", "2023-03", "2023-04", "2023-05"])
    outcomes = {"s1": ok(months={"2023-01"}, papers={"payslip"}), "s2": DocOutcome(segment="merged"),
                "s3": ok(papers={"unknown"}), "c1": ok(papers={"contract"}), "x1": ok(months={"2023-02", "2023-03"})}
    pred = {"2023-01"}
    got = attribute_months([row], {r["document_id"]: r for r in labels}, outcomes, {"a": pred})
    # 2022-12: no truth paper states it; 02: the payslip merged; 03: payslip (wrong_paper) and certificate
    # (wrong_paper): furthest first found; 04, 05: the certificate taken for a contract. The paper of an unknown
    # subtype (x1, read right) stands in for no month a payslip or certificate states.
    assert got["missed_months"] == 5
    assert got["per_paper"]["other"]["months"] == {"no_truth_document": 1}
    assert got["per_paper"]["payslip"]["months"] == {"not_segmented_merged": 1, "wrong_paper": 1}
    assert got["per_paper"]["certificate"]["months"] == {"wrong_paper": 2}
    assert got["documents"] == {"not_segmented_merged": 1, "wrong_paper": 2}
    c = score_case([row], {"a": Predicted(months=pred, docs=outcomes)}, labels=labels)
    assert c["employment_months"]["fn"] == c["attribution"]["employment_months"]["missed_months"] == 5


def test_missed_links_by_document_and_pair() -> None:
    truth = {"a": "P", "b": "P", "c": "P", "d": "P", "e": "Q"}
    pred: dict[str, str | None] = {"a": "x", "b": "x", "c": "y", "d": None, "e": "x"}
    outcomes = {"a": ok(), "b": ok(), "c": ok(person="y"), "d": ok(segment="split", person=None), "e": ok()}
    got = attribute_linking(truth, pred, outcomes)
    # P's cluster is x: c is wrong_person, d not segmented; pairs ac, bc -> wrong_person; ad, bd, cd -> split.
    assert got == {"missed_pairs": 5, "pairs": {"not_segmented_split": 3, "wrong_person": 2},
                   "documents": {"not_segmented_split": 1, "wrong_person": 1}}
    typed = attribute_linking(truth, pred, outcomes, {"c": "employment_proof", "d": "residence_document"})
    assert typed["documents_by_type"] == {"not_segmented_split": {"residence_document": 1},
                                          "wrong_person": {"employment_proof": 1}}
    nobody = attribute_linking({"a": "P", "b": "P"}, {"a": None, "b": None}, {"a": ok(), "b": ok()})
    assert nobody["pairs"] == {"no_person": 1} and nobody["documents"] == {"no_person": 2}
    rows = [{"akte_id": "k", "reference_date": "2024-01-01", "persons": [
        {"person_id": "P", "documents": ["a", "b", "c", "d"], "intervals": [], "employment_months": []},
        {"person_id": "Q", "documents": ["e"], "intervals": [], "employment_months": []}]}]
    c = score_case(rows, {"k": Predicted(person_of_doc=pred, docs=outcomes)}, labels=[])
    assert c["linking"]["fn"] == c["attribution"]["linking"]["missed_pairs"] == 5


def test_the_printed_tables_hold_counts_only() -> None:
    row = _row(intervals=[_iv("geduldet", "2020-01-01", "2020-01-10", "d-secret-1")],
               passports=[{"valid_until": "2030-01-01", "document_id": "d-secret-2"}], checks={"passport": "met"})
    c = score_case([row], {"a": Predicted(viewed=True, docs={"d-secret-1": ok(person="q", main=False)})}, labels=[])
    out = io.StringIO()
    con = Console(file=out, width=160)
    for t in attribution_tables(c["attribution"]):
        con.print(t)
    text = out.getvalue()
    assert "wrong_person" in text and "10" in text and "geduldet" in text
    assert "passport: not_segmented_missing" in text
    assert "d-secret" not in text and "2020" not in text and "2030" not in text
    assert "d-secret" not in str(c["attribution"]) and "20" not in str(c["attribution"]["checks"])


def _checks(row: dict[str, Any], pred: Predicted, labels: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    c = score_case([row], {row["akte_id"]: pred}, labels=labels or [])
    got = c["attribution"]["checks"]
    assert got["wrong"] == c["checks"]["n"] - c["checks"]["correct"]  # every wrong verdict has one cause
    return got["causes"]


def test_passport_verdicts_by_what_the_passport_copy_gave() -> None:
    row = _row(passports=[{"valid_until": "2025-01-01", "document_id": "pp"}], checks={"passport": "met"})
    def seen(o: DocOutcome) -> Predicted:
        return Predicted(viewed=True, docs={"pp": o}, checks={"passport": "unknown"})
    assert _checks(row, seen(ok())) == {"passport: no_fact": 1}
    assert _checks(row, seen(ok(kinds={"passport"}, passports=[None]))) == {"passport: no_expiry": 1}
    assert _checks(row, seen(ok(kinds={"passport"}, passports=[D(2023, 6, 1)]))) == {"passport: wrong_dates": 1}
    assert _checks(row, seen(ok(person="q", main=False))) == {"passport: wrong_person": 1}
    assert _checks(row, seen(DocOutcome(segment="missing"))) == {"passport: not_segmented_missing": 1}
    assert _checks(row, Predicted(viewed=False, checks={})) == {"no case view": 1}
    none = _row(checks={"passport": "unknown"})
    assert _checks(none, Predicted(viewed=True, checks={"passport": "met"})) == {"passport: spurious": 1}


def test_stay_employment_age_language_and_child_verdicts_by_input() -> None:
    row = _row(intervals=[_iv("geduldet", "2015-01-01", "2023-12-31", "d1")], entry_date="2019-05-01",
               birth_date="2005-03-01", employment=[{"start": None, "end": None, "document_id": f"s{m}"}
                                                    for m in range(1, 13)],
               employment_months=[f"2023-{m:02d}" for m in range(1, 13)],
               certificates=[{"kind": "language", "level": "B1", "date": "2022-01-01", "document_id": "l1"}],
               checks={"25a_stay": "met", "25b_stay": "not_met", "employment_12m": "met", "25a_age": "met",
                       "language": "met", "school_child:a#2": "met"})
    labels = [_label(f"s{m}", "lohnabrechnung", [("pay_period_start", f"2023-{m:02d}-01")]) for m in range(1, 13)]
    docs = {"d1": ok(person="q", main=False), "l1": ok(kinds={"language"}),
            **{f"s{m}": ok(papers={"payslip"}, months={f"2023-{m:02d}"}) for m in range(1, 12)}, "s12": ok()}
    pred = Predicted(viewed=True, docs=docs, months={f"2023-{m:02d}" for m in range(1, 12)}, entry=None,
                     birth=D(2005, 3, 2), checks={"25a_stay": "unknown", "25b_stay": "unknown",
                                                  "employment_12m": "unknown", "25a_age": "met",
                                                  "language": "unknown"})
    # 25a_age: birth date misread but the verdict still right: not counted.
    assert _checks(row, pred, labels) == {
        "status days: wrong_person": 1,  # the Duldung is another person's in the view
        "entry date: missing": 1,  # not_met rests on the entry date, which the view lacks
        "employment months: no_fact": 1,  # December's payslip gave no month
        "language certificate: wrong_value": 1,  # read, but not as a passed A2+ certificate
        "child: no check (not linked as a school-age child)": 1}
    young = {**pred.__dict__, "checks": {**pred.checks, "25a_age": "not_met"}, "birth": None}
    assert _checks(row, Predicted(**young), labels)["birth date: missing"] == 1


def test_school_verdicts_by_the_deciding_paper_and_extra_status_days() -> None:
    row = _row(school_leaving=["lv"], school=[{"school": "", "start": "2014-08-01", "end": "2015-07-31",
                                               "document_id": "sp"}],
               checks={"25a_school": "met", "school_child:a#2": "met", "25a_duldung": "unknown"})
    row["persons"].append({"person_id": "a#2", "role": "child", "documents": ["cs"], "intervals": [],
                           "employment_months": [], "school": [{"school": "", "start": "2023-08-01",
                                                                "end": "2024-07-31", "document_id": "cs"}]})
    docs = {"lv": ok(person=None, main=False, kinds={"school_leaving"}), "sp": ok(kinds={"school"}),
            "cs": ok(person="p-other", main=False, kinds={"school"})}
    pred = Predicted(viewed=True, docs=docs, person_of_truth={"a#2": "p-child"},
                     intervals=[("geduldet", D(2023, 1, 1), D(2023, 12, 31))],
                     checks={"25a_school": "unknown", "school_child:a#2": "unknown", "25a_duldung": "met"})
    # The school-leaving certificate decides alone: its missing person, not the short period's dates.
    assert _checks(row, pred) == {"school papers: no_person": 1, "school papers: wrong_person": 1,
                                  "status days: extra": 1}
    docs["cs"] = ok(person="p-child", main=False)
    assert _checks(row, pred)["school papers: no_fact"] == 1
