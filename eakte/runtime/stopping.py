"""A run stops on request: SIGTERM (docker stop, a scheduler, systemd) or Ctrl-C.

Pages being OCRed finish, no new page or source starts, and a source that did not finish keeps no
record at all (its record is written last), so the next run migrates it from the start. A second
signal stops at once (Python's KeyboardInterrupt), for an operator who cannot wait for the pages.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from eakte.errors import Interrupted

_stop = threading.Event()


def request_stop() -> None:
    _stop.set()


def reset() -> None:
    """A new run in the same process (tests, a long-lived worker) starts without the old request."""
    _stop.clear()


def check() -> None:
    """Raises Interrupted once a stop was requested; called before work that a stop should not start."""
    if _stop.is_set():
        raise Interrupted()


@contextmanager
def signals_stop_the_run() -> Iterator[None]:
    """SIGTERM and SIGINT request a stop for the duration of the block (main thread only, else a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if _stop.is_set():
            raise KeyboardInterrupt  # the second signal: stop now
        request_stop()
        sys.stderr.write("stopping: the pages in progress finish; unfinished sources are left for the next run "
                         "(signal again to stop at once)\n")

    for s in previous:
        signal.signal(s, on_signal)
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
