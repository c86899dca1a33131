"""Where a reader fetches a hit's PDF and text: presigned URLs on S3, file paths on the local store."""

from __future__ import annotations

from eakte.store.base import ObjectStore
from schemas.records import DocumentRecord


def document_links(store: ObjectStore | None, doc: DocumentRecord, expires_seconds: int = 900) -> dict[str, str]:
    if store is None:
        return {}
    presign = getattr(store, "presign", None)
    out: dict[str, str] = {}
    for kind, key in (("pdf", doc.objects.pdf), ("text", doc.objects.text)):
        if key:
            out[kind] = presign(key, expires_seconds) if presign else store.locate(key)
    return out
