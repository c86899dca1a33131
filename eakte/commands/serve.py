"""`eakte serve`: the read-only search API and page (FastAPI on uvicorn) over the configured catalog and store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port")] = 8400,
        data_dir: Annotated[Path, typer.Option("--data-dir", envvar="EAKTE_DATA_DIR")] = Path("eakte-data"),
        store: Annotated[str | None, typer.Option("--store", envvar="EAKTE_STORE")] = None,
        catalog: Annotated[str | None, typer.Option("--catalog", envvar="EAKTE_CATALOG",
                                                    help="SQLite file path or postgresql://... URL")] = None,
    ) -> None:
        """Serve the search API (/api, OpenAPI at /docs) and the search page (/). Tokens: EAKTE_API_TOKENS."""
        import logging

        import uvicorn

        from eakte.api.app import app_from_settings
        from eakte.api.auth import TokenTable
        from eakte.config import Settings

        if not TokenTable.from_env().hashes:
            typer.echo("no API tokens: set EAKTE_API_TOKENS (name:token,...) or EAKTE_API_TOKENS_FILE", err=True)
            raise typer.Exit(2)
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        api = app_from_settings(Settings(data_dir=data_dir, store=store, catalog=catalog))
        # uvicorn's own access log prints query strings (search words, names): ours logs route templates only.
        uvicorn.run(api, host=host, port=port, access_log=False, log_level="info")
