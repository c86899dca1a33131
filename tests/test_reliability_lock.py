"""Two runs on one data dir: the second refuses with a plain message; a lock left by a dead run is taken over."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from eakte.config import Settings
from eakte.errors import RunInProgress
from eakte.runtime.runlock import LOCK_NAME, run_lock, run_lock_for, shares_data_dir
from tests.conftest import run_cli
from tests.reliability import prefect_env


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "leer.pdf").write_bytes(b"")  # quarantined at once: no OCR needed
    return inbox


def test_a_second_run_on_the_same_data_dir_refuses(tmp_path: Path) -> None:
    inbox, data = _inbox(tmp_path), tmp_path / "data"
    with run_lock(data):  # a run in progress (this process holds the lock)
        res = run_cli("migrate", str(inbox), "--data-dir", str(data), env=prefect_env(), cwd=tmp_path)
    assert res.returncode == 2, res.stderr[-2000:]
    assert f"another eakte run (PID {os.getpid()}) is using this data dir" in res.stderr
    assert "Traceback" not in res.stderr
    assert not (data / "catalog.sqlite").exists()  # refused before touching anything


def test_a_lock_left_by_a_dead_run_is_taken_over(tmp_path: Path) -> None:
    inbox, data = _inbox(tmp_path), tmp_path / "data"
    data.mkdir()
    (data / LOCK_NAME).write_text("999999\n")  # the PID of a run killed with SIGKILL
    res = run_cli("migrate", str(inbox), "--data-dir", str(data), env=prefect_env(), cwd=tmp_path)
    assert res.returncode == 3, res.stderr[-2000:]  # ran: the empty file is quarantined


def test_runs_on_a_postgresql_catalog_share_the_data_dir_and_keep_a_sqlite_run_out(tmp_path: Path) -> None:
    data = tmp_path / "data"
    pg = Settings(data_dir=data, catalog="postgresql://eakte@127.0.0.1:5432/eakte")
    sqlite = Settings(data_dir=data)
    assert shares_data_dir(pg) and not shares_data_dir(sqlite)
    # two workers on one machine: claims divide the sources; a SQLite run on the data dir refuses meanwhile
    with run_lock_for(pg), run_lock_for(pg), pytest.raises(RunInProgress, match="is using this data dir"), \
            run_lock_for(sqlite):
        pass
    with run_lock_for(sqlite), pytest.raises(RunInProgress), run_lock_for(pg):
        pass


def test_an_inbox_batch_on_a_sqlite_catalog_waits_for_the_lock_instead_of_refusing(tmp_path: Path) -> None:
    sqlite = Settings(data_dir=tmp_path / "data")
    order: list[str] = []
    held, go = threading.Event(), threading.Event()

    def earlier_batch() -> None:
        with run_lock_for(sqlite, batch=True):
            order.append("first in")
            held.set()
            go.wait(10)
            order.append("first out")

    t = threading.Thread(target=earlier_batch)
    t.start()
    held.wait(10)
    with pytest.raises(RunInProgress), run_lock_for(sqlite):  # a whole run still refuses at once
        pass
    threading.Timer(0.3, go.set).start()
    with run_lock_for(sqlite, batch=True):  # blocks until the earlier batch is done, then runs
        order.append("second in")
    t.join(10)
    assert order == ["first in", "first out", "second in"]
