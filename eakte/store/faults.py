"""Fault injection for reliability tests, switched on only by environment variables (as OCRmyPDF's plugins do).

`EAKTE_FAULT_KILL_AFTER=<n>` kills the process with SIGKILL right after its n-th object write (objects that
were already stored and skipped do not count), so a test can stop a run at a chosen point between writes
and check that a re-run completes it with nothing lost and nothing duplicated. Unset, the store is returned
as it is: no cost on the normal path.
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

from eakte.store.base import ObjectStore, StoredObject, StoreWrapper

ENV_KILL_AFTER = "EAKTE_FAULT_KILL_AFTER"


class KillAfterWrites(StoreWrapper):
    """Delegates to a store and SIGKILLs the process after `limit` objects were written."""

    def __init__(self, inner: ObjectStore, limit: int) -> None:
        super().__init__(inner)
        self.limit = limit
        self.writes = 0
        self._lock = threading.Lock()

    def _count(self, obj: StoredObject) -> StoredObject:
        if obj.written:
            with self._lock:
                self.writes += 1
                if self.writes >= self.limit:
                    os.kill(os.getpid(), signal.SIGKILL)
        return obj

    def put_file(self, key: str, path: Path, content_type: str, sha256: str | None = None,
                 tags: dict[str, str] | None = None) -> StoredObject:
        return self._count(self.inner.put_file(key, path, content_type, sha256=sha256, tags=tags))

    def put_bytes(self, key: str, data: bytes, content_type: str,
                  tags: dict[str, str] | None = None) -> StoredObject:
        return self._count(self.inner.put_bytes(key, data, content_type, tags=tags))


def wrap_store(store: ObjectStore) -> ObjectStore:
    limit = os.environ.get(ENV_KILL_AFTER)
    return KillAfterWrites(store, int(limit)) if limit else store
