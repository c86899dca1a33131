"""How far the case overview built from the pipeline's records agrees with the one built from the truth records.

    .venv/bin/python scripts/case_agreement.py TRUTH_DIR DATA_DIR [--at 2025-06-01]

TRUTH_DIR holds a generated corpus's labels.jsonl and pages.jsonl (e.g. tests/data/akten); DATA_DIR the
result of `eakte migrate TRUTH_DIR/scans --data-dir DATA_DIR`. Akten are matched by source file name.
Prints status day-level F1 per kind, employment month F1 and check-verdict agreement; no names, no dates.
This is not the per-person truth scoring of issue 17 (that needs the generators' persons.jsonl): it measures
what OCR and extraction lose on the way to the case view.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from pathlib import Path

from eakte.case.build import compute
from eakte.case.model import CaseView
from eakte.case.texts import store_texts
from eakte.catalog import open_catalog_url
from eakte.store import LocalStore
from schemas.records import DocumentRecord


def _days(view: CaseView, prefix: str) -> dict[str, set[dt.date]]:
    out: dict[str, set[dt.date]] = {}
    for i in view.intervals:
        if i.kind.startswith(prefix) and i.end:
            days = out.setdefault(i.kind, set())
            d = i.start
            while d <= i.end:
                days.add(d)
                d += dt.timedelta(days=1)
    return out


def _f1(tp: int, fp: int, fn: int) -> float:
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("truth", type=Path)
    ap.add_argument("data", type=Path)
    ap.add_argument("--at", default="2025-06-01")
    a = ap.parse_args()
    at = dt.date.fromisoformat(a.at)
    truth = [DocumentRecord.model_validate_json(x) for x in (a.truth / "labels.jsonl").read_text().splitlines()]
    pages: dict[tuple[str, int], str] = {}
    for line in (a.truth / "pages.jsonl").read_text().splitlines():
        r = json.loads(line)
        pages[(r["sha256"], r["page"])] = r["text"]
    ttexts = {d.document_id: "\f".join(pages.get((d.source.sha256, p), "") for p in
                                       range(d.source.first_page, d.source.last_page + 1)) for d in truth}
    catalog = open_catalog_url(str(a.data / "catalog.sqlite"))
    texts = store_texts(LocalStore(a.data / "store"))
    got = list(catalog.documents())
    counts: Counter[str] = Counter()
    verdicts = agree = 0
    for path in sorted({Path(d.source.path).name for d in truth}):
        t = [d for d in truth if Path(d.source.path).name == path]
        g = [d for d in got if Path(d.source.path).name == path]
        if not g:
            counts["akten_missing"] += 1
            continue
        vt = compute(t, ttexts, t[0].akte_id, at, main_akte=t[0].akte_id)
        vg = compute(g, texts(g), g[0].akte_id, at, main_akte=g[0].akte_id)
        counts["akten"] += 1
        counts["same_birth_date"] += int(bool(vt.person and vg.person and vt.person.birth_date ==
                                              vg.person.birth_date))
        for prefix in ("status:", "employment"):
            dt_, dg = _days(vt, prefix), _days(vg, prefix)
            for kind in set(dt_) | set(dg):
                a_, b_ = dt_.get(kind, set()), dg.get(kind, set())
                key = "status" if prefix == "status:" else "employment"
                counts[f"{key}_tp"] += len(a_ & b_)
                counts[f"{key}_fp"] += len(b_ - a_)
                counts[f"{key}_fn"] += len(a_ - b_)
        cg = {c.name: c.verdict for c in vg.checks}
        for c in vt.checks:
            verdicts += 1
            agree += int(cg.get(c.name) == c.verdict)
    print(json.dumps({
        "akten": counts["akten"], "akten_missing": counts["akten_missing"],
        "main_person_birth_date_agrees": counts["same_birth_date"],
        "status_day_f1": round(_f1(counts["status_tp"], counts["status_fp"], counts["status_fn"]), 3),
        "employment_day_f1": round(_f1(counts["employment_tp"], counts["employment_fp"], counts["employment_fn"]),
                                   3),
        "check_verdict_agreement": round(agree / verdicts, 3) if verdicts else None}, indent=1))
    catalog.close()


if __name__ == "__main__":
    main()
