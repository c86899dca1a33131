"""`eakte case list` and `eakte case show PERSON|AKTE [--at DATE] [--format table|json|html]`.

The case overview for a caseworker at the terminal: facts with their evidence, never a decision.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from eakte.cli import targets
from eakte.cli.options import CatalogOpt, DataDir, FormatOpt, OutputFormat, StoreOpt

case_app = typer.Typer(no_args_is_help=True, help="Case overview: the facts a § 25a/§ 25b or hardship check needs.")


class CaseFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"


def _at(value: str | None) -> dt.date:
    from eakte.errors import BadArguments

    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadArguments("--at: not a calendar day; use YYYY-MM-DD") from None


@case_app.command("list")
def list_cases(
    data_dir: DataDir = Path("eakte-data"),
    store: StoreOpt = None,
    catalog: CatalogOpt = None,
    format: FormatOpt = OutputFormat.table,
) -> None:
    """One line per Akte: its main person, birth date, persons named, documents and pages."""
    from rich.console import Console
    from rich.table import Table

    from eakte.case.build import case_list
    from eakte.case.render import list_json
    from eakte.cli.plain import text
    from eakte.config import Settings

    settings = Settings(data_dir=data_dir, store=store, catalog=catalog)
    targets.check(settings, "read", needs_store=False)
    cat = targets.open_catalog(settings)
    try:
        rows = case_list(cat)
    finally:
        cat.close()
    if format is OutputFormat.jsonl:
        if rows:
            typer.echo(list_json(rows))
        return
    table = Table("akte_id", "person_id", "name", "birth_date", "persons", "documents", "pages")
    for r in rows:
        table.add_row(*(text(r[k]) for k in ("akte_id", "person_id", "name", "birth_date", "persons", "documents",
                                             "pages")))
    Console().print(table)


@case_app.command("show")
def show(
    key: Annotated[str, typer.Argument(help="an Akte id (a-…) or a person id (p-…, see `eakte case list`)")],
    at: Annotated[str | None, typer.Option("--at", help="reference date YYYY-MM-DD (default: today)")] = None,
    data_dir: DataDir = Path("eakte-data"),
    store: StoreOpt = None,
    catalog: CatalogOpt = None,
    format: Annotated[CaseFormat, typer.Option("--format", case_sensitive=False, help="output format")] =
        CaseFormat.table,
) -> None:
    """Persons, timeline, findings and checks of one case, each with document id and page."""
    from rich.console import Console
    from rich.table import Table

    from eakte.case.build import for_key, store_texts
    from eakte.case.render import HEADERS, table_rows, to_html, to_json
    from eakte.case.rules import NoRulesForDate
    from eakte.cli.plain import text
    from eakte.config import Settings
    from eakte.errors import BadArguments

    when = _at(at)
    settings = Settings(data_dir=data_dir, store=store, catalog=catalog)
    targets.check(settings, "read")
    cat = targets.open_catalog(settings)
    try:
        view = for_key(cat, store_texts(targets.open_store(settings)), key, when)
    except NoRulesForDate:
        raise BadArguments("--at: no legal thresholds for this date in eakte/case/rules/aufenthg.json") from None
    finally:
        cat.close()
    if view is None:
        raise BadArguments("no Akte or person with this id in the catalog; see `eakte case list`")
    if format is CaseFormat.json:
        typer.echo(to_json(view))
        return
    if format is CaseFormat.html:
        typer.echo(to_html(view))
        return
    console = Console()
    for section, rows in table_rows(view).items():
        t = Table(*HEADERS[section], title=section, title_justify="left", show_header=section != "Fall")
        for row in rows:
            t.add_row(*(text(c) for c in row))
        console.print(t)


def register(app: typer.Typer) -> None:
    app.add_typer(case_app, name="case")
