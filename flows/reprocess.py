"""The `reprocess` flow: re-runs sources that an older pipeline version migrated, from their stored originals.

When extraction or storage output changes, `eakte.PIPELINE_VERSION` is bumped; this flow finds the
catalog's sources recorded under another version, fetches each original from the store (the
inbox may be long gone) and runs them through the same batch as `migrate`, under their old paths,
so ids, keys and records are replaced in place.
"""

from __future__ import annotations

import time
from pathlib import Path, PurePosixPath

from prefect import flow

from eakte import PIPELINE_VERSION
from eakte.catalog import Catalog, open_catalog
from eakte.config import Settings
from eakte.ingest.discover import SourceCandidate, inspect
from eakte.runtime import slots
from eakte.runtime.runlock import run_lock
from eakte.store import ObjectStore
from flows.migrate import run_batch, run_settings
from schemas.records import SourceRecord


def outdated(catalog: Catalog) -> list[SourceRecord]:
    """Sources recorded by another pipeline version (oldest first)."""
    return [r for r in catalog.sources() if r.pipeline_version and r.pipeline_version != PIPELINE_VERSION]


def original_key(record: SourceRecord, catalog: Catalog) -> str | None:
    """Where the bytes of this source are kept: its own original, or the original it duplicates."""
    if record.objects.get("original"):
        return record.objects["original"]
    if record.status == "duplicate" and record.sha256:
        first = catalog.first_with_sha(record.sha256)
        if first is not None:
            return first.objects.get("original")
    return None


def stage(records: list[SourceRecord], settings: Settings, store: ObjectStore,
          catalog: Catalog) -> tuple[list[SourceCandidate], int]:
    """Candidates for the records whose original is in the store; also the count of those without one."""
    folder = settings.data_dir / "reprocess"
    folder.mkdir(parents=True, exist_ok=True)
    candidates: list[SourceCandidate] = []
    missing = 0
    for rec in records:
        key = original_key(rec, catalog)
        if key is None or not rec.sha256:
            missing += 1
            continue
        local = folder / (rec.sha256 + (PurePosixPath(key).suffix if "." in PurePosixPath(key).name else ""))
        if not local.is_file():
            part = local.with_name(local.name + ".part")
            part.write_bytes(store.get_bytes(key))
            part.replace(local)
        candidates.append(inspect(local, rec.path, settings.limits))
    return candidates, missing


@flow(name="eakte-reprocess", log_prints=False, validate_parameters=False)
def reprocess_flow(data_dir: str | None = None, store: str | None = None, catalog: str | None = None,
                   batch_size: int | None = None, settings: Settings | None = None) -> dict[str, object]:
    """Re-runs up to `batch_size` sources recorded by an older pipeline version; returns the run summary."""
    started = time.monotonic()
    settings = run_settings(settings, data_dir, store, catalog)
    with run_lock(settings.data_dir):  # one run per data dir (eakte/runtime/runlock.py)
        return _reprocess(settings, batch_size, started)


def _reprocess(settings: Settings, batch_size: int | None, started: float) -> dict[str, object]:
    obj_store, cat = slots.open_run_store(settings), open_catalog(settings)
    try:
        records = outdated(cat)
        if batch_size is not None:
            records = records[:batch_size]
        candidates, missing = stage(records, settings, obj_store, cat)
        result = run_batch(candidates, settings, obj_store, cat, None, started)
        for cand in candidates:
            Path(cand.path).unlink(missing_ok=True)
        return {**result, "without_original": missing}
    finally:
        cat.close()
