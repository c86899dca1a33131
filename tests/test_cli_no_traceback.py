"""Every command, its --help and wrong values for its options: never a traceback, a plain line and exit 2.

The cases are the list of what was tried (README "Command line"); each runs the installed console script.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.search_data import build
from tests.test_cli_targets import plain_error

HELP = [[], ["migrate"], ["documents"], ["sources"], ["search"], ["eval"], ["export"], ["export", "xdomea"],
        ["runs"], ["serve"], ["setup-prefect"], ["verify"]]

D = "{data}"  # replaced by a real data dir (tests/search_data.py)
F = "{file}"  # replaced by a regular file
M = "{missing}"  # replaced by a path that does not exist (under the test's temp folder)
BAD: list[tuple[str, list[str], dict[str, str], str]] = [
    ("unknown-command", ["bogus"], {}, "No such command"),
    ("unknown-option", ["documents", "--bogus"], {}, "No such option"),
    ("data-dir-is-file", ["documents", "--data-dir", F], {}, "is a file"),
    ("data-dir-missing", ["sources", "--data-dir", M + "/eakte"], {}, "no eakte data"),
    ("store-relative-file-url", ["documents", "--data-dir", D, "--store", "file://relative/x"], {}, "three slashes"),
    ("store-bad-bucket", ["search", "--data-dir", D, "--store", "s3://A_B/x"], {}, "--store"),
    ("catalog-no-db", ["documents", "--data-dir", D, "--catalog", "postgresql://u@127.0.0.1:1/"], {}, "no database"),
    ("format", ["sources", "--data-dir", D, "--format", "csv"], {}, "'jsonl', 'table'"),
    ("search-limit-text", ["search", "--data-dir", D, "--limit", "abc"], {}, "'--limit'"),
    ("search-limit-huge", ["search", "--data-dir", D, "--limit", "100000"], {}, "--limit (limit)"),
    ("search-offset-negative", ["search", "--data-dir", D, "--offset", "-1"], {}, "--offset (offset)"),
    ("search-date", ["search", "--data-dir", D, "--from", "2019-02-29"], {}, "--from (date_from)"),
    ("search-date-role", ["search", "--data-dir", D, "--date-role", "birthday"], {}, "--date-role (date_role)"),
    ("search-sort", ["search", "--data-dir", D, "--sort", "random"], {}, "--sort (sort)"),
    ("migrate-no-sources", ["migrate"], {}, "Missing argument"),
    ("migrate-missing-source", ["migrate", M + "/scans"], {}, M + "/scans"),
    ("migrate-workers-text", ["migrate", "/tmp", "--workers", "many"], {}, "'--workers'"),
    ("migrate-workers-zero", ["migrate", "/tmp", "--workers", "0"], {}, "'--workers'"),
    ("migrate-summary-folder", ["migrate", "/tmp", "--summary-json", M + "/s.json"], {}, "--summary-json"),
    ("migrate-catalog-folder", ["migrate", "/tmp", "--catalog", M + "/c.sqlite"], {}, "does not exist"),
    ("env-workers", ["documents", "--data-dir", D], {"EAKTE_OCR_WORKERS": "abc"}, "EAKTE_OCR_WORKERS"),
    ("env-limit", ["documents", "--data-dir", D], {"EAKTE_LIMIT_MAX_PAGES": "x"}, "EAKTE_LIMIT_MAX_PAGES"),
    ("env-store", ["documents", "--data-dir", D], {"EAKTE_STORE": "ftp://x"}, "unsupported scheme"),
    ("eval-no-corpus", ["eval", M + "/corpus"], {}, "CORPUS"),
    ("eval-no-labels", ["eval", "/tmp", "--labels", M + "/l.jsonl"], {}, "--labels"),
    ("export-nothing", ["export", "xdomea", "--data-dir", D], {}, "Akte id"),
    ("export-out-is-file", ["export", "xdomea", "--all", "--data-dir", D, "--out", F], {}, "is a file"),
    ("export-out-parent", ["export", "xdomea", "--all", "--data-dir", D, "--out", M + "/a/b"], {},
     "does not exist"),
    ("runs-limit", ["runs", "--limit", "0"], {}, "'--limit'"),
    ("runs-format", ["runs", "--format", "xml"], {}, "'--format'"),
    ("runs-catalog", ["runs", "--catalog", "mysql://x/y"], {}, "unsupported scheme"),
    ("serve-port-text", ["serve", "--port", "http"], {}, "'--port'"),
    ("serve-port-range", ["serve", "--port", "70000", "--data-dir", D], {"EAKTE_API_TOKENS": "a:b"}, "'--port'"),
    ("serve-no-tokens", ["serve", "--data-dir", D], {}, "no API tokens"),
    ("serve-token-format", ["serve", "--data-dir", D], {"EAKTE_API_TOKENS": "a"}, "name:token"),
    ("setup-slots-text", ["setup-prefect"], {"EAKTE_OCR_SLOTS": "many"}, "EAKTE_OCR_SLOTS"),
    ("verify-missing-input", ["verify", M + "/in", "--data-dir", D], {}, M + "/in"),
    ("verify-json-folder", ["verify", "--data-dir", D, "--json", M + "/r.json"], {}, "--json"),
]


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("data")
    build(root)[0].close()
    file = root / "a-file"
    file.write_text("x", encoding="utf-8")
    return {D: str(root), F: str(file), M: str(root / "nonexistent")}


@pytest.mark.parametrize("command", HELP, ids=lambda c: " ".join(c) or "eakte")
def test_help_of_every_command(command: list[str]) -> None:
    proc = run_cli(*command, "--help", timeout=120)
    assert proc.returncode == 0 and "Usage" in proc.stdout and "Traceback" not in proc.stdout + proc.stderr


@pytest.mark.parametrize(("name", "args", "env", "words"), BAD, ids=[b[0] for b in BAD])
def test_wrong_values_are_one_plain_line_exit_2(name: str, args: list[str], env: dict[str, str], words: str,
                                                 places: dict[str, str], tmp_path: Path) -> None:
    argv = [a.replace(M, places[M]) if a.startswith(M) else places.get(a, a) for a in args]
    proc = run_cli(*argv, env=env, cwd=tmp_path, timeout=120)
    assert words.replace(M, places[M]) in plain_error(proc, 2)
    assert not (tmp_path / "eakte-data").exists()  # nothing created in the working folder
    assert not Path(places[M]).exists()  # nor where a path was missing
