"""`eakte export xdomea AKTE_ID... --out DIR`: hand Akten over to the e-file as xdomea 0401 containers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from eakte.cli import targets
from eakte.cli.options import CatalogOpt, DataDir, StoreOpt
from eakte.errors import ExitCode

export_app = typer.Typer(no_args_is_help=True, help="Hand Akten over to the e-file system.")


@export_app.command("xdomea")
def xdomea(
    akte_ids: Annotated[list[str] | None, typer.Argument(help="Akte ids (see `eakte sources`)")] = None,
    out: Annotated[Path, typer.Option("--out", help="folder for the ZIP containers")] = Path("export"),
    all_akten: Annotated[bool, typer.Option("--all", help="every processed or partial Akte")] = False,
    data_dir: DataDir = Path("eakte-data"),
    store: StoreOpt = None,
    catalog: CatalogOpt = None,
) -> None:
    """Write one xdomea 3.0.0 message 0401 (Abgabe.Abgabe) ZIP per Akte; prints one JSON line per Akte."""
    import os

    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from eakte.cli.console_logs import without_tracebacks
    from eakte.config import Settings, password_to_env
    from eakte.runtime.run_scope import catalog_runs
    from flows.export import export_flow

    without_tracebacks()

    if not akte_ids and not all_akten:
        typer.echo("name at least one Akte id or use --all", err=True)
        raise typer.Exit(ExitCode.bad_args)
    targets.output_folder(out, "--out")
    settings = Settings(data_dir=data_dir, store=store, catalog=catalog)
    targets.ready(settings, "read")  # before the flow: a wrong target never becomes a failed run
    with catalog_runs(settings):  # `eakte runs` lists the runs of this catalog
        results = export_flow(akte_ids=list(akte_ids or []), out_dir=str(out),
                                  settings=password_to_env(settings), all_akten=all_akten)
    for r in results:
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    if any(r["status"] != "exported" for r in results):
        raise typer.Exit(ExitCode.input_problems)  # some Akten could not be exported; their lines say why


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
