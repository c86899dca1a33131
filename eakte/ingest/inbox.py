"""Inboxes a run can be pointed at: local paths as they are, or an S3 prefix staged to a local folder.

An S3 inbox (`s3://bucket/prefix`) is mirrored under `<data_dir>/inbox/<bucket>/<prefix>/`, so the
source paths recorded are the object keys below the prefix, the same on every run. An object is fetched
again only when its ETag changed since it was staged (kept in `<data_dir>/inbox/.staged/`, outside the
mirrored folder): an object replaced by another of the same size is not migrated from the stale copy.
A key that cannot be staged (`..` in it, a name part longer than a local folder allows) is not dropped:
it becomes a candidate with its reason, so it ends as a quarantined source record like any bad file.
"""

from __future__ import annotations

import errno
import json
import logging
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from eakte.config import Settings
from eakte.errors import EakteError, UnreadableFile
from eakte.ids import sha256_bytes
from eakte.ingest.discover import SourceCandidate, shown_path
from eakte.store import open_store

log = logging.getLogger("eakte.ingest.inbox")


def resolve_inputs(sources: list[str], settings: Settings) -> tuple[list[Path], list[SourceCandidate]]:
    """Local paths for every given source (S3 prefixes staged first), and the objects that could not be staged."""
    paths: list[Path] = []
    problems: list[SourceCandidate] = []
    for s in sources:
        if s.startswith("s3://"):
            path, bad = stage_s3_prefix(s, settings)
            paths.append(path)
            problems += bad
        else:
            paths.append(Path(s))
    return paths, problems


def resolve_sources(sources: list[str], settings: Settings) -> list[Path]:
    """Local paths for every given source; S3 prefixes are staged first (see `resolve_inputs` for the rest)."""
    return resolve_inputs(sources, settings)[0]


def _unstageable(key: str, target: Path, error: EakteError) -> SourceCandidate:
    return SourceCandidate(path=target / "unstaged", display_path=shown_path(key), error=error)


def resolve_root(root: str, relative: list[str], settings: Settings) -> tuple[Path, list[SourceCandidate]]:
    """The local folder of an inbox root for a batch of paths relative to it: an S3 root stages only the
    batch's keys (the other batches are staged by the runs that migrate them)."""
    if root.startswith("s3://"):
        return stage_s3_prefix(root, settings, only=set(relative))
    return Path(root), []


def stage_s3_prefix(url: str, settings: Settings,
                    only: set[str] | None = None) -> tuple[Path, list[SourceCandidate]]:
    parsed = urlparse(url)
    prefix = parsed.path.strip("/")
    target = settings.data_dir / "inbox" / parsed.netloc / prefix
    target.mkdir(parents=True, exist_ok=True)
    state_file = settings.data_dir / "inbox" / ".staged" / (sha256_bytes(url.encode())[:24] + ".json")
    try:
        staged: dict[str, str] = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        staged = {}
    inbox = open_store(settings.model_copy(update={"store": url}))
    problems: list[SourceCandidate] = []
    # Keys outside `only` keep their staged state: another batch's run stages them.
    seen: dict[str, str] = dict(staged) if only is not None else {}
    for key, etag in inbox.list_versions(""):  # type: ignore[attr-defined]
        if key.endswith("/") or (only is not None and key.lstrip("/") not in only):
            continue  # folder markers; other batches' keys
        rel = PurePosixPath(key.lstrip("/"))
        if not rel.parts or ".." in rel.parts:
            problems.append(_unstageable(key, target, UnreadableFile(
                "the object key contains '..' (it would leave the staging folder); it is not staged. "
                "Rename the object in the inbox")))
            continue
        local = target.joinpath(*rel.parts)
        try:
            if staged.get(key) == etag and local.is_file():
                seen[key] = etag
                continue
            local.parent.mkdir(parents=True, exist_ok=True)
            part = local.with_name(local.name + ".part")
            part.write_bytes(inbox.get_bytes(key))
            part.replace(local)
        except OSError as exc:
            reason = ("the object key has a name part longer than 255 bytes, which no local folder can hold; "
                      "rename the object in the inbox") if exc.errno == errno.ENAMETOOLONG else (
                f"the object could not be staged ({exc.strerror or exc.__class__.__name__})")
            problems.append(_unstageable(key, target, UnreadableFile(reason)))
            continue
        seen[key] = etag
    try:
        state_file.parent.mkdir(parents=True, exist_ok=True)
        state_file.write_text(json.dumps(seen, sort_keys=True), encoding="utf-8")
    except OSError:
        log.warning("the inbox staging state could not be written; the next run fetches the objects again")
    return target, problems
