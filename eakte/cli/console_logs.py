"""Log lines on the operator's terminal without tracebacks.

Prefect logs a failed task run with its traceback; on the terminal that buries the run summary (and a
storage failure is an operator matter, not a bug). The traceback still reaches the Prefect API (the UI's
logs of the task run); only the console handler leaves it out. `EAKTE_DEBUG=1` keeps it.
"""

from __future__ import annotations

import logging
import os


class _WithoutTraceback(logging.Formatter):
    def __init__(self, inner: logging.Formatter | None) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            return self.inner.format(record)
        finally:  # the other handlers (the API's) still get the traceback
            record.exc_info, record.exc_text, record.stack_info = saved


def without_tracebacks() -> None:
    """Wraps the formatter of every console handler of the root logger (Prefect's PrefectConsoleHandler)."""
    if os.environ.get("EAKTE_DEBUG"):
        return
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler) and not isinstance(handler.formatter, _WithoutTraceback):
            handler.setFormatter(_WithoutTraceback(handler.formatter))
