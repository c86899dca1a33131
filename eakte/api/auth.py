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


@dataclass(frozen=True)
class TokenTable:
    hashes: dict[str, str]  # sha256 hex -> name

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> TokenTable:
        env = dict(os.environ) if env is None else env
        hashes: dict[str, str] = {}
        for pair in (env.get("EAKTE_API_TOKENS") or "").split(","):
            name, sep, token = pair.strip().partition(":")
            if sep and name and token:
                hashes[digest(token)] = name
        path = env.get("EAKTE_API_TOKENS_FILE")
        if path:
            for line in Path(path).read_text(encoding="utf-8").splitlines():
                name, sep, hexd = line.strip().partition(":")
                if sep and name and len(hexd) == 64 and not line.startswith("#"):
                    hashes[hexd.lower()] = name
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
