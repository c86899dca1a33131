"""Two `eakte migrate` processes at the same time on one inbox, sharing a PostgreSQL catalog, an S3 store
(the moto server process) and a data dir, as two process workers on one machine would: each source is
migrated by exactly one of them, every source ends as one record, and `eakte verify` finds the store clean."""

from __future__ import annotations

import json
import os
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


def test_two_migrate_processes_share_one_inbox_and_migrate_each_source_once(
        tmp_path: Path, s3_env: dict[str, str], new_pg_database: Callable[[], str]) -> None:
    inbox, data, url = tmp_path / "in", tmp_path / "data", new_pg_database()
    inbox.mkdir()
    for n in range(SOURCES):
        lines = [f"Bescheid Nummer {n}", "Sehr geehrte Damen und Herren,", f"Aktenzeichen 4711-{n:03d}"]
        (inbox / f"akte-{n}.pdf").write_bytes(text_pdf_bytes([[*lines, f"Seite {p}"] for p in range(PAGES)]))
    store = "s3://eakte-claims/run"
    env = {**s3_env, **prefect_env()}
    common = [str(inbox), "--data-dir", str(data), "--store", store, "--catalog", url, "--workers", "1"]

    def start(w: str) -> subprocess.Popen[str]:
        return subprocess.Popen([str(BIN / "eakte"), "migrate", *common, "--summary-json", str(tmp_path / f"{w}.json")],
                                cwd=tmp_path, env={**os.environ, **env}, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    first = start("a")
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    deadline = time.monotonic() + 300
    with engine.connect() as conn:  # the second worker joins while the first holds claims (is mid-batch)
        while not _claims(conn) and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
    engine.dispose()
    procs = [first, start("b")]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err[-2000:]  # the shared data dir does not refuse the second worker
    runs = [json.loads((tmp_path / f"{w}.json").read_text()) for w in ("a", "b")]
    assert sum(int(r["pages"]) for r in runs) == SOURCES * PAGES  # one page each: every source migrated exactly once
    for r in runs:  # each source of each run: migrated by it, found done, or claimed by the other run
        assert int(r["sources"]) + int(r["claimed_elsewhere"]) == SOURCES
    cat = open_catalog_url(url)
    try:
        records = list(cat.sources())
    finally:
        cat.close()
    assert sorted(r.path for r in records) == sorted(f"akte-{n}.pdf" for n in range(SOURCES))
    assert {r.status for r in records} == {"processed"}
    assert int(runs[1]["unchanged"]) < SOURCES  # the second worker joined before the first was done
    check = run_cli("verify", str(inbox), "--data-dir", str(data), "--store", store, "--catalog", url, env=env,
                    cwd=tmp_path)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]


def _claims(conn: sa.Connection) -> int:
    try:
        return int(conn.exec_driver_sql("SELECT count(*) FROM source_claims").scalar() or 0)
    except sa.exc.ProgrammingError:  # the first worker has not created the catalog's tables yet
        conn.rollback()
        return 0
