"""One searchable page: the scan as it was read, with tesseract's invisible text laid over it.

A page of a PDF source is the original page itself (`overlay_original`, OCRmyPDF's approach): its content
is copied untouched (vector and MRC layers stay as they are, nothing is re-encoded) and the text page is
placed over it. Image files, pages OCR read turned (OSD) and odd page geometry take the image sandwich.

Tesseract reads a thresholded copy of the page (eakte/pages/binarize.py) and writes a text-only PDF page
(`textonly_pdf`); the visible image is the page image itself, embedded without re-encoding (img2pdf
copies JPEG and G4 data as they are). This is OCRmyPDF's "sandwich": caseworkers see the grey scan
(photos, stamps, faint pencil) while the text layer comes from the image OCR reads best.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import img2pdf
import pikepdf
from PIL import Image

from eakte.errors import RenderFailed

_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
_KEPT = ("/Contents", "/Group", *_INHERITED)  # not annotations, thumbnails, structure or piece info


def _inherited(page: pikepdf.Dictionary, key: str) -> Any:
    node: Any = page
    for _ in range(64):  # a page tree deeper than this is a loop
        if node is None:
            return None
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return None


def _same_box(a: Any, b: Any) -> bool:
    return a is None or b is None or all(abs(float(x) - float(y)) < 0.01 for x, y in zip(a, b, strict=True))


def _direct(value: Any) -> Any:
    """A box or /Rotate of another PDF as a plain value of ours."""
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([float(v) for v in value])
    return int(value)


def _has_text(resources: Any) -> bool:
    """Fonts or form XObjects (which may hold text) among the page's resources."""
    if resources is None:
        return False
    if resources.get("/Font") is not None:
        return True
    xobjects = resources.get("/XObject") or {}
    return any(x.get("/Subtype") != "/Image" for x in xobjects.values())


def overlay_original(source: pikepdf.Pdf, number: int, text_pdf: Path, out: Path) -> Path | None:
    """Writes `out`: page `number` of `source` as it is, tesseract's text page over the area pdftoppm rendered.

    None when the page's geometry is unusual (a crop box other than the media box, /UserUnit) or the page
    carries text of its own (fonts or forms: a garbled text layer would stay beside ours, and its fonts may
    break PDF/A): the caller falls back to the image sandwich. The text page is fitted into the media box
    with the page's /Rotate undone (qpdf's form XObject placement), so it lies over the page as shown.
    """
    src = source.pages[number - 1].obj
    media, crop, rotate = (_inherited(src, k) for k in ("/MediaBox", "/CropBox", "/Rotate"))
    if media is None or not _same_box(media, crop) or float(src.get("/UserUnit", 1)) != 1.0:
        return None
    if int(rotate or 0) % 90 or _has_text(_inherited(src, "/Resources")):
        return None
    with pikepdf.new() as pdf, pikepdf.open(text_pdf) as text:
        pdf.pages.append(source.pages[number - 1])  # qpdf copies the page's objects, not its neighbours
        page = pdf.pages[0]
        for key in list(page.obj.keys()):
            if key not in _KEPT and key != "/Type":
                del page.obj[key]
        for key in _INHERITED:
            value = _inherited(src, key)
            if value is not None and key not in page.obj:
                page.obj[key] = pdf.copy_foreign(value) if key == "/Resources" else _direct(value)
        page.add_overlay(text.pages[0], pikepdf.Rectangle(page.mediabox))
        pdf.save(out)
    return out


def sandwich_page(image: Path, dpi: int | None, text_pdf: Path, out: Path) -> Path:
    """Writes `out`: `image` as the page, the text layer of `text_pdf` scaled over it (same pixel grid)."""
    try:
        if image.suffix == ".pgm":  # a rendered PDF page that could not be overlaid: img2pdf takes a JPEG
            jpeg = image.with_suffix(".sandwich.jpg")
            with Image.open(image) as im:
                im.save(jpeg, format="JPEG", quality=90, **({"dpi": (dpi, dpi)} if dpi else {}))
            image = jpeg
        elif image.suffix == ".pbm":  # a bilevel page (eakte/pages/source.py): shown as CCITT G4, like a scanner's
            g4 = image.with_suffix(".sandwich.tif")
            with Image.open(image) as im:
                im.save(g4, format="TIFF", compression="group4", **({"dpi": (dpi, dpi)} if dpi else {}))
            image = g4
        if dpi:
            data = img2pdf.convert(str(image), layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)))
        else:
            data = img2pdf.convert(str(image))
        with pikepdf.open(text_pdf) as text, pikepdf.open(io.BytesIO(data or b"")) as page_pdf:
            page = page_pdf.pages[0]
            # The text page has the image's pixel size at the dpi tesseract assumed; scaled onto the
            # image page, both agree even when the scan carries no resolution.
            page.add_overlay(text.pages[0], pikepdf.Rectangle(page.mediabox))
            page_pdf.save(out)
    except (img2pdf.ImageOpenError, pikepdf.PdfError, OSError, ValueError) as exc:
        raise RenderFailed("the searchable page could not be assembled from the scan and its text") from exc
    return out
