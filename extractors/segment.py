"""Segmentation: page by page, does a new document start here, or is this page no document at all?

Continuation cues ("- 2 -", "Seite 2 von 3", the same file number as a running header)
keep a page with the previous one; first-page cues (court headings, "Im Namen des
Volkes", "BESCHEID", form titles, letter openings) start a new document; separator
sheets and blank pages are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.file_numbers import find_file_numbers
from extractors.model import PageText
from extractors.normalize import fold

MIN_CHARS = 25  # fewer non-space characters: blank back, stamp-only or barcode-only page
_SEPARATOR = re.compile(r"trennblatt|trennseite|dokumententrenn|vorgangstrenn|separator\s*sheet|deckblatt\s+scan")
_PAGE_NO = re.compile(r"^\s*[-–]\s*(\d{1,3})\s*[-–]\s*$|^\s*-\s*(\d{1,3})\s*-", re.MULTILINE)
_SEITE = re.compile(r"\bseite\s*(\d{1,3})\s*(?:von|/|aus)\s*(\d{1,3})(?!\d)"
                    r"|\bblatt\s*(\d{1,3})\s*von\s*(\d{1,3})(?!\d)")
# A title line: the whole (short) line is one of these.
_TITLE = re.compile(
    r"(?:u\s?r\s?t\s?e\s?i\s?l|b\s?e\s?s\s?c\s?h\s?l\s?u\s?s\s?s|gerichtsbescheid|b\s?e\s?s\s?c\s?h\s?e\s?i\s?d|"
    r"(?:befristeter\s+|unbefristeter\s+)?arbeitsvertrag|meldebescheinigung|geburtsurkunde|heiratsurkunde|"
    r"schulbescheinigung|schulbesuchsbescheinigung|(?:\w+\s)?zeugnis|duldung|fiktionsbescheinigung|"
    r"aufenthaltsgestattung|(?:akten)?vermerk|arbeitgeberbescheinigung|(?:berufs)?ausbildungsvertrag|"
    r"antrag\s+auf\s.{3,50}|(?:lohn|entgelt|verdienst|gehalts)abrechnung.{0,30}|aufenthaltserlaubnis|"
    r"reisepass.{0,20}|passport|personalausweis|(?:bayerischer\s+)?verwaltungsgerichtshof.{0,25}|"
    r"(?:bayerisches\s+|hamburgisches\s+|schleswig-holsteinisches\s+|niedersachsisches\s+|sachsisches\s+)?"
    r"(?:ober|bundes)?verwaltungsgericht(?:\s+[a-z\-]+){0,4}|"
    r"bundesamt\s+fur\s+migration\s+und\s+fluchtlinge|erklarung\s+zum\s+beschaftigungsverhaltnis)[\s:.]*"
)
# Title words that may stand at the start or end of a top line (two-column letterheads, stamps beside them).
_TITLE_WORD = re.compile(
    r"(?:^|\s)(?:(?:lohn|entgelt|verdienst|gehalts)abrechnung|arbeitsvertrag|meldebescheinigung|geburtsurkunde|"
    r"heiratsurkunde|schul(?:besuchs)?bescheinigung|(?:halbjahres|jahres|abschluss)?zeugnis|fiktionsbescheinigung|"
    r"bescheinigung\s+uber\s+die\s+aufenthaltsgestattung|aufenthaltsgestattung|aufenthaltserlaubnis|"
    r"passersatz\w*|reisepass|arbeitgeberbescheinigung|(?:berufs)?ausbildungsvertrag|"
    r"antrag\s+auf\s+(?:erteilung|verlangerung|ausstellung|umschreibung)|erklarung\s+zum\s+beschaftigungs\w+|"
    r"zustellungsurkunde|empfangsbekenntnis)"
    r"(?=$|[\s:/|.,])"
)
# "Aufenthaltserlaubnis erteilt werden, wenn er ...": a title word opening a line of running text is no title
_RUNNING_TEXT = re.compile(r"(?:^|\s)[a-zäöüß][a-zäöüß]+\b")
# Words that also occur in running text ("gegen den Beschluss"): a title only in capitals or alone at a line start.
_TITLE_GENERIC = re.compile(r"^(?:urteil|beschluss|gerichtsbescheid|bescheid|(?:akten)?vermerk|niederschrift|duldung|"
                            r"bescheinigung)"
                            r"(?=$|[\s:/|.,])")
# Phrases that open a document wherever they stand in the page's top region.
_OPENERS = re.compile(
    r"im\s+namen\s+des\s+volkes|bescheinigung\s+uber\s+die\s+aussetzung|"
    r"in\s+(?:dem|der)\s+verwaltungs\w*\s+(?:verfahren|streitsache|rechtsstreit|rechtssache)|"
    r"p<[a-z<]{3}|sehr\s+geehrte|^\s*entscheidungsart\s*:|^\s*gericht\s*:|juris\s+sammlungen|"
    r"erklarung\s+zum\s+beschaftigungsverhaltnis|asylverfahren\s+des",
    re.MULTILINE,
)
_COVER = re.compile(r"leitsatz|leitsatze|\bnormen\s*:|stichworte|sachgebiet\s*:|titelzeile|rechtsquelle")


@dataclass
class PageCues:
    """What one page says about where it belongs."""

    number: int
    skip: bool = False
    separator: bool = False
    page_no: int | None = None  # printed page number of its document ("- 2 -", "Seite 2 von 3")
    page_total: int | None = None
    start_cues: list[str] = field(default_factory=list)
    cover: bool = False  # documentation sheet / headnotes in front of a decision
    all_numbers: set[str] = field(default_factory=set)  # every court/BAMF number on the page (cover sheets)
    file_numbers: set[str] = field(default_factory=set)


NOISE_WORD_RATIO = 0.15  # share of real words (4+ letters) below which OCR read show-through or specks
NOISE_CONFIDENCE = 35.0


def _is_noise(text: str, confidence: float | None) -> bool:
    """OCR of a blank back with show-through: many tokens, almost none of them words, low confidence."""
    tokens = text.split()
    if len(tokens) < 5:
        return False
    words = sum(1 for t in tokens if re.fullmatch(r"[A-Za-zÄÖÜäöüß]{4,}[.,:;]?", t))
    return words / len(tokens) < NOISE_WORD_RATIO or (confidence is not None and confidence < NOISE_CONFIDENCE)


def page_cues(page: PageText) -> PageCues:
    """Cues of a single page; pure, so segmentation can be tested page by page."""
    text = page.text or ""
    cues = PageCues(page.number)
    chars = len(re.sub(r"\s", "", text))
    words = re.findall(r"[A-Za-zÄÖÜäöüß]{3,}", text)
    folded = fold(text)
    if page.origin == "failed":
        return cues
    if chars < MIN_CHARS or len(words) < 2 or _is_noise(text, page.confidence):
        cues.skip = True
        return cues
    if _SEPARATOR.search(folded) and chars < 400:
        cues.skip = cues.separator = True
        return cues
    lines = [ln for ln in folded.split("\n") if ln.strip()]
    edge = "\n".join(lines[:4] + lines[-4:])
    m = _PAGE_NO.search(edge)
    if m:
        cues.page_no = int(m.group(1) or m.group(2))
    s = _SEITE.search(folded)
    if s:
        cues.page_no = int(s.group(1) or s.group(3))
        cues.page_total = int(s.group(2) or s.group(4))
    top = "\n".join(lines[:25])
    cues.start_cues = [ln.strip()[:30] for ln in lines[:10] if len(ln.strip()) <= 60 and _TITLE.fullmatch(ln.strip())]
    raw_top = [ln for ln in text.split("\n") if ln.strip()][:9]
    for ln, raw in zip(lines[:9], raw_top, strict=False):
        line = ln.strip()
        t = _TITLE_WORD.search(line)
        if t and (len(line) <= 45 or t.start() <= 1 or len(line) - t.end() <= 12) and (
                len(_RUNNING_TEXT.findall(raw)) < 3):
            cues.start_cues.append(t.group(0).strip()[:30])
        g = _TITLE_GENERIC.match(line)
        if g and (len(line) <= 30 or raw.strip()[: g.end()].isupper()):
            cues.start_cues.append(g.group(0))
    cues.start_cues += [m.group(0).strip()[:30] for m in _OPENERS.finditer(top)]
    if any(re.fullmatch(r"\s*(?:herrn|frau)\s*", ln) for ln in lines[:10]):
        cues.start_cues.append("address_block")  # a letter's window address
    cues.cover = bool(_COVER.search(folded)) and "im namen des volkes" not in folded
    raw_lines = [ln for ln in text.split("\n") if ln.strip()]
    cues.file_numbers = {h.normalized for h in find_file_numbers("\n".join(raw_lines[:8])) if h.kind != "authority"}
    if cues.cover:
        cues.all_numbers = {h.normalized for h in find_file_numbers(text) if h.kind != "authority"}
    return cues


@dataclass
class RangeDoubt:
    """How much the page range of one document rests on absent evidence (review signals, not decisions)."""

    weak_joins: int = 0  # later pages kept only because they showed no start cue (no page number, no shared number)


def segment(pages: list[PageText]) -> tuple[list[tuple[int, int]], list[int]]:
    """Page ranges (first, last) of the documents and the pages that belong to none."""
    ranges, skipped, _ = segment_with_doubts(pages)
    return ranges, skipped


def segment_with_doubts(pages: list[PageText]) -> tuple[list[tuple[int, int]], list[int], list[RangeDoubt]]:
    """`segment`, plus per range how weakly its boundaries are supported (for the review model)."""
    ranges: list[list[int]] = []
    doubts: list[RangeDoubt] = []
    skipped: list[int] = []
    prev: PageCues | None = None
    for page in pages:
        cues = page_cues(page)
        if cues.skip:
            skipped.append(page.number)
            if cues.separator:
                prev = None  # a separator always closes the open document
            continue
        if not ranges or prev is None or _starts(cues, prev):
            ranges.append([page.number, page.number])
            doubts.append(RangeDoubt())
        else:
            ranges[-1][1] = page.number
            if not _continues(cues, prev):
                doubts[-1].weak_joins += 1
        prev = cues
    return [(a, b) for a, b in ranges], skipped, doubts


def _continues(cues: PageCues, prev: PageCues) -> bool:
    """Positive evidence that a page continues the open document (besides lacking a start cue)."""
    return bool((cues.page_no is not None and cues.page_no >= 2) or cues.file_numbers & prev.file_numbers
                or (prev.cover and cues.file_numbers & (prev.file_numbers | prev.all_numbers)))


def _starts(cues: PageCues, prev: PageCues) -> bool:
    if cues.page_no is not None and cues.page_no >= 2:
        # a "Seite 2" after a "Seite 3 von 3" belongs to a new document
        return bool(prev.page_total and prev.page_no and prev.page_no >= prev.page_total)
    if cues.file_numbers & prev.file_numbers and not cues.start_cues:
        return False
    if prev.cover and cues.file_numbers & (prev.file_numbers | prev.all_numbers):
        return False
    if cues.page_no == 1:
        return True
    if prev.page_total and prev.page_no and prev.page_no >= prev.page_total:
        return True
    return bool(cues.start_cues)
