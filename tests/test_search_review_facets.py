"""The review queue (filter by review flag and reason, German labels) and facet counts, on both backends."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from fastapi.testclient import TestClient

from eakte.api import create_app
from eakte.api.auth import TokenTable
from eakte.catalog import Catalog, SearchQuery, open_catalog_url
from eakte.catalog import upgrade as migrate
from eakte.catalog.review_reasons import REASON_LABELS
from extractors.review import HARD_REASONS, MODEL_REASONS
from schemas.records import Court, Review
from tests.conftest import BIN
from tests.search_backends import catalog, doc, ids, load  # noqa: F401  (fixture)

TEXTS = {"d-1": "Die Klage wird abgewiesen.", "d-2": "Die Klage hat Erfolg.", "d-3": "Duldung erteilt.",
         "d-4": "Klage unzulässig."}


def _docs() -> list[object]:
    return [
        doc("d-1", document_date="2019-03-04", court=Court(type="VG", place="Köln"),
            review=Review(needed=True, reasons=["no_file_number", "low_ocr_confidence"])),
        doc("d-2", document_date="2019-07-01", court=Court(type="VG", place="Köln")),
        doc("d-3", "residence_document", document_date="2021-01-15", review=Review(needed=True, reasons=["no_party"])),
        doc("d-4", court=Court(type="OVG", place="Nordrhein-Westfalen"),
            review=Review(needed=True, reasons=["no_document_date"])),
    ]


@pytest.fixture
def filled(catalog: Catalog) -> Catalog:  # noqa: F811
    return load(catalog, _docs(), TEXTS)  # type: ignore[arg-type]


def test_review_queue_by_flag_and_reason(filled: Catalog) -> None:
    assert ids(filled, review=True) == ["d-1", "d-3", "d-4"]
    assert ids(filled, review=False) == ["d-2"]
    assert ids(filled, review_reason="low_ocr_confidence") == ["d-1"]
    assert ids(filled, review=True, review_reason="no_party", doc_type="residence_document") == ["d-3"]
    assert ids(filled, review_reason="no_court") == []


def test_every_reason_code_has_a_german_label() -> None:
    assert set(HARD_REASONS) | set(MODEL_REASONS) <= set(REASON_LABELS)


def test_facets_count_the_current_query(filled: Catalog) -> None:
    assert filled.facets(SearchQuery(text="Klage")) == {
        "doc_type": {"court_decision": 3}, "year": {"2019": 2, "unknown": 1},
        "court": {"VG Köln": 2, "OVG Nordrhein-Westfalen": 1}}
    everything = filled.facets(SearchQuery())
    assert everything["doc_type"] == {"court_decision": 3, "residence_document": 1}
    assert everything["year"] == {"2019": 2, "2021": 1, "unknown": 1}
    assert filled.facets(SearchQuery(review=True, court="VG Köln")) == {
        "doc_type": {"court_decision": 1}, "year": {"2019": 1}, "court": {"VG Köln": 1}}


def test_api_facets_and_review_reasons(tmp_path: Path) -> None:
    cat = load(open_catalog_url(str(tmp_path / "catalog.sqlite")), _docs(), TEXTS)  # type: ignore[arg-type]
    tokens = TokenTable.from_env({"EAKTE_API_TOKENS": "alice:tok-facets"})
    with TestClient(create_app(cat, None, tmp_path / "cache", tokens)) as client:
        assert client.get("/api/facets").status_code == 401
        assert client.get("/api/review-reasons").status_code == 401
        client.headers["Authorization"] = "Bearer tok-facets"
        body = client.get("/api/facets", params={"text": "Klage", "review": "true"}).json()
        assert body == {"doc_type": {"court_decision": 2}, "year": {"2019": 1, "unknown": 1},
                        "court": {"VG Köln": 1, "OVG Nordrhein-Westfalen": 1}, "exact": True}
        assert client.get("/api/facets", params={"text": "!!"}).status_code == 422
        labels = client.get("/api/review-reasons").json()
        assert labels["no_document_date"] == "Kein Dokumentdatum gefunden"
        hits = client.get("/api/search", params={"review_reason": "no_file_number"}).json()["hits"]
        assert [h["document"]["document_id"] for h in hits] == ["d-1"]
        assert client.get("/api/search", params={"review_reason": "x; DROP"}).status_code == 422
    assert cat.audit_entries() == [e for e in cat.audit_entries() if e.endpoint == "search"]  # facets audit nothing
    cat.close()


def test_cli_review_queue_with_labels(tmp_path: Path) -> None:
    load(open_catalog_url(str(tmp_path / "catalog.sqlite")), _docs(), TEXTS).close()  # type: ignore[arg-type]
    (tmp_path / "store").mkdir()  # a data dir holds a store beside the catalog (read commands check both)
    exe = shutil.which("eakte", path=str(BIN)) or "eakte"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("EAKTE_")}, "COLUMNS": "300"}
    res = subprocess.run([exe, "search", "--review", "--review-reason", "no_file_number", "--data-dir", str(tmp_path)],
                         capture_output=True, text=True, env=env)
    assert res.returncode == 0, res.stderr[-300:]
    assert "d-1" in res.stdout and "Kein Aktenzeichen gefunden" in res.stdout and "d-3" not in res.stdout
    res = subprocess.run([exe, "search", "--no-review", "--format", "jsonl", "--data-dir", str(tmp_path)],
                         capture_output=True, text=True, env=env)
    assert res.returncode == 0 and '"d-2"' in res.stdout and '"d-1"' not in res.stdout
    bad = subprocess.run([exe, "search", "--review-reason", "Kein Datum", "--data-dir", str(tmp_path)],
                         capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "review_reason" in bad.stderr


def test_existing_catalogs_get_their_review_reasons(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(migrate._config(conn), "0006")
        conn.execute(sa.text("INSERT INTO akten VALUES ('a-s', 'x', 'a-s.pdf', 1)"))
        record = doc("d-old", review=Review(needed=True, reasons=["no_court", "damaged_date:p2"])).model_dump_json()
        conn.execute(sa.text("INSERT INTO documents (document_id, akte_id, source_sha256, source_path, first_page, "
                             "last_page, doc_type, confidence, review_needed, record) VALUES ('d-old', 'a-s', 'x', "
                             "'a-s.pdf', 1, 1, 'court_decision', 0.9, 1, :r)"), {"r": record})
    engine.dispose()
    cat = open_catalog_url(str(path))
    try:
        assert ids(cat, review_reason="damaged_date") == ["d-old"] and ids(cat, review_reason="no_court") == ["d-old"]
    finally:
        cat.close()
