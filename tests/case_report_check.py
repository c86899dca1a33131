"""Reading a case report PDF back as a reader would: its text (pypdf) and page 1 rendered (pdftoppm)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

from PIL import Image
from pypdf import PdfReader


def pdf_text(data: bytes) -> tuple[int, str]:
    """(page count, the text of all pages)."""
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() or "" for p in reader.pages)


def render_page(data: bytes, page: int = 1, dpi: int = 60) -> Image.Image:
    """The page as poppler renders it (RGB)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.pdf"
        src.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                        str(src), str(Path(tmp) / "page")], check=True, capture_output=True, timeout=60)
        with Image.open(Path(tmp) / "page.png") as im:
            return im.convert("RGB")


def pixels_near(image: Image.Image, rgb: tuple[int, int, int], tol: int = 12) -> int:
    """How many pixels have about this colour (a band of the timeline, say)."""
    r0, g0, b0 = rgb
    return sum(1 for r, g, b in image.get_flattened_data()
               if abs(r - r0) <= tol and abs(g - g0) <= tol and abs(b - b0) <= tol)


def ink(image: Image.Image) -> float:
    """The share of pixels that are not white: a blank page has 0."""
    grey = image.convert("L")
    return sum(1 for v in grey.get_flattened_data() if v < 200) / (grey.width * grey.height)
