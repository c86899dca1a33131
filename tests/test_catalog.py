"""The SQLite catalog: one transaction per source, full-text search with umlauts, filters."""

from __future__ import annotations

from pathlib import Path

from eakte.catalog import SqliteCatalog
from schemas.records import DocumentRecord, SourceRecord, SourceRef


def _doc(n: int, doc_type: str, sha: str = "ab" * 32) -> DocumentRecord:
    return DocumentRecord(document_id=f"d-{n}", akte_id="a-1", doc_type=doc_type, confidence=0.9,  # type: ignore[arg-type]
                          source=SourceRef(path="x.pdf", sha256=sha, first_page=n, last_page=n))


def test_full_text_search_finds_umlaut_words_and_filters_by_type(tmp_path: Path) -> None:
    cat = SqliteCatalog(tmp_path / "c.sqlite")
    src = SourceRecord(path="x.pdf", sha256="ab" * 32, status="processed", pages=2, documents=2, akte_id="a-1")
    docs = [_doc(1, "court_decision"), _doc(2, "employment_proof")]
    cat.record_source(src, docs, {"d-1": "Das Verwaltungsgericht Köln weist die Klage ab.",
                                  "d-2": "Lohnabrechnung für März, Arbeitgeber Müller GmbH"})
    assert [h.document.document_id for h in cat.search("Köln")] == ["d-1"]
    assert [h.document.document_id for h in cat.search("muller")] == ["d-2"]  # diacritics folded
    assert cat.search("Köln", doc_type="employment_proof") == []
    assert [h.document.document_id for h in cat.search(None, doc_type="employment_proof")] == ["d-2"]


def test_rewriting_a_source_replaces_its_documents(tmp_path: Path) -> None:
    cat = SqliteCatalog(tmp_path / "c.sqlite")
    src = SourceRecord(path="x.pdf", sha256="ab" * 32, status="processed", pages=2, documents=2, akte_id="a-1")
    cat.record_source(src, [_doc(1, "other"), _doc(2, "other")], {})
    cat.record_source(src.model_copy(update={"documents": 1}), [_doc(1, "other")], {})
    assert [d.document_id for d in cat.documents()] == ["d-1"]
    assert len(list(cat.sources())) == 1
