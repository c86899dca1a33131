"""Pydantic models for every record eakte promises downstream (metadata contract v1)."""

from __future__ import annotations

from schemas.records import (
    SCHEMA_VERSION,
    Court,
    DateEntry,
    DateRole,
    DocType,
    DocumentRecord,
    FileNumber,
    FileNumberKind,
    ObjectKeys,
    PageInfo,
    Party,
    PartyRole,
    Review,
    SourceRecord,
    SourceRef,
    SourceStatus,
)

__all__ = [
    "SCHEMA_VERSION",
    "Court",
    "DateEntry",
    "DateRole",
    "DocType",
    "DocumentRecord",
    "FileNumber",
    "FileNumberKind",
    "ObjectKeys",
    "PageInfo",
    "Party",
    "PartyRole",
    "Review",
    "SourceRecord",
    "SourceRef",
    "SourceStatus",
]
