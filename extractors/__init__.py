"""Document understanding: page texts of one source in, documents with metadata out."""

from __future__ import annotations

from extractors.analyse import analyse_source
from extractors.model import DocumentAnalysis, PageText, SourceAnalysis, Word

__all__ = ["DocumentAnalysis", "PageText", "SourceAnalysis", "Word", "analyse_source"]
