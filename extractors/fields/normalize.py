"""OCR text cleanup and folding, so the rules downstream see one spelling per thing.

Everything here keeps character offsets stable where it matters: `clean` may change
lengths (it runs once per page before any matching), `to_base_letters` keeps them (same length),
so a match in folded text maps back to the cleaned text one to one.
"""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({
    "ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl",
    "\u00ad": "",  # soft hyphen
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u201e": '"', "\u201c": '"', "\u201d": '"', "\u00bb": '"', "\u00ab": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u00b4": "'", "`": "'",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ", "\f": "\n", "\r": "",
})
_SPACES = re.compile(r"[ ]{2,}")
# "12.O3.2024" / "l2.03.2024": OCR letter-for-digit swaps, only between digits and dots.
# Also inside space-separated date columns of passports and forms: "10 i1 2016", "1O 11 2016".
_OCR_DIGIT = re.compile(r"(?=[OoIil|])(?:(?<=[\d.])[Oo](?=[\d.])|(?<=[\d.])[lI](?=\d)|(?<=\s)[lI](?=\d[\d.]*\.\d)"
                        r"|(?<=\d[ .])[iIl|](?=\d[ .]\d)|(?<=\d[ .]\d)[iIl|Oo](?=[ .]\d{4})|(?<=\d)[Oo](?=[ .]\d)"
                        r"|(?<=\d\.)[lI](?=\.\s?\d)|(?<=\d\.\s)[lI](?=\.\s?\d))")  # "19. l. 1995"


def repair_digits(text: str) -> str:
    """OCR letter-for-digit swaps between digits undone ("1O 11 2016"), same length, so offsets hold."""
    return _OCR_DIGIT.sub(lambda m: "0" if m.group(0) in "Oo" else "1", text)


# "Ver-\nhandlung" -> "Verhandlung"; a capital after the break ("Nordrhein-\nWestfalen") keeps its hyphen.
_HYPHEN_BREAK = re.compile(r"(?<=[a-zäöüß])-[ \t]*\n[ \t]*(?=[a-zäöüß])")
_UNDERSCORE = re.compile(r"(?<=\w)_+|_+(?=\w)")


def clean(text: str) -> str:
    """NFC, ligatures, dashes and quotes unified, runs of spaces collapsed, line structure kept."""
    text = unicodedata.normalize("NFC", text).translate(_LIGATURES)
    text = _HYPHEN_BREAK.sub("", text)
    text = _UNDERSCORE.sub(" ", text)
    text = _OCR_DIGIT.sub(lambda m: "0" if m.group(0) in "Oo" else "1", text)
    return "\n".join(_SPACES.sub("  ", line).rstrip() for line in text.split("\n"))


_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "s",
                       "é": "e", "è": "e", "á": "a", "à": "a"})


def to_base_letters(text: str) -> str:
    """Lower case with umlauts and accents folded to their base letter (ä → a, ß → s): same length, so offsets
    map back one to one, and robust to OCR losing the dots. (The catalog spells umlauts out instead:
    `eakte.catalog.normalize.spell_out_umlauts`.)"""
    return text.translate(_FOLD).lower()


def lines(text: str) -> list[str]:
    """Non-empty stripped lines."""
    return [ln.strip() for ln in text.split("\n") if ln.strip()]
