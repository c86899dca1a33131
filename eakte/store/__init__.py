"""Object storage: the embedded local folder (default) or S3/MinIO, behind one interface."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from eakte.config import Settings
from eakte.store import faults
from eakte.store.base import ObjectStore, StoredObject, with_retries
from eakte.store.local import LocalStore
from eakte.store.s3 import S3Store

__all__ = ["LocalStore", "ObjectStore", "S3Store", "StoredObject", "open_store", "with_retries"]


def open_store(settings: Settings, create: bool = True) -> ObjectStore:
    """The configured store; `create=False` (verify) neither makes the S3 bucket nor checks it here."""
    url = settings.store_url()
    parsed = urlparse(url)
    if parsed.scheme == "s3":
        endpoint = settings.s3_endpoint or os.environ.get("AWS_ENDPOINT_URL") or "http://127.0.0.1:9000"
        access = settings.s3_access_key.get_secret_value() if settings.s3_access_key else os.environ.get(
            "AWS_ACCESS_KEY_ID")
        secret = settings.s3_secret_key.get_secret_value() if settings.s3_secret_key else os.environ.get(
            "AWS_SECRET_ACCESS_KEY")
        store = S3Store.from_url(url, endpoint, access, secret, settings.s3_region, settings.s3_secure,
                                 sse=settings.s3_sse, retention_days=settings.s3_retention_days,
                                 retention_mode=settings.s3_retention_mode,
                                 retry_attempts=settings.s3_retry_attempts,
                                 retry_base_delay=settings.s3_retry_base_delay)
        if create:
            store.ensure_bucket()
        elif not store.bucket_present():
            from eakte.errors import NothingToVerify

            raise NothingToVerify(f"nothing to verify: no bucket {store.bucket!r} on the S3 server")
        return faults.wrap_store(store)
    if parsed.scheme in ("file", ""):
        return faults.wrap_store(LocalStore(Path(unquote(parsed.path) if parsed.scheme else url)))
    raise ValueError(f"unknown store URL scheme {parsed.scheme!r}; use file:// or s3://")
