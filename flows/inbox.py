"""The `inbox` flow: a whole inbox spread over every worker of the pool, one child flow run per batch.

It lists the inbox (a folder on the workers or an `s3://bucket/prefix`), settles what is done already and
what cannot be read (as the migrate flow's plan does), splits the rest into batches of about
`pages_per_batch` estimated pages, and submits each batch as a run of the migrate deployment
(`run_deployment`, so any worker polling `eakte-pool` takes it). Paths stay relative to the inbox root. It
waits for the batches, publishes one summary over all of them, and fails only if a batch failed, naming it.
It holds no run lock: the batches take their worker's data-dir lock, and one may run on this worker.
"""

from __future__ import annotations

from typing import Any

from prefect import flow
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from eakte.catalog import open_catalog
from eakte.errors import EakteError
from eakte.ingest.discover import discover
from eakte.ingest.estimate import page_count
from eakte.ingest.inbox import resolve_inputs
from eakte.migrate.batches import Weighed, split_by_pages
from eakte.migrate.inbox_summary import combine, markdown
from eakte.migrate.outcome import quarantine
from eakte.migrate.plan import split_done
from eakte.runtime import child_runs
from eakte.store import open_store
from flows.migrate import run_settings

BATCH_DEPLOYMENT = "eakte-migrate/migrate-batch"


class BatchesFailed(EakteError):
    """Some batch runs of an inbox run did not complete (their own runs say why)."""

    code = "batches_failed"


@flow(name="eakte-inbox", log_prints=False, validate_parameters=False)
def inbox_flow(inbox: str, pages_per_batch: int = 2000, batch_deployment: str = BATCH_DEPLOYMENT,
               data_dir: str | None = None, store: str | None = None, catalog: str | None = None,
               poll_seconds: float = 5.0, max_wait_seconds: float | None = None) -> dict[str, Any]:
    """Migrates the inbox through child runs of `batch_deployment`; returns the combined counts.

    `store` and `catalog`, when given, are passed to the batches; otherwise each worker's EAKTE_* settings
    apply (they must name the same store and catalog on every worker). `max_wait_seconds` bounds the wait
    for the batches: a batch whose worker died stays "Running" on the server, and the parent then fails
    naming it instead of waiting for ever (its sources' claims expire; the next inbox run does them).
    """
    settings = run_settings(None, data_dir, store, catalog)
    obj_store, cat = open_store(settings), open_catalog(settings)
    try:
        paths, unstaged = resolve_inputs([inbox], settings)
        root = paths[0]
        done, pending = split_done(unstaged + discover([root], settings.limits), obj_store, cat)
        unreadable = [c for c in pending if c.error is not None]
        for cand in unreadable:  # a folder that cannot be listed, an object that cannot be staged: a record here
            quarantine(cand, cand.error, obj_store, cat)  # type: ignore[arg-type]
    finally:
        cat.close()
    work = [c for c in pending if c.error is None]
    batches = split_by_pages([Weighed(c.path.relative_to(root).as_posix(), c.sha256, page_count(c.path))
                              for c in work], pages_per_batch)
    given = {k: v for k, v in (("store", store), ("catalog", catalog)) if v is not None}
    runs = child_runs.submit(batch_deployment, [{"sources": b, "root": inbox, **given} for b in batches])
    child_runs.wait(runs, poll_seconds, max_wait_seconds)
    starts = [r.start for r in runs if r.start is not None]
    ends = [r.end for r in runs if r.end is not None]
    minutes = (max(ends) - min(starts)).total_seconds() / 60 if starts and ends else 0.0
    total = combine([r.counts for r in runs], len(done), len(unreadable), minutes)
    failed = [r.label() for r in runs if not r.completed]
    create_markdown_artifact(markdown=markdown(total, failed), key="inbox-summary",
                             description="All batches: sources by status, pages, pages/min over all workers")
    create_table_artifact(table=[total], key="migration-counts",
                          description="The inbox run's numbers in one row (read by `eakte runs`)")
    if failed:
        raise BatchesFailed(f"{len(failed)} of {len(runs)} batch runs did not complete: " + ", ".join(failed))
    return {**total, "batch_runs": [str(r.id) for r in runs]}
