"""A cheap count of sources and pages before OCR: the progress bar's totals and ETA, and the page sizes the
inbox flow splits batches by.

Counts page objects of PDFs (pikepdf, lazy: ~ms per file) and frames of TIFFs; other files count as one
page. Runs in a background thread beside the flow; unreadable files count as one page (the flow decides
what they really are).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def page_count(path: Path) -> int:
    if path.is_symlink() or not path.is_file():
        return 1
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            import pikepdf

            with pikepdf.open(path) as pdf:
                return max(1, len(pdf.pages))
        if suffix in (".tif", ".tiff"):
            from PIL import Image

            with Image.open(path) as img:
                return max(1, int(getattr(img, "n_frames", 1)))
    except Exception:  # damaged or encrypted: the flow will say so; here it is one page
        return 1
    return 1


def totals(paths: Iterable[Path]) -> tuple[int, int]:
    """(sources, pages) under the given files and folders."""
    sources = pages = 0
    from eakte.ingest.discover import iter_files  # the flow's own walk: the same sources, in the same order

    for path, _, error in iter_files(paths):
        sources += 1  # a folder that cannot be listed is a source record too, with no pages
        if error is None:
            pages += page_count(path)
    return sources, pages
