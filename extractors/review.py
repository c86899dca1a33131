"""Review reasons: why an operator should look at a document before the e-file trusts it."""

from __future__ import annotations

from extractors.model import DocumentAnalysis, PageText

LOW_CONFIDENCE = 0.6
LOW_OCR = 60.0  # tesseract mean word confidence (0..100)
_NEEDS_DATE = {"court_decision", "bamf_decision", "employment_proof", "residence_document", "correspondence",
               "application", "school_document", "registration_certificate", "civil_status_document"}


def review_reasons(doc: DocumentAnalysis, pages: list[PageText], court_numbers: set[str]) -> list[str]:
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
    if len(court_numbers) > 1:
        reasons.append("conflicting_file_numbers")
    return reasons
