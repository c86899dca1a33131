"""Data protection: no personal data in any log, task name or artifact; no secret in settings output;
server-side encryption and object-lock retention on originals against a real S3 protocol peer (moto_server)."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from minio import Minio
from minio.error import S3Error

from eakte.catalog import SqliteCatalog
from eakte.config import Settings
from eakte.store import S3Store
from tests.conftest import BIN, S3Server
from tests.reliability import prefect_env, prefect_home
from tests.scans import scanned_tiff

PAGES = [
    ["Auslaenderbehoerde Musterstadt", "Az.: 5-1234-567/2023", "Herr Zoltan Wierzbicki", "geboren am 14.03.1987",
     "Aufenthaltserlaubnis nach dem Aufenthaltsgesetz"],
    ["Verwaltungsgericht Koeln", "Az.: 22 K 3443/18.A", "Frau Mirela Dobrescu", "geboren am 02.11.1990",
     "Die Klage wird abgewiesen."],
]
NEEDLES = ["Wierzbicki", "Zoltan", "Dobrescu", "Mirela", "14.03.1987", "1987-03-14", "02.11.1990", "1990-11-02",
           "1234-567", "3443/18"]
SECRET = "canary-secret-7f3a9c"


def _prefect_db_text(home: Path) -> str:
    """Every text value in every table of the Prefect database: logs, task and flow run names, parameters,
    artifacts, states."""
    out = []
    with sqlite3.connect(home / "prefect.db") as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                out.extend(str(v) for v in row if v is not None)
    return "\n".join(out)


@pytest.mark.slow
def test_no_personal_data_in_logs_task_names_or_artifacts(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    scanned_tiff(inputs / "scan-0001.tif", PAGES, dpi=150)
    data = tmp_path / "data"
    env = {**os.environ, **prefect_env(), "PREFECT_LOGGING_LEVEL": "DEBUG", "PREFECT_LOGGING_ROOT_LEVEL": "DEBUG",
           "PREFECT_LOGGING_EXTRA_LOGGERS": "eakte,extractors,flows", "EAKTE_S3_SECRET_KEY": SECRET,
           "EAKTE_S3_ACCESS_KEY": "canary-access-key"}
    res = subprocess.run([str(BIN / "eakte"), "migrate", str(inputs), "--data-dir", str(data)], env=env,
                         capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert res.returncode in (0, 3), res.stderr[-3000:]
    cat = SqliteCatalog(data / "catalog.sqlite")
    stored = " ".join((data / "store" / d.objects.text).read_text() for d in cat.documents() if d.objects.text)
    cat.close()
    read = [n for n in NEEDLES if n in stored]
    assert {"Wierzbicki", "Dobrescu", "14.03.1987"} <= set(read), stored[:500]  # the data was there to leak

    db = _prefect_db_text(prefect_home())
    assert "source-" in db and "eakte-migrate" in db  # the run's task runs and logs are in this database
    assert "DEBUG" in res.stderr or "debug" in db.lower() or "log" in db  # debug logging was on
    other_files = "\n".join(p.read_text(errors="replace") for p in prefect_home().rglob("*")
                            if p.is_file() and not p.name.startswith("prefect.db"))
    for where, text in {"stdout": res.stdout, "stderr": res.stderr, "Prefect database": db,
                        "Prefect home files": other_files}.items():
        for needle in [*NEEDLES, SECRET]:
            assert needle not in text, f"{needle!r} leaked into {where}"


def test_settings_never_show_credentials(caplog: pytest.LogCaptureFixture) -> None:
    s = Settings(s3_access_key="canary-access", s3_secret_key=SECRET)  # type: ignore[arg-type]
    logging.getLogger("eakte.test").warning("settings: %s %r", s, s)
    for text in (repr(s), str(s), s.model_dump_json(), str(s.model_dump()), caplog.text):
        assert SECRET not in text and "canary-access" not in text
    assert s.s3_secret_key is not None and s.s3_secret_key.get_secret_value() == SECRET  # still usable
    repo = Path(__file__).resolve().parent.parent
    tracked = subprocess.run(["git", "ls-files", "*.toml", "*.yaml", "*.yml", "*.env", "*.ini", "*.cfg"], cwd=repo,
                             capture_output=True, text=True).stdout.split()
    for name in tracked:
        text = (repo / name).read_text(errors="replace").lower()
        assert "secret_key=" not in text and "aws_secret_access_key" not in text, name


@pytest.mark.s3
def test_originals_are_encrypted_and_locked_in_s3(s3_server: S3Server) -> None:
    store = S3Store.from_url("s3://locked-originals/eakte", s3_server.endpoint, "testing", "testing", "us-east-1",
                             sse=True, retention_days=3, retention_mode="GOVERNANCE", retry_attempts=2)
    store.ensure_bucket()  # created with object lock
    data = b"%PDF-1.4 original scan bytes"
    key = f"originals/{hashlib.sha256(data).hexdigest()}.pdf"
    store.put_bytes(key, data, "application/pdf")
    store.put_bytes("akten/a-1/d-1.txt", b"text", "text/plain")
    client = Minio(f"127.0.0.1:{s3_server.port}", access_key="testing", secret_key="testing", secure=False)
    st = client.stat_object("locked-originals", "eakte/" + key)
    assert (st.metadata or {}).get("x-amz-server-side-encryption") == "AES256"
    meta = {k.lower(): v for k, v in (st.metadata or {}).items()}
    assert meta.get("x-amz-object-lock-mode") == "GOVERNANCE" and meta.get("x-amz-object-lock-retain-until-date")
    with pytest.raises(S3Error) as refused:
        client.remove_object("locked-originals", "eakte/" + key, version_id=st.version_id)
    assert refused.value.code == "AccessDenied"
    assert client.get_object("locked-originals", "eakte/" + key).read() == data  # the original is still there
    derived = client.stat_object("locked-originals", "eakte/akten/a-1/d-1.txt")
    assert "x-amz-object-lock-mode" not in {k.lower() for k in (derived.metadata or {})}  # no retention

    plain = S3Store.from_url("s3://no-lock-bucket", s3_server.endpoint, "testing", "testing", "us-east-1",
                             retention_days=3)
    client.make_bucket("no-lock-bucket")
    plain.ensure_bucket()  # exists without object lock: warns, stores without retention
    assert plain.retention_days == 0
    assert plain.put_bytes(key, data, "application/pdf").written


def test_catalog_password_never_reaches_the_prefect_database(tmp_path: Path,
                                                             new_pg_database: Callable[[], str]) -> None:
    """The catalog URL is part of the settings a flow run gets; its password goes to PGPASSWORD instead."""
    url = new_pg_database()
    with_password = url.replace("://eakte@", f"://eakte:{SECRET}@", 1)
    assert SECRET in with_password
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.gif").write_bytes(b"GIF89a" + bytes(40))  # quarantined at once: no OCR needed for this check
    res = subprocess.run([str(BIN / "eakte"), "migrate", str(inputs), "--data-dir", str(tmp_path / "data"),
                          "--catalog", with_password], env={**os.environ, **prefect_env()}, capture_output=True,
                         text=True, timeout=600, cwd=tmp_path)
    assert res.returncode == 3, res.stderr[-3000:]  # ran: the GIF is quarantined as unsupported
    db = _prefect_db_text(prefect_home())
    assert "eakte-migrate" in db and "127.0.0.1" in db  # the run and its (password-free) settings are recorded
    assert SECRET not in db and SECRET not in res.stderr and SECRET not in res.stdout
