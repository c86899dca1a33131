"""Where the case scores' misses come from: every truth item the case view misses (a status day, an
employment month, a document's link to its person) is put down to the first pipeline stage that went wrong
for the truth document that states it.

Stages, upstream first (`STAGES`): the document's pages are not one predicted document (`not_segmented_*`:
no predicted document holds them, they are split over several, or merged with another document's pages),
the predicted document has another doc_type than the label (`wrong_type`), it is not in the case view of its
Akte (`not_in_view`), it is linked to no person (`no_person`) or to another one than the view's main person
(`wrong_person`; for linking: than the predicted person holding most of the truth person's documents), no fact
of the needed kind came out of it (`no_fact`), an employment paper that attests no month (`wrong_paper`: read as
a contract or declaration), a status fact of another kind (`wrong_kind`), a passport without expiry
(`no_expiry`) or a certificate not read as passed (`wrong_value`; both for the check causes of
`check_causes.py`), the right fact with other dates (`wrong_dates`), or nothing wrong was found (`other`: should
stay 0). A day or month that several truth papers state goes to the paper that came furthest (any one of them
would have sufficed); a missed pair of linked documents to the earlier failure of its two documents (both had
to be right). A stage is the first that differs from the truth, not proof that it caused the miss: the view
reads some papers by their heading whatever their doc_type, so a `wrong_type` paper may have failed later.

Aggregate counts only: no document ids, names or dates leave this module, so a blind corpus family's report
can say where recall is lost without anyone reading its documents.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from eakte.evaluation.scoring import Doc, overlap

Record = dict[str, Any]
STAGES = ("no_truth_document", "not_segmented_missing", "not_segmented_split", "not_segmented_merged", "wrong_type",
          "not_in_view", "no_person", "wrong_person", "no_fact", "wrong_paper", "wrong_kind", "no_expiry",
          "wrong_value", "wrong_dates", "other")
PAYSLIP_SUBTYPES = ("lohnabrechnung", "gehaltsabrechnung", "entgeltabrechnung")
CERTIFICATE_SUBTYPES = ("arbeitgeberbescheinigung", "arbeitsbescheinigung", "arbeitszeugnis")  # CASE_TRUTH.md
Status = tuple[str, dt.date | None, dt.date | None]


@dataclass
class DocOutcome:
    """What the pipeline made of one truth document: its segmentation, type, person and facts in the view."""

    segment: str = "missing"  # ok | missing | split | merged
    type_ok: bool = False
    in_view: bool = False
    person: str | None = None  # the predicted person the view gives the document
    main: bool = False  # that person is the view's main person
    status: list[Status] = field(default_factory=list)  # its status facts (kind, start, end)
    months: set[str] = field(default_factory=set)  # months its facts attest
    papers: set[str] = field(default_factory=set)  # its employment papers: payslip, certificate, contract ...
    kinds: set[str] = field(default_factory=set)  # kinds of all its facts (passport, language, school ...)
    passports: list[dt.date | None] = field(default_factory=list)  # expiry of each passport fact (None: not read)
    passed: set[str] = field(default_factory=set)  # fact kinds with a passing result: language >= A2, lid_test


def segments(truth: Sequence[Doc], pred: Sequence[Doc]) -> dict[str, tuple[str, Doc | None]]:
    """Truth document id -> (segmentation outcome, the predicted document holding most of its pages). Pages
    of no truth document (separator sheets, blank backs) do not count against a predicted document."""
    content: dict[str, set[int]] = {}
    for t in truth:
        content.setdefault(t.source, set()).update(t.pages)
    by_source: dict[str, list[Doc]] = {}
    for p in pred:
        by_source.setdefault(p.source, []).append(p)
    out: dict[str, tuple[str, Doc | None]] = {}
    for t in truth:
        cands = [(overlap(t, p), -len(set(t.pages) | set(p.pages)), i, p)
                 for i, p in enumerate(by_source.get(t.source, []))]
        best = max(cands, key=lambda c: c[:3], default=None)
        if best is None or best[0] == 0:
            out[t.rec["document_id"]] = ("missing", None)
            continue
        p = best[3]
        held, own = set(p.pages) & content[t.source], set(t.pages)
        out[t.rec["document_id"]] = ("ok" if held == own else "merged" if held > own else "split", p)
    return out


def upstream(o: DocOutcome | None) -> str | None:
    """The first stage that went wrong before any fact: segmentation, type, the view."""
    if o is None or o.segment == "missing":
        return "not_segmented_missing"
    if o.segment != "ok":
        return f"not_segmented_{o.segment}"
    if not o.type_ok:
        return "wrong_type"
    if not o.in_view:
        return "not_in_view"
    return None


def person_stage(o: DocOutcome | None) -> str | None:
    """Upstream stages, then: the document's facts are not the view's main person's."""
    up = upstream(o)
    if up or o is None:
        return up
    if o.person is None:
        return "no_person"
    return None if o.main else "wrong_person"


def interval_stage(o: DocOutcome | None, kind: str, start: dt.date, end: dt.date) -> tuple[str, Counter[str]]:
    """Stage of a truth status paper with missed days; for `wrong_dates` which dates differ (start, end,
    no_end), for `wrong_kind` the confusion `truth->predicted`."""
    s = person_stage(o)
    if s or o is None:
        return s or "no_fact", Counter()
    if not o.status:
        return "no_fact", Counter()
    same = [x for x in o.status if x[0] == kind]
    if not same:
        return "wrong_kind", Counter({f"{kind}->{o.status[0][0]}": 1})
    _, s0, e0 = max(same, key=lambda x: (x[1] == start) + (x[2] == end))
    flags = Counter({"start": int(s0 != start), "no_end": int(e0 is None), "end": int(e0 is not None and e0 != end)})
    return ("wrong_dates" if sum(flags.values()) else "other"), +flags


def month_stage(o: DocOutcome | None, month: str) -> str:
    """Stage of a truth employment month one truth paper attests."""
    s = person_stage(o)
    if s or o is None:
        return s or "no_fact"
    if month in o.months:
        return "other"
    if o.months or o.papers & {"payslip", "certificate"}:
        return "wrong_dates"
    return "wrong_paper" if o.papers else "no_fact"


def _furthest(stages: Iterable[str]) -> str:
    return max(stages, key=STAGES.index, default="no_truth_document")


def _months_between(a: dt.date, b: dt.date) -> list[str]:
    out, y, m = [], a.year, a.month
    while (y, m) <= (b.year, b.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def paper_kind(label: Record | None) -> str:
    """payslip, certificate (an employer's certificate), contract or other, from a truth document's label."""
    if label is None:
        return "other"
    sub = (label.get("doc_subtype") or "").lower()
    if sub in PAYSLIP_SUBTYPES or any(d.get("role") == "pay_period_start" for d in label.get("dates") or []):
        return "payslip"
    if "vertrag" in sub:
        return "contract"  # a promise: attests no month
    return "certificate" if sub in CERTIFICATE_SUBTYPES else "other"


def month_sources(person: Record, labels: dict[str, Record]) -> dict[str, list[tuple[str, str]]]:
    """Truth month -> [(truth document id, paper kind)] of the person's employment papers that attest it
    (CASE_TRUTH.md: a payslip its pay month, a certificate its stated start to its end or its own date). An
    employment paper of a subtype not known here counts as "other" over its stated period, so a corpus with
    other subtype names still finds the paper behind a month."""
    out: dict[str, list[tuple[str, str]]] = {}
    for e in person.get("employment") or []:
        doc = e.get("document_id")
        label = labels.get(doc or "")
        kind = paper_kind(label)
        months: list[str] = []
        if kind == "payslip" and label is not None:
            months = sorted({str(d["value"])[:7] for d in label.get("dates") or []
                             if d.get("role") == "pay_period_start"})
        elif kind != "contract" and e.get("start"):  # a certificate, or "other": used where no known paper is
            until = e.get("end") or (label or {}).get("document_date") or e["start"]
            months = _months_between(dt.date.fromisoformat(e["start"]), dt.date.fromisoformat(until))
        for m in months:
            out.setdefault(m, []).append((str(doc), kind))
    return out


def _table(c: Counter[str]) -> dict[str, int]:
    return {s: c[s] for s in STAGES if c[s]}


def row_days(row: Record, outcomes: dict[str, DocOutcome], pred: Sequence[tuple[str, dt.date, dt.date]]
             ) -> tuple[dict[tuple[str, dt.date], str], list[tuple[str, str, Counter[str]]]]:
    """One Akte's missed status days: (kind, day) -> stage, and per truth paper with a missed day its
    (kind, stage, detail)."""
    main = row["persons"][0]
    pred_days = {(k, d) for k, s, e in pred for d in day_range(s, e)}
    missed: set[int] = set()
    paper_stage: list[tuple[str, Counter[str]]] = []
    covering: dict[tuple[str, dt.date], list[int]] = {}
    ivs = main.get("intervals") or []
    for n, iv in enumerate(ivs):
        kind, s, e = iv["kind"], dt.date.fromisoformat(iv["start"]), dt.date.fromisoformat(iv["end"])
        paper_stage.append(interval_stage(outcomes.get(iv.get("document_id", "")), kind, s, e))
        for d in day_range(s, e):
            if (kind, d) not in pred_days:
                covering.setdefault((kind, d), []).append(n)
                missed.add(n)
    days = {x: _furthest(paper_stage[n][0] for n in ns) for x, ns in covering.items()}
    return days, [(ivs[n]["kind"], *paper_stage[n]) for n in sorted(missed)]


def attribute_intervals(rows: Sequence[Record], outcomes: dict[str, DocOutcome],
                        predicted: dict[str, list[tuple[str, dt.date, dt.date]]]) -> dict[str, Any]:
    """Missed status days (truth days of a kind the view does not show with that kind) by stage, per kind:
    days, and the truth papers with a missed day."""
    days: dict[str, Counter[str]] = {}
    docs: dict[str, Counter[str]] = {}
    dates: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for row in rows:
        missed, papers = row_days(row, outcomes, predicted.get(row["akte_id"], []))
        for (kind, _), stage in missed.items():
            days.setdefault(kind, Counter())[stage] += 1
        for kind, stage, detail in papers:
            docs.setdefault(kind, Counter())[stage] += 1
            if stage == "wrong_dates":
                dates.update(detail)
            elif stage == "wrong_kind":
                kinds.update(detail)
    total_days, total_docs = Counter[str](), Counter[str]()
    for c in days.values():
        total_days.update(c)
    for c in docs.values():
        total_docs.update(c)
    per_kind = {k: {"missed_days": sum(days.get(k, Counter()).values()), "days": _table(days.get(k, Counter())),
                    "documents": _table(docs.get(k, Counter()))} for k in sorted(set(days) | set(docs))}
    return {"missed_days": sum(total_days.values()), "days": _table(total_days), "documents": _table(total_docs),
            "per_kind": per_kind,
            "wrong_dates": {k: dates[k] for k in ("start", "end", "no_end")},
            "wrong_kind": dict(sorted(kinds.items()))}


def day_range(s: dt.date, e: dt.date) -> Iterable[dt.date]:
    d = s
    while d <= e:
        yield d
        d += dt.timedelta(days=1)


def row_months(row: Record, labels: dict[str, Record], outcomes: dict[str, DocOutcome], got: set[str]
               ) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """One Akte's missed employment months: month -> (stage, paper kind), and per truth paper stating a missed
    month (its stage at the first such month, paper kind)."""
    main = row["persons"][0]
    sources = month_sources(main, labels)
    months: dict[str, tuple[str, str]] = {}
    docs: dict[str, tuple[str, str]] = {}
    for m in main.get("employment_months") or []:
        if m in got:
            continue
        papers = sources.get(m, [])
        papers = [x for x in papers if x[1] != "other"] or papers
        cands = [(month_stage(outcomes.get(d), m), d, kind) for d, kind in papers]
        if not cands:
            months[m] = ("no_truth_document", "other")
            continue
        stage, _, kind = max(cands, key=lambda c: STAGES.index(c[0]))
        months[m] = (stage, kind)
        for st, d, k in cands:
            docs.setdefault(d, (st, k))
    return months, docs


def attribute_months(rows: Sequence[Record], labels: dict[str, Record], outcomes: dict[str, DocOutcome],
                     predicted: dict[str, set[str]]) -> dict[str, Any]:
    """Missed employment months by stage, per truth paper kind (payslip / certificate / other; a month
    no truth paper states: `no_truth_document`): months, and the truth papers with a missed month."""
    months: dict[str, Counter[str]] = {}
    docs: dict[str, Counter[str]] = {}
    for row in rows:
        missed, papers = row_months(row, labels, outcomes, predicted.get(row["akte_id"], set()))
        for stage, kind in missed.values():
            months.setdefault(kind, Counter())[stage] += 1
        for stage, kind in papers.values():
            docs.setdefault(kind, Counter())[stage] += 1
    total, total_docs = Counter[str](), Counter[str]()
    for c in months.values():
        total.update(c)
    for c in docs.values():
        total_docs.update(c)
    return {"missed_months": sum(total.values()), "months": _table(total), "documents": _table(total_docs),
            "per_paper": {k: {"missed_months": sum(months.get(k, Counter()).values()),
                              "months": _table(months.get(k, Counter())), "documents": _table(docs.get(k, Counter()))}
                          for k in sorted(set(months) | set(docs))}}


def attribute_linking(truth: dict[str, str], pred: dict[str, str | None], outcomes: dict[str, DocOutcome],
                      doc_types: dict[str, str] | None = None) -> dict[str, Any]:
    """Missed links: the truth person's cluster is the predicted person holding most of its documents; a
    document outside it is missed (stage: segmentation, type, view, then `no_person` / `wrong_person`). Pairs
    as the pairwise score counts them (same truth person, not the same predicted person), by the earlier
    failure of their two documents. With the labels' doc_types, the missed documents also by type (which
    papers lose their person is where the person reading has to widen)."""
    by_person: dict[str, list[str]] = {}
    for d, p in sorted(truth.items()):
        by_person.setdefault(p, []).append(d)
    stage_of: dict[str, str] = {}
    for docs in by_person.values():
        votes = Counter(pred[d] for d in docs if pred.get(d) is not None)
        cluster = votes.most_common(1)[0][0] if votes else None
        for d in docs:
            if cluster is None or pred.get(d) != cluster:
                stage_of[d] = upstream(outcomes.get(d)) or ("no_person" if pred.get(d) is None else "wrong_person")
    pairs: Counter[str] = Counter()
    for a, b in combinations(sorted(truth), 2):
        if truth[a] != truth[b] or (pred.get(a) is not None and pred.get(a) == pred.get(b)):
            continue
        stages = [stage_of[d] for d in (a, b) if d in stage_of]
        pairs[min(stages, key=STAGES.index) if stages else "other"] += 1
    multi = {d for docs in by_person.values() if len(docs) > 1 for d in docs}
    out = {"missed_pairs": sum(pairs.values()), "pairs": _table(pairs),
           "documents": _table(Counter(s for d, s in stage_of.items() if d in multi))}
    if doc_types is not None:
        by_type: dict[str, Counter[str]] = {}
        for d, s in stage_of.items():
            if d in multi:
                by_type.setdefault(s, Counter())[doc_types.get(d, "unknown")] += 1
        out["documents_by_type"] = {s: dict(sorted(c.items())) for s, c in sorted(by_type.items())}
    return out
