"""One statement a document's text makes, as the fact grammars (`facts`, `employment`) report it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextFact:
    """One statement of a document's text: `kind`, its `value`, the 0-based page within the document."""

    kind: str
    value: str
    page: int
    detail: dict[str, str] = field(default_factory=dict)
