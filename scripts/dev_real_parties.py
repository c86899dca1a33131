"""Dev check: parties with roles on the hand-labelled real court decisions (eakte/evaluation/data/real_parties.jsonl).

Page texts as the pipeline sees them (usable text layer, else the tesseract cache of
`dev_real_decisions.py` under /tmp/eakte-rc-ocr; sources whose scans are not cached are skipped
with --text-only). Scores with the project scorer (role-only truth for blanked names), per split:
`dev` is the half rules were developed on, `holdout` the half kept apart. Usage:
    python scripts/dev_real_parties.py [--split dev|holdout|all] [--show]
`--show` prints missed and extra parties to the terminal (names from the published decisions):
never commit or log that output.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev_real_decisions import load_pages

from eakte.evaluation.scoring import names_match, score
from extractors import analyse_source

LABELS = Path(__file__).resolve().parents[1] / "eakte" / "evaluation" / "data" / "real_parties.jsonl"
DATA = Path("/work/shared/data")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="all", choices=("dev", "holdout", "all"))
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--text-only", action="store_true", help="skip scans (no OCR)")
    args = ap.parse_args()
    meta: dict[str, dict[str, Any]] = {}
    for batch in ("real-court-decisions", "real-court-decisions-2"):
        for rec in _jsonl(DATA / batch / "labels.jsonl"):
            meta[rec["source"]["sha256"]] = rec
    truth: list[dict[str, Any]] = []
    preds: list[dict[str, Any]] = []
    t_total, n_pages = 0.0, 0
    for lab in _jsonl(LABELS):
        if args.split != "all" and lab["split"] != args.split:
            continue
        rec = meta[lab["sha256"]]
        layer = rec["test"]["text_layer"]
        if args.text_only and layer in ("none", "garbled"):
            continue
        pages = load_pages(DATA / lab["path"], layer)
        t0 = time.perf_counter()
        analysis = analyse_source(pages)
        t_total += time.perf_counter() - t0
        n_pages += len(pages)
        src: dict[str, Any] = {"path": rec["source"]["path"], "sha256": lab["sha256"]}
        truth.append({"source": {**src, "first_page": 1, "last_page": len(pages)}, "doc_type": "court_decision",
                      "parties": lab["parties"]})
        doc_preds: list[dict[str, Any]] = [{"source": {**src, "first_page": d.first_page, "last_page": d.last_page},
                      "doc_type": d.doc_type, "parties": [p.model_dump() for p in d.parties]}
                     for d in analysis.documents]
        preds += doc_preds
        if args.show:
            got: list[dict[str, Any]] = next((p["parties"] for p in doc_preds if p["source"]["first_page"] == 1), [])
            want = lab["parties"]
            miss = [(t["role"], t["name"]) for t in want
                    if not any(g["role"] == t["role"] and (t["name"] is None or names_match(t["name"], g["name"]))
                               for g in got)]
            extra = [(g["role"], g["name"]) for g in got
                     if not any(g["role"] == t["role"] and (t["name"] is None or names_match(t["name"], g["name"]))
                                for t in want)]
            if miss or extra:
                print(f"{rec['source']['path']} [{lab['split']}]\n   missing {miss}\n   extra   {extra}")
    rep = score(truth, preds)["parties"]
    print(f"split={args.split} decisions={len(truth)} role-only truth parties={rep['role_only_truth']}")
    for role, v in sorted(rep["by_role"].items()):
        print(f"  {role:15s} P {v['precision']:.2f} R {v['recall']:.2f} F1 {v['f1']:.2f}  "
              f"tp {v['tp']} fp {v['fp']} fn {v['fn']}")
    m = rep["micro"]
    print(f"  {'micro':15s} P {m['precision']:.2f} R {m['recall']:.2f} F1 {m['f1']:.2f}")
    nc = {k: v for k, v in rep["by_role"].items() if k != "court"}
    tp = sum(int(v["tp"]) for v in nc.values())
    fp = sum(int(v["fp"]) for v in nc.values())
    fn = sum(int(v["fn"]) for v in nc.values())
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    print(f"  {'micro w/o court':15s} F1 {f1:.2f} (tp {tp} fp {fp} fn {fn})")
    named = [{**t, "parties": [x for x in t["parties"] if x["name"] is not None and x["role"] != "court"]}
             for t in truth]
    rn = score(named, preds)["parties"]["micro"]
    print(f"  named truth parties w/o court: recall {rn['recall']:.2f} ({rn['tp']} of {rn['tp'] + rn['fn']})")
    print(f"extraction: {1000 * t_total / max(1, n_pages):.1f} ms/page over {n_pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
