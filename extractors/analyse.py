"""Entry point of the extractors: segments a source's pages into documents and fills their fields.

The recipe: clean every page once (fields/normalize.py), split the source into documents (segment.py), read
each document's fields (document.py: classify.py, fields/), fix what only the whole source tells (surnames,
authority numbers), then decide review once per document (review/decide.py).
"""

from __future__ import annotations

from dataclasses import replace

from extractors.document import document_fields, recover_authority_numbers
from extractors.fields.normalize import clean
from extractors.fields.parties import complete_surnames
from extractors.model import DocumentAnalysis, PageText, SourceAnalysis
from extractors.review import review_document, review_source
from extractors.segment import segment_with_doubts


def analyse_source(pages: list[PageText]) -> SourceAnalysis:
    """The recipe: clean every page once, segment, read each document's fields, fix what the whole source
    tells (surnames, authority numbers), then decide review once per document."""
    cleaned = [replace(p, text=clean(p.text or "")) for p in pages]
    ranges, skipped, doubts = segment_with_doubts(cleaned)
    by_number = {p.number: p for p in cleaned}
    read = [document_fields([by_number[n] for n in range(a, b + 1) if n in by_number]) for a, b in ranges]
    docs = [doc for doc, _ in read]
    complete_surnames([d.parties for d in docs])
    recover_authority_numbers(docs, by_number)
    review_source(docs, by_number, skipped, [chosen for _, chosen in read], [d.weak_joins for d in doubts])
    return SourceAnalysis(documents=docs, skipped_pages=skipped)


def analyse_document(pages: list[PageText]) -> DocumentAnalysis:
    """One document on its own (a contiguous page range): its fields and its review decision."""
    doc, chosen = document_fields(pages)
    review_document(doc, pages, chosen)
    return doc
