"""Family A's per-person truth (persons.jsonl, CASE_TRUTH.md): ids that exist, deterministic stories, and the
check verdicts on hand-built boundary stories (92-day breaks, § 60b, the 31.12.2022 change, ages, windows)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from corpus.akte import build_akte
from corpus.generate import PROFILES, akte_key, generate
from corpus.truth import checks, persons_row

D = dt.date


def _person(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"person_id": "a#1", "role": "main", "birth_date": None, "entry_date": None,
                            "intervals": [], "employment_months": [], "school": [], "school_leaving": [],
                            "certificates": [], "passports": []}
    return {**base, **kw}


def _iv(kind: str, start: str, end: str) -> dict[str, str]:
    return {"kind": kind, "start": start, "end": end, "document_id": "d"}


def test_generated_truth_names_real_documents(tmp_path: Path) -> None:
    generate(tmp_path, 1, 4, "test", profile="case", workers=1, page_texts=False)
    ids = {json.loads(x)["document_id"] for x in (tmp_path / "labels.jsonl").read_text().splitlines()}
    rows = [json.loads(x) for x in (tmp_path / "persons.jsonl").read_text().splitlines()]
    assert len(rows) == 1 and rows[0]["persons"][0]["role"] == "main"
    seen = set()
    for p in rows[0]["persons"]:
        refs = p["documents"] + p["entry_documents"] + p["school_leaving"] + [
            x["document_id"] for k in ("intervals", "employment", "school", "certificates", "passports") for x in p[k]]
        assert set(refs) <= ids
        assert not seen & set(p["documents"])  # a document has one subject
        seen |= set(p["documents"])
    assert seen == ids
    assert set(rows[0]["persons"][0]["checks"]) >= {"25b_stay", "25a_age", "passport", "employment_12m"}


def test_stories_are_deterministic_and_rich() -> None:
    kinds: set[str] = set()
    verdicts: set[tuple[str, str]] = set()
    versions = set()
    for i in range(1, 25):
        a = build_akte(akte_key("test", 5, i), PROFILES["case"])
        docs = [{"document_id": f"d{j}"} for j in range(len(a.docs))]
        row = persons_row(a, docs, f"a{i}")
        again = build_akte(akte_key("test", 5, i), PROFILES["case"])
        assert persons_row(again, docs, f"a{i}") == row
        kinds |= {iv["kind"] for p in row["persons"] for iv in p["intervals"]}
        verdicts |= {(k.split(":")[0], v) for k, v in row["persons"][0]["checks"].items()}
        versions.add(row["rules_version"])
    assert kinds == {"gestattet", "geduldet", "geduldet_60b", "erlaubt", "fiktion"}
    assert versions == {"2015-08-01", "2022-12-31"}
    for need in [("passport", "met"), ("passport", "not_met"), ("25a_age", "met"), ("25a_age", "not_met"),
                 ("employment_12m", "met"), ("school_child", "met"), ("25b_stay", "not_met"), ("language", "met")]:
        assert need in verdicts


@pytest.mark.parametrize(("gap_days", "verdict"), [(92, "met"), (93, "unknown")])
def test_a_break_of_92_days_keeps_the_stay(gap_days: int, verdict: str) -> None:
    at = D(2023, 6, 15)  # new law: 6 years for § 25b
    second = D(2019, 12, 31) + dt.timedelta(days=gap_days + 1)
    p = _person(intervals=[_iv("geduldet", "2016-01-01", "2019-12-31"),
                           _iv("geduldet", second.isoformat(), "2023-12-31")], entry_date="2015-10-01")
    assert checks(p, [], at)["25b_stay"] == verdict


def test_sixty_b_days_do_not_count_and_late_entry_is_not_met() -> None:
    at = D(2023, 6, 15)
    p = _person(intervals=[_iv("geduldet", "2016-01-01", "2019-12-31"), _iv("geduldet_60b", "2020-01-01",
                                                                         "2020-06-30"),
                           _iv("geduldet", "2020-07-01", "2023-12-31")], entry_date="2015-10-01")
    assert checks(p, [], at)["25b_stay"] == "unknown"  # 182 days of § 60b break the run; entry is early
    p["entry_date"] = "2017-07-01"
    assert checks(p, [], at)["25b_stay"] == "not_met"
    p["intervals"][1]["kind"] = "fiktion"
    assert checks(p, [], at)["25b_stay"] == "met"


def test_rules_change_on_31_12_2022() -> None:
    p = _person(birth_date="1997-01-10", intervals=[_iv("erlaubt", "2016-06-01", "2024-01-01"),
                                                    _iv("geduldet", "2022-10-01", "2023-01-31")],
                entry_date="2016-05-01")
    old, new = checks(p, [], D(2022, 12, 30)), checks(p, [], D(2022, 12, 31))
    assert (old["25b_stay"], new["25b_stay"]) == ("not_met", "met")  # 8 years vs 6
    assert (old["25a_age"], new["25a_age"]) == ("not_met", "met")  # 25 years: under 21 vs under 27
    assert (old["25a_duldung"], new["25a_duldung"]) == ("met", "unknown")  # any run vs 12 months


def test_employment_window_passport_and_school_child() -> None:
    at = D(2023, 6, 15)
    months = [f"2022-{m:02d}" for m in range(6, 13)] + [f"2023-{m:02d}" for m in range(1, 6)]
    child = _person(person_id="a#2", role="child", birth_date="2012-03-01",
                    school=[{"school": "S", "start": "2021-08-01", "end": "2022-06-16", "document_id": "s"}])
    p = _person(employment_months=months, passports=[{"valid_until": "2023-06-15", "document_id": "p"}],
                certificates=[{"kind": "language", "level": "A1", "date": "2020-01-01", "document_id": "c"}])
    got = checks(p, [child], at)
    assert got["employment_12m"] == "met" and got["employment_24m"] == "unknown"
    assert got["passport"] == "met" and got["language"] == "unknown"
    assert got["school_child:a#2"] == "met"  # 16.06.2022 lies within the 365 days before R
    p["employment_months"] = months[1:]
    p["passports"][0]["valid_until"] = "2023-06-14"
    child["school"][0]["end"] = "2022-06-14"
    got = checks(p, [child], at)
    assert (got["employment_12m"], got["passport"], got["school_child:a#2"]) == ("unknown", "not_met", "unknown")
