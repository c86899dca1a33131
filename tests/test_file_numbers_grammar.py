"""File numbers by a label + token grammar: office-specific shapes after a label, lower instances, no running text."""

from __future__ import annotations

import pytest

from extractors import PageText, analyse_source
from extractors.fields.file_numbers import find_file_numbers, own_file_numbers


@pytest.mark.parametrize(("text", "value"), [
    ("Unser Zeichen: Ausl. 2-88431", "Ausl. 2-88431"),
    ("Aktenzeichen: III/2-AZR 1234/2021 Sachbearbeitung Frau Kurz", "III/2-AZR 1234/2021"),
    ("Ihr Zeichen 204.12.5-F  Datum 12.03.2024", "204.12.5-F"),
    ("Aktenzeichen (bitte bei Antwort angeben)\nABH/7-0451.22", "ABH/7-0451.22"),
    ("Gz.: 1.3 - 4471/2019", "1.3 - 4471/2019"),
    ("Geschäftszeichen: FB 32-AE 11823", "FB 32-AE 11823"),
    ("Aktenzeichen; 7.2-AE/0815/22", "7.2-AE/0815/22"),  # OCR read the colon as a semicolon
])
def test_reference_of_any_office_shape_after_a_label(text: str, value: str) -> None:
    assert [(h.kind, h.value) for h in find_file_numbers(text)] == [("authority", value)]


@pytest.mark.parametrize("text", [
    "Telefon: 02241 13-456",
    "Az.: § 60a Abs. 2 Satz 4 AufenthG",
    "Aktenzeichen: 12.03.2024",
    "Ein Zeichen der Integration sind 1.250,00 EUR Einkommen.",
    "IBAN DE12 5005 0000 0012 3456 78, 53721 Siegburg",
    "Zeichen und Wunder 2019",
])
def test_running_text_numbers_are_no_file_numbers(text: str) -> None:
    assert find_file_numbers(text) == []


def test_lower_instance_of_an_appeal_is_listed_cited_decisions_are_not() -> None:
    head = ("OBERVERWALTUNGSGERICHT FÜR DAS LAND NORDRHEIN-WESTFALEN\n18 A 1422/20\nBESCHLUSS\n"
            "In dem verwaltungsgerichtlichen Verfahren\n")
    body = ("Der Antrag auf Zulassung der Berufung gegen das Urteil des Verwaltungsgerichts Minden vom\n"
            "3. Mai 2020 - 7 K 3911/19 - wird abgelehnt. Vgl. BVerwG, Urteil vom 4.7.2019 - 1 C 10.18 -,\n"
            "juris, Rn. 12.\n")
    docs = analyse_source([PageText(1, head + body)]).documents
    assert [(f.kind, f.value) for f in docs[0].file_numbers] == [("court", "18 A 1422/20"), ("court", "7 K 3911/19")]
    assert docs[0].review_features["conflicting_file_numbers"] == 0.0  # the lower instance is no second own number


def test_own_and_their_reference_depend_on_the_sender() -> None:
    lawyer = ("Rechtsanwältin Dr. Berg\nKreisverwaltung Rhein-Sieg-Kreis\nUnser Zeichen: 412/23\n"
              "Ihr Zeichen: Ausl. 2-88431\n")
    office = ("Kreisverwaltung Musterkreis\nFachdienst Ausländerangelegenheiten\nIhr Zeichen: 412/23\n"
              "Unser Zeichen: Ausl. 2-88431\n")
    for text in (lawyer, office):
        got = own_file_numbers([find_file_numbers(text)], "correspondence", len(text), text)
        assert [(f.kind, f.value) for f in got] == [("authority", "Ausl. 2-88431")]


def test_info_block_value_in_the_row_below_its_label() -> None:
    text = "Ihr Zeichen  Unser Zeichen  Datum\n412/23  Ausl. 2-88431  12.03.2024\nSehr geehrte Frau Berg,\n"
    found = {(h.value, h.label) for h in find_file_numbers(text)}
    assert found == {("412/23", "their"), ("Ausl. 2-88431", "own")}
