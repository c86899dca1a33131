"""Turns the extractors' analyses into contract records with deterministic ids and object keys."""

from __future__ import annotations

from eakte import PIPELINE_VERSION
from eakte.ids import akte_id as make_akte_id
from eakte.ids import document_id as make_document_id
from eakte.store import keys
from extractors.model import DocumentAnalysis, PageText
from schemas.records import DocumentRecord, ObjectKeys, PageInfo, Review, SourceRef


def page_infos(analysis: DocumentAnalysis, pages: dict[int, PageText]) -> list[PageInfo]:
    out = []
    for n in range(analysis.first_page, analysis.last_page + 1):
        p = pages.get(n)
        if p is None:
            continue
        conf = round(p.confidence, 1) if p.confidence is not None else None
        out.append(PageInfo(page=n, folio=analysis.folios.get(n), ocr=p.origin, ocr_confidence=conf,
                            rotated=p.rotated, error=p.error))
    return out


def review_reasons(analysis: DocumentAnalysis) -> list[str]:
    """The extractors' review decision (extractors/review/decide.py), copied: it is made there only."""
    return list(analysis.review_reasons)


def build_record(path: str, sha256: str, analysis: DocumentAnalysis, pages: dict[int, PageText]) -> DocumentRecord:
    aid = make_akte_id(sha256)
    did = make_document_id(sha256, analysis.first_page, analysis.last_page)
    infos = page_infos(analysis, pages)
    reasons = review_reasons(analysis)
    return DocumentRecord(
        document_id=did,
        akte_id=aid,
        source=SourceRef(path=path, sha256=sha256, first_page=analysis.first_page, last_page=analysis.last_page),
        doc_type=analysis.doc_type,  # type: ignore[arg-type]
        doc_subtype=analysis.doc_subtype,
        confidence=round(min(max(analysis.confidence, 0.0), 1.0), 3),
        title=analysis.title,
        language=analysis.language,
        document_date=analysis.document_date,
        dates=analysis.dates,
        court=analysis.court,
        file_numbers=analysis.file_numbers,
        parties=analysis.parties,
        review=Review(needed=bool(reasons), reasons=reasons),
        objects=ObjectKeys(pdf=keys.document_pdf(aid, did), text=keys.document_text(aid, did),
                           metadata=keys.document_metadata(aid, did)),
        evidence=analysis.evidence,
        pages=infos,
        pipeline_version=PIPELINE_VERSION,
    )
