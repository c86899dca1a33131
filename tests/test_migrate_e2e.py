"""End to end through the CLI: a scanned multi-document file, bad inputs, re-runs, S3."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader, PdfWriter

from schemas.export import render
from tests.conftest import run_cli
from tests.scans import RULING_AND_PAYSLIP as PAGES
from tests.scans import scanned_pdf, scanned_tiff


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    scanned_pdf(folder / "akte-0001.pdf", PAGES)
    scanned_tiff(folder / "akte-0002.tif", PAGES[2:])
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "random.pdf").write_bytes(bytes(range(256)) * 8)
    good = (folder / "akte-0001.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (folder / "copy-of-0001.pdf").write_bytes(good)
    w = PdfWriter(clone_from=str(folder / "akte-0001.pdf"))
    w.encrypt(user_password="geheim", algorithm="AES-256")
    w.write(folder / "locked.pdf")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    return folder


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.slow
def test_migrate_scanned_folder_then_rerun_is_idempotent(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    data = tmp_path / "data"
    first = run_cli("migrate", str(inputs), "--data-dir", str(data))
    assert first.returncode == 3, first.stderr  # some sources quarantined: exit code says so
    sources = {s["path"]: s for s in _jsonl(run_cli("sources", "--data-dir", str(data)).stdout)}
    # Every file handed in ends as exactly one source record.
    assert sorted(sources) == sorted(p.name for p in inputs.iterdir())
    assert sources["akte-0001.pdf"]["status"] == "processed" and sources["akte-0001.pdf"]["pages"] == 3
    assert sources["akte-0002.tif"]["status"] == "processed" and sources["akte-0002.tif"]["pages"] == 1
    assert sources["copy-of-0001.pdf"]["status"] == "duplicate"
    assert "akte-0001.pdf" in sources["copy-of-0001.pdf"]["reason"]
    expected = {"empty.pdf": "empty_file", "random.pdf": "unsupported_type", "truncated.pdf": "corrupt_file",
                "locked.pdf": "encrypted_pdf", "notes.docx": "unsupported_type"}
    for name, code in expected.items():
        assert sources[name]["status"] == "quarantined", name
        assert sources[name]["error_code"] == code, name
    assert "password" in sources["locked.pdf"]["reason"]

    docs = _jsonl(run_cli("documents", "--data-dir", str(data), "--format", "jsonl").stdout)
    schema = json.loads(render()["document.schema.json"])
    for d in docs:
        jsonschema.validate(d, schema)
    ruling = next(d for d in docs if d["source"]["path"] == "akte-0001.pdf" and d["source"]["first_page"] == 1)
    assert ruling["doc_type"] == "court_decision" and ruling["source"]["last_page"] == 2
    ocr_text = (data / "store" / ruling["objects"]["text"]).read_text()
    assert "Verwaltungsgericht" in ocr_text
    pdf = PdfReader(str(data / "store" / ruling["objects"]["pdf"]))
    assert "Verwaltungsgericht" in pdf.pages[0].extract_text()  # searchable: OCR text layer present
    assert (data / "store" / "quarantine").exists()

    store_files = sorted(p.relative_to(data) for p in (data / "store").rglob("*") if p.is_file())
    second = run_cli("migrate", str(inputs), "--data-dir", str(data))
    assert second.returncode == 3
    docs2 = _jsonl(run_cli("documents", "--data-dir", str(data), "--format", "jsonl").stdout)
    assert [d["document_id"] for d in docs2] == [d["document_id"] for d in docs]
    assert sorted(p.relative_to(data) for p in (data / "store").rglob("*") if p.is_file()) == store_files
    mtimes = {p: p.stat().st_mtime_ns for p in (data / "store").rglob("*") if p.is_file()}
    assert all(p.stat().st_mtime_ns == m for p, m in mtimes.items())  # nothing rewritten

    hits = run_cli("search", "Lohnabrechnung", "--data-dir", str(data), "--format", "jsonl")
    assert {json.loads(h)["document"]["source"]["path"] for h in hits.stdout.splitlines()} >= {"akte-0002.tif"}


@pytest.mark.slow
@pytest.mark.s3
def test_migrate_into_s3(tmp_path: Path, s3_env: dict[str, str]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    scanned_pdf(inputs / "akte-0003.pdf", PAGES[:2])
    data = tmp_path / "data"
    store = "s3://eakte-e2e/migration"
    res = run_cli("migrate", str(inputs), "--data-dir", str(data), "--store", store, env=s3_env)
    assert res.returncode == 0, res.stderr
    docs = _jsonl(run_cli("documents", "--data-dir", str(data), "--store", store, env=s3_env).stdout)
    assert docs

    from eakte.config import Settings
    from eakte.ids import sha256_bytes
    from eakte.store import open_store

    s3 = open_store(Settings(data_dir=data, store=store))
    for key in (docs[0]["objects"]["pdf"], docs[0]["objects"]["metadata"]):
        st = s3.stat(key)
        assert st is not None and st.sha256 == sha256_bytes(s3.get_bytes(key))
    src = json.loads(s3.get_bytes(f"akten/{docs[0]['akte_id']}/source.json"))
    assert src["status"] == "processed"
