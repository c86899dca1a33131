"""The `eakte` Typer app that ends every failure with one plain line on stderr and its exit code.

Operators get no tracebacks: usage errors (click), operator errors (`EakteError`), an unreachable
catalog database or Prefect API, file-system errors and anything unexpected each become one line
`eakte <command>: <code>: <reason>` and an exit code from `ExitCode` (README: exit codes). Set
`EAKTE_DEBUG=1` to get the traceback of an unexpected error. Messages never quote document content;
paths are printed escaped (`eakte.cli.plain`).
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

import typer

# Typer (0.29) vendors click as typer._click: its usage errors are these classes, not the click package's.
from typer._click.core import Context
from typer._click.exceptions import ClickException, NoArgsIsHelpError

from eakte.cli.plain import one_line, shown
from eakte.errors import EakteError, ExitCode


def _leave(prog: str, code: str, message: str, exit_code: int) -> NoReturn:
    sys.stderr.write(one_line(f"{prog}: {code}: {message}") + "\n")
    sys.stderr.flush()
    raise SystemExit(int(exit_code))


def _module_of(exc: BaseException, *prefixes: str) -> bool:
    return any(c.__module__.startswith(prefixes) for c in type(exc).__mro__)


def _transport_error(exc: BaseException) -> bool:
    httpx = sys.modules.get("httpx")
    return httpx is not None and isinstance(exc, httpx.TransportError)


def explain(exc: BaseException) -> tuple[str, str, int]:
    """(code, plain reason, exit code) for a failure that escaped a command."""
    if isinstance(exc, EakteError):
        return exc.code, exc.message, exc.exit_code
    if _module_of(exc, "pydantic_core") and hasattr(exc, "errors"):  # an EAKTE_* variable of the wrong type
        limits = getattr(exc, "title", "") == "Limits"
        return "bad_arguments", "invalid setting: " + settings_problems(exc.errors(), limits), ExitCode.bad_args
    if _module_of(exc, "sqlalchemy", "psycopg", "sqlite3"):
        orig = getattr(exc, "orig", None) or exc
        return ("catalog_unavailable", f"the catalog database cannot be used ({type(orig).__name__}: "
                f"{str(orig).splitlines()[0] if str(orig) else 'no detail'})", ExitCode.storage)
    if _transport_error(exc):
        return ("prefect_unavailable", f"the Prefect API does not answer ({type(exc).__name__}); start the server "
                "or fix PREFECT_API_URL", ExitCode.prefect_unavailable)
    if isinstance(exc, OSError):
        where = f" ({shown(exc.filename)})" if exc.filename else ""
        return "storage_error", f"{exc.strerror or type(exc).__name__}{where}", ExitCode.storage
    return ("internal_error", f"unexpected {type(exc).__name__}; run again with EAKTE_DEBUG=1 to see where",
            ExitCode.internal)


def settings_problems(errors: list[Any], limits: bool = False) -> str:
    """"ocr_workers (EAKTE_OCR_WORKERS): Input should be a valid integer": names and rules, never the value."""
    parts = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ())]
        if loc[:1] == ["limits"]:
            loc, limits = loc[1:], True
        env = ("EAKTE_LIMIT_" if limits else "EAKTE_") + "_".join(loc).upper()
        parts.append(f"{'.'.join(loc) or '?'} ({env}): {e.get('msg', 'invalid')}")
    return "; ".join(parts)


class EakteApp(typer.Typer):
    """typer.Typer whose `__call__` (the console script) never lets a traceback reach the operator."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        command = typer.main.get_command(self)
        prog = "eakte"
        try:
            rv = command.main(*args, **{**kwargs, "standalone_mode": False, "prog_name": prog})
        except NoArgsIsHelpError as exc:  # the help is already printed, as typer does it
            raise SystemExit(exc.exit_code) from None
        except ClickException as exc:
            ctx: Context | None = getattr(exc, "ctx", None)
            where = ctx.command_path if ctx is not None else prog
            _leave(where, "usage", f"{exc.format_message()} (see {where} --help)", exc.exit_code)
        except typer.Abort:
            _leave(prog, "interrupted", "stopped", ExitCode.interrupted)
        except BrokenPipeError:  # `eakte documents | head`: the reader has gone, nothing to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(0) from None
        except Exception as exc:
            if os.environ.get("EAKTE_DEBUG"):
                raise
            code, message, exit_code = explain(exc)
            _leave(_command_path(prog), code, message, exit_code)
        raise SystemExit(rv if isinstance(rv, int) else 0)


def _command_path(prog: str) -> str:
    """`eakte migrate`, from argv (the click context is gone once the exception escaped it)."""
    words = [a for a in sys.argv[1:] if not a.startswith("-")][:1]
    return " ".join([prog, *(shown(w) for w in words)])[:60]
