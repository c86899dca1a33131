"""Cluster-wide slots (Prefect global concurrency limits) for OCR pages and S3 writes.

Several workers on a work pool share one OCR budget and one MinIO: the limits `eakte-ocr` (pages
being rasterised/OCRed at once) and `eakte-s3` (sources writing to the store at once) live on the
Prefect server. A slot costs one API round trip (~0.1 s measured), so the guards are switched on
only when the limit exists on the server; without it (ephemeral mode, embedded runs) they cost nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path

from eakte.config import Settings
from eakte.store import ObjectStore, StoredObject, open_store
from eakte.store.base import StoreWrapper

log = logging.getLogger("eakte.runtime.slots")

OCR_LIMIT = "eakte-ocr"
S3_LIMIT = "eakte-s3"

Guard = Callable[[], AbstractContextManager[object]]


def existing_limits(names: list[str]) -> set[str]:
    """Which of the named global concurrency limits exist (and are active) on the Prefect API."""
    from prefect.client.orchestration import get_client

    found: set[str] = set()
    try:
        with get_client(sync_client=True) as client:
            for name in names:
                try:
                    limit = client.read_global_concurrency_limit_by_name(name)
                except Exception:
                    continue
                if limit.active:
                    found.add(name)
    except Exception:  # no API reachable: run unguarded rather than not at all
        log.warning("could not read concurrency limits; running without cluster-wide slots")
    return found


def slot_guard(name: str) -> Guard:
    """A context-manager factory holding one slot of the named limit."""
    from prefect.concurrency.sync import concurrency

    def guard() -> AbstractContextManager[object]:
        return concurrency(name, occupy=1, strict=False)

    return guard


class SlottedStore(StoreWrapper):
    """An object store whose first write in a source holds one `eakte-s3` slot until the source ends.

    The pipeline writes a source's objects at its end (after OCR), so the slot covers the store
    phase only, and costs one acquisition per source rather than one per object.
    """

    def __init__(self, inner: ObjectStore, guard: Guard) -> None:
        super().__init__(inner)
        self.guard = guard
        self._local = threading.local()

    @contextmanager
    def source_scope(self) -> Iterator[None]:
        """Wraps one source's migration: releases the slot its writes took, if any."""
        stack = ExitStack()
        self._local.stack, self._local.held = stack, False
        try:
            with stack:
                yield
        finally:
            self._local.stack, self._local.held = None, False

    def _hold(self) -> None:
        stack: ExitStack | None = getattr(self._local, "stack", None)
        if stack is not None and not self._local.held:
            stack.enter_context(self.guard())
            self._local.held = True

    def put_file(self, key: str, path: Path, content_type: str, sha256: str | None = None,
                 tags: dict[str, str] | None = None) -> StoredObject:
        self._hold()
        return self.inner.put_file(key, path, content_type, sha256=sha256, tags=tags)

    def put_bytes(self, key: str, data: bytes, content_type: str,
                  tags: dict[str, str] | None = None) -> StoredObject:
        self._hold()
        return self.inner.put_bytes(key, data, content_type, tags=tags)


def open_run_store(settings: Settings) -> ObjectStore:
    """The run's store; behind the cluster-wide S3 slot when the server defines `eakte-s3`."""
    store = open_store(settings)
    if settings.store_url().startswith("s3://") and existing_limits([S3_LIMIT]):
        return SlottedStore(store, slot_guard(S3_LIMIT))
    return store
