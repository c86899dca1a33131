"""Fast dev loop: score the extractors on a generated corpus without running OCR.

    python scripts/dev_ideal_eval.py --corpus DIR [--ocr] [--show date,fn,party,type,review] [--field-errors]

Reads the printed page texts (`pages.jsonl`, an ideal OCR) or, with `--ocr`, the tesseract texts
cached by `dev_corpus_eval.py` in DIR/.ocr (only sources with every page cached), runs
`analyse_source` and scores with the project scorer. `--show` prints the mismatches of the
named fields to the terminal: they contain generated names, so never commit or log them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from eakte.evaluation.report import summary_rows
from eakte.evaluation.scoring import doc_errors, match_documents, names_match, score, to_doc
from eakte.tools.tesseract import _parse_tsv
from extractors import DocumentAnalysis, PageText, analyse_source
from extractors.model import WordBoxes


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def ideal_pages(corpus: Path) -> dict[str, list[PageText]]:
    by_sha: dict[str, list[PageText]] = defaultdict(list)
    for row in _jsonl(corpus / "pages.jsonl"):
        text = row.get("text") or ""
        by_sha[row["sha256"]].append(PageText(int(row["page"]), text, origin="tesseract" if text.strip() else "blank",
                                              confidence=95.0 if text.strip() else None))
    return {k: sorted(v, key=lambda p: p.number) for k, v in by_sha.items()}


def ocr_pages(corpus: Path, sources: list[dict[str, Any]]) -> dict[str, list[PageText]]:
    cache = corpus / ".ocr"
    out: dict[str, list[PageText]] = {}
    for src in sources:
        stem = Path(src["path"]).stem
        files = [cache / f"{stem}.{n}.txt" for n in range(1, src["pages"] + 1)]
        if not all(f.exists() for f in files):
            continue
        pages = []
        for n, f in enumerate(files, 1):
            conf_file = f.with_suffix(".conf")
            conf = float(conf_file.read_text()) if conf_file.exists() else None
            pages.append(PageText(n, f.read_text(), origin="tesseract", confidence=conf))
        out[src["sha256"]] = pages
    return out


def tsv_pages(corpus: Path, sources: list[dict[str, Any]], boxes: bool = True) -> dict[str, list[PageText]]:
    """Tesseract TSVs with word boxes (DIR/.tsv, filled by `scripts/train_dates.py --ocr-cache DIR`)."""
    out: dict[str, list[PageText]] = {}
    for src in sources:
        stem = Path(src["path"]).stem
        files = [corpus / ".tsv" / f"{stem}.{n}.tsv" for n in range(1, src["pages"] + 1)]
        if not all(f.exists() for f in files):
            continue
        pages = []
        for n, f in enumerate(files, 1):
            text, words = _parse_tsv(f.read_text(encoding="utf-8", errors="replace"))
            confs = [w.conf for w in words if w.conf >= 0]
            pages.append(PageText(n, text, origin="tesseract" if text.strip() else "blank",
                                  confidence=sum(confs) / len(confs) if confs else None,
                                  layout=WordBoxes.of(words) if boxes else None))
        out[src["sha256"]] = pages
    return out


def record(src: dict[str, Any], d: DocumentAnalysis) -> dict[str, Any]:
    return {"source": {"path": src["path"], "sha256": src["sha256"], "first_page": d.first_page,
                       "last_page": d.last_page},
            "doc_type": d.doc_type, "doc_subtype": d.doc_subtype, "confidence": d.confidence,
            "document_date": d.document_date, "dates": [x.model_dump() for x in d.dates],
            "court": d.court.model_dump() if d.court else None,
            "file_numbers": [f.model_dump() for f in d.file_numbers], "parties": [x.model_dump() for x in d.parties],
            "review": {"needed": bool(d.review_reasons), "reasons": d.review_reasons},
            "evidence": d.evidence,
            "pages": [{"page": n, "folio": d.folios.get(n)} for n in range(d.first_page, d.last_page + 1)]}


def show(pairs: list[tuple[Any, Any]], fields: set[str]) -> None:
    for t, p in pairs:
        tr, pr = t.rec, p.rec
        where = f"{Path(tr['source']['path']).stem} {t.first}-{t.last} {tr['doc_type']}/{tr.get('doc_subtype')}"
        if "type" in fields and (tr["doc_type"], tr.get("doc_subtype")) != (pr["doc_type"], pr.get("doc_subtype")):
            print(f"TYPE  {where}: got {pr['doc_type']}/{pr.get('doc_subtype')} {pr['confidence']} {pr['evidence']}")
        if "date" in fields and tr.get("document_date") != pr.get("document_date"):
            cands = [(d["role"], d["value"]) for d in pr["dates"]]
            print(f"DATE  {where}: want {tr.get('document_date')} got {pr.get('document_date')} from {cands}")
        if "fn" in fields:
            w = sorted((f["kind"], f["value"]) for f in tr.get("file_numbers") or [])
            g = sorted((f["kind"], f["value"]) for f in pr.get("file_numbers") or [])
            if w != g:
                print(f"FN    {where}: want {w} got {g}")
        if "party" in fields:
            w = sorted((x["role"], x["name"]) for x in tr.get("parties") or [])
            g = sorted((x["role"], x["name"]) for x in pr.get("parties") or [])
            miss = [x for x in w if not any(r == x[0] and names_match(x[1], n) for r, n in g)]
            extra = [x for x in g if not any(r == x[0] and names_match(x[1], n) for r, n in w)]
            if miss or extra:
                print(f"PARTY {where}:\n   missing {miss}\n   extra   {extra}")
        if "review" in fields:
            errs = doc_errors(t, p)
            if errs and not pr["review"]["needed"]:
                print(f"MISS  {where}: errors {errs} conf {pr['confidence']} unflagged")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, action="append", required=True)
    ap.add_argument("--ocr", action="store_true", help="cached tesseract texts instead of pages.jsonl")
    ap.add_argument("--tsv", choices=("boxes", "no-boxes"), help="cached tesseract TSVs (DIR/.tsv), with or without "
                    "their word boxes")
    ap.add_argument("--show", default="", help="comma list: type,date,fn,party,review")
    ap.add_argument("--field-errors", action="store_true", help="error counts per field among unflagged documents")
    args = ap.parse_args()
    truth: list[dict[str, Any]] = []
    preds: list[dict[str, Any]] = []
    t_sources: list[dict[str, Any]] = []
    p_sources: list[dict[str, Any]] = []
    n_pages = 0
    elapsed = 0.0
    for corpus in args.corpus:
        sources = _jsonl(corpus / "sources.jsonl")
        texts = (tsv_pages(corpus, sources, args.tsv == "boxes") if args.tsv
                 else ocr_pages(corpus, sources) if args.ocr else ideal_pages(corpus))
        done = {s["sha256"] for s in sources if s["sha256"] in texts}
        truth += [r for r in _jsonl(corpus / "labels.jsonl") if r["source"]["sha256"] in done]
        for src in sources:
            if src["sha256"] not in done:
                continue
            t_sources.append(src)
            t0 = time.perf_counter()
            analysis = analyse_source(texts[src["sha256"]])
            elapsed += time.perf_counter() - t0
            n_pages += len(texts[src["sha256"]])
            p_sources.append({"sha256": src["sha256"], "skipped_pages": analysis.skipped_pages})
            preds += [record(src, d) for d in analysis.documents]
    report = score(truth, preds, t_sources, p_sources)
    pairs = match_documents([to_doc(r) for r in truth], [to_doc(r) for r in preds])
    show(pairs, set(filter(None, args.show.split(","))))
    for metric, value, detail in summary_rows(report):
        print(f"  {metric:45s} {value:>12s}  {detail}")
    if args.field_errors:
        errs: Counter[str] = Counter()
        for t, p in pairs:
            if not p.rec["review"]["needed"]:
                errs.update(doc_errors(t, p))
        print("errors among unflagged by field:", dict(errs))
    print(f"sources {len(t_sources)}, pages {n_pages}, extraction {1000 * elapsed / max(1, n_pages):.1f} ms/page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
