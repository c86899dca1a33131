"""The review decision is made once, in extractors/review/decide.py, and the record only copies it.

All texts and numbers below are invented.
"""

from __future__ import annotations

import pytest

from eakte.migrate.records import build_record
from extractors import analyse_source
from extractors.model import DocumentAnalysis, PageText
from extractors.review import LOW_OCR_CONFIDENCE, decide, features
from tests.test_extractors_review import RULING

NEVER_BY_SCORE = {"weights": {}, "bias": -30.0, "threshold": 0.99, "means": {}, "reasons": {}}


def test_low_ocr_confidence_is_decided_with_the_rest() -> None:
    """The rule eakte/documents.py used to add after the model: mean page confidence below 55."""
    assert LOW_OCR_CONFIDENCE == 55.0
    low = [PageText(1, RULING, confidence=54.0), PageText(2, RULING, confidence=55.9)]  # mean 54.95
    assert decide(DocumentAnalysis(1, 2), low, {}, NEVER_BY_SCORE) == ["low_ocr_confidence"]
    fine = [PageText(1, RULING, confidence=54.0), PageText(2, RULING, confidence=56.0)]  # mean 55.0
    assert decide(DocumentAnalysis(1, 2), fine, {}, NEVER_BY_SCORE) == []
    text_layer = [PageText(1, RULING, origin="text_layer")]  # no OCR confidence: nothing to judge
    assert decide(DocumentAnalysis(1, 1), text_layer, {}, NEVER_BY_SCORE) == []


def test_the_record_copies_the_decision_and_adds_nothing() -> None:
    pages = {1: PageText(1, RULING, confidence=30.0), 2: PageText(2, "", origin="failed", error="OCR failed")}
    analysis = DocumentAnalysis(1, 2, review_reasons=[])  # as if the extractors had decided: no review
    record = build_record("akte.pdf", "a" * 64, analysis, pages)
    assert record.review.reasons == [] and not record.review.needed


def test_each_later_page_is_classified_once_per_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """One pass: the merged-documents signal classifies pages 2 and 3 of a ruling once, not once per pass."""
    calls: list[str] = []
    real = features.classify

    def counting(text: str):  # type: ignore[no-untyped-def]
        calls.append(text)
        return real(text)

    monkeypatch.setattr(features, "classify", counting)
    cont = "Die Klage ist unbegründet. Der Kläger hat keinen Anspruch.\n" * 3
    analysis = analyse_source([PageText(1, RULING + "\n- 1 -", confidence=92.0),
                               PageText(2, "- 2 -\n" + cont, confidence=92.0),
                               PageText(3, "- 3 -\n" + cont, confidence=92.0)])
    assert [(d.first_page, d.last_page) for d in analysis.documents] == [(1, 3)]
    assert len(calls) == 2
