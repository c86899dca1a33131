"""Case view benchmark (not a test): `eakte case show` for a 500-page Akte from the catalog, SQLite and PostgreSQL.

    .venv/bin/python benchmarks/case_show.py --pages 500 --akten 400 --backend both

The catalog is built cheaply without OCR from the test Akten's records and page texts (tests/data/akten):
one Akte of at least `--pages` pages (their documents repeated, `tests.case_data.big_akte`), `--same-person`
further Akten of the same person (the view draws them in) and `--akten` Akten of other persons (renamed copies),
written through `Catalog.record_source` as migrate writes them, texts in a local store. Measured in `--runs`
interleaved rounds after one warm-up round (median, fastest, slowest):

- `before`: the first slice's reading (the Akte's records, other Akten through the search layer's party query,
  every text from the store), then the same `compute`;
- `now (store texts)` and `now (catalog texts)`: `for_key` as the CLI and API call it (`loading.load`);
- `of which compute`: facts, persons, timeline and checks alone, records and texts already read;
- `all records`: reading every record of the catalog (what the first slice's `case list` did), the ratio's base;
- `case list page`: one page of 100 Akten from the SQL aggregates.

PostgreSQL: a throwaway cluster under a temp dir unless --pg-url is given. Writes benchmarks/CASE_RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pg import bench_database  # noqa: E402
from eakte.case.build import compute, for_key  # noqa: E402
from eakte.case.facts import mentions  # noqa: E402
from eakte.case.listing import case_page  # noqa: E402
from eakte.case.loading import catalog_texts  # noqa: E402
from eakte.case.texts import store_texts  # noqa: E402
from eakte.catalog import Catalog, SearchQuery, open_catalog_url  # noqa: E402
from eakte.store import LocalStore  # noqa: E402
from eakte.store.base import ObjectStore  # noqa: E402
from schemas.records import DocumentRecord, Party  # noqa: E402
from tests.case_data import big_akte, load, truth  # noqa: E402

AT = dt.date(2025, 6, 1)
FIRST = ["Amina", "Yusuf", "Leyla", "Omar", "Fatma", "Karim", "Nadia", "Samir", "Olga", "Ivan", "Elif", "Tarek"]
LAST = ["Öztürk", "Yılmaz", "Kaya", "Şahin", "Haddad", "Nasser", "Rahimi", "Petrenko", "Hodžić", "Begić",
        "Kowalczyk", "Ağaoğlu", "Mansour", "Aziz", "Karimi", "Demir", "Çelik"]


def other_akten(n: int) -> tuple[list[DocumentRecord], dict[str, str]]:
    """`n` Akten of other persons: the test Akten's documents with new ids and every person renamed."""
    docs, texts = truth()
    out: list[DocumentRecord] = []
    out_texts: dict[str, str] = {}
    for i in range(n):
        renames: dict[str, str] = {}
        for d in docs:
            c = d.model_copy(deep=True)
            c.akte_id = f"a-other-{i:05d}-{d.akte_id[-4:]}"
            c.document_id = f"d-other-{i:05d}-{d.document_id[-7:]}"
            c.source.path, c.source.sha256 = f"other-{i}-{d.akte_id}.pdf", f"{i:032x}{d.source.sha256[:32]}"
            c.parties = [Party(role=p.role, kind=p.kind, name=renames.setdefault(
                p.name, f"{FIRST[(i + len(renames)) % len(FIRST)]} {LAST[(i * 7 + len(renames)) % len(LAST)]}-{i}")
                if p.kind == "person" else p.name) for p in c.parties]
            out.append(c)
            out_texts[c.document_id] = texts[d.document_id]
    return out, out_texts


def same_person(big: list[DocumentRecord], texts: dict[str, str], n: int) -> tuple[list[DocumentRecord],
                                                                                    dict[str, str]]:
    """`n` further (small) Akten of the big Akte's person: its residence papers again, in other folders."""
    out, out_texts = [], {}
    papers = [d for d in big if d.doc_type == "residence_document"][:3]
    for i in range(n):
        for j, d in enumerate(papers):
            c = d.model_copy(deep=True)
            c.akte_id, c.document_id = f"a-big-folder-{i}", f"d-big-folder-{i}-{j}"
            c.source.path, c.source.sha256 = f"big-folder-{i}.pdf", f"{i + 7:064x}"
            out.append(c)
            out_texts[c.document_id] = texts[d.document_id]
    return out, out_texts


def build(cat: Catalog, store: ObjectStore, pages: int, akten: int, folders: int) -> int:
    docs, texts = big_akte(pages)
    more, more_texts = same_person(docs, texts, folders)
    others, other_texts = other_akten(akten)
    load(cat, store, docs + more + others, {**texts, **more_texts, **other_texts}, pdfs=False)
    return len(docs) + len(more) + len(others)


def before(cat: Catalog, store: ObjectStore, key: str) -> Any:
    """The first slice's reading: records of the Akte, the search layer for other Akten, texts from the store."""
    docs = list(cat.documents(key))
    names: dict[str, int] = {}
    for d in docs:
        ms = mentions(d)
        if ms and ms[0].role == "subject":
            names[ms[0].name] = names.get(ms[0].name, 0) + 1
    if names:
        name = max(names.items(), key=lambda x: x[1])[0]
        others: list[str] = []
        for h in cat.query(SearchQuery(party=name, limit=100)).hits:
            if h.document.akte_id != key and h.document.akte_id not in others:
                others.append(h.document.akte_id)
        for other in others[:8]:
            docs += list(cat.documents(other))
    return compute(docs, store_texts(store)(docs), key, AT, main_akte=key)


Row = tuple[str, float, float, float, str]  # what, median, fastest, slowest, size


def interleaved(variants: dict[str, Callable[[], Any]], runs: int) -> dict[str, tuple[float, float, float, Any]]:
    """Each variant once per round, `runs` rounds after a warm-up round: a shared machine's load spikes hit all
    variants alike instead of whichever happened to run then."""
    outs = {name: fn() for name, fn in variants.items()}  # warm: imports, first connection, caches
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, fn in variants.items():
            t = time.perf_counter()
            outs[name] = fn()
            times[name].append(time.perf_counter() - t)
    return {name: (statistics.median(ts), min(ts), max(ts), outs[name]) for name, ts in times.items()}


def measure(backend: str, cat: Catalog, store: ObjectStore, runs: int) -> list[Row]:
    from eakte.case.loading import load as load_case

    got = load_case(cat, catalog_texts(store), "a-big")
    assert got is not None
    res = interleaved({
        "case show, now (catalog texts)": lambda: for_key(cat, catalog_texts(store), "a-big", AT),
        "case show, now (store texts)": lambda: for_key(cat, store_texts(store), "a-big", AT),
        "case show, before (first slice)": lambda: before(cat, store, "a-big"),
        "of which compute (records, texts in memory)":
            lambda: compute(got.docs, got.texts, "a-big", AT, main_akte="a-big"),
        "all records of the catalog (base)": lambda: sum(1 for _ in cat.documents()),
        "case list, one page of 100": lambda: case_page(cat, 100),
    }, runs)
    now = res["case show, now (catalog texts)"][3]
    assert now.to_dict() == res["case show, now (store texts)"][3].to_dict()
    rows: list[Row] = []
    for name, (med, best, worst, out) in res.items():
        if name.startswith("case show"):
            size = f"{len(out.documents)} documents, {sum(d['pages'] for d in out.documents)} pages"
        elif name.startswith("of which"):
            size = f"{len(got.docs)} documents"
        elif name.startswith("all records"):
            size = f"{out} records"
        else:
            size = f"{len(out.rows)} Akten"
        rows.append((name, med, best, worst, size))
        print(f"{backend:10} {name:44} median {med:.3f} s  min {best:.3f} s  max {worst:.3f} s  {size}", flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=500, help="pages of the Akte shown")
    ap.add_argument("--akten", type=int, default=400, help="copies of the 4 test Akten with other persons")
    ap.add_argument("--same-person", type=int, default=2, help="further Akten of the shown Akte's person")
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--pg-url", help="an existing, empty server database (default: a throwaway cluster)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "CASE_RESULTS.md")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="eakte-case-bench-"))
    results: dict[str, list[Row]] = {}
    loads: dict[str, str] = {}

    def run(backend: str, url: str) -> None:
        cat, store = open_catalog_url(url), LocalStore(work / f"store-{backend}")
        try:
            t = time.perf_counter()
            n = build(cat, store, args.pages, args.akten, args.same_person)
            loads[backend] = f"{n} documents loaded in {time.perf_counter() - t:.0f} s"
            print(f"{backend}: {loads[backend]}", flush=True)
            before_load = os.getloadavg()[0]
            results[backend] = measure(backend, cat, store, args.runs)
            loads[backend] += f"; load average {before_load:.1f} before, {os.getloadavg()[0]:.1f} after"
        finally:
            cat.close()

    if args.backend in ("sqlite", "both"):
        run("sqlite", str(work / "catalog.sqlite"))
    if args.backend in ("postgresql", "both"):
        with bench_database(args.pg_url) as url:
            run("postgresql", url)
    write_report(args, results, loads)


def write_report(args: argparse.Namespace, results: dict[str, list[Row]], loads: dict[str, str]) -> None:
    lines = ["# Case view benchmark", "",
             f"`eakte case show` for one Akte of ≥ {args.pages} pages (budget: ≤ 1 s), in a catalog with "
             f"{args.akten * 4 + args.same_person + 1} Akten, built without OCR from the test Akten's records "
             "(benchmarks/case_show.py). Median, fastest and slowest of "
             f"{args.runs} interleaved rounds after a warm-up. Machine: 2 cores shared with other test runs.", "",
             "```bash", f".venv/bin/python benchmarks/case_show.py --pages {args.pages} --akten {args.akten} "
             f"--same-person {args.same_person} --runs {args.runs} --backend {args.backend}", "```", ""]
    for backend, rows in results.items():
        base = next(r[1] for r in rows if r[0].startswith("all records"))
        lines += [f"## {backend}", "", loads.get(backend, ""), "",
                  "| what | median s | min s | max s | median / reading all records | size |",
                  "|---|---:|---:|---:|---:|---|"]
        for what, med, best, worst, size in rows:
            lines.append(f"| {what} | {med:.3f} | {best:.3f} | {worst:.3f} | {med / base:.2f} | {size} |")
        lines.append("")
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
