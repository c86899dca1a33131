"""The `migrate` flow: ingest a batch, migrate each source in a task, publish a summary artifact.

Sources run side by side (thread task runner) and share one page pool, so OCR slots stay busy.
Task names carry only a hash prefix, never a file name or content.

Resumable: sources already done (same path, SHA-256 and pipeline version, and their objects still in the
store) are settled in the plan step by one catalog lookup and two store lookups each, without a task run.
Store and catalog are the only truth: no task result is cached or persisted (a cached result said
"unchanged" for sources whose store or catalog had been deleted, and Prefect's persisted results are
pickles that run code when loaded). A retried flow run re-plans and so skips what is done, too.
"""

from __future__ import annotations

import logging
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any, cast
from uuid import UUID

from prefect import flow, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner

from eakte.catalog import Catalog, open_catalog
from eakte.catalog.claims import SourceClaims
from eakte.config import Settings
from eakte.errors import ClaimedElsewhere, DiskFull, EakteError, Interrupted, StorageError
from eakte.ids import short
from eakte.ingest.discover import SourceCandidate, discover, discover_under
from eakte.ingest.inbox import resolve_inputs, resolve_root
from eakte.ingest.scratch import clean_stale_work
from eakte.migrate.claiming import claimed, open_claims, renewing
from eakte.migrate.outcome import SourceOutcome, duplicate, quarantine, task_error, task_failed
from eakte.migrate.plan import plan_duplicates, split_done
from eakte.migrate.source import migrate_source
from eakte.migrate.summary import RunSummary, summarise
from eakte.ocr import head_start
from eakte.ocr import pool as executor
from eakte.runtime import process, progress, slots, stopping
from eakte.runtime.credentials import with_block_credentials
from eakte.runtime.runlock import run_lock_for
from eakte.store import ObjectStore

log = logging.getLogger("eakte.flow")


class _NoTracebackForOperatorErrors(logging.Filter):
    """Prefect logs a failed flow run's exception with its traceback; an EakteError is an operator-facing
    failure with a plain message (e.g. another run holds the data dir), so it is logged without one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], EakteError):
            record.exc_info, record.exc_text = None, None
        return True


logging.getLogger("prefect.flow_runs").addFilter(_NoTracebackForOperatorErrors())


def _retry_on_storage(task: Any, task_run: Any, state: Any) -> bool:
    try:
        state.result()
    except DiskFull:
        return False  # a full disk does not empty itself within seconds: the next run retries the source
    except StorageError:
        return True
    except Exception:
        return False
    return False


@task(name="migrate-source", retries=2, retry_delay_seconds=[5, 30], retry_jitter_factor=0.5,
      retry_condition_fn=_retry_on_storage, cache_policy=NO_CACHE, task_run_name="source-{ref}")
def migrate_source_task(ref: str, candidate: SourceCandidate, duplicate_of: str | None, settings: Settings,
                        store: ObjectStore, catalog: Catalog,
                        claims: SourceClaims | None = None) -> SourceOutcome | None:
    """One source from file to catalog; `ref` is only the hash prefix shown in the UI.

    Sources already done were settled by `split_done` in the plan step, so the task does not look again,
    unless it shares a PostgreSQL catalog with other runs: then it claims the source first, looks again, and
    returns None when another live run holds the claim (eakte/migrate/claiming.py).
    """
    scope = store.source_scope() if isinstance(store, slots.SlottedStore) else nullcontext()
    try:
        with scope, claimed(claims, candidate, duplicate_of, store, catalog) as finished:
            if finished is not None:
                return finished
            return _migrate_one(candidate, duplicate_of, settings, store, catalog)
    except ClaimedElsewhere:
        return None  # another run migrates and records it


def _migrate_one(candidate: SourceCandidate, duplicate_of: str | None, settings: Settings, store: ObjectStore,
                 catalog: Catalog) -> SourceOutcome:
    if candidate.error is not None:
        return quarantine(candidate, candidate.error, store, catalog)
    if duplicate_of is not None:
        return duplicate(candidate, duplicate_of, catalog)
    try:
        return migrate_source(candidate, settings, store, catalog)
    except Exception as exc:  # the task run fails with a reason that carries no document content
        error = task_error(exc)
        if error is exc:
            raise
        log.debug("source %s failed", short(candidate.sha256), exc_info=True)
        raise error from None


def source_task(settings: Settings) -> Any:
    """The source task with the run's retry delays; results are neither cached nor persisted (see above)."""
    return migrate_source_task.with_options(retries=len(settings.source_retry_delays),
                                            retry_delay_seconds=settings.source_retry_delays,
                                            persist_result=False)


class ProgressArtifact:
    """The run's progress bar in the Prefect UI: sources done of the batch, pages per minute, review rate."""

    def __init__(self, total: int, every: float = 2.0) -> None:
        self.total, self.every = total, every
        self.done = self.pages = self.documents = self.review = 0
        self.started = self.last = time.monotonic()
        self.id = cast(UUID, create_progress_artifact(progress=0.0 if total else 100.0, key="migration-progress",
                                                      description=self.text()))

    def text(self) -> str:
        minutes = max(time.monotonic() - self.started, 1e-6) / 60
        rate = 100 * self.review / self.documents if self.documents else 0.0
        return (f"{self.done} of {self.total} sources, {self.pages} pages, {self.pages / minutes:.1f} pages/min, "
                f"review rate {rate:.1f} %")

    def advance(self, outcome: SourceOutcome) -> None:
        self.done += 1
        if not outcome.skipped:
            self.pages += outcome.record.pages
            self.documents += outcome.record.documents
            self.review += outcome.review_needed
        if self.done == self.total or time.monotonic() - self.last >= self.every:
            self.last = time.monotonic()
            update_progress_artifact(self.id, progress=100.0 * self.done / max(self.total, 1),
                                     description=self.text())


STATUSES = ("processed", "partial", "duplicate", "quarantined")


def counts(summary: RunSummary, deferred: int, failed_tasks: int, interrupted: int = 0,
           elsewhere: int = 0) -> dict[str, int | float]:
    return {"sources": summary.sources, **{s: summary.by_status.get(s, 0) for s in STATUSES},
            "unchanged": summary.unchanged, "deferred": deferred, "failed_tasks": failed_tasks,
            "interrupted": interrupted, "claimed_elsewhere": elsewhere,
            "pages": summary.pages, "documents": summary.documents,
            "pages_per_minute": round(summary.pages_per_minute, 1), "review_rate": round(summary.review_rate, 4)}


def publish(summary: RunSummary, deferred: int = 0, failed_tasks: int = 0, interrupted: int = 0,
            elsewhere: int = 0) -> None:
    notes = ""
    if elsewhere:
        notes += (f"\n**{elsewhere}** sources were claimed by another run: that run migrates and records them (if "
                  "it dies, its claims expire and the next run does them).\n")
    if interrupted:
        notes += (f"\n**{interrupted}** sources were not finished: the run was stopped on request. They have no "
                  "record and the next run migrates them.\n")
    if failed_tasks:
        notes += (f"\n**{failed_tasks}** task runs failed (see the failed task runs for the reason); their sources "
                  "are recorded as quarantined and the next run retries them.\n")
    if deferred:
        notes += f"\n**{deferred}** sources are left for the next run (batch size reached).\n"
    create_markdown_artifact(markdown=summary.markdown() + notes, key="migration-summary",
                             description="Sources by status, pages, throughput, review rate")
    create_table_artifact(table=[counts(summary, deferred, failed_tasks, interrupted, elsewhere)],
                          key="migration-counts",
                          description="The run's numbers in one row (read by `eakte runs`)")
    if summary.problems:
        create_table_artifact(table=summary.problems, key="migration-problems",
                              description="Quarantined and partial sources with the reason")


@flow(name="eakte-migrate", log_prints=False, validate_parameters=False)
def migrate_flow(sources: list[str], data_dir: str | None = None, store: str | None = None,
                 catalog: str | None = None, batch_size: int | None = None,
                 settings: Settings | None = None, root: str | None = None) -> dict[str, object]:
    """Migrates every file under `sources` (folders, files or `s3://bucket/prefix` inboxes).

    `batch_size` caps the sources that need work in this run; the rest wait for the next run. With `root`
    (an inbox folder or S3 prefix; a batch of flows/inbox.py), `sources` are file paths relative to it and
    are recorded so.
    Returns the run summary as a dict.
    """
    started = time.monotonic()
    stopping.reset()
    settings = run_settings(settings, data_dir, store, catalog)
    # SQLite: one run per data dir, a second one refuses before touching anything (a batch of an inbox run waits
    # its turn); PostgreSQL: runs and batches share it and divide the sources by claims (eakte/runtime/runlock.py).
    with run_lock_for(settings, batch=root is not None):
        return _migrate(sources, settings, batch_size, started, root)


def _migrate(sources: list[str], settings: Settings, batch_size: int | None, started: float,
             root: str | None = None) -> dict[str, object]:
    obj_store, cat = slots.open_run_store(settings), open_catalog(settings)
    try:
        clean_stale_work(settings)
        if root is not None:
            base, unstaged = resolve_root(root, sources, settings)
            candidates = unstaged + discover_under(base, sources, settings.limits)
        else:
            paths, unstaged = resolve_inputs(sources, settings)  # S3 objects that could not be staged are records too
            candidates = unstaged + discover(paths, settings.limits)
        # Inside the flow, so it replaces Prefect's SIGTERM bridge (which would crash the run mid-source)
        # for as long as sources run: a stop finishes the pages in progress and reports what is left.
        with stopping.signals_stop_the_run():
            return run_batch(candidates, settings, obj_store, cat, batch_size, started)
    finally:
        cat.close()


def run_settings(settings: Settings | None, data_dir: str | None, store: str | None,
                 catalog: str | None) -> Settings:
    """The flow's settings: given ones (CLI), else environment plus the deployment's parameters."""
    if settings is None:
        given: dict[str, Any] = {"data_dir": Path(data_dir) if data_dir else None, "store": store,
                                 "catalog": catalog}
        settings = Settings(**{k: v for k, v in given.items() if v is not None})
    settings = with_block_credentials(settings)
    process.init(settings.tesseract_cmd)  # before any page is read
    return settings


def run_batch(candidates: list[SourceCandidate], settings: Settings, obj_store: ObjectStore, cat: Catalog,
              batch_size: int | None, started: float) -> dict[str, object]:
    """Plan (done / duplicates / batch) → one task per source → summary artifacts."""
    head_start.stop()  # the CLI's pages read ahead while Prefect started: the sources read the rest
    outcomes, pending = split_done(candidates, obj_store, cat)
    for o in outcomes:
        progress.source_done(o.record, 0)
    batch = pending[:batch_size] if batch_size is not None else pending
    dups = plan_duplicates(batch, cat)
    run_task = source_task(settings)
    bar = ProgressArtifact(len(batch))
    failed_tasks = interrupted = elsewhere = 0
    # PostgreSQL: runs sharing the catalog claim sources; SQLite: None (single writer, the run lock)
    claims = open_claims(cat, settings.claim_ttl_seconds)
    ocr_slot = slots.slot_guard(slots.OCR_LIMIT) if slots.existing_limits([slots.OCR_LIMIT]) else None
    runner: ThreadPoolTaskRunner[Any] = ThreadPoolTaskRunner(max_workers=max(1, settings.sources_in_parallel))
    # Every page job of this run holds a cluster-wide OCR slot, if the server defines one.
    with executor.guarded_by(ocr_slot), runner, renewing(claims):
        futures: list[PrefectFuture[SourceOutcome | None]] = [
            runner.submit(run_task, {
                "ref": short(c.sha256) if c.sha256 else f"n{i:05d}", "candidate": c,
                "duplicate_of": dups.get(i), "settings": settings, "store": obj_store, "catalog": cat,
                "claims": claims})
            for i, c in enumerate(batch)
        ]
        for cand, fut in zip(batch, futures, strict=True):
            fut.wait()
            try:
                result = fut.result()
            except Interrupted:
                interrupted += 1  # stopped on request: no record, the next run migrates it
                continue
            except BaseException as exc:  # a failed task must still leave one record
                failed_tasks += 1
                log.warning("source %s: task run failed (%s); recorded as quarantined", short(cand.sha256),
                            exc.__class__.__name__)
                result = task_failed(cand, exc, cat)
            if result is None:
                elsewhere += 1  # claimed by another live run, which records it
                continue
            outcome = result
            outcomes.append(outcome)
            bar.advance(outcome)
            progress.source_done(outcome.record, outcome.ocr_pages)
    summary = summarise([(o.record, o.ocr_pages, o.skipped, o.review_needed)
                         for o in outcomes], time.monotonic() - started)
    deferred = len(pending) - len(batch)
    publish(summary, deferred, failed_tasks, interrupted, elsewhere)
    return {**summary.to_dict(), "deferred": deferred, "failed_tasks": failed_tasks, "interrupted": interrupted,
            "claimed_elsewhere": elsewhere}
