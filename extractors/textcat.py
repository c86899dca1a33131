"""The trained doc_type classifier shipped in the repo (spaCy bag-of-words textcat), loaded once per process.

The model lives in `extractors/models/doctype/` (trained by `scripts/train_doctype.py` on generated
Akten with OCR-like noise) and is read from the package folder: nothing is downloaded. It sees the
same text the rules see, split and folded by `model_words`, and gives a probability per doc_type; the rules in
`extractors/classify.py` decide how much that counts.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.fields.normalize import to_base_letters

MODEL_DIR = Path(__file__).parent / "models" / "doctype"
MAX_CHARS = 4000  # the first pages carry the type; the cap keeps inference within a few ms

_DIGITS = re.compile(r"\d")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_lock = threading.Lock()
_nlp: Any = None


def model_words(text: str) -> list[str]:
    """What the model reads: the words and signs of the document head, folded (lower case, no umlauts), digits as 0.

    A regex split instead of spaCy's German tokenizer: the same words for a bag-of-words model at a
    fraction of the cost (the tokenizer alone took the whole inference budget).
    """
    return _TOKEN.findall(_DIGITS.sub("0", to_base_letters(text[:MAX_CHARS])))


def make_doc(nlp: Any, text: str) -> Any:
    """A spaCy Doc of `model_words(text)`, for training and prediction alike."""
    from spacy.tokens import Doc

    words = model_words(text)
    return Doc(nlp.vocab, words=words, spaces=[True] * len(words))


def _load() -> Any:
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy  # imported here: processes that never classify do not pay for it

                _nlp = spacy.load(MODEL_DIR)
    return _nlp


def preload() -> None:
    """Loads the model now instead of at the first classification (the CLI does, while it waits for Prefect)."""
    _load()


def available() -> bool:
    """True when the model folder is shipped (it always is in the repo and the installed package)."""
    return (MODEL_DIR / "config.cfg").is_file()


@dataclass(frozen=True)
class Prediction:
    """The model's probabilities per "doc_type/doc_subtype" label ("other/" when a type has no subtype)."""

    labels: dict[str, float]

    def types(self) -> dict[str, float]:
        """Probability per doc_type: the sum over its subtypes."""
        out: dict[str, float] = {}
        for label, p in self.labels.items():
            doc_type = label.split("/", 1)[0]
            out[doc_type] = out.get(doc_type, 0.0) + p
        return out

    def top(self) -> tuple[str, float]:
        """The most probable doc_type and its probability."""
        return max(self.types().items(), key=lambda kv: kv[1])

    def subtype(self, doc_type: str) -> tuple[str | None, float]:
        """The most probable subtype of `doc_type` and its share of the type's probability."""
        subs = {lb.split("/", 1)[1]: p for lb, p in self.labels.items() if lb.split("/", 1)[0] == doc_type}
        total = sum(subs.values())
        if not subs or total <= 0:
            return None, 0.0
        best, p = max(subs.items(), key=lambda kv: kv[1])
        return best or None, p / total


def predict(text: str) -> Prediction:
    """The model's reading of a document head (the cleaned text of its first pages)."""
    nlp = _load()
    doc = nlp.get_pipe("textcat")(make_doc(nlp, text))
    return Prediction({label: float(p) for label, p in doc.cats.items()})
