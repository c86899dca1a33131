"""The read-only HTTP API and the search page (FastAPI): `eakte serve` starts it."""

from __future__ import annotations

from eakte.api.app import create_app

__all__ = ["create_app"]
