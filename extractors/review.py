"""Review reasons: why an operator should look at a document before the e-file trusts it.

Each reason is a cheap signal that, on the generated train split, predicts a wrong field; the set is
tuned so that about one document in ten goes to review (see scripts/dev_ideal_eval.py --field-errors).
"""

from __future__ import annotations

from datetime import date

from extractors.dates import DateHit
from extractors.model import DocumentAnalysis, PageText

LOW_CONFIDENCE = 0.6
LOW_OCR = 60.0  # tesseract mean word confidence (0..100)
_NEEDS_DATE = {"court_decision", "bamf_decision", "employment_proof", "residence_document", "correspondence",
               "application", "school_document", "registration_certificate", "civil_status_document"}
# document types whose records always carry a case number (court AZ, Gesch.-Z. or the authority's Az.)
_NEEDS_NUMBER = {"court_decision", "bamf_decision", "residence_document", "correspondence", "application"}
_LATE_RECEIPT_DAYS = 365


def review_reasons(doc: DocumentAnalysis, pages: list[PageText], court_numbers: set[str],
                   chosen: DateHit | None = None) -> list[str]:
    """Stable reason codes; an empty list means the document needs no review."""
    reasons: list[str] = []
    if doc.confidence < LOW_CONFIDENCE:
        reasons.append("low_confidence")
    if doc.document_date is None and doc.doc_type in _NEEDS_DATE:
        reasons.append("no_document_date")
    confs = [p.confidence for p in pages if p.origin == "tesseract" and p.confidence is not None]
    if confs and sum(confs) / len(confs) < LOW_OCR:
        reasons.append("low_ocr_confidence")
    if any(p.origin == "failed" for p in pages):
        reasons.append("page_failed")
    if doc.doc_type == "court_decision":
        if doc.court is None:
            reasons.append("no_court")
        if not any(f.kind == "court" for f in doc.file_numbers):
            reasons.append("no_file_number")
    elif doc.doc_type in _NEEDS_NUMBER and not doc.file_numbers:
        reasons.append("no_file_number")
    if len(court_numbers) > 1:
        reasons.append("conflicting_file_numbers")
    if doc.document_date and _implausible_date(doc):
        reasons.append("implausible_document_date")
    return reasons


def _implausible_date(doc: DocumentAnalysis) -> bool:
    """Issued after it expired, after it was received, long before it was received, or before birth."""
    issued = date.fromisoformat(doc.document_date or "")
    for d in doc.dates:
        if d.role == "document_date":
            continue
        other = date.fromisoformat(d.value)
        if d.role == "valid_until" and doc.doc_type != "court_decision" and issued > other:
            return True
        if d.role == "receipt_date" and (issued > other or (other - issued).days > _LATE_RECEIPT_DAYS):
            return True
        if d.role == "birth_date" and issued < other:
            return True
    return False
