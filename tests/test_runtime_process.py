"""Process-wide state is set by one init and scoped guards (issue 15), not at import or from afar."""

from __future__ import annotations

import os
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import pytest
from PIL import Image

from eakte.ocr import pool
from eakte.runtime import process
from eakte.store.base import StoreWrapper
from eakte.store.local import LocalStore


def test_init_sets_the_process_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 89_478_485)
    process.init()
    assert os.environ["OMP_THREAD_LIMIT"] == "1" and Image.MAX_IMAGE_PIXELS is None


def test_page_guard_is_held_only_inside_its_scope() -> None:
    held: list[str] = []

    def guard() -> AbstractContextManager[object]:
        held.append("slot")
        return nullcontext()

    with pool.guarded_by(guard):
        pool.page_pool(1).submit(lambda: None).result()
    pool.page_pool(1).submit(lambda: None).result()
    assert held == ["slot"]


def test_a_wrapped_store_answers_presign_and_hashes_explicitly(tmp_path: Path) -> None:
    store = StoreWrapper(LocalStore(tmp_path / "store"))
    obj = store.put_bytes("a/b.txt", b"abc", "text/plain")
    assert store.read_sha256("a/b.txt") == obj.sha256
    assert store.presign("a/b.txt") is None  # a local store has no URLs; the API serves the object
    with pytest.raises(AttributeError):
        store.root  # type: ignore[attr-defined]  # nothing passes through implicitly any more  # noqa: B018
