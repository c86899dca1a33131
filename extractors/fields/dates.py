"""German dates with a role decided by the words around them.

Hand-written regexes rather than dateparser: the formats are few and fixed (`12.03.2024`,
`12.3.24`, `12. März 2024`, stamp style `14. MRZ. 2024`), we need the span and the context
of each date for its role, and dateparser costs milliseconds per call, far above budget.
Run on text whose file numbers are masked (see `file_numbers.mask`).
"""

from __future__ import annotations

import calendar
import json
import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from extractors import doctypes
from extractors.fields.normalize import to_base_letters
from extractors.layout import Layout

_MONTHS = {
    "januar": 1, "jan": 1, "janner": 1, "februar": 2, "feb": 2, "febr": 2, "marz": 3, "maerz": 3, "mrz": 3,
    "mar": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8,
    "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
MONTH_NAMES = _MONTHS  # folded German month names and abbreviations -> month number (for other grammars)
# Month names of foreign passports and visas (EN/FR/ES/IT/TR), folded; only `month_number` reads them, so
# German running text keeps its own table ("mai", "mars" do not become dates in letters).
_FOREIGN_MONTHS = {
    "january": 1, "janvier": 1, "janv": 1, "ene": 1, "enero": 1, "gen": 1, "gennaio": 1, "oca": 1,
    "february": 2, "fevrier": 2, "fevr": 2, "fev": 2, "febrero": 2, "febbraio": 2, "sub": 2,
    "march": 3, "mars": 3, "marzo": 3, "april": 4, "avril": 4, "avr": 4, "abr": 4, "abril": 4, "aprile": 4,
    "nis": 4, "may": 5, "mayo": 5, "maggio": 5, "mag": 5, "june": 6, "juin": 6, "junio": 6, "giugno": 6,
    "giu": 6, "haz": 6, "july": 7, "juillet": 7, "juil": 7, "julio": 7, "luglio": 7, "lug": 7, "tem": 7,
    "aout": 8, "agosto": 8, "ago": 8, "agu": 8, "septembre": 9, "septiembre": 9, "settembre": 9, "set": 9,
    "eyl": 9, "october": 10, "oct": 10, "octobre": 10, "octubre": 10, "ottobre": 10, "ott": 10, "eki": 10,
    "novembre": 11, "noviembre": 11, "kas": 11, "december": 12, "dec": 12, "decembre": 12, "diciembre": 12,
    "dicembre": 12, "dic": 12, "ara": 12,
}


def month_number(word: str) -> int | None:
    """The month a (folded, lower-case) German, English, French, Spanish, Italian or Turkish name or
    abbreviation stands for ("mrz", "mar", "mars", "dec", "déc" folded), None when it is none."""
    w = word.strip(". ")
    return _MONTHS.get(w) or _FOREIGN_MONTHS.get(w)


# Matched on folded text (lower case, umlauts folded), so "März", "MÄRZ", "Marz" all hit.
_NUMERIC = re.compile(r"(?=\d)(?<![\d.,/])(\d{1,2})\s?\.\s?(\d{1,2})\s?\.\s?(\d{4}|\d{2})(?![\d]|\.\d|,\d)")
_WORDED = re.compile(r"(?=\d)(?<![\d.])(\d{1,2})\s?\.?\s*(" + _MONTH_ALT + r")\b\.?,?\s*(\d{4})(?!\d)")
_MONTH_YEAR = re.compile(r"(?<![\d.]\s)(?<![\d.])\b(" + _MONTH_ALT + r")\b\.?\s*(\d{4})(?!\d)"
                         r"|(?<![\d./])(\d{1,2})/(\d{4})(?!\d)")
# "22 04 1996", "18-11 2025": passport and form columns print dates with spaces or dashes.
_SPACED = re.compile(r"(?=\d)(?<![\d.,/-])(\d{2})[ -](\d{2})[ -]((?:19|20)\d{2})(?![\d])")
# "26.11 2018", "03%212.2018": OCR lost or garbled one separator; only with a four-digit year.
_NOISY = re.compile(r"(?=\d)(?<![\d.,/])(\d{1,2})\.(\d{1,2})\s((?:19|20)\d{2})(?!\d)")
# "05212.2022", "03%212.2018": the dot after the day read as "2" (form boxes); day and month still two digits.
# ... and "02.0472013", "01.0121975": the dot before the year read as "7" or "2".
_GARBLED = re.compile(r"(?=\d)(?<![\d.,/])(\d{2})(?:%?2(\d{2})\.|\.(\d{2})[27])((?:19|20)\d{2})(?!\d)")
# "02.03 -»2020", "29,04.2033", "26.10:2013", "15 '10.2018": separators OCR turned into commas,
# colons, quotes or dashes; at least one real dot keeps amounts ("12,50 2019") out.
_SMUDGED = re.compile(r"(?=\d)(?<![\d.,/])(\d{1,2})\s?[.,:;'‚]{1,2}\s?(\d{1,2})"
                      r"\s?[.,:;'‚\"»\-]{1,3}\s?((?:19|20)\d{2})(?!\d)")
# "Date of issue 31102011": a passport column OCR read without spaces; kept only right after a date label.
_COMPACT = re.compile(r"(?=\d)(?<![\d.,/-])(\d{2})(\d{2}) ?((?:19|20)\d{2})(?![\d.,/-])")
_LABEL_CUES = frozenset({"birth", "issued", "valid_until", "valid_from", "entry", "datum"})
# "07.1 1.2022": OCR split the month's two digits
_SPLIT_MONTH = re.compile(r"(?=\d)(?<![\d.,/])(\d{2})\.(\d) (\d)\.((?:19|20)\d{2})(?!\d)")
_ISO = re.compile(r"(?=\d)(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")

# Role cues, matched against the folded text just before the date (end-anchored) ...
_BEFORE: list[tuple[str, str, re.Pattern[str]]] = [
    (c, r, re.compile(r"(?:" + p + r")\W{0,6}$")) for c, r, p in [
        ("verkuendet", "document_date", r"verkundet\s*(?:am)?|verk\.\s*am"),
        ("birth", "birth_date", r"\bgeb(?:oren)?\.?\s*(?:am)?|geburtsdatum|geb\.\s?-?\s?datum|date of birth|"
                                r"\bgeboren\s+(?:am\s+)?|\bgeb\.?\s+am|birth"),
        ("entry", "entry_date", r"eingereist\s*(?:am|im)?|einreise\s*(?:am|im|datum)?|einreisedatum|\bentry"),
        ("hearing", "hearing_date", r"mundlichen\s+verhandlung\s+(?:vom|am)|verhandlungstermin\s*(?:am)?|"
                                    r"termin\s+(?:zur\s+mundlichen\s+verhandlung\s+)?(?:am|vom)|anhorung\s+am"),
        ("receipt", "receipt_date", r"eingegangen\s*(?:am)?|eingang\s*(?:am)?|posteingang|\being\.?\s*(?:am)?"),
        ("service", "service_date", r"zugestellt\s*(?:am)?|zustellung\s*(?:am)?|ubergeben\s+am"),
        ("valid_until", "valid_until", r"gultig\s+bis\s*(?:zum)?|gultigkeit\s+bis|date of expiry|ablaufdatum|"
                                       r"gultig\s+bis\s*/\s*valid until|valid until|befristet\s+bis\s*(?:zum)?|"
                                       r"verlangert\s+bis\s*(?:zum)?|ausgesetzt\s+bis\s*(?:zum)?"),
        ("issued", "document_date", r"ausstellungsdatum(?:\s*/\s*date\s*of(?:\s*issue)?)?|ausgestellt\s+am|"
                                    r"date of issue|datum der ausstellung|"
                                    r"erste(?:ll|li|il|l1|1l)t\s+am|erteilt\s+am|ausgefertigt\s+am"),
        ("valid_from", "valid_from", r"gultig\s+(?:ab|vom)|gultig\s+von"),
        ("employment_start", "employment_start", r"beschaftigt\s+seit|beginn\s+des\s+arbeitsverhaltnisses|"
                                                 r"eintrittsdatum|eintritt\s*(?:am)?|arbeitsbeginn|"
                                                 r"beginnt\s+(?:das\s+arbeitsverhaltnis\s+)?am|tatig\s+seit|"
                                                 r"beschaftigungsbeginn|ab\s+dem|beginn\s*(?:am)?|beschaftigung\s+ab"),
        ("employment_end", "employment_end", r"endet\s+(?:am)?|austrittsdatum|austritt\s*(?:am)?|"
                                             r"ende\s+des\s+arbeitsverhaltnisses|beschaftigungsende"),
        ("pay_period", "pay_period_start", r"abrechnungs(?:zeitraum|monat)|zeitraum|lohnzeitraum|"
                                           r"abrechnungsmonat\s*:?|monat"),
        ("application", "application_date", r"antrag\s+vom|antragsdatum|beantragt\s+am|antragstellung\s*(?:am)?|"
                                            r"asylantrag\s+(?:am|vom)|gestellt\s+am|\bantrag\s+auf\s+[^.\n]{0,60}?\bvom"),
        ("datum", "document_date", r"(?:^|\n|\s{2})datum|\bdatum\s*:|\bvom\s*:|\bstand\s*:|entscheidungsdatum\s*:?|"
                                   r"verkundungsdatum\s*:?|beratung\s+vom|ausfertigungsdatum\s*:?"),
        ("ort_den", "document_date", r"[a-z)]\s*,\s*(?:den|am)?"),
        ("decision_vom", "document_date", r"(?:urteil|beschluss|gerichtsbescheid|bescheid|schreiben|"
                                          r"verfugung)\s+vom"),
        ("vom", "document_date", r"\bvom"),  # "Richtlinie vom ...": weaker than a named decision
        ("am", "other", r"\bam"),
    ]
]
# ... and after the date (start-anchored).
_AFTER: list[tuple[str, str, re.Pattern[str]]] = [
    (c, r, re.compile(r"^\W{0,4}(?:" + p + ")")) for c, r, p in [
        ("entry", "entry_date", r"\s*(?:in\s+\w+\s+|nach\s+deutschland\s+|in\s+das\s+bundesgebiet\s+)?eingereist"),
        ("birth", "birth_date", r"\s*geboren"),
        ("entry", "entry_date", r"\s*(?:in\s+die\s+bundesrepublik(?:\s+deutschland)?|in\s+das\s+bundesgebiet|"
                                r"ins\s+bundesgebiet|nach\s+deutschland|in\s+deutschland)\s+ein\b"),
        ("application", "application_date", r"\s*(?:einen|seinen|ihren)\s+(?:asyl|folge)?antrag"),
        ("service", "service_date", r"[ \t\n]*zugestellt\b(?!\s*(?:am|vom|den)\b)"),
        # "... am 04.04.2018 durch [lines OCR put between] den Richter X beschlossen": within one sentence
        ("beschlossen", "document_date", r"(?:\s*\w+){0,3}\s*beschlossen|\s*durch\s+(?:den|die)\s+.{0,80}beschlossen"
                                         r"|\s*durch\b(?:[^.;]|(?<=\d)\.){0,160}?\bbeschlossen"),
        ("ohne_mv", "document_date", r"\s*ohne\s+mundliche\s+verhandlung"),
        ("bis", "period_start", r"\s*(?:bis|-)\s*(?:zum\s*)?\d"),
    ]
]
_BIS = re.compile(r"^\W{0,4}\s*(?:bis|-)\s*(?:zum\s*)?\d")
# "hat die 3. Kammer des Verwaltungsgerichts Potsdam am 5. Juni 2008 durch ..." (the decision's own date)
_HAT_AM = re.compile(r"\bhat\s+(?:das|die|der)\b(?:[^.;]|(?<=\d)\.){0,250}?\bam\W{0,6}$")
# "hält sich seit dem 10.10.2018 ununterbrochen im Bundesgebiet auf": the stay began with the entry
_SINCE = re.compile(r"\bsich\s+(?:\w+\s+)?seit\s+(?:dem\s+)?$")
_IN_GERMANY = re.compile(r"[^.\n]{0,40}\b(?:im\s+bundesgebiet|in\s+deutschland)\b")
# A receipt stamp OCR read into the letterhead: "Eingegangen" on a short line, the date one to three lines below.
_STAMP_ABOVE = re.compile(r"(?:^|\n)[^\n]{0,30}\b(?:eingegangen|eingang|eing\.)[^\n]{0,30}\n"
                          r"(?:[^\n]*\n){0,2}[^\n]{0,40}$")
# "seit dem 4. Februar 2022 in unserem Betrieb ... beschäftigt"
_AT_EMPLOYER = re.compile(r"[^.\n]{0,40}\b(?:in\s+unserem\s+(?:betrieb|unternehmen)|bei\s+uns|beschaftigt|tatig)\b")
# "Ort, Datum: Lohmar, 24.07.2024": the signature line of forms
_ORT_DATUM = re.compile(r"\bort\W{1,4}datum\W{0,4}[a-z][a-z\- .()]{1,40}[,.]\s*(?:den\s*)?$")
_LINE_START_PLACE = re.compile(r"^\s*[a-z][a-z\- .()]{1,40},\s*(?:den\s*)?$")
# a letterhead's "Place, date" OCR read onto the line of the address column beside it
_MERGED_PLACE = re.compile(r"\s[a-z][a-z\-]{2,30}(?: \([a-z ]{2,20}\))?,\s*(?:den\s*)?$")
_PLACE_DOT = re.compile(r"^\s*(?:[a-z][a-z\- ()]{0,36} )?[a-z]{4,}\.\s?(?:den\s*)?$")


@dataclass(frozen=True)
class DateHit:
    """One date in a page text with the role its context gives it and the cue that decided that."""

    value: str  # ISO 8601
    text: str  # as printed
    start: int
    end: int
    role: str
    cue: str
    column: bool = False  # role read from a form label on another line (OCR-split layout): less certain


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        return 2000 + n if n <= 35 else 1900 + n
    return n


def _iso(d: int, m: int, y: int) -> str | None:
    if not 1900 <= y <= 2099:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _role(folded: str, start: int, end: int) -> tuple[str, str]:
    line_start = folded.rfind("\n", 0, start) + 1
    before = folded[max(0, start - 120):start]
    after = folded[end:end + 120]
    own_line = folded[line_start:start]
    for cue, role, rx in _AFTER:
        if cue != "bis" and rx.search(after):
            return role, cue
    if _SINCE.search(before) and _IN_GERMANY.match(after):
        return "entry_date", "entry"
    if re.search(r"\bseit\s+(?:dem\s+)?$", before) and _AT_EMPLOYER.match(after):
        return "employment_start", "employment_start"
    if _LINE_START_PLACE.match(own_line) or _ORT_DATUM.search(own_line):
        return "document_date", "ort_den"
    if re.match(r"\W{0,6}durch\b", after) and _HAT_AM.search(folded[max(0, start - 300):start]):
        return "document_date", "hat_am_durch"
    line_end = folded.find("\n", end)
    if not own_line.strip() and not folded[end:line_end if line_end >= 0 else len(folded)].strip():
        prev_line = folded[:line_start].rstrip().rsplit("\n", 1)[-1]
        if re.search(r"gericht\w*\b[^\n]*,\s*$", prev_line):
            return "document_date", "header_date"
    for cue, role, rx in _BEFORE:
        if cue == "ort_den":
            continue
        if rx.search(before):
            if cue == "pay_period" and _BIS.search(after):
                return "pay_period_start", cue
            return role, cue
    if _PLACE_DOT.match(own_line) and not after.split("\n", 1)[0].strip():
        return "document_date", "ort_den"  # "Troisdorf. 13.03.2017": OCR read the comma as a dot
    if _MERGED_PLACE.search(own_line) and not after.split("\n", 1)[0].strip():
        return "document_date", "ort_den"  # "Amt für ... Königswinter, 06.10.2021": two columns on one line
    if _STAMP_ABOVE.search(folded[max(0, start - 100):start]):
        return "receipt_date", "receipt"
    if _BIS.search(after):
        return "other", "period_start"
    if re.search(r"\bbis\s*(?:zum\s*)?\W{0,3}$", before):
        if re.search(r"gultig\s+(?:vom|ab)\b[^.\n]{0,30}\bbis\s*(?:zum\s*)?\W{0,3}$", before):
            return "valid_until", "valid_until"  # "gültig vom <unreadable> bis zum 7. November 2023"
        return "other", "period_end"
    if not own_line.strip() and not after.split("\n")[0].strip():
        return "other", "alone"
    return "other", ""


_COLUMN_LABELS = [
    ("geburtsdatum", "birth_date", "birth"), ("ausstellungsdatum", "document_date", "issued"),
    ("ausgestellt am", "document_date", "issued"), ("gultig bis", "valid_until", "valid_until"),
    ("gultig ab", "valid_from", "valid_from"), ("einreisedatum", "entry_date", "entry"),
    ("erstellt am", "document_date", "issued"), ("verlangert bis", "valid_until", "valid_until"),
    ("ubergeben am", "service_date", "service"), ("datum", "document_date", "datum"),
]
# "3. Geburtsdatum 4. Geburtsort": numbered form fields; their numbers are no values
_ENUMERATION = re.compile(r"(?<![\d.])\d{1,2}\.(?=\s+[a-z])")
# word-bounded: an OCR-split "G / eburtsdatum" must not read as the "Datum" column
_LABEL_RX = re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(lab) for lab, _, _ in _COLUMN_LABELS) + ")")


def _column_roles(folded: str, starts: list[int]) -> dict[int, tuple[str, str]]:
    """Form layouts: a row (or stack) of labels, then the values in the same order on later lines.

    "Gültig bis  Ausgestellt am" / "13.11.2013  17.05.2013" gives each date its label's role.
    """
    out: dict[int, tuple[str, str]] = {}
    pending: list[tuple[str, str]] = []
    pos = 0
    idle = 0
    last_group: list[tuple[str, str]] = []  # labels of the label lines right above (blank lines between)
    for line in folded.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        dates_here = [s for s in starts if line_start <= s < pos]
        if dates_here and pending:
            if last_group and last_group != pending[:len(last_group)]:
                # OCR put a label block right above this value: it names the value, not the older labels
                for lab in last_group:
                    pending.remove(lab)
                pending = last_group + pending
            last_group = []
            tokens = [(m.start() + line_start, m.end() + line_start) for m in re.finditer(r"\S+", line)]
            if len(tokens) == len(pending) > len(dates_here):
                # a value row with an unreadable cell: map each date to its column, not its rank
                for s in dates_here:
                    col = next(i for i, (a, b) in enumerate(tokens) if a <= s < b)
                    out[s] = pending[col]
                pending = []
            else:
                for s in dates_here:
                    if not pending:
                        break
                    out[s] = pending.pop(0)
            idle = 0
            continue
        labels = [m for m in _LABEL_RX.finditer(line)]
        if labels and not re.search(r"\d", _ENUMERATION.sub(" ", line)):
            kinds = {lab: (role, cue) for lab, role, cue in _COLUMN_LABELS}
            if any(m.group(0) == "verlangert bis" for m in labels):
                # "verlängert bis | am | Behörde": the extension table; "am" is the day it was granted
                labels = sorted(labels + list(re.finditer(r"(?<![a-z])am(?![a-z])", line)), key=lambda m: m.start())
            group = [kinds.get(m.group(0), ("other", "column")) for m in labels]
            pending += group
            last_group = last_group + group
            idle = 0
        elif line.strip():
            last_group = []
            idle += 1
            if idle > 8:
                pending = []
    return out


def _swap(hits: list[DateHit], i: int, j: int) -> None:
    a, b = hits[i], hits[j]
    hits[i] = DateHit(a.value, a.text, a.start, a.end, b.role, b.cue, True)
    hits[j] = DateHit(b.value, b.text, b.start, b.end, a.role, a.cue, True)


def _plausible_columns(hits: list[DateHit]) -> list[DateHit]:
    """Repairs form columns that OCR read out of order, using what the values must satisfy.

    A birth date lies years before the card's own dates, and a card is valid until after it
    was issued: "Gültig ab | Gültig bis | Ausgestellt am" read as a stack in the wrong order
    still gives each role its value.
    """
    hits = list(hits)
    col = [i for i, h in enumerate(hits) if h.column and h.cue in ("birth", "valid_from", "valid_until", "issued")]
    births = [i for i in col if hits[i].role == "birth_date"]
    if len(births) == 1 and len(col) > 1:
        earliest = min(col, key=lambda i: hits[i].value)
        b = births[0]
        if earliest != b and int(hits[b].value[:4]) - int(hits[earliest].value[:4]) >= 10:
            _swap(hits, b, earliest)
    until = [i for i in col if hits[i].role == "valid_until"]
    card = [i for i in col if hits[i].cue in ("valid_from", "issued")]
    if len(until) == 1 and card:
        latest = max(card, key=lambda i: hits[i].value)
        if hits[latest].value > hits[until[0]].value:
            _swap(hits, until[0], latest)
    return hits


# What a cue means in a given kind of document: an application form's signature date is the
# application date, an employment form's "befristet bis" the end of the employment.
def find_dates(text: str, citation_starts: tuple[int, ...] = (), header_end: int = 0,
               doc_type: str = "") -> list[DateHit]:
    """Every date in `text` (file numbers already masked), in text order, each with its role.

    `citation_starts` are offsets of court file numbers: a date right before one
    ("Urteil vom 3.4.2014 - 7 C 12.13") is a cited decision's date, not this document's.
    `doc_type` (of the classifier) settles cues whose role depends on the kind of document.
    """
    folded = to_base_letters(text)
    found: list[tuple[int, int, str]] = []
    for m in _NUMERIC.finditer(folded):
        iso = _iso(int(m.group(1)), int(m.group(2)), _year(m.group(3)))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _WORDED.finditer(folded):
        iso = _iso(int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3)))
        if iso:
            found.append((m.start(), m.end(), iso))
    for rx in (_SPACED, _NOISY, _GARBLED, _SMUDGED, _COMPACT):
        for m in rx.finditer(folded):
            d, mo, y = (g for g in m.groups() if g is not None)
            if rx is _SMUDGED and "." not in m.group(0):
                continue
            iso = _iso(int(d), int(mo), int(y))
            if iso and not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), iso))
    for m in _SPLIT_MONTH.finditer(folded):
        iso = _iso(int(m.group(1)), int(m.group(2) + m.group(3)), int(m.group(4)))
        if iso and not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), iso))
    for m in _ISO.finditer(folded):
        iso = _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if iso:
            found.append((m.start(), m.end(), iso))
    found.sort()
    # a bare eight-digit number ("31102011", "3110 2011") is a date only right after a date label
    found = [f for f in found if not re.fullmatch(r"\d{4} ?\d{4}", folded[f[0]:f[1]])
             or _role(folded, f[0], f[1])[1] in _LABEL_CUES]
    column_roles = _column_roles(folded, [s for s, _, _ in found])
    typed_roles = doctypes.profile(doc_type).date_roles  # cues whose role depends on the kind of document
    hits: list[DateHit] = []
    for start, end, iso in found:
        role, cue = _role(folded, start, end)
        column = start in column_roles and cue not in ("verkuendet", "beschlossen", "hat_am_durch", "ort_den",
                                                       "receipt")
        if column:
            role, cue = column_roles[start]
        role = typed_roles.get(cue, role)
        cited = any(end <= s <= end + 25 for s in citation_starts)
        if cited and start > header_end and cue not in ("verkuendet", "beschlossen"):
            role, cue = "other", "cited"
        hits.append(DateHit(iso, text[start:end], start, end, role, cue, column))
    hits = _plausible_columns(hits)
    # a "vom X bis Y" pair: Y takes the end role matching X's start role
    for i in range(1, len(hits)):
        prev, cur = hits[i - 1], hits[i]
        gap = folded[prev.end:cur.start]
        if re.fullmatch(r"\s*(?:bis|-)\s*(?:zum\s*)?", gap) or (
                prev.role == "pay_period_start" and re.fullmatch(r"[\s.,:;]{1,4}", gap)):  # OCR lost the dash
            end_role = {"pay_period_start": "pay_period_end", "employment_start": "employment_end",
                        "valid_from": "valid_until"}.get(prev.role, cur.role)
            hits[i] = DateHit(cur.value, cur.text, cur.start, cur.end, end_role, "period_end", cur.column)
    return hits


def find_month_periods(text: str, known: Sequence[DateHit] = ()) -> list[DateHit]:
    """Pay months printed without a day ("Abrechnungsmonat: März 2024", "03/2024") as start/end pairs.

    A month whose first day is already a `known` pay-period start ("Zeitraum: 01.06.2018 - 30.06.2018"
    under "Abrechnungsmonat: Juni 2018") is the same period and not listed twice.
    """
    folded = to_base_letters(text)
    out: list[DateHit] = []
    starts = {h.value for h in known if h.role == "pay_period_start"}
    for m in _MONTH_YEAR.finditer(folded):
        before = folded[max(0, m.start() - 60):m.start()]
        if not re.search(r"(?:abrechnungs(?:monat|zeitraum)|lohnzeitraum|zeitraum|monat|periode)\W{0,6}$", before):
            continue
        month = _MONTHS[m.group(1)] if m.group(1) else int(m.group(3))
        year = int(m.group(2) or m.group(4))
        if not 1 <= month <= 12 or not 1900 <= year <= 2099:
            continue
        if date(year, month, 1).isoformat() in starts:
            continue
        last = calendar.monthrange(year, month)[1]
        raw = text[m.start():m.end()]
        out.append(DateHit(date(year, month, 1).isoformat(), raw, m.start(), m.end(), "pay_period_start", "pay_month"))
        out.append(DateHit(date(year, month, last).isoformat(), raw, m.start(), m.end(), "pay_period_end", "pay_month"))
    return out


# A month printed without a day: "Mai 2020", "Mai/2020", "05/2020", "05.2020", "05-2020", "2020-05" (folded text).
_MONTH_EXPR = re.compile(r"(?<![\w.])(" + _MONTH_ALT + r")\.?\s*[/-]?\s*((?:19|20)\d\d)(?!\d)"
                         r"|(?<![\d./-])(\d{1,2})\s?[/.-]\s?((?:19|20)\d\d)(?![\d.,/-]|\.\d)"
                         r"|(?<![\d./-])((?:19|20)\d\d)-(\d{2})(?![\d-])")


@dataclass(frozen=True)
class MonthHit:
    """A month named without a day, its span in the text and its first and last day (ISO)."""

    first: str
    last: str
    start: int
    end: int


def find_months(text: str) -> list[MonthHit]:
    """Every month printed as month and year without a day, in text order (none inside a full date)."""
    folded = to_base_letters(text)
    out: list[MonthHit] = []
    for m in _MONTH_EXPR.finditer(folded):
        if m.group(1):
            month, year = _MONTHS[m.group(1)], int(m.group(2))
        elif m.group(3):
            month, year = int(m.group(3)), int(m.group(4))
        else:
            month, year = int(m.group(6)), int(m.group(5))
        if not 1 <= month <= 12:
            continue
        last = calendar.monthrange(year, month)[1]
        out.append(MonthHit(date(year, month, 1).isoformat(), date(year, month, last).isoformat(), m.start(),
                            m.end()))
    return out


# Priority of cues for the issuing date; higher wins, ties go to the earlier date.
_PRIORITY = {"verkuendet": 10, "beschlossen": 9, "ohne_mv": 9, "hat_am_durch": 9, "datum": 8, "header_date": 8,
             "ort_den": 7, "issued": 7,
             "decision_vom": 5, "vom": 4.5, "alone": 3}
_ISSUE_FALLBACK = {"valid_from": 4}


def choose_document_date(hits: list[tuple[int, DateHit]], doc_type: str) -> tuple[int, DateHit] | None:
    """The issuing date from role cues (never just the first date): (page index, hit) or None.

    Court decisions fall back to the hearing date (a judgment given at the end of the
    hearing carries that date); certificates and IDs to their issue date.
    """
    best: tuple[float, int, int, DateHit] | None = None
    for page_idx, h in hits:
        own = h.role in ("document_date", "other") or h.cue in ("ort_den", "datum")
        prio: float = _PRIORITY.get(h.cue, 0) if own else 0
        if h.cue in ("decision_vom", "vom") and page_idx > 0:
            prio = 0
        if h.cue == "alone" and page_idx > 0:
            prio = 0
        if doc_type == "court_decision" and h.role == "hearing_date":
            prio = 4
        if doc_type != "court_decision" and h.role == "valid_from":
            prio = _ISSUE_FALLBACK["valid_from"]
        if doc_type == "other" and h.role == "service_date" and h.cue != "period_end":
            prio = 2  # a proof of service (Zustellungsurkunde) is dated by the service
        if prio and (best is None or prio > best[0]):
            best = (prio, page_idx, h.start, h)
    return (best[1], best[3]) if best else None


# --- the issuing date as a ranking over every date of the document -------------------------------------------
#
# Every date on the first two pages and the last is a candidate. A logistic model (weights in
# extractors/models/dates.json, trained by scripts/train_dates.py) scores each one from signals that do not
# depend on one family of documents: the cue words around it (a small lexicon of stems, before and after,
# near and in its sentence), the label it stands under or beside (extractors/layout.py pairs), where it
# stands (page, top or bottom, line start, alone, right-hand column, header), whether it sits in a
# citation (a court file number right after it, "a.a.O.", parentheses), the role its context gives it,
# the kind of document, and how it compares with the other dates (latest, earliest, repeated).
# The best candidate wins when its probability clears the model's threshold; else the document has none.

MODEL_PATH = Path(__file__).parent.parent / "models" / "dates.json"
_STEMS: dict[str, re.Pattern[str]] = {k: re.compile(p) for k, p in {
    "datum": r"datum", "den": r"\bden\b", "vom": r"\bvom\b", "am": r"\bam\b", "verkuend": r"verk(?:u|un)d",
    "erkannt": r"erkannt", "beschlossen": r"beschlossen|beschlie", "entschieden": r"entschied|entscheid",
    "ausgestellt": r"ausgestellt|ausstellung|ausgefertigt|erteilt", "erstellt": r"erstellt",
    "geboren": r"geboren|\bgeb\b|birth", "eingereist": r"einreise|eingereist|\bentry",
    "gueltig": r"gultig|valid|befristet", "bis": r"\bbis\b", "ab": r"\bab\b|\bseit\b",
    "verhandlung": r"verhandlung|termin", "zugestellt": r"zugestellt|zustellung", "eingang": r"eingegangen|eingang",
    "urteil": r"urteil", "beschluss": r"beschluss", "bescheid": r"bescheid", "antrag": r"antrag|beantragt",
    "schreiben": r"schreiben|brief", "stand": r"\bstand\b", "schriftlich": r"schriftlich",
    "recht": r"\brecht\b|im namen des volkes", "gericht": r"gericht|\bvg\b|\bovg\b|\bvgh\b|bverwg|\bbgh\b|kammer|senat",
    "aao": r"a\.\s?a\.\s?o|aao\b", "vgl": r"\bvgl\b|\bsiehe\b|\bzitiert", "ort_komma": r"[a-z]{3,}\s*,\s*(?:den\s*)?$",
    "unterschrift": r"unterschrift|gez\.|i\.\s?a\.|im auftrag", "fn": r"\baz\b|aktenzeichen|gesch\.?-?z",
    "durch": r"\bdurch\b", "meta": r"aktualisiert|abgerufen|gedruckt|anonymisier|dokumentiert|geandert|zuletzt",
}.items()}
_CUE_GROUPS = ("verkuendet", "beschlossen", "ohne_mv", "hat_am_durch", "datum", "header_date", "ort_den", "issued",
               "decision_vom", "vom", "alone", "am", "cited", "receipt", "service", "birth", "entry", "hearing",
               "valid_until", "valid_from", "application", "period_start", "period_end", "column")
_COURT_FIRST = re.compile(r"^\W{0,3}(?:\S+\s+){0,2}?(?:\w*gericht\w*|vg|ovg|vgh|bverwg|bgh|bverfg|lsg|sg|lg|ag|olg)\b")
_TYPE_VOM = re.compile(r"\b(?:urteil|beschluss|gerichtsbescheid|bescheid|entscheidung)\s+vom\s*$")


@dataclass
class DatePage:
    """What the ranker needs of one page: the folded text the dates were found in and its structure."""

    folded: str
    line_starts: list[int]
    header_end: int
    citation_starts: tuple[int, ...]
    pair_labels: dict[int, str]  # line index -> label of the pair whose value is on that line
    right_lines: frozenset[int]  # line indices in a right-hand column


def date_page(text: str, citation_starts: tuple[int, ...], header_end: int, layout: Layout | None) -> DatePage:
    folded = to_base_letters(text)
    starts = [0] + [i + 1 for i, ch in enumerate(folded) if ch == "\n"]
    pairs: dict[int, str] = {}
    right: set[int] = set()
    if layout is not None:
        # layout line i -> line of `text` (the layout text puts a blank line between regions)
        mapping, n, prev = [], -1, None
        for ln in layout.lines:
            n += 1 if prev is None or ln.region == prev else 2
            mapping.append(n)
            prev = ln.region
        if mapping and mapping[-1] == len(starts) - 1:  # the text is the layout's, line for line
            right = {mapping[i] for i, ln in enumerate(layout.lines) if ln.right_column}
            for p in layout.pairs:
                pairs.setdefault(mapping[p.line], to_base_letters(p.label))
    return DatePage(folded, starts, header_end, citation_starts, pairs, frozenset(right))


def _line_of(page: DatePage, pos: int) -> int:
    return bisect_right(page.line_starts, pos) - 1


def candidate_features(hits: list[tuple[int, DateHit]], pages: list[DatePage], doc_type: str,
                       n_pages: int) -> list[dict[str, float]]:
    """The ranker's signals for each date of a document (hits from pages 0, 1 and the last)."""
    own_values = [h.value for _, h in hits if h.role in ("document_date", "other")]
    latest, earliest = (max(own_values), min(own_values)) if own_values else ("", "")
    counts: dict[str, int] = {}
    for _, h in hits:
        counts[h.value] = counts.get(h.value, 0) + 1
    court = doctypes.profile(doc_type).ruling
    out = []
    for k, (pi, h) in enumerate(hits):
        page = pages[pi]
        f: dict[str, float] = {"bias_doc_" + doc_type: 1.0}
        text = page.folded
        li = _line_of(page, h.start)
        ls = page.line_starts[li]
        le = text.find("\n", h.end)
        le = len(text) if le < 0 else le
        own_line = text[ls:h.start]
        rest_line = text[h.end:le]
        near_before = text[max(0, h.start - 30):h.start]
        near_after = text[h.end:h.end + 30]
        sentence_after = re.split(r"(?<![\d\s])\.\s|\n\s*\n", text[h.end:h.end + 200], maxsplit=1)[0]
        prev_line = text[page.line_starts[li - 1]:ls] if li > 0 else ""
        for stem, rx in _STEMS.items():
            if rx.search(near_before):
                f["b_" + stem] = 1.0
            elif rx.search(own_line) or (not own_line.strip() and rx.search(prev_line)):
                f["bl_" + stem] = 1.0
            if rx.search(near_after):
                f["a_" + stem] = 1.0
            elif rx.search(sentence_after):
                f["as_" + stem] = 1.0
        label = page.pair_labels.get(li)
        if label is None:  # text without boxes: a label-like start of the line, or a short line above it alone
            m = re.match(r"\s*([a-z][a-z .\-/]{1,30}?)\s*:?\s*$", own_line)
            if m and len(m.group(1).split()) <= 3:
                label = m.group(1)
            elif not own_line.strip() and re.fullmatch(r"\s*[a-z][a-z .\-/]{1,30}:?\s*", prev_line):
                label = prev_line
        if label is not None:
            f["pair"] = 1.0
            for stem, rx in _STEMS.items():
                if rx.search(label):
                    f["p_" + stem] = 1.0
        cue = h.cue if h.cue in _CUE_GROUPS else ("typed" if h.role not in ("document_date", "other") else "none")
        if h.column:
            f["column"] = 1.0
        f["cue_" + cue] = 1.0
        f["role_" + (h.role if h.role in ("document_date", "other") else "typed")] = 1.0
        first, last = pi == 0, pi == len(pages) - 1 and n_pages > 1
        f["page_first" if first else "page_last" if last else "page_second"] = 1.0
        rel = li / max(1, len(page.line_starts) - 1)
        f["top"] = float(rel < 0.2)
        f["bottom"] = float(rel > 0.8)
        f["line_start"] = float(not own_line.strip())
        f["alone"] = float(not own_line.strip() and not rest_line.strip(" .,;:"))
        f["right_column"] = float(li in page.right_lines)
        f["header"] = float(first and h.start < page.header_end)
        f["fn_after"] = float(any(h.end <= s <= h.end + 25 for s in page.citation_starts))
        f["paren"] = float(own_line.count("(") > own_line.count(")"))
        # "<court> <chamber>, Beschluss vom <date>, <Az>" heading a portal printout: the line starts with the
        # court and ends with the date (its file number is masked); a citation continues its sentence
        f["line_end"] = float(not rest_line.strip(" ,.;:-–()"))
        f["court_first"] = float(bool(_COURT_FIRST.match(own_line)))
        f["type_vom"] = float(bool(_TYPE_VOM.search(own_line)))
        f["latest"] = float(h.value == latest)
        f["earliest"] = float(h.value == earliest and latest != earliest)
        f["repeated"] = float(counts[h.value] > 1)
        f["old"] = float(h.value < "1995")
        f["first_candidate"] = float(k == 0)
        if court:  # decisions: own date in the header and the formula, cited dates in the reasons
            for name in ("header", "fn_after", "page_first", "page_last", "line_start", "latest", "top", "line_end",
                         "court_first", "type_vom",
                         "cue_" + cue, "b_vom", "b_am", "as_erkannt", "as_beschlossen", "as_entschieden"):
                if f.get(name):
                    f["c_" + name] = 1.0
        out.append(f)
    return out


_MODEL: dict[str, Any] | None = None


def load_model(path: Path = MODEL_PATH) -> dict[str, Any]:
    global _MODEL
    if _MODEL is None or path != MODEL_PATH:
        model = dict(json.loads(path.read_text()))
        if path != MODEL_PATH:
            return model
        _MODEL = model
    return _MODEL


def score(features: dict[str, float], model: dict[str, Any]) -> float:
    w = model["weights"]
    z = model["bias"] + sum(v * w.get(k, 0.0) for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def rank_document_date(hits: list[tuple[int, DateHit]], pages: list[DatePage], doc_type: str, n_pages: int,
                       model: dict[str, Any] | None = None) -> tuple[int, DateHit] | None:
    """The issuing date: the best-scored candidate if it clears the threshold, (page index, hit), else None."""
    if not hits:
        return None
    model = model or load_model()
    feats = candidate_features(hits, pages, doc_type, n_pages)
    best_i, best_p = -1, -1.0
    for i, f in enumerate(feats):
        p = score(f, model)
        if p > best_p + 1e-9:
            best_i, best_p = i, p
    if best_p < model["threshold"]:
        return None
    # the date is chosen; of its printings, the one whose own cue names the issue carries the role
    value = hits[best_i][1].value
    same = [i for i, (_, h) in enumerate(hits) if h.value == value]
    return hits[max(same, key=lambda i: (_PRIORITY.get(hits[i][1].cue, 0) if hits[i][1].role == "document_date"
                                         else 0, i == best_i))]
