"""Starts Prefect's ephemeral API server as the CLI's first act, so it boots while eakte imports and plans.

Prefect (3.9) starts its ephemeral server lazily, inside the flow call, and then waits for it: several
seconds after eakte has already spent seconds importing. Started here, before Prefect is even imported,
the server's start-up runs on the other core while the CLI imports; the run then reaches it through
PREFECT_API_URL like any server, and the server stops when the CLI exits. The command and environment
are those of Prefect's own `SubprocessASGIServer` (prefect/server/api/server.py).

Nothing happens when Prefect is configured anywhere (environment, a profile, prefect.toml, .env,
pyproject [tool.prefect]): then an API URL may be set (a running server, deploy/) and Prefect decides.
"""

from __future__ import annotations

import atexit
import ctypes
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

_KEYS = ("PREFECT_API_URL", "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "PREFECT_SERVER_EPHEMERAL_ENABLED")


def _profile_sets_keys() -> bool:
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    path = Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    if not path.exists():
        return False
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return True  # unreadable: let Prefect judge it
    active = os.environ.get("PREFECT_PROFILE") or data.get("active") or "ephemeral"
    profile = data.get("profiles", {}).get(active, {})
    return not isinstance(profile, dict) or any(k in profile for k in _KEYS)


def configured_elsewhere(cwd: Path | None = None) -> bool:
    """True when some Prefect setting source could name an API server or forbid the ephemeral one."""
    if any(os.environ.get(k) for k in _KEYS):
        return True
    here = cwd or Path.cwd()
    if (here / "prefect.toml").exists():
        return True
    for name, marker in ((".env", "PREFECT_"), ("pyproject.toml", "[tool.prefect")):
        try:
            if marker in (here / name).read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            pass
    return _profile_sets_keys()


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_healthy(api_url: str, process: subprocess.Popen[bytes], timeout: float, poll: float = 0.1) -> None:
    """Returns once `api_url`/health answers 200; RuntimeError when `process` exits first or time runs out.

    One loop for every place that starts a Prefect server (the CLI, the benchmark, the tests).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = process.poll()
        if code is not None:  # 3: the port was taken meanwhile
            raise RuntimeError(f"the local Prefect API server exited with code {code}")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(poll)
    raise RuntimeError(f"the local Prefect API server did not answer within {timeout:.0f} s")


PR_SET_PDEATHSIG = 1


def _dies_with(parent: int) -> Callable[[], None]:
    """preexec_fn: the server gets SIGTERM when the CLI dies, however it dies (kill -9 included); without it
    a killed CLI left a ~200 MB server behind for good. Runs before the CLI starts any thread."""

    def arm() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the CLI died before prctl took effect
            os._exit(1)

    return arm


class EarlyServer:
    """Prefect's ephemeral API server, started now; `wait()` blocks until it answers."""

    def __init__(self) -> None:
        spec = importlib.util.find_spec("prefect")
        assert spec is not None and spec.origin is not None
        self.app_dir = str(Path(spec.origin).parent.parent)
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self._spawn()
        atexit.register(self.stop)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _spawn(self) -> None:
        self.port = free_port()  # as Prefect picks one
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", self.app_dir, "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"],
            env=env, preexec_fn=_dies_with(os.getpid()) if sys.platform == "linux" else None)

    def wait(self, timeout: float) -> None:
        """Returns once /api/health answers 200; raises RuntimeError when the server does not come up."""
        assert self.process is not None
        wait_until_healthy(self.api_url, self.process, timeout)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def start_if_ephemeral() -> EarlyServer | None:
    """Starts the server and points this process's Prefect at it, unless Prefect is configured elsewhere.

    Must run before Prefect is imported: Prefect reads PREFECT_API_URL once, at import.
    """
    if "prefect" in sys.modules or configured_elsewhere():
        return None
    server = EarlyServer()
    os.environ["PREFECT_API_URL"] = server.api_url
    return server
