"""The review decision: shipped model matches the features, flags risky documents with readable reasons,
keeps its hard rules, and the training script's pieces compute what they claim.

All names and numbers below are invented.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import numpy as np

from corpus.akte import Profile, build_akte
from corpus.generate import akte_key
from corpus.model import page_text
from extractors.analyse import analyse_document
from extractors.model import PageText
from extractors.review import (
    HARD_REASONS,
    MODEL_PATH,
    MODEL_REASONS,
    error_probability,
    load_model,
    review_features,
)

RULING = (
    "VERWALTUNGSGERICHT KÖLN\n"
    "IM NAMEN DES VOLKES\n"
    "URTEIL\n"
    "Aktenzeichen: 22 K 3443/18.A\n"
    "In dem Verwaltungsrechtsstreit\n"
    "des Herrn Amin Haddad, Musterweg 3, 50667 Köln,\n"
    "- Kläger -\n"
    "gegen\n"
    "die Bundesrepublik Deutschland, vertreten durch das Bundesamt für Migration und Flüchtlinge,\n"
    "Gesch.-Z.: 7654321-423,\n"
    "- Beklagte -\n"
    "wegen Asylrecht\n"
    "hat die 22. Kammer des Verwaltungsgerichts Köln aufgrund der mündlichen Verhandlung\n"
    "vom 12.05.2023 durch den Richter Muster als Einzelrichter für Recht erkannt:\n"
    "Die Klage wird abgewiesen.\n"
    "Tatbestand\nDer Kläger ist syrischer Staatsangehöriger.\n"
    "Rechtsmittelbelehrung\nGegen dieses Urteil kann die Zulassung der Berufung beantragt werden.\n"
)
NOTE = "Bl. 7\nxx ~~ || ;; ..\n"  # a page OCR could hardly read: no type cue, no date, no number


def _train_script() -> ModuleType:
    path = Path(__file__).parent.parent / "scripts" / "train_review.py"
    spec = importlib.util.spec_from_file_location("train_review", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_review"] = module
    spec.loader.exec_module(module)
    return module


def test_shipped_model_weighs_exactly_the_features_review_computes() -> None:
    model = load_model()
    doc = analyse_document([PageText(1, RULING, confidence=92.0)])
    assert set(model["weights"]) == set(doc.review_features)
    assert 0.0 < float(model["threshold"]) < 1.0
    assert set(model["reasons"]) <= set(model["weights"])
    assert set(model["reasons"].values()) <= set(MODEL_REASONS)  # the documented vocabulary


def test_clear_ruling_passes_and_an_unreadable_page_is_flagged_with_reasons() -> None:
    good = analyse_document([PageText(1, RULING, confidence=92.0)])
    assert good.doc_type == "court_decision" and good.file_numbers
    assert good.review_reasons == []
    bad = analyse_document([PageText(1, NOTE, confidence=41.0)])
    assert bad.review_reasons, "a page without cues, date or number must go to review"
    assert bad.review_risk is not None and good.review_risk is not None and bad.review_risk > good.review_risk
    assert 1 <= len(bad.review_reasons) <= 3 and set(bad.review_reasons) <= set(MODEL_REASONS + HARD_REASONS)


def test_missing_date_and_number_raise_the_risk() -> None:
    model = load_model()
    doc = analyse_document([PageText(1, RULING, confidence=92.0)])
    base = error_probability(doc.review_features, model)
    worse = dict(doc.review_features, no_date_at_all=1.0, no_document_date=1.0, no_file_number=1.0)
    assert error_probability(worse, model) > base


def test_hard_rules_flag_whatever_the_score() -> None:
    failed = analyse_document([PageText(1, RULING, confidence=92.0),
                               PageText(2, "", origin="failed", error="OCR failed")])
    assert "page_failed" in failed.review_reasons
    empty = analyse_document([PageText(1, "", origin="blank")])
    assert "no_text" in empty.review_reasons


def test_features_see_damaged_dates_and_unread_case_numbers() -> None:
    doc = analyse_document([PageText(1, "Duldung\nAktenzeichen\nGültig bis 2.122015 13:.012.1.985\n", confidence=80.0)])
    f = review_features(doc, [PageText(1, "Aktenzeichen\n2.122015 13:.012.1.985 24.O6.2015\n")], set())
    assert f["damaged_dates"] == 1.0
    assert f["number_labels_unread"] > 0
    clean = review_features(doc, [PageText(1, "Gültig bis 21.12.2015\nBetrag 1.234,56 EUR\n")], set())
    assert clean["damaged_dates"] == 0.0


def test_logistic_fit_finds_the_informative_feature_and_the_table_counts_right() -> None:
    tr = _train_script()
    rng = np.random.default_rng(0)
    signal = rng.integers(0, 2, 400).astype(float)
    noise = rng.random(400)
    y = ((signal + 0.3 * rng.random(400)) > 0.9).astype(float)
    x = np.column_stack([np.ones(400), signal, noise])
    beta = tr.fit(x, y, np.ones(400), l2=1.0)
    assert beta[1] > 2.0 and abs(beta[2]) < 1.0
    probs = np.array([0.9, 0.8, 0.1, 0.2, 0.05])
    wrong = np.array([1.0, 0.0, 1.0, 0.0, 0.0])
    assert tr.pick_threshold(probs, np.ones(5), 0.4) == 0.2  # flags 0.9 and 0.8 (p > 0.2)
    assert tr.pick_threshold(probs, np.array([1.0, 1.0, 1.0, 1.0, 6.0]), 0.15) == 0.8  # only 0.9: weight 1 of 10
    rows = tr.table(probs, wrong, [0.0, 0.4])
    assert rows[0]["errors_unflagged"] == 0.4
    assert rows[1]["flag_rate"] == 0.4 and rows[1]["errors_unflagged"] == 1 / 3 and rows[1]["threshold"] == 0.8


def test_simulated_ocr_is_deterministic_and_keeps_truth_aligned() -> None:
    tr = _train_script()
    a = list(tr.simulated_sources(41, 2))
    b = list(tr.simulated_sources(41, 2))
    assert [[p.text for p in pages] for _, pages, _ in a] == [[p.text for p in pages] for _, pages, _ in b]
    for _, pages, truth in a:
        assert all(1 <= t["source"]["first_page"] <= t["source"]["last_page"] <= len(pages) for t in truth)
    akte = build_akte(akte_key("train", 41, 1), Profile())
    page = next(p.page for p in akte.plans if p.kind == "document")
    clean, conf = tr.ocr_like_text(page, None, random.Random(1), noise=0.0)
    assert clean.split() == page_text(page).split() or sorted(clean.split()) == sorted(page_text(page).split())
    assert 40.0 <= conf <= 95.5


def test_model_file_is_where_review_reads_it() -> None:
    assert MODEL_PATH.exists() and MODEL_PATH.parent.name == "models"


def test_scorer_reports_how_often_flags_are_right_and_what_slips_through() -> None:
    from eakte.evaluation.scoring import score

    def rec(first: int, date: str, flagged: list[str]) -> dict[str, object]:
        return {"source": {"sha256": "s", "first_page": first, "last_page": first}, "doc_type": "other",
                "document_date": date, "review": {"needed": bool(flagged), "reasons": flagged}}

    truth = [rec(1, "2024-01-01", []), rec(2, "2024-01-02", []), rec(3, "2024-01-03", [])]
    pred = [rec(1, "2024-01-09", ["weak_date_cue", "low_confidence"]), rec(2, "2024-01-02", ["low_confidence"]),
            rec(3, "2023-12-31", [])]
    rev = score(truth, pred)["review"]
    assert (rev["flagged"], rev["flagged_errors"], rev["error_rate_flagged"]) == (2, 1, 0.5)
    assert rev["reasons_wrong"] == {"low_confidence": 1, "weak_date_cue": 1}
    assert rev["reasons"] == {"low_confidence": 2, "weak_date_cue": 1}
    assert rev["unflagged_errors_by_field"] == {"document_date": 1}


def test_source_pass_sees_skipped_pages_and_fragments_beside_a_document() -> None:
    from extractors import analyse_source

    analysis = analyse_source([PageText(1, RULING, confidence=92.0), PageText(2, "", origin="blank"),
                               PageText(3, NOTE, confidence=41.0)])
    assert 2 in analysis.skipped_pages
    ruling = analysis.documents[0]
    assert ruling.review_features["skipped_page_at_edge"] == 1.0
    assert ruling.review_features["no_file_number"] == 0.0 and ruling.review_risk is not None
    alone = analyse_source([PageText(1, RULING, confidence=92.0)]).documents[0]
    assert alone.review_features["skipped_page_at_edge"] == 0.0


def test_only_signals_present_more_than_usual_name_a_reason() -> None:
    """A long document lacks "little text"; that absence may raise the risk, but it is no reason to show."""
    from extractors.review import score_reasons

    model = {"weights": {"little_text": -1.0, "no_file_number": 2.0}, "means": {"little_text": 0.5,
             "no_file_number": 0.1}, "reasons": {"little_text": "little_text", "no_file_number": "no_file_number"}}
    assert score_reasons({"little_text": 0.0, "no_file_number": 1.0}, model) == ["no_file_number"]
    assert score_reasons({"little_text": 0.0, "no_file_number": 0.0}, model) == ["uncertain_extraction"]
