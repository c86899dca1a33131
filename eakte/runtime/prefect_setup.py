"""What a Prefect server needs before eakte's deployments run on it: the work pool, the cluster-wide slots and
the S3 credentials block (the compose `setup` service's work, for machines without compose).

Idempotent: what exists is kept (a limit whose size is given and differs is updated, a block whose keys
differ is overwritten), so it can run on every roll-out. The S3 keys come from the environment only.
"""

from __future__ import annotations

from dataclasses import dataclass

from eakte.errors import PrefectUnavailable
from eakte.runtime.prefect_runs import api_location
from eakte.runtime.slots import OCR_LIMIT, S3_LIMIT

POOL = "eakte-pool"
DEFAULT_SLOTS = {OCR_LIMIT: 8, S3_LIMIT: 4}  # as deploy/docker-compose.yml's EAKTE_OCR_SLOTS / EAKTE_S3_SLOTS


@dataclass(frozen=True)
class Wanted:
    pool: str
    limits: dict[str, int | None]  # None: the default when created, an existing size kept
    block: str
    access_key: str | None
    secret_key: str | None


def check_api() -> None:
    """PrefectUnavailable (exit 4) unless a Prefect server answers at PREFECT_API_URL (no ephemeral one)."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        raise PrefectUnavailable("PREFECT_API_URL is not set: point it at the Prefect server to set up")
    try:
        with get_client(sync_client=True) as client:
            failure = client.api_healthcheck()
    except Exception as exc:
        failure = exc
    if failure is not None:
        raise PrefectUnavailable(f"the Prefect API at {api_location()} does not answer "
                                 f"({type(failure).__name__}); start the server or fix PREFECT_API_URL")


def set_up(wanted: Wanted) -> list[str]:
    """Creates what is missing; one plain line per thing: created, updated, kept or skipped."""
    from prefect.blocks.system import Secret
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import (
        GlobalConcurrencyLimitCreate,
        GlobalConcurrencyLimitUpdate,
        WorkPoolCreate,
    )
    from prefect.exceptions import ObjectNotFound
    from prefect.workers.process import ProcessWorker

    check_api()
    lines: list[str] = []
    with get_client(sync_client=True) as client:
        try:
            pool = client.read_work_pool(wanted.pool)
            lines.append(f"work pool {wanted.pool} ({pool.type}): kept")
        except ObjectNotFound:
            client.create_work_pool(WorkPoolCreate(name=wanted.pool, type="process",
                                                   base_job_template=ProcessWorker.get_default_base_job_template()))
            lines.append(f"work pool {wanted.pool} (process): created")
        for name, size in wanted.limits.items():
            try:
                limit = client.read_global_concurrency_limit_by_name(name)
            except ObjectNotFound:
                slots = size if size is not None else DEFAULT_SLOTS.get(name, 1)
                client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=name, limit=slots))
                lines.append(f"concurrency limit {name} ({slots} slots): created")
                continue
            if size is not None and size != limit.limit:
                client.update_global_concurrency_limit(name, GlobalConcurrencyLimitUpdate(limit=size))
                lines.append(f"concurrency limit {name} ({limit.limit} -> {size} slots): updated")
            else:
                lines.append(f"concurrency limit {name} ({limit.limit} slots): kept")
    lines.append(_credentials_block(Secret, wanted))
    return lines


def _credentials_block(secret_type: type, wanted: Wanted) -> str:
    if not (wanted.access_key and wanted.secret_key):
        return (f"S3 credentials block {wanted.block}: skipped (EAKTE_S3_ACCESS_KEY and EAKTE_S3_SECRET_KEY "
                "are not both set)")
    value = {"access_key": wanted.access_key, "secret_key": wanted.secret_key}
    try:
        current = secret_type.load(wanted.block).get()  # type: ignore[attr-defined]
    except ValueError:  # no such block
        current = None
    if current == value:
        return f"S3 credentials block {wanted.block}: kept"
    secret_type(value=value).save(wanted.block, overwrite=True)
    return f"S3 credentials block {wanted.block}: " + ("created" if current is None else "updated")
