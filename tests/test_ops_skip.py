"""Done sources are recognised by one indexed catalog lookup (flat cost as the catalog grows); task results
are not cached: a source is done only while the catalog has its record and the store its objects."""

from __future__ import annotations

import time
from pathlib import Path

from prefect.cache_policies import NO_CACHE

from eakte import PIPELINE_VERSION
from eakte.catalog import open_catalog
from eakte.config import Settings
from eakte.ingest.discover import SourceCandidate, discover
from eakte.migrate.outcome import already_done
from eakte.store import keys, open_store
from schemas.records import SourceRecord


def _fill(settings: Settings, n: int) -> None:
    cat = open_catalog(settings)
    for i in range(n):
        cat.record_source(SourceRecord(path=f"akte-{i:06d}.pdf", sha256=f"{i:064x}", status="quarantined",
                                       reason="r", error_code="corrupt_file", pipeline_version=PIPELINE_VERSION,
                                       processed_at="2026-01-01T00:00:00Z"), [], {})
    cat.close()


def _lookup_us(settings: Settings, n: int, probes: int = 2000) -> float:
    cat, store = open_catalog(settings), open_store(settings)
    cands = [SourceCandidate(path=Path("x"), display_path=f"akte-{(i * 7919) % n:06d}.pdf",
                             sha256=f"{(i * 7919) % n:064x}") for i in range(probes)]
    start = time.perf_counter()
    found = sum(already_done(c, store, cat) is not None for c in cands)
    elapsed = time.perf_counter() - start
    cat.close()
    assert found == probes
    return 1e6 * elapsed / probes


def test_already_done_cost_stays_flat_as_the_catalog_grows(tmp_path: Path) -> None:
    small, large = Settings(data_dir=tmp_path / "small"), Settings(data_dir=tmp_path / "large")
    _fill(small, 500)
    _fill(large, 5_000)
    t_small, t_large = _lookup_us(small, 500), _lookup_us(large, 5_000)
    print(f"already_done: {t_small:.0f} µs/source at 500 sources, {t_large:.0f} µs/source at 5,000")
    assert t_large < 3 * t_small + 50  # a scan would be ~10x slower at 10x the rows


def test_done_needs_the_objects_in_the_store_not_only_the_catalog_record(tmp_path: Path) -> None:
    """A source counts as done only while the store holds its marker/reason and original (store is the truth)."""
    from eakte.migrate.outcome import quarantine
    from flows.migrate import migrate_source_task

    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "notiz.pdf").write_bytes(b"not a scan at all " * 40)
    settings = Settings(data_dir=tmp_path / "data")
    (cand,) = discover([inbox], settings.limits)
    store, cat = open_store(settings), open_catalog(settings)
    assert cand.error is not None and cand.sha256
    quarantine(cand, cand.error, store, cat)
    assert already_done(cand, store, cat) is not None
    store.delete(keys.quarantine(cand.sha256, "original"))
    assert already_done(cand, store, cat) is None
    cat.close()
    assert migrate_source_task.cache_policy is NO_CACHE and not migrate_source_task.persist_result
