"""PDF/A-2b for every document PDF, because the e-file keeps the scans in place of the paper for decades.

Fast path: pikepdf's PDF/A module (`pikepdf.pdfa`) adds what our PDFs lack (XMP with pdfaid part 2 /
conformance B, an sRGB OutputIntent with pikepdf's bundled ICC profile, a document ID) and validates the
bytes it writes against its veraPDF-derived allowlist — about 50 ms per page, most of it the validator
walking tesseract's text content streams (2–3 % of a page's OCR time). Tesseract's pages embed
their GlyphLessFont, so scanned pages always take this path. Only when the validator refuses (typically a
born-digital page copied from the source PDF with non-embedded fonts) Ghostscript rewrites the file
(`-dPDFA=2`, embeds fonts from its URW set) and pikepdf prepares and validates that once more. A file that
still does not pass is stored as plain PDF and the result says so: it is listed in the scan protocol.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
import pikepdf.pdfa as pdfa

log = logging.getLogger("eakte.pdf.pdfa")

FLAVOUR = "2b"
GS_TIMEOUT = 300.0


@dataclass(frozen=True)
class PdfaResult:
    """How a document PDF was made archival (the scan protocol records it per document)."""

    conformance: str | None  # "PDF/A-2b" when the written bytes passed the validator, else None
    method: str  # "pikepdf", "ghostscript" or "none"
    findings: list[str] = field(default_factory=list)  # validator rule ids and object locations, no content
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.conformance is not None


def _findings(err: pdfa.PdfaError) -> list[str]:
    return [f"{f.kind}: {f.rule} at {f.where}" for f in err.report.findings][:20]


class _GuardedWriter(io.RawIOBase):
    """A file for pikepdf to write into that never raises from `write`.

    qpdf throws a C++ QPDFSystemError when a Python write fails (disk full), and on that path the exception
    ends in std::terminate: the whole run dies with SIGABRT. This writer keeps the first OSError, swallows the
    rest of the bytes, and `save_pdf` raises the kept error once qpdf has returned.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._fh = path.open("wb")
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = memoryview(data).nbytes
        if self.error is None:
            try:
                self._fh.write(data)
            except OSError as exc:
                self.error = exc
        return size

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._fh.seek(offset, whence)

    def tell(self) -> int:
        return self._fh.tell()

    def flush(self) -> None:
        if self.error is None and not self._fh.closed:
            try:
                self._fh.flush()
            except OSError as exc:
                self.error = exc

    def close(self) -> None:
        if not self.closed:
            try:
                self._fh.close()
            except OSError as exc:
                self.error = self.error or exc
        super().close()


def save_pdf(pdf: pikepdf.Pdf, out: Path, **save: Any) -> None:
    """`pdf.save(out)` that raises OSError (e.g. ENOSPC) instead of aborting the process; no partial file left."""
    writer = _GuardedWriter(out)
    try:
        pdf.save(writer, **save)  # type: ignore[arg-type]
    finally:
        writer.close()
    if writer.error is not None:
        out.unlink(missing_ok=True)
        raise writer.error


def _save(data: bytes | Path, out: Path, title: str | None) -> None:
    # Files are streamed, not memory-mapped: a long document never sits in memory as a whole.
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    with pikepdf.open(source, access_mode=pikepdf.AccessMode.stream) as pdf:
        if title:
            with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["dc:title"] = title
        # pdfa.save(pdf, out, ...) in three public steps, so that the bytes go through `save_pdf`.
        kw = pdfa.resolve_save_kwargs(FLAVOUR, deterministic_id=True)
        pdfa.prepare(pdf, FLAVOUR)
        tmp = out.with_name(out.name + ".tmp")
        save_pdf(pdf, tmp, **kw)
    report = pdfa.validate_written(tmp, FLAVOUR, save_kwargs=kw)
    if report.verdict != "pass":
        tmp.unlink(missing_ok=True)
        raise pdfa.PdfaError(report)
    os.replace(tmp, out)


def _ghostscript(src: Path, out: Path, gs: str) -> None:
    cmd = [gs, "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-dPDFA=2", "-dPDFACompatibilityPolicy=1",
           "-sColorConversionStrategy=RGB", "-sDEVICE=pdfwrite", f"-sOutputFile={out}", str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=GS_TIMEOUT)


def make_pdfa(data: bytes | Path, out: Path, title: str | None = None, gs: str = "gs") -> PdfaResult:
    """Writes `data` (a PDF, in memory or a file) to `out` as validated PDF/A-2b; falls back to plain PDF."""
    start = time.perf_counter()
    try:
        _save(data, out, title)
        return PdfaResult("PDF/A-2b", "pikepdf", seconds=time.perf_counter() - start)
    except pdfa.PdfaError as exc:
        first = _findings(exc)
    except pikepdf.PdfError as exc:
        first = [f"pikepdf could not read the PDF: {type(exc).__name__}"]
    with tempfile.TemporaryDirectory(prefix="pdfa-") as tmp:
        rewritten = Path(tmp) / "gs.pdf"
        if isinstance(data, Path):
            src = data
        else:
            src = Path(tmp) / "in.pdf"
            src.write_bytes(data)
        try:
            _ghostscript(src, rewritten, gs)
            _save(rewritten, out, title)
            log.info("document PDF needed Ghostscript for PDF/A (%d findings)", len(first))
            return PdfaResult("PDF/A-2b", "ghostscript", first, time.perf_counter() - start)
        except pdfa.PdfaError as exc:
            second = _findings(exc)
        except (subprocess.SubprocessError, OSError, pikepdf.PdfError) as exc:
            second = [f"ghostscript failed: {type(exc).__name__}"]
    if isinstance(data, Path):
        shutil.copyfile(data, out)
    else:
        out.write_bytes(data)
    log.warning("document PDF stored without PDF/A conformance (%d findings)", len(second))
    return PdfaResult(None, "none", first + second, time.perf_counter() - start)


def describe(path: Path) -> dict[str, object]:
    """What a reader can see of a PDF's archival state: PDF/A identification, output intents, font embedding.

    Used by tests and the exporter (which declares the Dateiformat from it instead of trusting a flag).
    """
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        part, conf = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
        intents = [str(oi.get("/S")) for oi in pdf.Root.get("/OutputIntents", [])
                   if oi.get("/DestOutputProfile") is not None]
        fonts, unembedded = 0, 0
        for font in _fonts(pdf):
            fonts += 1
            if not _embedded(font):
                unembedded += 1
        return {"pdfa_part": part, "pdfa_conformance": conf, "output_intents": intents, "fonts": fonts,
                "fonts_not_embedded": unembedded, "encrypted": pdf.is_encrypted, "pdf_version": pdf.pdf_version,
                "has_id": "/ID" in pdf.trailer}


def _fonts(pdf: pikepdf.Pdf) -> list[Any]:
    seen: dict[tuple[int, int], Any] = {}
    for page in pdf.pages:
        res: Any = page.obj.get("/Resources") or {}
        for font in (res.get("/Font") or {}).values():
            seen.setdefault(font.objgen, font)
    out: list[Any] = []
    for font in seen.values():
        if font.get("/Subtype") == "/Type0":
            out.extend(font.get("/DescendantFonts", []))
        else:
            out.append(font)
    return out


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs are content streams
    desc = font.get("/FontDescriptor")
    return desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
