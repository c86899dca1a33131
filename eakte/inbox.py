"""Inboxes a run can be pointed at: local paths as they are, or an S3 prefix staged to a local folder.

An S3 inbox (`s3://bucket/prefix`) is mirrored under `<data_dir>/inbox/<bucket>/<prefix>/`, so the
source paths recorded are the object keys below the prefix, the same on every run; objects already
staged with the same size are not fetched again.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from eakte.config import Settings
from eakte.store import open_store


def resolve_sources(sources: list[str], settings: Settings) -> list[Path]:
    """Local paths for every given source; S3 prefixes are staged first."""
    return [stage_s3_prefix(s, settings) if s.startswith("s3://") else Path(s) for s in sources]


def stage_s3_prefix(url: str, settings: Settings) -> Path:
    parsed = urlparse(url)
    prefix = parsed.path.strip("/")
    target = settings.data_dir / "inbox" / parsed.netloc / prefix
    target.mkdir(parents=True, exist_ok=True)
    inbox = open_store(settings.model_copy(update={"store": url}))
    for key in inbox.list(""):
        rel = PurePosixPath(key.lstrip("/"))
        if not rel.parts or ".." in rel.parts or key.endswith("/"):
            continue  # folder markers and keys that would leave the staging folder
        local = target.joinpath(*rel.parts)
        obj = inbox.stat(key)
        if obj is not None and local.is_file() and local.stat().st_size == obj.size:
            continue
        local.parent.mkdir(parents=True, exist_ok=True)
        part = local.with_name(local.name + ".part")
        part.write_bytes(inbox.get_bytes(key))
        part.replace(local)
    return target
