"""Layout from word boxes: a letterhead's right-hand info block read by real tesseract stays its own
column, its labels get their values, and the address column's lines stay whole."""

from __future__ import annotations

import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from eakte.config import Settings
from eakte.ocr.read import read_page
from eakte.pages.source import open_pages
from eakte.tools import tesseract
from extractors.layout import page_layout
from extractors.model import PageText, Word, WordBoxes

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LEFT = ["Stadt Musterhausen", "Auslaenderbehoerde", "Herrn Max Beispiel", "Lindenweg 12", "12345 Musterhausen"]
RIGHT = [("Aktenzeichen", "33.2-4711/19"), ("Ihr Zeichen", "keines"), ("Telefon", "0123 4567"),
         ("Datum", "21. Februar 2020")]


def _letterhead(path: Path) -> None:
    """200 dpi, the info block's rows at the heights of the address lines (so OCR can merge them)."""
    im = Image.new("L", (1654, 900), 255)
    d = ImageDraw.Draw(im)
    font = ImageFont.truetype(FONT, 30)
    y = 120
    for i, line in enumerate(LEFT):
        d.text((130, y + 50 * i), line, font=font, fill=0)
    for i, (label, value) in enumerate(RIGHT):
        d.text((1000, y + 50 * i), label, font=font, fill=0)
        d.text((1260, y + 50 * i), value, font=font, fill=0)
    d.text((130, 520), "Sehr geehrter Herr Beispiel, wir bitten um Vorlage der Unterlagen.", font=font, fill=0)
    d.text((130, 570), "Die Frist endet am 15.03.2020 nach Eingang dieses Schreibens.", font=font, fill=0)
    im.save(path, dpi=(200, 200))


@pytest.fixture(scope="module")
def ocred(tmp_path_factory: pytest.TempPathFactory) -> PageText:
    tmp = tmp_path_factory.mktemp("layout")
    _letterhead(tmp / "p.png")
    out = tesseract.ocr(tmp / "p.png", tmp / "p", "deu", 200, 60)
    return PageText(1, out.text, layout=WordBoxes.of(out.words), width=1654, height=900)


def test_right_column_date_is_paired_with_its_label(ocred: PageText) -> None:
    lay = page_layout(ocred)
    assert lay is not None
    values = {p.label.lower(): p.value for p in lay.pairs}
    assert values.get("datum") == "21. Februar 2020"
    assert values.get("aktenzeichen") == "33.2-4711/19"
    date_line = next(ln for ln in lay.lines if "Februar" in ln.text)
    assert date_line.right_column and date_line.text.startswith("Datum")


def test_left_column_lines_stay_intact_and_come_first(ocred: PageText) -> None:
    lay = page_layout(ocred)
    assert lay is not None
    texts = [ln.text for ln in lay.lines]
    for line in LEFT[2:]:
        assert line in texts  # whole, with nothing of the info block merged in
    assert texts.index("12345 Musterhausen") < next(i for i, t in enumerate(texts) if t.startswith("Datum"))
    body = next(i for i, t in enumerate(texts) if t.startswith("Sehr geehrter"))
    assert body > next(i for i, t in enumerate(texts) if t.startswith("Datum"))
    assert not any(ln.right_column for ln in lay.lines if ln.text.startswith("Sehr geehrter"))


def test_words_survive_the_compact_form() -> None:
    words = [Word("Datum", 10, 20, 30, 12, 91.0, 1, 2, 3), Word("21.02.2020", 50, 20, 60, 12, 88.0, 1, 2, 3)]
    boxes = WordBoxes.of(words)
    assert len(boxes) == 2 and boxes.words() == words


def test_label_above_value_pairs_downwards() -> None:
    words = [Word("Ausstellungsdatum", 100, 100, 200, 20, 90, 1, 1, 1), Word("Name", 600, 100, 60, 20, 90, 1, 1, 1),
             Word("04.05.2019", 100, 125, 120, 20, 90, 2, 1, 1), Word("Beispiel", 600, 125, 100, 20, 90, 2, 1, 1)]
    lay = page_layout(PageText(1, "", layout=WordBoxes.of(words), width=1600))
    assert lay is not None
    assert any(p.label == "Ausstellungsdatum" and p.value == "04.05.2019" and p.below for p in lay.pairs)


def test_a_row_ocr_merged_across_both_columns_is_split_into_them() -> None:
    """Tesseract put an address line and the info block's "Datum" row into one line: they come apart."""
    words = [Word("Lindenweg", 130, 300, 150, 30, 90, 1, 1, 4), Word("12", 290, 300, 30, 30, 90, 1, 1, 4),
             Word("Datum", 1000, 302, 90, 30, 90, 1, 1, 4), Word("21.02.2020", 1260, 302, 170, 30, 90, 1, 1, 4),
             Word("Herrn", 130, 250, 90, 30, 90, 1, 1, 3), Word("Telefon", 1000, 252, 110, 30, 90, 1, 1, 3),
             Word("0123", 1260, 252, 70, 30, 90, 1, 1, 3)]
    lay = page_layout(PageText(1, "", layout=WordBoxes.of(words), width=1654))
    assert lay is not None
    assert [ln.text for ln in lay.lines] == ["Herrn", "Lindenweg 12", "Telefon  0123", "Datum  21.02.2020"]
    assert [ln.right_column for ln in lay.lines] == [False, False, True, True]
    assert any(p.label == "Datum" and p.value == "21.02.2020" for p in lay.pairs)


def _two_column_pdf(path: Path) -> None:
    """A born-digital letter: address lines on the left, the info block at the same heights on the right."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica,
                                                Encoding=pikepdf.Name.WinAnsiEncoding))
    page = pdf.add_blank_page(page_size=(595, 842))
    ops = []
    for i, line in enumerate(LEFT):
        ops.append(f"BT /F1 11 Tf 50 {760 - 16 * i} Td ({line}) Tj ET")
    for i, (label, value) in enumerate(RIGHT):
        ops.append(f"BT /F1 11 Tf 360 {760 - 16 * i} Td ({label}) Tj ET")
        ops.append(f"BT /F1 11 Tf 450 {760 - 16 * i} Td ({value}) Tj ET")
    ops.append("BT /F1 11 Tf 50 600 Td (Sehr geehrter Herr Beispiel, wir bitten um die Vorlage der Unterlagen "
               "und den Nachweis der Identitaet bei der Behoerde.) Tj ET")
    page.obj.Contents = pdf.make_stream("\n".join(ops).encode("latin-1"))
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    pdf.save(path)


def test_text_layer_pages_get_lines_and_pairs_from_text_positions(tmp_path: Path) -> None:
    _two_column_pdf(tmp_path / "letter.pdf")
    settings = Settings()
    source = open_pages(tmp_path / "letter.pdf", "pdf", tmp_path, settings.limits, 300)
    page = read_page(source, 1, tmp_path, settings).text
    assert page.origin == "text_layer" and page.layout is not None
    lay = page_layout(page)
    assert lay is not None
    assert {p.label: p.value for p in lay.pairs}.get("Datum") == "21. Februar 2020"
    texts = [ln.text for ln in lay.lines]
    assert "Lindenweg 12" in texts and "Datum  21. Februar 2020" in texts


def test_word_boxes_stay_compact_for_long_files() -> None:
    """A 500-page file keeps every page's boxes until segmentation: about 40 bytes a word, not an object each."""
    words = [Word(f"wort{i}", i, 2 * i, 40, 12, 90.0, 1, i // 50, i // 10) for i in range(400)]
    boxes = WordBoxes.of(words)
    size = sys.getsizeof(boxes.boxes) + sys.getsizeof(boxes.text)
    assert size / len(words) < 45
    assert boxes.words()[123] == words[123]


def test_ocr_pages_of_the_pipeline_carry_their_word_boxes(tmp_path: Path) -> None:
    """read_page (the pipeline's OCR of one page) keeps tesseract's boxes, so the pairs reach the extractors."""
    _letterhead(tmp_path / "scan.png")
    settings = Settings()
    source = open_pages(tmp_path / "scan.png", "png", tmp_path, settings.limits, 200)
    page = read_page(source, 1, tmp_path, settings).text
    assert page.origin == "tesseract" and page.layout is not None and len(page.layout) > 20
    lay = page_layout(page)
    assert lay is not None
    assert {p.label: p.value for p in lay.pairs}.get("Datum") == "21. Februar 2020"
