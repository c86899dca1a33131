"""Scan protocol page checks and the signed hash manifest (sign, verify, tamper, wrong key, no key)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from eakte.config import Settings
from eakte.integrity.resiscan import page_check, quality
from eakte.integrity.signing import (
    SigningKeyError,
    SigningSettings,
    canonical_json,
    check_akte,
    load_private_key,
    public_pem,
    verify_manifest,
    write_manifest,
)
from eakte.model import PageResult
from eakte.pdf.pdfa import PdfaResult
from eakte.store import LocalStore, ObjectStore, keys, open_store
from extractors.model import PageText
from schemas.records import DocumentRecord, SourceRef

AKTE = "a-0123456789abcdef0123"


def _doc(first: int, last: int) -> DocumentRecord:
    return DocumentRecord(document_id=f"d-{first}-{last}", akte_id=AKTE, doc_type="other", confidence=0.5,
                          source=SourceRef(path="x.pdf", sha256="0" * 64, first_page=first, last_page=last))


def test_page_check_balances_documents_and_skipped_pages() -> None:
    ok = page_check(6, [_doc(1, 2), _doc(4, 6)], skipped=[3])
    assert ok["balanced"] and ok["pages_in_documents"] == 5 and ok["pages_skipped"] == 1
    lost = page_check(6, [_doc(1, 2), _doc(4, 5)], skipped=[3])
    assert not lost["balanced"] and lost["missing_pages"] == [6]
    twice = page_check(4, [_doc(1, 3), _doc(3, 4)], skipped=[])
    assert not twice["balanced"] and twice["pages_counted_twice"] == [3]


def test_quality_findings_name_pages_not_content() -> None:
    pages = {1: PageResult(PageText(1, "a", origin="tesseract", confidence=91.0)),
             2: PageResult(PageText(2, "", origin="blank"), blank=True),
             3: PageResult(PageText(3, "b", origin="tesseract", confidence=41.5, rotated=180)),
             4: PageResult(PageText(4, "Trennblatt", origin="tesseract", confidence=88.0)),
             5: PageResult(PageText(5, "", origin="failed", error="the page could not be rasterised")),
             6: PageResult(PageText(6, "c", origin="text_layer"))}
    pdfa = {"d-1": PdfaResult("PDF/A-2b", "pikepdf"), "d-2": PdfaResult(None, "none", ["violation: x at obj 3"])}
    q = quality(pages, skipped=[2, 4], pdfa_results=pdfa, low=60.0)
    assert q["low_confidence_pages"] == [{"page": 3, "ocr_confidence": 41.5}]
    assert q["blank_pages_removed"] == [2] and q["separator_pages_removed"] == [4]
    assert q["rotated_pages"] == [{"page": 3, "degrees": 180}]
    assert q["failed_pages"] == [{"page": 5, "reason": "the page could not be rasterised"}]
    assert q["text_layer_pages"] == [6] and q["documents_not_pdfa"] == ["d-2"]


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> ObjectStore:
    if request.param == "local":
        return LocalStore(tmp_path / "store")
    request.getfixturevalue("s3_env")
    bucket = "resiscan-" + request.param
    return open_store(Settings(data_dir=tmp_path, store=f"s3://{bucket}/eakte"))


def _store_with_objects(store: ObjectStore) -> tuple[ObjectStore, dict[str, str]]:
    hashes = {}
    for key, data in ((f"akten/{AKTE}/d-1.pdf", b"%PDF-1.7 one"), (f"akten/{AKTE}/d-1.txt", b"Text"),
                      (keys.scan_protocol(AKTE), b'{"protocol_version": "1"}')):
        hashes[key] = store.put_bytes(key, data, "application/octet-stream").sha256
    return store, hashes


def test_signed_manifest_verifies_and_detects_tampering(store: ObjectStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store, hashes = _store_with_objects(store)
    key = Ed25519PrivateKey.generate()
    written = write_manifest(store, AKTE, hashes, key)
    assert set(written) == {keys.manifest(AKTE), keys.manifest_signature(AKTE)}
    manifest = json.loads(store.get_bytes(keys.manifest(AKTE)))
    assert manifest["objects"] == dict(sorted(hashes.items())) and manifest["algorithm"] == "Ed25519"
    assert canonical_json(manifest) == store.get_bytes(keys.manifest(AKTE))
    assert verify_manifest(store, AKTE, public_pem(key)) == []
    monkeypatch.setenv("EAKTE_SIGNING_PUBLIC_KEY", public_pem(key).decode())
    assert check_akte(store, AKTE) == []  # the `eakte verify` hook: key from configuration

    other = Ed25519PrivateKey.generate()
    assert any("not with the given public key" in p for p in verify_manifest(store, AKTE, public_pem(other)))

    store.put_bytes(f"akten/{AKTE}/d-1.txt", b"Text changed", "text/plain")  # an object changed after migration
    problems = verify_manifest(store, AKTE, public_pem(key))
    assert len(problems) == 1 and problems[0].startswith(f"akten/{AKTE}/d-1.txt: SHA-256")

    forged = dict(manifest, objects={**manifest["objects"], f"akten/{AKTE}/d-1.txt": "f" * 64})
    store.put_bytes(keys.manifest(AKTE), canonical_json(forged), "application/json")  # manifest rewritten
    assert any("signature does not match" in p for p in verify_manifest(store, AKTE, public_pem(key)))
    assert any("signature does not match" in p for p in check_akte(store, AKTE))


def test_unsigned_manifest_when_no_key(tmp_path: Path) -> None:
    assert load_private_key() is None  # conftest clears EAKTE_* for the session
    store, hashes = _store_with_objects(LocalStore(tmp_path / "store"))
    assert set(write_manifest(store, AKTE, hashes, None)) == {keys.manifest(AKTE)}
    assert verify_manifest(store, AKTE, None) == []  # hashes only
    key = Ed25519PrivateKey.generate()
    assert any("not signed" in p for p in verify_manifest(store, AKTE, public_pem(key)))
    store.delete(f"akten/{AKTE}/d-1.pdf")
    assert any("missing from the store" in p for p in verify_manifest(store, AKTE, None))


def test_signing_key_from_environment_pem_base64_and_file(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    want = public_pem(key)
    assert public_pem(load_private_key(SigningSettings(key=pem.decode()))) == want  # type: ignore[arg-type]
    assert public_pem(load_private_key(SigningSettings(key=base64.b64encode(raw).decode()))) == want  # type: ignore[arg-type]
    (tmp_path / "k.pem").write_bytes(pem)
    assert public_pem(load_private_key(SigningSettings(key_file=tmp_path / "k.pem"))) == want  # type: ignore[arg-type]
    with pytest.raises(SigningKeyError):
        load_private_key(SigningSettings(key="not a key"))  # type: ignore[arg-type]


def test_bad_signing_key_fails_the_source_before_any_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eakte.catalog import open_catalog
    from eakte.ingest.discover import SourceCandidate
    from eakte.migrate.source import migrate_source

    monkeypatch.setenv("EAKTE_SIGNING_KEY", "bm90IGEga2V5")  # base64, but not 32 bytes of a key
    settings = Settings(data_dir=tmp_path)
    candidate = SourceCandidate(path=tmp_path / "missing.pdf", display_path="missing.pdf", sha256="0" * 64,
                                kind="pdf")
    with pytest.raises(SigningKeyError) as err:
        migrate_source(candidate, settings, LocalStore(tmp_path / "store"), open_catalog(settings))
    assert err.value.code == "signing_key_invalid" and "bm90" not in err.value.message
