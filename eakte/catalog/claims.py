"""Source claims on a PostgreSQL catalog: a lease row per source a run works on, so runs that share the
catalog and store never migrate one source twice, and a run killed mid-batch loses nothing.

Protocol (one autocommit statement each, the database's clock decides expiry):
- claim: `INSERT … ON CONFLICT (source_key) DO UPDATE … WHERE expires_at < now() OR run_id = mine
  RETURNING run_id`. A row comes back only when the claim is ours: new, expired (its run was killed and
  stopped renewing) or already ours (a task retry). A concurrent claim of the same key waits for the row
  lock of the first insert (one short statement) and then sees a live claim of another run.
- renew: `UPDATE … SET expires_at = now() + ttl WHERE run_id = mine`, every ttl/3 from a thread while the
  run works, so a long source keeps its claim.
- release: `DELETE … WHERE source_key = key AND run_id = mine`, in the transaction that writes the source's
  record (`releasing` names the claim to the catalog's `record_source`), and once more after the source
  (a no-op then; it frees the claim of a source that ended without a record, e.g. stopped). Whoever claims
  the key next looks at the catalog again first, so a source finished by another run is never done twice.
The owner is a random run id, a hash of the host name and the PID: no personal data.
SQLite catalogs do not use claims: they are single-writer, guarded by the data dir's run lock.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from eakte.catalog.schema import source_claims as C

log = logging.getLogger("eakte.catalog.claims")

CLAIM_TTL_SECONDS = 300.0  # a killed run's claims are taken over after this; renewed every third of it


def host_tag() -> str:
    """The host as a short hash (a host name may name a person)."""
    return "h" + hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]


_RELEASING: ContextVar[tuple[str, str] | None] = ContextVar("eakte_releasing_claim", default=None)


@contextmanager
def releasing(run_id: str, key: str) -> Iterator[None]:
    """Source records written inside (in this thread or task) drop this claim in their own transaction."""
    token = _RELEASING.set((run_id, key))
    try:
        yield
    finally:
        _RELEASING.reset(token)


def release_with_record(conn: sa.Connection) -> None:
    """Called by `record_source` in its transaction: deletes the claim named by `releasing`, if any."""
    held = _RELEASING.get()
    if held is not None and conn.dialect.name == "postgresql":
        conn.execute(sa.delete(C).where(C.c.source_key == held[1], C.c.run_id == held[0]))


@dataclass(frozen=True)
class Holder:
    run_id: str
    host: str
    pid: int
    expires_at: datetime


class SourceClaims:
    """The claims of one run on one PostgreSQL catalog engine."""

    def __init__(self, engine: sa.Engine, ttl_seconds: float = CLAIM_TTL_SECONDS, run_id: str | None = None) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("source claims need a PostgreSQL catalog")
        self.engine, self.ttl = engine, timedelta(seconds=ttl_seconds)
        self.run_id = run_id or uuid.uuid4().hex
        self.host, self.pid = host_tag(), os.getpid()

    def _expiry(self) -> sa.ColumnElement[datetime]:
        return sa.func.now() + sa.literal(self.ttl, sa.Interval)

    def claim(self, key: str) -> bool:
        """True when this run now holds the claim on `key` (new, taken over from an expired one, or its own)."""
        stmt = pg_insert(C).values(source_key=key, run_id=self.run_id, host=self.host, pid=self.pid,
                                   claimed_at=sa.func.now(), expires_at=self._expiry())
        upsert = stmt.on_conflict_do_update(
            index_elements=[C.c.source_key],
            set_={"run_id": stmt.excluded.run_id, "host": stmt.excluded.host, "pid": stmt.excluded.pid,
                  "claimed_at": stmt.excluded.claimed_at, "expires_at": stmt.excluded.expires_at},
            where=sa.or_(C.c.expires_at < sa.func.now(), C.c.run_id == self.run_id),
        ).returning(C.c.run_id)
        with self.engine.begin() as conn:
            return conn.execute(upsert).scalar() == self.run_id

    def release(self, key: str) -> bool:
        """Drops this run's claim on `key`; False when it was not (any more) ours."""
        with self.engine.begin() as conn:
            return conn.execute(sa.delete(C).where(C.c.source_key == key, C.c.run_id == self.run_id)).rowcount > 0

    def renew(self) -> int:
        """Moves the expiry of every claim of this run forward; returns how many it holds."""
        with self.engine.begin() as conn:
            return conn.execute(sa.update(C).where(C.c.run_id == self.run_id)
                                .values(expires_at=self._expiry())).rowcount

    def holder(self, key: str) -> Holder | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(C.c.run_id, C.c.host, C.c.pid, C.c.expires_at)
                               .where(C.c.source_key == key)).first()
        return None if row is None else Holder(row.run_id, row.host, row.pid, row.expires_at)

    @contextmanager
    def renewing(self) -> Iterator[None]:
        """Renews this run's claims every third of the lease while the block runs (a long source keeps its claim)."""
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(self.ttl.total_seconds() / 3):
                try:
                    self.renew()
                except Exception as exc:  # a blip: the next round tries again; the lease outlives two misses
                    log.warning("could not renew source claims (%s)", exc.__class__.__name__)

        thread = threading.Thread(target=loop, name="eakte-claim-renewal", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()
