"""Writes the xdomea 3.0.0 message 0401 Abgabe.Abgabe (hand-over of whole files between systems) with lxml.

Only serialisation lives here: which contract field goes where is decided in `xdomea_mapping.py`.
Element order follows the XSD sequences (`xdomea-Baukasten.xsd`); code-list children (`code`, `name`)
are unqualified, as the XÖV code type demands. `validate()` checks a message against the official XSDs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from eakte.export.xdomea_mapping import Contact, DocumentFields, FolderFields, ObjectMeta

NS = "urn:xoev-de:xdomea:schema:3.0.0"
NSMAP = {"xdomea": NS}
MESSAGE = "Abgabe.Abgabe.0401"
DATEIFORMAT_LIST = "urn:xoev-de:xdomea:codeliste:dateiformat"
DATEIFORMAT_VERSION = "1.0"  # the code list shipped with the 3.0.0 schemas (3.0.0/codelists/Dateiformat_1.0.xml)
ENTRY_XSD = "xdomea-Nachrichten-AbgabeDurchfuehren.xsd"
DEFAULT_XSD_DIR = Path(__file__).resolve().parents[3] / "shared" / "standards" / "xdomea" / "3.0.0" / "xsd" / "xdomea"


@dataclass(frozen=True)
class PrimaryFile:
    """One file of the ZIP container referenced by a Format/Primaerdokument."""

    name: str  # Dateiname in the ZIP: "<UUID>_<label>.<ext>" (the XSD requires the UUID prefix)
    format_code: str  # Dateiformat code: 044 PDF/A, 018 pdf, 100 Sonstiges
    format_version: str
    other_name: str | None = None  # SonstigerName, required with code 100
    original_name: str | None = None
    creator: str | None = None
    created: str | None = None  # xs:dateTime
    signature_file: str | None = None  # SignaturSiegelDatei (a detached signature in the container)


@dataclass
class DocumentNode:
    fields: DocumentFields
    files: list[PrimaryFile]
    attachments: list[DocumentNode] = field(default_factory=list)  # Anlage (with Nummer)


@dataclass(frozen=True)
class History:
    actor: str
    when: str
    action: str
    remark: str | None = None


@dataclass
class Header:
    process_id: str
    created: str
    sender: Contact
    recipient: Contact
    system_name: str
    system_version: str
    receipt_confirmation: bool = True
    sender_key: str | None = None
    recipient_key: str | None = None


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _el(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    e = etree.SubElement(parent, _q(tag))
    if text is not None:
        e.text = text
    return e


def _opt(parent: etree._Element, tag: str, text: str | None) -> None:
    if text:
        _el(parent, tag, text)


def _code(parent: etree._Element, tag: str, code: str, name: str | None = None,
          list_uri: str | None = None, list_version: str | None = None) -> etree._Element:
    e = _el(parent, tag)
    if list_uri:
        e.set("listURI", list_uri)
    if list_version:
        e.set("listVersionID", list_version)
    etree.SubElement(e, "code").text = code  # unqualified (form="unqualified")
    if name:
        etree.SubElement(e, "name").text = name
    return e


def _bool(value: bool) -> str:
    return "1" if value else "0"  # the XSD fixes some booleans to the literal "1"


def _contact(parent: etree._Element, tag: str, c: Contact, authority_key: str | None = None) -> None:
    e = _el(parent, tag)
    if authority_key:
        _code(_el(e, "Behoerdenkennung"), "Behoerdenschluessel", authority_key)
    if c.organisation:
        _el(_el(e, "Institution"), "Name", c.organisation)
    if c.family_name or c.given_name:
        name = _el(e, "Name")
        if c.family_name:
            _el(_el(name, "Familienname"), "Name", c.family_name)
        if c.given_name:
            _el(_el(name, "Vorname"), "Name", c.given_name)
    if c.role:
        _code(e, "Rolle", c.role)


def _meta(parent: etree._Element, m: ObjectMeta, archive: bool = True) -> None:
    """AllgemeineMetadaten, plus ArchivspezifischeMetadaten for Akte and Vorgang (Dokument has none)."""
    g = _el(parent, "AllgemeineMetadaten")
    _opt(g, "Betreff", m.subject)
    _opt(g, "Kennzeichen", m.reference)
    _code(g, "Vertraulichkeitsstufe", m.confidentiality)
    _opt(g, "Bemerkung", m.remark)
    _code(g, "Medium", m.medium)
    if m.filing_plan_code:
        _el(_el(g, "Aktenplaneinheit"), "Kennzeichen", m.filing_plan_code)
    if not archive:
        return
    a = _el(parent, "ArchivspezifischeMetadaten")
    keep = _el(a, "Aufbewahrungsdauer")
    if m.retention_unlimited or m.retention_years is None:
        _el(keep, "Unbefristet", "1")
    else:
        _el(keep, "AnzahlJahre", str(m.retention_years))
    _code(_el(a, "Aussonderungsart"), "Aussonderungsart", m.disposal)


def _ident(parent: etree._Element, uuid: str, number: int | None = None) -> None:
    i = _el(parent, "Identifikation")
    _el(i, "ID", uuid)
    if number is not None:
        _el(i, "NummerImUebergeordnetenContainer", str(number))


def _period(parent: etree._Element, begin: str | None, end: str | None) -> None:
    if begin or end:
        p = _el(parent, "Laufzeit")
        _opt(p, "Beginn", begin)
        _opt(p, "Ende", end)


def _history(parent: etree._Element, h: History) -> None:
    e = _el(parent, "HistorienProtokollInformation")
    _el(e, "Akteur", h.actor)
    _el(e, "DatumUhrzeit", h.when)
    _opt(e, "Bemerkung", h.remark)
    _el(e, "Aktion", h.action)


def _document(parent: etree._Element, tag: str, node: DocumentNode, history: list[History],
              attachment_number: int | None = None) -> None:
    f = node.fields
    d = _el(parent, tag)
    _ident(d, f.uuid, f.number)
    _meta(d, f.meta, archive=False)
    _opt(d, "FremdesGeschaeftszeichen", f.foreign_reference)
    _opt(d, "Posteingangsdatum", f.received)
    _opt(d, "DatumDesSchreibens", f.written)
    _opt(d, "Typ", f.doc_type)
    for h in history:
        _history(d, h)
    if node.files:
        v = _el(d, "Version")
        _el(v, "Nummer", "1")
        for pf in node.files:
            fmt = _el(v, "Format")
            _code(fmt, "Name", pf.format_code, list_uri=DATEIFORMAT_LIST, list_version=DATEIFORMAT_VERSION)
            _opt(fmt, "SonstigerName", pf.other_name)
            _el(fmt, "Version", pf.format_version)
            p = _el(fmt, "Primaerdokument")
            _el(p, "Dateiname", pf.name)
            _opt(p, "DateinameOriginal", pf.original_name)
            _opt(p, "Ersteller", pf.creator)
            _opt(p, "DatumUhrzeit", pf.created)
            if pf.signature_file:
                _el(_el(p, "SignaturSiegel"), "SignaturSiegelDatei", pf.signature_file)
    for i, att in enumerate(node.attachments, start=1):
        _document(d, "Anlage", att, [], attachment_number=i)
    for tag_, contacts in (("Absender", f.senders), ("Empfaenger", f.recipients), ("WeitererKontakt", f.others)):
        for c in contacts:
            _contact(d, tag_, c)
    if f.extension:
        ext = _el(d, "AnwendungsspezifischeErweiterung")
        _el(ext, "Kennung", "urn:eakte:metadaten-vertrag:1")
        _el(ext, "Name", "eakte")
        _el(ext, "Beschreibung", "Felder des eakte-Metadatenvertrags ohne xdomea-Entsprechung")
        for fld in f.extension:
            e = _el(ext, "Feld")
            _el(e, "Name", fld.name)
            _el(e, "Wert", fld.value)
    if attachment_number is not None:
        _el(d, "Nummer", str(attachment_number))  # AnlageDokumentType extends DokumentType: Nummer comes last


def build_message(header: Header, akte: FolderFields, vorgang: FolderFields, documents: list[DocumentNode],
                  history: list[History]) -> bytes:
    """The 0401 message for one Akte → one Vorgang → its Dokumente, as UTF-8 bytes."""
    root = etree.Element(_q(MESSAGE), nsmap=NSMAP)
    kopf = _el(root, "Kopf")
    _el(kopf, "ProzessID", header.process_id)
    _code(kopf, "Nachrichtentyp", "0401")
    _el(kopf, "Erstellungszeitpunkt", header.created)
    _contact(kopf, "Absender", header.sender, header.sender_key)
    _contact(kopf, "Empfaenger", header.recipient, header.recipient_key)
    system = _el(kopf, "SendendesSystem")
    _el(system, "Produktname", header.system_name)
    _el(system, "Version", header.system_version)
    _el(kopf, "Importbestaetigung", "1")  # fixed by the XSD: a 0401 always asks for an import confirmation
    _el(kopf, "Empfangsbestaetigung", _bool(header.receipt_confirmation))

    a = _el(_el(root, "Schriftgutobjekt"), "Akte")
    _ident(a, akte.uuid)
    _meta(a, akte.meta)
    _opt(a, "Typ", akte.doc_type)
    _period(a, akte.begin, akte.end)
    for h in history:
        _history(a, h)
    v = _el(_el(a, "Akteninhalt"), "Vorgang")
    _ident(v, vorgang.uuid, 1)
    _meta(v, vorgang.meta)
    _opt(v, "Typ", vorgang.doc_type)
    _period(v, vorgang.begin, vorgang.end)
    for h in history:
        _history(v, h)
    for node in documents:
        _document(v, "Dokument", node, [])
    for c in akte.contacts:
        _contact(a, "Kontakt", c)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


@functools.lru_cache(maxsize=2)
def schema(xsd_dir: str | None = None) -> etree.XMLSchema:
    """The compiled official 0401 schema (compiled once per process: ~0.2 s)."""
    folder = Path(xsd_dir) if xsd_dir else DEFAULT_XSD_DIR
    return etree.XMLSchema(etree.parse(str(folder / ENTRY_XSD)))


def schema_available(xsd_dir: str | None = None) -> bool:
    return ((Path(xsd_dir) if xsd_dir else DEFAULT_XSD_DIR) / ENTRY_XSD).is_file()


def validate(message: bytes, xsd_dir: str | None = None) -> list[str]:
    """Schema errors of a message (empty = valid) as "line N: message" strings."""
    xsd = schema(xsd_dir)
    doc = etree.fromstring(message).getroottree()
    if xsd.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in xsd.error_log]
