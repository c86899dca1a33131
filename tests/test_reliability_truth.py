"""Store and catalog are the truth: a deleted store or catalog is rebuilt by the next run, a failed source is
retried, and no cached task result (least of all a planted pickle) decides that a source is done."""

from __future__ import annotations

import base64
import json
import pickle
import shutil
from pathlib import Path

from eakte import PIPELINE_VERSION
from eakte.catalog import SqliteCatalog
from eakte.ids import sha256_bytes, sha256_file
from tests.badinput import text_pdf_bytes
from tests.conftest import run_cli
from tests.reliability import prefect_env


def _inputs(folder: Path, count: int = 3) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for i in range(count):
        p = folder / f"akte-{i}.pdf"
        p.write_bytes(text_pdf_bytes([[f"Blatt {i}: Der Antrag auf Erteilung der Aufenthaltserlaubnis wird abgelehnt.",
                                       "Gegen diesen Bescheid ist die Klage zulaessig."]]))
        paths.append(p)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 40)  # a quarantined source too
    return paths


def _migrate(inputs: Path, data: Path, tmp: Path) -> dict[str, object]:
    out = tmp / "summary.json"
    res = run_cli("migrate", str(inputs), "--data-dir", str(data), "--summary-json", str(out), env=prefect_env(),
                  cwd=tmp)
    assert res.returncode in (0, 3), res.stderr[-3000:]
    summary: dict[str, object] = json.loads(out.read_text())
    return summary


def _verify(data: Path, tmp: Path) -> int:
    return run_cli("verify", "--data-dir", str(data), env=prefect_env(), cwd=tmp).returncode


def test_deleted_store_is_rebuilt_and_deleted_catalog_is_refilled(tmp_path: Path) -> None:
    _inputs(tmp_path / "in")
    data = tmp_path / "data"
    first = _migrate(tmp_path / "in", data, tmp_path)
    assert first["by_status"] == {"processed": 3, "quarantined": 1}

    shutil.rmtree(data / "store")
    again = _migrate(tmp_path / "in", data, tmp_path)
    assert again["unchanged"] == 0 and again["by_status"] == {"processed": 3, "quarantined": 1}, again
    assert _verify(data, tmp_path) == 0  # every object is back

    stored = {p: p.stat().st_mtime_ns for p in (data / "store").rglob("*") if p.is_file()}
    for f in data.glob("catalog.sqlite*"):
        f.unlink()
    third = _migrate(tmp_path / "in", data, tmp_path)
    assert third["unchanged"] == 0 and third["by_status"] == {"processed": 3, "quarantined": 1}, third
    cat = SqliteCatalog(data / "catalog.sqlite")
    assert len(list(cat.sources())) == 4
    cat.close()
    # The objects were there: re-recording the sources rewrote none of them.
    assert {p: m for p, m in stored.items() if p.exists() and "/.meta/" not in str(p)} == {
        p: m for p, m in stored.items() if "/.meta/" not in str(p)}
    assert _verify(data, tmp_path) == 0


def test_a_planted_result_file_runs_no_code(tmp_path: Path) -> None:
    """Task results were cloudpickles under <data>/prefect-results: anyone who could write there ran code in
    the next migration. No result is read from there any more (nor written)."""
    (pdf,) = _inputs(tmp_path / "in", 1)
    (tmp_path / "in" / "broken.pdf").unlink()
    data = tmp_path / "data"
    marker = tmp_path / "pwned"
    # The key the old cache policy gave this source (flows/migrate.py source_cache_key before this change).
    target = f"{(data / 'store').resolve().as_uri()}|{(data / 'catalog.sqlite').resolve()}"
    sha = sha256_file(pdf)
    key = f"eakte-{PIPELINE_VERSION}-{sha}-{sha256_bytes(('akte-0.pdf||' + target).encode())[:16]}"

    class Planted:
        def __reduce__(self) -> tuple[object, tuple[str, str]]:
            return (open, (str(marker), "w"))

    record = {"metadata": {"storage_key": key, "expiration": None,
                           "serializer": {"type": "pickle", "picklelib": "pickle", "picklelib_version": None},
                           "prefect_version": "3.9.1", "storage_block_id": None},
              "result": base64.b64encode(pickle.dumps(Planted())).decode()}
    (data / "prefect-results").mkdir(parents=True)
    (data / "prefect-results" / key).write_text(json.dumps(record))
    summary = _migrate(tmp_path / "in", data, tmp_path)
    assert not marker.exists()
    assert summary["by_status"] == {"processed": 1}
    assert not (data / "prefect-results").exists()  # the old results (pickles with source paths) are gone
