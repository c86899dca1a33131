"""Nothing under the inputs vanishes and nothing outside them is read: folders that cannot be listed and paths
longer than PATH_MAX become records; symbolic links reach only files inside the folders given to the run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eakte.catalog import SqliteCatalog
from eakte.config import Limits
from eakte.ingest.discover import discover
from eakte.migrate.outcome import quarantine
from eakte.store import LocalStore
from tests.badinput import text_pdf_bytes

ROOT = Path(__file__).resolve().parent.parent
# Root reads any folder whatever its mode: the listing runs without the two capabilities that allow that,
# so chmod 000 stops it for real (setpriv from util-linux drops them from the bounding set before exec).
NO_DAC = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]
LIST = "import json,sys; from pathlib import Path; from eakte.ingest.discover import discover; " \
       "from eakte.config import Limits; " \
       "print(json.dumps([[c.display_path, c.error and c.error.code, c.error and c.error.message] " \
       "for c in discover([Path(sys.argv[1])], Limits())]))"


def _discover_as_unprivileged(folder: Path) -> list[list[str | None]]:
    cmd = [sys.executable, "-c", LIST, str(folder)]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root without setpriv: cannot make a folder unreadable")
        cmd = NO_DAC + cmd
    res = subprocess.run(cmd, capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    out: list[list[str | None]] = json.loads(res.stdout)
    return out


def test_a_folder_that_cannot_be_listed_is_a_record(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    (inbox / "locked" / "deeper").mkdir(parents=True)
    (inbox / "locked" / "akte.pdf").write_bytes(text_pdf_bytes())
    (inbox / "open.pdf").write_bytes(text_pdf_bytes())
    (inbox / "locked").chmod(0)
    try:
        found = _discover_as_unprivileged(inbox)
    finally:
        (inbox / "locked").chmod(0o755)
    assert [(p, code) for p, code, _ in found] == [("open.pdf", None), ("locked", "unreadable_folder")]
    assert "permission denied" in str(found[1][2])


def test_path_longer_than_path_max_is_one_record_and_the_run_goes_on(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a-short.pdf").write_bytes(text_pdf_bytes())
    fd = os.open(inbox, os.O_RDONLY)
    try:
        for _ in range(18):  # 18 x 251 bytes: far beyond PATH_MAX (4096)
            os.mkdir("d" * 250, dir_fd=fd)
            nxt = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        os.close(os.open("deep.pdf", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
    finally:
        os.close(fd)
    cands = discover([inbox], Limits())
    assert cands[0].display_path == "a-short.pdf" and cands[0].error is None
    assert len(cands) == 2
    deep = cands[1]
    assert deep.error is not None and deep.error.code == "unreadable_folder"
    assert "longer than the system allows" in deep.error.message
    assert len(str(inbox / deep.display_path).encode()) >= 4096
    store, cat = LocalStore(tmp_path / "data" / "store"), SqliteCatalog(tmp_path / "data" / "catalog.sqlite")
    out = quarantine(deep, deep.error, store, cat)
    assert out.record.path == deep.display_path and "original" not in out.record.objects
    cat.close()
    shutil.rmtree(inbox, ignore_errors=True)  # rmtree works with dir fds, beyond PATH_MAX


def test_links_reach_only_files_inside_the_inputs(tmp_path: Path) -> None:
    inbox, outside = tmp_path / "in", tmp_path / "outside"
    inbox.mkdir()
    outside.mkdir()
    secret = outside / "secret.pdf"
    secret.write_bytes(text_pdf_bytes([["Vertraulich: nicht Teil der Migration."]]))
    (inbox / "good.pdf").write_bytes(text_pdf_bytes())
    (inbox / "to-secret.pdf").symlink_to(secret)
    (inbox / "to-shadow.pdf").symlink_to("/etc/shadow" if Path("/etc/shadow").exists() else "/etc/passwd")
    (inbox / "dotdot.pdf").symlink_to("../outside/secret.pdf")
    (inbox / "sub").mkdir()
    (inbox / "sub" / "to-good.pdf").symlink_to("../good.pdf")  # inside the inputs: followed
    cands = {c.display_path: c for c in discover([inbox], Limits())}
    assert cands["sub/to-good.pdf"].error is None and cands["sub/to-good.pdf"].sha256 == cands["good.pdf"].sha256
    store, cat = LocalStore(tmp_path / "data" / "store"), SqliteCatalog(tmp_path / "data" / "catalog.sqlite")
    for name in ("to-secret.pdf", "to-shadow.pdf", "dotdot.pdf"):
        cand = cands[name]
        assert cand.error is not None and cand.error.code == "link_outside_inputs", name
        assert cand.sha256 is None and cand.mime is None  # not read at all
        out = quarantine(cand, cand.error, store, cat)
        assert set(out.record.objects) == {"reason"}
    stored = b"".join(store.get_bytes(k) for k in store.list())
    assert b"Vertraulich" not in stored and b"root:" not in stored
    # A file given on the command line is the operator's choice, link or not.
    (direct,) = discover([inbox / "to-secret.pdf"], Limits())
    assert direct.error is None and direct.sha256
    cat.close()
