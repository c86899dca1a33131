"""Dev check: OCR a generated corpus split (cached under /tmp) and score the extractors on it.

    python scripts/dev_corpus_eval.py --corpus /tmp/eakte-corpus-train [--ocr-only] [--verbose]

Pages are rendered at 300 dpi greyscale and read with tesseract (deu, --psm 1 so OSD turns
rotated pages), as the pipeline does; the OCR text is cached per page in CORPUS/.ocr/.
Scores: boundaries (exact page ranges) F1, doc_type macro-F1, document_date accuracy,
court accuracy, file numbers F1, parties F1 (role + folded name), review flag rate.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from extractors import DocumentAnalysis, PageText, analyse_source
from extractors.fields.normalize import to_base_letters


def _pages_of(scan: Path) -> int:
    if scan.suffix == ".pdf":
        out = subprocess.run(["pdfinfo", str(scan)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", out).group(1))  # type: ignore[union-attr]
    with Image.open(scan) as im:
        return getattr(im, "n_frames", 1)


def _ocr_page(scan: Path, number: int, cache: Path) -> None:
    txt = cache / f"{scan.stem}.{number}.txt"
    if txt.exists():
        return
    with tempfile.TemporaryDirectory() as tmp:
        img = Path(tmp) / "p.png"
        if scan.suffix == ".pdf":
            subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-f", str(number), "-l", str(number),
                            "-singlefile", str(scan), str(img.with_suffix(""))], check=True)
        else:
            with Image.open(scan) as im:
                im.seek(number - 1)
                im.convert("L").save(img)
        base = Path(tmp) / "out"
        subprocess.run(["tesseract", str(img), str(base), "-l", "deu", "--psm", "1", "txt", "tsv"],
                       capture_output=True, check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        confs = []
        for line in (base.with_suffix(".tsv")).read_text().splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) == 12 and parts[11].strip() and float(parts[10]) >= 0:
                confs.append(float(parts[10]))
        conf = sum(confs) / len(confs) if confs else 0.0
        (cache / f"{scan.stem}.{number}.conf").write_text(f"{conf:.1f}")
        txt.write_text(base.with_suffix(".txt").read_text())


def ocr_corpus(corpus: Path, workers: int) -> None:
    cache = corpus / ".ocr"
    cache.mkdir(exist_ok=True)
    jobs = [(scan, n) for scan in sorted((corpus / "scans").iterdir()) for n in range(1, _pages_of(scan) + 1)]
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda j: _ocr_page(j[0], j[1], cache), jobs))


def load_source(corpus: Path, stem: str, pages: int) -> list[PageText]:
    cache = corpus / ".ocr"
    out = []
    for n in range(1, pages + 1):
        text = (cache / f"{stem}.{n}.txt").read_text()
        conf_file = cache / f"{stem}.{n}.conf"
        conf = float(conf_file.read_text()) if conf_file.exists() else None
        out.append(PageText(n, text, origin="tesseract", confidence=conf))
    return out


def _record(path: str, sha256: str | None, d: DocumentAnalysis) -> dict:
    """The analysis as a contract-like record for the project's scorer."""
    return {"source": {"path": path, "sha256": sha256, "first_page": d.first_page, "last_page": d.last_page},
            "doc_type": d.doc_type, "doc_subtype": d.doc_subtype, "confidence": d.confidence,
            "document_date": d.document_date, "dates": [x.model_dump() for x in d.dates],
            "court": d.court.model_dump() if d.court else None,
            "file_numbers": [f.model_dump() for f in d.file_numbers], "parties": [x.model_dump() for x in d.parties],
            "review": {"needed": bool(d.review_reasons), "reasons": d.review_reasons},
            "pages": [{"page": n, "folio": d.folios.get(n)} for n in range(d.first_page, d.last_page + 1)]}


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def evaluate(corpus: Path, verbose: bool) -> None:
    truth = [json.loads(x) for x in (corpus / "labels.jsonl").read_text().splitlines() if x.strip()]
    sources = [json.loads(x) for x in (corpus / "sources.jsonl").read_text().splitlines() if x.strip()]
    by_source: dict[str, list[dict]] = defaultdict(list)
    for t in truth:
        by_source[t["source"]["path"]].append(t)
    c: Counter[str] = Counter()
    type_pairs: list[tuple[str, str]] = []
    skip_tp = skip_fp = skip_fn = 0
    preds: list[dict] = []
    pred_sources: list[dict] = []
    done_truth: list[dict] = []
    for src in sources:
        stem = Path(src["path"]).stem
        if not all((corpus / ".ocr" / f"{stem}.{n}.txt").exists() for n in range(1, src["pages"] + 1)):
            continue  # OCR still running
        pages = load_source(corpus, stem, src["pages"])
        analysis = analyse_source(pages)
        done_truth += by_source[src["path"]]
        pred_sources.append({"path": src["path"], "sha256": src.get("sha256"), "skipped_pages": analysis.skipped_pages})
        preds += [_record(src["path"], src.get("sha256"), d) for d in analysis.documents]
        want = {(t["source"]["first_page"], t["source"]["last_page"]): t for t in by_source[src["path"]]}
        got = {(d.first_page, d.last_page): d for d in analysis.documents}
        c["b_tp"] += len(want.keys() & got.keys())
        c["b_fp"] += len(got.keys() - want.keys())
        c["b_fn"] += len(want.keys() - got.keys())
        ws, gs = set(src.get("skipped_pages") or []), set(analysis.skipped_pages)
        skip_tp, skip_fp, skip_fn = skip_tp + len(ws & gs), skip_fp + len(gs - ws), skip_fn + len(ws - gs)
        if verbose and want.keys() != got.keys():
            print(f"SEG {src['path']}: want {sorted(want)} skip {sorted(ws)} got {sorted(got)} skip {sorted(gs)}")
        for rng, t in want.items():
            d = got.get(rng)
            if d is None:
                continue
            c["docs"] += 1
            type_pairs.append((t["doc_type"], d.doc_type))
            c["subtype_ok"] += int(t.get("doc_subtype") == d.doc_subtype)
            ok_date = t.get("document_date") == d.document_date
            c["date_ok"] += int(ok_date)
            if t.get("court"):
                c["court_n"] += 1
                ok = bool(d.court and d.court.type == t["court"]["type"] and d.court.place == t["court"]["place"])
                c["court_ok"] += int(ok)
                if verbose and not ok:
                    print(f"COURT {src['path']} {rng}: want {t['court']} got {d.court}")
            elif d.court:
                c["court_fp"] += 1
            wf = {(f["kind"], re.sub(r"[\s.]", "", f["value"]).upper()) for f in t.get("file_numbers", [])
                  if f["kind"] in ("court", "bamf")}
            gf = {(f.kind, re.sub(r"[\s.]", "", f.value).upper()) for f in d.file_numbers
                  if f.kind in ("court", "bamf")}
            c["f_tp"] += len(wf & gf)
            c["f_fp"] += len(gf - wf)
            c["f_fn"] += len(wf - gf)
            wp = {(p["role"], to_base_letters(p["name"])) for p in t.get("parties", [])}
            gp = {(p.role, to_base_letters(p.name)) for p in d.parties}
            c["p_tp"] += len(wp & gp)
            c["p_fp"] += len(gp - wp)
            c["p_fn"] += len(wp - gp)
            flagged = bool(d.review_reasons)
            correct = t["doc_type"] == d.doc_type and ok_date and wf == gf
            c["flagged"] += int(flagged)
            c["unflagged_wrong"] += int(not flagged and not correct)
            if verbose and (t["doc_type"] != d.doc_type or t.get("doc_subtype") != d.doc_subtype):
                print(f"TYPE {src['path']} {rng}: want {t['doc_type']}/{t.get('doc_subtype')} got "
                      f"{d.doc_type}/{d.doc_subtype} ({d.confidence}) {d.evidence}")
            if verbose and not ok_date:
                print(f"DATE {src['path']} {rng} {t['doc_type']}: want {t.get('document_date')} got {d.document_date}")
            if verbose and wf != gf:
                print(f"FN {src['path']} {rng} {t['doc_type']}: want {sorted(wf)} got {sorted(gf)}")
            if verbose and wp != gp:
                print(f"PARTY {src['path']} {rng} {t['doc_type']}: missing {sorted(wp - gp)} extra {sorted(gp - wp)}")
    try:
        from eakte.evaluation.report import summary_rows
        from eakte.evaluation.scoring import score
        done_sources = [s for s in sources if s["path"] in {p["path"] for p in pred_sources}]
        report = score(done_truth, preds, done_sources, pred_sources)
        for metric, value, detail in summary_rows(report):
            print(f"  {metric:45s} {value:>12s}  {detail}")
    except ImportError:
        pass
    labels = sorted({a for a, _ in type_pairs} | {b for _, b in type_pairs})
    f1s = []
    for lab in labels:
        tp = sum(1 for a, b in type_pairs if a == lab and b == lab)
        fp = sum(1 for a, b in type_pairs if a != lab and b == lab)
        fn = sum(1 for a, b in type_pairs if a == lab and b != lab)
        f1s.append(_f1(tp, fp, fn))
    n = c["docs"] or 1
    print(f"documents matched: {c['docs']} (boundary F1 {_f1(c['b_tp'], c['b_fp'], c['b_fn']):.3f}; "
          f"skipped pages tp/fp/fn {skip_tp}/{skip_fp}/{skip_fn})")
    print(f"doc_type macro-F1 {sum(f1s) / len(f1s) if f1s else 0:.3f}  subtype acc {c['subtype_ok'] / n:.3f}")
    print(f"document_date acc {c['date_ok'] / n:.3f}")
    print(f"court acc {c['court_ok'] / max(1, c['court_n']):.3f} (n={c['court_n']}, spurious {c['court_fp']})")
    print(f"file numbers F1 {_f1(c['f_tp'], c['f_fp'], c['f_fn']):.3f}  "
          f"parties F1 {_f1(c['p_tp'], c['p_fp'], c['p_fn']):.3f}")
    unflagged = max(1, n - c["flagged"])
    print(f"review: flagged {c['flagged'] / n:.1%}, errors among unflagged {c['unflagged_wrong'] / unflagged:.1%}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ocr-only", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    if args.workers > 0:
        ocr_corpus(args.corpus, args.workers)
    if not args.ocr_only:
        evaluate(args.corpus, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
