"""Page images for the document view: rendered on demand from the stored PDF, kept only in memory.

Why memory and not a disk cache: a page image is the decrypted content of an asylum file. On disk it
would sit outside the store's encryption, object lock and `eakte verify`, and would outlive the server
(a temp dir survives a SIGKILL or a power cut). pdftoppm reads the PDF on stdin and writes the JPEG to
stdout, so nothing touches the disk; a bounded LRU (64 MiB by default: ~700 scanned pages at 90 dpi,
95 KB each on tests/data/akten/scans/akte-0001.pdf) keeps the pages a caseworker pages back and forth
through. The price: after a restart pages render again (~60 ms per scanned page, measured the same way).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from eakte.store.base import ObjectStore
from eakte.tools.poppler import render_page_jpeg

DPI = 90
CACHE_BYTES = 64 * 1024 * 1024
_PDF = 0  # cache key page number of a document's PDF bytes (kept while small, for its next pages)


class PageImages:
    def __init__(self, store: ObjectStore, max_bytes: int = CACHE_BYTES) -> None:
        self.store, self.max_bytes = store, max_bytes
        self._cache: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def image(self, document_id: str, pdf_key: str, page: int) -> bytes:
        """JPEG of page `page` (1-based, within the document's own PDF)."""
        jpeg = self._get((document_id, page))
        if jpeg is None:
            pdf = self._get((document_id, _PDF))
            if pdf is None:
                pdf = self.store.get_bytes(pdf_key)
                if len(pdf) <= self.max_bytes // 8:
                    self._put((document_id, _PDF), pdf)
            jpeg = render_page_jpeg(pdf, page, DPI)
            self._put((document_id, page), jpeg)
        return jpeg

    @property
    def size(self) -> int:
        """Bytes held (page images and small PDFs)."""
        return self._size

    def _get(self, key: tuple[str, int]) -> bytes | None:
        with self._lock:
            data = self._cache.get(key)
            if data is not None:
                self._cache.move_to_end(key)
            return data

    def _put(self, key: tuple[str, int], data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        with self._lock:
            old = self._cache.pop(key, None)
            self._size += len(data) - (len(old) if old is not None else 0)
            self._cache[key] = data
            while self._size > self.max_bytes:
                _, dropped = self._cache.popitem(last=False)
                self._size -= len(dropped)
