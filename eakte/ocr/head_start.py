"""OCR of the inbox's first pages while the CLI waits for its ephemeral Prefect server: a head start.

Why: between the end of the CLI's imports and the flow's first page, 1.5-2.5 s pass (the server boots on one
core, then creates the flow run), and one core idles; raw tesseract (the benchmark's ceiling) starts OCR at
once. The head start takes the first file the run will see, copies and hashes it like the run's snapshot, and
reads its first pages with the same `read_page` the run uses, one page at a time, into a scratch folder of
this process. The run stops it when its sources start (`stop`); the source with that SHA-256 takes the pages
(`take`) instead of reading them again, so its result is the same. Pages nobody takes (the source was done
before, a duplicate, claimed by another run) go with the folder when the run ends (`finish`), or with the
next run's clean-up of a dead process's scratch folders.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from concurrent.futures import Future
from pathlib import Path

from eakte.config import Settings
from eakte.errors import EakteError
from eakte.ids import sha256_file
from eakte.ingest.discover import EXTENSIONS, Kind, input_roots, inspect, iter_files
from eakte.ingest.scratch import owner_tag
from eakte.model import PageResult
from eakte.ocr.read import read_page, window_size
from eakte.pages.source import open_pages
from eakte.runtime import process

log = logging.getLogger("eakte.ocr.head_start")


class HeadStart:
    """Reads the first pages of one file in a thread until stopped; hands them to the source with its SHA-256."""

    def __init__(self, sources: list[Path], settings: Settings, max_pages: int | None = None) -> None:
        self.settings = settings
        self.max_pages = max_pages if max_pages is not None else window_size(settings.ocr_workers)
        self.sha256: str | None = None
        self.pages: dict[int, Future[PageResult]] = {}
        self._lock = threading.Lock()
        self._stopped = False
        base = settings.scratch_dir()
        base.mkdir(parents=True, exist_ok=True)
        # "src-" and the owner tag: a killed run's folder is removed by the next run's clean_stale_work
        self.folder = Path(tempfile.mkdtemp(prefix=f"src-head-{owner_tag()}-", dir=base))
        self._thread = threading.Thread(target=self._run, args=(sources,), name="eakte-head-start", daemon=True)
        self._thread.start()

    def _first_file(self, sources: list[Path]) -> tuple[Path, str, Kind] | None:
        """(path, sha256, kind) of the first file the run's discovery yields, if it is a scan to read."""
        roots = input_roots(sources)
        for path, shown, error in iter_files(sources):
            if error is not None:
                return None
            cand = inspect(path, shown, self.settings.limits, roots)
            if cand.error is not None or cand.kind is None or cand.sha256 is None:
                return None
            return cand.path, cand.sha256, cand.kind
        return None

    def _run(self, sources: list[Path]) -> None:
        try:
            first = self._first_file(sources)
            if first is None:
                return
            path, sha256, kind = first
            local = self.folder / ("original" + EXTENSIONS[kind])
            shutil.copyfile(path, local)
            if sha256_file(local) != sha256:
                return  # changed while read: the run finds out itself
            process.init(self.settings.tesseract_cmd)
            source = open_pages(local, kind, self.folder, self.settings.limits, self.settings.ocr_dpi)
            self.sha256 = sha256
            for number in range(1, min(source.page_count, self.max_pages) + 1):
                with self._lock:
                    if self._stopped:
                        return
                    page: Future[PageResult] = Future()
                    page.set_running_or_notify_cancel()
                    self.pages[number] = page
                try:
                    page.set_result(read_page(source, number, self.folder, self.settings))
                except BaseException as exc:  # read_page turns page errors into failed pages; anything else
                    page.set_exception(exc)  # reaches the source that takes it, as in the page pool
                    return
        except (EakteError, OSError) as exc:  # the file cannot be read ahead: the run reads it and reports
            log.debug("head start: nothing read ahead (%s)", exc.__class__.__name__)

    def stop(self) -> None:
        """No page starts after this; the page in progress finishes (its future completes)."""
        with self._lock:
            self._stopped = True

    def take(self, sha256: str | None) -> dict[int, Future[PageResult]]:
        """The pages read ahead of the source with this SHA-256 (once), else none."""
        self.stop()
        with self._lock:
            if sha256 is None or sha256 != self.sha256:
                return {}
            pages, self.pages, self.sha256 = self.pages, {}, None
        return pages

    def finish(self) -> None:
        """Stops, waits for the page in progress and removes the folder (the pages not taken with it)."""
        self.stop()
        self._thread.join()
        shutil.rmtree(self.folder, ignore_errors=True)


_current: HeadStart | None = None


def start(sources: list[Path], settings: Settings) -> HeadStart | None:
    """Starts the head start of this process (the CLI calls it while Prefect starts); None when nothing to read."""
    global _current
    if _current is not None or not any(p.exists() for p in sources):
        return None
    try:
        _current = HeadStart(sources, settings)
    except OSError:
        return None  # no scratch folder: the run reports the disk itself
    return _current


def stop() -> None:
    """The run's sources start: no more pages ahead (the run reads the rest with all its workers)."""
    if _current is not None:
        _current.stop()


def take(sha256: str | None) -> dict[int, Future[PageResult]]:
    return _current.take(sha256) if _current is not None else {}


def finish() -> None:
    global _current
    if _current is not None:
        _current.finish()
        _current = None
