"""Child flow runs of the inbox flow: one per batch, submitted to the work pool, waited for, counts read back.

`run_deployment(..., timeout=0)` only creates the run: any worker polling the deployment's pool takes it, so
batches spread over every worker of `eakte-pool` (each one a separate process with its own page pool). The
children report through their `migration-counts` artifact (counts only), read back here by flow run id.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from eakte.runtime.prefect_runs import COUNTS_KEY


@dataclass
class ChildRun:
    """One batch's flow run as the parent saw it last."""

    id: UUID
    name: str
    state: str = "Scheduled"
    completed: bool = False
    final: bool = False
    start: datetime | None = None
    end: datetime | None = None
    counts: dict[str, Any] = field(default_factory=dict)

    def label(self) -> str:
        return f"{self.name} ({self.id})" + ("" if self.final else f", still {self.state}")


def submit(deployment: str, parameters: list[dict[str, Any]]) -> list[ChildRun]:
    """One flow run of `deployment` per parameter set, named `batch-<i>-of-<n>`, linked to this run as subflows."""
    from prefect.deployments import run_deployment

    runs: list[ChildRun] = []
    for i, params in enumerate(parameters, start=1):
        name = f"batch-{i:03d}-of-{len(parameters):03d}"
        run = run_deployment(deployment, parameters=params, timeout=0, as_subflow=True, flow_run_name=name)
        runs.append(ChildRun(id=run.id, name=name))  # type: ignore[union-attr]
    return runs


def wait(runs: list[ChildRun], poll_seconds: float = 5.0, max_wait: float | None = None) -> list[ChildRun]:
    """Polls until every child is in a final state (completed, failed, crashed, cancelled), then reads counts.

    `max_wait` (seconds) bounds the wait: a child whose worker was killed stays "Running" on the server for
    ever (nothing reports its end), so without a bound the parent would wait for ever too. Children not
    final by then count as not completed.
    """
    deadline = None if max_wait is None else time.monotonic() + max_wait
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        while True:
            for child in runs:
                if child.final:
                    continue
                fr = client.read_flow_run(child.id)
                state = fr.state
                child.state = fr.state_name or ""
                child.final = state is not None and state.is_final()
                child.completed = state is not None and state.is_completed()
                child.start, child.end = fr.start_time, fr.end_time
            if all(c.final for c in runs) or (deadline is not None and time.monotonic() >= deadline):
                break
            time.sleep(poll_seconds)
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=[COUNTS_KEY]),
            flow_run_id=ArtifactFilterFlowRunId(any_=[c.id for c in runs]))) if runs else []
    by_run = {c.id: c for c in runs}
    for art in artifacts:
        rows: Any = json.loads(art.data) if isinstance(art.data, str) else art.data
        if isinstance(rows, list) and rows and art.flow_run_id in by_run:
            by_run[art.flow_run_id].counts = rows[0]
    return runs
