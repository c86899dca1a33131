"""Which Prefect runs belong to a data dir: runs started by the CLI carry a tag made from a hash of the
catalog's location (never the path or URL itself, which may name a person or hold a password)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse, urlunparse

from eakte.config import Settings

TAG_PREFIX = "eakte-catalog-"


def catalog_location(settings: Settings) -> str:
    """The catalog as one comparable string: an absolute SQLite path, or a PostgreSQL URL without password."""
    url = settings.catalog_url()
    if "://" not in url:
        return str(settings.catalog_url())
    parsed = urlparse(url)
    host = parsed.hostname or ""
    netloc = f"{parsed.username or ''}@{host}:{parsed.port or ''}"
    return urlunparse((parsed.scheme.split("+")[0], netloc, parsed.path, "", "", ""))


def catalog_tag(settings: Settings) -> str:
    return TAG_PREFIX + hashlib.sha256(catalog_location(settings).encode("utf-8")).hexdigest()[:16]


@contextmanager
def catalog_runs(settings: Settings) -> Iterator[None]:
    """Flow runs started inside carry the catalog's tag, so `eakte runs` lists them for this catalog."""
    from prefect import tags

    with tags(catalog_tag(settings)):
        yield
