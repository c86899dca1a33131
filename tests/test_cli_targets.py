"""--store, --catalog and --data-dir are checked before anything starts: one plain line, exit 2 or 5.

Runs the installed `eakte` console script as an operator would (subprocess), against real targets:
a SQLite catalog built by tests/search_data.py, an unreachable PostgreSQL port, an unreachable S3 port.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import free_port, run_cli
from tests.search_data import build

TOKENS = {"EAKTE_API_TOKENS": "tester:not-a-real-secret"}


def plain_error(proc: subprocess.CompletedProcess[str], exit_code: int) -> str:
    """Asserts the exit code and that stderr is exactly one plain line (no traceback, no Rich box); returns it."""
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == exit_code, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr + proc.stdout
    assert len(lines) == 1, proc.stderr[-2000:]
    assert not any(c in lines[0] for c in "╭│┃"), lines[0]
    return lines[0]


def dead_postgres() -> str:
    return f"postgresql://nobody@127.0.0.1:{free_port()}/db"


# every command that takes --store/--catalog, with the arguments it needs besides them
COMMANDS: dict[str, list[str]] = {
    "documents": ["documents"],
    "sources": ["sources"],
    "search": ["search", "Klage"],
    "verify": ["verify"],
    "export": ["export", "xdomea", "--all"],
    "serve": ["serve", "--port", "9"],
}
BAD_TARGETS = {
    "store-scheme": (["--store", "foo://bar"], 2, "unsupported scheme 'foo://'"),
    "store-no-bucket": (["--store", "s3://"], 2, "needs a bucket"),
    "catalog-scheme": (["--catalog", "mysql://x/y"], 2, "unsupported scheme 'mysql://'"),
}


@pytest.mark.parametrize("target", sorted(BAD_TARGETS))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unusable_target_is_one_line_exit_2(command: str, target: str, tmp_path: Path) -> None:
    opts, code, words = BAD_TARGETS[target]
    proc = run_cli(*COMMANDS[command], "--data-dir", str(tmp_path / "d"), *opts, env=TOKENS, timeout=120)
    assert words in plain_error(proc, code)
    assert not (tmp_path / "d").exists()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unreachable_postgres_is_storage_exit_5(command: str, tmp_path: Path) -> None:
    build(tmp_path)[0].close()
    proc = run_cli(*COMMANDS[command], "--data-dir", str(tmp_path), "--catalog", dead_postgres(), env=TOKENS,
                   timeout=120)
    line = plain_error(proc, 5)
    assert "catalog_unavailable" in line and "Connection refused" in line


def test_unreachable_s3_store_is_storage_exit_5(tmp_path: Path) -> None:
    build(tmp_path)[0].close()
    proc = run_cli("search", "Klage", "--data-dir", str(tmp_path), "--store", "s3://eakte-test/x",
                   env={"EAKTE_S3_ENDPOINT": f"http://127.0.0.1:{free_port()}", "EAKTE_S3_RETRY_ATTEMPTS": "1",
                        "EAKTE_S3_ACCESS_KEY": "k", "EAKTE_S3_SECRET_KEY": "s"}, timeout=180)
    assert "storage_error" in plain_error(proc, 5)


@pytest.mark.parametrize("target", ["store-scheme", "catalog-scheme", "postgres"])
def test_migrate_checks_targets_before_the_flow(target: str, tmp_path: Path) -> None:
    scan = tmp_path / "in" / "a.gif"
    scan.parent.mkdir()
    scan.write_bytes(b"GIF89a" + bytes(20))
    opts, code = (["--catalog", dead_postgres()], 5) if target == "postgres" else BAD_TARGETS[target][:2]
    proc = run_cli("migrate", str(scan.parent), "--data-dir", str(tmp_path / "d"), *opts, timeout=300)
    line = plain_error(proc, code)
    assert "Failed" not in proc.stderr and "migration run" not in proc.stderr, line
    assert not (tmp_path / "d" / "store").exists()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_read_commands_refuse_a_data_dir_without_data(command: str, tmp_path: Path) -> None:
    proc = run_cli(*COMMANDS[command], "--data-dir", str(tmp_path / "typo-dir"), env=TOKENS, timeout=120)
    assert "no eakte data in" in plain_error(proc, 2)
    assert not (tmp_path / "typo-dir").exists()


def test_read_commands_do_not_create_a_catalog_folder(tmp_path: Path) -> None:
    build(tmp_path)[0].close()
    missing = tmp_path / "nonexistent" / "dir" / "x.sqlite"
    proc = run_cli("documents", "--data-dir", str(tmp_path), "--catalog", str(missing), timeout=120)
    assert "no catalog file" in plain_error(proc, 2)
    assert not missing.parent.exists()


def test_migrate_creates_a_catalog_file_only_in_an_existing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent" / "dir" / "x.sqlite"
    proc = run_cli("migrate", str(tmp_path), "--data-dir", str(tmp_path / "d"), "--catalog", str(missing),
                   timeout=120)
    assert "does not exist" in plain_error(proc, 2)
    assert not (tmp_path / "nonexistent").exists()
