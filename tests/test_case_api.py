"""`/api/cases`: token auth, the view with evidence, an audit row per view, no case data in the log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eakte.catalog import Catalog
from tests.case_data import build
from tests.conftest import api_client

TOKEN = "case-token-for-tests"


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[TestClient, Catalog]]:
    catalog, store = build(tmp_path)
    with api_client(catalog, store, "carla", TOKEN) as client:
        yield client, catalog
    catalog.close()


def test_cases_need_a_token(setup: tuple[TestClient, Catalog]) -> None:
    client, catalog = setup
    for path in ("/api/cases", "/api/cases/a-fixed-1-0004"):
        assert client.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert catalog.audit_entries() == []


def test_case_view_is_audited_and_carries_evidence(setup: tuple[TestClient, Catalog],
                                                   caplog: pytest.LogCaptureFixture) -> None:
    client, catalog = setup
    with caplog.at_level(logging.DEBUG):
        listed = client.get("/api/cases")
        r = client.get("/api/cases/a-fixed-1-0004", params={"at": "2025-06-01"})
    assert listed.status_code == 200 and {x["akte_id"] for x in listed.json()["cases"]} >= {"a-fixed-1-0004"}
    assert r.status_code == 200
    view = r.json()
    assert view["at"] == "2025-06-01" and view["person"]["names"]
    assert all(c["verdict"] in ("met", "not_met", "unknown") for c in view["checks"])
    assert all(f["evidence"]["document_id"] and f["evidence"]["page"] >= 1 for f in view["facts"])
    audit = catalog.audit_entries()
    case_rows = [a for a in audit if a.endpoint == "case"]
    assert {a.who for a in case_rows} == {"carla"}
    assert {a.document_id for a in case_rows} == {"a-fixed-1-0004", *[d["document_id"] for d in view["documents"]]}
    assert {a.document_id for a in audit if a.endpoint == "case_list"} >= {"a-fixed-1-0004"}
    logged = "\n".join(rec.getMessage() for rec in caplog.records if not rec.name.startswith(("httpx", "httpcore")))
    assert "GET /api/cases/{key} 200" in logged
    for name in view["person"]["names"]:
        assert name not in logged
    assert "a-fixed-1-0004" not in logged and "2025-06-01" not in logged


def test_case_errors(setup: tuple[TestClient, Catalog]) -> None:
    client, catalog = setup
    assert client.get("/api/cases/a-nope").status_code == 404
    assert client.get("/api/cases/a-fixed-1-0004", params={"at": "2025-02-30"}).status_code == 422
    assert client.get("/api/cases/a-fixed-1-0004", params={"at": "2001-01-01"}).status_code == 422
    assert [a for a in catalog.audit_entries() if a.endpoint == "case"] == []


def test_case_report_pdf_is_audited_and_renders(setup: tuple[TestClient, Catalog],
                                                caplog: pytest.LogCaptureFixture) -> None:
    from tests.case_report_check import pdf_text

    client, catalog = setup
    path = "/api/cases/a-fixed-1-0004/report.pdf"
    assert client.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/cases/a-nope/report.pdf").status_code == 404
    assert client.get(path, params={"at": "2001-01-01"}).status_code == 422
    assert catalog.audit_entries() == []
    with caplog.at_level(logging.DEBUG):
        r = client.get(path, params={"at": "2025-06-01"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.headers["cache-control"] == "no-store" and "attachment" in r.headers["content-disposition"]
    view = client.get("/api/cases/a-fixed-1-0004", params={"at": "2025-06-01"}).json()
    pages, text = pdf_text(r.content)
    assert pages >= 1 and view["person"]["person_id"] in text and "Stichtag 01.06.2025" in " ".join(text.split())
    rows = [a for a in catalog.audit_entries() if a.endpoint == "case_report"]
    assert {a.who for a in rows} == {"carla"}
    assert {a.document_id for a in rows} == {"a-fixed-1-0004", *[d["document_id"] for d in view["documents"]]}
    logged = "\n".join(rec.getMessage() for rec in caplog.records if not rec.name.startswith(("httpx", "httpcore")))
    assert "GET /api/cases/{key}/report.pdf 200" in logged
    assert not any(name in logged for name in view["person"]["names"]) and "a-fixed-1-0004" not in logged


def test_case_report_without_its_font_is_a_plain_503(setup: tuple[TestClient, Catalog], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from eakte.case import report

    client, catalog = setup
    monkeypatch.setattr(report, "FONT_DIRS", (tmp_path,))
    report._fonts.cache_clear()
    try:
        r = client.get("/api/cases/a-fixed-1-0004/report.pdf", params={"at": "2025-06-01"})
    finally:
        report._fonts.cache_clear()
    assert r.status_code == 503 and "fonts-dejavu-core" in r.json()["detail"]
    assert [a for a in catalog.audit_entries() if a.endpoint == "case_report"] == []
