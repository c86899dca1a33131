"""Migrating one source: the driver from snapshot to stored records, and the outcomes it decides."""
