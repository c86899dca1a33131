"""Writes an Akte as an image-only PDF or multi-page TIFF and derives its truth records."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import img2pdf
from PIL import Image

from corpus.akte import Akte, render_pages
from corpus.model import page_text


def _bilevel(im: Image.Image) -> Image.Image:
    """Bilevel like an office scanner's B/W mode: a threshold above mid-grey keeps thin strokes."""
    return im.point(lambda v: 255 if v > 170 else 0).convert("1", dither=Image.Dither.NONE)


def _encode_pdf(images: list[Image.Image], akte: Akte) -> bytes:
    """Image-only PDF: JPEG pages passed through unchanged, or CCITT G4 for bilevel scans."""
    blobs = []
    for im in images:
        buf = io.BytesIO()
        if akte.encoding == "g4":
            _bilevel(im).save(buf, format="TIFF", compression="group4", dpi=(akte.dpi, akte.dpi))
        else:
            im.save(buf, format="JPEG", quality=akte.quality, dpi=(akte.dpi, akte.dpi), optimize=True)
        blobs.append(buf.getvalue())
    return bytes(img2pdf.convert(blobs, nodate=True, engine=img2pdf.Engine.internal))


def _encode_tiff(images: list[Image.Image], akte: Akte) -> bytes:
    buf = io.BytesIO()
    if akte.encoding == "g4":
        pages = [_bilevel(im) for im in images]
        pages[0].save(
            buf, format="TIFF", save_all=True, append_images=pages[1:], compression="group4", dpi=(akte.dpi, akte.dpi)
        )
    else:
        images[0].save(
            buf,
            format="TIFF",
            save_all=True,
            append_images=images[1:],
            compression="jpeg",
            quality=akte.quality,
            dpi=(akte.dpi, akte.dpi),
        )
    return buf.getvalue()


def write_akte(
    akte: Akte, out_dir: Path, rel_name: str, truth_root: Path, akte_id: str
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """Render, save under out_dir/rel_name; return (source truth, document truths, printed page texts)."""
    images = render_pages(akte)
    data = _encode_pdf(images, akte) if akte.fmt == "pdf" else _encode_tiff(images, akte)
    path = out_dir / rel_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    rel = Path(*Path(_relpath(path, truth_root)).parts).as_posix()
    ranges = akte.doc_ranges()
    docs = []
    for i, b in enumerate(akte.docs):
        t = b.truth
        start = ranges[i][0]
        dates = [{**d, "page": d["page"] + start} for d in t.dates]
        pages = [
            {
                "page": n,
                "folio": akte.plans[n - 1].folio,
                "ocr": "tesseract",
                "rotated": akte.plans[n - 1].faults.rotated,
            }
            for n in range(start, ranges[i][1] + 1)
        ]
        docs.append(
            {
                "schema_version": "1",
                "document_id": f"d-{akte_id[2:]}-{i + 1:02d}",
                "akte_id": akte_id,
                "source": {"path": rel, "sha256": sha, "first_page": start, "last_page": ranges[i][1]},
                "doc_type": t.doc_type,
                "doc_subtype": t.doc_subtype,
                "confidence": 1.0,
                "title": t.title,
                "language": "de",
                "document_date": t.document_date.isoformat() if t.document_date else None,
                "dates": dates,
                "court": t.court,
                "file_numbers": t.file_numbers,
                "parties": t.parties,
                "review": {"needed": False, "reasons": []},
                "pages": pages,
            }
        )
    texts = [
        {"sha256": sha, "path": rel, "page": n, "kind": p.kind, "text": page_text(p.page, p.folio)}
        for n, p in enumerate(akte.plans, start=1)
    ]
    page_truth = [
        {
            "page": n,
            "kind": p.kind,
            "document": None if p.doc is None else docs[p.doc]["document_id"],
            "folio": p.folio,
            "rotated": p.faults.rotated,
            "skew": round(p.faults.skew, 2),
            "dpi": akte.dpi,
        }
        for n, p in enumerate(akte.plans, start=1)
    ]
    source = {
        "schema_version": "1",
        "path": rel,
        "sha256": sha,
        "status": "processed",
        "pages": len(images),
        "documents": len(docs),
        "akte_id": akte_id,
        "mime_type": "application/pdf" if akte.fmt == "pdf" else "image/tiff",
        "size_bytes": len(data),
        "skipped_pages": [n for n, p in enumerate(akte.plans, start=1) if p.kind != "document"],
        "encoding": akte.encoding,
        "dpi": akte.dpi,
        "page_truth": page_truth,
    }
    return source, docs, texts


def _relpath(path: Path, root: Path) -> str:
    import os

    return os.path.relpath(path.resolve(), root.resolve())
