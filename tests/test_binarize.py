"""OCR reads a thresholded copy of the page; the searchable page shows the grey scan under the text."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

from corpus.scanfx import Faults, apply
from eakte.config import Limits, Settings
from eakte.ocr.read import read_page
from eakte.pages.binarize import bilevel_copy, otsu_level
from eakte.pages.source import ImagePages

_LABEL = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_TYPEWRITER = "/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Regular.otf"  # what forms are filled in with
CELLS = [("Gültig ab", "28.10.2020"), ("Gültig bis", "27.11.2020"), ("Aktenzeichen", "32.1-12234/22")]


def _form_scan(path: Path, noise: float) -> Path:
    """Three form cells typed in a thin typewriter face beside a dark photo box, scanned with grain.

    In grey, tesseract read these as "28.1.0.2020", "27.211.2020" and "322.1.12252,22" (tesseract 5.3).
    """
    im = Image.new("L", (2480, 1000), 255)
    draw = ImageDraw.Draw(im)
    label, value = ImageFont.truetype(_LABEL, 30), ImageFont.truetype(_TYPEWRITER, 50)
    for i, (name, typed) in enumerate(CELLS):
        x = 200 + i * 720
        draw.rectangle((x, 300, x + 700, 450), outline=0, width=4)
        draw.text((x + 10, 305), name, font=label, fill=0)
        draw.text((x + 20, 370), typed, font=value, fill=0)
    draw.rectangle((200, 500, 600, 900), fill=110)  # a passport photo's grey
    apply(im, Faults(noise=noise), 300, seed=7).save(path, format="JPEG", quality=90, dpi=(300, 300))
    return path


def test_otsu_level_falls_between_ink_and_paper() -> None:
    hist = [0] * 256
    hist[25], hist[110], hist[242] = 2_000, 5_000, 90_000  # ink, a photo, paper
    assert 110 <= otsu_level(hist) < 242
    assert otsu_level([0] * 256) == 127  # an empty histogram does not crash


def test_bilevel_copy_is_pbm_at_a_known_resolution_g4_else_and_a_bilevel_page_is_used_as_is(tmp_path: Path) -> None:
    scan = _form_scan(tmp_path / "form.jpg", noise=2.5)
    bw = bilevel_copy(scan, tmp_path / "p1", 300)
    assert bw.suffix == ".pbm"  # tesseract gets the resolution as --dpi
    with Image.open(bw) as im, Image.open(bilevel_copy(scan, tmp_path / "p0", None)) as g4:
        assert im.mode == "1" and g4.info.get("compression") == "group4"  # no resolution: a G4 TIFF as before
        assert ImageChops.difference(im, g4.convert("1")).getbbox() is None  # the same pixels either way
        assert im.getpixel((1000, 100)) == 255 and im.getpixel((400, 700)) == 0  # paper white, photo black
        im.save(tmp_path / "already.tif", format="TIFF", compression="group4")
    assert bilevel_copy(tmp_path / "already.tif", tmp_path / "p2", 300) == tmp_path / "already.tif"


def test_form_cells_read_right_and_the_page_pdf_shows_the_grey_scan(tmp_path: Path) -> None:
    scan = _form_scan(tmp_path / "form.jpg", noise=2.5)
    source = ImagePages(scan, "jpeg", Limits())
    result = read_page(source, 1, tmp_path, Settings(ocr_workers=1))

    assert result.text.origin == "tesseract"
    for _, typed in CELLS:
        assert typed in result.text.text
    assert result.pdf is not None and result.pdf.exists()
    listing = subprocess.run(["pdfimages", "-list", str(result.pdf)], capture_output=True, text=True).stdout
    image_rows = [line.split() for line in listing.splitlines()[2:]]
    assert len(image_rows) == 1
    assert image_rows[0][3:5] == ["2480", "1000"] and image_rows[0][5] == "gray" and image_rows[0][7] == "8"
    assert image_rows[0][8] == "jpeg"  # the scanner's JPEG as it was, not the thresholded copy
    layer = subprocess.run(["pdftotext", str(result.pdf), "-"], capture_output=True, text=True).stdout
    assert "32.1-12234/22" in layer
    assert not list(tmp_path.glob("*.bw.*"))  # scratch images are gone once the page PDF holds the scan
