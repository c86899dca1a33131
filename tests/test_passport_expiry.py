"""The printed expiry of passport data pages: labels in the usual languages, the value beside or below the
label line (columns), the usual date forms; never a birth or issue date."""

from __future__ import annotations

import datetime as dt

import pytest

from eakte.case.build import compute
from extractors.fields import facts as tf
from extractors.fields.expiry import printed_expiries
from tests.case_records import me, record

D = dt.date


def _expiry(text: str) -> str | None:
    found = tf.passport_expiry([text])
    return found.value if found else None


@pytest.mark.parametrize("text", [
    "Gültig bis: 14.03.2028",
    "Gültig bis / Date of expiry 14 03 2028",
    "Date of expiry 14/03/2028",
    "Ablaufdatum 2028-03-14",
    "Date of expiry / Date d'expir. 2028/03/14",
    "Expiry date 14 MAR 2028",
    "Date d'expiration 14 MAR/MARS 2028",
    "gültig bis zum 14 MRZ 2028",
    "Gültig bis 14 Mär 2028",
    "Giiltig bis 14. Mar. 2028",
    "Fecha de caducidad 14 03 2028",
    "Scadenza 14 MAR 28",
    "Valid until 14.03.28",
    "Date of expiration: 14 mars 2028",
    "Gültigkeitsdauer 14032028",
])
def test_expiry_beside_its_label(text: str) -> None:
    assert _expiry(text) == "2028-03-14"


def test_ocr_letter_for_digit_in_the_value() -> None:
    assert _expiry("Date of expiry\n1O 03 2028") == "2028-03-10"


def test_an_unreadable_expiry_beside_a_readable_issue_date_gives_no_expiry() -> None:
    # the issue label garbled, the expiry value garbled: the one date read is the issue column's
    page = "Date of nıue/Date de Oblivrarce Date of enpirwDate d’enpiration\n16 APRJAVR 07 15 APmIAR 12\n"
    assert _expiry(page) is None
    page = "Date of expiry/Date d'expiration  Date of nıue\n15 APR 29  16 APWAVR 19\n"  # the expiry opens the line
    assert _expiry(page) == "2029-04-15"


def test_ocr_faults_in_bilingual_months_and_labels() -> None:
    # the '/' of "APR/AVR" read as a letter or lost; "expiry" read with an n; a curly apostrophe
    page = "Date of issue/Date de delivrance Date of enpiry/Date d’expiration\n16 APR/AVR 07 15 APRJAVR 12\n"
    assert _expiry(page) == "2012-04-15"
    assert _expiry("Date of expiry\n15 AUGAOUT 2029") == "2029-08-15"
    page = "Date of nıue/Date de Aeivrarce Date of enpir WDate d’enpiwradon\n16 APRJAVR 07 15 APWAVR 12\n"
    assert printed_expiries([page]) == [(0, D(2012, 4, 15))]  # one label in two languages, not two labels
    assert _expiry("Date of expiry\n15 APRIL 2029") == "2029-04-15"
    assert _expiry("Date of expiry\n15 APRMAI 2029") is None  # two different months: not a date
    assert _expiry("Date of expiry\n15 APWAVR 29") == "2029-04-15"  # one letter wrong, the French name read
    assert _expiry("Date of expiry\n15 APWXYZ 29") is None  # one letter wrong and nothing to confirm it


def test_value_under_a_trilingual_label_line() -> None:
    page = ("REISEPASS / PASSPORT / PASSEPORT\n"
            "Gültig bis / Date of expiry / Date d'expiration\n"
            "14 MAR/MARS 2028\n")
    assert _expiry(page) == "2028-03-14"


def test_value_two_lines_below_with_an_ocr_line_between() -> None:
    assert _expiry("Ablaufdatum / Date of expiry\n\n|  .\n14 03 2028") == "2028-03-14"


def test_issue_and_expiry_side_by_side_take_the_expiry_column() -> None:
    page = ("Ausstellungsdatum / Date of issue    Gültig bis / Date of expiry\n"
            "15 03 2018                           14 03 2028\n")
    assert _expiry(page) == "2028-03-14"
    flipped = ("Gültig bis / Date of expiry    Ausstellungsdatum / Date of issue\n"
               "14 03 2028                     15 03 2018\n")
    assert _expiry(flipped) == "2028-03-14"


def test_column_offset_decides_when_a_column_lost_its_label() -> None:
    # the value line holds three dates under two labels: the one under the expiry label counts
    page = ("                      Ausstellungsdatum    Date of expiry\n"
            "12 05 1990  15 03 2018           14 03 2028\n")
    assert _expiry(page) == "2028-03-14"


def test_birth_date_is_never_the_expiry() -> None:
    assert _expiry("Geburtsdatum / Date of birth\n12 05 1990\n") is None
    # the expiry value not printed: the birth date below the shared label line is no expiry
    assert _expiry("Geburtsdatum / Date of birth   Gültig bis / Date of expiry\n12 05 1990\n") is None
    # a birth date among the values below an expiry label is skipped for the later one
    page = ("Date of birth  Sex  Date of expiry\n"
            "12 05 1990  M  14 03 2028\n")
    assert _expiry(page) == "2028-03-14"


def test_two_digit_birth_year_of_the_last_century_is_no_expiry() -> None:
    # no birth label OCR could read: the latest date of the value line is still not the birth date
    assert _expiry("Date 0f b1rth    Date of expiry\n12 AUG 64    15 APR 29\n") == "2029-04-15"
    assert _expiry("Date of expiry 14.03.2082") is None  # a misread year far beyond any passport's term


def test_issue_date_is_never_the_expiry() -> None:
    assert _expiry("Date of issue / Gültig bis\n14 03 2018\n") is None
    assert _expiry("Date of issue  Date of expiry\n14 03 2018\n") is None


def test_pages_and_reading_order() -> None:
    assert printed_expiries(["Aufenthaltsanzeige", "Date of expiry 01.02.2030"]) == [(1, D(2030, 2, 1))]


def test_printed_expiry_below_the_label_makes_the_passport_check_met() -> None:
    page = ("REISEPASS / PASSPORT\nName / Surname\nOEZTUERK\n"
            "Geburtsdatum / Date of birth      Geschlecht / Sex\n17.05.1990      M\n"
            "Ausstellungsdatum / Date of issue    Gültig bis / Date of expiry\n"
            "02 JAN/JAN 2019     01 JAN/JAN 2029\n")
    doc = record("identity_document", "reisepass", first=1, parties=[me()], dates=[("birth_date", "1990-05-17", 1)])
    v = compute([doc], {doc.document_id: page}, doc.akte_id, D(2024, 6, 1), main_akte=doc.akte_id)
    passport = {c.name: c for c in v.checks}["passport"]
    assert passport.verdict == "met" and "01.01.2029" in passport.value


def _passport_check(text: str, dates: list[tuple[str, str, int]]) -> tuple[str, str]:
    doc = record("identity_document", "reisepass", first=1, parties=[me()],
                 dates=[("birth_date", "1990-05-17", 1), *dates])
    v = compute([doc], {doc.document_id: text}, doc.akte_id, D(2024, 6, 1), main_akte=doc.akte_id)
    check = {c.name: c for c in v.checks}["passport"]
    return check.verdict, check.value


def test_an_extension_stamp_makes_the_latest_validity_count() -> None:
    from corpus.mrz import td3

    zone = td3(country="SYR", surname="OEZTUERK", given="MOHAMMED", number="N12345678", nationality="SYR",
               birth=D(1990, 5, 17), sex="M", expiry=D(2020, 3, 1))
    page = "REISEPASS\n" + "\n".join(zone) + "\n\nDie Gültigkeit des Passes wird verlängert bis 01.03.2025\n"
    verdict, value = _passport_check(page, [])
    assert verdict == "met" and "01.03.2025" in value
    # the date reader's first validity end (the original expiry) no longer hides the extension either
    verdict, value = _passport_check(page, [("valid_until", "2020-03-01", 1)])
    assert verdict == "met" and "01.03.2025" in value


def test_a_validity_far_beyond_the_issue_date_is_a_misread() -> None:
    page = "REISEPASS / PASSPORT\nDate of expiry 09 01 2024\n"
    verdict, value = _passport_check(page, [("document_date", "2014-01-10", 1), ("valid_until", "2044-01-09", 1)])
    assert verdict == "not_met" and "09.01.2024" in value


ICAO_DATA_PAGE = """PASSPORT  PASSEPORT  Type/Type  Code/Code  Passport No./N° de passeport
P  UTO  L898902C3
Surname/Nom
ERIKSSON
Given names/Prénoms
ANNA MARIA
Nationality/Nationalité
UTOPIAN
Date of birth/Date de naissance  Personal No./N° personnel
12 AUG/AOÛT 74  Z E 184226 B
Sex/Sexe  Place of birth/Lieu de naissance
F  ZENITH
Date of issue/Date de délivrance  Authority/Autorité
16 APR/AVR 07  PASSPORT OFFICE
Date of expiry/Date d'expiration
15 APR/AVR 12
"""

GERMAN_DATA_PAGE = """REISEPASS  PASSPORT  PASSEPORT
Name/Surname/Nom (1)
MUSTERMANN
Vornamen/Given names/Prénoms (2)
ERIKA
Geburtstag/Date of birth/Date de naissance (3)  Staatsangehörigkeit/Nationality/Nationalité (4)
12.08.1964  DEUTSCH
Geschlecht/Sex/Sexe (5)  Geburtsort/Place of birth/Lieu de naissance (6)
F  BERLIN
Datum/Date/Date (7)  Behörde/Authority/Autorité (8)
01.11.2017  Stadt Köln
Gültig bis/Date of expiry/Date d'expiration (9)
31.10.2027
"""


def test_data_pages_laid_out_as_icao_9303_part_4_describes() -> None:
    assert printed_expiries([ICAO_DATA_PAGE]) == [(0, D(2012, 4, 15))]
    assert printed_expiries([GERMAN_DATA_PAGE]) == [(0, D(2027, 10, 31))]
