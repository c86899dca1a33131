"""The CLI's warm-up while it waits for the ephemeral Prefect server: loads the doc-type model, only for an inbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from eakte.runtime import warm_up
from extractors import textcat


def test_nothing_is_loaded_for_an_empty_inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[int] = []
    monkeypatch.setattr(textcat, "preload", lambda: loads.append(1))
    (tmp_path / "empty").mkdir()
    assert warm_up.start([tmp_path / "empty", tmp_path / "missing"]) is None
    assert loads == []


def test_the_doc_type_model_is_loaded_for_an_inbox_with_a_file(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textcat, "_nlp", None)  # as in a fresh CLI process
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "akte.pdf").write_bytes(b"%PDF-1.4\n")
    thread = warm_up.start([tmp_path / "in"])
    assert thread is not None and thread.daemon
    thread.join(60)
    assert textcat._nlp is not None
    assert textcat._load() is textcat._nlp  # the first classification reuses it
