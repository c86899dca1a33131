"""Alembic migrations of the catalog schema (run on open by `eakte.catalog.upgrade`)."""
