"""The same query tests against both catalog backends: SQLite (FTS5) and a real PostgreSQL server."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from eakte.catalog import Catalog, SearchQuery, SqliteCatalog, open_catalog_url, schema, sql
from eakte.catalog.postgres import PostgresCatalog
from schemas.records import Court, DateEntry, DocumentRecord, FileNumber, ObjectKeys, Party, SourceRecord, SourceRef

SHA = "ab" * 32
SHA2 = "cd" * 32


def doc(n: int, doc_type: str, akte: str = "a-1", sha: str = SHA, **fields: object) -> DocumentRecord:
    return DocumentRecord(document_id=f"d-{n}", akte_id=akte, doc_type=doc_type, confidence=0.9,  # type: ignore[arg-type]
                          source=SourceRef(path=f"{akte}.pdf", sha256=sha, first_page=n, last_page=n),
                          objects=ObjectKeys(pdf=f"akten/{akte}/d-{n}.pdf", text=f"akten/{akte}/d-{n}.txt"),
                          **fields)  # type: ignore[arg-type]


def source(akte: str = "a-1", sha: str = SHA, docs: int = 3) -> SourceRecord:
    return SourceRecord(path=f"{akte}.pdf", sha256=sha, status="processed", pages=docs, documents=docs, akte_id=akte)


@pytest.fixture(params=["sqlite", "postgresql"])
def catalog(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Catalog]:
    if request.param == "sqlite":
        cat = open_catalog_url(str(tmp_path / "catalog.sqlite"))
    else:
        make: Callable[[], str] = request.getfixturevalue("new_pg_database")
        cat = open_catalog_url(make())
    yield cat
    cat.close()


@pytest.fixture
def filled(catalog: Catalog) -> Catalog:
    docs = [
        doc(1, "court_decision", doc_subtype="urteil", document_date="2019-03-04",
            court=Court(type="VG", place="Köln", name="Verwaltungsgericht Köln"),
            file_numbers=[FileNumber(kind="court", value="22 K 3443/18.A")],
            parties=[Party(role="plaintiff", name="Amina Öztürk"), Party(role="defendant", name="Bundesrepublik",
                                                                          kind="organisation")],
            dates=[DateEntry(role="hearing_date", value="2019-02-20")]),
        doc(2, "employment_proof", doc_subtype="lohnabrechnung", document_date="2021-05-31",
            parties=[Party(role="employee", name="Mohammed Al-Hassan"), Party(role="employer", name="Müller GmbH",
                                                                               kind="organisation")],
            dates=[DateEntry(role="pay_period_start", value="2021-05-01"),
                   DateEntry(role="pay_period_end", value="2021-05-31")]),
        doc(3, "court_decision", doc_subtype="beschluss", document_date="2022-11-10",
            court=Court(type="OVG", place="Nordrhein-Westfalen"),
            file_numbers=[FileNumber(kind="court", value="18 B 123/22")],
            parties=[Party(role="applicant", name="Ali Yilmaz")]),
    ]
    texts = {"d-1": "Das Verwaltungsgericht Köln weist die Klage der Klägerin ab. Die Kosten trägt die Klägerin.",
             "d-2": "Lohnabrechnung für Mai 2021. Arbeitgeber Müller GmbH, Brutto 2.400 Euro.",
             "d-3": "Der Antrag auf Zulassung der Berufung wird abgelehnt. Oberverwaltungsgericht."}
    catalog.record_source(source(docs=3), docs, texts)
    other = doc(4, "residence_document", akte="a-2", sha=SHA2, doc_subtype="duldung", document_date="2020-01-15",
                parties=[Party(role="person_concerned", name="Muhammad Oeztuerk")],
                dates=[DateEntry(role="valid_until", value="2020-07-15")])
    catalog.record_source(source("a-2", SHA2, 1), [other], {"d-4": "Duldung. Die Abschiebung wird ausgesetzt."})
    return catalog


def ids(cat: Catalog, **q: object) -> list[str]:
    return [h.document.document_id for h in cat.query(SearchQuery(**q)).hits]  # type: ignore[arg-type]


def test_full_text_finds_words_with_umlauts_and_ranks_them(filled: Catalog) -> None:
    assert ids(filled, text="Köln") == ["d-1"]
    assert ids(filled, text="Müller") == ["d-2"]
    assert ids(filled, text="Klägerin Kosten") == ["d-1"]          # all words must occur
    assert ids(filled, text="Klägerin Duldung") == []
    page = filled.query(SearchQuery(text="Abschiebung"))
    assert page.total == 1 and page.hits[0].snippet and "Abschiebung" in page.hits[0].snippet


def test_full_text_input_is_never_query_syntax(filled: Catalog) -> None:
    for nasty in ["AND OR NOT", "Köln*", "a:b", "NEAR(x y)", "'; DROP TABLE documents; --", 'Kl"age', "{a}:*"]:
        filled.query(SearchQuery(text=nasty))
    for wordless in ['"', "-(", "*", "🙂"]:  # no searchable word: refused, never "every document"
        with pytest.raises(ValueError, match="no searchable words"):
            SearchQuery(text=wordless)
    assert sorted(ids(filled, text='Köln" OR "Duldung')) == ["d-1", "d-4"]  # OR works; stray quotes are no error
    assert ids(filled, text='"Köln OR Duldung"') == []  # inside a phrase, OR is a word
    assert len(ids(filled)) == 4


def test_filters_by_type_subtype_and_akte(filled: Catalog) -> None:
    assert ids(filled, doc_type="court_decision") == ["d-3", "d-1"]  # newest first by default
    assert ids(filled, doc_type="court_decision", doc_subtype="urteil") == ["d-1"]
    assert ids(filled, akte_id="a-2") == ["d-4"]
    assert ids(filled, text="Köln", doc_type="employment_proof") == []


def test_date_range_by_role(filled: Catalog) -> None:
    assert ids(filled, date_from="2020-01-01", date_to="2021-12-31") == ["d-2", "d-4"]
    assert ids(filled, date_role="hearing_date", date_from="2019-02-01", date_to="2019-02-28") == ["d-1"]
    assert ids(filled, date_role="valid_until", date_to="2020-12-31") == ["d-4"]
    assert ids(filled, date_role="pay_period_end", date_from="2021-06-01") == []


def test_court_filter_by_type_and_seat(filled: Catalog) -> None:
    assert ids(filled, court="VG Köln") == ["d-1"]
    assert ids(filled, court="vg koeln") == ["d-1"]  # seat folded like names
    assert ids(filled, court="OVG") == ["d-3"]
    assert ids(filled, court="VG Berlin") == []


@pytest.mark.parametrize("typed", ["22 K 3443/18.A", "22K3443/18 A", "22k 3443-18 a", "22 K 3443/18"])
def test_file_number_found_from_any_spelling(filled: Catalog, typed: str) -> None:
    assert ids(filled, file_number=typed) == ["d-1"]


def test_file_number_does_not_match_other_numbers(filled: Catalog) -> None:
    assert ids(filled, file_number="22 K 3444/18") == []
    assert ids(filled, file_number="18 B 123/22") == ["d-3"]


@pytest.mark.parametrize(("typed", "expected"), [
    ("Öztürk", ["d-4", "d-1"]), ("Oeztuerk", ["d-4", "d-1"]), ("Ozturk", ["d-4", "d-1"]),
    ("Amina Ozturk", ["d-1"]), ("Mohamed", ["d-2", "d-4"]), ("Muhammad", ["d-2", "d-4"]),
    ("Mohammed Hassan", ["d-2"]), ("Yılmaz", ["d-3"]), ("Schmidt", []),
])
def test_party_names_tolerate_umlauts_and_transliteration(filled: Catalog, typed: str, expected: list[str]) -> None:
    assert ids(filled, party=typed) == expected


def test_party_words_must_belong_to_one_party(filled: Catalog) -> None:
    # "Amina" is a plaintiff in d-1, "Bundesrepublik" another party there: not one person.
    assert ids(filled, party="Amina Bundesrepublik") == []


def test_pagination_sorting_and_totals(filled: Catalog) -> None:
    assert ids(filled, sort="date_asc") == ["d-1", "d-4", "d-2", "d-3"]
    first = filled.query(SearchQuery(sort="date_asc", limit=2))
    second = filled.query(SearchQuery(sort="date_asc", limit=2, offset=2))
    assert [h.document.document_id for h in first.hits + second.hits] == ["d-1", "d-4", "d-2", "d-3"]
    assert first.total == second.total == 4 and first.total_exact


def test_rewriting_a_source_replaces_documents_and_their_keys(filled: Catalog) -> None:
    again = doc(1, "court_decision", file_numbers=[FileNumber(kind="court", value="5 K 1/20")])
    filled.record_source(source(docs=1), [again], {"d-1": "Neuer Text"})
    assert ids(filled, akte_id="a-1") == ["d-1"]
    assert ids(filled, file_number="22K3443/18A") == []
    assert ids(filled, file_number="5K1/20") == ["d-1"]
    assert ids(filled, text="Köln") == [] and ids(filled, text="Neuer") == ["d-1"]
    assert ids(filled, party="Öztürk") == ["d-4"]
    assert len(list(filled.sources())) == 2


def test_failed_write_leaves_the_previous_state(filled: Catalog) -> None:
    broken = [doc(7, "other", document_date="2020-01-01"), doc(7, "other")]  # same id twice: the insert fails
    with pytest.raises(Exception):  # noqa: B017  (driver-specific integrity error)
        filled.record_source(source(docs=2), broken, {})
    assert ids(filled, akte_id="a-1") == ["d-3", "d-2", "d-1"]


def test_contract_methods_keep_their_meaning(filled: Catalog) -> None:
    assert [h.document.document_id for h in filled.search("Köln")] == ["d-1"]
    assert [h.document.document_id for h in filled.search(None, doc_type="employment_proof")] == ["d-2"]
    assert filled.search(None, doc_type="no_such_type") == []
    assert filled.get_source("a-1.pdf", SHA) is not None and filled.get_source("a-1.pdf", SHA2) is None
    dup = SourceRecord(path="copy.pdf", sha256=SHA, status="duplicate", reason="same as a-1.pdf")
    filled.record_source(dup, [], {})
    first = filled.first_with_sha(SHA)
    assert first is not None and first.path == "a-1.pdf"
    assert [d.document_id for d in filled.documents("a-1")] == ["d-1", "d-2", "d-3"]
    assert len(ids(filled)) == 4  # a duplicate adds no documents


def test_audit_log_records_who_read_which_document(filled: Catalog) -> None:
    filled.record_access("alice", ["d-1", "d-2"], "search")
    filled.record_access("bob", ["d-1"], "document")
    entries = filled.audit_entries("d-1")
    assert [(e.who, e.endpoint) for e in entries] == [("alice", "search"), ("bob", "document")]
    assert all(e.at.startswith("20") for e in entries)


def test_broad_searches_count_to_a_cap_and_list_newest_first(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    dates = ["2018-01-01", "2022-01-01", None, "2020-01-01"]
    docs = [doc(n, "bamf_decision", document_date=d) for n, d in enumerate(dates, start=1)]
    texts = {"d-1": "Bescheid", "d-2": "Bescheid Anhörung", "d-3": "Bescheid " * 4, "d-4": "Bescheid"}
    catalog.record_source(source(docs=4), docs, texts)

    def found(**q: object) -> tuple[list[str], Any]:
        page = catalog.query(SearchQuery(**q))  # type: ignore[arg-type]
        return [h.document.document_id for h in page.hits], page

    hits, page = found(text="Bescheid")  # few matches: ranked by relevance, counted exactly
    assert page.sort == "relevance" and hits[0] == "d-3" and page.total == 4 and page.total_exact
    assert found(sort="date_asc")[0] == ["d-3", "d-1", "d-4", "d-2"]  # undated counts as oldest
    monkeypatch.setattr(sql, "COUNT_CAP", 3)
    monkeypatch.setattr(sql, "RANK_CAP", 3)
    hits, page = found(text="Bescheid", limit=3)  # more than the cap: newest first, total a lower bound
    assert page.sort == "date_desc" and hits == ["d-2", "d-4", "d-1"]
    assert page.total == 3 and not page.total_exact
    assert (page.total_estimate is None) == isinstance(catalog, SqliteCatalog)
    assert page.total_estimate is None or page.total_estimate >= 4
    assert found(text="Bescheid", limit=3, offset=3)[0] == ["d-3"]  # paging goes on past the lower bound
    assert found(doc_type="bamf_decision", limit=3)[1].total_exact is False


@pytest.fixture
def pg_catalog(new_pg_database: Callable[[], str]) -> Iterator[PostgresCatalog]:
    cat = open_catalog_url(new_pg_database())
    assert isinstance(cat, PostgresCatalog)
    yield cat
    cat.close()


def test_postgres_newest_first_plans_give_the_same_page(pg_catalog: PostgresCatalog) -> None:
    """The plan chosen by the match estimate (walk, date window, GIN + sort) never changes the answer."""
    catalog = pg_catalog
    docs = [doc(n, "other", document_date=f"{2000 + n % 25}-{1 + n % 12:02d}-{1 + n % 28:02d}")
            for n in range(1, 301)]
    texts = {f"d-{n}": "Bescheid" if n % 7 == 0 else "Antrag" for n in range(1, 301)}
    catalog.record_source(source(docs=300), docs, texts)
    with catalog.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE documents")
    source_, where, rank, _ = catalog._text_filter("Bescheid")
    cols = [schema.documents.c.document_id, rank]
    older = schema.documents.c.document_date <= "2015-12-31"  # the recent window holds nothing: falls back
    with catalog.read_engine.connect() as conn:
        for filters, (offset, n) in itertools.product(([where], [where, older]), ((0, 1), (0, 5), (3, 4))):
            plain = [r[0] for r in catalog._newest(conn, cols, source_, filters, offset, n, None)]
            assert len(plain) == n
            for estimate in (5, 32, 10_000):  # GIN + sort, a date window (for n = 1), a walk of the date index
                assert [r[0] for r in catalog._newest(conn, cols, source_, filters, offset, n, estimate)] == plain
    expected = sorted((d for d in docs if texts[d.document_id] == "Bescheid"),
                      key=lambda d: (d.document_date or "", d.document_id), reverse=True)
    assert ids(catalog, text="Bescheid", sort="date_desc", limit=3) == [d.document_id for d in expected[:3]]
