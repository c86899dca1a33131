"""Hand-written document records (and page texts) for the case overview tests."""

from __future__ import annotations

from itertools import count

from schemas.records import DateEntry, DocumentRecord, Party, SourceRef

_n = count(1)


def record(doc_type: str, subtype: str | None, *, akte: str = "a-case-1", first: int = 1, pages: int = 1,
           dates: list[tuple[str, str, int | None]] | None = None, parties: list[tuple[str, str, str]] | None = None,
           document_date: str | None = None) -> DocumentRecord:
    """`dates`: (role, ISO value, source page); `parties`: (role, name, kind)."""
    n = next(_n)
    return DocumentRecord(
        document_id=f"d-{akte}-{n:04d}", akte_id=akte,
        source=SourceRef(path=f"{akte}.pdf", sha256=f"{n:064x}", first_page=first, last_page=first + pages - 1),
        doc_type=doc_type, doc_subtype=subtype, confidence=1.0, document_date=document_date,  # type: ignore[arg-type]
        dates=[DateEntry(role=r, value=v, page=p) for r, v, p in (dates or [])],  # type: ignore[arg-type]
        parties=[Party(role=r, name=nm, kind=k) for r, nm, k in (parties or [])],  # type: ignore[arg-type]
    )


def me(name: str = "Mohammed Öztürk") -> tuple[str, str, str]:
    return ("person_concerned", name, "person")


def status(subtype: str, start: str, end: str | None, *, first: int, name: str = "Mohammed Öztürk",
           birth: str = "1990-05-17", akte: str = "a-case-1") -> DocumentRecord:
    dates: list[tuple[str, str, int | None]] = [("valid_from", start, first), ("birth_date", birth, first)]
    if end:
        dates.append(("valid_until", end, first))
    return record("residence_document", subtype, akte=akte, first=first, dates=dates, parties=[me(name)],
                  document_date=start)
