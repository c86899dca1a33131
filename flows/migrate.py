"""The `migrate` flow: ingest a batch, migrate each source in a task, publish a summary artifact.

Sources run side by side (thread task runner) and share one page pool, so OCR slots stay busy.
Task names carry only a hash prefix, never a file name or content.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner

from eakte import progress, tesseract
from eakte.catalog import Catalog, open_catalog
from eakte.config import Settings
from eakte.errors import EakteError, StorageError
from eakte.ids import short
from eakte.ingest import SourceCandidate, discover
from eakte.pipeline import SourceOutcome, already_done, duplicate, migrate_source, now, quarantine
from eakte.store import ObjectStore, open_store
from eakte.summary import RunSummary, summarise
from schemas.records import SourceRecord

log = logging.getLogger("eakte.flow")


def _retry_on_storage(task: Any, task_run: Any, state: Any) -> bool:
    try:
        state.result()
    except StorageError:
        return True
    except Exception:
        return False
    return False


@task(name="migrate-source", retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=_retry_on_storage,
      cache_policy=NO_CACHE, task_run_name="source-{ref}")
def migrate_source_task(ref: str, candidate: SourceCandidate, duplicate_of: str | None, settings: Settings,
                        store: ObjectStore, catalog: Catalog) -> SourceOutcome:
    """One source from file to catalog; `ref` is only the hash prefix shown in the UI."""
    done = already_done(candidate, store, catalog)
    if done is not None:
        return SourceOutcome(done, skipped=True)
    if candidate.error is not None:
        return quarantine(candidate, candidate.error, store, catalog)
    if duplicate_of is not None:
        return duplicate(candidate, duplicate_of, catalog)
    return migrate_source(candidate, settings, store, catalog)


def plan_duplicates(candidates: list[SourceCandidate], catalog: Catalog) -> dict[int, str]:
    """Index of candidate → path it duplicates. The first path (in sorted order) with a content wins."""
    first: dict[str, str] = {}
    dups: dict[int, str] = {}
    for i, cand in enumerate(candidates):
        if cand.error is not None or cand.sha256 is None:
            continue
        earlier = catalog.first_with_sha(cand.sha256)
        if earlier is not None and earlier.path != cand.display_path and earlier.status in ("processed", "partial"):
            dups[i] = earlier.path
        elif cand.sha256 in first:
            dups[i] = first[cand.sha256]
        else:
            first[cand.sha256] = cand.display_path
    return dups


def _unexpected(candidate: SourceCandidate, exc: BaseException, catalog: Catalog) -> SourceOutcome:
    """A source whose task failed after retries still ends as one record, retried by the next run."""
    if isinstance(exc, StorageError):
        reason = ("the object store was unavailable; the file was not migrated and the next run retries it "
                  f"({exc.message})")
        code = exc.code
    elif isinstance(exc, EakteError):
        reason, code = exc.message, exc.code
    else:
        reason = f"internal error while migrating ({exc.__class__.__name__}); the next run retries the file"
        code = "internal_error"
    record = SourceRecord(path=candidate.display_path, sha256=candidate.sha256, status="quarantined",
                          reason=reason, error_code=code, mime_type=candidate.mime, size_bytes=candidate.size,
                          processed_at=now())
    try:
        catalog.record_source(record, [], {})
    except Exception:
        log.exception("could not record the failure of source %s", short(candidate.sha256))
    return SourceOutcome(record)


def publish(summary: RunSummary) -> None:
    create_markdown_artifact(markdown=summary.markdown(), key="migration-summary",
                             description="Sources by status, pages, throughput, review rate")
    if summary.problems:
        create_table_artifact(table=summary.problems, key="migration-problems",
                              description="Quarantined and partial sources with the reason")


@flow(name="eakte-migrate", log_prints=False, validate_parameters=False)
def migrate_flow(sources: list[str], data_dir: str = "eakte-data", store: str | None = None,
                 catalog: str | None = None, settings: Settings | None = None) -> dict[str, object]:
    """Migrates every file under `sources`; returns the run summary as a dict."""
    started = time.monotonic()
    settings = settings or Settings(data_dir=Path(data_dir), store=store, catalog=catalog)
    tesseract.configure(settings.tesseract_cmd)
    obj_store, cat = open_store(settings), open_catalog(settings)
    candidates = discover([Path(s) for s in sources], settings.limits)
    dups = plan_duplicates(candidates, cat)
    runner: ThreadPoolTaskRunner[Any] = ThreadPoolTaskRunner(max_workers=max(1, settings.sources_in_parallel))
    outcomes: list[SourceOutcome] = []
    with runner:
        futures: list[PrefectFuture[SourceOutcome]] = [
            runner.submit(migrate_source_task, {
                "ref": short(c.sha256) if c.sha256 else f"n{i:05d}", "candidate": c, "duplicate_of": dups.get(i),
                "settings": settings, "store": obj_store, "catalog": cat})
            for i, c in enumerate(candidates)
        ]
        for cand, fut in zip(candidates, futures, strict=True):
            fut.wait()
            try:
                outcome = fut.result()
            except BaseException as exc:  # a failed task must still leave one record
                outcome = _unexpected(cand, exc, cat)
            outcomes.append(outcome)
            progress.source_done(outcome.record, outcome.ocr_pages)
    summary = summarise([(o.record, o.ocr_pages, o.skipped, sum(d.review.needed for d in o.documents))
                         for o in outcomes], time.monotonic() - started)
    publish(summary)
    cat.close()
    return summary.to_dict()
