"""Both stores behave alike: verified writes, no rewrite of identical bytes, tags, listing."""

from __future__ import annotations

from pathlib import Path

import pytest

from eakte.config import Settings
from eakte.errors import StorageError
from eakte.ids import sha256_bytes
from eakte.store import LocalStore, ObjectStore, S3Store, open_store, with_retries


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> ObjectStore:
    if request.param == "local":
        return LocalStore(tmp_path / "store")
    request.getfixturevalue("s3_env")
    bucket = "test-" + request.node.name.lower().replace("[", "-").replace("]", "").replace("_", "-")[:40]
    return open_store(Settings(data_dir=tmp_path, store=f"s3://{bucket}/eakte"))


def test_put_then_stat_reports_the_sha256(store: ObjectStore, tmp_path: Path) -> None:
    obj = store.put_bytes("akten/a-1/d-1.json", b'{"x": 1}', "application/json", tags={"doc_type": "other"})
    assert obj.written and obj.sha256 == sha256_bytes(b'{"x": 1}')
    st = store.stat("akten/a-1/d-1.json")
    assert st is not None and st.sha256 == obj.sha256 and st.size == 8
    assert store.get_bytes("akten/a-1/d-1.json") == b'{"x": 1}'


def test_identical_bytes_are_not_written_twice(store: ObjectStore, tmp_path: Path) -> None:
    f = tmp_path / "orig.pdf"
    f.write_bytes(b"%PDF-1.4 original")
    assert store.put_file("originals/x.pdf", f, "application/pdf").written
    assert not store.put_file("originals/x.pdf", f, "application/pdf").written
    assert list(store.list("originals/")) == ["originals/x.pdf"]


def test_missing_object_stats_as_none(store: ObjectStore) -> None:
    assert store.stat("akten/none/source.json") is None


def test_s3_store_reports_an_unreachable_server_as_storage_error(tmp_path: Path) -> None:
    from tests.conftest import free_port

    s = S3Store.from_url("s3://eakte-test/p", f"http://127.0.0.1:{free_port()}", "k", "s", "us-east-1")
    s.attempts, s.base_delay = 2, 0.01
    with pytest.raises(StorageError, match="unreachable"):
        s.put_bytes("k", b"x", "text/plain")


def test_retries_back_off_then_succeed() -> None:
    calls, sleeps = [], []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise StorageError("down")
        return "ok"

    assert with_retries(flaky, attempts=5, base_delay=0.5, sleep=sleeps.append) == "ok"
    assert sleeps == [0.5, 1.0]
