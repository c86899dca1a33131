"""Replays a recorded write pattern at a target rate with N writer processes, through eakte's own store and
catalog code: per source the plan's catalog lookups, the claim, the store writes (S3Store: HEAD, PUT and the
read-back GET of each object, as recorded), the record's transaction (record_source + supersede) and the
release, in the order a migrate run does them (`eakte/migrate/plan.py`, `claiming.py`, `outcome.py`).

Open loop: source j is due at start + j / rate; writer i takes j = i, i + N, ... A writer that falls behind
starts its next source at once, so an achieved rate below the target means the writers (and behind them the
servers) could not keep up. Latency is measured per operation kind.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from benchmarks.write_pattern import Pattern, S3Op, SyntheticSource, synthetic_source

T = TypeVar("T")
KINDS = ("catalog lookup", "claim", "record source", "release", "S3 object write (HEAD+PUT+GET)", "S3 HEAD",
         "S3 GET")


@dataclass(frozen=True)
class Target:
    catalog: str
    endpoint: str
    bucket: str
    prefix: str
    access_key: str
    secret_key: str


@dataclass
class StepResult:
    """One replay step: what was asked, what came out, and the cost on the client side."""

    multiplier: float
    target_sources_per_s: float
    writers: int
    seconds: float = 0.0
    sources: int = 0
    pages: int = 0
    late: int = 0  # sources that started more than a second after they were due
    dropped: int = 0  # due sources not started before the step's time box ran out
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)  # exception class → count (no messages)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    client_cpu_s: float = 0.0
    server_cpu_s: dict[str, float] = field(default_factory=dict)

    @property
    def achieved_sources_per_s(self) -> float:
        return self.sources / self.seconds if self.seconds else 0.0


class Writer:
    """One writer's store and catalog (its own connections), replaying sources of the pattern."""

    def __init__(self, target: Target, pattern: Pattern, tag: str) -> None:
        from eakte.catalog.claims import SourceClaims
        from eakte.catalog.postgres import PostgresCatalog
        from eakte.store.s3 import S3Store

        self.pattern, self.tag = pattern, tag
        self.catalog = PostgresCatalog(target.catalog, pool_size=2)
        self.claims = SourceClaims(self.catalog.engine)
        self.store = S3Store.from_url(f"s3://{target.bucket}/{target.prefix}", target.endpoint, target.access_key,
                                      target.secret_key, "us-east-1")
        biggest = max((op.size for s in pattern.sources for op in s.ops), default=0)
        self.noise = os.urandom(biggest)
        self.latencies: dict[str, list[float]] = {k: [] for k in KINDS}

    def timed(self, kind: str, op: Callable[[], T]) -> T:
        t = time.perf_counter()
        try:
            return op()
        finally:
            self.latencies[kind].append(time.perf_counter() - t)

    def source(self, index: int) -> int:
        """Replays source `index` (its shape cycles through the pattern); returns its pages."""
        from eakte.catalog.claims import releasing
        from eakte.ingest.discover import SourceCandidate
        from eakte.migrate.claiming import claim_key
        from eakte.migrate.outcome import already_done, record_outcome
        from eakte.migrate.plan import plan_duplicates

        shape = self.pattern.sources[index % len(self.pattern.sources)]
        syn = synthetic_source(shape, self.tag, index)
        cand = SourceCandidate(path=Path("/nonexistent") / syn.path, display_path=syn.path, size=shape.size,
                               sha256=syn.sha256, mime=shape.mime)
        self.timed("catalog lookup", lambda: plan_duplicates([cand], self.catalog))
        self.timed("catalog lookup", lambda: already_done(cand, self.store, self.catalog))  # split_done
        key = claim_key(cand, None)
        if not self.timed("claim", lambda: self.claims.claim(key)):
            raise RuntimeError("a replayed source was claimed by another writer")
        try:
            self.timed("catalog lookup", lambda: already_done(cand, self.store, self.catalog))
            self.store_ops(syn, shape.ops)
            with releasing(self.claims.run_id, key):
                self.timed("record source", lambda: record_outcome(self.catalog, syn.record, syn.documents,
                                                                   syn.texts))
        finally:
            self.timed("release", lambda: self.claims.release(key))
        return shape.pages

    def store_ops(self, syn: SyntheticSource, ops: list[S3Op]) -> None:
        """The recorded requests, grouped into the store calls that make them: HEAD+PUT+GET on a key is one
        `put_bytes` (stat, write, read-back hash), a lone HEAD a `stat`, a lone GET a `get_bytes`."""
        i = 0
        while i < len(ops):
            op, key = ops[i], syn.keys[(ops[i].role, ops[i].doc)]
            nxt = ops[i + 1:i + 3]
            if (op.method == "HEAD" and [o.method for o in nxt] == ["PUT", "GET"]
                    and all((o.role, o.doc) == (op.role, op.doc) for o in nxt)):
                data = self.noise[:nxt[0].size]
                self.timed("S3 object write (HEAD+PUT+GET)",
                           partial(self.store.put_bytes, key, data, "application/octet-stream"))
                i += 3
            elif op.method == "HEAD":
                self.timed("S3 HEAD", partial(self.store.stat, key))
                i += 1
            elif op.method == "GET":
                self.timed("S3 GET", partial(self.store.get_bytes, key))
                i += 1
            else:
                raise ValueError(f"a recorded {op.method} outside a store write cannot be replayed")

    def close(self) -> None:
        self.catalog.close()


def _writer(target: Target, pattern_json: str, tag: str, rate: float, seconds: float, me: int, writers: int,
            ready: Any, go: Any, start: Any, out: Any) -> None:
    pattern = Pattern.from_json(pattern_json)
    w = Writer(target, pattern, tag)
    ready.release()
    go.wait()
    cpu0 = _cpu()
    t0 = start.value
    done = pages = late = dropped = errors = 0
    kinds: dict[str, int] = {}
    j = me
    while True:
        due = t0 + j / rate
        if due >= t0 + seconds:
            break
        now = time.time()
        if now > t0 + 2 * seconds:  # time box: what is still due after twice the step's time is dropped
            dropped += 1
            j += writers
            continue
        if due > now:
            time.sleep(due - now)
        elif now - due > 1.0:
            late += 1
        try:
            pages += w.source(j)
            done += 1
        except Exception as exc:
            errors += 1
            kinds[type(exc).__name__] = kinds.get(type(exc).__name__, 0) + 1
        j += writers
    end = time.time()
    w.close()
    out.put({"done": done, "pages": pages, "late": late, "dropped": dropped, "errors": errors, "kinds": kinds,
             "end": end, "cpu": _cpu() - cpu0, "latencies": w.latencies})


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def prepare(target: Target) -> None:
    """Creates the catalog schema once (writers would race the upgrade) and the bucket."""
    from eakte.catalog.postgres import PostgresCatalog
    from eakte.store.s3 import S3Store

    PostgresCatalog(target.catalog).close()
    S3Store.from_url(f"s3://{target.bucket}/{target.prefix}", target.endpoint, target.access_key,
                     target.secret_key, "us-east-1").ensure_bucket()


def run_step(target: Target, pattern: Pattern, multiplier: float, writers: int, seconds: float, tag: str,
             server_cpu: Callable[[], dict[str, float]] | None = None) -> StepResult:
    """Replays `pattern` at `multiplier` × its measured source rate for `seconds` with `writers` processes."""
    rate = multiplier * len(pattern.sources) / pattern.seconds
    result = StepResult(multiplier, rate, writers)
    ctx = mp.get_context("fork")
    ready, go, out = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    start = ctx.Value("d", 0.0)
    text = pattern.to_json()
    procs = [ctx.Process(target=_writer, args=(target, text, tag, rate, seconds, i, writers, ready, go, start, out))
             for i in range(writers)]
    for p in procs:
        p.start()
    for _ in procs:
        ready.acquire()
    before = server_cpu() if server_cpu else {}
    start.value = time.time() + 0.2
    go.set()
    parts = [out.get() for _ in procs]
    for p in procs:
        p.join()
    after = server_cpu() if server_cpu else {}
    # Keeping up, the last source ends within its interval: the rate is the target's. Falling behind, the
    # backlog stretches the step past its due sources' span and the rate falls below.
    due = math.ceil(rate * seconds)
    result.seconds = max(due / rate, max(p["end"] for p in parts) - start.value)
    result.server_cpu_s = {k: after[k] - before.get(k, 0.0) for k in after}
    for p in parts:
        result.sources += p["done"]
        result.pages += p["pages"]
        result.late += p["late"]
        result.dropped += p["dropped"]
        result.errors += p["errors"]
        for k, v in p["kinds"].items():
            result.error_kinds[k] = result.error_kinds.get(k, 0) + v
        result.client_cpu_s += p["cpu"]
        for k, v in p["latencies"].items():
            result.latencies.setdefault(k, []).extend(v)
    return result


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]
