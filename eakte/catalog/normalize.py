"""Lookup keys stored beside the catalog's records, so search tolerates how people type.

File numbers: "22 K 3443/18.A" and "22K3443/18 A" share the key "22K344318A" (spaces, dots, slashes,
hyphens removed, upper case; `extractors.fields.file_numbers.file_number_key`, re-exported here). Names:
umlauts spelled out and diacritics dropped ("Öztürk" → "oeztuerk") and each name token's Kölner Phonetik
code (cologne-phonetics, a maintained implementation of the standard German phonetic algorithm), so
Öztürk/Oeztuerk/Ozturk and Mohammed/Muhammad/Mohamed meet.
"""

from __future__ import annotations

import re
import unicodedata

import cologne_phonetics

from extractors.fields.file_numbers import file_number_key  # one normalisation, the extractors'

__all__ = ["file_number_key", "name_keys", "name_tokens", "phonetic", "spell_out_umlauts"]

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "ø": "oe", "æ": "ae", "ł": "l"})
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def spell_out_umlauts(text: str) -> str:
    """Lower case, German umlauts spelled out (Öztürk → oeztuerk), other diacritics dropped (Çelik → celik).

    Not `extractors.fields.normalize.to_base_letters` (ö → o, same length, for matching rules on OCR text):
    here a name typed with "oe" must meet the stored "ö".
    """
    text = text.lower().translate(_UMLAUTS)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_tokens(name: str) -> list[str]:
    return _TOKEN.findall(spell_out_umlauts(name))


def phonetic(token: str) -> str:
    codes = cologne_phonetics.encode(token)
    return codes[0][1] if codes and codes[0][1] else token


def name_keys(name: str) -> list[tuple[str, str]]:
    """(folded token, phonetic code) for every word of a name, in order, without repeats."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for tok in name_tokens(name):
        if tok not in seen:
            seen.add(tok)
            out.append((tok, phonetic(tok)))
    return out
