"""The person a letter is about: the subject line or opening names them, not the lawyer, the caseworker
or the signatory (all names invented)."""

from __future__ import annotations

import pytest

from extractors.fields.parties import addressee, document_parties, letter_subject, name_after


def _concerned(text: str, subtype: str | None = "schreiben") -> str | None:
    parties, _ = document_parties(text, "correspondence", subtype)
    return next((p.name for p in parties if p.role == "person_concerned"), None)


@pytest.mark.parametrize(("text", "subtype", "name"), [
    ("Stadt Bonn\nAusländeramt\nHerrn Rechtsanwalt\nDr. Sören Meyer\nMarktplatz 2\n53111 Bonn\n"
     "Betreff: Aufenthaltsrechtliche Angelegenheit Herr Ahmad Karimi, geb. 01.01.1990\n"
     "Sehr geehrter Herr Dr. Meyer,\nanbei erhalten Sie ...\nMit freundlichen Grüßen\nIm Auftrag\nPetra Lange\n",
     "schreiben", "Ahmad Karimi"),
    ("Rechtsanwalt Dr. Sören Meyer · Fachanwalt für Migrationsrecht\nStadt Bonn\nAusländeramt\n"
     "Sehr geehrte Frau Lange,\nin der ausländerrechtlichen Angelegenheit von Herrn Ahmad Karimi zeige ich an, "
     "dass ich ihn vertrete.\nMit freundlichen Grüßen\nDr. Sören Meyer\nRechtsanwalt\n",
     "anwaltsschreiben", "Ahmad Karimi"),
    ("Kanzlei Weiß & Partner\nStadt Bonn\nIhr Zeichen: 32.1-445 / Name: KARIMI, Ahmad\n"
     "Sehr geehrter Herr Schulz,\nwir beantragen ...\nMit freundlichen Grüßen\n", "anwaltsschreiben", "Ahmad Karimi"),
    ("Rechtsanwältin Anna Vogel\nSehr geehrte Damen und Herren,\nmeine Mandantin Frau Aylin Yilmaz, "
     "geb. 02.03.1995, hat mich beauftragt ...\n", "anwaltsschreiben", "Aylin Yilmaz"),
    ("Stadt Bonn\nBetreff\nAsylverfahren des syrischen Staatsangehörigen Herrn Omar HADDAD\n"
     "Sehr geehrte Damen und Herren,\n", "schreiben", "Omar Haddad"),
])
def test_the_subject_line_or_opening_names_the_person(text: str, subtype: str, name: str) -> None:
    assert _concerned(text, subtype) == name


def test_a_lawyers_salutation_greets_the_caseworker_not_the_client() -> None:
    text = ("Rechtsanwalt Dr. Sören Meyer\nStadt Bonn\nAusländeramt\nSehr geehrter Herr Schulz,\n"
            "wir bitten um Akteneinsicht.\nMit freundlichen Grüßen\nDr. Sören Meyer\nRechtsanwalt\n")
    assert _concerned(text, "anwaltsschreiben") is None
    to_lawyer = ("Stadt Bonn\nHerrn\nRechtsanwalt Dr. Sören Meyer\nMarktplatz 2\n53111 Bonn\n"
                 "Sehr geehrter Herr Rechtsanwalt Meyer,\nanbei ...\n")
    assert addressee(to_lawyer) is None


def test_a_letter_to_the_person_himself_names_him_in_the_salutation() -> None:
    text = ("Stadt Bonn · Ausländeramt\nHerrn\nAhmad Karimi\nHauptstraße 5\n53111 Bonn\n"
            "Betreff: Ihre Vorsprache vom 01.02.2023\nSehr geehrter Herr Karimi,\nbitte legen Sie ...\n")
    assert _concerned(text) == "Ahmad Karimi"


def test_name_after_skips_the_words_leading_to_it() -> None:
    assert name_after("von Herrn Ahmad K., geb. 01.01.1990") == ("Ahmad K.", True)
    assert name_after("des syrischen Staatsangehörigen Herrn Omar HADDAD") == ("Omar Haddad", False)
    assert name_after("KARIMI, Ahmad, wohnhaft in Bonn") == ("Ahmad Karimi", False)
    assert letter_subject("Betreff: Ihre Anfrage vom 01.02.2023\nSehr geehrter Herr Haddad,") is None


def test_the_subject_on_the_line_after_the_procedure() -> None:
    text = ("Bundesamt für Migration und Flüchtlinge\nBESCHEID\nIn dem Asylverfahren des/der\n"
            "Herrn/Frau Ahmad KARIMI, geb. 01.01.1990 in Kabul\nergeht folgende Entscheidung:\n")
    parties, _ = document_parties(text, "bamf_decision", "asylbescheid")
    assert [p.name for p in parties if p.role == "person_concerned"] == ["Ahmad KARIMI"]
    wrapped = letter_subject("Betreff: Aufenthaltsrechtliche Angelegenheit\n   von Herrn Ahmad Karimi, geb. 01.01.1990")
    assert wrapped is not None and wrapped.name == "Ahmad Karimi"
    assert letter_subject("in der Angelegenheit\nSehr geehrte Damen und Herren,") is None


@pytest.mark.parametrize("text", [
    "Stadt Bonn\nBetreff: Ausländerangelegenheit KARIMI, Ahmad\nSehr geehrte Damen und Herren,\n",
    "Stadt Bonn\nBetreff: Aufenthaltsrecht\nhier: Verlängerung der Duldung für Herrn Ahmad Karimi\n"
    "Sehr geehrte Damen und Herren,\n",
    "Stadt Bonn\nBetreff: Ahmad KARIMI (geb. 01.01.1990)\nSehr geehrte Damen und Herren,\n",
])
def test_subject_lines_of_authorities(text: str) -> None:
    assert _concerned(text) == "Ahmad Karimi"
    assert letter_subject("Die Ursache dafür ist Ihre Ausreise.") is None
