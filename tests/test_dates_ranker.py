"""The issuing date as a ranking over every date of a document (extractors/fields/dates.py, models/dates.json).

The texts are made up; each case failed with the cue-priority rules the ranker replaced
(extractors/dates.choose_document_date), which is checked too so the test proves the change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from eakte.tools import tesseract
from extractors import PageText, analyse_source
from extractors.classify import classify
from extractors.document import document_dates
from extractors.fields.dates import choose_document_date, load_model
from extractors.fields.file_numbers import find_file_numbers
from extractors.model import WordBoxes

HEAD = """VERWALTUNGSGERICHT MUSTERSTADT
IM NAMEN DES VOLKES
URTEIL
In der Verwaltungsrechtssache
des Herrn Max Beispiel, Lindenweg 12, 12345 Musterstadt,
Kläger,
Prozessbevollmächtigte: Rechtsanwälte Muster und Partner, Hauptstraße 3, 12345 Musterstadt,
gegen
die Bundesrepublik Deutschland, vertreten durch das Bundesamt für Migration und Flüchtlinge,
Beklagte,
wegen Asylrecht
"""
REASONS = """
Tatbestand
Der Kläger wendet sich gegen den Bescheid des Bundesamtes vom 2. Mai 2017. Das Verwaltungsgericht
Altstadt hat mit Urteil vom 12. Dezember 2018 - 4 K 1234/17.A - die Klage abgewiesen.
"""
FORMULAS = [
    "hat die 3. Kammer im schriftlichen Verfahren am 14. März 2019 für Recht erkannt:\nDie Klage wird abgewiesen.",
    "aufgrund der mündlichen Verhandlung vom 14. März 2019\nfür Recht erkannt:",
    "Die Kammer entscheidet im Einverständnis der Beteiligten ohne mündliche Verhandlung.\n"
    "am 14. März 2019 für Recht erkannt:",
]
PORTAL = """Musterland-Recht Rechtsprechung
Dokument 1 von 3
Suche
Drucken
Vorschau
Zurück
Weiter
Norm
Fundstelle
Gericht
Quelle
Abkürzung
Ausgabe
Oberverwaltungsgericht Musterland 2. Senat, Beschluss vom 05.07.2021, 2 A 345/21
Tenor
Der Antrag auf Zulassung der Berufung gegen das Urteil des Verwaltungsgerichts Altstadt vom 3. Februar 2021
- 5 K 77/20 - wird abgelehnt.
Gründe
Der Antrag hat keinen Erfolg. Das Verwaltungsgericht hat mit Urteil vom 3. Februar 2021 die Klage abgewiesen.
"""


def _rules(page: PageText) -> str | None:
    doc_type = classify(page.text).doc_type
    hits, _, _ = document_dates([page], [find_file_numbers(page.text)], doc_type)
    chosen = choose_document_date(hits, doc_type)
    return chosen[1].value if chosen else None


@pytest.mark.parametrize("formula", FORMULAS)
def test_decision_formula_gives_the_decision_date_not_a_cited_one(formula: str) -> None:
    page = PageText(1, HEAD + formula + REASONS, origin="text_layer")
    assert analyse_source([page]).documents[0].document_date == "2019-03-14"
    assert _rules(page) != "2019-03-14"  # the cue rules took the Bescheid's date


def test_portal_header_line_gives_the_decision_date_not_the_lower_instance() -> None:
    page = PageText(1, PORTAL, origin="text_layer")
    doc = analyse_source([page]).documents[0]
    assert doc.doc_type == "court_decision" and doc.document_date == "2021-07-05"
    assert _rules(page) == "2021-02-03"


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _bescheid(path: Path) -> None:
    """A letter whose info block beside the address holds the date; the body cites older and later dates."""
    im = Image.new("L", (1654, 1100), 255)
    d = ImageDraw.Draw(im)
    font = ImageFont.truetype(FONT, 30)
    left = ["Stadt Musterhausen", "Auslaenderbehoerde", "Herrn Max Beispiel", "Lindenweg 12", "12345 Musterhausen"]
    right = [("Aktenzeichen", "33.2-4711/19"), ("Ihr Zeichen", "keines"), ("Telefon", "0123 4567"),
             ("Datum", "21. Februar 2020")]
    for i, line in enumerate(left):
        d.text((130, 120 + 50 * i), line, font=font, fill=0)
    for i, (label, value) in enumerate(right):
        d.text((1000, 120 + 50 * i), label, font=font, fill=0)
        d.text((1260, 120 + 50 * i), value, font=font, fill=0)
    body = ["Anhoerung zur beabsichtigten Ablehnung", "Sehr geehrter Herr Beispiel,",
            "Ihr Antrag vom 3. Januar 2020 auf Verlaengerung der Aufenthaltserlaubnis",
            "kann nach derzeitigem Stand nicht positiv beschieden werden.",
            "Sie erhalten Gelegenheit, sich bis zum 15.03.2020 zu aeussern.", "Mit freundlichen Gruessen",
            "Im Auftrag"]
    for i, line in enumerate(body):
        d.text((130, 520 + 55 * i), line, font=font, fill=0)
    im.save(path, dpi=(200, 200))


def test_letterhead_info_block_date_found_through_the_layout(tmp_path: Path) -> None:
    _bescheid(tmp_path / "p.png")
    out = tesseract.ocr(tmp_path / "p.png", tmp_path / "p", "deu", 200, 60)
    page = PageText(1, out.text, confidence=out.confidence, layout=WordBoxes.of(out.words), width=1654, height=1100)
    doc = analyse_source([page]).documents[0]
    assert doc.document_date == "2020-02-21"
    # without the word boxes (tesseract reads the labels and the values as separate blocks, the body between)
    # neither the ranker nor the cue rules find it
    no_boxes = analyse_source([PageText(1, out.text, confidence=out.confidence)]).documents[0]
    assert no_boxes.document_date != "2020-02-21" and _rules(PageText(1, out.text)) != "2020-02-21"


def test_model_is_shipped_with_a_threshold_and_general_signals() -> None:
    model = load_model()
    assert 0.0 <= model["threshold"] < 1.0
    w = model["weights"]
    assert w.get("cue_verkuendet", 0) > 0 and w.get("cue_cited", 0) < w.get("cue_datum", 0)
