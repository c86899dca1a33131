"""The review model's inputs: cheap signals of one document that its fields may be wrong.

Every value is 0..1 (or a small count), named by what it measures: classification confidence, OCR word
confidence, how the issuing date was found, missing or conflicting file numbers, parties, pages, and what the
neighbours in the source say about the page range. The shipped weights (`extractors/models/review.json`) name
these features, so their names, order and values are part of the model: retrain when one changes.
"""

from __future__ import annotations

import re
from datetime import date

from extractors import doctypes
from extractors.classify import classify
from extractors.fields.dates import DateHit
from extractors.fields.page_numbers import DASH_PAGE, PAGE_OF
from extractors.model import DocumentAnalysis, PageText

LOW_CONFIDENCE = 0.6  # classification confidence below which a document counts as uncertain
_LATE_RECEIPT_DAYS = 365
# date cues that name the issuing date outright ("verkündet am", "Datum:", "Ausgestellt am", "Köln, den")
_STRONG_DATE_CUES = {"verkuendet", "beschlossen", "ohne_mv", "hat_am_durch", "datum", "header_date", "issued",
                     "ort_den"}
# a date OCR damaged: "13:.012.1.985", "2.122015", "24.O6.2015" -- the field read from it may be wrong
_DATE_LIKE = re.compile(r"(?<![\w.,:;])\d[\d.,:;OoIl]{5,11}(?![\w])")
_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})*,\d{2}")
_CLEAN_DATE = re.compile(r"(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d{2}|\d{4})")
# labels that introduce a case number ("Az.:", "Aktenzeichen", "Gesch.-Z.", "Geschäftszeichen")
_NUMBER_LABEL = re.compile(r"\b(?:az\.|aktenzeichen|gesch\.?\s?-?\s?z\.|geschäftszeichen)\W{0,4}([^\n]{0,30})",
                           re.IGNORECASE)


def review_features(doc: DocumentAnalysis, pages: list[PageText], court_numbers: set[str],
                    chosen: DateHit | None = None) -> dict[str, float]:
    """The model's inputs: every value is 0..1 (or a small count), named by what it measures."""
    prof = doctypes.profile(doc.doc_type)
    text_pages = [p for p in pages if p.text.strip()]
    chars = sum(len(p.text) for p in pages)
    confs = [p.confidence for p in text_pages if p.origin == "tesseract" and p.confidence is not None]
    mean_conf = sum(confs) / len(confs) if confs else 95.0
    min_conf = min(confs) if confs else 95.0
    words = " ".join(p.text for p in text_pages).split()
    odd = sum(1 for w in words if not any(c.isalpha() for c in w) and not any(c.isdigit() for c in w))
    short = sum(1 for w in words if len(w) == 1 and w.isalpha())
    # Issuing-date candidates stand on the first pages and the last one; the body of a long ruling cites many
    # dates that are no candidates (and the model never saw documents that long: it must not extrapolate).
    frame = {doc.first_page, doc.first_page + 1, doc.last_page}
    issued_values = {d.value for d in doc.dates if d.role in ("document_date", "other") and d.page in frame}
    head = "\n".join(p.text for p in pages[:2])
    damaged = sum(1 for m in _DATE_LIKE.finditer(head) if _damaged_date(m.group().rstrip(".,:;")))
    kept = [re.sub(r"\D", "", f.value) for f in doc.file_numbers]
    label_values = [m.group(1).strip() for m in _NUMBER_LABEL.finditer(head)]
    unread = sum(1 for v in label_values if _unread_number(v, kept))
    f: dict[str, float] = {
        "low_confidence": 1.0 - doc.confidence,
        "below_confidence_floor": float(doc.confidence < LOW_CONFIDENCE),
        "few_cues": 1.0 / (1 + len(doc.evidence)),
        "ocr_uncertain": min(1.0, max(0.0, (95.0 - mean_conf) / 40.0)),
        "ocr_worst_page": min(1.0, max(0.0, (95.0 - min_conf) / 40.0)),
        "noisy_text": (odd + short) / len(words) if words else 1.0,
        "little_text": 1.0 / (1 + chars / 400),
        "single_page": float(len(pages) == 1),
        "no_document_date": float(doc.document_date is None and prof.needs_date),
        "weak_date_cue": float(chosen is not None and chosen.cue not in _STRONG_DATE_CUES),
        "date_from_form_column": float(chosen is not None and chosen.column),
        "date_candidates": min(1.0, len(issued_values) / 6),
        "implausible_document_date": float(bool(doc.document_date) and _implausible_date(doc)),
        "dates_after_issue": min(1.0, _dates_after_issue(doc) / 3),
        "damaged_dates": min(1.0, damaged / 3),
        "no_date_at_all": float(doc.document_date is None),
        "no_file_number": float(_missing_number(doc)),
        "asylum_case_without_bamf_number": float(_asylum_without_bamf(doc)),
        "number_labels_unread": min(1.0, unread / 2),
        "conflicting_file_numbers": float(len(court_numbers) > 1),
        "page_numbers_disagree": float(_page_numbers_disagree(text_pages)),
        "later_page_looks_like_other_type": float(_later_page_other_type(doc, text_pages)),
        "later_page_restarts_dates": float(_later_page_restarts_dates(doc)),
        "no_court": float(prof.ruling and doc.court is None),
        "no_party": float(not doc.parties),
        "no_subtype": float(doc.doc_subtype is None),
        "foreign_language": float((doc.language or "de") != "de"),
    }
    for t in doctypes.DOC_TYPES:
        f[f"type_{t}"] = float(doc.doc_type == t)
    return f



def _damaged_date(token: str) -> bool:
    """Digits and date separators that are no clean date, amount or plain number."""
    digits = sum(c.isdigit() for c in token)
    seps = sum(c in ".,:;" for c in token)
    return (digits >= 5 and seps >= 1 and not _CLEAN_DATE.fullmatch(token) and not _AMOUNT.fullmatch(token)
            and not re.fullmatch(r"\d+[.,]\d{1,3}", token))


def _later_page_other_type(doc: DocumentAnalysis, pages: list[PageText], max_pages: int = 2) -> bool:
    """A later page whose top reads confidently as another type: two documents may have been merged."""
    for p in pages[1:1 + max_pages]:
        c = classify(p.text[:1500])
        if c.confidence >= 0.7 and c.doc_type != doc.doc_type and not doctypes.profile(c.doc_type).generic:
            return True
    return False


def _later_page_restarts_dates(doc: DocumentAnalysis) -> bool:
    """A later page with its own pay period, validity or birth date: two payslips or forms run together."""
    roles = ("pay_period_start", "valid_from", "valid_until", "birth_date")
    first = {(d.role, d.value) for d in doc.dates if d.page == doc.first_page and d.role in roles}
    later = {(d.role, d.value) for d in doc.dates if d.page and d.page > doc.first_page and d.role in roles}
    return any(r == fr and v != fv for r, v in later for fr, fv in first)


def _page_numbers_disagree(pages: list[PageText]) -> bool:
    """Printed page numbers that say the range is cut: starts at "- 3 -", or "Seite 1 von 4" on two pages."""
    if not pages:
        return False
    first = [int(m.group(1)) for m in DASH_PAGE.finditer(pages[0].text)] + [
        int(m.group(1)) for m in PAGE_OF.finditer(pages[0].text)]
    if first and min(first) >= 2:
        return True
    totals = {int(m.group(2)) for p in pages for m in PAGE_OF.finditer(p.text)}
    return bool(totals) and len(pages) not in totals and len(totals) == 1 and max(totals) < 60


def _unread_number(after_label: str, kept: list[str]) -> bool:
    """What follows an "Az.:" label is a number no kept file number starts like, or one cut at the line end."""
    digits = re.sub(r"\D", "", after_label)
    if re.fullmatch(r"[\d.\s]{1,6}[-/]", after_label):  # "Az.: 32-" and the rest on another line
        return not any(k.startswith(digits) for k in kept)
    return len(digits) >= 4 and not any(digits[:4] in k for k in kept)


def _asylum_without_bamf(doc: DocumentAnalysis) -> bool:
    """An asylum ruling (court number "... .A") names the BAMF's Gesch.-Z. in its Rubrum."""
    asylum = any(f.kind == "court" and re.search(r"\.\s?A\b", f.value) for f in doc.file_numbers)
    return asylum and not any(f.kind == "bamf" for f in doc.file_numbers)



def _fragment(doc: DocumentAnalysis) -> bool:
    return doc.first_page == doc.last_page and (doc.confidence < LOW_CONFIDENCE or doc.doc_type == "other")



def _missing_number(doc: DocumentAnalysis) -> bool:
    prof = doctypes.profile(doc.doc_type)
    if prof.ruling:  # a ruling's own number is the court's Aktenzeichen
        return not any(f.kind == "court" for f in doc.file_numbers)
    return prof.needs_number and not doc.file_numbers


_LATER_BY_NATURE = {"receipt_date", "service_date", "valid_until", "valid_from", "employment_end", "pay_period_end",
                    "pay_period_start", "employment_start", "hearing_date"}


def _dates_after_issue(doc: DocumentAnalysis) -> int:
    """Dates well after the chosen issuing date that nothing explains: the issuing date may be an older one."""
    if not doc.document_date:
        return 0
    issued = date.fromisoformat(doc.document_date)
    return sum(1 for d in doc.dates if d.role not in _LATER_BY_NATURE and d.role != "document_date"
               and (date.fromisoformat(d.value) - issued).days > 31)


def _implausible_date(doc: DocumentAnalysis) -> bool:
    """Issued after it expired, after it was received, long before it was received, or before birth."""
    issued = date.fromisoformat(doc.document_date or "")
    ruling = doctypes.profile(doc.doc_type).ruling
    for d in doc.dates:
        if d.role == "document_date":
            continue
        other = date.fromisoformat(d.value)
        if d.role == "valid_until" and not ruling and issued > other:  # a ruling quotes expired papers
            return True
        if d.role == "receipt_date" and (issued > other or (other - issued).days > _LATE_RECEIPT_DAYS):
            return True
        if d.role == "birth_date" and issued < other:
            return True
    return False



def source_features(docs: list[DocumentAnalysis], i: int, skipped: set[int], weak_joins: int) -> dict[str, float]:
    """What the rest of the source says about document `i`'s page range.

    A one-page low-confidence fragment next to it, or a skipped page right at its edge, says the range may be
    cut wrong; so do later pages kept only for lacking a start cue (`weak_joins`, from segmentation).
    """
    doc = docs[i]
    neighbours = [docs[j] for j in (i - 1, i + 1) if 0 <= j < len(docs)]
    return {"weak_joins": min(1.0, weak_joins / 2),
            "fragment_beside": float(any(_fragment(d) for d in neighbours)),
            "skipped_page_at_edge": float(doc.first_page - 1 in skipped or doc.last_page + 1 in skipped)}
