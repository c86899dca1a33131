"""File and folder names are printed as text: Rich markup in a name is shown, not parsed; control characters
are escaped (`\\x1b`), never sent raw to the operator's terminal."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from tests.conftest import run_cli

WIDE = {"COLUMNS": "400"}  # one table row per line, so a name is never folded


def test_markup_and_escape_sequences_in_names_are_printed_as_text(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    (inbox / "sub[").mkdir(parents=True)  # the path reads "sub[/red]x.gif": a closing tag Rich cannot match
    for name in ("sub[/red]x.gif", "col\x1b[31mour.gif", "[bold]b.gif"):  # GIF is quarantined at once (no OCR)
        Image.new("L", (8, 8), 255).save(inbox / name, format="GIF")
    data, summary = tmp_path / "data", tmp_path / "summary.json"
    run = run_cli("migrate", str(inbox), "--data-dir", str(data), "--summary-json", str(summary),
                  env=WIDE, timeout=600)
    assert run.returncode == 3, run.stderr[-3000:]  # all quarantined (unsupported type)
    assert "Traceback" not in run.stderr and "MarkupError" not in run.stderr
    assert "\x1b" not in run.stderr
    for shown in ("sub[/red]x.gif", "col\\x1b[31mour.gif", "[bold]b.gif"):
        assert f"  quarantined {shown}: unsupported file type" in run.stderr
    assert json.loads(summary.read_text(encoding="utf-8"))["by_status"] == {"quarantined": 3}

    table = run_cli("sources", "--format", "table", "--data-dir", str(data), env=WIDE, timeout=120)
    assert table.returncode == 0, table.stderr[-3000:]
    assert all(n in table.stdout for n in ("sub[/red]x.gif", "col\\x1b[31mour.gif", "[bold]b.gif"))
    assert "\x1b" not in table.stdout
    jsonl = run_cli("sources", "--data-dir", str(data), timeout=120)
    paths = sorted(json.loads(line)["path"] for line in jsonl.stdout.splitlines())
    assert [Path(p).name for p in paths] == ["[bold]b.gif", "col\x1b[31mour.gif", "red]x.gif"]  # real names kept
