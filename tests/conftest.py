"""Shared fixtures: an isolated Prefect home, a real S3 server process (moto_server), a CLI runner."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.postgres_server import new_pg_database, postgres_server  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REAL_DECISIONS = SHARED / "data" / "real-court-decisions"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="session", autouse=True)
def _isolated_env(tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
    os.environ["OMP_THREAD_LIMIT"] = "1"
    os.environ.pop("PREFECT_API_URL", None)
    for key in [k for k in os.environ if k.startswith("EAKTE_")]:
        os.environ.pop(key)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not start")


class S3Server:
    """A moto_server process on loopback: a real S3 protocol peer (versioning, tags, object lock)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        exe = shutil.which("moto_server", path=str(BIN)) or "moto_server"
        self.proc = subprocess.Popen([exe, "-H", "127.0.0.1", "-p", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    server = S3Server()
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def s3_env(s3_server: S3Server, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    env = {"EAKTE_S3_ENDPOINT": s3_server.endpoint, "EAKTE_S3_ACCESS_KEY": "testing",
           "EAKTE_S3_SECRET_KEY": "testing", "EAKTE_S3_REGION": "us-east-1"}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return env


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Runs the installed `eakte` console script as an operator would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([str(BIN / "eakte"), *args], cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture()
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MiB tmpfs, filled up: every write meets ENOSPC (skipped where mounting is not allowed)."""
    mnt = tmp_path / "full"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True,
                      check=False).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        fd = os.open(mnt / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


@contextmanager
def serving(data_dir: Path, tokens: str) -> Iterator[str]:
    """`eakte serve` over DATA_DIR on a free loopback port (the page and API as caseworkers reach them): its URL."""
    port = free_port()
    exe = shutil.which("eakte", path=str(BIN)) or "eakte"
    proc = subprocess.Popen([exe, "serve", "--port", str(port), "--data-dir", str(data_dir)],
                            env={**os.environ, "EAKTE_API_TOKENS": tokens}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_port(port, timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def api_client(catalog: Any, store: Any, user: str, token: str) -> Iterator[Any]:
    """The HTTP API over `catalog` and `store` with one user's token, the client sending it on every request."""
    from fastapi.testclient import TestClient

    from eakte.api import create_app
    from eakte.api.auth import TokenTable

    tokens = TokenTable.from_env({"EAKTE_API_TOKENS": f"{user}:{token}"})
    with TestClient(create_app(catalog, store, tokens=tokens)) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client
