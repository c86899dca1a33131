"""A worker killed mid-run through the work pool (issue 20), on real parts: a Prefect server, `eakte setup-prefect`,
`prefect deploy --all`, two process workers on `eakte-pool`, PostgreSQL as the shared catalog, the moto S3 server
as the store. One worker's whole process group gets SIGKILL while its batch holds source claims; then what an
operator does: the inbox run fails naming the batch left "Running" (its wait is bounded), the claims expire,
the inbox flow runs again on the surviving worker → every source is one record, `eakte verify` is clean."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from eakte.catalog import open_catalog_url
from tests.badinput import text_pdf_bytes
from tests.conftest import run_cli
from tests.pool_workers import (
    deploy,
    descendants,
    kill_tree,
    parent_result,
    start_parent,
    start_worker,
    stop_worker,
    wait_for,
)
from tests.prefect_server import PrefectServer, running_server

SOURCES = 12
PAGES = 6
TTL = 5.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    with running_server(tmp_path_factory.mktemp("prefect-kill-home")) as srv:
        yield srv


def _claim_pids(url: str) -> set[int]:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            return {int(p) for p in conn.exec_driver_sql("SELECT pid FROM source_claims").scalars()}
    except sa.exc.ProgrammingError:  # no batch has created the catalog's tables yet
        return set()
    finally:
        engine.dispose()


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_no_source_and_the_next_inbox_run_finishes_it(
        server: PrefectServer, tmp_path: Path, s3_env: dict[str, str], new_pg_database: Callable[[], str]) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(SOURCES):
        lines = [f"Bescheid Nummer {n}", "Sehr geehrte Damen und Herren,", f"Aktenzeichen 4711-{n:03d}"]
        (inbox / f"akte-{n:02d}.pdf").write_bytes(text_pdf_bytes([[*lines, f"Seite {p}"] for p in range(PAGES)]))
    catalog = new_pg_database()
    store = f"s3://eakte-kill/{tmp_path.name}"
    shared = {**s3_env, "EAKTE_CATALOG": catalog, "EAKTE_STORE": store, "EAKTE_OCR_WORKERS": "1",
              "EAKTE_CLAIM_TTL_SECONDS": str(TTL)}
    deploy(server, shared)
    workers = [start_worker(server, {**shared, "EAKTE_DATA_DIR": str(tmp_path / f"worker-{w}")}, tmp_path)
               for w in "ab"]
    params = {"inbox": str(inbox), "pages_per_batch": 2 * PAGES, "poll_seconds": 1}
    try:
        first = start_parent(server, {**shared, "EAKTE_DATA_DIR": str(tmp_path / "parent")}, tmp_path / "first.log",
                             **params, max_wait_seconds=150)
        # worker a's flow run holds claims: it is mid-batch (the claim rows carry the flow run's PID)
        assert wait_for(lambda: bool(_claim_pids(catalog) & descendants(workers[0].pid)), timeout=300, step=0.1), \
            "worker a was never seen holding claims"
        kill_tree(workers[0])
        left = _claim_pids(catalog)
        assert first.wait(timeout=400) != 0  # the parent stops waiting after max_wait_seconds and fails
        assert left, "the killed batch's claims are left behind"
        log = (tmp_path / "first.log").read_text(errors="replace")
        assert "batch runs did not complete" in log and "still Running" in log  # Prefect never ends the run

        time.sleep(TTL + 1)  # the dead batch's claims expire (nobody renews them)
        again = start_parent(server, {**shared, "EAKTE_DATA_DIR": str(tmp_path / "parent")},
                             tmp_path / "again.log", **params, max_wait_seconds=400)
        assert again.wait(timeout=500) == 0, (tmp_path / "again.log").read_text(errors="replace")[-3000:]
        result = parent_result(tmp_path / "again.log")
        assert result is not None and result["processed"] > 0 and result["problems"] == 0
    finally:
        for w in workers:
            stop_worker(w)

    cat = open_catalog_url(catalog)
    try:
        records = list(cat.sources())
    finally:
        cat.close()
    assert sorted(r.path for r in records) == [f"akte-{n:02d}.pdf" for n in range(SOURCES)]  # each source once
    assert {r.status for r in records} == {"processed"}
    assert not _claim_pids(catalog)  # every claim went with its record
    check = run_cli("verify", str(inbox), "--data-dir", str(tmp_path / "verify"), "--store", store, "--catalog",
                    catalog, env=s3_env, cwd=tmp_path)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]  # no object missing, none orphaned
