"""Page sources: one interface over PDF, TIFF, JPEG and PNG that yields each page once.

A page is either text (a PDF page with a usable text layer) or an image file at OCR resolution.
Opening checks encryption, damage and page limits, so bad files fail here, before any OCR.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import threading
import warnings
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

import pikepdf
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from eakte.config import Limits
from eakte.errors import CorruptFile, EakteError, EncryptedPdf, NoPages, PageTooLarge, RenderFailed, TooManyPages
from eakte.ingest.discover import Kind
from eakte.pages.mrc import stencil_page
from eakte.pages.textlayer import is_usable, text_with_boxes
from eakte.pdf.sandwich import overlay_original
from eakte.runtime import process
from eakte.tools import poppler
from extractors.model import WordBoxes

log = logging.getLogger("eakte.pages.source")
T = TypeVar("T")
# What `render` writes beside its `out_base`: the page image, in one of these formats.
IMAGE_SUFFIXES = (".jpg", ".pgm", ".pbm", ".tif", ".png")


@dataclass
class PageImage:
    path: Path
    dpi: int | None
    width: int
    height: int
    # The page as decoded when `render` had it in memory anyway (bilevel pages it composed or decoded): the blank
    # check reads it instead of decoding the file again; read_page drops it after the check.
    pixels: Image.Image | None = field(default=None, repr=False, compare=False)


class PageSource(Protocol):
    kind: Kind
    page_count: int

    def text_layer(self, number: int) -> str | None:
        """The page's own text when it is good enough to skip OCR, else None."""

    def layer_boxes(self, number: int) -> WordBoxes | None:
        """The word boxes of the text layer `text_layer(number)` returned (handed over once), else None."""

    def render(self, number: int, out_base: Path) -> PageImage:
        """The page as an image file at OCR resolution (raises a PageError)."""

    def pdf_path(self) -> Path | None:
        """The (possibly repaired) PDF the pages come from, for reusing text-layer pages."""

    def searchable_page(self, number: int, text_pdf: Path, out: Path) -> Path | None:
        """The original page with the text page laid over it, or None (then the image sandwich is built)."""


class PdfPages:
    kind: Kind = "pdf"

    def __init__(self, path: Path, work: Path, limits: Limits, dpi: int) -> None:
        self.limits, self.dpi = limits, dpi
        self.path = path
        self._lock = threading.Lock()  # pypdf readers share one file handle: no concurrent access
        self._boxes: dict[int, WordBoxes] = {}  # text-layer word boxes until read_page takes them
        self.reader = self._open(path, work)
        try:
            self.page_count = len(self.reader.pages)
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CorruptFile("the PDF's page tree is damaged and cannot be read") from exc
        if self.page_count == 0:
            raise NoPages("the PDF contains no pages")
        if self.page_count > limits.max_pages:
            raise TooManyPages(f"the PDF has {self.page_count} pages, above the limit of {limits.max_pages}")

    def _open(self, path: Path, work: Path) -> PdfReader:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                reader = self._reader(path)
                if reader.is_encrypted:
                    try:
                        reader.decrypt("")
                        _ = len(reader.pages)
                    except (FileNotDecryptedError, PdfReadError, NotImplementedError) as exc:
                        raise EncryptedPdf() from exc
                    if not reader.pages[0]:
                        raise EncryptedPdf()
                    # Only an owner password: decrypt once so poppler and pypdf read it alike.
                    return self._reopen_repaired(path, work, decrypt=True)
                _ = len(reader.pages)
                return reader
        except EncryptedPdf:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
            return self._reopen_repaired(path, work, decrypt=False)

    def _reader(self, path: Path) -> PdfReader:
        """A reader on an open file: given a path, pypdf reads the whole file into memory (500 scanned pages: 450 MB).

        The file closes when this page source is collected.
        """
        fh = path.open("rb")
        weakref.finalize(self, fh.close)
        return PdfReader(fh, strict=False)

    def _reopen_repaired(self, path: Path, work: Path, decrypt: bool) -> PdfReader:
        """qpdf rebuilds broken xref tables and removes owner-only encryption."""
        fixed = work / "repaired.pdf"
        cmd = ["qpdf", "--decrypt", str(path), str(fixed)] if decrypt else ["qpdf", str(path), str(fixed)]
        proc = subprocess.run(cmd, capture_output=True, timeout=300, check=False)
        stderr = proc.stderr.decode("utf-8", "replace").lower()
        if "password" in stderr:
            raise EncryptedPdf()
        # qpdf exit 3 means "repaired with warnings", which is what we want.
        if proc.returncode not in (0, 3) or not fixed.exists():
            raise CorruptFile("the PDF is damaged (truncated or invalid) and could not be repaired")
        try:
            reader = self._reader(fixed)
            _ = len(reader.pages)
        except Exception as exc:  # any failure of the repaired file means the damage is too deep
            raise CorruptFile("the PDF is damaged (truncated or invalid) and could not be repaired") from exc
        self.path = fixed
        return reader

    def pdf_path(self) -> Path | None:
        return self.path

    @contextmanager
    def _pdf(self) -> Iterator[pikepdf.Pdf]:
        """The source in pikepdf, opened for one use (~3 ms): a long-lived one keeps the stream data of every
        page it copied or decoded (a 500-page scanned file: +470 MiB)."""
        with pikepdf.open(self.path, access_mode=pikepdf.AccessMode.stream) as pdf:
            yield pdf

    def searchable_page(self, number: int, text_pdf: Path, out: Path) -> Path | None:
        try:
            with self._pdf() as pdf:  # qpdf reads the copied page's streams while saving: open until saved
                return overlay_original(pdf, number, text_pdf, out)
        except Exception as exc:  # anything odd: the image sandwich shows the page instead
            log.info("page %d: original page not reused (%s)", number, exc.__class__.__name__)
            out.unlink(missing_ok=True)
            return None

    def _has_images(self, number: int) -> bool:
        try:
            res: Any = self.reader.pages[number - 1].get("/Resources")
            xobjects: Any = res.get_object().get("/XObject") if res is not None else None
            if xobjects is None:
                return False
            return any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.get_object().values())
        except Exception:
            return True  # unreadable resources: OCR the page to be safe

    def _has_fonts(self, number: int) -> bool:
        """Whether the page or a form XObject on it names a font; True when unsure (the text is then parsed).

        Why: pypdf's text extraction parses the whole content stream, 2-5 ms on a scanned page with dozens of
        MRC stencils, to find no text."""
        try:
            todo: list[tuple[Any, int]] = [(self.reader.pages[number - 1].get("/Resources"), 0)]
            while todo:
                res, depth = todo.pop()
                res = res.get_object() if res is not None else None
                if res is None:
                    continue
                if res.get("/Font") is not None or depth > 8:
                    return True
                xobjects = res.get("/XObject")
                for ref in (xobjects.get_object().values() if xobjects is not None else []):
                    obj = ref.get_object()
                    if obj.get("/Subtype") != "/Image":
                        todo.append((obj.get("/Resources"), depth + 1))
            return False
        except Exception:
            return True

    def text_layer(self, number: int) -> str | None:
        with self._lock:
            try:
                return self._text_layer(number)
            finally:
                self._forget_images(number)

    def _forget_images(self, number: int) -> None:
        """Drops the page's image objects from pypdf's object cache (call with the lock held).

        pypdf keeps every object it has read, stream data included: the scans of a 500-page file would
        stay in memory (about 1 MB per page) although each page's image is needed only once.
        """
        try:
            res: Any = self.reader.pages[number - 1].get("/Resources")
            xobjects: Any = res.get_object().get("/XObject") if res is not None else None
            refs = list(xobjects.get_object().values()) if xobjects is not None else []
        except Exception:
            return
        for ref in refs:
            key = (getattr(ref, "generation", None), getattr(ref, "idnum", None))
            cached = self.reader.resolved_objects.get(key)
            if cached is not None and getattr(cached, "get", lambda _k: None)("/Subtype") == "/Image":
                del self.reader.resolved_objects[key]

    def _text_layer(self, number: int) -> str | None:
        if not self._has_fonts(number):
            return None  # text is shown only in a font of the resources: a scan has none, no parse needed
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                text, boxes = text_with_boxes(self.reader.pages[number - 1])
        except Exception:
            return None  # a damaged content stream: OCR the rendered page instead
        if not is_usable(text, self._has_images(number)):
            return None
        self._boxes[number] = boxes
        return text

    def layer_boxes(self, number: int) -> WordBoxes | None:
        with self._lock:
            return self._boxes.pop(number, None)

    def render(self, number: int, out_base: Path) -> PageImage:
        try:
            with self._lock:
                box = self.reader.pages[number - 1].mediabox
                w_in, h_in = float(box.width) / 72.0, float(box.height) / 72.0
        except Exception as exc:
            raise RenderFailed("the page's size cannot be read") from exc
        dpi = self.dpi
        pixels = w_in * dpi * h_in * dpi
        if pixels > self.limits.max_page_pixels:
            raise PageTooLarge(
                f"the page measures {w_in * 2.54:.0f} x {h_in * 2.54:.0f} cm, too large to rasterise within "
                f"the limit of {self.limits.max_page_pixels / 1e6:.0f} megapixels"
            )
        if pixels < self.limits.min_page_pixels:
            raise PageTooLarge("the page is too small to hold readable content (a few pixels)")
        embedded = self._embedded_scan(number, out_base) or self._stencil_scan(number, out_base)
        if embedded is not None:
            return embedded
        # Raw grey: OCR reads a thresholded copy and the searchable page is the original PDF page
        # (eakte/pdf/sandwich.py), so no JPEG is encoded; only the fallback sandwich encodes one.
        raw = poppler.render_page(self.path, number, dpi, out_base, raw=True)
        with Image.open(raw) as im:
            width, height = im.size
        return PageImage(raw, dpi, width, height)

    def _embedded_scan(self, number: int, out_base: Path) -> PageImage | None:
        """The page's scan as it is stored in the PDF, when OCR can read it as is instead of a rendering.

        A scanner's PDF page is usually one image drawn over the whole page: a JPEG (grey or colour) or a
        bilevel image (CCITT G4 or Flate). When that image's resolution lies between MIN_NATIVE_DPI and
        the OCR resolution, it is OCRed at its own resolution: a JPEG's bytes as stored (no rasterising,
        no second JPEG generation), a bilevel image as G4 TIFF (pikepdf writes CCITT data without
        decoding and honours /BlackIs1 and /Decode). Upsampling a 200-dpi scan adds no detail, only
        tesseract time. A /Rotate makes us decode and turn it. Anything else (several images, vector
        content, masks, higher resolutions, other filters) returns None and is rendered by pdftoppm.
        """
        try:
            with self._lock:
                try:
                    found = _single_page_image(self.reader.pages[number - 1], self.dpi)
                    data = found[0].get_data() if found is not None and _filters(found[0]) == ["/DCTDecode"] else b""
                finally:
                    self._forget_images(number)
        except Exception:
            return None  # an odd page structure: pdftoppm decides
        if found is None:
            return None
        _, dpi, rotate, size = found
        if not data:
            return self._bilevel_scan(number, dpi, rotate, size, out_base)
        out = out_base.with_suffix(".jpg")
        try:
            with Image.open(io.BytesIO(data)) as im:
                if im.mode not in ("L", "RGB") or im.size != size:
                    return None
                if rotate:
                    page = im.transpose(_TURN[rotate])
                    page.save(out, format="JPEG", quality=90, dpi=(dpi, dpi))
                    return PageImage(out, dpi, page.width, page.height)
                width, height = im.size
        except (OSError, SyntaxError, ValueError) as exc:
            raise RenderFailed("the page's scan image is damaged and cannot be decoded") from exc
        out.write_bytes(data)
        return PageImage(out, dpi, width, height)

    def _stencil_scan(self, number: int, out_base: Path) -> PageImage | None:
        """An MRC page's text, composed from its 1-bit stencils at the OCR resolution (eakte/pages/mrc.py) instead
        of rendering the page and thresholding the rendering. None for any other page: pdftoppm renders it."""
        try:
            with self._lock:
                ref = self.reader.pages[number - 1]
                rotate = int(ref.rotation) % 360
                box = tuple(float(v) for v in ref.mediabox)
                if rotate not in (0, 90, 180, 270) or tuple(float(v) for v in ref.cropbox) != box:
                    return None
            with self._pdf() as pdf:
                im = stencil_page(pdf.pages[number - 1], box, self.dpi)  # type: ignore[arg-type]
        except Exception:
            return None  # an odd page structure: pdftoppm decides
        if im is None:
            return None
        if rotate:
            im = im.transpose(_TURN[rotate])
        return _bilevel_file(im, out_base, self.dpi)

    def _bilevel_scan(self, number: int, dpi: int, rotate: int, size: tuple[int, int],
                      out_base: Path) -> PageImage | None:
        try:
            with self._pdf() as pdf:
                (raw,) = pdf.pages[number - 1].Resources.XObject.values()  # the one image checked above
                im = pikepdf.PdfImage(cast(pikepdf.Stream, raw)).as_pil_image()
                im.load()  # decoded before the file closes
        except Exception:
            return None  # pikepdf cannot decode it as a plain image: pdftoppm renders the page
        if im.mode != "1" or im.size != size:
            im.close()
            return None
        if rotate:
            im = im.transpose(_TURN[rotate])
        return _bilevel_file(im, out_base, dpi)


class ImagePages:
    """TIFF (multi-page), JPEG and PNG. Pages are OCRed at their scan resolution."""

    def __init__(self, path: Path, kind: Kind, limits: Limits) -> None:
        self.kind, self.path, self.limits = kind, path, limits
        self._im: Image.Image | None = None
        self._lock = threading.Lock()
        try:
            with Image.open(path) as im:
                self.page_count = getattr(im, "n_frames", 1)
                im.seek(0)
        except Exception as exc:  # PIL raises many kinds on hostile files; the size is checked per page
            raise CorruptFile("the image file is damaged or truncated and cannot be read") from exc
        if self.page_count > limits.max_pages:
            raise TooManyPages(f"the image file has {self.page_count} pages, above the limit of {limits.max_pages}")

    def _check_size(self, im: Image.Image) -> None:
        w, h = im.size
        if w * h > self.limits.max_page_pixels:
            raise PageTooLarge(
                f"the page image has {w * h / 1e6:.0f} megapixels, above the limit of "
                f"{self.limits.max_page_pixels / 1e6:.0f}: a decompression bomb or an absurd scan"
            )
        if w * h < self.limits.min_page_pixels:
            raise PageTooLarge("the page image is too small to hold readable content (a few pixels)")

    def pdf_path(self) -> Path | None:
        return None

    def searchable_page(self, number: int, text_pdf: Path, out: Path) -> Path | None:
        return None

    def text_layer(self, number: int) -> str | None:
        return None

    def _frame(self, number: int) -> tuple[Image.Image, Any, bool]:
        """Page `number` decoded, its dpi info, and whether it is the JPEG file itself.

        One open image per source, sought frame after frame: PIL finds a TIFF frame by walking the frame
        chain from where it stands (and remembers the offsets), so opening the file anew for every page
        walked from the first frame each time: quadratic in pages (3000 tiny pages took 128 s).
        """
        with self._lock:
            if self._im is None:
                self._im = Image.open(self.path)
            im = self._im
            im.seek(number - 1)
            self._check_size(im)
            is_plain_jpeg = self.kind == "jpeg" and number == 1 and not im.getexif().get(0x0112)
            if is_plain_jpeg:
                _check_complete_jpeg(self.path, im)
                return im, im.info.get("dpi"), True
            frame = im.copy()  # decodes this frame only
            frame.info = dict(im.info)
            return frame, im.info.get("dpi"), False

    def layer_boxes(self, number: int) -> WordBoxes | None:
        return None

    def render(self, number: int, out_base: Path) -> PageImage:
        try:
            im, dpi_info, is_plain_jpeg = self._frame(number)
            dpi = round(float(dpi_info[0])) if dpi_info and float(dpi_info[0]) >= 50 else None
            if is_plain_jpeg:
                out = out_base.with_suffix(".jpg")
                shutil.copyfile(self.path, out)  # no re-encoding of camera/scanner JPEGs
                return PageImage(out, dpi, im.width, im.height)
            page = ImageOps.exif_transpose(im)
            if page.mode == "1":
                out = out_base.with_suffix(".tif")
                page.save(out, format="TIFF", compression="group4")
            else:
                if page.mode not in ("L", "RGB"):
                    page = page.convert("RGB") if "A" not in page.getbands() else _flatten(page)
                if max(page.size) > JPEG_MAX_SIDE:  # JPEG cannot hold it: lossless PNG instead
                    out = out_base.with_suffix(".png")
                    page.save(out, format="PNG")
                else:
                    out = out_base.with_suffix(".jpg")
                    page.save(out, format="JPEG", quality=90)
            return PageImage(out, dpi, page.width, page.height)
        except EakteError:
            raise
        except Exception as exc:
            raise RenderFailed("the page image is damaged and cannot be decoded") from exc


JPEG_MAX_SIDE = 65500  # libjpeg's limit per side


def _bilevel_file(im: Image.Image, out_base: Path, dpi: int) -> PageImage:
    """A 1-bit page as a raw PBM for tesseract, which gets the resolution as `--dpi`.

    Why PBM: writing it only packs the bits (half the CPU of a G4 TIFF, which also had to be decoded again for
    the blank check), and tesseract reads the same pixels: its words, boxes and page PDF are the same. The image
    stays in memory (`pixels`) for the blank check. A page PDF that has to show this image converts it to G4
    (eakte/pdf/sandwich.py), as before.
    """
    out = out_base.with_suffix(".pbm")
    im.save(out, format="PPM")
    return PageImage(out, dpi, im.width, im.height, pixels=im)


def _check_complete_jpeg(path: Path, im: Image.Image) -> None:
    """A JPEG copied without decoding must be whole: a cut-off file lacks its end marker, so decode it to be sure."""
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 4096))
        tail = fh.read()
    if b"\xff\xd9" not in tail:
        im.load()  # raises OSError ("image file is truncated") when data is missing


_SCAN_COLOURS = ("/DeviceGray", "/DeviceRGB")
MIN_NATIVE_DPI = 200  # scans at least this sharp are OCRed at their own resolution (up to the OCR resolution)
# /Rotate turns the page clockwise for display; PIL's transpose names are counter-clockwise.
_TURN = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


def _plain_scan_image(img: Any) -> bool:
    """A JPEG in grey or RGB, or a bilevel grey image (CCITT, Flate or raw), with no mask or colour trickery."""
    if img.get("/Subtype") != "/Image" or any(k in img for k in ("/SMask", "/Mask", "/ImageMask")):
        return False
    colour = img.get("/ColorSpace")
    colour = colour.get_object() if colour is not None else None
    filters = _filters(img)
    if filters == ["/DCTDecode"]:
        return img.get("/BitsPerComponent") == 8 and colour in _SCAN_COLOURS and "/Decode" not in img
    return (img.get("/BitsPerComponent") == 1 and colour == "/DeviceGray"
            and filters in ([], ["/CCITTFaxDecode"], ["/FlateDecode"]))


def _filters(img: Any) -> list[str]:
    """An image's /Filter as a list of names (it may be one name or an array)."""
    filters = img.get("/Filter")
    filters = filters.get_object() if filters is not None else []
    return [str(f) for f in filters] if isinstance(filters, list) else [str(filters)]


def _single_page_image(page: Any, dpi: int) -> tuple[Any, int, int, tuple[int, int]] | None:
    """(image object, its dpi, /Rotate, size) when the page is one plain scan image filling it, else None.

    The image's resolution must lie between MIN_NATIVE_DPI and `dpi` (+2 %), the same across and down.
    """
    rotate = int(page.rotation) % 360
    if rotate not in (0, 90, 180, 270):
        return None
    res = page.get("/Resources")
    res = res.get_object() if res is not None else None
    if res is None or res.get("/Font") is not None or res.get("/Shading") is not None:
        return None
    xobjects = res.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else None
    if xobjects is None or len(xobjects) != 1:
        return None
    name, ref = next(iter(xobjects.items()))
    img = ref.get_object()
    if not _plain_scan_image(img):
        return None
    ops = page.get_contents().operations if page.get_contents() is not None else []
    if [op for _, op in ops if op not in (b"q", b"Q")] != [b"cm", b"Do"]:
        return None  # anything besides placing the one image: let the renderer draw it
    cm, draw = (args for args, op in ops if op in (b"cm", b"Do"))
    box = page.mediabox
    if [float(v) for v in page.cropbox] != [float(v) for v in box]:
        return None  # pdftoppm shows the crop box only
    a, b, c, d, e, f = (float(v) for v in cm)
    bw, bh = float(box.width), float(box.height)
    if draw != [name] or b or c or abs(a - bw) > 0.01 * bw or abs(d - bh) > 0.01 * bh:
        return None
    if abs(e - float(box.left)) > 0.01 * bw or abs(f - float(box.bottom)) > 0.01 * bh:
        return None
    x_dpi, y_dpi = int(img["/Width"]) * 72.0 / bw, int(img["/Height"]) * 72.0 / bh
    if abs(x_dpi - y_dpi) > 0.02 * x_dpi or not MIN_NATIVE_DPI * 0.98 <= x_dpi <= dpi * 1.02:
        return None  # another resolution: pdftoppm scales it to the OCR resolution
    native = dpi if abs(x_dpi - dpi) <= 0.02 * dpi else round(x_dpi)
    return img, native, rotate, (int(img["/Width"]), int(img["/Height"]))


def _flatten(im: Image.Image) -> Image.Image:
    rgba = im.convert("RGBA")
    bg = Image.new("RGB", rgba.size, (255, 255, 255))
    bg.paste(rgba, mask=rgba.getchannel("A"))
    return bg


class GuardedPages:
    """Wraps a page source so only EakteError leaves it: the parsers (pypdf, PIL) meet hostile files and may
    raise anything; a page that fails unexpectedly becomes a failed page, never a crashed source."""

    def __init__(self, inner: PageSource) -> None:
        self.inner = inner
        self.kind: Kind = inner.kind
        self.page_count: int = inner.page_count

    def text_layer(self, number: int) -> str | None:
        return _or_none(self.inner.text_layer, number)  # None: the page is rasterised and OCRed instead

    def layer_boxes(self, number: int) -> WordBoxes | None:
        return _or_none(self.inner.layer_boxes, number)

    def render(self, number: int, out_base: Path) -> PageImage:
        try:
            return self.inner.render(number, out_base)
        except EakteError:
            raise
        except Exception as exc:
            log.warning("page %d: unexpected %s while rasterising", number, exc.__class__.__name__)
            raise RenderFailed("the page is damaged and cannot be rasterised") from exc

    def pdf_path(self) -> Path | None:
        return self.inner.pdf_path()

    def searchable_page(self, number: int, text_pdf: Path, out: Path) -> Path | None:
        return _or_none(self.inner.searchable_page, number, text_pdf, out)  # None: the image sandwich instead


def _or_none(call: Callable[..., T], *args: Any) -> T | None:
    """The parser's answer, or None for whatever a hostile file makes it raise: the page is read another way."""
    try:
        return call(*args)
    except Exception:
        return None


def open_pages(path: Path, kind: Kind, work: Path, limits: Limits, dpi: int) -> PageSource:
    """Opens a page source; raises only EakteError (an InputError for files that cannot be migrated)."""
    process.init()  # PIL's pixel cap off (our per-page limit applies), pypdf quiet: also for library callers
    try:
        inner: PageSource = PdfPages(path, work, limits, dpi) if kind == "pdf" else ImagePages(path, kind, limits)
    except EakteError:
        raise
    except Exception as exc:
        log.warning("unexpected %s while opening a %s file", exc.__class__.__name__, kind)
        raise CorruptFile("the file is damaged and cannot be read as " + kind.upper()) from exc
    return GuardedPages(inner)
