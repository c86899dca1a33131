"""`eakte migrate` processes sharing one inbox, a PostgreSQL catalog, an S3 store (the moto server process) and
a data dir, as process workers on one machine would: each source is migrated by exactly one of them, every
source ends as one record, a worker killed with SIGKILL leaves claims the next run takes over, and
`eakte verify` finds the store clean."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from eakte.catalog import open_catalog_url
from tests.badinput import text_pdf_bytes
from tests.conftest import BIN, run_cli
from tests.reliability import prefect_env

SOURCES = 12
PAGES = 4


class Workers:
    """The shared inbox, data dir, catalog and store of the test's runs."""

    def __init__(self, tmp_path: Path, url: str, env: dict[str, str]) -> None:
        self.tmp, self.url, self.env = tmp_path, url, {**os.environ, **env}
        self.inbox, self.data = tmp_path / "in", tmp_path / "data"
        self.store = f"s3://eakte-claims/{tmp_path.name}"  # the S3 server lives for the session: own prefix
        self.inbox.mkdir()
        for n in range(SOURCES):
            lines = [f"Bescheid Nummer {n}", "Sehr geehrte Damen und Herren,", f"Aktenzeichen 4711-{n:03d}"]
            pdf = text_pdf_bytes([[*lines, f"Seite {p}"] for p in range(PAGES)])
            (self.inbox / f"akte-{n}.pdf").write_bytes(pdf)
        self.common = [str(self.inbox), "--data-dir", str(self.data), "--store", self.store, "--catalog", url,
                       "--workers", "1"]

    def start(self, name: str) -> subprocess.Popen[str]:
        return subprocess.Popen([str(BIN / "eakte"), "migrate", *self.common, "--summary-json",
                                 str(self.tmp / f"{name}.json")], cwd=self.tmp, env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def summary(self, name: str) -> dict[str, int]:
        return {k: v for k, v in json.loads((self.tmp / f"{name}.json").read_text()).items() if isinstance(v, int)}

    def claims(self) -> int:
        engine = sa.create_engine(self.url.replace("postgresql://", "postgresql+psycopg://"))
        try:
            with engine.connect() as conn:
                return int(conn.exec_driver_sql("SELECT count(*) FROM source_claims").scalar() or 0)
        except sa.exc.ProgrammingError:  # the first worker has not created the catalog's tables yet
            return 0
        finally:
            engine.dispose()

    def wait_mid_batch(self, proc: subprocess.Popen[str]) -> None:
        """Until the worker holds claims (is migrating sources)."""
        deadline = time.monotonic() + 300
        while not self.claims() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert proc.poll() is None, "the worker finished before it was seen mid-batch"

    def check_each_source_once(self) -> None:
        cat = open_catalog_url(self.url)
        try:
            records = list(cat.sources())
        finally:
            cat.close()
        assert sorted(r.path for r in records) == sorted(f"akte-{n}.pdf" for n in range(SOURCES))
        assert {r.status for r in records} == {"processed"}
        assert self.claims() == 0  # every claim was released with its record
        check = run_cli("verify", str(self.inbox), "--data-dir", str(self.data), "--store", self.store, "--catalog",
                        self.url, env=self.env, cwd=self.tmp)
        assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]  # no object missing or stray


def test_two_migrate_processes_share_one_inbox_and_migrate_each_source_once(
        tmp_path: Path, s3_env: dict[str, str], new_pg_database: Callable[[], str]) -> None:
    w = Workers(tmp_path, new_pg_database(), {**s3_env, **prefect_env()})
    procs = [w.start("a"), w.start("b")]  # started together: both reach the inbox within their start-up times
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err[-2000:]  # the shared data dir does not refuse the second worker
    runs = [w.summary("a"), w.summary("b")]
    assert sum(r["pages"] for r in runs) == SOURCES * PAGES  # every source migrated exactly once
    for r in runs:  # each source of each run: migrated by it, found done, or claimed by the other run
        assert r["sources"] + r["claimed_elsewhere"] == SOURCES
    assert all(r["pages"] > 0 for r in runs)  # both workers migrated sources: the inbox really was shared
    w.check_each_source_once()


def test_a_worker_killed_mid_batch_leaves_claims_the_next_run_takes_over(
        tmp_path: Path, s3_env: dict[str, str], new_pg_database: Callable[[], str]) -> None:
    w = Workers(tmp_path, new_pg_database(), {**s3_env, **prefect_env(), "EAKTE_CLAIM_TTL_SECONDS": "3"})
    killed = w.start("killed")
    w.wait_mid_batch(killed)
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=60)
    assert w.claims() > 0  # the killed worker's claims are left behind
    time.sleep(3.5)  # its lease runs out (nobody renews it)
    nxt = run_cli("migrate", *w.common, "--summary-json", str(tmp_path / "next.json"), env=w.env, cwd=tmp_path)
    assert nxt.returncode == 0, nxt.stderr[-2000:]
    summary = w.summary("next")
    assert summary["claimed_elsewhere"] == 0 and summary["sources"] == SOURCES  # the dead claims were taken over
    w.check_each_source_once()
