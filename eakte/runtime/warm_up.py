"""Loads what the first source would load on first use while the CLI waits for its ephemeral Prefect API server.

Why: the CLI's imports are done a second or two before the server it started answers, and for that time one of
the two cores idles. The doc-type model (spaCy, ≈0.4 CPU s) loaded then is not loaded later beside the first
pages' OCR, where it took CPU from tesseract. Only when the inbox holds something: an empty run loads nothing.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from extractors import textcat

log = logging.getLogger("eakte.runtime.warm_up")


def _has_files(sources: list[Path]) -> bool:
    for source in sources:
        try:
            if source.is_file() or (source.is_dir() and next(source.iterdir(), None) is not None):
                return True
        except OSError:
            continue
    return False


def _load() -> None:
    try:
        if textcat.available():
            textcat.preload()
    except Exception as exc:  # the first classification loads it again and fails the source as before
        log.debug("warm-up: doc-type model not loaded (%s)", exc.__class__.__name__)


def start(sources: list[Path]) -> threading.Thread | None:
    """Starts loading in a daemon thread when some source may hold a file; returns the thread (None: nothing)."""
    if not _has_files(sources):
        return None
    thread = threading.Thread(target=_load, name="eakte-warm-up", daemon=True)
    thread.start()
    return thread
