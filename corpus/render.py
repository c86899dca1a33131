"""Draws a Page (blocks in mm and points) onto a clean greyscale image with Pillow.

Layout is measured first; when the fixed content does not fit, the whole page is set in a
smaller size (as a clerk would shrink a form), and filler paragraphs that still do not fit
are dropped. The truth therefore never mentions text that is not on the page.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from corpus.model import (
    Bars,
    Block,
    Columns,
    Emblem,
    FormRow,
    Gap,
    Page,
    Photo,
    Rule,
    Signature,
    Stamp,
    Table,
    Text,
)

A4_MM = (210.0, 297.0)
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_URW = Path("/usr/share/fonts/opentype/urw-base35")

# family -> (regular, bold, italic); URW faces look like office Times/Helvetica/Courier.
_FACES: dict[str, tuple[str, str, str]] = {
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    "condensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf", "DejaVuSansCondensed-Oblique.ttf"),
    "mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Oblique.ttf"),
    "times": ("NimbusRoman-Regular.otf", "NimbusRoman-Bold.otf", "NimbusRoman-Italic.otf"),
    "helvetica": ("NimbusSans-Regular.otf", "NimbusSans-Bold.otf", "NimbusSans-Italic.otf"),
    "courier": ("NimbusMonoPS-Regular.otf", "NimbusMonoPS-Bold.otf", "NimbusMonoPS-Italic.otf"),
    "hand": ("Z003-MediumItalic.otf", "Z003-MediumItalic.otf", "Z003-MediumItalic.otf"),
}
_FALLBACK = {"times": "serif", "helvetica": "sans", "courier": "mono", "hand": "serif"}
FAMILIES = ("serif", "sans", "times", "helvetica", "condensed")


def _font_path(family: str, bold: bool, italic: bool) -> str:
    faces = _FACES.get(family, _FACES["serif"])
    name = faces[1] if bold else faces[2] if italic else faces[0]
    for base in (_DEJAVU, _URW):
        if (base / name).exists():
            return str(base / name)
    return _font_path(_FALLBACK.get(family, "serif"), bold, italic) if family in _FALLBACK else str(_DEJAVU / name)


@lru_cache(maxsize=256)
def font(family: str, px: int, bold: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_font_path(family, bold, italic), max(px, 4))


@dataclass
class _Ctx:
    dpi: int
    scale: float
    family: str
    draw: ImageDraw.ImageDraw | None
    rng: random.Random

    def px(self, mm: float) -> int:
        return round(mm * self.dpi / 25.4)

    def pt(self, pt: float) -> int:
        return round(pt * self.scale * self.dpi / 72)


def _wrap(text: str, f: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split(" ")
        line = ""
        for w in words:
            cand = f"{line} {w}" if line else w
            if f.getlength(cand) <= width or not line:
                line = cand
            else:
                lines.append(line)
                line = w
        lines.append(line)
    return lines


def _text(ctx: _Ctx, b: Text, x0: int, y: int, width: int) -> int:
    f = font(b.font or ctx.family, ctx.pt(b.size), b.bold, b.italic)
    indent = ctx.px(b.indent)
    lines = _wrap(b.text, f, width - indent)
    step = round(ctx.pt(b.size) * b.leading)
    if ctx.draw is not None:
        for i, line in enumerate(lines):
            yy = y + i * step
            lw = f.getlength(line)
            if b.align == "center":
                x = x0 + (width - lw) / 2
            elif b.align == "right":
                x = x0 + width - lw
            else:
                x = x0 + indent
            if b.align == "justify" and i < len(lines) - 1 and " " in line:
                words = line.split(" ")
                gap = (width - indent - sum(f.getlength(w) for w in words)) / (len(words) - 1)
                xx = float(x0 + indent)
                for w in words:
                    ctx.draw.text((xx, yy), w, font=f, fill=0)
                    xx += f.getlength(w) + gap
            else:
                ctx.draw.text((x, yy), line, font=f, fill=0)
            if b.underline:
                ctx.draw.line((x, yy + step * 0.85, x + lw, yy + step * 0.85), fill=0, width=max(1, ctx.px(0.25)))
    return y + len(lines) * step + ctx.px(b.space_after)


def _table(ctx: _Ctx, b: Table, x0: int, y: int, width: int) -> int:
    f = font(ctx.family, ctx.pt(b.size))
    fb = font(ctx.family, ctx.pt(b.size), bold=True)
    pad = ctx.px(1.2)
    xs = [x0]
    for w in b.widths:
        xs.append(xs[-1] + round(w * width))
    for r, row in enumerate(b.rows):
        ff = fb if b.header and r == 0 else f
        cells = [_wrap(c, ff, xs[i + 1] - xs[i] - 2 * pad) for i, c in enumerate(row)]
        step = round(ctx.pt(b.size) * 1.25)
        h = max(len(c) for c in cells) * step + 2 * pad
        if ctx.draw is not None:
            for i, lines in enumerate(cells):
                align = (b.align or ["left"] * len(row))[i] if b.align and i < len(b.align) else "left"
                for k, line in enumerate(lines):
                    lw = ff.getlength(line)
                    x = xs[i] + pad if align == "left" else xs[i + 1] - pad - lw
                    ctx.draw.text((x, y + pad + k * step), line, font=ff, fill=0)
            if b.border:
                ctx.draw.rectangle((xs[0], y, xs[-1], y + h), outline=0, width=max(1, ctx.px(0.2)))
                for x in xs[1:-1]:
                    ctx.draw.line((x, y, x, y + h), fill=0, width=max(1, ctx.px(0.2)))
            elif r == 0 and b.header:
                ctx.draw.line((xs[0], y + h, xs[-1], y + h), fill=0, width=max(1, ctx.px(0.3)))
        y += h
    return y + ctx.px(b.space_after)


def _columns(ctx: _Ctx, b: Columns, x0: int, y: int, width: int) -> int:
    f = font(ctx.family, ctx.pt(b.size))
    small = font(ctx.family, ctx.pt(b.size * 0.7))
    fb = font(ctx.family, ctx.pt(b.size), bold=True)
    step = round(ctx.pt(b.size) * 1.3)
    xr = x0 + round(width * b.split)
    yl = y
    for i, line in enumerate(b.left):
        ff = small if b.small_first_left and i == 0 else f
        if ctx.draw is not None:
            ctx.draw.text((x0, yl), line, font=ff, fill=0)
            if b.small_first_left and i == 0:
                ctx.draw.line((x0, yl + step * 0.75, x0 + ff.getlength(line), yl + step * 0.75), fill=0)
        yl += round(step * (0.8 if ff is small else 1.0)) + (ctx.px(3) if b.small_first_left and i == 0 else 0)
    yr = y
    for i, line in enumerate(b.right):
        ff = fb if b.bold_first_right and i == 0 else f
        if ctx.draw is not None:
            ctx.draw.text((xr, yr), line, font=ff, fill=0)
        yr += step
    return max(yl, yr) + ctx.px(b.space_after)


def _form_row(ctx: _Ctx, b: FormRow, x0: int, y: int, width: int) -> int:
    h = ctx.px(b.height)
    if ctx.draw is not None:
        label_f = font(ctx.family, ctx.pt(7.0))
        val_f = font("courier", ctx.pt(b.size))
        x = x0
        for label, value, frac in b.fields:
            w = round(frac * width)
            ctx.draw.rectangle((x, y, x + w, y + h), outline=0, width=max(1, ctx.px(0.25)))
            ctx.draw.text((x + ctx.px(1), y + ctx.px(0.6)), label, font=label_f, fill=40)
            if b.checkbox:
                s = ctx.px(3.5)
                bx, by = x + ctx.px(1.5), y + h - s - ctx.px(2)
                ctx.draw.rectangle((bx, by, bx + s, by + s), outline=0, width=max(1, ctx.px(0.25)))
                if value:
                    ctx.draw.line((bx, by, bx + s, by + s), fill=0, width=max(1, ctx.px(0.4)))
                    ctx.draw.line((bx, by + s, bx + s, by), fill=0, width=max(1, ctx.px(0.4)))
                    ctx.draw.text((bx + s + ctx.px(2), by - ctx.px(0.5)), value, font=val_f, fill=0)
            else:
                ctx.draw.text((x + ctx.px(2), y + h - ctx.pt(b.size) - ctx.px(1.8)), value, font=val_f, fill=0)
            x += w
    return y + h


def _photo(ctx: _Ctx, b: Photo, x0: int, y: int) -> int:
    x = x0 + ctx.px(b.x or 0)
    w, h = ctx.px(b.w), ctx.px(b.h)
    if ctx.draw is not None:
        ctx.draw.rectangle((x, y, x + w, y + h), fill=215, outline=90)
        ctx.draw.ellipse((x + w * 0.28, y + h * 0.15, x + w * 0.72, y + h * 0.62), fill=120)
        ctx.draw.pieslice((x + w * 0.1, y + h * 0.58, x + w * 0.9, y + h * 1.3), 180, 360, fill=95)
    return y + h


def _bars(ctx: _Ctx, b: Bars, x0: int, y: int, width: int) -> int:
    h = ctx.px(b.height)
    if ctx.draw is not None:
        x = x0 + width // 4
        for i in range(12):
            w = ctx.px(2.5 if i % 3 else 5.0)
            ctx.draw.rectangle((x, y, x + w, y + h), fill=0)
            x += w + ctx.px(3.0 if i % 2 else 4.5)
    return y + h + ctx.px(6)


def _signature(ctx: _Ctx, b: Signature, x0: int, y: int) -> int:
    w = ctx.px(b.width)
    h = ctx.px(9)
    if ctx.draw is not None:
        pts = []
        for i in range(28):
            t = i / 27
            pts.append((x0 + t * w, y + h * (0.5 + 0.45 * math.sin(t * 17 + ctx.rng.random()) * (1 - t * 0.5))))
        ctx.draw.line(pts, fill=30, width=max(1, ctx.px(0.45)), joint="curve")
        if b.name:
            f = font(ctx.family, ctx.pt(10))
            ctx.draw.text((x0, y + h + ctx.px(2)), b.name, font=f, fill=0)
    return y + h + ctx.px(9 if b.name else 3)


def _block(ctx: _Ctx, b: Block, x0: int, y: int, width: int) -> int:
    if isinstance(b, Text):
        return _text(ctx, b, x0, y, width)
    if isinstance(b, Gap):
        return y + ctx.px(b.mm)
    if isinstance(b, Rule):
        if ctx.draw is not None:
            ctx.draw.rectangle((x0, y, x0 + width, y + max(1, ctx.px(b.thickness))), fill=0)
        return y + ctx.px(b.thickness + 2.5)
    if isinstance(b, Table):
        return _table(ctx, b, x0, y, width)
    if isinstance(b, Columns):
        return _columns(ctx, b, x0, y, width)
    if isinstance(b, FormRow):
        return _form_row(ctx, b, x0, y, width)
    if isinstance(b, Photo):
        return _photo(ctx, b, x0, y)
    if isinstance(b, Bars):
        return _bars(ctx, b, x0, y, width)
    return _signature(ctx, b, x0, y)


def _layout(ctx: _Ctx, page: Page, width: int, top: int, bottom: int) -> tuple[list[bool], bool]:
    """Which blocks are kept at this scale, and whether all fixed blocks fit."""
    keep: list[bool] = []
    y = top
    fits = True
    for b in page.blocks:
        ny = _block(ctx, b, 0, y, width)
        if ny > bottom:
            if isinstance(b, Text) and b.filler:
                keep.append(False)
                continue
            fits = False
        keep.append(True)
        y = ny
    return keep, fits


def _stamp(img: Image.Image, s: Stamp, dpi: int) -> None:
    f = font("sans", round(s.size * dpi / 72), bold=True)
    pad = round(2.0 * dpi / 25.4)
    step = round(s.size * dpi / 72 * 1.3)
    w = int(max(f.getlength(line) for line in s.lines)) + 2 * pad
    h = step * len(s.lines) + 2 * pad
    layer = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(layer)
    for i, line in enumerate(s.lines):
        d.text(((w - f.getlength(line)) / 2, pad + i * step), line, font=f, fill=255)
    if s.box:
        d.rounded_rectangle((1, 1, w - 2, h - 2), radius=pad, outline=255, width=max(2, dpi // 100))
    layer = layer.rotate(s.angle, expand=True, resample=Image.Resampling.BILINEAR)
    x, y = round(s.x * dpi / 25.4), round(s.y * dpi / 25.4)
    ink = Image.new("L", layer.size, s.gray)
    img.paste(ink, (x, y), layer)


def _emblem(img: Image.Image, e: Emblem, dpi: int) -> None:
    d = ImageDraw.Draw(img)
    cx, cy, r = (round(v * dpi / 25.4) for v in (e.x, e.y, e.r))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=40, width=max(2, dpi // 90))
    d.polygon(
        [(cx, cy - r * 0.6), (cx - r * 0.5, cy + r * 0.45), (cx + r * 0.5, cy + r * 0.45)],
        outline=40,
        width=max(2, dpi // 120),
    )
    if e.label:
        f = font("sans", round(6 * dpi / 72), bold=True)
        d.text((cx + r * 1.3, cy - r * 0.4), e.label, font=f, fill=30)


def render(page: Page, dpi: int, rng: random.Random) -> Image.Image:
    """A clean greyscale image of `page` at `dpi` (A4 portrait, or landscape when asked)."""
    wmm, hmm = (A4_MM[1], A4_MM[0]) if page.landscape else A4_MM
    w, h = round(wmm * dpi / 25.4), round(hmm * dpi / 25.4)
    img = Image.new("L", (w, h), 255)
    if page.kind == "blank":
        return img
    ml, mr, mt, mb = page.margins
    x0, width = round(ml * dpi / 25.4), round((wmm - ml - mr) * dpi / 25.4)
    top, bottom = round(mt * dpi / 25.4), h - round(mb * dpi / 25.4)
    if page.header:
        top += round(10 * dpi / 25.4)
    keep: list[bool] = []
    scale = 1.0
    for scale in (1.0, 0.93, 0.86, 0.8, 0.74, 0.68, 0.62):
        keep, fits = _layout(_Ctx(dpi, scale, page.family, None, rng), page, width, top, bottom)
        if fits:
            break
    ctx = _Ctx(dpi, scale, page.family, ImageDraw.Draw(img), rng)
    if page.header:
        f = font(page.family, ctx.pt(page.size))
        hx = x0 + (width - f.getlength(page.header)) / 2
        ctx.draw.text((hx, round(mt * dpi / 25.4)), page.header, font=f, fill=0)  # type: ignore[union-attr]
    y = top
    for b, k in zip(page.blocks, keep, strict=True):
        if k:
            y = _block(ctx, b, x0, y, width)
    if page.footer:
        f = font(page.family, ctx.pt(7.5))
        ctx.draw.text((x0, h - round(12 * dpi / 25.4)), page.footer, font=f, fill=40)  # type: ignore[union-attr]
    for o in page.overlays:
        if isinstance(o, Stamp):
            _stamp(img, o, dpi)
        elif isinstance(o, Emblem):
            _emblem(img, o, dpi)
    return img


def folio(img: Image.Image, text: str, dpi: int, rng: random.Random) -> None:
    """The handwritten sheet number ("Bl. 37") in the top right corner, added after the page is printed."""
    f = font("hand", round(rng.uniform(16, 22) * dpi / 72))
    w = int(f.getlength(text)) + 20
    hgt = round(30 * dpi / 72)
    layer = Image.new("L", (w, hgt), 0)
    ImageDraw.Draw(layer).text((10, 0), text, font=f, fill=255)
    layer = layer.rotate(rng.uniform(-8, 8), expand=True, resample=Image.Resampling.BILINEAR)
    x = img.width - layer.width - round(rng.uniform(8, 16) * dpi / 25.4)
    y = round(rng.uniform(5, 11) * dpi / 25.4)
    img.paste(Image.new("L", layer.size, rng.randint(30, 90)), (x, y), layer)


NOTES = ("z.d.A.", "WV", "erl.", "Kopie an SB", "s. Bl.", "ok", "!", "vorgelegt", "Rücksprache", "AZ prüfen")


def annotate(img: Image.Image, dpi: int, rng: random.Random) -> None:
    """Clerks' pencil marks: a short note in the margin and a stroke beside a paragraph (no dates, no names)."""
    d = ImageDraw.Draw(img)
    f = font("hand", round(rng.uniform(13, 18) * dpi / 72))
    gray = rng.randint(60, 120)
    x = round(rng.uniform(4, 12) * dpi / 25.4) if rng.random() < 0.5 else img.width - round(30 * dpi / 25.4)
    y = round(rng.uniform(60, 250) * dpi / 25.4)
    d.text((x, y), rng.choice(NOTES), font=f, fill=gray)
    if rng.random() < 0.6:
        xs = round(rng.uniform(14, 19) * dpi / 25.4)
        y0 = round(rng.uniform(50, 200) * dpi / 25.4)
        pts = [(xs + rng.uniform(-3, 3), y0 + k * dpi / 6) for k in range(rng.randint(2, 5))]
        d.line(pts, fill=gray, width=max(2, dpi // 100))
