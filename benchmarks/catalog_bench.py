"""Catalog benchmark (not a test): a generated catalog of N documents, p50/p95 latency of typical queries.

    .venv/bin/python benchmarks/catalog_bench.py --docs 1000000 --backend both

Synthetic records with the contract's shape (types, subtypes, dates with roles, courts, file numbers,
parties with name variants, ~60 words of German-like text) are bulk-loaded fast: COPY on PostgreSQL
(a throwaway cluster under a temp dir unless --pg-url is given), executemany in large transactions on
SQLite; secondary indexes are dropped during the load and rebuilt afterwards. Queries go through the
real query layer (`Catalog.query`, with its total count and snippets). Writes the table to
benchmarks/CATALOG_RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pg import bench_database  # noqa: E402
from eakte.catalog import Catalog, SearchQuery, open_catalog_url  # noqa: E402
from eakte.catalog.normalize import file_number_key, name_keys, spell_out_umlauts  # noqa: E402
from eakte.catalog.query import COUNT_CAP  # noqa: E402
from eakte.catalog.terms import fts_columns, tsvector_literal  # noqa: E402

DOCS_PER_AKTE = 10
TYPES: dict[str, list[str | None]] = {
    "court_decision": ["urteil", "beschluss", "gerichtsbescheid"],
    "bamf_decision": ["asylbescheid", "widerrufsbescheid", "anhoerung"],
    "employment_proof": ["arbeitsvertrag", "lohnabrechnung", "arbeitgeberbescheinigung"],
    "residence_document": ["duldung", "aufenthaltserlaubnis", "fiktionsbescheinigung"],
    "identity_document": ["reisepass", "passersatz"],
    "civil_status_document": ["geburtsurkunde", "heiratsurkunde"],
    "registration_certificate": ["meldebescheinigung"],
    "school_document": ["schulbescheinigung", "zeugnis"],
    "application": ["antrag"],
    "correspondence": [None],
    "other": [None],
}
PLACES = ["Köln", "Düsseldorf", "Aachen", "Gelsenkirchen", "Minden", "Münster", "Arnsberg", "Berlin", "München",
          "Hamburg", "Bremen", "Hannover", "Stuttgart", "Karlsruhe", "Freiburg", "Dresden", "Leipzig", "Halle"]
FIRST = ["Amina", "Mohammed", "Muhammad", "Mohamed", "Ali", "Fatma", "Ayşe", "Hassan", "Omar", "Leyla", "Yusuf",
         "Ibrahim", "Mariam", "Ahmad", "Elif", "Zeynep", "Karim", "Nadia", "Samir", "Rana", "Tarek", "Olga", "Ivan"]
LAST = ["Öztürk", "Oeztuerk", "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Al-Hassan", "Haddad", "Nasser", "Rahimi",
        "Karimi", "Hosseini", "Mansour", "Aziz", "Petrenko", "Kovalenko", "Ibrahimović", "Hodžić", "Begić"]
LAST += [f"{a}{b}" for a in ("Ab", "Ka", "Mo", "Sa", "Re", "Ta", "Bu", "Ha", "Lo", "Fe") for b in
         ("dani", "rimi", "lović", "zadeh", "oğlu", "kaya", "hadi", "mani", "sari", "tović", "bakr", "djan")]
BASE_WORDS = ("Verwaltungsgericht Klage Klägerin Beklagte Bescheid Bundesamt Antrag Aufenthaltserlaubnis Duldung "
              "Abschiebung Ausreise Asyl Flüchtling Schutz subsidiär Verfahren Entscheidung Gründe Tatbestand "
              "Urteil Beschluss Kosten Berufung Zulassung Gericht Kammer Richter Sitzung Verhandlung Frist "
              "Arbeitgeber Arbeitnehmer Lohn Gehalt Brutto Netto Steuer Sozialversicherung Beschäftigung Vertrag "
              "Probezeit Urlaub Kündigung Meldebescheinigung Wohnung Anschrift Geburt Urkunde Ehe Pass Reisepass "
              "Identität Staatsangehörigkeit Einreise Ausländerbehörde Stadt Landkreis Sachbearbeiter Schreiben "
              "Mitteilung Anhörung Stellungnahme Rechtsanwalt Vollmacht Bevollmächtigter Schule Zeugnis Ausbildung "
              "Integrationskurs Sprachkurs Deutschkenntnisse Lebensunterhalt Krankenversicherung Familie Kinder "
              "Ehefrau Ehemann Eltern Herkunftsland Verfolgung Gefahr Sicherheit Gesundheit Behandlung Attest "
              "Arzt Krankheit Termin Vorsprache Gebühr Bescheinigung Fiktion Verlängerung Erteilung Versagung "
              "Widerruf Rücknahme Ausweisung Einreiseverbot Befristung Niederlassungserlaubnis Einbürgerung").split()
SYLLABLES = ["ka", "lo", "ber", "ung", "sch", "mer", "tin", "rat", "vor", "ge", "lei", "hof", "stra", "dun", "bel",
             "fen", "wir", "kra", "mon", "sel", "tau", "pri", "gan", "zel"]
WORDS = BASE_WORDS + sorted({"".join(random.Random(i).choices(SYLLABLES, k=3)).capitalize() for i in range(8000)})
WEIGHTS = [1.0 / (rank + 5) for rank in range(len(WORDS))]  # Zipf-like


def _iso(day: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(946684800 + day * 86400))  # days after 2000-01-01


class Generator:
    """Deterministic synthetic catalog rows, table by table, for document n."""

    def __init__(self, seed: int = 7) -> None:
        self.rnd = random.Random(seed)
        self.cum = list(_accumulate(WEIGHTS))

    def document(self, n: int) -> dict[str, list[tuple[Any, ...]]]:
        r = self.rnd
        akte = f"a-{n // DOCS_PER_AKTE:07d}"
        sha = f"{n // DOCS_PER_AKTE:064x}"
        doc_id = f"d-{n:08d}"
        doc_type = r.choice(list(TYPES))
        subtype = r.choice(TYPES[doc_type])
        day = r.randrange(0, 9000)
        date = _iso(day)
        court: dict[str, Any] | None = None
        numbers: list[dict[str, Any]] = []
        if doc_type == "court_decision":
            court = {"type": r.choice(["VG", "VG", "VG", "OVG"]), "place": r.choice(PLACES), "name": None}
            numbers.append({"kind": "court", "value": f"{r.randrange(1, 30)} K {r.randrange(1, 9999)}/"
                                                      f"{r.randrange(10, 24)}.A"})
        if doc_type in ("bamf_decision", "court_decision") or r.random() < 0.2:
            numbers.append({"kind": "bamf", "value": f"{r.randrange(1000000, 9999999)}-{r.randrange(100, 999)}"})
        person = f"{r.choice(FIRST)} {r.choice(LAST)}"
        parties = [{"role": "person_concerned", "name": person, "kind": "person"}]
        if r.random() < 0.5:
            parties.append({"role": "representative", "name": f"{r.choice(FIRST)} {r.choice(LAST)}", "kind": "person"})
        dates = [{"role": "document_date", "value": date, "page": 1, "text": None}]
        if r.random() < 0.6:
            dates.append({"role": r.choice(["birth_date", "valid_until", "entry_date", "service_date"]),
                          "value": _iso(r.randrange(-9000, 12000)), "page": 1, "text": None})
        words = r.choices(WORDS, cum_weights=self.cum, k=60)
        text = " ".join(words[:30]) + f" {person} " + " ".join(words[30:])
        page = (n % DOCS_PER_AKTE) + 1
        record = {
            "schema_version": "1", "document_id": doc_id, "akte_id": akte,
            "source": {"path": f"batch/{akte}.pdf", "sha256": sha, "first_page": page, "last_page": page},
            "doc_type": doc_type, "doc_subtype": subtype, "confidence": 0.9, "title": None, "language": "de",
            "document_date": date, "dates": dates, "court": court, "file_numbers": numbers, "parties": parties,
            "review": {"needed": False, "reasons": []},
            "objects": {"pdf": f"akten/{akte}/{doc_id}.pdf", "text": f"akten/{akte}/{doc_id}.txt",
                        "metadata": f"akten/{akte}/{doc_id}.json"},
        }
        out: dict[str, list[tuple[Any, ...]]] = {
            "documents": [(doc_id, akte, sha, f"batch/{akte}.pdf", page, page, doc_type, subtype, date,
                           court["type"] if court else None, court["place"] if court else None,
                           spell_out_umlauts(court["place"]) if court else None, None, 0.9, False,
                           f"akten/{akte}/{doc_id}.pdf", f"akten/{akte}/{doc_id}.txt", json.dumps(record), text)],
            "document_dates": [(doc_id, d["role"], d["value"], 1) for d in dates],
            "parties": [(doc_id, i, p["role"], p["kind"], p["name"], spell_out_umlauts(p["name"]),
                         sorted({c for _, c in name_keys(p["name"])})) for i, p in enumerate(parties)],
            "party_tokens": [(doc_id, i, t, c) for i, p in enumerate(parties) for t, c in name_keys(p["name"])],
            "file_numbers": [(doc_id, f["kind"], f["value"], file_number_key(f["value"])) for f in numbers],
        }
        if n % DOCS_PER_AKTE == 0:
            out["akten"] = [(akte, sha, f"batch/{akte}.pdf", DOCS_PER_AKTE)]
        return out


def _accumulate(ws: list[float]) -> Iterator[float]:
    total = 0.0
    for w in ws:
        total += w
        yield total


COLUMNS = {
    "akten": ["akte_id", "source_sha256", "source_path", "documents"],
    "documents": ["document_id", "akte_id", "source_sha256", "source_path", "first_page", "last_page", "doc_type",
                  "doc_subtype", "document_date", "court_type", "court_place", "court_place_folded", "title",
                  "confidence", "review_needed", "pdf_key", "text_key", "record", "body", "terms"],
    "document_dates": ["document_id", "role", "value", "page"],
    "parties": ["document_id", "party_no", "role", "kind", "name", "name_folded", "codes"],
    "party_tokens": ["document_id", "party_no", "token", "code"],
    "file_numbers": ["document_id", "kind", "value", "normalized"],
}


BATCH = 50_000  # documents generated and written per transaction


def batches(n_docs: int) -> Iterator[tuple[int, dict[str, list[tuple[Any, ...]]]]]:
    """(first document number, rows per table) for each batch of synthetic documents, for both loaders."""
    gen = Generator()
    for start in range(0, n_docs, BATCH):
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in COLUMNS}
        for n in range(start, min(n_docs, start + BATCH)):
            for table, rs in gen.document(n).items():
                rows[table].extend(rs)
        yield start, rows


def load_postgres(url: str, n_docs: int, log: Callable[[str], None]) -> None:
    import psycopg

    open_catalog_url(url).close()  # migrations
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        idx = conn.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND NOT EXISTS "
                           "(SELECT 1 FROM pg_constraint c WHERE c.conname = indexname)").fetchall()
        for name, _ in idx:
            conn.execute(f'DROP INDEX "{name}"')
        conn.execute("SET session_replication_role = replica")  # no FK triggers during the bulk load
        t0 = time.monotonic()
        for start, rows in batches(n_docs):
            with conn.transaction():
                for table in ("akten", "documents", "document_dates", "parties", "party_tokens", "file_numbers"):
                    cols = ", ".join(COLUMNS[table])
                    with conn.cursor().copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                        for row in rows[table]:  # documents: + their search terms (tsvector input syntax)
                            copy.write_row((*row, tsvector_literal(row[-1])) if table == "documents" else row)
            log(f"postgresql: {min(n_docs, start + BATCH)} documents loaded ({time.monotonic() - t0:.0f} s)")
        conn.execute("SET session_replication_role = origin")
        conn.execute("SET maintenance_work_mem = '1GB'")
        for name, ddl in idx:
            t1 = time.monotonic()
            conn.execute(ddl)
            log(f"postgresql: index {name} built in {time.monotonic() - t1:.0f} s")
        conn.execute("VACUUM ANALYZE")
        log(f"postgresql: load finished in {time.monotonic() - t0:.0f} s")


def load_sqlite(path: Path, n_docs: int, log: Callable[[str], None]) -> None:
    open_catalog_url(str(path)).close()  # migrations
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")
    idx = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
    for name, _ in idx:
        conn.execute(f'DROP INDEX "{name}"')
    t0 = time.monotonic()
    for start, rows in batches(n_docs):
        conn.execute("BEGIN")
        for table, cols in COLUMNS.items():
            values = rows[table]
            if table == "documents":  # the text and its search terms live in FTS5, not in documents
                conn.executemany("INSERT INTO documents_fts (document_id, text, terms, rterms) VALUES (?, ?, ?, ?)",
                                 [(r[0], r[-1], *fts_columns(r[-1]).values()) for r in values])
                values = [(*r[:-1], None) for r in values]
                cols = cols[:-1]
            if table == "parties":  # SQLite keeps a party's codes as space-separated text
                values = [(*r[:-1], " ".join(r[-1])) for r in values]
            conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)
        conn.execute("COMMIT")
        log(f"sqlite: {min(n_docs, start + BATCH)} documents loaded ({time.monotonic() - t0:.0f} s)")
    for _name, ddl in idx:
        conn.execute(ddl)
    conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
    conn.execute("ANALYZE")
    conn.close()
    log(f"sqlite: load finished in {time.monotonic() - t0:.0f} s")


def workload(n_docs: int, seed: int = 11) -> list[tuple[str, str, Callable[[random.Random], SearchQuery]]]:
    """(name, kind, make query): kind 'filtered' or 'full text' decides the target."""
    gen = Generator()  # the loaded data's stream: regenerate its first documents in order and sample them
    sample = [d for n in range(min(n_docs, 20_000)) if (d := gen.document(n)) and n % 7 == 0]
    numbers = [r[2] for s in sample for r in s["file_numbers"] if r[1] == "court"]
    people = [r[4] for s in sample for r in s["parties"]]
    akten = [s["documents"][0][1] for s in sample]
    band = WORDS[200:1000]  # each in about 1-4 % of the documents: a specific search word
    common = WORDS[20:60]  # each in about a quarter of all documents: nearly a stop word

    def day(r: random.Random) -> int:
        return r.randrange(0, 8600)

    return [
        ("doc_type + date range, newest first", "filtered",
         lambda r: SearchQuery(doc_type=r.choice(list(TYPES)), date_from=_iso(d := day(r)), date_to=_iso(d + 365))),
        ("doc_subtype", "filtered",
         lambda r: SearchQuery(doc_subtype=r.choice(["urteil", "duldung", "lohnabrechnung"]))),
        ("file number (any spelling)", "filtered",
         lambda r: SearchQuery(file_number=r.choice(numbers).replace(" ", "").replace(".", " "))),
        ("party name (phonetic)", "filtered", lambda r: SearchQuery(party=r.choice(people))),
        ("court + date range", "filtered",
         lambda r: SearchQuery(court=f"VG {r.choice(PLACES)}", date_from=_iso(d := day(r)), date_to=_iso(d + 730))),
        ("date role range (valid_until)", "filtered",
         lambda r: SearchQuery(date_role="valid_until", date_from=_iso(d := day(r)), date_to=_iso(d + 30))),
        ("Akte listing", "filtered", lambda r: SearchQuery(akte_id=r.choice(akten), sort="date_asc")),
        ("full text, one word (1-4 % of docs)", "full text", lambda r: SearchQuery(text=r.choice(band))),
        ("full text, two words", "full text", lambda r: SearchQuery(text=f"{r.choice(BASE_WORDS)} {r.choice(band)}")),
        ("full text + doc_type", "full text",
         lambda r: SearchQuery(text=r.choice(band), doc_type="court_decision")),
        ("full text, very common word (~25 % of docs)", "full text", lambda r: SearchQuery(text=r.choice(common))),
        ("full text + party", "full text", lambda r: SearchQuery(text=r.choice(BASE_WORDS), party=r.choice(people))),
    ]


Row = tuple[str, str, float, float, float, str, str]  # name, kind, p50, p95, hits/page, totals, order


def measure(cat: Catalog, n_docs: int, runs: int) -> list[Row]:
    out: list[Row] = []
    for name, kind, make in workload(n_docs):
        r = random.Random(name)
        for _ in range(3):
            cat.query(make(r))  # warm-up
        times, hits, exact, counted_more, orders = [], 0, 0, 0, Counter[str]()
        for _ in range(runs):
            q = make(r)
            t = time.perf_counter()
            page = cat.query(q)
            times.append((time.perf_counter() - t) * 1000)
            hits += len(page.hits)
            exact += page.total_exact
            counted_more += not page.total_exact and page.total >= COUNT_CAP
            orders[page.sort] += 1
        times.sort()
        totals = f"{exact / runs:.0%} exact, {counted_more / runs:.0%} > {COUNT_CAP:,}, " \
                 f"{(runs - exact - counted_more) / runs:.0%} > page + estimate"
        out.append((name, kind, statistics.median(times), times[int(0.95 * (len(times) - 1))], hits / runs,
                    totals, orders.most_common(1)[0][0]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1_000_000)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--pg-url", help="an existing server database (default: a throwaway cluster)")
    ap.add_argument("--runs", type=int, default=100, help="queries per kind")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "CATALOG_RESULTS.md")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--load-only", action="store_true", help="load --pg-url's database and stop (no queries)")
    ap.add_argument("--skip-load", action="store_true", help="query --pg-url's database as loaded earlier")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="eakte-bench-"))
    results: dict[str, list[Row]] = {}
    load_s: dict[str, float] = {}
    machine: dict[str, str] = {}

    def run(backend: str, cat: Catalog) -> None:
        before = os.getloadavg()[0]
        results[backend] = measure(cat, args.docs, args.runs)
        machine[backend] = f"load average {before:.1f} before, {os.getloadavg()[0]:.1f} after the queries"

    def log(msg: str) -> None:
        print(msg, flush=True)

    if args.backend in ("postgresql", "both"):
        tuned = {"shared_buffers": "2GB", "work_mem": "32MB", "max_wal_size": "8GB", "effective_cache_size": "8GB"}
        with bench_database(args.pg_url, tuned) as url:
            t = time.monotonic()
            if not args.skip_load:
                load_postgres(url, args.docs, log)
                load_s["postgresql"] = time.monotonic() - t
            if args.load_only:
                return
            cat = open_catalog_url(url)
            run("postgresql", cat)
            cat.close()
    if args.backend in ("sqlite", "both"):
        path = work / "bench.sqlite"
        path.unlink(missing_ok=True)
        t = time.monotonic()
        load_sqlite(path, args.docs, log)
        load_s["sqlite"] = time.monotonic() - t
        cat = open_catalog_url(str(path))
        run("sqlite", cat)
        cat.close()
        path.unlink(missing_ok=True)
    write_report(args, results, load_s, machine)


def write_report(args: argparse.Namespace, results: dict[str, list[Row]], load_s: dict[str, float],
                 machine: dict[str, str]) -> None:
    lines = ["# Catalog benchmark", "",
             f"Command: `.venv/bin/python benchmarks/catalog_bench.py --docs {args.docs} --backend {args.backend} "
             f"--runs {args.runs}`", "",
             f"{args.docs:,} synthetic documents ({args.docs // DOCS_PER_AKTE:,} Akten), {args.runs} queries per kind "
             f"through `Catalog.query` (page of 20 with its total and snippets). Machine: {os.cpu_count()} cores, "
             "shared with other work. Targets (PostgreSQL): p95 ≤ 50 ms filtered, ≤ 200 ms full text.", "",
             "*totals*: how the queries' totals came out: exact, a counted lower bound (more than 1,000), or "
             "only 'more than this page' beside the planner's estimate (when counting would visit rows); "
             "*order*: the order used (relevance falls back to newest first above 250 matches).", ""]
    for backend, rows in results.items():
        loaded = f"bulk load + indexes: {load_s[backend] / 60:.1f} min" if backend in load_s else "loaded earlier"
        lines += [f"## {backend} ({loaded}; {machine[backend]})", "",
                  "| query | kind | p50 ms | p95 ms | target p95 | hits/page | totals | order |",
                  "|---|---|---:|---:|---|---:|---|---|"]
        for name, kind, p50, p95, hits, totals, order in rows:
            target = ("≤ 50 ms" if kind == "filtered" else "≤ 200 ms") if backend == "postgresql" else "—"
            ok = "" if backend != "postgresql" else (" ✓" if p95 <= (50 if kind == "filtered" else 200) else " ✗")
            lines.append(f"| {name} | {kind} | {p50:.1f} | {p95:.1f} | {target}{ok} | {hits:.1f} | {totals} | "
                         f"{order} |")
        lines.append("")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
