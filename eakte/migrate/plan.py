"""A run's plan, decided before any work: which sources are done already and which duplicate another."""

from __future__ import annotations

from eakte.catalog import Catalog
from eakte.ingest.discover import SourceCandidate
from eakte.migrate.outcome import SourceOutcome, already_done
from eakte.store import ObjectStore


def plan_duplicates(candidates: list[SourceCandidate], catalog: Catalog) -> dict[int, str]:
    """Index of candidate → path it duplicates. The first path (in sorted order) with a content wins."""
    first: dict[str, str] = {}
    dups: dict[int, str] = {}
    for i, cand in enumerate(candidates):
        if cand.error is not None or cand.sha256 is None:
            continue
        earlier = catalog.first_with_sha(cand.sha256)
        if earlier is not None and earlier.path != cand.display_path and earlier.status in ("processed", "partial"):
            dups[i] = earlier.path
        elif cand.sha256 in first:
            dups[i] = first[cand.sha256]
        else:
            first[cand.sha256] = cand.display_path
    return dups


def split_done(candidates: list[SourceCandidate], store: ObjectStore,
               catalog: Catalog) -> tuple[list[SourceOutcome], list[SourceCandidate]]:
    """Sources finished by an earlier run (one indexed catalog lookup each) and the ones still to do."""
    done: list[SourceOutcome] = []
    pending: list[SourceCandidate] = []
    for cand in candidates:
        rec = already_done(cand, store, catalog)
        if rec is None:
            pending.append(cand)
        else:
            done.append(SourceOutcome(rec, skipped=True))
    return done, pending
