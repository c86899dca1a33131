"""Per-document language from stopword shares: cheap, no model, good enough to route translations and
foreign certificates (which caseworkers handle differently) and to pick an OCR language later."""

from __future__ import annotations

import re

_STOPWORDS: dict[str, frozenset[str]] = {
    "de": frozenset("der die das und ist nicht mit den von zu im für auf dem des ein eine wird werden sich als "
                    "auch bei nach aus wir sie er ihr hat sind vom zur zum über durch oder".split()),
    "en": frozenset("the and of to in is that for it with as was on be by this are from at or an which have "
                    "has not were their been date of birth".split()),
    "fr": frozenset("le la les et des du un une est que dans pour qui sur pas par au avec ce sont il elle "
                    "nous vous date de naissance".split()),
    "tr": frozenset("ve bir bu da de ile için olarak olan gibi ama daha çok ne kadar sonra tarihi doğum "
                    "adı soyadı".split()),
    "es": frozenset("el la los las y de que en un una es por con para no se del al como su fecha "
                    "nacimiento".split()),
    "it": frozenset("il lo la gli le e di che è per un una non con del della sono nel alla data nascita".split()),
}
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
MIN_HITS = 8  # fewer stopwords than this: too little running text to tell (forms, ID copies)


def detect_language(text: str, default: str = "de") -> str:
    """ISO 639-1 code of the language with the most stopword hits; `default` when the text is too thin."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    hits = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(hits, key=lambda k: hits[k])
    if hits[best] < MIN_HITS or best == default:
        return default
    # A foreign language must clearly beat German: German letters quote foreign names and terms.
    return best if hits[best] >= 1.5 * hits.get(default, 0) else default
