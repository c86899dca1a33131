"""The `eakte` command line: the typer app (`main.py`), shared options, one module per command.

`eakte.cli:app` is the console script's entry point (pyproject), so the package names its app.
"""

from eakte.cli.main import app, main

__all__ = ["app", "main"]
