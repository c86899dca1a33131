"""`eakte eval-compare` puts the same metric of several reports in one row, each under its corpus name."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eakte.cli.main import app
from eakte.evaluation.compare import render, rows
from eakte.evaluation.scoring import score


def _doc(sha: str, date: str | None, first: int = 1, last: int = 2) -> dict[str, object]:
    return {"schema_version": "1", "source": {"path": f"{sha}.pdf", "sha256": sha, "first_page": first,
                                              "last_page": last},
            "doc_type": "court_decision", "doc_subtype": "urteil", "document_date": date,
            "court": None, "file_numbers": [], "review": {"needed": False, "reasons": []}}


def _report(dates: list[str | None]) -> dict[str, object]:
    truth = [_doc(f"s{i}", "2020-01-0" + str(i + 1)) for i in range(len(dates))]
    pred = [_doc(f"s{i}", d) for i, d in enumerate(dates)]
    return score(truth, pred)


def test_rows_put_each_report_in_its_own_column() -> None:
    seen = _report(["2020-01-01", "2020-01-02"])  # both dates right
    unseen = _report(["2020-01-01", None])  # one of two
    table = {r[0]: r[1:] for r in rows([("seen", seen), ("unseen", unseen)])}
    assert table["document_date accuracy"] == ["100.0 %", "50.0 %"]
    md = render([("seen", seen), ("unseen", unseen)], targets=True, markdown=True)
    assert md is not None
    assert md.splitlines()[0] == "| metric | seen | unseen | target |"
    assert "| document_date accuracy | 100.0 % | 50.0 % | >= 95 % |" in md


def test_cli_names_columns_and_refuses_a_missing_report(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(_report(["2020-01-01"])))
    b.write_text(json.dumps(_report([None])))
    res = CliRunner().invoke(app, ["eval-compare", f"seen={a}", f"real={b}", "--markdown"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0] == "| metric | seen | real |"
    assert "| document_date accuracy | 100.0 % | 0.0 % |" in res.output
    res = CliRunner().invoke(app, ["eval-compare", f"seen={tmp_path / 'missing.json'}"])
    assert res.exit_code == 2
    assert "Traceback" not in res.output
