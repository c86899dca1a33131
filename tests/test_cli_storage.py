"""Storage: a data dir with a space or umlaut is used as named (not percent-encoded), and a store that
cannot be written ends `eakte migrate` with exit 5 (README: storage failure), not 3.

The tests run as root, where a chmod'ed read-only folder still accepts writes; the real storage failure
used here is ENOTDIR: the store's `quarantine` folder is a regular file, so every write under it fails.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from eakte.config import Settings
from eakte.store import open_store
from tests.conftest import run_cli


def test_store_of_a_data_dir_with_space_and_umlaut_is_that_folder(tmp_path: Path) -> None:
    data = tmp_path / "d space ü"
    open_store(Settings(data_dir=data)).put_bytes("akten/x/a.txt", b"abc", "text/plain")
    assert (data / "store" / "akten" / "x" / "a.txt").read_bytes() == b"abc"
    assert not [p for p in tmp_path.rglob("*") if "%" in p.name]


def test_unwritable_store_ends_migrate_with_exit_5(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    Image.new("L", (8, 8), 255).save(inbox / "a.gif", format="GIF")  # quarantined at once: written to quarantine/
    data = tmp_path / "d space ü"
    (data / "store").mkdir(parents=True)
    (data / "store" / "quarantine").write_bytes(b"not a folder")
    run = run_cli("migrate", str(inbox), "--data-dir", str(data), env={"EAKTE_SOURCE_RETRY_DELAYS": "[0]"},
                  timeout=600)
    assert run.returncode == 5, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert "storage failure: 1 sources could not be written" in run.stderr
    assert not [p for p in tmp_path.rglob("*") if "%" in p.name]
