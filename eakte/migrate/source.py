"""The migration of one source, top to bottom: snapshot → pages → OCR → documents → store → catalog.

Plain functions, no Prefect: the flow calls `migrate_source`, tests call it directly. Whatever
happens, the result is exactly one SourceRecord; input problems end in quarantine, not in a crash.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from eakte import PIPELINE_VERSION
from eakte.catalog import Catalog
from eakte.config import Settings
from eakte.errors import AllPagesTimedOut, NoPages
from eakte.ids import akte_id as make_akte_id
from eakte.ids import short
from eakte.ingest.discover import EXTENSIONS, SourceCandidate
from eakte.ingest.scratch import ensure_space, snapshot, work_area
from eakte.integrity.resiscan import ScannedSource, write_protocol
from eakte.integrity.signing import load_private_key
from eakte.migrate.context import RunContext
from eakte.migrate.outcome import SourceOutcome, now, record_outcome, settle
from eakte.migrate.records import build_record
from eakte.model import PageResult, PageStatus
from eakte.ocr import head_start
from eakte.ocr.read import read_pages
from eakte.pages.source import open_pages
from eakte.pdf.assemble import build_document_pdf
from eakte.pdf.pdfa import PdfaResult
from eakte.runtime import stopping
from eakte.store import ObjectStore, keys
from extractors import analyse_source
from schemas.records import DocumentRecord, SourceRecord

log = logging.getLogger("eakte.migrate.source")


def _document_texts(docs: list[DocumentRecord], pages: dict[int, PageResult]) -> dict[str, str]:
    return {d.document_id: "\f".join(pages[n].text.text for n in range(d.source.first_page, d.source.last_page + 1)
                                     if n in pages)
            for d in docs}


def migrate_source(candidate: SourceCandidate, settings: Settings, store: ObjectStore,
                   catalog: Catalog) -> SourceOutcome:
    """Migrates one readable source. Input errors quarantine it; storage errors propagate (retryable)."""
    assert candidate.sha256 and candidate.kind
    # A misconfigured key fails the source before any OCR work.
    ctx = RunContext(settings, store, catalog, signing_key=load_private_key())
    try:
        stopping.check()
        ensure_space(settings)
        with work_area(settings, candidate.sha256) as work:
            return _migrate(candidate, work, ctx)
    except Exception as exc:  # the source's one error boundary: outcome.settle decides what it becomes
        return settle(candidate, exc, store, catalog)


def _migrate(candidate: SourceCandidate, work: Path, ctx: RunContext) -> SourceOutcome:
    """Snapshot → pages → documents → stored objects → protocol → source record (the completion marker)."""
    assert candidate.sha256 and candidate.kind
    settings, store = ctx.settings, ctx.store
    local = snapshot(candidate, work)
    source = open_pages(local, candidate.kind, work, settings.limits, settings.ocr_dpi)
    pages: dict[int, PageResult] = {}
    for result in read_pages(source, work, settings, ready=head_start.take(candidate.sha256)):
        pages[result.text.number] = result
        stopping.check()  # leaving the loop cancels the pages not started yet
    if all(p.text.origin == PageStatus.failed for p in pages.values()):
        if pages and all((p.text.error or "").startswith(OCR_TIMEOUT) for p in pages.values()):
            raise AllPagesTimedOut()
        ensure_space(settings)  # pages that failed for want of disk space are no verdict on the file
        raise NoPages("no page of the file could be read: " + _first_error(pages))
    analysis = analyse_source([pages[n].text for n in sorted(pages)])
    aid = make_akte_id(candidate.sha256)
    docs = [build_record(candidate.display_path, candidate.sha256, a, {n: r.text for n, r in pages.items()})
            for a in analysis.documents]
    texts = _document_texts(docs, pages)
    scanned = ScannedSource(candidate, local, aid, pages, docs, analysis.skipped_pages)
    stored = store_source(scanned, texts, source.pdf_path(), work, store)
    scanned.pdfa = stored.pdfa
    objects = dict(stored.objects)
    failed = sorted(n for n, p in pages.items() if p.text.origin == PageStatus.failed)
    processed_at = now()
    # TR-RESISCAN protocol + signed hash manifest, before the completion marker (eakte/integrity/resiscan.py).
    objects.update(write_protocol(scanned, settings, store, processed_at, ctx.signing_key))
    record = SourceRecord(
        path=candidate.display_path, sha256=candidate.sha256,
        status="partial" if failed else "processed",
        pages=len(pages), documents=len(docs),
        reason=_partial_reason(failed, pages) if failed else None,
        error_code=pages[failed[0]].text.error and "page_error" if failed else None,
        akte_id=aid, mime_type=candidate.mime, size_bytes=candidate.size, failed_pages=failed,
        skipped_pages=analysis.skipped_pages, objects=objects,
        pipeline_version=PIPELINE_VERSION, processed_at=processed_at,
    )
    # The source record is the completion marker: stored last, after every document object.
    store.put_bytes(keys.source_record(aid), record.model_dump_json(indent=2).encode(), "application/json")
    record_outcome(ctx.catalog, record, docs, texts)
    ocr_pages = sum(1 for p in pages.values() if p.text.origin == PageStatus.tesseract)
    log.info("source %s %s: %d pages, %d documents", short(candidate.sha256), record.status,
             len(pages), len(docs))
    return SourceOutcome(record, review_needed=sum(d.review.needed for d in docs), ocr_pages=ocr_pages)


OCR_TIMEOUT = "OCR did not finish within"  # the start of every OcrTimeout message (eakte/tools/tesseract.py)


def _first_error(pages: dict[int, PageResult]) -> str:
    return next((p.text.error for p in pages.values() if p.text.error), "unknown error")


def _partial_reason(failed: list[int], pages: dict[int, PageResult]) -> str:
    shown = ", ".join(str(n) for n in failed[:10]) + (" ..." if len(failed) > 10 else "")
    return f"{len(failed)} of {len(pages)} pages could not be read (pages {shown}): {pages[failed[0]].text.error}"


@dataclass
class StoredSource:
    """What storing a source produced: the record's object keys, and each document's PDF/A result."""

    objects: dict[str, str]
    pdfa: dict[str, PdfaResult] = field(default_factory=dict)


def store_source(scanned: ScannedSource, texts: dict[str, str], source_pdf: Path | None, work: Path,
                 store: ObjectStore) -> StoredSource:
    """Original first, then per document PDF → text → metadata JSON (the record last)."""
    candidate, local, pages = scanned.candidate, scanned.local, scanned.pages
    assert candidate.sha256 and candidate.kind
    original = store.put_file(keys.original(candidate.sha256, EXTENSIONS[candidate.kind]), local,
                              candidate.mime or "application/octet-stream", sha256=candidate.sha256,
                              tags={"kind": "original"})
    pdfa: dict[str, PdfaResult] = {}
    for doc in scanned.docs:
        assert doc.objects.pdf and doc.objects.text and doc.objects.metadata
        tags = {"doc_type": doc.doc_type, "kind": "document"}
        pdf = work / f"{doc.document_id}.pdf"
        pdfa[doc.document_id] = build_document_pdf([pages[n] for n in range(doc.source.first_page,
                                                                            doc.source.last_page + 1)
                                                    if n in pages], source_pdf, pdf, title=doc.title)
        store.put_file(doc.objects.pdf, pdf, "application/pdf", tags=tags)
        store.put_bytes(doc.objects.text, texts[doc.document_id].encode("utf-8"), "text/plain; charset=utf-8",
                        tags=tags)
        store.put_bytes(doc.objects.metadata, doc.model_dump_json(indent=2).encode("utf-8"), "application/json",
                        tags=tags)
    return StoredSource({"original": original.key, "source": keys.source_record(scanned.akte_id)}, pdfa)
