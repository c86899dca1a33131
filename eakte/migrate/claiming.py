"""Which run works on a source when several share one PostgreSQL catalog and store (issue 20).

A source task claims its source first (`eakte/catalog/claims.py`). A source another live run holds is
skipped: it is not lost, that run records it (and if that run dies, its claim expires and the next run
does the source). After a claim is taken the catalog is looked at again, because the run that held the
claim may have finished the source since this run planned it. SQLite catalogs take no claims: they are
single-writer, and the data dir's run lock (`eakte/runtime/runlock.py`) keeps a second run out.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from eakte.catalog import Catalog
from eakte.catalog.claims import CLAIM_TTL_SECONDS, SourceClaims, releasing
from eakte.errors import ClaimedElsewhere
from eakte.ids import sha256_bytes
from eakte.ingest.discover import SourceCandidate
from eakte.migrate.outcome import SourceOutcome, already_done
from eakte.store import ObjectStore


def open_claims(catalog: Catalog, ttl_seconds: float = CLAIM_TTL_SECONDS) -> SourceClaims | None:
    """The run's claims: on a PostgreSQL catalog, else None (SQLite: one writer, the run lock decides)."""
    from eakte.catalog.postgres import PostgresCatalog

    return SourceClaims(catalog.engine, ttl_seconds) if isinstance(catalog, PostgresCatalog) else None


def claim_key(candidate: SourceCandidate, duplicate_of: str | None) -> str:
    """The content's SHA-256 for a source to migrate; for a duplicate or an unreadable file (cheap records
    keyed by their path) a hash of the path, so they do not collide with the claim of the migrated content."""
    if candidate.sha256 and candidate.error is None and duplicate_of is None:
        return candidate.sha256
    return "path:" + sha256_bytes(candidate.display_path.encode("utf-8"))


@contextmanager
def claimed(claims: SourceClaims | None, candidate: SourceCandidate, duplicate_of: str | None,
            store: ObjectStore, catalog: Catalog) -> Iterator[SourceOutcome | None]:
    """Holds the source's claim while the block runs; the source's record drops it in the same transaction.

    Yields the finished outcome when another run completed the source since this run's plan (nothing to do),
    else None. ClaimedElsewhere when another live run holds the claim.
    """
    if claims is None:
        yield None
        return
    key = claim_key(candidate, duplicate_of)
    if not claims.claim(key):
        raise ClaimedElsewhere()
    try:
        done = already_done(candidate, store, catalog)
        with releasing(claims.run_id, key):  # the record's transaction deletes the claim
            yield None if done is None else SourceOutcome(done, skipped=True)
    finally:
        claims.release(key)  # no record written (stopped, failed task): free the claim for the next run


def renewing(claims: SourceClaims | None) -> AbstractContextManager[None]:
    """Keeps the run's claims alive while its sources run (nothing to do without claims)."""
    return claims.renewing() if claims is not None else nullcontext()
