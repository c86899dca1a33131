"""A read page leaves only its page PDF in the scratch folder, whoever wrote the other files (issue 15)."""

from __future__ import annotations

from pathlib import Path

from eakte.config import Limits, Settings
from eakte.ocr.read import read_pages
from eakte.pages.source import ImagePages
from tests.scans import page_image

LINES = ["Verwaltungsgericht Beispielstadt", "Aktenzeichen 4 K 123/21", "Im Namen des Volkes", "Urteil",
         "In der Verwaltungsrechtssache des Klägers gegen die Bundesrepublik Deutschland",
         "wegen Asylrecht hat die vierte Kammer auf die mündliche Verhandlung",
         "vom zwölften März für Recht erkannt: Die Klage wird abgewiesen.",
         "Der Kläger trägt die Kosten des Verfahrens, Gerichtskosten werden nicht erhoben.",
         "Das Urteil ist wegen der Kosten vorläufig vollstreckbar. Tatbestand: Der Kläger",
         "ist Staatsangehöriger und reiste nach eigenen Angaben auf dem Landweg ein."]


def test_a_turned_page_leaves_only_its_page_pdf(tmp_path: Path) -> None:
    scan = tmp_path / "turned.png"
    page_image(LINES, dpi=200, rotate=90).save(scan, dpi=(200, 200))
    work = tmp_path / "work"
    work.mkdir()
    settings = Settings(data_dir=tmp_path / "data", ocr_workers=1)
    (page,) = list(read_pages(ImagePages(scan, "png", Limits()), work, settings))
    assert page.text.rotated in (90, 270) and page.pdf is not None  # read from the turned copy
    assert sorted(p.name for p in work.iterdir()) == [page.pdf.name]  # its sandwich JPEG is gone too
