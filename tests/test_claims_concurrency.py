"""Two runs migrating one inbox at the same time against one PostgreSQL catalog and one store: each source is
migrated exactly once (its objects written once), none is lost; a dead run's claim is taken over, a live
one's source is skipped. The runs are two threads, each with its own catalog connection pool, store object
and claims (its own run id), driving the real source task body over text-layer PDFs (no OCR)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eakte.catalog import open_catalog_url
from eakte.catalog.claims import SourceClaims
from eakte.catalog.postgres import PostgresCatalog
from eakte.config import Settings
from eakte.ingest.discover import SourceCandidate, discover
from eakte.migrate.claiming import claim_key, open_claims
from eakte.migrate.outcome import SourceOutcome
from eakte.store import LocalStore
from eakte.store.base import StoredObject
from flows.migrate import migrate_source_task
from tests.badinput import text_pdf_bytes

SOURCES = 6


class CountingStore(LocalStore):
    """The real local store, counting every PUT (shared counter across the runs' store objects)."""

    def __init__(self, root: Path, puts: Counter[str], lock: threading.Lock) -> None:
        super().__init__(root)
        self.puts, self.lock = puts, lock

    def _count(self, key: str) -> None:
        with self.lock:
            self.puts[key] += 1

    def put_file(self, key: str, *args: Any, **kw: Any) -> StoredObject:
        self._count(key)
        return super().put_file(key, *args, **kw)

    def put_bytes(self, key: str, *args: Any, **kw: Any) -> StoredObject:
        self._count(key)
        return super().put_bytes(key, *args, **kw)


def _inbox(tmp_path: Path) -> list[SourceCandidate]:
    inbox = tmp_path / "in"
    inbox.mkdir()
    for n in range(SOURCES):
        lines = [f"Bescheid Nummer {n}", "Sehr geehrte Damen und Herren,", f"Aktenzeichen 4711-{n:03d}"]
        (inbox / f"akte-{n}.pdf").write_bytes(text_pdf_bytes([lines]))
    cands = discover([inbox], Settings(data_dir=tmp_path / "d").limits)
    assert len(cands) == SOURCES and all(c.sha256 and c.error is None for c in cands)
    return cands


def _run(url: str, root: Path, data: Path, cands: list[SourceCandidate], puts: Counter[str], lock: threading.Lock,
         start: threading.Barrier | None, results: list[SourceOutcome | None]) -> None:
    """One run: its own catalog engine, store object and claims; every source through the task body."""
    cat = open_catalog_url(url)
    store, claims = CountingStore(root, puts, lock), open_claims(cat)
    assert isinstance(claims, SourceClaims)
    settings = Settings(data_dir=data, catalog=url, store=str(root))
    try:
        if start is not None:
            start.wait()
        with claims.renewing():
            for c in cands:
                results.append(migrate_source_task.fn(c.sha256[:12] if c.sha256 else "x", c, None, settings, store,
                                                      cat, claims))
    finally:
        cat.close()


def test_two_concurrent_runs_migrate_each_source_exactly_once(tmp_path: Path,
                                                              new_pg_database: Callable[[], str]) -> None:
    url, cands = new_pg_database(), _inbox(tmp_path)
    root, puts, lock = tmp_path / "store", Counter[str](), threading.Lock()
    start = threading.Barrier(2)
    out: dict[str, list[SourceOutcome | None]] = {"a": [], "b": []}
    runs = [threading.Thread(target=_run, args=(url, root, tmp_path / name, cands, puts, lock, start, out[name]))
            for name in out]
    for t in runs:
        t.start()
    for t in runs:
        t.join()
    migrated = [o.record.path for r in out.values() for o in r if o is not None and not o.skipped]
    assert sorted(migrated) == sorted(c.display_path for c in cands)  # each once, none lost
    assert len(out["a"]) == len(out["b"]) == SOURCES  # each source was either migrated, found done or skipped
    assert puts and max(puts.values()) == 1, [k for k, v in puts.items() if v > 1]  # no object written twice
    cat = open_catalog_url(url)
    try:
        records = list(cat.sources())
        assert sorted(r.path for r in records) == sorted(c.display_path for c in cands)  # one record each
        assert {r.status for r in records} == {"processed"}
        assert isinstance(cat, PostgresCatalog)
        with cat.engine.connect() as conn:  # every claim was released with its record
            assert conn.exec_driver_sql("SELECT count(*) FROM source_claims").scalar() == 0
    finally:
        cat.close()


def test_a_dead_runs_claim_is_taken_over_and_a_live_runs_source_is_skipped(
        tmp_path: Path, new_pg_database: Callable[[], str]) -> None:
    url, cands = new_pg_database(), _inbox(tmp_path)
    cands = cands[:3]
    side = open_catalog_url(url)
    assert isinstance(side, PostgresCatalog)
    killed = SourceClaims(side.engine, ttl_seconds=0.01)  # a run killed with SIGKILL: it renews no more
    live = SourceClaims(side.engine, ttl_seconds=600)
    assert killed.claim(claim_key(cands[0], None))
    assert live.claim(claim_key(cands[1], None))
    root, puts, lock = tmp_path / "store", Counter[str](), threading.Lock()
    first: list[SourceOutcome | None] = []
    _run(url, root, tmp_path / "d1", cands, puts, lock, None, first)
    assert first[0] is not None and first[0].record.status == "processed"  # the expired claim was taken over
    assert first[1] is None  # held by a live run: skipped, no record, nothing written
    assert first[2] is not None and first[2].record.status == "processed"
    assert side.get_source(cands[1].display_path, cands[1].sha256) is None
    assert not any(str(cands[1].sha256) in k for k in puts)
    live.release(claim_key(cands[1], None))  # the other run ended without recording it (stopped)
    second: list[SourceOutcome | None] = []
    _run(url, root, tmp_path / "d2", cands, puts, lock, None, second)
    assert second[1] is not None and second[1].record.status == "processed" and not second[1].skipped
    assert second[0] is not None and second[0].skipped  # done by the first run: found again after the claim
    assert max(puts.values()) == 1
    side.close()
