"""Batches of an inbox by estimated pages (flows/inbox.py): order kept, no source twice, none lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from eakte.config import Limits
from eakte.ingest.discover import discover_under
from eakte.migrate.batches import Weighed, split_by_pages
from eakte.migrate.inbox_summary import combine


def test_batches_follow_estimated_pages_in_order() -> None:
    pages = {"a/1.pdf": 3, "a/2.pdf": 4, "a/3.pdf": 1, "b/1.pdf": 12, "b/2.pdf": 2, "c/1.pdf": 5}
    items = [Weighed(k, f"sha-{k}", n) for k, n in pages.items()]
    batches = split_by_pages(items, pages_per_batch=8)
    assert batches == [["a/1.pdf", "a/2.pdf", "a/3.pdf"], ["b/1.pdf"], ["b/2.pdf", "c/1.pdf"]]
    assert [k for b in batches for k in b] == list(pages)  # order kept, each source once
    assert all(sum(pages[k] for k in b) <= 8 for b in batches if len(b) > 1)  # only a big source exceeds it


def test_same_content_joins_the_first_batch_so_one_run_sees_the_duplicate() -> None:
    items = [Weighed("a.pdf", "x", 5), Weighed("b.pdf", "y", 5), Weighed("c.pdf", "x", 5), Weighed("d.pdf", "z", 1)]
    batches = split_by_pages(items, pages_per_batch=5)
    assert batches == [["a.pdf", "c.pdf"], ["b.pdf"], ["d.pdf"]]
    assert sorted(k for b in batches for k in b) == ["a.pdf", "b.pdf", "c.pdf", "d.pdf"]


def test_many_sources_every_one_exactly_once() -> None:
    items = [Weighed(f"f{i:04d}", f"s{i % 37}", (i * 7) % 13) for i in range(500)]
    batches = split_by_pages(items, pages_per_batch=40)
    flat = [k for b in batches for k in b]
    assert sorted(flat) == sorted(i.key for i in items) and len(flat) == len(set(flat)) == 500
    assert all(b == sorted(b) for b in batches)  # each batch in the inbox's order
    assert split_by_pages([], 10) == []
    with pytest.raises(ValueError):
        split_by_pages(items, 0)


def test_batch_paths_stay_relative_to_the_inbox_root(tmp_path: Path) -> None:
    (tmp_path / "2019" / "akte").mkdir(parents=True)
    (tmp_path / "2019" / "akte" / "x.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    cands = discover_under(tmp_path, ["2019/akte/x.pdf"], Limits())
    assert [c.display_path for c in cands] == ["2019/akte/x.pdf"]
    assert cands[0].path == tmp_path / "2019" / "akte" / "x.pdf" and cands[0].sha256


def test_summary_adds_batches_and_rates_over_all_workers() -> None:
    a = {"sources": 3, "processed": 2, "quarantined": 1, "pages": 30, "documents": 4, "review_rate": 0.5}
    b = {"sources": 2, "processed": 1, "partial": 1, "pages": 30, "documents": 6, "review_rate": 0.0,
         "failed_tasks": 1}
    total = combine([a, b], settled_unchanged=4, settled_quarantined=1, minutes=2.0)
    assert total["sources"] == 10 and total["unchanged"] == 4 and total["quarantined"] == 2
    assert total["pages"] == 60 and total["pages_per_minute"] == 30.0 and total["review_rate"] == 0.2
    assert total["problems"] == 4 and total["batches"] == 2


def test_batches_share_a_workers_data_dir_but_a_whole_run_is_shut_out(tmp_path: Path) -> None:
    from eakte.errors import RunInProgress
    from eakte.runtime.runlock import run_lock

    # two batches on one worker, and a whole run (eakte migrate) refused beside them
    with run_lock(tmp_path, shared=True), run_lock(tmp_path, shared=True), pytest.raises(RunInProgress), \
            run_lock(tmp_path):
        pass
    with run_lock(tmp_path), pytest.raises(RunInProgress), run_lock(tmp_path, shared=True):  # nor a batch beside one
        pass
