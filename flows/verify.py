"""The `verify` flow (scheduled weekly by operations): `eakte verify` as a Prefect flow with an artifact.

The artifact carries counts and object keys (hashes) only, never input paths or content.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from eakte.config import Settings
from eakte.integrity.verify import open_for_verify, verify
from eakte.runtime.credentials import with_block_credentials


@task(name="verify-store-and-catalog", cache_policy=NO_CACHE)
def verify_task(settings: Settings, inputs: list[str] | None, rehash: bool) -> dict[str, object]:
    store, cat = open_for_verify(settings)
    try:
        report = verify(store, cat, [Path(p) for p in inputs] if inputs else None, settings.limits,
                        rehash=rehash)
    finally:
        cat.close()
    create_markdown_artifact(markdown=report.markdown(), key="verification",
                             description="eakte verify: re-hashed objects, orphans, missing objects")
    return report.to_dict()


@flow(name="eakte-verify", log_prints=False, validate_parameters=False)
def verify_flow(data_dir: str | None = None, store: str | None = None, catalog: str | None = None,
                inputs: list[str] | None = None, rehash: bool = True) -> dict[str, object]:
    """Returns the report as a dict; fails the flow run when verification finds a mismatch.

    Parameters left out come from the worker's environment (EAKTE_DATA_DIR, EAKTE_STORE, EAKTE_CATALOG), and
    the S3 keys from the credentials block, exactly as for `migrate`.
    """
    given: dict[str, Any] = {"data_dir": Path(data_dir) if data_dir else None, "store": store, "catalog": catalog}
    settings = with_block_credentials(Settings(**{k: v for k, v in given.items() if v is not None}))
    result = verify_task(settings, inputs, rehash)
    if not result["ok"]:
        raise RuntimeError(f"verification found mismatches: {result['counts']}")
    return result
