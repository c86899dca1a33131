"""The legal thresholds as versioned data (`rules/aufenthg.json`): the law changes, the code does not.

A check asks for the version in force on its reference date; a date before the first version is an
error the caller reports, never a silent fallback to newer thresholds.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

RULES_FILE = Path(__file__).resolve().parent / "rules" / "aufenthg.json"


class NoRulesForDate(ValueError):
    """No version of the thresholds covers the reference date."""


@dataclass(frozen=True)
class Rules:
    valid_from: dt.date
    valid_until: dt.date | None
    law: str
    stay_break_max_days: int
    count_60b: bool
    s25b: dict[str, Any]
    s25a: dict[str, Any]
    employment_windows_months: tuple[int, ...]
    school_age: dict[str, int]
    adult_age: int
    sources: tuple[str, ...]

    def label(self) -> str:
        end = self.valid_until.isoformat() if self.valid_until else "today"
        return f"{self.valid_from.isoformat()}..{end}"


@lru_cache(maxsize=4)
def _versions(path: Path) -> tuple[Rules, ...]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    sources = tuple(raw.get("sources", []))
    out = []
    for v in raw["versions"]:
        out.append(Rules(
            valid_from=dt.date.fromisoformat(v["valid_from"]),
            valid_until=dt.date.fromisoformat(v["valid_until"]) if v.get("valid_until") else None,
            law=v["law"], stay_break_max_days=int(v["stay_break_max_days"]), count_60b=bool(v["count_60b"]),
            s25b=dict(v["s25b"]), s25a=dict(v["s25a"]),
            employment_windows_months=tuple(int(m) for m in v["employment_windows_months"]),
            school_age={k: int(x) for k, x in v["school_age"].items()}, adult_age=int(v["adult_age"]),
            sources=sources))
    out.sort(key=lambda r: r.valid_from)
    for a, b in itertools.pairwise(out):
        if a.valid_until is None or a.valid_until >= b.valid_from:
            raise ValueError(f"{path.name}: versions overlap at {b.valid_from.isoformat()}")
    return tuple(out)


def rules_for(at: dt.date, path: Path = RULES_FILE) -> Rules:
    """The thresholds in force on `at`."""
    for r in _versions(path):
        if r.valid_from <= at and (r.valid_until is None or at <= r.valid_until):
            return r
    raise NoRulesForDate(f"no thresholds in {path.name} for {at.isoformat()}")
