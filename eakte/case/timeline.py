"""One person's timeline: status, employment and school intervals, events, and what does not fit.

Gaps between status papers, overlapping papers and contradicting documents become findings beside
the intervals; nothing is merged away or decided. A paper without an end date covers only the day it
states (its start), with a finding that says so.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Literal

from eakte.case.model import Evidence, Fact, Finding, Interval

EVENT_KINDS = ("entry", "application", "bamf_hearing", "bamf_decision", "court_decision", "birth_certificate")
STAY_STATUSES = ("gestattet", "geduldet", "erlaubt", "fiktion")


def _month_end(d: dt.date) -> dt.date:
    nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def intervals(facts: list[Fact], at: dt.date) -> tuple[list[Interval], list[Finding]]:
    out: list[Interval] = []
    findings: list[Finding] = []
    for f in facts:
        if f.kind == "status" and f.start:
            end = f.end
            if end is None:
                findings.append(Finding("gap", f"status paper ({f.value}) without an end date: counted for its "
                                        "start day only", f.start, None, [f.evidence]))
                end = f.start
            if end < f.start:
                findings.append(Finding("contradiction", f"status paper ({f.value}) ends before it starts",
                                        f.start, end, [f.evidence]))
                continue
            if f.detail.get("dates_note"):
                findings.append(Finding("contradiction", f"status paper ({f.value}): {f.detail['dates_note']}",
                                        f.start, end, [f.evidence]))
            label = f.detail.get("legal_basis", "")
            out.append(Interval(f"status:{f.value}", f.start, end, [f.evidence], label))
        elif f.kind == "employment" and f.start:
            known = f.detail.get("known_until")
            end = f.end or (dt.date.fromisoformat(known) if known else f.start)
            out.append(Interval("employment", f.start, min(end, at) if end > at else end, [f.evidence],
                                f.detail.get("employer", "")))
        elif f.kind == "pay_month" and f.start:
            out.append(Interval("employment", f.start, _month_end(f.start), [f.evidence], "payslip"))
        elif f.kind == "school" and f.start and f.end:
            out.append(Interval("school", f.start, f.end, [f.evidence], f.detail.get("school_year", f.value)))
    out.sort(key=lambda i: (i.kind, i.start))
    findings += _status_findings([i for i in out if i.kind.startswith("status:")])
    findings += _contradictions(facts)
    return out, findings


def _status_findings(status: list[Interval]) -> list[Finding]:
    findings: list[Finding] = []
    status = sorted(status, key=lambda i: i.start)
    for a, b in itertools.pairwise(status):
        assert a.end is not None and b.end is not None
        if b.start > a.end + dt.timedelta(days=1):
            findings.append(Finding("gap", f"no status paper for {(b.start - a.end).days - 1} days",
                                    a.end + dt.timedelta(days=1), b.start - dt.timedelta(days=1),
                                    a.evidence + b.evidence))
        elif b.start <= a.end and a.kind != b.kind:
            clash = {"status:erlaubt", "status:geduldet"} == {a.kind, b.kind}
            kind: Literal["overlap", "contradiction"] = "contradiction" if clash else "overlap"
            findings.append(Finding(kind, f"{a.kind[7:]} and {b.kind[7:]} papers overlap", b.start,
                                    min(a.end, b.end), a.evidence + b.evidence))
    return findings


def _contradictions(facts: list[Fact]) -> list[Finding]:
    births = {f.value: f for f in facts if f.kind == "birth"}
    out = []
    if len(births) > 1:
        out.append(Finding("contradiction", f"{len(births)} different birth dates", None, None,
                           [f.evidence for f in births.values()]))
    # Only machine-readable zones compare safely (ICAO codes, check digits); printed fields vary in wording.
    nats = {f.value: f for f in facts if f.kind == "nationality" and f.detail.get("source") == "mrz"}
    if len(nats) > 1:
        out.append(Finding("contradiction", f"{len(nats)} different nationalities in passports' MRZ", None, None,
                           [f.evidence for f in nats.values()]))
    entries = {f.start: f for f in facts if f.kind == "entry" and f.start}
    if len(entries) > 1:
        out.append(Finding("contradiction", f"{len(entries)} different entry dates", None, None,
                           [f.evidence for f in entries.values()]))
    return out


def stay_segments(ivs: list[Interval], count_60b: bool, kinds: set[str] | None = None
                  ) -> list[tuple[dt.date, dt.date, list[Evidence]]]:
    """The union of counted status intervals (or of the intervals of `kinds`) as (start, end, evidence), sorted."""
    if kinds is None:
        kinds = {f"status:{s}" for s in STAY_STATUSES} | ({"status:geduldet_60b"} if count_60b else set())
    segs: list[tuple[dt.date, dt.date, list[Evidence]]] = []
    for i in sorted((i for i in ivs if i.kind in kinds and i.end), key=lambda i: i.start):
        assert i.end is not None
        if segs and i.start <= segs[-1][1] + dt.timedelta(days=1):
            s, e, ev = segs[-1]
            segs[-1] = (s, max(e, i.end), ev + i.evidence)
        else:
            segs.append((i.start, i.end, list(i.evidence)))
    return segs


def events(facts: list[Fact]) -> list[Fact]:
    return sorted((f for f in facts if f.kind in EVENT_KINDS and f.start), key=lambda f: f.start or dt.date.min)
