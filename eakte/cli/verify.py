"""`eakte verify`: re-hash every stored object, list orphaned and missing ones; exit 6 on any mismatch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from eakte.cli import targets
from eakte.cli.options import CatalogOpt, DataDir, StoreOpt
from eakte.cli.plain import shown


def register(app: typer.Typer) -> None:
    @app.command()
    def verify(
        inputs: Annotated[list[Path] | None, typer.Argument(help="input files/folders to reconcile (optional)")] = None,
        data_dir: DataDir = Path("eakte-data"),
        store: StoreOpt = None,
        catalog: CatalogOpt = None,
        json_out: Annotated[Path | None, typer.Option("--json", help="write the full report here")] = None,
        no_rehash: Annotated[bool, typer.Option("--no-rehash", help="only check presence, not content")] = False,
    ) -> None:
        """Reconcile inputs, store and catalog: SHA-256 of every object, orphans, missing objects."""
        from rich.console import Console

        from eakte.config import Settings
        from eakte.errors import EakteError, ExitCode
        from eakte.integrity.verify import open_for_verify
        from eakte.integrity.verify import verify as run_verify

        targets.existing_paths(list(inputs or []), "INPUTS")
        if json_out is not None:
            targets.writable_file(json_out, "--json")
        settings = Settings(data_dir=data_dir, store=store, catalog=catalog)
        err = Console(stderr=True)
        if settings.store:  # a malformed URL is a usage error (exit 2), before anything is opened
            targets.check_store_url(settings.store)
        if settings.catalog:
            targets.check_catalog_url(settings.catalog)
        try:
            objects, cat = open_for_verify(settings)  # creates neither store nor catalog
        except EakteError as exc:
            err.print(f"{exc.code}: {exc.message}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        try:
            report = run_verify(objects, cat, inputs or None, settings.limits, rehash=not no_rehash)
        finally:
            cat.close()
        err.print(f"verify: {report.sources_checked} sources, {report.objects_checked} objects re-hashed: "
                  + ("[green]OK[/green]" if report.ok else "[red]MISMATCH[/red]"))
        for f in report.findings[:200]:
            err.print(f"  {f.kind:14} {shown(f.key)}  {shown(f.detail)}", markup=False, highlight=False)
        if json_out:
            json_out.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
        if not report.ok:
            raise typer.Exit(ExitCode.verify_mismatch)
