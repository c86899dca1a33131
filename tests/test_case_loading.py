"""What one case view reads (eakte/case/loading.py), on SQLite and PostgreSQL: a handful of queries whatever
the Akte's size, texts with the records where the catalog keeps them (PostgreSQL), the same view either way.
The 1-second budget itself is measured by benchmarks/case_show.py and tests/test_case_e2e.py, never gated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eakte.case.build import for_key
from eakte.case.loading import catalog_texts
from eakte.case.texts import store_texts
from eakte.catalog import Catalog, open_catalog_url
from eakte.store import LocalStore
from tests.case_data import big_akte, load, select_statements, truth

AT = dt.date(2025, 6, 1)


@pytest.fixture(params=["sqlite", "postgresql"])
def big(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Catalog, LocalStore]]:
    url = str(tmp_path / "catalog.sqlite")
    if request.param == "postgresql":
        make: Callable[[], str] = request.getfixturevalue("new_pg_database")
        url = make()
    cat, store = open_catalog_url(url), LocalStore(tmp_path / "store")
    docs, texts = big_akte(500)
    small, small_texts = truth()
    load(cat, store, docs + small, {**texts, **small_texts}, pdfs=False)
    yield request.param, cat, store
    cat.close()


def test_a_500_page_view_takes_a_few_queries_and_texts_come_with_the_records(
        big: tuple[str, Catalog, LocalStore], tmp_path: Path) -> None:
    backend, cat, store = big
    with_store = for_key(cat, store_texts(store), "a-big", AT)
    seen = select_statements(cat)
    view = for_key(cat, catalog_texts(store), "a-big", AT)
    assert view is not None and with_store is not None and sum(d["pages"] for d in view.documents) >= 500
    assert view.to_dict() == with_store.to_dict()
    assert len(seen) <= 3  # the Akte's records, other Akten of the person, their records
    # facts that only the texts hold: a BAMF decision's operative points
    assert any(e.kind == "bamf_decision" and e.detail.get("refugee_status") for e in view.events)
    empty = LocalStore(tmp_path / "no-texts")  # a store without the text objects
    without = for_key(cat, catalog_texts(empty), "a-big", AT)
    assert without is not None
    has_points = any(e.kind == "bamf_decision" and e.detail.get("refugee_status") for e in without.events)
    # PostgreSQL keeps the text beside the record: no store round trip per document
    assert has_points == (backend == "postgresql")
