"""Prefect and process glue: slots, credentials, the ephemeral API, stopping, progress, the run lock."""
