"""Printed page numbers of a document ("- 2 -", "Seite 2 von 3"): where a page stands in its paper.

Segmentation reads them to join continuation pages (on folded text, lenient: "Seite 2 aus 3",
"Blatt 1 von 2", a lone digit at the page edge); review reads them to see a page range cut
wrong (on the cleaned text, strict: only "- n -" and "Seite n von|/ m").
"""

from __future__ import annotations

import re

_DASH = r"^\s*[-–]\s*(\d{1,3})\s*[-–]\s*$"  # "- 2 -" on a line of its own
DASH_PAGE = re.compile(_DASH, re.MULTILINE)
# "Seite 2 von 3", "Seite 2/3"
PAGE_OF = re.compile(r"\bseite\s*(\d{1,3})\s*(?:von|/)\s*(\d{1,3})(?!\d)", re.IGNORECASE)
# segmentation: "- 2 -", "-2- ...", "Seite 2", or a lone single digit (folio stamps have two to four)
PAGE_NO = re.compile(_DASH + r"|^\s*-\s*(\d{1,3})\s*-|^\s*seite\s+(\d{1,3})\s*$|^\s*([2-9])\s*$", re.MULTILINE)
# segmentation: "Seite 2 von 3", "Seite 2/3", "Seite 2 aus 3", "Blatt 1 von 2" (folded text)
PAGE_OF_TOTAL = re.compile(r"\bseite\s*(\d{1,3})\s*(?:von|/|aus)\s*(\d{1,3})(?!\d)"
                           r"|\bblatt\s*(\d{1,3})\s*von\s*(\d{1,3})(?!\d)")
