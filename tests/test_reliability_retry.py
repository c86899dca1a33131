"""Faults of the run are retried by the next run; properties of the file are not.

A full scratch disk (a real 1 MiB tmpfs when the test may mount one) and OCR that times out on every page
are faults of the run: the source is quarantined with a reason that says so, and the next run, with space
and time, migrates it. An unsupported file stays judged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eakte.catalog import SqliteCatalog
from eakte.config import Settings
from eakte.ingest.discover import discover
from eakte.migrate.outcome import already_done
from eakte.migrate.source import migrate_source
from eakte.model import FINAL_CODES
from eakte.store import LocalStore
from tests.badinput import image_bytes, small_scan


def _scan(tmp_path: Path) -> tuple[Settings, LocalStore, SqliteCatalog, Path]:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "scan.png").write_bytes(image_bytes(small_scan(("Bescheid", "Aufenthaltserlaubnis erteilt")), "PNG"))
    settings = Settings(data_dir=tmp_path / "data", ocr_workers=1)
    return settings, LocalStore(tmp_path / "data" / "store"), SqliteCatalog(tmp_path / "data" / "catalog.sqlite"), inbox


@pytest.mark.parametrize("precheck", [True, False], ids=["free-space-check", "real-ENOSPC"])
def test_full_scratch_disk_is_a_storage_fault_retried_by_the_next_run(tmp_path: Path, full_disk: Path,
                                                                      precheck: bool,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from eakte.errors import DiskFull
    from eakte.ingest import scratch as pipeline

    if not precheck:  # no check before the source: the write itself meets ENOSPC
        monkeypatch.setattr(pipeline, "MIN_FREE_BYTES", 0)

    settings, store, cat, inbox = _scan(tmp_path)
    (cand,) = discover([inbox], settings.limits)
    with pytest.raises(DiskFull) as err:
        migrate_source(cand, settings.model_copy(update={"work_dir": full_disk / "work"}), store, cat)
    assert err.value.code == "disk_full" and "no space left" in err.value.message
    assert err.value.code not in FINAL_CODES
    assert already_done(cand, store, cat) is None
    out = migrate_source(cand, settings, store, cat)  # space again: the source is migrated
    assert out.record.status == "processed"
    cat.close()


def test_ocr_timeout_on_every_page_is_retried_by_the_next_run(tmp_path: Path) -> None:
    settings, store, cat, inbox = _scan(tmp_path)
    (cand,) = discover([inbox], settings.limits)
    out = migrate_source(cand, settings.model_copy(update={"ocr_page_timeout": 0.001}), store, cat)
    assert (out.record.status, out.record.error_code) == ("quarantined", "ocr_timeout")
    assert "next run retries" in (out.record.reason or "")
    assert already_done(cand, store, cat) is None  # a fault of the run, not of the file
    again = migrate_source(cand, settings, store, cat)
    assert again.record.status == "processed"
    cat.close()


def test_a_property_of_the_file_is_not_retried(tmp_path: Path) -> None:
    from eakte.migrate.outcome import quarantine

    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "notiz.pdf").write_bytes(b"not a scan " * 50)
    settings = Settings(data_dir=tmp_path / "data")
    store, cat = LocalStore(tmp_path / "data" / "store"), SqliteCatalog(tmp_path / "data" / "catalog.sqlite")
    (cand,) = discover([inbox], settings.limits)
    assert cand.error is not None and cand.error.code == "unsupported_type"
    quarantine(cand, cand.error, store, cat)
    assert already_done(cand, store, cat) is not None
    cat.close()
