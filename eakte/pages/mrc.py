"""OCR input for MRC scans without rendering: the page's 1-bit stencil masks pasted black on a white canvas.

Why: scanners' compact PDFs (MRC, "mixed raster content") store a page as a low-resolution background
JPEG with the text as 300-dpi CCITT stencil masks (`/ImageMask`) painted over it in a fill colour. The text
is bilevel at OCR resolution already: rasterising the page with pdftoppm, thresholding the rendering
(eakte/pages/binarize.py) and decoding it again costs a fifth of a page's OCR time for nothing. When a page is
exactly that (at most one light background image first, stencils placed by axis-aligned `cm` at the OCR
resolution, fill colours, nothing else), the stencils are pasted on a canvas of pdftoppm's size. Like
the Otsu threshold of the rendering, stencils filled lighter than the page's Otsu level stay white; the
light background is left out. Anything else returns None, and pdftoppm renders the page.
"""

from __future__ import annotations

import io
import math
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import pikepdf
from PIL import Image, ImageChops

from eakte.pages.binarize import otsu_level

_MAX_JPEG = 64 << 20
LIGHT_BACKGROUND = 200  # mean grey from which a background is paper, not content (a dark one may carry text)
_HARMLESS = {"w", "J", "j", "M", "d", "ri", "i", "G", "RG", "K", "CS", "SC", "SCN"}  # state that paints nothing
_Matrix = tuple[float, float, float, float, float, float]


class NotMrc(Exception):
    """The page is not a plain MRC page (the renderer draws it)."""


@dataclass
class _Stencil:
    obj: Any
    ctm: _Matrix
    grey: int  # the fill colour as pdftoppm's -gray draws it, 0..255


def _concat(m: _Matrix, ctm: _Matrix) -> _Matrix:
    """m x ctm, as `cm` updates the current transformation matrix."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = ctm
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _grey(space: str, values: list[float]) -> float:
    """A fill colour as grey 0..1 (poppler's conversions), for the device spaces only."""
    if space == "/DeviceGray" and len(values) == 1:
        return values[0]
    if space == "/DeviceRGB" and len(values) == 3:
        r, g, b = values
        return 0.3 * r + 0.59 * g + 0.11 * b
    if space == "/DeviceCMYK" and len(values) == 4:
        c, m, y, k = values
        return 1.0 - min(1.0, 0.3 * c + 0.59 * m + 0.11 * y + k)
    raise NotMrc("fill colour space")


def _program(page: pikepdf.Page) -> tuple[Any | None, list[_Stencil]]:
    """The page's background image (or None) and its stencils with their placement and fill grey."""
    resources: Any = page.obj.get("/Resources")
    xobjects: Any = resources.get("/XObject") if resources is not None else None
    if xobjects is None:
        raise NotMrc("no images")
    ctm: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    fill, space = 0.0, "/DeviceGray"
    stack: list[tuple[_Matrix, float, str]] = []
    background: Any | None = None
    stencils: list[_Stencil] = []
    for instruction in pikepdf.parse_content_stream(page):
        operands, op = instruction.operands, str(instruction.operator)  # inline images: "INLINE IMAGE"
        if op == "q":
            stack.append((ctm, fill, space))
        elif op == "Q":
            if not stack:
                raise NotMrc("unbalanced Q")
            ctm, fill, space = stack.pop()
        elif op == "cm":
            ctm = _concat(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif op in ("g", "rg", "k"):
            space = {"g": "/DeviceGray", "rg": "/DeviceRGB", "k": "/DeviceCMYK"}[op]
            fill = _grey(space, [float(v) for v in operands])
        elif op == "cs":
            space = str(operands[0])  # a device space starts black; any other space is not followed
            fill = 0.0 if space in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK") else -1.0
        elif op in ("sc", "scn"):
            fill = _grey(space, [float(v) for v in operands])
        elif op == "Do":
            obj = xobjects.get(str(operands[0]))
            if obj is None or obj.get("/Subtype") != "/Image":
                raise NotMrc("a form or missing XObject")
            if obj.get("/ImageMask", False):
                if fill < 0:
                    raise NotMrc("a stencil in a colour space not followed")
                stencils.append(_Stencil(obj, ctm, round(255 * max(0.0, min(1.0, fill)))))
            elif background is None and not stencils:
                background = obj
            else:
                raise NotMrc("a second image or an image over the stencils")
        elif op not in _HARMLESS:
            raise NotMrc("text, paths, shadings, inline images or graphics states")
    return background, stencils


def _box(ctm: _Matrix, left: float, top: float, scale: float) -> tuple[float, float, float, float]:
    """The pixel box (x, y, width, height) an image lands in: axis-aligned and upright only."""
    a, b, c, d, e, f = ctm
    if abs(b) > 1e-6 * abs(a) + 1e-9 or abs(c) > 1e-6 * abs(d) + 1e-9 or a <= 0 or d <= 0:
        raise NotMrc("a rotated, sheared or flipped image")
    return (e - left) * scale, (top - (f + d)) * scale, a * scale, d * scale


def _background_histogram(obj: Any, max_pixels: int) -> list[int]:
    """The background's grey histogram at a reduced size: a JPEG decodes at 1/4 scale almost for free."""
    if int(obj.get("/Width", 0)) * int(obj.get("/Height", 0)) > max_pixels:
        raise NotMrc("a background larger than the page at OCR resolution")
    filters = obj.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
    if names in (["/DCTDecode"], ["/FlateDecode", "/DCTDecode"]) and obj.get("/DecodeParms") is None:
        data = obj.read_raw_bytes()
        if names[0] == "/FlateDecode":
            inflate = zlib.decompressobj()
            data = inflate.decompress(data, _MAX_JPEG)
            if inflate.unconsumed_tail:
                raise NotMrc("a background JPEG beyond any scan's size")
        with Image.open(io.BytesIO(data)) as im:
            im.draft("L", (im.width // 4, im.height // 4))
            return im.convert("L").histogram()
    return pikepdf.PdfImage(obj).as_pil_image().convert("L").reduce(4).histogram()


def _ink(obj: Any, size: tuple[int, int]) -> Image.Image:
    """A stencil as a 1-bit image that is black where it paints (sample 0, or 1 under /Decode [1 0]).

    pikepdf applies /Decode itself (and CCITT's /BlackIs1), so black is where the stencil paints.
    """
    im = pikepdf.PdfImage(obj).as_pil_image()
    if im.mode != "1" or im.size != size:
        raise NotMrc("a stencil that does not decode to its own size")
    return im


def _black_pixels(ink: Image.Image) -> int:
    """`ink.histogram()[0]` at a third of its cost: a text-block stencil has megapixels, PIL's histogram walks
    them one by one, numpy counts the bytes of the 1-bit image (True is white)."""
    return ink.width * ink.height - int(np.count_nonzero(np.asarray(ink)))


def stencil_page(page: pikepdf.Page, box: tuple[float, float, float, float], dpi: int) -> Image.Image | None:
    """The page's text as a 1-bit image at `dpi` in pdftoppm's pixel grid (unrotated), or None when not MRC.

    `box` is the page's (x0, y0, x1, y1) media box, which must equal its crop box (the caller checks).
    """
    try:
        background, stencils = _program(page)
        if not stencils:
            return None
        x0, y0, x1, y1 = box
        scale = dpi / 72.0
        width, height = math.ceil((x1 - x0) * scale - 1e-6), math.ceil((y1 - y0) * scale - 1e-6)
        placed: list[tuple[Image.Image, tuple[int, int], int, int]] = []  # (ink, top left, grey, black pixels)
        for st in stencils:
            x, y, w, h = _box(st.ctm, x0, y1, scale)
            size = (int(st.obj["/Width"]), int(st.obj["/Height"]))
            if abs(w - size[0]) > 1.5 or abs(h - size[1]) > 1.5:
                return None  # another resolution than OCR's: scaling 1-bit art is pdftoppm's job
            if size[0] * size[1] > width * height or x + w < 0 or y + h < 0 or x > width or y > height:
                return None  # larger than the page or off it: not a scanner's stencil
            ink = _ink(st.obj, size)
            placed.append((ink, (round(x), round(y)), st.grey, _black_pixels(ink)))
        hist = [0] * 256
        painted = sum(n for *_, n in placed)
        paper = max(0, width * height - painted)
        if background is not None:
            bg = _background_histogram(background, 4 * width * height)
            total = sum(bg) or 1
            if sum(i * n for i, n in enumerate(bg)) / total < LIGHT_BACKGROUND:
                return None  # a dark background may carry text: render and threshold the whole page
            hist = [round(n * paper / total) for n in bg]
        else:
            hist[255] = paper
        for _, _, grey, n in placed:
            hist[grey] += n
        level = otsu_level(hist)  # what eakte/pages/binarize.py would choose for the rendering
        canvas = Image.new("1", (width, height), 1)
        for ink, at, grey, _ in placed:
            if grey <= level:  # black where the canvas or the stencil is black (stencils may overlap)
                area = (*at, at[0] + ink.width, at[1] + ink.height)
                canvas.paste(ImageChops.logical_and(canvas.crop(area), ink), area)
        return canvas
    except NotMrc:
        return None

