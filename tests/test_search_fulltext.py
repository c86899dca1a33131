"""German full text, the same on SQLite and PostgreSQL: stems, compounds, umlaut spellings, operators."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from eakte.catalog import Catalog, open_catalog_url
from eakte.catalog import upgrade as migrate
from tests.search_backends import catalog, doc, ids, load  # noqa: F401  (fixture)

TEXTS = {
    "d-geheim": "Die Geschäftsgeheimnisse der Arbeitgeberin sind geschützt.",
    "d-lohn": "Der Stundenlohn beträgt 12 Euro; die Müller GmbH zahlt monatlich.",
    "d-strasse": "Wohnhaft in der Hauptstraße 5 bei Familie Mueller.",
    "d-klage": "Die Klage wird abgewiesen. Die Klägerin trägt die Kosten des Verfahrens.",
    "d-duldung": "Die Abschiebung wird ausgesetzt (Duldung). Kosten werden nicht erhoben.",
}


@pytest.fixture
def filled(catalog: Catalog) -> Catalog:  # noqa: F811
    return load(catalog, [doc(i) for i in TEXTS], TEXTS)


@pytest.mark.parametrize(("text", "expected"), [
    ("Geschäftsgeheimnis", ["d-geheim"]),             # stem: singular finds plural
    ("geschaeftsgeheimnisse", ["d-geheim"]),          # ae = ä
    ("Lohn", ["d-lohn"]),                             # compound tail
    ("Stundenlöhne", ["d-lohn"]),                     # inflected compound
    ("Müller", ["d-lohn", "d-strasse"]), ("Mueller", ["d-lohn", "d-strasse"]),  # ü = ue, both directions
    ("Strasse", ["d-strasse"]), ("Hauptstrasse", ["d-strasse"]),  # ß = ss, and as a compound tail
    ("Kosten", ["d-duldung", "d-klage"]),
    ("Kosten -Duldung", ["d-klage"]), ("Kosten NOT Abschiebung", ["d-klage"]),
    ("Lohn OR Klage", ["d-klage", "d-lohn"]), ("Kosten Klage OR Lohn", ["d-klage"]),
    ("Klag*", ["d-klage"]), ("Abschieb*", ["d-duldung"]),
    ('"Klage wird abgewiesen"', ["d-klage"]), ('"abgewiesen wird Klage"', []),
    ('"Kosten werden"', ["d-duldung"]),
    ("Kosten Euro", []),                              # all words must occur
    ("Rat", []),                                      # short words do not match as tails ("Arbeitgeberin" ...)
])
def test_german_full_text_same_on_both_backends(filled: Catalog, text: str, expected: list[str]) -> None:
    assert ids(filled, text=text) == expected


@pytest.mark.parametrize("nasty", ['terms : "lohn"', "rterms:nhol*", "NEAR(Lohn Euro)", "Lohn^", "{terms}:lohn",
                                   "'lohn' | 'klag'", "lohn:*", "!klage", "Lohn AND"])
def test_user_input_is_never_query_syntax(filled: Catalog, nasty: str) -> None:
    # Every word is a search term; the operators of FTS5 / tsquery are plain characters.
    got = ids(filled, text=nasty)
    assert "d-klage" not in got or "klage" in nasty.lower()


def test_highlights_follow_stems_and_compounds(filled: Catalog) -> None:
    from eakte.catalog import SearchQuery

    hit = filled.query(SearchQuery(text="Lohn Mueller")).hits[0]
    assert hit.snippet and [hit.snippet[a:b] for a, b in hit.highlights] == ["Stundenlohn", "Müller"]


def _old_rows(conn: sa.Connection, pg: bool) -> None:
    conn.execute(sa.text("INSERT INTO akten VALUES ('a-old', 'x', 'old.pdf', 1)"))
    record = doc("d-old", akte="a-old").model_dump_json()
    conn.execute(sa.text("INSERT INTO documents (document_id, akte_id, source_sha256, source_path, first_page, "
                         "last_page, doc_type, confidence, review_needed, record, body) VALUES ('d-old', 'a-old', 'x', "
                         "'old.pdf', 1, 1, 'court_decision', 0.9, false, :r, :b)"),
                 {"r": record, "b": "Der Stundenlohn ist zu niedrig." if pg else None})
    if not pg:
        conn.execute(sa.text("INSERT INTO documents_fts (document_id, text) VALUES ('d-old', "
                             "'Der Stundenlohn ist zu niedrig.')"))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_existing_catalogs_are_reindexed_by_the_migration(backend: str, tmp_path: Path,
                                                          request: pytest.FixtureRequest) -> None:
    if backend == "sqlite":
        url = str(tmp_path / "old.sqlite")
        engine = sa.create_engine(f"sqlite:///{url}")
        with engine.begin() as conn:
            command.upgrade(migrate._config(conn), "0004")
    else:
        make: Callable[[], str] = request.getfixturevalue("new_pg_database")
        url = make()
        open_catalog_url(url).close()
        from eakte.catalog.postgres import engine_url

        engine = sa.create_engine(engine_url(url))
        with engine.begin() as conn:
            command.downgrade(migrate._config(conn), "0004")
    with engine.begin() as conn:
        _old_rows(conn, backend == "postgresql")
    engine.dispose()
    cat = open_catalog_url(url)  # upgrades to head: re-indexes the stored text
    try:
        assert ids(cat, text="Lohn") == ["d-old"] and ids(cat, text="niedrig*") == ["d-old"]
    finally:
        cat.close()
