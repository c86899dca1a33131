"""Scan defects of one scanner profile: paper tone, skew, blur, noise, holes, shadows, folio numbers, bilevel."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from corpus_b.fonts import font_px


@dataclass
class Scanner:
    """One scan station's habits, fixed per Akte."""

    dpi: int
    bilevel: bool
    paper: int  # background grey 0..255
    noise: float  # sigma of grey noise
    blur: float  # Gaussian radius in px at 300 dpi
    max_skew: float
    threshold: int
    holes: bool
    shadow: bool
    gamma: float
    jpeg_quality: int
    noise_field: np.ndarray | None = None


def profile(rng: np.random.Generator, tiff: bool = False) -> Scanner:
    bilevel = bool(rng.random() < (0.8 if tiff else 0.45))
    return Scanner(
        dpi=int(rng.choice([200, 240, 300, 300])),
        bilevel=bilevel,
        paper=int(rng.integers(222, 252)),
        noise=float(rng.uniform(1.5, 8.0)),
        blur=float(rng.uniform(0.2, 1.1)),
        max_skew=float(rng.uniform(0.3, 2.0)),
        threshold=int(rng.integers(135, 185)),
        holes=bool(rng.random() < 0.35),
        shadow=bool(rng.random() < 0.3),
        gamma=float(rng.uniform(0.8, 1.3)),
        jpeg_quality=int(rng.integers(55, 90)),
    )


def _px(mm: float, dpi: int) -> int:
    return round(mm * dpi / 25.4)


def add_folio(img: Image.Image, label: str, dpi: int, rng: np.random.Generator) -> None:
    """A handwritten folio number in the top right corner (pen, slightly turned)."""
    f = font_px("hand", "r", _px(float(rng.uniform(5.0, 7.5)), dpi))
    pad = _px(3, dpi)
    w = int(f.getlength(label)) + 2 * pad
    h = int(f.size * 1.6) + pad
    tile = Image.new("L", (w, h), 255)
    ImageDraw.Draw(tile).text((pad, pad), label, font=f, fill=int(rng.integers(20, 90)))
    tile = tile.rotate(float(rng.uniform(-9, 9)), resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    x = img.width - tile.width - _px(float(rng.uniform(6, 22)), dpi)
    y = _px(float(rng.uniform(4, 14)), dpi)
    region = img.crop((x, y, x + tile.width, y + tile.height))
    img.paste(ImageChops.darker(region, tile), (x, y))


def _noise(sc: Scanner, shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """Grey noise: one field per scanner, cut at a random offset for each page (cheap and still random)."""
    h, w = shape
    if sc.noise_field is None or sc.noise_field.shape[0] < h + 64 or sc.noise_field.shape[1] < w + 64:
        field = rng.standard_normal((h + 64, w + 64), dtype=np.float32) * sc.noise
        sc.noise_field = field.clip(-127, 127).astype(np.int16)
    y, x = int(rng.integers(0, 64)), int(rng.integers(0, 64))
    return sc.noise_field[y : y + h, x : x + w]


def degrade(img: Image.Image, sc: Scanner, rng: np.random.Generator, rotate: int = 0) -> Image.Image:
    """Return the scanned page: grey 'L' or bilevel '1'. `rotate` turns the page counter-clockwise."""
    dpi = sc.dpi
    out = img.point([round(v * sc.paper / 255) for v in range(256)])
    d = ImageDraw.Draw(out)
    if sc.holes:
        cy = out.height / 2
        r = _px(2.8, dpi)
        cx = _px(float(rng.uniform(9, 13)), dpi)
        for dy in (-_px(40, dpi), _px(40, dpi)):
            d.ellipse([cx - r, cy + dy - r, cx + r, cy + dy + r], fill=int(rng.integers(20, 70)))
    if sc.shadow:
        band = _px(float(rng.uniform(3, 9)), dpi)
        strip = np.asarray(out.crop((0, 0, band, out.height)), dtype=np.float32)
        strip *= np.linspace(0.45, 1.0, band, dtype=np.float32)[None, :]
        out.paste(Image.fromarray(strip.clip(0, 255).astype(np.uint8), "L"), (0, 0))
    angle = float(rng.uniform(-sc.max_skew, sc.max_skew))
    out = out.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=sc.paper)
    radius = sc.blur * dpi / 300
    if radius > 0.25:
        out = out.filter(ImageFilter.GaussianBlur(radius))
    out = out.point([round(255.0 * (v / 255.0) ** sc.gamma) for v in range(256)])
    a = np.asarray(out, dtype=np.int16) + _noise(sc, (out.height, out.width), rng)
    out = Image.fromarray(a.clip(0, 255).astype(np.uint8), "L")
    if rotate:
        out = out.rotate(rotate, expand=True)
    if sc.bilevel:
        thr = sc.threshold
        out = out.point(lambda v: 255 if v > thr else 0).convert("1", dither=Image.Dither.NONE)
    return out


def blank(sc: Scanner, rng: np.random.Generator, ghost: Image.Image | None = None) -> Image.Image:
    """A blank back: paper, noise and sometimes the mirrored show-through of the front."""
    size = (_px(210, sc.dpi), _px(297, sc.dpi))
    img = Image.new("L", size, 255)
    if ghost is not None:
        g = ImageOps.mirror(ghost.convert("L").resize(size))
        g = g.point(lambda v: 255 - (255 - v) // 14)
        img = ImageChops.darker(img, g)
    return degrade(img, sc, rng)
