"""`eakte setup-prefect`: the work pool, the slots and the S3 credentials block on a Prefect server, without
compose. Keys only from the environment (never an option: it would land in shell history and `ps`)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from eakte.errors import BadArguments


def _size(variable: str) -> int | None:
    raw = os.environ.get(variable)
    if raw is None or raw == "":
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise BadArguments(f"{variable} must be a whole number of slots, at least 1")
    return int(raw)


def register(app: typer.Typer) -> None:
    @app.command("setup-prefect")
    def setup_prefect(
        pool: Annotated[str, typer.Option(help="the work pool the deployments of prefect.yaml use")] = "eakte-pool",
    ) -> None:
        """Create (or keep) the work pool, the limits eakte-ocr / eakte-s3 (EAKTE_OCR_SLOTS, EAKTE_S3_SLOTS) and the
        S3 credentials block (EAKTE_S3_CREDENTIALS_BLOCK, from EAKTE_S3_ACCESS_KEY / EAKTE_S3_SECRET_KEY)."""
        from eakte.runtime.prefect_setup import Wanted, set_up
        from eakte.runtime.slots import OCR_LIMIT, S3_LIMIT

        wanted = Wanted(pool=pool, limits={OCR_LIMIT: _size("EAKTE_OCR_SLOTS"), S3_LIMIT: _size("EAKTE_S3_SLOTS")},
                        block=os.environ.get("EAKTE_S3_CREDENTIALS_BLOCK") or "eakte-s3",
                        access_key=os.environ.get("EAKTE_S3_ACCESS_KEY"),
                        secret_key=os.environ.get("EAKTE_S3_SECRET_KEY"))
        for line in set_up(wanted):
            sys.stdout.write(line + "\n")
