"""One searchable page: the scan as it was read, with tesseract's invisible text laid over it.

Tesseract reads a thresholded copy of the page (eakte/binarize.py) and writes a text-only PDF page
(`textonly_pdf`); the visible image is the page image itself, embedded without re-encoding (img2pdf
copies JPEG and G4 data as they are). This is OCRmyPDF's "sandwich": caseworkers see the grey scan
(photos, stamps, faint pencil) while the text layer comes from the image OCR reads best.
"""

from __future__ import annotations

import io
from pathlib import Path

import img2pdf
import pikepdf

from eakte.errors import RenderFailed


def sandwich_page(image: Path, dpi: int | None, text_pdf: Path, out: Path) -> Path:
    """Writes `out`: `image` as the page, the text layer of `text_pdf` scaled over it (same pixel grid)."""
    try:
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
