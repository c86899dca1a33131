"""Bounded queries: no searchable words or too many words are refused (422 / exit 2), never logged."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from pydantic import ValidationError

from eakte.api import create_app
from eakte.api.auth import TokenTable
from eakte.catalog import Catalog, SearchQuery, open_catalog_url
from eakte.catalog.base import CatalogError
from eakte.catalog.sql import SqlCatalog
from schemas.records import Party
from tests.conftest import BIN
from tests.search_backends import catalog, doc, ids, load  # noqa: F401  (fixture)

WORDS = [f"Wq{chr(97 + i % 26)}{chr(97 + i // 26)}zk" for i in range(60)]  # distinctive: findable in a log
SHORT = [f"{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(60)]  # 60 party words within its 200 characters


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    cat = open_catalog_url(str(tmp_path / "catalog.sqlite"))
    load(cat, [doc("d-1")], {"d-1": "Die Klage wird abgewiesen."})
    tokens = TokenTable.from_env({"EAKTE_API_TOKENS": "alice:tok-bounds"})
    c = TestClient(create_app(cat, None, tmp_path / "cache", tokens))
    c.headers["Authorization"] = "Bearer tok-bounds"
    return c


@pytest.mark.parametrize("text", ["!!!", "🙂🙂", "... -- ?", "-Klage", "NOT Klage"])
def test_text_without_searchable_words_is_refused(client: TestClient, text: str) -> None:
    res = client.get("/api/search", params={"text": text})
    assert res.status_code == 422 and "no searchable words" in res.text
    assert client.get("/api/search", params={"text": "  "}).json()["total"] == 1  # empty text: no text filter


def test_many_words_are_refused_and_never_logged(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG):
            party = client.get("/api/search", params={"party": " ".join(SHORT)})
            text = client.get("/api/search", params={"text": " ".join(WORDS)})
            ok = client.get("/api/search", params={"party": " ".join(WORDS[:8]), "court": "VG Wqqqzk",
                                                   "text": " ".join(WORDS[8:24])})
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    assert party.status_code == 422 and "too many words in party: at most 8" in party.text
    assert text.status_code == 422 and "too many words in text: at most 16" in text.text
    assert ok.status_code == 200 and ok.json()["total"] == 0  # 8 words run: no join per word
    logged = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore")))
    assert "SELECT" in logged  # the engine did log its statements ...
    assert not any(w in logged or w.lower() in logged for w in WORDS)  # ... never the parameters
    assert "Wqqqzk" not in logged and "wqqqzk" not in logged


def test_word_caps_per_field_and_overall() -> None:
    SearchQuery(text=" ".join(["wort"] * 16), party=" ".join(["a"] * 8))
    for bad in ({"text": " ".join(["wort"] * 17)}, {"court": "a b c d e f g h i"},
                {"text": " ".join(["w"] * 16), "party": " ".join(["p"] * 8), "court": " ".join(["c"] * 8),
                 "file_number": "1 2"}):
        with pytest.raises(ValidationError, match="too many words"):
            SearchQuery(**bad)  # type: ignore[arg-type]


def test_cli_exits_2_with_one_plain_line(tmp_path: Path) -> None:
    cat = open_catalog_url(str(tmp_path / "catalog.sqlite"))
    load(cat, [doc("d-1")], {"d-1": "Klage"}).close()
    exe = shutil.which("eakte", path=str(BIN)) or "eakte"
    env = {k: v for k, v in os.environ.items() if not k.startswith("EAKTE_")}
    res = subprocess.run([exe, "search", "?!…", "--data-dir", str(tmp_path)], capture_output=True, text=True, env=env)
    assert res.returncode == 2 and "no searchable words" in res.stderr and "Traceback" not in res.stderr
    res = subprocess.run([exe, "search", "--party", " ".join(SHORT), "--data-dir", str(tmp_path)],
                         capture_output=True, text=True, env=env)
    assert res.returncode == 2 and "too many words in party" in res.stderr and SHORT[5] not in res.stderr


def test_party_words_of_one_party_without_joins(catalog: Catalog) -> None:  # noqa: F811
    load(catalog, [doc("d-1", parties=[Party(role="plaintiff", name="Amina Fatma Leyla Öztürk")]),
                   doc("d-2", parties=[Party(role="plaintiff", name="Amina Öztürk"),
                                       Party(role="other", name="Fatma Leyla")])], {})
    assert ids(catalog, party="Oeztuerk Leyla Amina Fatma") == ["d-1"]
    assert ids(catalog, party="Amina Ozturk") == ["d-1", "d-2"]


def test_database_errors_carry_no_parameters(catalog: Catalog) -> None:  # noqa: F811
    assert isinstance(catalog, SqlCatalog)
    assert catalog.engine.hide_parameters and catalog.read_engine.hide_parameters
    load(catalog, [doc("d-1", parties=[Party(role="plaintiff", name="Amina Öztürk")])], {})
    with catalog.engine.begin() as conn:  # renamed away (and back: the PostgreSQL test database is reused)
        for t in ("parties", "party_tokens"):
            conn.execute(sa.text(f"ALTER TABLE {t} RENAME TO {t}_away"))
    try:
        with pytest.raises(CatalogError) as exc:
            catalog.query(SearchQuery(party="Geheimname"))
    finally:
        with catalog.engine.begin() as conn:
            for t in ("parties", "party_tokens"):
                conn.execute(sa.text(f"ALTER TABLE {t}_away RENAME TO {t}"))
    assert "Geheimname" not in str(exc.value) and exc.value.__cause__ is None and exc.value.__suppress_context__
