"""A PostgreSQL database for a benchmark: the given URL, or a throwaway cluster (the tests' PostgresCluster)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bench_database(url: str | None, settings: dict[str, str] | None = None) -> Iterator[str]:
    """Yields `url`, or the URL of database "bench" in a temporary cluster started with `settings`
    (ALTER SYSTEM values, applied by a restart) and stopped afterwards."""
    if url:
        yield url
        return
    import psycopg

    from tests.conftest import free_port
    from tests.postgres_server import PostgresCluster

    cluster = PostgresCluster(free_port())
    cluster.start()
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as c:
            for name, value in (settings or {}).items():
                c.execute(f"ALTER SYSTEM SET {name} = '{value}'")
            c.execute("CREATE DATABASE bench")
        if settings:
            cluster._run(str(cluster.bindir / "pg_ctl"), "-D", str(cluster.data), "-w", "-m", "fast", "restart")
        yield cluster.url("bench")
    finally:
        cluster.stop()
