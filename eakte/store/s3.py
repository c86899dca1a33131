"""S3-compatible storage (MinIO in production) through the minio SDK.

Each object carries its SHA-256 as user metadata (`x-amz-meta-sha256`); after a write the object is
read back and hashed. Transient failures (server gone, 5xx) are retried with backoff; what could not
be written raises StorageError so the source is never marked complete.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO, TypeVar
from urllib.parse import urlparse

import urllib3
from minio import Minio
from minio.commonconfig import COMPLIANCE, GOVERNANCE, Tags
from minio.error import S3Error
from minio.retention import Retention
from minio.sse import SseS3

from eakte.errors import IntegrityError, StorageError
from eakte.ids import sha256_bytes, sha256_file
from eakte.store.base import StoredObject, with_retries

T = TypeVar("T")
log = logging.getLogger("eakte.store")
_TRANSIENT = (urllib3.exceptions.HTTPError, ConnectionError, TimeoutError, OSError)


class S3Store:
    def __init__(self, client: Minio, bucket: str, prefix: str = "", sse: bool = False,
                 retry_attempts: int = 5, retry_base_delay: float = 0.5, retention_days: int = 0,
                 retention_mode: str = "GOVERNANCE") -> None:
        self.client, self.bucket = client, bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.sse = SseS3() if sse else None
        self.attempts, self.base_delay = retry_attempts, retry_base_delay
        self.retention_days = retention_days
        self.retention_mode = COMPLIANCE if retention_mode.upper() == "COMPLIANCE" else GOVERNANCE

    @classmethod
    def from_url(cls, url: str, endpoint: str, access_key: str | None, secret_key: str | None,
                 region: str, secure: bool | None = None, sse: bool = False, retention_days: int = 0,
                 retention_mode: str = "GOVERNANCE", retry_attempts: int = 5,
                 retry_base_delay: float = 0.5) -> S3Store:
        """`s3://bucket/prefix` plus an endpoint such as `http://127.0.0.1:9000`."""
        parsed, ep = urlparse(url), urlparse(endpoint if "://" in endpoint else "http://" + endpoint)
        http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=5, read=60),
            retries=urllib3.Retry(total=2, backoff_factor=0.2, status_forcelist=[500, 502, 503, 504]),
            maxsize=16,
        )
        client = Minio(ep.netloc, access_key=access_key, secret_key=secret_key, region=region,
                       secure=(ep.scheme == "https") if secure is None else secure, http_client=http)
        return cls(client, parsed.netloc, parsed.path, sse=sse, retry_attempts=retry_attempts,
                   retry_base_delay=retry_base_delay, retention_days=retention_days, retention_mode=retention_mode)

    def describe(self) -> str:
        return f"S3 bucket {self.bucket} (prefix '{self.prefix}')"

    def _key(self, key: str) -> str:
        return self.prefix + key

    def locate(self, key: str) -> str:
        return f"s3://{self.bucket}/{self._key(key)}"

    def presign(self, key: str, expires_seconds: int = 900) -> str:
        """A time-limited GET URL, so search hits open without S3 credentials (signed locally, no request)."""
        return self.client.presigned_get_object(self.bucket, self._key(key), expires=timedelta(seconds=expires_seconds))

    def _call(self, op: Callable[[], T]) -> T:
        def guarded() -> T:
            try:
                return op()
            except S3Error as exc:
                if exc.code in ("NoSuchKey", "NoSuchBucket", "AccessDenied", "InvalidAccessKeyId",
                                "SignatureDoesNotMatch"):
                    raise
                raise StorageError(f"the S3 server refused the request ({exc.code})") from exc
            except _TRANSIENT as exc:
                raise StorageError(f"the S3 server is unreachable ({exc.__class__.__name__})") from exc

        try:
            return with_retries(guarded, attempts=self.attempts, base_delay=self.base_delay)
        except S3Error as exc:
            raise StorageError(f"the S3 server refused the request ({exc.code})") from exc

    def bucket_present(self) -> bool:
        return bool(self._call(lambda: self.client.bucket_exists(self.bucket)))

    def ensure_bucket(self) -> None:
        """Creates the bucket (with object lock when retention is configured); without lock support, originals
        are stored without retention and a warning says so."""
        lock = self.retention_days > 0
        if not self._call(lambda: self.client.bucket_exists(self.bucket)):
            self._call(lambda: self.client.make_bucket(self.bucket, object_lock=lock))
        if lock:
            try:
                self._call(lambda: self.client.get_object_lock_config(self.bucket))
            except (S3Error, StorageError):
                log.warning("bucket %s has no object lock: originals are stored without retention", self.bucket)
                self.retention_days = 0

    def _retention(self, key: str) -> Retention | None:
        if self.retention_days <= 0 or not key.startswith("originals/"):
            return None
        until = (datetime.now(UTC) + timedelta(days=self.retention_days)).replace(microsecond=0)
        return Retention(self.retention_mode, until)

    def stat(self, key: str) -> StoredObject | None:
        def op() -> StoredObject | None:
            try:
                st = self.client.stat_object(self.bucket, self._key(key))
            except S3Error as exc:
                if exc.code in ("NoSuchKey", "NoSuchObject", "NotFound", "ResourceNotFound"):
                    return None
                raise
            meta = {k.lower(): v for k, v in (st.metadata or {}).items()}
            sha = meta.get("x-amz-meta-sha256", "")
            return StoredObject(key, sha, st.size or 0, st.content_type or "", written=False)

        return self._call(op)

    def _read_sha(self, key: str) -> str:
        def op() -> str:
            resp = self.client.get_object(self.bucket, self._key(key))
            try:
                h = hashlib.sha256()
                for chunk in resp.stream(1 << 20):
                    h.update(chunk)
                return h.hexdigest()
            finally:
                resp.close()
                resp.release_conn()

        return self._call(op)

    def _put(self, key: str, sha: str, size: int, content_type: str, tags: dict[str, str] | None,
             opener: Callable[[], BinaryIO]) -> StoredObject:
        existing = self.stat(key)
        if existing and existing.sha256 == sha:
            return existing
        s3tags = None
        if tags:
            s3tags = Tags.new_object_tags()
            for k, v in tags.items():
                s3tags[k] = v

        retention = self._retention(key)
        meta = {"sha256": sha}
        if retention is not None:
            # Locked uploads must carry a checksum (S3: Content-MD5 or x-amz-checksum-*); ours is the SHA-256,
            # which the server also checks against the bytes it received.
            meta["x-amz-checksum-sha256"] = base64.b64encode(bytes.fromhex(sha)).decode()
            meta["x-amz-sdk-checksum-algorithm"] = "SHA256"

        def op() -> None:
            with opener() as data:
                self.client.put_object(self.bucket, self._key(key), data, size, content_type=content_type,
                                       metadata=meta, tags=s3tags, sse=self.sse,  # type: ignore[arg-type]
                                       retention=retention)

        self._call(op)
        if self._read_sha(key) != sha:
            # Not the bytes the caller hashed (the file changed meanwhile): keep nothing under this key.
            # (An object under retention cannot be removed; verify then reports it as a mismatch.)
            with contextlib.suppress(StorageError, S3Error):
                self.delete(key)
            raise IntegrityError()
        return StoredObject(key, sha, size, content_type, tags or {}, written=True)

    def put_file(self, key: str, path: Path, content_type: str, sha256: str | None = None,
                 tags: dict[str, str] | None = None) -> StoredObject:
        sha = sha256 or sha256_file(path)
        return self._put(key, sha, path.stat().st_size, content_type, tags, lambda: path.open("rb"))

    def put_bytes(self, key: str, data: bytes, content_type: str,
                  tags: dict[str, str] | None = None) -> StoredObject:
        return self._put(key, sha256_bytes(data), len(data), content_type, tags, lambda: io.BytesIO(data))

    def read_sha256(self, key: str) -> str:
        return self._read_sha(key)

    def get_bytes(self, key: str) -> bytes:
        def op() -> bytes:
            resp = self.client.get_object(self.bucket, self._key(key))
            try:
                return resp.read()
            finally:
                resp.close()
                resp.release_conn()

        return self._call(op)

    def list(self, prefix: str = "") -> Iterator[str]:
        objs = self._call(lambda: list(self.client.list_objects(self.bucket, prefix=self._key(prefix),
                                                                recursive=True)))
        for obj in objs:
            name = obj.object_name or ""
            yield name[len(self.prefix):]

    def list_versions(self, prefix: str = "") -> Iterator[tuple[str, str]]:
        """(key, ETag + last-modified) of every object: what changes when an object is replaced, whatever its size."""
        objs = self._call(lambda: list(self.client.list_objects(self.bucket, prefix=self._key(prefix),
                                                                recursive=True)))
        for obj in objs:
            name = obj.object_name or ""
            stamp = obj.last_modified.isoformat() if obj.last_modified else ""
            yield name[len(self.prefix):], f"{(obj.etag or '').strip(chr(34))}|{stamp}"

    def delete(self, key: str) -> None:
        self._call(lambda: self.client.remove_object(self.bucket, self._key(key)))
