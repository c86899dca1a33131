"""Train the review model (extractors/models/review.json) against the current extractors.

    python scripts/train_review.py [--ocr-corpus DIR ...] [--sim-seeds 31,32,33] [--sim-n 60] [--flag-rate 0.09]

Why: which documents the extractors get wrong changes whenever a field extractor improves, so the
review decision is a model retrained in one command rather than hand-tuned flags. Examples are
the documents the extractors produce on
  * generated Akten read by tesseract (corpora with a `.ocr` cache from scripts/dev_corpus_eval.py),
  * generated Akten built in memory (no rendering) whose printed text is turned into OCR-like text:
    form labels and values on separate lines, wrapped paragraphs, character confusions at a page
    confidence drawn per page,
each labelled wrong when the scorer (eakte.evaluation.scoring.doc_errors) finds an error or no truth
document matches. A logistic regression with an L2 penalty (Newton steps in numpy: 30 features do
not warrant scikit-learn as a dependency) estimates the error probability. The threshold is the
`--flag-rate` quantile of out-of-fold probabilities (folds by source) over all documents, simulated
ones weighted as in the fit (`--threshold-on tesseract`: the tesseract ones only), so the shipped
flag rate is measured on text the model did not see; the table printed is flag rate vs errors
among the unflagged, out of fold. Deterministic: same data,
same weights. Prints aggregate numbers only (no document text).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corpus.akte import Profile, build_akte
from corpus.generate import akte_key
from corpus.model import Columns, FormRow, Page, Signature, Stamp, Table, Text
from eakte.evaluation.scoring import doc_errors, match_documents, to_doc
from extractors import PageText, analyse_source
from extractors.review import MODEL_PATH

# Generated splits read by the pipeline on the dev machine (never the test split): train seed 21 (80 Akten) and
# dev seed 2 (40 Akten). Made with `python -m corpus.generate --out DIR --n N --seed S --split train|dev`,
# `eakte eval DIR --data-dir RUN`, `python scripts/ocr_cache_from_store.py RUN/store DIR`.
DEFAULT_OCR_CORPORA = (Path("/tmp/tr21q"), Path("/tmp/d40q"))
# the reason code operators see for each feature (features without one never name a reason)
_REASON_FEATURES = {
    "low_confidence": ("low_confidence", "below_confidence_floor", "few_cues", "no_subtype"),
    "low_ocr_confidence": ("ocr_uncertain", "ocr_worst_page", "noisy_text"),
    "little_text": ("little_text",),
    "no_document_date": ("no_date_at_all", "no_document_date"),
    "weak_date_cue": ("weak_date_cue", "date_from_form_column"),
    "damaged_date": ("damaged_dates",),
    "many_date_candidates": ("date_candidates",),
    "implausible_document_date": ("implausible_document_date",),
    "dates_after_document_date": ("dates_after_issue",),
    "no_file_number": ("no_file_number", "number_labels_unread", "asylum_case_without_bamf_number"),
    "conflicting_file_numbers": ("conflicting_file_numbers",),
    "page_range_uncertain": ("page_numbers_disagree", "later_page_looks_like_other_type", "later_page_restarts_dates",
                             "fragment_beside", "skipped_page_at_edge", "weak_joins"),
    "no_court": ("no_court",),
    "no_party": ("no_party",),
    "foreign_language": ("foreign_language",),
}
REASONS = {feature: code for code, features in _REASON_FEATURES.items() for feature in features}
_CONFUSIONS = {"1": "l", "l": "1", "I": "l", "0": "O", "O": "0", "5": "S", "8": "B", "§": "8", "ü": "ii",
               "ö": "o", "ä": "a", "rn": "m", "m": "rn", ".": ",", ",": ".", "/": "l", "e": "c", "c": "e", "i": "l"}


@dataclass
class Example:
    features: dict[str, float]
    wrong: bool
    source: str
    real_ocr: bool
    fields: list[str]


# --- OCR-like text for pages built in memory -----------------------------------------------------------------


def _noisy(line: str, rate: float, rng: random.Random) -> str:
    out = []
    i = 0
    while i < len(line):
        ch = line[i]
        if rng.random() < rate:
            roll = rng.random()
            two = line[i:i + 2]
            if two in _CONFUSIONS and roll < 0.3:
                out.append(_CONFUSIONS[two])
                i += 2
                continue
            if ch in _CONFUSIONS and roll < 0.75:
                out.append(_CONFUSIONS[ch])
            elif roll < 0.85:
                pass  # dropped
            elif roll < 0.95:
                out.append(ch + " ")
            else:
                out.append(ch + rng.choice(".,'"))
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _wrap(text: str, width: int) -> list[str]:
    lines, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    return [*lines, cur] if cur else lines


def ocr_like_text(page: Page, folio: str | None, rng: random.Random, noise: float = 1.0) -> tuple[str, float]:
    """Text in the shape tesseract returns it (with a page confidence): forms as label rows, then values.

    `noise` scales the character error rate (1.0: about 0.5 % at confidence 90, 2 % at 60).
    """
    # page confidences as tesseract reports them on generated scans: median 92, one page in ten below 85
    conf = rng.triangular(85.0, 95.5, 93.0) if rng.random() < 0.92 else rng.uniform(40.0, 85.0)
    rate = noise * (96.0 - conf) / 300.0
    blocks: list[list[str]] = []
    if page.header:
        blocks.append([page.header])
    for b in page.blocks:
        if isinstance(b, Text):
            blocks.append(_wrap(b.text, rng.randint(60, 95)))
        elif isinstance(b, Columns):
            blocks += [list(b.left), list(b.right)]
        elif isinstance(b, Table):
            blocks.append([" ".join(_noisy(c, rate, rng) for c in row if c) for row in b.rows])  # small print
        elif isinstance(b, FormRow):
            labels = " ".join(label for label, _, _ in b.fields if label)
            values = " ".join(_noisy(value, 2 * rate, rng) for _, value, _ in b.fields if value)  # typewriter
            blocks.append([x for x in (labels, values) if x])
        elif isinstance(b, Signature) and b.name:
            blocks.append([b.name])
    if page.footer:
        blocks.append([page.footer])
    blocks += [list(o.lines) for o in page.overlays if isinstance(o, Stamp)]
    if folio:
        blocks.insert(0 if rng.random() < 0.6 else len(blocks), [folio])
    lines = [_noisy(x, rate, rng) for blk in blocks for x in [*blk, ""] if rng.random() > rate * 3]
    return "\n".join(lines).strip() + "\n", round(conf, 1)


def simulated_sources(seed: int, n: int, noise: float = 1.0, split: str = "train"
                      ) -> Iterable[tuple[str, list[PageText], list[dict[str, Any]]]]:
    """(source key, OCR-like pages, truth records) for Akten 1..n of a split, built without pixels."""
    for index in range(1, n + 1):
        akte = build_akte(akte_key(split, seed, index), Profile())
        key = f"sim-{seed}-{index}"
        rng = random.Random(key)
        akte_noise = noise * rng.uniform(0.5, 1.5)  # scans differ: some Akten read worse than others
        pages = []
        for number, plan in enumerate(akte.plans, start=1):
            if plan.kind == "blank":
                pages.append(PageText(number, "", origin="blank"))
                continue
            text, conf = ocr_like_text(plan.page, plan.folio, rng, akte_noise)
            pages.append(PageText(number, text, origin="tesseract", confidence=conf))
        ranges = akte.doc_ranges()
        truth = []
        for i, built in enumerate(akte.docs):
            t = built.truth
            truth.append({"source": {"sha256": key, "first_page": ranges[i][0], "last_page": ranges[i][1]},
                          "doc_type": t.doc_type, "doc_subtype": t.doc_subtype,
                          "document_date": t.document_date.isoformat() if t.document_date else None,
                          "court": t.court, "file_numbers": t.file_numbers})
        yield key, pages, truth


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def ocr_sources(corpus: Path) -> Iterable[tuple[str, list[PageText], list[dict[str, Any]]]]:
    """(sha256, tesseract pages, truth records) for every source whose pages are all in CORPUS/.ocr."""
    labels = _jsonl(corpus / "labels.jsonl")
    for src in _jsonl(corpus / "sources.jsonl"):
        stem = Path(src["path"]).stem
        files = [corpus / ".ocr" / f"{stem}.{n}.txt" for n in range(1, src["pages"] + 1)]
        if not all(f.exists() for f in files):
            continue
        pages = []
        for n, f in enumerate(files, start=1):
            conf_file = f.with_suffix(".conf")
            conf = float(conf_file.read_text()) if conf_file.exists() else None
            pages.append(PageText(n, f.read_text(), origin="tesseract", confidence=conf))
        yield src["sha256"], pages, [t for t in labels if t["source"]["sha256"] == src["sha256"]]


def real_sources(spec: str) -> Iterable[tuple[str, list[PageText], list[dict[str, Any]]]]:
    """(sha256, pages, truth) of labelled real decisions: `DIR` (all) or `DIR:even` / `DIR:odd` (by sha256 order).

    Pages as the pipeline reads them (text layer, else the OCR cache of scripts/dev_real_decisions.py). Why: the
    generated Akten hold no long real rulings, and a model that never saw one flagged half of them.
    """
    import importlib.util

    folder, _, half = spec.partition(":")
    path = Path(__file__).with_name("dev_real_decisions.py")
    mod_spec = importlib.util.spec_from_file_location("dev_real_decisions", path)
    assert mod_spec is not None and mod_spec.loader is not None
    dev = importlib.util.module_from_spec(mod_spec)
    mod_spec.loader.exec_module(dev)
    labels = sorted(_jsonl(Path(folder) / "labels.jsonl"), key=lambda lab: lab["source"]["sha256"])
    if half:
        labels = labels[(half == "odd")::2]
    for label in labels:
        pages = dev.load_pages(Path(folder) / "pdf" / label["source"]["path"], label["test"]["text_layer"])
        yield label["source"]["sha256"], pages, [label]


def examples(key: str, pages: list[PageText], truth: list[dict[str, Any]], real_ocr: bool) -> list[Example]:
    docs = analyse_source(pages).documents
    preds = [{"source": {"sha256": key, "first_page": d.first_page, "last_page": d.last_page},
              "doc_type": d.doc_type, "document_date": d.document_date,
              "court": d.court.model_dump() if d.court else None,
              "file_numbers": [f.model_dump() for f in d.file_numbers]} for d in docs]
    pred_docs = [to_doc(r) for r in preds]
    matched = {id(p): t for t, p in match_documents([to_doc(r) for r in truth], pred_docs)}
    out = []
    for d, p in zip(docs, pred_docs, strict=True):
        fields = doc_errors(matched[id(p)], p) if id(p) in matched else ["unmatched"]
        out.append(Example(dict(d.review_features), bool(fields), key, real_ocr, fields))
    return out


# --- model ---------------------------------------------------------------------------------------------------


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float, max_steps: int = 50) -> np.ndarray:
    """Weighted L2 logistic regression by Newton steps; column 0 is the (unpenalised) bias."""
    beta = np.zeros(x.shape[1])
    pen = np.full(x.shape[1], l2)
    pen[0] = 0.0
    for _ in range(max_steps):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
        grad = x.T @ (w * (p - y)) + pen * beta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(pen) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def predict(x: np.ndarray, beta: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-np.clip(x @ beta, -30, 30))))


def pick_threshold(probs: np.ndarray, weights: np.ndarray, rate: float) -> float:
    """The probability above which at most `rate` of the (weighted) documents lie: flag where p > threshold."""
    order = np.argsort(-probs, kind="stable")
    share = np.cumsum(weights[order]) / weights.sum()
    k = int(np.searchsorted(share, rate + 1e-12, side="right"))
    return float(probs[order[k]]) if k < len(order) else 0.0


def fold_of(source: str, k: int) -> int:
    return sum(source.encode()) % k


def table(probs: np.ndarray, y: np.ndarray, rates: Iterable[float]) -> list[dict[str, float]]:
    """Flag rate vs error rate among the unflagged, flagging the highest probabilities first."""
    order = np.argsort(-probs, kind="stable")
    rows = []
    for r in rates:
        k = round(r * len(order))
        rest = order[k:]
        rows.append({"flag_rate": k / len(order), "threshold": float(probs[order[k - 1]]) if k else 1.0,
                     "errors_unflagged": float(y[rest].mean()) if len(rest) else 0.0})
    return rows


def check_line(what: str, check: list[Example], names: list[str], beta: np.ndarray, threshold: float) -> str:
    """Flag rate and errors among the unflagged of the final model on documents it was not trained on."""
    cx = np.array([[1.0, *(e.features[n] for n in names)] for e in check])
    cy = np.array([float(e.wrong) for e in check])
    flagged = predict(cx, beta) > threshold
    rest = cy[~flagged]
    return (f"check on {what}: {len(check)} documents, {cy.mean():.1%} wrong; flagged {flagged.mean():.1%}, "
            f"errors among unflagged {rest.mean() if len(rest) else 0:.1%}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--ocr-corpus", type=Path, action="append", default=None,
                    help="generated corpus with a .ocr cache (default: those of DEFAULT_OCR_CORPORA present)")
    ap.add_argument("--real", action="append", default=[],
                    help="labelled real decisions: DIR, or DIR:even / DIR:odd for half of them (by sha256)")
    ap.add_argument("--check-real", default=None, help="real decisions to check on, not trained on (DIR:odd)")
    ap.add_argument("--sim-seeds", default="31,32,33", help="train-split seeds of the in-memory OCR-like Akten")
    ap.add_argument("--sim-n", type=int, default=60, help="Akten per simulated seed")
    ap.add_argument("--sim-weight", type=float, default=0.5, help="weight of a simulated example vs a tesseract one")
    ap.add_argument("--noise", type=float, default=0.15, help="character error scale of the simulated OCR")
    ap.add_argument("--flag-rate", type=float, default=0.09, help="share of tesseract documents to flag")
    ap.add_argument("--threshold-on", choices=("pooled", "tesseract"), default="pooled",
                    help="documents whose out-of-fold flag rate is held to --flag-rate (pooled: all, weighted)")
    ap.add_argument("--check-n", type=int, default=40, help="Akten of the simulated dev split to check on (0: none)")
    ap.add_argument("--l2", type=float, default=2.0)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--dry-run", action="store_true", help="print the numbers, do not write the model")
    args = ap.parse_args()
    corpora = args.ocr_corpus or [p for p in DEFAULT_OCR_CORPORA if (p / ".ocr").is_dir()]
    data: list[Example] = []
    for corpus in corpora:
        for key, pages, truth in ocr_sources(corpus):
            data += examples(key, pages, truth, real_ocr=True)
    for spec in args.real:
        for key, pages, truth in real_sources(spec):
            data += examples(key, pages, truth, real_ocr=True)
    n_real = len(data)
    for seed in (int(s) for s in args.sim_seeds.split(",") if s.strip()):
        for key, pages, truth in simulated_sources(seed, args.sim_n, args.noise):
            data += examples(key, pages, truth, real_ocr=False)
    if not data:
        print("no training documents", file=sys.stderr)
        return 1
    names = sorted(data[0].features)
    x = np.array([[1.0, *(e.features[n] for n in names)] for e in data])
    y = np.array([float(e.wrong) for e in data])
    real = np.array([e.real_ocr for e in data])
    w = np.where(real, 1.0, args.sim_weight)
    print(f"documents: {n_real} tesseract ({int(y[real].sum())} wrong), {len(data) - n_real} simulated "
          f"({int(y[~real].sum())} wrong); corpora {[str(c) for c in corpora]}")
    k = 5
    folds = np.array([fold_of(e.source, k) for e in data])
    oof = np.zeros(len(data))
    for f in range(k):
        beta_f = fit(x[folds != f], y[folds != f], w[folds != f], args.l2)
        oof[folds == f] = predict(x[folds == f], beta_f)
    ref = real if real.any() else ~real
    rows = table(oof[ref], y[ref], [0.0, 0.05, 0.08, args.flag_rate, 0.10, 0.15, 0.20, 0.30])
    print("out-of-fold on", "tesseract" if real.any() else "simulated", "documents:")
    for row in rows:
        print(f"  flag {row['flag_rate']:6.1%}  errors among unflagged {row['errors_unflagged']:6.1%}"
              f"  threshold {row['threshold']:.3f}")
    if real.any() and (~real).any():
        sim_rows = table(oof[~real], y[~real], [0.05, 0.10, 0.20])
        print("out-of-fold on simulated documents: " + ", ".join(
            f"flag {r['flag_rate']:.1%} -> errors among unflagged {r['errors_unflagged']:.1%}" for r in sim_rows))
    pool = ref if args.threshold_on == "tesseract" else np.ones(len(data), dtype=bool)
    threshold = pick_threshold(oof[pool], w[pool], args.flag_rate)
    for name, part in (("tesseract", real), ("simulated", ~real)):
        if part.any():
            flagged = oof[part] > threshold
            rest = y[part][~flagged]
            left = Counter(f for e, p, r in zip(data, oof, part, strict=True) if r and p <= threshold for f in e.fields)
            print(f"at threshold {threshold:.3f} ({args.threshold_on}): {name} flagged {flagged.mean():.1%}, "
                  f"errors among unflagged {rest.mean() if len(rest) else 0:.1%}; by field {dict(left.most_common())}")
    beta = fit(x, y, w, args.l2)
    if args.check_n:
        check = [e for key, pages, truth in simulated_sources(2, args.check_n, args.noise, split="dev")
                 for e in examples(key, pages, truth, real_ocr=False)]
        print(check_line(f"the simulated dev split (seed 2, {args.check_n} Akten, not trained on)", check, names,
                         beta, threshold))
    if args.check_real:
        check = [e for key, pages, truth in real_sources(args.check_real)
                 for e in examples(key, pages, truth, real_ocr=True)]
        print(check_line(f"real decisions not trained on ({args.check_real})", check, names, beta, threshold))
    model: dict[str, Any] = {
        "about": "extractors/review/ error-probability model; retrain: python scripts/train_review.py",
        "bias": round(float(beta[0]), 5),
        "weights": {n: round(float(b), 5) for n, b in zip(names, beta[1:], strict=True)},
        "threshold": round(threshold, 5),
        "means": {n: round(float(np.average(x[:, i + 1], weights=w)), 5) for i, n in enumerate(names)},
        "reasons": {n: REASONS[n] for n in names if n in REASONS},
        "training": {"tesseract_documents": n_real, "simulated_documents": len(data) - n_real,
                     "error_rate_tesseract": round(float(y[real].mean()), 4) if real.any() else None,
                     "error_rate_simulated": round(float(y[~real].mean()), 4) if (~real).any() else None,
                     "sim_seeds": args.sim_seeds, "sim_n": args.sim_n, "real": args.real, "l2": args.l2,
                     "flag_rate": args.flag_rate, "threshold_on": args.threshold_on, "out_of_fold": rows},
    }
    big = sorted(model["weights"].items(), key=lambda kv: -abs(kv[1]))[:10]
    print("largest weights:", ", ".join(f"{n} {v:+.2f}" for n, v in big))
    print(f"threshold {threshold:.3f}")
    if not args.dry_run:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
