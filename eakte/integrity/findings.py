"""One finding of verification: its own module so the checks (verify, the signed manifest) share it one way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Finding:
    kind: str  # mismatch | missing | orphaned | incomplete | not_migrated | unreadable | retry_pending | extra
    key: str  # object key, or "akte:<id>" / "source:<sha prefix>" / the input path for not_migrated
    detail: str = ""
