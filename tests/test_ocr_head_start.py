"""The head start: the first pages read while Prefect starts are the pages the source would have read itself."""

from __future__ import annotations

import io
from concurrent.futures import Future
from pathlib import Path

from eakte.config import Settings
from eakte.ids import sha256_file
from eakte.model import PageResult
from eakte.ocr import head_start
from eakte.ocr.read import read_page, read_pages
from eakte.pages.source import open_pages
from extractors.model import PageText
from tests.scans import page_image

PAGES = [["Verwaltungsgericht Beispielstadt", "Aktenzeichen 4 K 123/21"],
         ["Im Namen des Volkes", "Urteil vom 12. Maerz 2021"],
         ["Gruende", "Die Klage ist zulaessig"]]


def _scans(path: Path) -> Path:
    """A three-page image-only PDF (grey JPEG scans at 200 dpi)."""
    ims = [page_image(lines, dpi=200).convert("L") for lines in PAGES]
    buf = io.BytesIO()
    ims[0].save(buf, format="PDF", resolution=200.0, save_all=True, append_images=ims[1:])
    path.write_bytes(buf.getvalue())
    return path


def test_pages_read_ahead_equal_a_fresh_read_and_go_only_to_their_source(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    pdf = _scans(inbox / "a.pdf")
    settings = Settings(data_dir=tmp_path / "data", ocr_workers=1)  # window 2: pages 1 and 2 ahead
    ahead = head_start.HeadStart([inbox], settings)
    ahead._thread.join(120)
    assert ahead.take("0" * 64) == {}  # another source gets nothing, and nothing starts after it
    pages = ahead.take(sha256_file(pdf))
    assert sorted(pages) == [1, 2]
    assert ahead.take(sha256_file(pdf)) == {}  # handed over once
    fresh = open_pages(pdf, "pdf", tmp_path, settings.limits, settings.ocr_dpi)
    for n, page in pages.items():
        again = read_page(fresh, n, tmp_path, settings)
        got = page.result()
        assert (got.text.text, got.text.origin, got.text.confidence) == (again.text.text, again.text.origin,
                                                                         again.text.confidence)
        assert "Verwaltungsgericht" in pages[1].result().text.text
        assert got.pdf is not None and got.pdf.is_relative_to(ahead.folder)
    ahead.finish()
    assert not ahead.folder.exists()  # pages nobody took go with the folder


def test_a_stopped_head_start_reads_no_more_pages(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    pdf = _scans(inbox / "a.pdf")
    ahead = head_start.HeadStart([inbox], Settings(data_dir=tmp_path / "data", ocr_workers=4))
    ahead.stop()  # the run's sources start at once
    ahead._thread.join(120)
    assert len(ahead.take(sha256_file(pdf))) <= 1  # at most the page that was already in progress
    ahead.finish()


def test_read_pages_takes_ready_pages_and_reads_the_rest(tmp_path: Path) -> None:
    class Pages:
        kind = "pdf"
        page_count = 4

        def __init__(self) -> None:
            self.asked: list[int] = []

        def text_layer(self, number: int) -> str | None:
            self.asked.append(number)
            return f"Seite {number}"

    done: Future[PageResult] = Future()
    done.set_result(PageResult(PageText(1, "vorab gelesen", origin="tesseract")))
    source = Pages()
    out = list(read_pages(source, tmp_path, Settings(ocr_workers=2), ready={1: done}))  # type: ignore[arg-type]
    assert [r.text.text for r in out] == ["vorab gelesen", "Seite 2", "Seite 3", "Seite 4"]
    assert sorted(source.asked) == [2, 3, 4]
