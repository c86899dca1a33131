"""The generated test Akten (tests/data/akten: truth records + page texts) as a migrated catalog and store,
without OCR: the case overview reads what migrate would have written.

`big_akte` repeats the documents of all four Akten in one Akte until it has at least `pages` pages: the
size the issue's 1-second budget is about.
"""

from __future__ import annotations

import json
from pathlib import Path

from eakte.catalog import Catalog, open_catalog_url
from eakte.store import LocalStore
from eakte.store import keys as K
from eakte.store.base import ObjectStore
from schemas.records import DocumentRecord, ObjectKeys, SourceRecord
from tests.search_data import pdf_pages

AKTEN = Path(__file__).resolve().parent / "data" / "akten"


def truth() -> tuple[list[DocumentRecord], dict[str, str]]:
    docs = [DocumentRecord.model_validate_json(line) for line in (AKTEN / "labels.jsonl").read_text().splitlines()]
    pages: dict[tuple[str, int], str] = {}
    for line in (AKTEN / "pages.jsonl").read_text().splitlines():
        r = json.loads(line)
        pages[(r["sha256"], r["page"])] = r["text"]
    texts = {d.document_id: "\f".join(pages.get((d.source.sha256, p), "")
                                      for p in range(d.source.first_page, d.source.last_page + 1)) for d in docs}
    return docs, texts


def load(catalog: Catalog, store: ObjectStore, docs: list[DocumentRecord], texts: dict[str, str],
         pdfs: bool = True) -> None:
    by_akte: dict[str, list[DocumentRecord]] = {}
    for d in docs:
        n = d.source.last_page - d.source.first_page + 1
        d.objects = ObjectKeys(pdf=K.document_pdf(d.akte_id, d.document_id), text=K.document_text(d.akte_id,
                                                                                                  d.document_id))
        assert d.objects.pdf and d.objects.text
        if pdfs:
            store.put_bytes(d.objects.pdf, pdf_pages([f"{d.document_id} Seite {p}" for p in range(1, n + 1)]),
                            "application/pdf")
        store.put_bytes(d.objects.text, texts[d.document_id].encode(), "text/plain")
        by_akte.setdefault(d.akte_id, []).append(d)
    for akte, ds in by_akte.items():
        sha = ds[0].source.sha256
        catalog.record_source(SourceRecord(path=ds[0].source.path, sha256=sha, status="processed",
                                           pages=max(d.source.last_page for d in ds), documents=len(ds),
                                           akte_id=akte), ds, {d.document_id: texts[d.document_id] for d in ds})


def build(root: Path, catalog_url: str | None = None) -> tuple[Catalog, ObjectStore]:
    store = LocalStore(root / "store")
    catalog = open_catalog_url(catalog_url or str(root / "catalog.sqlite"))
    docs, texts = truth()
    load(catalog, store, docs, texts)
    return catalog, store


def big_akte(pages: int = 500) -> tuple[list[DocumentRecord], dict[str, str]]:
    docs, texts = truth()
    out: list[DocumentRecord] = []
    out_texts: dict[str, str] = {}
    offset, rnd = 0, 0
    while offset < pages:
        rnd += 1
        for d in docs:
            n = d.source.last_page - d.source.first_page + 1
            c = d.model_copy(deep=True)
            c.document_id = f"d-big-{rnd:03d}-{d.document_id[-7:]}"
            c.akte_id = "a-big"
            c.source.path, c.source.sha256 = "big.pdf", "b" * 64
            c.source.first_page, c.source.last_page = offset + 1, offset + n
            for e in c.dates:
                if e.page is not None:
                    e.page = e.page - d.source.first_page + offset + 1
            out.append(c)
            out_texts[c.document_id] = texts[d.document_id]
            offset += n
    return out, out_texts


def select_statements(cat: Catalog) -> list[str]:
    """The SELECT statements `cat` runs from now on (a view's or a list page's query count)."""
    import sqlalchemy as sa

    from eakte.catalog.sql import SqlCatalog

    assert isinstance(cat, SqlCatalog)
    seen: list[str] = []
    sa.event.listen(cat.read_engine, "before_cursor_execute",
                    lambda conn, cursor, statement, *rest: seen.append(statement)
                    if statement.lstrip().upper().startswith("SELECT") else None)
    return seen
