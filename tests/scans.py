"""Makes small scanned test files (image-only PDFs, TIFFs) from page texts, for tests that need real OCR."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

# A scanned file of two documents: a two-page ruling and a payslip (page texts as typed).
RULING_AND_PAYSLIP = [
    ["Verwaltungsgericht Köln", "Az.: 22 K 3443/18.A", "", "Im Namen des Volkes", "Urteil",
     "In dem verwaltungsgerichtlichen Verfahren", "des Herrn Ahmad Karimi, Klägers,", "gegen",
     "die Bundesrepublik Deutschland, Beklagte,", "wegen Asylrecht"],
    ["- 2 -", "Tatbestand", "Der Kläger ist afghanischer Staatsangehöriger.",
     "Die Klage wird abgewiesen.", "Köln, den 12. Mai 2023"],
    ["Lohnabrechnung März 2024", "Arbeitgeber: Bäckerei Schmitz GmbH", "Arbeitnehmer: Ahmad Karimi",
     "Bruttolohn 2.100,00 EUR", "Nettolohn 1.560,00 EUR"],
]


def page_image(lines: list[str], dpi: int = 200, rotate: int = 0) -> Image.Image:
    """An A4 grey page with the lines typed on it (12 pt), optionally turned by `rotate` degrees."""
    w, h = int(8.27 * dpi), int(11.69 * dpi)
    im = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype(FONT, int(12 * dpi / 72))
    y = int(1.0 * dpi)
    for line in lines:
        draw.text((int(0.9 * dpi), y), line, fill=0, font=font)
        y += int(18 * dpi / 72)
    return im.rotate(rotate, expand=True) if rotate else im


def scanned_pdf(path: Path, pages: list[list[str]], dpi: int = 200) -> Path:
    images = [page_image(p, dpi) for p in pages]
    images[0].save(path, format="PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return path


def scanned_tiff(path: Path, pages: list[list[str]], dpi: int = 200) -> Path:
    images = [page_image(p, dpi) for p in pages]
    images[0].save(path, format="TIFF", save_all=True, append_images=images[1:], dpi=(dpi, dpi),
                   compression="tiff_lzw")
    return path
