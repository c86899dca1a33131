"""What the stages hand each other: a read page's result, and which source outcomes are final.

Which quarantine reasons are final and which the next run retries: a reason that is a property of the file (its
type, its encryption, its damage, its size) gives the same verdict on the same bytes, so a re-run keeps the
record. Every other reason is a fault of the run (the disk was full, the store was down, OCR timed out, a bug):
the next run tries the file again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from extractors.model import PageText


class PageStatus(StrEnum):
    """How a page was read: `PageText.origin`. Records and protocols store these strings; extend, never rename
    (../shared/docs/metadata-contract.md)."""

    tesseract = "tesseract"  # OCRed
    text_layer = "text_layer"  # the PDF's own text layer was good enough
    blank = "blank"  # no ink: not OCRed
    failed = "failed"  # could not be read; `PageText.error` says why


FINAL_CODES = frozenset({"duplicate", "empty_file", "unsupported_type", "encrypted_pdf", "corrupt_file",
                         "too_large", "too_many_pages", "no_pages", "link_outside_inputs"})


def is_final(code: str | None) -> bool:
    """True when a re-run with the same bytes would reach the same verdict."""
    return code in FINAL_CODES


@dataclass
class PageResult:
    """A read page plus what the document PDF needs from it."""

    text: PageText
    pdf: Path | None = None  # one-page searchable PDF from tesseract
    image: Path | None = None  # the page image, for blank and failed pages only (OCRed pages live in `pdf`)
    blank: bool = False
