"""Recent eakte flow runs read from the Prefect API, with their counts (for `eakte runs`)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from eakte.runtime.run_scope import TAG_PREFIX

COUNTS_KEY = "migration-counts"


def recent_runs(limit: int = 10, tag: str | None = None) -> list[dict[str, Any]]:
    """Name, state, reason, start, duration and the run's counts (from its `migration-counts` artifact).

    With `tag`, only the runs carrying it (runs of one catalog, see eakte/runtime/run_scope.py) and runs of
    deployments that carry no catalog tag (the server's scheduled runs, whose catalog the client cannot see).
    """
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        ArtifactFilterKey,
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterDeploymentId,
        FlowRunFilterTags,
    )
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        flows = {f.id: f.name for f in client.read_flows(limit=200)}
        wanted = [name for name in flows.values() if name.startswith("eakte-")]
        if not wanted:
            return []
        of_eakte = FlowFilter(name=FlowFilterName(any_=wanted))

        def read(scope: FlowRunFilter | None) -> list[Any]:
            return list(client.read_flow_runs(flow_filter=of_eakte, flow_run_filter=scope,
                                              sort=FlowRunSort.EXPECTED_START_TIME_DESC, limit=limit))

        if tag is None:
            runs = read(None)
        else:  # this catalog's runs, and deployment runs started without a catalog tag (their catalog is the server's)
            deployed = [r for r in read(FlowRunFilter(deployment_id=FlowRunFilterDeploymentId(is_null_=False)))
                        if not any(t.startswith(TAG_PREFIX) for t in r.tags)]
            merged = {r.id: r for r in [*read(FlowRunFilter(tags=FlowRunFilterTags(all_=[tag]))), *deployed]}
            runs = sorted(merged.values(), key=lambda r: r.expected_start_time or r.created, reverse=True)[:limit]
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=[COUNTS_KEY]),
            flow_run_id=ArtifactFilterFlowRunId(any_=[r.id for r in runs]))) if runs else []
    numbers: dict[Any, dict[str, Any]] = {}
    for art in artifacts:
        rows: Any = json.loads(art.data) if isinstance(art.data, str) else art.data
        if isinstance(rows, list) and rows and art.flow_run_id is not None:
            numbers[art.flow_run_id] = rows[0]
    return [_row(r, flows.get(r.flow_id, "?"), numbers.get(r.id, {})) for r in runs]


def api_location() -> str:
    """Where the Prefect API is (host:port), or "the ephemeral server": for messages."""
    from prefect.settings import PREFECT_API_URL

    return urlparse(PREFECT_API_URL.value() or "").netloc or "the ephemeral server"


def _row(run: Any, flow: str, counts: dict[str, Any]) -> dict[str, Any]:
    start: datetime | None = run.start_time
    end: datetime | None = run.end_time
    seconds = (end - start).total_seconds() if start and end else run.estimated_run_time.total_seconds()
    state = run.state
    failed = state is not None and (state.is_failed() or state.is_crashed() or state.is_cancelled())
    return {"flow": flow, "run": run.name, "id": str(run.id), "state": run.state_name or "",
            "reason": (state.message or "") if failed else "",
            "start": start.isoformat(timespec="seconds") if start else None, "seconds": round(seconds, 1),
            "deployment_id": str(run.deployment_id) if run.deployment_id else None, **counts}
