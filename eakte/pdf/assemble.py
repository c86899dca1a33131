"""Assembles one searchable PDF per document from the pages already produced (no second OCR pass).

OCRed pages come from tesseract's one-page PDFs (image + invisible text); text-layer pages are
copied from the source PDF; pages whose OCR failed keep their image so nothing disappears.
The result is PDF/A-2b (`eakte/pdf/pdfa.py`), because the e-file keeps it in place of the paper.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from PIL import Image

from eakte.model import PageResult, PageStatus
from eakte.pdf.pdfa import PdfaResult, make_pdfa
from eakte.tools.qpdf import merge_pages


def _image_page(image: Path) -> Path:
    """A page whose OCR failed keeps its image, as a one-page PDF beside it."""
    out = image.with_suffix(".image.pdf")
    with Image.open(image) as im:
        im.convert("L").save(out, format="PDF", resolution=300.0)
    return out


def build_document_pdf(pages: list[PageResult], source_pdf: Path | None, out: Path,
                       title: str | None = None) -> PdfaResult:
    """Writes the document's pages in order as PDF/A-2b; returns how the archival conversion went.

    qpdf assembles the page files into one file (flat memory), then pikepdf makes it PDF/A.
    """
    parts: list[tuple[Path, int]] = []
    for page in pages:
        if page.text.origin == PageStatus.text_layer and source_pdf is not None:
            parts.append((source_pdf, page.text.number))
        elif page.pdf is not None:
            parts.append((page.pdf, 1))
        elif page.image is not None and page.image.exists():
            parts.append((_image_page(page.image), 1))
    assembled = out.with_name(out.stem + ".assembled.pdf")
    if not parts:  # no page could be read or shown: an empty page keeps the document visible
        with pikepdf.new() as empty:
            empty.add_blank_page(page_size=(595, 842))
            empty.save(out.with_name(out.stem + ".blank.pdf"))
        parts = [(out.with_name(out.stem + ".blank.pdf"), 1)]
    try:
        merge_pages(parts, assembled)
        return make_pdfa(assembled, out, title=title)
    finally:
        assembled.unlink(missing_ok=True)
