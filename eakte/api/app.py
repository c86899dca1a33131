"""The HTTP API (read-only, bearer tokens, audit log) and the search page, in one FastAPI app.

Every response that shows a document (search hits, the record, its PDF, text or page images) writes
an audit row: who (token name), when, which document, which endpoint. Application logs carry only the
method, the route template and the status: never query strings, names or document text.
"""

# No `from __future__ import annotations` here: FastAPI reads the endpoint annotations at runtime, and
# they name dependencies local to create_app.
import base64
import hashlib
import logging
import re
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from eakte.api.auth import TokenTable
from eakte.api.case import case_router
from eakte.api.links import document_links
from eakte.api.page_images import CACHE_BYTES, PageImages
from eakte.catalog import Catalog, SearchQuery
from eakte.catalog.query import Sort
from eakte.catalog.review_reasons import REASON_LABELS
from eakte.errors import EakteError
from eakte.store.base import ObjectStore
from schemas.records import DocumentRecord

WEB = Path(__file__).resolve().parent.parent / "web"
log = logging.getLogger("eakte.api")
# The page loads only its own files; page images and the PDF frame come from blob: URLs made by app.js.
CSP = ("default-src 'self'; img-src 'self' blob:; frame-src blob:; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
                    "Referrer-Policy": "no-referrer"}
LINKS_DOC = ("`pdf`, `text`: API paths (bearer token); on S3 also `pdf_presigned`, `text_presigned`: "
             "time-limited URLs that open without a token")


class Hit(BaseModel):
    document: DocumentRecord
    score: float
    snippet: str | None = Field(default=None, description="plain text around the matched words (no markup)")
    highlights: list[tuple[int, int]] = Field(default=[], description="matched words in `snippet`: [start, end) "
                                              "offsets in Unicode code points")
    links: dict[str, str] = Field(default_factory=dict, description=LINKS_DOC)


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
    links: dict[str, str] = Field(default_factory=dict, description=LINKS_DOC)


class Health(BaseModel):
    status: str


class Me(BaseModel):
    user: str = Field(description="the token's name, as the audit log records it")


def create_app(catalog: Catalog, store: ObjectStore | None, cache_dir: Path | None = None,
               tokens: TokenTable | None = None, page_cache_bytes: int = CACHE_BYTES) -> FastAPI:
    """`cache_dir` is ignored (kept for callers of the earlier signature): page images live only in memory,
    at most `page_cache_bytes` (eakte/api/page_images.py says why)."""
    del cache_dir
    tokens = tokens if tokens is not None else TokenTable.from_env()
    app = FastAPI(title="eakte search API", version="1", docs_url=None, redoc_url=None,
                  description="Read-only search over the migrated E-Akte catalog. Authenticate with "
                              "`Authorization: Bearer <token>`; every document access is audit-logged.")
    bearer = HTTPBearer(auto_error=False, description="API token (EAKTE_API_TOKENS / EAKTE_API_TOKENS_FILE)")
    images = PageImages(store, page_cache_bytes) if store is not None else None
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
    async def headers_and_log(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        """The one middleware: security headers on every response, then the access log line."""
        start = time.perf_counter()
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)  # a route may set a stricter or its own policy
        if request.url.path.startswith("/api/"):
            response.headers["Cache-Control"] = "no-store"  # search hits, records, PDFs, texts, pages, names
        route = getattr(request.scope.get("route"), "path", "-")
        log.info("%s %s %d %.0f ms", request.method, route, response.status_code, 1000 * (time.perf_counter() - start))
        return response

    @app.get("/api/health", response_model=Health, tags=["service"])
    def health() -> Health:
        return Health(status="ok")

    @app.get("/api/me", response_model=Me, responses=unauthorized, tags=["service"])
    def me(who: User) -> Me:
        """Who the token belongs to: the page checks a token with it before it says "angemeldet"."""
        return Me(user=who)

    @app.get("/api/search", response_model=SearchResponse, responses=unauthorized, tags=["search"])
    def search(who: User, q: Annotated[SearchQuery, Query()]) -> SearchResponse:
        """Full text and field search; all filters combine with AND. Each hit is audit-logged."""
        page = catalog.query(q)
        catalog.record_access(who, [h.document.document_id for h in page.hits], "search")
        return SearchResponse(total=page.total, total_exact=page.total_exact, total_estimate=page.total_estimate,
                              sort=page.sort, offset=page.offset, limit=page.limit,
                              hits=[Hit(document=h.document, score=h.score, snippet=h.snippet, highlights=h.highlights,
                                        links=document_links(store, h.document, api=True)) for h in page.hits])

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
                                links=document_links(store, doc, api=True))

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
        # inline: the page shows it in its viewer frame; the name is the id (no personal data in it)
        name = re.sub(r"[^A-Za-z0-9._-]", "_", doc.document_id)
        return Response(data, media_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{name}.pdf"', "Cache-Control": "no-store"})

    @app.get("/api/documents/{document_id}/text", response_class=PlainTextResponse,
             responses={**unauthorized, **not_found}, tags=["documents"])
    def text(who: User, document_id: str) -> PlainTextResponse:
        doc = load(document_id)
        data = fetch(doc, doc.objects.text)
        catalog.record_access(who, [doc.document_id], "text")
        return PlainTextResponse(data.decode("utf-8", errors="replace"))

    @app.get("/api/documents/{document_id}/pages/{page}", response_class=Response,
             responses={**unauthorized, **not_found, 200: {"content": {"image/jpeg": {}}}}, tags=["documents"])
    def page_image(who: User, document_id: str, page: int) -> Response:
        """Page `page` (1-based within the document) as JPEG, rendered from the stored PDF, kept in memory only."""
        doc = load(document_id)
        if not 1 <= page <= doc.source.last_page - doc.source.first_page + 1 or images is None or not doc.objects.pdf:
            raise HTTPException(404, "no such page")
        try:
            jpeg = images.image(doc.document_id, doc.objects.pdf, page)
        except EakteError as exc:
            raise HTTPException(503, "the page image could not be made") from exc
        catalog.record_access(who, [doc.document_id], "page")
        return Response(jpeg, media_type="image/jpeg")

    app.include_router(case_router(catalog, store, user))  # /api/cases: the case overview (eakte/api/case.py)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html")

    docs_page = swagger_page(app.openapi_url or "/openapi.json", app.title)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return docs_page

    app.mount("/static", StaticFiles(directory=WEB), name="static")
    return app


def swagger_page(openapi_url: str, title: str) -> HTMLResponse:
    """Swagger UI from the vendored files (eakte/web/vendor/swagger_ui: no CDN, works offline). FastAPI's page
    starts the UI with one inline script: the page's CSP allows exactly that script by its hash."""
    page = get_swagger_ui_html(openapi_url=openapi_url, title=f"{title} – API",
                               swagger_js_url="/static/vendor/swagger_ui/swagger-ui-bundle.js",
                               swagger_css_url="/static/vendor/swagger_ui/swagger-ui.css",
                               swagger_favicon_url="data:,")
    html = bytes(page.body).decode("utf-8")
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(m.encode()).digest()).decode()}'"
                      for m in re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL))
    csp = (f"default-src 'self'; script-src 'self' {hashes}; img-src 'self' data:; object-src 'none'; "
           "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
    return HTMLResponse(html, headers={"Content-Security-Policy": csp})


def app_from_settings(settings: Any) -> FastAPI:
    """The app over the configured catalog and store (what `eakte serve` runs)."""
    from eakte.catalog import open_catalog
    from eakte.store import open_store

    return create_app(open_catalog(settings), open_store(settings))
