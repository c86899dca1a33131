"""Process-wide settings eakte relies on, set in one place and called by the entry points.

The flows (migrate, reprocess) call `init` with the run's tesseract command before any page is read; the
CLI calls it at start; `open_pages` calls it too, so a library caller (tests, the evaluation) reads pages
under the same rules. Idempotent and cheap: every call sets the same values.
"""

from __future__ import annotations

import logging
import os

from PIL import Image

from eakte.tools import tesseract


def init(tesseract_cmd: str | None = None) -> None:
    """One tesseract thread per page (pages run side by side in the page pool), no PIL pixel cap (eakte's own
    per-page limit applies: Limits.max_page_pixels), no pypdf warnings (they quote object details)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    Image.MAX_IMAGE_PIXELS = None
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if tesseract_cmd is not None:
        tesseract.configure(tesseract_cmd)
