"""The data passed between the pipeline and the extractors: page texts in, document analyses out.

The pipeline (OCR, storage, ids) and the extractors (segmentation, classification, fields)
meet only here, so each side can be tested without the other.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Literal

from schemas.records import Court, DateEntry, FileNumber, Party


@dataclass(frozen=True)
class Word:
    """One OCR word with its box in page pixels and tesseract's confidence (0..100)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    block: int = 0  # tesseract's block / paragraph / line numbers (0 when the source gives none)
    par: int = 0
    line: int = 0


_FIELDS = 8  # left, top, width, height, conf, block, par, line
_SEP = "\x1f"  # unit separator: never part of a word


@dataclass(frozen=True)
class WordBoxes:
    """A page's words in compact form: one string and one int array, not an object per word.

    A 500-page file keeps every page until segmentation is done; objects per word would cost
    about 40 MB there, this form about a fifth of that.
    """

    text: str = ""  # the words joined by _SEP
    boxes: array = field(default_factory=lambda: array("i"))  # _FIELDS ints per word

    @staticmethod
    def of(words: list[Word]) -> WordBoxes:
        boxes = array("i")
        for w in words:
            boxes.extend((w.left, w.top, w.width, w.height, int(w.conf), w.block, w.par, w.line))
        return WordBoxes(_SEP.join(w.text.replace(_SEP, " ") for w in words), boxes)

    def __len__(self) -> int:
        return len(self.boxes) // _FIELDS

    def words(self) -> list[Word]:
        if not self.boxes:
            return []
        b = self.boxes
        out = []
        for i, t in enumerate(self.text.split(_SEP)):
            k = i * _FIELDS
            out.append(Word(t, b[k], b[k + 1], b[k + 2], b[k + 3], float(b[k + 4]), b[k + 5], b[k + 6], b[k + 7]))
        return out


@dataclass
class PageText:
    """The text of one page of a source, however it was obtained."""

    number: int  # 1-based page number in the source
    text: str
    origin: Literal["tesseract", "text_layer", "blank", "failed"] = "tesseract"  # blank: no ink, not OCRed
    confidence: float | None = None  # mean word confidence 0..100 (None for text layers)
    layout: WordBoxes | None = None  # word boxes (OCR or text layer) for extractors/layout.py; None: unknown
    width: int = 0  # page image size in pixels (0 when unknown)
    height: int = 0
    rotated: int = 0  # degrees the page was turned before OCR
    error: str | None = None  # operator-facing reason when origin == "failed"


@dataclass
class DocumentAnalysis:
    """What the extractors found for one document (a contiguous page range)."""

    first_page: int
    last_page: int
    doc_type: str = "other"
    doc_subtype: str | None = None
    confidence: float = 0.0
    title: str | None = None
    language: str | None = "de"
    document_date: str | None = None
    dates: list[DateEntry] = field(default_factory=list)
    court: Court | None = None
    file_numbers: list[FileNumber] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    review_reasons: list[str] = field(default_factory=list)
    review_risk: float | None = None  # estimated probability that a field is wrong (extractors/review/)
    review_features: dict[str, float] = field(default_factory=dict)  # the signals that estimate was made from
    evidence: list[str] = field(default_factory=list)
    folios: dict[int, str] = field(default_factory=dict)  # page number -> "Bl. 37"


@dataclass
class SourceAnalysis:
    """All documents of a source plus the pages that belong to none (separators, blanks)."""

    documents: list[DocumentAnalysis]
    skipped_pages: list[int] = field(default_factory=list)
