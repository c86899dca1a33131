"""Deterministic ids and hashes: a re-run over the same bytes yields the same ids and object keys."""

from __future__ import annotations

import hashlib
from pathlib import Path

CHUNK = 1 << 20


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def akte_id(source_sha256: str) -> str:
    """One source is one Akte (or part of one); the Akte id derives from the source's content."""
    return "a-" + source_sha256[:20]


def document_id(source_sha256: str, first_page: int, last_page: int) -> str:
    return "d-" + sha256_bytes(f"{source_sha256}:{first_page}-{last_page}".encode())[:20]


def short(sha256: str | None) -> str:
    """The form used in logs and task names: identifies a source without revealing its name."""
    return (sha256 or "unknown")[:12]
