"""A hook the command line sets to show progress while a flow runs in the same process."""

from __future__ import annotations

from collections.abc import Callable

from schemas.records import SourceRecord

Listener = Callable[[SourceRecord, int], None]  # (finished source, its OCRed pages)
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    _listeners.append(listener)


def unsubscribe(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def source_done(record: SourceRecord, ocr_pages: int) -> None:
    for listener in list(_listeners):
        listener(record, ocr_pages)
