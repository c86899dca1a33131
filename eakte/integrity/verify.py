"""Reconciles inputs, store and catalog: nothing lost, nothing half-written, nothing altered.

Checks, in order: every catalog source that claims success has its completion marker (source.json);
every object the catalog references exists and its bytes re-hash to the SHA-256 recorded with it (and,
for originals, to the hash in the key); objects nobody references are listed as orphans; with input paths,
every input file has a source record. Findings name keys, Akte ids and hashes, never document content.

Further per-source checks are listed in `EXTRA_CHECKS` (the signed manifest of TR-RESISCAN, issue 9; more
can be added with `register_check`): a check gets (store, catalog, source record) and returns findings.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from eakte.catalog import Catalog, open_catalog
from eakte.config import Limits, Settings, is_postgres_url
from eakte.errors import EakteError, NothingToVerify
from eakte.ids import short
from eakte.ingest.discover import discover
from eakte.integrity.findings import Finding
from eakte.integrity.signing import manifest_check
from eakte.model import is_final
from eakte.store import ObjectStore, keys, open_store
from schemas.records import SourceRecord

log = logging.getLogger("eakte.integrity.verify")

# Kinds that make verification fail; "retry_pending" (a source a later run will retry) is reported only.
FATAL = frozenset({"mismatch", "missing", "orphaned", "incomplete", "not_migrated", "unreadable", "extra",
                   "empty_catalog"})


@dataclass
class VerifyReport:
    objects_checked: int = 0
    sources_checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.kind in FATAL for f in self.findings)

    def counts(self) -> dict[str, int]:
        return dict(Counter(f.kind for f in self.findings))

    def of(self, kind: str) -> list[str]:
        return [f.key for f in self.findings if f.kind == kind]

    def to_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "objects_checked": self.objects_checked, "sources_checked": self.sources_checked,
                "counts": self.counts(), "findings": [asdict(f) for f in self.findings]}

    def markdown(self) -> str:
        """For the Prefect artifact: counts and object keys (hashes), no input paths."""
        rows = "\n".join(f"| {k} | {v} |" for k, v in sorted(self.counts().items())) or "| (none) | 0 |"
        keys_shown = "\n".join(f"- {f.kind}: `{f.key}`" for f in self.findings if not f.key.startswith("input:"))
        return (f"# Verification: {'OK' if self.ok else 'MISMATCH'}\n\n{self.sources_checked} sources, "
                f"{self.objects_checked} objects re-hashed.\n\n| finding | count |\n|---|---|\n{rows}\n\n"
                f"{keys_shown[:20000]}\n")


ExtraCheck = Callable[[ObjectStore, Catalog, SourceRecord], Iterable[Finding]]
EXTRA_CHECKS: list[ExtraCheck] = [manifest_check]  # the signed manifest of TR-RESISCAN (issue 9)


def register_check(check: ExtraCheck) -> ExtraCheck:
    """Adds a per-source check (usable as a decorator); its findings of kind "extra" fail verification."""
    if check not in EXTRA_CHECKS:
        EXTRA_CHECKS.append(check)
    return check


def _stored_sha(store: ObjectStore, key: str) -> str:
    return store.read_sha256(key)


def referenced_objects(catalog: Catalog, report: VerifyReport) -> dict[str, str | None]:
    """Every key the catalog points at → the SHA-256 its name promises (originals), else None."""
    refs: dict[str, str | None] = {}
    for rec in catalog.sources():
        report.sources_checked += 1
        if rec.status in ("processed", "partial"):
            if not rec.akte_id:
                report.findings.append(Finding("incomplete", f"source:{short(rec.sha256)}", "no Akte id"))
                continue
            refs[keys.source_record(rec.akte_id)] = None
            for doc in catalog.documents(rec.akte_id):
                for key in (doc.objects.pdf, doc.objects.text, doc.objects.metadata):
                    if key:
                        refs[key] = None
        elif rec.status == "quarantined" and not is_final(rec.error_code) and not rec.superseded_by:
            report.findings.append(Finding("retry_pending", f"source:{short(rec.sha256)}",
                                           f"{rec.error_code}: the next run retries it"))
        for name, key in rec.objects.items():
            refs[key] = rec.sha256 if name == "original" and key.startswith("originals/") else None
    return refs


def open_for_verify(settings: Settings) -> tuple[ObjectStore, Catalog]:
    """The store and catalog to verify, opened without creating either (verify must not make what it checks).

    NothingToVerify (exit 2) when the local store folder, the SQLite file, the S3 bucket or the catalog's tables
    do not exist: a wrong --data-dir or URL would otherwise verify an empty, freshly made store as "OK".
    """
    store_url, catalog_url = settings.store_url(), settings.catalog_url()
    if store_url.startswith("s3://"):
        store = open_store(settings, create=False)
    else:
        folder = Path(urlparse(store_url).path) if store_url.startswith("file:") else Path(store_url)
        if not folder.is_dir():
            raise NothingToVerify(f"nothing to verify: no eakte data in {folder} (no store folder)")
        store = open_store(settings)
    if is_postgres_url(catalog_url):
        if not _pg_has_catalog(catalog_url):
            raise NothingToVerify("nothing to verify: the PostgreSQL database holds no eakte catalog")
    else:
        path = Path(catalog_url.removeprefix("sqlite:///"))
        if not path.is_file():
            raise NothingToVerify(f"nothing to verify: no eakte data in {path} (no catalog file)")
    return store, open_catalog(settings)


def _pg_has_catalog(url: str) -> bool:
    import sqlalchemy as sa

    from eakte.catalog.postgres import engine_url

    engine = sa.create_engine(engine_url(url))
    try:
        return sa.inspect(engine).has_table("sources")
    finally:
        engine.dispose()


def verify(store: ObjectStore, catalog: Catalog, inputs: list[Path] | None = None, limits: Limits | None = None,
           rehash: bool = True) -> VerifyReport:
    report = VerifyReport()
    refs = referenced_objects(catalog, report)
    if report.sources_checked == 0:
        report.findings.append(Finding("empty_catalog", "catalog", "the catalog holds no source: nothing was "
                                       "verified (wrong catalog, or the catalog was lost)"))
    present = set(store.list())
    markers = {k for k in refs if k.endswith("/source.json")}
    for key in sorted(refs):
        if key not in present:
            kind = "incomplete" if key in markers else "missing"
            report.findings.append(Finding(kind, key, "referenced by the catalog, not in the store"))
            continue
        if not rehash:
            continue
        try:
            st = store.stat(key)
            actual = _stored_sha(store, key)
        except EakteError as exc:
            report.findings.append(Finding("unreadable", key, exc.code))
            continue
        report.objects_checked += 1
        recorded = st.sha256 if st is not None else ""
        expected = refs[key]
        if not recorded:
            report.findings.append(Finding("mismatch", key, "no SHA-256 recorded with the object"))
        elif actual != recorded:
            report.findings.append(Finding("mismatch", key, f"bytes hash to {short(actual)}, "
                                           f"recorded {short(recorded)}"))
        elif expected and actual != expected:
            report.findings.append(Finding("mismatch", key, f"bytes hash to {short(actual)}, "
                                           f"key says {short(expected)}"))
    for key in sorted(present - set(refs)):
        report.findings.append(Finding("orphaned", key, "in the store, not referenced by the catalog"))
    for rec in catalog.sources():
        for check in EXTRA_CHECKS:
            report.findings.extend(check(store, catalog, rec))
    if inputs:
        for cand in discover(inputs, limits or Limits()):
            if catalog.get_source(cand.display_path, cand.sha256) is None:
                report.findings.append(Finding("not_migrated", "input:" + cand.display_path,
                                               "no source record for this file (or for its current content)"))
    log.info("verify: %d sources, %d objects re-hashed, findings %s", report.sources_checked,
             report.objects_checked, report.counts())
    return report
