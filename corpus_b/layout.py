"""Page model in millimetres (A4, y downwards, text on its baseline) and a flowing-text writer.

Documents are laid out as drawing operations first and rendered later, so page headers can say
"Seite 2 von 5" and labels can find the page on which each date was printed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from corpus_b.fonts import width_mm

NBSP = "\u00a0"
PT_MM = 25.4 / 72


@dataclass
class Text:
    x: float
    y: float
    s: str
    family: str
    style: str = "r"  # r, b, i
    size: float = 11.0
    align: str = "l"  # l, r, c
    ink: int = 0  # 0 black .. 255 white
    angle: float = 0.0


@dataclass
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    w: float = 0.3
    ink: int = 0


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float
    lw: float = 0.3
    fill: int | None = None
    ink: int = 0


@dataclass
class Stamp:
    """Rubber stamp: a frame (rect or round) with lines of text, in a lighter ink, slightly turned."""

    x: float
    y: float
    lines: list[str]
    family: str = "nimbus_sans"
    size: float = 9.0
    shape: str = "rect"
    ink: int = 90
    angle: float = 0.0


@dataclass
class Scribble:
    """A handwritten signature or paraph: a pen stroke generated from the seed."""

    x: float
    y: float
    w: float
    h: float
    seed: int
    ink: int = 30


@dataclass
class Page:
    ops: list[object] = field(default_factory=list)
    w: float = 210.0
    h: float = 297.0

    def text(self) -> str:
        """All printed strings of the page (with NBSP kept), for locating dates and numbers."""
        parts: list[str] = []
        for op in self.ops:
            if isinstance(op, Text):
                parts.append(op.s)
            elif isinstance(op, Stamp):
                parts.extend(op.lines)
        return "\n".join(parts)

    def t(
        self,
        x: float,
        y: float,
        s: str,
        family: str,
        size: float = 11.0,
        style: str = "r",
        align: str = "l",
        ink: int = 0,
    ) -> None:
        self.ops.append(Text(x, y, s, family, style, size, align, ink))


def wrap(words: list[str], avail: float, family: str, style: str, size: float) -> list[list[str]]:
    lines: list[list[str]] = []
    cur: list[str] = []
    sp = width_mm(" ", family, style, size)
    wcur = 0.0
    for w in words:
        ww = width_mm(w, family, style, size)
        if cur and wcur + sp + ww > avail:
            lines.append(cur)
            cur, wcur = [w], ww
        else:
            wcur = ww if not cur else wcur + sp + ww
            cur.append(w)
    if cur:
        lines.append(cur)
    return lines


class Flow:
    """Flowing text over as many pages as needed; new pages get the continuation header hook."""

    def __init__(
        self,
        family: str,
        size: float = 11.0,
        left: float = 25.0,
        right: float = 20.0,
        top: float = 25.0,
        bottom: float = 25.0,
        leading: float = 1.3,
        on_page: Callable[[Page, int], float] | None = None,
    ) -> None:
        self.family, self.size, self.leading = family, size, leading
        self.left, self.right, self.top, self.bottom = left, right, top, bottom
        self.on_page = on_page
        self.pages: list[Page] = []
        self.y = 0.0
        self.new_page()

    @property
    def page(self) -> Page:
        return self.pages[-1]

    @property
    def width(self) -> float:
        return 210.0 - self.left - self.right

    def new_page(self) -> None:
        p = Page()
        self.pages.append(p)
        self.y = self.top
        if self.on_page is not None:
            self.y = max(self.y, self.on_page(p, len(self.pages)))

    def line_h(self, size: float | None = None) -> float:
        return (size or self.size) * PT_MM * self.leading

    def ensure(self, h: float) -> None:
        if self.y + h > 297.0 - self.bottom:
            self.new_page()

    def space(self, mm: float) -> None:
        self.y += mm

    def para(
        self,
        text: str,
        *,
        style: str = "r",
        size: float | None = None,
        align: str = "j",
        indent: float = 0.0,
        first: float = 0.0,
        before: float = 0.0,
        after: float = 2.0,
        family: str | None = None,
        keep: int = 2,
    ) -> None:
        """One paragraph; `align` j(ustify)/l/r/c; dates and numbers carry NBSP so they never break."""
        fam = family or self.family
        sz = size or self.size
        lh = self.line_h(sz)
        self.y += before
        x0 = self.left + indent
        avail = self.width - indent
        words = text.split(" ")
        lines = wrap(words, avail - first, fam, style, sz)
        if len(lines) > 1:
            rest = wrap([w for ln in lines[1:] for w in ln], avail, fam, style, sz)
            lines = lines[:1] + rest
        self.ensure(lh * min(keep, len(lines)))
        for i, ln in enumerate(lines):
            self.ensure(lh)
            base = self.y + sz * PT_MM
            xs = x0 + (first if i == 0 else 0.0)
            avail_i = avail - (first if i == 0 else 0.0)
            s = " ".join(ln)
            if align == "c":
                self.page.ops.append(Text(x0 + avail / 2, base, s, fam, style, sz, "c"))
            elif align == "r":
                self.page.ops.append(Text(x0 + avail, base, s, fam, style, sz, "r"))
            elif align == "j" and i < len(lines) - 1 and len(ln) > 1:
                total = sum(width_mm(w, fam, style, sz) for w in ln)
                gap = (avail_i - total) / (len(ln) - 1)
                x = xs
                for w in ln:
                    self.page.ops.append(Text(x, base, w, fam, style, sz, "l"))
                    x += width_mm(w, fam, style, sz) + gap
            else:
                self.page.ops.append(Text(xs, base, s, fam, style, sz, "l"))
            self.y += lh
        self.y += after

    def kv(
        self,
        rows: list[tuple[str, str]],
        label_w: float = 45.0,
        *,
        style_label: str = "r",
        indent: float = 0.0,
        after: float = 2.0,
        size: float | None = None,
    ) -> None:
        sz = size or self.size
        lh = self.line_h(sz)
        for label, value in rows:
            lines = wrap(value.split(" "), self.width - indent - label_w, self.family, "r", sz) or [[""]]
            self.ensure(lh * len(lines))
            base = self.y + sz * PT_MM
            self.page.ops.append(Text(self.left + indent, base, label, self.family, style_label, sz))
            for ln in lines:
                base = self.y + sz * PT_MM
                self.page.ops.append(Text(self.left + indent + label_w, base, " ".join(ln), self.family, "r", sz))
                self.y += lh
        self.y += after

    def table(
        self,
        widths: list[float],
        rows: list[list[str]],
        *,
        header: bool = True,
        grid: bool = False,
        size: float | None = None,
        aligns: str | None = None,
        after: float = 3.0,
    ) -> None:
        sz = size or self.size
        lh = self.line_h(sz) * 1.1
        x_edges = [self.left]
        for w in widths:
            x_edges.append(x_edges[-1] + w)
        for r, row in enumerate(rows):
            self.ensure(lh)
            base = self.y + sz * PT_MM + 0.6
            for c, cell in enumerate(row):
                a = (aligns or "l" * len(widths))[c]
                st = "b" if header and r == 0 else "r"
                x = x_edges[c] + 1.0 if a == "l" else x_edges[c + 1] - 1.0
                self.page.ops.append(Text(x, base, cell, self.family, st, sz, a))
            if grid:
                for c in range(len(widths)):
                    self.page.ops.append(Box(x_edges[c], self.y, widths[c], lh, 0.2))
            elif header and r == 0:
                self.page.ops.append(Rule(x_edges[0], self.y + lh, x_edges[-1], self.y + lh, 0.3))
            self.y += lh
        self.y += after

    def rule(self, w: float = 0.3, after: float = 2.0) -> None:
        self.page.ops.append(Rule(self.left, self.y, 210.0 - self.right, self.y, w))
        self.y += after

    def signature(self, seed: int, names: list[str], *, x: float | None = None, after: float = 4.0) -> None:
        self.ensure(22)
        xx = self.left if x is None else x
        self.page.ops.append(Scribble(xx + 2, self.y + 2, 40, 11, seed))
        self.y += 14
        for n in names:
            self.page.ops.append(Text(xx, self.y + self.size * PT_MM, n, self.family, "r", self.size - 1))
            self.y += self.line_h(self.size - 1)
        self.y += after
