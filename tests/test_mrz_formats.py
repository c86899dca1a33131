"""ICAO 9303 machine-readable zones of all three sizes (TD1 ID cards, TD2, TD3 passports and visas), read
through the OCR faults of scanned copies; the check digits decide every repair. Lines are ICAO's published
specimens or built here with real check digits."""

from __future__ import annotations

import datetime as dt

import pytest

from eakte.case.build import compute
from extractors.fields import facts as tf
from extractors.fields.mrz import check_digit, find_all_mrz, find_mrz, parse_td3
from tests.case_records import me, record

# ICAO Doc 9303 specimens (part 4 TD3, part 5 TD1, part 6 TD2)
TD3 = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
TD1 = ("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
TD2 = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")


def _td2(code: str, number: str, birth: str, expiry: str, optional: str = "") -> tuple[str, str]:
    num = number.ljust(9, "<")
    opt = optional.ljust(7, "<")
    data = f"{num}{check_digit(num)}SYR{birth}{check_digit(birth)}M{expiry}{check_digit(expiry)}{opt}"
    composite = check_digit(data[0:10] + data[13:20] + data[21:35])
    return f"{code}SYRHADDAD<<OMAR".ljust(36, "<"), data + ("" if code.startswith("V") else composite)


def _visa_td3(number: str, birth: str, expiry: str) -> tuple[str, str]:
    num = number.ljust(9, "<")
    data = f"{num}{check_digit(num)}SYR{birth}{check_digit(birth)}M{expiry}{check_digit(expiry)}"
    return "V<D<<HADDAD<<OMAR".ljust(44, "<"), data.ljust(44, "<")


def _read(text: str) -> tuple[str, str, str, str, str, bool] | None:
    z = find_mrz(text)
    return (z.format, z.number, z.birth_date, z.expiry_date, z.nationality, z.is_passport) if z else None


ANNA_TD3 = ("TD3", "L898902C3", "1974-08-12", "2012-04-15", "UTO", True)
ANNA_TD1 = ("TD1", "D23145890", "1974-08-12", "2012-04-15", "UTO", False)


def test_icao_specimens_of_all_three_sizes() -> None:
    assert _read("\n".join(TD3)) == ANNA_TD3
    assert _read("\n".join(TD1)) == ANNA_TD1
    assert _read("\n".join(TD2)) == ("TD2", "D23145890", "1974-08-12", "2012-04-15", "UTO", False)
    td1 = find_mrz("\n".join(TD1))
    assert td1 and (td1.surname, td1.given_names, td1.document_code) == ("ERIKSSON", "ANNA MARIA", "I<")


@pytest.mark.parametrize("line2", [
    "L898902C36UT07408122F1204159ZE184226B<<<<<10",  # 0 for O in the nationality
    "L898902C36UTO74O8l22F12O4IS9ZE184226B<<<<<10",  # O, l, I, S for digits in the dates
    "L8989O2C36UTO7408122F1204159ZE184226B<<<<<10",  # O for 0 in the alphanumeric number: its digit decides
    "L898902C3bUTO7408122F1204159ZE184226B<<<<<1O",  # check digits misread as letters (b → 6 is no OCR pair)
    "L898902C36 UTO 7408122 F 1204159 ZE184226B «<<<1 0",  # spaces, « for <<
    "L898902C36UTO7408122F1204159ZE184226B<<<<10",  # a filler lost
    "L898902C36UTO7408122F1204159ZE184226B<<<<<<<10",  # two fillers doubled
    "L898902C36UTO7408122F1204159ZE184226B<<<<<1",  # the composite digit lost at the end: not checked
    "L898902C36UTO7408122F1204159ZE184226B((<<(10",  # filler runs read as brackets
])
def test_td3_read_through_ocr_faults(line2: str) -> None:
    got = _read(f"REISEPASS\n{TD3[0]}\n{line2}\n")
    if "b" in line2:  # 'b' is no OCR confusion of a digit: the number's check digit cannot be read
        assert got is None
    else:
        assert got == ANNA_TD3


def test_a_filler_read_as_k_does_not_break_the_composite_digit() -> None:
    data = _passport_data("N12345678", "900517", "290301")
    noisy = data[:32] + "K" + data[33:36] + "C" + data[37:]  # the empty personal number's filler: '<' as K, C
    assert _read(f"{'P<SYRHADDAD<<OMAR'.ljust(44, '<')}\n{noisy}") == (
        "TD3", "N12345678", "1990-05-17", "2029-03-01", "SYR", True)
    wrong = data[:-1] + str((int(data[-1]) + 1) % 10)  # a composite digit that fails for real still fails
    assert _read(f"{'P<SYRHADDAD<<OMAR'.ljust(44, '<')}\n{wrong}") is None


def test_td3_lines_split_or_joined() -> None:
    assert _read(f"{TD3[0]} {TD3[1]}") == ANNA_TD3  # both lines on one text line
    assert _read(f"{TD3[0]}\n{TD3[1][:20]}\n{TD3[1][20:]}") == ANNA_TD3  # the data line broken in two
    assert _read(f"{TD3[0][:-3]}\n{TD3[1]}") == ANNA_TD3  # the names line lost filler
    bracketed = find_mrz(f"{TD3[0].replace('<', '(')}\n{TD3[1]}")  # the names line's fillers read as brackets
    assert bracketed and (bracketed.surname, bracketed.given_names, bracketed.expiry_date) == (
        "ERIKSSON", "ANNA MARIA", "2012-04-15")


def test_td1_read_through_ocr_faults() -> None:
    noisy = ("1<UTOD23I458907<<<<<<<<<<<<<<", "74O8122F12O4159UT0<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<")
    assert _read("PERSONALAUSWEIS\n" + "\n".join(noisy)) == ANNA_TD1


def test_a_failing_check_digit_is_never_repaired_into_a_date() -> None:
    wrong_birth = TD3[1][:13] + "7408132" + TD3[1][20:]
    assert find_mrz(f"{TD3[0]}\n{wrong_birth}") is None
    assert parse_td3(TD3[0], wrong_birth) is None
    wrong_expiry = TD1[1][:8] + "1204149" + TD1[1][15:]  # 5 → 4: no OCR-B confusion, no repair
    assert find_mrz("\n".join([TD1[0], wrong_expiry, TD1[2]])) is None


def test_a_digit_read_as_another_is_repaired_only_with_the_composite_digit() -> None:
    # "120415" read as "126415" (0 → 6) and "1204169" (5 → 6): the expiry's and the composite digit agree
    # on one reading only
    assert _read(f"{TD3[0]}\n{TD3[1][:21]}1264159{TD3[1][28:]}") == ANNA_TD3
    # ... also when the personal number carries a misread of its own (Z read as 2), repaired by its digit
    assert _read(f"{TD3[0]}\n{TD3[1][:21]}1264159{TD3[1][28:].replace('Z', '2')}") == ANNA_TD3
    assert _read("\n".join([TD1[0], TD1[1][:8] + "1204169" + TD1[1][15:], TD1[2]])) == ANNA_TD1
    # without a composite digit to confirm it (a visa), the same misread is not repaired
    visa = _visa_td3("C01X00T47", "900517", "300101")
    assert find_mrz(f"{visa[0]}\n{visa[1][:21]}3061{visa[1][25:]}") is None


def test_passport_zones_and_other_papers() -> None:
    passport_td2 = _td2("P<", "AB1234567", "900517", "300101")
    visa_td2 = _td2("V<", "AB1234567", "900517", "300101")
    visa_td3 = _visa_td3("C01X00T47", "900517", "300101")
    assert tf.is_passport(["\n".join(TD3)]) and tf.is_passport(["\n".join(passport_td2)])
    assert not tf.is_passport(["\n".join(TD1)]) and not tf.is_passport(["\n".join(TD2)])
    assert not tf.is_passport(["\n".join(visa_td2)]) and not tf.is_passport(["\n".join(visa_td3)])
    assert _read("\n".join(visa_td3)) == ("TD3", "C01X00T47", "1990-05-17", "2030-01-01", "SYR", False)
    # a diplomatic passport PD is a passport, an ID card's zone beside it does not hide it
    pd = (TD3[0].replace("P<", "PD", 1), TD3[1])
    zones = find_all_mrz("\n".join([*TD1, "", *pd]))
    assert [(z.format, z.document_code, z.is_passport) for z in zones] == [("TD1", "I<", False), ("TD3", "PD", True)]


def test_the_passport_check_reads_the_passport_zone_not_a_residence_card_beside_it() -> None:
    card = ("AR<D" + TD1[0][4:], TD1[1][:8] + "2505018" + TD1[1][15:29], TD1[2])  # expired card, digits fixed
    card_l2 = card[1] + check_digit(card[0][5:30] + card[1][0:7] + card[1][8:15] + card[1][18:29])
    passport = ("P<SYRHADDAD<<OMAR".ljust(44, "<"), _passport_data("N12345678", "900517", "290301"))
    doc = record("identity_document", "reisepass", first=1, parties=[me()], dates=[("birth_date", "1990-05-17", 1)])
    text = "\n".join([card[0], card_l2, card[2], "", *passport])
    v = compute([doc], {doc.document_id: text}, doc.akte_id, dt.date(2026, 6, 1), main_akte=doc.akte_id)
    check = {c.name: c for c in v.checks}["passport"]
    assert check.verdict == "met" and "01.03.2029" in check.value


def _passport_data(number: str, birth: str, expiry: str) -> str:
    num = number[:9]
    data = f"{num}{check_digit(num)}SYR{birth}{check_digit(birth)}M{expiry}{check_digit(expiry)}" + "<" * 15
    return data + check_digit(data[0:10] + data[13:20] + data[21:43])


def test_a_composite_digit_read_as_a_letter_is_unread_not_wrong() -> None:
    # seen family A, seed 12: OCR read the composite digit 6 as "b"; number, birth and expiry digits hold
    line1 = "P<AFGHOSSEINI<<SAYED<<<<<<<<<<<<<<<<<<<<<<<<"
    line2 = "A357425769AFG0209076M2307091<<<<<<<<<<<<<<<"
    found = find_mrz(f"{line1}\n{line2}b")
    assert found is not None and found.expiry_date == "2023-07-09"
    assert find_mrz(f"{line1}\n{line2}3") is None  # a digit that contradicts them still refutes the zone
