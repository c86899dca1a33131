"""An inbox over the work pool on real parts: a Prefect server, `eakte setup-prefect`, the deployments of
prefect.yaml, two process workers, PostgreSQL as the shared catalog; and the set-up command on its own."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from tests.badinput import text_pdf_bytes
from tests.conftest import free_port, run_cli
from tests.prefect_server import PREFECT, PrefectServer, running_server

KEYS = {"EAKTE_S3_ACCESS_KEY": "fanout-test-access", "EAKTE_S3_SECRET_KEY": "fanout-test-secret"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    with running_server(tmp_path_factory.mktemp("prefect-fanout-home")) as srv:
        yield srv


def _setup(server: PrefectServer, **extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("setup-prefect", env={**server.client_env(), **KEYS, **extra}, timeout=120)


def test_setup_prefect_creates_then_keeps_and_says_so_in_one_line_each(server: PrefectServer) -> None:
    first = _setup(server, EAKTE_OCR_SLOTS="3")
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == ["work pool eakte-pool (process): created",
                                         "concurrency limit eakte-ocr (3 slots): created",
                                         "concurrency limit eakte-s3 (4 slots): created",
                                         "S3 credentials block eakte-s3: created"]
    again = _setup(server)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == ["work pool eakte-pool (process): kept",
                                         "concurrency limit eakte-ocr (3 slots): kept",
                                         "concurrency limit eakte-s3 (4 slots): kept",
                                         "S3 credentials block eakte-s3: kept"]
    assert "fanout-test" not in first.stdout + again.stdout  # keys are never printed
    resized = _setup(server, EAKTE_OCR_SLOTS="2", EAKTE_S3_SECRET_KEY="rotated")
    assert "concurrency limit eakte-ocr (3 -> 2 slots): updated" in resized.stdout
    assert "S3 credentials block eakte-s3: updated" in resized.stdout

    from prefect.blocks.system import Secret
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: server.api}):
        assert cast(Any, Secret.load("eakte-s3")).get() == {"access_key": "fanout-test-access",
                                                            "secret_key": "rotated"}
        with get_client(sync_client=True) as client:
            assert client.read_work_pool("eakte-pool").type == "process"
            assert client.read_global_concurrency_limit_by_name("eakte-ocr").limit == 2
    _setup(server, EAKTE_OCR_SLOTS="3")


def test_setup_prefect_without_a_server_is_one_line_and_exit_4() -> None:
    res = run_cli("setup-prefect", env={"PREFECT_API_URL": f"http://127.0.0.1:{free_port()}/api", **KEYS},
                  timeout=120)
    assert res.returncode == 4, (res.stdout, res.stderr)
    assert res.stderr.strip().count("\n") == 0 and "prefect_unavailable" in res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""


def _worker(server: PrefectServer, env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([PREFECT, "worker", "start", "--pool", "eakte-pool", "--limit", "2"],
                            env={**server.client_env(), **env, "PREFECT_WORKER_QUERY_SECONDS": "2"}, cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.slow
def test_an_inbox_spreads_over_two_workers_and_every_source_is_one_record(
        server: PrefectServer, tmp_path: Path, new_pg_database: Callable[[], str]) -> None:
    assert _setup(server).returncode == 0
    res = server.cli("--no-prompt", "deploy", "--name", "nightly-inbox", "--name", "migrate-batch", timeout=240)
    assert res.returncode == 0, res.stdout + res.stderr

    inbox = tmp_path / "inbox"
    files = {"2019/akte-1.pdf": "Bescheid eins", "2019/akte-2.pdf": "Bescheid zwei", "2020/akte-3.pdf": "Antrag drei",
             "2020/nachtrag/akte-4.pdf": "Vermerk vier", "2021/kopie.pdf": "Bescheid eins"}  # the last: a copy
    for rel, text in files.items():
        (inbox / rel).parent.mkdir(parents=True, exist_ok=True)
        (inbox / rel).write_bytes(text_pdf_bytes([[text, "Seite 1"]]))
    catalog = new_pg_database()
    shared = {"EAKTE_CATALOG": catalog, "EAKTE_STORE": (tmp_path / "store").resolve().as_uri(),
              "EAKTE_OCR_WORKERS": "1"}
    data_dirs = [tmp_path / "worker-a", tmp_path / "worker-b"]
    workers = [_worker(server, {**shared, "EAKTE_DATA_DIR": str(d)}, tmp_path) for d in data_dirs]

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        DeploymentFilter,
        DeploymentFilterName,
    )
    from prefect.client.schemas.objects import FlowRun
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    def run_inbox() -> tuple[FlowRun, list[FlowRun], dict[str | None, Any]]:
        """One nightly-inbox run to its end: the parent, the batch runs so far, the parent's artifacts."""
        with temporary_settings({PREFECT_API_URL: server.api}):
            parent = cast(FlowRun, run_deployment("eakte-inbox/nightly-inbox", timeout=0, parameters={
                "inbox": str(inbox), "pages_per_batch": 1, "poll_seconds": 1}))
            with get_client(sync_client=True) as client:
                deadline = time.monotonic() + 600
                final = client.read_flow_run(parent.id)
                while not (final.state and final.state.is_final()) and time.monotonic() < deadline:
                    time.sleep(2)
                    final = client.read_flow_run(parent.id)
                children = client.read_flow_runs(deployment_filter=DeploymentFilter(
                    name=DeploymentFilterName(any_=["migrate-batch"])))
                artifacts = {a.key: a for a in client.read_artifacts(
                    artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[parent.id])))}
        return final, list(children), artifacts

    from eakte.runtime.runlock import run_lock

    try:
        final, children, artifacts = run_inbox()
        ran_on = [d for d in data_dirs if (d / ".eakte-run.lock").exists()]  # a batch takes its worker's run lock
        # A second inbox run while a whole run (`eakte migrate`) holds both workers' data dirs: its one batch
        # fails, and the parent fails naming that batch run; nothing else is touched.
        (inbox / "2022").mkdir()
        (inbox / "2022" / "neu.pdf").write_bytes(text_pdf_bytes([["Neu", "Seite 1"]]))
        with run_lock(data_dirs[0]), run_lock(data_dirs[1]):
            blocked, all_children, _ = run_inbox()
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            try:
                w.wait(timeout=30)
            except subprocess.TimeoutExpired:
                w.kill()
    assert final.state is not None and final.state.is_completed(), final.state
    # 5 sources, 1 page each, one a copy of another: 4 batches (the copy rides with its original)
    assert len(children) == 4 and all(c.state and c.state.is_completed() for c in children), \
        [(c.name, c.state_name) for c in children]
    assert sorted(c.name for c in children) == [f"batch-00{i}-of-004" for i in range(1, 5)]
    assert ran_on == data_dirs, "both workers must have taken batches"

    from eakte.catalog import open_catalog
    from eakte.config import Settings

    cat = open_catalog(Settings(data_dir=tmp_path / "reader", catalog=catalog))
    try:
        records = sorted((r.path, r.status) for r in cat.sources())
    finally:
        cat.close()
    assert records == sorted([(p, "duplicate" if p == "2021/kopie.pdf" else "processed") for p in files])

    counts = json.loads(str(artifacts["migration-counts"].data))[0]
    assert (counts["sources"], counts["processed"], counts["duplicate"], counts["pages"]) == (5, 4, 1, 4)
    assert counts["batches"] == 4 and counts["problems"] == 0 and counts["pages_per_minute"] > 0
    summary = str(artifacts["inbox-summary"].data)
    assert summary.startswith("# Inbox run: 5 sources in 4 batches") and "akte" not in summary

    [failed_batch] = [c for c in all_children if c.id not in {c.id for c in children}]
    assert failed_batch.name == "batch-001-of-001" and failed_batch.state is not None
    assert failed_batch.state.is_failed() and "another eakte run" in str(failed_batch.state.message)
    assert blocked.state is not None and blocked.state.is_failed()
    assert f"1 of 1 batch runs did not complete: batch-001-of-001 ({failed_batch.id})" in str(blocked.state.message)
    cat = open_catalog(Settings(data_dir=tmp_path / "reader", catalog=catalog))
    try:
        assert sorted((r.path, r.status) for r in cat.sources()) == records  # the new file waits for the next run
    finally:
        cat.close()
