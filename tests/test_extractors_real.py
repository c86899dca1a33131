"""The text-layer real court decisions reach >= 90 % on court, Aktenzeichen and date.

Reads the PDFs' own text layers with pypdf (no OCR, so it stays fast); skipped when the
shared data folder is not there.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from extractors import PageText, analyse_source

DATA = Path(os.environ.get("EAKTE_REAL", Path(__file__).resolve().parents[2] / "shared/data/real-court-decisions"))
if not (DATA / "labels.jsonl").exists():
    DATA = Path("/work/shared/data/real-court-decisions")

pytestmark = pytest.mark.skipif(not (DATA / "labels.jsonl").exists(), reason="real decisions not available")


def _norm(s: str | None) -> str:
    return re.sub(r"\s", "", s or "").lower()


def test_text_layer_decisions_court_az_date() -> None:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    labels = [json.loads(x) for x in (DATA / "labels.jsonl").read_text().splitlines() if x.strip()]
    labels = [lab for lab in labels if lab["test"]["text_layer"] in ("full", "partial")]
    assert len(labels) >= 25
    ok = {"court": 0, "az": 0, "date": 0}
    for lab in labels:
        reader = PdfReader(str(DATA / "pdf" / lab["source"]["path"]))
        # court, Aktenzeichen and date sit on the first pages (cover sheet, blank back, decision): 3 keep it fast
        pages = [PageText(i, p.extract_text() or "", origin="text_layer")
                 for i, p in enumerate(list(reader.pages)[:3], 1)]
        analysis = analyse_source(pages)
        doc = next(d for d in analysis.documents if d.first_page == 1)
        accept = {_norm(lab["file_numbers"][0]["value"]), *map(_norm, lab["file_numbers"][0].get("variants") or [])}
        ok["court"] += bool(doc.court and (doc.court.type, doc.court.place) == (lab["court"]["type"],
                                                                                 lab["court"]["place"]))
        ok["az"] += bool(doc.file_numbers and _norm(doc.file_numbers[0].value) in accept)
        ok["date"] += doc.document_date == lab["document_date"]
    for field, n in ok.items():
        assert n / len(labels) >= 0.9, f"{field}: {n}/{len(labels)}"
