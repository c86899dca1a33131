"""The scratch work area of a source: its own folder (cleaned after a killed run), free space, and the snapshot.

The file is copied once and re-hashed before anything reads it: a file that changed while being read is
quarantined, never half-migrated.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eakte.config import Settings
from eakte.errors import ChangedWhileReading, DiskFull
from eakte.ids import sha256_bytes, sha256_file, short
from eakte.ingest.discover import EXTENSIONS, SourceCandidate

STALE_WORK_SECONDS = 24 * 3600  # longer than any one source takes, so a running source is never touched


def owner_tag(pid: int | None = None) -> str:
    """Marks a scratch folder with the host and process that own it, so the next run knows a dead run's folder."""
    host = sha256_bytes(socket.gethostname().encode())[:8]
    return f"h{host}p{pid if pid is not None else os.getpid()}"


_OWNER = re.compile(r"-h([0-9a-f]{8})p(\d+)-")


def _owner_dead(name: str) -> bool:
    """True when the folder's owner ran on this host and no process with its PID exists any more."""
    m = _OWNER.search(name)
    if m is None or f"h{m.group(1)}" != owner_tag(0)[:9]:
        return False
    try:
        os.kill(int(m.group(2)), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def clean_stale_work(settings: Settings, now_ts: float | None = None) -> int:
    """Removes scratch folders that killed runs left behind (page images of unfinished sources): at once when
    their run (host + PID in the name) is dead, else after a day; and the task results earlier versions
    persisted under `prefect-results` (pickles with source paths; nothing reads them any more)."""
    shutil.rmtree(settings.data_dir / "prefect-results", ignore_errors=True)
    base = settings.scratch_dir()
    if not base.is_dir():
        return 0
    cutoff = (now_ts if now_ts is not None else time.time()) - STALE_WORK_SECONDS
    removed = 0
    for path in base.glob("src-*"):
        try:
            if path.is_dir() and (_owner_dead(path.name) or path.stat().st_mtime < cutoff):
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
        except OSError:
            continue
    return removed


@contextmanager
def work_area(settings: Settings, sha256: str) -> Iterator[Path]:
    base = settings.scratch_dir()
    base.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f"src-{short(sha256)}-{owner_tag()}-", dir=base))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
MIN_FREE_BYTES = 32 << 20  # below this, a source's page images and PDFs may not fit: do not start it


def ensure_space(settings: Settings) -> None:
    """DiskFull before any work when the scratch disk (or the local store's disk) is (nearly) full."""
    places = [settings.scratch_dir()]
    if not settings.store_url().startswith("s3://"):
        places.append(settings.data_dir)
    for place in places:
        probe = next((p for p in (place, *place.parents) if p.exists()), None)
        if probe is not None and shutil.disk_usage(probe).free < MIN_FREE_BYTES:
            raise DiskFull()


def snapshot(candidate: SourceCandidate, work: Path) -> Path:
    """Copies the file once and checks it is still the file that was hashed at ingest."""
    assert candidate.sha256 and candidate.kind
    local = work / ("original" + EXTENSIONS[candidate.kind])
    try:
        shutil.copyfile(candidate.path, local)
    except OSError as exc:
        if exc.errno in DISK_FULL:
            raise DiskFull() from None
        raise ChangedWhileReading("the file vanished or became unreadable during the run") from exc
    if sha256_file(local) != candidate.sha256:
        raise ChangedWhileReading()
    return local
