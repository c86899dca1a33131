"""Wrong option values are refused before anything runs: exit 2, one plain line naming the option."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.search_data import build
from tests.test_cli_targets import plain_error


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("data")
    build(root)[0].close()
    return root


@pytest.mark.parametrize(("args", "words"), [
    (["--from", "2019-13-45"], "--from (date_from): not a calendar date"),
    (["--to", "2019-02-30"], "--to (date_to): not a calendar date"),
    (["--from", "yesterday"], "--from (date_from): expected a date YYYY-MM-DD"),
    (["--type", "urteil"], "--type (doc_type): expected one of 'court_decision', "),
    (["--limit", "0"], "--limit (limit)"),
])
def test_search_names_the_wrong_option(args: list[str], words: str, data: Path) -> None:
    line = plain_error(run_cli("search", *args, "--data-dir", str(data), timeout=120), 2)
    assert words in line


@pytest.mark.parametrize("command", [["documents"], ["sources"], ["search", "Klage"], ["runs"]])
def test_unknown_format_lists_the_valid_ones(command: list[str], data: Path) -> None:
    where = ["--limit", "1"] if command == ["runs"] else ["--data-dir", str(data)]
    line = plain_error(run_cli(*command, "--format", "xml", *where, timeout=120), 2)
    assert "'--format'" in line and "'jsonl', 'table'" in line


def test_format_table_is_a_table(data: Path) -> None:
    proc = run_cli("sources", "--format", "table", "--data-dir", str(data), timeout=120)
    assert proc.returncode == 0 and "status" in proc.stdout and not proc.stdout.startswith("{")


@pytest.mark.parametrize("workers", ["0", "-3"])
def test_migrate_refuses_no_workers(workers: str, tmp_path: Path) -> None:
    line = plain_error(run_cli("migrate", str(tmp_path), "--workers", workers, "--data-dir", str(tmp_path / "d"),
                               timeout=120), 2)
    assert "'--workers'" in line
    assert not (tmp_path / "d").exists()


def test_migrate_names_missing_paths_escaped(tmp_path: Path) -> None:
    here = tmp_path / "in"
    here.mkdir()
    odd = tmp_path / "gone\x1b[31mred"
    gone = tmp_path / "nonexistent"
    line = plain_error(run_cli("migrate", str(here), str(gone), str(odd), "--data-dir", str(tmp_path / "d"),
                               timeout=120), 2)
    assert "2 of the given paths do not exist" in line and f"{gone}, " in line
    assert "gone\\x1b[31mred" in line and "\x1b" not in line
    assert not (tmp_path / "d").exists()
