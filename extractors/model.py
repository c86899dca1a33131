"""The data passed between the pipeline and the extractors: page texts in, document analyses out.

The pipeline (OCR, storage, ids) and the extractors (segmentation, classification, fields)
meet only here, so each side can be tested without the other.
"""

from __future__ import annotations

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


@dataclass
class PageText:
    """The text of one page of a source, however it was obtained."""

    number: int  # 1-based page number in the source
    text: str
    origin: Literal["tesseract", "text_layer", "blank", "failed"] = "tesseract"  # blank: no ink, not OCRed
    confidence: float | None = None  # mean word confidence 0..100 (None for text layers)
    words: list[Word] = field(default_factory=list)
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
    review_risk: float | None = None  # estimated probability that a field is wrong (extractors/review.py)
    review_features: dict[str, float] = field(default_factory=dict)  # the signals that estimate was made from
    evidence: list[str] = field(default_factory=list)
    folios: dict[int, str] = field(default_factory=dict)  # page number -> "Bl. 37"


@dataclass
class SourceAnalysis:
    """All documents of a source plus the pages that belong to none (separators, blanks)."""

    documents: list[DocumentAnalysis]
    skipped_pages: list[int] = field(default_factory=list)
