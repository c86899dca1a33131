"""Reads every page of a source once: its text layer when usable, else rasterise + OCR, in parallel.

Per page: blank pages are detected before OCR (no tesseract time spent on empty backs);
pages that read badly get an orientation check (OSD) and, when turned, a second OCR pass.
A failing page never fails the source: it comes back with origin "failed" and a reason.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from itertools import islice
from pathlib import Path

from PIL import Image, ImageFilter

from eakte.config import Settings
from eakte.errors import EakteError, OcrFailed
from eakte.model import PageResult
from eakte.ocr.pool import page_pool
from eakte.pages.binarize import bilevel_copy
from eakte.pages.source import IMAGE_SUFFIXES, PageImage, PageSource
from eakte.pdf.sandwich import sandwich_page
from eakte.tools import tesseract
from extractors.model import PageText, WordBoxes

log = logging.getLogger("eakte.ocr.read")

LOW_CONFIDENCE = 60.0  # mean word confidence below which the orientation is checked
MIN_WORDS = 12
BLANK_INK = 1e-5  # share of dark pixels below which a page is blank (a few specks at most)


_DARK = [255 if v < 160 else 0 for v in range(256)]


def _ink_ratio(path: Path, pixels: Image.Image | None = None) -> float:
    """Share of dark pixels at quarter size after a 3x3 median filter (which removes scanner speckle).

    The median of 9 grey values is dark exactly when at least 5 of them are, so the filter runs as a
    box blur over the dark mask (mean >= 5/9): the same answer at a seventh of the median's cost.
    `pixels`: the page already decoded (PageImage.pixels), the same answer without decoding the file again.
    """
    if pixels is not None:
        return _ink_share(pixels)
    with Image.open(path) as im:
        im.draft("L", (im.width // 4, im.height // 4))  # JPEG decodes at reduced size: cheap
        return _ink_share(im)


def _ink_share(im: Image.Image) -> float:
    small = im.convert("L")
    if small.width > 1200:
        small = small.reduce(max(1, small.width // 600))
    hist = small.point(_DARK).filter(ImageFilter.BoxBlur(1)).histogram()
    return sum(hist[128:]) / (sum(hist) or 1)


def _rotate(image: PageImage, degrees: int, out: Path) -> PageImage:
    with Image.open(image.path) as im:
        # OSD says how far to turn clockwise; PIL rotates counter-clockwise.
        turned = im.rotate(-degrees, expand=True)
        turned.save(out, format="JPEG", quality=90)
        return PageImage(out, image.dpi, turned.width, turned.height)


def read_page(source: PageSource, number: int, work: Path, settings: Settings) -> PageResult:
    layer = source.text_layer(number)
    if layer is not None:
        boxes = getattr(source, "layer_boxes", None)  # sources without positions (test fakes) give none
        return PageResult(PageText(number=number, text=layer, origin="text_layer",
                                   layout=boxes(number) if boxes else None))
    base = work / f"p{number:05d}"
    try:
        image = source.render(number, base)
        ink, image.pixels = _ink_ratio(image.path, image.pixels), None  # the decoded page is not needed after
        if ink < BLANK_INK:
            return PageResult(PageText(number, "", origin="blank", width=image.width, height=image.height),
                              image=image.path, blank=True)
        out = _ocr(image, base, settings)
        rotated = 0
        if (out.confidence or 0.0) < LOW_CONFIDENCE or len(out.words) < MIN_WORDS:
            degrees, conf = tesseract.detect_rotation(image.path, settings.ocr_page_timeout)
            if degrees in (90, 180, 270) and conf >= 1.0:
                turned = _rotate(image, degrees, base.with_name(base.name + "r.jpg"))
                again = _ocr(turned, base.with_name(base.name + "r"), settings)
                if (again.confidence or 0.0) > (out.confidence or 0.0):
                    out, image, rotated = again, turned, degrees
        # Word boxes are kept in compact arrays (extractors/layout.py reads columns and labels from them).
        page = PageText(number, out.text, origin="tesseract", confidence=out.confidence,
                        layout=WordBoxes.of(out.words), width=image.width, height=image.height, rotated=rotated)
        if out.pdf is None:
            raise OcrFailed("tesseract produced no page PDF")
        page_pdf = base.with_name(base.name + ".page.pdf")
        # The original PDF page under the text, unless OCR read a turned copy of it.
        pdf = source.searchable_page(number, out.pdf, page_pdf) if not rotated else None
        if pdf is None:
            pdf = sandwich_page(image.path, image.dpi, out.pdf, page_pdf)
        _drop_images(base, keep=pdf)  # the page PDF holds the image now; keep the scratch disk small
        return PageResult(page, pdf=pdf)
    except EakteError as exc:
        log.warning("page %d failed: %s", number, exc.code)
        image_path = next((p for p in (base.with_suffix(s) for s in IMAGE_SUFFIXES) if p.exists()), None)
        return PageResult(PageText(number, "", origin="failed", error=exc.message), image=image_path)


def _ocr(image: PageImage, base: Path, settings: Settings) -> tesseract.OcrOutput:
    """Tesseract reads the thresholded copy (eakte/pages/binarize.py) and writes the text-only page PDF."""
    bilevel = bilevel_copy(image.path, base, image.dpi)
    return tesseract.ocr(bilevel, base, settings.ocr_language, image.dpi, settings.ocr_page_timeout, text_only=True)


def _drop_images(base: Path, keep: Path) -> None:
    """Deletes the page's scratch files (every name `base` starts, whoever wrote it: the page image, thresholded
    and turned copies, tesseract's outputs), all but `keep`. Page numbers are five digits, so `p00001` never
    names a file of page 10."""
    for path in base.parent.glob(base.name + "*"):
        rest = path.name[len(base.name):]
        if path != keep and not rest[:1].isdigit():
            path.unlink(missing_ok=True)


def window_size(workers: int) -> int:
    """Pages of one source in flight: enough to keep every worker busy while the consumer catches up."""
    return max(2, 2 * workers)


def read_pages(source: PageSource, work: Path, settings: Settings, window: int | None = None,
               ready: dict[int, Future[PageResult]] | None = None) -> Iterator[PageResult]:
    """Yields page results in page order while the next few pages are being read.

    At most `window` pages of this source are submitted and not yet consumed, so a 3000-page
    file costs the memory of a few pages, and sources running side by side share the pool fairly.
    `ready`: pages already read (or being read) elsewhere, by page number (eakte/ocr/head_start.py).
    """
    pool = page_pool(settings.ocr_workers)
    ahead = window or window_size(settings.ocr_workers)
    numbers = iter(range(1, source.page_count + 1))
    ready = dict(ready or {})

    def submit(number: int) -> Future[PageResult]:
        return ready.pop(number, None) or pool.submit(read_page, source, number, work, settings)

    pending: deque[Future[PageResult]] = deque(submit(n) for n in islice(numbers, ahead))
    try:
        while pending:
            result = pending.popleft().result()
            following = next(numbers, None)
            if following is not None:  # refill before handing the page over, so no worker waits on us
                pending.append(submit(following))
            yield result
    finally:
        for fut in pending:
            fut.cancel()
