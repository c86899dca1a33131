"""`eakte search` on the command line: the same query layer, with store paths for each hit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import BIN
from tests.search_data import build


def test_cli_search_uses_filters_and_prints_links(tmp_path: Path) -> None:
    build(tmp_path)[0].close()
    exe = shutil.which("eakte", path=str(BIN)) or "eakte"
    env = {k: v for k, v in os.environ.items() if not k.startswith("EAKTE_")}
    out = subprocess.run([exe, "search", "--party", "Ozturk", "--file-number", "22K3443/18 A", "--format", "jsonl",
                          "--data-dir", str(tmp_path)], capture_output=True, text=True, env=env, check=True).stdout
    hits = [json.loads(line) for line in out.splitlines()]
    assert [h["document"]["document_id"] for h in hits] == ["d-urteil"]
    assert Path(hits[0]["links"]["pdf"]).exists()
    bad = subprocess.run([exe, "search", "--from", "yesterday", "--data-dir", str(tmp_path)], capture_output=True,
                         text=True, env=env)
    assert bad.returncode == 2 and "date_from" in bad.stderr
