"""The one place that runs poppler's pdftoppm: command line, timeout, errors."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from eakte.errors import RenderFailed

RENDER_TIMEOUT = 120.0

# poppler reports damaged page data on stderr but still exits 0 with a partly drawn (often empty) page.
# Broken compressed streams (image or content) mean the page is incomplete: fail it so the source is
# `partial` and names the page instead of passing an empty page as read. Font and hint-table noise is ignored.
_DAMAGE = re.compile(r"error.*(flate|lzw|dct|jbig2|ccitt|jpx|huffman|stream|image data)", re.IGNORECASE)


def render_page(pdf: Path, page: int, dpi: int, out_base: Path, timeout: float = RENDER_TIMEOUT,
                raw: bool = False) -> Path:
    """Rasterises one page (1-based) in grey at `dpi`, with the page's /Rotate applied.

    JPEG by default (page views; poppler 22 writes it as RGB even with -gray). `raw` writes PGM, for
    callers that encode the page themselves (eakte/pages/source.py makes a one-channel JPEG of it).
    """
    fmt = [] if raw else ["-jpeg", "-jpegopt", "quality=90"]
    cmd = ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", *fmt, "-singlefile", str(pdf),
           str(out_base)]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RenderFailed("rasterising the page took longer than the time limit") from exc
    out = out_base.with_suffix(".pgm" if raw else ".jpg")
    if proc.returncode != 0 or not out.exists():
        raise RenderFailed(f"the page could not be rasterised (pdftoppm exit code {proc.returncode})")
    if _DAMAGE.search(proc.stderr.decode("utf-8", "replace")):
        raise RenderFailed("the page's data is damaged (a broken image or content stream); the page is incomplete")
    return out


def render_page_jpeg(pdf: bytes, page: int, dpi: int, timeout: float = RENDER_TIMEOUT) -> bytes:
    """One page (1-based) of an in-memory PDF as a grey JPEG, through pipes only: PDF on stdin, JPEG on
    stdout, no file on disk (the API's page views: decrypted document pages must not land outside the store)."""
    cmd = ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", "-jpeg", "-jpegopt", "quality=90",
           "-singlefile", "-"]
    try:
        proc = subprocess.run(cmd, input=pdf, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RenderFailed("rasterising the page took longer than the time limit") from exc
    if proc.returncode != 0 or not proc.stdout.startswith(b"\xff\xd8"):
        raise RenderFailed(f"the page could not be rasterised (pdftoppm exit code {proc.returncode})")
    if _DAMAGE.search(proc.stderr.decode("utf-8", "replace")):
        raise RenderFailed("the page's data is damaged (a broken image or content stream); the page is incomplete")
    return proc.stdout
