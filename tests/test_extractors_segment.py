"""Segmentation and the whole analyse_source path on small synthetic sources."""

from __future__ import annotations

from extractors import PageText, analyse_source
from extractors.segment import segment, segment_with_doubts

URTEIL_1 = """VERWALTUNGSGERICHT KÖLN
22 K 3443/18.A
IM NAMEN DES VOLKES
URTEIL
In dem verwaltungsgerichtlichen Verfahren
der Frau Amina Yilmaz, geboren am 02.01.1999,
- Klägerin -
gegen
die Bundesrepublik Deutschland,
- Beklagte -
wegen Asylrecht
hat die 22. Kammer aufgrund der mündlichen Verhandlung vom 12. Mai 2023 für Recht erkannt:
"""
URTEIL_2 = """- 2 -
Tatbestand
Die Klägerin ist am 03.04.2016 eingereist.
"""
LETTER = """Rechtsanwältin Dr. Berg
Hauptstraße 1, 53721 Siegburg
Kreisverwaltung Rhein-Sieg-Kreis
Siegburg, den 14.06.2023
Sehr geehrte Damen und Herren,
in der Sache Yilmaz überreiche ich das Urteil.
Mit freundlichen Grüßen
"""


def test_dash_page_number_continues_previous_document() -> None:
    ranges, skipped = segment([PageText(1, URTEIL_1), PageText(2, URTEIL_2)])
    assert ranges == [(1, 2)] and skipped == []


def test_trennblatt_and_blank_pages_are_skipped() -> None:
    pages = [PageText(1, URTEIL_1), PageText(2, URTEIL_2), PageText(3, "TRENNBLATT\n|||| ||| |||"),
             PageText(4, LETTER), PageText(5, "   \n")]
    ranges, skipped = segment(pages)
    assert ranges == [(1, 2), (4, 4)]
    assert skipped == [3, 5]


def test_letter_after_ruling_starts_new_document() -> None:
    analysis = analyse_source([PageText(1, URTEIL_1), PageText(2, URTEIL_2), PageText(3, LETTER)])
    assert [(d.first_page, d.last_page) for d in analysis.documents] == [(1, 2), (3, 3)]
    ruling, letter = analysis.documents
    assert (ruling.doc_type, ruling.doc_subtype) == ("court_decision", "urteil")
    assert ruling.court is not None and (ruling.court.type, ruling.court.place) == ("VG", "Köln")
    assert [f.value for f in ruling.file_numbers] == ["22 K 3443/18.A"]
    assert ruling.document_date == "2023-05-12"  # hearing date of an Urteil without Verkündung
    roles = {(d.role, d.value) for d in ruling.dates}
    assert ("birth_date", "1999-01-02") in roles and ("entry_date", "2016-04-03") in roles
    assert any(p.role == "plaintiff" and p.name == "Amina Yilmaz" for p in ruling.parties)
    assert letter.doc_type == "correspondence" and letter.document_date == "2023-06-14"


def test_empty_source() -> None:
    analysis = analyse_source([PageText(1, ""), PageText(2, " ")])
    assert analysis.documents == [] and analysis.skipped_pages == [1, 2]


def test_show_through_noise_page_is_skipped() -> None:
    noise = "Kal DE =\n-_ 5 En 5 I Bu 5\nER ern SUN ZErl ie DE ESEL\nLTE u Far: en „! Fu Dan 2 PL . k Aue m a 5\n" * 3
    ranges, skipped = segment([PageText(1, URTEIL_1), PageText(2, noise, confidence=21.0), PageText(3, LETTER)])
    assert ranges == [(1, 1), (3, 3)] and skipped == [2]


def test_range_doubts_count_pages_kept_without_evidence() -> None:
    plain = "Die Klägerin ist am 03.04.2016 eingereist und lebt seitdem im Kreisgebiet.\n"
    ranges, _, doubts = segment_with_doubts([PageText(1, URTEIL_1), PageText(2, URTEIL_2), PageText(3, plain),
                                             PageText(4, LETTER)])
    assert ranges == [(1, 3), (4, 4)]
    # page 2 carries "- 2 -"; page 3 is kept only because nothing on it starts a document
    assert doubts[0].weak_joins == 1
    assert doubts[1].weak_joins == 0
    analysis = analyse_source([PageText(1, URTEIL_1), PageText(2, URTEIL_2), PageText(3, plain)])
    assert analysis.documents[0].review_features["weak_joins"] == 0.5  # the model's input: joins / 2, capped at 1


def test_title_beside_a_stamp_starts_and_a_title_word_opening_running_text_does_not() -> None:
    urkunde = ("Kreis Euskirchen\nZustellungsurkunde 15. AUG. 2024 BL. 20\n(§ 182 ZPO)\nAktenzeichen Absender\n"
               "Das Schriftstück habe ich übergeben am 12.08.2024\n")
    running = ("Abs. 2 eine Aufenthaltserlaubnis erteilt werden, wenn er sich nachhaltig in die\n"
               "Aufenthaltserlaubnis erteilt werden, wenn er sich nachhaltig in die\n"
               "Lebensverhältnisse der Bundesrepublik Deutschland integriert hat.\nMit freundlichen Grüßen\n")
    opening = LETTER.replace("Mit freundlichen Grüßen\n", "")  # the letter's closing stands on its second page
    ranges, _ = segment([PageText(1, opening), PageText(2, running), PageText(3, urkunde)])
    assert ranges == [(1, 2), (3, 3)]


# Written for this test, not from corpus/templates: a small bakery's monthly pay statements.
_PAY = """Bäckerei Sonnenkorn GmbH · Mühlweg 7 · 34117 Kassel
Herrn
Tomasz Wrobel
Am Lindenhof 12
34119 Kassel
Abrechnung der Brutto/Netto-Bezüge
Zeitraum: {month} 2023          Pers.-Nr. 0815
Steuerklasse 1   Kinderfreibeträge 0,0
Bezeichnung                 Stunden        Betrag EUR
Grundvergütung              {hours},00      {gross}
Steuer-Brutto                               {gross}
Lohnsteuer                                  {tax}
Auszahlungsbetrag                           {net}
Überweisung auf DE12 5005 0000 0012 3456 78
"""


def _payslip(month: str, hours: int) -> str:
    gross = hours * 13.5
    return _PAY.format(month=month, hours=hours, gross=f"{gross:.2f}".replace(".", ","),
                       tax=f"{gross * 0.05:.2f}".replace(".", ","), net=f"{gross * 0.75:.2f}".replace(".", ","))


def test_stack_of_monthly_payslips_is_one_document_per_month() -> None:
    pages = [PageText(i, _payslip(m, h)) for i, (m, h) in
             enumerate((("Juni", 120), ("Juli", 132), ("August", 120), ("September", 141)), start=1)]
    ranges, skipped = segment(pages)
    assert ranges == [(1, 1), (2, 2), (3, 3), (4, 4)] and skipped == []


_RULING = ["""OBERVERWALTUNGSGERICHT DES LANDES SACHSEN-ANHALT
3 L 214/21
B E S C H L U S S
In der Verwaltungsrechtssache
des Herrn Ayo Bankole, wohnhaft in Halle,
Antragstellers und Beschwerdeführers,
gegen
die Stadt Halle (Saale), Fachbereich Sicherheit,
Antragsgegnerin und Beschwerdegegnerin,
wegen Aufenthaltserlaubnis
hat der 3. Senat am 9. März 2022 beschlossen:
Die Beschwerde wird zurückgewiesen.
Seite 1 von 3
""", """Gründe
Die zulässige Beschwerde hat keinen Erfolg. Das Verwaltungsgericht hat den Antrag zu
Recht abgelehnt, weil der Antragsteller die Voraussetzungen des § 25b AufenthG im
maßgeblichen Zeitpunkt nicht erfüllte. Er bezog im Juni 2021 und im Juli 2021 ergänzende
Leistungen und hat
Seite 2 von 3
""", """seinen Lebensunterhalt auch danach nicht überwiegend durch Erwerbstätigkeit gesichert.
Die Kostenentscheidung beruht auf § 154 Abs. 2 VwGO.
Dieser Beschluss ist unanfechtbar.
Dr. Lenz          Weber          Sommer
Seite 3 von 3
"""]


def test_three_page_ruling_with_page_of_numbering_stays_one_document() -> None:
    ranges, _ = segment([PageText(i, t) for i, t in enumerate(_RULING, start=1)])
    assert ranges == [(1, 3)]
    # followed by the payslips, the ruling still ends at page 3
    pages = [PageText(i, t) for i, t in enumerate(_RULING, start=1)] + [PageText(4, _payslip("Mai", 100))]
    assert segment(pages)[0] == [(1, 3), (4, 4)]
