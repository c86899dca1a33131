"""What one case view reads, in as few round trips as the catalog allows (the 1-second budget of a 500-page
Akte, benchmarks/case_show.py).

The Akte's records in one query; the other Akten naming its main person from the party codes' index (one
grouped query, not the search layer with its ranking and totals); their records in one more. Texts come
with the records where the catalog keeps them beside the record (PostgreSQL `documents.body`: no store
round trip per document, which on S3 is one GET each); elsewhere from the store, in parallel.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eakte.case.facts import mentions
from eakte.case.texts import TextSource, store_texts
from eakte.catalog import cases as q
from eakte.catalog.sql import SqlCatalog
from schemas.records import DocumentRecord

if TYPE_CHECKING:
    from eakte.catalog import Catalog
    from eakte.store.base import ObjectStore

MAX_RELATED_AKTEN = 8
RELATED_NAMES = 3  # spellings of the main person searched in other Akten (OCR, transliteration)


@dataclass
class CaseInput:
    docs: list[DocumentRecord]
    texts: dict[str, str]
    main_akte: str
    main_person: str | None


class CatalogTexts:
    """A text source that prefers the catalog's copy of the text (read with the records) and falls back to the
    store for the rest."""

    from_catalog = True

    def __init__(self, store: ObjectStore | None) -> None:
        self.store = store_texts(store)

    def __call__(self, docs: list[DocumentRecord]) -> dict[str, str]:
        return self.store(docs)


def catalog_texts(store: ObjectStore | None) -> CatalogTexts:
    return CatalogTexts(store)


def _records(catalog: SqlCatalog, akten: list[str], with_text: bool) -> tuple[list[DocumentRecord], dict[str, str]]:
    docs, texts = [], {}
    for raw, text in q.case_documents(catalog, akten, with_text):
        d = DocumentRecord.model_validate_json(raw)
        docs.append(d)
        if text is not None:
            texts[d.document_id] = text
    return docs, texts


def load(catalog: Catalog, texts: TextSource, key: str) -> CaseInput | None:
    """The documents (and texts) of the case `key` (an Akte id or a person id p-…); None when unknown."""
    from eakte.case.listing import akten_of_person

    if not isinstance(catalog, SqlCatalog):
        raise TypeError("the case view needs a SQL catalog")
    main_person = None
    if key.startswith("p-"):
        akten = akten_of_person(catalog, key)
        if not akten:
            return None
        main_person, main_akte = key, akten[0]
    else:
        main_akte = key
    with_text = bool(getattr(texts, "from_catalog", False)) and catalog.dialect == "postgresql"
    docs, got = _records(catalog, [main_akte], with_text)
    if not docs:
        return None
    names: Counter[str] = Counter()
    for d in docs:
        ms = mentions(d)
        if ms and ms[0].role == "subject":
            names[ms[0].name] += 1
    if names:
        spellings = [n for n, _ in names.most_common(RELATED_NAMES)]
        others = q.related_akten(catalog, spellings, main_akte, MAX_RELATED_AKTEN)
        more, more_texts = _records(catalog, others, with_text)
        docs += more
        got.update(more_texts)
    missing = [d for d in docs if d.document_id not in got]
    if missing:
        got.update(texts(missing))
    return CaseInput(docs, got, main_akte, main_person)
