"""The one place that runs tesseract: OCR with words and a searchable page PDF in one pass, OSD.

Runs with OMP_THREAD_LIMIT=1 (parallelism comes from running pages side by side) and a
per-page timeout. The command is configurable so tests can inject a tesseract that hangs
or crashes (fault injection, as OCRmyPDF does).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytesseract

from eakte.errors import OcrFailed, OcrTimeout
from extractors.model import Word


@dataclass
class OcrOutput:
    text: str
    confidence: float | None
    words: list[Word] = field(default_factory=list)
    pdf: Path | None = None


def configure(cmd: str) -> None:
    pytesseract.pytesseract.tesseract_cmd = cmd


def _parse_tsv(tsv: str) -> tuple[str, list[Word]]:
    """Rebuilds reading-order text (lines, blank line between paragraphs) from tesseract's TSV."""
    words: list[Word] = []
    lines: list[str] = []
    current_key: tuple[str, str, str] | None = None
    current_par: tuple[str, str] | None = None
    buf: list[str] = []
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    next(reader, None)
    for row in reader:
        if len(row) < 12 or row[0] != "5":
            continue
        text = row[11].strip()
        if not text:
            continue
        key = (row[2], row[3], row[4])
        if key != current_key:
            if buf:
                lines.append(" ".join(buf))
                buf = []
            if current_par is not None and (row[2], row[3]) != current_par:
                lines.append("")
            current_key, current_par = key, (row[2], row[3])
        buf.append(text)
        try:
            conf = float(row[10])
        except ValueError:
            conf = -1.0
        words.append(Word(text, int(row[6]), int(row[7]), int(row[8]), int(row[9]), conf,
                          int(row[2]), int(row[3]), int(row[4])))
    if buf:
        lines.append(" ".join(buf))
    return "\n".join(lines), words


def ocr(image: Path, out_base: Path, lang: str, dpi: int | None, timeout: float, text_only: bool = False) -> OcrOutput:
    """One tesseract pass producing TSV (words, boxes, confidences) and a one-page searchable PDF.

    `text_only`: the PDF page holds the invisible text only, to be laid over the scan (eakte/pdf/sandwich.py).
    """
    config = "-c tessedit_create_tsv=1" + (" -c textonly_pdf=1" if text_only else "")
    if dpi:
        config = f"--dpi {dpi} " + config
    try:
        pytesseract.pytesseract.run_tesseract(
            str(image), str(out_base), extension="tsv pdf", lang=lang, config=config, timeout=timeout
        )
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise OcrTimeout(f"OCR did not finish within {timeout:.0f} s") from exc
        raise OcrFailed("OCR failed on the page") from exc
    except (pytesseract.TesseractError, OSError) as exc:
        status = getattr(exc, "status", None)
        raise OcrFailed(f"tesseract failed on the page (exit status {status})") from exc
    tsv_path, pdf_path = out_base.with_suffix(".tsv"), out_base.with_suffix(".pdf")
    if not tsv_path.exists() or not pdf_path.exists():
        raise OcrFailed("tesseract produced no output for the page")
    text, words = _parse_tsv(tsv_path.read_text(encoding="utf-8", errors="replace"))
    confs = [w.conf for w in words if w.conf >= 0]
    conf = sum(confs) / len(confs) if confs else None
    return OcrOutput(text=text, confidence=conf, words=words, pdf=pdf_path)


_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_ORIENT_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def detect_rotation(image: Path, timeout: float) -> tuple[int, float]:
    """Tesseract OSD: degrees to turn the page clockwise to make it upright, and OSD's confidence."""
    try:
        osd = pytesseract.image_to_osd(str(image), config="--psm 0 -c min_characters_to_try=10", timeout=timeout)
    except (RuntimeError, pytesseract.TesseractError, OSError):
        return 0, 0.0
    rot, conf = _ROTATE.search(osd), _ORIENT_CONF.search(osd)
    return (int(rot.group(1)) if rot else 0), (float(conf.group(1)) if conf else 0.0)
