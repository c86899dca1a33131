"""`eakte serve`: the read-only search API and page (FastAPI on uvicorn) over the configured catalog and store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eakte.cli import targets
from eakte.cli.options import CatalogOpt, DataDir, StoreOpt


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port")] = 8400,
        data_dir: DataDir = Path("eakte-data"),
        store: StoreOpt = None,
        catalog: CatalogOpt = None,
    ) -> None:
        """Serve the search API (/api, OpenAPI at /docs) and the search page (/). Tokens: EAKTE_API_TOKENS."""
        import logging

        import uvicorn

        from eakte.api.app import app_from_settings
        from eakte.api.auth import TokenConfigError, TokenTable
        from eakte.config import Settings
        from eakte.errors import BadArguments

        try:
            tokens = TokenTable.from_env()
        except TokenConfigError as exc:
            raise BadArguments(str(exc)) from None
        if not tokens.hashes:
            raise BadArguments("no API tokens: set EAKTE_API_TOKENS (name:token[,name:token]) or "
                               "EAKTE_API_TOKENS_FILE (name:<sha256-hex of the token> per line)")
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        settings = Settings(data_dir=data_dir, store=store, catalog=catalog)
        targets.ready(settings, "read")
        api = app_from_settings(settings)
        # uvicorn's own access log prints query strings (search words, names): ours logs route templates only.
        uvicorn.run(api, host=host, port=port, access_log=False, log_level="info")
