"""Dev check: run the extractors over the 40 real court decisions and count court/AZ/date hits.

Page texts come from the PDF text layer (pypdf, as the pipeline reads it) when it is
usable, else from a tesseract OCR cache (300 dpi, deu) that this script fills under
/tmp/eakte-rc-ocr (never in the repo). Usage:
    python scripts/dev_real_decisions.py [--verbose] [--only rc-xxxx]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from pypdf import PdfReader

from eakte.pages.textlayer import is_usable, text_with_boxes
from extractors import PageText, SourceAnalysis, analyse_source

DATA = Path(os.environ.get("EAKTE_REAL", "/work/shared/data/real-court-decisions"))
CACHE = Path(os.environ.get("EAKTE_RC_OCR", "/tmp/eakte-rc-ocr"))
LEGACY_CACHE = Path("/tmp/rcocr")
logging.getLogger("pypdf").setLevel(logging.ERROR)


def _ocr(pdf: Path, number: int) -> str:
    for base in (CACHE, LEGACY_CACHE):
        f = base / pdf.stem / f"{number}.txt"
        if f.exists():
            return f.read_text()
    out = CACHE / pdf.stem
    out.mkdir(parents=True, exist_ok=True)
    img = out / f"p{number}"
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", str(number), "-l", str(number), "-singlefile",
                    str(pdf), str(img)], check=True)
    subprocess.run(["tesseract", f"{img}.pgm", str(out / str(number)), "-l", "deu"], check=True,
                   capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    (out / f"p{number}.pgm").unlink()
    return (out / f"{number}.txt").read_text()


def load_pages(pdf: Path, text_layer: str, ocr: bool = True) -> list[PageText]:
    """Page texts as the pipeline would see them: usable text layer, else OCR (when allowed)."""
    reader = PdfReader(str(pdf))
    pages = []
    for i, page in enumerate(reader.pages, start=1):
        text, boxes = ("", None) if text_layer in ("none", "garbled") else text_with_boxes(page)
        if is_usable(text, has_images=bool(page.images) if text_layer == "partial" else False):
            pages.append(PageText(i, text, origin="text_layer", layout=boxes))
        elif ocr:
            pages.append(PageText(i, _ocr(pdf, i), origin="tesseract", confidence=80.0))
        else:
            pages.append(PageText(i, "", origin="tesseract"))
    return pages


def norm(s: str | None) -> str:
    return re.sub(r"\s", "", s or "").lower()


def score(label: dict, analysis: SourceAnalysis) -> dict[str, bool]:
    doc = next((d for d in analysis.documents if d.first_page == 1), analysis.documents[0] if analysis.documents
               else None)
    if doc is None:
        return {"court": False, "az": False, "date": False, "type": False, "one_doc": False}
    fn = label["file_numbers"][0]
    accept = {norm(fn["value"]), *(norm(v) for v in fn.get("variants") or [])}
    court = doc.court
    return {
        "court": bool(court and court.type == label["court"]["type"] and court.place == label["court"]["place"]),
        "az": bool(doc.file_numbers and norm(doc.file_numbers[0].value) in accept),
        "date": doc.document_date == label["document_date"],
        "type": doc.doc_type == "court_decision" and doc.doc_subtype == label["doc_subtype"],
        "one_doc": len(analysis.documents) == 1 and doc.last_page == label["source"]["last_page"],
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--text-only", action="store_true", help="skip scans (no OCR)")
    ap.add_argument("--half", choices=("even", "odd"),
                    help="even- or odd-indexed decisions by sha256 (odd: held out by scripts/train_dates.py)")
    args = ap.parse_args()
    labels = [json.loads(line) for line in (DATA / "labels.jsonl").read_text().splitlines() if line.strip()]
    if args.half:
        labels = sorted(labels, key=lambda lab: lab["source"]["sha256"])[(args.half == "odd")::2]
    totals: dict[str, dict[str, int]] = {"all": {}, "text": {}, "scan": {}}
    n = {"all": 0, "text": 0, "scan": 0}
    t_extract = 0.0
    pages_total = 0
    for label in labels:
        name = label["source"]["path"]
        if args.only and args.only not in name:
            continue
        layer = label["test"]["text_layer"]
        group = "scan" if layer in ("none", "garbled") else "text"
        if args.text_only and group == "scan":
            continue
        pages = load_pages(DATA / "pdf" / name, layer)
        t0 = time.perf_counter()
        analysis = analyse_source(pages)
        t_extract += time.perf_counter() - t0
        pages_total += len(pages)
        res = score(label, analysis)
        for g in ("all", group):
            n[g] += 1
            for k, v in res.items():
                totals[g][k] = totals[g].get(k, 0) + int(v)
        if args.verbose and not all(res.values()):
            d = analysis.documents[0] if analysis.documents else None
            print(f"{name} [{layer}/{label['test']['layout']}] {res}")
            want_az = label["file_numbers"][0]["value"]
            print(f"   want court={label['court']['type']} {label['court']['place']} az={want_az}"
                  f" date={label['document_date']} sub={label['doc_subtype']}")
            if d:
                got_court = d.court and (d.court.type, d.court.place)
                print(f"   got  court={got_court} az={[f.value for f in d.file_numbers]}"
                      f" date={d.document_date} type={d.doc_type}/{d.doc_subtype} docs="
                      f"{[(x.first_page, x.last_page) for x in analysis.documents]} skipped={analysis.skipped_pages}")
    for g in ("all", "text", "scan"):
        if n[g]:
            print(f"{g:5s} n={n[g]:2d} " + " ".join(f"{k}={v}/{n[g]}" for k, v in totals[g].items()))
    if pages_total:
        print(f"extraction: {1000 * t_extract / pages_total:.1f} ms/page over {pages_total} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
