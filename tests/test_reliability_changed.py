"""A file changed between runs is a new version of its source: both records are kept, the old one names its
successor in `superseded_by`, and verify agrees; an object whose bytes did not match is not left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from eakte.catalog import SqliteCatalog
from eakte.config import Settings
from eakte.errors import CorruptFile, IntegrityError
from eakte.ingest.discover import discover
from eakte.integrity.verify import verify
from eakte.migrate.outcome import already_done, quarantine
from eakte.migrate.source import migrate_source
from eakte.store import LocalStore, open_store
from tests.badinput import text_pdf_bytes
from tests.conftest import S3Server


def _current(cat: SqliteCatalog) -> dict[str, str | None]:
    """Path -> SHA-256 of the records that are not superseded: every input is exactly one of them."""
    out: dict[str, str | None] = {}
    for rec in cat.sources():
        if rec.superseded_by is None:
            assert rec.path not in out, rec.path
            out[rec.path] = rec.sha256
    return out


def _run(inbox: Path, settings: Settings, store: LocalStore, cat: SqliteCatalog) -> None:
    for cand in discover([inbox], settings.limits):
        if already_done(cand, store, cat) is not None:
            continue
        if cand.error is not None:
            quarantine(cand, cand.error, store, cat)
        else:
            migrate_source(cand, settings, store, cat)


def test_appended_and_truncated_files_supersede_their_old_records(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    grows, shrinks = inbox / "grows.pdf", inbox / "shrinks.pdf"
    grows.write_bytes(text_pdf_bytes([["Der Antrag auf Verlaengerung wird abgelehnt.", "Die Klage ist zulaessig."]]))
    shrinks.write_bytes(text_pdf_bytes([["Die Duldung wird erteilt.", "Der Bescheid ist bestandskraeftig."]]))
    settings = Settings(data_dir=tmp_path / "data")
    store, cat = LocalStore(tmp_path / "data" / "store"), SqliteCatalog(tmp_path / "data" / "catalog.sqlite")
    _run(inbox, settings, store, cat)
    old = {r.path: r.sha256 for r in cat.sources()}

    with grows.open("ab") as fh:
        fh.write(b"% a scanner appended a page\n")
    shrinks.write_bytes(shrinks.read_bytes()[:400])  # truncated: now a damaged file
    _run(inbox, settings, store, cat)

    records = list(cat.sources())
    assert len(records) == 4  # both versions of both files are kept
    current = _current(cat)
    assert set(current) == {"grows.pdf", "shrinks.pdf"}
    for rec in records:
        if rec.sha256 == old[rec.path]:
            assert rec.superseded_by == current[rec.path]  # the old version names its successor
    report = verify(store, cat, [inbox], settings.limits)
    assert report.ok, report.findings
    _run(inbox, settings, store, cat)  # a third run changes nothing
    assert len(list(cat.sources())) == 4 and _current(cat) == current

    # The file goes back to its first content: that version is current again, the other superseded.
    grows.write_bytes(grows.read_bytes()[: -len(b"% a scanner appended a page\n")])
    _run(inbox, settings, store, cat)
    assert _current(cat)["grows.pdf"] == old["grows.pdf"]
    assert verify(store, cat, [inbox], settings.limits).ok
    cat.close()


def test_file_truncated_during_the_run_leaves_no_stray_object(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    f = inbox / "akte.pdf"
    f.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 400)
    settings = Settings(data_dir=tmp_path / "data")
    store, cat = LocalStore(tmp_path / "data" / "store"), SqliteCatalog(tmp_path / "data" / "catalog.sqlite")
    (cand,) = discover([inbox], settings.limits)
    f.write_bytes(f.read_bytes()[:100])  # shrinks after it was hashed, before its original is kept
    out = quarantine(cand, CorruptFile(), store, cat)
    assert "original" not in out.record.objects
    assert [k for k in store.list() if "original" in k] == []  # nothing kept under a hash it does not have
    assert verify(store, cat).ok
    cat.close()


def test_local_store_removes_an_object_whose_bytes_do_not_match(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store")
    src = tmp_path / "x.bin"
    src.write_bytes(b"these bytes")
    with pytest.raises(IntegrityError):
        store.put_file("originals/abc.bin", src, "application/octet-stream", sha256="0" * 64)
    assert list(store.list()) == [] and store.stat("originals/abc.bin") is None


def test_s3_store_removes_an_object_whose_bytes_do_not_match(tmp_path: Path, s3_server: S3Server,
                                                             s3_env: dict[str, str]) -> None:
    store = open_store(Settings(data_dir=tmp_path, store="s3://eakte-integrity/e-akte", s3_retry_attempts=1))
    src = tmp_path / "x.bin"
    src.write_bytes(b"these bytes")
    with pytest.raises(IntegrityError):
        store.put_file("originals/abc.bin", src, "application/octet-stream", sha256="0" * 64)
    assert list(store.list()) == [] and store.stat("originals/abc.bin") is None
