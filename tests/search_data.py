"""A small migrated-looking data set for the API and page tests: real PDFs in a store (local unless one is
given), SQLite catalog."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from eakte.catalog import Catalog, open_catalog_url
from eakte.store import LocalStore
from eakte.store import keys as K
from eakte.store.base import ObjectStore
from schemas.records import Court, DateEntry, DocumentRecord, FileNumber, ObjectKeys, Party, SourceRecord, SourceRef

SHA = "ef" * 32
AKTE = "a-test"


def pdf_pages(lines: list[str]) -> bytes:
    pages = []
    for line in lines:
        img = Image.new("L", (620, 877), 255)
        ImageDraw.Draw(img).text((60, 80), line, fill=0)
        pages.append(img)
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", save_all=True, append_images=pages[1:], resolution=72)
    return buf.getvalue()


def build(root: Path, store: ObjectStore | None = None) -> tuple[Catalog, ObjectStore]:
    store = store or LocalStore(root / "store")
    catalog = open_catalog_url(str(root / "catalog.sqlite"))
    specs = [
        ("d-urteil", "court_decision", "urteil", "2019-03-04", 1, 2,
         "Das Verwaltungsgericht Köln weist die Klage ab.", dict(
             court=Court(type="VG", place="Köln"), file_numbers=[FileNumber(kind="court", value="22 K 3443/18.A")],
             parties=[Party(role="plaintiff", name="Amina Öztürk")],
             dates=[DateEntry(role="hearing_date", value="2019-02-20")])),
        ("d-lohn", "employment_proof", "lohnabrechnung", "2021-05-31", 3, 3,
         "Lohnabrechnung Mai 2021, Arbeitgeber Müller GmbH.", dict(
             parties=[Party(role="employee", name="Mohammed Al-Hassan")])),
    ]
    docs, texts = [], {}
    for doc_id, typ, sub, date, first, last, text, extra in specs:
        pdf_key, text_key = K.document_pdf(AKTE, doc_id), K.document_text(AKTE, doc_id)
        store.put_bytes(pdf_key, pdf_pages([f"{text} Seite {n}" for n in range(1, last - first + 2)]),
                        "application/pdf")
        store.put_bytes(text_key, text.encode(), "text/plain")
        docs.append(DocumentRecord(document_id=doc_id, akte_id=AKTE, doc_type=typ, doc_subtype=sub,  # type: ignore[arg-type]
                                   confidence=0.9, document_date=date, title=sub.capitalize(),
                                   source=SourceRef(path="akte.pdf", sha256=SHA, first_page=first, last_page=last),
                                   objects=ObjectKeys(pdf=pdf_key, text=text_key), **extra))  # type: ignore[arg-type]
        texts[doc_id] = text
    catalog.record_source(SourceRecord(path="akte.pdf", sha256=SHA, status="processed", pages=3, documents=2,
                                       akte_id=AKTE), docs, texts)
    return catalog, store
