"""Entry point of the extractors: segments a source's pages into documents and fills their fields."""

from __future__ import annotations

from extractors.model import DocumentAnalysis, PageText, SourceAnalysis


def analyse_source(pages: list[PageText]) -> SourceAnalysis:
    """Placeholder: one document over all pages that have text."""
    with_text = [p.number for p in pages if p.text.strip()]
    if not with_text:
        return SourceAnalysis(documents=[], skipped_pages=[p.number for p in pages])
    doc = DocumentAnalysis(first_page=with_text[0], last_page=with_text[-1], confidence=0.1,
                           review_reasons=["classification_not_available"])
    return SourceAnalysis(documents=[doc])
