"""Review decision: the one place where a document's review flag and its reasons are decided.

A small logistic model (`extractors/review/model.py`) turns the document's signals
(`extractors/review/features.py`) into an error probability; documents above the shipped threshold are
flagged with the signals that pushed the probability up most. Pages that failed OCR or documents without
any text are always flagged, and so are documents whose pages read with a low mean OCR confidence: no
model can vouch for what was not read. Each document is decided once, when its source is analysed and
every source-level fix of its fields is done; the record (eakte/documents.py) copies the decision.

Reason codes: page_failed, no_text, low_ocr_confidence (rules); low_confidence, low_ocr_confidence,
little_text, no_document_date, weak_date_cue, damaged_date, many_date_candidates,
implausible_document_date, dates_after_document_date, no_file_number, conflicting_file_numbers,
page_range_uncertain, no_court, no_party, foreign_language (model); uncertain_extraction when no single
signal stands out.
"""

from __future__ import annotations

from typing import Any

from extractors.fields.dates import DateHit
from extractors.model import DocumentAnalysis, PageText
from extractors.review.features import review_features, source_features
from extractors.review.model import error_probability, load_model, score_reasons

HARD_REASONS = ("page_failed", "no_text")
LOW_OCR_CONFIDENCE = 55.0  # mean page OCR confidence (0..100, as the record shows it) that always means review
_ALONE = {"weak_joins": 0.0, "fragment_beside": 0.0, "skipped_page_at_edge": 0.0}  # a document without a source


def hard_reasons(pages: list[PageText]) -> list[str]:
    """Reasons no score can outweigh: a page that was not read, or no text at all."""
    page_failed, no_text = HARD_REASONS
    reasons = []
    if any(p.origin == "failed" for p in pages):
        reasons.append(page_failed)
    if not any(p.text.strip() for p in pages):
        reasons.append(no_text)
    return reasons


def low_ocr_confidence(pages: list[PageText]) -> bool:
    """The pages' mean OCR confidence, each rounded as the record's page info shows it, is below the floor."""
    confs = [round(p.confidence, 1) for p in pages if p.confidence is not None]
    return bool(confs) and sum(confs) / len(confs) < LOW_OCR_CONFIDENCE


def decide(doc: DocumentAnalysis, pages: list[PageText], features: dict[str, float],
           model: dict[str, Any] | None = None) -> list[str]:
    """Sets the document's review features, risk and reasons (empty: no review needed) and returns the reasons."""
    model = model or load_model()
    risk = error_probability(features, model)
    doc.review_features = features
    doc.review_risk = round(risk, 4)
    reasons = hard_reasons(pages)
    if risk > float(model["threshold"]):
        reasons += [r for r in score_reasons(features, model) if r not in reasons]
    if low_ocr_confidence(pages) and "low_ocr_confidence" not in reasons:
        reasons.append("low_ocr_confidence")
    doc.review_reasons = reasons
    return reasons


def review_document(doc: DocumentAnalysis, pages: list[PageText], chosen: DateHit | None = None,
                    source: dict[str, float] | None = None) -> list[str]:
    """Decides one document from its pages, the issuing-date hit its date was read from, and what its source
    says about its page range (`features.source_features`; none for a document analysed on its own)."""
    features = review_features(doc, pages, own_court_number(doc), chosen)
    features.update(source if source is not None else _ALONE)
    return decide(doc, pages, features)


def review_source(docs: list[DocumentAnalysis], pages: dict[int, PageText], skipped: list[int],
                  chosen: list[DateHit | None], weak_joins: list[int]) -> None:
    """Decides every document of a source, once, after every source-level fix of the fields."""
    skip = set(skipped)
    for i, doc in enumerate(docs):
        doc_pages = [pages[n] for n in range(doc.first_page, doc.last_page + 1) if n in pages]
        review_document(doc, doc_pages, chosen[i], source_features(docs, i, skip, weak_joins[i]))


def own_court_number(doc: DocumentAnalysis) -> set[str]:
    """The own Aktenzeichen only: a lower instance listed after it is no conflict."""
    return {f.normalized or f.value for f in [x for x in doc.file_numbers if x.kind == "court"][:1]}
