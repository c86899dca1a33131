"""Generate a family-B corpus: scanned Akten (PDF/TIFF, image only) with truth labels.

python -m corpus_b.generate --out DIR --n 100 --seed 7 [--split test|dev|train] [--jobs 2]
Same arguments give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from corpus_b import akte, scan
from corpus_b.docs.base import Doc
from corpus_b.layout import NBSP
from corpus_b.render import render
from corpus_b.story import Person, Story, make_story
from corpus_b.truth import persons_line
from corpus_b.writer import write_pdf, write_tiff

SPLITS = ("test", "dev", "train")
FIRST_RULES = dt.date(2015, 8, 1)
FOLIO_FORMS = ["Bl. {n}", "Bl.{n}", "{n}", "Bl {n}", "Blatt {n}"]


def _clean(s: str) -> str:
    return s.replace(NBSP, " ")


@dataclass
class Plan:
    """One Akte before rendering: its story, documents and truth (rendering draws on `rnd` after this)."""

    akte_id: str
    aseed: int
    rnd: random.Random
    st: Story
    paper: dict[str, object]
    docs: list[Doc]
    doc_ids: list[str]
    max_pages: int
    persons: dict[str, Any]


def plan_akte(seed: int, split: str, index: int, small: bool = False) -> Plan:
    """Story, documents and per-person truth of Akte `index` (no images)."""
    aseed = akte.akte_rng(seed, split, index)
    rnd = random.Random(aseed)
    akte_id = f"a-b{seed}{split[0]}-{index + 1:04d}"
    base = akte_id
    window: tuple[dt.date, dt.date] | None = None
    kid = child_folder(seed, split, index)
    if continued(seed, split, index):  # the second folder of the previous Akte's person
        base = f"a-b{seed}{split[0]}-{index:04d}"
        st = make_story(akte.akte_rng(seed, split, index - 1))
        window = (_cut(st), dt.date.max)
    elif kid is not None:  # a child of the previous Akte's family with an own folder
        base = f"a-b{seed}{split[0]}-{index:04d}"
        st = make_story(akte.akte_rng(seed, split, index - 1))
    else:
        st = make_story(aseed)
        if continued(seed, split, index + 1):
            window = (dt.date.min, _cut(st) - dt.timedelta(days=1))
    paper: dict[str, object] = {
        "duplex": rnd.random() < 0.2 and not st.complete,
        "sep_rate": rnd.choice([0.0, 0.0, 0.5, 1.0]),
        "reverse": rnd.random() < 0.15,
    }
    max_pages = 10 if small else 30 if st.complete else 25
    docs = akte.choose(st, rnd, paper, max_pages=max_pages, window=window, kid=kid)
    doc_ids = [f"d-b{seed}{split[0]}-{index + 1:04d}-{k + 1:02d}" for k in range(len(docs))]
    newest = max(d.document_date or d.sort_date or st.end for d in docs)
    ref = newest + dt.timedelta(days=random.Random(f"{aseed}:reference").randint(0, 30))
    ref = max(ref, FIRST_RULES)  # no thresholds before § 25b existed (a rare folder of 2014/15 papers)
    persons = persons_line(akte_id, st, docs, doc_ids, ref, base, kid.key if kid else "main")
    return Plan(akte_id, aseed, rnd, st, paper, docs, doc_ids, max_pages, persons)


def build(out: Path, seed: int, split: str, index: int, small: bool = False) -> tuple[list[str], str, str]:
    """Write one Akte file; return its label lines, its source line and its persons line.

    `small`: at most 10 pages at 100 dpi (for tests and quick structural checks)."""
    pl = plan_akte(seed, split, index, small)
    rnd, paper, docs, doc_ids, akte_id, max_pages = pl.rnd, pl.paper, pl.docs, pl.doc_ids, pl.akte_id, pl.max_pages
    nrng = np.random.default_rng(pl.aseed)
    ext = ".tif" if rnd.random() < 0.3 else ".pdf"
    sc = scan.profile(nrng, tiff=ext == ".tif")
    if small:
        sc.dpi = 100
    sep_style = rnd.randrange(4)
    folio_form = rnd.choice(FOLIO_FORMS) if rnd.random() < 0.88 else None
    folio = rnd.randint(1, 260)
    # page plan: (kind, doc index, page within doc, rotation)
    plan: list[tuple[str, int | None, int, int]] = []
    for k, d in enumerate(docs):
        if k > 0 and rnd.random() < float(paper["sep_rate"]):  # type: ignore[arg-type]
            plan.append(("separator", None, 0, 0))
        for j in range(len(d.pages)):
            r = rnd.random()
            rot = 180 if r < 0.03 else 90 if r < 0.05 else 270 if r < 0.06 else 0
            plan.append(("document", k, j, rot))
            if paper["duplex"] and rnd.random() < 0.85:
                plan.append(("blank", k, j, 0))
        rest = sum(len(x.pages) for x in docs[k + 1 :]) + len(plan)
        if not paper["duplex"] and rnd.random() < 0.06 and rest < max_pages:
            plan.append(("blank", None, 0, 0))
    name = f"akte-{index + 1:04d}{ext}"
    rel = f"scans/{name}"
    images: list[Image.Image] = []
    truth: list[dict[str, object]] = []
    first_last: dict[int, list[int]] = {}
    page_info: dict[int, list[dict[str, object]]] = {}
    last_front: Image.Image | None = None
    for n, (kind, di, j, rot) in enumerate(plan, 1):
        fol: str | None = None
        if kind == "document":
            assert di is not None
            k = di
            img = render(docs[k].pages[j], sc.dpi)
            if folio_form and rnd.random() > 0.04:
                fol = f"Bl.{folio}"
                scan.add_folio(img, folio_form.format(n=folio), sc.dpi, nrng)
                folio += 1
            last_front = img
            out_img = scan.degrade(img, sc, nrng, rotate=rot)
            first_last.setdefault(k, [n, n])[1] = n
            page_info.setdefault(k, []).append({"page": n, "folio": fol, "rotated": rot})
        elif kind == "separator":
            out_img = scan.degrade(render(akte.separator_page(sep_style, rnd), sc.dpi), sc, nrng)
        else:
            ghost = last_front if rnd.random() < 0.5 else None
            out_img = scan.blank(sc, nrng, ghost)
        images.append(out_img)
        truth.append(
            {
                "page": n,
                "kind": kind,
                "document": doc_ids[k] if kind == "document" and k is not None else None,
                "folio": fol,
                "rotated": rot if kind == "document" else 0,
            }
        )
    path = out / rel
    if ext == ".pdf":
        write_pdf(path, images, sc.dpi, sc.jpeg_quality)
    else:
        write_tiff(path, images, sc.dpi, sc.jpeg_quality)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    labels = [
        json.dumps(_label(d, doc_ids[k], akte_id, rel, sha, first_last[k], page_info[k]), ensure_ascii=False)
        for k, d in enumerate(docs)
    ]
    skipped = [t["page"] for t in truth if t["kind"] != "document"]
    source = {
        "schema_version": "1",
        "path": rel,
        "sha256": sha,
        "status": "processed",
        "pages": len(plan),
        "documents": len(docs),
        "skipped_pages": skipped,
        "page_truth": truth,
    }
    person = pl.persons
    return labels, json.dumps(source, ensure_ascii=False), json.dumps(person, ensure_ascii=False)


def continued(seed: int, split: str, index: int) -> bool:
    """Akte `index` holds the later papers of the person of Akte `index - 1` (a person with two folders)."""
    return index % 2 == 1 and akte.akte_rng(seed, split, index) % 100 < 12


def child_folder(seed: int, split: str, index: int) -> Person | None:
    """The child (entered with the family, 6 or older at the story's end) whose own folder Akte `index` is."""
    if index % 2 == 0 or continued(seed, split, index) or akte.akte_rng(seed, split, index) % 100 >= 45:
        return None
    st = make_story(akte.akte_rng(seed, split, index - 1))
    kids = [c for c in st.children if c.birth < st.asylum_app and (st.end - c.birth).days >= 6 * 365]
    return kids[-1] if kids else None


def _cut(st: Story) -> dt.date:
    """Where a person's papers split between two folders: halfway through the story."""
    return st.asylum_app + (st.end - st.asylum_app) / 2


def _label(
    d: Doc, doc_id: str, akte_id: str, rel: str, sha: str, fl: list[int], pages: list[dict[str, object]]
) -> dict[str, object]:
    first = fl[0]
    texts = [_clean(p.text()) for p in d.pages]
    page_of = {j: int(pages[j]["page"]) for j in range(len(pages))}  # type: ignore[call-overload]

    def where(text: str) -> int:
        t = _clean(text)
        for j, pt in enumerate(texts):
            if t in pt:
                return page_of[j]
        return first

    return {
        "schema_version": "1",
        "document_id": doc_id,
        "akte_id": akte_id,
        "source": {"path": rel, "sha256": sha, "first_page": fl[0], "last_page": fl[1]},
        "doc_type": d.doc_type,
        "doc_subtype": d.subtype,
        "confidence": 1.0,
        "title": d.title,
        "language": "de",
        "document_date": d.document_date.isoformat() if d.document_date else None,
        "dates": [
            {"role": r.role, "value": r.value.isoformat(), "page": where(r.text), "text": _clean(r.text)}
            for r in d.dates
        ],
        "court": d.court,
        "file_numbers": [{"kind": f.kind, "value": f.value, "variants": f.variants} for f in d.file_numbers],
        "parties": [{"role": r, "name": n, "kind": k} for r, n, k in d.parties],
        "review": {"needed": False, "reasons": []},
        "pages": pages,
    }


def _job(args: tuple[str, int, str, int, bool]) -> tuple[list[str], str, str]:
    out, seed, split, i, small = args
    return build(Path(out), seed, split, i, small)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m corpus_b.generate", description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--split", choices=SPLITS, default="test")
    ap.add_argument("--jobs", type=int, default=1, help="Akten rendered side by side (output is the same)")
    ap.add_argument(
        "--profile",
        choices=("full", "small"),
        default="full",
        help="small: at most 10 pages per Akte at 100 dpi, for quick structural checks",
    )
    a = ap.parse_args(argv)
    if a.n < 1:
        print("error: --n must be at least 1", file=sys.stderr)
        return 2
    try:
        (a.out / "scans").mkdir(parents=True, exist_ok=True)
    except OSError as e:
        print(f"error: cannot create output folder: {e.strerror}", file=sys.stderr)
        return 2
    t0 = time.monotonic()
    jobs = [(str(a.out), a.seed, a.split, i, a.profile == "small") for i in range(a.n)]
    if a.jobs > 1:
        with Pool(a.jobs) as pool:
            results = pool.map(_job, jobs, chunksize=1)
    else:
        results = [_job(j) for j in jobs]
    with (
        open(a.out / "labels.jsonl", "w", encoding="utf-8") as fl,
        open(a.out / "sources.jsonl", "w", encoding="utf-8") as fs,
        open(a.out / "persons.jsonl", "w", encoding="utf-8") as fp,
    ):
        for labels, source, person in results:
            for ln in labels:
                fl.write(ln + "\n")
            fs.write(source + "\n")
            fp.write(person + "\n")
    pages = sum(json.loads(s)["pages"] for _, s, _ in results)
    docs = sum(len(ls) for ls, _, _ in results)
    print(f"{a.n} Akten, {pages} pages, {docs} documents in {time.monotonic() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
