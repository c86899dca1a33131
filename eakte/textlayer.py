"""Decides whether a PDF page's own text layer is good enough to skip OCR.

Text layers come in three kinds: real (born-digital), absent or partial (scans, cover sheets),
and garbled (fonts without a Unicode mapping). Only the first is reused.
"""

from __future__ import annotations

import re

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
