"""The migration of one source, top to bottom: snapshot → pages → OCR → documents → store → catalog.

Plain functions, no Prefect: the flow calls `migrate_source`, tests call it directly. Whatever
happens, the result is exactly one SourceRecord; input problems end in quarantine, not in a crash.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from eakte import PIPELINE_VERSION
from eakte.catalog import Catalog
from eakte.config import Settings
from eakte.errors import (
    AllPagesTimedOut,
    ChangedWhileReading,
    DiskFull,
    EakteError,
    InputError,
    Interrupted,
    NoPages,
    StorageError,
)
from eakte.ids import akte_id as make_akte_id
from eakte.ids import sha256_bytes, sha256_file, short
from eakte.ingest.discover import EXTENSIONS, SourceCandidate
from eakte.integrity.resiscan import ScannedSource, write_protocol
from eakte.integrity.signing import load_private_key
from eakte.migrate.context import RunContext
from eakte.migrate.records import build_record
from eakte.model import FINAL_CODES, PageResult
from eakte.ocr.read import read_pages
from eakte.pages.source import open_pages
from eakte.pdf.assemble import build_document_pdf
from eakte.pdf.pdfa import PdfaResult
from eakte.runtime import stopping
from eakte.store import ObjectStore, keys
from extractors import analyse_source
from schemas.records import DocumentRecord, SourceRecord

log = logging.getLogger("eakte.migrate.source")


@dataclass
class SourceOutcome:
    """What a run reports about one source: the record plus counts for the summary.

    Holds no document content: task results are persisted for caching, and must not become a second,
    unprotected copy of the catalog's personal data.
    """

    record: SourceRecord
    review_needed: int = 0  # documents flagged for review
    ocr_pages: int = 0
    skipped: bool = False  # already migrated by an earlier run with the same pipeline version


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


STALE_WORK_SECONDS = 24 * 3600  # longer than any one source takes, so a running source is never touched


def owner_tag(pid: int | None = None) -> str:
    """Marks a scratch folder with the host and process that own it, so the next run knows a dead run's folder."""
    host = sha256_bytes(socket.gethostname().encode())[:8]
    return f"h{host}p{pid if pid is not None else os.getpid()}"


_OWNER = re.compile(r"-h([0-9a-f]{8})p(\d+)-")


def _owner_dead(name: str) -> bool:
    """True when the folder's owner ran on this host and no process with its PID exists any more."""
    m = _OWNER.search(name)
    if m is None or f"h{m.group(1)}" != owner_tag(0)[:9]:
        return False
    try:
        os.kill(int(m.group(2)), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def clean_stale_work(settings: Settings, now_ts: float | None = None) -> int:
    """Removes scratch folders that killed runs left behind (page images of unfinished sources): at once when
    their run (host + PID in the name) is dead, else after a day; and the task results earlier versions
    persisted under `prefect-results` (pickles with source paths; nothing reads them any more)."""
    shutil.rmtree(settings.data_dir / "prefect-results", ignore_errors=True)
    base = settings.scratch_dir()
    if not base.is_dir():
        return 0
    cutoff = (now_ts if now_ts is not None else time.time()) - STALE_WORK_SECONDS
    removed = 0
    for path in base.glob("src-*"):
        try:
            if path.is_dir() and (_owner_dead(path.name) or path.stat().st_mtime < cutoff):
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
        except OSError:
            continue
    return removed


@contextmanager
def work_area(settings: Settings, sha256: str) -> Iterator[Path]:
    base = settings.scratch_dir()
    base.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f"src-{short(sha256)}-{owner_tag()}-", dir=base))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
MIN_FREE_BYTES = 32 << 20  # below this, a source's page images and PDFs may not fit: do not start it


def ensure_space(settings: Settings) -> None:
    """DiskFull before any work when the scratch disk (or the local store's disk) is (nearly) full."""
    places = [settings.scratch_dir()]
    if not settings.store_url().startswith("s3://"):
        places.append(settings.data_dir)
    for place in places:
        probe = next((p for p in (place, *place.parents) if p.exists()), None)
        if probe is not None and shutil.disk_usage(probe).free < MIN_FREE_BYTES:
            raise DiskFull()


def snapshot(candidate: SourceCandidate, work: Path) -> Path:
    """Copies the file once and checks it is still the file that was hashed at ingest."""
    assert candidate.sha256 and candidate.kind
    local = work / ("original" + EXTENSIONS[candidate.kind])
    try:
        shutil.copyfile(candidate.path, local)
    except OSError as exc:
        if exc.errno in DISK_FULL:
            raise DiskFull() from None
        raise ChangedWhileReading("the file vanished or became unreadable during the run") from exc
    if sha256_file(local) != candidate.sha256:
        raise ChangedWhileReading()
    return local


NOT_COPIED = frozenset({"link_outside_inputs", "unreadable_folder"})


def record_outcome(catalog: Catalog, record: SourceRecord, docs: list[DocumentRecord] | None = None,
                   texts: dict[str, str] | None = None) -> None:
    """Records a source; records of other contents at its path become earlier versions (`superseded_by`)."""
    catalog.record_source(record, docs or [], texts or {})
    if record.sha256:
        catalog.supersede(record.path, record.sha256)


def quarantine(candidate: SourceCandidate, error: EakteError, store: ObjectStore, catalog: Catalog) -> SourceOutcome:
    """Keeps the original (when readable) with its reason in the quarantine area, and records it."""
    ident = candidate.sha256 or "path-" + sha256_bytes(candidate.display_path.encode())[:32]
    objects: dict[str, str] = {}
    reason_doc = {"path": candidate.display_path, "sha256": candidate.sha256, "error_code": error.code,
                  "reason": error.message, "mime_type": candidate.mime}
    try:
        # Only content that was read and hashed at ingest: never a link leaving the inputs or a folder.
        if candidate.sha256 and error.code not in NOT_COPIED and candidate.path.is_file():
            obj = store.put_file(keys.quarantine(ident, "original"), candidate.path, "application/octet-stream",
                                 sha256=candidate.sha256, tags={"status": "quarantined"})
            objects["original"] = obj.key
    except (EakteError, OSError):
        pass  # the file changed or vanished: the reason below still tells the operator
    reason = store.put_bytes(keys.quarantine(ident, "reason.json"),
                             json.dumps(reason_doc, ensure_ascii=False, indent=2).encode(), "application/json")
    objects["reason"] = reason.key
    record = SourceRecord(path=candidate.display_path, sha256=candidate.sha256, status="quarantined",
                          reason=error.message, error_code=error.code, mime_type=candidate.mime,
                          size_bytes=candidate.size, objects=objects, pipeline_version=PIPELINE_VERSION,
                          processed_at=now())
    record_outcome(catalog, record)
    log.info("source %s quarantined: %s", short(candidate.sha256), error.code)
    return SourceOutcome(record)


def duplicate(candidate: SourceCandidate, original_path: str, catalog: Catalog) -> SourceOutcome:
    record = SourceRecord(path=candidate.display_path, sha256=candidate.sha256, status="duplicate",
                          reason=f"same content (SHA-256) as {original_path}, which is migrated once",
                          error_code="duplicate", mime_type=candidate.mime, size_bytes=candidate.size,
                          akte_id=make_akte_id(candidate.sha256) if candidate.sha256 else None,
                          pipeline_version=PIPELINE_VERSION, processed_at=now())
    record_outcome(catalog, record)
    return SourceOutcome(record)


def already_done(candidate: SourceCandidate, store: ObjectStore, catalog: Catalog) -> SourceRecord | None:
    """The earlier record when this exact file was already migrated (or judged) by this pipeline version.

    Store and catalog are the truth: the record counts only while the store still holds its completion
    marker (source.json, written last) or quarantine reason, and its original. One indexed catalog lookup
    and at most two store lookups per source (see tests/test_ops_skip.py for the cost).
    """
    rec = catalog.get_source(candidate.display_path, candidate.sha256)
    if rec is None or rec.pipeline_version != PIPELINE_VERSION or rec.superseded_by:
        return None  # superseded: the file went back to this content; recording it again makes it current
    if rec.status in ("duplicate", "quarantined"):
        if rec.error_code not in FINAL_CODES or not candidate.sha256:
            return None
        needed = [rec.objects[k] for k in ("reason", "original") if k in rec.objects]
    else:
        if not rec.akte_id:
            return None
        needed = [keys.source_record(rec.akte_id), *(rec.objects[k] for k in ("original",) if k in rec.objects)]
    if any(store.stat(key) is None for key in needed):
        return None  # the store lost the objects (deleted, restored from an older backup): do the source again
    return rec


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
    except InputError as exc:
        return quarantine(candidate, exc, store, catalog)
    except (StorageError, Interrupted):
        raise  # storage: retried by the flow; a stop: no record, the next run does the source
    except OSError as exc:
        if exc.errno in DISK_FULL:
            raise DiskFull() from None  # not an input problem: no quarantine, the next run retries the file
        return _internal(candidate, exc, store, catalog)
    except Exception as exc:
        return _internal(candidate, exc, store, catalog)


def _migrate(candidate: SourceCandidate, work: Path, ctx: RunContext) -> SourceOutcome:
    """Snapshot → pages → documents → stored objects → protocol → source record (the completion marker)."""
    assert candidate.sha256 and candidate.kind
    settings, store = ctx.settings, ctx.store
    local = snapshot(candidate, work)
    source = open_pages(local, candidate.kind, work, settings.limits, settings.ocr_dpi)
    pages: dict[int, PageResult] = {}
    for result in read_pages(source, work, settings):
        pages[result.text.number] = result
        stopping.check()  # leaving the loop cancels the pages not started yet
    if all(p.text.origin == "failed" for p in pages.values()):
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
    failed = sorted(n for n, p in pages.items() if p.text.origin == "failed")
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
    ocr_pages = sum(1 for p in pages.values() if p.text.origin == "tesseract")
    log.info("source %s %s: %d pages, %d documents", short(candidate.sha256), record.status,
             len(pages), len(docs))
    return SourceOutcome(record, review_needed=sum(d.review.needed for d in docs), ocr_pages=ocr_pages)


def _internal(candidate: SourceCandidate, exc: Exception, store: ObjectStore, catalog: Catalog) -> SourceOutcome:
    """A bug or a parser surprise on hostile input: keep the original with a reason; the next run retries it."""
    log.warning("source %s failed unexpectedly: %s", short(candidate.sha256), exc.__class__.__name__)
    return quarantine(candidate, EakteError(
        f"internal error while migrating ({exc.__class__.__name__}); the original is kept in quarantine "
        "and the next run retries the file"), store, catalog)


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
