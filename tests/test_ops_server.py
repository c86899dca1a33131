"""A real Prefect server on loopback: deployments from prefect.yaml, a process worker, a run and its artifacts."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
import yaml

from tests.conftest import ROOT, run_cli
from tests.prefect_server import PREFECT, PrefectServer, running_server
from tests.scans import scanned_pdf


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    with running_server(tmp_path_factory.mktemp("prefect-server-home")) as server:
        yield server


def test_prefect_yaml_declares_schedules_in_berlin_time() -> None:
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    deployments = {d["name"]: d for d in spec["deployments"]}
    nightly = deployments["nightly-inbox"]
    assert nightly["entrypoint"] == "flows/inbox.py:inbox_flow" and nightly["concurrency_limit"] == 1
    assert {"inbox", "pages_per_batch"} <= set(nightly["parameters"])
    batch = deployments["migrate-batch"]  # the children: several at once, so no concurrency limit
    assert batch["entrypoint"] == "flows/migrate.py:migrate_flow" and "concurrency_limit" not in batch
    assert nightly["schedules"][0]["timezone"] == "Europe/Berlin" and nightly["schedules"][0]["cron"]
    assert deployments["reprocess-outdated"]["entrypoint"] == "flows/reprocess.py:reprocess_flow"
    assert deployments["weekly-verify"]["entrypoint"] == "flows/verify.py:verify_flow"
    assert deployments["weekly-verify"]["schedules"][0]["timezone"] == "Europe/Berlin"


@pytest.mark.slow
def test_deployed_run_on_a_worker_publishes_artifacts(prefect_server: PrefectServer, tmp_path: Path) -> None:
    server = prefect_server
    res = server.cli("work-pool", "create", "eakte-pool", "--type", "process")
    assert res.returncode == 0, res.stderr
    names = ["nightly-inbox", "migrate-batch", "reprocess-outdated"]
    if (ROOT / "flows" / "verify.py").exists():
        names.append("weekly-verify")
    args = [a for n in names for a in ("--name", n)]
    res = server.cli("--no-prompt", "deploy", *args, timeout=180)
    assert res.returncode == 0, res.stdout + res.stderr

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    scanned_pdf(inbox / "akte-0100.pdf", [["Lohnabrechnung Mai 2024", "Arbeitgeber: Bäckerei Schmitz GmbH"]])
    (inbox / "leer.pdf").write_bytes(b"")
    data = tmp_path / "data"

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
    from prefect.client.schemas.objects import FlowRun
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: server.api}):
        with get_client(sync_client=True) as client:
            deployments = {d.name: d for d in client.read_deployments()}
            assert set(names) <= set(deployments)
            nightly = deployments["nightly-inbox"]
            assert nightly.schedules and nightly.schedules[0].schedule.timezone == "Europe/Berlin"  # type: ignore[union-attr]
        run = cast(FlowRun, run_deployment("eakte-migrate/migrate-batch", timeout=0, parameters={
            "sources": [str(inbox)], "data_dir": str(data), "batch_size": 10}))
        worker = subprocess.run([PREFECT, "worker", "start", "--pool", "eakte-pool", "--run-once"],
                                env=server.client_env(), cwd=tmp_path, capture_output=True, text=True, timeout=240,
                                check=False)
        with get_client(sync_client=True) as client:
            final = client.read_flow_run(run.id)
            artifacts = {a.key: a for a in client.read_artifacts(
                artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run.id])))}
    assert final.state is not None and final.state.is_completed(), (final.state, worker.stdout[-3000:])
    summary = str(artifacts["migration-summary"].data)
    assert "**2** sources" in summary and "| processed | 1 |" in summary and "| quarantined | 1 |" in summary
    problems = json.loads(str(artifacts["migration-problems"].data))
    assert problems == [{"path": "leer.pdf", "status": "quarantined", "code": "empty_file",
                         "reason": problems[0]["reason"]}]
    assert artifacts["migration-progress"].data == 100.0
    assert str(artifacts["migration-progress"].description).startswith("2 of 2 sources, 1 pages")
    counts = json.loads(str(artifacts["migration-counts"].data))[0]
    assert counts["processed"] == 1 and counts["quarantined"] == 1 and counts["pages"] == 1
    (tmp_path / "artifacts.txt").write_text(
        "\n\n".join(f"## {k} ({a.type})\n{a.description or ''}\n{a.data}" for k, a in sorted(artifacts.items())))
    print((tmp_path / "artifacts.txt").read_text())

    runs = run_cli("runs", "--format", "jsonl", env=server.client_env())
    assert runs.returncode == 0, runs.stderr
    rows = [json.loads(line) for line in runs.stdout.splitlines()]
    mine = next(r for r in rows if r["id"] == str(run.id))
    assert mine["flow"] == "eakte-migrate" and mine["state"] == "Completed" and mine["processed"] == 1
    assert (data / "catalog.sqlite").exists() and not (data / "prefect-results").exists()  # no pickled results

    # weekly-verify as shipped (data_dir /data) on a worker whose data lives elsewhere: without the worker's
    # EAKTE_STORE / EAKTE_CATALOG it fails and creates nothing; with them it verifies this run's sources.
    if "weekly-verify" not in names:
        return
    assert not Path("/data/catalog.sqlite").exists()
    for worker_env, completed in (({}, False), ({"EAKTE_STORE": (data / "store").resolve().as_uri(),
                                                 "EAKTE_CATALOG": str(data / "catalog.sqlite")}, True)):
        with temporary_settings({PREFECT_API_URL: server.api}):
            vrun = cast(FlowRun, run_deployment("eakte-verify/weekly-verify", timeout=0))
            worker = subprocess.run([PREFECT, "worker", "start", "--pool", "eakte-pool", "--run-once"],
                                    env={**server.client_env(), **worker_env}, cwd=tmp_path, capture_output=True,
                                    text=True, timeout=240, check=False)
            with get_client(sync_client=True) as client:
                vfinal = client.read_flow_run(vrun.id)
                verification = [a for a in client.read_artifacts(artifact_filter=ArtifactFilter(
                    flow_run_id=ArtifactFilterFlowRunId(any_=[vrun.id]))) if a.key == "verification"]
        assert vfinal.state is not None and vfinal.state.is_completed() is completed, \
            (worker_env, vfinal.state, worker.stdout[-3000:])
        assert not Path("/data/catalog.sqlite").exists() and not Path("/data/store").exists()
        if completed:
            assert verification and "# Verification: OK\n\n2 sources" in str(verification[0].data), verification
