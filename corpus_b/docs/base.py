"""What every document builder shares: registering the dates, numbers and parties it prints."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import TypeVar

from corpus_b import fmt
from corpus_b.fonts import MONO, SANS, SERIF
from corpus_b.layout import NBSP, Page
from corpus_b.story import Story

T = TypeVar("T")


@dataclass
class DateRef:
    role: str
    value: dt.date
    text: str


@dataclass
class FileNo:
    kind: str
    value: str
    variants: list[str]


@dataclass
class Facts:
    """What the paper attests about persons, for persons.jsonl (set by the builder beside what it prints)."""

    subjects: list[str] = field(default_factory=list)  # person keys; empty = the story's person
    names: dict[str, list[str]] = field(default_factory=dict)  # key -> spellings printed
    births: dict[str, dt.date] = field(default_factory=dict)  # key -> birth date printed
    nationality: set[str] = field(default_factory=set)  # keys whose nationality is printed
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, of key, key): key is kind of "of"
    entry: dt.date | None = None
    interval: tuple[str, dt.date, dt.date] | None = None
    employment: tuple[str, dt.date | None, dt.date | None] | None = None
    months: list[tuple[int, int]] = field(default_factory=list)  # (year, month) of attested work
    school: tuple[str, dt.date, dt.date] | None = None
    school_leaving: bool = False
    certificate: dict[str, str] | None = None
    passport: dt.date | None = None


@dataclass
class Doc:
    doc_type: str
    subtype: str | None
    title: str
    document_date: dt.date | None
    pages: list[Page]
    dates: list[DateRef]
    file_numbers: list[FileNo]
    parties: list[tuple[str, str, str]]
    court: dict[str, str] | None = None
    sort_date: dt.date | None = None
    facts: Facts = field(default_factory=Facts)


@dataclass
class B:
    """Builder context for one document: the story, a random source, and what has been printed."""

    st: Story
    rnd: random.Random
    dates: list[DateRef] = field(default_factory=list)
    fns: list[FileNo] = field(default_factory=list)
    parties: list[tuple[str, str, str]] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)

    def pick(self, *options: T) -> T:
        return self.rnd.choice(options)

    def d(self, role: str, value: dt.date, style: str | None = None) -> str:
        """Print a date (style at random unless given) and remember it with its role."""
        me = self.st.person
        if role == "birth_date" and value == me.birth and not me.birth_known:
            return f"{self.pick('00.00.', 'XX.XX.')}{value.year}"  # only the year is known: no date to remember
        text = fmt.date(value, style or self.rnd.choice(fmt.DATE_STYLES))
        if not any(r.role == role and r.value == value for r in self.dates):
            self.dates.append(DateRef(role, value, text))
        return text

    def fn(self, kind: str, value: str, printed: str | None = None) -> str:
        shown = printed or value
        if not any(f.kind == kind and f.value == value for f in self.fns):
            self.fns.append(FileNo(kind, value, fmt.variants(value, shown)))
        return shown.replace(" ", NBSP)

    def party(self, role: str, name: str, kind: str = "person") -> None:
        if (role, name, kind) not in self.parties:
            self.parties.append((role, name, kind))
        if kind == "person" and role in ("person_concerned", "plaintiff", "applicant", "employee"):
            self.named(self.st.person.key, name)

    def named(self, key: str, name: str) -> None:
        """Remember a spelling of a family member's name this paper prints."""
        seen = self.facts.names.setdefault(key, [])
        if name not in seen:
            seen.append(name)

    def person(self, role: str, official: bool = False) -> tuple[str, str]:
        """The person's name as this document spells it, registered under `role`."""
        g, s = self.st.person.spelling(self.rnd, official)
        self.party(role, f"{g} {s}")
        return g, s

    def serif(self) -> str:
        return self.rnd.choice(SERIF)

    def sans(self) -> str:
        return self.rnd.choice(SANS)

    def mono(self) -> str:
        return self.rnd.choice(MONO)

    def any_font(self) -> str:
        return self.rnd.choice(SERIF + SANS + SANS)

    def done(
        self,
        doc_type: str,
        subtype: str | None,
        title: str,
        document_date: dt.date | None,
        pages: list[Page],
        court: dict[str, str] | None = None,
    ) -> Doc:
        """Check that every remembered date and number is printed, then hand the document out."""
        texts = [p.text() for p in pages]
        for r in self.dates:
            if not any(r.text in t for t in texts):
                raise AssertionError(f"date not printed: {r.role}")
        for f in self.fns:
            if not any(v.replace(" ", NBSP) in t or v in t for t in texts for v in f.variants):
                raise AssertionError(f"file number not printed: {f.kind}")
        me = self.st.person
        if not self.facts.subjects:
            self.facts.subjects = [me.key]
        if me.key not in self.facts.births and any(r.role == "birth_date" and r.value == me.birth for r in self.dates):
            self.facts.births[me.key] = me.birth
        for r in self.dates:
            if r.role == "entry_date" and self.facts.entry is None:
                self.facts.entry = r.value
        return Doc(
            doc_type, subtype, title, document_date, pages, self.dates, self.fns, self.parties, court, facts=self.facts
        )


def salutation(female: bool, surname: str, rnd: random.Random) -> str:
    if rnd.random() < 0.3:
        return "Sehr geehrte Damen und Herren,"
    return f"Sehr geehrte Frau {surname}," if female else f"Sehr geehrter Herr {surname},"


def herr(female: bool) -> str:
    return "Frau" if female else "Herrn"
