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
