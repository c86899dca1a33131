"""The review decision: whether a document's fields need a human look, and why.

features.py computes the signals, model.py holds the shipped logistic model, decide.py is the only place
where reasons are decided.
"""

from __future__ import annotations

from extractors.review.decide import HARD_REASONS, LOW_OCR_CONFIDENCE, decide, review_document, review_source
from extractors.review.features import review_features, source_features
from extractors.review.model import MODEL_PATH, MODEL_REASONS, error_probability, load_model, score_reasons

__all__ = ["HARD_REASONS", "LOW_OCR_CONFIDENCE", "MODEL_PATH", "MODEL_REASONS", "decide", "error_probability",
           "load_model", "review_document", "review_features", "review_source", "score_reasons",
           "source_features"]
