"""Page layout blocks and the builder templates use to write a document and its truth together.

Templates never touch pixels: they describe pages as blocks (text, tables, form boxes ...)
in millimetres and points, and register every date, party and file number they print, so
the truth always matches what is on the page.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from corpus.dates import fmt


@dataclass
class Text:
    """A paragraph, wrapped to the text width. `filler` text may be dropped when the page is full."""

    text: str
    size: float = 11.0
    bold: bool = False
    italic: bool = False
    align: str = "left"  # left, center, right, justify
    indent: float = 0.0  # mm
    space_after: float = 2.0  # mm
    font: str | None = None  # family override: serif, sans, times, helvetica, mono, hand
    filler: bool = False
    leading: float = 1.3
    underline: bool = False


@dataclass
class Gap:
    mm: float


@dataclass
class Rule:
    thickness: float = 0.3  # mm


@dataclass
class Table:
    """A grid (payslips, validity tables); widths are fractions of the text width."""

    rows: list[list[str]]
    widths: list[float]
    size: float = 9.5
    border: bool = True
    header: bool = True
    align: list[str] | None = None  # per column: left/right/center
    space_after: float = 3.0


@dataclass
class Columns:
    """Two text columns side by side: letterheads (address left, sender info right)."""

    left: list[str]
    right: list[str]
    size: float = 10.0
    split: float = 0.58
    bold_first_right: bool = False
    small_first_left: bool = False  # the tiny return-address line above the window address
    space_after: float = 6.0


@dataclass
class FormRow:
    """A row of labelled form boxes; the value is typed in a typewriter face."""

    fields: list[tuple[str, str, float]]  # (label, value, width fraction)
    height: float = 12.0  # mm
    size: float = 10.5
    checkbox: bool = False


@dataclass
class Photo:
    """A passport photo placeholder (grey face on a light background)."""

    w: float = 35.0
    h: float = 45.0
    x: float | None = None  # mm from the left text edge; None: left edge


@dataclass
class Bars:
    """Patch-code like bars of a separator sheet."""

    height: float = 60.0


@dataclass
class Signature:
    """A scribbled signature above a name line."""

    name: str = ""
    width: float = 45.0


@dataclass
class Stamp:
    """An ink stamp put on top of the page (receipt stamps, seals)."""

    lines: list[str]
    x: float  # mm from page left
    y: float  # mm from page top
    angle: float = 0.0
    size: float = 11.0
    box: bool = True
    gray: int = 80


@dataclass
class Emblem:
    """A round seal or logo mark at an absolute position."""

    x: float
    y: float
    r: float = 9.0
    label: str = ""


Block = Text | Gap | Rule | Table | Columns | FormRow | Photo | Bars | Signature
Overlay = Stamp | Emblem


@dataclass
class Page:
    """One side of paper as the template wants it printed."""

    blocks: list[Block] = field(default_factory=list)
    overlays: list[Overlay] = field(default_factory=list)
    family: str = "serif"
    size: float = 11.0
    margins: tuple[float, float, float, float] = (25.0, 20.0, 20.0, 20.0)  # left, right, top, bottom (mm)
    header: str | None = None  # may use {n} and {N}
    footer: str | None = None
    kind: str = "document"  # document, separator, blank
    landscape: bool = False


@dataclass
class DocTruth:
    """The ground truth of one document, page numbers relative to the document (0-based)."""

    doc_type: str
    doc_subtype: str | None
    title: str | None = None
    document_date: dt.date | None = None
    dates: list[dict[str, Any]] = field(default_factory=list)
    court: dict[str, str] | None = None
    file_numbers: list[dict[str, Any]] = field(default_factory=list)
    parties: list[dict[str, str]] = field(default_factory=list)
    incoming: bool = True  # whether a receipt stamp fits (documents that arrive by post)
    subject: str = "main"  # whose paper it is: "main" or a relative's key of the story (corpus/story.py)
    facts: dict[str, Any] = field(default_factory=dict)  # case facts the page states beyond dates (status, school)


class DocBuilder:
    """Collects pages and truth of one document while a template writes it."""

    def __init__(
        self,
        rng: random.Random,
        doc_type: str,
        subtype: str | None,
        *,
        family: str = "serif",
        size: float = 11.0,
        header: str | None = None,
        margins: tuple[float, float, float, float] | None = None,
    ):
        self.rng = rng
        self.truth = DocTruth(doc_type, subtype)
        self.pages: list[Page] = []
        self.family = family
        self.size = size
        self.header = header
        self.margins = margins or (rng.uniform(22, 27), rng.uniform(17, 22), rng.uniform(15, 22), 20.0)

    def page(self, **kw: Any) -> Page:
        """Start a new page; continuation pages get the document's running header."""
        kw.setdefault("family", self.family)
        kw.setdefault("size", self.size)
        kw.setdefault("margins", self.margins)
        if self.pages and self.header is not None:
            kw.setdefault("header", self.header)
        p = Page(**kw)
        self.pages.append(p)
        return p

    @property
    def cur(self) -> Page:
        return self.pages[-1] if self.pages else self.page()

    def add(self, *blocks: Block) -> None:
        self.cur.blocks.extend(blocks)

    def overlay(self, *items: Overlay) -> None:
        self.cur.overlays.extend(items)

    def date(self, role: str, d: dt.date, style: str = "num") -> str:
        """Print a date and record it with its role on the current page."""
        text = fmt(d, style)
        self.truth.dates.append(
            {"role": role, "value": d.isoformat(), "page": len(self.pages) - 1 if self.pages else 0, "text": text}
        )
        if role == "document_date":
            self.truth.document_date = d
        return text

    def party(self, role: str, name: str, kind: str = "person") -> str:
        entry = {"role": role, "name": name, "kind": kind}
        if entry not in self.truth.parties:
            self.truth.parties.append(entry)
        return name

    def file_number(self, kind: str, value: str, variants: list[str] | None = None) -> str:
        entry: dict[str, Any] = {"kind": kind, "value": value}
        if variants:
            entry["variants"] = variants
        if all(f["value"] != value for f in self.truth.file_numbers):
            self.truth.file_numbers.append(entry)
        return value


def page_text(page: Page, folio: str | None = None) -> str:
    """The text printed on a page in rough reading order: ideal OCR, for developing extractors without OCR."""
    lines: list[str] = []
    if folio:
        lines.append(folio)
    for o in page.overlays:
        if isinstance(o, Stamp):
            lines.extend(o.lines)
    if page.header:
        lines.append(page.header)
    for b in page.blocks:
        if isinstance(b, Text):
            lines.append(b.text)
        elif isinstance(b, Columns):
            lines.extend([*b.left, *b.right])
        elif isinstance(b, Table):
            lines.extend("  ".join(row) for row in b.rows)
        elif isinstance(b, FormRow):
            lines.extend(f"{label} {value}".strip() for label, value, _ in b.fields)
        elif isinstance(b, Signature) and b.name:
            lines.append(b.name)
    if page.footer:
        lines.append(page.footer)
    return "\n".join(line for line in lines if line)
