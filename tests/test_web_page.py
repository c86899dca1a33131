"""The search page end to end: `eakte serve` as a real process, headless Chromium (Debian package) via Playwright.

Logs in with a token, searches with a filter, opens a hit, waits for the rendered page image, and saves
a screenshot (SCREENSHOT_DIR, default the test's temp dir).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BIN, free_port, wait_port
from tests.search_data import build

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "page-test-token"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason="Debian package chromium not installed (scripts/setup.sh installs it)")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    catalog, _ = build(tmp_path)
    catalog.close()
    port = free_port()
    env = {**os.environ, "EAKTE_API_TOKENS": f"caseworker:{TOKEN}"}
    exe = shutil.which("eakte", path=str(BIN)) or "eakte"
    proc = subprocess.Popen([exe, "serve", "--port", str(port), "--data-dir", str(tmp_path)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(port, timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_search_page_finds_a_document_and_shows_its_pages(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server + "/")
        page.fill("#token", TOKEN)
        page.click("#login button")
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
        images = view.locator("img")
        expect(images).to_have_count(2)
        page.wait_for_function("() => [...document.querySelectorAll('#document img')]"
                               ".every(i => i.complete && i.naturalWidth > 0)")
        assert page.evaluate("document.querySelector('#document img').naturalWidth") > 100
        page.screenshot(path=str(shots / "search-page.png"), full_page=True)
        # A wrong token is refused on the page, too.
        page.evaluate("sessionStorage.setItem('eakte-token', 'wrong')")
        page.click("#search button")
        expect(page.locator("#status")).to_contain_text("gültigen API-Token")
        browser.close()
    assert (shots / "search-page.png").stat().st_size > 10_000
