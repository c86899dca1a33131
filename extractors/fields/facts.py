"""Case facts a document's text states: legal bases of residence papers, BAMF operative points, court
outcomes, language certificates, school years, payslip months.

General phrase grammars over the German wording of the authorities, not templates of one generator:
each grammar names what it found and on which page (0-based within the document), nothing more. The
case overview (`eakte/case/`) turns these into facts with evidence; it decides nothing from them.
"""

from __future__ import annotations

import re

from extractors.fields.employment import employer_letter as employer_letter
from extractors.fields.employment import employment_paper as employment_paper
from extractors.fields.employment import employment_period as employment_period  # re-exported (tf.*)
from extractors.fields.employment import pay_months as pay_months
from extractors.fields.textfact import TextFact

_PARA = r"[§$]{1,2}\s*"  # OCR reads § as $ often enough
_ABS = r"(?:\s*(?:Abs\.?|Absatz)\s*(?P<abs>\d+))?"

# Legal bases: (code, pattern). Order matters only for readability; every match is reported.
LEGAL_BASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("60b", re.compile(_PARA + r"60\s*b\b|ungeklärte[rn]?\s+Identität", re.I)),
    ("60c", re.compile(_PARA + r"60\s*c\b|Ausbildungsduldung", re.I)),
    ("60d", re.compile(_PARA + r"60\s*d\b|Beschäftigungsduldung", re.I)),
    ("60a", re.compile(_PARA + r"60\s*a\b", re.I)),
    ("55 AsylG", re.compile(_PARA + r"55\s*(?:Abs\.?\s*\d+\s*)?(?:AsylG|AsylVfG)", re.I)),
    ("63 AsylG", re.compile(_PARA + r"63\s*(?:Abs\.?\s*\d+\s*)?(?:AsylG|AsylVfG)", re.I)),
    ("81 Abs. 3", re.compile(_PARA + r"81\s*(?:Abs\.?|Absatz)\s*3\b", re.I)),
    ("81 Abs. 4", re.compile(_PARA + r"81\s*(?:Abs\.?|Absatz)\s*4\b", re.I)),
    ("81", re.compile(_PARA + r"81\s+AufenthG", re.I)),
    ("25 Abs. 5", re.compile(_PARA + r"25\s*(?:Abs\.?|Absatz)\s*5\b", re.I)),
    ("25 Abs. 3", re.compile(_PARA + r"25\s*(?:Abs\.?|Absatz)\s*3\b", re.I)),
    ("25 Abs. 2", re.compile(_PARA + r"25\s*(?:Abs\.?|Absatz)\s*2\b", re.I)),
    ("25 Abs. 1", re.compile(_PARA + r"25\s*(?:Abs\.?|Absatz)\s*1\s+AufenthG", re.I)),
    ("25a", re.compile(_PARA + r"25\s*a\b", re.I)),
    ("25b", re.compile(_PARA + r"25\s*b\b", re.I)),
    ("104c", re.compile(_PARA + r"104\s*c\b|Chancen-?\s*Aufenthalt", re.I)),
    ("19d", re.compile(_PARA + r"19\s*d\b", re.I)),
)

# What kind of paper a residence document is, from its wording (the classifier's subtype comes first).
KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("duldung", re.compile(r"Aussetzung\s+der\s+Abschiebung|\bDuldung\b", re.I)),
    ("fiktionsbescheinigung", re.compile(r"Fiktionsbescheinigung|gilt\s+.{0,40}als\s+fortbestehend", re.I)),
    ("aufenthaltsgestattung", re.compile(r"Aufenthaltsgestattung", re.I)),
    ("aufenthaltserlaubnis", re.compile(r"Aufenthaltserlaubnis\s+(?:nach|gemäß)|wird\s+Ihnen\s+eine\s+"
                                        r"Aufenthaltserlaubnis", re.I)),
)

_NOT = r"(?P<neg>nicht\s+|keine\s+)?"
# BAMF operative points (Tenor): point, granted/refused by the negation or "abgelehnt".
BAMF_POINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("refugee_status", re.compile(r"Flüchtlingseigenschaft\s+wird\s+" + _NOT + r"(?P<verb>zuerkannt|widerrufen|"
                                  r"zurückgenommen)", re.I)),
    ("asylum", re.compile(r"Antrag\s+auf\s+Asylanerkennung\s+wird\s+(?P<verb>abgelehnt)|als\s+Asylberechtigte?r?\s+"
                          r"(?P<neg>nicht\s+)?(?P<verb2>anerkannt)", re.I)),
    ("subsidiary_protection", re.compile(r"subsidiäre\s+Schutzstatus\s+wird\s+" + _NOT + r"(?P<verb>zuerkannt)",
                                         re.I)),
    ("deportation_ban_60_5_7", re.compile(r"Abschiebungsverbot\w*\s+nach\s+§\s*60\s+(?:Abs\.?|Absatz)\s*5\s+"
                                          r"(?:und|oder)\s+7[^.]{0,60}?(?:liegen|liegt)\s+" + _NOT +
                                          r"(?P<verb>vor)", re.I)),
    ("asylum_application", re.compile(r"Asylantrag\s+wird\s+(?:als\s+)?(?P<mod>offensichtlich\s+unbegründet\s+|"
                                      r"unzulässig\s+)?(?P<verb>abgelehnt)", re.I)),
)

COURT_OUTCOMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("partly", re.compile(r"Im\s+Übrigen\s+wird\s+(?:die\s+Klage|der\s+Antrag)\s+abgewiesen|im\s+Übrigen\s+"
                          r"abgelehnt", re.I)),
    ("dismissed", re.compile(r"(?:Die\s+)?Klage\s+wird\s+(?:als\s+\w+\s+)?abgewiesen", re.I)),
    ("refused", re.compile(r"(?:Der\s+)?Antrag\s+wird\s+(?:als\s+\w+\s+)?abgelehnt", re.I)),
    ("granted", re.compile(r"(?:Beklagte|Antragsgegnerin)\s+wird\s+(?:unter\s+Aufhebung[\s\S]{0,160}?)?verpflichtet|"
                           r"aufschiebende\s+Wirkung\s+der\s+Klage\s+wird\s+angeordnet|Bescheid[\s\S]{0,120}?wird\s+"
                           r"aufgehoben", re.I)),
    ("appeal_not_admitted", re.compile(r"(?:Berufung|Revision|Beschwerde)\s+wird\s+nicht\s+zugelassen", re.I)),
    ("appeal_admitted", re.compile(r"(?:Berufung|Revision|Beschwerde)\s+wird\s+zugelassen", re.I)),
    ("appeal_rejected", re.compile(r"(?:Berufung|Beschwerde)\s+wird\s+zurückgewiesen", re.I)),
)

_LEVEL = re.compile(r"(?:Niveau|Sprachniveau|Stufe|GER)\s*:?\s*(?P<lvl>[ABC][12])\b|\b(?P<lvl2>[ABC][12])\s*"
                    r"(?:des\s+GER|nach\s+GER|Niveau|erreicht|bestanden)|(?:Zertifikat\s+Deutsch|telc\s+Deutsch|"
                    r"Goethe-Zertifikat|Gesamtergebnis|Ergebnis)\s*:?\s*(?P<lvl3>[ABC][12])\b", re.I)
_LEVEL_TOKEN = re.compile(r"\b[ABC][12]\b")
_LANG_DOC = re.compile(r"Deutsch-?Test\s+für\s+Zuwanderer|\bDTZ\b|Sprachzertifikat|Zertifikat\s+Deutsch|"
                       r"telc\s+Deutsch|Goethe-Zertifikat|Sprachprüfung", re.I)
_LID = re.compile(r"(?:Test\s+)?[„\"]?Leben\s+in\s+Deutschland[“\"]?", re.I)
_PASSED = re.compile(r"bestanden|erfolgreich\s+(?:abgeschlossen|teilgenommen)|erreicht", re.I)
_FAILED = re.compile(r"nicht\s+bestanden", re.I)
_COURSE = re.compile(r"Integrationskurs", re.I)

_SCHOOL_YEAR = re.compile(r"Schuljahr\s*:?\s*(?P<y1>(?:19|20)\d\d)\s*/\s*(?P<y2>(?:19|20)?\d\d)", re.I)
_SCHOOL_SINCE = re.compile(r"seit\s+(?:dem\s+)?(?P<date>\d{1,2}\.\s*(?:\d{1,2}\.|[A-Za-zäÄ]+\.?)\s*\d{4})\s+"
                           r"(?:Schüler|die\s+Schule|unsere\s+Schule|an\s+unserer)", re.I)
# A school-leaving qualification: the certificate's name or the degree it confers.
_SCHOOL_LEAVING = re.compile(r"Abschlusszeugnis|Abgangszeugnis\s+mit\s+\w+abschluss|Hauptschulabschlu(?:ss|ß)|"
                             r"(?:Mittlere[nr]?|Erste[nr]?\s+allgemeinbildende[nr]?)\s+Schulabschlu(?:ss|ß)|"
                             r"Fachoberschulreife|Realschulabschlu(?:ss|ß)|(?:Fach-?)?[Hh]ochschulreife", re.I)
# What a paper states about its own pupil. A qualification counts as the paper's own title ("ABSCHLUSSZEUGNIS",
# "Zeugnis über den Hauptschulabschluss") or a statement that it was obtained ("hat den … erworben", "wird …
# zuerkannt"); a sentence that expects, aims at or denies it ("wird voraussichtlich … erwerben", "Bildungsgang zum
# Erwerb des …", "hat den Abschluss nicht erreicht") confers nothing. A school year is the paper's own period
# when printed as a heading or field ("Schuljahr 2022/23 · 1. Halbjahr") or as the pupil's present attendance
# ("besucht im Schuljahr 2023/24 …"), not a year told in passing ("wechselte im Schuljahr 2019/20 zu uns").
_OBTAINED = re.compile(r"\b(?:erworben|erreicht|zuerkannt|verliehen|erlangt|bestanden|zugesprochen|erteilt|erhält|"
                       r"erhielt)\b", re.I)
_NOT_OBTAINED = re.compile(r"\bnicht\b|\bkein|\bohne\b|voraussichtlich|vermutlich|Prognose|angestrebt|anstreb|"
                           r"\bstreb|\bZiel|Erwerb|erwerben\b|erreichen\b|ablegen\b|Voraussetzung|\bsoll|\bkann\b|"
                           r"\bkönnte|möglich|\bwenn\b|\bfalls\b|Bildungsgang|Vorbereitung|nachholen|\bum\b", re.I)
_OWN_YEAR = re.compile(r"\bbesucht\b|\bist\b[^.\n]{0,60}\bSchüler|\bnimmt\b", re.I)
_PASSING_YEAR = re.compile(r"\b(?:seit|ab|bis|vor|nach|wechselte|wiederholte|besuchte|war|wird|werden|wurde|"
                           r"vergangenen|letzten|kommenden|nächsten|früher)\b", re.I)
_LEFT = re.compile(r"\bwar\b|verlassen|abgemeldet|ausgeschieden|entlassen|nicht\s+mehr", re.I)
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?=\s)|\n\s*\n")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end] (a date's dots do not end it)."""
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    hi = next((m.start() for m in _SENTENCE_END.finditer(text, end)), len(text))
    return text[lo:hi]


def _line(text: str, start: int, end: int) -> str:
    return text[text.rfind("\n", 0, start) + 1:(text.find("\n", end) + 1 or len(text) + 1) - 1]


def _own_line(text: str, start: int, end: int) -> str | None:
    """The short line of its own (a heading or a field) the match stands on; None for running text, also when
    OCR wrapped a sentence so that its middle makes a short line (the line before ends in a lower-case word)."""
    line = _line(text, start, end).strip()
    if len(line) > 60 or len(line.split()) > 7 or not re.match(r"\W*[A-ZÄÖÜ]", line):
        return None
    before = text[:text.rfind("\n", 0, start) + 1].rstrip().rsplit("\n", 1)[-1].strip()
    return None if re.search(r"\b[a-zäöüß]+$", before) else line


def _stated(text: str, m: re.Match[str], says: re.Pattern[str], denies: re.Pattern[str]) -> bool:
    """The match stands on a line of its own that `denies` nothing, or in a sentence that `says` it and
    `denies` nothing."""
    line = _own_line(text, m.start(), m.end())
    if line is not None and not denies.search(line):
        return True
    sentence = _sentence(text, m.start(), m.end())
    return bool(says.search(sentence)) and not denies.search(sentence)


def own_leaving(text: str, m: re.Match[str]) -> bool:
    """The qualification is the paper's title, or the paper states that the pupil obtained it."""
    return _stated(text, m, _OBTAINED, _NOT_OBTAINED)


def own_school_year(text: str, m: re.Match[str]) -> bool:
    """The year is the paper's own period: a heading or field, or the pupil's present attendance."""
    return _stated(text, m, _OWN_YEAR, _PASSING_YEAR)


_HALF = re.compile(r"(?P<n>[12])\.\s*(?:Schul)?[Hh]albjahr|(?P<w>erste|zweite)s\s+(?:Schul)?[Hh]albjahr|"
                   r"(?P<h>Halbjahreszeugnis)|(?P<y>Jahreszeugnis|Versetzungszeugnis)", re.I)
_CLASS = re.compile(r"\bKlasse\s+(?P<cls>[0-9]{1,2}\s?[a-zA-Z]?|[A-Z]{2,3}\s?\d)\b")

MONTHS = {m: i for i, m in enumerate(("januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
                                      "september", "oktober", "november", "dezember"), start=1)}
MONTHS.update({"jan": 1, "feb": 2, "mär": 3, "mrz": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
               "sept": 9, "okt": 10, "nov": 11, "dez": 12, "maerz": 3, "jänner": 1})
_REASONS = re.compile(r"^\s*(?:Tatbestand|Gründe|Begründung|Entscheidungsgründe)\s*:?\s*$", re.M)
_DATE = re.compile(r"(?P<d>\d{1,2})\.\s*(?:(?P<m>\d{1,2})\.|(?P<mn>[A-Za-zäÄ]+)\.?)\s*(?P<y>\d{4})")


def _page_of(pages: list[str], pattern: re.Pattern[str]) -> list[tuple[int, re.Match[str]]]:
    return [(i, m) for i, text in enumerate(pages) for m in pattern.finditer(text)]


_NATIONALITY = re.compile(r"Staatsangeh\w{0,3}rigkeit\s*(?:/\s*Nationality)?\s*:?[ \t]*"
                          r"(?P<nat>[A-Za-zÄÖÜäöü][A-Za-zÄÖÜäöüß-]{3,})", re.I)


def nationality(pages: list[str]) -> TextFact | None:
    """The nationality a document states: the passport's MRZ (ICAO code, check digits verified) first,
    else a 'Staatsangehörigkeit: …' field."""
    from extractors.fields.mrz import find_mrz

    for i, text in enumerate(pages):
        mrz = find_mrz(text)
        if mrz and mrz.nationality:
            return TextFact("nationality", mrz.nationality, i, {"source": "mrz"})
    for i, text in enumerate(pages):
        m = _NATIONALITY.search(text)
        if m:
            return TextFact("nationality", m["nat"].upper(), i, {"source": "field"})
    return None


def parse_date(text: str) -> str | None:
    """'17.03.2019' or '17. März 2019' as ISO, None when not a calendar day."""
    import datetime as dt

    m = _DATE.search(text)
    if not m:
        return None
    month = int(m["m"]) if m["m"] else MONTHS.get((m["mn"] or "").lower().rstrip("."))
    if not month:
        return None
    try:
        return dt.date(int(m["y"]), month, int(m["d"])).isoformat()
    except ValueError:
        return None


def legal_bases(pages: list[str]) -> list[TextFact]:
    """Every legal basis named, once per code, at its first page."""
    seen: dict[str, TextFact] = {}
    for code, pat in LEGAL_BASES:
        hits = _page_of(pages, pat)
        if hits and code not in seen:
            seen[code] = TextFact("legal_basis", code, hits[0][0])
    if any(c.startswith("81 Abs.") for c in seen):
        seen.pop("81", None)
    return list(seen.values())


def residence_kind(pages: list[str]) -> TextFact | None:
    """The kind of residence paper by its wording (first kind found on the earliest page)."""
    best: TextFact | None = None
    for kind, pat in KIND_WORDS:
        hits = _page_of(pages, pat)
        if hits and (best is None or hits[0][0] < best.page):
            best = TextFact("residence_kind", kind, hits[0][0])
    return best


TITLE_CHARS = 700  # a paper's heading: the first lines of its first page (folio, stamps and letterhead included)


def residence_title(pages: list[str]) -> TextFact | None:
    """The kind of residence paper its own heading names ('Bescheinigung über die Aussetzung der Abschiebung
    (Duldung)', 'Fiktionsbescheinigung' ...): a paper that calls itself so is one, whatever else it resembles."""
    head = pages[0][:TITLE_CHARS] if pages else ""
    for kind, pat in KIND_WORDS:
        if pat.search(head):
            return TextFact("residence_kind", kind, 0)
    return None


PAGE_HEAD_CHARS = 300
_PAPER_HEADING = re.compile(r"Bescheinigung\s+über\s+die\s+(?:Aussetzung\s+der\s+Abschiebung|Aufenthaltsgestattung)|"
                            r"Fiktionsbescheinigung", re.I)


def paper_starts(pages: list[str]) -> list[int]:
    """Later pages (0-based, > 0) whose head is the heading of a residence paper or a test certificate: a
    paper of its own inside what was read as one document (one-page forms are easily joined to the previous)."""
    return [i for i, text in enumerate(pages) if i and (_PAPER_HEADING.search(text[:PAGE_HEAD_CHARS]) or
                                                        certificate_title([text[:PAGE_HEAD_CHARS]]))]


_CERT_HEAD = re.compile(r"Deutsch-?Test\s+für\s+Zuwanderer|\bDTZ\b|Sprachzertifikat|Zertifikat|telc\s+Deutsch|"
                        r"Sprachprüfung|Leben\s+in\s+Deutschland|Integrationskurs", re.I)


def certificate_title(pages: list[str]) -> bool:
    """Whether the heading names a language or integration certificate (a test result, whoever issued it)."""
    return bool(pages) and bool(_CERT_HEAD.search(pages[0][:TITLE_CHARS]))


_BIRTH_FIELD = re.compile(r"(?:Geburtsdatum|Tag\s+der\s+Geburt|geboren\s+am|geb\.\s*am)\s*(?:/\s*Date\s+of\s+birth)?"
                          r"\s*:?\s*(?P<date>\d{1,2}\.\s*(?:\d{1,2}\.|[A-Za-zäÄ]+\.?)\s*\d{4})", re.I)


_D = r"(?P<date>\d{1,2}\.\s*(?:\d{1,2}\.|[A-Za-zäÄ]{3,9}\.?)\s*\d{4})"
# How papers state the entry: a border stamp, a form field, or the sentence of a decision or letter.
_ENTRY = (
    re.compile(r"(?:Einreisedatum|Datum\s+der\s+Einreise|EINREISE|Einreise\s+am|eingereist\s+am)\s*:?\s*" + _D, re.I),
    re.compile(r"(?:am|seit\s+dem)\s+" + _D + r"\s+(?:auf\s+dem\s+Landweg\s+)?(?:in\s+die\s+Bundesrepublik"
               r"(?:\s+Deutschland)?|in\s+das\s+Bundesgebiet|nach\s+Deutschland)\s+(?:eingereist|ein\b)", re.I),
    re.compile(r"seit\s+dem\s+" + _D + r"\s+(?:ununterbrochen\s+)?(?:im\s+Bundesgebiet|in\s+Deutschland|in\s+der\s+"
               r"Bundesrepublik)", re.I),
)


_G = r"G[üuii][il1I|]{1,2}[tl1f]ig"  # "gültig" as OCR reads it (Güllig, Gultig, Gültlg)
_VALIDITY = (
    ("valid_from", re.compile(_G + r"\s+(?:ab|vom)\s*:?\s*" + _D, re.I)),
    ("valid_until", re.compile(r"(?:" + _G + r"\s+(?:bis|vom\s+\S+\s+bis)(?:\s+zum)?|verlängert\s+bis)\s*:?\s*" + _D,
                               re.I)),
)


def validity(pages: list[str]) -> list[TextFact]:
    """Validity a residence paper states: 'Gültig ab/vom …', 'Gültig bis …', 'gültig vom … bis zum …',
    'verlängert bis …' (a form's label with its value on the next line too)."""
    out: list[TextFact] = []
    for role, pat in _VALIDITY:
        for page, m in _page_of(pages, pat):
            iso = parse_date(m["date"])
            if iso:
                out.append(TextFact(role, iso, page))
    return out


_ENTRY_HINT = re.compile(r"einreise|eingereist|reiste|Bundesgebiet|Bundesrepublik|in\s+Deutschland", re.I)


def entry_dates(pages: list[str]) -> list[TextFact]:
    """Entry dates a paper states ('Einreise: …', 'am … in die Bundesrepublik eingereist', 'seit dem … im
    Bundesgebiet'), once per date, with their pages."""
    out: dict[str, TextFact] = {}
    hinted = [text if _ENTRY_HINT.search(text) else "" for text in pages]
    for pat in _ENTRY:
        for page, m in _page_of(hinted, pat):
            iso = parse_date(m["date"])
            if iso and iso not in out:
                out[iso] = TextFact("entry_date", iso, page)
    return list(out.values())


_PASSPORT_HEAD = re.compile(r"REISEPASS|PASSPORT|PASSEPORT", re.I)
_NOT_PASSPORT = re.compile(r"Passersatz|Reiseausweis|Ausweisersatz|Duldung", re.I)


def passport_expiries(pages: list[str]) -> list[TextFact]:
    """Every printed expiry of a passport's pages, extension stamps ('verlängert bis') included, in reading
    order."""
    from extractors.fields.expiry import printed_expiries

    return [TextFact("valid_until", value.isoformat(), page) for page, value in printed_expiries(pages)]


def passport_expiry(pages: list[str]) -> TextFact | None:
    """A passport's printed expiry ('Gültig bis / Date of expiry' with its value beside or below, any of the
    usual languages and date forms, see `extractors.fields.expiry`), the first one."""
    found = passport_expiries(pages)
    return found[0] if found else None


def is_passport(pages: list[str]) -> bool:
    """A national passport: a machine-readable zone of type P (not an ID or residence card's I/A/C, nor a
    visa's V), or a heading that says so and no word of a substitute paper (Passersatz, Reiseausweis)."""
    from extractors.fields.mrz import find_all_mrz

    if any(z.is_passport for t in pages for z in find_all_mrz(t)):
        return True
    head = pages[0][:TITLE_CHARS] if pages else ""
    return bool(_PASSPORT_HEAD.search(head)) and not _NOT_PASSPORT.search(head)


def birth_date_field(pages: list[str]) -> TextFact | None:
    """The first 'Geburtsdatum …' / 'geboren am …' of a paper: on a civil status certificate, its subject's."""
    for page, m in _page_of(pages, _BIRTH_FIELD):
        iso = parse_date(m["date"])
        if iso:
            return TextFact("birth_date", iso, page)
    return None


def bamf_points(pages: list[str]) -> list[TextFact]:
    """The operative points of a BAMF decision: which protection, granted / refused / revoked."""
    pages = operative_part(pages)
    out = []
    for point, pat in BAMF_POINTS:
        for page, m in _page_of(pages, pat):
            groups = m.groupdict()
            verb = (groups.get("verb") or groups.get("verb2") or "").lower()
            if verb in ("widerrufen", "zurückgenommen"):
                outcome = "revoked"
            elif verb == "abgelehnt" or groups.get("neg"):
                outcome = "refused"
            else:
                outcome = "granted"
            detail = {"modifier": " ".join(groups["mod"].split())} if groups.get("mod") else {}
            out.append(TextFact("bamf_point", point, page, {"outcome": outcome, **detail}))
            break
    return out


def operative_part(pages: list[str]) -> list[str]:
    """The pages up to the reasons ('Tatbestand', 'Gründe', 'Begründung' as a heading): the operative part
    (Tenor) sits before them, and the reasons quote other decisions' outcomes."""
    out = []
    for text in pages:
        m = _REASONS.search(text)
        if m:
            out.append(text[:m.start()])
            break
        out.append(text)
    return out


def court_outcomes(pages: list[str]) -> list[TextFact]:
    """Court outcomes as stated in the Tenor: dismissed, granted, partly, refused; appeal admitted or not."""
    pages = operative_part(pages)
    found: dict[str, TextFact] = {}
    for outcome, pat in COURT_OUTCOMES:
        hits = _page_of(pages, pat)
        if hits:
            found[outcome] = TextFact("court_outcome", outcome, hits[0][0])
    if "partly" in found:
        found.pop("dismissed", None)
    if "appeal_not_admitted" in found:
        found.pop("appeal_admitted", None)
    return list(found.values())


def language_certificates(pages: list[str]) -> list[TextFact]:
    """Language levels (A1..C2) of a certificate, the 'Leben in Deutschland' test, the integration course."""
    out: list[TextFact] = []
    is_cert = bool(_page_of(pages, _LANG_DOC))
    # Only pages that name a level at all are read with the full grammar (it is slow on long reasons).
    levelled = [text if _LEVEL_TOKEN.search(text) else "" for text in pages]
    for page, m in _page_of(levelled, _LEVEL):
        level = (m["lvl"] or m["lvl2"] or m["lvl3"] or "").upper()
        if is_cert or _PASSED.search(pages[page]):
            # A failed result anywhere on a page with no passed one fails every level named there (the exam's
            # name in the heading names the level too).
            text = pages[page]
            page_failed = bool(_FAILED.search(text)) and not re.search(r"(?<!nicht )bestanden", text)
            failed = page_failed or bool(_FAILED.search(text[max(0, m.start() - 80):m.end() + 80]))
            out.append(TextFact("language", level, page, {"result": "failed" if failed else "passed"}))
    for page, m in _page_of(pages, _LID):  # a heading names the test before the sentence with the result
        window = pages[page][max(0, m.start() - 120):m.end() + 160]
        if _FAILED.search(window):
            out.append(TextFact("lid_test", "failed", page))
            break
        if _PASSED.search(window):
            out.append(TextFact("lid_test", "passed", page))
            break
    for page, m in _page_of(pages, _COURSE):
        window = pages[page][m.start():m.end() + 160]
        if _PASSED.search(window):
            out.append(TextFact("integration_course", "passed", page))
            break
    return out


# A Kita or day-care paper: it attests no schooling (§ 25a counts school attendance), whatever period it states.
_KITA = re.compile(r"\b(?:Kita|KiTa|Kindertagesstätte|Kindertageseinrichtung|Kindergarten|Kinderkrippe|"
                   r"Kindertagespflege)\b")
_SCHOOL_ONLY = re.compile(r"Schüler|Schuljahr|\bKlasse\s+\d|Zeugnis|Schulbesuch", re.I)


def kita_paper(pages: list[str]) -> bool:
    """A paper of a Kita: it names one and none of the words only a school uses."""
    text = "\n".join(pages[:3])
    return bool(_KITA.search(text)) and not _SCHOOL_ONLY.search(text)


def school_facts(pages: list[str]) -> list[TextFact]:
    """School years ('Schuljahr 2019/20'), 'seit dem … Schüler', the class attended."""
    out: list[TextFact] = []
    for page, m in _page_of(pages, _SCHOOL_YEAR):
        if not own_school_year(pages[page], m):
            continue
        y1 = int(m["y1"])
        out.append(TextFact("school_year", f"{y1}/{y1 + 1}", page))
        break
    for page, m in _page_of(pages, _HALF):  # a half-year report covers its half of the school year
        first = m["n"] == "1" or (m["w"] or "").lower() == "erste" or bool(m["h"])
        out.append(TextFact("school_half", "1" if first else "2", page))
        break
    for page, m in _page_of(pages, _SCHOOL_SINCE):
        if _LEFT.search(_sentence(pages[page], m.start(), m.end())):
            continue  # "war seit dem … Schüler … und hat die Schule verlassen": no attendance up to the paper
        iso = parse_date(m["date"])
        if iso:
            out.append(TextFact("school_since", iso, page))
            break
    for page, m in _page_of(pages, _CLASS):
        out.append(TextFact("school_class", " ".join(m["cls"].split()), page))
        break
    for page, m in _page_of(pages, _SCHOOL_LEAVING):
        if own_leaving(pages[page], m):
            out.append(TextFact("school_leaving", "", page))
            break
    return out
