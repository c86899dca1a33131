"""The full-text test suite's catalogs: every test runs on SQLite and on a real PostgreSQL server alike."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eakte.catalog import Catalog, SearchQuery, open_catalog_url
from schemas.records import DocumentRecord, ObjectKeys, SourceRecord, SourceRef

SHA = "5e" * 32


def doc(doc_id: str, doc_type: str = "court_decision", akte: str = "a-s", **fields: object) -> DocumentRecord:
    return DocumentRecord(document_id=doc_id, akte_id=akte, doc_type=doc_type, confidence=0.9,  # type: ignore[arg-type]
                          source=SourceRef(path=f"{akte}.pdf", sha256=SHA, first_page=1, last_page=1),
                          objects=ObjectKeys(), **fields)  # type: ignore[arg-type]


def load(catalog: Catalog, docs: list[DocumentRecord], texts: dict[str, str], akte: str = "a-s") -> Catalog:
    catalog.record_source(SourceRecord(path=f"{akte}.pdf", sha256=SHA, status="processed", pages=len(docs),
                                       documents=len(docs), akte_id=akte), docs, texts)
    return catalog


def ids(catalog: Catalog, **q: object) -> list[str]:
    return sorted(h.document.document_id for h in catalog.query(SearchQuery(**q)).hits)  # type: ignore[arg-type]


@pytest.fixture(params=["sqlite", "postgresql"])
def catalog(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Catalog]:
    if request.param == "sqlite":
        cat = open_catalog_url(str(tmp_path / "catalog.sqlite"))
    else:
        make: Callable[[], str] = request.getfixturevalue("new_pg_database")
        cat = open_catalog_url(make())
    yield cat
    cat.close()
