"""An S3 inbox prefix is staged to the data dir with stable paths (the object keys below the prefix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eakte.config import Settings
from eakte.ingest.discover import discover
from eakte.ingest.inbox import resolve_sources
from eakte.store import open_store


@pytest.mark.s3
def test_s3_inbox_is_staged_with_stable_paths(tmp_path: Path, s3_env: dict[str, str]) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    inbox = open_store(settings.model_copy(update={"store": "s3://eakte-inbox/scans/2026"}))
    inbox.put_bytes("akte-1.pdf", b"%PDF-1.4 first", "application/pdf")
    inbox.put_bytes("sub/akte-2.tif", b"II*\x00 second", "image/tiff")
    local = Path("elsewhere")
    paths = resolve_sources(["s3://eakte-inbox/scans/2026", str(local)], settings)
    assert paths[1] == local
    staged = paths[0]
    assert staged == settings.data_dir / "inbox" / "eakte-inbox" / "scans" / "2026"
    assert sorted(c.display_path for c in discover([staged], settings.limits)) == ["akte-1.pdf", "sub/akte-2.tif"]
    assert (staged / "sub" / "akte-2.tif").read_bytes() == b"II*\x00 second"
    before = (staged / "akte-1.pdf").stat().st_mtime_ns
    resolve_sources(["s3://eakte-inbox/scans/2026"], settings)  # second run: nothing fetched again
    assert (staged / "akte-1.pdf").stat().st_mtime_ns == before


@pytest.mark.s3
def test_a_batch_stages_only_its_own_keys_and_records_them_relative_to_the_prefix(
        tmp_path: Path, s3_env: dict[str, str]) -> None:
    from eakte.ingest.discover import discover_under
    from eakte.ingest.inbox import resolve_root

    settings = Settings(data_dir=tmp_path / "data")
    inbox = open_store(settings.model_copy(update={"store": "s3://eakte-inbox/batch"}))
    for key in ("2019/a.pdf", "2019/b.pdf", "2020/c.pdf"):
        inbox.put_bytes(key, b"%PDF-1.4 " + key.encode(), "application/pdf")
    resolve_sources(["s3://eakte-inbox/batch"], settings)  # the parent staged everything once
    other = Settings(data_dir=tmp_path / "worker-b")  # another worker: only its batch
    base, problems = resolve_root("s3://eakte-inbox/batch", ["2019/b.pdf", "2020/c.pdf"], other)
    assert problems == []
    assert sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()) == ["2019/b.pdf",
                                                                                              "2020/c.pdf"]
    assert [c.display_path for c in discover_under(base, ["2019/b.pdf", "2020/c.pdf"], other.limits)] == [
        "2019/b.pdf", "2020/c.pdf"]
    # a batch on the parent's worker keeps the staged state of the keys it does not take
    staged = settings.data_dir / "inbox" / "eakte-inbox" / "batch"
    before = (staged / "2019" / "a.pdf").stat().st_mtime_ns
    resolve_root("s3://eakte-inbox/batch", ["2020/c.pdf"], settings)
    resolve_sources(["s3://eakte-inbox/batch"], settings)
    assert (staged / "2019" / "a.pdf").stat().st_mtime_ns == before  # not fetched again
