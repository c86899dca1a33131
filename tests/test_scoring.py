"""The scorer: perfect predictions score 1.0, each known error lowers exactly the metric it should."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from eakte.evaluation.report import print_report, summary_rows, write_json
from eakte.evaluation.runner import merge_extra_labels, resolve, run_eval
from eakte.evaluation.scoring import fold_name, names_match, norm_file_number, score

ROOT = Path(__file__).resolve().parent.parent
FIXED = ROOT / "tests" / "data" / "akten"
REAL = ROOT.parent / "shared" / "data" / "real-court-decisions"


def _doc(first: int, last: int, doc_type: str = "court_decision", **kw: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "source": {"path": "a.pdf", "sha256": "s1", "first_page": first, "last_page": last},
        "doc_type": doc_type, "doc_subtype": kw.pop("doc_subtype", None), "document_date": "2023-05-12",
        "dates": [{"role": "document_date", "value": "2023-05-12"}, {"role": "birth_date", "value": "1999-01-02"}],
        "court": {"type": "VG", "place": "Köln", "name": "Verwaltungsgericht Köln"},
        "file_numbers": [{"kind": "court", "value": "22 K 3443/18.A"}],
        "parties": [{"role": "plaintiff", "name": "Yousef Al-Hassan", "kind": "person"}],
        "review": {"needed": False, "reasons": []},
    }
    rec.update(kw)
    return rec


TRUTH = [
    _doc(1, 3),
    _doc(4, 4, "employment_proof", court=None, file_numbers=[], document_date="2022-01-31",
         dates=[{"role": "document_date", "value": "2022-01-31"}],
         parties=[{"role": "employer", "name": "Bäckerei Schäfer GmbH", "kind": "organisation"}]),
    _doc(6, 7, "bamf_decision", court=None, file_numbers=[{"kind": "bamf", "value": "8765432-423"}]),
]


def _flat(report: dict[str, Any]) -> dict[str, float | None]:
    """The headline numbers of a report."""
    return {
        "boundary_p": report["boundaries"]["precision"], "boundary_r": report["boundaries"]["recall"],
        "type_acc": report["doc_type"]["accuracy"], "macro_f1": report["doc_type"]["macro_f1"],
        "date_acc": report["document_date"]["accuracy"], "dates_f1": report["dates"]["micro"]["f1"],
        "court_acc": report["court"]["accuracy"], "fn_f1": report["file_numbers"]["f1"],
        "party_f1": report["parties"]["micro"]["f1"], "err_unflagged": report["review"]["error_rate_unflagged"],
    }


def test_perfect_prediction_scores_one() -> None:
    flat = _flat(score(TRUTH, copy.deepcopy(TRUTH)))
    assert all(v == 1.0 for k, v in flat.items() if k != "err_unflagged"), flat
    assert flat["err_unflagged"] == 0.0


def test_perfect_on_fixed_corpus() -> None:
    truth = [json.loads(line) for line in (FIXED / "labels.jsonl").read_text().splitlines()]
    sources = [json.loads(line) for line in (FIXED / "sources.jsonl").read_text().splitlines()]
    report = score(truth, truth, sources, sources)
    assert report["boundaries"]["f1"] == 1.0 and report["parties"]["micro"]["f1"] == 1.0
    assert report["review"]["rate"] == 0.0
    assert report["skipped_pages"]["f1"] == 1.0
    assert report["pages"]["folio_accuracy"] == report["pages"]["rotation_accuracy"] == 1.0


def test_skipped_pages_and_page_facts() -> None:
    truth_src = [{"sha256": "s1", "skipped_pages": [5, 8]}]
    report = score(TRUTH, copy.deepcopy(TRUTH), truth_src, [{"sha256": "s1", "skipped_pages": [5, 6]}])
    sp = report["skipped_pages"]
    assert (sp["tp"], sp["fp"], sp["fn"]) == (1, 1, 1)
    truth = copy.deepcopy(TRUTH)
    truth[0]["pages"] = [{"page": 1, "folio": "Bl. 37", "rotated": 180}, {"page": 2, "folio": "Bl. 38", "rotated": 0}]
    pred = copy.deepcopy(truth)
    pred[0]["pages"] = [{"page": 1, "folio": "37", "rotated": 0}, {"page": 2, "folio": "Bl. 38", "rotated": 0}]
    facts = score(truth, pred)["pages"]
    assert facts["folio_accuracy"] == 1.0 and facts["rotation_accuracy"] == 0.5
    assert facts["rotated_pages_accuracy"] == 0.0


def test_missed_boundary_lowers_boundaries_only() -> None:
    pred = copy.deepcopy(TRUTH)
    pred[0]["source"]["last_page"] = 4  # swallowed the payslip page
    del pred[1]
    flat = _flat(score(TRUTH, pred))
    assert flat["boundary_p"] == 1 / 2 and flat["boundary_r"] == 1 / 3
    # Fields are scored on matched documents: the two that matched are still right.
    assert flat["type_acc"] == flat["date_acc"] == flat["court_acc"] == flat["fn_f1"] == 1.0
    assert flat["err_unflagged"] == 1 / 2  # the merged document is a boundary error nobody flagged


def test_wrong_type_lowers_type_metrics_only() -> None:
    pred = copy.deepcopy(TRUTH)
    pred[1]["doc_type"] = "correspondence"
    report = score(TRUTH, pred)
    flat = _flat(report)
    assert flat["type_acc"] == pytest.approx(2 / 3)
    assert flat["macro_f1"] == pytest.approx((1 + 1 + 0 + 0) / 4)
    assert report["doc_type"]["confusion"]["employment_proof"] == {"correspondence": 1}
    assert flat["boundary_p"] == flat["date_acc"] == flat["dates_f1"] == flat["fn_f1"] == flat["party_f1"] == 1.0


def test_wrong_date_lowers_date_metrics_only() -> None:
    pred = copy.deepcopy(TRUTH)
    pred[0]["document_date"] = "2023-04-02"  # the hearing date, say
    pred[0]["dates"][0] = {"role": "document_date", "value": "2023-04-02"}
    report = score(TRUTH, pred)
    flat = _flat(report)
    assert flat["date_acc"] == pytest.approx(2 / 3)
    dd = report["dates"]["by_role"]["document_date"]
    assert (dd["tp"], dd["fp"], dd["fn"]) == (2, 1, 1)
    assert report["dates"]["by_role"]["birth_date"]["f1"] == 1.0
    assert flat["type_acc"] == flat["boundary_p"] == flat["court_acc"] == flat["fn_f1"] == 1.0
    assert flat["err_unflagged"] == pytest.approx(1 / 3)


def test_flagged_errors_do_not_count_as_unflagged_errors() -> None:
    pred = copy.deepcopy(TRUTH)
    pred[0]["document_date"] = None
    pred[0]["review"] = {"needed": True, "reasons": ["no_document_date"]}
    rev = score(TRUTH, pred)["review"]
    assert rev["rate"] == pytest.approx(1 / 3) and rev["error_rate_unflagged"] == 0.0
    assert rev["reasons"] == {"no_document_date": 1}


def test_court_file_numbers_and_parties_normalised() -> None:
    pred = copy.deepcopy(TRUTH)
    pred[0]["court"] = {"type": "VG", "place": "koeln", "name": None}
    pred[0]["file_numbers"] = [{"kind": "court", "value": "22k 3443/18a"}]
    pred[0]["parties"] = [{"role": "plaintiff", "name": "Yusuf Alhasan", "kind": "person"}]
    flat = _flat(score(TRUTH, pred))
    assert flat["court_acc"] == flat["fn_f1"] == flat["party_f1"] == 1.0
    pred[0]["parties"][0]["role"] = "person_concerned"
    report = score(TRUTH, pred)
    assert report["parties"]["by_role"]["plaintiff"]["recall"] == 0.5  # the third document still has it
    assert report["parties"]["names_any_role"]["f1"] == 1.0


def test_role_only_truth_party_matches_any_name_of_its_role() -> None:
    truth = [{"source": {"path": "rc-1.pdf", "sha256": "x", "first_page": 1, "last_page": 3},
              "doc_type": "court_decision",
              "parties": [{"role": "plaintiff", "name": None}, {"role": "representative", "name": None},
                          {"role": "defendant", "name": "Land Berlin"}]}]
    pred = [{**copy.deepcopy(truth[0]), "parties": [
        {"role": "plaintiff", "name": "Herr A.", "kind": "person"},
        {"role": "defendant", "name": "das Land Berlin", "kind": "organisation"},
        {"role": "defendant", "name": "Bezirksamt Pankow", "kind": "organisation"}]}]
    rep = score(truth, pred)["parties"]
    assert rep["by_role"]["plaintiff"]["tp"] == 1 and rep["by_role"]["plaintiff"]["f1"] == 1.0
    assert rep["by_role"]["representative"]["recall"] == 0.0  # nothing predicted for it
    assert rep["by_role"]["defendant"]["tp"] == 1 and rep["by_role"]["defendant"]["fp"] == 1
    assert rep["role_only_truth"] == 2
    pred[0]["parties"][0]["role"] = "applicant"  # a role-only truth party needs its role
    assert score(truth, pred)["parties"]["by_role"]["plaintiff"]["tp"] == 0


def test_named_truth_takes_its_name_before_role_only_truth_of_the_same_role() -> None:
    truth = [{"source": {"path": "rc-1.pdf", "sha256": "x", "first_page": 1, "last_page": 3},
              "doc_type": "court_decision",
              "parties": [{"role": "representative", "name": None},
                          {"role": "representative", "name": "Klaus Geiger"}]}]
    pred = [{**copy.deepcopy(truth[0]), "parties": [
        {"role": "representative", "name": "Rechtsanwalt Klaus Geiger", "kind": "person"},
        {"role": "representative", "name": "Kanzlei Meyer", "kind": "organisation"}]}]
    assert score(truth, pred)["parties"]["by_role"]["representative"]["tp"] == 2


def test_extra_labels_merge_by_sha256(tmp_path: Path) -> None:
    truth = [{"source": {"path": "rc-1.pdf", "sha256": "x", "first_page": 1, "last_page": 3},
              "doc_type": "court_decision"},
             {"source": {"path": "rc-2.pdf", "sha256": "y", "first_page": 1, "last_page": 2},
              "doc_type": "court_decision"}]
    extra = [{"path": "batch/pdf/rc-1.pdf", "sha256": "x", "split": "dev",
              "parties": [{"role": "court", "name": "Verwaltungsgericht Berlin"}]},
             {"sha256": "unknown", "parties": []}]
    assert merge_extra_labels(truth, extra) == 1
    assert truth[0]["parties"] == [{"role": "court", "name": "Verwaltungsgericht Berlin"}]
    assert "split" not in truth[0] and truth[0]["source"]["path"] == "rc-1.pdf" and "parties" not in truth[1]
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in truth[1:]))
    (tmp_path / "extra.jsonl").write_text(json.dumps({"sha256": "y", "parties": [
        {"role": "defendant", "name": None}]}) + "\n")
    (tmp_path / "pred.jsonl").write_text(json.dumps({**truth[1], "parties": [
        {"role": "defendant", "name": "Land Berlin", "kind": "organisation"}]}) + "\n")
    report = run_eval(tmp_path, tmp_path / "r.json", labels=tmp_path / "labels.jsonl",
                      predictions=tmp_path / "pred.jsonl", extra_labels=tmp_path / "extra.jsonl")
    assert report["parties"]["micro"]["f1"] == 1.0


def test_variants_accepted_and_unlabelled_fields_are_na() -> None:
    truth = [{"source": {"path": "rc-1.pdf", "sha256": "x", "first_page": 1, "last_page": 9},
              "doc_type": "court_decision", "doc_subtype": "urteil", "document_date": "2013-01-03",
              "court": {"type": "VG", "place": "Würzburg", "name": "Bayerisches Verwaltungsgericht Würzburg"},
              "file_numbers": [{"kind": "court", "value": "W 4 K 12.458", "variants": ["4 K 12.458"]}]}]
    pred = [{**copy.deepcopy(truth[0]), "file_numbers": [{"kind": "court", "value": "4 K 12.458"}],
             "parties": [{"role": "plaintiff", "name": "X", "kind": "person"}], "review": {"needed": False}}]
    report = score(truth, pred)
    assert report["file_numbers"]["f1"] == 1.0
    assert report["dates"] is None and report["parties"] is None
    assert any(v == "n/a" for _, v, _ in summary_rows(report))


def test_unknown_sources_are_ignored() -> None:
    pred = [*copy.deepcopy(TRUTH), _doc(1, 2, source={"path": "other.pdf", "sha256": "zz", "first_page": 1,
                                                       "last_page": 2})]
    report = score(TRUTH, pred)
    assert report["counts"]["ignored_predictions"] == 1 and report["boundaries"]["precision"] == 1.0


def test_name_folding() -> None:
    assert fold_name("Öztürk") == fold_name("Oeztuerk")
    assert names_match("Schirin Dschafari", "Shirin Jafari")
    assert names_match("Mohammed Al-Hassan", "Mohammad Alhasan")
    assert names_match("Rechtsanwältin Dr. Sabine Köhler", "Sabine Koehler")
    assert not names_match("Ahmad Rahimi", "Zahra Hosseini")
    assert norm_file_number("M 26 K 17.32338") == "M26K1732338"


def test_report_json_and_table_have_no_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = score(TRUTH, copy.deepcopy(TRUTH))
    write_json(report, tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text())["boundaries"]["f1"] == 1.0
    print_report(report)
    out = capsys.readouterr().out
    assert "boundary F1" in out and "Al-Hassan" not in out and "Schäfer" not in out


def test_runner_scores_given_predictions(tmp_path: Path) -> None:
    labels, input_dir = resolve(FIXED, None)
    assert labels == FIXED / "labels.jsonl" and input_dir == FIXED / "scans"
    report = run_eval(FIXED, tmp_path / "report.json", predictions=labels)
    assert report["boundaries"]["f1"] == 1.0 and (tmp_path / "report.json").exists()


@pytest.mark.skipif(not (REAL / "labels.jsonl").exists(), reason="shared real decisions not present")
def test_real_decision_labels_score_as_truth(tmp_path: Path) -> None:
    labels, input_dir = resolve(REAL, None)
    assert input_dir == REAL / "pdf"
    report = run_eval(REAL, tmp_path / "r.json", predictions=labels)
    assert report["counts"]["truth_documents"] == 40
    assert report["court"]["accuracy"] == 1.0 and report["parties"] is None
