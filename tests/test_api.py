"""The HTTP API: token authentication, search with links, documents, page images, the audit log."""

from __future__ import annotations

import logging
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eakte.api import create_app
from eakte.api.auth import TokenTable, digest
from eakte.catalog import Catalog
from eakte.store.s3 import S3Store
from tests.conftest import S3Server, api_client
from tests.search_data import build

TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[TestClient, Catalog]]:
    catalog, store = build(tmp_path)
    with api_client(catalog, store, "alice", TOKEN) as client:
        yield client, catalog
    catalog.close()


def test_requests_without_a_valid_token_are_refused(setup: tuple[TestClient, Catalog]) -> None:
    client, catalog = setup
    for headers in ({"Authorization": ""}, {"Authorization": "Bearer wrong"}):
        assert client.get("/api/search", params={"text": "Klage"}, headers=headers).status_code == 401
        assert client.get("/api/documents/d-urteil", headers=headers).status_code == 401
    assert catalog.audit_entries() == []
    assert client.get("/api/health", headers={"Authorization": ""}).json() == {"status": "ok"}


def test_search_returns_hits_with_api_links_and_audits_them(setup: tuple[TestClient, Catalog]) -> None:
    client, catalog = setup
    body = client.get("/api/search", params={"party": "Oeztuerk", "file_number": "22K3443/18 A"}).json()
    assert body["total"] == 1 and body["total_exact"]
    hit = body["hits"][0]
    assert hit["document"]["document_id"] == "d-urteil"
    # API paths on the local store too, never the server's file path
    assert hit["links"] == {"pdf": "/api/documents/d-urteil/pdf", "text": "/api/documents/d-urteil/text"}
    assert [(e.who, e.document_id, e.endpoint) for e in catalog.audit_entries()] == [("alice", "d-urteil", "search")]
    assert client.get(hit["links"]["pdf"]).content.startswith(b"%PDF")
    assert client.get(hit["links"]["text"]).text.startswith("Das Verwaltungsgericht")
    assert client.get("/api/documents/d-urteil").json()["links"] == hit["links"]


def test_search_validates_parameters(setup: tuple[TestClient, Catalog]) -> None:
    client, _ = setup
    assert client.get("/api/search", params={"doc_type": "nonsense"}).status_code == 422
    assert client.get("/api/search", params={"limit": 1000}).status_code == 422
    assert client.get("/api/search", params={"date_from": "gestern"}).status_code == 422
    for bad in ({"date_from": "2015-02-30"}, {"date_to": "2019-13-01"}, {"date_from": "2021-02-29"}):
        res = client.get("/api/search", params=bad)
        assert res.status_code == 422 and "not a calendar date" in res.text, bad
    assert client.get("/api/search", params={"date_from": "2020-02-29", "date_to": "2020-12-31"}).status_code == 200
    assert client.get("/api/search", params={"text": "Klage\x00"}).status_code == 200


def test_document_pdf_text_and_page_image_are_served_and_audited(setup: tuple[TestClient, Catalog]) -> None:
    client, catalog = setup
    doc = client.get("/api/documents/d-urteil").json()
    assert doc["pages"] == 2 and doc["document"]["court"] == {"type": "VG", "place": "Köln", "name": None}
    pdf = client.get("/api/documents/d-urteil/pdf")
    assert pdf.content.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == 'inline; filename="d-urteil.pdf"'
    assert pdf.headers["cache-control"] == "no-store"
    assert client.get("/api/documents/d-urteil/text").text.startswith("Das Verwaltungsgericht")
    img = client.get("/api/documents/d-urteil/pages/2")
    assert img.status_code == 200 and img.headers["content-type"] == "image/jpeg" and img.content[:2] == b"\xff\xd8"
    assert client.get("/api/documents/d-urteil/pages/3").status_code == 404
    assert client.get("/api/documents/d-nope").status_code == 404
    assert [e.endpoint for e in catalog.audit_entries("d-urteil")] == ["document", "pdf", "text", "page"]


def test_application_log_never_contains_query_text(setup: tuple[TestClient, Catalog],
                                                    caplog: pytest.LogCaptureFixture) -> None:
    client, _ = setup
    with caplog.at_level(logging.DEBUG):
        client.get("/api/search", params={"party": "Öztürk", "text": "Verwaltungsgericht"})
    # Everything the server side logs (the test client's own httpx log line is not the application's).
    logged = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore")))
    assert "GET /api/search 200" in logged
    assert "Öztürk" not in logged and "Verwaltungsgericht" not in logged and "%C3" not in logged


def test_hashed_token_file(tmp_path: Path) -> None:
    f = tmp_path / "tokens"
    f.write_text(f"# name:sha256\nbob:{digest('bobs-token')}\n", encoding="utf-8")
    table = TokenTable.from_env({"EAKTE_API_TOKENS_FILE": str(f)})
    assert table.who("bobs-token") == "bob" and table.who("other") is None and table.who(None) is None


def test_openapi_describes_the_read_only_api(setup: tuple[TestClient, Catalog]) -> None:
    client, _ = setup
    spec = client.get("/openapi.json").json()
    methods = {m for ops in spec["paths"].values() for m in ops}
    assert methods == {"get"}
    assert "/api/search" in spec["paths"] and "HTTPBearer" in spec["components"]["securitySchemes"]


def test_search_hits_on_s3_carry_presigned_urls_that_open_without_credentials(tmp_path: Path,
                                                                                s3_server: S3Server) -> None:
    s3 = S3Store.from_url("s3://search-links/eakte", s3_server.endpoint, "testing", "testing", "us-east-1")
    s3.ensure_bucket()
    catalog, store = build(tmp_path, s3)
    tokens = TokenTable.from_env({"EAKTE_API_TOKENS": f"alice:{TOKEN}"})
    with TestClient(create_app(catalog, store, tokens=tokens)) as client:
        body = client.get("/api/search", params={"text": "Klage"}, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    catalog.close()
    links = body["hits"][0]["links"]
    assert links["pdf"] == f"/api/documents/{body['hits'][0]['document']['document_id']}/pdf"
    assert "X-Amz-Signature=" in links["pdf_presigned"] and "X-Amz-Expires=900" in links["pdf_presigned"]
    with urllib.request.urlopen(links["pdf_presigned"], timeout=10) as res:  # a plain GET: no S3 client, no keys
        assert res.read().startswith(b"%PDF")
    with urllib.request.urlopen(links["text_presigned"], timeout=10) as res:
        assert res.read().decode("utf-8").startswith("Das Verwaltungsgericht")
    unsigned = links["pdf_presigned"].split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError) as refused:  # the object itself is not public
        urllib.request.urlopen(unsigned, timeout=10)
    assert refused.value.code == 403


def test_me_names_the_token_and_refuses_a_wrong_one(setup: tuple[TestClient, Catalog]) -> None:
    client, _ = setup
    assert client.get("/api/me").json() == {"user": "alice"}
    assert client.get("/api/me", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/me", headers={"Authorization": ""}).status_code == 401


SECURITY = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer"}


def test_every_route_sends_the_security_headers_and_personal_data_is_never_cached(
        setup: tuple[TestClient, Catalog]) -> None:
    client, _ = setup
    paths = {r.path for r in client.app.routes if "GET" in getattr(r, "methods", set())}  # type: ignore[attr-defined]
    urls = [p.replace("{document_id}", "d-urteil").replace("{page}", "1") for p in paths]
    urls += ["/static/app.js", "/static/style.css", "/api/documents/d-nope", "/api/search?limit=0"]
    personal = {u for u in urls if u.startswith("/api/") and u != "/api/health"}
    assert {"/api/search", "/api/me", "/api/documents/d-urteil/pdf", "/api/documents/d-urteil/pages/1"} <= personal
    for url in urls:
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            res = client.get(url, headers=headers)
            assert res.status_code < 500, url
            assert {k: res.headers.get(k) for k in SECURITY} == SECURITY, url
            csp = res.headers["content-security-policy"]
            assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-" not in csp, url
            if url in personal:
                assert res.headers["cache-control"] == "no-store", (url, res.status_code)
    page_csp = client.get("/").headers["content-security-policy"]
    assert "frame-src blob:" in page_csp and "img-src 'self' blob:" in page_csp and "script-src" not in page_csp
    docs = client.get("/docs")  # Swagger UI from our own files; its one inline script allowed by its hash
    assert "script-src 'self' 'sha256-" in docs.headers["content-security-policy"] and "cdn" not in docs.text
    assert client.get("/static/vendor/swagger_ui/swagger-ui-bundle.js").status_code == 200
    html = client.get("/").text  # no inline script: every <script> loads a file
    assert html.count("<script") == html.count("<script src=") > 0 and not re.search(r"\son\w+=", html)


def test_page_images_leave_nothing_on_disk_and_stay_within_their_memory_bound(tmp_path: Path) -> None:
    catalog, store = build(tmp_path)
    before = {p for p in tmp_path.rglob("*") if p.is_file() and "catalog.sqlite" not in p.name}
    tokens = TokenTable.from_env({"EAKTE_API_TOKENS": f"alice:{TOKEN}"})
    app = create_app(catalog, store, tmp_path / "cache", tokens, page_cache_bytes=60_000)
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        first = client.get("/api/documents/d-urteil/pages/1").content
        assert first[:2] == b"\xff\xd8"
        for _ in range(3):
            for doc, page in (("d-urteil", 1), ("d-urteil", 2), ("d-lohn", 1)):
                assert client.get(f"/api/documents/{doc}/pages/{page}").status_code == 200
        assert client.get("/api/documents/d-urteil/pages/1").content == first  # rendered again or from memory
    catalog.close()
    after = {p for p in tmp_path.rglob("*") if p.is_file() and "catalog.sqlite" not in p.name}
    assert after == before and not (tmp_path / "cache").exists()


def test_the_page_memory_keeps_recent_pages_and_drops_the_oldest(tmp_path: Path) -> None:
    from eakte.api.page_images import PageImages

    catalog, store = build(tmp_path)
    catalog.close()
    images = PageImages(store, max_bytes=40_000)
    key = "akten/a-test/d-urteil.pdf"
    one = images.image("d-urteil", key, 1)
    assert 5_000 < len(one) < 20_000, len(one)
    two = images.image("d-urteil", key, 2)
    assert images.size <= 40_000 and images._get(("d-urteil", 1)) == one and images._get(("d-urteil", 2)) == two
    for _ in range(3):  # more pages than fit: the oldest go, the bound holds
        images._put(("other", len(images._cache) + 1), b"x" * 15_000)
        assert images.size <= 40_000
    assert images._get(("d-urteil", 1)) is None
