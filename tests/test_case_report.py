"""The printable case report (eakte/case/report.py): what it says, that the timeline is drawn, that
names in any alphabet survive (embedded TTF), that it is deterministic but for the generated-at line,
and `eakte case show --format pdf --out FILE`."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from eakte.case.build import for_key
from eakte.case.model import CaseView, Interval
from eakte.case.report import COLOURS, ROWS, timeline_drawing, to_pdf
from eakte.case.texts import store_texts
from tests.case_data import build
from tests.case_report_check import ink, pdf_text, pixels_near, render_page
from tests.conftest import BIN

AT = dt.date(2025, 6, 1)
WHEN = dt.datetime(2025, 6, 2, 9, 30, tzinfo=dt.UTC)
EXE = shutil.which("eakte", path=str(BIN)) or "eakte"


@pytest.fixture(scope="module")
def view(tmp_path_factory: pytest.TempPathFactory) -> CaseView:
    catalog, store = build(tmp_path_factory.mktemp("report"))
    try:
        v = for_key(catalog, store_texts(store), "a-fixed-1-0004", AT)
    finally:
        catalog.close()
    assert v is not None and v.person is not None
    return v


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_the_report_names_who_when_which_rules_and_every_check(view: CaseView) -> None:
    assert view.person is not None
    pages, text = pdf_text(to_pdf(view, WHEN))
    flat = " ".join(text.split())
    assert pages >= 1
    assert view.person.person_id in flat and "25.06.1985" in flat and "SYRIEN" in flat
    assert all(name in flat for name in view.person.names)
    assert "Stichtag 01.06.2025" in flat and "2022-12-31" in flat and "aufenthg.json" in flat
    for c in view.checks:
        assert c.name in flat.replace(" ", "") or c.name in flat
    assert "nicht erfüllt" in flat and "unbekannt" in flat
    ev = view.checks[0].evidence[0] if view.checks[0].evidence else view.facts[0].evidence
    assert f"{ev.document_id} Bl. {ev.page}" in flat  # evidence as document id and page
    assert flat.count("Tatsachen für die Sachbearbeitung, keine Entscheidung") == pages
    assert f"Seite 1 von {pages}" in flat and f"Seite {pages} von {pages}" in flat
    assert "erstellt 02.06.2025 09:30 UTC" in flat
    for heading in ("Zeitleiste", "Prüfungen", "Befunde", "Tatsachen mit Belegen"):
        assert heading in flat


def test_the_timeline_is_drawn_with_60b_periods_in_their_own_row(view: CaseView) -> None:
    ev = view.intervals[0].evidence
    extra = [Interval("status:geduldet", dt.date(2016, 1, 1), dt.date(2017, 12, 31), ev, "§ 60a"),
             Interval("status:geduldet_60b", dt.date(2018, 1, 1), dt.date(2019, 6, 30), ev, "§ 60b"),
             Interval("employment", dt.date(2018, 3, 1), None, ev, "employer")]
    v = CaseView(**{**view.__dict__, "intervals": view.intervals + extra})
    drawing = timeline_drawing(v)
    bands = [s for s in drawing.contents if type(s).__name__ == "Rect" and s.y > 12]  # above the legend

    def row_y(kind: str) -> set[float]:
        return {round(s.y) for s in bands if s.fillColor.hexval()[2:] == COLOURS[kind][1:]}

    assert row_y("geduldet_60b") and row_y("geduldet") and row_y("employment")
    assert row_y("geduldet_60b").isdisjoint(row_y("geduldet"))  # § 60b apart from the other status bands
    assert row_y("geduldet") == row_y("gestattet")
    assert [label for _, label in ROWS][:2] == ["Status", "Duldung § 60b"]
    image = render_page(to_pdf(v, WHEN), dpi=72)
    for kind in ("gestattet", "geduldet", "geduldet_60b", "employment"):
        assert pixels_near(image, _hex(COLOURS[kind]), tol=6) > 40, kind  # legend swatch alone is ~30 px
    assert ink(image) > 0.03


def test_names_in_any_alphabet_are_embedded_and_markup_stays_text(view: CaseView) -> None:
    assert view.person is not None
    person = view.person.__class__(**{**view.person.__dict__, "names": ["Şükrü Ağaoğlu", "Łukasz <b>&amp; Żółć"]})
    data = to_pdf(CaseView(**{**view.__dict__, "person": person}), WHEN)
    _, text = pdf_text(data)
    assert "Şükrü Ağaoğlu" in text and "Łukasz <b>&amp; Żółć" in text
    reader = PdfReader(io.BytesIO(data))
    fonts = {}
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            fonts[f["/BaseFont"]] = f
    assert fonts and all("DejaVu" in name for name in fonts)  # no unembedded base-14 font
    assert all("/FontFile2" in f["/FontDescriptor"].get_object() for f in fonts.values()
               if "/FontDescriptor" in f)


def test_same_view_same_bytes_only_the_generated_line_differs(view: CaseView) -> None:
    a, b = to_pdf(view, WHEN), to_pdf(view, WHEN)
    assert a == b
    later = to_pdf(view, WHEN + dt.timedelta(days=3, hours=2))
    assert later != a
    lines_a, lines_b = pdf_text(a)[1].splitlines(), pdf_text(later)[1].splitlines()
    differ = [(x, y) for x, y in zip(lines_a, lines_b, strict=True) if x != y]
    assert differ and all("erstellt 02.06.2025 09:30 UTC" in x and "erstellt 05.06.2025 11:30 UTC" in y
                          for x, y in differ)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EAKTE_")}
    return subprocess.run([EXE, "case", "show", *args], capture_output=True, text=True, env=env, timeout=120)


def test_case_show_writes_the_pdf_report(tmp_path: Path, view: CaseView) -> None:
    assert view.person is not None
    build(tmp_path / "data")[0].close()
    out = tmp_path / "bericht.pdf"
    r = _run("a-fixed-1-0004", "--at", "2025-06-01", "--format", "pdf", "--out", str(out),
             "--data-dir", str(tmp_path / "data"))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and not any(n in r.stderr for n in view.person.names)
    pages, text = pdf_text(out.read_bytes())
    assert pages >= 1 and view.person.person_id in text
    assert not list(tmp_path.glob(".*.part"))
    for args, words in ((["--format", "pdf"], "--out FILE"),
                        (["--format", "pdf", "--out", str(tmp_path / "missing" / "x.pdf")], "does not exist"),
                        (["--out", str(tmp_path / "t.txt")], "--format json, html or pdf")):
        r = _run("a-fixed-1-0004", *args, "--data-dir", str(tmp_path / "data"))
        assert r.returncode == 2 and words in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "Traceback" not in r.stderr
    assert not (tmp_path / "missing").exists() and not (tmp_path / "t.txt").exists()
