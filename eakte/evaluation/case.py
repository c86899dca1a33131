"""Scores the case overview (issue 17) against a corpus's per-person truth (`persons.jsonl`, CASE_TRUTH.md).

The prediction is what a caseworker gets: for every truth Akte, the view `eakte case show AKTE --at R`
builds (`eakte.case.build.for_key`, same catalog and store) at the truth's reference date R. Metrics:
person linking as pairwise F1 over document pairs of the whole corpus (across Akten too; a truth document
joined to a neighbour by segmentation takes the person of the document holding its pages), the main
person's status intervals as day-level precision / recall / F1 per kind and overall, employment months
P/R/F1, entry date accuracy, check verdicts (share correct per check and overall, and how often "met"
stands where the truth is "not_met": must be 0), and the share of facts whose evidence names a
document of the view and a page inside it. Only numbers leave this module (no names, no dates).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from eakte.evaluation.attribution import DocOutcome, attribute_intervals, attribute_linking, attribute_months, segments
from eakte.evaluation.check_causes import attribute_checks
from eakte.evaluation.scoring import Doc, match_documents, to_doc

Record = dict[str, Any]
VERDICTS = ("met", "not_met", "unknown")


@dataclass
class Predicted:
    """What the case view of one truth Akte says, in the truth's terms (truth document and person ids)."""

    person_of_doc: dict[str, str | None] = field(default_factory=dict)  # truth document id -> predicted person
    intervals: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)  # main person's status papers
    months: set[str] = field(default_factory=set)
    entry: dt.date | None = None
    checks: dict[str, str] = field(default_factory=dict)  # check name (school_child: truth person id) -> verdict
    facts: int = 0
    facts_located: int = 0
    docs: dict[str, DocOutcome] = field(default_factory=dict)  # truth document id -> what became of it
    viewed: bool = False  # the Akte has a case view with a main person
    birth: dt.date | None = None  # the view's main person's birth date
    person_of_truth: dict[str, str] = field(default_factory=dict)  # truth person id -> predicted person id


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def pairwise(truth: dict[str, str], pred: dict[str, str | None]) -> dict[str, Any]:
    """Pairwise linking over the truth documents: a pair is positive when both have the same person.
    A document the view gives no person is linked to nothing."""
    tp = fp = fn = 0
    for a, b in combinations(sorted(truth), 2):
        same_true = truth[a] == truth[b]
        pa, pb = pred.get(a), pred.get(b)
        same_pred = pa is not None and pa == pb
        tp += same_true and same_pred
        fp += same_pred and not same_true
        fn += same_true and not same_pred
    return {**prf(tp, fp, fn), "documents": len(truth), "documents_without_person":
            sum(pred.get(d) is None for d in truth)}


def _days(spans: Iterable[tuple[str, dt.date, dt.date]]) -> set[tuple[str, dt.date]]:
    out: set[tuple[str, dt.date]] = set()
    for kind, start, end in spans:
        d = start
        while d <= end:
            out.add((kind, d))
            d += dt.timedelta(days=1)
    return out


def interval_counts(truth: Sequence[tuple[str, dt.date, dt.date]], pred: Sequence[tuple[str, dt.date, dt.date]]
                    ) -> dict[str, Counter[str]]:
    """Per kind: tp / fp / fn days (a day covered twice by one kind counts once)."""
    t, p = _days(truth), _days(pred)
    out: dict[str, Counter[str]] = {}
    for kind, _ in t | p:
        out.setdefault(kind, Counter())
    for x in t & p:
        out[x[0]]["tp"] += 1
    for x in p - t:
        out[x[0]]["fp"] += 1
    for x in t - p:
        out[x[0]]["fn"] += 1
    return out


def verdict_scores(pairs: Sequence[tuple[str, str, str]]) -> dict[str, Any]:
    """(check name, truth, predicted) triples -> share correct per check and overall, met where not_met."""
    per: dict[str, Counter[str]] = {}
    confusion: Counter[str] = Counter()
    for name, truth, pred in pairs:
        c = per.setdefault(name.split(":")[0], Counter())
        c["n"] += 1
        c["correct"] += truth == pred
        c["met_where_not_met"] += truth == "not_met" and pred == "met"
        confusion[f"{truth}->{pred}"] += 1
    n = sum(c["n"] for c in per.values())
    ok = sum(c["correct"] for c in per.values())
    return {"n": n, "correct": ok, "share": ok / n if n else None,
            "met_where_not_met": sum(c["met_where_not_met"] for c in per.values()),
            "per_check": {k: {"n": c["n"], "correct": c["correct"], "share": c["correct"] / c["n"],
                              "met_where_not_met": c["met_where_not_met"]} for k, c in sorted(per.items())},
            "confusion": dict(sorted(confusion.items()))}


def score_case(rows: Sequence[Record], predicted: dict[str, Predicted], labels: Sequence[Record] | None = None
               ) -> dict[str, Any]:
    """All case metrics from the truth rows and, per truth Akte id, what the view predicted; with the truth
    documents' labels also where the misses come from (`attribution`)."""
    truth_person: dict[str, str] = {}
    pred_person: dict[str, str | None] = {}
    kinds: dict[str, Counter[str]] = {}
    months = Counter[str]()
    entry = Counter[str]()
    triples: list[tuple[str, str, str]] = []
    facts = located = 0
    for row in rows:
        pred = predicted.get(row["akte_id"], Predicted())
        for p in row["persons"]:
            for d in p["documents"]:
                truth_person[d] = p["person_id"]
                pred_person[d] = pred.person_of_doc.get(d)
        main = row["persons"][0]
        ivs = [(i["kind"], dt.date.fromisoformat(i["start"]), dt.date.fromisoformat(i["end"]))
               for i in main["intervals"]]
        for kind, c in interval_counts(ivs, pred.intervals).items():
            kinds.setdefault(kind, Counter()).update(c)
        tm = set(main["employment_months"])
        months.update(tp=len(tm & pred.months), fp=len(pred.months - tm), fn=len(tm - pred.months))
        if main.get("entry_date"):
            entry["n"] += 1
            entry["correct"] += pred.entry is not None and pred.entry.isoformat() == main["entry_date"]
        elif pred.entry is not None:
            entry["spurious"] += 1
        for name, verdict in (main.get("checks") or {}).items():
            triples.append((name, verdict, pred.checks.get(name, "unknown")))
        facts += pred.facts
        located += pred.facts_located
    total = Counter[str]()
    for c in kinds.values():
        total.update(c)
    return {
        "akten": len(rows),
        "linking": pairwise(truth_person, pred_person),
        "intervals": {"overall": prf(total["tp"], total["fp"], total["fn"]),
                      "per_kind": {k: prf(c["tp"], c["fp"], c["fn"]) for k, c in sorted(kinds.items())}},
        "employment_months": prf(months["tp"], months["fp"], months["fn"]),
        "entry_date": {"n": entry["n"], "correct": entry["correct"],
                       "accuracy": entry["correct"] / entry["n"] if entry["n"] else None,
                       "spurious": entry["spurious"]},
        "checks": verdict_scores(triples),
        "facts": {"n": facts, "located": located, "share": located / facts if facts else None},
        **({} if labels is None else {"attribution": attribution(rows, predicted, labels, truth_person, pred_person)}),
    }


def attribution(rows: Sequence[Record], predicted: dict[str, Predicted], labels: Sequence[Record],
                truth_person: dict[str, str], pred_person: dict[str, str | None]) -> dict[str, Any]:
    """Every missed status day, employment month and document link by the first stage that went wrong
    (`eakte.evaluation.attribution`): counts only."""
    outcomes = {d: o for p in predicted.values() for d, o in p.docs.items()}
    by_id = {str(r["document_id"]): r for r in labels}
    ivs = {a: p.intervals for a, p in predicted.items()}
    return {"intervals": attribute_intervals(rows, outcomes, ivs),
            "employment_months": attribute_months(rows, by_id, outcomes, {a: p.months for a, p in predicted.items()}),
            "linking": attribute_linking(truth_person, pred_person, outcomes,
                                         {d: str(r.get("doc_type") or "unknown") for d, r in by_id.items()}),
            "checks": attribute_checks(rows, predicted, by_id, outcomes)}


# -- the prediction: the case view of each Akte, as `eakte case show AKTE --at R` builds it -------------


def predict(rows: Sequence[Record], labels: Sequence[Record], catalog: Any, texts: Any) -> dict[str, Predicted]:
    """Per truth Akte, the view of its migrated Akte at the truth's reference date, in truth ids."""
    from eakte.case.build import for_key
    from eakte.case.rules import NoRulesForDate

    preds = [d.model_dump(mode="json") for d in catalog.documents()]
    truth_docs = [to_doc(r) for r in labels]
    pred_docs = [to_doc(r) for r in preds]
    truth_of: dict[str, str] = {}  # predicted document id -> truth document id
    for t, p in match_documents(truth_docs, pred_docs):
        truth_of[p.rec["document_id"]] = t.rec["document_id"]
    covers = covering(truth_docs, pred_docs, set(truth_of.values()))
    segs = segments(truth_docs, pred_docs)
    truth_akte = {r["document_id"]: r["akte_id"] for r in labels}
    pred_akte: dict[str, str] = {}
    for p_id, t_id in truth_of.items():
        pred_akte.setdefault(truth_akte[t_id], next(r["akte_id"] for r in preds if r["document_id"] == p_id))
    truth_person = {d: p["person_id"] for row in rows for p in row["persons"] for d in p["documents"]}
    out: dict[str, Predicted] = {}
    for row in rows:
        akte = pred_akte.get(row["akte_id"])
        view = None
        if akte is not None:
            at = dt.date.fromisoformat(row["reference_date"])
            try:
                view = for_key(catalog, texts, akte, at)
            except NoRulesForDate:
                view = None
        pr = Predicted() if view is None else from_view(view, row, truth_of, truth_akte, truth_person, covers)
        own = [t for t in truth_docs if t.rec.get("akte_id") == row["akte_id"]]
        pr.docs = outcomes(own, segs, view)
        out[row["akte_id"]] = pr
    return out


def outcomes(truth: Sequence[Doc], segs: dict[str, tuple[str, Doc | None]], view: Any) -> dict[str, DocOutcome]:
    """Truth document id -> what became of it: segmentation and type against the catalog, and (with a case
    view) the person and the status / employment facts the view takes from the predicted document."""
    from eakte.case.checks import LEVELS, attested_months

    in_view = {d["document_id"] for d in view.documents} if view is not None else set()
    main = view.person.person_id if view is not None and view.person else None
    person_of: dict[str, str] = {}
    facts_of: dict[str, list[Any]] = {}
    for f in view.facts if view is not None else []:
        facts_of.setdefault(f.evidence.document_id, []).append(f)
        if f.person:
            person_of.setdefault(f.evidence.document_id, f.person)
    for person in view.persons if view is not None else []:
        for d in person.documents:
            person_of.setdefault(d, person.person_id)
    out: dict[str, DocOutcome] = {}
    for t in truth:
        seg, p = segs.get(t.rec["document_id"], ("missing", None))
        o = DocOutcome(segment=seg)
        if p is not None:
            pid = p.rec["document_id"]
            fs = facts_of.get(pid, [])
            o.type_ok = p.rec.get("doc_type") == t.rec.get("doc_type")
            o.in_view = pid in in_view
            o.person = person_of.get(pid)
            o.main = o.person is not None and o.person == main
            o.status = [(f.value, f.start, f.end) for f in fs if f.kind == "status"]
            o.months = set(attested_months(fs))
            o.papers = {"payslip" if f.kind == "pay_month" else f.detail.get("paper", "unknown")
                        for f in fs if f.kind in ("pay_month", "employment")}
            o.kinds = {f.kind for f in fs}
            o.passports = [f.end for f in fs if f.kind == "passport"]
            o.passed = {f.kind for f in fs if (f.kind == "lid_test" and f.value == "passed") or (
                f.kind == "language" and f.detail.get("result") == "passed" and f.value in LEVELS[1:])}
        out[t.rec["document_id"]] = o
    return out


def covering(truth: Sequence[Any], pred: Sequence[Any], matched: set[str]) -> dict[str, str]:
    """Truth document id -> the predicted document holding most of its pages, for truth documents that no
    prediction matched one-to-one (segmentation joined them to a neighbour): their pages are shown as part
    of that document, so its person is the person the view gives them. Boundaries are scored elsewhere."""
    out: dict[str, str] = {}
    for t in truth:
        if t.rec["document_id"] in matched:
            continue
        best = max(((min(t.last, p.last) - max(t.first, p.first) + 1, p) for p in pred if p.source == t.source),
                   key=lambda x: x[0], default=None)
        if best and best[0] > 0:
            out[t.rec["document_id"]] = best[1].rec["document_id"]
    return out


def from_view(view: Any, row: Record, truth_of: dict[str, str], truth_akte: dict[str, str],
              truth_person: dict[str, str], covers: dict[str, str] | None = None) -> Predicted:
    """A case view in the truth's terms: `truth_of` maps predicted to truth document ids one-to-one, `covers`
    unmatched truth documents to the predicted document that holds their pages."""
    from eakte.case.checks import attested_months

    pr = Predicted(viewed=view.person is not None, birth=view.person.birth_date if view.person else None)
    person_of: dict[str, str] = {}
    for f in view.facts:
        if f.person:
            person_of.setdefault(f.evidence.document_id, f.person)
    for person in view.persons:
        for d in person.documents:
            person_of.setdefault(d, person.person_id)
    for p_id, t_id in truth_of.items():
        if truth_akte[t_id] == row["akte_id"]:
            pr.person_of_doc[t_id] = person_of.get(p_id)
    for t_id, p_id in (covers or {}).items():
        if truth_akte[t_id] == row["akte_id"]:
            pr.person_of_doc[t_id] = person_of.get(p_id)
    pr.intervals = [(i.kind[7:], i.start, i.end) for i in view.intervals if i.kind.startswith("status:") and i.end]
    mine = [f for f in view.facts if view.person and f.person == view.person.person_id]
    pr.months = set(attested_months(mine))
    entries = Counter(f.start for f in mine if f.kind == "entry" and f.start)
    pr.entry = entries.most_common(1)[0][0] if entries else None
    child_of = _truth_persons(view.persons, truth_of, truth_person)
    for pred_id, truth_id in child_of.items():
        pr.person_of_truth.setdefault(truth_id, pred_id)
    for c in view.checks:
        name = c.name
        if name.startswith("school_child:"):
            name = f"school_child:{child_of.get(name.split(':', 1)[1], '?')}"
        pr.checks[name] = c.verdict
    ranges = {d["document_id"]: (d["first_page"], d["last_page"]) for d in view.documents}
    for f in view.facts:
        pr.facts += 1
        lo, hi = ranges.get(f.evidence.document_id, (0, -1))
        pr.facts_located += int(lo <= f.evidence.page <= hi and f.evidence.doc_page == f.evidence.page - lo + 1)
    return pr



def _truth_persons(persons: Sequence[Any], truth_of: dict[str, str], truth_person: dict[str, str]) -> dict[str, str]:
    """Predicted person id -> the truth person most of its documents belong to."""
    out = {}
    for p in persons:
        votes = Counter(truth_person[truth_of[d]] for d in p.documents if d in truth_of and truth_of[d] in truth_person)
        if votes:
            out[p.person_id] = votes.most_common(1)[0][0]
    return out


def read_jsonl(path: Path) -> list[Record]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def case_section(persons_path: Path, labels: Sequence[Record], data_dir: Path) -> dict[str, Any]:
    """The report's `case` section for a migrated corpus in `data_dir` (catalog and store as `eakte case`
    opens them)."""
    from eakte.case.texts import store_texts
    from eakte.catalog import open_catalog
    from eakte.config import Settings
    from eakte.store import open_store

    rows = read_jsonl(persons_path)
    settings = Settings(data_dir=data_dir)
    catalog = open_catalog(settings)
    try:
        predicted = predict(rows, labels, catalog, store_texts(open_store(settings, create=False)))
    finally:
        catalog.close()
    return score_case(rows, predicted, labels)
