"""A real Prefect server on loopback for the operations tests (deployments, process workers, the work pool)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT, free_port

PREFECT = str(Path(sys.executable).parent / "prefect")


class PrefectServer:
    def __init__(self, home: Path) -> None:
        self.port = free_port()
        self.home = home
        self.proc: subprocess.Popen[bytes] | None = None
        self.env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                    "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home}/prefect.db",
                    "PREFECT_UI_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}
        self.env.pop("PREFECT_API_URL", None)

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def client_env(self) -> dict[str, str]:
        return {**self.env, "PREFECT_API_URL": self.api, "EAKTE_APP_DIR": str(ROOT)}

    def start(self, timeout: float = 90) -> None:
        self.proc = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
                                     env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.api}/health", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("prefect server did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.proc = None

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run([PREFECT, *args], env=self.client_env(), cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout, check=False)


@contextmanager
def running_server(home: Path) -> Iterator[PrefectServer]:
    """A started server with its state under `home`, stopped afterwards."""
    server = PrefectServer(home)
    server.start()
    try:
        yield server
    finally:
        server.stop()
