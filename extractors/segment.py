"""Segmentation: page by page, does a new document start here, or is this page no document at all?

Each pair of neighbouring pages is one learned decision (new document or continuation), a
logistic model (`models/segment.json`, trained by `scripts/train_segment.py`) over cues that
do not depend on one template: first-page cues of the page (title line, "Im Namen des Volkes",
salutation, window address, "Seite 1 von 1"), continuation cues ("- 2 -", "Seite 2 von 3", a
running header with the same file number, a page opening mid-sentence, the previous page
ending without a closing) and what CHANGES between the two pages (another pay period, another
value after the same label, another file number, the same title or the same top-of-page
layout again: a stack of monthly payslips is one document per month). Separator sheets and
blank pages are skipped; a separator always closes the open document.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from extractors import doctypes
from extractors.fields.file_numbers import find_file_numbers
from extractors.fields.normalize import to_base_letters
from extractors.fields.page_numbers import PAGE_NO, PAGE_OF_TOTAL
from extractors.model import PageText

MIN_CHARS = 25  # fewer non-space characters: blank back, stamp-only or barcode-only page
_SEPARATOR = re.compile(r"trennblatt|trennseite|dokumententrenn|vorgangstrenn|separator\s*sheet|deckblatt\s+scan")
# A title line: the whole (short) line is one of the profiles' title lines; title words may stand at the start
# or end of a top line (two-column letterheads, stamps beside them). Both are built from extractors/doctypes.py.
_TITLE = re.compile("")
_TITLE_WORD = re.compile("")


def compile_titles() -> None:
    """The title vocabulary of every profile, compiled once (and again when a profile is registered)."""
    global _TITLE, _TITLE_WORD
    profiles = doctypes.profiles()
    _TITLE = re.compile(r"(?:" + "|".join(t for p in profiles for t in p.title_lines) + r")[\s:.]*")
    _TITLE_WORD = re.compile(r"(?:^|\s)(?:" + "|".join(t for p in profiles for t in p.title_words) + r")"
                             r"(?=$|[\s:/|.,])")


doctypes.on_change(compile_titles)
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
    titles: set[str] = field(default_factory=set)  # title lines / title words of the top region, folded
    strong_opener: bool = False  # "Im Namen des Volkes", "in der Verwaltungsstreitsache", "Sehr geehrte"
    title_line: bool = False  # a whole short line is a document title
    top_words: set[str] = field(default_factory=set)  # words of the top region (layout fingerprint)
    periods: set[str] = field(default_factory=set)  # "2024-03": months named in the top region
    labels: dict[str, str] = field(default_factory=dict)  # "label: value" pairs of the top region
    birth: set[str] = field(default_factory=set)  # birth dates anywhere on the page
    first_lower: bool = False  # the first line of running text starts in lower case (mid-sentence)
    ends_closing: bool = False  # a closing formula or signature line among the last lines
    ends_open: bool = False  # the last line stops mid-sentence (comma, hyphen, a word without full stop)
    chars: int = 0


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
    folded = to_base_letters(text)
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
    m = PAGE_NO.search(edge)
    if m:
        cues.page_no = int(m.group(1) or m.group(2) or m.group(3) or m.group(4))
    s = PAGE_OF_TOTAL.search(folded)
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
    cues.chars = chars
    _structure_cues(cues, lines, raw_lines)
    return cues


_MONTHS = ("januar", "februar", "marz", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "dezember")
_MONTH_NAME = re.compile(r"(?<![\d.]\s)(?<![\d.])\b(januar|jan|februar|feb|marz|mar|april|apr|mai|juni|jun|juli|jul|"
                         r"august|aug|september|sept|sep|oktober|okt|november|nov|dezember|dez)\b\.?\s*"
                         r"(?:(20\d\d|19\d\d)|'?(\d\d))\b")
_MONTH_NUMBER = re.compile(r"(?<![\d.,/])(0?[1-9]|1[0-2])\s?[/.]\s?((?:19|20)\d\d)(?![\d.,/])")
_PERIOD_LINE = re.compile(r"zeitraum|abrechnungs|monat|periode|lohn|gehalt|entgelt|bezuge|fur\s+die\s+zeit")
_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d\d)(?!\d)")
_LABEL_VALUE = re.compile(r"^([a-z][a-z .\-/()]{1,28}?)\s*:\s*(\S.{0,40})$")
_BIRTH = re.compile(r"(?:geb(?:oren|\.)?\s*(?:am)?|geburtsdatum|geburtstag)\s*:?\s*(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4})")
# A letter's closing formula (not "Im Auftrag" or "Unterschrift": forms carry those on a first page before their annex)
_CLOSING = re.compile(r"mit\s+freundlichen\s+gru|freundliche\s+gru|hochachtungsvoll")
# A title of any document type: a short line whose noun names a kind of paper ("Abrechnung der Bezüge", "NACHWEIS")
_GENERIC_TITLE = re.compile(r"(?:^|\s)\w*(?:abrechnung|bescheinigung|vertrag|urkunde|bescheid|zeugnis|nachweis|antrag|"
                            r"vermerk|erklarung|mitteilung|bestatigung|protokoll|niederschrift|beschluss|urteil|"
                            r"auskunft|anzeige|ausweis|verfugung|ladung|rechnung|quittung|aufstellung|meldung)"
                            r"(?=$|[\s:.,/-])")
# A title is a noun phrase: no full stop or comma at its end, no lower-case word besides articles and prepositions
# ("Der Antrag wird abgelehnt." is a sentence of the operative part, not a title)
_SENTENCE = re.compile(r"[.,;]$|(?:^|\s)(?!(?:der|die|das|des|dem|den|ein|eine|einer|eines|zur|zum|über|für|von|vom|"
                       r"und|nach|auf|im|in|an|am|bei|gem|gemäß|mit|zu|aus|bis|ab|je)\b)[a-zäöüß]{3,}(?=\s|$)")
_WORD = re.compile(r"[a-z]{3,}")


def _structure_cues(cues: PageCues, lines: list[str], raw_lines: list[str]) -> None:
    """Cues for the pair decision: titles, top-region fingerprint, periods, label values, page edges."""
    top = lines[:12]
    cues.title_line = any(len(ln.strip()) <= 60 and _TITLE.fullmatch(ln.strip()) for ln in lines[:10])
    cues.strong_opener = bool(re.search(r"im\s+namen\s+des\s+volkes|sehr\s+geehrte|in\s+(?:dem|der)\s+verwaltungs"
                                        r"\w*\s+(?:verfahren|streitsache|rechtsstreit|rechtssache)",
                                        "\n".join(lines[:25])))
    titles = {" ".join(_WORD.findall(c)) for c in cues.start_cues if c != "address_block"}
    for ln, raw in zip(lines[:10], raw_lines[:10], strict=False):
        line = ln.strip()
        if re.fullmatch(r"(?:[a-z] ){3,}[a-z]", line):
            line = line.replace(" ", "")  # a letter-spaced title ("V e r m e r k")
        if (len(line) <= 50 and len(line.split()) <= 6 and _GENERIC_TITLE.search(line)
                and not _SENTENCE.search(raw.strip())):
            titles.add(" ".join(_WORD.findall(line)))
    cues.titles = {t for t in titles if t}
    cues.top_words = {w for ln in top for w in _WORD.findall(ln)}
    for i, ln in enumerate(lines[:25]):
        for m in _MONTH_NAME.finditer(ln):
            month = next((k for k, name in enumerate(_MONTHS, 1) if name.startswith(m.group(1))), 0)
            year = m.group(2) or f"20{m.group(3)}"
            if month:
                cues.periods.add(f"{year}-{month:02d}")
        for m in _MONTH_NUMBER.finditer(ln):
            cues.periods.add(f"{m.group(2)}-{int(m.group(1)):02d}")
        if _PERIOD_LINE.search(ln):
            for m in _FULL_DATE.finditer(ln):
                cues.periods.add(f"{m.group(3)}-{int(m.group(2)):02d}")
                break
        for part in re.split(r"\s{2,}|\t", ln.strip()):
            lv = _LABEL_VALUE.match(part)
            if lv and i < 25:
                cues.labels.setdefault(lv.group(1).strip(), re.sub(r"\s+", "", lv.group(2)))
    folded_all = "\n".join(lines)
    cues.birth = {re.sub(r"\s", "", m.group(1)) for m in _BIRTH.finditer(folded_all)}
    text_lines = [r.strip() for r in raw_lines if len(re.findall(r"[A-Za-zÄÖÜäöüß]{3,}", r)) >= 3]
    if text_lines:
        cues.first_lower = text_lines[0][:1].islower()
        last = text_lines[-1]
        cues.ends_open = bool(re.search(r"[a-zäöüß,;\-]$", last))
    cues.ends_closing = any(_CLOSING.search(ln) for ln in lines[-8:])


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def pair_features(cur: PageCues, prev: PageCues) -> dict[str, float]:
    """What the page and its predecessor say about a boundary between them (inputs of the model)."""
    same_labels = [k for k in cur.labels if k in prev.labels]
    differ = sum(1 for k in same_labels if cur.labels[k] != prev.labels[k])
    sim = _jaccard(cur.top_words, prev.top_words)
    period_change = bool(cur.periods and prev.periods and not cur.periods & prev.periods)
    label_change = min(differ, 3) / 3
    prev_done = bool(prev.page_total and prev.page_no and prev.page_no >= prev.page_total)
    return {
        "start_cues": min(len(cur.start_cues), 3) / 3,
        "title_line": float(cur.title_line),
        "strong_opener": float(cur.strong_opener),
        "address_block": float("address_block" in cur.start_cues),
        "page_one": float(cur.page_no == 1),
        "page_later": float(cur.page_no is not None and cur.page_no >= 2),
        "page_follows": float(cur.page_no is not None and prev.page_no is not None and cur.page_no == prev.page_no + 1),
        # numbering that does not go on from the previous page ("- 2 -" after "- 9 -": another paper's number)
        "page_jump": float(cur.page_no is not None and prev.page_no is not None and cur.page_no != prev.page_no + 1),
        # some courts print the next page's number ("- 2 -") on the first page: with a title it opens a paper
        "page_two_opener": float(cur.page_no == 2 and (cur.strong_opener or cur.title_line)),
        "prev_numbering_done": float(prev_done),
        "one_page_of_one": float(cur.page_total == 1),
        "same_file_number": float(bool(cur.file_numbers & prev.file_numbers)),
        "other_file_number": float(bool(cur.file_numbers and prev.file_numbers
                                        and not cur.file_numbers & prev.file_numbers)),
        "cover_before": float(prev.cover and bool(cur.file_numbers & (prev.file_numbers | prev.all_numbers))),
        "first_lower": float(cur.first_lower),
        "prev_closing": float(prev.ends_closing),
        "closing_then_untitled": float(prev.ends_closing and not cur.start_cues and not cur.titles),
        "prev_open_end": float(prev.ends_open),
        "same_title": float(bool(cur.titles & prev.titles)),
        "other_title": float(bool(cur.titles and prev.titles and not cur.titles & prev.titles)),
        "title_without_prev": float(bool(cur.titles and not prev.titles)),
        "period_change": float(period_change),
        "same_period": float(bool(cur.periods & prev.periods)),
        "label_change": label_change,
        "label_same": min(len(same_labels) - differ, 3) / 3,
        "birth_change": float(bool(cur.birth and prev.birth and not cur.birth & prev.birth)),
        "top_similarity": sim,
        "similar_and_changed": sim * float(period_change or differ > 0),
        "similar_and_titled": sim * float(bool(cur.titles)),
        "short_page": float(cur.chars < 300),
        "rule_start": float(rule_starts(cur, prev)),
    }


MODEL_PATH = Path(__file__).parent / "models" / "segment.json"
_MODEL: dict[str, object] = json.loads(MODEL_PATH.read_text()) if MODEL_PATH.exists() else {}


def boundary_probability(cur: PageCues, prev: PageCues, model: dict[str, object] | None = None) -> float:
    """P(a new document starts at `cur`) under the learned page-pair model."""
    model = model if model is not None else _MODEL
    weights = model.get("weights") or {}
    assert isinstance(weights, dict)
    z = float(model.get("bias", 0.0))  # type: ignore[arg-type]
    for name, value in pair_features(cur, prev).items():
        z += float(weights.get(name, 0.0)) * value
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass
class RangeDoubt:
    """How much the page range of one document rests on absent evidence (review signals, not decisions)."""

    weak_joins: int = 0  # later pages kept only because they showed no start cue (no page number, no shared number)


def segment(pages: list[PageText]) -> tuple[list[tuple[int, int]], list[int]]:
    """Page ranges (first, last) of the documents and the pages that belong to none (without the review
    signals of `segment_with_doubts`, which the pipeline uses)."""
    ranges, skipped, _ = segment_with_doubts(pages)
    return ranges, skipped


def segment_with_doubts(pages: list[PageText]) -> tuple[list[tuple[int, int]], list[int], list[RangeDoubt]]:
    """`segment`, plus per range how weakly its boundaries are supported (for the review model)."""
    ranges: list[list[int]] = []
    doubts: list[RangeDoubt] = []
    skipped: list[int] = []
    prev: PageCues | None = None
    threshold = float(_MODEL.get("threshold", 0.5))  # type: ignore[arg-type]
    for page in pages:
        cues = page_cues(page)
        if cues.skip:
            skipped.append(page.number)
            if cues.separator:
                prev = None  # a separator always closes the open document
            continue
        # a documentation sheet that names this page's file number is the front of the same decision
        cover_front = prev is not None and prev.cover and bool(
            cues.file_numbers & (prev.file_numbers | prev.all_numbers))
        if not ranges or prev is None or (not cover_front and boundary_probability(cues, prev) > threshold):
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


def rule_starts(cues: PageCues, prev: PageCues) -> bool:
    """The hand-written decision the model replaced (kept for comparison in scripts/train_segment.py)."""
    if cues.page_no is not None and cues.page_no >= 2:
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
