"""Why a search's options are invalid, in the operator's words: the option, its field and what it accepts.

Messages name options and allowed values only, never the value given (it may be a name or a query word).
"""

from __future__ import annotations

from datetime import date
from typing import Any

OPTION_OF = {"text": "TEXT", "doc_type": "--type", "doc_subtype": "--subtype", "party": "--party",
             "file_number": "--file-number", "court": "--court", "date_from": "--from", "date_to": "--to",
             "date_role": "--date-role", "akte_id": "--akte", "sort": "--sort", "limit": "--limit",
             "offset": "--offset"}


def problems(errors: list[Any]) -> str:
    """pydantic errors → "--type (doc_type): expected one of 'court_decision', ...; --limit (limit): ..."."""
    parts = []
    for e in errors:
        field = str(e["loc"][0]) if e.get("loc") else "?"
        ctx = e.get("ctx") or {}
        if e.get("type") == "literal_error" and "expected" in ctx:
            why = f"expected one of {ctx['expected']}"
        elif e.get("type") == "string_pattern_mismatch" and field.startswith("date_"):
            why = "expected a date YYYY-MM-DD"
        else:
            why = str(e.get("msg", "invalid")).removeprefix("Value error, ")  # pydantic's prefix for our own checks
        parts.append(f"{OPTION_OF.get(field, field)} ({field}): {why}" if e.get("loc") else f"query: {why}")
    return "; ".join(parts)


def calendar_problems(**dates: str | None) -> str:
    """"--from (date_from): not a calendar date" for a well-formed but impossible date such as 2019-13-45."""
    parts = []
    for field, value in dates.items():
        if value is None:
            continue
        try:
            date.fromisoformat(value)
        except ValueError:
            parts.append(f"{OPTION_OF.get(field, field)} ({field}): not a calendar date, expected YYYY-MM-DD")
    return "; ".join(parts)
