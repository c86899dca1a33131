"""The search page end to end: `eakte serve` as a real process, headless Chromium (Debian package) via Playwright.

One server per module (a real `eakte serve` over the small data set of tests/search_data.py); each test opens
its own browser page and saves screenshots into its temp dir (SCREENSHOT_DIR overrides).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import BIN, free_port, wait_port
from tests.search_data import build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "page-test-token"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason="Debian package chromium not installed (scripts/setup.sh installs it)")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("web-data")
    catalog, _ = build(root)
    catalog.close()
    return root


@pytest.fixture(scope="module")
def server(data_dir: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "EAKTE_API_TOKENS": f"caseworker:{TOKEN}"}
    exe = shutil.which("eakte", path=str(BIN)) or "eakte"
    proc = subprocess.Popen([exe, "serve", "--port", str(port), "--data-dir", str(data_dir)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(port, timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page; afterwards no Content-Security-Policy violation may have been reported."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    p = context.new_page()
    blocked: list[str] = []
    p.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    yield p
    context.close()
    assert blocked == []


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    out = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    return out


def login(page: Page, server: str, token: str = TOKEN, path: str = "/") -> None:
    page.goto(server + path)
    page.fill("#token", token)
    page.click("#login button")


def test_search_page_finds_a_document_and_shows_its_pages(server: str, data_dir: Path, page: Page,
                                                          shots: Path) -> None:
    from playwright.sync_api import expect

    login(page, server)
    expect(page.locator("#who")).to_have_text("angemeldet als caseworker")
    expect(page.locator("#status")).to_contain_text("2 Treffer")
    page.fill("#q", "Verwaltungsgericht")
    page.fill("input[name=party]", "Oeztuerk")
    page.click("#search button")
    expect(page.locator("#status")).to_contain_text("1 Treffer")
    hit = page.locator("#results li")
    expect(hit).to_have_count(1)
    expect(hit.locator("mark")).to_have_text("Verwaltungsgericht")
    hit.click()
    view = page.locator("#document")
    expect(view).to_contain_text("22 K 3443/18.A")
    expect(view).to_contain_text("Amina Öztürk")
    images = view.locator("#pages img")
    expect(images).to_have_count(2)
    page.wait_for_function("() => [...document.querySelectorAll('#pages img')]"
                           ".every(i => i.complete && i.naturalWidth > 0)")
    assert page.evaluate("document.querySelector('#pages img').naturalWidth") > 100
    # the served pages were kept in the server's memory only: no image of them under the data dir
    assert not (data_dir / "cache").exists() and not list(data_dir.rglob("*.jpg"))
    page.screenshot(path=str(shots / "search-page.png"), full_page=True)
    assert (shots / "search-page.png").stat().st_size > 10_000
    # A token that stops being valid is refused on the page, too.
    page.evaluate("sessionStorage.setItem('eakte-token', 'wrong')")
    page.click("#search button")
    expect(page.locator("#status")).to_contain_text("gültigen API-Token")


def test_a_wrong_token_is_not_shown_as_logged_in(server: str, page: Page, shots: Path) -> None:
    from playwright.sync_api import expect

    login(page, server, token="not-the-token")
    who = page.locator("#who")
    expect(who).to_contain_text("Anmeldung fehlgeschlagen")
    expect(who).not_to_contain_text("angemeldet")
    expect(page.locator("#results li")).to_have_count(0)
    assert page.evaluate("sessionStorage.getItem('eakte-token')") is None
    page.screenshot(path=str(shots / "wrong-token.png"))
    # A stored token is checked on reload as well, not trusted.
    page.evaluate("sessionStorage.setItem('eakte-token', 'also-wrong')")
    page.reload()
    expect(who).to_contain_text("Anmeldung fehlgeschlagen")


def test_a_new_search_clears_a_document_that_is_not_among_its_hits(server: str, page: Page, shots: Path) -> None:
    from playwright.sync_api import expect

    login(page, server)
    expect(page.locator("#results li")).to_have_count(2)
    page.locator("#results li[data-id=d-urteil]").click()
    expect(page.locator("#document")).to_contain_text("22 K 3443/18.A")
    page.fill("#q", "Lohnabrechnung")
    page.click("#search button")
    expect(page.locator("#results li")).to_have_count(1)
    expect(page.locator("#document")).to_be_hidden()
    expect(page.locator("#document")).not_to_contain_text("22 K 3443/18.A")
    page.screenshot(path=str(shots / "detail-cleared.png"))
    # A document among the new hits stays open.
    page.locator("#results li[data-id=d-lohn]").click()
    expect(page.locator("#document")).to_contain_text("Mohammed Al-Hassan")
    page.fill("#q", "Mai")
    page.click("#search button")
    expect(page.locator("#document")).to_contain_text("Mohammed Al-Hassan")


def test_the_pdf_opens_in_a_viewer_frame_fetched_with_the_token(server: str, page: Page, shots: Path) -> None:
    import re

    from playwright.sync_api import Request, expect

    pdf_requests: list[Request] = []
    page.on("request", lambda r: pdf_requests.append(r) if r.url.endswith("/pdf") else None)
    login(page, server)
    page.locator("#results li[data-id=d-urteil]").click()
    page.click("#document .tabs button[data-view=PDF]")
    frame = page.locator("#pdf-frame")
    expect(frame).to_have_attribute("src", re.compile(r"^blob:"))
    assert [r.url for r in pdf_requests] == [server + "/api/documents/d-urteil/pdf"]
    assert pdf_requests[0].headers["authorization"] == f"Bearer {TOKEN}"
    response = pdf_requests[0].response()
    assert response is not None and response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    # the frame's blob holds the PDF's bytes (the CSP lets the page fetch only 'self', so app.js notes the size)
    req = urllib.request.Request(pdf_requests[0].url, headers={"Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(req, timeout=10) as res:
        size = len(res.read())
    expect(frame).to_have_attribute("data-bytes", str(size))
    page.screenshot(path=str(shots / "pdf-viewer.png"))


def test_the_text_view_marks_the_query_words_without_making_markup(server: str, page: Page, shots: Path) -> None:
    from playwright.sync_api import expect

    login(page, server)
    page.fill("#q", "klage verwaltungsgericht")
    page.click("#search button")
    page.locator("#results li[data-id=d-urteil]").click()
    page.click("#document .tabs button[data-view=Text]")
    text = page.locator("#text")
    expect(text).to_contain_text("Das Verwaltungsgericht Köln weist die Klage ab.")
    expect(text.locator("mark")).to_have_text(["Verwaltungsgericht", "Klage"])
    page.screenshot(path=str(shots / "text-view.png"))
    # document text that looks like markup stays text
    made = page.evaluate("""() => { const box = document.createElement('div');
        box.append(highlighted('<img src=x onerror=alert(1)> Öztürk klagt', queryWords('oztürk')));
        return [box.querySelectorAll('img').length, box.querySelector('mark').textContent, box.textContent]; }""")
    assert made == [0, "Öztürk", "<img src=x onerror=alert(1)> Öztürk klagt"]


def test_the_api_docs_render_with_no_network_beyond_the_server(server: str, page: Page, shots: Path) -> None:
    from playwright.sync_api import Route, expect

    outside: list[str] = []

    def only_the_server(route: Route) -> None:
        if route.request.url.startswith(server + "/"):
            route.continue_()
        else:  # a CDN (or anything else) is unreachable, as on the authority's network
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_server)
    page.goto(server + "/docs")
    ops = page.locator(".opblock-summary-path")
    expect(ops.filter(has_text="/api/search")).to_have_count(1)
    expect(ops.filter(has_text="/api/documents/{document_id}/pdf")).to_have_count(1)
    assert ops.count() >= 7
    page.screenshot(path=str(shots / "api-docs.png"))
    assert outside == []
