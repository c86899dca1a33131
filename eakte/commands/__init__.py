"""Sub-commands beyond the contract's core, one module each; every module has `register(app)`.

Keep heavy imports inside the command functions so `eakte --help` stays fast.
"""

from __future__ import annotations

import importlib

import typer

# Module names under eakte.commands, registered in this order.
MODULES: list[str] = ["case", "evalcompare", "export", "runs", "serve", "verify"]


def register_all(app: typer.Typer) -> None:
    for name in MODULES:
        importlib.import_module(f"eakte.commands.{name}").register(app)
