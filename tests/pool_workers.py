"""Process workers on `eakte-pool` and the inbox parent as separate processes, for the kill test and the scaling
benchmark (benchmarks/scaling.py): started as an operator starts them, stopped (or killed) by process tree."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.conftest import ROOT
from tests.prefect_server import PREFECT, PrefectServer

PARENT = ("import json, sys\n"
          "from flows.inbox import inbox_flow\n"
          "print(json.dumps(inbox_flow(**json.loads(sys.argv[1])), default=str))\n")


def deploy(server: PrefectServer, env: dict[str, str]) -> None:
    """`eakte setup-prefect` then `prefect --no-prompt deploy --all`, as the README's operator steps say."""
    setup = subprocess.run([str(Path(sys.executable).parent / "eakte"), "setup-prefect"], env={**server.client_env(),
                           **env}, capture_output=True, text=True, timeout=180, check=False)
    if setup.returncode != 0:
        raise RuntimeError("setup-prefect failed: " + setup.stderr[-500:])
    res = server.cli("--no-prompt", "deploy", "--all", timeout=300)
    if res.returncode != 0:
        raise RuntimeError("prefect deploy failed: " + (res.stdout + res.stderr)[-1000:])


def start_worker(server: PrefectServer, env: dict[str, str], cwd: Path, limit: int = 1,
                 log: Path | None = None) -> subprocess.Popen[bytes]:
    """`prefect worker start --pool eakte-pool --limit N` in a session of its own (its flow runs inherit it)."""
    out = open(log, "wb") if log is not None else subprocess.DEVNULL  # noqa: SIM115 (lives with the process)
    return subprocess.Popen([PREFECT, "worker", "start", "--pool", "eakte-pool", "--limit", str(limit)],
                            env={**server.client_env(), **env, "PREFECT_WORKER_QUERY_SECONDS": "1"}, cwd=cwd,
                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def descendants(pid: int) -> set[int]:
    """The PIDs below `pid` in the process tree (from /proc), the flow runs a worker started among them."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def kill_tree(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL to the worker's process group and to every process below it (a flow run in a session of its own)."""
    below = descendants(proc.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    for pid in below:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    proc.wait(timeout=30)


def stop_worker(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the worker's group, SIGKILL to what is left after 30 s."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            kill_tree(proc)


def start_parent(server: PrefectServer, env: dict[str, str], log: Path, **params: Any) -> subprocess.Popen[bytes]:
    """The `eakte-inbox` parent flow in a process of its own (it only submits and waits: no worker slot used)."""
    with open(log, "wb") as out:
        return subprocess.Popen([sys.executable, "-c", PARENT, json.dumps(params)],
                                env={**server.client_env(), **env}, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def parent_result(log: Path) -> dict[str, Any] | None:
    """The parent's returned counts (its last output line), None when it failed."""
    lines = log.read_text(errors="replace").strip().splitlines()
    try:
        result = json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        return None
    return result if isinstance(result, dict) else None


def wait_for(predicate: Any, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False
