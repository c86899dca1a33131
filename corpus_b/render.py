"""Draw a laid-out page onto a grey Pillow image at a scanner resolution."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFont

from corpus_b.fonts import font_px, width_mm
from corpus_b.layout import NBSP, Box, Page, Rule, Scribble, Stamp, Text


def _px(mm: float, dpi: int) -> int:
    return round(mm * dpi / 25.4)


def _font(family: str, style: str, size_pt: float, dpi: int) -> ImageFont.FreeTypeFont:
    return font_px(family, style, round(size_pt * dpi / 72))


def _stamp(op: Stamp, dpi: int) -> Image.Image:
    f = _font(op.family, "b", op.size, dpi)
    lh = op.size * 25.4 / 72 * 1.25
    wmm = max(width_mm(s, op.family, "b", op.size) for s in op.lines) + 6
    hmm = lh * len(op.lines) + 4
    if op.shape == "round":
        wmm = hmm = max(wmm, hmm) + 4
    img = Image.new("L", (_px(wmm, dpi), _px(hmm, dpi)), 255)
    d = ImageDraw.Draw(img)
    lw = max(2, _px(0.5, dpi))
    if op.shape == "round":
        d.ellipse([lw, lw, img.width - lw, img.height - lw], outline=op.ink, width=lw)
    else:
        d.rectangle([lw, lw, img.width - lw, img.height - lw], outline=op.ink, width=lw)
    y0 = (hmm - lh * len(op.lines)) / 2
    for i, s in enumerate(op.lines):
        d.text((img.width / 2, _px(y0 + lh * (i + 0.8), dpi)), s.replace(NBSP, " "), font=f, fill=op.ink, anchor="ms")
    if op.angle:
        img = img.rotate(op.angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    return img


def _scribble(d: ImageDraw.ImageDraw, op: Scribble, dpi: int) -> None:
    rnd = random.Random(op.seed)
    n = rnd.randint(5, 9)
    pts: list[tuple[float, float]] = []
    for i in range(n * 8):
        t = i / (n * 8 - 1)
        x = op.x + op.w * t + rnd.uniform(-0.6, 0.6)
        y = op.y + op.h / 2 + math.sin(t * n * math.pi * 1.7 + rnd.uniform(0, 0.4)) * op.h / 2 * rnd.uniform(0.4, 1.0)
        pts.append((_px(x, dpi), _px(y, dpi)))
    d.line(pts, fill=op.ink, width=max(2, _px(0.45, dpi)), joint="curve")
    if rnd.random() < 0.6:
        y = op.y + op.h * rnd.uniform(0.7, 1.0)
        d.line(
            [(_px(op.x, dpi), _px(y, dpi)), (_px(op.x + op.w * 0.9, dpi), _px(y - 1.5, dpi))],
            fill=op.ink,
            width=max(2, _px(0.35, dpi)),
        )


def render(page: Page, dpi: int, ink: int = 0) -> Image.Image:
    """Render ops with the office's ink darkness (0 = black)."""
    img = Image.new("L", (_px(page.w, dpi), _px(page.h, dpi)), 255)
    d = ImageDraw.Draw(img)
    stamps: list[Stamp] = []
    for op in page.ops:
        if isinstance(op, Text):
            f = _font(op.family, op.style, op.size, dpi)
            anchor = {"l": "ls", "r": "rs", "c": "ms"}[op.align]
            d.text(
                (_px(op.x, dpi), _px(op.y, dpi)), op.s.replace(NBSP, " "), font=f, fill=max(op.ink, ink), anchor=anchor
            )
        elif isinstance(op, Rule):
            d.line(
                [(_px(op.x1, dpi), _px(op.y1, dpi)), (_px(op.x2, dpi), _px(op.y2, dpi))],
                fill=max(op.ink, ink),
                width=max(1, _px(op.w, dpi)),
            )
        elif isinstance(op, Box):
            d.rectangle(
                [_px(op.x, dpi), _px(op.y, dpi), _px(op.x + op.w, dpi), _px(op.y + op.h, dpi)],
                outline=max(op.ink, ink),
                fill=op.fill,
                width=max(1, _px(op.lw, dpi)),
            )
        elif isinstance(op, Scribble):
            _scribble(d, op, dpi)
        elif isinstance(op, Stamp):
            stamps.append(op)
    for st in stamps:
        s = _stamp(st, dpi)
        x, y = _px(st.x, dpi) - s.width // 2, _px(st.y, dpi) - s.height // 2
        region = img.crop((x, y, x + s.width, y + s.height))
        img.paste(ImageChops.darker(region, s), (x, y))
    return img
