"""The scan protocol (Transfervermerk) per source after BSI TR-03138 (TR-RESISCAN), with the signed manifest.

TR-RESISCAN lets an authority destroy paper after scanning only when the scan process is documented and
the result's integrity can be shown. For every source this records who/what scanned and processed it and
when, the scan and OCR settings, the page count check (pages in = pages in documents + separator/blank
pages), quality findings (low OCR confidence, blank pages removed, rotated pages, failed pages, PDF/A
outcome) and the SHA-256 of the original and every derived object. The protocol is stored next to the
metadata (`akten/<akte_id>/protocol.json`), then the hash manifest over all of them is written and signed
(`eakte/integrity/signing.py`) — both before `source.json`, the completion marker. The export hands both over.

Operator and device are configuration (`EAKTE_SCAN_*`) because the scanning happened at a scan station
before this pipeline saw the file; a missing value is listed as a finding, not invented.
"""

from __future__ import annotations

import functools
import json
import logging
import platform
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic_settings import BaseSettings, SettingsConfigDict

from eakte import PIPELINE_VERSION
from eakte.config import Settings
from eakte.ingest.discover import EXTENSIONS, SourceCandidate
from eakte.integrity.signing import key_id, write_manifest
from eakte.model import PageResult, PageStatus
from eakte.pdf.pdfa import PdfaResult
from eakte.store import ObjectStore, keys
from schemas.records import DocumentRecord

log = logging.getLogger("eakte.integrity.resiscan")


@dataclass
class ScannedSource:
    """One migrated source as the protocol describes it: the file, its pages, its documents and their PDF/A."""

    candidate: SourceCandidate
    local: Path  # the snapshot that was read
    akte_id: str
    pages: dict[int, PageResult]
    docs: list[DocumentRecord]
    skipped: list[int]  # pages in no document (blank, separator sheets)
    pdfa: dict[str, PdfaResult] = field(default_factory=dict)  # document id -> its PDF/A result

PROTOCOL_VERSION = "1"


class ScanSettings(BaseSettings):
    """What the scan station did (documented by the operator; TR-RESISCAN asks for it in the protocol)."""

    model_config = SettingsConfigDict(env_prefix="EAKTE_SCAN_")

    operator: str | None = None  # person or team responsible for the scan (EAKTE_SCAN_OPERATOR)
    device: str | None = None  # scanner make/model/serial (EAKTE_SCAN_DEVICE)
    organisation: str | None = None  # scanning unit or service provider (EAKTE_SCAN_ORGANISATION)
    location: str | None = None  # EAKTE_SCAN_LOCATION
    scanned_at: str | None = None  # date or date-time of the scan batch (EAKTE_SCAN_SCANNED_AT)
    resolution_dpi: int | None = None  # scanner setting (EAKTE_SCAN_RESOLUTION_DPI)
    colour_mode: str | None = None  # e.g. "greyscale", "colour", "bitonal" (EAKTE_SCAN_COLOUR_MODE)
    processing_operator: str | None = None  # who ran the migration (EAKTE_SCAN_PROCESSING_OPERATOR)
    low_confidence: float = 60.0  # mean OCR word confidence below which a page is a finding


@functools.lru_cache(maxsize=4)
def _tesseract_version(cmd: str) -> str | None:
    try:
        out = subprocess.run([cmd, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    first = (out.stdout or out.stderr).splitlines()
    return first[0].strip() if first else None


def _measure(local: Path, kind: str) -> dict[str, Any]:
    """Resolution and colour of the first page as scanned (best effort; never fails the run)."""
    try:
        if kind == "pdf":
            import pikepdf

            with pikepdf.open(local) as pdf:
                page = pdf.pages[0]
                width_pt = float(page.mediabox[2]) - float(page.mediabox[0])
                images = list(page.get_images().values())
                if not images:
                    return {"first_page_dpi": None, "first_page_colour": None}
                img = max(images, key=lambda i: int(i.Width))
                dpi = round(int(img.Width) / (width_pt / 72.0))
                cs = str(img.get("/ColorSpace", ""))
                bits = int(img.get("/BitsPerComponent", 8))
                colour = "bitonal" if bits == 1 else "greyscale" if "Gray" in cs else "colour"
                return {"first_page_dpi": dpi, "first_page_colour": colour}
        from PIL import Image

        with Image.open(local) as im:
            dpi_info = im.info.get("dpi")
            colour = {"1": "bitonal", "L": "greyscale", "P": "colour"}.get(im.mode, "colour")
            return {"first_page_dpi": round(float(dpi_info[0])) if dpi_info else None, "first_page_colour": colour}
    except Exception as exc:  # the measurement is informative only
        log.debug("scan measurement failed: %s", type(exc).__name__)
        return {"first_page_dpi": None, "first_page_colour": None}


def page_check(page_count: int, docs: list[DocumentRecord], skipped: list[int]) -> dict[str, Any]:
    """Pages in = pages across documents + separator/blank pages, each page exactly once."""
    seen: dict[int, int] = {}
    for d in docs:
        for n in range(d.source.first_page, d.source.last_page + 1):
            seen[n] = seen.get(n, 0) + 1
    for n in skipped:
        seen[n] = seen.get(n, 0) + 1
    in_docs = sum(d.source.last_page - d.source.first_page + 1 for d in docs)
    missing = [n for n in range(1, page_count + 1) if n not in seen]
    twice = sorted(n for n, c in seen.items() if c > 1)
    outside = sorted(n for n in seen if not 1 <= n <= page_count)
    return {"pages_in": page_count, "pages_in_documents": in_docs, "pages_skipped": len(skipped),
            "missing_pages": missing, "pages_counted_twice": twice, "pages_out_of_range": outside,
            "balanced": page_count == in_docs + len(skipped) and not missing and not twice and not outside}


def quality(pages: dict[int, PageResult], skipped: list[int], pdfa_results: dict[str, PdfaResult],
            low: float) -> dict[str, Any]:
    return {
        "low_confidence_threshold": low,
        "low_confidence_pages": [{"page": n, "ocr_confidence": round(p.text.confidence or 0.0, 1)}
                                 for n, p in sorted(pages.items())
                                 if p.text.origin == PageStatus.tesseract and (p.text.confidence or 0.0) < low],
        "blank_pages_removed": sorted(n for n in skipped if n in pages and pages[n].text.origin == PageStatus.blank),
        "separator_pages_removed": sorted(n for n in skipped
                                          if n in pages and pages[n].text.origin != PageStatus.blank),
        "rotated_pages": [{"page": n, "degrees": p.text.rotated} for n, p in sorted(pages.items()) if p.text.rotated],
        "failed_pages": [{"page": n, "reason": p.text.error} for n, p in sorted(pages.items())
                         if p.text.origin == PageStatus.failed],
        "text_layer_pages": sorted(n for n, p in pages.items() if p.text.origin == PageStatus.text_layer),
        "ocr_pages": sorted(n for n, p in pages.items() if p.text.origin == PageStatus.tesseract),
        "pdfa": {doc_id: {"conformance": r.conformance, "method": r.method, "findings": r.findings}
                 for doc_id, r in sorted(pdfa_results.items())},
        "documents_not_pdfa": sorted(doc_id for doc_id, r in pdfa_results.items() if not r.ok),
    }


def _object(store: ObjectStore, role: str, key: str, document_id: str | None = None) -> dict[str, Any]:
    obj = store.stat(key)
    entry: dict[str, Any] = {"role": role, "key": key, "sha256": obj.sha256 if obj else None,
                             "size": obj.size if obj else None}
    if document_id:
        entry["document_id"] = document_id
    return entry


def build_protocol(source: ScannedSource, settings: Settings, store: ObjectStore, processed_at: str,
                   signing: dict[str, Any], scan: ScanSettings | None = None) -> dict[str, Any]:
    candidate, local, pages, docs, skipped = source.candidate, source.local, source.pages, source.docs, source.skipped
    assert candidate.sha256 and candidate.kind
    scan = scan or ScanSettings()
    objects = [_object(store, "original", keys.original(candidate.sha256, EXTENSIONS[candidate.kind]))]
    for d in docs:
        for role, key in (("document_pdf", d.objects.pdf), ("document_text", d.objects.text),
                          ("document_metadata", d.objects.metadata)):
            if key:
                objects.append(_object(store, role, key, d.document_id))
    check = page_check(len(pages), docs, skipped)
    findings = quality(pages, skipped, source.pdfa, scan.low_confidence)
    missing_config = [f"EAKTE_SCAN_{name.upper()}" for name in ("operator", "device", "scanned_at")
                      if getattr(scan, name) is None]
    return {
        "protocol_version": PROTOCOL_VERSION,
        "kind": "Transfervermerk (Scanprotokoll)",
        "standard": "BSI TR-03138 (TR-RESISCAN)",
        "akte_id": source.akte_id,
        "source": {"path": candidate.display_path, "sha256": candidate.sha256, "mime_type": candidate.mime,
                   "size_bytes": candidate.size, "pages": len(pages)},
        "scan": {"operator": scan.operator, "device": scan.device, "organisation": scan.organisation,
                 "location": scan.location, "scanned_at": scan.scanned_at, "resolution_dpi": scan.resolution_dpi,
                 "colour_mode": scan.colour_mode, "measured": _measure(local, candidate.kind),
                 "not_configured": missing_config},
        "processing": {"system": "eakte", "pipeline_version": PIPELINE_VERSION, "host": platform.node(),
                       "operator": scan.processing_operator, "processed_at": processed_at,
                       "ocr_engine": _tesseract_version(settings.tesseract_cmd), "ocr_language": settings.ocr_language,
                       "render_dpi": settings.ocr_dpi, "pdf_output": "PDF/A-2b"},
        "page_check": check,
        "quality": findings,
        "documents": [{"document_id": d.document_id, "first_page": d.source.first_page,
                       "last_page": d.source.last_page, "doc_type": d.doc_type, "review_needed": d.review.needed}
                      for d in docs],
        "objects": objects,
        "integrity": signing,
    }


def write_protocol(source: ScannedSource, settings: Settings, store: ObjectStore, processed_at: str,
                   key: Ed25519PrivateKey | None) -> dict[str, str]:
    """Stores protocol.json, then manifest.json (+ manifest.sig); returns their keys for the source record.

    Called after every document object is stored and before source.json (the completion marker); `key` is
    the configured signing key (`eakte.integrity.signing.load_private_key()`), None for an unsigned manifest.
    """
    akte_id = source.akte_id
    signing: dict[str, Any] = {
        "manifest": keys.manifest(akte_id), "hash": "sha256",
        "signed": key is not None, "algorithm": "Ed25519" if key else None,
        "key_id": key_id(key.public_key()) if key else None,
        "signature": keys.manifest_signature(akte_id) if key else None,
        "note": ("manifest signed with the configured key" if key else
                 "no signing key configured (EAKTE_SIGNING_KEY / EAKTE_SIGNING_KEY_FILE): manifest is unsigned"),
    }
    protocol = build_protocol(source, settings, store, processed_at, signing)
    body = json.dumps(protocol, ensure_ascii=False, indent=2).encode("utf-8")
    stored = store.put_bytes(keys.scan_protocol(akte_id), body, "application/json", tags={"kind": "protocol"})
    hashes = {o["key"]: o["sha256"] for o in protocol["objects"] if o["sha256"]}
    hashes[stored.key] = stored.sha256
    written = write_manifest(store, akte_id, hashes, key)
    if key is None:
        log.info("scan protocol written; manifest unsigned (no signing key configured)")
    out = {"protocol": stored.key, "manifest": keys.manifest(akte_id)}
    if keys.manifest_signature(akte_id) in written:
        out["manifest_signature"] = keys.manifest_signature(akte_id)
    return out
