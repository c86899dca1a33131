"""Lookup keys stored beside the catalog's records, so search tolerates how people type.

File numbers: "22 K 3443/18.A" and "22K3443/18 A" share the key "22K344318A" (spaces, dots, slashes,
hyphens removed, upper case). Names: umlauts and diacritics folded ("Öztürk" → "oeztuerk") and each
name token's Kölner Phonetik code (cologne-phonetics, a maintained implementation of the standard
German phonetic algorithm), so Öztürk/Oeztuerk/Ozturk and Mohammed/Muhammad/Mohamed meet.
"""

from __future__ import annotations

import re
import unicodedata

import cologne_phonetics

_FILE_NUMBER_DROP = re.compile(r"[\s./\-_]+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "ø": "oe", "æ": "ae", "ł": "l"})
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def file_number_key(value: str) -> str:
    return _FILE_NUMBER_DROP.sub("", value).upper()


def fold(text: str) -> str:
    """Lower case, German umlauts spelled out, other diacritics dropped (Çelik → celik)."""
    text = text.lower().translate(_UMLAUTS)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_tokens(name: str) -> list[str]:
    return _TOKEN.findall(fold(name))


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
