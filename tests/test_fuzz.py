"""Fuzzing ingestion and page opening with mutated bytes of small valid PDFs and TIFFs (hypothesis).

Only EakteError may leave inspect/open_pages/text_layer/render: anything else would crash a source.
Bounded for CI: EAKTE_FUZZ_EXAMPLES examples per format (default 400, about 10-30 s per format).
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eakte.config import Limits
from eakte.errors import EakteError
from eakte.ingest.discover import inspect
from eakte.pages.source import open_pages
from tests.badinput import image_bytes, small_scan, text_pdf_bytes

EXAMPLES = int(os.environ.get("EAKTE_FUZZ_EXAMPLES", "400"))
SEED_PDF = text_pdf_bytes()
_scan = io.BytesIO()
small_scan(size=(300, 120)).save(_scan, format="PDF", resolution=72.0)
SEED_SCAN_PDF = _scan.getvalue()
_pages = [small_scan(size=(300, 120)), small_scan(("Seite 2",), size=(300, 120))]
_tiff = io.BytesIO()
_pages[0].save(_tiff, format="TIFF", save_all=True, append_images=_pages[1:], compression="tiff_lzw")
SEED_TIFF = _tiff.getvalue()
SEED_PNG = image_bytes(small_scan(size=(300, 120)), "PNG")
LIMITS = Limits(max_pages=50)


def mutations(seed: bytes) -> st.SearchStrategy[bytes]:
    """Byte flips, a cut, and an inserted chunk: what damaged transfers and broken scanners produce."""
    n = len(seed)
    return st.builds(_mutate, st.just(seed), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 255)),
                                                      max_size=24),
                     st.one_of(st.none(), st.integers(8, n)), st.one_of(st.none(), st.tuples(
                         st.integers(0, n), st.binary(min_size=1, max_size=64))))


def _mutate(seed: bytes, flips: list[tuple[int, int]], cut: int | None, insert: tuple[int, bytes] | None) -> bytes:
    data = bytearray(seed)
    for pos, value in flips:
        data[pos] = value
    if insert is not None:
        data[insert[0]:insert[0]] = insert[1]
    return bytes(data[:cut] if cut is not None else data)


def exercise(data: bytes, suffix: str) -> None:
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        path = work / ("input" + suffix)
        path.write_bytes(data)
        cand = inspect(path, path.name, LIMITS)
        if cand.error is not None or cand.kind is None:
            assert isinstance(cand.error, EakteError)
            return
        try:
            source = open_pages(path, cand.kind, work, LIMITS, dpi=40)
            for n in range(1, min(source.page_count, 2) + 1):
                if source.text_layer(n) is None:
                    source.render(n, work / f"p{n:05d}")
        except EakteError:
            pass  # a plain quarantine or failed page: allowed
    finally:
        shutil.rmtree(work, ignore_errors=True)


pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")  # PIL warns about every damaged tag

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(st.one_of(mutations(SEED_PDF), mutations(SEED_SCAN_PDF)))
def test_fuzz_pdf_raises_only_eakte_errors(data: bytes) -> None:
    exercise(data, ".pdf")


@FUZZ
@given(st.one_of(mutations(SEED_TIFF), mutations(SEED_PNG)))
def test_fuzz_tiff_and_png_raise_only_eakte_errors(data: bytes) -> None:
    exercise(data, ".tif")
