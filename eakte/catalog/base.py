"""The catalog interface: what search tools and the e-file import query, and what runs check to skip work."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from eakte.errors import EakteError, ExitCode
from schemas.records import DocumentRecord, SourceRecord

if TYPE_CHECKING:
    from eakte.catalog.query import SearchHit, SearchPage, SearchQuery


class CatalogError(EakteError):
    """The catalog database failed a query. Raised `from None`: the driver's error would carry the SQL
    parameters (search words, names, file numbers) into tracebacks and logs."""

    code = "catalog_error"
    exit_code = ExitCode.storage
    default_message = "the catalog database could not answer the query; see the database server's state"


@dataclass(frozen=True)
class AuditEntry:
    at: str
    who: str
    document_id: str
    endpoint: str


class Catalog(Protocol):
    def get_source(self, path: str, sha256: str | None) -> SourceRecord | None: ...

    def first_with_sha(self, sha256: str) -> SourceRecord | None:
        """The earliest non-duplicate source with this content, to name in a duplicate's reason."""
        ...

    def record_source(self, record: SourceRecord, documents: list[DocumentRecord],
                      texts: dict[str, str]) -> None:
        """Writes a source with its documents in one transaction (replacing an earlier state)."""
        ...

    def supersede(self, path: str, sha256: str) -> int:
        """Marks the records of other contents at `path` as superseded by `sha256`; returns how many."""
        ...

    def sources(self) -> Iterator[SourceRecord]: ...

    def documents(self, akte_id: str | None = None) -> Iterator[DocumentRecord]: ...

    def search(self, text: str | None = None, doc_type: str | None = None, limit: int = 20) -> list[SearchHit]: ...

    def query(self, q: SearchQuery) -> SearchPage:
        """The full query layer: full text, filters, sorting, pagination."""
        ...

    def facets(self, q: SearchQuery) -> dict[str, dict[str, int]]:
        """Match counts by doc_type, year (of the document date; "unknown" without) and court ("VG Köln")."""
        ...

    def facets_counted(self, q: SearchQuery) -> tuple[dict[str, dict[str, int]], bool]:
        """`facets` and whether they count every match (else at most FACET_CAP of them)."""
        ...

    def document(self, document_id: str) -> DocumentRecord | None: ...

    def record_access(self, who: str, document_ids: list[str], endpoint: str) -> None:
        """Appends to the audit log: who read which documents through which endpoint."""
        ...

    def audit_entries(self, document_id: str | None = None) -> list[AuditEntry]: ...

    def close(self) -> None: ...
