"""The case page in headless Chromium: the timeline is drawn, a click opens the right page image, and the
"Bericht (PDF)" button downloads the report with the token: a PDF that renders (pypdf text, pdftoppm pixels)."""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.case_data import build
from tests.conftest import serving
from tests.test_web_page import ARGS, CHROMIUM, NEEDS_CHROMIUM

if TYPE_CHECKING:
    from playwright.sync_api import Page

TOKEN = "case-page-token"

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("case-web")
    build(path)[0].close()
    return path


@pytest.fixture(scope="module")
def server(root: Path) -> Iterator[str]:
    with serving(root, f"caseworker:{TOKEN}") as url:
        yield url


@pytest.fixture
def page(server: str) -> Iterator[Page]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="de-DE")
        p = context.new_page()
        blocked: list[str] = []
        p.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
        yield p
        browser.close()
        assert blocked == []


def _view(server: str, key: str, at: str) -> Any:
    req = urllib.request.Request(f"{server}/api/cases/{key}?at={at}", headers={"Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def test_timeline_is_drawn_and_a_click_opens_the_evidence_page(server: str, page: Page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    key, at = "a-fixed-1-0004", "2025-06-01"
    expected = next(i for i in _view(server, key, at)["intervals"] if i["kind"] == "status:gestattet")["evidence"][0]
    page.goto(f"{server}/static/case.html?key={key}&at={at}")
    page.fill("#token", TOKEN)
    page.click("#login button")
    expect(page.locator("#who")).to_have_text("angemeldet als caseworker")
    band = page.locator("#timeline rect.band[data-kind='status:gestattet']")
    expect(band).to_have_count(1)
    assert page.locator("#timeline circle.mark").count() >= 3  # the Akte's documents as marks
    expect(page.locator("#checks tbody tr")).to_have_count(len(_view(server, key, at)["checks"]))
    expect(page.locator("#checks tr[data-check='passport'] td").nth(1)).to_have_text("unbekannt")
    expect(page.locator("#events li[data-kind='bamf_decision']")).to_contain_text("refugee_status: refused")
    with page.expect_response(lambda r: "/pages/" in r.url) as got:
        band.click()
    url = got.value.url
    assert url.endswith(f"/api/documents/{expected['document_id']}/pages/{expected['doc_page']}")
    assert got.value.status == 200
    img = page.locator("#page-image")
    expect(img).to_have_attribute("data-doc", expected["document_id"])
    page.wait_for_function("() => { const i = document.querySelector('#page-image'); "
                           "return i.complete && i.naturalWidth > 100; }")
    expect(page.locator("#viewer-title")).to_contain_text(f"Seite {expected['doc_page']}")
    # a document mark opens that document's first page
    mark = page.locator("#timeline circle.mark").first
    doc = mark.get_attribute("data-doc")
    with page.expect_response(lambda r: "/pages/" in r.url) as got2:
        mark.click(force=True)
    assert got2.value.url.endswith(f"/api/documents/{doc}/pages/1")
    expect(img).to_have_attribute("data-doc", doc or "")
    expect(img).to_have_attribute("data-page", "1")
    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "case-page.png"), full_page=True)
    assert (shots / "case-page.png").stat().st_size > 10_000


def test_the_report_button_downloads_a_pdf_that_renders(server: str, root: Path, page: Page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    from eakte.catalog import open_catalog_url
    from tests.case_report_check import ink, pdf_text, render_page

    key, at = "a-fixed-1-0004", "2025-06-01"
    view = _view(server, key, at)
    page.goto(f"{server}/static/case.html?key={key}&at={at}")
    page.fill("#token", TOKEN)
    page.click("#login button")
    expect(page.locator("#timeline rect.band").first).to_be_visible()
    button = page.get_by_role("button", name="Bericht (PDF)")
    expect(button).to_be_enabled()
    with page.expect_download() as got:
        button.click()
    download = got.value
    assert download.suggested_filename == f"fallbericht-{key}.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    pages, text = pdf_text(data)
    flat = " ".join(text.split())
    assert pages >= 1 and view["person"]["person_id"] in flat and "Stichtag 01.06.2025" in flat
    squashed = "".join(text.split())  # a narrow cell may wrap a long check name
    for check in view["checks"]:
        assert check["name"] in squashed
    image = render_page(data, 1, dpi=50)
    assert ink(image) > 0.03 and len(set(image.get_flattened_data())) > 8  # text, table shading, timeline colours
    expect(page.locator("#status")).to_have_text("Bericht erstellt.")
    catalog = open_catalog_url(str(root / "catalog.sqlite"))
    try:
        rows = [a for a in catalog.audit_entries() if a.endpoint == "case_report"]
    finally:
        catalog.close()
    assert {a.who for a in rows} == {"caseworker"} and key in {a.document_id for a in rows}
