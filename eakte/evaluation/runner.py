"""Runs the real pipeline over a labelled corpus through its command line, then scores the result.

Going through `eakte migrate` and `eakte documents` (subprocesses) measures exactly what an
operator gets, including ingest, OCR and catalog round trips.

    python -m eakte.evaluation.runner CORPUS [--labels L] [--out report.json] [--data-dir D]
    python -m eakte.evaluation.runner CORPUS --predictions docs.jsonl [--prediction-sources s.jsonl]  # score only
    python -m eakte.evaluation.runner CORPUS --extra-labels eakte/evaluation/data/real_parties.jsonl  # + parties

A corpus with per-person truth (`persons.jsonl`) also gets the report's `case` section: the case overview
scored against it (`eakte/evaluation/case.py`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from eakte.evaluation.report import print_report, write_json
from eakte.evaluation.scoring import score


class EvalError(RuntimeError):
    """The evaluation could not run (missing labels, pipeline command failed)."""


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def resolve(corpus: Path, labels: Path | None) -> tuple[Path, Path]:
    """(labels file, folder to migrate) for a corpus folder.

    Generated corpora keep scans in CORPUS/scans, the real decisions in CORPUS/pdf; with an
    explicit labels file CORPUS itself is the input.
    """
    if labels is not None:
        return labels, corpus
    labels = corpus / "labels.jsonl"
    if not labels.exists():
        raise EvalError(f"no labels: {labels} does not exist (give --labels)")
    for sub in ("scans", "pdf"):
        if (corpus / sub).is_dir():
            return labels, corpus / sub
    return labels, corpus


_EXTRA_KEYS = frozenset({"path", "sha256", "split"})


def merge_extra_labels(truth: list[dict[str, Any]], extra: list[dict[str, Any]]) -> int:
    """Adds the fields of extra label lines (`{"sha256": ..., "parties": [...]}`) to the truth records of that
    source: the real decisions' parties are labelled apart from their other fields. Returns how many truth
    records took fields; a line whose source the corpus lacks is ignored."""
    by_sha = {str(x["sha256"]): x for x in extra if x.get("sha256")}
    merged = 0
    for rec in truth:
        add = by_sha.get(str((rec.get("source") or {}).get("sha256")))
        if add is not None:
            rec.update({k: v for k, v in add.items() if k not in _EXTRA_KEYS})
            merged += 1
    return merged


def _eakte() -> list[str]:
    exe = Path(sys.executable).parent / "eakte"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("eakte")
    return [found] if found else [sys.executable, "-m", "eakte.cli"]


def run_pipeline(input_dir: Path, workdir: Path, log: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """`eakte migrate INPUT --data-dir WORKDIR`, then the catalog's (documents, sources) as records."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    workdir.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as logf:
        mig = subprocess.run([*_eakte(), "migrate", str(input_dir), "--data-dir", str(workdir)], env=env,
                             stdout=logf, stderr=subprocess.STDOUT, check=False)
        docs = subprocess.run([*_eakte(), "documents", "--format", "jsonl", "--data-dir", str(workdir)], env=env,
                              stdout=subprocess.PIPE, stderr=logf, text=True, check=False)
        srcs = subprocess.run([*_eakte(), "sources", "--format", "jsonl", "--data-dir", str(workdir)], env=env,
                              stdout=subprocess.PIPE, stderr=logf, text=True, check=False)
    if docs.returncode != 0:
        raise EvalError(f"eakte documents failed with exit code {docs.returncode} (log: {log})")
    if mig.returncode != 0:
        # Quarantined or partial sources still leave a catalog worth scoring; the log says more.
        Console(stderr=True).print(f"[yellow]eakte migrate exited with {mig.returncode} (log: {log})[/yellow]")
    return _records(docs.stdout), _records(srcs.stdout if srcs.returncode == 0 else "")


def _records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip().startswith("{")]


def run_eval(corpus_dir: Path, out_json: Path, workdir: Path | None = None, labels: Path | None = None,
             predictions: Path | None = None, console: Console | None = None,
             prediction_sources: Path | None = None, extra_labels: Path | None = None) -> dict[str, Any]:
    """Migrate the corpus into `workdir` (a temporary folder when None), score, print and write the report."""
    labels_path, input_dir = resolve(corpus_dir, labels)
    truth = read_jsonl(labels_path)
    if extra_labels is not None:
        if not extra_labels.exists():
            raise EvalError(f"no extra labels: {extra_labels} does not exist")
        merge_extra_labels(truth, read_jsonl(extra_labels))
    truth_sources_path = labels_path.parent / "sources.jsonl"
    truth_sources = read_jsonl(truth_sources_path) if truth_sources_path.exists() else None
    pred_sources: list[dict[str, Any]] | None = None
    t0 = time.monotonic()
    meta: dict[str, Any] = {"corpus": str(corpus_dir), "labels": str(labels_path), "input": str(input_dir)}
    if extra_labels is not None:
        meta["extra_labels"] = str(extra_labels)
    work: Path | None = None
    if predictions is not None:
        preds = read_jsonl(predictions)
        pred_sources = read_jsonl(prediction_sources) if prediction_sources else None
        meta["predictions"] = str(predictions)
    else:
        work = workdir or Path(tempfile.mkdtemp(prefix="eakte-eval-"))
        preds, pred_sources = run_pipeline(input_dir, work, work / "eval-run.log")
        meta.update({"data_dir": str(work), "commands": [
            f"eakte migrate {input_dir} --data-dir {work}", f"eakte documents --format jsonl --data-dir {work}"]})
    meta["seconds"] = round(time.monotonic() - t0, 1)
    report = {"meta": meta, **score(truth, preds, truth_sources, pred_sources)}
    persons = labels_path.parent / "persons.jsonl"
    data_dir = workdir if predictions is not None else work
    if persons.exists() and data_dir is not None and data_dir.is_dir():
        # The case overview against the per-person truth, as `eakte case show AKTE --at R` builds it.
        from eakte.evaluation.case import case_section

        t1 = time.monotonic()
        report["case"] = case_section(persons, truth, data_dir)
        meta["case_seconds"] = round(time.monotonic() - t1, 1)
    write_json(report, out_json)
    print_report(report, console or Console(), title=f"evaluation: {corpus_dir.name or corpus_dir}")
    return report


def eval_command(corpus: Path, out: Path, data_dir: Path | None, labels: Path | None,
                 extra_labels: Path | None = None) -> None:
    """What `eakte eval CORPUS [--labels L] [--extra-labels X] [--out report.json] [--data-dir D]` runs."""
    try:
        run_eval(corpus, out, data_dir, labels, extra_labels=extra_labels)
    except EvalError as exc:
        Console(stderr=True).print(f"[red]eval:[/red] {exc}")
        raise SystemExit(2) from exc


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eakte.evaluation.runner", description="Score the pipeline.")
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--labels", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=Path("eval-report.json"))
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--predictions", type=Path, default=None, help="score these records instead of running")
    ap.add_argument("--prediction-sources", type=Path, default=None, help="with --predictions: source records")
    ap.add_argument("--extra-labels", type=Path, default=None,
                    help="more truth fields per source (JSON lines with sha256), e.g. real decisions' parties")
    args = ap.parse_args(argv)
    try:
        run_eval(args.corpus, args.out, args.data_dir, args.labels, args.predictions,
                 prediction_sources=args.prediction_sources, extra_labels=args.extra_labels)
    except EvalError as exc:
        Console(stderr=True).print(f"[red]eval:[/red] {exc}")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
