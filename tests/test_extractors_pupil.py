"""The pupil of a school paper, in the layouts German schools print (all names invented).

A school paper names its pupil in a labelled field or before the pupil's birth date; the head, the class
teacher and the parents are named too and must not pass for the pupil.
"""

from __future__ import annotations

import pytest

import extractors.fields.facts as tf
from extractors.analyse import analyse_document
from extractors.fields.parties import document_parties, name_before
from extractors.model import PageText


def _pupil(text: str, subtype: str | None = None) -> str | None:
    parties, _ = document_parties(text, "school_document", subtype)
    return next((p.name for p in parties if p.role == "person_concerned"), None)


@pytest.mark.parametrize("text", [
    # Schulbescheinigung: the statement, with or without the birth date
    "Gesamtschule Beuel\nSchulbescheinigung\nHiermit wird bescheinigt, dass Hossein Karimi die Klasse 7b "
    "unserer Schule besucht.\nBonn, 03.02.2023\nMaria Schmidt\nSchulleiterin\n",
    "Realschule Am Rhein\nSchulbesuchsbescheinigung\nHossein Karimi, geb. 03.04.2009, ist seit dem 01.08.2021 "
    "Schüler der Realschule Am Rhein.\n",
    "Realschule Am Rhein\nSchulbesuchsbescheinigung\nHossein Karimi ist seit dem 01.08.2021 Schüler unserer "
    "Schule.\nPetra Lange\nKlassenlehrerin\n",
    # Zeugnis headers: "Zeugnis für …", label/value on one line, label over value, surname first in capitals
    "Gymnasium Nord\nJahreszeugnis für Hossein Karimi\nSchuljahr 2021/22\nDeutsch gut\n",
    "Hauptschule Süd\nHALBJAHRESZEUGNIS\nName: KARIMI   Vorname: Hossein   Klasse: 7b\nSchuljahr 2022/23\n",
    "Hauptschule Süd\nZEUGNIS\nName, Vorname\nKarimi, Hossein\nKlasse\n7b\nSchuljahr 2022/23\n",
    "Hauptschule Süd\nZEUGNIS\nName  Vorname  Klasse\nKarimi  Hossein  7b\n",
    "Gesamtschule\nZEUGNIS DER SEKUNDARSTUFE I\nfür KARIMI, Hossein, geboren am 3. April 2009 in Herat\n",
    "Berufskolleg West\nBescheinigung über den Schulbesuch\nName des Schülers: Hossein Karimi\n"
    "Name der Schule: Berufskolleg West\nBildungsgang: Internationale Förderklasse\n",
    "Berufskolleg West\nBescheinigung über den Schulbesuch\nDer Schüler\nKARIMI, Hossein\ngeb. 03.04.2009\n"
    "besucht im Schuljahr 2023/24 die Ausbildungsvorbereitung.\n",
    "ABSCHLUSSZEUGNIS\nHossein Karimi, geboren am 03.04.2009,\nhat den Hauptschulabschluss erworben.\n",
    "Gesamtschule Beuel\nJahreszeugnis\nHossein Karimi, geb.: 03/04/2009\nKlassenlehrerin: Petra Lange\n",
    "Realschule Am Rhein\nHALBJAHRESZEUGNIS\nHossein Karimi\nKlasse 7b   Schuljahr 2022/23\n",
    "Realschule Am Rhein\nZeugnis\nSchüler/in   Geburtsdatum   Klasse\nHossein Karimi 03.04.2009 7b\n",
    # Kita and training confirmations
    "Kita Sonnenschein\nBestätigung\nIhr Kind Hossein Karimi (geb. 03.04.2019) besucht seit dem 01.09.2022 "
    "unsere Einrichtung.\n",
])
def test_pupil_in_the_layouts_schools_print(text: str) -> None:
    assert _pupil(text) == "Hossein Karimi"


def test_parents_head_and_teacher_are_not_the_pupil() -> None:
    text = ("Gesamtschule Beuel\nSchulbescheinigung\nErziehungsberechtigte: Ali Karimi\n"
            "Klassenlehrerin: Petra Lange\nHiermit wird bescheinigt, dass die Schülerin Aylin Karimi, "
            "geb. am 02.03.2010, die Klasse 6a besucht.\nMaria Schmidt\nSchulleiterin\n")
    assert _pupil(text) == "Aylin Karimi"
    labels = ("Gesamtschule Beuel\nZeugnis\nName der Erziehungsberechtigten\nAli Karimi\nName\nKarimi\n"
              "Vorname\nAylin\nGeburtsdatum 02.03.2010\n")
    assert _pupil(labels) == "Aylin Karimi"


def test_the_person_whose_birth_date_is_printed_wins() -> None:
    text = ("Realschule Am Rhein\nSchulbescheinigung\nSchüler: Ali Karimi\n"
            "Hiermit bescheinigen wir, dass Aylin Karimi, geb. 02.03.2010, unsere Schule besucht.\n")
    assert _pupil(text) == "Aylin Karimi"


def test_school_paper_read_end_to_end() -> None:
    text = ("Städtische Gesamtschule Beuel\nHalbjahreszeugnis\nName: YILMAZ  Vorname: Aylin  Klasse: 8c\n"
            "Schuljahr 2022/23\nDeutsch befriedigend\nBonn, den 27.01.2023\nKlassenleitung\nSchulleitung\n")
    got = {(p.role, p.name) for p in analyse_document([PageText(1, text)]).parties}
    assert ("person_concerned", "Aylin Yilmaz") in got


def test_no_pupil_from_a_heading_line_under_the_title() -> None:
    heading = "Gesamtschule Beuel\nZEUGNIS\nSekundarstufe I\nSchuljahr 2022/23\nMaria Schmidt\nSchulleiterin\n"
    assert _pupil(heading) is None
    assert _pupil("Gesamtschule Beuel\nZEUGNIS\nfür die Klasse 7b\n") is None


def test_name_before_stops_at_nouns_titles_and_prose() -> None:
    assert name_before("Hiermit wird bescheinigt, dass die Schülerin Aylin Yilmaz,") == "Aylin Yilmaz"
    assert name_before("für Frau AL-HASSAN, Rania") == "Rania Al-Hassan"
    assert name_before("Städtische Realschule Troisdorf") is None
    assert name_before("wird bescheinigt, dass") is None


@pytest.mark.parametrize("text", [
    "Kita Sonnenschein\nBestätigung\nIhr Kind Hossein Karimi (geb. 03.04.2019) besucht seit dem 01.09.2022 "
    "unsere Einrichtung.\nBonn, 01.02.2024\n",
    "Gesamtschule Beuel\nMarktstraße 3 · 53225 Bonn\nStadt Bonn\nAusländeramt\nSehr geehrte Damen und Herren,\n"
    "hiermit bestätigen wir, dass Hossein Karimi, geb. 03.04.2009, seit dem 01.08.2021 die Klasse 7b unserer "
    "Schule besucht.\nMit freundlichen Grüßen\nMaria Schmidt\nSchulleiterin\n",
])
def test_a_school_or_kita_confirming_its_pupil_is_a_school_paper(text: str) -> None:
    got = analyse_document([PageText(1, text)])
    assert (got.doc_type, got.doc_subtype) == ("school_document", "schulbescheinigung")
    assert ("person_concerned", "Hossein Karimi") in {(p.role, p.name) for p in got.parties}


def test_a_lawyer_telling_that_his_client_goes_to_school_stays_a_letter() -> None:
    text = ("Rechtsanwalt Dr. Sören Meyer\nStadt Bonn\nSehr geehrte Frau Lange,\nin der Angelegenheit von Herrn "
            "Ahmad Karimi teile ich mit, dass mein Mandant die Realschule besucht.\nMit freundlichen Grüßen\n"
            "Dr. Meyer\nRechtsanwalt\n")
    assert analyse_document([PageText(1, text)]).doc_type == "correspondence"


def _school(text: str) -> set[tuple[str, str]]:
    return {(f.kind, f.value) for f in tf.school_facts([text])}


@pytest.mark.parametrize("text", [
    "Städtische Realschule\nABSCHLUSSZEUGNIS\nName: Karimi  Vorname: Hossein\n",
    "ABSCHLUSSZEUGNIS\nHossein Karimi, geboren am 03.04.2009,\nhat den Hauptschulabschluss erworben.\n",
    "Zeugnis\nMit diesem Zeugnis wird der Hauptschulabschluss nach Klasse 10 zuerkannt.\n",
])
def test_a_qualification_the_paper_confers(text: str) -> None:
    assert ("school_leaving", "") in _school(text)


@pytest.mark.parametrize("text", [
    "Schulbescheinigung\nHossein besucht die Klasse 9. Er wird voraussichtlich im Sommer 2024\n"
    "den Hauptschulabschluss\nerwerben.\n",
    "Zeugnis\nSchuljahr 2022/23\nHossein hat den Hauptschulabschluss nicht erreicht.\n",
    "Bescheinigung über den Schulbesuch\nHossein besucht den Bildungsgang zum Erwerb des Hauptschulabschlusses.\n",
])
def test_a_qualification_expected_aimed_at_or_missed_is_none(text: str) -> None:
    assert not any(kind == "school_leaving" for kind, _ in _school(text))


def test_the_school_year_is_the_papers_own_period() -> None:
    assert ("school_year", "2022/2023") in _school("Zeugnis\nfür Hossein Karimi\nSchuljahr 2022/23 · 1. Halbjahr\n")
    assert ("school_year", "2022/2023") in _school("Zeugnis\nSchuljahr: 2022/2023\n")
    assert ("school_year", "2023/2024") in _school("Hiermit bescheinigen wir, dass Hossein im Schuljahr 2023/24 "
                                                   "die Klasse 8b besucht.\n")
    passing = ("Schulbescheinigung\nHossein wechselte im\nSchuljahr 2019/20 an unsere Schule und ist seit dem "
               "01.08.2019 Schüler unserer Schule.\n")
    assert _school(passing) == {("school_since", "2019-08-01")}
    left = "Hossein war seit dem 01.08.2019 Schüler unserer Schule und hat sie am 31.01.2021 verlassen.\n"
    assert not any(kind == "school_since" for kind, _ in _school(left))


def test_a_training_contracts_trainee_is_named_once_as_employee() -> None:
    contract = ("Berufsausbildungsvertrag\nzwischen\nAutohaus Brückner KG, Industriestraße 4, 53111 Bonn\n"
                "- im Folgenden „Ausbildender“ -\nund\nHerrn/Frau Ahmed Kasim, geb. am 04.05.2001, Hauptstraße 5\n"
                "- im Folgenden „Auszubildende/r“ -\n")
    form = ("Berufsausbildungsvertrag\nAusbildender: Autohaus Brückner KG\nAuszubildender: Ahmed Kasim\n"
            "geboren am 04.05.2001\nAusbildungsberuf: Kfz-Mechatroniker\n")
    for text in (contract, form):
        parties, _ = document_parties(text, "school_document", "ausbildungsvertrag")
        assert [(p.role, p.name) for p in parties if p.kind == "person"] == [("employee", "Ahmed Kasim")]
