"""What an employment paper states: the period of employment an employer attests, the month a payslip
pays, and which kind of paper it is (payslip, certificate, contract, declaration).

General grammars, not one generator's templates: a period is any date span, start cue or labelled field
that shares one sentence, one form line or one label/value pair of lines with a word of employment, in
any word order; a pay month is any month expression next to a word of pay or period. Dates are read by
the project's date reader (`extractors.fields.dates`), which also gives each date its role: a birth date
or the letter's own date is never a start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from extractors.fields.dates import DateHit, find_dates, find_months
from extractors.fields.normalize import to_base_letters
from extractors.fields.textfact import TextFact

# Words of employment (folded: lower case, umlauts to base letters, ß to s).
_EMPLOYED = re.compile(
    r"beschaftig\w*|\btatig(?:keit)?\b|\bangestellt\w*|\beingestellt|\w*verhaltnis\w*|\bmitarbeiter\w*|"
    r"\barbeitnehmer\w*|\bauszubildende\w*|\beintritt\w*|\baustritt\w*|\beingetreten|\bausgeschieden|"
    r"betriebszugehorigkeit|\b(?:ge)?arbeitet\b|in\s+unse?r\w*\s+(?:unternehmen|betrieb|firma|haus|team)")
# Between the two dates of a span: "bis", "bis zum", "bis einschließlich", a dash.
_CONN = re.compile(r"\s*(?:-|–|—|bis(?:\s+(?:zum|einschl\.?|einschlieslich))?)\s*")
_ONGOING = re.compile(r"\s*(?:-|–|—|bis)\s*(?:heute|dato|jetzt|auf\s+weiteres|zum\s+heutigen\s+tag|laufend)\b|"
                      r"\s*(?:bis\s+auf\s+weiteres|unbefristet|andauernd|fortlaufend)\b")
# Right before a date: it starts the employment ...
_START_BEFORE = re.compile(r"(?:\bseit|\bab|\bbeginn\w*|\beintritt\w*|\beinstellung\w*|\beingestellt|\bbegann|"
                           r"\btrat|\bbeschaftigungsbeginn|\barbeitsbeginn|\baufnahme\w*)"
                           r"(?:\s+(?:dem|den|am|zum|mit|im))?\s*:?\W{0,3}$")
# ... or ends it.
_END_BEFORE = re.compile(r"(?:\baustritt\w*|\bende\w*|\bendet\w*|\bbeendet|\bausgeschieden|\bausscheiden\w*|"
                         r"\bbefristet\s+bis|\bbeschaftigungsende|\bbis)(?:\s+(?:dem|den|am|zum|mit|im))?\s*:?\W{0,3}$")
# Right after a date: "am 1. März 2020 in unser Unternehmen eingetreten", "zum 31.05.2021 ausgeschieden".
_START_AFTER = re.compile(r"^\W{0,3}(?:[^\W\d]+\s+){0,5}?(?:eingetreten|eingestellt|\bein\b|aufgenommen|begonnen|"
                          r"angefangen)")
_END_AFTER = re.compile(r"^\W{0,3}(?:[^\W\d]+\s+){0,5}?(?:ausgeschieden|beendet|geendet|aus\b)")
# Dates whose role says they are not the employment's: a birth date, the letter's own date, a stamp.
_NOT_EMPLOYMENT_ROLES = frozenset({"birth_date", "receipt_date", "service_date", "entry_date", "hearing_date",
                                   "application_date"})
_OWN_DATE_CUES = frozenset({"ort_den", "datum", "issued", "header_date", "verkuendet", "beschlossen", "hat_am_durch"})
_BIRTH_NEAR = re.compile(r"\bgeb(?:oren)?\b\.?[^\n]{0,12}$")
_SENTENCE_END = re.compile(r"(?<=\w{4}[.!?])\s+(?=[A-ZÄÖÜ])")
_MAX_SENTENCE = 400


@dataclass(frozen=True)
class _Date:
    first: str  # ISO; a month without a day starts on its first day ...
    last: str  # ... and ends on its last
    start: int
    end: int


def _dates(text: str, folded: str) -> list[_Date]:
    """The dates of a page that may belong to an employment (not a birth date, not the letter's own date)."""
    out: list[_Date] = []
    hits: list[DateHit] = find_dates(text, doc_type="employment_proof")
    for h in hits:
        if h.role in _NOT_EMPLOYMENT_ROLES or h.cue in _OWN_DATE_CUES:
            continue
        if _BIRTH_NEAR.search(folded[max(0, h.start - 30):h.start]):
            continue
        out.append(_Date(h.value, h.value, h.start, h.end))
    for m in find_months(text):
        if not any(d.start <= m.start < d.end or m.start <= d.start < m.end for d in out):
            out.append(_Date(m.first, m.last, m.start, m.end))
    return sorted(out, key=lambda d: d.start)


def _units(text: str) -> list[tuple[int, int]]:
    """Where a date and a word of employment must meet: each line, each pair of adjacent lines (a label above
    its value, prose wrapped once) and each sentence of a paragraph (prose wrapped over several lines)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    units = list(spans)
    units += [(a[0], b[1]) for a, b in pairwise(spans)]
    for para in re.finditer(r"(?:[^\n]+\n?)+", text):
        flat = para.group(0).replace("\n", " ")  # same length: offsets stay the page's
        cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(flat)] + [len(flat)]
        units += [(para.start() + a, para.start() + b) for a, b in pairwise(cuts)
                  if b - a <= _MAX_SENTENCE]
    return units


@dataclass
class _Reading:
    spans: dict[int, tuple[str, str]]  # start offset of the first date -> (start, end)
    starts: dict[int, str]
    ends: dict[int, str]


def _read_unit(folded: str, lo: int, hi: int, dates: list[_Date], out: _Reading) -> None:
    inside = [d for d in dates if lo <= d.start and d.end <= hi]
    taken: set[int] = set()
    for i, d in enumerate(inside):
        if d.start in taken:
            continue
        nxt = inside[i + 1] if i + 1 < len(inside) else None
        after = folded[d.end:hi]
        before = folded[lo:d.start][-40:]
        if nxt is not None and _CONN.fullmatch(folded[d.end:nxt.start]) and nxt.last >= d.first:
            out.spans[d.start] = (d.first, nxt.last)
            taken.add(nxt.start)
            out.starts.pop(nxt.start, None)
            out.ends.pop(nxt.start, None)
        elif _ONGOING.match(after) or _START_BEFORE.search(before) or _START_AFTER.match(after):
            out.starts.setdefault(d.start, d.first)
        elif _END_BEFORE.search(before) or _END_AFTER.match(after):
            out.ends.setdefault(d.start, d.last)


def _page_reading(text: str) -> _Reading:
    folded = to_base_letters(text)
    dates = _dates(text, folded)
    reading = _Reading({}, {}, {})
    if not dates:
        return reading
    for lo, hi in _units(text):
        if _EMPLOYED.search(folded[lo:hi]):
            _read_unit(folded, lo, hi, dates, reading)
    for at in list(reading.spans):  # a date that starts or ends a span in one unit is no lone cue in another
        reading.starts.pop(at, None)
        reading.ends.pop(at, None)
    return reading


def employment_period(pages: list[str]) -> TextFact | None:
    """The employment an employer's paper states, in any of the common forms: 'vom … bis (zum) …', '… – …',
    'seit (dem) …', 'ab …', 'Eintritt: …' / 'Austritt: …', '… bis heute' / 'bis auf Weiteres' (ongoing), with a
    word of employment in the same sentence or line. value = the earliest start (ISO), detail end = the latest
    end when every start has one; an ongoing employment has no end."""
    spans: list[tuple[str, str, int]] = []
    starts: list[tuple[str, int]] = []
    ends: list[str] = []
    for page, text in enumerate(pages):
        r = _page_reading(text)
        spans += [(s, e, page) for s, e in r.spans.values()]
        starts += [(s, page) for s in r.starts.values()]
        ends += list(r.ends.values())
    open_starts = []
    for s, page in starts:  # a labelled start takes the first labelled end after it ('Eintritt' / 'Austritt')
        end = min((e for e in ends if e >= s), default=None)
        if end is None:
            open_starts.append((s, page))
        else:
            spans.append((s, end, page))
    if not spans and not open_starts:
        return None
    first = min([(s, p) for s, _, p in spans] + open_starts)
    if open_starts:
        return TextFact("employment_period", first[0], first[1], {})
    return TextFact("employment_period", first[0], first[1], {"end": max(e for _, e, _ in spans)})
