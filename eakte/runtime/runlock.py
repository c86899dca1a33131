"""Which runs may share a data dir: a SQLite catalog has one writer, runs on a PostgreSQL catalog share.

The lock is `flock` on `<data_dir>/.eakte-run.lock`, which holds the owner's PID for the message. The kernel
drops a flock when its process dies (kill -9 included), so a lock left by a dead run is simply taken over.

- SQLite catalog (the embedded default): an exclusive lock. Two runs on one catalog file would race on
  the same sources; the second one refuses.
- PostgreSQL catalog: a shared lock. Runs sharing the catalog and store divide the sources by claims
  (`eakte/catalog/claims.py`), and each source's scratch folder is its own, so several runs (several
  process workers on one machine) share the data dir. The shared lock still keeps out an exclusive run
  (a SQLite run, `eakte reprocess`) on the same data dir, and is kept out by one.
- Batches of an inbox run (`flows/inbox.py`) on a SQLite catalog wait their turn for the exclusive lock
  instead of refusing (their parent already planned the sources).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from eakte.config import Settings
from eakte.errors import RunInProgress

LOCK_NAME = ".eakte-run.lock"


def shares_data_dir(settings: Settings) -> bool:
    """True when the run's catalog is PostgreSQL: its runs claim sources and may share the data dir."""
    return settings.catalog_is_postgres()


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
        if not shared:
            os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".ljust(16).encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the flock


def run_lock_for(settings: Settings, batch: bool = False) -> AbstractContextManager[None]:
    """The lock a migrate run takes: shared on a PostgreSQL catalog, exclusive on SQLite (where a batch of an
    inbox run waits for it instead of refusing)."""
    shared = shares_data_dir(settings)
    return run_lock(settings.data_dir, shared=shared, wait=batch and not shared)
