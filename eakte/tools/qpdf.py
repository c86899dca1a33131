"""The one place that runs the qpdf command line for assembling documents from page files.

qpdf copies page streams from file to file, so memory stays flat however many pages a document
has (pikepdf's in-process page copy held every page's image data in memory: 1.6 GB for 500 pages).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from eakte.errors import MergeFailed

MERGE_TIMEOUT = 900.0


def merge_pages(pages: list[tuple[Path, int]], out: Path, timeout: float = MERGE_TIMEOUT) -> None:
    """Writes `out` with the given (file, 1-based page) pairs in order."""
    args: list[str] = []
    for path, number in pages:
        args += [str(path), str(number)]
    cmd = ["qpdf", "--empty", "--deterministic-id", "--pages", *args, "--", str(out)]
    proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    # Exit code 3: written, with warnings (e.g. a repaired source page).
    if proc.returncode not in (0, 3) or not out.exists():
        raise MergeFailed(f"qpdf could not assemble the document (exit code {proc.returncode})")
