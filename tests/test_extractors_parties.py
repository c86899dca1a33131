"""Parties by document shape (forms, letters, certificates, payslips, rulings) and date cues of forms.

All names below are invented.
"""

from __future__ import annotations

import datetime as dt

from corpus.mrz import td3
from extractors.analyse import analyse_document
from extractors.fields.dates import find_dates
from extractors.fields.forms import read_form
from extractors.fields.mrz import display_name, find_mrz
from extractors.fields.parties import (
    addressee,
    civil_parties,
    complete_surnames,
    form_person,
    genitive_rubrum,
    lawyer,
    payslip_employee,
    rubrum_parties,
)
from extractors.fields.rubrum import role_line, role_word
from extractors.fields.rubrum import rubrum_parties as rubrum_grammar
from extractors.model import PageText
from schemas.records import Party


def _parties(text: str) -> set[tuple[str, str]]:
    return {(p.role, p.name) for p in analyse_document([PageText(1, text)]).parties}


def test_form_person_same_line_and_next_line() -> None:
    same = "Meldebescheinigung\nFamilienname  Berisha\nVornamen  Arben\nGeburtsdatum  01.02.1990\n"
    assert form_person(same).name == "Arben Berisha"  # type: ignore[union-attr]
    split = "Duldung\nName\nBERISHA\nVorname(n)\nArben\nGeburtsdatum\n01.02.1990\n"
    assert form_person(split).name == "Arben Berisha"  # type: ignore[union-attr]
    numbered = "1. Familienname BERISHA\n2. Vorname(n) ARBEN\n3. Geburtsdatum 01.02.1990\n"
    assert form_person(numbered, "applicant").name == "Arben Berisha"  # type: ignore[union-attr]


def test_form_person_ignores_parent_firm_and_label_rows() -> None:
    assert form_person("Name des Vaters  Luan Berisha\nName / Firma  Bau GmbH\n") is None
    assert form_person("Name Vornamen)\n\nGeburtsdatum\n") is None


def test_addressee_is_the_window_address_not_a_lawyer() -> None:
    letter = "Stadt Bonn · Ausländeramt\nHerrn\nArben Berisha\nHauptstraße 5\n53111 Bonn\n"
    assert addressee(letter).name == "Arben Berisha"  # type: ignore[union-attr]
    assert addressee("Herrn\nRechtsanwalt Kanzlei Weiß\nHauptstraße 5\n") is None


def test_residence_document_gets_holder_and_authority() -> None:
    text = ("Kreis Euskirchen\n- Ausländerbehörde -\nBescheinigung über die Aussetzung der Abschiebung (Duldung)\n"
            "Name BERISHA\nVorname(n) Arben\nGeburtsdatum 01.02.1990\nAusstellende Behörde Kreis Euskirchen\n"
            "Aktenzeichen 32-12345/18\nGültig ab 25.03.2024\nGültig bis 23.06.2024\nAusgestellt am 25.03.2024\n")
    doc = analyse_document([PageText(1, text)])
    assert {(p.role, p.name) for p in doc.parties} == {("person_concerned", "Arben Berisha"),
                                                       ("authority", "Kreis Euskirchen")}
    assert doc.document_date == "2024-03-25"


def test_widerrufsbescheid_subject_after_der() -> None:
    text = ("Bundesamt für Migration und Flüchtlinge\nGesch.-Z.: 1234567-475\nKöln, 3. Februar 2019\nBESCHEID\n"
            "In dem Widerrufsverfahren der\nBerisha, Drita, geb. 01.01.1983 in Prizren\n"
            "ergeht folgende Entscheidung:\n")
    assert ("person_concerned", "Drita Berisha") in _parties(text)


def test_payslip_employee_from_address_block_not_postcode() -> None:
    text = ("Hotel Zur Linde\nAm Markt 2 · 53604 Bad Honnef\nArben Berisha\nMühlenweg 10\n53340 Meckenheim\n"
            "Lohnabrechnung\nAbrechnungsmonat: September 2023\nErstellt am: 03.10.2023\n")
    assert payslip_employee(text).name == "Arben Berisha"  # type: ignore[union-attr]
    assert _parties(text) >= {("employee", "Arben Berisha"), ("employer", "Hotel Zur Linde")}
    assert not any(name.startswith("53340") for _, name in _parties(text))


def test_employment_forms_and_certificates() -> None:
    form = ("Bundesagentur für Arbeit\nErklärung zum Beschäftigungsverhältnis\n"
            "1. Angaben zur Person der Arbeitnehmerin/des Arbeitnehmers\nFamilienname Berisha\nVorname(n) Arben\n"
            "2. Angaben zum Arbeitgeber\nName / Firma Hotel Zur Linde\nOrt, Datum: Bad Honnef, 22.11.2023\n")
    assert _parties(form) == {("employee", "Arben Berisha"), ("employer", "Hotel Zur Linde")}
    assert analyse_document([PageText(1, form)]).document_date == "2023-11-22"
    cert = ("Bundesstadt Bonn\nEING.\n20. JUNI 2023\nPflegedienst Sonne gGmbH\nZum Hof 30 · 53859 Niederkassel\n"
            "Niederkassel, 19.06.2023\nArbeitgeberbescheinigung\nHiermit bestätigen wir, dass Herr/Frau Arben Berisha,"
            " geboren am 27.02.1990, seit dem 4. Februar 2022 in unserem Betrieb beschäftigt ist.\n")
    assert _parties(cert) == {("employee", "Arben Berisha"), ("employer", "Pflegedienst Sonne gGmbH")}


def test_school_certificate_names_pupil_and_school() -> None:
    text = ("Städtische Realschule Troisdorf\nSchulbescheinigung\nHiermit wird bescheinigt, dass Arben Berisha, "
            "geb. am 25.02.2001, seit dem 11.06.2022 Schüler/in unserer Schule ist.\nTroisdorf, 8. Juli 2024\n")
    assert _parties(text) == {("person_concerned", "Arben Berisha"), ("other", "Städtische Realschule Troisdorf")}


def test_civil_certificates_holder_first() -> None:
    marriage = "HEIRATSURKUNDE\nEhemann  Arben Berisha\ngeboren am  25.05.1991\nEhefrau  Drita Krasniqi\n"
    assert {(p.role, p.name) for p in civil_parties(marriage)} == {("person_concerned", "Arben Berisha"),
                                                                    ("other", "Drita Krasniqi")}
    birth = ("GEBURTSURKUNDE\nName  Berisha\nVorname(n)  Drita\nName des Vaters  Luan Berisha\n"
             "Name der Mutter  Vera Berisha\n")
    assert {(p.role, p.name) for p in civil_parties(birth)} == {
        ("person_concerned", "Drita Berisha"), ("other", "Luan Berisha"), ("other", "Vera Berisha")}


def test_lawyer_of_a_firm_letter_not_the_firm() -> None:
    head = "RECHTSANWÄLTE BECK & PARTNER\nRechtsanwalt Dr. Jens Albers · Fachanwalt für Migrationsrecht\n"
    assert lawyer(head).name == "Dr. Jens Albers"  # type: ignore[union-attr]
    assert lawyer("Rechtsanwälte Beck & Partner · Hauptstraße 1\n") is None


def test_genitive_rubrum_with_spaced_gegen() -> None:
    text = ("In der Verwaltungsrechtssache\nArben Berisha, geboren am 25.05.1991 in Prizren,\ndes Klägers,\n"
            "Prozessbevollmächtigte: Rechtsanwälte Beck & Partner, Hauptstraße 1, 53111 Bonn,\ng e g e n\n"
            "die Bundesrepublik Deutschland, vertreten durch das Bundesamt,\nder Beklagten,\n")
    got = {(p.role, p.name) for p in genitive_rubrum(text)}
    assert got == {("plaintiff", "Arben Berisha"), ("defendant", "Bundesrepublik Deutschland")}


def test_passport_issue_date_with_english_label_and_split_birth_label() -> None:
    hits = find_dates("Ausstellungsdatum / Date of 01 02 2009\nissue\n")
    assert [(h.value, h.role) for h in hits] == [("2009-02-01", "document_date")]
    # OCR split "Geburtsdatum" into "G" / "eburtsdatum": the birth date must not take the "Datum" column
    form = "Name\nKAYA\nG\n\neburtsdatum Geburtsort\n01.01.1983\nAusgestellt am\n23.10.2018\n"
    roles = {h.value: h.role for h in find_dates(form)}
    assert roles["1983-01-01"] != "document_date"
    assert roles["2018-10-23"] == "document_date"


def test_decision_date_before_ohne_muendliche_verhandlung() -> None:
    text = ("hat die 22. Kammer des Verwaltungsgericht Gelsenkirchen am 19.08.2024 ohne mündliche Verhandlung\n"
            "durch Gerichtsbescheid für Recht erkannt:\nDer Bescheid vom 10.10.2018 wird aufgehoben.\n")
    hits = find_dates(text)
    assert (hits[0].value, hits[0].role) == ("2024-08-19", "document_date")


def test_label_block_right_above_a_value_names_it() -> None:
    # OCR order: an unread birth date's label first, then "Gültig ab" right above the only value
    form = "Geburtsdatum Geburtsort\nAnschrift\nAktenzeichen\nNebenbestimmungen:\nGültig ab\n03.12.2018\n"
    assert [(h.value, h.role) for h in find_dates(form)] == [("2018-12-03", "valid_from")]


def test_review_sees_missing_case_number_and_implausible_date() -> None:
    # whether these signals flag the document is the review model's call (tests/test_extractors_review.py)
    duldung = ("Kreis Euskirchen\nBescheinigung über die Aussetzung der Abschiebung (Duldung)\n"
               "Name BERISHA\nVorname(n) Arben\nGültig bis 29.11.2023\nAusgestellt am 27.02.2024\n")
    doc = analyse_document([PageText(1, duldung, confidence=90.0)])
    assert doc.document_date == "2024-02-27"
    assert doc.review_features["no_file_number"] == 1.0
    assert doc.review_features["implausible_document_date"] == 1.0
    ok = duldung.replace("Gültig bis 29.11.2023\nAusgestellt am 27.02.2024", "Aktenzeichen 32-12345/18\n"
                         "Gültig bis 29.11.2024\nAusgestellt am 27.02.2024")
    fixed = analyse_document([PageText(1, ok, confidence=90.0)])
    assert fixed.review_reasons == []
    assert fixed.review_risk is not None and doc.review_risk is not None and fixed.review_risk < doc.review_risk


def test_form_reader_label_rows_blank_lines_and_columns() -> None:
    # a label row over a value row; values below their labels across blank lines; a column beside a value
    row = "Name Vorname({n)\n\nBERISHA Arben\nGeburtsdatum Geburtsort Staatsangehörigkeit\n"
    assert form_person(row).name == "Arben Berisha"  # type: ignore[union-attr]
    beside = "Name / Surname BERISHA Pass-Nr.\n\nVornamen / Given names ARBEN\nStaatsangehörigkeit KOSOVARISCH\n"
    assert form_person(beside).name == "Arben Berisha"  # type: ignore[union-attr]
    ba = ("1. Angaben zur Person der Arbeitnehmerin/des Arbeitnehmers\n\nFamilienname\n\nBerisha\n\nVorname(n)\n\n"
          "Arben\n\n2. Angaben zum Arbeitgeber\n\nName / Firma\n\nHotel Zur Linde GmbH\n\nAnschrift\n")
    form = read_form(ba)
    assert (form.first("surname"), form.first("given"), form.first("firm")) == ("Berisha", "Arben",
                                                                                 "Hotel Zur Linde GmbH")
    assert form.first("employer") is None  # "Angaben zum Arbeitgeber" is a heading, not a label


def test_payslip_employee_without_the_title_column() -> None:
    beside = ("Hotel Zur Linde\nAm Markt 2 · 53604 Bad Honnef\nArben Berisha Entgeltabrechnung\n"
              "Mühlenweg 10 Abrechnungsmonat: Mai 2023\n53340 Meckenheim Personal-Nr.: 3792\n")
    assert payslip_employee(beside).name == "Arben Berisha"  # type: ignore[union-attr]
    below = ("Hotel Zur Linde\nAm Markt 2 · 53604 Bad Honnef\nLohnabrechnung\n\nArben Berisha\n"
             "Abrechnungsmonat: Mai 2023\n\nMühlenweg 10\n\n53340 Meckenheim Personal-Nr.: 3792\n")
    assert payslip_employee(below).name == "Arben Berisha"  # type: ignore[union-attr]


def test_addressee_from_salutation_when_columns_run_together() -> None:
    letter = ("Rhein-Erft-Kreis - Ausländerbehörde - Bergheim Rhein-Erft-Kreis\nFrau Der Landrat\n"
              "Drita Berisha Ausländerbehörde\n\nMühlenweg 10\n\n53332 Bornheim Auskunft: Ralf Weber\n"
              "Bergheim, 10.06.2019\nSehr geehrte Frau Berisha,\n")
    assert addressee(letter).name == "Drita Berisha"  # type: ignore[union-attr]


def test_mrz_read_through_ocr_swaps_and_noisy_filler() -> None:
    line1, line2 = td3(country="TUR", surname="KAYA", given="EMINE", number="K5023119", nationality="TUR",
                       birth=dt.date(1983, 1, 1), sex="F", expiry=dt.date(2014, 2, 1), personal="6583954971")
    noisy1 = line1[:20] + "eeaececeeeccc"  # OCR reads the filler as letters
    noisy2 = line2[:13] + line2[13:19].replace("0", "O") + line2[19:30] + "9" + line2[31:]  # O for 0; a personal digit
    found = find_mrz(f"{noisy1}\n\n{noisy2}\n")
    assert found and (display_name(found), found.birth_date, found.expiry_date) == ("Emine Kaya", "1983-01-01",
                                                                                   "2014-02-01")
    wrong_birth = line2[:14] + ("4" if line2[14] != "4" else "5") + line2[15:]
    assert find_mrz(f"{line1}\n{wrong_birth}\n") is None  # a date whose check digit fails is never read


def test_surname_only_form_completed_from_the_same_akte() -> None:
    docs = [[Party(role="employee", name="Berisha", kind="person")],
            [Party(role="person_concerned", name="Arben Berisha", kind="person"),
             Party(role="other", name="Luan Krasniqi", kind="person")],
            [Party(role="person_concerned", name="Krasniqi", kind="person")]]
    complete_surnames(docs)
    assert [p.name for p in docs[0]] == ["Arben Berisha"]
    assert docs[2] == []  # "other" people lend no names; a lone word nothing explains is dropped


def test_rubrum_of_an_anonymised_ruling_yields_no_junk_parties() -> None:
    text = ("Verwaltungsgericht Hamburg\nUrteil\nIm Namen des Volkes\nIn der Verwaltungsrechtssache\n"
            "17 K 1234/15 - Kläger -\nProzessbevollmächtigte:\nRechtsanwälte\n\ngegen\n"
            "Freie und Hansestadt Hamburg,\nMusterstraße 7,\n- Beklagte -\n"
            "Verfahrensbevollmächtigter:\ng e g e n\nhat das Verwaltungsgericht Hamburg, Kammer 17,\n")
    got = {(p.role, p.name) for p in rubrum_parties(text)}
    assert got == {("defendant", "Freie und Hansestadt Hamburg")}


def test_lawyer_from_the_signature_when_the_letterhead_is_unreadable() -> None:
    letter = ("RECHTSANWÄ TE BECK 6 PARTNER\nRechtsanwalt J)ns Alb rs ap\nSehr geehrte Damen und Herren,\n"
              "Mit freundlichen Grüßen\n\nWSX\n\nJens Albers\n\nRechtsanwalt\n")
    assert lawyer(letter).name == "Jens Albers"  # type: ignore[union-attr]


def test_salutation_surname_and_cut_employer_completed_from_the_akte() -> None:
    unreadable = "BAMF - Außenstelle Bonn\nH ern\na Be 08 Gesch.-Z.: 1234567-261\nSehr geehrter Herr Berisha,\n"
    lone = addressee(unreadable)
    assert lone is not None and lone.name == "Berisha"
    docs = [[lone], [Party(role="employer", name="Pflegedienst Sonnensche", kind="organisation")],
            [Party(role="employee", name="Arben Berisha", kind="person"),
             Party(role="employer", name="Pflegedienst Sonnenschein gGmbH", kind="organisation")]]
    complete_surnames(docs)
    assert [p.name for p in docs[0] + docs[1]] == ["Arben Berisha", "Pflegedienst Sonnenschein gGmbH"]


def test_payslip_employer_above_its_address_under_a_folio_stamp() -> None:
    text = ("BL[.287\nRheinland Bau GmbH\nMühlenweg 74 - 40213 Düsseldorf\nArben Berisha Entgeltabrechnung\n"
            "Hauptstraße 9 Abrechnungsmonat: August 2019\n53797 Lohmar Personal-Nr.: 1001\n")
    assert ("employer", "Rheinland Bau GmbH") in _parties(text)


def test_civil_certificate_with_columns_split_by_ocr() -> None:
    birth = ("GEBURTSURKUNDE\nName\n\nBerisha\nVorname(n)\nDrita\nName des Vaters\n\nLuan Berisha\n"
             "Name der Mutter\nVera Berisha\n")
    assert {(p.role, p.name) for p in civil_parties(birth)} == {
        ("person_concerned", "Drita Berisha"), ("other", "Luan Berisha"), ("other", "Vera Berisha")}


def test_genitive_rubrum_through_ocr_misreads_and_a_stray_stamp_line() -> None:
    text = ("In der Verwaltungsrechtssache\nEingegangen\nArben Berisha, geboren am 25.05.1991 in Prizren,\n"
            "des Kiägers. ’\nProzessbevollmächtigte: Rechtsanwälte Beck & Partner, Hauptstraße 1,\ngegen\n"
            "den Kreis Euskirchen, vertreten durch den Landrat,\nder Antragsgegnerin,\n")
    assert {(p.role, p.name) for p in genitive_rubrum(text)} == {("plaintiff", "Arben Berisha"),
                                                                 ("respondent", "Kreis Euskirchen")}


# --- the Rubrum grammar (extractors/fields/rubrum.py): shapes written for these tests, names invented ---------------

def _rubrum(text: str, subtype: str | None = "urteil") -> set[tuple[str, str]]:
    found = rubrum_grammar(text, subtype)
    assert found is not None
    return {(p.role, p.name) for p in found}


def test_rubrum_role_words_alone_after_each_block_and_the_lawyer_named() -> None:
    text = ("VERWALTUNGSGERICHT KÖLN\nIM NAMEN DES VOLKES\nURTEIL\nIn dem verwaltungsgerichtlichen Verfahren\n"
            "des Herrn Dawit Tesfaye,\nAm Markt 4, 51570 Windeck,\nKlägers,\n"
            "Prozessbevollmächtigte: Rechtsanwältin Dr. Helga Brandt, Kanzlei Brandt & Roth,\n"
            "Ringstraße 3, 53111 Bonn,\ngegen\n"
            "die Bundesrepublik Deutschland, vertreten durch das Bundesministerium des Innern, dieses vertreten\n"
            "durch das Bundesamt für Migration und Flüchtlinge, Frankenstraße 210, 90461 Nürnberg,\n"
            "Beklagte,\nwegen Asylrechts\nhat die 6. Kammer ... für Recht erkannt:\n")
    assert _rubrum(text) == {("plaintiff", "Dawit Tesfaye"), ("representative", "Dr. Helga Brandt"),
                             ("defendant", "Bundesrepublik Deutschland")}


def test_rubrum_dashed_markers_applicants_and_appeal_roles() -> None:
    text = ("In der Verwaltungsrechtssache\nFrau Amira Haddad,\nLindenweg 2, 20095 Hamburg,\n"
            "– Antragstellerin und Beschwerdeführerin –\nProzessbevollmächtigte:\nRechtsanwälte Vogt und Kern,\n"
            "Alsterufer 1, 20354 Hamburg,\ng e g e n\nFreie und Hansestadt Hamburg,\n"
            "vertreten durch das Bezirksamt Altona,\n– Antragsgegnerin und Beschwerdegegnerin –\n"
            "hat das Hamburgische Oberverwaltungsgericht, 4. Senat, beschlossen:\n")
    assert _rubrum(text, "beschluss") == {
        ("applicant", "Amira Haddad"), ("representative", "Rechtsanwälte Vogt und Kern"),
        ("respondent", "Freie und Hansestadt Hamburg")}


def test_rubrum_inflections_ocr_slips_numbered_parties_and_third_parties() -> None:
    text = ("In der Verwaltungsstreitsache\n1. des Herrn Karim Saleh,\n2. der Frau Lina Saleh,\n"
            "beide wohnhaft Hauptstraße 1, 10115 Berlin,\nKiägerinnen und Kläger,\n"
            "bevollmächtigt: Rechtsanwalt Jonas Weber, Hauptstraße 9, 10115 Berlin,\ngegen\n"
            "das Landesamt für Soziales, Gesundheit und Verbraucherschutz - Abteilung Ausländerwesen -,\n"
            "Musterallee 6, 66115 Saarbrücken,\nBeklagten,\nbeigeladen:\n"
            "Stadtwerke Nordheim GmbH, vertreten durch den Geschäftsführer,\n"
            "Verkündet am 3. Mai 2016\nMeier\nJustizbeschäftigte als Urkundsbeamtin der Geschäftsstelle\n"
            "w e g e n Informationsfreiheit\n")
    assert _rubrum(text) == {
        ("plaintiff", "Karim Saleh"), ("plaintiff", "Lina Saleh"), ("representative", "Jonas Weber"),
        ("defendant", "Landesamt für Soziales, Gesundheit und Verbraucherschutz"),
        ("other", "Stadtwerke Nordheim GmbH")}


def test_rubrum_role_labels_before_the_name_and_roles_by_side_of_gegen() -> None:
    labelled = ("In Sachen\nKläger: Herr Omid Karimi, Bahnhofstraße 2, 50667 Köln\n"
                "Prozessbevollmächtigter: Rechtsanwalt Paul Lenz, Köln\n"
                "Beklagter: Rhein-Sieg-Kreis, vertreten durch den Landrat\nwegen Aufenthaltserlaubnis\n")
    assert _rubrum(labelled) == {("plaintiff", "Omid Karimi"), ("representative", "Paul Lenz"),
                                 ("defendant", "Rhein-Sieg-Kreis")}
    bare = ("In dem Verwaltungsrechtsstreit\nHerr Omid Karimi, Bahnhofstraße 2, 50667 Köln,\ngegen\n"
            "die Stadt Bonn, vertreten durch den Oberbürgermeister,\nwegen Duldung\n")
    assert _rubrum(bare) == {("plaintiff", "Omid Karimi"), ("defendant", "Stadt Bonn")}
    assert _rubrum("In dem Verfahren\nStadt Bonn ./. Omid Karimi\nhat das Gericht beschlossen:\n", None) == {
        ("plaintiff", "Stadt Bonn"), ("defendant", "Omid Karimi")}


def test_rubrum_blanked_names_give_no_parties_and_printouts_no_rubrum() -> None:
    blanked = ("In der Verwaltungsstreitsache\nKlägers,\nVerfahrensbevollmächtigte:\nRechtsanwälte ,\n"
               "g e g e n\nBeklagte,\nbeigeladen:\nhat das Verwaltungsgericht Berlin, 2. Kammer, für Recht erkannt:\n")
    assert _rubrum(blanked) == set()
    printout = ("Datum: 09.10.2009\nGericht: Verwaltungsgericht Düsseldorf\nTenor: Die Klage wird abgewiesen.\n"
                "Der Kläger trägt die Kosten des Verfahrens.\n")
    assert rubrum_grammar(printout, "urteil") is None


def test_role_words_by_stem_and_suffix() -> None:
    assert role_word("Klägerinnen") == ("plaintiff", "first") and role_word("Beklagtem") == ("defendant", "second")
    assert role_word("Antragste1lers") == ("applicant", "first")
    assert role_word("Berufungsklägerin") == (None, "appellant") and role_word("Beigeladenen") == ("other", "other")
    assert role_word("Klagen") is None and role_word("Verwaltungsgericht") is None
    assert role_line("- Kläger und Berufungsbeklagter -") == [("plaintiff", "first"), (None, "appellee")]
    assert role_line("Herrn Karim Saleh,") is None
    assert role_line("Antragsteller/in,") == [("applicant", "first")]
    assert role_line("- Beklagte(r) -") == [("defendant", "second")]


def test_rubrum_role_label_over_the_name_and_role_words_ending_the_name_line() -> None:
    over = ("In der Verwaltungsrechtssache\nKlägerin:\nFrau Amira Haddad, Lindenweg 2, 20095 Hamburg\n"
            "Prozessbevollmächtigte:\nRechtsanwältin Eva Roth, Hamburg\ngegen\nBeklagte:\n"
            "Bundesrepublik Deutschland, vertreten durch das Bundesamt für Migration und Flüchtlinge,\n"
            "Gz.: 1234567-423\n"
            "wegen Asylrechts\n")
    assert _rubrum(over) == {("plaintiff", "Amira Haddad"), ("representative", "Eva Roth"),
                             ("defendant", "Bundesrepublik Deutschland")}
    same_line = ("In dem verwaltungsgerichtlichen Verfahren\n"
                 "Herrn Dawit Tesfaye, Am Markt 4, 51570 Windeck,   Klägers,\n"
                 "g e g e n\nden Rhein-Sieg-Kreis, vertreten durch den Landrat,  - Antragsgegner -\n"
                 "hat die 6. Kammer beschlossen:\n")
    assert _rubrum(same_line) == {("plaintiff", "Dawit Tesfaye"), ("respondent", "Rhein-Sieg-Kreis")}


def test_rubrum_needs_a_heading_and_stops_at_prose() -> None:
    reasons = ("Tenor: Die Klage wird abgewiesen.\nIn dem Verfahren ist am 3. Mai ein Beschluss ergangen.\n"
               "Der Kläger trägt die Kosten.\n")
    assert rubrum_grammar(reasons, "urteil") is None
    no_formula = ("In der Verwaltungsstreitsache\nHerrn Dawit Tesfaye,\nKlägers,\ngegen\n"
                  "die Stadt Bonn,\nBeklagte,\nDie Beteiligten streiten über die Erteilung einer Aufenthaltserlaubnis "
                  "an den Kläger, der seit dem Jahr 2015 in der Stadt wohnt.\nHerr Mustermann, Zeuge,\n")
    assert _rubrum(no_formula) == {("plaintiff", "Dawit Tesfaye"), ("defendant", "Stadt Bonn")}


def test_rubrum_letter_spaced_role_words() -> None:
    assert role_line("- K l ä g e r -") == [("plaintiff", "first")]
    assert role_line("B e k l a g t e r,") == [("defendant", "second")]
    text = ("In der Verwaltungsrechtssache\nHerrn Dawit Tesfaye,\n- K l ä g e r -\ng e g e n\n"
            "die Stadt Bonn,\n- B e k l a g t e -\nw e g e n Duldung\n")
    assert _rubrum(text) == {("plaintiff", "Dawit Tesfaye"), ("defendant", "Stadt Bonn")}


def test_rubrum_masked_names_third_party_lists_and_streets_on_the_name_line() -> None:
    text = ("In der Verwaltungsstreitsache\nder ****** GbR,\nAntragstellerin,\nProz.-Bev.:\n"
            "Rechtsanwalt Jonas Weber Poststraße 8\n87435 Kempten,\ngegen\n"
            "die Bundesrepublik Deutschland,\nAntragsgegnerin,\n"
            "Beigeladene: 1. Herr Karim Saleh, Hauptstraße 1, 10115 Berlin,\n2. Frau Lina Saleh, Hauptstraße 1,\n"
            "Prozessbevollmächtigte: zu 1-2: Rechtsanwälte Vogt und Kern,\nhat die Kammer beschlossen:\n")
    assert _rubrum(text, "beschluss") == {
        ("representative", "Jonas Weber"), ("respondent", "Bundesrepublik Deutschland"),
        ("other", "Karim Saleh"), ("other", "Lina Saleh"), ("representative", "Rechtsanwälte Vogt und Kern")}
    firm = "In der Verwaltungsstreitsache\nHerrn Karim Saleh,\nKlägers,\nProzessbevollmächtigte: Rechtsanwälte " \
           "Patt Fischer Feuring Senger, Weststraße 21, 09112 Chemnitz,\nwegen Informationsfreiheit\n"
    assert ("representative", "Rechtsanwälte Patt Fischer Feuring Senger") in _rubrum(firm)


def test_rubrum_first_party_on_the_proceeding_line() -> None:
    text = ("In dem Verwaltungsstreitverfahren des Herrn Dawit Tesfaye, Am Markt 4, 51570 Windeck,\nKlägers,\n"
            "gegen\ndie Stadt Bonn,\nBeklagte,\nwegen Duldung\n")
    assert _rubrum(text) == {("plaintiff", "Dawit Tesfaye"), ("defendant", "Stadt Bonn")}
    heading = ("In dem Verfahren auf Gewährung vorläufigen Rechtsschutzes\nHerrn Dawit Tesfaye,\nAntragstellers,\n"
               "gegen\ndie Stadt Bonn,\nAntragsgegnerin,\nwegen Duldung\n")
    assert _rubrum(heading, "beschluss") == {("applicant", "Dawit Tesfaye"), ("respondent", "Stadt Bonn")}
