"""`eakte runs`: recent flow runs from the Prefect API (a server at PREFECT_API_URL, else ephemeral)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from eakte.cli.options import CatalogOpt, DataDir, FormatOpt, OutputFormat
from eakte.cli.plain import shown, text
from eakte.errors import PrefectUnavailable
from eakte.runtime.prefect_runs import api_location, recent_runs


def _reachable(read: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The runs, or PrefectUnavailable (exit 4) naming the API's host, not a 300-line traceback."""
    import httpx

    where = api_location()
    try:
        return read()
    except httpx.HTTPStatusError as exc:
        status = exc.response.status_code
        raise PrefectUnavailable(f"the Prefect API at {shown(where)} answered HTTP {status}") from None
    except (httpx.HTTPError, OSError, RuntimeError) as exc:
        raise PrefectUnavailable(f"the Prefect API at {shown(where)} does not answer ({type(exc).__name__}); start "
                                 "the server or fix PREFECT_API_URL") from None


def register(app: typer.Typer) -> None:
    @app.command()
    def runs(limit: Annotated[int, typer.Option(min=1, max=1000, help="how many recent runs")] = 10,
             format: FormatOpt = OutputFormat.table,
             data_dir: DataDir = Path("eakte-data"), catalog: CatalogOpt = None,
             all_runs: Annotated[bool, typer.Option("--all", help="runs of every catalog on this Prefect server")
                                 ] = False) -> None:
        """Recent runs of this data dir's catalog: state, failure reason, duration, sources by status, pages/min."""
        from eakte.cli.main import _prepare_prefect
        from eakte.cli.targets import check_catalog_url
        from eakte.config import Settings
        from eakte.runtime.run_scope import catalog_tag

        if catalog:
            check_catalog_url(catalog)
        tag = None if all_runs else catalog_tag(Settings(data_dir=data_dir, catalog=catalog))
        _prepare_prefect()
        rows = _reachable(lambda: recent_runs(limit, tag))
        if format is OutputFormat.jsonl:
            for row in rows:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            return
        from rich.console import Console
        from rich.table import Table

        t = Table("flow", "run", "state", "start", "took", "done", "part", "dup", "quar", "unch", "failed",
                  "pages/min", "reason")
        for r in rows:
            t.add_row(text(r["flow"].removeprefix("eakte-")), text(r["run"]), text(r["state"]),
                      (r["start"] or "")[:16], f"{r['seconds']:.0f} s",
                      *(str(r.get(k, "")) for k in ("processed", "partial", "duplicate", "quarantined", "unchanged",
                                                    "failed_tasks", "pages_per_minute")), text(r["reason"]))
        Console().print(t)
