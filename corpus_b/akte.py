"""One Akte: which documents the story yields, in which order, with separators, blank backs and folios."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from corpus_b.docs import authority, bamf, civil, court, employment, forms, identity, residence, school
from corpus_b.docs.base import B, Doc
from corpus_b.layout import Box, Page, Rule, Text
from corpus_b.story import Story, plus

Maker = Callable[[B], Doc]


@dataclass
class Planned:
    when: dt.date
    make: Maker
    group: str


def _duldung(b: B, k: int) -> Doc:
    return residence.duldung(b, k)


def candidates(st: Story, rnd: random.Random) -> list[Planned]:
    """Every document this story could have produced, each with the chance it sits in the Akte."""
    out: list[Planned] = []

    def add(p: float, when: dt.date, make: Maker, group: str) -> None:
        if rnd.random() < p:
            out.append(Planned(when, make, group))

    add(0.35, st.asylum_app, residence.gestattung, "res")
    add(0.5, st.asylum_app + dt.timedelta(days=1), identity.passport, "id")
    add(0.35, st.bamf_hearing - dt.timedelta(days=20), bamf.anhoerung, "bamf")
    add(0.8, st.bamf_decision, bamf.bescheid, "bamf")
    if st.case:
        c = st.case
        if c.eil_date:
            add(0.7, c.eil_date, lambda b: court.decision(b, "eil"), "court")
        add(0.9, c.decided, lambda b: court.decision(b, "main"), "court")
        if c.appeal_date:
            add(0.85, c.appeal_date, lambda b: court.decision(b, "appeal"), "court")
    for k, (start, _) in enumerate(st.duldungen):
        add(0.55, start, partial(_duldung, k=k), "res")
    if st.duldungen:
        d0 = st.duldungen[0][0]
        add(0.4, d0 + dt.timedelta(days=30), authority.passbeschaffung, "abh")
        add(0.25, d0 + dt.timedelta(days=60), authority.anhoerung, "abh")
        add(0.12, d0 + dt.timedelta(days=90), lambda b: court.decision(b, "eil_res"), "court")
        add(0.15, st.duldungen[-1][0] + dt.timedelta(days=40), identity.passersatz, "id")
        if not st.ae_date:
            add(0.3, st.duldungen[-1][0] + dt.timedelta(days=50), lambda b: authority.ae_bescheid(b, False), "abh")
    add(0.3, st.bamf_decision + dt.timedelta(days=200), authority.vermerk, "abh")
    add(0.35, st.end - dt.timedelta(days=200), authority.schriftsatz, "abh")
    if st.ae_date:
        add(0.7, st.ae_date, lambda b: authority.ae_bescheid(b, True), "abh")
        add(0.3, st.ae_date - dt.timedelta(days=40), residence.fiktion, "res")
    if st.bamf_outcome in ("subsidiaer", "abschiebungsverbot"):
        add(0.15, st.bamf_decision + dt.timedelta(days=1000), bamf.widerruf, "bamf")
    young = (st.entry - st.person.birth).days < 22 * 365
    add(0.5 if young else 0.0, st.entry + dt.timedelta(days=400), school.schulbescheinigung, "school")
    add(0.4 if young else 0.0, st.entry + dt.timedelta(days=600), school.zeugnis, "school")
    add(0.3 if young else 0.04, st.entry + dt.timedelta(days=900), school.ausbildungsvertrag, "school")
    add(0.4, st.entry + dt.timedelta(days=700), school.language, "lang")
    add(0.12, st.entry + dt.timedelta(days=900), school.language, "lang")
    add(0.3, st.asylum_app + dt.timedelta(days=2), partial(civil.certificate, marriage=False), "civil")
    add(
        0.15 if st.spouse else 0.0,
        st.asylum_app + dt.timedelta(days=3),
        partial(civil.certificate, marriage=True),
        "civil",
    )
    add(0.3, st.asylum_app + dt.timedelta(days=200), civil.meldebescheinigung, "civil")
    add(0.3, st.end - dt.timedelta(days=250), forms.antrag, "abh")
    add(0.2, st.bamf_decision + dt.timedelta(days=300), forms.zustellungsurkunde, "abh")
    if st.case:
        add(0.15, st.case.decided + dt.timedelta(days=5), forms.empfangsbekenntnis, "court")
    add(0.35, st.job_start - dt.timedelta(days=10), employment.contract, "job")
    add(0.3, st.job_start - dt.timedelta(days=5), employment.beschaeftigungserklaerung, "job")
    add(0.35, st.job_start + dt.timedelta(days=200), employment.arbeitgeberbescheinigung, "job")
    if rnd.random() < 0.3:
        add(1.0, st.job_start + dt.timedelta(days=500), employment.arbeitgeberbescheinigung, "job")
    if rnd.random() < 0.6:
        n = rnd.randint(2, 6)
        first = (st.job_start.replace(day=1) + dt.timedelta(days=32 * rnd.randint(1, 8))).replace(day=1)
        holder: dict[str, employment.PayStyle] = {}

        def slip(b: B, m: dt.date, holder: dict[str, employment.PayStyle] = holder) -> Doc:
            if "style" not in holder:
                holder["style"] = employment.payslip_style(b)
            return employment.payslip(b, m, holder["style"])

        m = first
        for _ in range(n):
            out.append(Planned(plus(m, 27, 30, rnd), partial(slip, m=m), "pay"))
            m = (m + dt.timedelta(days=32)).replace(day=1)
    return out


def separator_page(style: int, rnd: random.Random) -> Page:
    p = Page()
    if style == 0:
        for i in range(rnd.randint(3, 5)):
            p.ops.append(Box(60 + i * 12, 40, 6, 200, 0, fill=0))
        p.ops.append(Text(105, 260, "TRENNBLATT", "nimbus_sans", "b", 28, "c"))
    elif style == 1:
        p.ops.append(Text(105, 140, "Dokumententrennblatt", "dejavu_sans", "b", 24, "c"))
        p.ops.append(Text(105, 152, "Bitte nicht entfernen – wird beim Scannen erkannt", "dejavu_sans", "r", 10, "c"))
        p.ops.append(Rule(30, 120, 180, 120, 2))
        p.ops.append(Rule(30, 160, 180, 160, 2))
    elif style == 2:
        for i in range(rnd.randint(2, 4)):
            p.ops.append(Box(20, 30 + i * 60, 170, 18, 0, fill=0))
    else:
        p.ops.append(Box(0, 0, 210, 297, 0, fill=rnd.randint(175, 215)))
        p.ops.append(Text(105, 150, "- Trennblatt -", "liberation_sans", "b", 20, "c"))
    return p


def akte_rng(seed: int, split: str, index: int) -> int:
    h = hashlib.sha256(f"corpus_b:{seed}:{split}:{index}".encode()).digest()
    return int.from_bytes(h[:8], "big")


def choose(st: Story, rnd: random.Random, paper: dict[str, object], max_pages: int = 25) -> list[Doc]:
    """Pick documents so the Akte has 3-12 documents and 5-`max_pages` scanned pages (counting the worst case
    of separators and blank backs)."""
    cands = candidates(st, rnd)
    rnd.shuffle(cands)
    extra = [c for c in candidates(st, random.Random(rnd.random())) if c.group != "pay"]
    docs: list[tuple[Planned, Doc]] = []
    for i, c in enumerate(cands):
        docs.append((c, c.make(B(st, random.Random(f"{st.seed}:{i}:{c.group}")))))

    def doc_pages() -> int:
        return sum(len(d.pages) for _, d in docs)

    def pages() -> int:
        n = doc_pages() + (len(docs) if paper["sep_rate"] else 0) + len(docs) // 10
        return n + doc_pages() if paper["duplex"] else n

    while docs and (len(docs) > 12 or pages() > max_pages):
        docs.pop(rnd.randrange(len(docs)))
    k = 0
    while (len(docs) < 3 or doc_pages() < 5) and k < len(extra):
        c = extra[k]
        d = c.make(B(st, random.Random(f"{st.seed}:x{k}:{c.group}")))
        k += 1
        docs.append((c, d))
        if pages() > max_pages and len(docs) > 3:
            docs.pop()
    docs.sort(key=lambda x: x[1].document_date or x[0].when)
    for c, d in docs:
        d.sort_date = c.when
    if paper["reverse"]:
        docs.reverse()
    return [d for _, d in docs]
