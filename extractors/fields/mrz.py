"""Machine-readable zone of passports (ICAO 9303 TD3): name, birth date, expiry, check digits.

A zone only counts when its check digits hold: OCR misreads in the MRZ are common and a
wrong birth date is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

_WEIGHTS = (7, 3, 1)
_LINE = re.compile(r"[A-Z0-9<]{30,}")


def _value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    return 0  # "<"


def check_digit(field: str) -> str:
    """ICAO 9303 check digit: weights 7-3-1, A=10..Z=35, '<'=0, modulo 10."""
    return str(sum(_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field)) % 10)


@dataclass(frozen=True)
class Mrz:
    """The fields of a TD3 zone whose check digits all hold."""

    surname: str
    given_names: str
    birth_date: str  # ISO
    expiry_date: str  # ISO
    nationality: str
    number: str
    line1: str
    line2: str


def _iso(yymmdd: str, *, expiry: bool) -> str | None:
    if not yymmdd.isdigit():
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    year = 2000 + yy if expiry or yy <= 30 else 1900 + yy
    if not (1 <= mm <= 12 and 1 <= dd <= 31):
        return None
    return f"{year:04d}-{mm:02d}-{dd:02d}"


def _candidates(text: str) -> list[str]:
    out = []
    for raw in text.split("\n"):
        line = raw.replace(" ", "").replace("«", "<<").replace("‹", "<").upper()
        m = _LINE.search(line)
        if m and "<" in m.group(0):
            out.append(m.group(0))
    return out


_TO_DIGIT = str.maketrans("ODQIL|ZSBGT", "00011125867")
_TO_LETTER = str.maketrans("0125867", "OIZSBGT")
_DIGIT_POS = frozenset([9, *range(13, 20), *range(21, 28)])


def _ocr_fixed(line2: str) -> str:
    """Line 2 with OCR letter/digit swaps undone where ICAO 9303 allows only digits (dates, check digits)
    or only letters (nationality); the check digits then decide whether the reading holds."""
    chars = list(line2)
    for i, ch in enumerate(chars[:28]):
        if i in _DIGIT_POS:
            chars[i] = ch.translate(_TO_DIGIT)
        elif 10 <= i <= 12:
            chars[i] = ch.translate(_TO_LETTER)
    return "".join(chars)


def parse_td3(line1: str, line2: str) -> Mrz | None:
    """Both lines of a passport zone, or None when a check digit fails or the layout is off.

    The number, birth and expiry check digits must hold. A failing composite digit is tolerated only
    when the optional personal number fails its own digit too: the misread is there, in a field not used.
    """
    line1, line2 = line1.ljust(44, "<")[:44], _ocr_fixed(line2.ljust(44, "<")[:44])
    if not line1.startswith("P"):
        return None
    number, nat, birth, expiry = line2[0:9], line2[10:13], line2[13:19], line2[21:27]
    checks = [(line2[0:9], line2[9]), (birth, line2[19]), (expiry, line2[27])]
    if any(check_digit(f) != cd for f, cd in checks):
        return None
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    if line2[43].isdigit() and check_digit(composite) != line2[43]:
        personal_ok = line2[42] in "<" or check_digit(line2[28:42]) == line2[42]
        if personal_ok:
            return None
    birth_iso, expiry_iso = _iso(birth, expiry=False), _iso(expiry, expiry=True)
    if not birth_iso or not expiry_iso:
        return None
    surname, _, rest = line1[5:].partition("<<")
    given = rest.split("<<")[0]  # given names end at the filler, whatever OCR made of the filler after it
    surname, given = surname.replace("<", " ").strip(), given.replace("<", " ").strip()
    if not re.fullmatch(r"[A-Z ]+", surname) or not re.fullmatch(r"[A-Z ]*", given):
        return None
    return Mrz(surname, given, birth_iso, expiry_iso, nat.replace("<", ""), number.replace("<", ""), line1, line2)


def find_mrz(text: str) -> Mrz | None:
    """The first valid TD3 zone in the text (two consecutive candidate lines)."""
    cands = _candidates(text)
    for a, b in pairwise(cands):
        if a.startswith("P") and re.match(r"[A-Z0-9<]{9}\d", b):
            found = parse_td3(a, b)
            if found:
                return found
    return None


def display_name(mrz: Mrz) -> str:
    """"Given Surname" in title case, as the contract's party names read."""
    return " ".join(w.capitalize() for w in f"{mrz.given_names} {mrz.surname}".split())
