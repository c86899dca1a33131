"""Court and file-number fields as people type them: any common court name, file numbers as printed.

Courts: the extractor's own normaliser (`extractors.courts.find_courts`, the alias tables of designations,
seats and Länder the records were written with) reads the typed name first, so "Verwaltungsgericht Berlin",
"OVG Münster", "Oberverwaltungsgericht Nordrhein-Westfalen", "BayVGH" and "VGH München" mean what the records
store. What it does not read is taken as type word + seat, where a seat also matches as the start of a longer
one ("VG Frankfurt" → "Frankfurt am Main"). OVG and VGH are one instance (each Land has one of them).
File numbers: leading designators ("Az.", "VG", "BVerwG") are dropped, and a number starting with a digit also
matches the stored number without its court-letter prefix ("4 K 12.458" finds "W 4 K 12.458").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eakte.catalog.normalize import file_number_key, spell_out_umlauts
from extractors.fields import courts as extracted
from extractors.fields.normalize import to_base_letters

_ABBREVIATIONS = extracted.COURT_TYPES
COURT_TYPES = {t.lower(): t for t in _ABBREVIATIONS} | extracted.COURT_TYPE_WORDS
APPELLATE = ("OVG", "VGH")
NATIONAL = {"BVerwG", "BVerfG", "BGH", "EuGH"}  # one court each: the type alone names it
_DESIGNATOR = re.compile(r"^\s*(?:(?:az|aktenzeichen|gz|geschäftszeichen|geschaeftszeichen|gesch\.?\s*-?\s*z)"
                         r"\b[\s.:]*)?(?:(?:" + "|".join(t.lower() for t in _ABBREVIATIONS) + r"|bayvgh)\.?\s+"
                         r"(?=\w*\d))?", re.IGNORECASE)
_LEADING_LETTERS = re.compile(r"^[A-Z]+")


@dataclass(frozen=True)
class CourtQuery:
    types: tuple[str, ...]  # any of these (empty: any type)
    place: str | None  # folded seat or Land; also matches as the start of a longer seat ("frankfurt ...")


def parse_court(text: str) -> CourtQuery:
    hits = extracted.find_courts(text)
    if len(hits) == 1:
        court = hits[0].court
        found: tuple[str, ...] = APPELLATE if court.type in APPELLATE else (court.type,)
        return CourtQuery(found, None if court.type in NATIONAL or not court.place else spell_out_umlauts(court.place))
    words = text.replace(",", " ").split()
    types: tuple[str, ...] = ()
    if words and words[0].lower().strip(".") in COURT_TYPES:
        typ = COURT_TYPES[words.pop(0).lower().strip(".")]
        types = APPELLATE if typ in APPELLATE else (typ,)
    place = spell_out_umlauts(" ".join(words)).strip() or None
    if place and types == APPELLATE:
        land = extracted._appellate(to_base_letters(" ".join(words)))
        place = spell_out_umlauts(land) if land else place
    return CourtQuery(types, place)


def file_number_query(text: str) -> str:
    """The lookup key of a typed file number, without leading designators ("Az.", "VG", "BVerwG ...")."""
    return file_number_key(_DESIGNATOR.sub("", text, count=1)) or file_number_key(text)


def file_number_core(key: str) -> str:
    """A stored key without its leading letters (court-letter prefix "W", "AN", or a designator)."""
    return _LEADING_LETTERS.sub("", key)
