"""`eakte case list` from SQL aggregates (eakte/case/listing.py, eakte/catalog/cases.py) on SQLite and
PostgreSQL: the same rows as linking every record's mentions, page by page with a cursor, three queries per
page, and never a document record or text read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from eakte.case.build import for_key
from eakte.case.facts import mentions
from eakte.case.listing import MAIN_PERSON_TYPES, case_page
from eakte.case.persons import link
from eakte.case.texts import store_texts
from eakte.catalog import Catalog, open_catalog_url
from eakte.catalog.sql import SqlCatalog
from eakte.store import LocalStore
from schemas.records import DocumentRecord, FileNumber
from tests.case_data import load, select_statements, truth
from tests.case_records import record
from tests.conftest import api_client

TOKEN = "case-list-token"


def _family_akten() -> list[DocumentRecord]:
    """A parent with a child, two spellings joined by a BAMF number, an Akte without persons, and a few
    more Akten so that pages end in the middle of the list."""
    docs = []
    parent = ("person_concerned", "Şükrü Ağaoğlu", "person")
    for n, when in enumerate(("2016-01-01", "2018-01-01", "2020-01-01")):
        docs.append(record("residence_document", "duldung", akte="a-list-1", first=n + 1, parties=[parent],
                           dates=[("valid_from", when, n + 1), ("birth_date", "1980-01-02", n + 1)]))
    docs.append(record("school_document", None, akte="a-list-1", first=4,
                       parties=[("person_concerned", "Elif Ağaoğlu", "person"), ("other", "Şükrü Ağaoğlu", "person")],
                       dates=[("birth_date", "2010-05-05", 4)]))
    docs.append(record("employment_proof", None, akte="a-list-1", first=5, pages=2,
                       parties=[("employee", "Sukru Agaoglu", "person"), ("employer", "Bau GmbH", "organisation")]))
    a = record("bamf_decision", None, akte="a-list-2", first=1, pages=3,
               parties=[("applicant", "Abdirahman Hassan", "person")], dates=[("birth_date", "1999-09-09", 1)])
    b = record("residence_document", "aufenthaltsgestattung", akte="a-list-2", first=4,
               parties=[("person_concerned", "Cabdiraxmaan Xasan", "person")])
    a.file_numbers = [FileNumber(kind="bamf", value="8123456-423")]
    b.file_numbers = [FileNumber(kind="bamf", value="8123456 - 423")]
    docs += [a, b]
    docs.append(record("correspondence", None, akte="a-list-3", first=1,
                       parties=[("authority", "Ausländerbehörde", "organisation")]))
    for i in range(4):
        docs.append(record("registration_certificate", None, akte=f"a-list-9{i}", first=1,
                           parties=[("person_concerned", f"Jan Kowalski{'ł' * i}", "person")]))
    return docs


def reference_rows(catalog: Catalog) -> list[dict[str, Any]]:
    """The list as the first slice computed it: every record read, its mentions linked per Akte."""
    akten: dict[str, list[DocumentRecord]] = {}
    for d in catalog.documents():
        akten.setdefault(d.akte_id, []).append(d)
    rows = []
    for akte_id, docs in sorted(akten.items()):
        ms = [m for d in docs for m in mentions(d)]
        persons, member = link(ms)
        types = {d.document_id: d.doc_type for d in docs}
        subj: Counter[str] = Counter()
        for i, m in enumerate(ms):
            if m.role == "subject" and i in member:
                subj[member[i]] += 3 if types[m.document_id] in MAIN_PERSON_TYPES else 1
        main = next((p for p in persons if subj and p.person_id == subj.most_common(1)[0][0]), None)
        rows.append({"akte_id": akte_id, "person_id": main.person_id if main else None,
                     "name": main.names[0] if main else None,
                     "birth_date": main.birth_date.isoformat() if main and main.birth_date else None,
                     "persons": len(persons), "documents": len(docs),
                     "pages": sum(d.source.last_page - d.source.first_page + 1 for d in docs)})
    return rows


@pytest.fixture(params=["sqlite", "postgresql"])
def catalog(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Catalog, LocalStore]]:
    url = str(tmp_path / "catalog.sqlite")
    if request.param == "postgresql":
        make: Callable[[], str] = request.getfixturevalue("new_pg_database")
        url = make()
    cat, store = open_catalog_url(url), LocalStore(tmp_path / "store")
    docs, texts = truth()
    extra = _family_akten()
    load(cat, store, docs + extra, {**texts, **{d.document_id: "" for d in extra}}, pdfs=False)
    yield cat, store
    cat.close()


def test_pages_match_linking_every_record(catalog: tuple[Catalog, LocalStore]) -> None:
    cat, _ = catalog
    expected = reference_rows(cat)
    assert len(expected) == 11
    seen = select_statements(cat)
    got: list[dict[str, Any]] = []
    cursor, pages = None, 0
    while True:
        page = case_page(cat, 3, cursor)
        got += page.rows
        pages += 1
        assert len(page.rows) <= 3
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert got == expected and pages == 4
    assert [r["akte_id"] for r in got] == sorted(r["akte_id"] for r in got)
    rows = {r["akte_id"]: r for r in got}
    assert rows["a-list-1"]["name"] == "Şükrü Ağaoğlu" and rows["a-list-1"]["birth_date"] == "1980-01-02"
    assert rows["a-list-1"]["persons"] == 2  # the parent (three spellings) and the child
    assert rows["a-list-2"]["persons"] == 1 and rows["a-list-2"]["birth_date"] == "1999-09-09"  # one BAMF number
    assert rows["a-list-3"]["person_id"] is None and rows["a-list-3"]["pages"] == 1
    # three queries a page (ids, counts, grouped mentions), none reads a record or a text
    assert len(seen) == 3 * pages
    for statement in seen:
        s = " ".join(statement.lower().split())
        assert "documents.record" not in s and "body" not in s and "documents_fts" not in s and "terms" not in s


def test_a_person_id_from_the_list_opens_the_case(catalog: tuple[Catalog, LocalStore]) -> None:
    import datetime as dt

    cat, store = catalog
    row = next(r for r in case_page(cat, 100).rows if r["akte_id"] == "a-list-1")
    view = for_key(cat, store_texts(store), row["person_id"], dt.date(2025, 6, 1))
    assert view is not None and view.person is not None and view.person.person_id == row["person_id"]
    assert "a-list-1" in view.person.akten
    assert for_key(cat, store_texts(store), "p-000000000000", dt.date(2025, 6, 1)) is None


def test_api_pages_with_a_cursor(catalog: tuple[Catalog, LocalStore]) -> None:
    cat, store = catalog
    with api_client(cat, store, "carla", TOKEN) as client:
        assert client.get("/api/cases", params={"limit": 0}).status_code == 422
        assert client.get("/api/cases", params={"limit": 5000}).status_code == 422
        first = client.get("/api/cases", params={"limit": 4}).json()
        assert len(first["cases"]) == 4 and first["next_cursor"] == first["cases"][-1]["akte_id"]
        second = client.get("/api/cases", params={"limit": 4, "cursor": first["next_cursor"]}).json()
        assert second["cases"][0]["akte_id"] > first["next_cursor"]
        rest = client.get("/api/cases", params={"limit": 100, "cursor": second["next_cursor"]}).json()
        assert rest["next_cursor"] is None
    listed = [r["akte_id"] for r in first["cases"] + second["cases"] + rest["cases"]]
    assert listed == [r["akte_id"] for r in reference_rows(cat)]
    audited = [a.document_id for a in cat.audit_entries() if a.endpoint == "case_list"]
    assert audited == listed and {a.who for a in cat.audit_entries()} == {"carla"}


def test_cli_pages_with_a_cursor(tmp_path: Path) -> None:
    import json
    import os
    import shutil
    import subprocess

    from tests.case_data import build
    from tests.conftest import BIN

    build(tmp_path)[0].close()
    exe = shutil.which("eakte", path=str(BIN)) or "eakte"
    env = {k: v for k, v in os.environ.items() if not k.startswith("EAKTE_")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, "case", "list", "--format", "jsonl", "--data-dir", str(tmp_path), *args],
                              capture_output=True, text=True, env=env, timeout=120)

    first = run("--limit", "3")
    assert first.returncode == 0, first.stderr
    assert [json.loads(x)["akte_id"] for x in first.stdout.splitlines()] == ["a-fixed-1-0001", "a-fixed-1-0002",
                                                                             "a-fixed-1-0003"]
    assert first.stderr.strip() == "next page: --cursor a-fixed-1-0003"
    rest = run("--limit", "3", "--cursor", "a-fixed-1-0003")
    assert [json.loads(x)["akte_id"] for x in rest.stdout.splitlines()] == ["a-fixed-1-0004"] and rest.stderr == ""
    bad = run("--limit", "0")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_sqlite_plan_looks_dates_up_by_document(tmp_path: Path) -> None:
    """The page's mentions are found through indexes by Akte and document: no full scan, and the birth date
    by `dates_document` (the covering index on role would be scanned once per party: 6x slower at 1,600 Akten)."""
    import sqlite3

    from eakte.case.facts import LINKING_NUMBERS, SUBJECT_ROLES
    from eakte.catalog import cases as q

    cat = open_catalog_url(str(tmp_path / "catalog.sqlite"))
    docs, texts = truth()
    load(cat, LocalStore(tmp_path / "store"), docs, texts, pdfs=False)
    got: list[tuple[str, Any]] = []
    assert isinstance(cat, SqlCatalog)
    sa.event.listen(cat.read_engine, "before_cursor_execute",
                    lambda conn, cursor, statement, params, *rest: got.append((statement, params)))
    q.mention_counts(cat, ["a-fixed-1-0001"], SUBJECT_ROLES, MAIN_PERSON_TYPES, LINKING_NUMBERS)
    cat.close()
    statement, params = next((s, p) for s, p in got if "parties" in s)
    with sqlite3.connect(tmp_path / "catalog.sqlite") as conn:
        plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + statement, params)]
    assert any("dates_document" in p for p in plan) and not any("dates_role_value" in p for p in plan)
    assert not any(p.startswith("SCAN") and ("documents" in p or "parties" in p) for p in plan), plan


def test_a_database_failure_is_a_catalog_error_without_the_parameters(tmp_path: Path) -> None:
    import sqlite3

    from eakte.catalog.base import CatalogError

    path = tmp_path / "catalog.sqlite"
    cat = open_catalog_url(str(path))
    docs, texts = truth()
    load(cat, LocalStore(tmp_path / "store"), docs, texts, pdfs=False)
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE parties RENAME TO parties_gone")
    try:
        with pytest.raises(CatalogError) as got:
            case_page(cat, 10)
    finally:
        cat.close()
    assert "a-fixed" not in str(got.value) and got.value.__cause__ is None and got.value.__suppress_context__
