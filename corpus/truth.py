"""Per-person truth of one generated Akte (`persons.jsonl`, format in CASE_TRUTH.md of issue 17).

Read from the documents as rendered (their registered dates, parties and case facts), never from the
story alone: a fact no page shows is not in the truth. The checks follow CASE_TRUTH.md's definitions
literally; they are computed here independently of `eakte/case` (which is what gets measured).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from corpus.akte import Akte
from corpus.dates import add_years
from corpus.model import DocBuilder

# valid_from, 25b years, 25b years with minor child, 25a years, 25a school years, 25a max age (below), Duldung months
THRESHOLDS: tuple[tuple[dt.date, int, int, int, int, int, int], ...] = (
    (dt.date(2015, 8, 1), 8, 6, 4, 4, 21, 0),
    (dt.date(2022, 12, 31), 6, 4, 3, 3, 27, 12),
)
BREAK_DAYS = 92
STAY_KINDS = ("gestattet", "geduldet", "erlaubt", "fiktion")
SUBJECT_ROLES = ("person_concerned", "plaintiff", "applicant", "employee")
STATUS_BY_SUBTYPE = {"duldung": "geduldet", "aufenthaltsgestattung": "gestattet", "fiktionsbescheinigung": "fiktion",
                     "aufenthaltserlaubnis": "erlaubt", "niederlassungserlaubnis": "erlaubt"}
CERTIFICATE_SUBTYPES = ("arbeitgeberbescheinigung", "arbeitsbescheinigung", "arbeitszeugnis")
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


def _dates(b: DocBuilder, role: str) -> list[dt.date]:
    return [dt.date.fromisoformat(d["value"]) for d in b.truth.dates if d["role"] == role]


def _month(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _months(start: dt.date, end: dt.date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def reference_date(akte: Akte) -> dt.date:
    """0-30 days after the newest document of the Akte (its own random stream: the same every run)."""
    newest = max((b.truth.document_date for b in akte.docs if b.truth.document_date), default=akte.case.end)
    return newest + dt.timedelta(days=random.Random(f"{akte.key}/reference").randint(0, 30))


def thresholds(at: dt.date) -> tuple[dt.date, int, int, int, int, int, int]:
    return [t for t in THRESHOLDS if t[0] <= at][-1]


def persons_row(akte: Akte, docs: list[dict[str, Any]], akte_id: str) -> dict[str, Any]:
    """The Akte's persons.jsonl line; `docs` are its labels.jsonl records in `akte.docs` order."""
    at = reference_date(akte)
    keys = ["main", *akte.relatives]
    people = {"main": (akte.case.person, akte.case.birth), **akte.relatives}
    persons = []
    for n, key in enumerate(keys, start=1):
        mine = [(b, d["document_id"]) for b, d in zip(akte.docs, docs, strict=True) if b.truth.subject == key]
        person, _ = people[key]
        persons.append(_person(f"{akte_id}#{n}", "main" if key == "main" else "child", person, mine))
    main = persons[0]
    for child, key in zip(persons[1:], keys[1:], strict=True):
        stated = [d["document_id"] for b, d in zip(akte.docs, docs, strict=True)
                  if b.truth.subject == key and "main" in b.truth.facts.get("parents", [])]
        if stated:
            main["relations"].append({"kind": "child", "person_id": child["person_id"], "documents": stated})
            child["relations"].append({"kind": "parent", "person_id": main["person_id"], "documents": stated})
    spouses = _spouses(akte, docs, main, akte_id, len(persons))
    persons += spouses
    main["checks"] = checks(main, [p for p in persons if p["role"] == "child"], at)
    return {"akte_id": akte_id, "reference_date": at.isoformat(), "rules_version": thresholds(at)[0].isoformat(),
            "persons": persons}


def _spouses(akte: Akte, docs: list[dict[str, Any]], main: dict[str, Any], akte_id: str,
             known: int) -> list[dict[str, Any]]:
    """A Heiratsurkunde names the spouse: a person without papers of their own, related to the main person."""
    out: list[dict[str, Any]] = []
    for b, d in zip(akte.docs, docs, strict=True):
        if b.truth.subject != "main" or b.truth.doc_subtype != "heiratsurkunde":
            continue
        others = [p["name"] for p in b.truth.parties if p["kind"] == "person" and p["role"] == "other"]
        for name in others:
            pid = f"{akte_id}#{known + len(out) + 1}"
            out.append(_empty(pid, "spouse", name))
            out[-1]["relations"].append({"kind": "spouse", "person_id": main["person_id"],
                                         "documents": [d["document_id"]]})
            main["relations"].append({"kind": "spouse", "person_id": pid, "documents": [d["document_id"]]})
    return out


def _empty(pid: str, role: str, name: str) -> dict[str, Any]:
    return {"person_id": pid, "role": role, "name": name, "spellings": [name], "birth_date": None,
            "nationality": None, "documents": [], "relations": [], "entry_date": None, "entry_documents": [],
            "intervals": [], "employment": [], "employment_months": [], "school": [], "school_leaving": [],
            "certificates": [], "passports": []}


def _person(pid: str, role: str, person: Any, docs: list[tuple[DocBuilder, str]]) -> dict[str, Any]:
    out = _empty(pid, role, f"{person.given[0]} {person.surname[0]}")
    out["documents"] = [i for _, i in docs]
    spellings: list[str] = []
    for b, _ in docs:
        for p in b.truth.parties:
            if p["kind"] == "person" and p["role"] in SUBJECT_ROLES and p["name"] not in spellings:
                spellings.append(p["name"])
    out["spellings"] = spellings or [out["name"]]
    births = [x for b, _ in docs for x in _dates(b, "birth_date")]
    out["birth_date"] = births[0].isoformat() if births else None
    if any(b.truth.doc_type in ("identity_document", "residence_document", "registration_certificate")
           for b, _ in docs):
        out["nationality"] = person.country.icao  # printed (and in a passport's MRZ) on these papers
    entries = [(x, i) for b, i in docs for x in _dates(b, "entry_date")]
    if entries:
        out["entry_date"] = min(x for x, _ in entries).isoformat()
        out["entry_documents"] = sorted({i for _, i in entries})
    months: set[str] = set()
    for b, i in docs:
        t = b.truth
        sub = (t.doc_subtype or "").lower()
        if t.doc_type == "residence_document":
            kind = t.facts.get("status") or STATUS_BY_SUBTYPE.get(sub)
            starts = _dates(b, "valid_from") or _dates(b, "document_date")
            ends = _dates(b, "valid_until")
            if kind and starts and ends:
                out["intervals"].append({"kind": kind, "start": starts[0].isoformat(), "end": max(ends).isoformat(),
                                         "document_id": i})
        elif t.doc_type == "employment_proof" or sub == "ausbildungsvertrag":
            employer = next((p["name"] for p in t.parties if p["role"] == "employer"), "")
            starts_, ends_ = _dates(b, "employment_start"), _dates(b, "employment_end")
            start = starts_[0] if starts_ else None
            end = ends_[0] if ends_ else None
            out["employment"].append({"employer": employer, "start": start.isoformat() if start else None,
                                      "end": end.isoformat() if end else None, "document_id": i})
            months.update(_month(x) for x in _dates(b, "pay_period_start"))
            if sub in CERTIFICATE_SUBTYPES and start:
                until = end or (t.document_date if t.facts.get("ongoing") else None)
                if until:
                    months.update(_months(start, until))
        if "school" in t.facts:
            s, e = t.facts["school"]
            out["school"].append({"school": next((p["name"] for p in t.parties if p["kind"] == "organisation"), ""),
                                  "start": s.isoformat(), "end": e.isoformat(), "document_id": i})
        if t.facts.get("school_leaving"):
            out["school_leaving"].append(i)
        cert = t.facts.get("certificate")
        if cert and t.document_date:
            out["certificates"].append({**cert, "date": t.document_date.isoformat(), "document_id": i})
        if t.doc_type == "identity_document" and sub == "reisepass":
            expiry = _dates(b, "valid_until")
            if expiry:
                out["passports"].append({"valid_until": expiry[0].isoformat(), "document_id": i})
    out["employment_months"] = sorted(months)
    return out


# -- checks (CASE_TRUTH.md) ------------------------------------------------------------------------------


def _days(intervals: list[dict[str, Any]], kinds: tuple[str, ...]) -> list[tuple[dt.date, dt.date]]:
    """The union of the intervals of `kinds` as sorted, disjoint (start, end) day ranges."""
    spans = sorted((dt.date.fromisoformat(i["start"]), dt.date.fromisoformat(i["end"]))
                   for i in intervals if i["kind"] in kinds)
    out: list[tuple[dt.date, dt.date]] = []
    for s, e in spans:
        if out and s <= out[-1][1] + dt.timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def runs(spans: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Join day ranges whose gap (days without stay between them) is at most 92 days."""
    out: list[tuple[dt.date, dt.date]] = []
    for s, e in spans:
        if out and (s - out[-1][1]).days - 1 <= BREAK_DAYS:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def current_run(spans: list[tuple[dt.date, dt.date]], at: dt.date) -> tuple[dt.date, dt.date] | None:
    """The latest run that started by `at` and ends on or after at - 92 days."""
    live = [r for r in runs(spans) if r[0] <= at and r[1] >= at - dt.timedelta(days=BREAK_DAYS)]
    return live[-1] if live else None


def _age(birth: dt.date, at: dt.date) -> int:
    return at.year - birth.year - ((at.month, at.day) < (birth.month, birth.day))


def _stay(p: dict[str, Any], years: int, at: dt.date) -> str:
    run = current_run(_days(p["intervals"], STAY_KINDS), at)
    need_from = add_years(at, -years)
    if run and (min(run[1], at) - run[0]).days + 1 >= (at - need_from).days:
        return "met"
    if p["entry_date"] and dt.date.fromisoformat(p["entry_date"]) > need_from:
        return "not_met"
    return "unknown"


def checks(p: dict[str, Any], children: list[dict[str, Any]], at: dt.date) -> dict[str, str]:
    """The verdicts of CASE_TRUTH.md for person `p` at reference date `at`."""
    _, b_years, b_child, a_years, a_school, a_age, a_duldung = thresholds(at)
    kids = [(c, dt.date.fromisoformat(c["birth_date"])) for c in children if c["birth_date"]]
    minor = any(_age(b, at) < 18 for _, b in kids)
    out: dict[str, str] = {"25b_stay": _stay(p, b_child if minor else b_years, at),
                           "25a_stay": _stay(p, a_years, at)}
    if p["birth_date"]:
        age = _age(dt.date.fromisoformat(p["birth_date"]), at)
        out["25a_age"] = "met" if 14 <= age < a_age else "not_met"
    else:
        out["25a_age"] = "unknown"
    duldung = current_run(_days(p["intervals"], ("geduldet",)), at)
    long_enough = duldung is not None and (
        a_duldung == 0 or _add_months(duldung[0], a_duldung) - dt.timedelta(days=1) <= min(duldung[1], at))
    out["25a_duldung"] = "met" if long_enough else "unknown"
    school = _days([{**s, "kind": "school"} for s in p["school"]], ("school",))
    covered = sum((e - s).days + 1 for s, e in school)
    out["25a_school"] = "met" if p["school_leaving"] or covered >= a_school * 365 else "unknown"
    worked = set(p["employment_months"])
    for n in (12, 24):
        window = _months(_add_months(at.replace(day=1), -n), _add_months(at.replace(day=1), -1))
        out[f"employment_{n}m"] = "met" if all(m in worked for m in window) else "unknown"
    for c, birth in kids:
        if 6 <= _age(birth, at) < 18:
            lo = at - dt.timedelta(days=365)
            seen = any(dt.date.fromisoformat(s["start"]) <= at and dt.date.fromisoformat(s["end"]) >= lo
                       for s in c["school"])
            out[f"school_child:{c['person_id']}"] = "met" if seen else "unknown"
    certs = p["certificates"]
    out["language"] = "met" if any(c["kind"] == "language" and LEVELS.index(c["level"]) >= 1 for c in certs) \
        else "unknown"
    out["leben_in_deutschland"] = "met" if any(c["kind"] == "leben_in_deutschland" for c in certs) else "unknown"
    passports = [dt.date.fromisoformat(x["valid_until"]) for x in p["passports"]]
    out["passport"] = "unknown" if not passports else "met" if max(passports) >= at else "not_met"
    return out


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue
    raise ValueError(d)
