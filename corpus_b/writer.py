"""Write scanned pages as an image-only multi-page PDF (JPEG or CCITT G4 pages) or multi-page TIFF."""

from __future__ import annotations

import io
from pathlib import Path

import img2pdf
from PIL import Image


def _page_bytes(img: Image.Image, dpi: int, quality: int) -> bytes:
    buf = io.BytesIO()
    if img.mode == "1":
        img.save(buf, format="TIFF", compression="group4", dpi=(dpi, dpi))
    else:
        img.save(buf, format="JPEG", quality=quality, dpi=(dpi, dpi), optimize=False)
    return buf.getvalue()


def write_pdf(path: Path, pages: list[Image.Image], dpi: int, quality: int) -> None:
    data = img2pdf.convert([_page_bytes(p, dpi, quality) for p in pages], nodate=True, engine=img2pdf.Engine.internal)
    path.write_bytes(data)


def write_tiff(path: Path, pages: list[Image.Image], dpi: int, quality: int) -> None:
    first, rest = pages[0], pages[1:]
    if first.mode == "1":
        first.save(path, format="TIFF", save_all=True, append_images=rest, compression="group4", dpi=(dpi, dpi))
    else:
        first.save(path, format="TIFF", save_all=True, append_images=rest, compression="jpeg", dpi=(dpi, dpi))
