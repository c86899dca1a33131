"""Document-type profiles: adding a type is one profile, and every stage picks it up from there.

The toy type and all texts below are invented.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from extractors import doctypes
from extractors.analyse import analyse_document
from extractors.classify import classify
from extractors.doctypes import Cue, Profile
from extractors.fields.dates import find_dates
from extractors.model import PageText
from extractors.review import review_features
from extractors.segment import page_cues
from schemas.records import DOC_TYPES

TOY = Profile(
    "fishing_licence",
    cues=(Cue("fischereischein", "fischereischein", 3, r"^\s*fischereischein\b"),),
    titles={"fischereischein": "Fischereischein"},
    title_lines=(r"fischereischein",),
    date_roles={"datum": "application_date"},
    parties="subject",
    needs_date=True,
)
LICENCE = ("Fischereischein\nFischereibehörde Musterstadt\nInhaber: Max Beispiel\n"
           "Der Inhaber ist berechtigt, in Gewässern des Landes zu angeln.\nDatum: 01.02.2024\n")
UNDATED = "Fischereischein\nFischereibehörde Musterstadt\nInhaber: Max Beispiel\nGewässer: alle des Landes\n"


@pytest.fixture
def toy() -> Iterator[Profile]:
    doctypes.register(TOY)
    try:
        yield TOY
    finally:
        doctypes.unregister(TOY.doc_type)


def test_shipped_profiles_are_the_contract_types_in_order() -> None:
    assert tuple(p.doc_type for p in doctypes.profiles()) == DOC_TYPES == doctypes.DOC_TYPES


def test_classification_learns_a_registered_type_from_its_profile(toy: Profile) -> None:
    c = classify(LICENCE)
    assert (c.doc_type, c.doc_subtype) == ("fishing_licence", "fischereischein")
    assert "fischereischein" in c.evidence


def test_without_the_profile_the_type_is_unknown() -> None:
    assert classify(LICENCE).doc_type != "fishing_licence"


def test_segmentation_sees_the_profiles_title_line(toy: Profile) -> None:
    assert page_cues(PageText(1, LICENCE)).title_line


def test_segmentation_title_line_goes_with_the_profile() -> None:
    assert not page_cues(PageText(1, LICENCE)).title_line


def test_dates_take_the_profiles_typed_roles(toy: Profile) -> None:
    text = "Datum: 01.02.2024\n"
    assert [h.role for h in find_dates(text, doc_type="fishing_licence")] == ["application_date"]
    assert [h.role for h in find_dates(text, doc_type="other")] == ["document_date"]


def test_record_title_and_review_expectations_come_from_the_profile(toy: Profile) -> None:
    doc = analyse_document([PageText(1, UNDATED, confidence=90.0)])
    assert (doc.doc_type, doc.title) == ("fishing_licence", "Fischereischein")
    assert doc.document_date is None
    assert review_features(doc, [PageText(1, UNDATED)], set())["no_document_date"] == 1.0
    relaxed = Profile(**{**TOY.__dict__, "needs_date": False})
    doctypes.register(relaxed)
    assert review_features(doc, [PageText(1, UNDATED)], set())["no_document_date"] == 0.0
