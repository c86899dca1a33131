"""The `eakte` command line (metadata contract: migrate, documents, sources, search)."""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from eakte.cli import search_args, targets
from eakte.cli.guard import EakteApp
from eakte.cli.options import CatalogOpt, DataDir, FormatOpt, OutputFormat, StoreOpt
from eakte.cli.plain import say, shown
from eakte.cli.plain import text as cell
from eakte.config import Settings, password_to_env
from eakte.errors import (
    BadArguments,
    CatalogUnavailable,
    ExitCode,
    IntegrityError,
    PrefectUnavailable,
    StorageError,
)
from eakte.migrate.summary import process_seconds
from eakte.runtime.ephemeral_api import EarlyServer, start_if_ephemeral

app = EakteApp(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
               help="Migrates scanned Ausländerakten into the E-Akte: OCR, documents, metadata, store, catalog.")
err = Console(stderr=True)


def _settings(data_dir: Path, store: str | None, catalog: str | None, **extra: Any) -> Settings:
    return Settings(data_dir=data_dir, store=store, catalog=catalog, **extra)


STORAGE_CODES = frozenset({StorageError.code, IntegrityError.code, CatalogUnavailable.code})
EPHEMERAL_STARTUP_TIMEOUT = 90.0  # the ephemeral API server needs more than Prefect's 20 s on a busy 2-core machine


def _prepare_prefect(early_server: bool = False) -> EarlyServer | None:
    """Ephemeral, offline Prefect unless an API URL is configured.

    With `early_server`, the ephemeral server starts now and boots beside our imports (`_wait_for_api` before use).
    """
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", str(int(EPHEMERAL_STARTUP_TIMEOUT)))
    return start_if_ephemeral() if early_server else None


def _wait_for_api(server: EarlyServer | None) -> None:
    if server is None:
        return
    try:
        server.wait(EPHEMERAL_STARTUP_TIMEOUT)
    except RuntimeError as exc:
        raise PrefectUnavailable(f"the ephemeral Prefect server did not start ({shown(exc)})") from None


@app.command()
def migrate(
    sources: Annotated[list[Path], typer.Argument(help="files and folders (folders recursively)")],
    data_dir: DataDir = Path("eakte-data"),
    store: StoreOpt = None,
    catalog: CatalogOpt = None,
    workers: Annotated[int | None, typer.Option(min=1, help="OCR processes (default: CPU cores)")] = None,
    summary_json: Annotated[Path | None, typer.Option("--summary-json", help="write the run summary here")] = None,
) -> None:
    """The main job: migrate every file under SOURCES into the store and catalog."""
    targets.existing_paths(sources, "not found")
    if summary_json is not None:
        targets.writable_file(summary_json, "--summary-json")
    extra = {"ocr_workers": workers} if workers else {}
    settings = _settings(data_dir, store, catalog, **extra)
    targets.check(settings, "write")  # before the server starts: a wrong option never becomes a failed run
    server = _prepare_prefect(early_server=True)
    from eakte.cli.console_logs import without_tracebacks
    from eakte.cli.migrate_bar import MigrateBar
    from eakte.runtime.run_scope import catalog_runs
    from eakte.runtime.runlock import run_lock_for
    from flows.migrate import migrate_flow

    without_tracebacks()
    with run_lock_for(settings):  # a probe: another run's lock refuses before the catalog is even opened
        targets.ready(settings, "write")
    if server is not None:  # the server still boots on the other core: read the first pages and load the
        from eakte.ocr import head_start  # doc-type model meanwhile
        from eakte.runtime import warm_up

        head_start.start(sources, settings)
        warm_up.start(sources)
    try:
        _wait_for_api(server)
        with MigrateBar(sources, err), catalog_runs(settings):  # the tag scopes `eakte runs` to this catalog
            result = migrate_flow(sources=[str(s) for s in sources], settings=password_to_env(settings))
    finally:
        if server is not None:
            head_start.finish()  # pages no source took (it was done before, say) go with its scratch folder
    with_start_up(result)
    if summary_json:  # first: the run's numbers are kept even if the terminal output fails
        summary_json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    _print_summary(result)
    if result.get("interrupted"):
        err.print(f"[yellow]stopped on request:[/yellow] {result['interrupted']} sources not finished; they have "
                  "no record and the next run migrates them")
        raise typer.Exit(ExitCode.interrupted)
    problems: list[dict[str, str]] = result["problems"]  # type: ignore[assignment]
    failed = sum(p.get("code") in STORAGE_CODES for p in problems)
    if failed:
        say(err, f"storage failure: {failed} sources could not be written to the store or catalog; they are "
                 "recorded as quarantined and the next run retries them")
        raise typer.Exit(ExitCode.storage)
    by_status: dict[str, int] = result["by_status"]  # type: ignore[assignment]
    if by_status.get("quarantined") or by_status.get("partial"):
        raise typer.Exit(ExitCode.input_problems)


def with_start_up(result: dict[str, Any]) -> None:
    """The summary's seconds (and pages/min) from process start: imports and Prefect start-up included."""
    total = process_seconds()
    if total is None:
        return
    result["flow_seconds"] = result["seconds"]
    result["seconds"] = round(max(total, float(result["seconds"])), 2)
    result["pages_per_minute"] = round(60.0 * int(result["pages"]) / result["seconds"], 1) if result["seconds"] else 0.0


def _print_summary(result: dict[str, Any]) -> None:
    t = Table(title="migration run", show_header=False)
    for status in ("processed", "partial", "duplicate", "quarantined"):
        t.add_row(status, str(result["by_status"].get(status, 0)))
    t.add_row("unchanged (skipped)", str(result["unchanged"]))
    if result.get("claimed_elsewhere"):
        t.add_row("claimed by another run", str(result["claimed_elsewhere"]))
    t.add_row("pages", f"{result['pages']} ({result['ocr_pages']} OCRed)")
    t.add_row("documents", str(result["documents"]))
    t.add_row("review rate", f"{100 * result['review_rate']:.1f} %")
    t.add_row("pages per minute", f"{result['pages_per_minute']:.1f}")
    t.add_row("seconds", f"{result['seconds']:.1f}")
    err.print(t)
    for p in result["problems"][:20]:  # paths and reasons are text, never markup; control characters escaped
        say(err, "  ", cell(p["status"], "yellow"), " ", cell(p["path"]), ": ", cell(p["reason"]))


def _open_catalog(data_dir: Path, store: str | None, catalog: str | None, needs_store: bool = False) -> Any:
    """The catalog of existing eakte data (read commands never create a data dir or catalog)."""
    settings = _settings(data_dir, store, catalog)
    targets.check(settings, "read", needs_store=needs_store)
    return targets.open_catalog(settings)


@app.command()
def documents(data_dir: DataDir = Path("eakte-data"), store: StoreOpt = None, catalog: CatalogOpt = None,
              format: FormatOpt = OutputFormat.jsonl,
              akte: Annotated[str | None, typer.Option(help="only this Akte")] = None) -> None:
    """Print every document record in the catalog."""
    cat = _open_catalog(data_dir, store, catalog)
    if format is OutputFormat.jsonl:
        for doc in cat.documents(akte):
            sys.stdout.write(doc.model_dump_json() + "\n")
        return
    t = Table("document", "pages", "type", "date", "court", "file numbers", "review")
    for d in cat.documents(akte):
        t.add_row(cell(d.document_id), f"{d.source.first_page}-{d.source.last_page}", cell(d.doc_type),
                  cell(d.document_date), cell(f"{d.court.type} {d.court.place or ''}" if d.court else ""),
                  cell(", ".join(f.value for f in d.file_numbers)), "yes" if d.review.needed else "")
    Console().print(t)


@app.command()
def sources(data_dir: DataDir = Path("eakte-data"), store: StoreOpt = None, catalog: CatalogOpt = None,
            format: FormatOpt = OutputFormat.jsonl) -> None:
    """Print every source with its outcome."""
    cat = _open_catalog(data_dir, store, catalog)
    if format is OutputFormat.jsonl:
        for rec in cat.sources():
            sys.stdout.write(rec.model_dump_json() + "\n")
        return
    t = Table("path", "status", "pages", "documents", "reason")
    for r in cat.sources():
        t.add_row(cell(r.path), cell(r.status), str(r.pages), str(r.documents), cell(r.reason))
    Console().print(t)


@app.command()
def search(
    text: Annotated[str | None, typer.Argument(help="words to find in the documents' text")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="doc_type, e.g. court_decision")] = None,
    subtype: Annotated[str | None, typer.Option(help="doc_subtype, e.g. urteil")] = None,
    party: Annotated[str | None, typer.Option(help="a party's name (Öztürk finds Oeztuerk, Ozturk)")] = None,
    file_number: Annotated[str | None, typer.Option("--file-number", help="any spelling: 22K3443/18 A")] = None,
    court: Annotated[str | None, typer.Option(help="court type and/or seat, e.g. 'VG Köln'")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="YYYY-MM-DD")] = None,
    date_role: Annotated[str | None, typer.Option("--date-role", help="e.g. valid_until (default document date)")
                         ] = None,
    akte: Annotated[str | None, typer.Option(help="only this Akte")] = None,
    review: Annotated[bool | None, typer.Option("--review/--no-review", help="only documents waiting for review "
                                                "(the review queue) / only documents without")] = None,
    review_reason: Annotated[str | None, typer.Option("--review-reason", help="only this review reason, e.g. "
                                                      "no_document_date")] = None,
    sort: Annotated[str | None, typer.Option(help="relevance, date_desc or date_asc")] = None,
    limit: int = 20, offset: int = 0,
    data_dir: DataDir = Path("eakte-data"), store: StoreOpt = None, catalog: CatalogOpt = None,
    format: FormatOpt = OutputFormat.table,
) -> None:
    """Full-text and field search over the catalog (the same query layer as the API and the search page)."""
    from pydantic import ValidationError

    from eakte.api.links import document_links
    from eakte.catalog import SearchQuery

    try:
        q = SearchQuery(text=text, doc_type=doc_type, doc_subtype=subtype, party=party, file_number=file_number,  # type: ignore[arg-type]
                        court=court, date_from=date_from, date_to=date_to, date_role=date_role, akte_id=akte,  # type: ignore[arg-type]
                        review=review, review_reason=review_reason, sort=sort, limit=limit,  # type: ignore[arg-type]
                        offset=offset)
    except ValidationError as exc:
        raise BadArguments(f"invalid search: {search_args.problems(exc.errors())}") from None
    if bad_dates := search_args.calendar_problems(date_from=q.date_from, date_to=q.date_to):
        raise BadArguments(f"invalid search: {bad_dates}")
    cat = _open_catalog(data_dir, store, catalog, needs_store=True)
    page = cat.query(q)
    objects = targets.open_store(_settings(data_dir, store, catalog))
    if format is OutputFormat.jsonl:
        for h in page.hits:
            sys.stdout.write(json.dumps({"score": round(h.score, 4), "snippet": h.snippet, "highlights": h.highlights,
                                         "links": document_links(objects, h.document),
                                         "document": h.document.model_dump()}, ensure_ascii=False) + "\n")
        return
    if review or review_reason:  # the review queue: why each document waits
        from eakte.catalog.review_reasons import label

        t = Table("document", "type", "date", "source", "review reasons",
                  title=f"{'' if page.total_exact else 'more than '}{page.total} to review")
        for h in page.hits:
            d = h.document
            t.add_row(d.document_id, d.doc_type, d.document_date or "", Text(d.source.path),
                      Text("; ".join(label(r) for r in d.review.reasons)))
        Console().print(t)
        return
    t = Table("document", "type", "date", "source", "snippet",
              title=f"{'' if page.total_exact else 'more than '}{page.total} hits"
                    f"{f' (estimated {page.total_estimate})' if page.total_estimate else ''}"
                    f"{', newest first' if text and page.sort == 'date_desc' else ''}")
    for h in page.hits:
        d = h.document
        t.add_row(cell(d.document_id), cell(d.doc_type), cell(d.document_date),
                  cell(f"{d.source.path} p.{d.source.first_page}-{d.source.last_page}"), _snippet_text(h))
    Console().print(t)


def _why(error: Any) -> str:
    """A validation error as `field: message` (messages never repeat the input), escaped for Rich."""
    from rich.markup import escape

    where = str(error["loc"][0]) if error.get("loc") else "query"
    return escape(f"{where}: {str(error['msg']).removeprefix('Value error, ')}")


def _snippet_text(hit: Any) -> Text:
    """The snippet as Rich Text styled at the highlight offsets: document text is never parsed as markup."""
    text = Text(hit.snippet or "")
    for start, end in hit.highlights:
        text.stylize("bold reverse", start, end)
    return text


@app.command(name="eval")
def eval_(
    corpus: Annotated[Path, typer.Argument(help="labelled corpus folder (labels.jsonl) or input folder")],
    labels: Annotated[Path | None, typer.Option(help="labels file, when not CORPUS/labels.jsonl")] = None,
    out: Annotated[Path, typer.Option(help="JSON report")] = Path("eval-report.json"),
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="where the run stores its data")] = None,
    extra_labels: Annotated[Path | None, typer.Option(help="more truth fields by sha256 (real decisions' parties)")]
    = None,
) -> None:
    """Run the pipeline over a labelled corpus and score it field by field."""
    from eakte.evaluation.runner import eval_command

    if not corpus.is_dir():
        raise BadArguments(f"CORPUS: no folder at {shown(corpus)}")
    if labels is not None and not labels.is_file():
        raise BadArguments(f"--labels: no file at {shown(labels)}")
    targets.writable_file(out, "--out")
    if extra_labels is not None and not extra_labels.is_file():
        raise BadArguments(f"--extra-labels: no file at {shown(extra_labels)}")
    eval_command(corpus=corpus, out=out, data_dir=data_dir, labels=labels, extra_labels=extra_labels)


# Sub-commands beyond the contract's core, one module each with `register(app)`, registered in this order.
# Keep heavy imports inside the command functions so `eakte --help` stays fast.
COMMAND_MODULES: list[str] = ["case", "evalcompare", "export", "runs", "serve", "setup_prefect", "verify"]
for _name in COMMAND_MODULES:
    importlib.import_module(f"eakte.cli.{_name}").register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
