"""Folio numbers ("Bl. 37"): handwritten or stamped sheet numbers that legal citations rely on."""

from __future__ import annotations

import re

_FOLIO = re.compile(r"^(?:-\s*)?(?<![A-Za-z])(?:Bl\.?|Blatt|BI\.)\s*[:.]?\s*(\d{1,4})\s*(?:-)?$", re.IGNORECASE)


def find_folio(text: str) -> str | None:
    """The folio of a page: a short line "Bl. 37" among the first or last four lines, as "Bl. 37"."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for line in lines[:4] + lines[-4:]:
        for part in re.split(r"\s{2,}", line):
            m = _FOLIO.match(part.strip())
            if m:
                return f"Bl. {int(m.group(1))}"
    return None
