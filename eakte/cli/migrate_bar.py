"""The terminal progress of `eakte migrate`: sources and pages done of their totals, elapsed time and ETA.

Totals come from a cheap count before OCR (`estimate.totals`, in a background thread beside the flow);
until it is done the bar shows what is finished. Pages advance when a source finishes (the flow reports
per source), so the ETA is pages still to do at the pages-per-second seen so far.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from eakte.ingest.estimate import totals
from eakte.runtime import progress


class MigrateBar:
    def __init__(self, sources: Sequence[Path], console: Console) -> None:
        self.sources = list(sources)
        self.bar = Progress(TextColumn("migrating"), BarColumn(),
                            TextColumn("{task.fields[done]}/{task.fields[of]} sources"),
                            MofNCompleteColumn(), TextColumn("pages"), TimeElapsedColumn(),
                            TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=True)
        self.task = self.bar.add_task("pages", total=None, done=0, of="?")
        self.done = 0
        self.lock = threading.Lock()

    def _count(self) -> None:
        n_sources, n_pages = totals(self.sources)
        with self.lock:
            task = self.bar.tasks[0]
            self.bar.update(self.task, total=max(n_pages, int(task.completed)), of=max(n_sources, self.done))

    def on_done(self, record: Any, ocr_pages: int) -> None:
        with self.lock:
            self.done += 1
            task = self.bar.tasks[0]
            of = task.fields["of"]
            total = task.total
            if total is not None and task.completed + record.pages > total:
                total = task.completed + record.pages  # the estimate was low: never past 100 %
            self.bar.update(self.task, advance=record.pages, total=total, done=self.done,
                            of=max(of, self.done) if isinstance(of, int) else of)

    def __enter__(self) -> MigrateBar:
        progress.subscribe(self.on_done)
        threading.Thread(target=self._count, name="eakte-estimate", daemon=True).start()
        self.bar.__enter__()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        progress.unsubscribe(self.on_done)
        self.bar.__exit__(kind, exc, tb)
