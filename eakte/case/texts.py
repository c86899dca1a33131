"""Where a case view's document texts come from: the store's text objects (a cache-free read per request)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from schemas.records import DocumentRecord

if TYPE_CHECKING:
    from eakte.store.base import ObjectStore

TextSource = Callable[[list[DocumentRecord]], dict[str, str]]


def store_texts(store: ObjectStore | None) -> TextSource:
    """Document texts from the store's text objects (pages separated by form feeds); missing ones are empty."""

    def one(doc: DocumentRecord) -> tuple[str, str]:
        if store is None or not doc.objects.text:
            return doc.document_id, ""
        try:
            return doc.document_id, store.get_bytes(doc.objects.text).decode("utf-8", "replace")
        except Exception:
            return doc.document_id, ""

    def texts(docs: list[DocumentRecord]) -> dict[str, str]:
        with ThreadPoolExecutor(max_workers=8) as pool:
            return dict(pool.map(one, docs))

    return texts


def no_texts(docs: list[DocumentRecord]) -> dict[str, str]:
    return {}
