"""Why a check verdict of the case view differs from the truth: the input it rests on that was missing or
misread, and for an input stated by truth papers the first pipeline stage that went wrong for them
(`eakte.evaluation.attribution.STAGES`).

A cause is "<input>: <what>", e.g. "passport: no_fact" (the passport copy gave no passport fact),
"passport: no_expiry", "status days: wrong_person", "entry date: missing", "employment months: wrong_dates",
"language certificate: wrong_value" (read, but failed or below A2), "... : spurious" (the view found what
no truth paper states), "no case view". Counts only: no ids, names or dates.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import Any, Protocol

from eakte.evaluation.attribution import STAGES, DocOutcome, day_range, person_stage, row_days, row_months, upstream

Record = dict[str, Any]
STAY_KINDS = ("gestattet", "geduldet", "erlaubt", "fiktion")
LANGUAGE_LEVELS = ("A2", "B1", "B2", "C1", "C2")  # § 25b: A2 or higher, in every thresholds version


class ViewFacts(Protocol):
    """What the evaluation took from one Akte's case view (`eakte.evaluation.case.Predicted`)."""

    intervals: list[tuple[str, dt.date, dt.date]]
    months: set[str]
    entry: dt.date | None
    birth: dt.date | None
    checks: dict[str, str]
    docs: dict[str, DocOutcome]
    viewed: bool
    person_of_truth: dict[str, str]


class _Row:
    """One truth Akte with its prediction; missed days and months computed once, when a check needs them."""

    def __init__(self, row: Record, pred: ViewFacts, labels: dict[str, Record], outcomes: dict[str, DocOutcome]):
        self.row, self.pred, self.labels, self.outcomes = row, pred, labels, outcomes
        self.main: Record = row["persons"][0]
        self.at = dt.date.fromisoformat(row["reference_date"])

    @cached_property
    def days(self) -> dict[tuple[str, dt.date], str]:
        return row_days(self.row, self.outcomes, self.pred.intervals)[0]

    @cached_property
    def months(self) -> dict[str, tuple[str, str]]:
        return row_months(self.row, self.labels, self.outcomes, self.pred.months)[0]

    def extra_days(self, kinds: Sequence[str]) -> int:
        truth = {(i["kind"], d) for i in self.main.get("intervals") or [] if i["kind"] in kinds
                 for d in day_range(dt.date.fromisoformat(i["start"]), dt.date.fromisoformat(i["end"]))}
        pred = {(k, d) for k, s, e in self.pred.intervals if k in kinds for d in day_range(s, e) if d <= self.at}
        return len(pred - truth)

    def furthest(self, docs: Iterable[str], stage: Any) -> str:
        got = [stage(self.outcomes.get(d)) for d in docs]
        return max(got, key=STAGES.index) if got else "no_truth_document"


def _fact_stage(kind: str) -> Any:
    """Stage of a main person's truth paper for a fact of `kind`: upstream and person, then no fact / a fact
    with another value."""
    def stage(o: DocOutcome | None) -> str:
        s = person_stage(o)
        if s or o is None:
            return s or "no_fact"
        if kind not in o.kinds:
            return "no_fact"
        return "other" if kind in o.passed or kind not in ("language", "lid_test") else "wrong_value"
    return stage


def _passport_stage(o: DocOutcome | None) -> str:
    s = person_stage(o)
    if s or o is None:
        return s or "no_fact"
    if not o.passports:
        return "no_fact"
    return "no_expiry" if all(e is None for e in o.passports) else "wrong_dates"


def _stay(r: _Row, truth: str, got: str, kinds: Sequence[str]) -> str:
    missed = Counter(s for (k, d), s in r.days.items() if k in kinds and d <= r.at)
    if got == "met":
        return "status days: extra" if r.extra_days(kinds) else "other"
    t_entry = r.main.get("entry_date")
    p_entry = r.pred.entry.isoformat() if r.pred.entry else None
    if got == "not_met" and p_entry != t_entry:
        return "entry date: wrong"
    if truth == "not_met" and p_entry != t_entry:
        return "entry date: missing" if p_entry is None else "entry date: wrong"
    return f"status days: {missed.most_common(1)[0][0]}" if missed else "other"


def _window(at: dt.date, n: int) -> list[str]:
    y, m, out = at.year, at.month, []
    for _ in range(n):
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
        out.append(f"{y:04d}-{m:02d}")
    return out


def cause(name: str, truth: str, got: str, r: _Row) -> str:
    """The cause of one wrong verdict (see the module docstring)."""
    if not r.pred.viewed:
        return "no case view"
    base, main = name.split(":")[0], r.main
    if base in ("25b_stay", "25a_stay"):
        return _stay(r, truth, got, STAY_KINDS)
    if base == "25a_duldung":
        return _stay(r, truth, got, ("geduldet",))
    if base.startswith("employment_") and base.endswith("m") and base[11:-1].isdigit():
        if got == "met":
            return "employment months: extra"
        missed = Counter(r.months[m][0] for m in _window(r.at, int(base[11:-1])) if m in r.months)
        return f"employment months: {missed.most_common(1)[0][0]}" if missed else "other"
    if base == "25a_age":
        t_birth, p_birth = main.get("birth_date"), r.pred.birth.isoformat() if r.pred.birth else None
        if p_birth == t_birth:
            return "other"
        return "birth date: missing" if p_birth is None else "birth date: spurious" if t_birth is None else \
            "birth date: wrong"
    if base == "passport":
        papers = main.get("passports") or []
        if not papers:
            return "passport: spurious"
        if got == "met":
            return "passport: wrong_dates"  # an expiry read later than the paper states
        valid = [p["document_id"] for p in papers if truth == "met" and p["valid_until"] >= r.at.isoformat()]
        return f"passport: {r.furthest(valid or [p['document_id'] for p in papers], _passport_stage)}"
    if base in ("language", "leben_in_deutschland"):
        what = "language certificate" if base == "language" else "lid certificate"
        if got == "met":
            return f"{what}: spurious"
        certs = [c["document_id"] for c in main.get("certificates") or [] if c.get("kind") == base and (
            base != "language" or c.get("level") in LANGUAGE_LEVELS)]
        return f"{what}: {r.furthest(certs, _fact_stage('language' if base == 'language' else 'lid_test'))}"
    if base == "25a_school":
        if got == "met":
            return "school papers: spurious"
        leaving = main.get("school_leaving") or []  # a school-leaving certificate decides alone
        docs = leaving or [s["document_id"] for s in main.get("school") or []]
        return f"school papers: {r.furthest(docs, _school_stage(None, bool(leaving)))}"
    if base == "school_child":
        if name not in r.pred.checks:
            return "child: no check (not linked as a school-age child)"
        if got == "met":
            return "school papers: spurious"
        child_id = name.split(":", 1)[1]
        child: Record = next((p for p in r.row["persons"] if p["person_id"] == child_id), {})
        docs = [s["document_id"] for s in child.get("school") or []]
        return f"school papers: {r.furthest(docs, _school_stage(r.pred.person_of_truth.get(child_id), False))}"
    return "other"


def _school_stage(person: str | None, leaving: bool) -> Any:
    """Stage of a school paper of the main person (`person` None) or of the child the view holds as `person`;
    `leaving`: a school-leaving certificate, which needs that fact, not a period."""
    def stage(o: DocOutcome | None) -> str:
        s = person_stage(o) if person is None else upstream(o)
        if s or o is None:
            return s or "no_fact"
        if person is not None and o.person != person:
            return "no_person" if o.person is None else "wrong_person"
        if ("school_leaving" if leaving else "school") not in o.kinds:
            return "no_fact"
        return "other" if leaving else "wrong_dates"
    return stage


def attribute_checks(rows: Sequence[Record], predicted: Mapping[str, ViewFacts], labels: dict[str, Record],
                     outcomes: dict[str, DocOutcome]) -> dict[str, Any]:
    """Wrong verdicts of the main persons' checks by cause, overall and per check."""
    per: dict[str, Counter[str]] = {}
    for row in rows:
        pred = predicted.get(row["akte_id"])
        r = _Row(row, pred, labels, outcomes) if pred is not None else None
        for name, truth in (row["persons"][0].get("checks") or {}).items():
            got = pred.checks.get(name, "unknown") if pred is not None else "unknown"
            if got != truth:
                per.setdefault(name.split(":")[0], Counter())[cause(name, truth, got, r) if r else "no case view"] += 1
    total: Counter[str] = Counter()
    for c in per.values():
        total.update(c)
    return {"wrong": sum(total.values()), "causes": dict(total.most_common()),
            "per_check": {k: {"wrong": sum(c.values()), "causes": dict(c.most_common())}
                          for k, c in sorted(per.items())}}
