"""Why a document waits for review: each reason code the pipeline writes, with a plain-German label.

Kept as data beside the catalog so the CLI, the API (`GET /api/review-reasons`) and the search page show the
same words. Codes come from `extractors/review/` (HARD_REASONS, MODEL_REASONS) and `eakte/migrate/records.py`.
"""

from __future__ import annotations

REASON_LABELS: dict[str, str] = {
    "page_failed": "Eine Seite konnte nicht gelesen werden",
    "no_text": "Kein Text erkannt",
    "low_confidence": "Dokumenttyp unsicher",
    "low_ocr_confidence": "Texterkennung unsicher (schlechte Scanqualität)",
    "little_text": "Sehr wenig Text",
    "no_document_date": "Kein Dokumentdatum gefunden",
    "weak_date_cue": "Dokumentdatum nur schwach belegt",
    "damaged_date": "Datum im Text beschädigt",
    "many_date_candidates": "Viele mögliche Daten",
    "implausible_document_date": "Dokumentdatum unplausibel",
    "dates_after_document_date": "Daten nach dem Dokumentdatum",
    "no_file_number": "Kein Aktenzeichen gefunden",
    "conflicting_file_numbers": "Widersprüchliche Aktenzeichen",
    "page_range_uncertain": "Dokumentgrenzen unsicher",
    "no_court": "Kein Gericht erkannt",
    "no_party": "Keine Beteiligten erkannt",
    "foreign_language": "Fremdsprachiges Dokument",
    "uncertain_extraction": "Erkannte Angaben unsicher",
}


def reason_code(reason: str) -> str:
    """The code of a stored reason ("code" or "code:detail")."""
    return reason.split(":", 1)[0].strip()


def label(reason: str) -> str:
    code = reason_code(reason)
    return REASON_LABELS.get(code, code.replace("_", " "))
