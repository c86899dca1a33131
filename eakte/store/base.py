"""The storage interface: every object written with a SHA-256, verified after writing, never rewritten
when the same bytes are already there (so re-runs create no new objects)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from eakte.errors import StorageError

T = TypeVar("T")


@dataclass(frozen=True)
class StoredObject:
    key: str
    sha256: str
    size: int
    content_type: str = "application/octet-stream"
    tags: dict[str, str] = field(default_factory=dict)
    written: bool = True  # False when identical bytes were already stored


class ObjectStore(Protocol):
    def put_file(self, key: str, path: Path, content_type: str, sha256: str | None = None,
                 tags: dict[str, str] | None = None) -> StoredObject: ...

    def put_bytes(self, key: str, data: bytes, content_type: str,
                  tags: dict[str, str] | None = None) -> StoredObject: ...

    def get_bytes(self, key: str) -> bytes: ...

    def stat(self, key: str) -> StoredObject | None: ...

    def list(self, prefix: str = "") -> Iterator[str]: ...

    def delete(self, key: str) -> None: ...

    def describe(self) -> str: ...

    def locate(self, key: str) -> str:
        """Where a reader finds the object: a file path (local) or a URL (S3)."""
        ...

    def read_sha256(self, key: str) -> str:
        """The SHA-256 of the stored bytes, read back from the store (verify)."""
        ...

    def presign(self, key: str, expires_seconds: int = 900) -> str | None:
        """A time-limited URL a browser can fetch the object from, or None where the store has none (local)."""
        ...


class StoreWrapper:
    """Delegates every store operation to `inner`; wrappers (slots, fault injection) override the writes."""

    def __init__(self, inner: ObjectStore) -> None:
        self.inner = inner

    def put_file(self, key: str, path: Path, content_type: str, sha256: str | None = None,
                 tags: dict[str, str] | None = None) -> StoredObject:
        return self.inner.put_file(key, path, content_type, sha256=sha256, tags=tags)

    def put_bytes(self, key: str, data: bytes, content_type: str,
                  tags: dict[str, str] | None = None) -> StoredObject:
        return self.inner.put_bytes(key, data, content_type, tags=tags)

    def get_bytes(self, key: str) -> bytes:
        return self.inner.get_bytes(key)

    def stat(self, key: str) -> StoredObject | None:
        return self.inner.stat(key)

    def list(self, prefix: str = "") -> Iterator[str]:
        return self.inner.list(prefix)

    def delete(self, key: str) -> None:
        self.inner.delete(key)

    def describe(self) -> str:
        return self.inner.describe()

    def locate(self, key: str) -> str:
        return self.inner.locate(key)

    def read_sha256(self, key: str) -> str:
        return self.inner.read_sha256(key)

    def presign(self, key: str, expires_seconds: int = 900) -> str | None:
        return self.inner.presign(key, expires_seconds)


def with_retries(op: Callable[[], T], attempts: int = 5, base_delay: float = 0.5, max_delay: float = 8.0,
                 sleep: Callable[[float], None] = time.sleep) -> T:
    """Retries transient storage failures with exponential backoff; re-raises the last one."""
    delay = base_delay
    for attempt in range(1, attempts + 1):
        try:
            return op()
        except StorageError:
            if attempt == attempts:
                raise
            sleep(delay)
            delay = min(delay * 2, max_delay)
    raise AssertionError("unreachable")
