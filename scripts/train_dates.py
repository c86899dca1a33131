"""Train the issuing-date ranker (extractors/models/dates.json).

    python scripts/train_dates.py [--sim-seeds 41,42] [--sim-n 60] [--ideal-corpus DIR ...] [--ocr-corpus DIR ...]
                                  [--real DIR ...] [--real-weight 4]

Why a model: the rules that picked the issuing date were fitted to the documents the project had
seen, and each miss on others' documents added a phrase. The ranker scores every date of a document
(first two pages and the last) from general signals (extractors/fields/dates.py `candidate_features`) and is
retrained in one command when the candidates or the signals change.

Examples (never the test split of the generated corpus):
  * generated train-split Akten built in memory, as OCR-like text (scripts/train_review.py
    `simulated_sources`) and as the printed text (noise 0);
  * `--ideal-corpus`: generated corpora's printed page texts (pages.jsonl);
  * `--ocr-corpus`: generated corpora read by tesseract with word boxes (DIR/.tsv/<stem>.<page>.tsv,
    written by `--ocr-cache DIR`), so layout signals (pairs, right column) are learnt from real OCR;
  * `--real`: real decisions (labels.jsonl + pdf/): every one of the first directory, the even-indexed
    (sorted by sha256) of the others; the odd-indexed stay held out for scripts/dev_real_decisions.py --half odd.
A candidate is positive when its date is the document's labelled issuing date. Weighted L2 logistic
regression by Newton steps (numpy); the threshold (below it: no issuing date) maximises the share of
documents whose date comes out right. Deterministic. Prints aggregate numbers only.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).parent))
from train_review import fit, simulated_sources

from eakte.pages.textlayer import is_usable, text_with_boxes
from eakte.tools.tesseract import _parse_tsv
from extractors.classify import classify
from extractors.document import document_dates
from extractors.fields.dates import MODEL_PATH, candidate_features, choose_document_date
from extractors.fields.file_numbers import find_file_numbers
from extractors.fields.normalize import clean
from extractors.model import PageText, WordBoxes

logging.getLogger("pypdf").setLevel(logging.ERROR)
RC_OCR = Path(os.environ.get("EAKTE_RC_OCR", "/tmp/eakte-rc-ocr"))


@dataclass
class Doc:
    group: str  # sim | ideal | ocr | real
    source: str
    feats: list[dict[str, float]]
    values: list[str]
    gold: str | None
    rules: str | None = None  # what the cue-priority rules (dates.choose_document_date) pick, for comparison


def doc_examples(group: str, key: str, pages: list[PageText], truth: list[dict[str, Any]]) -> list[Doc]:
    pages = [replace(p, text=clean(p.text or "")) for p in pages]
    by_number = {p.number: p for p in pages}
    out = []
    for t in truth:
        a, b = t["source"]["first_page"], t["source"]["last_page"]
        doc_pages = [by_number[n] for n in range(a, b + 1) if n in by_number and by_number[n].text.strip()]
        if not doc_pages:
            continue
        doc_type = classify("\n".join(p.text for p in doc_pages[:3])).doc_type
        hits, cands, date_pages = document_dates(doc_pages, [find_file_numbers(p.text) for p in doc_pages], doc_type)
        feats = candidate_features(cands, date_pages, doc_type, len(doc_pages))
        rules = choose_document_date(hits, doc_type)
        out.append(Doc(group, key, feats, [h.value for _, h in cands], t.get("document_date"),
                       rules[1].value if rules else None))
    return out


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def ideal_sources(corpus: Path) -> Iterable[tuple[str, list[PageText], list[dict[str, Any]]]]:
    by_sha: dict[str, list[PageText]] = {}
    for row in _jsonl(corpus / "pages.jsonl"):
        text = row.get("text") or ""
        by_sha.setdefault(row["sha256"], []).append(PageText(int(row["page"]), text,
                                                             origin="tesseract" if text.strip() else "blank"))
    labels = _jsonl(corpus / "labels.jsonl")
    for sha, pages in by_sha.items():
        yield sha, sorted(pages, key=lambda p: p.number), [t for t in labels if t["source"]["sha256"] == sha]


def ocr_cache(corpus: Path, n: int) -> None:
    """Tesseract TSVs (300 dpi, deu) of the first `n` sources' pages under CORPUS/.tsv (one core, small)."""
    out = corpus / ".tsv"
    out.mkdir(exist_ok=True)
    for src in _jsonl(corpus / "sources.jsonl")[:n]:
        path = corpus / src["path"]
        stem = path.stem
        for page in range(1, src["pages"] + 1):
            tsv = out / f"{stem}.{page}.tsv"
            if tsv.exists():
                continue
            img = out / f"{stem}.{page}"
            if path.suffix.lower() == ".pdf":
                subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", str(page), "-l", str(page), "-singlefile",
                                str(path), str(img)], check=True)
                image = Path(str(img) + ".pgm")
            else:
                image = Path(str(img) + ".png")
                with Image.open(path) as im:
                    im.seek(page - 1)
                    im.save(image)
            subprocess.run(["tesseract", str(image), str(img), "-l", "deu", "--dpi", "300", "tsv"], check=True,
                           capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
            image.unlink()


def ocr_sources(corpus: Path) -> Iterable[tuple[str, list[PageText], list[dict[str, Any]]]]:
    labels = _jsonl(corpus / "labels.jsonl")
    for src in _jsonl(corpus / "sources.jsonl"):
        stem = Path(src["path"]).stem
        files = [corpus / ".tsv" / f"{stem}.{n}.tsv" for n in range(1, src["pages"] + 1)]
        if not all(f.exists() for f in files):
            continue
        pages = []
        for n, f in enumerate(files, start=1):
            text, words = _parse_tsv(f.read_text(encoding="utf-8", errors="replace"))
            pages.append(PageText(n, text, origin="tesseract" if text.strip() else "blank",
                                  layout=WordBoxes.of(words)))
        yield src["sha256"], pages, [t for t in labels if t["source"]["sha256"] == src["sha256"]]


def real_sources(data: Path, half: str | None) -> Iterable[tuple[str, list[PageText], list[dict[str, Any]]]]:
    labels = sorted(_jsonl(data / "labels.jsonl"), key=lambda lab: lab["source"]["sha256"])
    if half:
        labels = labels[(half == "odd")::2]
    for lab in labels:
        pdf = data / "pdf" / lab["source"]["path"]
        reader = PdfReader(str(pdf))
        pages = []
        for i, page in enumerate(reader.pages, start=1):
            layer = lab["test"]["text_layer"]
            text, boxes = ("", None) if layer in ("none", "garbled") else text_with_boxes(page)
            if is_usable(text, has_images=bool(page.images) if layer == "partial" else False):
                pages.append(PageText(i, text, origin="text_layer", layout=boxes))
                continue
            cached = RC_OCR / pdf.stem / f"{i}.txt"
            if not cached.exists():
                pages = []
                break  # a scan not OCRed yet: left out
            pages.append(PageText(i, cached.read_text(), origin="tesseract"))
        if pages:
            yield lab["source"]["sha256"], pages, [{**lab, "source": {**lab["source"], "first_page": 1,
                                                                      "last_page": len(pages)}}]


def evaluate(docs: list[Doc], model: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Per group: documents whose issuing date comes out right (None when the label has none), of all."""
    from extractors.fields.dates import score

    out: dict[str, list[int]] = {}
    for d in docs:
        best, p = None, -1.0
        for f, v in zip(d.feats, d.values, strict=True):
            s = score(f, model)
            if s > p + 1e-9:
                best, p = v, s
        pred = best if p >= model["threshold"] else None
        r = out.setdefault(d.group, [0, 0])
        r[0] += int(pred == d.gold)
        r[1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sim-seeds", default="41,42")
    ap.add_argument("--sim-n", type=int, default=60)
    ap.add_argument("--ideal-corpus", type=Path, action="append", default=[])
    ap.add_argument("--ocr-corpus", type=Path, action="append", default=[])
    ap.add_argument("--ocr-cache", type=Path, help="fill DIR/.tsv for --ocr-n sources, then exit")
    ap.add_argument("--ocr-n", type=int, default=8)
    ap.add_argument("--real", type=Path, action="append", default=[])
    ap.add_argument("--real-weight", type=float, default=4.0)
    ap.add_argument("--l2", type=float, default=2.0)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    if args.ocr_cache:
        ocr_cache(args.ocr_cache, args.ocr_n)
        return 0
    docs: list[Doc] = []
    for seed in (int(s) for s in args.sim_seeds.split(",") if s):
        for noise, group in ((1.0, "sim"), (0.0, "sim_clean")):
            for key, pages, truth in simulated_sources(seed, args.sim_n, noise=noise):
                docs += doc_examples(group, key, pages, truth)
    for corpus in args.ideal_corpus:
        for key, pages, truth in ideal_sources(corpus):
            docs += doc_examples("ideal", key, pages, truth)
    for corpus in args.ocr_corpus:
        for key, pages, truth in ocr_sources(corpus):
            docs += doc_examples("ocr", key, pages, truth)
    for i, data in enumerate(args.real):
        for key, pages, truth in real_sources(data, None if i == 0 else "even"):
            docs += doc_examples("real", key, pages, truth)
    names = sorted({k for d in docs for f in d.feats for k in f})
    index = {k: i + 1 for i, k in enumerate(names)}
    rows, ys, ws = [], [], []
    group_weight = {"real": args.real_weight, "ocr": 2.0}
    for d in docs:
        for f, v in zip(d.feats, d.values, strict=True):
            row = np.zeros(len(names) + 1)
            row[0] = 1.0
            for k, val in f.items():
                row[index[k]] = val
            rows.append(row)
            ys.append(float(v == d.gold))
            ws.append(group_weight.get(d.group, 1.0) / max(1, len(d.feats)) ** 0.5)
    x, y, w = np.array(rows), np.array(ys), np.array(ws)
    beta = fit(x, y, w, args.l2, max_steps=60)
    model: dict[str, Any] = {
        "about": "extractors/fields/dates.py issuing-date ranker; retrain: python scripts/train_dates.py",
        "bias": round(float(beta[0]), 5),
        "weights": {k: round(float(beta[index[k]]), 5) for k in names if abs(beta[index[k]]) >= 1e-5},
        "threshold": 0.0,
    }
    best_t, best_acc = 0.0, -1.0
    for t in [i / 100 for i in range(0, 60)]:
        model["threshold"] = t
        acc = sum(r for r, _ in evaluate(docs, model).values())
        if acc > best_acc:
            best_t, best_acc = t, acc
    model["threshold"] = best_t
    print(f"examples: {len(docs)} documents, {len(rows)} candidates, {len(names)} features, threshold {best_t}")
    for g, (r, n) in sorted(evaluate(docs, model).items()):
        old = sum(d.rules == d.gold for d in docs if d.group == g)
        print(f"  train {g:9s} ranker {r}/{n} = {r / n:.3f}   cue rules {old}/{n} = {old / n:.3f}")
    args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
