"""The one place that runs poppler's pdftoppm: command line, timeout, errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

from eakte.errors import RenderFailed

RENDER_TIMEOUT = 120.0


def render_page(pdf: Path, page: int, dpi: int, out_base: Path, timeout: float = RENDER_TIMEOUT) -> Path:
    """Rasterises one page (1-based) to grey JPEG at `dpi`, with the page's /Rotate applied."""
    cmd = [
        "pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray",
        "-jpeg", "-jpegopt", "quality=90", "-singlefile", str(pdf), str(out_base),
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RenderFailed("rasterising the page took longer than the time limit") from exc
    out = out_base.with_suffix(".jpg")
    if proc.returncode != 0 or not out.exists():
        raise RenderFailed(f"the page could not be rasterised (pdftoppm exit code {proc.returncode})")
    return out
