"""`eakte runs` lists the runs of one data dir's catalog with the failure reason; the run summary's seconds
count from process start; the progress bar's totals come from a cheap page count."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

from PIL import Image

from eakte.config import Settings
from eakte.ingest.estimate import totals
from eakte.runtime.run_scope import catalog_tag
from tests.conftest import run_cli


def _gif(folder: Path) -> Path:
    folder.mkdir(parents=True)
    Image.new("L", (8, 8), 255).save(folder / "a.gif", format="GIF")  # quarantined at once, no OCR
    return folder


def _runs(*args: str) -> list[dict[str, object]]:
    proc = run_cli("runs", "--format", "jsonl", "--limit", "50", *args, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_runs_are_scoped_to_the_catalog_and_say_why_they_failed(tmp_path: Path) -> None:
    from prefect import flow, tags

    a, b = tmp_path / "a", tmp_path / "b"
    summary = tmp_path / "summary.json"
    began = time.monotonic()
    first = run_cli("migrate", str(_gif(tmp_path / "in-a")), "--data-dir", str(a), "--summary-json", str(summary),
                    timeout=600)
    wall = time.monotonic() - began
    assert first.returncode == 3, first.stderr[-3000:]
    numbers = json.loads(summary.read_text(encoding="utf-8"))
    # from process start: imports and the Prefect server's start-up are in it, not only the flow
    assert numbers["seconds"] >= 0.85 * wall - 0.5, (numbers, wall)
    assert numbers["seconds"] > numbers["flow_seconds"]
    second = run_cli("migrate", str(_gif(tmp_path / "in-b")), "--data-dir", str(b), timeout=600)
    assert second.returncode == 3, second.stderr[-3000:]

    @flow(name="eakte-test-failing")
    def failing() -> None:
        raise RuntimeError("the catalog went away")

    with tags(catalog_tag(Settings(data_dir=a))):
        failing(return_state=True)

    of_a = _runs("--data-dir", str(a))
    assert sorted((r["flow"], r["state"]) for r in of_a) == [("eakte-migrate", "Completed"),
                                                             ("eakte-test-failing", "Failed")]
    failed = next(r for r in of_a if r["state"] == "Failed")
    assert "RuntimeError" in str(failed["reason"]) and "the catalog went away" in str(failed["reason"])
    of_b = _runs("--data-dir", str(b))
    assert [(r["flow"], r["quarantined"]) for r in of_b] == [("eakte-migrate", 1)]
    assert {r["id"] for r in of_a} | {r["id"] for r in of_b} <= {r["id"] for r in _runs("--all")}


def test_progress_totals_count_pdf_pages_and_tiff_frames(tmp_path: Path) -> None:
    pages = [Image.new("L", (50, 50), 255) for _ in range(3)]
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", save_all=True, append_images=pages[1:])
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "three.pdf").write_bytes(buf.getvalue())
    tiff = [Image.new("L", (50, 50), 255) for _ in range(2)]
    tiff[0].save(tmp_path / "two.tif", format="TIFF", save_all=True, append_images=tiff[1:], compression="tiff_lzw")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    Image.new("L", (50, 50), 255).save(tmp_path / "one.png")
    assert totals([tmp_path]) == (4, 3 + 2 + 1 + 1)
