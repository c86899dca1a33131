"""One search request and its answer, shared by `eakte search`, the HTTP API and the search page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eakte.catalog import textquery
from eakte.catalog.normalize import name_tokens
from schemas.records import DateRole, DocType, DocumentRecord

Sort = Literal["relevance", "date_desc", "date_asc"]
MAX_LIMIT = 100
MAX_OFFSET = 10_000
COUNT_CAP = 1_000  # matches are counted exactly up to this; above it the total is "more than" (plus an estimate)
RANK_CAP = 250  # relevance is ranked when the words match at most this many documents, else newest first
FACET_CAP = 10_000  # facets count at most this many matches (a broad query's facets are a sample)
# Words a query may hold: each is a term the database matches, so the work a request can ask for is bounded.
MAX_WORDS = {"text": 16, "party": 8, "court": 8, "file_number": 8}
MAX_WORDS_TOTAL = 32


@dataclass
class SearchHit:
    document: DocumentRecord
    score: float
    snippet: str | None = None  # plain text (never markup); the matched words are at `highlights`
    highlights: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in code points of `snippet`


class SearchQuery(BaseModel):
    """All filters are optional and combine with AND; `text` is full text over the OCR text."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, max_length=500, description="words in the document text")
    doc_type: DocType | None = None
    doc_subtype: str | None = Field(default=None, max_length=60)
    date_role: DateRole | None = Field(default=None, description="which date the range applies to; "
                                       "default: the document date")
    date_from: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    date_to: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    court: str | None = Field(default=None, max_length=100, description="court type and/or seat, e.g. 'VG Köln'")
    file_number: str | None = Field(default=None, max_length=100, description="any spelling: '22K3443/18 A'")
    party: str | None = Field(default=None, max_length=200, description="a party's name; umlaut- and "
                              "transliteration-tolerant")
    akte_id: str | None = Field(default=None, max_length=80)
    review: bool | None = Field(default=None, description="true: only documents waiting for review (the review "
                                "queue); false: only documents without")
    review_reason: str | None = Field(default=None, pattern=r"^[a-z_]{1,60}$", description="only documents with "
                                      "this review reason code (GET /api/review-reasons lists them)")
    sort: Sort | None = Field(default=None, description="default: relevance with text (newest first when the "
                              "words match more than 250 documents), else newest first; undated documents count "
                              "as oldest")
    limit: int = Field(default=20, ge=1, le=MAX_LIMIT)
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        """NUL cannot be stored or compared in PostgreSQL text: it never belongs to a search word."""
        return value.replace("\x00", "") if isinstance(value, str) else value

    @model_validator(mode="after")
    def _bounded(self) -> SearchQuery:
        """Rejects text without searchable words (punctuation or emoji only: it used to match every document)
        and more words than MAX_WORDS; the messages never repeat the user's words."""
        counts = {"text": self._text().words() if self.text else 0,
                  "party": len(name_tokens(self.party or "")),
                  "court": len((self.court or "").split()), "file_number": len((self.file_number or "").split())}
        if self.text and self.text.strip() and not self._text().groups:
            raise ValueError("no searchable words in text: use letters or digits (excluding words needs at least "
                             "one word to find)")
        for name, n in counts.items():
            if n > MAX_WORDS[name]:
                raise ValueError(f"too many words in {name}: at most {MAX_WORDS[name]}")
        if sum(counts.values()) > MAX_WORDS_TOTAL:
            raise ValueError(f"too many words: at most {MAX_WORDS_TOTAL} in all fields together")
        return self

    def _text(self) -> textquery.TextQuery:
        return textquery.parse(self.text or "")

    @field_validator("date_from", "date_to")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        """2015-02-30 has the shape of a date but is no day: refused (422 in the API), not silently matched."""
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ValueError("not a calendar date") from None
        return value

    def effective_sort(self) -> Sort:
        if self.sort:
            return self.sort
        return "relevance" if self.has_text() else "date_desc"

    def has_text(self) -> bool:
        return bool(self.text and self._text().groups)


@dataclass
class SearchPage:
    """`total` is exact when `total_exact`, else a lower bound (there are more matches than `total`) with the
    planner's `total_estimate` where the backend has one; `sort` is the order actually used."""

    hits: list[SearchHit]
    total: int
    total_exact: bool
    offset: int
    limit: int
    links: dict[str, dict[str, str]] = field(default_factory=dict)  # document_id -> {"pdf": ..., "text": ...}
    total_estimate: int | None = None
    sort: Sort = "date_desc"
