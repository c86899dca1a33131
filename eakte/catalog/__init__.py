"""The catalog downstream tools query: SQLite (embedded default) or PostgreSQL, behind one interface."""

from __future__ import annotations

from pathlib import Path

from eakte.catalog.base import AuditEntry, Catalog
from eakte.catalog.query import SearchHit, SearchPage, SearchQuery
from eakte.catalog.sqlite import SqliteCatalog
from eakte.config import Settings, is_postgres_url

__all__ = ["AuditEntry", "Catalog", "SearchHit", "SearchPage", "SearchQuery", "SqliteCatalog", "open_catalog",
           "open_catalog_url"]


def open_catalog_url(url: str) -> Catalog:
    """A SQLite file path (or sqlite:///path) or a postgresql://user@host/db URL (password: PGPASSWORD or URL)."""
    if is_postgres_url(url):
        from eakte.catalog.postgres import PostgresCatalog

        return PostgresCatalog(url)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    if "://" in url:
        raise ValueError("unsupported catalog URL; use a SQLite file path or postgresql://...")
    return SqliteCatalog(Path(url))


def open_catalog(settings: Settings) -> Catalog:
    return open_catalog_url(settings.catalog_url())
