"""The ONE place where contract records (schemas/records.py) become xdomea fields.

`eakte/export/xdomea.py` only serialises what this module decides, so a different profile (the
XAusländer profile of xdomea for the digital Ausländerakte, whose schema is not public yet) is a
subclass of `XdomeaProfile` overriding the methods below — the XML writer stays as it is.

xdomea field (3.0.0)                             ← from
Akte/AllgemeineMetadaten/Betreff                 ← EAKTE_XDOMEA_AKTE_SUBJECT + name of the `person_concerned`
Akte/AllgemeineMetadaten/Kennzeichen             ← most frequent `file_numbers[kind=authority]`
Akte/Laufzeit/Beginn, Ende                       ← earliest / latest `document_date`
Akte/Kontakt                                     ← the `person_concerned` (Rolle person_concerned)
*/AllgemeineMetadaten/Vertraulichkeitsstufe      ← EAKTE_XDOMEA_CONFIDENTIALITY (003 Offen)
*/AllgemeineMetadaten/Medium                     ← 001 elektronisch (the scan replaces the paper)
*/AllgemeineMetadaten/Aktenplaneinheit           ← EAKTE_XDOMEA_FILING_PLAN_CODE (omitted when unset)
*/ArchivspezifischeMetadaten/Aufbewahrungsdauer  ← EAKTE_XDOMEA_RETENTION_YEARS (10) / _RETENTION_UNLIMITED
*/ArchivspezifischeMetadaten/Aussonderungsart    ← EAKTE_XDOMEA_DISPOSAL (B bewerten; A archivwürdig, V vernichten)
Vorgang                                          ← one per source (the scanned paper file)
Dokument/AllgemeineMetadaten/Betreff             ← `title`, else German label of `doc_type` (+ `doc_subtype`)
Dokument/AllgemeineMetadaten/Kennzeichen         ← `file_numbers[kind=authority]` (joined with "; ")
Dokument/AllgemeineMetadaten/Bemerkung           ← review reasons when `review.needed`
Dokument/FremdesGeschaeftszeichen                ← `file_numbers` of kind court / bamf / other
Dokument/Posteingangsdatum                       ← first `dates[role=receipt_date]` (receipt stamp)
Dokument/DatumDesSchreibens                      ← `document_date`
Dokument/Typ                                     ← `doc_type` or `doc_type/doc_subtype`
Dokument/Absender, Empfaenger                    ← `parties` by role per doc_type (SENDER_ROLES, RECIPIENT_ROLES);
                                                   `court` as Absender of a court decision without court party
Dokument/WeitererKontakt                         ← every other party (Rolle = contract role): nothing dropped
Dokument/Version/Format                          ← the stored PDF: 044 version "2b" when its XMP declares
                                                   PDF/A-2B, else 018 pdf (decided in container.py)
Dokument/AnwendungsspezifischeErweiterung        ← the rest: doc_type, confidence, court, dates with roles,
                                                   file numbers with kinds, folios, source pages
Dokument "Transfervermerk" + Anlage              ← protocol.json; manifest.json (manifest.sig as SignaturSiegelDatei)
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

from schemas.records import DocumentRecord, Party

# Namespace for deterministic UUIDs: the same Akte / document always gets the same xdomea ID.
EAKTE_NS = uuid.UUID("6f7c1d52-58f4-4f0e-9a55-3c1d0b0e2a11")


class XdomeaSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EAKTE_XDOMEA_")

    sender_name: str = "Ausländerbehörde"  # Kopf/Absender/Institution/Name
    sender_short: str | None = None
    sender_authority_key: str | None = None  # Kopf/Absender/Behoerdenkennung/Behoerdenschluessel/code
    recipient_name: str = "E-Akte"  # Kopf/Empfaenger/Institution/Name
    recipient_authority_key: str | None = None
    confidentiality: Literal["001", "002", "003", "004", "005"] = "003"
    retention_years: int = 10
    retention_unlimited: bool = False
    disposal: Literal["A", "B", "V"] = "B"
    filing_plan_code: str | None = None
    akte_subject: str = "Ausländerakte"
    receipt_confirmation: bool = True
    xsd_dir: str | None = None  # folder with xdomea-Nachrichten-AbgabeDurchfuehren.xsd (default: shared standards)


DOC_TYPE_LABELS = {
    "court_decision": "Gerichtsentscheidung", "bamf_decision": "Bescheid des BAMF",
    "employment_proof": "Beschäftigungsnachweis", "residence_document": "Aufenthaltsdokument",
    "identity_document": "Identitätsdokument", "civil_status_document": "Personenstandsurkunde",
    "registration_certificate": "Meldebescheinigung", "school_document": "Schul- oder Ausbildungsnachweis",
    "application": "Antrag", "correspondence": "Schriftverkehr", "other": "Sonstiges Dokument",
}
# Who wrote a document of this type and who received it (contract party roles), where that is clear.
SENDER_ROLES: dict[str, tuple[str, ...]] = {
    "court_decision": ("court",), "bamf_decision": ("authority",), "employment_proof": ("employer",),
    "residence_document": ("authority",), "registration_certificate": ("authority",),
    "application": ("applicant", "person_concerned"),
}
RECIPIENT_ROLES: dict[str, tuple[str, ...]] = {
    "bamf_decision": ("person_concerned", "applicant"), "residence_document": ("person_concerned",),
    "application": ("authority",),
}


@dataclass(frozen=True)
class Contact:
    role: str
    organisation: str | None = None
    family_name: str | None = None
    given_name: str | None = None


@dataclass(frozen=True)
class Field:
    name: str
    value: str


@dataclass
class ObjectMeta:
    """AllgemeineMetadaten + ArchivspezifischeMetadaten of one Schriftgutobjekt."""

    subject: str | None = None  # Betreff
    reference: str | None = None  # Kennzeichen
    remark: str | None = None  # Bemerkung
    confidentiality: str = "003"
    medium: str = "001"
    filing_plan_code: str | None = None
    retention_years: int | None = 10
    retention_unlimited: bool = False
    disposal: str = "B"


@dataclass
class DocumentFields:
    uuid: str
    number: int  # NummerImUebergeordnetenContainer
    meta: ObjectMeta
    foreign_reference: str | None = None  # FremdesGeschaeftszeichen
    received: str | None = None  # Posteingangsdatum
    written: str | None = None  # DatumDesSchreibens
    doc_type: str | None = None  # Typ
    senders: list[Contact] = field(default_factory=list)
    recipients: list[Contact] = field(default_factory=list)
    others: list[Contact] = field(default_factory=list)
    extension: list[Field] = field(default_factory=list)


@dataclass
class FolderFields:
    """An Akte or a Vorgang."""

    uuid: str
    meta: ObjectMeta
    doc_type: str | None = None
    begin: str | None = None
    end: str | None = None
    contacts: list[Contact] = field(default_factory=list)


def valid_date(value: str | None) -> str | None:
    """An xs:date or None: a recognised but impossible date (2023-02-30) must not break the message."""
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def object_uuid(kind: str, ident: str) -> str:
    return str(uuid.uuid5(EAKTE_NS, f"{kind}:{ident}"))


def split_name(party: Party) -> Contact:
    if party.kind == "organisation":
        return Contact(party.role, organisation=party.name)
    name = party.name.strip()
    if "," in name:
        family, given = (s.strip() for s in name.split(",", 1))
    else:
        parts = name.rsplit(" ", 1)
        given, family = (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])
    return Contact(party.role, family_name=family or None, given_name=given or None)


class XdomeaProfile:
    """Plain xdomea 3.0.0. Subclass and override for a profile (e.g. XAusländer)."""

    name = "xdomea-3.0.0"

    def __init__(self, settings: XdomeaSettings | None = None) -> None:
        self.settings = settings or XdomeaSettings()

    def meta(self, subject: str | None, reference: str | None = None, remark: str | None = None) -> ObjectMeta:
        s = self.settings
        return ObjectMeta(subject=subject, reference=reference, remark=remark, confidentiality=s.confidentiality,
                          filing_plan_code=s.filing_plan_code,
                          retention_years=None if s.retention_unlimited else s.retention_years,
                          retention_unlimited=s.retention_unlimited, disposal=s.disposal)

    def subject(self, doc: DocumentRecord) -> str:
        if doc.title:
            return doc.title
        label = DOC_TYPE_LABELS.get(doc.doc_type, doc.doc_type)
        return f"{label} ({doc.doc_subtype.replace('_', ' ').capitalize()})" if doc.doc_subtype else label

    def person_concerned(self, docs: list[DocumentRecord]) -> Party | None:
        names = Counter(p.name for d in docs for p in d.parties if p.role == "person_concerned")
        if not names:
            return None
        top = names.most_common(1)[0][0]
        return next(p for d in docs for p in d.parties if p.role == "person_concerned" and p.name == top)

    def akte(self, akte_id: str, docs: list[DocumentRecord]) -> FolderFields:
        person = self.person_concerned(docs)
        subject = self.settings.akte_subject + (f" {person.name}" if person else "")
        authority = Counter(f.normalized or f.value for d in docs for f in d.file_numbers if f.kind == "authority")
        dates = sorted(v for d in docs if (v := valid_date(d.document_date)))
        return FolderFields(object_uuid("akte", akte_id),
                            self.meta(subject, authority.most_common(1)[0][0] if authority else None),
                            doc_type="Ausländerakte", begin=dates[0] if dates else None,
                            end=dates[-1] if dates else None, contacts=[split_name(person)] if person else [])

    def vorgang(self, akte_id: str, docs: list[DocumentRecord]) -> FolderFields:
        dates = sorted(v for d in docs if (v := valid_date(d.document_date)))
        return FolderFields(object_uuid("vorgang", akte_id), self.meta("Digitalisierte Papierakte"),
                            doc_type="Digitalisierung", begin=dates[0] if dates else None,
                            end=dates[-1] if dates else None)

    def document(self, doc: DocumentRecord, number: int) -> DocumentFields:
        own = [f.value for f in doc.file_numbers if f.kind == "authority"]
        foreign = [f.value for f in doc.file_numbers if f.kind != "authority"]
        received = next((v for d in doc.dates if d.role == "receipt_date" and (v := valid_date(d.value))), None)
        remark = "Prüfung empfohlen: " + "; ".join(doc.review.reasons) if doc.review.needed else None
        senders, recipients, others = self.contacts(doc)
        return DocumentFields(
            uuid=object_uuid("dokument", doc.document_id), number=number,
            meta=self.meta(self.subject(doc), "; ".join(own) or None, remark),
            foreign_reference="; ".join(foreign) or None, received=received, written=valid_date(doc.document_date),
            doc_type=f"{doc.doc_type}/{doc.doc_subtype}" if doc.doc_subtype else doc.doc_type,
            senders=senders, recipients=recipients, others=others, extension=self.extension(doc))

    def contacts(self, doc: DocumentRecord) -> tuple[list[Contact], list[Contact], list[Contact]]:
        send, recv = SENDER_ROLES.get(doc.doc_type, ()), RECIPIENT_ROLES.get(doc.doc_type, ())
        senders: list[Contact] = []
        recipients: list[Contact] = []
        others: list[Contact] = []
        for party in doc.parties:
            contact = split_name(party)
            if party.role in send and not senders:
                senders.append(contact)
            elif party.role in recv and not recipients:
                recipients.append(contact)
            else:
                others.append(contact)
        if doc.doc_type == "court_decision" and not senders and doc.court is not None:
            senders.append(Contact("court", organisation=doc.court.name or f"{doc.court.type} {doc.court.place or ''}"
                                   .strip()))
        return senders, recipients, others

    def extension(self, doc: DocumentRecord) -> list[Field]:
        """What xdomea has no field for, as name/value pairs (AnwendungsspezifischeErweiterung)."""
        out = [Field("document_id", doc.document_id), Field("doc_type", doc.doc_type),
               Field("confidence", f"{doc.confidence:.3f}"),
               Field("source_pages", f"{doc.source.first_page}-{doc.source.last_page}")]
        if doc.doc_subtype:
            out.append(Field("doc_subtype", doc.doc_subtype))
        if doc.document_date:
            out.append(Field("document_date", doc.document_date))
        if doc.court:
            out.extend(Field(f"court.{k}", v) for k, v in (("type", doc.court.type), ("place", doc.court.place),
                                                            ("name", doc.court.name)) if v)
        out.extend(Field(f"date.{d.role}", d.value) for d in doc.dates)
        out.extend(Field(f"file_number.{f.kind}", f.value) for f in doc.file_numbers)
        out.extend(Field(f"folio.page{p.page}", p.folio) for p in doc.pages if p.folio)
        if doc.review.needed:
            out.append(Field("review_needed", "true"))
        return out
