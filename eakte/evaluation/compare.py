"""Score reports of several corpora side by side: seen family, unseen family, real decisions.

Why: a number on the project's own generated split says little about documents written by
others; the generalisation gap only shows when the same metrics stand next to each other.
Reads the JSON reports `eakte eval` writes, prints metrics only (no document text).

    eakte eval-compare seen=seen.json unseen=unseen.json real=real.json [--targets] [--markdown]
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from eakte.evaluation.report import summary_rows

# The acceptance targets, shown beside the values (not used to gate anything).
TARGETS: dict[str, str] = {
    "boundary F1": ">= 97 %",
    "doc_type macro-F1": ">= 97 %",
    "document_date accuracy": ">= 95 %",
    "court accuracy (type+place)": ">= 98 %",
    "file-number F1": ">= 95 %",
    "party F1 (role+name, micro)": ">= 90 %",
    "review rate": "<= 10 %",
    "error rate among not flagged": "<= 2 %",
    "case: person linking pairwise F1": ">= 98 %",
    "case: status intervals day F1": ">= 95 %",
    "case: employment months F1": ">= 95 %",
    "case: check verdicts correct": ">= 95 %",
    "case: met where truth not_met": "0",
    "case: facts with document id and page": "100 %",
}


class CompareError(ValueError):
    """A report argument that cannot be read (operator error: exit 2)."""


def parse_specs(specs: Sequence[str]) -> list[tuple[str, Path]]:
    """`name=path` pairs (a bare path is named after its file)."""
    out = []
    for spec in specs:
        name, sep, path = spec.partition("=")
        p = Path(path if sep else name)
        out.append((name if sep else p.stem, p))
    return out


def load(specs: Sequence[tuple[str, Path]]) -> list[tuple[str, dict[str, Any]]]:
    import json

    reports = []
    for name, path in specs:
        try:
            reports.append((name, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError) as exc:
            raise CompareError(f"cannot read report {name}: {type(exc).__name__}") from exc
    return reports


def rows(reports: Sequence[tuple[str, dict[str, Any]]]) -> list[list[str]]:
    """One row per metric: [metric, value per report ...]."""
    table: dict[str, list[str]] = {}
    order: list[str] = []
    for i, (_, report) in enumerate(reports):
        for metric, value, _detail in summary_rows(report):
            if metric not in table:
                table[metric] = ["n/a"] * len(reports)
                order.append(metric)
            table[metric][i] = value
    return [[m, *table[m]] for m in order]


def render(reports: Sequence[tuple[str, dict[str, Any]]], targets: bool = False, markdown: bool = False,
           console: Console | None = None) -> str | None:
    names = [n for n, _ in reports]
    body = rows(reports)
    if targets:
        body = [[*r, TARGETS.get(r[0], "")] for r in body]
    header = ["metric", *names, *(["target"] if targets else [])]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(r) + " |" for r in body]
        return "\n".join(lines)
    t = Table(title="evaluation side by side")
    for i, h in enumerate(header):
        t.add_column(h, justify="left" if i == 0 else "right")
    for r in body:
        t.add_row(*r)
    (console or Console()).print(t)
    return None
