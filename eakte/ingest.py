"""Ingest: walk the inputs, sniff the real type, hash, apply file limits.

Every file found becomes exactly one `SourceCandidate`; problems found here are attached as
`error` so the file is quarantined later instead of dropped.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import magic

from eakte.config import Limits
from eakte.errors import EakteError, EmptyFile, TooLarge, UnreadableFile, UnsupportedType
from eakte.ids import sha256_file

Kind = Literal["pdf", "tiff", "jpeg", "png"]

KINDS: dict[str, Kind] = {
    "application/pdf": "pdf",
    "image/tiff": "tiff",
    "image/jpeg": "jpeg",
    "image/png": "png",
}
EXTENSIONS: dict[Kind, str] = {"pdf": ".pdf", "tiff": ".tif", "jpeg": ".jpg", "png": ".png"}

# Plain words for types operators meet in scan inboxes.
TYPE_WORDS = {
    "application/zip": "a ZIP archive",
    "application/x-7z-compressed": "a 7-Zip archive",
    "application/gzip": "a gzip archive",
    "application/msword": "a Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "a Word document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "an Excel workbook",
    "application/vnd.ms-excel": "an Excel workbook",
    "text/html": "an HTML page",
    "text/plain": "a text file",
    "application/octet-stream": "unrecognisable binary data",
    "image/gif": "a GIF image",
    "image/bmp": "a BMP image",
    "image/webp": "a WebP image",
}


@dataclass
class SourceCandidate:
    """A file handed to a migration run, before any page is read."""

    path: Path
    display_path: str  # as given, or relative to the folder given (contract: source.path)
    size: int = 0
    sha256: str | None = None
    mime: str | None = None
    kind: Kind | None = None
    mtime_ns: int = 0
    error: EakteError | None = None


def shown_path(path: str) -> str:
    """The path as valid UTF-8: bytes that are not UTF-8 (e.g. Latin-1 names from old file servers) are shown
    as `\\xfc` escapes, so records, catalog and Prefect can store the name and it still names one file."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def iter_files(inputs: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Yields (path, display path) for every file under the inputs, in a stable order."""
    for given in inputs:
        if given.is_dir() and not given.is_symlink():
            for root, dirs, files in os.walk(given, followlinks=False):
                dirs.sort()
                rootp = Path(root)
                for name in sorted(files) + sorted(d for d in dirs if (rootp / d).is_symlink()):
                    p = rootp / name
                    yield p, shown_path(p.relative_to(given).as_posix())
        else:
            yield given, shown_path(given.as_posix())


def describe_mime(mime: str) -> str:
    if mime.startswith("application/vnd.openxmlformats") or mime.startswith("application/vnd.oasis"):
        return "an Office document"
    return TYPE_WORDS.get(mime, f"a file of type {mime}")


def inspect(path: Path, display_path: str, limits: Limits) -> SourceCandidate:
    """Stats, sniffs and hashes one file; never raises for bad input."""
    cand = SourceCandidate(path=path, display_path=display_path)
    try:
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode):
            st = path.stat()  # follows the link; broken links raise here
        if not stat.S_ISREG(st.st_mode):
            cand.error = UnreadableFile("not a regular file (a folder link, device or socket); it is not migrated")
            return cand
        cand.size, cand.mtime_ns = st.st_size, st.st_mtime_ns
        if st.st_size == 0:
            cand.error = EmptyFile()
            return cand
        if st.st_size > limits.max_file_bytes:
            cand.error = TooLarge(
                f"the file has {st.st_size / 1e6:.0f} MB, above the limit of {limits.max_file_bytes / 1e6:.0f} MB"
            )
            return cand
        # libmagic does not follow links itself (it would answer "inode/symlink"): sniff the target.
        cand.mime = magic.from_file(os.path.realpath(path), mime=True)
        cand.sha256 = sha256_file(path)
    except FileNotFoundError:
        cand.error = UnreadableFile("the file vanished or is a broken link")
        return cand
    except PermissionError:
        cand.error = UnreadableFile("the file cannot be read: permission denied")
        return cand
    except (OSError, magic.MagicException) as exc:
        cand.error = UnreadableFile(f"the file cannot be read ({exc.__class__.__name__})")
        return cand
    cand.kind = KINDS.get(cand.mime or "")
    if cand.kind is None:
        cand.error = UnsupportedType(
            f"unsupported file type: the content is {describe_mime(cand.mime or '')}, whatever its name says; "
            "only PDF, TIFF, JPEG and PNG scans are migrated"
        )
    return cand


def discover(inputs: Iterable[Path], limits: Limits) -> list[SourceCandidate]:
    return [inspect(p, shown, limits) for p, shown in iter_files(inputs)]
