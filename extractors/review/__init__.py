"""The review decision: whether a document's fields need a human look, and why."""

from __future__ import annotations

from extractors.review.decide import (
    HARD_REASONS,
    MODEL_PATH,
    MODEL_REASONS,
    error_probability,
    load_model,
    review_features,
    review_reasons,
    review_source,
    score_reasons,
)

__all__ = ["HARD_REASONS", "MODEL_PATH", "MODEL_REASONS", "error_probability", "load_model", "review_features",
           "review_reasons", "review_source", "score_reasons"]
