"""The search page end to end: `eakte serve` as a real process, headless Chromium (Debian package) via Playwright.

One server per module (a real `eakte serve` over the small data set of tests/search_data.py); each test opens
its own browser page and saves screenshots into its temp dir (SCREENSHOT_DIR overrides).
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import serving
from tests.search_data import build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--lang=de-DE", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "page-test-token"

NEEDS_CHROMIUM = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                    reason="Debian package chromium not installed (scripts/setup.sh installs it)")
pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("web-data")
    catalog, _ = build(root)
    catalog.close()
    return root


@pytest.fixture(scope="module")
def server(data_dir: Path) -> Iterator[str]:
    with serving(data_dir, f"caseworker:{TOKEN}") as url:
        yield url


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


def test_the_document_view_shows_german_labels_dates_and_the_akte(server: str, page: Page, shots: Path) -> None:
    from playwright.sync_api import expect

    login(page, server)
    hits = page.locator("#results")
    expect(hits.locator("li[data-id=d-urteil] .type")).to_have_text("Urteil")
    expect(hits.locator("li[data-id=d-urteil]")).to_contain_text("04.03.2019 · VG Köln")
    expect(hits.locator("li[data-id=d-lohn]")).to_contain_text("Lohnabrechnung · 31.05.2021")
    hits.locator("li[data-id=d-urteil]").click()
    fields = page.locator("#fields")
    for row in ("Gerichtsentscheidung – Urteil", "Sicherheit90 %", "Prüfungkein Prüfbedarf", "Datum04.03.2019",
                "22 K 3443/18.A (Gericht)", "Amina Öztürk (Kläger/in)", "Verhandlung: 20.02.2019"):
        expect(fields).to_contain_text(row)
    shown = fields.inner_text()
    for code in ("court_decision", "urteil", "plaintiff", "hearing_date", "2019-03-04", "(court)"):
        assert code not in shown, code
    # the Akte's documents, in order, each with its first page fetched with the token
    akte = page.locator("#akte-list li")
    expect(akte).to_have_count(2)
    expect(page.locator("#akte h3")).to_have_text("Akte a-test: 2 Dokumente")
    expect(akte.nth(0)).to_have_class("current")
    expect(akte.nth(1)).to_contain_text("Lohnabrechnung31.05.2021S. 3–3")
    page.wait_for_function("() => [...document.querySelectorAll('#akte-list img')]"
                           ".every(i => i.src.startsWith('blob:') && i.complete && i.naturalWidth > 50)")
    page.screenshot(path=str(shots / "document-view.png"), full_page=True)
    akte.nth(1).locator("button").click()
    expect(fields).to_contain_text("Mohammed Al-Hassan (Arbeitnehmer/in)")
    expect(fields).to_contain_text("Beschäftigungsnachweis – Lohnabrechnung")
    expect(page.locator("#akte-list li.current")).to_have_attribute("data-id", "d-lohn")
    # the filter selects speak German too
    options = page.locator("select[name=doc_subtype] option").all_inner_texts()
    assert "Beschluss" in options and "beschluss" not in options
    assert "Kläger/in" not in options  # (roles are not a filter)


def test_a_bookmarked_search_reloads_with_the_same_hits(server: str, page: Page, browser: Browser,
                                                        shots: Path) -> None:
    from playwright.sync_api import expect

    login(page, server)
    page.fill("#q", "Klage")
    page.fill("input[name=court]", "VG Köln")
    page.select_option("select[name=doc_type]", "court_decision")
    page.click("#search button")
    expect(page.locator("#status")).to_contain_text("1 Treffer")
    url = page.url
    assert "q=Klage" in url and "court=VG+K%C3%B6ln" in url and "doc_type=court_decision" in url
    assert TOKEN not in url
    ids = page.locator("#results li").evaluate_all("els => els.map(e => e.dataset.id)")
    assert ids == ["d-urteil"]
    page.reload()  # same tab: the token is still in sessionStorage, the search runs again
    expect(page.locator("#status")).to_contain_text("1 Treffer")
    assert page.locator("#results li").evaluate_all("els => els.map(e => e.dataset.id)") == ids
    assert page.input_value("#q") == "Klage" and page.input_value("input[name=court]") == "VG Köln"
    # the bookmark in a new tab: sign in, and the bookmarked search is what runs
    other = page.context.new_page()
    login(other, server, path=url[len(server):])
    expect(other.locator("#status")).to_contain_text("1 Treffer")
    assert other.locator("#results li").evaluate_all("els => els.map(e => e.dataset.id)") == ids
    assert other.input_value("select[name=doc_type]") == "court_decision"
    other.screenshot(path=str(shots / "bookmark.png"))


def _api_status(server: str, path: str) -> int:
    req = urllib.request.Request(server + path, headers={"Authorization": f"Bearer {TOKEN}"})
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            return int(res.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_facets_show_beside_the_hits_when_the_server_has_them(server: str, page: Page, shots: Path) -> None:
    from playwright.sync_api import expect

    facets = page.locator("#facets")
    if _api_status(server, "/api/facets") == 404:  # a server without the endpoint: the column stays hidden
        login(page, server)
        expect(page.locator("#status")).to_contain_text("2 Treffer")
        expect(facets).to_be_hidden()
        # the answer the endpoint gives (doc_type / year / court counts), served in its place here
        body = '{"doc_type": {"court_decision": 1, "employment_proof": 1}, "year": {"2019": 1, "2021": 1},' \
               ' "court": {"VG Köln": 1}}'
        page.route("**/api/facets?**", lambda r: r.fulfill(status=200, content_type="application/json", body=body))
        page.fill("#q", "")
        page.click("#search button")
    else:
        login(page, server)
    expect(facets).to_be_visible()
    expect(facets.locator("[data-facet=doc_type]")).to_contain_text("Gerichtsentscheidung 1")
    expect(facets.locator("[data-facet=year]")).to_contain_text("2019 1")
    page.screenshot(path=str(shots / "facets.png"))
    facets.locator("[data-facet=year] button[data-value='2019']").click()
    expect(page.locator("#status")).to_contain_text("1 Treffer")
    assert page.input_value("input[name=date_from]") == "2019-01-01"
    assert page.input_value("input[name=date_to]") == "2019-12-31"


def test_the_review_filter_is_passed_as_query_parameters(server: str, page: Page, shots: Path) -> None:
    from playwright.sync_api import expect

    login(page, server)
    expect(page.locator("#status")).to_contain_text("2 Treffer")
    page.select_option("select[name=review]", "true")
    page.select_option("select[name=review_reason]", "no_court")
    with page.expect_request("**/api/search?**") as sent:
        page.click("#search button")
    assert "review=true" in sent.value.url and "review_reason=no_court" in sent.value.url
    assert "review=true" in page.url and "review_reason=no_court" in page.url
    options = page.locator("select[name=review_reason] option").all_inner_texts()
    assert "kein Gericht erkannt" in options and "no_court" not in options
    if _api_status(server, "/api/search?review=true&review_reason=no_court") == 422:
        expect(page.locator("#status")).to_contain_text("kennt den Prüffilter noch nicht")
        expect(page.locator("#results li")).to_have_count(0)  # not the earlier search's hits under the message
    else:  # no document of the test data needs review
        expect(page.locator("#status")).to_contain_text("0 Treffer")
    page.screenshot(path=str(shots / "review-filter.png"))


def test_a_refused_search_gets_a_german_message_naming_the_field(server: str, page: Page) -> None:
    from playwright.sync_api import expect

    # The date inputs cannot hold 2015-02-30 (Chromium empties them); the API's 422 is put in German anyway.
    login(page, server, path="/?date_from=2015-02-30")
    expect(page.locator("#status")).to_contain_text("2 Treffer")
    message = page.evaluate("api('/api/search?date_from=2015-02-30').then(() => 'ok', e => e.message)")
    assert message.startswith("Ungültige Eingabe: Datum von") and "2015" not in message
