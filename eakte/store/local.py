"""The embedded default store: a folder. Writes go to a temp file, are fsynced, renamed into place and
re-read to verify their SHA-256; a sidecar under `.meta/` keeps content type, hash and tags."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from eakte.errors import DiskFull, IntegrityError, StorageError
from eakte.ids import sha256_bytes, sha256_file
from eakte.store.base import StoredObject

META = ".meta"


class LocalStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        if key.startswith("/") or ".." in key.split("/") or key.startswith(META):
            raise StorageError("invalid object key")
        return self.root / key

    def _meta(self, key: str) -> Path:
        return self.root / META / (key + ".json")

    def describe(self) -> str:
        return f"local folder {self.root}"

    def locate(self, key: str) -> str:
        return str(self._path(key))

    def stat(self, key: str) -> StoredObject | None:
        path, meta = self._path(key), self._meta(key)
        if not path.exists() or not meta.exists():
            return None
        m = json.loads(meta.read_text(encoding="utf-8"))
        return StoredObject(key, m["sha256"], m["size"], m["content_type"], m.get("tags", {}), written=False)

    def _atomic_write(self, target: Path, write: object) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        replaced = False
        try:
            with os.fdopen(fd, "wb") as fh:
                write(fh)  # type: ignore[operator]
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
            replaced = True
        finally:
            if not replaced:  # whatever stopped the write (even Ctrl-C): no temp file is left behind
                Path(tmp).unlink(missing_ok=True)

    def _put(self, key: str, sha: str, size: int, content_type: str, tags: dict[str, str] | None,
             write: object) -> StoredObject:
        existing = self.stat(key)
        if existing and existing.sha256 == sha and sha256_file(self._path(key)) == sha:
            return existing
        target = self._path(key)
        try:
            self._atomic_write(target, write)
            if sha256_file(target) != sha:
                # Not the bytes the caller hashed (the file changed meanwhile): keep nothing under this key.
                target.unlink(missing_ok=True)
                self._meta(key).unlink(missing_ok=True)
                raise IntegrityError()
            meta = {"sha256": sha, "size": size, "content_type": content_type, "tags": tags or {}}
            data = json.dumps(meta, sort_keys=True).encode()
            self._atomic_write(self._meta(key), lambda fh: fh.write(data))
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise DiskFull() from None  # not retried within the run: the next run retries the source
            raise StorageError(f"the local store could not write an object ({exc.__class__.__name__})") from exc
        return StoredObject(key, sha, size, content_type, tags or {}, written=True)

    def put_file(self, key: str, path: Path, content_type: str, sha256: str | None = None,
                 tags: dict[str, str] | None = None) -> StoredObject:
        sha = sha256 or sha256_file(path)

        def write(fh: object) -> None:
            with path.open("rb") as src:
                while chunk := src.read(1 << 20):
                    fh.write(chunk)  # type: ignore[attr-defined]

        return self._put(key, sha, path.stat().st_size, content_type, tags, write)

    def put_bytes(self, key: str, data: bytes, content_type: str,
                  tags: dict[str, str] | None = None) -> StoredObject:
        return self._put(key, sha256_bytes(data), len(data), content_type, tags,
                         lambda fh: fh.write(data))

    def get_bytes(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except OSError as exc:
            raise StorageError("the object cannot be read from the local store") from exc

    def read_sha256(self, key: str) -> str:
        try:
            return sha256_file(self._path(key))
        except OSError as exc:
            raise StorageError("the object cannot be read from the local store") from exc

    def presign(self, key: str, expires_seconds: int = 900) -> str | None:
        return None  # a local file has no URL of its own: links point at the API (or the path)

    def list(self, prefix: str = "") -> Iterator[str]:
        for dirpath, dirnames, files in os.walk(self.root):
            rel = Path(dirpath).relative_to(self.root).as_posix()
            if rel == META or rel.startswith(META + "/"):
                dirnames[:] = []
                continue
            dirnames.sort()
            for name in sorted(files):
                if name.startswith(".tmp-"):
                    continue
                key = name if rel == "." else f"{rel}/{name}"
                if key.startswith(prefix):
                    yield key

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)
        self._meta(key).unlink(missing_ok=True)
