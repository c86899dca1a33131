"""Decides whether a PDF page's own text layer is good enough to skip OCR.

Text layers come in three kinds: real (born-digital), absent or partial (scans, cover sheets),
and garbled (fonts without a Unicode mapping). Only the first is reused.
"""

from __future__ import annotations

import math
import re
from typing import Any

from extractors.model import Word, WordBoxes

_ALLOWED = re.compile(
    r"[A-Za-zÄÖÜäöüßéèáàóòúçñ0-9.,;:!?()§/\"'„“”‚‘’%&+\-–—*\[\]=<>@€$#_|]"
)
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{2,}")
_COMMON = frozenset(
    (
        "der die das und in zu den von mit des ist im für auf dem nicht ein eine als auch es an werden aus er hat "
        "dass sie nach bei um wird einer sich oder so wie sind über einem vom war noch kann durch nur gegen "
        "gericht klage beklagte kläger urteil beschluss verwaltungsgericht"
    ).split()
)

MIN_CHARS = 200  # a page with less text is a scan with a header line at most, so it is OCRed


def is_usable(text: str, has_images: bool) -> bool:
    """True when the text layer reads like real German text covering the page."""
    chars = [c for c in text if not c.isspace()]
    if len(chars) < (MIN_CHARS if has_images else 20):
        return False
    allowed = sum(1 for c in chars if _ALLOWED.match(c))
    if allowed / len(chars) < 0.9:
        return False
    words = _WORD.findall(text)
    if not words:
        return False
    common = sum(1 for w in words if w.lower() in _COMMON)
    return common / len(words) >= 0.05


def text_with_boxes(page: Any) -> tuple[str, WordBoxes]:
    """A pypdf page's text plus word boxes from the same parse (pypdf's text visitor).

    Chosen over `pdftotext -bbox-layout`: the text layer is parsed anyway, the visitor adds
    a callback per text run and no process per page. pypdf gives a run's origin and font size,
    not glyph widths, so word widths are estimated (half the font size per character): good
    enough for lines, columns and label/value neighbours, not for exact boxes.
    """
    height = float(page.mediabox.height) if page.mediabox is not None else 842.0
    words: list[Word] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, size: float) -> None:
        if not text or not text.strip():
            return
        try:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]) or 1.0
        except (TypeError, IndexError):
            return
        fs = max(1.0, float(size) * scale)
        char = fs * 0.5
        top = height - y - fs * 0.8
        for part in text.split("\n"):
            for m in re.finditer(r"\S+", part):
                w = m.group(0)
                left, width = round(x + m.start() * char), max(1, round(len(w) * char))
                words.append(Word(w, left, round(top), width, round(fs), -1.0))
            top += fs * 1.2  # a run spanning lines: later lines lie below

    text = page.extract_text(visitor_text=visit) or ""
    return text, WordBoxes.of(words)
