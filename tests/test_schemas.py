"""The JSON Schema files shipped in schemas/json/ are the ones the pydantic models produce today."""

from __future__ import annotations

import json

from schemas.export import SCHEMA_DIR, render
from schemas.records import DOC_TYPES


def test_shipped_json_schemas_match_the_models() -> None:
    for name, text in render().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"run: python -m schemas.export ({name})"


def test_document_schema_keeps_the_contract_vocabulary() -> None:
    schema = json.loads(render()["document.schema.json"])
    assert set(schema["properties"]["doc_type"]["enum"]) == set(DOC_TYPES) and len(DOC_TYPES) == 11
    for field in ("document_id", "akte_id", "source", "doc_type", "confidence", "document_date", "dates", "court",
                  "file_numbers", "parties", "review", "objects"):
        assert field in schema["properties"], field
