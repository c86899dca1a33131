"""The run summary operators read: sources by status, pages, throughput, review rate, problems."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from schemas.records import SourceRecord


@dataclass
class RunSummary:
    sources: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0  # already migrated by an earlier run, skipped
    pages: int = 0
    ocr_pages: int = 0
    documents: int = 0
    review_needed: int = 0
    seconds: float = 0.0
    problems: list[dict[str, str]] = field(default_factory=list)

    @property
    def pages_per_minute(self) -> float:
        return 60.0 * self.pages / self.seconds if self.seconds > 0 else 0.0

    @property
    def review_rate(self) -> float:
        return self.review_needed / self.documents if self.documents else 0.0

    def to_dict(self) -> dict[str, object]:
        return {"sources": self.sources, "by_status": self.by_status, "unchanged": self.unchanged,
                "pages": self.pages, "ocr_pages": self.ocr_pages, "documents": self.documents,
                "review_needed": self.review_needed, "review_rate": round(self.review_rate, 4),
                "seconds": round(self.seconds, 2), "pages_per_minute": round(self.pages_per_minute, 1),
                "problems": self.problems}

    def markdown(self) -> str:
        rows = "\n".join(f"| {k} | {v} |" for k, v in sorted(self.by_status.items()))
        return (
            "# Migration run\n\n"
            f"**{self.sources}** sources ({self.unchanged} unchanged from earlier runs), "
            f"**{self.pages}** pages ({self.ocr_pages} OCRed), **{self.documents}** documents, "
            f"**{self.pages_per_minute:.1f}** pages/min, review rate **{100 * self.review_rate:.1f} %**, "
            f"{self.seconds:.1f} s.\n\n| status | sources |\n|---|---|\n{rows}\n"
        )


def summarise(records: list[tuple[SourceRecord, int, bool, int]], seconds: float) -> RunSummary:
    """records: (source record, OCRed pages, skipped as unchanged, documents needing review)."""
    s = RunSummary(sources=len(records), seconds=seconds)
    s.by_status = dict(Counter(r.status for r, _, _, _ in records))
    for rec, ocr_pages, skipped, review in records:
        s.unchanged += skipped
        if not skipped:
            s.pages += rec.pages
            s.ocr_pages += ocr_pages
            s.documents += rec.documents
            s.review_needed += review
        if rec.status in ("quarantined", "partial"):
            s.problems.append({"path": rec.path, "status": rec.status, "code": rec.error_code or "",
                               "reason": rec.reason or ""})
    return s


def process_seconds() -> float | None:
    """Seconds since this process started (Linux /proc: start time in clock ticks after boot), else None.

    The run summary counts from here, so interpreter start, imports and Prefect's start-up are included.
    """
    try:
        fields = Path("/proc/self/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22 (starttime); fields[0] is field 3
        uptime = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return max(0.0, uptime - started)
