"""corpus_b per-person truth (persons.jsonl): it points at real documents, states only what the rendered papers
print, its verdicts follow the CASE_TRUTH definitions at their boundaries, and it repeats byte for byte."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from corpus_b.docs import employment, residence, school
from corpus_b.docs.base import B
from corpus_b.fmt import MONTHS
from corpus_b.generate import main, plan_akte
from corpus_b.story import Lang, Res, make_story
from corpus_b.truth import checks, rules_at

PASS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def german_forms(d: dt.date) -> set[str]:
    """Ways a German (or passport) paper prints a day."""
    m = MONTHS[d.month - 1]
    return {
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.day}.{d.month}.{d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
        f"{d.day}. {m} {d.year}",
        f"{d.day:02d}. {m} {d.year}",
        d.isoformat(),
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day:02d} {PASS[d.month - 1]} {d.year}",
    }


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cbt") / "a"
    assert main(["--out", str(out), "--n", "5", "--seed", "17", "--split", "test", "--profile", "small"]) == 0
    return out


def _ids_of(p: dict[str, Any]) -> set[str]:
    ids = set(p["documents"]) | set(p["entry_documents"]) | set(p["school_leaving"])
    for key in ("intervals", "employment", "school", "certificates", "passports"):
        ids |= {x["document_id"] for x in p[key]}
    for r in p["relations"]:
        ids |= set(r["documents"])
    return ids


def test_every_document_id_of_the_truth_is_a_document_of_the_same_akte(corpus: Path) -> None:
    labels = _lines(corpus / "labels.jsonl")
    by_akte: dict[str, set[str]] = {}
    for d in labels:
        by_akte.setdefault(d["akte_id"], set()).add(d["document_id"])
    lines = _lines(corpus / "persons.jsonl")
    assert [x["akte_id"] for x in lines] == list(by_akte)
    for line in lines:
        assert line["persons"][0]["role"] == "main"
        for p in line["persons"]:
            assert _ids_of(p) <= by_akte[line["akte_id"]], p["person_id"]
            # what a person's papers attest comes from that person's own documents
            assert {x["document_id"] for x in p["intervals"]} <= set(p["documents"])


def test_each_residence_paper_payslip_and_passport_copy_yields_exactly_one_truth_entry(corpus: Path) -> None:
    labels = {d["document_id"]: d for d in _lines(corpus / "labels.jsonl")}
    seen: dict[str, list[str]] = {"interval": [], "passport": []}
    months: list[tuple[str, str]] = []
    for line in _lines(corpus / "persons.jsonl"):
        for p in line["persons"]:
            seen["interval"] += [x["document_id"] for x in p["intervals"]]
            seen["passport"] += [x["document_id"] for x in p["passports"]]
            months += [(line["akte_id"], m) for m in p["employment_months"]]
    residence = [k for k, d in labels.items() if d["doc_type"] == "residence_document"]
    passports = [k for k, d in labels.items() if d["doc_subtype"] == "reisepass"]
    assert sorted(seen["interval"]) == sorted(residence)
    assert sorted(seen["passport"]) == sorted(passports)
    assert residence and months
    for d in labels.values():
        if d["doc_subtype"] == "lohnabrechnung":
            start = next(x["value"] for x in d["dates"] if x["role"] == "pay_period_start")
            assert (d["akte_id"], start[:7]) in months


def test_intervals_employment_school_and_passports_are_printed_on_their_papers() -> None:
    """Across 24 planned Akten (no images): each stated day of the truth is printed on the paper it names."""
    checked = 0
    for i in range(24):
        pl = plan_akte(17, "test", i)
        text = {
            did: " ".join(pg.text() for pg in d.pages).replace("\u00a0", " ")
            for did, d in zip(pl.doc_ids, pl.docs, strict=True)
        }
        for p in pl.persons["persons"]:
            for iv in p["intervals"]:
                for day in (iv["start"], iv["end"]):
                    assert any(f in text[iv["document_id"]] for f in german_forms(dt.date.fromisoformat(day)))
                    checked += 1
            for e in p["employment"]:
                for day in (e["start"], e["end"]):
                    if day:
                        assert any(f in text[e["document_id"]] for f in german_forms(dt.date.fromisoformat(day)))
                        checked += 1
            for pp in p["passports"]:
                assert any(f in text[pp["document_id"]] for f in german_forms(dt.date.fromisoformat(pp["valid_until"])))
            for s in p["school"]:
                start, end = dt.date.fromisoformat(s["start"]), dt.date.fromisoformat(s["end"])
                t = text[s["document_id"]]
                year = start.year if start.month >= 8 else start.year - 1
                named_year = f"{year}/{str(year + 1)[2:]}" in t or f"{year}/{year + 1}" in t
                assert named_year or (
                    any(f in t for f in german_forms(start)) and any(f in t for f in german_forms(end))
                )
                assert s["school"] in t
                checked += 1
            if p["entry_date"]:
                for did in p["entry_documents"]:
                    assert any(f in text[did] for f in german_forms(dt.date.fromisoformat(p["entry_date"])))
    assert checked > 100


def test_reference_dates_rules_versions_and_recomputed_verdicts_agree(corpus: Path) -> None:
    labels = _lines(corpus / "labels.jsonl")
    for line in _lines(corpus / "persons.jsonl"):
        ref = dt.date.fromisoformat(line["reference_date"])
        newest = max(
            (
                dt.date.fromisoformat(d["document_date"])
                for d in labels
                if d["akte_id"] == line["akte_id"] and d["document_date"]
            ),
        )
        assert newest <= ref <= newest + dt.timedelta(days=30) or ref == dt.date(2015, 8, 1)
        assert line["rules_version"] == rules_at(ref).valid_from.isoformat()
        kids = [p for p in line["persons"] if p["role"] == "child"]
        for p in line["persons"]:
            if p["checks"]:
                assert p["checks"] == checks(p, kids, ref)
            else:
                assert p["role"] != "main"


# ---- verdicts on hand-built persons (the boundaries of the definitions) ----


def person(intervals: list[tuple[str, str, str]], **kw: Any) -> dict[str, Any]:
    p: dict[str, Any] = {
        "person_id": "x#1",
        "birth_date": "1990-05-05",
        "entry_date": None,
        "intervals": [{"kind": k, "start": s, "end": e, "document_id": "d"} for k, s, e in intervals],
        "employment_months": [],
        "school": [],
        "school_leaving": [],
        "certificates": [],
        "passports": [],
    }
    p.update(kw)
    return p


R = dt.date(2024, 6, 30)


def test_a_gap_of_92_days_is_bridged_and_a_gap_of_93_days_ends_the_run() -> None:
    # 2020-07-01 .. 2020-09-30 are 92 days without a paper
    bridged = person([("geduldet", "2015-01-01", "2020-06-30"), ("erlaubt", "2020-10-01", "2025-01-31")])
    broken = person([("geduldet", "2015-01-01", "2020-06-30"), ("erlaubt", "2020-10-02", "2025-01-31")])
    assert checks(bridged, [], R)["25b_stay"] == "met"
    assert checks(broken, [], R)["25b_stay"] == "unknown"  # entry unknown: no "not met"
    broken["entry_date"] = "2020-09-01"
    assert checks(broken, [], R)["25b_stay"] == "not_met"
    broken["entry_date"] = "2014-12-01"
    assert checks(broken, [], R)["25b_stay"] == "unknown"
    assert checks(broken, [], R)["25a_stay"] == "met"  # 3 years after the gap suffice for § 25a


def test_a_60b_stretch_longer_than_92_days_ends_the_run_and_a_short_one_is_bridged() -> None:
    long60b = person(
        [
            ("geduldet", "2016-01-01", "2019-12-31"),
            ("geduldet_60b", "2020-01-01", "2020-06-30"),
            ("geduldet", "2020-07-01", "2024-12-31"),
        ]
    )
    short60b = person(
        [
            ("geduldet", "2016-01-01", "2019-12-31"),
            ("geduldet_60b", "2020-01-01", "2020-02-29"),
            ("geduldet", "2020-03-01", "2024-12-31"),
        ]
    )
    assert checks(long60b, [], R)["25b_stay"] == "unknown"
    assert checks(short60b, [], R)["25b_stay"] == "met"
    # a 60b paper alone is no Duldung run of 12 months for § 25a
    only60b = person([("geduldet_60b", "2021-01-01", "2024-12-31")])
    assert checks(only60b, [], R)["25a_duldung"] == "unknown"
    assert checks(only60b, [], R)["25a_stay"] == "unknown"


def test_the_rules_switch_on_31_12_2022() -> None:
    before, after = dt.date(2022, 12, 30), dt.date(2022, 12, 31)
    assert rules_at(before).valid_from == dt.date(2015, 8, 1)
    assert rules_at(after).valid_from == dt.date(2022, 12, 31)
    p = person([("geduldet", "2016-01-01", "2023-06-30")], birth_date="2000-06-01")  # 22 years old
    assert checks(p, [], before)["25a_age"] == "not_met"
    assert checks(p, [], after)["25a_age"] == "met"
    # 7 years of stay: short of 8 before, enough for 6 after
    assert checks(p, [], before)["25b_stay"] == "unknown"
    assert checks(p, [], after)["25b_stay"] == "met"
    # Duldung months: any current Duldung run before, 12 months after
    short = person([("geduldet", "2022-06-01", "2023-03-31")])
    assert checks(short, [], before)["25a_duldung"] == "met"
    assert checks(short, [], after)["25a_duldung"] == "unknown"


def test_twelve_duldung_months_and_an_age_boundary() -> None:
    assert checks(person([("geduldet", "2023-01-01", "2023-12-31")]), [], dt.date(2024, 2, 1))["25a_duldung"] == "met"
    assert checks(person([("geduldet", "2023-01-02", "2023-12-31")]), [], dt.date(2024, 2, 1))["25a_duldung"] == (
        "unknown"
    )
    # ended more than 92 days before R: not current
    assert checks(person([("geduldet", "2022-01-01", "2023-12-31")]), [], dt.date(2024, 4, 2))["25a_duldung"] == (
        "unknown"
    )
    assert checks(person([], birth_date="1997-07-01"), [], R)["25a_age"] == "met"  # 26
    assert checks(person([], birth_date="1997-06-30"), [], R)["25a_age"] == "not_met"  # 27 on R
    assert checks(person([], birth_date=None), [], R)["25a_age"] == "unknown"


def child(birth: str, school: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    return {
        "person_id": "x#3",
        "birth_date": birth,
        "school": [{"school": "S", "start": a, "end": b, "document_id": "s"} for a, b in (school or [])],
    }


def test_a_child_turning_18_on_r_no_longer_shortens_the_25b_years() -> None:
    p = person([("geduldet", "2019-01-01", "2025-01-31")], entry_date="2018-11-01")  # 5.5 years of stay
    minor = child("2006-07-01", [("2023-08-01", "2024-07-31")])  # 17 on R
    adult = child("2006-06-30", [("2023-08-01", "2024-07-31")])  # 18 on R
    with_minor = checks(p, [minor], R)
    with_adult = checks(p, [adult], R)
    assert with_minor["25b_stay"] == "met"
    assert with_adult["25b_stay"] == "not_met"
    assert with_minor["school_child:x#3"] == "met"
    assert "school_child:x#3" not in with_adult
    lapsed = child("2010-01-01", [("2021-08-01", "2023-06-30")])  # school proof older than 365 days
    assert checks(p, [lapsed], R)["school_child:x#3"] == "unknown"


def test_a_passport_expiring_the_day_before_r_is_not_valid() -> None:
    day_before = person([], passports=[{"valid_until": "2024-06-29", "document_id": "p"}])
    on_r = person([], passports=[{"valid_until": "2024-06-30", "document_id": "p"}])
    assert checks(day_before, [], R)["passport"] == "not_met"
    assert checks(on_r, [], R)["passport"] == "met"
    assert checks(person([]), [], R)["passport"] == "unknown"


def test_employment_school_and_certificates() -> None:
    twelve = [f"2023-{m:02d}" for m in range(6, 13)] + [f"2024-{m:02d}" for m in range(1, 6)]
    assert checks(person([], employment_months=twelve), [], R)["employment_12m"] == "met"
    assert checks(person([], employment_months=twelve[1:]), [], R)["employment_12m"] == "unknown"
    assert checks(person([], employment_months=twelve), [], R)["employment_24m"] == "unknown"
    years = [{"school": "S", "start": f"{y}-08-01", "end": f"{y + 1}-07-31", "document_id": "z"} for y in (2020, 2021)]
    assert checks(person([], school=years), [], R)["25a_school"] == "unknown"  # 2 of 3 school years
    assert checks(person([], school=years, school_leaving=["z"]), [], R)["25a_school"] == "met"
    third = [*years, {"school": "S", "start": "2022-08-01", "end": "2023-07-31", "document_id": "z"}]
    assert checks(person([], school=third), [], R)["25a_school"] == "met"
    a1 = [{"kind": "language", "level": "A1", "date": "2020-01-01", "document_id": "l"}]
    b1 = [{"kind": "language", "level": "B1", "date": "2020-01-01", "document_id": "l"}]
    assert checks(person([], certificates=a1), [], R)["language"] == "unknown"
    assert checks(person([], certificates=b1), [], R)["language"] == "met"


def test_the_same_seed_gives_the_same_truth_and_labels(corpus: Path, tmp_path: Path) -> None:
    again = tmp_path / "b"
    assert main(["--out", str(again), "--n", "5", "--seed", "17", "--split", "test", "--profile", "small"]) == 0
    for name in ("persons.jsonl", "labels.jsonl"):
        assert (corpus / name).read_bytes() == (again / name).read_bytes(), name


def test_split_folders_and_child_folders_share_person_ids() -> None:
    """Akte 16 of seed 17/test continues Akte 15's person; Akte 4 is the own folder of a child of Akte 3."""
    first, second = plan_akte(17, "test", 14).persons, plan_akte(17, "test", 15).persons
    assert second["persons"][0]["person_id"] == first["persons"][0]["person_id"] == first["akte_id"] + "#1"
    parent, own = plan_akte(17, "test", 2).persons, plan_akte(17, "test", 3).persons
    kid = own["persons"][0]
    assert kid["role"] == "main" and kid["person_id"].startswith(parent["akte_id"] + "#")
    assert kid["person_id"] in {p["person_id"] for p in parent["persons"]}
    assert {"parent"} == {p["role"] for p in own["persons"][1:]}


def test_builders_attest_what_they_print() -> None:
    """Failed tests are no certificate; a contract attests no month; employer certificates attest their span."""
    st = make_story(4242)
    exam = dt.date(2020, 3, 3)
    failed = school.language(B(st, random.Random(1)), Lang("language", "B1", False, exam, 0))
    passed = school.language(B(st, random.Random(1)), Lang("language", "B1", True, exam, 0))
    lid_failed = school.language(B(st, random.Random(2)), Lang("leben_in_deutschland", None, False, exam, 2))
    assert failed.facts.certificate is None and lid_failed.facts.certificate is None
    assert passed.facts.certificate is not None and passed.facts.certificate["level"] == "B1"
    ended = replace(st, employer="Muster GmbH", job_start=dt.date(2020, 1, 1), job_end=dt.date(2020, 12, 31))
    contract = employment.contract(B(ended, random.Random(3)))
    assert contract.facts.months == []
    assert contract.facts.employment == ("Muster GmbH", dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    after = employment.arbeitgeberbescheinigung(B(ended, random.Random(4)), when=dt.date(2021, 1, 20))
    assert after.facts.months == [(2020, m) for m in range(1, 13)]
    running = replace(ended, job_end=None)
    during = employment.arbeitgeberbescheinigung(B(running, random.Random(5)), when=dt.date(2020, 6, 15))
    assert during.facts.months == [(2020, m) for m in range(1, 7)] and during.facts.employment is not None
    assert during.facts.employment[2] is None
    r = Res("geduldet_60b", "§ 60b AufenthG", dt.date(2021, 2, 1), dt.date(2021, 2, 1), dt.date(2021, 4, 30))
    paper = residence.duldung(B(st, random.Random(6)), r)
    assert paper.facts.interval == ("geduldet_60b", dt.date(2021, 2, 1), dt.date(2021, 4, 30))
    assert paper.facts.subjects == ["main"]
