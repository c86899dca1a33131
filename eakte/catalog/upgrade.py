"""Brings a catalog database to the current schema with Alembic, on open.

Alembic (not a hand-rolled runner) because it already solves versioning, ordering and per-dialect
DDL, and ops people know `alembic_version`. On PostgreSQL an advisory lock keeps two processes that
open the same catalog from migrating at once. A SQLite catalog written before migrations existed
(tables but no `alembic_version`) is moved aside, migrated, and refilled from its stored records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"
_LOCK_KEY = 0x6561_6B74_65  # "eakte"


@dataclass
class Legacy:
    """Records of a pre-migration catalog: source JSON, and (document JSON, text) pairs."""

    sources: list[str] = field(default_factory=list)
    documents: list[tuple[str, str]] = field(default_factory=list)


def _config(connection: sa.Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    rev = ScriptDirectory.from_config(_config()).get_current_head()
    assert rev is not None
    return rev


def current(connection: sa.Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: sa.Engine) -> Legacy:
    """Migrates to head; returns the records to refill when an unversioned catalog was found."""
    target = head()
    with engine.connect() as conn:
        if current(conn) == target:
            return Legacy()
    legacy = Legacy()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
        elif current(conn) is None and sa.inspect(conn).has_table("sources"):
            legacy = _take_legacy(conn)
        if current(conn) != target:
            command.upgrade(_config(conn), "head")
    return legacy


def _take_legacy(conn: sa.Connection) -> Legacy:
    """Reads and drops the tables of a pre-migration SQLite catalog (its records are the truth)."""
    legacy = Legacy(sources=[r for (r,) in conn.exec_driver_sql("SELECT record FROM sources ORDER BY seq")])
    texts: dict[str, str] = {}
    if sa.inspect(conn).has_table("documents_fts"):
        texts = {i: t or "" for i, t in conn.exec_driver_sql("SELECT document_id, text FROM documents_fts")}
    if sa.inspect(conn).has_table("documents"):
        legacy.documents = [(r, texts.get(i, "")) for i, r in
                            conn.exec_driver_sql("SELECT document_id, record FROM documents")]
    for table in ("documents_fts", "documents", "sources", "meta"):
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
    return legacy
