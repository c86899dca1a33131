"""The records of the metadata contract (shared/docs/metadata-contract.md), as pydantic models.

Field names and meanings follow the contract; fields are only ever added, never renamed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

DocType = Literal[
    "court_decision",
    "bamf_decision",
    "employment_proof",
    "residence_document",
    "identity_document",
    "civil_status_document",
    "registration_certificate",
    "school_document",
    "application",
    "correspondence",
    "other",
]
DOC_TYPES: tuple[str, ...] = DocType.__args__  # type: ignore[attr-defined]

DateRole = Literal[
    "document_date",
    "birth_date",
    "entry_date",
    "application_date",
    "hearing_date",
    "service_date",
    "receipt_date",
    "valid_from",
    "valid_until",
    "employment_start",
    "employment_end",
    "pay_period_start",
    "pay_period_end",
    "other",
]
PartyRole = Literal[
    "person_concerned",
    "plaintiff",
    "defendant",
    "applicant",
    "respondent",
    "authority",
    "court",
    "employer",
    "employee",
    "representative",
    "other",
]
CourtType = Literal[
    "VG", "OVG", "VGH", "BVerwG", "BVerfG", "EuGH", "AG", "LG", "OLG", "BGH", "SG", "LSG", "ArbG", "LAG", "other"
]
FileNumberKind = Literal["court", "bamf", "authority", "other"]
SourceStatus = Literal["processed", "partial", "duplicate", "quarantined"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceRef(_Record):
    """Where a document sits in its source file (pages 1-based, inclusive)."""

    path: str
    sha256: str
    first_page: int = Field(ge=1)
    last_page: int = Field(ge=1)


class DateEntry(_Record):
    role: DateRole
    value: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO 8601 date")
    page: int | None = Field(default=None, description="1-based page in the source")
    text: str | None = Field(default=None, description="the date as printed")


class Court(_Record):
    type: CourtType
    place: str | None = None
    name: str | None = None


class FileNumber(_Record):
    kind: FileNumberKind
    value: str
    normalized: str | None = Field(default=None, description="upper case, no spaces/dots, for lookups")


class Party(_Record):
    role: PartyRole
    name: str
    kind: Literal["person", "organisation"] = "person"


class Review(_Record):
    needed: bool = False
    reasons: list[str] = Field(default_factory=list)


class ObjectKeys(_Record):
    pdf: str | None = None
    text: str | None = None
    metadata: str | None = None


class PageInfo(_Record):
    """Per-page facts kept with the document: folio number, OCR quality, orientation."""

    page: int = Field(ge=1)
    folio: str | None = Field(default=None, description="handwritten folio number, e.g. 'Bl. 37'")
    ocr: Literal["tesseract", "text_layer", "blank", "failed"] = "tesseract"
    ocr_confidence: float | None = None
    rotated: int = Field(default=0, description="degrees the page was turned to be upright")
    error: str | None = None


class DocumentRecord(_Record):
    """One document of a source: the unit search tools and the e-file import work with."""

    schema_version: str = SCHEMA_VERSION
    document_id: str
    akte_id: str
    source: SourceRef
    doc_type: DocType
    doc_subtype: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    title: str | None = None
    language: str | None = "de"
    document_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    dates: list[DateEntry] = Field(default_factory=list)
    court: Court | None = None
    file_numbers: list[FileNumber] = Field(default_factory=list)
    parties: list[Party] = Field(default_factory=list)
    review: Review = Field(default_factory=Review)
    objects: ObjectKeys = Field(default_factory=ObjectKeys)
    # Additions beyond contract v1 (allowed: "extend, never rename").
    evidence: list[str] = Field(default_factory=list, description="cues that decided doc_type")
    pages: list[PageInfo] = Field(default_factory=list)
    pipeline_version: str | None = None


class SourceRecord(_Record):
    """The outcome of one file handed to `migrate`: exactly one per file, whatever happened."""

    schema_version: str = SCHEMA_VERSION
    path: str
    sha256: str | None
    status: SourceStatus
    pages: int = 0
    documents: int = 0
    reason: str | None = None
    # Additions beyond contract v1.
    akte_id: str | None = None
    error_code: str | None = Field(default=None, description="stable code of the failure, see eakte.errors")
    mime_type: str | None = None
    size_bytes: int | None = None
    failed_pages: list[int] = Field(default_factory=list)
    skipped_pages: list[int] = Field(default_factory=list, description="separator sheets and blank pages")
    objects: dict[str, str] = Field(default_factory=dict)
    pipeline_version: str | None = None
    processed_at: str | None = None
    superseded_by: str | None = Field(
        default=None, description="SHA-256 of the newer content found at the same path; this record is an "
        "earlier version of the source, kept with its objects, and not counted as the path's one record")
