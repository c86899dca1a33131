"""One Akte → one xdomea 0401 ZIP container, as the standard defines it.

    <ProzessID>_Abgabe.Abgabe.0401.zip
    ├── <ProzessID>_Abgabe.Abgabe.0401.xml      the message (validated against the official XSDs first)
    ├── <Dokument-UUID>_<document_id>.pdf       each document's PDF/A, byte for byte the stored object
    ├── <UUID>_Transfervermerk.json             the TR-RESISCAN scan protocol
    ├── <UUID>_Manifest.json                    the hash manifest over original + derived objects + protocol
    └── <UUID>_Manifest.sig                     its Ed25519 signature (when the Akte was migrated with a key)

Every file put into the ZIP is hashed and compared with the manifest written at migration time; an Akte
whose objects no longer match is not exported (ExportError names the object keys, never content).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pikepdf

from eakte import PIPELINE_VERSION
from eakte.catalog import Catalog
from eakte.errors import EakteError, ExitCode
from eakte.export.xdomea import (
    MESSAGE,
    DocumentNode,
    Header,
    History,
    PrimaryFile,
    build_message,
    schema_available,
    validate,
)
from eakte.export.xdomea_mapping import Contact, DocumentFields, XdomeaProfile, object_uuid
from eakte.store import ObjectStore, keys
from schemas.records import DocumentRecord, SourceRecord

log = logging.getLogger("eakte.export")


class ExportError(EakteError):
    code = "export_failed"
    exit_code = ExitCode.verify_mismatch
    default_message = "the Akte cannot be exported"


@dataclass
class ExportResult:
    akte_id: str
    zip_path: Path
    process_id: str
    documents: int
    files: dict[str, str] = field(default_factory=dict)  # ZIP member name → SHA-256
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _pdf_format(data: bytes) -> tuple[str, str]:
    """Dateiformat code + version as the PDF declares itself (044 PDF/A only when its XMP says so)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        part, conf = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
        if part and conf:
            return "044", f"{part}{str(conf).lower()}"
        return "018", str(pdf.pdf_version)


class _Reader:
    """Reads objects once, checking each against the migration manifest (or the store's own SHA-256)."""

    def __init__(self, store: ObjectStore, akte_id: str) -> None:
        self.store = store
        self.manifest: dict[str, str] = {}
        self.warnings: list[str] = []
        if store.stat(keys.manifest(akte_id)) is not None:
            self.manifest = json.loads(store.get_bytes(keys.manifest(akte_id))).get("objects", {})
        else:
            self.warnings.append("no hash manifest / scan protocol stored (Akte migrated before they existed)")

    def read(self, key: str, listed: bool = True) -> bytes:
        stat = self.store.stat(key)
        if stat is None:
            raise ExportError(f"{key}: object missing from the store")
        data = self.store.get_bytes(key)
        actual = hashlib.sha256(data).hexdigest()
        expected = self.manifest.get(key) if listed and self.manifest else stat.sha256
        if listed and self.manifest and expected is None:
            raise ExportError(f"{key}: object is not listed in the Akte's hash manifest")
        if actual != expected:
            raise ExportError(f"{key}: SHA-256 differs from the recorded one; run `eakte verify`")
        return data


class _Zip:
    """The container being written: members go in as they are read (one object in memory at a time)."""

    def __init__(self, path: Path, created: str) -> None:
        self.zf = zipfile.ZipFile(path, "w")
        self.stamp = datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ").timetuple()[:6]
        self.files: dict[str, str] = {}

    def add(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_STORED if name.endswith(".pdf") else zipfile.ZIP_DEFLATED
        self.zf.writestr(info, data)
        self.files[name] = hashlib.sha256(data).hexdigest()


_KEEP = ("{", "xs:", "[")  # element names, XSD types, patterns


def _redact(error: str) -> str:
    """Schema errors quote the offending value (a date, a name): keep element, type and facet names only."""
    facets = {"pattern", "enumeration", "length", "minLength", "maxLength"}
    return re.sub(r"'([^']*)'", lambda m: m.group(0) if m.group(1).startswith(_KEEP) or m.group(1) in facets
                  else "'…'", error)


def export_akte(store: ObjectStore, catalog: Catalog, akte_id: str, out_dir: Path,
                profile: XdomeaProfile | None = None) -> ExportResult:
    """Writes the Akte's 0401 ZIP into `out_dir` and returns what it holds (nothing is left on failure)."""
    profile = profile or XdomeaProfile()
    docs: list[DocumentRecord] = sorted(catalog.documents(akte_id),
                                        key=lambda d: (d.source.first_page, d.document_id))
    if store.stat(keys.source_record(akte_id)) is None:
        raise ExportError(f"Akte {akte_id} is not (completely) migrated: no source record in the store")
    source = SourceRecord.model_validate_json(store.get_bytes(keys.source_record(akte_id)))
    if not docs:
        raise ExportError(f"Akte {akte_id} has no documents in the catalog")
    reader = _Reader(store, akte_id)
    created = _stamp()
    process_id = object_uuid("abgabe-0401", akte_id)
    base = f"{process_id}_{MESSAGE}"
    out_dir.mkdir(parents=True, exist_ok=True)
    zip_path = out_dir / f"{base}.zip"
    tmp = zip_path.with_suffix(".zip.part")
    container = _Zip(tmp, created)
    try:
        with container.zf:
            message = _write_members(container, store, reader, profile, akte_id, docs, source, process_id, created)
            container.add(f"{base}.xml", message)
        tmp.replace(zip_path)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("exported Akte %s: %d documents", akte_id, len(docs))
    with zip_path.open("rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    return ExportResult(akte_id, zip_path, process_id, len(docs), container.files, reader.warnings, digest)


def _write_members(container: _Zip, store: ObjectStore, reader: _Reader, profile: XdomeaProfile, akte_id: str,
                   docs: list[DocumentRecord], source: SourceRecord, process_id: str, created: str) -> bytes:
    """Adds primary files and protocol to the ZIP; returns the validated message that describes them."""
    nodes: list[DocumentNode] = []
    creator = f"eakte {source.pipeline_version or PIPELINE_VERSION}"
    for number, doc in enumerate(docs, start=1):
        fields = profile.document(doc, number)
        if not doc.objects.pdf:
            raise ExportError(f"document {doc.document_id} has no stored PDF")
        data = reader.read(doc.objects.pdf)
        code, version = _pdf_format(data)
        name = f"{fields.uuid}_{doc.document_id}.pdf"
        container.add(name, data)
        nodes.append(DocumentNode(fields, [PrimaryFile(name, code, version, original_name=Path(doc.objects.pdf).name,
                                                       creator=creator, created=source.processed_at)]))
    if reader.manifest:
        nodes.append(_protocol_node(store, reader, akte_id, len(docs) + 1, profile, container, creator,
                                    source.processed_at))
    s = profile.settings
    header = Header(process_id=process_id, created=created, sender=Contact("", organisation=s.sender_name),
                    recipient=Contact("", organisation=s.recipient_name), system_name="eakte",
                    system_version=PIPELINE_VERSION, receipt_confirmation=s.receipt_confirmation,
                    sender_key=s.sender_authority_key, recipient_key=s.recipient_authority_key)
    history = [History(creator, source.processed_at or created, "Digitalisierung und Texterkennung",
                       "ersetzendes Scannen nach BSI TR-03138; siehe Transfervermerk")]
    message = build_message(header, profile.akte(akte_id, docs), profile.vorgang(akte_id, docs), nodes, history)
    if schema_available(s.xsd_dir):
        errors = validate(message, s.xsd_dir)
        if errors:
            raise ExportError(f"the 0401 message for Akte {akte_id} does not validate: {_redact(errors[0])}")
    else:
        reader.warnings.append("xdomea XSDs not found (EAKTE_XDOMEA_XSD_DIR): message not validated")
    return message


def _protocol_node(store: ObjectStore, reader: _Reader, akte_id: str, number: int, profile: XdomeaProfile,
                   container: _Zip, creator: str, when: str | None) -> DocumentNode:
    """The Transfervermerk as a Dokument, with the hash manifest (and its signature) as Anlage."""
    proto_uuid = object_uuid("transfervermerk", akte_id)
    proto_name = f"{proto_uuid}_Transfervermerk.json"
    container.add(proto_name, reader.read(keys.scan_protocol(akte_id)))
    man_uuid = object_uuid("manifest", akte_id)
    man_name = f"{man_uuid}_Manifest.json"
    container.add(man_name, reader.read(keys.manifest(akte_id), listed=False))
    sig_name = None
    if store.stat(keys.manifest_signature(akte_id)) is not None:
        sig_name = f"{man_uuid}_Manifest.sig"
        container.add(sig_name, reader.read(keys.manifest_signature(akte_id), listed=False))
    else:
        reader.warnings.append("hash manifest is unsigned (no signing key was configured at migration)")
    json_fmt = {"format_code": "100", "format_version": "1", "other_name": "json - JavaScript Object Notation"}
    manifest = DocumentNode(
        DocumentFields(man_uuid, 1, profile.meta("Hash-Manifest (SHA-256) der Objekte dieser Akte"),
                       doc_type="hash_manifest"),
        [PrimaryFile(man_name, **json_fmt, original_name="manifest.json", creator=creator, created=when,
                     signature_file=sig_name)])
    return DocumentNode(
        DocumentFields(proto_uuid, number, profile.meta("Transfervermerk (Scanprotokoll nach BSI TR-03138)"),
                       doc_type="transfervermerk"),
        [PrimaryFile(proto_name, **json_fmt, original_name="protocol.json", creator=creator, created=when)],
        attachments=[manifest])
