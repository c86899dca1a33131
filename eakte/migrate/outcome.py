"""How a source ends: its outcome record (processed sources aside), and the one error boundary.

Every file handed in ends as exactly one source record; this module writes the quarantined and duplicate
ones, says which earlier records stand, and turns exceptions into outcomes (`settle` for a source's migration,
`task_error`/`task_failed` for its task run).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from eakte import PIPELINE_VERSION
from eakte.catalog import Catalog
from eakte.errors import DiskFull, EakteError, InputError, InternalError, Interrupted, StorageError
from eakte.ids import akte_id as make_akte_id
from eakte.ids import sha256_bytes, short
from eakte.ingest.discover import SourceCandidate
from eakte.ingest.scratch import DISK_FULL
from eakte.model import FINAL_CODES
from eakte.store import ObjectStore, keys
from schemas.records import DocumentRecord, SourceRecord

log = logging.getLogger("eakte.migrate.outcome")


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


def settle(candidate: SourceCandidate, exc: Exception, store: ObjectStore, catalog: Catalog) -> SourceOutcome:
    """The error boundary of one source: what an exception out of its migration becomes.

    An input problem quarantines the source (final or retried, see `eakte.model.FINAL_CODES`); storage faults
    and a stop propagate (the flow retries the one, the next run does the source after the other); a full disk
    is no verdict on the file; anything else is an internal error, kept in quarantine and retried.
    """
    if isinstance(exc, InputError):
        return quarantine(candidate, exc, store, catalog)
    if isinstance(exc, (StorageError, Interrupted)):
        raise exc  # storage: retried by the flow; a stop: no record, the next run does the source
    if isinstance(exc, OSError) and exc.errno in DISK_FULL:
        raise DiskFull() from None  # not an input problem: no quarantine, the next run retries the file
    # A bug or a parser surprise on hostile input: keep the original with a reason; the next run retries it.
    log.warning("source %s failed unexpectedly: %s", short(candidate.sha256), exc.__class__.__name__)
    return quarantine(candidate, InternalError.of(exc, original_kept=True), store, catalog)


def task_error(exc: Exception) -> EakteError:
    """What a source task run fails with: an EakteError as it is, anything else without its message."""
    return exc if isinstance(exc, EakteError) else InternalError.of(exc)


def task_failed(candidate: SourceCandidate, exc: BaseException, catalog: Catalog) -> SourceOutcome:
    """A source whose task failed after retries still ends as one record, retried by the next run."""
    if isinstance(exc, StorageError) and not isinstance(exc, DiskFull):
        reason = ("the object store was unavailable; the file was not migrated and the next run retries it "
                  f"({exc.message})")
        code = exc.code
    elif isinstance(exc, EakteError):
        reason, code = exc.message, exc.code
    else:
        internal = InternalError.of(exc)
        reason, code = internal.message, internal.code
    record = SourceRecord(path=candidate.display_path, sha256=candidate.sha256, status="quarantined",
                          reason=reason, error_code=code, mime_type=candidate.mime, size_bytes=candidate.size,
                          processed_at=now())
    try:
        record_outcome(catalog, record)
    except Exception:
        log.exception("could not record the failure of source %s", short(candidate.sha256))
    return SourceOutcome(record)
