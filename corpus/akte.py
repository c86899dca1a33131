"""One paper folder: documents in order, receipt stamps, folio numbers, separator sheets and blank backs.

`build_akte` turns a seed into page images plus the truth records of every document on them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from corpus import scanfx
from corpus.case import Case, make_case
from corpus.dates import fmt, workday
from corpus.model import Bars, DocBuilder, Gap, Page, Stamp, Text
from corpus.render import annotate, folio, render
from corpus.story import Relatives, story_documents
from corpus.templates import make_document, pick_kinds


@dataclass
class Profile:
    """How big and how damaged the Akten of a run are."""

    docs: tuple[int, int] = (3, 8)
    max_pages: int | None = None  # per source
    max_doc_pages: int | None = None
    clean: bool = False  # mild faults only (checked-in sets)
    dpi_choices: tuple[int, ...] = (300, 300, 300, 200)
    formats: tuple[str, ...] = ("pdf", "pdf", "pdf", "tiff", "tiff")
    story: bool = False  # add a residence story's papers (corpus/story.py) for the case overview


@dataclass
class PagePlan:
    page: Page
    kind: str  # document, separator, blank
    doc: int | None  # index into the Akte's documents
    folio: str | None = None
    faults: scanfx.Faults = field(default_factory=scanfx.Faults)


@dataclass
class Akte:
    key: str
    case: Case
    docs: list[DocBuilder]
    plans: list[PagePlan]
    dpi: int
    fmt: str
    encoding: str  # jpeg or g4
    quality: int
    relatives: Relatives = field(default_factory=dict)  # persons other documents are about, by subject key

    def doc_ranges(self) -> list[tuple[int, int]]:
        """First and last page (1-based) of each document, in `docs` order: the truth's page ranges."""
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        for number, plan in enumerate(self.plans, start=1):
            if plan.doc is not None:
                first.setdefault(plan.doc, number)
                last[plan.doc] = number
        return [(first[i], last[i]) for i in range(len(self.docs))]


def _np_seed(key: str, n: int) -> int:
    return int.from_bytes(hashlib.sha256(f"{key}/{n}".encode()).digest()[:8], "big")


def _receipt_stamp(rng: random.Random, b: DocBuilder, case: Case) -> None:
    """'Eingegangen 14. MRZ. 2024' on the first page of a document that came in by post."""
    if b.truth.document_date is None:
        return
    received = workday(b.truth.document_date + dt.timedelta(days=rng.randint(1, 9)))
    text = fmt(received, "stamp" if rng.random() < 0.7 else "num")
    b.truth.dates.append({"role": "receipt_date", "value": received.isoformat(), "page": 0, "text": text})
    b.pages[0].overlays.append(
        Stamp(
            [case.authority.lines[0], rng.choice(["Eingegangen", "Eingang", "EING."]), text],
            x=rng.uniform(118, 150),
            # Clerks stamp where there is room: the top edge or the foot of the page.
            y=rng.uniform(2, 6) if rng.random() < 0.5 else rng.uniform(262, 270),
            angle=rng.uniform(-6, 6),
            size=rng.uniform(7.5, 9.0),
            gray=rng.randint(60, 120),
        )
    )


def _same(a: DocBuilder, b: DocBuilder) -> bool:
    """Two documents a file would not hold twice (e.g. the same Bescheid)."""
    return (a.truth.doc_type, a.truth.doc_subtype, a.truth.document_date) == (
        b.truth.doc_type,
        b.truth.doc_subtype,
        b.truth.document_date,
    )


def _separator(rng: random.Random) -> Page:
    blocks: list[Any] = [Gap(60), Text("TRENNBLATT", bold=True, size=40, align="center")]
    if rng.random() < 0.6:
        blocks = [Gap(40), Bars(70), *blocks[1:]]
    return Page(blocks=blocks, family="sans", kind="separator")


def build_akte(key: str, profile: Profile) -> Akte:
    """Plan an Akte from its key: documents, page order, faults (nothing rendered yet)."""
    rng = random.Random(key)
    case = make_case(rng)
    n_docs = rng.randint(*profile.docs)
    docs: list[DocBuilder] = []
    pages_left = profile.max_pages or 10**6
    for kind in pick_kinds(rng, n_docs):
        cap = min(pages_left - (n_docs - len(docs) - 1), profile.max_doc_pages or 4)
        if cap < 1:
            break
        b = make_document(rng, case, kind, cap)
        if len(b.pages) > cap or any(_same(b, d) for d in docs):
            continue
        if b.truth.incoming and rng.random() < 0.55:
            _receipt_stamp(rng, b, case)
        docs.append(b)
        pages_left -= len(b.pages)
    relatives: Relatives = {}
    if profile.story:
        extra, relatives = story_documents(random.Random(f"{key}/story"), case)
        docs += [b for b in extra if not any(_same(b, d) for d in docs)]
    # Paper files are kept in date order; some offices put the newest on top.
    docs.sort(key=lambda d: d.truth.document_date or dt.date.min, reverse=rng.random() < 0.2)
    plans: list[PagePlan] = []
    for i, b in enumerate(docs):
        if i and rng.random() < 0.25 and len(plans) + len(b.pages) < (profile.max_pages or 10**6) - 1:
            plans.append(PagePlan(_separator(rng), "separator", None))
        plans.extend(PagePlan(p, "document", i) for p in b.pages)
        if rng.random() < 0.15 and len(plans) < (profile.max_pages or 10**6) - 1 and i < len(docs) - 1:
            plans.append(PagePlan(Page(kind="blank"), "blank", None))
    foliated = rng.random() < 0.85
    sheet = rng.randint(1, 300)
    style = rng.choice(("Bl. {n}", "Bl. {n}", "Bl.{n}", "{n}"))
    for plan in plans:
        if plan.kind == "document" and foliated:
            plan.folio = style.format(n=sheet)
            sheet += 1
        plan.faults = scanfx.pick_faults(rng, clean=profile.clean, allow_rotation=plan.kind != "blank")
    dpi = rng.choice(profile.dpi_choices)
    out_fmt = rng.choice(profile.formats)
    encoding = "g4" if rng.random() < (0.5 if out_fmt == "tiff" else 0.15) else "jpeg"
    quality = rng.randint(30, 45) if profile.clean else rng.randint(40, 75)
    return Akte(key, case, docs, plans, dpi, out_fmt, encoding, quality, relatives)


def render_pages(akte: Akte) -> list[Image.Image]:
    """The scanned images of all pages, in order."""
    out = []
    for n, plan in enumerate(akte.plans):
        prng = random.Random(f"{akte.key}/page/{n}")
        img = render(plan.page, akte.dpi, prng)
        if plan.folio:
            folio(img, plan.folio, akte.dpi, prng)
        if plan.kind == "document" and prng.random() < 0.2:
            annotate(img, akte.dpi, prng)
        out.append(scanfx.apply(img, plan.faults, akte.dpi, _np_seed(akte.key, n)))
    return out
