"""Lines in reading order and label -> value pairs from word boxes (OCR or text layer).

OCR reads a letterhead's right-hand info block ("Datum 21. Februar 2020", "Aktenzeichen ...")
into the lines of the address column beside it; pypdf reads text runs in content-stream
order. Both lose what the page shows: which words stand together in a column and which value
belongs to which label. This module rebuilds that from geometry only:

1. rows: tesseract's own lines (they follow skew), or words whose vertical centres agree;
2. segments: a row split where the gap between two words is wider than two line heights;
3. regions: segments joined when one stands right below another and they overlap
   horizontally, or when they share a row with a gap small against the page width
   (a label column and its value column); a region is a column block;
4. reading order: top to bottom, but a region that has another one to its left at the same
   height comes after it (the address block before the info block beside it);
5. pairs: a label-like segment and the next segment to its right on its row, or the line
   right below it; "Label: value" inside one segment too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median
from typing import Any

from extractors.model import PageText, Word

GAP = 2.0  # word gap (in line heights) that splits a row into segments
SAME_REGION_GAP = 0.07  # row gap (share of the page width) under which two segments are one block
_LABELISH = re.compile(r"^[^\W\d](?:[^\W\d]|[.\-/ ]){0,38}:?$")


@dataclass
class Segment:
    words: list[Word]
    row: int
    left: int = 0
    top: int = 0
    right: int = 0
    bottom: int = 0
    height: int = 1
    text: str = ""

    def __post_init__(self) -> None:
        ws = self.words
        self.left, self.top = ws[0].left, min(w.top for w in ws)
        self.right = ws[-1].left + ws[-1].width
        self.bottom = max(w.top + w.height for w in ws)
        self.height = max(1, sorted(w.height for w in ws)[len(ws) // 2])
        self.text = " ".join(w.text for w in ws)


@dataclass
class Line:
    """One line of a region: its segments on one row, left to right."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    region: int  # index of the region in reading order
    right_column: bool  # the region has another one beside it on its left (a letterhead's info block)


@dataclass
class Pair:
    """A label and the value geometry gives it: right of it on its row, or right below it."""

    label: str
    value: str
    below: bool
    line: int  # index (in `Layout.lines`) of the line that holds the value


@dataclass
class Layout:
    lines: list[Line] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The lines in reading order; a blank line between regions."""
        out: list[str] = []
        for i, ln in enumerate(self.lines):
            if i and ln.region != self.lines[i - 1].region:
                out.append("")
            out.append(ln.text)
        return "\n".join(out)


def _lines(words: list[Word]) -> list[list[Word]]:
    if any(w.line for w in words):  # tesseract's lines: they follow a skewed scan
        by_key: dict[tuple[int, int, int], list[Word]] = {}
        for w in words:
            by_key.setdefault((w.block, w.par, w.line), []).append(w)
        return [sorted(r, key=lambda w: w.left) for r in by_key.values()]
    return _bands(words, lambda w: (w.top, w.height, w.left))


def _bands(items: list, key: Callable[[Any], tuple[int, int, int]]) -> list[list]:
    """Items (words or segments) whose vertical centres agree, each band left to right."""
    rows: list[list[tuple[int, Any]]] = []
    centre, height = 0.0, 1
    keyed = [(top + h / 2, left, h, it) for it in items for top, h, left in (key(it),)]
    keyed.sort(key=lambda k: (k[0], k[1]))
    for c, left, h, it in keyed:
        if rows and abs(c - centre) <= 0.5 * max(h, height):
            rows[-1].append((left, it))
            continue
        rows.append([(left, it)])
        centre, height = c, h
    return [[it for _, it in sorted(r, key=lambda k: k[0])] for r in rows]


def _segments(lines: list[list[Word]]) -> list[Segment]:
    """Lines split at wide gaps, then numbered by row: segments of different lines at one height share a row."""
    out: list[Segment] = []
    for line in lines:
        h = max(1.0, median(w.height for w in line))
        cur = [line[0]]
        for prev, w in pairwise(line):
            if w.left - (prev.left + prev.width) > GAP * h:
                out.append(Segment(cur, 0))
                cur = []
            cur.append(w)
        out.append(Segment(cur, 0))
    for i, band in enumerate(_bands(out, lambda s: (s.top, s.height, s.left))):
        for s in band:
            s.row = i
    return out


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _regions(segs: list[Segment], page_width: int) -> list[list[Segment]]:
    parent = list(range(len(segs)))

    def union(a: int, b: int) -> None:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[rb] = ra

    order = sorted(range(len(segs)), key=lambda i: segs[i].top)
    for k, i in enumerate(order):
        s = segs[i]
        for j in order[k + 1:]:
            t = segs[j]
            if t.top - s.bottom > 1.6 * s.height:
                break
            if t.row == s.row:
                a, b = (s, t) if s.left < t.left else (t, s)
                if b.left - a.right < SAME_REGION_GAP * page_width:
                    union(i, j)
            elif t.top >= s.top + 0.5 * s.height and min(s.right, t.right) - max(s.left, t.left) > 0:
                union(i, j)
    # a label column and its value column: side by side on at least two shared rows, close together
    rows_of: dict[int, set[int]] = {}
    box: dict[int, list[int]] = {}
    for i, s in enumerate(segs):
        r = _find(parent, i)
        rows_of.setdefault(r, set()).add(s.row)
        bx = box.setdefault(r, [s.left, s.right])
        bx[0], bx[1] = min(bx[0], s.left), max(bx[1], s.right)
    for ga in list(box):
        for gb in list(box):
            ra, rb = _find(parent, ga), _find(parent, gb)
            if ra == rb or not 0 <= box[gb][0] - box[ga][1] < 0.1 * page_width:
                continue
            if len(rows_of[ga] & rows_of[gb]) >= 2:
                union(ra, rb)
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(_find(parent, i), []).append(s)
    return list(groups.values())


def _box(g: list[Segment]) -> tuple[int, int, int, int]:
    return min(s.left for s in g), min(s.top for s in g), max(s.right for s in g), max(s.bottom for s in g)


def _reading_order(groups: list[list[Segment]]) -> list[list[Segment]]:
    boxes = [_box(g) for g in groups]
    left = set(range(len(groups)))
    out: list[int] = []
    while left:
        cur = min(left, key=lambda i: (boxes[i][1], boxes[i][0]))
        seen = {cur}
        while True:  # a region left of this one at its height is read first
            beside = [i for i in left if i not in seen and boxes[i][2] <= boxes[cur][0] and boxes[i][1] < boxes[cur][3]]
            if not beside:
                break
            cur = min(beside, key=lambda i: (boxes[i][1], boxes[i][0]))
            seen.add(cur)
        out.append(cur)
        left.remove(cur)
    return [groups[i] for i in out]


def _labelish(text: str) -> bool:
    return bool(_LABELISH.match(text)) and len(text.split()) <= 4


def page_layout(page: PageText) -> Layout | None:
    """The page's lines and label/value pairs from its word boxes; None when it has none."""
    if page.layout is None or not len(page.layout):
        return None
    words = [w for w in page.layout.words() if w.text.strip()]
    if not words:
        return None
    width = page.width or max(w.left + w.width for w in words)
    segs = _segments(_lines(words))
    regions = _reading_order(_regions(segs, width))
    boxes = [_box(g) for g in regions]
    lines: list[Line] = []
    where: dict[int, int] = {}  # id(segment) -> line index
    for r, g in enumerate(regions):
        bx = boxes[r]
        beside = any(o[2] <= bx[0] and o[1] < bx[3] and o[3] > bx[1] for k, o in enumerate(boxes) if k != r)
        by_row: dict[int, list[Segment]] = {}
        for s in g:
            by_row.setdefault(s.row, []).append(s)
        for row in sorted(by_row.values(), key=lambda ss: min(s.top for s in ss)):
            row.sort(key=lambda s: s.left)
            for s in row:
                where[id(s)] = len(lines)
            lines.append(Line("  ".join(s.text for s in row), row[0].left, min(s.top for s in row),
                              row[-1].right, max(s.bottom for s in row), r, beside))
    return Layout(lines, _pairs(segs, lines, where, width))


def _pairs(segs: list[Segment], lines: list[Line], where: dict[int, int], width: int) -> list[Pair]:
    out: list[Pair] = []
    by_row: dict[int, list[Segment]] = {}
    for s in segs:
        by_row.setdefault(s.row, []).append(s)
    for row in by_row.values():
        row.sort(key=lambda s: s.left)
    for s in segs:
        text = s.text
        m = ":" in text[:42] and re.match(r"^([^\W\d][\w.\-/ ]{0,38}?)\s?:\s*(\S.*)$", text)
        if m and len(m.group(1).split()) <= 4:  # "Datum: 21.02.2020" in one segment
            out.append(Pair(m.group(1), m.group(2), False, where[id(s)]))
            continue
        if not _labelish(text):
            continue
        row = by_row[s.row]
        k = row.index(s)
        right = row[k + 1] if k + 1 < len(row) and row[k + 1].left - s.right < 0.3 * width else None
        if right is not None and (text.endswith(":") or not _labelish(right.text)):
            out.append(Pair(text.rstrip(":"), right.text, False, where[id(right)]))
            continue
        # a row of labels ("Ausstellungsdatum   Name"): each label's value stands below it
        below = [t for t in segs if t.row != s.row and 0 <= t.top - s.bottom <= 1.2 * s.height
                 and abs(t.left - s.left) <= 2 * s.height]
        if below:
            t = min(below, key=lambda t: t.top)
            if text.endswith(":") or not _labelish(t.text):
                out.append(Pair(text.rstrip(":"), t.text, True, where[id(t)]))
    return out
