"""Faults of the whole run end as a status, never as a crashed process or an orphan: a full disk under the
PDF/A writer, a SIGKILLed CLI and its ephemeral Prefect server, scratch folders of dead runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import BIN

ROOT = Path(__file__).resolve().parent.parent


SAVE = """
import errno, sys
from pathlib import Path
from eakte.pdf.pdfa import make_pdfa
from tests.badinput import text_pdf_bytes
try:
    make_pdfa(text_pdf_bytes(), Path(sys.argv[1]) / "doc.pdf")
except OSError as exc:
    print("raised", errno.errorcode.get(exc.errno or 0))
"""


def test_pdfa_save_on_a_full_disk_raises_instead_of_aborting(full_disk: Path) -> None:
    """qpdf used to throw QPDFSystemError through std::terminate: SIGABRT (rc 134) for the whole run."""
    res = subprocess.run([sys.executable, "-c", SAVE, str(full_disk)], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False, timeout=120)
    assert res.returncode == 0, (res.returncode, res.stderr[-2000:])
    assert res.stdout.strip() == "raised ENOSPC"
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]  # no partial PDF left


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return False


def test_sigkilled_cli_leaves_no_prefect_server_behind(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "leer.pdf").write_bytes(b"")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    cli = subprocess.Popen([str(BIN / "eakte"), "migrate", str(inbox), "--data-dir", str(tmp_path / "data")],
                           cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = None
    deadline = time.monotonic() + 60
    while server is None and time.monotonic() < deadline and cli.poll() is None:
        for child in _children(cli.pid):
            try:
                if b"uvicorn" in Path(f"/proc/{child}/cmdline").read_bytes():
                    server = child
            except OSError:
                continue
        time.sleep(0.1)
    assert server is not None, "the CLI started no ephemeral Prefect server"
    cli.send_signal(signal.SIGKILL)
    cli.wait()
    deadline = time.monotonic() + 10
    while _alive(server) and time.monotonic() < deadline:
        time.sleep(0.2)
    orphan = _alive(server)
    if orphan:
        os.kill(server, signal.SIGKILL)
    assert not orphan, "the ephemeral Prefect server outlived the SIGKILLed CLI"


def test_scratch_of_a_dead_run_is_removed_at_the_next_start(tmp_path: Path) -> None:
    from eakte.config import Settings
    from eakte.ingest.scratch import clean_stale_work, owner_tag, work_area

    settings = Settings(data_dir=tmp_path / "data")
    dead = subprocess.Popen(["true"])
    dead.wait()
    with work_area(settings, "ab" * 32) as mine:
        (mine / "page.png").write_bytes(b"x" * 100)
        stale = settings.scratch_dir() / f"src-abababababab-{owner_tag(dead.pid)}-x"
        stale.mkdir()
        (stale / "page.png").write_bytes(b"x" * 100)
        assert clean_stale_work(settings) == 1  # the dead run's folder, at once; not the live one
        assert mine.exists() and not stale.exists()


def test_local_store_on_a_full_disk_says_disk_full(full_disk: Path) -> None:
    from eakte.errors import DiskFull
    from eakte.store import LocalStore

    store = LocalStore(full_disk / "store")
    with pytest.raises(DiskFull):
        store.put_bytes("originals/x.pdf", b"%PDF-1.4\n" * 20000, "application/pdf")
    assert list(store.list()) == []


def test_migrate_with_a_full_scratch_disk_reports_and_the_next_run_retries(tmp_path: Path, full_disk: Path) -> None:
    import json

    from tests.badinput import image_bytes, small_scan
    from tests.conftest import run_cli
    from tests.reliability import prefect_env

    inbox, data = tmp_path / "in", tmp_path / "data"
    inbox.mkdir()
    (inbox / "scan.png").write_bytes(image_bytes(small_scan(("Bescheid", "Duldung erteilt")), "PNG"))
    (inbox / "notiz.pdf").write_bytes(b"not a scan " * 50)
    summary = tmp_path / "summary.json"
    env = {**prefect_env(), "EAKTE_WORK_DIR": str(full_disk / "work")}
    res = run_cli("migrate", str(inbox), "--data-dir", str(data), "--summary-json", str(summary), env=env,
                  cwd=tmp_path)
    assert res.returncode == 3, res.stderr[-3000:]  # finished, with problems: not 134 (SIGABRT), not 1
    first = json.loads(summary.read_text())
    codes = {p["path"]: p["code"] for p in first["problems"]}
    assert codes == {"scan.png": "disk_full", "notiz.pdf": "unsupported_type"}
    res = run_cli("migrate", str(inbox), "--data-dir", str(data), "--summary-json", str(summary), env=prefect_env(),
                  cwd=tmp_path)
    again = json.loads(summary.read_text())
    assert again["by_status"] == {"processed": 1, "quarantined": 1} and again["unchanged"] == 1, res.stderr[-2000:]
