"""Ingest sniffs the real type, hashes, and turns every odd file into a candidate with a plain reason."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image

from eakte.config import Limits
from eakte.ingest.discover import discover


def test_real_type_wins_over_the_extension(tmp_path: Path) -> None:
    buf = io.BytesIO()
    Image.new("L", (300, 300), 255).save(buf, format="PNG")
    (tmp_path / "scan.pdf").write_bytes(buf.getvalue())
    with zipfile.ZipFile(tmp_path / "akte.tif", "w") as z:
        z.writestr("a.txt", "x")
    (tmp_path / "empty.png").write_bytes(b"")
    cands = {c.display_path: c for c in discover([tmp_path], Limits())}
    assert cands["scan.pdf"].kind == "png" and cands["scan.pdf"].error is None
    assert cands["akte.tif"].error is not None and "ZIP archive" in cands["akte.tif"].error.message
    assert cands["empty.png"].error is not None and cands["empty.png"].error.code == "empty_file"


def test_folders_are_walked_recursively_in_stable_order_with_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "c").mkdir(parents=True)
    for p in ("b/2.pdf", "a/c/1.pdf", "a/0.pdf"):
        (tmp_path / p).write_bytes(b"%PDF-1.4\n")
    assert [c.display_path for c in discover([tmp_path], Limits())] == ["a/0.pdf", "a/c/1.pdf", "b/2.pdf"]


def test_files_above_the_size_limit_are_refused_before_hashing(tmp_path: Path) -> None:
    (tmp_path / "big.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 5000)
    [cand] = discover([tmp_path], Limits(max_file_bytes=1000))
    assert cand.error is not None and cand.error.code == "too_large" and cand.sha256 is None


def test_broken_symlink_is_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    [cand] = discover([tmp_path], Limits())
    assert cand.error is not None and cand.error.code == "unreadable_file"


def test_scratch_folders_of_killed_runs_are_removed_once_stale(tmp_path: Path) -> None:
    import os

    from eakte.config import Settings
    from eakte.ingest.scratch import STALE_WORK_SECONDS, clean_stale_work

    settings = Settings(data_dir=tmp_path)
    old, fresh = settings.scratch_dir() / "src-aaaa-1", settings.scratch_dir() / "src-bbbb-2"
    for d in (old, fresh):
        (d / "p00001.jpg").parent.mkdir(parents=True)
        (d / "p00001.jpg").write_bytes(b"x")
    os.utime(old, (0, 0))
    assert clean_stale_work(settings, now_ts=STALE_WORK_SECONDS + 10) == 1
    assert not old.exists() and fresh.exists()
