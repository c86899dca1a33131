"""Where a reader fetches a document's PDF and text.

For the API (`api=True`): `pdf` and `text` are the API's own paths (bearer token, audit-logged), for every
store: the page fetches them with its token. A local store's file path is never handed out over HTTP (it
names the server's disk, and no remote reader can open it). On S3 the time-limited presigned URLs ride
along as `pdf_presigned` / `text_presigned` for tools that fetch the object directly.

For `eakte search` on the server itself (`api=False`): presigned URLs on S3, file paths on the local store.
"""

from __future__ import annotations

from urllib.parse import quote

from eakte.store.base import ObjectStore
from schemas.records import DocumentRecord


def document_links(store: ObjectStore | None, doc: DocumentRecord, expires_seconds: int = 900, *,
                   api: bool = False) -> dict[str, str]:
    if store is None:
        return {}
    base = f"/api/documents/{quote(doc.document_id, safe='')}"
    out: dict[str, str] = {}
    for kind, key in (("pdf", doc.objects.pdf), ("text", doc.objects.text)):
        if not key:
            continue
        direct = store.presign(key, expires_seconds)
        if api:
            out[kind] = f"{base}/{kind}"
            if direct is not None:
                out[f"{kind}_presigned"] = direct
        else:
            out[kind] = direct if direct is not None else store.locate(key)
    return out
