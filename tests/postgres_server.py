"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl under a temp dir, loopback, a free port.

Debian's `postgresql` package provides the binaries (scripts/setup.sh installs it). PostgreSQL refuses
to run as root, so under root (CI) the cluster runs as the `postgres` system user via runuser.
`PG_TEST_URL` points the tests at an existing server instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

_databases: set[str] = set()


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    exe = shutil.which("initdb")
    return Path(exe).parent if exe else None


class PostgresCluster:
    def __init__(self, port: int) -> None:
        bindir = _bindir()
        if bindir is None:
            raise RuntimeError("PostgreSQL is not installed (apt package 'postgresql'; scripts/setup.sh)")
        self.bindir, self.port = bindir, port
        self.root = Path(tempfile.mkdtemp(prefix="eakte-pg-"))
        self.data, self.log = self.root / "data", self.root / "server.log"
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=120)

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "eakte", "-A", "trust", "-E", "UTF8",
                  "--locale=C")
        opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", opts, "-w",
                  "-t", "60", "start")

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://eakte@127.0.0.1:{self.port}/{db}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a server; tests create their own databases on it."""
    if os.environ.get("PG_TEST_URL"):
        yield os.environ["PG_TEST_URL"]
        return
    from tests.conftest import free_port

    cluster = PostgresCluster(free_port())
    cluster.start()
    try:
        yield cluster.url()
    finally:
        cluster.stop()


@pytest.fixture
def new_pg_database(postgres_server: str) -> Callable[[], str]:
    """An empty, migrated catalog database on the test server (one per session, emptied for each test)."""
    import psycopg

    def make() -> str:
        name = f"eakte_test_{os.getpid()}"
        url = postgres_server.rsplit("/", 1)[0] + "/" + name
        if name not in _databases:
            with psycopg.connect(postgres_server, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
            _databases.add(name)
            return url
        with psycopg.connect(url, autocommit=True) as conn:
            tables = [r[0] for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")]
            if tables:
                conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
        return url

    return make
