"""The expiry an identity paper prints ("Gültig bis / Date of expiry / Date d'expiration", value beside or below).

Passport data pages follow ICAO 9303 part 4: numbered fields with a bi- or trilingual label line and the
value under it, often with other fields' values beside it in columns (issue date and expiry side by side).
OCR keeps the lines but not the columns' widths. So a label's value is the first date after it on its line,
else on one of the next three lines: the date in the label's column (the same ordinal among the dated fields,
or overlapping character offsets), else the latest date there that is not a birth date. A birth date is
never an expiry.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from extractors.fields.dates import month_number
from extractors.fields.normalize import repair_digits

_G = r"g\S{0,2}ltig"  # "gültig", "gultig", "giiltig", "gueltig": OCR breaks the umlaut in many ways
_LABELS = {
    "expiry": (
        _G + r"\s?(?:bis(?:\s?zum)?|keits?\s?(?:dauer|datum|ende))|ablauf\s?(?:datum|der\s+" + _G + r"keit)|"
        r"verl\S{0,2}ngert\s+bis(?:\s?zum)?|"
        r"date\s?of\s?e[xn]p[il1]r\w*|exp(?:iry|iration)\s?date|expiration|expiry|expires(?:\s?on)?|"
        r"valid\s?(?:until|till|thru|through)|"
        r"date\s?d\W{0,2}\s?e[xn]p\w*|expire\s?le|valable\s?jusqu\W{0,2}\s?(?:au)?|fin\s?de\s?validit\w*|"
        r"fecha\s?de\s?(?:caducidad|vencimiento|expiracion)|caducidad|vencimiento|valido\s?hasta|"
        r"(?:data\s?di\s?)?scadenza|(?:data\s?de\s?)?validade|valido\s?ate|geldig\s?tot|vervaldatum|"
        r"(?:son\s?)?ge\S?erlilik\s?tarihi|data\s?wa\S?no\S{1,2}ci"
    ),
    "birth": (
        r"geburts\s?datum|geburtstag|geboren(?:\s?am)?|date\s?of\s?birth|birth\s?date|date\s?de\s?naissance|"
        r"fecha\s?de\s?nacimiento|data\s?di\s?nascita|data\s?de\s?nascimento|geboortedatum|"
        r"do\S?um\s?tarihi|data\s?urodzenia"
    ),
    "issue": (
        r"ausstellungs\s?datum|ausgestellt\s?am|datum\s?der\s?ausstellung|date\s?of\s?issu\w*|issue\s?date|"
        r"date\s?de\s?d\S{0,2}livrance|fecha\s?de\s?expedicion|data\s?di\s?rilascio|data\s?de\s?emissao|"
        r"datum\s?van\s?afgifte|d\S?zenlenme\s?tarihi|data\s?wydania"
    ),
}
_LABEL = re.compile("|".join(f"(?P<{kind}>{pat})" for kind, pat in _LABELS.items()))
# between the languages of one label: "Gültig bis / Date of expiry", the '/' perhaps read as a letter ("expiry WDate")
_JOIN = re.compile(r"[\s/|,;:.()\-]*\w?[\s/|,;:.()\-]*")
_NUM = r"(?P<d>\d{1,2})\s?[./\- ]\s?(?P<m>\d{1,2})\s?[./\- ]\s?(?P<y>\d{4}|\d{2})"
_DATE = re.compile(
    r"(?<![\d])(?:"
    r"(?P<iy>(?:19|20)\d{2})(?P<isep>[-./])(?P<im>\d{2})(?P=isep)(?P<id>\d{2})"  # 2028-03-14, 2028/03/14
    r"|" + _NUM +  # 14.03.2028, 14 03 2028, 14/03/2028, 14.03.28
    r"|(?P<wd>\d{1,2})\s?\.?\s?(?P<w1>[a-z]{3,9})\.?(?:\s?/\s?(?P<w2>[a-z]{3,9})\.?)?"  # 14 MAR/MARS 2028
    r"\s?(?P<wy>\d{4}|\d{2})"
    r"|(?P<cd>\d{2})(?P<cm>\d{2})(?P<cy>(?:19|20)\d{2})"  # 14032028: a column OCR read without spaces
    r")(?![\d])")
_LOOK_BELOW = 3  # value lines under a label line


@dataclass(frozen=True)
class _Label:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class _Date:
    value: dt.date
    start: int
    end: int


def _fold(text: str) -> str:
    """Lower case, accents dropped (é → e, ç → c, ğ → g), same length so offsets stay put."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)[0].lower()
        out.append(base[0] if base else ch)
    return "".join(out)


_HORIZON = 15  # years after today: no paper is valid longer (passports ten years)


def _year(y: str) -> int:
    """Two-digit years: this century up to the horizon, else the last ("12 AUG 64" was born in 1964)."""
    n = int(y)
    if len(y) == 4:
        return n
    return 2000 + n if 2000 + n <= dt.date.today().year + _HORIZON else 1900 + n


_ABBREVIATIONS = ("jan", "feb", "fev", "mar", "mrz", "apr", "avr", "mai", "may", "jun", "jul", "aug", "sep", "oct",
                  "okt", "nov", "dec", "dez")


def _month(word: str) -> int | None:
    """A month name, or a bilingual pair whose '/' OCR read as a letter or lost ("aprjavr", "augaout"): its
    first three or four letters name the month and nothing after them names another."""
    month = month_number(word)
    if month or len(word) < 6:
        return month
    for k in (4, 3):
        head, rest = month_number(word[:k]), word[k:]
        if head and all(month_number(rest[i:]) in (None, head) for i in range(len(rest) - 2)):
            return head
    for k in (3, 4):  # one letter of the first name garbled, the second name read: "apwavr" (APR/AVR)
        second = month_number(word[k:]) or month_number(word[k + 1:])
        if second and _near(word[:3], second):
            return second
    return None


def _near(head: str, month: int) -> bool:
    """`head` is a three-letter name of `month` with at most one letter wrong."""
    return any(month_number(name) == month and sum(a != b for a, b in zip(head, name, strict=True)) <= 1
               for name in _ABBREVIATIONS)


def _parse(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    if g["iy"]:
        d, mo, y = int(g["id"]), int(g["im"]), int(g["iy"])
    elif g["d"]:
        d, mo, y = int(g["d"]), int(g["m"]), _year(g["y"])
    elif g["wd"]:
        month = _month(g["w1"]) or (_month(g["w2"]) if g["w2"] else None)
        if not month or (g["w2"] and _month(g["w2"]) not in (None, month)):
            return None
        d, mo, y = int(g["wd"]), month, _year(g["wy"])
    else:
        d, mo, y = int(g["cd"]), int(g["cm"]), int(g["cy"])
    if not 1900 <= y <= 2100:
        return None
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def _labels(line: str) -> list[_Label]:
    """The date labels of a line; the languages of one label ("Gültig bis / Date of expiry") merged."""
    out: list[_Label] = []
    for m in _LABEL.finditer(line):
        kind = m.lastgroup or ""
        if out and out[-1].kind == kind and _JOIN.fullmatch(line[out[-1].end:m.start()]):
            out[-1] = _Label(kind, out[-1].start, m.end())
        else:
            out.append(_Label(kind, m.start(), m.end()))
    return out


def _dates(line: str) -> list[_Date]:
    if "<<" in line:  # a machine-readable zone: its dates are read with their check digits elsewhere
        return []
    out = []
    for m in _DATE.finditer(line):
        value = _parse(m)
        if value:
            out.append(_Date(value, m.start(), m.end()))
    return out


def _beside(label: _Label, labels: list[_Label], dates: list[_Date]) -> _Date | None:
    """The first date after the label on its own line, unless another label comes first."""
    nxt = min((lb.start for lb in labels if lb.start >= label.end), default=None)
    return next((d for d in dates if d.start >= label.end and (nxt is None or d.start < nxt)), None)


# anything printed like a date, read or not ("15 APWAVR 12"): the columns of a value line
_CHUNK = re.compile(r"(?<![a-z0-9])\d{1,2}(?:\W{0,2}[a-z]{3,9}(?:/[a-z]{3,9})?\W{0,2}|\W{1,2}\d{1,2}\W{1,2})\d{2,4}"
                    r"(?![a-z0-9])")


def _below(label: _Label, labels: list[_Label], dates: list[_Date], chunks: list[tuple[int, int]],
           first_column: bool) -> _Date | None:
    """The label's value among the dates of a line under its label line; when the columns do not tell, an
    expiry is the latest date there and a birth date the earliest (an issue date lies between: none).
    When a column's date could not be read, the label's own column must hold the date: the first one for a
    label that opens its line, else the last."""
    if len(chunks) >= 2 and len(dates) < len(chunks):
        lo, hi = chunks[0] if first_column else chunks[-1]
        return next((d for d in dates if d.start < hi and d.end > lo), None)
    if len(labels) == len(dates) > 1:  # one date per labelled column: the same ordinal
        return dates[labels.index(label)]
    lo, hi = label.start - 2, label.end + 2
    overlapping = [d for d in dates if d.start < hi and d.end > lo]
    if len(overlapping) == 1:
        return overlapping[0]
    if len(dates) == 1:
        return dates[0]
    if not dates or label.kind == "issue":
        return None
    return (max if label.kind == "expiry" else min)(dates, key=lambda d: d.value)


def _values(lines: list[str], kind: str) -> list[tuple[int, dt.date]]:
    """(line, date) of every `kind` label's value on the lines of one page."""
    labels = [_labels(ln) for ln in lines]
    dates = [_dates(ln) for ln in lines]
    out = []
    for i, line_labels in enumerate(labels):
        for label in (lb for lb in line_labels if lb.kind == kind):
            found = _beside(label, line_labels, dates[i])
            if found is None:
                for j in range(i + 1, min(i + 1 + _LOOK_BELOW, len(lines))):
                    if labels[j] and not dates[j]:  # the next label line: this label's value was not printed
                        break
                    if dates[j]:
                        if not labels[j] or all(d.start < labels[j][0].start for d in dates[j]):
                            own = [d for d in dates[j] if not labels[j] or d.start < labels[j][0].start]
                            chunks = [m.span() for m in _CHUNK.finditer(lines[j])
                                      if not labels[j] or m.start() < labels[j][0].start]
                            found = _below(label, line_labels, own, chunks, not lines[i][:label.start].strip())
                        break
            if found:
                out.append((i, found.value))
    return out


def printed_expiries(pages: list[str]) -> list[tuple[int, dt.date]]:
    """(page, date) of every printed expiry of the pages, in reading order; never a birth or issue date, nor
    one beyond the horizon (a misread year: "2082" for "2028")."""
    horizon = dt.date.today().year + _HORIZON
    out = []
    for page, text in enumerate(pages):
        lines = [_fold(repair_digits(ln)) for ln in text.split("\n")]
        births = {d for _, d in _values(lines, "birth")}
        issued = [d for _, d in _values(lines, "issue")]
        for _, value in _values(lines, "expiry"):
            if value in births or (issued and value <= min(issued)) or value.year > horizon:
                continue
            out.append((page, value))
    return out
