"""Where a reader fetches a document's PDF and text: the API's own endpoints, for every store.

`pdf` and `text` are API paths (bearer token, audit-logged): the page fetches them with its token. A local
store's file path is never handed out (it names the server's disk, and no reader can open it). On S3 the
time-limited presigned URLs ride along as `pdf_presigned` / `text_presigned` for tools that fetch the
object directly (no token, not audit-logged per fetch: the search that handed them out is).
"""

from __future__ import annotations

from urllib.parse import quote

from eakte.store.base import ObjectStore
from schemas.records import DocumentRecord


def document_links(store: ObjectStore | None, doc: DocumentRecord, expires_seconds: int = 900) -> dict[str, str]:
    if store is None:
        return {}
    presign = getattr(store, "presign", None)
    base = f"/api/documents/{quote(doc.document_id, safe='')}"
    out: dict[str, str] = {}
    for kind, key in (("pdf", doc.objects.pdf), ("text", doc.objects.text)):
        if key:
            out[kind] = f"{base}/{kind}"
            if presign is not None:
                out[f"{kind}_presigned"] = presign(key, expires_seconds)
    return out
