"""xdomea 0401 export: the mapping on its own (fast) and the whole hand-over through the CLI: migrate a
scanned file, export the Akte, validate against the official XSDs, re-read the ZIP, check every hash."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from lxml import etree

from eakte.config import Settings
from eakte.export import ExportError, XdomeaProfile, XdomeaSettings, export_akte
from eakte.export.container import _redact
from eakte.export.xdomea import (
    DEFAULT_XSD_DIR,
    ENTRY_XSD,
    DocumentNode,
    Header,
    History,
    PrimaryFile,
    build_message,
    validate,
)
from eakte.export.xdomea_mapping import Contact, Field
from eakte.integrity.signing import canonical_json, public_pem, verify_manifest
from eakte.pdf.pdfa import describe
from eakte.store import keys, open_store
from schemas.records import DateEntry, DocumentRecord, FileNumber, Party, Review, SourceRef
from tests.conftest import SHARED, run_cli
from tests.scans import RULING_AND_PAYSLIP as PAGES
from tests.scans import scanned_pdf

NS = {"x": "urn:xoev-de:xdomea:schema:3.0.0"}
XSD = SHARED / "standards" / "xdomea" / "3.0.0" / "xsd" / "xdomea" / ENTRY_XSD


def _official_schema() -> etree.XMLSchema:
    assert XSD.is_file() and XSD.parent == DEFAULT_XSD_DIR
    return etree.XMLSchema(etree.parse(str(XSD)))


def _record(**extra: object) -> DocumentRecord:
    base: dict[str, object] = dict(
        document_id="d-aaaaaaaaaaaaaaaaaaaa", akte_id="a-bbbbbbbbbbbbbbbbbbbb", doc_type="bamf_decision",
        doc_subtype="asylbescheid", confidence=0.9, document_date="2021-03-04",
        source=SourceRef(path="akte.pdf", sha256="c" * 64, first_page=1, last_page=3),
        dates=[DateEntry(role="receipt_date", value="2021-03-08"), DateEntry(role="birth_date", value="1999-01-02")],
        file_numbers=[FileNumber(kind="bamf", value="8765432-423"), FileNumber(kind="authority", value="ABH-2021-77")],
        parties=[Party(role="authority", name="Bundesamt für Migration und Flüchtlinge", kind="organisation"),
                 Party(role="person_concerned", name="Amina Yilmaz"),
                 Party(role="representative", name="Dr. Peter Roth")],
        review=Review(needed=True, reasons=["low_confidence"]))
    base.update(extra)
    return DocumentRecord.model_validate(base)


def test_mapping_fills_the_xdomea_fields_and_validates() -> None:
    profile = XdomeaProfile(XdomeaSettings(disposal="A", retention_years=30, confidentiality="002",
                                           filing_plan_code="12.34"))
    doc = _record()
    fields = profile.document(doc, 1)
    assert fields.written == "2021-03-04" and fields.received == "2021-03-08"
    assert fields.meta.reference == "ABH-2021-77" and fields.foreign_reference == "8765432-423"
    assert [c.organisation for c in fields.senders] == ["Bundesamt für Migration und Flüchtlinge"]
    assert [(c.family_name, c.given_name) for c in fields.recipients] == [("Yilmaz", "Amina")]
    assert [c.role for c in fields.others] == ["representative"]  # nothing dropped
    akte = profile.akte(doc.akte_id, [doc])
    assert akte.meta.subject == "Ausländerakte Amina Yilmaz" and akte.meta.reference == "ABH-2021-77"
    files = [PrimaryFile(f"{fields.uuid}_{doc.document_id}.pdf", "044", "2b")]
    header = Header("11111111-2222-3333-4444-555555555555", "2026-01-02T03:04:05Z", Contact("", "ABH"),
                    Contact("", "E-Akte"), "eakte", "test")
    message = build_message(header, akte, profile.vorgang(doc.akte_id, [doc]), [DocumentNode(fields, files)],
                            [History("eakte", "2026-01-02T03:04:05Z", "Digitalisierung")])
    _official_schema().assertValid(etree.fromstring(message).getroottree())
    root = etree.fromstring(message)
    d = root.find(".//x:Dokument", NS)
    assert d.findtext("x:Posteingangsdatum", namespaces=NS) == "2021-03-08"
    assert d.findtext("x:DatumDesSchreibens", namespaces=NS) == "2021-03-04"
    assert d.findtext("x:Empfaenger/x:Name/x:Familienname/x:Name", namespaces=NS) == "Yilmaz"
    assert root.findtext(".//x:Akte/x:ArchivspezifischeMetadaten/x:Aussonderungsart/x:Aussonderungsart/code",
                         namespaces=NS) == "A"
    assert root.findtext(".//x:Akte/x:AllgemeineMetadaten/x:Vertraulichkeitsstufe/code", namespaces=NS) == "002"

    # The validator really checks: a primary file name without the UUID prefix is rejected.
    bad = message.replace(files[0].name.encode(), b"dokument.pdf")
    errors = validate(bad)
    assert any("Dateiname" in e for e in errors)
    assert "dokument.pdf" not in _redact(errors[0]) and "Dateiname" in _redact(errors[0])  # values stay out of logs

    # A recognised but impossible date is left out of the typed field (kept as text in the extension).
    odd = profile.document(_record(document_date="2023-02-30"), 1)
    assert odd.written is None and Field("document_date", "2023-02-30") in odd.extension


@pytest.mark.slow
def test_migrate_export_validate_reread_and_check_hashes(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    env = {"EAKTE_SIGNING_KEY": pem, "EAKTE_SCAN_OPERATOR": "Scanstelle 2", "EAKTE_SCAN_DEVICE": "fi-7160 #4711",
           "EAKTE_SCAN_SCANNED_AT": "2026-11-20", "EAKTE_XDOMEA_SENDER_NAME": "Ausländerbehörde Köln"}
    (tmp_path / "in").mkdir()
    source = scanned_pdf(tmp_path / "in" / "akte-0001.pdf", PAGES)
    data, out = tmp_path / "data", tmp_path / "out"
    migrated = run_cli("migrate", str(source), "--data-dir", str(data), env=env)
    assert migrated.returncode == 0, migrated.stderr
    rec = json.loads(run_cli("sources", "--data-dir", str(data)).stdout.splitlines()[0])
    aid = rec["akte_id"]
    assert {"protocol", "manifest", "manifest_signature"} <= set(rec["objects"])

    exported = run_cli("export", "xdomea", aid, "--out", str(out), "--data-dir", str(data), env=env)
    assert exported.returncode == 0, exported.stderr
    result = json.loads(exported.stdout.splitlines()[-1])
    assert result["status"] == "exported" and result["documents"] >= 2

    zpath = Path(result["zip"])
    pid = result["process_id"]
    assert zpath.name == f"{pid}_Abgabe.Abgabe.0401.zip"
    store = open_store(Settings(data_dir=data))
    with zipfile.ZipFile(zpath) as zf:
        names = zf.namelist()
        message = zf.read(f"{pid}_Abgabe.Abgabe.0401.xml")
        members = {n: zf.read(n) for n in names}
    _official_schema().assertValid(etree.fromstring(message).getroottree())
    root = etree.fromstring(message)
    assert root.findtext("x:Kopf/x:Nachrichtentyp/code", namespaces=NS) == "0401"
    assert root.findtext("x:Kopf/x:Absender/x:Institution/x:Name", namespaces=NS) == "Ausländerbehörde Köln"

    manifest_name = next(n for n in names if n.endswith("_Manifest.json"))
    manifest = json.loads(members[manifest_name])
    sig = json.loads(members[manifest_name.replace(".json", ".sig")])
    key.public_key().verify(base64.b64decode(sig["signature"]), canonical_json(manifest))  # raises if forged
    assert canonical_json(manifest) == members[manifest_name]

    documents = root.findall("x:Schriftgutobjekt/x:Akte/x:Akteninhalt/x:Vorgang/x:Dokument", NS)
    pdfs = [d for d in documents if d.findtext("x:Typ", namespaces=NS) != "transfervermerk"]
    assert len(pdfs) == result["documents"]
    for d in pdfs:
        fmt = d.find("x:Version/x:Format", NS)
        assert fmt.findtext("x:Name/code", namespaces=NS) == "044" and fmt.findtext("x:Version", namespaces=NS) == "2b"
        name = fmt.findtext("x:Primaerdokument/x:Dateiname", namespaces=NS)
        assert name.startswith(d.findtext("x:Identifikation/x:ID", namespaces=NS))
        object_key = keys.document_pdf(aid, Path(fmt.findtext("x:Primaerdokument/x:DateinameOriginal",
                                                              namespaces=NS)).stem)
        digest = hashlib.sha256(members[name]).hexdigest()
        stat = store.stat(object_key)
        assert stat is not None and digest == stat.sha256 == manifest["objects"][object_key]
        pdf_path = tmp_path / name
        pdf_path.write_bytes(members[name])
        facts = describe(pdf_path)
        assert facts["pdfa_part"] == "2" and facts["fonts_not_embedded"] == 0 and facts["output_intents"]
    urteil = next(d for d in pdfs if d.findtext("x:DatumDesSchreibens", namespaces=NS))
    assert urteil.findtext("x:DatumDesSchreibens", namespaces=NS) == "2023-05-12"
    assert "22 K 3443/18.A" in (urteil.findtext("x:FremdesGeschaeftszeichen", namespaces=NS) or "")

    protocol = json.loads(members[next(n for n in names if n.endswith("_Transfervermerk.json"))])
    assert protocol["page_check"]["balanced"] and protocol["page_check"]["pages_in"] == 3
    assert protocol["scan"]["operator"] == "Scanstelle 2" and protocol["scan"]["not_configured"] == []
    assert protocol["integrity"]["signed"] is True
    assert protocol["source"]["sha256"] == manifest["objects"][f"originals/{rec['sha256']}.pdf"]
    assert set(protocol["quality"]["pdfa"]) == {Path(k).stem for k in manifest["objects"] if k.endswith(".pdf")
                                                 and k.startswith("akten/")}
    assert all(o["sha256"] == manifest["objects"][o["key"]] for o in protocol["objects"])

    assert verify_manifest(store, aid, public_pem(key)) == []
    # Bit rot in a stored PDF: verify names the object, and the export refuses the Akte.
    victim = keys.document_pdf(aid, Path(pdfs[0].findtext("x:Version/x:Format/x:Primaerdokument/"
                                                            "x:DateinameOriginal", namespaces=NS)).stem)
    path = Path(store.locate(victim))
    path.write_bytes(path.read_bytes() + b"\n% rot")
    assert [p.split(":")[0] for p in verify_manifest(store, aid, public_pem(key))] == [victim]
    from eakte.catalog import open_catalog

    catalog = open_catalog(Settings(data_dir=data))
    with pytest.raises(ExportError, match="SHA-256 differs"):
        export_akte(store, catalog, aid, tmp_path / "out2")
    assert list((tmp_path / "out2").iterdir()) == []  # no half-written container is left behind
    from eakte.integrity.verify import verify

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EAKTE_SIGNING_PUBLIC_KEY", public_pem(key).decode())
        assert victim in verify(store, catalog).of("extra")  # `eakte verify` runs the signed-manifest check
    with pytest.raises(ExportError, match="not \\(completely\\) migrated"):
        export_akte(store, catalog, "a-00000000000000000000", tmp_path / "out2")
    catalog.close()
    assert io.BytesIO(members[name]).read(5) == b"%PDF-"
