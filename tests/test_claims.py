"""Source claims on a real PostgreSQL catalog: who gets a source, in which order, and when a claim expires."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from eakte.catalog import open_catalog_url
from eakte.catalog.claims import SourceClaims, releasing
from eakte.catalog.postgres import PostgresCatalog
from schemas.records import SourceRecord

KEY = "a" * 64


@pytest.fixture()
def engine(new_pg_database: Callable[[], str]) -> Iterator[sa.Engine]:
    cat = open_catalog_url(new_pg_database())
    assert isinstance(cat, PostgresCatalog)
    yield cat.engine
    cat.close()


def test_first_claim_wins_until_released(engine: sa.Engine) -> None:
    a, b = SourceClaims(engine), SourceClaims(engine)
    assert a.claim(KEY)
    assert not b.claim(KEY)  # a live claim of another run: skipped
    holder = a.holder(KEY)
    assert holder is not None and holder.run_id == a.run_id and holder.pid == a.pid
    assert a.claim(KEY)  # a task retry of the same run takes its own claim again
    assert not b.release(KEY)  # b cannot drop a's claim
    assert a.release(KEY)
    assert b.holder(KEY) is None
    assert b.claim(KEY)
    assert not a.claim(KEY)


def test_concurrent_claims_of_one_source_give_it_to_exactly_one_run(engine: sa.Engine) -> None:
    runs = [SourceClaims(engine) for _ in range(8)]
    start = threading.Barrier(len(runs))
    won: list[str] = []

    def race(claims: SourceClaims) -> None:
        start.wait()
        for n in range(20):
            if claims.claim(f"{n:064d}"):
                won.append(f"{n}:{claims.run_id}")

    threads = [threading.Thread(target=race, args=(r,)) for r in runs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(w.split(":")[0] for w in won) == sorted(str(n) for n in range(20))  # each key once, none lost


def test_an_expired_claim_is_taken_over(engine: sa.Engine) -> None:
    killed, next_run = SourceClaims(engine, ttl_seconds=0.5), SourceClaims(engine, ttl_seconds=60)
    assert killed.claim(KEY)
    assert not next_run.claim(KEY)
    time.sleep(0.8)  # the killed run stopped renewing
    assert next_run.claim(KEY)
    holder = next_run.holder(KEY)
    assert holder is not None and holder.run_id == next_run.run_id
    assert not killed.release(KEY)  # a late release of the old owner does not free the new owner's claim
    assert not killed.claim(KEY)


def test_renewal_keeps_a_long_source_claimed(engine: sa.Engine) -> None:
    busy, other = SourceClaims(engine, ttl_seconds=0.6), SourceClaims(engine)
    assert busy.claim(KEY)
    with busy.renewing():
        time.sleep(1.5)  # well past the lease: only renewal keeps it
        assert not other.claim(KEY)
    time.sleep(0.9)  # renewal stopped: the lease runs out
    assert other.claim(KEY)


def test_claims_refuse_a_sqlite_catalog(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="PostgreSQL"):
        SourceClaims(sa.create_engine(f"sqlite:///{tmp_path / 'c.sqlite'}"))


def test_the_record_transaction_drops_the_claim_and_a_failed_one_keeps_it(
        new_pg_database: Callable[[], str], monkeypatch: pytest.MonkeyPatch) -> None:
    cat = open_catalog_url(new_pg_database())
    assert isinstance(cat, PostgresCatalog)
    mine, other = SourceClaims(cat.engine), SourceClaims(cat.engine)
    record = SourceRecord(path="a.pdf", sha256=KEY, status="duplicate", reason="same content",
                          error_code="duplicate", pipeline_version="t", processed_at="2026-01-01T00:00:00Z")
    try:
        assert mine.claim(KEY) and other.claim("b" * 64)
        with releasing(mine.run_id, KEY):
            def broken(*args: object) -> None:
                raise RuntimeError("disk gone")

            monkeypatch.setattr(cat, "_upsert_source", broken)
            with pytest.raises(RuntimeError):
                cat.record_source(record, [], {})
            assert mine.holder(KEY) is not None  # no record committed: the claim stays
            monkeypatch.undo()
            cat.record_source(record, [], {})
            assert mine.holder(KEY) is None  # gone with the record, in its transaction
        assert other.holder("b" * 64) is not None  # another run's claim is untouched
        cat.record_source(record, [], {})  # outside `releasing`: no claim is touched
        assert other.holder("b" * 64) is not None
    finally:
        cat.close()
