"""`eakte verify`: a clean migration verifies; tampering, deletion, strays and unmigrated inputs are found."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from eakte.catalog import SqliteCatalog
from eakte.config import Limits, Settings
from eakte.ingest.discover import inspect
from eakte.integrity.verify import EXTRA_CHECKS, Finding, register_check, verify
from eakte.migrate.source import migrate_source
from eakte.store import LocalStore, keys
from tests.badinput import text_pdf_bytes
from tests.conftest import BIN


def _migrated(tmp_path: Path) -> tuple[LocalStore, SqliteCatalog, str]:
    src = tmp_path / "in" / "akte.pdf"
    src.parent.mkdir()
    src.write_bytes(text_pdf_bytes())
    store, cat = LocalStore(tmp_path / "data" / "store"), SqliteCatalog(tmp_path / "data" / "catalog.sqlite")
    out = migrate_source(inspect(src, "akte.pdf", Limits()), Settings(data_dir=tmp_path / "data"), store, cat)
    assert out.record.status == "processed" and out.record.akte_id
    return store, cat, out.record.akte_id


def test_verify_finds_tampering_loss_strays_and_unmigrated_inputs(tmp_path: Path) -> None:
    store, cat, akte = _migrated(tmp_path)
    clean = verify(store, cat, [tmp_path / "in"])
    assert clean.ok and clean.objects_checked == len(list(store.list())) >= 5

    doc = next(cat.documents(akte))
    assert doc.objects.text and doc.objects.pdf
    Path(store.locate(doc.objects.text)).write_bytes(b"altered")  # bit rot / tampering
    Path(store.locate(doc.objects.pdf)).unlink()  # lost object
    store.put_bytes("akten/a-stray/x.txt", b"stray", "text/plain")  # orphan
    (tmp_path / "in" / "new.pdf").write_bytes(text_pdf_bytes([["Ein neues Blatt ist nach der Migration "
                                                               "hinzugekommen und wurde nicht migriert."]]))
    report = verify(store, cat, [tmp_path / "in"])
    assert not report.ok
    assert report.of("mismatch") == [doc.objects.text]
    assert report.of("missing") == [doc.objects.pdf]
    assert report.of("orphaned") == ["akten/a-stray/x.txt"]
    assert report.of("not_migrated") == ["input:new.pdf"]

    Path(store.locate(keys.source_record(akte))).unlink()  # completion marker gone
    assert verify(store, cat).of("incomplete") == [keys.source_record(akte)]
    cat.close()


def test_extra_checks_plug_in(tmp_path: Path) -> None:
    store, cat, akte = _migrated(tmp_path)

    def manifest_check(store: object, catalog: object, rec: object) -> list[Finding]:
        return [Finding("extra", f"akte:{akte}", "manifest signature does not match")]

    register_check(manifest_check)
    try:
        assert verify(store, cat).of("extra") == [f"akte:{akte}"]
    finally:
        EXTRA_CHECKS.remove(manifest_check)
    assert verify(store, cat).ok
    cat.close()


def test_verify_cli_exits_6_on_mismatch(tmp_path: Path) -> None:
    store, cat, akte = _migrated(tmp_path)
    cat.close()
    data = tmp_path / "data"
    ok = subprocess.run([str(BIN / "eakte"), "verify", "--data-dir", str(data)], capture_output=True, text=True,
                        cwd=tmp_path, timeout=120)
    assert ok.returncode == 0, ok.stderr
    Path(store.locate(keys.source_record(akte))).write_bytes(b"{}")
    bad = subprocess.run([str(BIN / "eakte"), "verify", "--data-dir", str(data), "--json", str(tmp_path / "r.json")],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert bad.returncode == 6, bad.stderr
    assert "mismatch" in bad.stderr and json.loads((tmp_path / "r.json").read_text())["counts"] == {"mismatch": 1}
