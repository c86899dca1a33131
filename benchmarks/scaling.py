"""Scaling through the work pool (issue 20): one process worker vs two on the same OCR inbox, as an operator runs it.

    .venv/bin/python -m benchmarks.scaling --files 12 --pages 4 --results benchmarks/SCALING_RESULTS.md

Real parts, started here: a Prefect server (tests/prefect_server.py), a PostgreSQL cluster (the catalog), a
moto S3 server process (the store), `eakte setup-prefect` and `prefect --no-prompt deploy --all`. Each round
gets a fresh catalog database and a fresh store prefix, starts N `prefect worker start --pool eakte-pool
--limit 1` processes (EAKTE_OCR_WORKERS=1: one batch and one OCR slot per worker) and runs the `eakte-inbox`
parent flow (flows/inbox.py) in a process of its own, which submits one `migrate-batch` run per batch and
waits. The scans are benchmarks/scans.py's generated set (as benchmarks/throughput.py uses).

Measured per round: wall time of the parent (start to exit) and the span of its batches (first start to last
end, the parent's own pages/min), which worker took which batch (the flow run's process, seen under the
worker's process tree), CPU seconds of every process involved (workers and their flow runs and tesseracts,
the parent, the Prefect server, PostgreSQL, moto), S3 requests by method from moto's request log and bytes
stored, catalog rows written and transactions committed (pg_stat). The ratio is of the same invocation.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.scans import make_set
from tests.conftest import free_port, wait_port
from tests.pool_workers import (
    deploy,
    descendants,
    parent_result,
    start_parent,
    start_worker,
    stop_worker,
)
from tests.postgres_server import PostgresCluster
from tests.prefect_server import PrefectServer

BIN = Path(sys.executable).parent
KEYS = {"EAKTE_S3_ACCESS_KEY": "scaling-bench", "EAKTE_S3_SECRET_KEY": "scaling-bench", "EAKTE_S3_REGION": "us-east-1"}
TICK = os.sysconf("SC_CLK_TCK")
REQUEST = re.compile(r'"(GET|PUT|POST|HEAD|DELETE) (\S+) HTTP')


def proc_cpu(pid: int, children: bool = True) -> float:
    """User + system CPU seconds of a process (and of its children it waited for)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = sum(int(f) for f in fields[11:15 if children else 13])
    return ticks / TICK


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process, its waited-for children and its live descendants."""
    return proc_cpu(pid) + sum(proc_cpu(p, children=False) for p in descendants(pid))


@dataclass
class Round:
    workers: int
    pages: int = 0
    sources: int = 0
    wall_s: float = 0.0
    span_s: float = 0.0
    batches: dict[str, int] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    s3: dict[str, int] = field(default_factory=dict)
    s3_bytes: int = 0
    catalog_rows: int = 0
    catalog_commits: int = 0
    load_before: float = 0.0
    load_after: float = 0.0

    @property
    def ppm_wall(self) -> float:
        return self.pages / self.wall_s * 60 if self.wall_s else 0.0

    @property
    def ppm_span(self) -> float:
        return self.pages / self.span_s * 60 if self.span_s else 0.0


class Moto:
    """moto_server with its request log in a file (one line per request: method and path)."""

    def __init__(self, log: Path) -> None:
        self.port, self.log = free_port(), log
        exe = shutil.which("moto_server", path=str(BIN)) or "moto_server"
        self.out = open(log, "wb")  # noqa: SIM115 (lives with the process)
        self.proc = subprocess.Popen([exe, "-H", "127.0.0.1", "-p", str(self.port)], stdout=self.out,
                                     stderr=subprocess.STDOUT)
        wait_port(self.port)

    def offset(self) -> int:
        return self.log.stat().st_size

    def requests(self, bucket: str, prefix: str, since: int) -> Counter[str]:
        """Requests on keys under `prefix` (and on the bucket) since log offset `since`, by method."""
        counts: Counter[str] = Counter()
        with open(self.log, "rb") as f:
            f.seek(since)
            text = f.read().decode(errors="replace")
        for m in REQUEST.finditer(text):
            if m.group(2).startswith(f"/{bucket}/{prefix}/") or m.group(2).startswith(f"/{bucket}?"):
                counts[m.group(1)] += 1
        return counts

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)
        self.out.close()


def pg_counts(url: str) -> tuple[int, int]:
    """(rows inserted + updated + deleted over the catalog's tables, transactions committed) of the database."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as c:
        rows = c.execute("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables"
                         ).fetchone()
        commits = c.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
                            ).fetchone()
    return int(rows[0] if rows else 0), int(commits[0] if commits else 0)


def s3_bytes(endpoint: str, bucket: str, prefix: str) -> int:
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=KEYS["EAKTE_S3_ACCESS_KEY"],
                      aws_secret_access_key=KEYS["EAKTE_S3_SECRET_KEY"], region_name="us-east-1")
    total = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix + "/"):
        total += sum(int(o["Size"]) for o in page.get("Contents", []))
    return total


def run_round(n: int, server: PrefectServer, cluster: PostgresCluster, moto: Moto, inbox: Path, work: Path,
              pages_per_batch: int) -> Round:
    import psycopg

    r = Round(workers=n, load_before=os.getloadavg()[0])
    db = f"scaling_{n}w"
    with psycopg.connect(cluster.url(), autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {db}")
        c.execute(f"CREATE DATABASE {db}")
    catalog, bucket, prefix = cluster.url(db), "eakte-scaling", f"round-{n}w-{int(time.time())}"
    shared = {**KEYS, "EAKTE_S3_ENDPOINT": f"http://127.0.0.1:{moto.port}", "EAKTE_CATALOG": catalog,
              "EAKTE_STORE": f"s3://{bucket}/{prefix}", "EAKTE_OCR_WORKERS": "1", "OMP_THREAD_LIMIT": "1"}
    names = [f"worker-{chr(97 + i)}" for i in range(n)]
    workers = {name: start_worker(server, {**shared, "EAKTE_DATA_DIR": str(work / f"{n}w-{name}")}, work,
                                  log=work / f"{n}w-{name}.log") for name in names}
    seen: dict[int, str] = {}  # flow run process -> worker
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.3):
            for name, proc in workers.items():
                for pid in descendants(proc.pid):
                    seen.setdefault(pid, name)

    cpu_base = {"prefect server": tree_cpu(server.proc.pid) if server.proc else 0.0,
                "postgresql": tree_cpu(cluster_pid(cluster)), "moto": tree_cpu(moto.proc.pid)}
    log_start = moto.offset()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    time.sleep(3)  # the workers have polled the pool once
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    t0 = time.monotonic()
    parent = start_parent(server, {**shared, "EAKTE_DATA_DIR": str(work / f"{n}w-parent")}, work / f"{n}w-parent.log",
                          inbox=str(inbox), pages_per_batch=pages_per_batch, poll_seconds=1)
    code = parent.wait(timeout=3600)
    r.wall_s = time.monotonic() - t0
    stop.set()
    watcher.join()
    result = parent_result(work / f"{n}w-parent.log")
    if code != 0 or result is None:
        raise RuntimeError(f"inbox run with {n} workers failed: see {work / f'{n}w-parent.log'}")
    r.cpu = {k: (tree_cpu(server.proc.pid) if k == "prefect server" and server.proc else
                 tree_cpu(cluster_pid(cluster)) if k == "postgresql" else tree_cpu(moto.proc.pid)) - v
             for k, v in cpu_base.items()}
    for proc in workers.values():
        stop_worker(proc)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    r.cpu["workers, flow runs, tesseract, parent"] = (after.ru_utime + after.ru_stime
                                                      - children_before.ru_utime - children_before.ru_stime)
    r.load_after = os.getloadavg()[0]
    r.pages, r.sources = int(result["pages"]), int(result["sources"])
    r.batches = batches_by_worker([str(x) for x in result["batch_runs"]], server, seen)
    r.span_s = r.pages / float(result["pages_per_minute"]) * 60 if result.get("pages_per_minute") else 0.0
    time.sleep(1.5)  # pg_stat counters are flushed about every second
    r.catalog_rows, r.catalog_commits = pg_counts(catalog)
    r.s3 = dict(moto.requests(bucket, prefix, log_start))
    r.s3_bytes = s3_bytes(f"http://127.0.0.1:{moto.port}", bucket, prefix)
    return r


def cluster_pid(cluster: PostgresCluster) -> int:
    return int((cluster.data / "postmaster.pid").read_text().split()[0])


def batches_by_worker(run_ids: list[str], server: PrefectServer, seen: dict[int, str]) -> dict[str, int]:
    """How many batch runs each worker took (the run's process, `host:pid` on the server, under a worker)."""
    from uuid import UUID

    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    taken: Counter[str] = Counter()
    with temporary_settings({PREFECT_API_URL: server.api}), get_client(sync_client=True) as client:
        for rid in run_ids:
            infra = client.read_flow_run(UUID(rid)).infrastructure_pid or ""
            pid = int(infra.rsplit(":", 1)[-1]) if infra.rsplit(":", 1)[-1].isdigit() else -1
            taken[seen.get(pid, "unknown")] += 1
    return dict(sorted(taken.items()))


def report(rounds: list[Round], args: argparse.Namespace, command: str, started: str) -> str:
    one = next((r for r in rounds if r.workers == 1), None)
    lines = ["# Scaling through the work pool", "",
             f"Machine: nproc {os.cpu_count()}, {platform.processor() or platform.machine()}, Python "
             f"{platform.python_version()}; started {started}. Command:", "", "```bash", command, "```", "",
             "| workers | sources | pages | parent wall s | pages/min (wall) | batch span s | pages/min (span) "
             "| × 1 worker (wall) | × 1 worker (span) | batches per worker | load avg before → after |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rounds:
        x_wall = f"{r.ppm_wall / one.ppm_wall:.2f}" if one and one.ppm_wall else "-"
        x_span = f"{r.ppm_span / one.ppm_span:.2f}" if one and one.ppm_span else "-"
        taken = ", ".join(f"{k}: {v}" for k, v in r.batches.items())
        lines.append(f"| {r.workers} | {r.sources} | {r.pages} | {r.wall_s:.1f} | {r.ppm_wall:.1f} | "
                     f"{r.span_s:.1f} | {r.ppm_span:.1f} | {x_wall} | {x_span} | {taken} | "
                     f"{r.load_before:.2f} → {r.load_after:.2f} |")
    lines += ["", "Per page (capacity-plan inputs, per round):", "",
              "| workers | CPU s/page: workers+runs+tesseract+parent | Prefect server | PostgreSQL | moto | "
              "S3 requests/page by method | S3 bytes stored/page | catalog rows written/page | catalog commits/page |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in rounds:
        p = max(r.pages, 1)
        s3 = ", ".join(f"{k} {v / p:.2f}" for k, v in sorted(r.s3.items()))
        lines.append(f"| {r.workers} | {r.cpu.get('workers, flow runs, tesseract, parent', 0) / p:.2f} | "
                     f"{r.cpu.get('prefect server', 0) / p:.3f} | {r.cpu.get('postgresql', 0) / p:.3f} | "
                     f"{r.cpu.get('moto', 0) / p:.3f} | {s3} | {r.s3_bytes / p / 1024:.0f} KiB | "
                     f"{r.catalog_rows / p:.1f} | {r.catalog_commits / p:.1f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=12)
    ap.add_argument("--pages", type=int, default=4, help="pages per scanned file")
    ap.add_argument("--pages-per-batch", type=int, default=8)
    ap.add_argument("--rounds", default="1,2", help="worker counts, in order (default 1,2)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "eakte-scaling-scans")
    ap.add_argument("--results", type=Path, help="write the markdown table here (and print it)")
    ap.add_argument("--json", type=Path, help="the raw numbers")
    args = ap.parse_args(argv)
    command = ".venv/bin/python -m benchmarks.scaling " + " ".join(argv if argv is not None else sys.argv[1:])
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    work = Path(tempfile.mkdtemp(prefix="eakte-scaling-"))
    inbox = work / "inbox"
    inbox.mkdir()
    args.cache.mkdir(parents=True, exist_ok=True)
    for src in make_set(args.cache, args.files, args.pages):
        shutil.copy(src, inbox / src.name)
    server = PrefectServer(work / "prefect-home")
    cluster = PostgresCluster(free_port())
    moto: Moto | None = None
    rounds: list[Round] = []
    try:
        server.start()
        cluster.start()
        moto = Moto(work / "moto.log")
        deploy(server, {**KEYS, "EAKTE_OCR_SLOTS": str(max(int(n) for n in args.rounds.split(",")))})
        for n in (int(x) for x in args.rounds.split(",")):
            rounds.append(run_round(n, server, cluster, moto, inbox, work, args.pages_per_batch))
            print(f"{n} worker(s): {rounds[-1].pages} pages in {rounds[-1].wall_s:.1f} s", file=sys.stderr)
    finally:
        if moto is not None:
            moto.stop()
        cluster.stop()
        server.stop()
    text = report(rounds, args, command, started)
    print(text)
    if args.results:
        args.results.write_text(text)
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rounds], indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
