"""One run per data dir at a time: two runs on one catalog and scratch folder would race on the same sources.

The lock is `flock` on `<data_dir>/.eakte-run.lock`, which holds the owner's PID for the message. The kernel
drops a flock when its process dies (kill -9 included), so a lock left by a dead run is simply taken over.

Batches of an inbox run (flows/inbox.py) on a shared PostgreSQL catalog may run side by side on one worker:
they take the lock shared (scratch folders are named per process, claims keep sources apart), which still
shuts out a whole run (`eakte migrate`). On a SQLite catalog (one writer) they wait their turn instead.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eakte.errors import RunInProgress

LOCK_NAME = ".eakte-run.lock"


@contextmanager
def run_lock(data_dir: Path, shared: bool = False, wait: bool = False) -> Iterator[None]:
    """Holds the data dir's run lock; RunInProgress (one plain line, exit 2) when another live run holds it.

    `shared`: beside other shared holders (batches); `wait`: block until it is free instead of refusing.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            owner = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise RunInProgress(f"another eakte run (PID {owner}) is using this data dir; wait for it to finish "
                                "or stop it, then run again") from None
        if shared:
            yield
            return
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the flock
