"""Folio numbers ("Bl. 37"): handwritten or stamped sheet numbers that legal citations rely on.

OCR reads the stamp in many ways ("BL. 40", "B[.141", "B(.139", "BI.85"), so the pattern
accepts a B, one or two l-like glyphs and a dot, in the top or bottom lines of the page. Some
registries stamp the bare number: a line of two to four digits alone among the first two lines
(not a year, not a "- 12 -" page number) counts too.
"""

from __future__ import annotations

import re

_FOLIO = re.compile(r"(?<![\w.])(?:B[lLI1\[(|!]{1,2}\s?[.,:]|Blatt)\s?(\d{1,4})(?![\d.,/])")
_BARE = re.compile(r"^[^\w-]{0,2}(\d{2,4})[^\w-]{0,2}$")  # the number alone in the corner; "- 12 -" is a page number
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def find_folio(text: str) -> str | None:
    """The folio of a page among its first four or last three lines, as "Bl. 37"."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    edge = lines[:4] + lines[-3:]
    for line in edge:
        if re.search(r"BGBl|GVBl|Bl\.\s?\d+\s+(?:der|d\.)\s", line):
            continue
        m = _FOLIO.search(line)
        if m:
            return f"Bl. {int(m.group(1))}"
    for line in lines[:2]:  # a bare stamped number heads the page: nothing else on its line, not a year
        m = _BARE.match(line)
        if m and not _YEAR.match(m.group(1)) and int(m.group(1)) > 0:
            return f"Bl. {int(m.group(1))}"
    return None
