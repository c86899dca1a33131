"""One page pool per process, shared by all sources of a run, so the cores never idle between sources.

Tesseract and poppler run as subprocesses, so threads are enough: the GIL is released while
they work, and threads need no pickling and do not fight Prefect's SQLite database.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_size = 0


def page_pool(workers: int) -> ThreadPoolExecutor:
    global _pool, _size
    with _lock:
        if _pool is None or _size != workers:
            if _pool is not None:
                _pool.shutdown(wait=True)
            _pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="eakte-page")
            _size = workers
        return _pool


def shutdown() -> None:
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True)
            _pool = None
