"""CLI: python -m corpus.generate --out DIR --n 40 --seed 3 --split test

Writes DIR/scans/akte-NNNN.{pdf,tif}, DIR/labels.jsonl (one DocumentRecord-shaped truth per
document), DIR/sources.jsonl (per-source page truth) and DIR/persons.jsonl (per-person truth of the
case overview, CASE_TRUTH.md). Same arguments, same bytes. `--profile case` adds residence stories.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from corpus.akte import Profile, build_akte
from corpus.truth import persons_row
from corpus.writer import write_akte

# Seed spaces per split: keys never collide, so no Akte can land in two splits.
SPLITS = {"train": 1_000_000, "dev": 2_000_000, "test": 3_000_000, "fixed": 4_000_000, "sample": 5_000_000}

PROFILES = {
    "full": Profile(),
    # Small, mildly damaged Akten for the sets checked into the repo (fast tests, small files).
    "small": Profile(
        docs=(2, 4), max_pages=10, max_doc_pages=3, clean=True, dpi_choices=(200,), formats=("pdf", "tiff")
    ),
    # The README demo (samples/): few pages, clean 300 dpi scans.
    "demo": Profile(docs=(3, 4), max_pages=8, max_doc_pages=3, clean=True, dpi_choices=(300,)),
    # Residence stories for the case overview (issue 17): status chains, pay slip runs, school, certificates.
    "case": Profile(docs=(2, 4), max_doc_pages=2, story=True),
}


def akte_key(split: str, seed: int, index: int) -> str:
    return f"eakte-corpus/{split}/{SPLITS[split] + seed}/{index}"


Result = tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]


def _one(job: tuple[str, int, int, str, str, str, str, str | None]) -> Result:
    split, seed, index, profile, scans, truth, prefix, force_fmt = job
    prof = PROFILES[profile]
    if force_fmt:
        prof = Profile(**{**prof.__dict__, "formats": (force_fmt,)})
    akte = build_akte(akte_key(split, seed, index), prof)
    ext = "pdf" if akte.fmt == "pdf" else "tif"
    akte_id = f"a-{split}-{seed}-{index:04d}"
    source, docs, texts = write_akte(akte, Path(scans), f"{prefix}-{index:04d}.{ext}", Path(truth), akte_id)
    return source, docs, texts, persons_row(akte, docs, akte_id)


def generate(
    out: Path,
    n: int,
    seed: int,
    split: str,
    *,
    profile: str = "full",
    workers: int | None = None,
    scans_dir: Path | None = None,
    prefix: str = "akte",
    formats: Sequence[str | None] | None = None,
    page_texts: bool = True,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Generate `n` Akten; returns (sources, documents) and writes the jsonl files under `out`.

    `page_texts` also writes pages.jsonl: the printed text of every page (ideal OCR) for extractor work.
    """
    out.mkdir(parents=True, exist_ok=True)
    scans = scans_dir or out / "scans"
    fmts = list(formats) if formats else [None] * n
    jobs = [(split, seed, i + 1, profile, str(scans), str(out), prefix, fmts[i % len(fmts)]) for i in range(n)]
    workers = workers or min(os.cpu_count() or 1, n)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_one, jobs))
    else:
        results = [_one(j) for j in jobs]
    sources = [s for s, _, _, _ in results]
    docs = [d for _, ds, _, _ in results for d in ds]
    with (out / "labels.jsonl").open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with (out / "sources.jsonl").open("w", encoding="utf-8") as f:
        for s in sources:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    with (out / "persons.jsonl").open("w", encoding="utf-8") as f:  # per-person truth (CASE_TRUTH.md)
        for *_, row in results:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    if page_texts:
        with (out / "pages.jsonl").open("w", encoding="utf-8") as f:
            for _, _, texts, _ in results:
                for t in texts:
                    f.write(json.dumps(t, ensure_ascii=False) + "\n")
    return sources, docs


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m corpus.generate", description=__doc__.splitlines()[0] if __doc__ else None
    )
    ap.add_argument("--out", type=Path, required=True, help="corpus folder (truth files go here)")
    ap.add_argument("--n", type=int, default=40, help="number of Akten")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--split", choices=sorted(SPLITS), default="train")
    ap.add_argument("--profile", choices=sorted(PROFILES), default="full")
    ap.add_argument("--workers", type=int, default=None, help="processes (default: CPU cores)")
    ap.add_argument("--scans-dir", type=Path, default=None, help="where the scans go (default OUT/scans)")
    ap.add_argument("--prefix", default="akte", help="file name prefix of the scans")
    ap.add_argument("--no-page-texts", action="store_true", help="do not write pages.jsonl (printed page texts)")
    ap.add_argument("--formats", default=None, help="comma list forcing formats per Akte in turn, e.g. pdf,tiff")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    formats = args.formats.split(",") if args.formats else None
    sources, docs = generate(
        args.out,
        args.n,
        args.seed,
        args.split,
        profile=args.profile,
        page_texts=not args.no_page_texts,
        workers=args.workers,
        scans_dir=args.scans_dir,
        prefix=args.prefix,
        formats=formats,
    )
    pages = sum(s["pages"] for s in sources)
    size = sum(s["size_bytes"] for s in sources)
    print(
        f"{len(sources)} Akten, {len(docs)} documents, {pages} pages, {size / 1e6:.1f} MB "
        f"in {time.monotonic() - t0:.1f} s -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
