"""One page pool per process, shared by all sources of a run, so the cores never idle between sources.

Tesseract and poppler run as subprocesses, so threads are enough: the GIL is released while
they work, and threads need no pickling and do not fight Prefect's SQLite database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_size = 0
# Held around every page job; the flow sets a cluster-wide OCR slot here (eakte/runtime/slots.py).
_page_guard: Callable[[], AbstractContextManager[object]] = nullcontext


@contextmanager
def guarded_by(guard: Callable[[], AbstractContextManager[object]] | None) -> Iterator[None]:
    """Every page job started inside holds `guard` (a run's cluster-wide OCR slot); unguarded again after."""
    global _page_guard
    _page_guard = guard or nullcontext
    try:
        yield
    finally:
        _page_guard = nullcontext


class _GuardedPool(ThreadPoolExecutor):
    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        def guarded() -> Any:
            with _page_guard():
                return fn(*args, **kwargs)

        return super().submit(guarded)


def page_pool(workers: int) -> ThreadPoolExecutor:
    global _pool, _size
    with _lock:
        if _pool is None or _size != workers:
            if _pool is not None:
                _pool.shutdown(wait=True)
            _pool = _GuardedPool(max_workers=workers, thread_name_prefix="eakte-page")
            _size = workers
        return _pool

