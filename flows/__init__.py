"""Prefect flows: thin orchestration over eakte's plain pipeline functions."""
