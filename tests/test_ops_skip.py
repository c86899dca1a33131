"""Done sources are recognised by one indexed catalog lookup (flat cost as the catalog grows); task results
are cached on content hash + pipeline version, not on the store/catalog objects passed to the task."""

from __future__ import annotations

import time
from pathlib import Path

from eakte import PIPELINE_VERSION
from eakte.catalog import open_catalog
from eakte.config import Settings
from eakte.ingest import SourceCandidate, discover
from eakte.pipeline import already_done
from eakte.store import open_store
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


def test_source_task_result_is_cached_on_content_hash(tmp_path: Path) -> None:
    from prefect import flow

    from flows.migrate import cached_task, source_cache_key

    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "notiz.pdf").write_bytes(b"not a scan at all " * 40)
    settings = Settings(data_dir=tmp_path / "data")
    (cand,) = discover([inbox], settings.limits)
    assert cand.sha256
    key = source_cache_key(None, {"candidate": cand, "duplicate_of": None, "target": "t", "store": object()})
    assert key == source_cache_key(None, {"candidate": cand, "duplicate_of": None, "target": "t", "store": 1})
    assert key is not None and PIPELINE_VERSION in key and cand.sha256 in key

    @flow
    def twice() -> tuple[str, str, str]:
        task = cached_task(settings)
        args = {"ref": "r", "candidate": cand, "duplicate_of": None, "settings": settings,
                "target": "t"}
        first = task(**args, store=open_store(settings), catalog=open_catalog(settings), return_state=True)
        second = task(**args, store=open_store(settings), catalog=open_catalog(settings), return_state=True)
        return str(first.name), str(second.name), second.result().record.error_code

    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, temporary_settings

    with temporary_settings({PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: 120}):  # busy CI machines
        first, second, code = twice()
    assert (first, second, code) == ("Completed", "Cached", "unsupported_type")
    assert (settings.data_dir / "prefect-results" / key).is_file()
