"""Snippets are plain text with highlight offsets: brackets or Rich markup in a decision stay literal text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from fastapi.testclient import TestClient

from eakte.api import create_app
from eakte.api.auth import TokenTable
from eakte.catalog import Catalog, SearchQuery, open_catalog_url
from tests.conftest import BIN
from tests.search_backends import catalog, doc, load  # noqa: F401  (fixture)

TEXT = "Beschluss [Nr. 15]: Die Klägerin trägt die Kosten. [/red] Die Abschiebung ist ausgesetzt. [[Anlage]]"


def _marked(snippet: str, highlights: list[tuple[int, int]] | list[list[int]]) -> list[str]:
    return [snippet[a:b] for a, b in highlights]


def test_catalog_snippet_is_plain_text_with_offsets(catalog: Catalog) -> None:  # noqa: F811
    load(catalog, [doc("d-br")], {"d-br": TEXT})
    hit = catalog.query(SearchQuery(text="Abschiebung Kosten")).hits[0]
    assert hit.snippet is not None
    assert "[Nr. 15]" in hit.snippet and "[/red]" in hit.snippet and "[[Anlage]]" in hit.snippet
    assert _marked(hit.snippet, hit.highlights) == ["Kosten", "Abschiebung"]
    assert catalog.query(SearchQuery(doc_type="court_decision")).hits[0].highlights == []


def _build(root: Path) -> Catalog:
    cat = open_catalog_url(str(root / "catalog.sqlite"))
    return load(cat, [doc("d-br")], {"d-br": TEXT})


def test_api_hit_carries_plain_snippet_and_highlights(tmp_path: Path) -> None:
    cat = _build(tmp_path)
    tokens = TokenTable.from_env({"EAKTE_API_TOKENS": "alice:tok-highlight"})
    with TestClient(create_app(cat, None, tmp_path / "cache", tokens)) as client:
        body = client.get("/api/search", params={"text": "Abschiebung"},
                          headers={"Authorization": "Bearer tok-highlight"}).json()
    hit = body["hits"][0]
    assert "[Nr. 15]" in hit["snippet"] and "[/red]" in hit["snippet"]
    assert _marked(hit["snippet"], hit["highlights"]) == ["Abschiebung"]
    cat.close()


def test_cli_prints_document_brackets_literally_and_never_parses_markup(tmp_path: Path) -> None:
    _build(tmp_path).close()
    (tmp_path / "store").mkdir()  # a data dir holds a store beside the catalog (read commands check both)
    exe = shutil.which("eakte", path=str(BIN)) or "eakte"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("EAKTE_")}, "COLUMNS": "400"}
    table = subprocess.run([exe, "search", "Abschiebung", "--data-dir", str(tmp_path)], capture_output=True,
                           text=True, env=env)
    assert table.returncode == 0, table.stderr[-300:]
    assert "[Nr. 15]" in table.stdout and "[/red]" in table.stdout and "Abschiebung" in table.stdout
    out = subprocess.run([exe, "search", "Abschiebung", "--format", "jsonl", "--data-dir", str(tmp_path)],
                         capture_output=True, text=True, env=env, check=True).stdout
    hit = json.loads(out.splitlines()[0])
    assert _marked(hit["snippet"], hit["highlights"]) == ["Abschiebung"] and "[/red]" in hit["snippet"]
