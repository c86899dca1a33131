"""`eakte eval-compare`: the metrics of several `eakte eval` reports side by side (seen / unseen / real)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command(name="eval-compare")
    def eval_compare(
        reports: Annotated[list[str], typer.Argument(help="NAME=report.json, one per corpus (e.g. seen=a.json)")],
        targets: Annotated[bool, typer.Option("--targets", help="show the acceptance targets too")] = False,
        markdown: Annotated[bool, typer.Option("--markdown", help="print a Markdown table")] = False,
    ) -> None:
        """Show the per-field scores of several evaluation reports in one table."""
        from rich.console import Console

        from eakte.errors import ExitCode
        from eakte.evaluation.compare import CompareError, load, parse_specs, render

        try:
            loaded = load(parse_specs(reports))
        except CompareError as exc:
            Console(stderr=True).print(str(exc), markup=False)
            raise typer.Exit(ExitCode.bad_args) from exc
        text = render(loaded, targets=targets, markdown=markdown)
        if text is not None:
            typer.echo(text)
