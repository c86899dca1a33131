"""Courts by any common name and file numbers as printed, on both backends."""

from __future__ import annotations

import pytest

from eakte.catalog import Catalog
from schemas.records import Court, FileNumber
from tests.search_backends import catalog, doc, ids, load  # noqa: F401  (fixture)


@pytest.fixture
def courts(catalog: Catalog) -> Catalog:  # noqa: F811
    def d(i: str, typ: str, place: str | None, number: str) -> object:
        return doc(i, court=Court(type=typ, place=place), file_numbers=[FileNumber(kind="court", value=number)])

    return load(catalog, [  # type: ignore[list-item]
        d("vg-berlin", "VG", "Berlin", "VG 26 L 180.22 A"), d("bverwg", "BVerwG", "Leipzig", "7 C 12.14"),
        d("ovg-nrw", "OVG", "Nordrhein-Westfalen", "13 A 2679/11.A"), d("bayvgh", "VGH", "Bayern", "10 ZB 17.1234"),
        d("vg-ffm", "VG", "Frankfurt am Main", "5 K 1/20.F"), d("vg-wue", "VG", "Würzburg", "W 4 K 12.458"),
        d("vg-koeln", "VG", "Köln", "13 K 2679/11"), d("vg-muenster", "VG", "Münster", "8 K 1/21"),
    ], {})


@pytest.mark.parametrize(("court", "expected"), [
    ("Verwaltungsgericht Berlin", ["vg-berlin"]), ("VG Berlin", ["vg-berlin"]),
    ("Bundesverwaltungsgericht", ["bverwg"]), ("BVerwG", ["bverwg"]),
    ("OVG NRW", ["ovg-nrw"]), ("OVG Münster", ["ovg-nrw"]), ("Oberverwaltungsgericht Nordrhein-Westfalen", ["ovg-nrw"]),
    ("OVG Nordrhein-Westfalen", ["ovg-nrw"]), ("BayVGH", ["bayvgh"]), ("VGH München", ["bayvgh"]),
    ("Bayerischer Verwaltungsgerichtshof", ["bayvgh"]), ("VG Frankfurt", ["vg-ffm"]),
    ("VG Frankfurt am Main", ["vg-ffm"]), ("vg koeln", ["vg-koeln"]), ("VG Münster", ["vg-muenster"]),
    ("Münster", ["vg-muenster"]), ("VG Hamburg", []),
])
def test_court_by_any_common_name(courts: Catalog, court: str, expected: list[str]) -> None:
    assert ids(courts, court=court) == expected


@pytest.mark.parametrize(("number", "expected"), [
    ("VG 26 L 180.22 A", ["vg-berlin"]), ("26 L 180.22 A", ["vg-berlin"]), ("BVerwG 7 C 12.14", ["bverwg"]),
    ("Az. 13 K 2679/11", ["vg-koeln"]), ("Aktenzeichen: 13 K 2679/11", ["vg-koeln"]),
    ("4 K 12.458", ["vg-wue"]), ("W 4 K 12.458", ["vg-wue"]), ("Az.: W 4 K 12.458", ["vg-wue"]),
    ("13 A 2679/11.A", ["ovg-nrw"]), ("4 K 12.459", []), ("X 4 K 12.458", []),
])
def test_file_numbers_as_printed(courts: Catalog, number: str, expected: list[str]) -> None:
    assert ids(courts, file_number=number) == expected
