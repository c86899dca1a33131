"""The replay benchmark (benchmarks/replay.py) replays a recorded write pattern exactly: the objects, bytes,
requests and catalog rows it leaves on a real moto_server and PostgreSQL are the recorded ones, and reading
them back gives the recorded per-source shapes again."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from benchmarks.replay import BUCKET, KEY, bucket_sizes, pg_tables
from benchmarks.replay_writers import Target, prepare, run_step
from benchmarks.scaling import Moto
from benchmarks.write_pattern import CATALOG_TABLES, Pattern, SourceShape, parse_requests, record

PATTERN = Path(__file__).resolve().parent.parent / "benchmarks" / "replay_pattern.json"


def _key(s: SourceShape) -> str:
    return json.dumps(asdict(s), sort_keys=True)


def test_replay_leaves_what_the_run_wrote(tmp_path: Path, new_pg_database: Callable[[], str]) -> None:
    pattern = Pattern.from_json(PATTERN.read_text())
    n = len(pattern.sources)
    pattern.seconds = float(n)  # 1× = one source a second; 2× for 2.4 s is every recorded source once
    moto = Moto(tmp_path / "moto.log")
    try:
        target = Target(new_pg_database(), f"http://127.0.0.1:{moto.port}", BUCKET, "t", KEY, KEY)
        prepare(target)
        start, claims_before = moto.offset(), pg_tables(target.catalog)["source_claims"]["ins"]
        step = run_step(target, pattern, 2.0, 2, (n - 0.5) / 2, "test")
        requests = parse_requests(moto.log.read_bytes()[start:].decode(), BUCKET, "t")
        sizes = bucket_sizes(target.endpoint, "t")
        tables = pg_tables(target.catalog)
        again = record(target.catalog, requests, sizes)
    finally:
        moto.stop()
    assert (step.sources, step.errors, step.pages) == (n, 0, pattern.pages)
    objects, size = pattern.stored()
    assert (len(sizes), sum(sizes.values())) == (objects, size)
    assert Counter(m for m, k in requests if k is not None) == pattern.requests()
    rows = pattern.rows()
    assert {t: tables[t]["live"] for t in CATALOG_TABLES} == {t: rows.get(t, 0) for t in CATALOG_TABLES}
    assert tables["source_claims"]["ins"] - claims_before == n  # each source claimed once (and released: live 0)
    # Read back from the servers, the replayed sources have the recorded shapes: same requests in the same
    # order with the same object sizes, same record structure.
    assert sorted(map(_key, again.sources)) == sorted(map(_key, pattern.sources))


def test_requests_are_attributed_to_their_source_or_to_the_run() -> None:
    from benchmarks.write_pattern import key_role

    sha, aid, did = "ab" * 32, "a-" + "ab" * 10, "d-0123"
    log = "\n".join(f'127.0.0.1 - - [08/Dec/2026 00:00:00] "{line} HTTP/1.1" 200 -' for line in (
        f"HEAD /b/p/originals/{sha}.pdf", f"PUT /b/p/akten/{aid}/{did}.pdf", "HEAD /b", "GET /b/?location=",
        f"PUT /b/other/originals/{sha}.pdf", f"PUT /c/p/originals/{sha}.pdf"))
    assert parse_requests(log, "b", "p") == [("HEAD", f"originals/{sha}.pdf"), ("PUT", f"akten/{aid}/{did}.pdf"),
                                             ("HEAD", None), ("GET", None)]
    docs, owners = {aid: ["d-9999", did]}, {sha: aid}
    assert key_role(f"originals/{sha}.pdf", docs, owners) == (aid, "original", -1)
    assert key_role(f"akten/{aid}/{did}.txt", docs, owners) == (aid, "doc_txt", 1)
    assert key_role(f"akten/{aid}/protocol.json", docs, owners) == (aid, "protocol", -1)
    assert key_role(f"quarantine/{sha}/reason.json", docs, owners) == (aid, "quarantine_reason", -1)
    assert key_role(f"akten/{aid}/d-unknown.pdf", docs, owners) is None
    assert key_role("originals/" + "cd" * 32 + ".pdf", docs, owners) is None  # no source of this run
