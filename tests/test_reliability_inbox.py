"""S3 inbox, against the moto_server fixture: every object ends as a record (keys that cannot be staged too),
and an object replaced by one of the same size is fetched again (ETag, not size, decides)."""

from __future__ import annotations

from pathlib import Path

import pytest
from minio import Minio

from eakte.config import Settings
from eakte.ingest.discover import discover
from eakte.ingest.inbox import resolve_inputs
from eakte.store import open_store
from tests.conftest import S3Server

URL = "s3://eakte-inbox-rel/scans"


def _client(server: S3Server) -> Minio:
    return Minio(server.endpoint.removeprefix("http://"), access_key="testing", secret_key="testing", secure=False,
                 region="us-east-1")


def _put(server: S3Server, key: str, data: bytes) -> None:
    """boto3, not minio: minio refuses to send a key with a '..' segment, but an S3 server takes it."""
    import boto3

    boto3.client("s3", endpoint_url=server.endpoint, aws_access_key_id="testing", aws_secret_access_key="testing",
                 region_name="us-east-1").put_object(Bucket="eakte-inbox-rel", Key=f"scans/{key}", Body=data)


@pytest.mark.s3
def test_every_object_ends_as_a_candidate(tmp_path: Path, s3_server: S3Server, s3_env: dict[str, str]) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    open_store(settings.model_copy(update={"store": URL}))  # makes the bucket
    _put(s3_server, "ok.pdf", b"%PDF-1.4 fine")
    _put(s3_server, "sub/../../escape.pdf", b"%PDF-1.4 would leave the staging folder")
    _put(s3_server, "x" * 300 + ".pdf", b"%PDF-1.4 name part too long for a local folder")
    paths, problems = resolve_inputs([URL], settings)
    found = {c.display_path: c for c in [*problems, *discover(paths, settings.limits)]}
    assert set(found) == {"ok.pdf", "sub/../../escape.pdf", "x" * 300 + ".pdf"}
    assert found["ok.pdf"].error is None
    escape = found["sub/../../escape.pdf"].error
    assert escape is not None and escape.code == "unreadable_file" and ".." in escape.message
    long_name = found["x" * 300 + ".pdf"].error
    assert long_name is not None and long_name.code == "unreadable_file" and "255 bytes" in long_name.message
    assert not (tmp_path / "data" / "inbox" / "escape.pdf").exists()


@pytest.mark.s3
def test_object_replaced_with_the_same_size_is_fetched_again(tmp_path: Path, s3_server: S3Server,
                                                             s3_env: dict[str, str]) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    open_store(settings.model_copy(update={"store": URL + "2"}))
    url = URL + "2"
    client = _client(s3_server)
    import io

    client.put_object("eakte-inbox-rel", "scans2/akte.pdf", io.BytesIO(b"%PDF-1.4 AAAA"), 13)
    (staged,), _ = resolve_inputs([url], settings)
    assert (staged / "akte.pdf").read_bytes() == b"%PDF-1.4 AAAA"
    client.put_object("eakte-inbox-rel", "scans2/akte.pdf", io.BytesIO(b"%PDF-1.4 BBBB"), 13)  # same size
    (staged,), _ = resolve_inputs([url], settings)
    assert (staged / "akte.pdf").read_bytes() == b"%PDF-1.4 BBBB"
    before = (staged / "akte.pdf").stat().st_mtime_ns
    resolve_inputs([url], settings)  # unchanged object: not fetched again
    assert (staged / "akte.pdf").stat().st_mtime_ns == before
