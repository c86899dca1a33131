"""Checks for a reference date, as facts: met / not met / unknown, with the evidence or what is missing.

Never "met" without evidence; "not met" only where a document shows it (an entry date too late, an
expired passport, an age outside the range); a file that is merely silent gives "unknown" and names
the papers that would decide it. The thresholds come from `rules.py` (versioned data).
"""

from __future__ import annotations

import datetime as dt

from eakte.case.model import Check, Evidence, Fact, Interval, Person
from eakte.case.rules import Rules
from eakte.case.timeline import stay_segments

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


def _years_before(at: dt.date, years: int) -> dt.date:
    try:
        return at.replace(year=at.year - years)
    except ValueError:  # 29 February
        return at.replace(year=at.year - years, day=28)


def age(birth: dt.date, at: dt.date) -> int:
    return at.year - birth.year - ((at.month, at.day) < (birth.month, birth.day))


def _d(x: dt.date) -> str:
    return x.strftime("%d.%m.%Y")


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


def _runs(segs: list[tuple[dt.date, dt.date, list[Evidence]]], at: dt.date, rules: Rules
          ) -> list[tuple[dt.date, dt.date, list[Evidence], list[str]]]:
    """Segments joined into runs across breaks of at most `stay_break_max_days` days (a bridged break
    counts as stay); a longer stretch without counted days ends a run. With the notes on bridged breaks."""
    out: list[tuple[dt.date, dt.date, list[Evidence], list[str]]] = []
    for s, e, ev in segs:
        if s > at:
            continue
        if out:
            gap = (s - out[-1][1]).days - 1
            if gap <= rules.stay_break_max_days:
                ps, pe, pev, notes = out[-1]
                if gap > 0:
                    notes = [*notes, f"break of {gap} days ({_d(pe + dt.timedelta(days=1))}–"
                                     f"{_d(s - dt.timedelta(days=1))}) bridged"]
                out[-1] = (ps, max(pe, e), pev + ev, notes)
                continue
        out.append((s, e, list(ev), []))
    return out


def current_run(segs: list[tuple[dt.date, dt.date, list[Evidence]]], at: dt.date, rules: Rules
                ) -> tuple[dt.date, dt.date, list[Evidence], list[str]] | None:
    """The latest run that started by `at` and ends on or after `at` minus the allowed break."""
    live = [r for r in _runs(segs, at, rules) if r[1] >= at - dt.timedelta(days=rules.stay_break_max_days)]
    return live[-1] if live else None


def stay_chain(ivs: list[Interval], at: dt.date, rules: Rules) -> tuple[dt.date | None, int, list[str],
                                                                          list[Evidence]]:
    """(run start, counted days, notes, evidence): the current run of stay (gestattet, geduldet, erlaubt,
    Fiktion; § 60b not counted) at `at`; its counted days run from its start to min(its end, `at`)."""
    segs = stay_segments(ivs, rules.count_60b)
    run = current_run(segs, at, rules)
    if run is None:
        before = [s for s in segs if s[0] <= at]
        if before:
            last_end = min(before[-1][1], at)
            return None, 0, [f"last status paper ended {_d(last_end)}, more than {rules.stay_break_max_days} "
                             "days before the reference date"], before[-1][2]
        return None, 0, [], []
    start, end, ev, notes = run
    notes = list(notes)
    if end < at:
        notes.append(f"break of {(at - end).days} days up to the reference date")
    earlier = [s for s in segs if s[1] < start]
    if earlier:
        notes.append(f"interrupted for {(start - earlier[-1][1]).days - 1} days before {_d(start)}: "
                     "earlier stay not counted")
    return start, (min(end, at) - start).days + 1, notes, ev


def _stay_check(name: str, years: int, ivs: list[Interval], facts: list[Fact], at: dt.date, rules: Rules,
                rule: str) -> Check:
    start, days, notes, ev = stay_chain(ivs, at, rules)
    months = days * 12 // 365
    need_from = _years_before(at, years)
    value = f"{months} months counted" + (f" since {_d(start)}" if start else "") + f"; needs {years * 12}"
    if rules.count_60b is False and any(i.kind == "status:geduldet_60b" for i in ivs):
        notes.append("§ 60b periods (ungeklärte Identität) not counted")
    value += ("; " + "; ".join(notes)) if notes else ""
    if start and days >= (at - need_from).days:
        return Check(name, "met", value, [], ev, rule)
    entries = [f for f in facts if f.kind == "entry" and f.start]
    late = [f for f in entries if f.start and f.start > need_from]
    if late and len({f.start for f in entries}) == 1:
        e = late[0]
        assert e.start is not None
        return Check(name, "not_met", value + f"; entry {_d(e.start)} is after {_d(need_from)}", [],
                     [e.evidence], rule)
    missing = [f"status papers (Duldung, Gestattung, Aufenthaltserlaubnis) covering {_d(need_from)}–"
               f"{_d(start - dt.timedelta(days=1)) if start else _d(at)}"]
    return Check(name, "unknown", value, missing, ev, rule)


def _minor_children(children: list[Person], at: dt.date, rules: Rules) -> list[Person]:
    return [c for c in children if c.birth_date and age(c.birth_date, at) < rules.adult_age]


def check_25b(person: Person, children: list[Person], ivs: list[Interval], facts: list[Fact], at: dt.date,
              rules: Rules) -> Check:
    minors = _minor_children(children, at, rules)
    years = rules.s25b["years_with_minor_child"] if minors else rules.s25b["years"]
    rule = f"§ 25b Abs. 1 Nr. 1 AufenthG: {rules.s25b['years']} years, {rules.s25b['years_with_minor_child']} " \
           f"with a minor child ({rules.label()})"
    c = _stay_check("25b_stay", years, ivs, facts, at, rules, rule)
    if minors:
        c.value += f"; minor child(ren): {len(minors)}"
    elif c.verdict != "met":
        c.missing.append("birth certificate of a minor child living with the person (lowers the threshold)")
    return c


def check_25a(person: Person, ivs: list[Interval], facts: list[Fact], at: dt.date, rules: Rules) -> list[Check]:
    r = rules.s25a
    label = f"({rules.label()})"
    out: list[Check] = []
    births = [f for f in facts if f.kind == "birth"]
    if person.birth_date:
        a = age(person.birth_date, at)
        ok = r["min_age"] <= a < r["max_age_below"]
        out.append(Check("25a_age", "met" if ok else "not_met", f"{a} years",
                         [], [f.evidence for f in births][:3],
                         f"§ 25a Abs. 1 AufenthG: {r['min_age']} to under {r['max_age_below']} {label}"))
    else:
        out.append(Check("25a_age", "unknown", "birth date unknown", ["a document with the birth date"], [],
                         f"§ 25a Abs. 1 AufenthG {label}"))
    out.append(_stay_check("25a_stay", int(r["years"]), ivs, facts, at, rules,
                           f"§ 25a Abs. 1 Nr. 1 AufenthG: {r['years']} years {label}"))
    need = int(r.get("duldung_months", 0))
    rule_d = f"§ 25a Abs. 1 AufenthG: {need} months Duldung {label}"
    geduldet = stay_segments([i for i in ivs if i.kind == "status:geduldet"], True)
    run = current_run(geduldet, at, rules)
    if run and _add_months(run[0], need) - dt.timedelta(days=1) <= min(run[1], at):
        out.append(Check("25a_duldung", "met", f"geduldet since {_d(run[0])}", [], run[2], rule_d))
    else:
        months = ((min(run[1], at) - run[0]).days + 1) * 12 // 365 if run else 0
        out.append(Check("25a_duldung", "unknown", f"{months} months of Duldung evidenced up to the reference "
                         "date", [f"Duldung papers covering {need} months up to {_d(at)}"], run[2] if run else [],
                         rule_d))
    school = [i for i in ivs if i.kind == "school" and i.end]
    leaving = [f for f in facts if f.kind == "school_leaving"]
    years = int(r["school_years"])
    covered = sum((e - s).days + 1 for s, e, _ in stay_segments(school, True, kinds={"school"}))
    ev = [f.evidence for f in leaving] + [e for i in school for e in i.evidence]
    if leaving or covered >= 365 * years:
        what = "school-leaving certificate" if leaving else f"{covered * 12 // 365} months of school attested"
        out.append(Check("25a_school", "met", what, [], ev,
                         f"§ 25a Abs. 1 Nr. 2 AufenthG: {years} years of school {label}"))
    else:
        out.append(Check("25a_school", "unknown", f"{covered * 12 // 365} months of school attested",
                         [f"school certificates for {years} years, or a school or vocational qualification"], ev,
                         f"§ 25a Abs. 1 Nr. 2 AufenthG {label}"))
    return out


def _months(before: dt.date, n: int) -> list[str]:
    """The `n` calendar months before the month of `before`, newest first."""
    y, m = before.year, before.month
    out = []
    for _ in range(n):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        out.append(f"{y:04d}-{m:02d}")
    return out


def _month_range(start: dt.date, end: dt.date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def attested_months(facts: list[Fact]) -> dict[str, list[Evidence]]:
    """Months the file attests actual work: a pay slip its pay month; an employer's certificate every month
    from its stated start to its stated end, or to the month of its own date when the employment is ongoing.
    A contract or a declaration of an employment to come attests no month (it is a promise)."""
    out: dict[str, list[Evidence]] = {}
    for f in facts:
        if f.kind == "pay_month":
            out.setdefault(f.value, []).append(f.evidence)
        elif f.kind == "employment" and f.start and f.detail.get("paper") == "certificate":
            known = f.detail.get("known_until")
            end = f.end or (dt.date.fromisoformat(known) if known else None)
            if end and end >= f.start:
                for m in _month_range(f.start, end):
                    out.setdefault(m, []).append(f.evidence)
    return out


def check_employment(facts: list[Fact], at: dt.date, rules: Rules) -> list[Check]:
    attested = attested_months(facts)
    out = []
    for n in rules.employment_windows_months:
        months = _months(at, n)
        have = {m: attested[m] for m in months if m in attested}
        k = len(have)
        missing = [] if k == n else [f"proof of employment for {n - k} of the {n} months before the reference "
                                     f"month (e.g. {', '.join(sorted(set(months) - set(have))[:3])})"]
        out.append(Check(f"employment_{n}m", "met" if k == n else "unknown", f"{k}/{n} months with employment "
                         f"evidenced ({round(100 * k / n)} %)", missing,
                         [e for m in sorted(have) for e in have[m][:1]],
                         "share of months with employment (fact for § 25b Abs. 1 Nr. 3 / hardship)"))
    return out


def check_school_children(children: list[Person], facts_by_person: dict[str, list[Fact]], at: dt.date,
                          rules: Rules) -> list[Check]:
    out = []
    lo, hi = rules.school_age["min"], rules.school_age["max_below"]
    for c in children:
        if not c.birth_date or not lo <= age(c.birth_date, at) < hi:
            continue
        school = [f for f in facts_by_person.get(c.person_id, []) if f.kind == "school" and f.start and f.end]
        year_before = at - dt.timedelta(days=365)
        current = [f for f in school if f.start and f.end and f.start <= at and f.end >= year_before]
        name = c.names[0] if c.names else c.person_id
        if current:
            out.append(Check(f"school_child:{c.person_id}", "met", f"{name}: school attested",
                             [], [f.evidence for f in current], "school proof per school-age child"))
        else:
            out.append(Check(f"school_child:{c.person_id}", "unknown", f"{name}: {age(c.birth_date, at)} years",
                             ["school certificate for the current school year"],
                             [f.evidence for f in school], "school proof per school-age child"))
    return out


def check_language(facts: list[Fact], rules: Rules) -> list[Check]:
    need = str(rules.s25b.get("language", "A2"))
    passed = [f for f in facts if f.kind == "language" and f.detail.get("result") == "passed"
              and f.value in LEVELS and LEVELS.index(f.value) >= LEVELS.index(need)]
    lid = [f for f in facts if f.kind == "lid_test" and f.value == "passed"]
    best = max((f.value for f in passed), default=None, key=lambda v: LEVELS.index(v))
    out = [Check("language", "met" if passed else "unknown",
                 f"highest level attested: {best}" if best else "no certificate found",
                 [] if passed else [f"language certificate {need} or higher"], [f.evidence for f in passed],
                 f"§ 25b Abs. 1 Nr. 4 AufenthG: oral German {need}")]
    out.append(Check("leben_in_deutschland", "met" if lid else "unknown",
                     "test passed" if lid else "no result found", [] if lid else ["'Leben in Deutschland' result"],
                     [f.evidence for f in lid], "§ 25b Abs. 1 Nr. 2 AufenthG: basic knowledge"))
    return out


def check_passport(facts: list[Fact], at: dt.date) -> Check:
    passes = sorted((f for f in facts if f.kind == "passport"), key=lambda f: f.end or dt.date.min)
    valid = [f for f in passes if f.end and f.end >= at]
    if valid:
        f = valid[-1]
        assert f.end is not None
        return Check("passport", "met", f"valid until {_d(f.end)}", [], [f.evidence], "valid passport (§ 3, § 5)")
    dated = [f for f in passes if f.end]
    if dated:
        f = dated[-1]
        assert f.end is not None
        return Check("passport", "not_met", f"latest passport expired {_d(f.end)}",
                     ["a valid passport (or proof that one cannot be obtained)"], [f.evidence],
                     "valid passport (§ 3, § 5)")
    return Check("passport", "unknown", "no passport with an expiry date", ["copy of a valid passport"],
                 [f.evidence for f in passes], "valid passport (§ 3, § 5)")
