"""Assembles one searchable PDF per document from the pages already produced (no second OCR pass).

OCRed pages come from tesseract's one-page PDFs (image + invisible text); text-layer pages are
copied from the source PDF; pages whose OCR failed keep their image so nothing disappears.
The result is PDF/A-2b (`eakte/pdfa.py`), because the e-file keeps it in place of the paper.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from pypdf import PdfReader, PdfWriter

from eakte.ocr import PageResult
from eakte.pdfa import PdfaResult, make_pdfa


def _image_page(image: Path) -> PdfReader:
    buf = io.BytesIO()
    with Image.open(image) as im:
        im.convert("L").save(buf, format="PDF", resolution=300.0)
    buf.seek(0)
    return PdfReader(buf)


def build_document_pdf(pages: list[PageResult], source_pdf: Path | None, out: Path,
                       title: str | None = None) -> PdfaResult:
    """Writes the document's pages in order as PDF/A-2b; returns how the archival conversion went."""
    writer = PdfWriter()
    original = PdfReader(str(source_pdf), strict=False) if source_pdf else None
    for page in pages:
        if page.text.origin == "text_layer" and original is not None:
            writer.add_page(original.pages[page.text.number - 1])
        elif page.pdf is not None:
            writer.add_page(PdfReader(str(page.pdf)).pages[0])
        elif page.image is not None and page.image.exists():
            writer.add_page(_image_page(page.image).pages[0])
    writer.add_metadata({"/Producer": "eakte"})
    buf = io.BytesIO()
    writer.write(buf)
    return make_pdfa(buf.getvalue(), out, title=title)
