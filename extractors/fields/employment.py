"""What an employment paper states: the period of employment an employer attests, the month a payslip
pays, and which kind of paper it is (payslip, certificate, contract, declaration).

General grammars, not one generator's templates: a period is any date span, start cue or labelled field
that shares one sentence, one form line or one label/value pair of lines with a word of employment, in
any word order; a pay month is any month expression next to a word of pay or period. Dates are read by
the project's date reader (`extractors.fields.dates`), which also gives each date its role: a birth date
or the letter's own date is never a start.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from itertools import pairwise

from extractors.fields.dates import MONTH_NAMES, DateHit, find_dates, find_months
from extractors.fields.normalize import to_base_letters
from extractors.fields.textfact import TextFact

# Words of employment (folded: lower case, umlauts to base letters, ß to s).
_EMPLOYED = re.compile(
    r"beschaftig\w*|\btatig\w*|\bangestellt\w*|\beingestellt|"
    r"(?:arbeits|beschaftigungs|ausbildungs|anstellungs|dienst)verhaltnis\w*|\bmitarbeiter\w*|"
    r"\barbeitnehmer\w*|\bauszubildende\w*|\beintritt\w*|\baustritt\w*|\beingetreten|\bausgeschieden|"
    r"betriebszugehorigkeit|\b(?:ge)?arbeitet\b|in\s+unse?r\w*\s+(?:unternehmen|betrieb|firma|haus|team)")
# Between the two dates of a span: "bis", "bis zum", "bis einschließlich", a dash.
_CONN = re.compile(r"\s*(?:-|–|—|bis(?:\s+(?:zum|einschl\.?|einschlieslich))?)\s*")
_ONGOING = re.compile(r"\s*(?:-|–|—|bis)\s*(?:heute|dato|jetzt|auf\s+weiteres|zum\s+heutigen\s+tag|laufend)\b|"
                      r"\s*(?:bis\s+auf\s+weiteres|unbefristet|andauernd|fortlaufend)\b")
# 'Beginn des Arbeitsverhältnisses', 'Ende der Beschäftigung'
_OF = r"(?:\s+(?:des|der)\s+(?:\w*verhaltniss?es|beschaftigung|tatigkeit|ausbildung))?"
# Right before a date: it starts the employment ...
_START_BEFORE = re.compile(r"(?:\bseit|\bab|\bbeginn\w*|\beintritt\w*|\beinstellung\w*|\beingestellt|\bbegann|"
                           r"\btrat|\bbeschaftigungsbeginn|\barbeitsbeginn|\baufnahme\w*|"
                           r"\berste[rn]?\s+arbeitstag)" + _OF +
                           r"(?:\s+(?:dem|den|am|zum|mit|im))?\s*:?\W{0,3}$")
# ... or ends it.
_END_BEFORE = re.compile(r"(?:\baustritt\w*|\bende\w*|\bendet\w*|\bbeendet|\bausgeschieden|\bausscheiden\w*|"
                         r"\bbefristet\s+bis|\bbeschaftigungsende|\bbis|\bletzte[rn]?\s+arbeitstag|"
                         r"(?:gekundigt|kundigung|beendet|aufgelost|aufhebungsvertrag)\b[^.\n]{0,60}\bzum)" + _OF +
                         r"(?:\s+(?:dem|den|am|zum|mit|im))?\s*:?\W{0,3}$")
# Right after a date: "am 1. März 2020 in unser Unternehmen eingetreten", "zum 31.05.2021 ausgeschieden".
_START_AFTER = re.compile(r"^\W{0,3}(?:[^\W\d]+\s+){0,5}?(?:eingetreten|eingestellt|\bein\b|aufgenommen|begonnen|"
                          r"angefangen)")
_END_AFTER = re.compile(r"^\W{0,3}(?:[^\W\d]+\s+){0,5}?(?:ausgeschieden|beendet|geendet|aus\b)")
# A table header over a row of two dates: 'vom | bis', 'Beginn | Ende', 'Eintritt | Austritt'.
_FROM_TO_HEAD = re.compile(r"\b(?:vom|von|beginn\w*|eintritt\w*|ab)\b[^\n]*\b(?:bis|ende\w*|austritt\w*)\b[^\n]*\n")
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
        before = folded[lo:d.start][-90:]
        gap = folded[d.end:nxt.start] if nxt is not None else ""
        # 'vom … bis …', '… – …'; or a table row under a 'vom | bis' (Beginn | Ende) header
        paired = bool(_CONN.fullmatch(gap)) or (bool(re.fullmatch(r"[ \t|]{2,}", gap))
                                                and bool(_FROM_TO_HEAD.search(folded[lo:d.start])))
        if nxt is not None and paired and nxt.last >= d.first:
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


# --- the month a payslip pays ------------------------------------------------------------------------------------

# Words of pay or of a pay period (folded).
_PAY = re.compile(r"abrechnung\w*|abr\.|\w*zeitraum|\w*monat\w*|\bperiode|\blohn\w*|\bgehalt\w*|\w*entgelt\w*|"
                  r"\bbezuge|\bverdienst\w*|\bbrutto\w*|\bnetto\w*")
# Right before a date or month that is not the pay period's: the employment's, a birth date, a validity.
_NOT_PAY_BEFORE = re.compile(r"(?:eintritt\w*|austritt\w*|\bgeb\w*|geburt\w*|\bseit|\bab|\bbis|beginn\w*|\bende\w*|"
                             r"gultig\w*|\bdatum|\bvom)\s*:?\W{0,3}$")
# A month with a two-digit year ('05/20', 'Mai 20'): only right after a word of pay on the same line.
_SHORT_MONTH = re.compile(r"(?<![\d./-])(\d{1,2})\s?/\s?(\d{2})(?![\d.,/-])|(?<![\w.])(" + "|".join(
    sorted(MONTH_NAMES, key=len, reverse=True)) + r")\.?\s*[/-]?\s*(\d{2})(?![\d.,])")
# A full date right after a period label is that period's first day ('Abrechnungszeitraum: 01.05.2020').
_PERIOD_LABEL = re.compile(r"(?:abrechnungs\w*|\w*zeitraum|periode)\s*:?\s*(?:vom\s+)?$")


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _pay_near(folded: str, lines: list[tuple[int, int]], at: int) -> int | None:
    """How far a word of pay stands from the expression at `at`: 0 on its own line before it, else the column
    distance to the nearest one on the nearest non-empty line above (a label over its value); None if neither."""
    k = next(i for i, (lo, hi) in enumerate(lines) if lo <= at <= hi)
    if _PAY.search(folded[lines[k][0]:at]):
        return 0
    above = next((lines[i] for i in range(k - 1, -1, -1) if folded[lines[i][0]:lines[i][1]].strip()), None)
    if above is None:
        return None
    col = at - lines[k][0]
    cols = [m.start() for m in _PAY.finditer(folded[above[0]:above[1]])]
    return min(abs(c - col) for c in cols) if cols else None


def _page_pay_month(text: str) -> str | None:
    """The one month a payslip page pays, 'YYYY-MM': a day span of exactly one calendar month next to a word of
    pay first, then a month and year next to one, then a full date right after a period label."""
    folded = to_base_letters(text)
    lines = _lines(text)
    hits = [h for h in find_dates(text, doc_type="employment_proof") if h.role not in _NOT_EMPLOYMENT_ROLES]
    found: list[tuple[int, int, int, str]] = []  # (tier, distance to the word of pay, offset, month)
    for a, b in pairwise(hits):
        if (_CONN.fullmatch(folded[a.end:b.start]) and a.value[8:] == "01" and a.value[:7] == b.value[:7]
                and int(b.value[8:]) == calendar.monthrange(int(b.value[:4]), int(b.value[5:7]))[1]):
            near = _pay_near(folded, lines, a.start)
            if near is not None:
                found.append((3, near, a.start, a.value[:7]))
    for m in find_months(text):
        near = _pay_near(folded, lines, m.start)
        if near is not None and not _NOT_PAY_BEFORE.search(folded[max(0, m.start - 30):m.start]):
            found.append((2, near, m.start, m.first[:7]))
    for sm in _SHORT_MONTH.finditer(folded):
        month = int(sm[1]) if sm[1] else MONTH_NAMES[sm[3]]
        year = int(sm[2] or sm[4])
        if (1 <= month <= 12 and year <= 35 and _pay_near(folded, lines, sm.start()) == 0
                and not any(x.start <= sm.start() < x.end for x in hits)
                and not _NOT_PAY_BEFORE.search(folded[max(0, sm.start() - 30):sm.start()])):
            found.append((2, 1, sm.start(), f"{2000 + year:04d}-{month:02d}"))
    for h in hits:
        if _PERIOD_LABEL.search(folded[max(0, h.start - 40):h.start]):
            found.append((1, 0, h.start, h.value[:7]))
    if not found:
        return None
    return min(found, key=lambda f: (-f[0], f[1], f[2]))[3]


def pay_months(pages: list[str]) -> list[TextFact]:
    """The months payslips pay, 'YYYY-MM', one per page (a run of payslips in one document yields each),
    in any common form: 'Mai 2020', '05/2020', '05.2020', '2020-05', 'Abrechnungszeitraum 01.05.2020 –
    31.05.2020', next to a word of pay or period ('Abrechnungsmonat', 'Zeitraum', 'Lohn', 'Entgelt', 'Brutto'
    …); never the 'Eintritt' or birth date the slip also prints."""
    out: dict[str, TextFact] = {}
    for page, text in enumerate(pages):
        month = _page_pay_month(text)
        if month:
            out.setdefault(month, TextFact("pay_month", month, page))
    return list(out.values())


# --- which kind of paper ---------------------------------------------------------------------------------------

PAPER_BY_SUBTYPE = {"lohnabrechnung": "payslip", "arbeitsvertrag": "contract", "ausbildungsvertrag": "contract",
                    "arbeitgeberbescheinigung": "certificate", "arbeitsbescheinigung": "certificate",
                    "arbeitszeugnis": "certificate", "beschaeftigungserklaerung": "declaration"}
HEAD_CHARS = 700  # a paper's heading: the first lines of its first page
_TITLES: dict[str, re.Pattern[str]] = {
    "payslip": re.compile(r"(?:lohn|gehalts?|entgelt|verdienst|bezuge|brutto\s*/\s*netto-?)\s*-?\s*abrechnung|"
                          r"abrechnung\s+der\s+brutto|\blohnzettel|\bgehaltsnachweis|\bentgeltnachweis"),
    "contract": re.compile(r"(?:arbeits|ausbildungs|anstellungs|dienst|praktikums)vertrag|\bvertrag\s+zwischen"),
    "declaration": re.compile(r"erklarung\s+zum\s+beschaftigungsverhaltnis|(?:stellen|einstellungs|arbeitsplatz)"
                              r"zusage|arbeitsplatzangebot|arbeitsangebot"),
    "certificate": re.compile(r"arbeits(?:geber)?bescheinigung|(?:arbeits|zwischen)zeugnis|beschaftigungs"
                              r"(?:bescheinigung|nachweis|bestatigung)|arbeitgeberbestatigung|"
                              r"bescheinigung\s+des\s+arbeitgebers"),
}
_GENERIC_TITLE = re.compile(r"\b(?:bestatigung|bescheinigung)\b")  # a certificate, unless the text says otherwise
# within one sentence: no full stop but a date's dots and an abbreviation's ('geb. 03.04.1990', 'Dr.')
_S = r"(?:[^.\n]|(?<=\d)\.|\.(?=\s?[\d,(])|(?<=\bgeb)\.|(?<=\bdr)\.|(?<=\bnr)\.|(?<=\bstr)\.)"
# Signs of each kind anywhere in the text, each counted once: (kind, weight, pattern).
_SIGNS: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple((k, w, re.compile(p)) for k, w, p in (
    ("payslip", 1, r"\bbrutto|gesamtbrutto"), ("payslip", 1, r"\bnetto|auszahlung"),
    ("payslip", 1, r"lohnsteuer|kirchensteuer|solidaritatszuschlag|\bsteuerklasse|\bstkl\b"),
    ("payslip", 1, r"\w*versicherung\w*\s*(?:an|beitrag)|\bsv-?\s*(?:beitrag|abzug|brutto|nummer|tage)|"
                   r"\b[rkap]v-?beitrag"),
    ("payslip", 1, r"\babzuge|gesetzliche\s+abzuge|\bpersonalnummer|\bpers\.?-?nr"),
    ("contract", 2, r"vertragsparteien|\bvertrag\s+zwischen|schliesen\s+folgenden|wird\s+folgendes\s+vereinbart|"
                    r"\bvereinbaren\b"),
    ("contract", 1, r"\bprobezeit"), ("contract", 1, r"kundigungsfrist|\bkundigung\b"),
    ("contract", 1, r"urlaubsanspruch|nebentatigkeit|verschwiegenheit|ausschlussfrist"),
    ("declaration", 2, r"\bbeabsichtig\w*|\bvorbehaltlich|zustimmung\s+der\s+(?:bundesagentur|agentur\s+fur\s+arbeit)|"
                       r"\b(?:wird|werden|soll|sollen)\b" + _S + r"{0,80}\b(?:eingestellt|beschaftigt\s+werden)"),
    ("certificate", 2, r"\b(?:bestatigen|bescheinigen)\s+(?:wir\s+)?(?:hiermit|gerne)|hiermit\s+(?:wird\s+)?"
                       r"(?:bestatigt|bescheinigt)|\bhiermit\s+(?:bestatigen|bescheinigen)"),
    ("certificate", 2, r"\b(?:ist|war|sind|waren)\b" + _S + r"{0,120}\b(?:beschaftigt|tatig|angestellt)\b|"
                       r"\b(?:beschaftigt|tatig|angestellt)\s+(?:ist|war|gewesen)\b|"
                       r"\b(?:besteht|bestand|dauerte)\b" + _S + r"{0,40}\b(?:seit|vom|bis)\b|"
                       r"\btrat\b" + _S + r"{0,80}\bein\b|\bschied\b" + _S + r"{0,80}\baus\b|"
                       r"\bhat\b" + _S + r"{0,80}\bgearbeitet"),
))
_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})*,\d{2}(?!\d)")
_CLAUSE = re.compile(r"(?m)^\s*[§$]\s*\d{1,2}\b")
_MIN_SCORE = 2.0
_TIE_ORDER = ("declaration", "contract", "certificate", "payslip")  # the promise before the proof on a tie


def paper_scores(pages: list[str]) -> dict[str, float]:
    """How much the text reads like each kind of paper: its heading naming the kind (5; a bare 'Bescheinigung'
    2), the signs of each kind
    (the pay lexemes and amounts of a payslip; a contract's parties, §-numbered clauses, probation and notice;
    a declaration's future or conditional hiring; a certificate's 'bestätigen hiermit' and statement that
    someone is or was employed)."""
    text = to_base_letters("\n".join(pages[:2]))
    head = text[:HEAD_CHARS]
    scores = dict.fromkeys(_TIE_ORDER, 0.0)
    for kind, rx in _TITLES.items():
        if rx.search(head):
            scores[kind] += 5
    if _GENERIC_TITLE.search(head) and not any(rx.search(head) for rx in _TITLES.values()):
        scores["certificate"] += 2
    for kind, weight, rx in _SIGNS:
        if rx.search(text):
            scores[kind] += weight
    amounts = len(_AMOUNT.findall(text))
    scores["payslip"] += (amounts >= 5) + (amounts >= 10)
    if pay_months(pages[:2]):
        scores["payslip"] += 2
    scores["contract"] += 2 * (len(_CLAUSE.findall(text)) >= 3)
    if employment_period(pages[:2]):
        scores["certificate"] += 1
    return scores


def employment_paper(pages: list[str], subtype: str = "") -> str:
    """'payslip', 'contract', 'declaration', 'certificate' or '' (unknown): the classifier's subtype first, unless
    the text plainly contradicts it (no sign of that kind, clear signs of another: the classifier's model names a
    subtype even when no cue did); else the kind whose score (`paper_scores`) is highest and at least 2."""
    scores = paper_scores(pages)
    best = max(_TIE_ORDER, key=lambda k: scores[k])
    given = PAPER_BY_SUBTYPE.get(subtype.lower())
    if given and not (scores[given] < _MIN_SCORE and best != given and scores[best] >= _MIN_SCORE + 1):
        return given
    return best if scores[best] >= _MIN_SCORE else ""


# An employer speaking of its own staff: 'bei uns', 'in unserem Betrieb', 'unser Mitarbeiter'.
_EMPLOYER_VOICE = r"(?:\bbei\s+uns\b|\bin\s+unsere[mr]?\s+\w+|\bunsere?[mnrs]?\s+(?:mitarbeiter\w*|angestellte\w*|" \
                  r"arbeitnehmer\w*|auszubildende\w*))"
_WORD_OF_WORK = r"\b(?:beschaftigt|tatig|angestellt|eingestellt|(?:ge)?arbeitet|eingetreten)\b"
_EMPLOYER_STATEMENT = re.compile(_EMPLOYER_VOICE + _S + r"{0,160}" + _WORD_OF_WORK + "|" + _WORD_OF_WORK + _S +
                                 r"{0,80}" + _EMPLOYER_VOICE)


def employer_letter(pages: list[str]) -> bool:
    """A letter in which an employer states that someone works or worked for it ('… ist seit dem … bei uns
    beschäftigt'), with a period, reading as a certificate: an employment paper whatever the classifier took it
    for (a letter's salutation and greeting outweigh one statement there)."""
    text = to_base_letters("\n".join(pages[:2]))
    return (bool(_EMPLOYER_STATEMENT.search(text)) and employment_period(pages[:2]) is not None
            and employment_paper(pages) == "certificate")
