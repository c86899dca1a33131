"""Where the shared services saturate (issue 20): a measured run's catalog and store writes, replayed at 1×, 5×,
20× … its rate against the local PostgreSQL and S3 server.

    .venv/bin/python -m benchmarks.replay --results benchmarks/REPLAY_RESULTS.md

1. Measures a real run: `eakte migrate` of a small inbox (samples/ plus generated 300-dpi scans from
   benchmarks/scans.py, 20 pages) against a PostgreSQL catalog (a throw-away cluster with pg_stat_statements)
   and a moto_server store, both started here. Recorded from the servers: every S3 request (moto's request
   log) with the stored objects' sizes (bucket listing), the catalog's rows per table, statements and
   transactions (pg_stat_user_tables, pg_stat_statements, pg_stat_database), the Prefect API's writes (rows in
   the run's own Prefect database: flow and task runs, their states, logs, events, artifacts), CPU of the run
   and of the servers, pages/min. The per-source pattern (shapes only: object sizes, record structure) goes
   to --pattern-out; --pattern replays a saved one without the OCR run.
2. Replays that pattern with synthetic records through eakte's own store and catalog code
   (benchmarks/replay_writers.py) at each multiplier for --seconds, with --writers processes, against a fresh
   moto_server and a fresh catalog database per step; stops once a step reaches less than 90 % of its
   target (or --max-multiplier). Each step is checked: the objects, bytes and catalog rows it left must be
   those the pattern predicts for the sources it replayed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.replay_writers import KINDS, StepResult, Target, percentile, prepare, run_step
from benchmarks.scaling import Moto, cluster_pid, tree_cpu
from benchmarks.scans import make_set
from benchmarks.write_pattern import CATALOG_TABLES, Pattern, parse_requests, record, shape_rows
from tests.conftest import free_port
from tests.postgres_server import PostgresCluster

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
KEY = "replay-bench"
BUCKET = "eakte-replay"
PLAN_PAGES_PER_S = 3_000_000 / (48 * 3600)  # the README's capacity plan: 3 M pages in 48 h
PREFECT_TABLES = ("flow_run", "flow_run_state", "task_run", "task_run_state", "artifact", "log", "events")
STATEMENT = re.compile(r"^\s*(INSERT INTO|UPDATE|DELETE FROM|SELECT)\b.*?\b(?:FROM\s+|INTO\s+|UPDATE\s+)?"
                       r"(sources|akten|documents|document_dates|parties|party_tokens|file_numbers|review_reasons|"
                       r"source_claims|alembic_version)\b", re.S | re.I)


# -- server-side counters ------------------------------------------------------------------------------


def pg_tables(url: str) -> dict[str, dict[str, int]]:
    """Rows inserted / updated / deleted and live rows per catalog table (counters flushed first)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as c:
        c.execute("SELECT pg_stat_force_next_flush()")
        rows = c.execute("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables").fetchall()
        live = {t: int(c.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
                for t in CATALOG_TABLES}
    return {name: {"ins": int(i), "upd": int(u), "del": int(d), "live": live.get(name, 0)}
            for name, i, u, d in rows if name in CATALOG_TABLES}


def pg_xacts(url: str) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as c:
        c.execute("SELECT pg_stat_force_next_flush()")
        row = c.execute("SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()"
                        ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def pg_statements(url: str) -> Counter[str]:
    """Statement calls of this database by kind ("INSERT INTO sources"), from pg_stat_statements."""
    import psycopg

    out: Counter[str] = Counter()
    with psycopg.connect(url, autocommit=True) as c:
        for query, calls in c.execute(
                "SELECT query, calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
                "WHERE d.datname = current_database()").fetchall():
            m = STATEMENT.match(query)
            if m:
                out[f"{m.group(1).upper()} {m.group(2).lower()}"] += int(calls)
    return out


def reset_statements(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as c:
        c.execute("SELECT pg_stat_statements_reset()")


def bucket_sizes(endpoint: str, prefix: str) -> dict[str, int]:
    """Key (below the prefix) → size of every object stored under the prefix."""
    from minio import Minio

    client = Minio(endpoint.split("://", 1)[1], access_key=KEY, secret_key=KEY, secure=False, region="us-east-1")
    return {(o.object_name or "")[len(prefix) + 1:]: int(o.size or 0)
            for o in client.list_objects(BUCKET, prefix=prefix + "/", recursive=True)}


def prefect_rows(home: Path) -> dict[str, int]:
    db = home / "prefect.db"
    if not db.exists():
        return {}
    with sqlite3.connect(db) as c:
        names = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: int(c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in PREFECT_TABLES if t in names}


def start_cluster() -> PostgresCluster:
    """A throw-away cluster (tests/postgres_server.py) with pg_stat_statements loaded."""
    import psycopg

    cluster = PostgresCluster(free_port())
    cluster.start()
    with psycopg.connect(cluster.url(), autocommit=True) as c:
        c.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'")
        c.execute("ALTER SYSTEM SET max_connections = 200")
    cluster._run(str(cluster.bindir / "pg_ctl"), "-D", str(cluster.data), "-w", "-m", "fast", "restart")
    return cluster


def new_database(cluster: PostgresCluster, name: str) -> str:
    import psycopg

    with psycopg.connect(cluster.url(), autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {name}")
        c.execute(f"CREATE DATABASE {name}")
    url = cluster.url(name)
    with psycopg.connect(url, autocommit=True) as c:
        c.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    return url


# -- the measured run ------------------------------------------------------------------------------------


def measure(cluster: PostgresCluster, moto: Moto, inbox: Path, work: Path, workers: int) -> Pattern:
    """One `eakte migrate` of the inbox on PostgreSQL + moto; its write pattern and figures."""
    catalog = new_database(cluster, "measured")
    reset_statements(catalog)
    home = work / "prefect-home"
    env = {**os.environ, "EAKTE_S3_ACCESS_KEY": KEY, "EAKTE_S3_SECRET_KEY": KEY, "EAKTE_S3_REGION": "us-east-1",
           "EAKTE_S3_ENDPOINT": f"http://127.0.0.1:{moto.port}", "EAKTE_CATALOG": catalog,
           "EAKTE_STORE": f"s3://{BUCKET}/measured", "EAKTE_DATA_DIR": str(work / "data"),
           "PREFECT_HOME": str(home), "OMP_THREAD_LIMIT": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    # A fresh Prefect home sets up its database on the first run: done before, outside the measurement.
    subprocess.run([str(BIN / "prefect"), "flow-run", "ls", "--limit", "1"], env=env, capture_output=True,
                   check=False, timeout=300)
    prefect_before = prefect_rows(home)
    server_pids = {"postgresql": cluster_pid(cluster), "moto": moto.proc.pid}
    cpu0 = {k: tree_cpu(p) for k, p in server_pids.items()}
    log0 = moto.offset()
    xact0 = pg_xacts(catalog)
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    done = subprocess.run([str(BIN / "eakte"), "migrate", str(inbox), "--workers", str(workers), "--summary-json",
                           str(work / "summary.json")], env=env, capture_output=True, text=True, timeout=1800,
                          check=False)
    wall = time.monotonic() - t0
    if done.returncode != 0:
        raise RuntimeError(f"the measured run failed (exit {done.returncode}): {done.stderr.strip()[-400:]}")
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = json.loads((work / "summary.json").read_text())
    time.sleep(0.5)
    requests = parse_requests(moto.log.read_bytes()[log0:].decode(errors="replace"), BUCKET, "measured")
    pattern = record(catalog, requests, bucket_sizes(f"http://127.0.0.1:{moto.port}", "measured"))
    pattern.seconds = float(summary["seconds"])
    pattern.pages_per_minute = float(summary["pages_per_minute"])
    xact = pg_xacts(catalog)
    prefect_after = prefect_rows(home)
    pattern.extra = {
        "wall_s": round(wall, 2), "pages": summary["pages"], "sources": summary["sources"],
        "documents": summary["documents"], "ocr_workers": workers,
        "client_cpu_s": round(kids.ru_utime + kids.ru_stime - kids0.ru_utime - kids0.ru_stime, 2),
        "server_cpu_s": {k: round(tree_cpu(p) - cpu0[k], 2) for k, p in server_pids.items()},
        "xact_commit": xact[0] - xact0[0], "xact_rollback": xact[1] - xact0[1],
        "tables": pg_tables(catalog), "statements": dict(pg_statements(catalog)),
        "requests": dict(Counter(m for m, _ in requests)),
        "prefect_rows": {k: prefect_after.get(k, 0) - prefect_before.get(k, 0) for k in prefect_after},
    }
    return pattern


# -- the replay steps ------------------------------------------------------------------------------------


def replay_step(cluster: PostgresCluster, work: Path, pattern: Pattern, multiplier: float, writers: int,
                seconds: float) -> tuple[StepResult, dict[str, Any]]:
    """One step on a fresh moto_server and catalog database; the step's result and its exactness check."""
    name = f"replay_{str(multiplier).replace('.', '_')}x"
    catalog = new_database(cluster, name)
    moto = Moto(work / f"{name}-moto.log")
    try:
        target = Target(catalog, f"http://127.0.0.1:{moto.port}", BUCKET, name, KEY, KEY)
        prepare(target)
        reset_statements(catalog)
        xact0, log0 = pg_xacts(catalog), moto.offset()
        pids = {"postgresql": cluster_pid(cluster), "moto": moto.proc.pid}
        result = run_step(target, pattern, multiplier, writers, seconds, name,
                          server_cpu=lambda: {k: tree_cpu(p) for k, p in pids.items()})
        time.sleep(0.5)
        xact = pg_xacts(catalog)
        check = check_step(pattern, result.sources, catalog, target,
                           parse_requests(moto.log.read_bytes()[log0:].decode(errors="replace"), BUCKET, name))
        check["xact_commit"], check["statements"] = xact[0] - xact0[0], dict(pg_statements(catalog))
    finally:
        moto.stop()
    return result, check


def expected(pattern: Pattern, sources: int) -> tuple[int, int, Counter[str], Counter[str]]:
    """(objects, bytes, catalog rows by table, requests by method) that `sources` replayed sources leave."""
    objects = size = 0
    rows: Counter[str] = Counter()
    methods: Counter[str] = Counter()
    for i in range(sources):
        s = pattern.sources[i % len(pattern.sources)]
        puts = [op for op in s.ops if op.method == "PUT"]
        objects, size = objects + len(puts), size + sum(op.size for op in puts)
        rows += shape_rows(s)
        methods.update(op.method for op in s.ops)
    return objects, size, rows, methods


def check_step(pattern: Pattern, sources: int, catalog: str, target: Target,
               requests: list[tuple[str, str | None]]) -> dict[str, Any]:
    """What the step left on the servers against what the pattern predicts for the sources it replayed."""
    sizes = bucket_sizes(target.endpoint, target.prefix)
    tables = pg_tables(catalog)
    objects, size, rows, methods = expected(pattern, sources)
    seen = Counter(m for m, k in requests if k is not None)
    live = {t: v["live"] for t, v in tables.items() if v["live"] or rows.get(t)}
    return {"objects": len(sizes), "objects_expected": objects, "bytes": sum(sizes.values()), "bytes_expected": size,
            "rows": live, "rows_expected": {k: v for k, v in rows.items() if v},
            "requests": dict(seen), "requests_expected": dict(methods), "tables": tables,
            "exact": len(sizes) == objects and sum(sizes.values()) == size and seen == methods
            and all(live.get(t, 0) == rows.get(t, 0) for t in CATALOG_TABLES)}


# -- report ----------------------------------------------------------------------------------------------


def report(pattern: Pattern, steps: list[tuple[StepResult, dict[str, Any]]], command: str, started: str,
           load: tuple[float, float]) -> str:
    x = pattern.extra
    pages = max(pattern.pages, 1)
    srcs = max(len(pattern.sources), 1)
    objects, size = pattern.stored()
    req = pattern.requests()
    rows = pattern.rows()
    lines = [
        "# Replay of a run's catalog and store writes", "",
        f"Machine: nproc {os.cpu_count()}, {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}; started {started}; load average {load[0]:.2f} before, {load[1]:.2f} after.",
        "", "```bash", command, "```", "",
        "## The measured run", "",
        f"`eakte migrate` of {x.get('sources', len(pattern.sources))} sources, {pattern.pages} pages "
        f"({x.get('documents', '?')} documents), --workers {x.get('ocr_workers', '?')}: "
        f"{pattern.seconds:.1f} s in the run ({pattern.pages_per_minute:.1f} pages/min, the rate replayed as 1×), "
        f"{x.get('wall_s', 0):.1f} s for the process.", "",
        "| figure | per page | per source |", "|---|---|---|",
        f"| CPU s, the run (eakte, OCR pool, tesseract) | {x.get('client_cpu_s', 0) / pages:.2f} | "
        f"{x.get('client_cpu_s', 0) / srcs:.1f} |",
    ]
    for k, v in x.get("server_cpu_s", {}).items():
        lines.append(f"| CPU s, {k} | {v / pages:.4f} | {v / srcs:.3f} |")
    for m in sorted(req):
        lines.append(f"| S3 {m} requests (the sources' objects) | {req[m] / pages:.2f} | {req[m] / srcs:.2f} |")
    run_req = ", ".join(f"{k} {v}" for k, v in sorted(pattern.run_requests.items())) or "none"
    lines += [f"| S3 objects stored | {objects / pages:.2f} | {objects / srcs:.2f} |",
              f"| S3 bytes stored | {size / pages / 1024:.0f} KiB | {size / srcs / 1024:.0f} KiB |",
              f"| catalog rows written (inserted + updated + deleted) | {_written(x) / pages:.2f} | "
              f"{_written(x) / srcs:.2f} |",
              f"| catalog rows left (all tables) | {sum(rows.values()) / pages:.2f} | "
              f"{sum(rows.values()) / srcs:.2f} |",
              f"| catalog transactions committed | {x.get('xact_commit', 0) / pages:.2f} | "
              f"{x.get('xact_commit', 0) / srcs:.2f} |"]
    for k, v in sorted(x.get("prefect_rows", {}).items()):
        lines.append(f"| Prefect API rows written: {k} | {v / pages:.2f} | {v / srcs:.2f} |")
    lines += ["", f"Requests not tied to a source (bucket checks at start): {run_req}.", "",
              "## Replay steps", "",
              "| × | writers | target sources/s (pages/s) | achieved sources/s (pages/s) | achieved / target | "
              f"pages/s ÷ plan's {PLAN_PAGES_PER_S:.1f} | sources | late | dropped | errors | client cores | "
              "PostgreSQL cores | moto cores | exact |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    pps = pattern.pages / srcs
    for r, c in steps:
        ratio = r.achieved_sources_per_s / r.target_sources_per_s if r.target_sources_per_s else 0
        cores = {k: v / r.seconds for k, v in r.server_cpu_s.items()} if r.seconds else {}
        lines.append(
            f"| {r.multiplier:g} | {r.writers} | {r.target_sources_per_s:.2f} ({r.target_sources_per_s * pps:.1f}) | "
            f"{r.achieved_sources_per_s:.2f} ({r.achieved_sources_per_s * pps:.1f}) | {ratio:.2f} | "
            f"{r.achieved_sources_per_s * pps / PLAN_PAGES_PER_S:.2f} | {r.sources} | "
            f"{r.late} | {r.dropped} | {r.errors} | {r.client_cpu_s / r.seconds if r.seconds else 0:.2f} | "
            f"{cores.get('postgresql', 0):.2f} | {cores.get('moto', 0):.2f} | {'yes' if c['exact'] else 'NO'} |")
    lines += ["", "CPU per replayed page (ms): what each side spends on the writes alone", "",
              "| × | client (writers) | PostgreSQL | moto |", "|---|---|---|---|"]
    for r, _ in steps:
        p = max(r.sources * pps, 1)
        cpu = {k: 1000 * v / p for k, v in r.server_cpu_s.items()}
        lines.append(f"| {r.multiplier:g} | {1000 * r.client_cpu_s / p:.1f} | {cpu.get('postgresql', 0):.1f} | "
                     f"{cpu.get('moto', 0):.1f} |")
    lines += ["", "Latency per operation (ms, p50 / p95):", "",
              "| × | " + " | ".join(KINDS) + " |", "|---" * (len(KINDS) + 1) + "|"]
    for r, _ in steps:
        cells = [f"{1000 * percentile(r.latencies.get(k, []), 0.5):.1f} / "
                 f"{1000 * percentile(r.latencies.get(k, []), 0.95):.1f}" for k in KINDS]
        lines.append(f"| {r.multiplier:g} | " + " | ".join(cells) + " |")
    lines += ["", "Catalog statements per source, measured run vs each step (pg_stat_statements):", "",
              "| statement | measured | " + " | ".join(f"{r.multiplier:g}×" for r, _ in steps) + " |",
              "|---|---|" + "---|" * len(steps)]
    kinds = sorted(set(x.get("statements", {})) | {k for _, c in steps for k in c["statements"]})
    for k in kinds:
        cells = [f"{c['statements'].get(k, 0) / max(r.sources, 1):.2f}" for r, c in steps]
        lines.append(f"| {k} | {x.get('statements', {}).get(k, 0) / srcs:.2f} | " + " | ".join(cells) + " |")
    lines.append(f"| transactions committed | {x.get('xact_commit', 0) / srcs:.2f} | " + " | ".join(
        f"{c['xact_commit'] / max(r.sources, 1):.2f}" for r, c in steps) + " |")
    return "\n".join(lines) + "\n"


def _written(x: dict[str, Any]) -> int:
    return sum(v["ins"] + v["upd"] + v["del"] for v in x.get("tables", {}).values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=3, help="generated scans beside samples/ (4 pages each)")
    ap.add_argument("--ocr-workers", type=int, default=2)
    ap.add_argument("--multipliers", default="1,5,20", help="replayed first, in order")
    ap.add_argument("--max-multiplier", type=float, default=640.0, help="doubling after the list stops here")
    ap.add_argument("--seconds", type=float, default=30.0, help="per step")
    ap.add_argument("--writers", type=int, default=16)
    ap.add_argument("--budget", type=float, default=600.0, help="seconds for all replay steps together")
    ap.add_argument("--pattern", type=Path, help="replay this saved pattern instead of measuring a run")
    ap.add_argument("--pattern-out", type=Path, help="save the measured pattern here")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "eakte-scaling-scans")
    ap.add_argument("--results", type=Path)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    command = ".venv/bin/python -m benchmarks.replay " + " ".join(argv if argv is not None else sys.argv[1:])
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load0 = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="eakte-replay-"))
    cluster = start_cluster()
    steps: list[tuple[StepResult, dict[str, Any]]] = []
    try:
        if args.pattern:
            pattern = Pattern.from_json(args.pattern.read_text())
        else:
            inbox = work / "inbox"
            inbox.mkdir()
            for f in sorted((ROOT / "samples").iterdir()):
                shutil.copy(f, inbox / f.name)
            args.cache.mkdir(parents=True, exist_ok=True)
            for f in make_set(args.cache, args.files, 4):
                shutil.copy(f, inbox / f.name)
            moto = Moto(work / "moto.log")
            try:
                pattern = measure(cluster, moto, inbox, work, args.ocr_workers)
            finally:
                moto.stop()
            print(f"measured: {pattern.pages} pages, {pattern.pages_per_minute:.1f} pages/min", file=sys.stderr)
            if args.pattern_out:
                args.pattern_out.write_text(pattern.to_json())
        multipliers = [float(m) for m in args.multipliers.split(",")]
        deadline = time.monotonic() + args.budget
        while multipliers and time.monotonic() < deadline:
            m = multipliers.pop(0)
            r, c = replay_step(cluster, work, pattern, m, args.writers, args.seconds)
            steps.append((r, c))
            ratio = r.achieved_sources_per_s / r.target_sources_per_s
            print(f"{m:g}x: {ratio:.2f} of target, exact={c['exact']}", file=sys.stderr)
            if ratio < 0.9:
                break
            if not multipliers and m * 2 <= args.max_multiplier:
                multipliers.append(m * 2)
    finally:
        cluster.stop()
    text = report(pattern, steps, command, started, (load0, os.getloadavg()[0]))
    print(text)
    if args.results:
        args.results.write_text(text)
    if args.json:
        args.json.write_text(json.dumps({"pattern_extra": pattern.extra, "steps": [
            {**{k: v for k, v in r.__dict__.items() if k != "latencies"},
             "latency_ms": {k: [1000 * percentile(v, 0.5), 1000 * percentile(v, 0.95)] for k, v in r.latencies.items()},
             "check": c} for r, c in steps]}, indent=1, default=str))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
