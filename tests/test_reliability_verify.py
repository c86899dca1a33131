"""Verify never passes over nothing: no store or catalog is a plain failure (exit 2) and creates neither; a
catalog without sources fails (exit 6); the verify flow reads EAKTE_STORE/EAKTE_CATALOG like the workers."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from eakte.catalog import SqliteCatalog
from eakte.config import Settings
from eakte.errors import NothingToVerify
from eakte.integrity.verify import open_for_verify
from eakte.store import LocalStore
from tests.conftest import BIN
from tests.test_verify import _migrated


def _verify_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "eakte"), "verify", *args], capture_output=True, text=True, cwd=cwd, timeout=120,
                          check=False)


def test_verify_of_a_data_dir_that_does_not_exist_fails_and_creates_nothing(tmp_path: Path) -> None:
    res = _verify_cli("--data-dir", str(tmp_path / "typo"), cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    assert "nothing to verify" in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "typo").exists()


def test_verify_of_a_catalog_without_sources_fails(tmp_path: Path) -> None:
    data = tmp_path / "data"
    LocalStore(data / "store")
    SqliteCatalog(data / "catalog.sqlite").close()
    res = _verify_cli("--data-dir", str(data), cwd=tmp_path)
    assert res.returncode == 6, res.stderr
    assert "empty_catalog" in res.stderr


def test_open_for_verify_needs_store_and_catalog(tmp_path: Path) -> None:
    data = tmp_path / "data"
    LocalStore(data / "store")
    with pytest.raises(NothingToVerify) as err:
        open_for_verify(Settings(data_dir=data))
    assert "no catalog" in err.value.message
    assert not (data / "catalog.sqlite").exists()


def test_verify_flow_reads_store_and_catalog_from_the_environment(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _store, cat, _akte = _migrated(tmp_path)
    cat.close()
    data = tmp_path / "data"
    moved = tmp_path / "elsewhere"
    data.rename(moved)  # the default data dir no longer holds them: only the environment names them
    monkeypatch.setenv("EAKTE_STORE", (moved / "store").resolve().as_uri())
    monkeypatch.setenv("EAKTE_CATALOG", str(moved / "catalog.sqlite"))
    monkeypatch.chdir(tmp_path)
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, temporary_settings

    from flows.verify import verify_flow

    with temporary_settings({PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: 120}):
        result = verify_flow()
    assert result["ok"] and result["sources_checked"] == 1
    assert not (tmp_path / "eakte-data").exists()


def test_verify_flow_reads_the_s3_credentials_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, temporary_settings

    from eakte.errors import StorageError
    from flows.verify import verify_flow

    monkeypatch.setenv("EAKTE_STORE", "s3://eakte-verify/e-akte")
    monkeypatch.setenv("EAKTE_S3_CREDENTIALS_BLOCK", "no-such-block")
    monkeypatch.chdir(tmp_path)
    with temporary_settings({PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: 120}), \
            pytest.raises(StorageError, match="Secret block 'no-such-block'"):
        verify_flow()
