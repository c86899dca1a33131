"""Page images for the document view: rendered on demand from the stored PDF (pdftoppm), cached on disk."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from eakte.poppler import render_page
from eakte.store.base import ObjectStore

DPI = 90


class PageImages:
    def __init__(self, store: ObjectStore, cache_dir: Path) -> None:
        self.store, self.cache = store, cache_dir
        self._lock = threading.Lock()

    def image(self, document_id: str, pdf_key: str, page: int) -> Path:
        """JPEG of page `page` (1-based, within the document's own PDF)."""
        out = self.cache / document_id / f"{page}.jpg"
        if out.exists():
            return out
        out.parent.mkdir(parents=True, exist_ok=True)
        pdf = self.cache / document_id / "document.pdf"
        with self._lock:
            if not pdf.exists():
                tmp = pdf.with_suffix(".part")
                tmp.write_bytes(self.store.get_bytes(pdf_key))
                tmp.replace(pdf)
        with tempfile.TemporaryDirectory(dir=out.parent) as tmpdir:
            rendered = render_page(pdf, page, DPI, Path(tmpdir) / "page")
            rendered.replace(out)
        return out
