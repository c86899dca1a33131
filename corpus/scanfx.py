"""What an office scanner does to a clean page: grey paper, skew, blur, noise, punch holes, rotation.

Each fault is drawn from the page's own random generator, and the ones the truth cares about
(rotation, dpi) are returned so they can be recorded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter


@dataclass
class Faults:
    """The faults applied to one page (rotation: degrees to turn clockwise to make it upright)."""

    skew: float = 0.0
    rotated: int = 0
    blur: float = 0.0
    noise: float = 0.0
    low_contrast: bool = False
    punch_holes: bool = False
    edge_shadow: bool = False
    copy_border: bool = False  # a photocopy of a copy: dark frame at the page edge


def pick_faults(rng: random.Random, *, clean: bool = False, allow_rotation: bool = True) -> Faults:
    """Mostly mild faults, a few bad pages; `clean` for the small checked-in sets."""
    f = Faults()
    f.skew = rng.uniform(-3.0, 3.0) if rng.random() < 0.6 else rng.uniform(-0.6, 0.6)
    if allow_rotation:
        r = rng.random()
        f.rotated = 180 if r < 0.06 else 90 if r < 0.09 else 270 if r < 0.12 else 0
    f.blur = rng.choice((0.0, 0.0, 0.4, 0.7, 1.0))
    f.noise = rng.choice((1.5, 2.5, 4.0, 6.0)) if not clean else 1.5
    f.low_contrast = rng.random() < 0.12
    f.punch_holes = rng.random() < 0.35
    f.edge_shadow = rng.random() < 0.2
    f.copy_border = rng.random() < 0.08
    if clean:
        f.blur = min(f.blur, 0.4)
    return f


def apply(img: Image.Image, f: Faults, dpi: int, seed: int) -> Image.Image:
    """The scanned look of `img` (L mode) at `dpi`; output stays L mode, rotated as recorded."""
    paper = 242 if not f.low_contrast else 222
    ink = 25 if not f.low_contrast else 105
    if f.punch_holes:
        d = ImageDraw.Draw(img)
        r = round(3 * dpi / 25.4)
        x = round(9 * dpi / 25.4)
        for ymm in (148.5 - 40, 148.5 + 40):
            y = round(ymm * dpi / 25.4 * img.height / round(297 * dpi / 25.4))
            d.ellipse((x - r, y - r, x + r, y + r), fill=20)
    if abs(f.skew) > 0.05:
        img = img.rotate(f.skew, resample=Image.Resampling.BILINEAR, fillcolor=255)
    if f.blur > 0:
        img = img.filter(ImageFilter.GaussianBlur(f.blur * dpi / 300))
    a = np.asarray(img, dtype=np.float32)
    a = ink + (paper - ink) * (a / 255.0)
    rng = np.random.default_rng(seed)
    # Noise on a quarter-resolution grid, upscaled: cheaper and closer to scanner grain than per-pixel noise.
    small = rng.normal(0.0, f.noise, (a.shape[0] // 2 + 1, a.shape[1] // 2 + 1)).astype(np.float32)
    a += np.repeat(np.repeat(small, 2, axis=0), 2, axis=1)[: a.shape[0], : a.shape[1]]
    specks = rng.integers(0, a.size, size=int(a.size * 2e-5))
    a.flat[specks] = ink
    if f.edge_shadow:
        w = max(4, dpi // 25)
        ramp = np.linspace(90, 0, w, dtype=np.float32)
        a[:, :w] -= ramp[None, :]
    if f.copy_border:
        b = max(3, dpi // 30)
        a[:b, :] *= 0.25
        a[-b:, :] *= 0.25
        a[:, -b:] *= 0.25
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    if f.rotated:
        # PIL turns counter-clockwise: turning back clockwise by `rotated` makes it upright.
        out = out.rotate(f.rotated, expand=True)
    return out
