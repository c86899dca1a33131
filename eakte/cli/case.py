"""`eakte case list` and `eakte case show PERSON|AKTE [--at DATE] [--format table|json|html|pdf] [--out FILE]`.

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
    pdf = "pdf"


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
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="Akten per page")] = 100,
    cursor: Annotated[str | None, typer.Option("--cursor", help="continue after this Akte (the 'next page' "
                                                                "cursor the previous page printed)")] = None,
) -> None:
    """One line per Akte, sorted by Akte id, a page at a time: main person, birth date, persons named,
    documents and pages (from the catalog's SQL aggregates; no record or text is read)."""
    from rich.console import Console
    from rich.table import Table

    from eakte.case.listing import case_page
    from eakte.case.render import list_json
    from eakte.cli.plain import text
    from eakte.config import Settings

    settings = Settings(data_dir=data_dir, store=store, catalog=catalog)
    targets.check(settings, "read", needs_store=False)
    cat = targets.open_catalog(settings)
    try:
        page = case_page(cat, limit, cursor)
    finally:
        cat.close()
    rows = page.rows
    if format is OutputFormat.jsonl:
        if rows:
            typer.echo(list_json(rows))
    else:
        table = Table("akte_id", "person_id", "name", "birth_date", "persons", "documents", "pages")
        for r in rows:
            table.add_row(*(text(r[k]) for k in ("akte_id", "person_id", "name", "birth_date", "persons",
                                                 "documents", "pages")))
        Console().print(table)
    if page.next_cursor is not None:
        typer.echo(f"next page: --cursor {page.next_cursor}", err=True)


@case_app.command("show")
def show(
    key: Annotated[str, typer.Argument(help="an Akte id (a-…) or a person id (p-…, see `eakte case list`)")],
    at: Annotated[str | None, typer.Option("--at", help="reference date YYYY-MM-DD (default: today)")] = None,
    data_dir: DataDir = Path("eakte-data"),
    store: StoreOpt = None,
    catalog: CatalogOpt = None,
    format: Annotated[CaseFormat, typer.Option("--format", case_sensitive=False, help="output format")] =
        CaseFormat.table,
    out: Annotated[Path | None, typer.Option("--out", help="write the report to FILE (needed for --format pdf)")]
        = None,
) -> None:
    """Persons, timeline, findings and checks of one case, each with document id and page; `--format pdf
    --out FILE` writes the printable report to file with the case."""
    from rich.console import Console
    from rich.table import Table

    from eakte.case.build import for_key
    from eakte.case.loading import catalog_texts
    from eakte.case.render import HEADERS, table_rows, to_html, to_json
    from eakte.case.rules import NoRulesForDate
    from eakte.cli.plain import text
    from eakte.config import Settings
    from eakte.errors import BadArguments

    when = _at(at)
    if format is CaseFormat.pdf and out is None:
        raise BadArguments("--format pdf: name the report file with --out FILE")
    if out is not None and format is CaseFormat.table:
        raise BadArguments("--out: takes --format json, html or pdf")
    if out is not None and not out.parent.is_dir():
        raise BadArguments("--out: the folder for the report does not exist")
    settings = Settings(data_dir=data_dir, store=store, catalog=catalog)
    targets.check(settings, "read")
    cat = targets.open_catalog(settings)
    try:
        view = for_key(cat, catalog_texts(targets.open_store(settings)), key, when)
    except NoRulesForDate:
        raise BadArguments("--at: no legal thresholds for this date in eakte/case/rules/aufenthg.json") from None
    finally:
        cat.close()
    if view is None:
        raise BadArguments("no Akte or person with this id in the catalog; see `eakte case list`")
    if format is CaseFormat.pdf and out is not None:
        from eakte.case.report import to_pdf

        _write(out, to_pdf(view, dt.datetime.now(dt.UTC)))
        return
    if format in (CaseFormat.json, CaseFormat.html):
        body = to_json(view) if format is CaseFormat.json else to_html(view)
        if out is not None:
            _write(out, (body + "\n").encode("utf-8"))
        else:
            typer.echo(body)
        return
    console = Console()
    for section, rows in table_rows(view).items():
        t = Table(*HEADERS[section], title=section, title_justify="left", show_header=section != "Fall")
        for row in rows:
            t.add_row(*(text(c) for c in row))
        console.print(t)


def _write(out: Path, data: bytes) -> None:
    """Writes the report whole or not at all (a half-written file is never left to be filed)."""
    from eakte.errors import BadArguments

    tmp = out.with_name(f".{out.name}.part")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise BadArguments("--out: the report file cannot be written there") from None


def register(app: typer.Typer) -> None:
    app.add_typer(case_app, name="case")
