"""Machine-readable zones of travel and identity documents (ICAO 9303): TD1 (ID cards, residence cards,
3 × 30), TD2 (2 × 36) and TD3 (passports, MRV-A visas, 2 × 44): name, birth date, expiry, check digits.

A zone only counts when its check digits hold: OCR misreads in the MRZ are common and a wrong birth date is
worse than none. The check digits also decide the repairs: letters OCR put where only digits may stand
(dates, check digits) and digits where only letters may (nationality, issuing state) are swapped back, an
alphanumeric document number is read in the O/0, I/1, S/5 … variant its check digit confirms (L/1 and G/6
weigh the same modulo 10, so those stay as read), and a line one or two characters short or long (a filler
OCR lost or doubled, "«" for "<<", a line split or joined) is realigned on the
fixed fields. Which zone is a national passport (document code P…) is `Mrz.is_passport`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations, pairwise, product

_WEIGHTS = (7, 3, 1)
_FORMATS = {"TD1": (30, 3), "TD2": (36, 2), "TD3": (44, 2)}  # line length, lines
_CODES = {"TD1": "IAC", "TD2": "IACPV", "TD3": "PV"}  # first letter of the document code a format allows
_DATA_SLACK = 2  # characters a data line may be short or long
_NON_MRZ = re.compile(r"[^A-Z0-9<]")


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
    """The fields of a zone whose check digits hold."""

    surname: str
    given_names: str
    birth_date: str  # ISO
    expiry_date: str  # ISO
    nationality: str
    number: str
    line1: str
    line2: str
    document_code: str = "P"  # "P<", "PP", "ID", "I<", "AR", "V<" … ('<' kept)
    format: str = "TD3"
    line3: str = ""

    @property
    def is_passport(self) -> bool:
        """A national passport (ICAO document code P, any second letter); not an ID or residence card, nor a
        visa."""
        return self.document_code.startswith("P")


def _iso(yymmdd: str, *, expiry: bool) -> str | None:
    if not yymmdd.isdigit():
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    pivot = 70 if expiry else 31  # no paper valid past 2069; no holder born after 2030
    year = 2000 + yy if yy < pivot else 1900 + yy
    if not (1 <= mm <= 12 and 1 <= dd <= 31):
        return None
    return f"{year:04d}-{mm:02d}-{dd:02d}"


_TO_DIGIT = str.maketrans("ODQIL|ZSBGTA", "000111258674")
_TO_LETTER = str.maketrans("01245867", "OIZASBGT")
# the readings OCR confuses in an alphanumeric field (document number): the check digit picks one
_ALTS = {"O": "0QD", "0": "OQD", "Q": "0O", "D": "0O", "I": "1L", "1": "IL", "L": "1I", "Z": "2", "2": "Z",
         "S": "5", "5": "S", "B": "8", "8": "B", "G": "6", "6": "G", "T": "7", "7": "T"}
_MAX_SWAPS = 2


def _digits(s: str) -> str:
    return s.translate(_TO_DIGIT)


def _letters(s: str) -> str:
    return s.translate(_TO_LETTER)


def _letters_after_digits(reading: str) -> int:
    """Letters after the first digit: numbers are a letter prefix and digits far more often than not."""
    first = next((i for i, c in enumerate(reading) if c.isdigit()), len(reading))
    return sum(c.isalpha() for c in reading[first:])


def _number(field: str, cd: str) -> str | None:
    """The reading of a document number whose check digit `cd` holds, with the fewest OCR swaps (at most
    two). Several readings with as few swaps (the digit is modulo 10; the composite digit cannot tell them
    apart either, it weighs the number alike): the one shaped like a number, letters before digits."""
    if not cd.isdigit():
        return None
    if check_digit(field) == cd:
        return field
    spots = [i for i, ch in enumerate(field) if ch in _ALTS]
    for k in range(1, _MAX_SWAPS + 1):
        hits = []
        for where in combinations(spots, k):
            for alts in product(*(_ALTS[field[i]] for i in where)):
                chars = list(field)
                for i, a in zip(where, alts, strict=True):
                    chars[i] = a
                reading = "".join(chars)
                if check_digit(reading) == cd:
                    hits.append(reading)
        if hits:
            return min(hits, key=_letters_after_digits)
    return None


_STRAY = re.compile(r"(?:(?<=<)|^)[KCEL](?=<|$)")


def _filler(field: str) -> str:
    """An optional-data field that is filler but for one or two K, C, E or L amid it (how OCR reads a '<'):
    all filler, so the composite digit is computed over what was printed."""
    return _STRAY.sub("<", field) if field.count("<") >= len(field) - 2 else field


def _names(line: str) -> tuple[str, str] | None:
    line = _letters(line)
    surname, _, rest = line.partition("<<")
    given = rest.split("<<")[0]  # given names end at the filler, whatever OCR made of the filler after it
    surname, given = surname.replace("<", " ").strip(), given.replace("<", " ").strip()
    if not re.fullmatch(r"[A-Z ]+", surname) or not re.fullmatch(r"[A-Z ]*", given):
        return None
    return surname, given


def _code(line: str, fmt: str) -> str | None:
    code = _letters(line[:2])
    return code if code[:1] and code[0] in _CODES[fmt] else None


# digits OCR takes for one another in OCR-B: a date is repaired with them only when its check digit and the
# composite digit then hold and no other such reading does
_DIGIT_ALTS = {"0": "68", "6": "058", "8": "036", "3": "8", "5": "6", "1": "7", "7": "1"}


def _readings(field: str) -> list[str]:
    """A date with its check digit (7 characters): as read when the digit holds, else every reading with one
    digit swapped for one OCR confuses it with that makes the digit hold."""
    if check_digit(field[:6]) == field[6]:
        return [field]
    out = []
    for i, ch in enumerate(field):
        for alt in _DIGIT_ALTS.get(ch, ""):
            r = field[:i] + alt + field[i + 1:]
            if r.isdigit() and check_digit(r[:6]) == r[6]:
                out.append(r)
    return out


def _repaired(birth: str, expiry: str, composite_ok: Callable[[str], bool]) -> tuple[str, str, str, str] | None:
    """Birth and expiry (each with its check digit) repaired for digit-for-digit misreads, when exactly one
    reading of both holds its own digits and the composite one."""
    pairs = [(b, e) for b in _readings(birth) for e in _readings(expiry)
             if _iso(b[:6], expiry=False) and _iso(e[:6], expiry=True) and composite_ok(b + e)]
    if len(pairs) != 1:
        return None
    b, e = pairs[0]
    return b[:6], b[6], e[:6], e[6]


def _dates(birth: str, bcd: str, expiry: str, ecd: str) -> tuple[str, str] | None:
    if check_digit(birth) != bcd or check_digit(expiry) != ecd:
        return None
    birth_iso, expiry_iso = _iso(birth, expiry=False), _iso(expiry, expiry=True)
    return (birth_iso, expiry_iso) if birth_iso and expiry_iso else None


def _parse_two(fmt: str, line1: str, line2: str) -> Mrz | None:
    """TD2 / TD3: names in line 1, the data in line 2 (both at their exact length)."""
    code = _code(line1, fmt)
    if not code:
        return None
    d = line2[:28]
    ncd, nat = _digits(d[9]), _letters(d[10:13])
    birth, bcd, expiry, ecd = _digits(d[13:19]), _digits(d[19]), _digits(d[21:27]), _digits(d[27])
    tail = line2[28:]
    visa = code[0] == "V"  # machine-readable visas carry no composite digit
    composite = None if visa else _digits(tail[-1])
    optional = _filler(tail if visa else tail[:-1])
    optionals = [optional]
    if fmt == "TD3" and not visa:  # the personal number; its reading repaired by its own digit may serve the
        pcd = _digits(optional[-1])  # composite digit too
        optional = optional[:-1] + pcd
        personal = _number(optional[:-1], pcd) if optional[:-1].strip("<") else None
        optionals = [optional] + ([personal + pcd] if personal and personal != optional[:-1] else [])
    number = _number(d[0:9], ncd)
    if not number:
        return None
    dates = _dates(birth, bcd, expiry, ecd)
    # a composite digit OCR read as a letter ('b' for 6) is unread: when the number, birth and expiry check
    # digits were read as digits and hold without any repair, it neither confirms nor refutes them
    unread = (not visa and not tail[-1].isdigit() and bool(dates) and number == d[0:9]
              and all(d[i].isdigit() for i in (9, 19, 27)))
    if not dates and composite and composite.isdigit():
        fixed = _repaired(birth + bcd, expiry + ecd,
                          lambda be: any(check_digit(number + ncd + be + o) == composite for o in optionals))
        if fixed:
            birth, bcd, expiry, ecd = fixed
            dates = _dates(birth, bcd, expiry, ecd)
    if not dates:
        return None
    middle = birth + bcd + expiry + ecd
    if composite and composite.isdigit() and not unread and all(check_digit(number + ncd + middle + o) != composite
                                                                for o in optionals):
        if fmt == "TD3":  # tolerated when the personal number fails its own digit: the misread is there
            if optional[-1] == "<" or check_digit(optional[:-1]) == optional[-1]:
                return None
        elif not optional.strip("<"):  # nothing unused where the misread could be
            return None
    names = _names(line1[5:])
    if not names:
        return None
    return Mrz(names[0], names[1], dates[0], dates[1], nat.replace("<", ""), number.replace("<", ""), line1,
               line2, code, fmt)


def _parse_td1(line1: str, line2: str, line3: str) -> Mrz | None:
    """TD1: code, state, number in line 1; dates and nationality in line 2; names in line 3."""
    code = _code(line1, "TD1")
    if not code:
        return None
    birth, bcd, expiry, ecd = _digits(line2[0:6]), _digits(line2[6]), _digits(line2[8:14]), _digits(line2[14])
    nat, optional2, composite = _letters(line2[15:18]), _filler(line2[18:29]), _digits(line2[29])
    raw, ncd, optional1 = line1[5:14], _digits(line1[14]), _filler(line1[15:30])
    if ncd == "<" and optional1.strip("<"):  # a number longer than nine: its rest and digit in the optional data
        ext = optional1.split("<")[0]
        number = _number(raw + ext[:-1], _digits(ext[-1:]))
        seg = (number[:9] + "<" + number[9:] + _digits(ext[-1:]) + optional1[len(ext):]) if number else ""
    else:
        number = _number(raw, ncd)
        seg = (number + ncd + optional1) if number else ""
    if not number:
        return None
    dates = _dates(birth, bcd, expiry, ecd)
    if not dates and composite.isdigit():
        fixed = _repaired(birth + bcd, expiry + ecd, lambda be: check_digit(seg + be + optional2) == composite)
        if fixed:
            birth, bcd, expiry, ecd = fixed
            dates = _dates(birth, bcd, expiry, ecd)
    if not dates:
        return None
    tail2 = birth + bcd + expiry + ecd + optional2  # what line 2 adds to the composite
    if composite.isdigit() and check_digit(seg + tail2) != composite and not (optional1 + optional2).strip("<"):
        return None
    names = _names(line3)
    if not names:
        return None
    return Mrz(names[0], names[1], dates[0], dates[1], nat.replace("<", ""), number.replace("<", ""), line1,
               line2, code, "TD1", line3)


def _fit(line: str, length: int) -> list[str]:
    """`line` at `length`: as it is, or with a filler OCR lost or doubled restored (a trailing filler, or one
    inside a run of '<'), or garbage before it dropped; the check digits decide which reading holds."""
    d = length - len(line)
    if d == 0:
        return [line, line[1:] + "<"]  # or a character OCR saw before the zone, the last one lost
    if abs(d) > _DATA_SLACK:
        return []
    out = [line + "<" * d if d > 0 else line[:length]]
    if d < 0:
        out.append(line[-d:])
    runs = sorted((m.span() for m in re.finditer("<+", line)), key=lambda r: r[0] - r[1])  # long runs first
    for k in (1, 2) if abs(d) == 2 else (1,):
        for chosen in combinations(runs, k):
            step = d // k
            if step < 0 and any(e - s < -step for s, e in chosen):
                continue
            chars = line
            for s, e in sorted(chosen, reverse=True):
                n = e - s + step
                chars = chars[:s] + "<" * n + chars[e:]
            out.append(chars)
    return list(dict.fromkeys(out))


def _names_line(line: str, length: int) -> str | None:
    """A names line at `length`: its end is filler, so only its beginning must be in place."""
    if not max(15, length - 14) <= len(line) <= length + 6:
        return None
    return line.ljust(length, "<")[:length]


def parse_lines(fmt: str, lines: list[str]) -> Mrz | None:
    """The zone of format `fmt` ("TD1", "TD2", "TD3") from its lines as OCR read them (MRZ characters only),
    or None when no realignment or repair makes the check digits hold."""
    length, _ = _FORMATS[fmt]
    if fmt == "TD1":
        names = _names_line(lines[2], length)
        if names is None:
            return None
        for a, b in product(_fit(lines[0], length), _fit(lines[1], length)):
            found = _parse_td1(a, b, names)
            if found:
                return found
        return None
    names = _names_line(lines[0], length)
    if names is None:
        return None
    for data in _fit(lines[1], length):
        found = _parse_two(fmt, names, data)
        if found:
            return found
    return None


def parse_td3(line1: str, line2: str) -> Mrz | None:
    """Both lines of a passport zone, or None when a check digit fails or the layout is off.

    The number, birth and expiry check digits must hold. A failing composite digit is tolerated only
    when the optional personal number fails its own digit too: the misread is there, in a field not used.
    """
    return parse_lines("TD3", [_mrz_chars(line1), _mrz_chars(line2)])


_FILLER_LOOKALIKES = re.compile(r"[(\[{‹〈<]{2,}")  # "((((": a filler run OCR read as brackets


def _mrz_chars(raw: str) -> str:
    line = re.sub(r"\s+", "", raw.upper().replace("«", "<<").replace("‹", "<").replace("〈", "<"))
    if _FILLER_LOOKALIKES.search(line):  # then the single ones are fillers too ("P(UTO", "ANNA(MARIA")
        line = re.sub(r"[(\[{‹〈]", "<", line)
    if len(_NON_MRZ.findall(line)) <= 3:  # a stray dot or quote OCR saw in the zone
        return _NON_MRZ.sub("", line)
    runs = re.findall(r"[A-Z0-9<]{8,}", line)
    return max(runs, key=len) if runs else ""


def _candidates(text: str) -> list[str]:
    """The lines that may belong to a zone: MRZ characters with a filler, or a long run with many digits (a
    data line whose fields are all filled). None when no line has a filler: every zone's names line has."""
    if "<" not in text and "«" not in text and "‹" not in text and "〈" not in text:
        return []
    out = []
    for raw in text.split("\n"):
        line = _mrz_chars(raw)
        if len(line) >= 8 and ("<" in line or (len(line) >= 20 and sum(c.isdigit() for c in line) * 3 >= len(line))):
            out.append(line)
    return out if any("<" in c for c in out) else []


def _splits(blob: str, length: int, n: int) -> list[list[str]]:
    """`blob` (lines OCR split or joined) cut into `n` lines near multiples of `length`."""
    out = []
    for cuts in product(range(-_DATA_SLACK, _DATA_SLACK + 1), repeat=n - 1):
        bounds = [0, *(length * (i + 1) + c for i, c in enumerate(cuts)), len(blob)]
        if all(a < b for a, b in pairwise(bounds)):
            out.append([blob[a:b] for a, b in pairwise(bounds)])
    return out


def find_all_mrz(text: str) -> list[Mrz]:
    """Every valid zone in the text, in reading order."""
    cands = _candidates(text)
    found: list[Mrz] = []
    used: set[int] = set()
    for i in range(len(cands)):
        if i in used:
            continue
        for size in (2, 3, 1, 4):
            window = cands[i:i + size]
            if len(window) < size:
                continue
            hit = _zone(window)
            if hit:
                found.append(hit)
                used.update(range(i, i + size))
                break
    return found


def _zone(window: list[str]) -> Mrz | None:
    blob = "".join(window)
    for fmt, (length, n) in _FORMATS.items():
        if abs(len(blob) - n * length) > n * _DATA_SLACK + 14:  # a names line may have lost much filler
            continue
        if len(window) == n:
            found = parse_lines(fmt, window)
            if found:
                return found
        elif abs(len(blob) - n * length) <= n * _DATA_SLACK:  # split or joined lines: cut near the line length
            for lines in _splits(blob, length, n):
                found = parse_lines(fmt, lines)
                if found:
                    return found
    return None


def find_mrz(text: str) -> Mrz | None:
    """The first valid zone in the text."""
    found = find_all_mrz(text)
    return found[0] if found else None


def display_name(mrz: Mrz) -> str:
    """"Given Surname" in title case, as the contract's party names read."""
    return " ".join(w.capitalize() for w in f"{mrz.given_names} {mrz.surname}".split())
