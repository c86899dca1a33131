"""The signed hash manifest of an Akte: an Ed25519 signature over the canonical JSON of every object's SHA-256.

Why Ed25519 (via `cryptography`, the de-facto standard crypto library for Python): small keys that fit an
environment variable, deterministic signatures, no certificate infrastructure needed to check integrity
later. The key comes only from the environment (`EAKTE_SIGNING_KEY`: PEM or base64 of the raw 32-byte
seed; or `EAKTE_SIGNING_KEY_FILE`: a path to a PEM file) — never from the repository. Without a key the
manifest is still written, unsigned, and the scan protocol says so.

    akten/<akte_id>/manifest.json   canonical JSON: {"akte_id", "algorithm", "key_id", "objects": {key: sha256}}
    akten/<akte_id>/manifest.sig    {"algorithm": "Ed25519", "key_id", "signature": base64}   (only when signed)
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from eakte.errors import EakteError, ExitCode
from eakte.integrity.findings import Finding
from eakte.store import ObjectStore, keys
from schemas.records import SourceRecord

ALGORITHM = "Ed25519"
MANIFEST_VERSION = "1"


class SigningSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EAKTE_SIGNING_")

    key: SecretStr | None = None  # EAKTE_SIGNING_KEY
    key_file: Path | None = None  # EAKTE_SIGNING_KEY_FILE
    public_key: str | None = None  # EAKTE_SIGNING_PUBLIC_KEY: verify without holding the private key


class SigningKeyError(EakteError):
    code = "signing_key_invalid"
    exit_code = ExitCode.bad_args
    default_message = "the configured signing key is not an Ed25519 private key (PEM or base64 of 32 bytes)"


def canonical_json(obj: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8: the same data always gives the same bytes (and signature)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _private_from_bytes(data: bytes) -> Ed25519PrivateKey:
    text = data.strip()
    try:
        if text.startswith(b"-----BEGIN"):
            key = serialization.load_pem_private_key(text, password=None)
        else:
            raw = base64.b64decode(text, validate=True)
            key = (Ed25519PrivateKey.from_private_bytes(raw) if len(raw) == 32
                   else serialization.load_der_private_key(raw, password=None))
    except (ValueError, TypeError, binascii.Error) as exc:
        raise SigningKeyError() from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError()
    return key


def load_private_key(settings: SigningSettings | None = None) -> Ed25519PrivateKey | None:
    """The configured signing key, or None when none is configured (then manifests stay unsigned)."""
    settings = settings or SigningSettings()
    if settings.key is not None and settings.key.get_secret_value().strip():
        return _private_from_bytes(settings.key.get_secret_value().encode())
    if settings.key_file is not None:
        try:
            return _private_from_bytes(settings.key_file.read_bytes())
        except OSError as exc:
            raise SigningKeyError("the signing key file configured in EAKTE_SIGNING_KEY_FILE cannot be read") from exc
    return None


def load_public_key(data: bytes | str | Ed25519PublicKey) -> Ed25519PublicKey:
    """A public key from PEM, base64 of the raw 32 bytes, or a key object."""
    if isinstance(data, Ed25519PublicKey):
        return data
    text = data.encode() if isinstance(data, str) else data
    text = text.strip()
    try:
        if text.startswith(b"-----BEGIN"):
            key = serialization.load_pem_public_key(text)
        else:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except (ValueError, TypeError, binascii.Error) as exc:
        raise SigningKeyError("the public key is not an Ed25519 key (PEM or base64 of 32 bytes)") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyError("the public key is not an Ed25519 key")
    return key


def public_pem(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def key_id(public: Ed25519PublicKey) -> str:
    """Short fingerprint of a public key: SHA-256 over its raw bytes (first 16 hex digits)."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def build_manifest(akte_id: str, objects: dict[str, str], key: Ed25519PrivateKey | None) -> dict[str, Any]:
    return {"manifest_version": MANIFEST_VERSION, "akte_id": akte_id, "hash": "sha256",
            "algorithm": ALGORITHM if key else None, "key_id": key_id(key.public_key()) if key else None,
            "objects": dict(sorted(objects.items()))}


def write_manifest(store: ObjectStore, akte_id: str, objects: dict[str, str],
                   key: Ed25519PrivateKey | None) -> dict[str, str]:
    """Stores manifest.json (and manifest.sig when a key is given); returns their keys and SHA-256s."""
    body = canonical_json(build_manifest(akte_id, objects, key))
    written = {}
    m = store.put_bytes(keys.manifest(akte_id), body, "application/json")
    written[m.key] = m.sha256
    if key is not None:
        sig = {"algorithm": ALGORITHM, "key_id": key_id(key.public_key()),
               "signature": base64.b64encode(key.sign(body)).decode("ascii")}
        s = store.put_bytes(keys.manifest_signature(akte_id), canonical_json(sig), "application/json")
        written[s.key] = s.sha256
    return written


def verify_manifest(store: ObjectStore, akte_id: str, public_key: bytes | str | Ed25519PublicKey | None) -> list[str]:
    """Problems found, in plain words (empty = intact): signature, then every listed object's SHA-256.

    With `public_key=None` only the hashes are checked and an unsigned manifest is not a problem.
    Messages name object keys and hashes only, never content.
    """
    problems: list[str] = []
    if store.stat(keys.manifest(akte_id)) is None:  # stat first: a missing object is no retried read error
        return [f"{keys.manifest(akte_id)}: manifest missing"]
    body = store.get_bytes(keys.manifest(akte_id))
    try:
        manifest = json.loads(body)
    except ValueError:
        return [f"{keys.manifest(akte_id)}: manifest is not valid JSON"]
    if canonical_json(manifest) != body:
        problems.append(f"{keys.manifest(akte_id)}: manifest is not in canonical form (edited after writing?)")
    if manifest.get("akte_id") != akte_id:
        problems.append(f"{keys.manifest(akte_id)}: manifest belongs to another Akte")
    if public_key is not None:
        problems.extend(_check_signature(store, akte_id, body, load_public_key(public_key)))
    for key, expected in (manifest.get("objects") or {}).items():
        if store.stat(key) is None:
            problems.append(f"{key}: listed in the manifest but missing from the store")
            continue
        actual = hashlib.sha256(store.get_bytes(key)).hexdigest()
        if actual != expected:
            problems.append(f"{key}: SHA-256 {actual[:16]}… differs from the manifest's {expected[:16]}…")
    return problems


def _check_signature(store: ObjectStore, akte_id: str, body: bytes, public: Ed25519PublicKey) -> list[str]:
    where = keys.manifest_signature(akte_id)
    if store.stat(where) is None:
        return [f"{where}: manifest is not signed (no signature object)"]
    try:
        sig = json.loads(store.get_bytes(where))
    except ValueError:
        return [f"{where}: signature object is not valid JSON"]
    if sig.get("key_id") != key_id(public):
        return [f"{where}: signed with key {sig.get('key_id')}, not with the given public key {key_id(public)}"]
    try:
        public.verify(base64.b64decode(sig.get("signature", "")), body)
    except (InvalidSignature, ValueError, binascii.Error):
        return [f"{where}: Ed25519 signature does not match the manifest"]
    return []


def configured_public_key(settings: SigningSettings | None = None) -> Ed25519PublicKey | None:
    """The key to verify with: EAKTE_SIGNING_PUBLIC_KEY, else the public half of the signing key."""
    settings = settings or SigningSettings()
    if settings.public_key:
        return load_public_key(settings.public_key)
    private = load_private_key(settings)
    return private.public_key() if private else None


def check_akte(store: ObjectStore, akte_id: str, settings: SigningSettings | None = None) -> list[str]:
    """The hook for `eakte verify`: manifest signature (when a key is configured) and every object's SHA-256.

    An Akte migrated before manifests existed reports "manifest missing".
    """
    return verify_manifest(store, akte_id, configured_public_key(settings))


def manifest_check(store: ObjectStore, catalog: object, rec: SourceRecord) -> list[Finding]:
    """`eakte verify` extra check (registered below): the signed manifest of every migrated source.

    Sources migrated before manifests existed (no "manifest" in their record's objects) are skipped; their
    objects are still re-hashed by verify itself.
    """
    if rec.status not in ("processed", "partial") or not rec.akte_id or "manifest" not in rec.objects:
        return []
    findings = []
    for problem in check_akte(store, rec.akte_id):
        key, _, detail = problem.partition(": ")
        findings.append(Finding("extra", key, "signed manifest: " + detail))
    return findings

