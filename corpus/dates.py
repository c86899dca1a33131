"""German ways of printing a date, as the files show them (letters, forms, stamps)."""

from __future__ import annotations

import datetime as dt
import random

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
STAMP_MONTHS = ("JAN.", "FEB.", "MRZ.", "APR.", "MAI", "JUNI", "JULI", "AUG.", "SEP.", "OKT.", "NOV.", "DEZ.")


def fmt(d: dt.date, style: str) -> str:
    """Print `d` in one of: num (12.03.2024), short (12.3.24), long (12. März 2024), stamp (12. MRZ. 2024)."""
    if style == "num":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "short":
        return f"{d.day}.{d.month}.{d.year % 100:02d}"
    if style == "long":
        return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"
    if style == "stamp":
        return f"{d.day:02d}. {STAMP_MONTHS[d.month - 1]} {d.year}"
    if style == "iso":
        return d.isoformat()
    raise ValueError(style)


def pick_style(rng: random.Random, long_share: float = 0.35) -> str:
    return "long" if rng.random() < long_share else "num"


def workday(d: dt.date) -> dt.date:
    """Official documents are issued on working days: move a weekend date to the Monday."""
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def month_end(d: dt.date) -> dt.date:
    nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February becomes 28 February in a common year.

    Plain `date.replace(year=...)` raises on 29 February, which crashed whole Akten of the generator.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
