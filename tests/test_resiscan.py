"""Scan protocol page checks and the signed hash manifest (sign, verify, tamper, wrong key, no key)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from eakte.resiscan import page_check
from eakte.signing import (
    SigningKeyError,
    SigningSettings,
    canonical_json,
    load_private_key,
    public_pem,
    verify_manifest,
    write_manifest,
)
from eakte.store import LocalStore, keys
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


def _store_with_objects(tmp_path: Path) -> tuple[LocalStore, dict[str, str]]:
    store = LocalStore(tmp_path / "store")
    hashes = {}
    for key, data in ((f"akten/{AKTE}/d-1.pdf", b"%PDF-1.7 one"), (f"akten/{AKTE}/d-1.txt", b"Text"),
                      (keys.scan_protocol(AKTE), b'{"protocol_version": "1"}')):
        hashes[key] = store.put_bytes(key, data, "application/octet-stream").sha256
    return store, hashes


def test_signed_manifest_verifies_and_detects_tampering(tmp_path: Path) -> None:
    store, hashes = _store_with_objects(tmp_path)
    key = Ed25519PrivateKey.generate()
    written = write_manifest(store, AKTE, hashes, key)
    assert set(written) == {keys.manifest(AKTE), keys.manifest_signature(AKTE)}
    manifest = json.loads(store.get_bytes(keys.manifest(AKTE)))
    assert manifest["objects"] == dict(sorted(hashes.items())) and manifest["algorithm"] == "Ed25519"
    assert canonical_json(manifest) == store.get_bytes(keys.manifest(AKTE))
    assert verify_manifest(store, AKTE, public_pem(key)) == []

    other = Ed25519PrivateKey.generate()
    assert any("not with the given public key" in p for p in verify_manifest(store, AKTE, public_pem(other)))

    store.put_bytes(f"akten/{AKTE}/d-1.txt", b"Text changed", "text/plain")  # an object changed after migration
    problems = verify_manifest(store, AKTE, public_pem(key))
    assert len(problems) == 1 and problems[0].startswith(f"akten/{AKTE}/d-1.txt: SHA-256")

    forged = dict(manifest, objects={**manifest["objects"], f"akten/{AKTE}/d-1.txt": "f" * 64})
    store.put_bytes(keys.manifest(AKTE), canonical_json(forged), "application/json")  # manifest rewritten
    assert any("signature does not match" in p for p in verify_manifest(store, AKTE, public_pem(key)))


def test_unsigned_manifest_when_no_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EAKTE_SIGNING_KEY", raising=False)
    monkeypatch.delenv("EAKTE_SIGNING_KEY_FILE", raising=False)
    assert load_private_key() is None
    store, hashes = _store_with_objects(tmp_path)
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
