"""The object key layout, in one place (documented in the README).

    originals/<sha256><ext>                     the source file, byte for byte
    akten/<akte_id>/<document_id>.pdf          searchable PDF of one document
    akten/<akte_id>/<document_id>.txt          its text (pages separated by form feeds)
    akten/<akte_id>/<document_id>.json         its document record (contract)
    akten/<akte_id>/protocol.json              TR-RESISCAN scan protocol (Transfervermerk) of the source
    akten/<akte_id>/manifest.json              SHA-256 of every object above (canonical JSON)
    akten/<akte_id>/manifest.sig               its Ed25519 signature (only when a signing key is configured)
    akten/<akte_id>/source.json                the source record: written last = source complete
    quarantine/<sha256 or path hash>/original  a quarantined file, byte for byte
    quarantine/<sha256 or path hash>/reason.json
"""

from __future__ import annotations


def original(sha256: str, ext: str) -> str:
    return f"originals/{sha256}{ext}"


def document_pdf(akte_id: str, document_id: str) -> str:
    return f"akten/{akte_id}/{document_id}.pdf"


def document_text(akte_id: str, document_id: str) -> str:
    return f"akten/{akte_id}/{document_id}.txt"


def document_metadata(akte_id: str, document_id: str) -> str:
    return f"akten/{akte_id}/{document_id}.json"


def scan_protocol(akte_id: str) -> str:
    return f"akten/{akte_id}/protocol.json"


def manifest(akte_id: str) -> str:
    return f"akten/{akte_id}/manifest.json"


def manifest_signature(akte_id: str) -> str:
    return f"akten/{akte_id}/manifest.sig"


def source_record(akte_id: str) -> str:
    return f"akten/{akte_id}/source.json"


def quarantine(ident: str, name: str) -> str:
    return f"quarantine/{ident}/{name}"
