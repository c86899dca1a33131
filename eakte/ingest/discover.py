"""Ingest: walk the inputs, sniff the real type, hash, apply file limits.

Every file found becomes exactly one `SourceCandidate`; problems found here are attached as
`error` so the file is quarantined later instead of dropped.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

import magic

from eakte.config import Limits
from eakte.errors import (
    EakteError,
    EmptyFile,
    LinkOutsideInputs,
    TooLarge,
    UnreadableFile,
    UnreadableFolder,
    UnsupportedType,
)
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


Entry = tuple[Path, str, EakteError | None]


def _folder_error(exc: OSError) -> EakteError:
    if exc.errno == errno.ENAMETOOLONG:
        return UnreadableFolder("the folder's path is longer than the system allows (4096 bytes), so its files "
                                "cannot be opened; move them to a shorter path and run again")
    if isinstance(exc, PermissionError):
        return UnreadableFolder("the folder cannot be listed: permission denied; its files were not migrated. "
                                "Fix its permissions and run again")
    return UnreadableFolder(f"the folder cannot be listed ({exc.strerror or exc.__class__.__name__}); its files "
                            "were not migrated")


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:
        return False  # e.g. a path too long to look at: the walk reports the folder


def iter_files(inputs: Iterable[Path]) -> Iterator[Entry]:
    """Yields (path, display path, error) for every file under the inputs, in a stable order, and one entry
    (with its error) for every folder that could not be listed: nothing under the inputs goes unrecorded."""
    for given in inputs:
        if given.is_dir() and not given.is_symlink():
            failed: list[OSError] = []
            for root, dirs, files in os.walk(given, followlinks=False, onerror=failed.append):
                while failed:
                    yield from _failed_folder(failed.pop(0), given)
                dirs.sort()
                rootp = Path(root)
                for name in sorted(files) + sorted(d for d in dirs if _is_link(rootp / d)):
                    p = rootp / name
                    yield p, shown_path(p.relative_to(given).as_posix()), None
            while failed:
                yield from _failed_folder(failed.pop(0), given)
        else:
            yield given, shown_path(given.as_posix()), None


def _failed_folder(exc: OSError, given: Path) -> Iterator[Entry]:
    folder = Path(os.fsdecode(exc.filename)) if exc.filename is not None else given
    try:
        shown = folder.relative_to(given).as_posix()
    except ValueError:
        shown = folder.as_posix()
    yield folder, shown_path(given.as_posix() if shown == "." else shown), _folder_error(exc)


def describe_mime(mime: str) -> str:
    if mime.startswith("application/vnd.openxmlformats") or mime.startswith("application/vnd.oasis"):
        return "an Office document"
    return TYPE_WORDS.get(mime, f"a file of type {mime}")


def input_roots(inputs: Iterable[Path]) -> list[str]:
    """The real paths a link found under the inputs may point into: the folders given (and files given)."""
    return [os.path.realpath(p) for p in inputs]


def _inside(real: str, roots: list[str]) -> bool:
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def inspect(path: Path, display_path: str, limits: Limits, roots: list[str] | None = None) -> SourceCandidate:
    """Stats, sniffs and hashes one file; never raises for bad input.

    A symbolic link is followed only to a file inside `roots` (the inputs given to the run), and the candidate
    then reads the target checked here, even if the link is changed later; a link leaving them is not read.
    """
    cand = SourceCandidate(path=path, display_path=display_path)
    try:
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode):
            st = path.stat()  # follows the link; broken links raise here
            real = os.path.realpath(path)
            if roots is not None and not _inside(real, roots):
                cand.error = LinkOutsideInputs()
                return cand
            cand.path = path = Path(real)
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
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            cand.error = UnreadableFile("the file's path is longer than the system allows (4096 bytes); move it "
                                        "to a shorter path and run again")
        else:
            cand.error = UnreadableFile(f"the file cannot be read ({exc.__class__.__name__})")
        return cand
    except magic.MagicException as exc:
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
    """One candidate per file and per folder that could not be listed."""
    given = list(inputs)
    roots = input_roots(given)
    return [inspect(p, shown, limits, roots) if err is None else SourceCandidate(path=p, display_path=shown, error=err)
            for p, shown, err in iter_files(given)]


def discover_under(root: Path, relative: Iterable[str], limits: Limits) -> list[SourceCandidate]:
    """One candidate per file named relative to `root` (a batch of an inbox): the recorded path stays relative
    to the inbox root, so it says which sub-folder the file came from, whichever run migrates it."""
    roots = input_roots([root])
    return [inspect(root.joinpath(*PurePosixPath(rel).parts), shown_path(rel), limits, roots) for rel in relative]
