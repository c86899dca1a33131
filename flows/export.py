"""The `export` flow: one task per Akte writes its xdomea 0401 ZIP; a table artifact lists the results.

Task names carry only the Akte id (a hash prefix), never names or content; failures of one Akte do not
stop the others and end in the result with their plain-words reason.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from eakte.catalog import Catalog, open_catalog
from eakte.config import Settings
from eakte.errors import EakteError
from eakte.export import export_akte
from eakte.store import ObjectStore, open_store

log = logging.getLogger("eakte.flow.export")


@task(name="export-akte", cache_policy=NO_CACHE, task_run_name="akte-{akte_id}")
def export_akte_task(akte_id: str, store: ObjectStore, catalog: Catalog, out_dir: str) -> dict[str, Any]:
    try:
        r = export_akte(store, catalog, akte_id, Path(out_dir))
    except EakteError as exc:
        return {"akte_id": akte_id, "status": "failed", "error_code": exc.code, "reason": exc.message}
    return {"akte_id": akte_id, "status": "exported", "zip": str(r.zip_path), "process_id": r.process_id,
            "documents": r.documents, "files": len(r.files), "sha256": r.sha256, "warnings": r.warnings}


@flow(name="eakte-export-xdomea", log_prints=False, validate_parameters=False)
def export_flow(akte_ids: list[str], out_dir: str, settings: Settings | None = None,
                all_akten: bool = False) -> list[dict[str, Any]]:
    """Exports each Akte (or every processed/partial one with `all_akten`) as an xdomea 0401 container."""
    settings = settings or Settings()
    store, catalog = open_store(settings), open_catalog(settings)
    try:
        ids = list(dict.fromkeys(akte_ids))
        if all_akten:
            ids += [s.akte_id for s in catalog.sources()
                    if s.akte_id and s.status in ("processed", "partial") and s.akte_id not in ids]
        results = [export_akte_task(aid, store, catalog, out_dir) for aid in ids]
        create_table_artifact(table=[{k: v for k, v in r.items() if k != "warnings"} for r in results],
                              key="xdomea-export", description="xdomea 0401 export per Akte")
        return results
    finally:
        catalog.close()
