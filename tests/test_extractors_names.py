"""Names that say what they do: two text foldings with different results, one file-number normalisation.

All names and numbers below are invented.
"""

from __future__ import annotations

import dataclasses

from eakte.catalog import normalize as catalog_normalize
from extractors.fields import normalize
from extractors.fields.file_numbers import file_number_key, find_file_numbers, normalize_file_number
from extractors.model import PageText


def test_the_two_foldings_are_named_for_their_result() -> None:
    assert normalize.to_base_letters("Öztürk Straße") == "ozturk strase"  # same length: offsets map back
    assert catalog_normalize.spell_out_umlauts("Öztürk Çelik") == "oeztuerk celik"  # as people type names
    assert not hasattr(normalize, "fold") and not hasattr(catalog_normalize, "fold")


def test_one_file_number_normalisation_serves_records_and_catalog() -> None:
    assert catalog_normalize.file_number_key is file_number_key
    assert normalize_file_number("22 K 3443/18.A") == "22K3443/18A"  # the record's `normalized`
    assert file_number_key("22 K 3443/18.A") == file_number_key("22K3443/18 A") == "22K344318A"
    hit = find_file_numbers("Aktenzeichen: 22 K 3443/18.A\n")[0]
    assert hit.normalized == normalize_file_number(hit.value)


def test_page_text_has_no_word_list_nobody_fills() -> None:
    assert "words" not in {f.name for f in dataclasses.fields(PageText)}
