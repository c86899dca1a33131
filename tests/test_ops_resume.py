"""A run killed midway (SIGKILL) and a new run that finishes the batch without redoing or losing anything."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import BIN, run_cli
from tests.scans import scanned_pdf


def _recorded(catalog: Path) -> list[tuple[str, str]]:
    if not catalog.exists():
        return []
    try:
        with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True, timeout=5) as conn:
            return list(conn.execute("SELECT path, status FROM sources"))
    except sqlite3.OperationalError:  # schema not created yet
        return []


def _batch(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Four one-page scanned Akten, done one after the other (one source, one OCR worker at a time)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(4):
        scanned_pdf(inbox / f"akte-{i:04d}.pdf", [[f"Meldebescheinigung Nummer {i}", "Stadt Köln, Meldebehörde"]])
    env = {**os.environ, "EAKTE_SOURCES_IN_PARALLEL": "1", "EAKTE_OCR_WORKERS": "1",
           "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"}
    return inbox, tmp_path / "data", env


def _wait_for_first_record(proc: subprocess.Popen[str] | subprocess.Popen[bytes], catalog: Path) -> None:
    deadline = time.monotonic() + 180
    while not _recorded(catalog) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)


@pytest.mark.slow
def test_killed_run_resumes_without_reprocessing(tmp_path: Path) -> None:
    inbox, data, env = _batch(tmp_path)
    catalog = data / "catalog.sqlite"
    proc = subprocess.Popen([str(BIN / "eakte"), "migrate", str(inbox), "--data-dir", str(data)], env=env,
                            stdout=subprocess.DEVNULL, stderr=(tmp_path / "killed-run.log").open("w"),
                            start_new_session=True)
    _wait_for_first_record(proc, catalog)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI, its ephemeral Prefect server and tesseract, mid-batch
    proc.wait()
    done_before = _recorded(catalog)
    assert 1 <= len(done_before) < 4, (done_before, (tmp_path / "killed-run.log").read_text()[-3000:])
    assert all(status == "processed" for _, status in done_before)
    stored = {p: p.stat().st_mtime_ns for p in (data / "store" / "akten").rglob("*") if p.is_file()}
    assert sum(p.name == "source.json" for p in stored) == len(done_before)

    summary_file = tmp_path / "summary.json"
    res = run_cli("migrate", str(inbox), "--data-dir", str(data), "--summary-json", str(summary_file), env=env)
    assert res.returncode == 0, res.stderr
    summary = json.loads(summary_file.read_text())
    # Finished the batch: the killed run's sources are skipped as unchanged, only the rest is OCRed.
    assert summary["unchanged"] == len(done_before)
    assert summary["by_status"] == {"processed": 4}
    assert summary["pages"] == 4 - len(done_before) == summary["ocr_pages"]
    # Nothing redone: objects of the sources finished before the kill were not rewritten.
    assert all(p.stat().st_mtime_ns == m for p, m in stored.items())
    # Nothing lost: every file is exactly one source record, each complete in the store.
    after = _recorded(catalog)
    assert sorted(path for path, _ in after) == sorted(p.name for p in inbox.iterdir())
    assert all(status == "processed" for _, status in after)
    assert sum(p.name == "source.json" for p in (data / "store" / "akten").rglob("*")) == 4
    (tmp_path / "resume.txt").write_text(
        f"killed after {len(done_before)} of 4 sources; second run: {json.dumps(summary)}")
    print((tmp_path / "resume.txt").read_text())


@pytest.mark.slow
def test_sigterm_finishes_pages_in_progress_and_leaves_the_rest_for_the_next_run(tmp_path: Path) -> None:
    """`docker stop` sends SIGTERM: the run must end soon, cleanly, with exit code 130 and nothing half-written."""
    inbox, data, env = _batch(tmp_path)
    catalog = data / "catalog.sqlite"
    proc = subprocess.Popen([str(BIN / "eakte"), "migrate", str(inbox), "--data-dir", str(data)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _wait_for_first_record(proc, catalog)
    assert proc.poll() is None, "the run ended before it could be stopped"
    proc.send_signal(signal.SIGTERM)
    stopped_at = time.monotonic()
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr[-3000:]
    assert "stopped on request" in stderr and "Traceback" not in stderr
    assert time.monotonic() - stopped_at < 60  # a page or two, not the rest of the batch
    done = _recorded(catalog)
    assert 1 <= len(done) < 4 and all(status == "processed" for _, status in done)
    # no half-written source: every record has its source.json, no quarantine, no scratch left behind
    assert sum(p.name == "source.json" for p in (data / "store" / "akten").rglob("*")) == len(done)
    assert not (data / "store" / "quarantine").exists()
    assert not list((data / "work").glob("src-*"))

    summary_file = tmp_path / "summary.json"
    res = run_cli("migrate", str(inbox), "--data-dir", str(data), "--summary-json", str(summary_file), env=env)
    assert res.returncode == 0, res.stderr
    summary = json.loads(summary_file.read_text())
    assert summary["unchanged"] == len(done) and summary["by_status"] == {"processed": 4}
    assert summary["interrupted"] == 0
