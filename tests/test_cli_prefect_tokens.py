"""`eakte runs` without a reachable Prefect API and `eakte serve` with malformed tokens: one plain line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from eakte.api.auth import TokenConfigError, TokenTable, digest
from tests.conftest import free_port, run_cli
from tests.search_data import build
from tests.test_cli_targets import plain_error


def test_runs_without_a_prefect_api_is_one_line_exit_4() -> None:
    port = free_port()
    proc = run_cli("runs", env={"PREFECT_API_URL": f"http://127.0.0.1:{port}/api"}, timeout=180)
    line = plain_error(proc, 4)
    assert "prefect_unavailable" in line and f"127.0.0.1:{port}" in line


@pytest.mark.parametrize(("env", "words"), [
    ({"EAKTE_API_TOKENS": "justatoken"}, "expected name:token[,name:token]"),
    ({"EAKTE_API_TOKENS": "alice:secret-one,bob"}, "entry 2 of 2"),
    ({"EAKTE_API_TOKENS_FILE": "{tmp}/missing/tokens"}, "cannot be read (No such file or directory)"),
    ({}, "no API tokens"),
])
def test_serve_names_what_is_wrong_with_the_tokens(env: dict[str, str], words: str, tmp_path: Path) -> None:
    build(tmp_path)[0].close()
    env = {k: v.replace("{tmp}", str(tmp_path)) for k, v in env.items()}
    proc = run_cli("serve", "--port", str(free_port()), "--data-dir", str(tmp_path), env=env, timeout=120)
    line = plain_error(proc, 2)
    assert words in line
    assert "secret-one" not in proc.stderr  # a token never appears in a message


def test_token_file_lines_must_be_hashes(tmp_path: Path) -> None:
    f = tmp_path / "tokens"
    f.write_text(f"# comment\n\nbob:{digest('t')}\ncarol:plain-token\n", encoding="utf-8")
    with pytest.raises(TokenConfigError, match="line 4 is not name:sha256-hex") as err:
        TokenTable.from_env({"EAKTE_API_TOKENS_FILE": str(f)})
    assert "plain-token" not in str(err.value)
    f.write_text(f"bob:{digest('t')}\n", encoding="utf-8")
    assert TokenTable.from_env({"EAKTE_API_TOKENS_FILE": str(f), "EAKTE_API_TOKENS": "amy:x"}).who("t") == "bob"
