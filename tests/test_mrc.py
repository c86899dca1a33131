"""MRC pages (a light background JPEG plus 1-bit stencil masks) are OCRed from their stencils, not rendered.

The composite must be what eakte/pages/binarize.py would make of pdftoppm's rendering: same pixels, same text.
"""

from __future__ import annotations

import io
import random
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps
from rapidfuzz import fuzz

from eakte.config import Limits
from eakte.pages.binarize import bilevel_copy, otsu_level
from eakte.pages.source import PdfPages
from eakte.tools import poppler, tesseract
from tests.conftest import REAL_DECISIONS
from tests.scans import FONT

REAL_MRC = REAL_DECISIONS / "pdf" / "rc-f5593e7faed0.pdf"  # 150-dpi grey JPEG + 300-dpi CCITT stencils


def _thresholded(pgm: Path) -> Image.Image:
    """pdftoppm's page as OCR would see it on the rendering path (Otsu, eakte/pages/binarize.py)."""
    with Image.open(pgm) as im:
        grey = im.convert("L")
    level = otsu_level(grey.histogram())
    return grey.point([255 if v > level else 0 for v in range(256)])


def _agreement(mine: Path, ref: Image.Image, slack: bool = False) -> tuple[float, float]:
    """(share of equal pixels, share of the reference's black pixels that are black in mine).

    `slack`: a reference pixel counts as matched when mine is black within one pixel (pdftoppm draws
    images on a turned page with its own sub-pixel rounding).
    """
    with Image.open(mine) as im:
        a = im.convert("L")
    b = ref.crop((0, 0, a.width, a.height))
    n = a.width * a.height
    equal = 1 - ImageChops.difference(a, b).histogram()[255] / n
    near = a.filter(ImageFilter.MinFilter(3)) if slack else a
    ink = ImageChops.lighter(near, b).histogram()[0] / max(1, b.histogram()[0])
    return equal, ink


def _stencil(pdf: pikepdf.Pdf, text: str, size: tuple[int, int], inverted: bool = False) -> pikepdf.Stream:
    """A Flate stencil mask of `text` (sample 0 paints; with /Decode [1 0] sample 1 paints)."""
    im = Image.new("1", size, 1)
    ImageDraw.Draw(im).text((10, 5), text, fill=0, font=ImageFont.truetype(FONT, 50))
    if inverted:
        im = ImageOps.invert(im.convert("L")).convert("1", dither=Image.Dither.NONE)
    obj = pdf.make_stream(zlib.compress(im.tobytes()), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                          Width=size[0], Height=size[1], ImageMask=True, BitsPerComponent=1,
                          Filter=pikepdf.Name.FlateDecode)
    if inverted:
        obj.Decode = pikepdf.Array([1, 0])
    return obj


def _mrc_pdf(path: Path, content: bytes, background: int = 245, rotate: int = 0) -> Path:
    """An A4 page as MRC scanners write it: a 150-dpi grey JPEG background, 300-dpi text stencils over it."""
    with pikepdf.new() as pdf:
        buf = io.BytesIO()
        Image.new("L", (1240, 1754), background).save(buf, format="JPEG")
        bg = pdf.make_stream(buf.getvalue(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=1240,
                             Height=1754, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                             Filter=pikepdf.Name.DCTDecode)
        xobjects = pikepdf.Dictionary(BG=bg, T1=_stencil(pdf, "Verwaltungsgericht Beispielstadt", (1000, 80)),
                                      T2=_stencil(pdf, "Aktenzeichen 4 K 123/21", (800, 80), inverted=True),
                                      T3=_stencil(pdf, "hell gedruckt", (600, 80)))
        page = pdf.add_blank_page(page_size=(595.2, 841.68))
        page.obj.Resources = pikepdf.Dictionary(XObject=xobjects)
        page.obj.Contents = pdf.make_stream(content)
        if rotate:
            page.obj.Rotate = rotate
        pdf.save(path)
    return path


# Background, a black stencil, a red /Decode [1 0] stencil, a nearly white one (Otsu drops it, so must we).
MRC_CONTENT = (b"q 595.2 0 0 841.68 0 0 cm /BG Do Q 0.1 g q 240 0 0 19.2 72 700 cm /T1 Do Q "
               b"q 1 0 0 rg 192 0 0 19.2 72.24 650.16 cm /T2 Do Q 0.93 g q 144 0 0 19.2 300 600 cm /T3 Do Q")


@pytest.mark.parametrize("rotate", [0, 90])
def test_stencils_are_composed_like_the_thresholded_rendering(tmp_path: Path, rotate: int) -> None:
    pdf = _mrc_pdf(tmp_path / "mrc.pdf", MRC_CONTENT, rotate=rotate)
    page = PdfPages(pdf, tmp_path, Limits(), 300).render(1, tmp_path / "p1")
    assert (page.path.suffix, page.dpi) == (".pbm", 300)  # composed, not rendered
    with Image.open(page.path) as im:
        assert im.mode == "1"
        assert (im.width > im.height) == (rotate == 90)
    ref = _thresholded(poppler.render_page(pdf, 1, 300, tmp_path / "ref", raw=True))
    equal, ink = _agreement(page.path, ref, slack=bool(rotate))
    assert equal >= 0.995 and ink >= 0.99, (equal, ink)
    if not rotate:  # the nearly white stencil is above the Otsu level: white in both
        light = (1250, 927, 1850, 1007)
        with Image.open(page.path) as im:
            assert im.convert("L").crop(light).getextrema() == (255, 255)
        assert ref.crop(light).getextrema() == (255, 255)


@pytest.mark.parametrize(("content", "background"), [
    (MRC_CONTENT, 120),  # a dark background may carry text
    (MRC_CONTENT + b" 0 g 72 100 m 300 100 l S", 245),  # a path
    (MRC_CONTENT + b" BT /F1 12 Tf (x) Tj ET", 245),  # text operators
    (b"q 595.2 0 0 841.68 0 0 cm /BG Do Q q 0 240 -19.2 0 300 300 cm /T1 Do Q", 245),  # a turned stencil
    (b"q 595.2 0 0 841.68 0 0 cm /BG Do Q q 120 0 0 9.6 72 700 cm /T1 Do Q", 245),  # 600-dpi stencil
    (b"q 240 0 0 19.2 72 700 cm /T1 Do Q q 595.2 0 0 841.68 0 0 cm /BG Do Q", 245),  # image over the text
    (b"q 595.2 0 0 841.68 0 0 cm /BG Do Q /Pattern cs q 240 0 0 19.2 72 700 cm /T1 Do Q", 245),
    (b"q 595.2 0 0 841.68 0 0 cm /BG Do Q Q q 240 0 0 19.2 72 700 cm /T1 Do Q", 245),  # unbalanced Q
])
def test_anything_but_a_plain_mrc_page_is_rendered(tmp_path: Path, content: bytes, background: int) -> None:
    pdf = _mrc_pdf(tmp_path / "odd.pdf", content, background=background)
    page = PdfPages(pdf, tmp_path, Limits(), 300).render(1, tmp_path / "p1")
    assert page.path.suffix == ".pgm"  # pdftoppm's rendering


@pytest.mark.skipif(not REAL_MRC.exists(), reason="real decisions not available")
def test_real_mrc_page_composite_matches_rendering_and_reads_the_same(tmp_path: Path) -> None:
    page = PdfPages(REAL_MRC, tmp_path, Limits(), 300).render(1, tmp_path / "p1")
    assert page.path.suffix == ".pbm"
    rendered = poppler.render_page(REAL_MRC, 1, 300, tmp_path / "ref", raw=True)
    equal, ink = _agreement(page.path, _thresholded(rendered))
    assert equal >= 0.99 and ink >= 0.97, (equal, ink)
    fast = tesseract.ocr(page.path, tmp_path / "fast", "deu", 300, 120.0)
    slow = tesseract.ocr(bilevel_copy(rendered, tmp_path / "ref", 300), tmp_path / "slow", "deu", 300, 120.0)
    assert len(slow.words) > 50
    # Word-level and order-free: tesseract may take the page's side blocks in another order.
    similarity = fuzz.token_sort_ratio(" ".join(w.text for w in fast.words), " ".join(w.text for w in slow.words))
    assert similarity >= 97, similarity  # a number only: the page's text stays out of test logs


def test_black_pixel_count_equals_the_histogram() -> None:
    from eakte.pages.mrc import _black_pixels

    rng = random.Random(5)
    for _ in range(20):
        im = Image.effect_noise((rng.randint(1, 300), rng.randint(1, 300)), 80).convert("1")
        assert _black_pixels(im) == im.histogram()[0]
