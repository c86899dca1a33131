"""The case overview's records: facts with evidence, persons, timeline intervals and events, checks.

Every fact carries the document id and the 1-based page in its source; the page within the document
(what `/api/documents/{id}/pages/{n}` shows) is `doc_page`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["gestattet", "geduldet", "geduldet_60b", "erlaubt", "fiktion", "unknown"]
Verdict = Literal["met", "not_met", "unknown"]


@dataclass(frozen=True)
class Evidence:
    document_id: str
    page: int  # 1-based page in the source file
    doc_page: int  # 1-based page within the document
    doc_type: str = ""
    note: str = ""


@dataclass
class Fact:
    """One thing a document states about a person, with where it says so."""

    kind: str  # status, employment, pay_month, school, language, lid_test, passport, birth, entry, bamf, court ...
    evidence: Evidence
    value: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    person: str | None = None  # mention key until persons are linked, then the person id
    detail: dict[str, str] = field(default_factory=dict)


@dataclass
class Mention:
    """A person named in a document (party or the subject of the paper)."""

    name: str
    folded: str
    birth_date: dt.date | None
    document_id: str
    akte_id: str
    role: str
    page: int  # 1-based in the source
    doc_page: int = 1  # 1-based within the document
    numbers: tuple[str, ...] = ()  # the document's BAMF / authority file numbers (subject mentions only)
    apart: bool = False  # named beside the subject of a civil status paper (parent, spouse): never the subject


@dataclass
class Person:
    person_id: str
    names: list[str]
    birth_date: dt.date | None
    akten: list[str]
    documents: list[str]
    link_confidence: float  # lowest similarity that joined a mention to this person (1.0: one spelling)
    relations: list[dict[str, str]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    nationality: str | None = None  # as the documents state it; several differing ones are a finding


@dataclass
class Interval:
    kind: str  # status:<Status>, employment, school
    start: dt.date
    end: dt.date | None  # None: open (the document says no end)
    evidence: list[Evidence]
    label: str = ""


@dataclass
class Finding:
    """A gap, overlap or contradiction between documents: shown, never resolved."""

    kind: Literal["gap", "overlap", "contradiction"]
    what: str
    start: dt.date | None
    end: dt.date | None
    evidence: list[Evidence]


@dataclass
class Check:
    name: str
    verdict: Verdict
    value: str
    missing: list[str]
    evidence: list[Evidence]
    rule: str = ""


@dataclass
class CaseView:
    key: str
    at: dt.date
    rules: str
    person: Person | None
    persons: list[Person]
    intervals: list[Interval]
    events: list[Fact]
    findings: list[Finding]
    checks: list[Check]
    facts: list[Fact]
    documents: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))


def _plain(x: Any) -> Any:
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    return x
