"""PDF/A-2b per document: a tesseract page (fast path) and a born-digital page with a non-embedded font
(Ghostscript fallback). Checked: XMP PDF/A identification, output intent with ICC profile, every font
embedded, no encryption, a document ID, and pikepdf's veraPDF-rule-based validator on the written bytes."""

from __future__ import annotations

import time
from pathlib import Path

import pikepdf
import pikepdf.pdfa
import pytest

from eakte.model import PageResult
from eakte.pdf.assemble import build_document_pdf
from eakte.pdf.pdfa import describe, make_pdfa
from eakte.tools import tesseract
from extractors.model import PageText
from tests.scans import page_image


def _assert_pdfa(path: Path) -> dict[str, object]:
    facts = describe(path)
    assert facts["pdfa_part"] == "2" and str(facts["pdfa_conformance"]).upper() == "B", facts
    assert facts["output_intents"] == ["/GTS_PDFA1"], facts
    assert facts["fonts"] >= 1 and facts["fonts_not_embedded"] == 0, facts  # type: ignore[operator]
    assert facts["encrypted"] is False and facts["has_id"] is True
    report = pikepdf.pdfa.validate_written(path, "2b")
    assert report.passed, [str(f) for f in report.findings]
    return facts


def _born_digital(path: Path) -> Path:
    """One page of text in Helvetica without an embedded font program, as office software writes it."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica,
                                                Encoding=pikepdf.Name.WinAnsiEncoding))
    content = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (Bescheid vom 12. Mai 2023) Tj ET")
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842], Contents=content,
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def test_scanned_page_becomes_pdfa_2b_fast(tmp_path: Path) -> None:
    image = tmp_path / "p1.png"
    page_image(["Ausländerbehörde Köln", "Bescheid über die Verlängerung", "der Aufenthaltserlaubnis"]).save(image)
    out = tesseract.ocr(image, tmp_path / "p1", "deu", 200, 120)
    assert out.pdf is not None
    pages = [PageResult(PageText(1, out.text, origin="tesseract", confidence=out.confidence), pdf=out.pdf),
             PageResult(PageText(2, "", origin="failed", error="x"), image=image)]  # failed page keeps its image
    doc = tmp_path / "doc.pdf"
    started = time.perf_counter()
    result = build_document_pdf(pages, None, doc, title="Bescheid")
    elapsed = time.perf_counter() - started
    assert result.ok and result.method == "pikepdf" and result.findings == []
    _assert_pdfa(doc)
    with pikepdf.open(doc) as pdf:
        assert len(pdf.pages) == 2
        assert pdf.open_metadata().get("dc:title") == "Bescheid"
        # GlyphLessFont from tesseract: the invisible text layer survives the conversion
        assert any("GlyphLessFont" in str(f.get("/BaseFont")) for f in pdf.pages[0].Resources.Font.values())
    print(f"assemble + PDF/A for 2 pages: {elapsed * 1000:.0f} ms ({result.seconds * 1000:.0f} ms PDF/A)")
    assert result.seconds < 5.0  # measured ~10-20 ms per document on an idle machine


def test_non_embedded_font_falls_back_to_ghostscript(tmp_path: Path) -> None:
    src = _born_digital(tmp_path / "born.pdf")
    # the fast path alone cannot fix a missing font program
    with pytest.raises(pikepdf.pdfa.PdfaError), pikepdf.open(src) as pdf:
        pikepdf.pdfa.save(pdf, tmp_path / "direct.pdf", "2b")
    out = tmp_path / "out.pdf"
    result = make_pdfa(src.read_bytes(), out)
    assert result.ok and result.method == "ghostscript", result
    assert any("6.2.11.4.1" in f for f in result.findings)  # why the fast path refused: font not embedded
    facts = _assert_pdfa(out)
    assert facts["fonts"] == 1


def test_unconvertible_input_is_kept_and_reported(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    result = make_pdfa(b"%PDF-1.7\nnot really a pdf", out, gs="/nonexistent/gs")
    assert not result.ok and result.method == "none" and result.findings
    assert out.read_bytes().startswith(b"%PDF-1.7")  # nothing lost: the bytes are stored as they were


def _peak_rss_building(folder: Path, pages: int, out: Path) -> tuple[str, int]:
    """Builds a document of `pages` page files in a fresh process; returns (conformance, peak RSS in MiB)."""
    import subprocess
    import sys

    script = (
        "import resource\n"
        "from pathlib import Path\n"
        "from eakte.model import PageResult\n"
        "from extractors.model import PageText\n"
        "from eakte.pdf.assemble import build_document_pdf\n"
        f"d = Path({str(folder)!r})\n"
        "pages = [PageResult(PageText(number=i + 1, text='x'), pdf=d / f'page-{i:03d}.pdf')"
        f" for i in range({pages})]\n"
        f"r = build_document_pdf(pages, None, Path({str(out)!r}))\n"
        "print(r.conformance, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
    )
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    return res[0], int(res[1])


def test_long_documents_are_assembled_with_flat_memory(tmp_path: Path) -> None:
    """qpdf copies page files into the document: 10x the pages must not mean 10x the memory."""
    import shutil

    from PIL import Image

    first = tmp_path / "page-000.pdf"
    Image.effect_noise((1240, 1754), 60).save(first, format="PDF", resolution=150.0)  # ~1 MB, incompressible
    for i in range(1, 150):
        shutil.copyfile(first, tmp_path / f"page-{i:03d}.pdf")
    conf_short, rss_short = _peak_rss_building(tmp_path, 15, tmp_path / "short.pdf")
    conf_long, rss_long = _peak_rss_building(tmp_path, 150, tmp_path / "long.pdf")
    growth_mib = ((tmp_path / "long.pdf").stat().st_size - (tmp_path / "short.pdf").stat().st_size) / 2**20
    assert conf_short == conf_long == "PDF/A-2b"
    assert growth_mib > 100  # the long document really is >100 MiB larger ...
    assert rss_long - rss_short < growth_mib / 4  # ... while the process grows by a fraction of that
