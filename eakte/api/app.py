"""The HTTP API (read-only, bearer tokens, audit log) and the search page, in one FastAPI app.

Every response that shows a document (search hits, the record, its PDF, text or page images) writes
an audit row: who (token name), when, which document, which endpoint. Application logs carry only the
method, the route template and the status: never query strings, names or document text.
"""

# No `from __future__ import annotations` here: FastAPI reads the endpoint annotations at runtime, and
# they name dependencies local to create_app.
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import FileResponse, PlainTextResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from eakte.api.auth import TokenTable
from eakte.api.links import document_links
from eakte.api.pages import PageImages
from eakte.catalog import Catalog, SearchQuery
from eakte.catalog.query import Sort
from eakte.catalog.review_reasons import REASON_LABELS
from eakte.errors import EakteError
from eakte.store.base import ObjectStore
from schemas.records import DocumentRecord

WEB = Path(__file__).resolve().parent.parent / "web"
log = logging.getLogger("eakte.api")


class Hit(BaseModel):
    document: DocumentRecord
    score: float
    snippet: str | None = Field(default=None, description="plain text around the matched words (no markup)")
    highlights: list[tuple[int, int]] = Field(default=[], description="matched words in `snippet`: [start, end) "
                                              "offsets in Unicode code points")
    links: dict[str, str] = {}


class SearchResponse(BaseModel):
    total: int = Field(description="number of matches when total_exact, else a lower bound (more than this)")
    total_exact: bool
    total_estimate: int | None = Field(default=None, description="when not exact: the database's estimate of "
                                       "the number of matches (PostgreSQL), else null")
    sort: Sort = Field(description="the order used: relevance falls back to date_desc when the words match more "
                               "than 250 documents")
    offset: int
    limit: int
    hits: list[Hit]


class FacetsResponse(BaseModel):
    doc_type: dict[str, int] = Field(description="matches per document type")
    year: dict[str, int] = Field(description="matches per year of the document date ('unknown': undated)")
    court: dict[str, int] = Field(description="matches per court ('VG Köln')")
    exact: bool = Field(description="false when the query has more than 10,000 matches: the counts then cover "
                                    "10,001 of them")


class DocumentResponse(BaseModel):
    document: DocumentRecord
    pages: int
    links: dict[str, str] = {}


class Health(BaseModel):
    status: str


def create_app(catalog: Catalog, store: ObjectStore | None, cache_dir: Path,
               tokens: TokenTable | None = None) -> FastAPI:
    tokens = tokens if tokens is not None else TokenTable.from_env()
    app = FastAPI(title="eakte search API", version="1",
                  description="Read-only search over the migrated E-Akte catalog. Authenticate with "
                              "`Authorization: Bearer <token>`; every document access is audit-logged.")
    bearer = HTTPBearer(auto_error=False, description="API token (EAKTE_API_TOKENS / EAKTE_API_TOKENS_FILE)")
    images = PageImages(store, cache_dir) if store is not None else None
    unauthorized: dict[int | str, dict[str, Any]] = {401: {"description": "missing or unknown token"}}
    not_found: dict[int | str, dict[str, Any]] = {404: {"description": "no such document or page"}}

    def user(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str:
        who = tokens.who(creds.credentials if creds else None)
        if who is None:
            raise HTTPException(401, "a valid API token is required", headers={"WWW-Authenticate": "Bearer"})
        return who

    User = Annotated[str, Depends(user)]

    def load(document_id: str) -> DocumentRecord:
        doc = catalog.document(document_id) if "\x00" not in document_id else None
        if doc is None:
            raise HTTPException(404, "no such document")
        return doc

    @app.middleware("http")
    async def access_log(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        start = time.perf_counter()
        response = await call_next(request)
        route = getattr(request.scope.get("route"), "path", "-")
        log.info("%s %s %d %.0f ms", request.method, route, response.status_code, 1000 * (time.perf_counter() - start))
        return response

    @app.get("/api/health", response_model=Health, tags=["service"])
    def health() -> Health:
        return Health(status="ok")

    @app.get("/api/search", response_model=SearchResponse, responses=unauthorized, tags=["search"])
    def search(who: User, q: Annotated[SearchQuery, Query()]) -> SearchResponse:
        """Full text and field search; all filters combine with AND. Each hit is audit-logged."""
        page = catalog.query(q)
        catalog.record_access(who, [h.document.document_id for h in page.hits], "search")
        return SearchResponse(total=page.total, total_exact=page.total_exact, total_estimate=page.total_estimate,
                              sort=page.sort, offset=page.offset, limit=page.limit,
                              hits=[Hit(document=h.document, score=h.score, snippet=h.snippet, highlights=h.highlights,
                                        links=document_links(store, h.document)) for h in page.hits])

    @app.get("/api/facets", response_model=FacetsResponse, responses=unauthorized, tags=["search"])
    def facets(who: User, q: Annotated[SearchQuery, Query()]) -> FacetsResponse:
        """Match counts for the same query parameters as /api/search (sort, limit and offset are ignored).
        Shows no document, so nothing is audit-logged."""
        counts, exact = catalog.facets_counted(q)
        return FacetsResponse(**counts, exact=exact)

    @app.get("/api/review-reasons", response_model=dict[str, str], responses=unauthorized, tags=["search"])
    def review_reasons(who: User) -> dict[str, str]:
        """Review reason codes (the `review_reason` filter) with their German labels."""
        return dict(REASON_LABELS)

    @app.get("/api/documents/{document_id}", response_model=DocumentResponse,
             responses={**unauthorized, **not_found}, tags=["documents"])
    def document(who: User, document_id: str) -> DocumentResponse:
        doc = load(document_id)
        catalog.record_access(who, [doc.document_id], "document")
        return DocumentResponse(document=doc, pages=doc.source.last_page - doc.source.first_page + 1,
                                links=document_links(store, doc))

    def fetch(doc: DocumentRecord, key: str | None) -> bytes:
        if store is None or not key:
            raise HTTPException(404, "the document has no such object")
        try:
            return store.get_bytes(key)
        except EakteError as exc:
            raise HTTPException(503, "the store could not deliver the object") from exc

    @app.get("/api/documents/{document_id}/pdf", responses={**unauthorized, **not_found,
             200: {"content": {"application/pdf": {}}}}, response_class=Response, tags=["documents"])
    def pdf(who: User, document_id: str) -> Response:
        doc = load(document_id)
        data = fetch(doc, doc.objects.pdf)
        catalog.record_access(who, [doc.document_id], "pdf")
        return Response(data, media_type="application/pdf")

    @app.get("/api/documents/{document_id}/text", response_class=PlainTextResponse,
             responses={**unauthorized, **not_found}, tags=["documents"])
    def text(who: User, document_id: str) -> PlainTextResponse:
        doc = load(document_id)
        data = fetch(doc, doc.objects.text)
        catalog.record_access(who, [doc.document_id], "text")
        return PlainTextResponse(data.decode("utf-8", errors="replace"))

    @app.get("/api/documents/{document_id}/pages/{page}", response_class=FileResponse,
             responses={**unauthorized, **not_found, 200: {"content": {"image/jpeg": {}}}}, tags=["documents"])
    def page_image(who: User, document_id: str, page: int) -> FileResponse:
        """Page `page` (1-based within the document) as JPEG, rendered from the stored PDF and cached."""
        doc = load(document_id)
        if not 1 <= page <= doc.source.last_page - doc.source.first_page + 1 or images is None or not doc.objects.pdf:
            raise HTTPException(404, "no such page")
        try:
            path = images.image(doc.document_id, doc.objects.pdf, page)
        except EakteError as exc:
            raise HTTPException(503, "the page image could not be made") from exc
        catalog.record_access(who, [doc.document_id], "page")
        return FileResponse(path, media_type="image/jpeg")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=WEB), name="static")
    return app


def app_from_settings(settings: Any) -> FastAPI:
    """The app over the configured catalog and store (what `eakte serve` runs)."""
    from eakte.catalog import open_catalog
    from eakte.store import open_store

    return create_app(open_catalog(settings), open_store(settings), Path(settings.data_dir) / "cache" / "pages")
