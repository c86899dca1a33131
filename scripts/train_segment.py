"""Train the page-pair segmentation model (extractors/models/segment.json).

    python scripts/train_segment.py [--sim-seed 21] [--sim-n 60] [--real DIR ...] [--half-of-batch-2] [--dry-run]

Why: hand-written start rules split the documents the project had seen and merged stacks of
one-page documents of one type (monthly payslips) in files written by others. The decision
"does a new document start at this page?" is a logistic regression (numpy Newton steps, as in
train_review.py) over the pair features of `extractors.segment.pair_features`. Examples:
  * neighbouring pages of generated Akten of the train split, built in memory, as printed text
    (noise 0) and as OCR-like text (noise 1); truth from the Akte's document ranges,
  * "stacks": the last page of a document followed by the first page of a later document of the
    same subtype in the same Akte (two payslips, two certificates one after the other),
  * the same pairs with title cues removed ("title dropout"): documents whose title no rule
    knows must be split by what changes between the pages (period, label values, layout),
  * real court decisions (`--real`, default the first batch): each PDF is one document, so every
    neighbouring page pair is a continuation; the last page of one decision followed by the first
    page of the next is a boundary.
Evaluation (not trained on): the generated dev split (seed 2) and the second batch of real
decisions, model vs the previous rules. Deterministic. Prints aggregate numbers only.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import random
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_review import fit, predict, simulated_sources

from eakte.pages.textlayer import is_usable
from extractors import PageText
from extractors.fields.normalize import clean
from extractors.segment import MODEL_PATH, PageCues, page_cues, pair_features, rule_starts

REAL_1 = Path("/work/shared/data/real-court-decisions")
REAL_2 = Path("/work/shared/data/real-court-decisions-2")
OCR_CACHE = Path(os.environ.get("EAKTE_RC_OCR", "/tmp/eakte-rc-ocr"))


def _cues(pages: list[PageText]) -> list[PageCues]:
    return [page_cues(replace(p, text=clean(p.text or ""))) for p in pages]


def _dropout(c: PageCues) -> PageCues:
    """The page as it would look if no rule knew its title."""
    return replace(c, titles=set(), title_line=False, start_cues=[s for s in c.start_cues if s == "address_block"])


Pair = tuple[PageCues, PageCues, int]  # (previous, current, 1 if a new document starts at current)


def source_pairs(pages: list[PageText], doc_of: dict[int, int], stacks: bool, subtypes: list[str]) -> list[Pair]:
    """Neighbouring kept pages (no separator between them) and, with `stacks`, same-subtype document joins."""
    cues = _cues(pages)
    out: list[Pair] = []
    prev: PageCues | None = None
    for c in cues:
        if c.skip:
            if c.separator:
                prev = None
            continue
        if prev is not None and c.number in doc_of and prev.number in doc_of:
            out.append((prev, c, int(doc_of[c.number] != doc_of[prev.number])))
        prev = c
    if stacks:
        by_doc: dict[int, list[PageCues]] = {}
        for c in cues:
            if not c.skip and c.number in doc_of:
                by_doc.setdefault(doc_of[c.number], []).append(c)
        docs = sorted(by_doc)
        for i, a in enumerate(docs):
            for b in docs[i + 2:]:  # adjacent ones are already natural pairs
                if subtypes[a] and subtypes[a] == subtypes[b]:
                    out.append((by_doc[a][-1], by_doc[b][0], 1))
                    break
    return out


def generated_pairs(seed: int, n: int, split: str, stacks: bool) -> list[Pair]:
    out: list[Pair] = []
    for noise in (0.0, 1.0):
        for _key, pages, truth in simulated_sources(seed, n, noise, split=split):
            doc_of = {p: i for i, t in enumerate(truth)
                      for p in range(t["source"]["first_page"], t["source"]["last_page"] + 1)}
            subtypes = [t.get("doc_subtype") or t["doc_type"] for t in truth]
            out += source_pairs(pages, doc_of, stacks, subtypes)
    return out


def real_pages(data: Path) -> list[list[PageText]]:
    """Page texts of each real decision: the usable text layer, else the OCR cache (no OCR run here).

    Kept in a pickle under /tmp (never in the repo) so retraining does not parse the PDFs again.
    """
    from pypdf import PdfReader

    memo = Path("/tmp") / f"segment-real-{data.name}.pickle"
    if memo.exists():
        return pickle.loads(memo.read_bytes())
    out = []
    labels = [json.loads(x) for x in (data / "labels.jsonl").read_text().splitlines() if x.strip()]
    for label in labels:
        pdf = data / "pdf" / label["source"]["path"]
        pages = []
        for i, page in enumerate(PdfReader(str(pdf)).pages, start=1):
            text = "" if label["test"]["text_layer"] in ("none", "garbled") else (page.extract_text() or "")
            if is_usable(text, has_images=False):
                pages.append(PageText(i, text, origin="text_layer"))
                continue
            cached = OCR_CACHE / pdf.stem / f"{i}.txt"
            if not cached.exists():
                pages = []
                break
            pages.append(PageText(i, cached.read_text(), origin="tesseract", confidence=80.0))
        if pages:
            out.append(pages)
    memo.write_bytes(pickle.dumps(out))
    return out


def real_pairs(decisions: list[list[PageText]]) -> list[Pair]:
    """Every page pair inside a decision continues it; the next decision's first page starts one."""
    out: list[Pair] = []
    firsts: list[PageCues] = []
    lasts: list[PageCues] = []
    for pages in decisions:
        kept = [c for c in _cues(pages) if not c.skip]
        out += [(a, b, 0) for a, b in itertools.pairwise(kept)]
        if kept:
            firsts.append(kept[0])
            lasts.append(kept[-1])
    out += [(lasts[i], firsts[i + 1], 1) for i in range(len(firsts) - 1)]
    return out


_EVIDENCE = ("period_change", "same_period", "label_change", "label_same", "birth_change", "other_file_number",
             "same_file_number", "prev_closing", "first_lower", "page_one", "page_later", "one_page_of_one",
             "prev_numbering_done", "strong_opener", "address_block")


def with_dropout(pairs: list[Pair], rate: float, seed: int) -> list[Pair]:
    """Pairs again without title cues where other evidence remains (a pair left with none teaches only a prior)."""
    rng = random.Random(seed)
    out = []
    for a, b, y in pairs:
        if rng.random() < rate:
            a2, b2 = _dropout(a), _dropout(b)
            f = pair_features(b2, a2)
            if any(f[n] for n in _EVIDENCE) or f["top_similarity"] >= 0.3:
                out.append((a2, b2, y))
    return out


def matrix(pairs: list[Pair], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[1.0, *(pair_features(b, a)[n] for n in names)] for a, b, _ in pairs])
    return x, np.array([float(y) for _, _, y in pairs])


def report(label: str, pairs: list[Pair], probs: np.ndarray, threshold: float) -> dict[str, Any]:
    """Boundary precision/recall of the model and of the previous rules on one set of page pairs."""
    y = np.array([y for _, _, y in pairs], dtype=bool)
    rows: dict[str, Any] = {"pairs": len(pairs), "boundaries": int(y.sum())}
    cover = np.array([pair_features(b, a)["cover_before"] > 0 for a, b, _ in pairs], dtype=bool)
    rules = np.array([rule_starts(b, a) for a, b, _ in pairs])
    for name, pred in (("model", (probs > threshold) & ~cover), ("rules", rules)):
        tp = int((pred & y).sum())
        p = tp / max(1, int(pred.sum()))
        r = tp / max(1, int(y.sum()))
        rows[name] = {"precision": round(p, 4), "recall": round(r, 4),
                      "f1": round(2 * p * r / max(1e-9, p + r), 4), "false_splits": int((pred & ~y).sum()),
                      "missed": int((~pred & y).sum())}
    print(f"{label:42s} pairs {rows['pairs']:5d} boundaries {rows['boundaries']:4d} | model P/R "
          f"{rows['model']['precision']:.3f}/{rows['model']['recall']:.3f} | rules P/R "
          f"{rows['rules']['precision']:.3f}/{rows['rules']['recall']:.3f}")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sim-seed", type=int, default=21)
    ap.add_argument("--sim-n", type=int, default=60)
    ap.add_argument("--real", type=Path, action="append", default=None, help="real decisions to train on")
    ap.add_argument("--check-real", type=Path, action="append", default=None, help="real decisions to check on")
    ap.add_argument("--dropout", type=float, default=0.5, help="share of pairs added again without title cues")
    ap.add_argument("--real-weight", type=float, default=2.0)
    ap.add_argument("--half-of-batch-2", action="store_true",
                    help="train also on the even-numbered decisions of the second batch, check on the odd ones")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    gen = generated_pairs(args.sim_seed, args.sim_n, "train", stacks=True)
    gen += with_dropout(gen, args.dropout, args.sim_seed)
    real = [p for d in (args.real or [REAL_1]) for p in real_pairs(real_pages(d))]
    if args.half_of_batch_2:
        real += real_pairs(real_pages(REAL_2)[0::2])
    names = sorted(pair_features(PageCues(1), PageCues(0)))
    pairs = gen + real
    x, y = matrix(pairs, names)
    w = np.array([1.0] * len(gen) + [args.real_weight] * len(real))
    beta = fit(x, y, w, args.l2)
    threshold = 0.5
    print(f"training pairs: generated {len(gen)} ({int(y[:len(gen)].sum())} boundaries), real {len(real)} "
          f"({int(y[len(gen):].sum())} boundaries)")
    training = {"generated": report("train: generated (in-sample)", gen, predict(x[:len(gen)], beta), threshold),
                "real": report("train: real decisions (in-sample)", real, predict(x[len(gen):], beta), threshold)}
    check: dict[str, Any] = {}
    dev = generated_pairs(2, 30, "dev", stacks=False)
    check["generated_dev"] = report("check: generated dev seed 2 (natural)", dev, predict(matrix(dev, names)[0], beta),
                                    threshold)
    dev_stacks = generated_pairs(2, 30, "dev", stacks=True)
    dev_drop = with_dropout(dev_stacks, 1.0, 2)
    check["generated_dev_stacks_no_titles"] = report("check: dev stacks, no title cues", dev_drop,
                                                     predict(matrix(dev_drop, names)[0], beta), threshold)
    for d in args.check_real or [REAL_2]:
        held = real_pages(d)[1::2] if args.half_of_batch_2 and d == REAL_2 else real_pages(d)
        rp = real_pairs(held)
        if rp:
            label = f"{d.name}{' (odd half)' if len(held) < len(real_pages(d)) else ''}"
            check[label] = report(f"check: {label}", rp, predict(matrix(rp, names)[0], beta), threshold)
    model = {
        "about": "extractors/segment.py page-pair boundary model; retrain: python scripts/train_segment.py",
        "bias": round(float(beta[0]), 5),
        "weights": {n: round(float(b), 5) for n, b in zip(names, beta[1:], strict=True)},
        "threshold": threshold,
        "training": {"sim_seed": args.sim_seed, "sim_n": args.sim_n, "dropout": args.dropout, "l2": args.l2,
                     "real": [str(p) for p in (args.real or [REAL_1])],
                     "half_of_batch_2": args.half_of_batch_2, "in_sample": training, "check": check},
    }
    big = sorted(model["weights"].items(), key=lambda kv: -abs(kv[1]))  # type: ignore[attr-defined]
    print("weights:", ", ".join(f"{n} {v:+.2f}" for n, v in big))
    if not args.dry_run:
        args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
