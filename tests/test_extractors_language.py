"""Language per document: German by default, a foreign language only when its running text dominates."""

from __future__ import annotations

from extractors.fields.language import detect_language

ENGLISH = ("This is to certify that the person named below was born on the date of birth given in this "
           "certificate. The certificate has been issued by the registry office of the city and it is valid "
           "for all purposes for which a birth certificate is required by the authorities.")
GERMAN = ("Der Kläger ist afghanischer Staatsangehöriger. Er reiste nach eigenen Angaben im Jahr 2015 in die "
          "Bundesrepublik Deutschland ein und stellte einen Asylantrag, der mit dem Bescheid abgelehnt wurde. "
          "Die Klage ist zulässig, aber nicht begründet.")


def test_english_certificate_is_english() -> None:
    assert detect_language(ENGLISH) == "en"


def test_german_ruling_quoting_english_terms_stays_german() -> None:
    assert detect_language(GERMAN + " the date of birth") == "de"


def test_thin_form_text_defaults_to_german() -> None:
    assert detect_language("Name: Karimi\nVorname: Ahmad\nGeb.: 01.01.1990") == "de"
