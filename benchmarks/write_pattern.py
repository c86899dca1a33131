"""What a migration run wrote, per source, as shapes only (issue 20's replay): S3 requests with object sizes
and the catalog records' structure, read back from the servers after the run, and synthetic records of the
same shape for the replay.

Read from the server side: moto's request log (method and key of every request), the bucket listing (object
sizes) and the catalog's own records (documents per source, dates, parties, file numbers, review codes, text
lengths). The pattern keeps no text, names, dates or numbers, so a pattern recorded on real files carries no
personal data; the replay fills it with synthetic values that give the same rows.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from eakte.ids import akte_id as make_akte_id
from eakte.ids import document_id as make_document_id
from eakte.ids import sha256_bytes
from eakte.store import keys
from schemas.records import (
    Court,
    DateEntry,
    DocumentRecord,
    FileNumber,
    ObjectKeys,
    Party,
    Review,
    SourceRecord,
    SourceRef,
)

REQUEST = re.compile(r'"(GET|PUT|POST|HEAD|DELETE) (\S+) HTTP')
CATALOG_TABLES = ("sources", "akten", "documents", "document_dates", "parties", "party_tokens", "file_numbers",
                  "review_reasons", "source_claims")
_WORDS = ("Muster", "Beispiel", "Probe", "Vorlage", "Exempel", "Modell", "Schema", "Entwurf")


@dataclass(frozen=True)
class S3Op:
    """One request on one of the source's objects: `role` names the key (original, protocol, doc_pdf, ...),
    `doc` the document's index for per-document keys, `size` the object's bytes (0 for HEAD)."""

    method: str
    role: str
    doc: int = -1
    size: int = 0


@dataclass
class DocShape:
    first_page: int
    last_page: int
    doc_type: str
    confidence: float
    review_codes: list[str]
    date_roles: list[str]  # the record's dated entries
    has_document_date: bool
    parties: list[tuple[str, str, int]]  # (role, kind, name tokens)
    file_number_kinds: list[str]
    court_type: str | None
    court_place: bool
    title_chars: int
    text_chars: int


@dataclass
class SourceShape:
    status: str
    pages: int
    mime: str | None
    ext: str
    size: int
    ops: list[S3Op] = field(default_factory=list)
    documents: list[DocShape] = field(default_factory=list)


@dataclass
class Pattern:
    """A measured run: its sources' shapes, the requests not tied to a source, its rate and costs."""

    sources: list[SourceShape]
    run_requests: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    pages_per_minute: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)  # measured figures reported beside the shapes

    @property
    def pages(self) -> int:
        return sum(s.pages for s in self.sources)

    def requests(self) -> Counter[str]:
        return Counter(op.method for s in self.sources for op in s.ops)

    def stored(self) -> tuple[int, int]:
        """(objects, bytes) the sources' PUTs leave in the store."""
        put = [op for s in self.sources for op in s.ops if op.method == "PUT"]
        return len(put), sum(op.size for op in put)

    def rows(self) -> Counter[str]:
        """Rows the sources' records leave in the catalog, table by table (claims are gone at the end)."""
        return sum((shape_rows(s) for s in self.sources), Counter())

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> Pattern:
        raw = json.loads(text)
        sources = [SourceShape(**{**s, "ops": [S3Op(**o) for o in s["ops"]],
                                  "documents": [DocShape(**{**d, "parties": [tuple(p) for p in d["parties"]]})
                                                for d in s["documents"]]})
                   for s in raw["sources"]]
        return cls(sources, raw["run_requests"], raw["seconds"], raw["pages_per_minute"], raw.get("extra", {}))


def shape_rows(s: SourceShape) -> Counter[str]:
    """The catalog rows one source's record becomes (what `SqlCatalog._replace_akte` writes for it)."""
    rows: Counter[str] = Counter(sources=1)
    if s.status not in ("processed", "partial"):
        return rows
    rows["akten"] += 1
    for d in s.documents:
        rows["documents"] += 1
        rows["document_dates"] += len(d.date_roles) + (d.has_document_date and "document_date" not in d.date_roles)
        rows["parties"] += len(d.parties)
        rows["party_tokens"] += sum(n for _, _, n in d.parties)
        rows["file_numbers"] += len(d.file_number_kinds)
        rows["review_reasons"] += len(dict.fromkeys(d.review_codes))
    return rows


# -- recording -----------------------------------------------------------------------------------------


def key_role(key: str, akte_docs: dict[str, list[str]], sha_to_akte: dict[str, str]) -> tuple[str, str, int] | None:
    """(akte id, role, document index) of a store key, or None for a key no source of the run owns."""
    parts = key.split("/")
    if parts[0] == "originals" and len(parts) == 2:
        aid = sha_to_akte.get(parts[1].split(".", 1)[0])
        return (aid, "original", -1) if aid else None
    if parts[0] == "quarantine" and len(parts) == 3:
        aid = sha_to_akte.get(parts[1])
        return (aid, "quarantine_" + parts[2].split(".", 1)[0], -1) if aid else None
    if parts[0] != "akten" or len(parts) != 3 or parts[1] not in akte_docs:
        return None
    aid, name = parts[1], parts[2]
    fixed = {"protocol.json": "protocol", "manifest.json": "manifest", "manifest.sig": "manifest_sig",
             "source.json": "source"}
    if name in fixed:
        return aid, fixed[name], -1
    stem, _, ext = name.rpartition(".")
    docs = akte_docs[aid]
    if stem in docs and ext in ("pdf", "txt", "json"):
        return aid, "doc_" + ext, docs.index(stem)
    return None


def parse_requests(log_text: str, bucket: str, prefix: str) -> list[tuple[str, str | None]]:
    """(method, key under the prefix, or None for a bucket-level request) of every request on the bucket."""
    out: list[tuple[str, str | None]] = []
    root = f"/{bucket}/{prefix}/" if prefix else f"/{bucket}/"
    for m in REQUEST.finditer(log_text):
        method, path = m.group(1), m.group(2)
        if path.startswith(root):
            out.append((method, path[len(root):].split("?", 1)[0]))
        elif path == f"/{bucket}" or path.startswith(f"/{bucket}?") or path.startswith(f"/{bucket}/?"):
            out.append((method, None))
    return out


def record(catalog_url: str, requests: list[tuple[str, str | None]], sizes: dict[str, int]) -> Pattern:
    """The run's pattern from the catalog's records, the store's requests in order and the stored sizes."""
    import psycopg

    with psycopg.connect(catalog_url) as c:
        src_rows = c.execute("SELECT record FROM sources ORDER BY id").fetchall()
        doc_rows = c.execute("SELECT record, coalesce(length(body), 0) FROM documents").fetchall()
    records = [SourceRecord.model_validate_json(r[0]) for r in src_rows]
    docs: dict[str, list[tuple[DocumentRecord, int]]] = {}
    for raw, chars in doc_rows:
        doc = DocumentRecord.model_validate_json(raw)
        docs.setdefault(doc.akte_id, []).append((doc, int(chars)))
    for v in docs.values():
        v.sort(key=lambda d: d[0].source.first_page)
    owners = [r for r in records if r.sha256 and r.status != "duplicate"]  # a duplicate writes no objects
    sha_to_akte = {r.sha256: (r.akte_id or make_akte_id(r.sha256)) for r in owners if r.sha256}
    akte_docs = {aid: [d.document_id for d, _ in docs.get(aid, [])] for aid in sha_to_akte.values()}
    shapes: dict[str, SourceShape] = {}
    for n, r in enumerate(records):
        aid = sha_to_akte.get(r.sha256 or "") if r.status != "duplicate" else None
        original = r.objects.get("original", "")
        shapes[aid or f"record-{n}"] = SourceShape(
            status=r.status, pages=r.pages, mime=r.mime_type, size=r.size_bytes or 0,
            ext=("." + original.rsplit(".", 1)[1]) if "." in original.rsplit("/", 1)[-1] else "",
            documents=[doc_shape(d, chars) for d, chars in docs.get(aid, [])] if aid else [])
    run: Counter[str] = Counter()
    for method, key in requests:
        owner = key_role(key, akte_docs, sha_to_akte) if key is not None else None
        if owner is None or owner[0] not in shapes:
            run[method] += 1
            continue
        aid, role, index = owner
        shapes[aid].ops.append(S3Op(method, role, index, sizes.get(key or "", 0) if method != "HEAD" else 0))
    return Pattern(list(shapes.values()), dict(run))


def doc_shape(d: DocumentRecord, text_chars: int) -> DocShape:
    from eakte.catalog.normalize import file_number_key, name_keys
    from eakte.catalog.review_reasons import reason_code

    return DocShape(
        first_page=d.source.first_page, last_page=d.source.last_page, doc_type=d.doc_type,
        confidence=d.confidence, review_codes=[c for c in (reason_code(r) for r in d.review.reasons) if c],
        date_roles=[x.role for x in d.dates], has_document_date=d.document_date is not None,
        parties=[(p.role, p.kind, len(name_keys(p.name))) for p in d.parties],
        file_number_kinds=[f.kind for f in d.file_numbers if file_number_key(f.value)],
        court_type=d.court.type if d.court else None, court_place=bool(d.court and d.court.place),
        title_chars=len(d.title or ""), text_chars=text_chars)


# -- synthetic records of a shape ----------------------------------------------------------------------


def synthetic_text(chars: int, seed: int) -> str:
    """Filler prose of `chars` characters (no content of any file)."""
    words = [f"{_WORDS[(seed + i) % len(_WORDS)].lower()}wort" for i in range(chars // 5 + 1)]
    return " ".join(words)[:chars]


def synthetic_name(tokens: int, seed: int) -> str:
    """A placeholder name of `tokens` distinct letter-only words (one party_tokens row each)."""
    return " ".join(_WORDS[(seed + i) % len(_WORDS)] + "abcdefghij"[i // len(_WORDS)] * (1 + i // len(_WORDS))
                    for i in range(tokens))


@dataclass
class SyntheticSource:
    sha256: str
    path: str
    akte_id: str
    record: SourceRecord
    documents: list[DocumentRecord]
    texts: dict[str, str]
    keys: dict[tuple[str, int], str]  # (role, doc index) -> store key


def synthetic_source(shape: SourceShape, tag: str, index: int) -> SyntheticSource:
    """A source of `shape` with fresh ids and placeholder metadata: same objects, same catalog rows."""
    sha = sha256_bytes(f"eakte-replay:{tag}:{index}".encode())
    aid, path = make_akte_id(sha), f"replay/{tag}/{index:07d}{shape.ext}"
    docs, texts = [], {}
    store_keys: dict[tuple[str, int], str] = {
        ("original", -1): keys.original(sha, shape.ext), ("protocol", -1): keys.scan_protocol(aid),
        ("manifest", -1): keys.manifest(aid), ("manifest_sig", -1): keys.manifest_signature(aid),
        ("source", -1): keys.source_record(aid), ("quarantine_original", -1): keys.quarantine(sha, "original"),
        ("quarantine_reason", -1): keys.quarantine(sha, "reason.json")}
    for n, d in enumerate(shape.documents):
        did = make_document_id(sha, d.first_page, d.last_page)
        objects = ObjectKeys(pdf=keys.document_pdf(aid, did), text=keys.document_text(aid, did),
                             metadata=keys.document_metadata(aid, did))
        store_keys |= {("doc_pdf", n): objects.pdf or "", ("doc_txt", n): objects.text or "",
                       ("doc_json", n): objects.metadata or ""}
        docs.append(DocumentRecord(
            document_id=did, akte_id=aid, source=SourceRef(path=path, sha256=sha, first_page=d.first_page,
                                                           last_page=d.last_page),
            doc_type=d.doc_type, confidence=d.confidence,  # type: ignore[arg-type]
            title=synthetic_text(d.title_chars, n) or None,
            document_date="2001-02-03" if d.has_document_date else None,
            dates=[DateEntry(role=r, value=f"2001-02-{1 + i % 28:02d}", page=d.first_page)  # type: ignore[arg-type]
                   for i, r in enumerate(d.date_roles)],
            court=Court(type=d.court_type, place="Musterstadt" if d.court_place else None)  # type: ignore[arg-type]
            if d.court_type else None,
            file_numbers=[FileNumber(kind=k, value=f"{i + 1} K {1000 + index % 9000}/01")  # type: ignore[arg-type]
                          for i, k in enumerate(d.file_number_kinds)],
            parties=[Party(role=r, kind=k, name=synthetic_name(t, index + i))  # type: ignore[arg-type]
                     for i, (r, k, t) in enumerate(d.parties)],
            review=Review(needed=bool(d.review_codes), reasons=list(d.review_codes)),
            objects=objects, pipeline_version="replay"))
        texts[did] = synthetic_text(d.text_chars, index + n)
    stored = {"original": store_keys[("original", -1)], "source": store_keys[("source", -1)]}
    record = SourceRecord(path=path, sha256=sha, status=shape.status, pages=shape.pages,  # type: ignore[arg-type]
                          documents=len(docs), akte_id=None if shape.status == "quarantined" else aid,
                          mime_type=shape.mime, size_bytes=shape.size, objects=stored, pipeline_version="replay",
                          processed_at="2001-02-03T04:05:06Z")
    return SyntheticSource(sha, path, aid, record, docs, texts, store_keys)

