"""`GET /api/cases`, `GET /api/cases/{person_or_akte}` and `GET /api/cases/{person_or_akte}/report.pdf`: the case
overview over HTTP (the report: the printable PDF of eakte/case/report.py).

The most sensitive view of all: the same bearer tokens as the rest of the API, an audit row for every
view (the case key and each document it draws on, endpoint "case", "case_report" for the PDF; the list:
the Akten listed, endpoint "case_list"), and nothing of the case in the application log (the middleware logs only the
route template and the status).
"""

# No `from __future__ import annotations`: FastAPI reads the endpoint annotations at runtime.
import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response

from eakte.case.build import for_key
from eakte.case.listing import DEFAULT_LIMIT, MAX_LIMIT, case_page
from eakte.case.loading import catalog_texts
from eakte.case.model import CaseView
from eakte.case.rules import NoRulesForDate
from eakte.catalog import Catalog
from eakte.store.base import ObjectStore


def case_router(catalog: Catalog, store: ObjectStore | None, user: Callable[..., str]) -> APIRouter:
    """The router; `user` is the app's token dependency (401 without a valid token)."""
    router = APIRouter(tags=["cases"])
    User = Annotated[str, Depends(user)]
    texts = catalog_texts(store)
    unauthorized: dict[int | str, dict[str, Any]] = {401: {"description": "missing or unknown token"}}

    @router.get("/api/cases", responses=unauthorized)
    def cases(who: User,
              limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Akten per page")] = DEFAULT_LIMIT,
              cursor: Annotated[str | None, Query(max_length=80, description="`next_cursor` of the previous page")]
              = None,
              ) -> dict[str, Any]:
        """One page of Akten sorted by id: main person id, name, birth date, persons named, documents, pages;
        `next_cursor` continues the list (null on the last page)."""
        if cursor is not None and "\x00" in cursor:
            raise HTTPException(422, "cursor: not a cursor of this list")
        page = case_page(catalog, limit, cursor)
        catalog.record_access(who, [r["akte_id"] for r in page.rows], "case_list")
        return {"cases": page.rows, "next_cursor": page.next_cursor}

    @router.get("/api/cases/{key}", responses={**unauthorized, 404: {"description": "no such Akte or person"}})
    def case(who: User, key: str,
             at: Annotated[dt.date | None, Query(description="reference date (default: today)")] = None,
             ) -> dict[str, Any]:
        """Persons, timeline (status, employment, school), events, findings and checks for a reference date;
        every fact with its document id, page in the source (`page`) and page in the document (`doc_page`)."""
        view = _view(key, at)
        catalog.record_access(who, [key, *[d["document_id"] for d in view.documents]], "case")
        return view.to_dict()

    @router.get("/api/cases/{key}/report.pdf", response_class=Response,
                responses={**unauthorized, 404: {"description": "no such Akte or person"},
                           200: {"content": {"application/pdf": {}}, "description": "the printable report"}})
    def report(who: User, key: str,
               at: Annotated[dt.date | None, Query(description="reference date (default: today)")] = None,
               ) -> Response:
        """The case view as a printable PDF report (timeline drawn, checks, findings, facts with evidence)."""
        from eakte.case.report import ReportFontMissing, to_pdf

        view = _view(key, at)
        try:
            body = to_pdf(view, dt.datetime.now(dt.UTC))
        except ReportFontMissing:
            raise HTTPException(503, "the report font is not installed on the server (fonts-dejavu-core)") from None
        catalog.record_access(who, [key, *[d["document_id"] for d in view.documents]], "case_report")
        name = "".join(c if c.isalnum() or c in "-_" else "_" for c in key)[:80]
        return Response(body, media_type="application/pdf",
                        headers={"Content-Disposition": f'attachment; filename="fallbericht-{name}.pdf"',
                                 "Cache-Control": "no-store"})

    def _view(key: str, at: dt.date | None) -> CaseView:
        if "\x00" in key:
            raise HTTPException(404, "no such Akte or person")
        try:
            view = for_key(catalog, texts, key, at or dt.date.today())
        except NoRulesForDate:
            raise HTTPException(422, "no legal thresholds for this reference date") from None
        if view is None:
            raise HTTPException(404, "no such Akte or person")
        return view

    return router
