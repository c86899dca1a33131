"""Which quarantine reasons are final and which the next run retries.

A reason that is a property of the file (its type, its encryption, its damage, its size) gives the same
verdict on the same bytes, so a re-run keeps the record. Every other reason is a fault of the run (the disk
was full, the store was down, OCR timed out, a bug): the next run tries the file again.
"""

from __future__ import annotations

FINAL_CODES = frozenset({"duplicate", "empty_file", "unsupported_type", "encrypted_pdf", "corrupt_file",
                         "too_large", "too_many_pages", "no_pages", "link_outside_inputs"})


def is_final(code: str | None) -> bool:
    """True when a re-run with the same bytes would reach the same verdict."""
    return code in FINAL_CODES
