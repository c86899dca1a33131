"""ICAO 9303 machine-readable zone (TD3, passports) with correct check digits."""

from __future__ import annotations

import datetime as dt
import unicodedata

_WEIGHTS = (7, 3, 1)
_TRANSLIT = {"Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS", "İ": "I", "ı": "I", "Ş": "S", "Ğ": "G", "Ç": "C"}


def _value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise ValueError(f"not an MRZ character: {ch!r}")


def check_digit(field: str) -> str:
    """ICAO 9303 part 3 check digit: weights 7-3-1, A=10 ... Z=35, '<'=0, modulo 10."""
    return str(sum(_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field)) % 10)


def mrz_name(text: str) -> str:
    """Upper case, umlauts transliterated, diacritics dropped, other separators to '<'."""
    out = []
    for ch in text.upper():
        ch = _TRANSLIT.get(ch, ch)
        ch = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(ch if ch.isalnum() else "<")
    return "".join(out)


def _date(d: dt.date) -> str:
    return d.strftime("%y%m%d")


def td3(
    *,
    country: str,
    surname: str,
    given: str,
    number: str,
    nationality: str,
    birth: dt.date,
    sex: str,
    expiry: dt.date,
    personal: str = "",
) -> tuple[str, str]:
    """The two 44-character lines of a passport MRZ."""
    names = f"{mrz_name(surname)}<<{mrz_name(given)}"
    line1 = f"P<{country}{names}"[:44].ljust(44, "<")
    num = number.upper().ljust(9, "<")[:9]
    pers = personal.upper().ljust(14, "<")[:14]
    pers_cd = check_digit(pers) if personal else "<"
    parts = [
        num + check_digit(num),
        nationality,
        _date(birth) + check_digit(_date(birth)),
        sex,
        _date(expiry) + check_digit(_date(expiry)),
        pers + pers_cd,
    ]
    composite = parts[0] + parts[2] + parts[4] + parts[5]
    line2 = "".join(parts) + check_digit(composite)
    assert len(line1) == 44 and len(line2) == 44
    return line1, line2


def valid_td3(line2: str) -> bool:
    """True when all five check digits of a TD3 second line agree (used by tests)."""
    pers_ok = line2[42] == check_digit(line2[28:42]) or (line2[42] == "<" and set(line2[28:42]) == {"<"})
    return (
        line2[9] == check_digit(line2[0:9])
        and line2[19] == check_digit(line2[13:19])
        and line2[27] == check_digit(line2[21:27])
        and pers_ok
        and line2[43] == check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    )
