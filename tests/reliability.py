"""Helpers for the reliability tests: one shared Prefect API server, a TCP proxy to cut S3 off, RSS measurement.

Every `eakte migrate` in these tests talks to one Prefect server process instead of starting a temporary
server per run (that costs 10-20 s each on a busy 2-core machine); its database is read by the log-leak test.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from eakte.runtime.ephemeral_api import wait_until_healthy
from tests.conftest import BIN, free_port

_server: dict[str, object] = {}
_lock = threading.Lock()


def prefect_env() -> dict[str, str]:
    """Environment for CLI runs against the shared Prefect server (started on first use, stopped at exit)."""
    with _lock:
        if not _server:
            home = Path(tempfile.mkdtemp(prefix="eakte-prefect-"))
            port = free_port()
            env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                   "PREFECT_UI_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}
            env.pop("PREFECT_API_URL", None)
            log = (home / "server.log").open("wb")
            proc = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port",
                                     str(port)], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=home)
            atexit.register(_stop, proc)
            url = f"http://127.0.0.1:{port}/api"
            try:
                wait_until_healthy(url, proc, 180, poll=0.5)
            except RuntimeError:
                tail = (home / "server.log").read_text()[-2000:]
                raise RuntimeError("the Prefect server did not start: " + tail) from None
            _server.update(home=home, url=url, proc=proc)
    return {"PREFECT_API_URL": str(_server["url"]), "PREFECT_HOME": str(_server["home"]),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "OMP_THREAD_LIMIT": "1"}


def prefect_home() -> Path:
    prefect_env()
    return Path(str(_server["home"]))


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


_MEASURE = ("import resource, subprocess, sys\n"
            "rc = subprocess.run(sys.argv[1:]).returncode\n"
            "sys.stderr.write('\\nEAKTE_MAXRSS_KB=%d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            "sys.exit(rc)\n")


def run_measured(*args: str, env: dict[str, str], cwd: Path, timeout: float = 600,
                 ) -> tuple[subprocess.CompletedProcess[str], int]:
    """Runs `eakte <args>` and returns (result, peak RSS in KiB of the largest process it started, itself
    included): the memory bound of a run, measured like /usr/bin/time -v does, without a new dependency."""
    res = subprocess.run([sys.executable, "-c", _MEASURE, str(BIN / "eakte"), *args], env={**os.environ, **env},
                         capture_output=True, text=True, timeout=timeout, check=False, cwd=cwd)
    marker = res.stderr.rsplit("EAKTE_MAXRSS_KB=", 1)
    return res, int(marker[1].strip()) if len(marker) == 2 else -1


def jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


class TcpProxy:
    """Forwards a loopback port to the S3 server; `stop()` refuses connections and cuts open ones, like a
    server that went away, while the server keeps its objects (moto keeps them in memory only)."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        lst = socket.socket()
        lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lst.bind(("127.0.0.1", self.port))
        lst.listen(64)
        self._listener = lst
        threading.Thread(target=self._accept, args=(lst,), daemon=True).start()

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._lock:
            for c in self._conns:
                with contextlib.suppress(OSError):
                    c.shutdown(socket.SHUT_RDWR)
                c.close()
            self._conns.clear()

    def _accept(self, lst: socket.socket) -> None:
        while True:
            try:
                client, _ = lst.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
