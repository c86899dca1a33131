"""Measures the pipeline against labelled corpora: scoring (pure), report (table + JSON), runner (CLI run)."""

from __future__ import annotations

from eakte.evaluation.scoring import score

__all__ = ["score"]
