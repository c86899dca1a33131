"""The catalog downstream tools query: SQLite (embedded default) behind one interface."""

from __future__ import annotations

from pathlib import Path

from eakte.catalog.base import Catalog, SearchHit
from eakte.catalog.sqlite import SqliteCatalog
from eakte.config import Settings

__all__ = ["Catalog", "SearchHit", "SqliteCatalog", "open_catalog"]


def open_catalog(settings: Settings) -> Catalog:
    url = settings.catalog_url()
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    if "://" in url:
        raise ValueError("unsupported catalog URL; the embedded catalog takes a SQLite file path")
    return SqliteCatalog(Path(url))
