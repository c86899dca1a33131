"""Options every command shares, typed so click refuses wrong values (exit 2, naming the option)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class OutputFormat(StrEnum):
    """What `--format` accepts; anything else is a usage error listing these."""

    jsonl = "jsonl"
    table = "table"


DataDir = Annotated[Path, typer.Option("--data-dir", envvar="EAKTE_DATA_DIR", file_okay=False,
                                       help="embedded store and catalog live here (only migrate creates it)")]
StoreOpt = Annotated[str | None, typer.Option("--store", envvar="EAKTE_STORE",
                                              help="file:///path or s3://bucket/prefix (endpoint: EAKTE_S3_ENDPOINT)")]
CatalogOpt = Annotated[str | None, typer.Option("--catalog", envvar="EAKTE_CATALOG",
                                                help="catalog: SQLite file path or postgresql://user@host/db")]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", case_sensitive=False, help="output format")]
