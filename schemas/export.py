"""Writes the JSON Schema files in schemas/json/ from the pydantic models (run: python -m schemas.export)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from schemas.records import DocumentRecord, SourceRecord

SCHEMA_DIR = Path(__file__).parent / "json"
MODELS: dict[str, type[BaseModel]] = {"document.schema.json": DocumentRecord, "source.schema.json": SourceRecord}


def render() -> dict[str, str]:
    return {name: json.dumps(m.model_json_schema(), indent=2, ensure_ascii=False) + "\n" for name, m in MODELS.items()}


def main() -> None:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, text in render().items():
        (SCHEMA_DIR / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
