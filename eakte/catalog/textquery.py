"""What a user's search words mean, parsed once in Python and compiled to FTS5 and to a tsquery.

Syntax (like web search engines): words must all occur; `a OR b`; `-word` or `NOT word` excludes;
`word*` matches word beginnings; `"a b c"` is a phrase. Each word is matched by its German stem
(`terms.stem`), and a word of four or more letters also matches as the tail of a compound ("Lohn" finds
"Stundenlohn"). User input never reaches the database as query syntax: the compiled queries contain only
quoted terms built here, so both backends answer the same query the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eakte.catalog.terms import TAIL_MIN, terms

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Clause:
    """One matchable unit: a word (stem), a word beginning (`prefix`), or a phrase (stems in order)."""

    stems: tuple[str, ...]
    prefix: bool = False

    def words(self) -> int:
        return len(self.stems)


@dataclass
class TextQuery:
    """AND over `groups` (each an OR of clauses), minus any document matching one of `negated`."""

    groups: list[list[Clause]] = field(default_factory=list)
    negated: list[Clause] = field(default_factory=list)

    def words(self) -> int:
        return sum(c.words() for g in self.groups for c in g) + sum(c.words() for c in self.negated)

    def positive(self) -> list[Clause]:
        return [c for g in self.groups for c in g]


def parse(text: str) -> TextQuery:
    """The query a text means; words without letters or digits (punctuation, emoji) are dropped."""
    q = TextQuery()
    negate, join_or = False, False
    for m in _TOKEN.finditer(text):
        minus, phrase, raw = m.group(1), m.group(2), m.group(3)
        if raw in ("OR", "NOT") and not phrase:
            if raw == "OR":
                join_or = bool(q.groups)
            else:
                negate = True
            continue
        clause = _clause(phrase if phrase is not None else raw, phrase is not None)
        if raw and raw.startswith("-") and len(raw) > 1:
            minus, clause = "-", _clause(raw[1:], False)
        if clause is None:
            continue
        if negate or minus:
            q.negated.append(clause)
        elif join_or:
            q.groups[-1].append(clause)
        else:
            q.groups.append([clause])
        negate, join_or = False, False
    return q


def _clause(raw: str, quoted: bool) -> Clause | None:
    stems = tuple(terms(raw))
    if not stems:
        return None
    prefix = not quoted and len(stems) == 1 and raw.endswith("*")
    return Clause(stems, prefix)


# -- SQLite FTS5 -----------------------------------------------------------------------------------------

def fts5(q: TextQuery) -> str:
    """An FTS5 MATCH expression over the `terms` / `rterms` columns of `documents_fts`."""
    pos = " AND ".join("(" + " OR ".join(_fts5_clause(c) for c in g) + ")" for g in q.groups)
    if q.negated:
        pos += " NOT (" + " OR ".join(_fts5_clause(c) for c in q.negated) + ")"
    return pos


def _fts5_clause(c: Clause) -> str:
    if c.prefix:
        return f"terms : {_fq(c.stems[0])}*"
    if len(c.stems) > 1:
        return f"terms : {_fq(' '.join(c.stems))}"
    s = c.stems[0]
    if len(s) >= TAIL_MIN:
        return f"(terms : {_fq(s)} OR rterms : {_fq(s[::-1])}*)"
    return f"terms : {_fq(s)}"


def _fq(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


# -- PostgreSQL tsquery ----------------------------------------------------------------------------------

def tsquery(q: TextQuery) -> str:
    """A tsquery (input syntax, cast with `::tsquery`) over the lexemes `terms.tsvector_literal` writes."""
    pos = " & ".join("(" + " | ".join(_ts_clause(c) for c in g) + ")" for g in q.groups)
    if q.negated:
        pos += " & !(" + " | ".join(_ts_clause(c) for c in q.negated) + ")"
    return pos


def _ts_clause(c: Clause) -> str:
    if c.prefix:
        return f"{_tq(c.stems[0])}:*"
    if len(c.stems) > 1:
        return "(" + " <-> ".join(_tq(s) for s in c.stems) + ")"
    s = c.stems[0]
    if len(s) >= TAIL_MIN:
        return f"({_tq(s)} | {_tq('~' + s[::-1])}:*)"
    return _tq(s)


def _tq(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'"


# -- matching words (snippets) ---------------------------------------------------------------------------

def matches(clause: Clause, stems: list[str], i: int) -> int:
    """How many words from position `i` the clause matches (0: none)."""
    if clause.prefix:
        return 1 if stems[i].startswith(clause.stems[0]) else 0
    if len(clause.stems) > 1:
        n = len(clause.stems)
        return n if tuple(stems[i:i + n]) == clause.stems else 0
    s = clause.stems[0]
    return 1 if stems[i] == s or (len(s) >= TAIL_MIN and stems[i].endswith(s)) else 0
