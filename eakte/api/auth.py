"""Bearer-token authentication. Tokens come only from the environment, never from code or config files:

- `EAKTE_API_TOKENS`: comma-separated `name:token` pairs (e.g. from a secrets manager), or
- `EAKTE_API_TOKENS_FILE`: a file with one `name:sha256-hex-of-token` per line (only hashes on disk).

The name is what the audit log records as "who". Comparison is on SHA-256 digests in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenConfigError(ValueError):
    """EAKTE_API_TOKENS or EAKTE_API_TOKENS_FILE is malformed or unreadable; the message never holds a token."""


TOKENS_FORMAT = "expected name:token[,name:token]"
FILE_FORMAT = "expected one name:<sha256-hex of the token> per line"


def _pairs(value: str) -> dict[str, str]:
    hashes: dict[str, str] = {}
    entries = [e.strip() for e in value.split(",") if e.strip()]
    for n, pair in enumerate(entries, 1):
        name, sep, token = pair.partition(":")
        if not (sep and name.strip() and token.strip()):
            raise TokenConfigError(f"EAKTE_API_TOKENS: entry {n} of {len(entries)} is not name:token; {TOKENS_FORMAT}")
        hashes[digest(token.strip())] = name.strip()
    return hashes


def _file(path: str) -> dict[str, str]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise TokenConfigError(f"EAKTE_API_TOKENS_FILE cannot be read ({reason}): {path!r}") from None
    hashes: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, hexd = line.partition(":")
        if not (sep and name.strip() and len(hexd.strip()) == 64
                and all(c in "0123456789abcdef" for c in hexd.strip().lower())):
            raise TokenConfigError(f"EAKTE_API_TOKENS_FILE line {n} is not name:sha256-hex; {FILE_FORMAT}")
        hashes[hexd.strip().lower()] = name.strip()
    return hashes


@dataclass(frozen=True)
class TokenTable:
    hashes: dict[str, str]  # sha256 hex -> name

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> TokenTable:
        """Raises TokenConfigError for a malformed variable or an unreadable file (never silently no tokens)."""
        env = dict(os.environ) if env is None else env
        hashes = _pairs(env.get("EAKTE_API_TOKENS") or "")
        path = env.get("EAKTE_API_TOKENS_FILE")
        if path:
            hashes.update(_file(path))
        return cls(hashes)

    def who(self, token: str | None) -> str | None:
        if not token:
            return None
        d = digest(token)
        found = None
        for known, name in self.hashes.items():
            if hmac.compare_digest(known, d):
                found = name
        return found
