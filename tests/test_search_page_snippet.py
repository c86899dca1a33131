"""The page draws a snippet from text nodes and <mark>s at the highlight offsets (code points), never as HTML."""

from __future__ import annotations

from pathlib import Path

from eakte.catalog import open_catalog_url
from tests.conftest import serving
from tests.search_backends import doc, load
from tests.test_web_page import ARGS, CHROMIUM, NEEDS_CHROMIUM

pytestmark = NEEDS_CHROMIUM
TOKEN = "snippet-page-token"
TEXT = "🙂 Beschluss [Nr. 15] <img src=x onerror=alert(1)> [/red] Die Abschiebung wird ausgesetzt."


def test_page_marks_the_highlights_and_shows_document_text_as_text(tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    load(open_catalog_url(str(tmp_path / "catalog.sqlite")), [doc("d-page")], {"d-page": TEXT}).close()
    (tmp_path / "store").mkdir()  # a data dir holds a store beside the catalog (read commands check both)
    with serving(tmp_path, f"caseworker:{TOKEN}") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page()
        page.goto(f"{url}/")
        page.fill("#token", TOKEN)
        page.click("#login button")
        page.fill("#q", "Abschiebung")
        page.click("#search button")
        snippet = page.locator("#results .snippet").first
        expect(snippet).to_contain_text("[/red]")
        assert snippet.locator("mark").all_inner_texts() == ["Abschiebung"]  # emoji before: offsets by code point
        assert "[Nr. 15] <img src=x onerror=alert(1)>" in snippet.inner_text()
        assert snippet.locator("img").count() == 0
        browser.close()
