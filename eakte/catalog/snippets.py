"""A hit's snippet as plain text plus highlight offsets, cut from the document text in Python.

Plain text with (start, end) offsets instead of markers in the text: a decision quoting "[Nr. 15]" or
"[/red]" cannot be mistaken for a highlight, and each front end styles the ranges itself (CLI: Rich
`Text.stylize`, page: `<mark>` nodes with textContent). Offsets count Unicode code points of `snippet`.
Matching uses the same stems as the search (`textquery.matches`), so both backends give the same snippet.
"""

from __future__ import annotations

import re

from eakte.catalog.terms import spans, stem
from eakte.catalog.textquery import TextQuery, matches

WINDOW = 18  # words in a snippet
MAX_CHARS = 240
_SPACE = re.compile(r"\s+")
_TRAIL = re.compile(r"[^\w\s]{0,3}")


def snippet(text: str, q: TextQuery) -> tuple[str, list[tuple[int, int]]]:
    """The window of WINDOW words with the most matched words, and where the matches are in it."""
    words = list(spans(text))
    if not words:
        return "", []
    stems = [stem(w) for _, _, w in words]
    hit = [False] * len(words)
    for i in range(len(words)):
        for c in q.positive():
            n = matches(c, stems, i)
            for k in range(i, i + n):
                hit[k] = True
    start = _best_window(hit)
    end = min(len(words), start + WINDOW)
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    size = 0
    if start > 0:
        out.append("… ")
        size += 2
    last = start
    for k in range(start, end):
        w = text[words[k][0]:words[k][1]]
        gap = (_SPACE.sub(" ", text[words[k - 1][1]:words[k][0]]) or " ") if k > start else ""
        if k > start and size + len(gap) + len(w) > MAX_CHARS:
            break
        out.append(gap)
        size += len(gap)
        if hit[k]:
            marks.append((size, size + len(w)))
        out.append(w)
        size += len(w)
        last = k
    out.append(_TRAIL.match(text, words[last][1]).group())  # type: ignore[union-attr]
    if last + 1 < len(words):
        out.append(" …")
    return "".join(out), marks


def _best_window(hit: list[bool]) -> int:
    """Start of the WINDOW-word window with the most hits (the first such), a few words before the first hit."""
    best, best_n = 0, -1
    n = sum(hit[:WINDOW])
    for start in range(len(hit)):
        if start:
            n += (hit[start + WINDOW - 1] if start + WINDOW - 1 < len(hit) else 0) - hit[start - 1]
        if n > best_n:
            best, best_n = start, n
        if start + WINDOW >= len(hit):
            break
    first = next((k for k in range(best, len(hit)) if hit[k]), best)
    return max(0, min(first - 3, len(hit) - WINDOW))
