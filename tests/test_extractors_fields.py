"""Unit tests of the field extractors: file numbers, dates with roles, courts, MRZ, folios."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.classify import classify
from extractors.fields.courts import find_courts, pick_court, with_date
from extractors.fields.dates import choose_document_date, find_dates, find_month_periods
from extractors.fields.file_numbers import find_file_numbers, mask, recover_authority
from extractors.fields.folios import find_folio
from extractors.fields.mrz import check_digit, find_mrz, parse_td3
from extractors.fields.normalize import clean


@pytest.mark.parametrize(("text", "value"), [
    ("Az.: M 26 K 17.32338", "M 26 K 17.32338"),
    ("VG 23 K 349.15 A wegen Asylrecht", "23 K 349.15 A"),
    ("BVerwG 1 C 10.22", "1 C 10.22"),
    ("22 K 3443/18.A", "22 K 3443/18.A"),
    ("10 A 10472/14.OVG", "10 A 10472/14.OVG"),
    ("7 K 2127/10.F", "7 K 2127/10.F"),
    ("3 B 76/10 MD", "3 B 76/10 MD"),
    ("2K 114.11", "2 K 114.11"),
    ("Az.:A6S 5112/17 |", "A 6 S 5112/17"),
    ("l K 5176/18.A", "1 K 5176/18.A"),
    ("1O CS 19.31100", "10 CS 19.31100"),
    ("13 L S19/19", "13 L 519/19"),
    ("22 K 1452/22,4", "22 K 1452/22.A"),
    ("24 ZB 23,386", "24 ZB 23.386"),
    ("Ww 29 S 19.30289", "W 29 S 19.30289"),  # OCR doubled the Bavarian place letter
    ("22 1 715/20.A", "22 L 715/20.A"),  # the register L read as 1
])
def test_court_file_numbers_found_and_normalised(text: str, value: str) -> None:
    hits = [h for h in find_file_numbers(text) if h.kind == "court"]
    assert [h.value for h in hits] == [value]
    assert hits[0].normalized == value.replace(" ", "").replace(".", "").upper()


def test_bamf_and_authority_numbers() -> None:
    hits = find_file_numbers("Gesch.-Z.: 8765432-423\nund 12345678-1-439\nAz.: 32.1-4711/23 Sachbearbeiter")
    assert [(h.kind, h.value) for h in hits] == [
        ("bamf", "8765432-423"), ("bamf", "12345678-1-439"), ("authority", "32.1-4711/23")]
    spaced = find_file_numbers("vertreten durch den Landrat, Az.: 32. 1-35055/16, Beklagter")
    assert [(h.kind, h.value) for h in spaced] == [("authority", "32.1-35055/16")]
    assert find_file_numbers("Kapitel 22 1 715/20 ff.") == []  # a "1" is a register only before ".A"
    # OCR read the label's Z as 2 and split the number; a labelled number lost the slash before its year
    assert [h.value for h in find_file_numbers("Gesch.-2.: 51 724912-3-475")] == ["51724912-3-475"]
    assert [h.value for h in find_file_numbers("Ihr Zeichen: 30/2-8455915")] == ["30/2-84559/15"]
    # a labelled BAMF number whose dash OCR read as a dot; unlabelled, such a number stays unread
    assert [(h.kind, h.value) for h in find_file_numbers("an BA Gesch.-Z.: 3099595.438")] == [("bamf", "3099595-438")]
    assert find_file_numbers("Betrag 3099595.438") == []


def test_citation_furniture_is_no_file_number() -> None:
    assert find_file_numbers("Art 8 Abs 1 S 1 Nr 3 UIG, § 60 Abs. 5 AufenthG") == []
    assert find_file_numbers("i.V.m. 88 708 NO 11, 711 ZPO; §§ 708 N 11,711 ZPO; Betrag 3 K 12,50") == []


def test_bavarian_file_number_is_not_a_date() -> None:
    text = "Az.: M 26 K 17.32338, eingegangen am 12.03.2024"
    masked = mask(text, find_file_numbers(text))
    assert [d.value for d in find_dates(masked)] == ["2024-03-12"]


@pytest.mark.parametrize(("text", "value", "role"), [
    ("Verkündet am 18. Juni 2015", "2015-06-18", "document_date"),
    ("geboren am 01.02.1995 in Kabul", "1995-02-01", "birth_date"),
    ("geb. 1.2.95", "1995-02-01", "birth_date"),
    ("Köln, den 12.03.2024", "2024-03-12", "document_date"),
    ("am 3. Februar 2011 beschlossen:", "2011-02-03", "document_date"),
    ("aufgrund der mündlichen Verhandlung vom 18. Juni 2015", "2015-06-18", "hearing_date"),
    ("Eingegangen 14. MRZ. 2024", "2024-03-14", "receipt_date"),
    ("gültig bis 31.12.2025", "2025-12-31", "valid_until"),
    ("eingereist am 12.3.24", "2024-03-12", "entry_date"),
    ("Er reiste am 26.03.2020 in die\nBundesrepublik Deutschland ein", "2020-03-26", "entry_date"),
    ("hält sich seit dem 10.10.2018 ununterbrochen im Bundesgebiet auf", "2018-10-10", "entry_date"),
    ("und stellte am 4. Dezember 2014 einen Asylantrag.", "2014-12-04", "application_date"),
    ("Ihr Antrag auf Erteilung einer Aufenthaltserlaubnis vom 19.01.2022", "2022-01-19", "application_date"),
    ("Der Bescheid wurde am\n01.12.2021 zugestellt.", "2021-12-01", "service_date"),
    ("Das Schriftstück habe ich übergeben am\n\n26.05.2025", "2025-05-26", "service_date"),
    ("zur persönlichen Anhörung am 29.07.2019 um 10:00 Uhr", "2019-07-29", "hearing_date"),
    ("seit dem 4. Februar 2022 in unserem Betrieb in Vollzeit", "2022-02-04", "employment_start"),
    # OCR layouts: the label row above its value row; a dot read for the comma; two columns on one line
    ("Das Schriftstück habe ich übergeben am Uhrzeit\n\n30.11.2022 9:15", "2022-11-30", "service_date"),
    ("Ort, Datum: Hennef (Sieg). 08.08.2024", "2024-08-08", "document_date"),
    ("Amt für Ausländerangelegenheiten Königswinter, 06.10.2021", "2021-10-06", "document_date"),
    ("Ausstellungsdatum /Dateof 0203 2008", "2008-03-02", "document_date"),
    ("Erstelit am: 30.12.2022", "2022-12-30", "document_date"),
    ("am 04.04.2018 durch\n\nhat die 2. Kammer des Gerichts\n\nden Richter Brückner beschlossen:", "2018-04-04",
     "document_date"),  # OCR put the lines of "hat ... am ... durch den Richter ... beschlossen" out of order
    ("am 01.02.2020 durch Bescheid abgelehnt. Die Kammer hat beschlossen", "2020-02-01", "other"),
])
def test_date_roles(text: str, value: str, role: str) -> None:
    hits = find_dates(text)
    assert [(h.value, h.role) for h in hits] == [(value, role)]


def test_pay_period_pairs() -> None:
    assert [(h.value, h.role) for h in find_dates("Zeitraum: 01.03.2024 bis 31.03.2024")] == [
        ("2024-03-01", "pay_period_start"), ("2024-03-31", "pay_period_end")]
    assert [(h.value, h.role) for h in find_month_periods("Abrechnungsmonat: März 2024")] == [
        ("2024-03-01", "pay_period_start"), ("2024-03-31", "pay_period_end")]


def test_spaced_eight_digits_are_a_date_only_after_a_date_label() -> None:
    assert find_dates("Kundennummer 0203 2008") == []


def test_impossible_dates_are_dropped() -> None:
    assert find_dates("am 31.02.2024 und 12.13.2024") == []


def test_birth_date_never_document_date() -> None:
    text = "Herr Ali Karimi, geboren am 01.01.1990,\nwohnhaft in Bonn\nDuldung gültig bis 30.06.2024"
    hits = [(0, h) for h in find_dates(text)]
    chosen = choose_document_date(hits, "residence_document")
    assert chosen is None or chosen[1].role != "birth_date"


def test_verkuendet_beats_hearing_and_cited_dates() -> None:
    text = ("Urteil vom 3. April 2014 - 7 C 12.13 -\naufgrund der mündlichen Verhandlung vom 10. Mai 2016\n"
            "Verkündet am 24. Mai 2016")
    fns = find_file_numbers(text)
    hits = [(0, h) for h in find_dates(mask(text, fns), tuple(h.start for h in fns))]
    chosen = choose_document_date(hits, "court_decision")
    assert chosen is not None and chosen[1].value == "2016-05-24"


@pytest.mark.parametrize(("text", "ctype", "place"), [
    ("OBERVERWALTUNGSGERICHT DES SAARLANDES\n", "OVG", "Saarland"),
    ("Oberverwaltungsgericht für das Land Nordrhein-Westfalen\n", "OVG", "Nordrhein-Westfalen"),
    ("Bayerischer Verwaltungsgerichtshof\n", "VGH", "Bayern"),
    ("Bayerisches Verwaltungsgericht Würzburg\n", "VG", "Würzburg"),
    ("VERWALTUNGSGERICHT\nBERLIN\n", "VG", "Berlin"),
    ("OBERVERWALTUNGSGERICHT\nBERLIN-BRANDENBURG\n", "OVG", "Berlin-Brandenburg"),
    ("Verwaltungsgericht Frankfurt am Main\n", "VG", "Frankfurt am Main"),
    ("Verwaltungsgericht Dusseldorf\n", "VG", "Düsseldorf"),
    ("Hamburgisches Oberverwaltungsgericht\n", "OVG", "Hamburg"),
    ("Landgericht Berlin\n", "LG", "Berlin"),
])
def test_courts_normalised(text: str, ctype: str, place: str) -> None:
    court = pick_court(find_courts(text))
    assert court is not None and (court.type, court.place) == (ctype, place)


def test_cited_court_loses_to_heading() -> None:
    text = ("gegen das Urteil des Verwaltungsgerichts Köln vom 1.2.2020\n"
            "OBERVERWALTUNGSGERICHT FÜR DAS LAND NORDRHEIN-WESTFALEN\n")
    court = pick_court(find_courts(text))
    assert court is not None and court.type == "OVG"


def test_bverwg_seat_depends_on_date() -> None:
    court = pick_court(find_courts("BUNDESVERWALTUNGSGERICHT\n"))
    assert with_date(court, "2001-05-01").place == "Berlin"  # type: ignore[union-attr]
    assert with_date(court, "2016-04-14").place == "Leipzig"  # type: ignore[union-attr]


def _td3() -> tuple[str, str]:
    num, birth, expiry = "N1234567<", "990102", "270506"
    line2 = f"{num}{check_digit(num)}SYR{birth}{check_digit(birth)}F{expiry}{check_digit(expiry)}" + "<" * 14 + "<"
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return "P<SYRAL<HASSAN<<AMINA".ljust(44, "<"), line2 + check_digit(composite)


def test_mrz_parsed_with_check_digits() -> None:
    l1, l2 = _td3()
    mrz = find_mrz(f"REISEPASS\n{l1}\n{l2.replace('<', '< ', 2)}\n")
    assert mrz is not None
    assert (mrz.surname, mrz.given_names, mrz.birth_date, mrz.expiry_date) == (
        "AL HASSAN", "AMINA", "1999-01-02", "2027-05-06")


def test_mrz_wrong_check_digit_rejected() -> None:
    l1, l2 = _td3()
    bad = l2[:13] + "990103" + l2[19:]  # birth date changed, check digit kept
    assert parse_td3(l1, bad) is None


def test_mrz_check_digit_matches_icao_example() -> None:
    assert check_digit("L898902C3") == "6"  # ICAO 9303 part 4 specimen
    assert check_digit(dt.date(1974, 8, 12).strftime("%y%m%d")) == "2"


def test_folio() -> None:
    assert find_folio("Bl. 37\nText der Seite\nmehr") == "Bl. 37"
    assert find_folio("Text\nim BGBl. I S. 37 steht\nEnde") is None


def test_classify_court_decision_with_evidence() -> None:
    cls = classify("VERWALTUNGSGERICHT KÖLN\nIM NAMEN DES VOLKES\nURTEIL\nIn dem verwaltungsgerichtlichen Verfahren")
    assert (cls.doc_type, cls.doc_subtype) == ("court_decision", "urteil")
    assert "im_namen_des_volkes" in cls.evidence and cls.confidence > 0.8


def test_classify_nothing_is_other_with_low_confidence() -> None:
    cls = classify("lorem ipsum dolor")
    assert cls.doc_type == "other" and cls.confidence < 0.5


def test_form_label_row_gives_column_roles_even_with_a_garbled_cell() -> None:
    text = "Gültig ab Gültig bis Ausgestellt am\n03x12.2018 01.06.2019 03.12.2018\n"
    assert [(h.value, h.role) for h in find_dates(text)] == [
        ("2019-06-01", "valid_until"), ("2018-12-03", "document_date")]


@pytest.mark.parametrize("stamp", ["B[.141", "BL. 141", "B(.141", "2. Bl.141"])
def test_folio_ocr_variants(stamp: str) -> None:
    assert find_folio(f"{stamp}\nRhein-Sieg-Kreis\nVermerk") == "Bl. 141"


def test_numbered_form_labels_and_the_extension_table_give_column_roles() -> None:
    text = ("3. Geburtsdatum 4. Geburtsort\n01.01.1989 Homs\n\n7. Einreisedatum 8. Aktenzeichen\n20.10.2017\n"
            "verlängert bis am Behörde\n16.10.2022 17.04.2022 Stadt Bonn")
    assert [h.role for h in find_dates(text)] == ["birth_date", "entry_date", "valid_until", "other"]


def test_card_columns_read_out_of_order_are_put_right() -> None:
    # OCR stacked the values and read the birth date in between: the values still say which is which
    text = ("Geburtsdatum Geburtsort\nBonn\nGültig ab Gültig bis Ausgestellt am\n26.04.2021\n\n05.03.1974\n\n"
            "25.07.2021\n\n26.04.2021\n")
    assert [(h.value, h.role) for h in find_dates(text)] == [
        ("2021-04-26", "valid_from"), ("1974-03-05", "birth_date"), ("2021-07-25", "valid_until"),
        ("2021-04-26", "document_date")]
    # two of three cells read: the later one is the end of validity
    two = find_dates("Gültig ab Gültig bis Ausgestellt am\n27.02.2024 29.11.2023\n")
    assert [(h.value, h.role) for h in two] == [("2024-02-27", "valid_until"), ("2023-11-29", "valid_from")]


def test_application_form_signature_date_is_application_and_document_date() -> None:
    hits = find_dates("Ort, Datum\nBornheim, 07.11.2019", doc_type="application")
    assert [(h.value, h.role) for h in hits] == [("2019-11-07", "application_date")]
    chosen = choose_document_date([(0, h) for h in hits], "application")
    assert chosen is not None and chosen[1].value == "2019-11-07"


def test_month_period_not_listed_twice() -> None:
    text = "Abrechnungsmonat: Juni 2018\nAbrechnungszeitraum: 01.06.2018 - 30.06.2018"
    hits = find_dates(text)
    assert find_month_periods(text, hits) == []
    assert len(find_month_periods("Abrechnungsmonat: Juni 2018", [])) == 2


def test_bamf_number_split_by_ocr_only_after_its_label() -> None:
    assert [(h.kind, h.value) for h in find_file_numbers("Gesch.-Z.: 50381 15-163")] == [("bamf", "5038115-163")]
    assert find_file_numbers("Telefon 02241 13-456") == []


@pytest.mark.parametrize(("text", "value"), [
    ('Sankt Augustin, 02.03 -"2020', "2020-03-02"),
    ("Bornheim, 15 '10.2018", "2018-10-15"),
    ("Datum: 26.10:2013", "2013-10-26"),
    ("Datum: 02.0472013", "2013-04-02"),
])
def test_ocr_smudged_dates(text: str, value: str) -> None:
    assert [h.value for h in find_dates(text)] == [value]


def test_letter_for_digit_in_a_passport_date_column() -> None:
    assert [(h.value, h.role) for h in find_dates(clean("Ausstellungsdatum / Date of 10 i1 2016\nissue"))] == [
        ("2016-11-10", "document_date")]


def test_amounts_are_no_smudged_dates() -> None:
    assert find_dates("Betrag 12,50 2019 Stunden 14,02 2020") == []


def test_court_number_on_its_own_line_is_marked_alone() -> None:
    hits = find_file_numbers("GERICHTSBESCHEID\n17 K 4519/21\nvgl. Urteil vom 3.4.2014 - 7 C 12.13 -")
    assert [(h.value, h.alone, h.cited) for h in hits] == [("17 K 4519/21", True, False), ("7 C 12.13", False, True)]


def test_compact_date_only_after_a_date_label() -> None:
    assert [(h.value, h.role) for h in find_dates("Ausstellungsdatum / Date of 31102011\nissue")] == [
        ("2011-10-31", "document_date")]
    assert find_dates("Betriebsnummer 12012019") == []


def test_named_decision_outranks_a_cited_directive_date() -> None:
    hits = [(0, h) for h in find_dates("Richtlinie des Rates vom 7. Juni 1990\nOVG NRW, Urteil vom 19. 1. 1995")]
    chosen = choose_document_date(hits, "court_decision")
    assert chosen is not None and chosen[1].value == "1995-01-19"


def test_lower_instance_is_no_deciding_court() -> None:
    assert pick_court(find_courts("I. Instanz: VG Minden 8 K 1536/90")) is None


def test_authority_number_recovered_from_its_garbled_print() -> None:
    assert recover_authority("Rz... 32.1..122341722\nVermerk", ["32.1-12234/22"]) == "32.1-12234/22"
    assert recover_authority("202.03,2013 32.1-889017.15", ["32.1-88901/15"]) == "32.1-88901/15"
    assert recover_authority("Telefon 02241 13-4567", ["32.1-12234/22"]) is None


def test_receipt_stamp_read_into_the_letterhead() -> None:
    text = "Bundesstadt Bonn\nEingegangen\nWT Kara 05. APR. 2023\n\nBayerisches Verwaltungsgericht Würzburg"
    assert [(h.value, h.role) for h in find_dates(text)] == [("2023-04-05", "receipt_date")]
    form = "7. Einreisedatum\n\nRhein-Sieg-Kreis\nEING.\n14.04.2017\n"
    assert [h.role for h in find_dates(form)] == ["receipt_date"]


def test_validity_end_after_an_unreadable_start() -> None:
    assert [(h.value, h.role) for h in find_dates("gültig vom 07.1 1.2022 bis zum 7. November 2023.")] == [
        ("2022-11-07", "valid_from"), ("2023-11-07", "valid_until")]
    assert [h.role for h in find_dates("gültig vom ?? bis zum 7. November 2023")] == ["valid_until"]


def test_letter_date_after_a_place_ocr_gave_a_dot() -> None:
    hits = find_dates("Abteilung Ausländerwesen Troisdorf. 13.03.2017\n\nEuskirchen")
    assert [(h.value, h.role) for h in hits] == [("2017-03-13", "document_date")]


def test_bare_stamped_folio_heads_the_page_but_page_numbers_and_years_do_not() -> None:
    assert find_folio("122\n23 K 6498/16\nVERWALTUNGSGERICHT") == "Bl. 122"
    assert find_folio("- 12 -\nText der Seite\nmehr") is None
    assert find_folio("2016\nJahresbericht\nmehr") is None
    assert find_folio("Kopfzeile\nText\n305\nmehr Text\nEnde") is None  # third line: body, not a stamp


def test_court_number_whose_space_after_the_register_letter_ocr_dropped() -> None:
    found = {(h.kind, h.normalized) for h in find_file_numbers("BVerwG 7 C3.15\nOVG 12 B2.13")}
    assert found == {("court", "7C315"), ("court", "12B213")}
    assert find_file_numbers("7C3.15 ohne Abstand vor dem Buchstaben") == []
