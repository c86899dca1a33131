"""Faults during a run: SIGKILL at many points, the S3 server going away, tesseract hanging or crashing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from minio import Minio

from eakte.catalog import SqliteCatalog
from eakte.config import Settings
from eakte.integrity.verify import verify
from eakte.store import LocalStore, open_store
from tests.badinput import small_scan, text_pdf_bytes
from tests.conftest import BIN, S3Server
from tests.reliability import TcpProxy, prefect_env

ROOT = Path(__file__).resolve().parent


def _text_inputs(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True)
    names = []
    for i in range(count):
        name = f"akte-{i:03d}.pdf"
        (folder / name).write_bytes(text_pdf_bytes([
            [f"Aktenblatt {i}: Der Antrag auf Erteilung der Aufenthaltserlaubnis wird abgelehnt,",
             "die Voraussetzungen liegen nicht vor. Gegen diesen Bescheid ist die Klage zulaessig."],
            [f"Blatt {i}, Seite 2: Die Frist zur Ausreise betraegt einen Monat nach Zustellung.",
             "Der Bescheid ist sofort vollziehbar und die Klage hat keine aufschiebende Wirkung."]]))
        names.append(name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 40)  # quarantine writes too
    return [*names, "broken.pdf"]


def _migrate(inputs: Path, data: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(BIN / "eakte"), "migrate", str(inputs), "--data-dir", str(data)],
                            env={**os.environ, **prefect_env(), **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, cwd=data.parent)  # not the repo: Prefect reads ./pyproject.toml


@pytest.mark.slow
def test_sigkill_at_many_points_then_rerun_completes(tmp_path: Path) -> None:
    names = _text_inputs(tmp_path / "in", 5)
    data = tmp_path / "data"
    rng = random.Random(8)
    killed = []
    # Staged points: SIGKILL right after the n-th object written by that run (EAKTE_FAULT_KILL_AFTER),
    # each run continuing where the last one died; then two kills at random moments from outside.
    for n in [1, 2, 1, 3, 2, 1, 2, 3]:
        proc = _migrate(tmp_path / "in", data, {"EAKTE_FAULT_KILL_AFTER": str(n)})
        _, err = proc.communicate(timeout=300)
        assert proc.returncode in (-signal.SIGKILL, 0, 3), err.decode()[-2000:]
        if proc.returncode == -signal.SIGKILL:
            killed.append(f"after write {n}")
    for _ in range(2):
        proc = _migrate(tmp_path / "in", data, {})
        delay = rng.uniform(0.5, 4.0)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed.append(f"at {delay:.1f} s")
    # every staged point is hit; a kill from outside counts only when the run was still going (a run over the
    # few sources left may finish before its random moment, more so since the OCR head start)
    assert len([k for k in killed if k.startswith("after write")]) == 8, killed

    final = _migrate(tmp_path / "in", data, {})
    _, err = final.communicate(timeout=300)
    assert final.returncode == 3, err.decode()[-2000:]  # broken.pdf is quarantined; the rest processed
    cat = SqliteCatalog(data / "catalog.sqlite")
    recs = list(cat.sources())
    assert sorted(r.path for r in recs) == sorted(names)  # one record per file: nothing lost, none twice
    assert {r.path: r.status for r in recs} == {**{n: "processed" for n in names[:-1]}, "broken.pdf": "quarantined"}
    store = LocalStore(data / "store")
    keys = list(store.list())
    assert len(keys) == len(set(keys))
    report = verify(store, cat, [tmp_path / "in"])
    assert report.ok, report.findings  # no orphan (a duplicate would be one), none missing, hashes match
    assert report.objects_checked == len(keys)
    cat.close()


@pytest.fixture()
def s3_behind_proxy() -> Iterator[tuple[S3Server, TcpProxy]]:
    server = S3Server()  # function-scoped: this test's own server
    server.start()
    proxy = TcpProxy(server.port)
    proxy.start()
    yield server, proxy
    proxy.stop()
    server.stop()


def _s3_objects(server: S3Server, bucket: str) -> list[str]:
    client = Minio(f"127.0.0.1:{server.port}", access_key="testing", secret_key="testing", secure=False)
    if not client.bucket_exists(bucket):
        return []
    return [o.object_name or "" for o in client.list_objects(bucket, recursive=True)]


@pytest.mark.slow
@pytest.mark.s3
def test_s3_outage_mid_run_then_rerun_completes(tmp_path: Path, s3_behind_proxy: tuple[S3Server, TcpProxy]) -> None:
    server, proxy = s3_behind_proxy
    names = _text_inputs(tmp_path / "in", 12)
    data, store_url = tmp_path / "data", "s3://outage/eakte"
    env = {"EAKTE_STORE": store_url, "EAKTE_S3_ENDPOINT": proxy.endpoint, "EAKTE_S3_ACCESS_KEY": "testing",
           "EAKTE_S3_SECRET_KEY": "testing", "EAKTE_S3_RETRY_ATTEMPTS": "4", "EAKTE_S3_RETRY_BASE_DELAY": "0.4",
           "EAKTE_SOURCE_RETRY_DELAYS": "[1]", "EAKTE_SOURCES_IN_PARALLEL": "1"}
    proc = _migrate(tmp_path / "in", data, env)
    deadline = time.monotonic() + 240
    while sum(k.endswith("/source.json") for k in _s3_objects(server, "outage")) < 2:
        assert proc.poll() is None and time.monotonic() < deadline, "run ended before the outage"
        time.sleep(0.2)
    proxy.stop()  # the server goes away mid-run (in-flight requests are cut) ...
    time.sleep(12)  # ... longer than one request's backoff (0.4+0.8+1.6 s) and the source retry
    proxy.start()
    back = time.time()
    _, err = proc.communicate(timeout=300)
    # finished; sources the store refused are recorded (quarantined, retried next run), and the exit code says
    # "storage failure" (5, README) rather than "input problems" (3)
    assert proc.returncode == 5, err.decode()[-3000:]

    cat = SqliteCatalog(data / "catalog.sqlite")
    recs = {r.path: r for r in cat.sources()}
    assert sorted(recs) == sorted(names)
    failed = [r for r in recs.values() if r.error_code == "storage_error"]
    done = [r for r in recs.values() if r.status == "processed"]
    assert failed and all("next run retries" in (r.reason or "") for r in failed)
    assert any(r.processed_at and time.mktime(time.strptime(r.processed_at, "%Y-%m-%dT%H:%M:%SZ"))
               - time.timezone >= back - 2 for r in done), "no source completed after the server came back"
    s3 = open_store(Settings(data_dir=data, store=store_url, s3_endpoint=proxy.endpoint,
                             s3_access_key="testing", s3_secret_key="testing"))  # type: ignore[arg-type]
    first = verify(s3, cat)
    # What was stored is complete and verified; objects of interrupted sources are orphans until the re-run.
    assert not first.of("mismatch") and not first.of("missing") and not first.of("incomplete"), first.findings
    assert len(first.of("retry_pending")) == len(failed)

    rerun = _migrate(tmp_path / "in", data, env)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 3, err.decode()[-3000:]
    recs = {r.path: r for r in cat.sources()}
    assert all(recs[n].status == "processed" for n in names[:-1])
    final = verify(s3, cat)
    assert final.ok and not final.of("retry_pending"), final.findings
    cat.close()


@pytest.mark.slow
def test_tesseract_hang_and_crash_make_the_source_partial(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    pages = [small_scan((f"Seite {i} der Akte", "Bescheid ueber die Aufenthaltserlaubnis")) for i in (1, 2, 3)]
    pages[0].save(inputs / "scan.tif", format="TIFF", save_all=True, append_images=pages[1:], dpi=(150, 150))
    data = tmp_path / "data"
    env = {"EAKTE_TESSERACT_CMD": str(ROOT / "fakes" / "tesseract"), "FAKE_TESSERACT_HANG": "p00002",
           "FAKE_TESSERACT_CRASH": "p00003", "EAKTE_OCR_PAGE_TIMEOUT": "4"}
    started = time.monotonic()
    proc = _migrate(inputs, data, env)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 3, err.decode()[-3000:]
    assert time.monotonic() - started < 200  # the hung page was given up after its timeout
    cat = SqliteCatalog(data / "catalog.sqlite")
    (rec,) = list(cat.sources())
    assert (rec.status, rec.error_code, rec.failed_pages) == ("partial", "page_error", [2, 3])
    assert "pages 2, 3" in (rec.reason or "") and "did not finish within 4 s" in (rec.reason or "")
    docs = list(cat.documents(rec.akte_id))
    infos = {p.page: p for d in docs for p in d.pages}
    assert infos[2].ocr == "failed" and infos[2].error and "within 4 s" in infos[2].error
    assert infos[3].ocr == "failed" and "OCR failed" in (infos[3].error or "")
    assert all(d.review.needed and "page_failed" in d.review.reasons for d in docs if d.source.last_page >= 2)
    from pypdf import PdfReader

    store = LocalStore(data / "store")
    assert sum(len(PdfReader(store.locate(d.objects.pdf)).pages) for d in docs if d.objects.pdf) == 3  # kept
    assert verify(store, cat).ok
    cat.close()
    assert "sleep 600" not in subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout

