"""The CLI starts its own ephemeral Prefect server only when no Prefect setting could point elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from eakte.runtime.ephemeral_api import configured_elsewhere


@pytest.fixture
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for key in ("PREFECT_API_URL", "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "PREFECT_SERVER_EPHEMERAL_ENABLED",
                "PREFECT_PROFILE", "PREFECT_PROFILES_PATH"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "home"))
    (tmp_path / "cwd").mkdir()
    return tmp_path


def test_nothing_configured_means_ephemeral(clean: Path) -> None:
    assert not configured_elsewhere(clean / "cwd")


def test_environment_api_url_wins(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert configured_elsewhere(clean / "cwd")


def test_active_profile_with_api_url(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = clean / "home"
    home.mkdir()
    (home / "profiles.toml").write_text('active = "ops"\n[profiles.ops]\nPREFECT_API_URL = "http://srv:4200/api"\n'
                                        '[profiles.ephemeral]\n', encoding="utf-8")
    assert configured_elsewhere(clean / "cwd")
    monkeypatch.setenv("PREFECT_PROFILE", "ephemeral")  # another profile without a URL is active
    assert not configured_elsewhere(clean / "cwd")


@pytest.mark.parametrize(("name", "text"), [("prefect.toml", "[api]\nurl = 'x'\n"),
                                            (".env", "PREFECT_API_URL=http://srv/api\n"),
                                            ("pyproject.toml", "[tool.prefect.api]\nurl = 'x'\n")])
def test_settings_files_in_the_working_directory(clean: Path, name: str, text: str) -> None:
    (clean / "cwd" / name).write_text(text, encoding="utf-8")
    assert configured_elsewhere(clean / "cwd")
