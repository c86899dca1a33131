"""eakte: migrates scanned paper Ausländerakten into the E-Akte."""

from __future__ import annotations

__version__ = "0.1.0"
# Bumped whenever extraction or storage output changes, so older sources can be reprocessed.
PIPELINE_VERSION = "2026.11.5"
