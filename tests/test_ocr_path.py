"""Pins what the fast OCR path relies on: the embedded scan equals pdftoppm's page, the page window is bounded."""

from __future__ import annotations

import io
import random
import re
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader, PdfWriter

from eakte.config import Limits, Settings
from eakte.ingest.discover import Kind
from eakte.ocr.read import read_pages
from eakte.pages.binarize import bilevel_copy
from eakte.pages.source import PdfPages
from eakte.pdf.sandwich import sandwich_page
from eakte.tools import poppler, tesseract
from tests.scans import page_image

LINES = ["Verwaltungsgericht Beispielstadt", "Aktenzeichen 4 K 123/21", "Im Namen des Volkes", "Urteil"]


def _scan_pdf(path: Path, dpi: int, rotate: int = 0) -> Path:
    """An image-only PDF as scanners write it: one JPEG filling the page, optionally with /Rotate."""
    im = page_image(LINES, dpi=dpi)
    im.paste(0, (20, 20, 220, 120))  # a black block in one corner shows which way the page turned
    buf = io.BytesIO()
    im.save(buf, format="PDF", resolution=float(dpi))
    writer = PdfWriter(clone_from=PdfReader(buf))
    if rotate:
        writer.pages[0].rotate(rotate)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def _similar(a: Path, b: Path) -> float:
    """Mean absolute grey difference (0..255) of two page images at thumbnail size."""
    with Image.open(a) as x, Image.open(b) as y:
        xs, ys = x.convert("L").resize((200, 283)), y.convert("L").resize((200, 283))
        hist = ImageChops.difference(xs, ys).histogram()
        return sum(i * n for i, n in enumerate(hist)) / sum(hist)


def test_embedded_scan_with_rotate_270_matches_pdftoppm(tmp_path: Path) -> None:
    pdf = _scan_pdf(tmp_path / "rot.pdf", 300, rotate=270)
    source = PdfPages(pdf, tmp_path, Limits(), 300)
    fast = source.render(1, tmp_path / "fast")
    slow = poppler.render_page(pdf, 1, 300, tmp_path / "slow")
    with Image.open(slow) as ref:  # pdftoppm rounds the page size up: one pixel more at most
        assert 0 <= ref.width - fast.width <= 1 and 0 <= ref.height - fast.height <= 1
    assert fast.width > fast.height  # turned to landscape, like the viewer shows it
    assert _similar(fast.path, slow) < 3.0  # same orientation: the corner block lands in the same place


def test_embedded_scan_is_the_scanners_jpeg_byte_for_byte(tmp_path: Path) -> None:
    pdf = _scan_pdf(tmp_path / "plain.pdf", 300)
    source = PdfPages(pdf, tmp_path, Limits(), 300)
    fast = source.render(1, tmp_path / "fast")
    xobjects: Any = PdfReader(pdf).pages[0]["/Resources"]
    embedded = next(iter(xobjects["/XObject"].values())).get_object().get_data()
    assert fast.path.read_bytes() == embedded  # no rasterising, no second JPEG generation
    assert _similar(fast.path, poppler.render_page(pdf, 1, 300, tmp_path / "slow")) < 3.0


def test_other_resolutions_are_rendered_at_ocr_resolution(tmp_path: Path) -> None:
    pdf = _scan_pdf(tmp_path / "low.pdf", 150)
    fast = PdfPages(pdf, tmp_path, Limits(), 300).render(1, tmp_path / "page")
    assert abs(fast.width - round(8.27 * 300)) <= 2  # pdftoppm scaled the 150-dpi scan to 300 dpi
    with Image.open(fast.path) as im:  # raw grey: no JPEG is encoded, the searchable page is the original
        assert (im.format, im.mode, fast.dpi) == ("PPM", "L", 300)


def test_200_dpi_scans_are_read_at_their_own_resolution(tmp_path: Path) -> None:
    pdf = _scan_pdf(tmp_path / "jpeg200.pdf", 200)
    page = PdfPages(pdf, tmp_path, Limits(), 300).render(1, tmp_path / "page")
    assert (page.path.suffix, page.dpi, page.width) == (".jpg", 200, round(8.27 * 200))


def test_bilevel_scan_is_ocred_as_g4_at_its_resolution_like_pdftoppm_draws_it(tmp_path: Path) -> None:
    # Pillow writes bilevel pages as CCITT G4 with /BlackIs1 true: a wrong reading would invert the page.
    im = page_image(LINES, dpi=200)
    im.paste(0, (20, 20, 220, 120))
    buf = io.BytesIO()
    im.point(lambda v: 255 if v > 128 else 0).convert("1").save(buf, format="PDF", resolution=200.0)
    writer = PdfWriter(clone_from=PdfReader(buf))
    writer.pages[0].rotate(90)
    pdf = tmp_path / "g4.pdf"
    with pdf.open("wb") as fh:
        writer.write(fh)
    fast = PdfPages(pdf, tmp_path, Limits(), 300).render(1, tmp_path / "fast")
    assert (fast.path.suffix, fast.dpi) == (".pbm", 200)
    with Image.open(fast.path) as pbm:
        assert pbm.mode == "1"
        assert fast.pixels is not None and ImageChops.difference(pbm, fast.pixels).getbbox() is None
    slow = poppler.render_page(pdf, 1, 200, tmp_path / "slow", raw=True)
    with Image.open(slow) as ref:
        assert ref.size == (fast.width, fast.height)  # turned to landscape like the renderer
    assert _similar(fast.path, slow) < 3.0


class _SlowTextPages:
    """A page source whose pages take random time and that records which pages were asked for."""

    kind: Kind = "pdf"

    def __init__(self, count: int) -> None:
        self.page_count = count
        self.asked: list[int] = []
        self._lock = threading.Lock()
        self._rng = random.Random(4)

    def text_layer(self, number: int) -> str | None:
        with self._lock:
            self.asked.append(number)
            delay = self._rng.uniform(0, 0.01)
        time.sleep(delay)
        return f"Seite {number}"

    def render(self, number: int, out_base: Path) -> object:
        raise AssertionError("text pages are never rendered")

    def pdf_path(self) -> Path | None:
        return None


def test_page_window_bounds_pending_jobs_and_keeps_page_order(tmp_path: Path) -> None:
    source = _SlowTextPages(60)
    pages = read_pages(source, tmp_path, Settings(ocr_workers=2), window=3)  # type: ignore[arg-type]
    first = next(pages)
    time.sleep(0.2)  # give the pool every chance to run ahead
    assert first.text.number == 1
    assert max(source.asked) == 4  # pages 1-3 submitted, page 4 refilled when page 1 was handed over
    rest = [r.text.number for r in pages]
    assert [1, *rest] == list(range(1, 61))
    assert [r for r in source.asked if r > 60] == []


def test_ink_ratio_equals_the_median_filter_it_replaces(tmp_path: Path) -> None:
    from PIL import ImageFilter

    from eakte.ocr.read import _ink_ratio

    rng = random.Random(2)
    for trial in range(12):
        im = Image.effect_noise((rng.randint(40, 400), rng.randint(40, 400)), rng.uniform(30, 120))
        if trial % 2:  # speckle: isolated dark dots the median removes
            im = im.point([0 if v < rng.randint(40, 90) else 255 for v in range(256)])
        path = tmp_path / f"n{trial}.png"
        im.save(path)
        hist = im.filter(ImageFilter.MedianFilter(3)).histogram()
        assert _ink_ratio(path) == sum(hist[:160]) / sum(hist)
        bilevel = im.convert("1")  # a page render() kept decoded: the same answer as from its file
        bilevel.save(tmp_path / f"n{trial}.pbm")
        assert _ink_ratio(tmp_path / "missing.pbm", bilevel) == _ink_ratio(tmp_path / f"n{trial}.pbm")


def test_a_bilevel_page_shown_by_the_image_sandwich_is_embedded_as_g4(tmp_path: Path) -> None:
    """The fallback page (OSD turned it, or the original page cannot be reused) shows a PBM page as CCITT G4."""
    im = page_image(LINES, dpi=200).point(lambda v: 255 if v > 128 else 0).convert("1")
    im.save(tmp_path / "p1.pbm")
    text = tesseract.ocr(tmp_path / "p1.pbm", tmp_path / "p1", "deu", 200, 120.0, text_only=True)
    assert text.pdf is not None and "Aktenzeichen" in text.text
    out = sandwich_page(tmp_path / "p1.pbm", 200, text.pdf, tmp_path / "page.pdf")
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        (image,) = (x for x in page.obj.Resources.XObject.values() if x.get("/Subtype") == "/Image")
        assert [str(f) for f in pikepdf.Array(image.get("/Filter"))] == ["/CCITTFaxDecode"]
        assert (round(float(page.mediabox[2])), round(float(page.mediabox[3]))) == (
            round(im.width * 72 / 200), round(im.height * 72 / 200))


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _word_boxes(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """The text layer's words with their boxes as a viewer shows the page (pdftotext -bbox, in points)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(m[4], float(m[0]), float(m[1]), float(m[2]), float(m[3])) for m in _WORD.findall(html)]


@pytest.mark.parametrize(("dpi", "rotate"), [(300, 0), (150, 90)])
def test_original_page_under_the_text_puts_words_where_the_image_sandwich_does(
        tmp_path: Path, dpi: int, rotate: int) -> None:
    # 300 dpi: the scan's own JPEG is OCRed; 150 dpi with /Rotate 90: pdftoppm renders it turned.
    pdf = _scan_pdf(tmp_path / "scan.pdf", dpi, rotate=rotate)
    source = PdfPages(pdf, tmp_path, Limits(), 300)
    image = source.render(1, tmp_path / "p1")
    text = tesseract.ocr(bilevel_copy(image.path, tmp_path / "p1", image.dpi), tmp_path / "p1", "deu",
                         image.dpi, 60.0, text_only=True)
    assert text.pdf is not None
    new = source.searchable_page(1, text.pdf, tmp_path / "new.pdf")
    old = sandwich_page(image.path, image.dpi, text.pdf, tmp_path / "old.pdf")
    assert new is not None
    with pikepdf.open(new) as out, pikepdf.open(pdf) as orig:
        assert int(out.pages[0].obj.get("/Rotate", 0)) == rotate
        images = [x for x in out.pages[0].Resources.XObject.values() if x.get("/Subtype") == "/Image"]
        original = next(iter(orig.pages[0].Resources.XObject.values()))
        assert [x.read_raw_bytes() for x in images] == [original.read_raw_bytes()]  # the scan, untouched
    new_words, old_words = _word_boxes(new), _word_boxes(old)
    assert len(new_words) >= 10 and [w[0] for w in new_words] == [w[0] for w in old_words]
    for a, b in zip(new_words, old_words, strict=True):
        assert max(abs(x - y) for x, y in zip(a[1:], b[1:], strict=True)) < 1.5, (a, b)
    if rotate:  # the viewer shows the page landscape (842 pt wide), and the words are there
        assert max(w[3] for w in new_words) > 600


@pytest.mark.parametrize("oddity", ["crop box", "font"])
def test_unusual_crop_box_or_own_text_keeps_the_image_sandwich(tmp_path: Path, oddity: str) -> None:
    # A page OCRed despite fonts has a garbled text layer: copied, it would stay beside ours.
    pdf = _scan_pdf(tmp_path / "scan.pdf", 300)
    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:
        if oddity == "crop box":
            doc.pages[0].obj.CropBox = pikepdf.Array([20, 20, 500, 700])
        else:
            doc.pages[0].Resources.Font = pikepdf.Dictionary(F1=pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
        doc.save(pdf)
    with pikepdf.new() as blank:
        blank.add_blank_page(page_size=(595, 842))
        blank.save(tmp_path / "text.pdf")
    source = PdfPages(pdf, tmp_path, Limits(), 300)
    assert source.searchable_page(1, tmp_path / "text.pdf", tmp_path / "new.pdf") is None


def test_text_in_a_form_or_inherited_font_is_found_and_a_scan_is_not_parsed(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The no-font shortcut of the text-layer check must not hide text that sits in a form XObject or uses fonts
    inherited from the page tree, and a scan page must not be parsed at all."""
    from eakte.pages import source as source_module
    from tests.badinput import TEXT_PAGES, text_pdf

    pdf = text_pdf([TEXT_PAGES[0], TEXT_PAGES[0]])
    first = pdf.pages[0].obj  # page 1: its text moved into a form XObject drawn by the page
    form = pdf.make_stream(first.Contents.read_bytes(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                           BBox=[0, 0, 595, 842], Resources=first.Resources)
    first.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm1=form))
    first.Contents = pdf.make_stream(b"q /Fm1 Do Q")
    second = pdf.pages[1].obj  # page 2: its fonts inherited from the page tree
    pdf.Root.Pages.Resources = second.Resources
    del second["/Resources"]
    pdf.save(tmp_path / "text.pdf")
    pages = PdfPages(tmp_path / "text.pdf", tmp_path, Limits(), 300)
    for n in (1, 2):
        assert "Aufenthaltserlaubnis" in (pages.text_layer(n) or ""), n

    scan = _scan_pdf(tmp_path / "scan.pdf", 300)
    parsed: list[int] = []
    monkeypatch.setattr(source_module, "text_with_boxes", lambda page: parsed.append(1) or ("", None))
    assert PdfPages(scan, tmp_path, Limits(), 300).text_layer(1) is None
    assert parsed == []
