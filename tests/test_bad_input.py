"""Every kind of bad input in ONE `eakte migrate` run: one record each, the expected outcome, a plain reason,
originals of quarantined files kept, memory bounded; plus a file that changes while it is being read."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eakte.catalog import SqliteCatalog
from eakte.config import Limits, Settings
from eakte.ingest.discover import inspect
from eakte.integrity.verify import verify
from eakte.migrate.source import migrate_source
from eakte.store import LocalStore
from tests.badinput import generate, text_pdf_bytes
from tests.reliability import prefect_env, run_measured

MAX_RSS_KIB = int(1.5 * 1024 * 1024)
# A reason an operator understands: words, no tracebacks, no Python reprs.
TECHNICAL = re.compile(r"Traceback|Error\(|Exception|0x[0-9a-f]{6,}|\bNone\b|/tmp/")


@pytest.mark.slow
def test_every_bad_input_ends_as_one_record_with_its_outcome(tmp_path: Path) -> None:
    kinds = generate(tmp_path / "in", tmp_path / "outside")
    assert len(kinds) >= 30
    data = tmp_path / "data"
    res, rss_kib = run_measured("migrate", str(tmp_path / "in"), "--data-dir", str(data), env=prefect_env(),
                                 cwd=tmp_path)
    assert res.returncode == 3, res.stderr[-3000:]  # finished; some sources quarantined or partial
    assert 0 < rss_kib < MAX_RSS_KIB, f"peak RSS {rss_kib} KiB"

    cat = SqliteCatalog(data / "catalog.sqlite")
    records: dict[str, list[dict[str, object]]] = {}
    for rec in cat.sources():
        records.setdefault(rec.path, []).append(rec.model_dump())
    assert sorted(records) == sorted(k.record_path for k in kinds)  # nothing lost, nothing extra
    store = LocalStore(data / "store")
    got = []
    for k in kinds:
        assert len(records[k.record_path]) == 1, k.kind
        rec = records[k.record_path][0]
        got.append((k.kind, rec["status"], rec["error_code"], rec["failed_pages"]))
        if rec["status"] != "processed":
            reason = str(rec["reason"] or "")
            assert len(reason) > 15 and not TECHNICAL.search(reason), (k.kind, reason)
        if rec["status"] == "quarantined":
            objects = rec["objects"]
            assert isinstance(objects, dict)
            reason_doc = json.loads(store.get_bytes(objects["reason"]))
            assert reason_doc["error_code"] == k.error_code and reason_doc["reason"] == rec["reason"]
            if rec["sha256"]:  # the content was readable: the original is kept byte for byte
                kept = store.get_bytes(objects["original"])
                assert kept == (tmp_path / "in" / k.name).read_bytes(), k.kind
        if rec["status"] == "partial":
            assert all(f"{n}" in str(rec["reason"]) for n in k.failed_pages)
    assert got == [(k.kind, k.status, k.error_code, k.failed_pages) for k in kinds]
    report = verify(store, cat)
    assert report.ok, report.findings
    cat.close()


def test_file_changed_between_ingest_and_snapshot_is_quarantined(tmp_path: Path) -> None:
    src = tmp_path / "in" / "growing.pdf"
    src.parent.mkdir()
    src.write_bytes(text_pdf_bytes())
    cand = inspect(src, "growing.pdf", Limits())
    assert cand.error is None and cand.sha256
    src.write_bytes(text_pdf_bytes() + b"% appended by a scanner still writing\n")  # changes after hashing
    settings = Settings(data_dir=tmp_path / "data")
    store, cat = LocalStore(tmp_path / "data" / "store"), SqliteCatalog(tmp_path / "data" / "catalog.sqlite")
    out = migrate_source(cand, settings, store, cat)
    assert (out.record.status, out.record.error_code) == ("quarantined", "changed_while_reading")
    assert "changed while it was being read" in (out.record.reason or "")
    assert json.loads(store.get_bytes(out.record.objects["reason"]))["error_code"] == "changed_while_reading"
    assert "original" not in out.record.objects  # the bytes no longer match the hash: nothing stored under it
    assert not list(store.list("originals/")) and not list(store.list("akten/"))
    cat.close()
