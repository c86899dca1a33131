"""Words of a text as search terms: the same normalisation and German stemming for the index and for queries.

Done in Python (not by FTS5's tokenizer or PostgreSQL's `german` config), so both backends index the same
terms and answer a query identically. The Snowball German stemmer (`snowballstemmer`, the reference
implementation's generated Python) folds inflection ("Geschäftsgeheimnisse" → "geschaftsgeheimnis") and
treats ae/oe/ue like ä/ö/ü and ß like ss; other diacritics are dropped after stemming (Çelik → celik).

Every word becomes one term at its position (phrase search needs the order); the reversed terms let a word
match as the tail of a compound ("Lohn" finds "Stundenlohn") through a prefix lookup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_WORD = 60  # longer "words" are OCR noise; both backends skip them alike
TAIL_MIN = 4  # a query term this long also matches as the tail of a compound ("lohn" in "stundenlohn")
MAX_POSITION = 16383  # PostgreSQL's largest tsvector position; later words still count, without order
MAX_POSITIONS = 256  # PostgreSQL keeps at most this many positions of one lexeme
TSVECTOR_BYTES = 1_000_000  # PostgreSQL's limit is 1 MiB per tsvector
_stemmer = snowballstemmer.stemmer("german")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The search term of one word (any case)."""
    out = _stemmer.stemWord(word.lower())
    if not out.isascii():
        out = "".join(c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c))
    return out.lower()


def spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of every searchable word, in order."""
    for m in WORD.finditer(text):
        if m.end() - m.start() <= MAX_WORD:
            yield m.start(), m.end(), m.group()


def terms(text: str) -> list[str]:
    """The terms of a text in order: what is indexed, and what query words become."""
    return [t for t in (stem(w) for _, _, w in spans(text)) if t]


def reversed_terms(stems: list[str]) -> list[str]:
    """Each distinct term spelled backwards, for tail (compound) matching as a prefix lookup."""
    return sorted({t[::-1] for t in stems})


def fts_columns(text: str) -> dict[str, str]:
    """SQLite: the indexed columns of `documents_fts` (terms in order; reversed terms)."""
    stems = terms(text)
    return {"terms": " ".join(stems), "rterms": " ".join(reversed_terms(stems))}


def tsvector_literal(text: str) -> str:
    """PostgreSQL: the document's tsvector, spelled as its input syntax (cast with `::tsvector`).

    Lexemes are the terms with their positions, plus each reversed term prefixed with "~" (no positions).
    A tsvector over PostgreSQL's 1 MiB limit drops the reversed terms (the document then matches no compound
    tails) rather than failing the write.
    """
    positions: dict[str, list[int]] = {}
    for n, t in enumerate(terms(text), start=1):
        pos = positions.setdefault(t, [])
        p = min(n, MAX_POSITION)
        if len(pos) < MAX_POSITIONS and (not pos or pos[-1] != p):
            pos.append(p)
    main = " ".join(f"{_quote(t)}:{','.join(map(str, pos))}" for t, pos in positions.items())
    tails = " ".join(_quote("~" + r) for r in reversed_terms(list(positions)))
    both = f"{main} {tails}".strip()
    return both if len(both.encode()) < TSVECTOR_BYTES else main


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"
