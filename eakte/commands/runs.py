"""`eakte runs`: recent flow runs from the Prefect API (a server at PREFECT_API_URL, else ephemeral)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlparse

import typer

from eakte.commands.options import FormatOpt, OutputFormat
from eakte.commands.plain import shown, text
from eakte.errors import PrefectUnavailable

COUNTS_KEY = "migration-counts"


def recent_runs(limit: int = 10) -> list[dict[str, Any]]:
    """Name, state, start, duration and the run's counts (from its `migration-counts` artifact)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        ArtifactFilterKey,
        FlowFilter,
        FlowFilterName,
    )
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        flows = {f.id: f.name for f in client.read_flows(limit=200)}
        wanted = [name for name in flows.values() if name.startswith("eakte-")]
        if not wanted:
            return []
        runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=wanted)),
                                     sort=FlowRunSort.EXPECTED_START_TIME_DESC, limit=limit)
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=[COUNTS_KEY]),
            flow_run_id=ArtifactFilterFlowRunId(any_=[r.id for r in runs]))) if runs else []
    numbers: dict[Any, dict[str, Any]] = {}
    for art in artifacts:
        rows: Any = json.loads(art.data) if isinstance(art.data, str) else art.data
        if isinstance(rows, list) and rows and art.flow_run_id is not None:
            numbers[art.flow_run_id] = rows[0]
    return [_row(r, flows.get(r.flow_id, "?"), numbers.get(r.id, {})) for r in runs]


def _reachable(read: Callable[[int], list[dict[str, Any]]], limit: int) -> list[dict[str, Any]]:
    """The runs, or PrefectUnavailable (exit 4) naming the API's host, not a 300-line traceback."""
    import httpx
    from prefect.settings import PREFECT_API_URL

    where = urlparse(PREFECT_API_URL.value() or "").netloc or "the ephemeral server"
    try:
        return read(limit)
    except httpx.HTTPStatusError as exc:
        status = exc.response.status_code
        raise PrefectUnavailable(f"the Prefect API at {shown(where)} answered HTTP {status}") from None
    except (httpx.HTTPError, OSError, RuntimeError) as exc:
        raise PrefectUnavailable(f"the Prefect API at {shown(where)} does not answer ({type(exc).__name__}); start "
                                 "the server or fix PREFECT_API_URL") from None


def _row(run: Any, flow: str, counts: dict[str, Any]) -> dict[str, Any]:
    start: datetime | None = run.start_time
    end: datetime | None = run.end_time
    seconds = (end - start).total_seconds() if start and end else run.estimated_run_time.total_seconds()
    return {"flow": flow, "run": run.name, "id": str(run.id), "state": run.state_name or "",
            "start": start.isoformat(timespec="seconds") if start else None, "seconds": round(seconds, 1),
            "deployment_id": str(run.deployment_id) if run.deployment_id else None, **counts}


def register(app: typer.Typer) -> None:
    @app.command()
    def runs(limit: Annotated[int, typer.Option(min=1, max=1000, help="how many recent runs")] = 10,
             format: FormatOpt = OutputFormat.table) -> None:
        """Recent migration, reprocessing and verification runs: state, duration, sources by status, pages/min."""
        from eakte.cli import _prepare_prefect

        _prepare_prefect()
        rows = _reachable(recent_runs, limit)
        if format is OutputFormat.jsonl:
            for row in rows:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            return
        from rich.console import Console
        from rich.table import Table

        t = Table("flow", "run", "state", "start", "took", "done", "part", "dup", "quar", "unch", "failed",
                  "pages/min")
        for r in rows:
            t.add_row(text(r["flow"].removeprefix("eakte-")), text(r["run"]), text(r["state"]), (r["start"] or "")[:16],
                      f"{r['seconds']:.0f} s",
                      *(str(r.get(k, "")) for k in ("processed", "partial", "duplicate", "quarantined", "unchanged",
                                                    "failed_tasks", "pages_per_minute")))
        Console().print(t)
