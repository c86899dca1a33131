"""The review model: a logistic error probability over the features, and the reasons it names.

Weights, bias, threshold, feature means and the reason code of each feature live in
`extractors/models/review.json` (trained by `scripts/train_review.py`; threshold chosen so that about one
document in ten goes to review). The reasons are the signals that pushed the probability up most.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).parent.parent / "models" / "review.json"
MODEL_REASONS = ("low_confidence", "low_ocr_confidence", "little_text", "no_document_date", "weak_date_cue",
                 "damaged_date", "many_date_candidates", "implausible_document_date", "dates_after_document_date",
                 "no_file_number", "conflicting_file_numbers", "page_range_uncertain", "no_court", "no_party",
                 "foreign_language", "uncertain_extraction")
MAX_REASONS = 3


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> dict[str, Any]:
    """The shipped weights: {"weights": {feature: w}, "bias", "threshold", "means", "reasons"}."""
    return dict(json.loads(path.read_text()))


def error_probability(features: dict[str, float], model: dict[str, Any]) -> float:
    z = float(model["bias"]) + sum(float(w) * features.get(k, 0.0) for k, w in model["weights"].items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def score_reasons(features: dict[str, float], model: dict[str, Any]) -> list[str]:
    """Reason codes of the signals that raised the probability most above an average document's."""
    means: dict[str, float] = model.get("means", {})
    codes: dict[str, str] = model.get("reasons", {})
    # Only signals present more than usual name a reason: a missing signal with a negative weight raises the
    # risk as well, but "little text" on a 12-page ruling would tell the operator nothing true.
    pushes = sorted(((float(w) * (features.get(k, 0.0) - means.get(k, 0.0)), codes[k])
                     for k, w in model["weights"].items()
                     if k in codes and float(w) > 0 and features.get(k, 0.0) > means.get(k, 0.0)), reverse=True)
    out: list[str] = []
    for push, code in pushes:
        if push <= 0 or len(out) >= MAX_REASONS:
            break
        if code not in out:
            out.append(code)
    return out or ["uncertain_extraction"]

