"""One summary over an inbox run's batches: the children's counts added up, throughput over all workers.

Counts only (sources by status, pages, pages/min, review rate, problems): no path or content of a source.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SUMMED = ("sources", "processed", "partial", "duplicate", "quarantined", "unchanged", "deferred", "failed_tasks",
          "interrupted", "pages", "documents")


def combine(children: Sequence[dict[str, Any]], settled_unchanged: int, settled_quarantined: int,
            minutes: float) -> dict[str, int | float]:
    """The inbox run's counts: the batches' counts plus what the parent settled itself (sources already done,
    folders or objects that could not be read). Pages/min is over the batches' wall time, all workers together;
    the review rate is weighted by documents; problems are quarantined and partial sources and failed tasks."""
    total: dict[str, int | float] = {k: sum(int(c.get(k, 0) or 0) for c in children) for k in SUMMED}
    total["unchanged"] += settled_unchanged
    total["quarantined"] += settled_quarantined
    total["sources"] += settled_unchanged + settled_quarantined
    reviewed = sum(float(c.get("review_rate", 0) or 0) * int(c.get("documents", 0) or 0) for c in children)
    total["review_rate"] = round(reviewed / total["documents"], 4) if total["documents"] else 0.0
    total["pages_per_minute"] = round(total["pages"] / minutes, 1) if minutes > 0 else 0.0
    total["problems"] = int(total["quarantined"] + total["partial"] + total["failed_tasks"])
    total["batches"] = len(children)
    return total


def markdown(total: dict[str, int | float], failed: Sequence[str]) -> str:
    lines = [f"# Inbox run: {total['sources']} sources in {total['batches']} batches",
             "", "| | |", "|---|---|"]
    lines += [f"| {k} | {total[k]} |" for k in (*SUMMED, "problems", "pages_per_minute", "review_rate")]
    if failed:
        lines += ["", f"**{len(failed)}** batch runs did not complete: " + ", ".join(failed)]
    return "\n".join(lines) + "\n"
