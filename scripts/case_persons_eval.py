"""Person linking of the case overview against a corpus's per-person truth (`persons.jsonl`).

    .venv/bin/python scripts/case_persons_eval.py CORPUS_DIR DATA_DIR

CORPUS_DIR: a generated corpus with labels.jsonl and persons.jsonl (format: one line per Akte,
{"akte_id", "persons": [{"name", "spellings", "birth_date", "nationality", "documents"}]}); DATA_DIR: the
result of `eakte migrate CORPUS_DIR/scans --data-dir DATA_DIR`. Each migrated document is matched to the
truth document it overlaps most (same source, pages); its person is the subject the case overview linked
(or the Akte's main person for an unnamed paper, as the view attributes it). Prints pairwise F1 over all
document pairs of the corpus (across Akten too), the main person's birth date accuracy, and the share of
facts whose evidence page lies inside its document. Measure only: never tune on a blind family.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from eakte.case.build import compute
from eakte.case.texts import store_texts
from eakte.catalog import open_catalog_url
from eakte.store import LocalStore
from schemas.records import DocumentRecord


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("data", type=Path)
    a = ap.parse_args()
    # Only ids and page ranges are read (a corpus may carry fields beyond this tree's schema).
    truth_docs = [_Truth(r["document_id"], r["akte_id"], Path(r["source"]["path"]).name, r["source"]["first_page"],
                         r["source"]["last_page"]) for r in map(json.loads, (a.corpus / "labels.jsonl").read_text()
                                                                .splitlines())]
    person_of_doc: dict[str, str] = {}
    birth_of_akte: dict[str, str] = {}
    for line in (a.corpus / "persons.jsonl").read_text().splitlines():
        row = json.loads(line)
        for n, p in enumerate(row["persons"]):
            for d in p["documents"]:
                person_of_doc[d] = f"{row['akte_id']}#{n}"
            if n == 0:
                birth_of_akte[row["akte_id"]] = p.get("birth_date") or ""
    catalog = open_catalog_url(str(a.data / "catalog.sqlite"))
    texts = store_texts(LocalStore(a.data / "store"))
    got = list(catalog.documents())
    view = compute(got, texts(got), "all", dt.date(2025, 6, 1))
    # The person each migrated document belongs to: its subject's person (facts carry it).
    pred: dict[str, str] = {}
    for f in view.facts:
        if f.person:
            pred.setdefault(f.evidence.document_id, f.person)
    for p in view.persons:
        for d in p.documents:
            pred.setdefault(d, p.person_id)
    # Per Akte, the view for its main person attributes unnamed papers as the caseworker sees them.
    akten = sorted({d.akte_id for d in got})
    births = Counter[str]()
    facts_total = facts_in_doc = 0
    for akte in akten:
        docs = [d for d in got if d.akte_id == akte]
        v = compute(docs, texts(docs), akte, dt.date(2025, 6, 1), main_akte=akte)
        ranges = {d["document_id"]: (d["first_page"], d["last_page"]) for d in v.documents}
        for f in v.facts:
            facts_total += 1
            lo, hi = ranges[f.evidence.document_id]
            facts_in_doc += int(lo <= f.evidence.page <= hi)
        truth_akte = _truth_akte(docs[0], truth_docs)
        births["akten"] += 1
        births["birth_ok"] += int(bool(v.person and v.person.birth_date and truth_akte and
                                       v.person.birth_date.isoformat() == birth_of_akte.get(truth_akte)))
        if v.person:
            for f in v.facts:
                if f.person == v.person.person_id and f.evidence.document_id not in pred:
                    pred[f.evidence.document_id] = v.person.person_id
    pairs = []
    for d in got:
        t = _match(d, truth_docs)
        if t and t.document_id in person_of_doc:
            pairs.append((d.document_id, person_of_doc[t.document_id], pred.get(d.document_id)))
    tp = fp = fn = 0
    for (_, ta, pa), (_, tb, pb) in combinations(pairs, 2):
        same_true, same_pred = ta == tb, pa is not None and pa == pb
        tp += same_true and same_pred
        fp += same_pred and not same_true
        fn += same_true and not same_pred
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    print(json.dumps({"documents_scored": len(pairs), "documents_without_person": sum(p is None for *_, p in pairs),
                      "pairwise_precision": round(tp / (tp + fp), 3) if tp + fp else None,
                      "pairwise_recall": round(tp / (tp + fn), 3) if tp + fn else None, "pairwise_f1": round(f1, 3),
                      "main_person_birth_date_correct": f"{births['birth_ok']}/{births['akten']}",
                      "facts_with_page_in_document": f"{facts_in_doc}/{facts_total}"}, indent=1))
    catalog.close()


@dataclass(frozen=True)
class _Truth:
    document_id: str
    akte_id: str
    name: str
    first_page: int
    last_page: int


def _match(d: DocumentRecord, truth: list[_Truth]) -> _Truth | None:
    best, overlap = None, 0
    for t in truth:
        if t.name != Path(d.source.path).name:
            continue
        o = min(t.last_page, d.source.last_page) - max(t.first_page, d.source.first_page) + 1
        if o > overlap:
            best, overlap = t, o
    return best


def _truth_akte(d: DocumentRecord, truth: list[_Truth]) -> str | None:
    t = _match(d, truth)
    return t.akte_id if t else None


if __name__ == "__main__":
    main()
