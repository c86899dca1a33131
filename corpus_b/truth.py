"""Per-person truth of one Akte (a line of persons.jsonl): what the papers in the folder attest, and the
check verdicts computed from that alone, so the pipeline's case overview can be scored against it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus_b.docs.base import Doc
from corpus_b.story import Person, Story, add_months

_TABLE = json.loads((Path(__file__).parent / "thresholds.json").read_text(encoding="utf-8"))
LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]
STAY_KINDS = ("gestattet", "geduldet", "erlaubt", "fiktion")
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Rules:
    """The thresholds version in force on a day, plus the rules common to all versions."""

    valid_from: dt.date
    b_years: int
    b_years_child: int
    a_years: int
    a_school_years: int
    a_age_min: int
    a_age_below: int
    a_duldung_months: int
    break_days: int
    school_age_min: int
    school_age_below: int
    adult: int
    language_level: str


def rules_at(day: dt.date) -> Rules:
    c = _TABLE["common"]
    for v in _TABLE["versions"]:
        start = dt.date.fromisoformat(v["valid_from"])
        end = dt.date.fromisoformat(v["valid_until"]) if v["valid_until"] else dt.date.max
        if start <= day <= end:
            return Rules(
                start,
                v["25b_years"],
                v["25b_years_with_minor_child"],
                v["25a_years"],
                v["25a_school_years"],
                v["25a_age_min"],
                v["25a_age_below"],
                v["25a_duldung_months"],
                c["break_days"],
                c["school_age_min"],
                c["school_age_below"],
                c["adult_age"],
                c["language_level_25b"],
            )
    raise ValueError("no thresholds version covers the reference date")


def minus_years(day: dt.date, n: int) -> dt.date:
    """The same calendar day n years earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - n)
    except ValueError:
        return day.replace(year=day.year - n, day=28)


def age(birth: dt.date, at: dt.date) -> int:
    return at.year - birth.year - ((at.month, at.day) < (birth.month, birth.day))


def runs(spans: Iterable[tuple[dt.date, dt.date]], bridge: int) -> list[tuple[dt.date, dt.date]]:
    """Join day spans (both ends included) into runs; a gap of at most `bridge` days between them is bridged."""
    out: list[tuple[dt.date, dt.date]] = []
    for start, end in sorted(spans):
        if out and (start - out[-1][1]).days - 1 <= bridge:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def current_run(spans: Iterable[tuple[dt.date, dt.date]], ref: dt.date, bridge: int) -> tuple[dt.date, dt.date] | None:
    """The latest run that ends on or after ref - bridge days (None: no such run)."""
    live = [r for r in runs(spans, bridge) if r[1] >= ref - dt.timedelta(days=bridge)]
    return live[-1] if live else None


def counted_days(run: tuple[dt.date, dt.date] | None, ref: dt.date) -> int:
    if run is None:
        return 0
    return max(0, (min(run[1], ref) - run[0]).days + 1)


def stay_verdict(
    intervals: Sequence[dict[str, Any]], ref: dt.date, years: int, entry: dt.date | None, bridge: int
) -> str:
    spans = [(_d(i["start"]), _d(i["end"])) for i in intervals if i["kind"] in STAY_KINDS]
    since = minus_years(ref, years)
    if counted_days(current_run(spans, ref, bridge), ref) >= (ref - since).days:
        return "met"
    if entry is not None and entry > since:
        return "not_met"
    return "unknown"


def duldung_verdict(intervals: Sequence[dict[str, Any]], ref: dt.date, months: int, bridge: int) -> str:
    spans = [(_d(i["start"]), _d(i["end"])) for i in intervals if i["kind"] == "geduldet"]
    run = current_run(spans, ref, bridge)
    if run is None:
        return "unknown"
    if months == 0 or add_months(run[0], months) <= min(run[1], ref) + DAY:
        return "met"
    return "unknown"


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _month_before(ref: dt.date, k: int) -> str:
    m = add_months(ref.replace(day=1), -k)
    return f"{m.year:04d}-{m.month:02d}"


def checks(p: dict[str, Any], children: Sequence[dict[str, Any]], ref: dt.date) -> dict[str, str]:
    """The check verdicts of one person (definitions in CASE_TRUTH: met / not_met / unknown)."""
    t = rules_at(ref)
    entry = _d(p["entry_date"]) if p["entry_date"] else None
    kids = [(c, age(_d(c["birth_date"]), ref)) for c in children if c["birth_date"] and _d(c["birth_date"]) <= ref]
    minor = any(a < t.adult for _, a in kids)
    out: dict[str, str] = {}
    iv = p["intervals"]
    out["25b_stay"] = stay_verdict(iv, ref, t.b_years_child if minor else t.b_years, entry, t.break_days)
    out["25a_stay"] = stay_verdict(iv, ref, t.a_years, entry, t.break_days)
    if p["birth_date"]:
        a = age(_d(p["birth_date"]), ref)
        out["25a_age"] = "met" if t.a_age_min <= a < t.a_age_below else "not_met"
    else:
        out["25a_age"] = "unknown"
    out["25a_duldung"] = duldung_verdict(iv, ref, t.a_duldung_months, t.break_days)
    school_days: set[dt.date] = set()
    for s in p["school"]:
        d = _d(s["start"])
        while d <= _d(s["end"]):
            school_days.add(d)
            d += DAY
    out["25a_school"] = "met" if p["school_leaving"] or len(school_days) >= t.a_school_years * 365 else "unknown"
    months = set(p["employment_months"])
    for n in (12, 24):
        out[f"employment_{n}m"] = "met" if all(_month_before(ref, k) in months for k in range(1, n + 1)) else "unknown"
    window = (ref - dt.timedelta(days=365), ref - DAY)
    for c, a in kids:
        if t.school_age_min <= a < t.school_age_below:
            hit = any(_d(s["start"]) <= window[1] and _d(s["end"]) >= window[0] for s in c["school"])
            out[f"school_child:{c['person_id']}"] = "met" if hit else "unknown"
    need = LEVELS.index(t.language_level)
    langs = [c for c in p["certificates"] if c["kind"] == "language"]
    out["language"] = "met" if any(LEVELS.index(c["level"]) >= need for c in langs) else "unknown"
    lid = any(c["kind"] == "leben_in_deutschland" for c in p["certificates"])
    out["leben_in_deutschland"] = "met" if lid else "unknown"
    if any(_d(x["valid_until"]) >= ref for x in p["passports"]):
        out["passport"] = "met"
    else:
        out["passport"] = "not_met" if p["passports"] else "unknown"
    return out


def family(st: Story) -> list[Person]:
    """Every member of the story's family, in person-id order (main, spouse, children)."""
    return [st.person, *([st.spouse_p] if st.spouse_p else []), *st.children]


def person_ids(st: Story, base: str) -> dict[str, str]:
    """Stable ids by family position, so the same human has the same id in every Akte of the story."""
    slots = {"main": 1, "spouse": 2}
    return {m.key: f"{base}#{slots.get(m.key, 2 + int(m.key[1:]) if m.key[1:].isdigit() else 9)}" for m in family(st)}


ROLE = {"main": "main", "spouse": "spouse"}
INVERSE = {"child": "parent", "parent": "child", "spouse": "spouse"}


def persons_line(
    akte_id: str,
    st: Story,
    docs: Sequence[Doc],
    doc_ids: Sequence[str],
    ref: dt.date,
    base: str,
    main_key: str = "main",
) -> dict[str, Any]:
    """The persons.jsonl object of one Akte (`main_key`: whose folder it is, a child in a child's own folder)."""
    members = {m.key: m for m in family(st)}

    def role(k: str) -> str:
        if k == main_key:
            return "main"
        if main_key == "main":
            return ROLE.get(k, "child")
        return "parent" if k in ("main", "spouse") else "other"

    ids = person_ids(st, base)
    present: list[str] = []
    for d in docs:
        for k in [*d.facts.subjects, *[x for r in d.facts.relations for x in r[1:]]]:
            if k in members and k not in present:
                present.append(k)
    order = [main_key] + [k for k in members if k in present and k != main_key]
    persons: dict[str, dict[str, Any]] = {}
    for k in order:
        m = members[k]
        persons[k] = {
            "person_id": ids[k],
            "role": role(k),
            "name": m.usual,
            "spellings": [],
            "birth_date": None,
            "nationality": m.origin.country if k == main_key else None,
            "documents": [],
            "relations": [],
            "entry_date": None,
            "entry_documents": [],
            "intervals": [],
            "employment": [],
            "employment_months": [],
            "school": [],
            "school_leaving": [],
            "certificates": [],
            "passports": [],
            "checks": {},
        }
    rels: dict[tuple[str, str, str], list[str]] = {}
    joint_adults: set[str] = set()
    for d, did in zip(docs, doc_ids, strict=True):
        f = d.facts
        for kind, a, b in f.relations:
            rels.setdefault((a, kind, b), []).append(did)
            rels.setdefault((b, INVERSE[kind], a), []).append(did)
        for k, names in f.names.items():
            if k in persons:
                persons[k]["spellings"].extend(n for n in names if n not in persons[k]["spellings"])
        for k, born in f.births.items():
            if k in persons:
                persons[k]["birth_date"] = born.isoformat()
        for k in f.nationality:
            if k in persons:
                persons[k]["nationality"] = members[k].origin.country
        if len(f.subjects) > 1 and d.doc_type == "bamf_decision":
            joint_adults.update(f.subjects)
        for k in f.subjects:
            p = persons[k]
            p["documents"].append(did)
            if f.entry is not None and k == f.subjects[0]:
                p["entry_date"] = f.entry.isoformat()
                p["entry_documents"].append(did)
            if f.interval is not None:
                kind, start, end = f.interval
                p["intervals"].append(
                    {"kind": kind, "start": start.isoformat(), "end": end.isoformat(), "document_id": did}
                )
            if f.employment is not None:
                emp, start2, end2 = f.employment
                p["employment"].append(
                    {
                        "employer": emp,
                        "start": start2.isoformat() if start2 else None,
                        "end": end2.isoformat() if end2 else None,
                        "document_id": did,
                    }
                )
            p["employment_months"].extend(f"{y:04d}-{mo:02d}" for y, mo in f.months)
            if f.school is not None:
                sc, s0, s1 = f.school
                p["school"].append({"school": sc, "start": s0.isoformat(), "end": s1.isoformat(), "document_id": did})
            if f.school_leaving:
                p["school_leaving"].append(did)
            if f.certificate is not None:
                p["certificates"].append({**f.certificate, "document_id": did})
            if f.passport is not None:
                p["passports"].append({"valid_until": f.passport.isoformat(), "document_id": did})
    for (a, kind, b), dids in sorted(rels.items()):
        if a in persons and b in persons:
            persons[a]["relations"].append({"kind": kind, "person_id": ids[b], "documents": sorted(set(dids))})
    for p in persons.values():
        p["spellings"] = sorted(p["spellings"])
        p["employment_months"] = sorted(set(p["employment_months"]))
    children = [p for p in persons.values() if p["role"] == "child"]
    for k, p in persons.items():
        adult = p["birth_date"] is not None and age(_d(p["birth_date"]), ref) >= rules_at(ref).adult
        if k == main_key or (k in joint_adults and adult):
            p["checks"] = checks(p, children, ref)
    return {
        "akte_id": akte_id,
        "reference_date": ref.isoformat(),
        "rules_version": rules_at(ref).valid_from.isoformat(),
        "persons": [persons[k] for k in order],
    }
