"""What every stage of one run shares, handed down as one object instead of a list of arguments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eakte.catalog import Catalog
from eakte.config import Settings
from eakte.store import ObjectStore

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


@dataclass(frozen=True)
class RunContext:
    """The run's settings, where its records go, and the key its manifests are signed with (None: unsigned)."""

    settings: Settings
    store: ObjectStore
    catalog: Catalog
    signing_key: Ed25519PrivateKey | None = None
