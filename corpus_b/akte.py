"""One Akte: which documents the story yields, in which order, with separators, blank backs and folios."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from corpus_b.docs import authority, bamf, civil, court, employment, forms, identity, residence, school
from corpus_b.docs.base import B, Doc
from corpus_b.layout import Box, Page, Rule, Text
from corpus_b.story import Person, Res, Story, add_months, plus

Maker = Callable[[B], Doc]


@dataclass
class Planned:
    when: dt.date
    make: Maker
    group: str


def _for(person: Person, st: Story, **kw: object) -> Story:
    """The story seen from a family member: documents about them use their name and birth."""
    return replace(st, person=person, **kw)  # type: ignore[arg-type]


def _with(st: Story, make: Callable[[B], Doc]) -> Maker:
    """A maker whose documents are written from another view of the story."""

    def run(b: B) -> Doc:
        return make(B(st, b.rnd))

    return run


def _res_maker(r: Res) -> Maker:
    if r.kind == "gestattet":
        return partial(residence.gestattung, r=r)
    if r.kind == "erlaubt":
        return lambda b: authority.ae_bescheid(b, True, r)
    if r.kind == "fiktion":
        return partial(residence.fiktion, r=r)
    return partial(residence.duldung, r=r)


def candidates(st: Story, rnd: random.Random, window: tuple[dt.date, dt.date] | None = None) -> list[Planned]:
    """Every document this story could have produced, each with the chance it sits in the Akte (`window`: the
    days this folder covers when the person's papers are split over two folders)."""
    out: list[Planned] = []
    lo, hi = window or (dt.date.min, st.end)

    def add(p: float, when: dt.date, make: Maker, group: str) -> None:
        if rnd.random() < p and lo <= when <= min(hi, st.end):
            out.append(Planned(when, make, group))

    for r in st.res:
        add(1.0 if st.complete else 0.55, r.issue, _res_maker(r), "res")
    add(0.5 if st.person.birth_known else 0.0, st.asylum_app + dt.timedelta(days=1), identity.passport, "id")
    add(0.35, st.bamf_hearing - dt.timedelta(days=20), bamf.anhoerung, "bamf")
    add(0.8, st.bamf_decision, bamf.bescheid, "bamf")
    if st.case:
        c = st.case
        if c.eil_date:
            add(0.5, c.eil_date, lambda b: court.decision(b, "eil"), "court")
        add(0.7, c.decided, lambda b: court.decision(b, "main"), "court")
        if c.appeal_date:
            add(0.6, c.appeal_date, lambda b: court.decision(b, "appeal"), "court")
    if st.duldungen:
        d0 = st.duldungen[0][0]
        add(0.4, d0 + dt.timedelta(days=30), authority.passbeschaffung, "abh")
        add(0.2, d0 + dt.timedelta(days=60), authority.anhoerung, "abh")
        add(0.1, d0 + dt.timedelta(days=90), lambda b: court.decision(b, "eil_res"), "court")
        add(0.12, st.duldungen[-1][0] + dt.timedelta(days=40), identity.passersatz, "id")
        if not st.ae_date:
            add(0.25, st.duldungen[-1][0] + dt.timedelta(days=50), lambda b: authority.ae_bescheid(b, False), "abh")
    add(0.25, st.bamf_decision + dt.timedelta(days=200), authority.vermerk, "abh")
    add(0.3, st.end - dt.timedelta(days=200), authority.schriftsatz, "abh")
    if st.bamf_outcome in ("subsidiaer", "abschiebungsverbot"):
        add(0.12, st.bamf_decision + dt.timedelta(days=1000), bamf.widerruf, "bamf")
    for rec in st.schooling:
        pe = st.person if rec.key == "main" else next(c for c in st.children if c.key == rec.key)
        view = st if rec.key == "main" else _for(pe, st)
        maker = school.schulbescheinigung if rec.paper == "bescheinigung" else school.zeugnis
        when = dt.date(rec.y0, 10, 1) if rec.paper == "bescheinigung" else dt.date(rec.y0 + 1, 7, 15)
        if rec.paper == "halbjahr":
            when = dt.date(rec.y0 + 1, 2, 5)
        add(0.7, when, _with(view, partial(maker, rec=rec)), "school")
    if (st.end - st.person.birth).days < 24 * 365 and st.jobs:
        add(0.25, st.jobs[0].start, school.ausbildungsvertrag, "school")
    for lang in st.langs:
        add(0.75, lang.exam + dt.timedelta(days=30), partial(school.language, lang=lang), "lang")
    if st.person.birth_known:
        add(0.25, st.asylum_app + dt.timedelta(days=2), partial(civil.certificate, marriage=False), "civil")
    add(
        0.5 if st.spouse_p else 0.0,
        st.asylum_app + dt.timedelta(days=3),
        partial(civil.certificate, marriage=True),
        "civil",
    )
    for kid in st.children:
        o = st.person.origin
        other = (
            f"{st.spouse_p.given[0]} {st.spouse_p.surname[0]}"
            if st.spouse_p
            else f"{(o.male if st.person.female else o.female)[-1][0]} {o.surnames[-1][0]}"
        )
        me = st.person.usual
        father, mother = (other, me) if st.person.female else (me, other)
        parents = (("main", me), ("spouse", other)) if st.spouse_p else (("main", me),)
        view = _for(kid, st, father=father, mother=mother)
        if kid.birth < st.entry:
            add(
                0.6,
                st.asylum_app + dt.timedelta(days=4),
                _with(view, partial(civil.certificate, marriage=False, parents=parents)),
                "civil",
            )
        else:
            add(
                0.8,
                kid.birth + dt.timedelta(days=20),
                _with(view, partial(civil.birth_de, parents=parents, father=father, mother=mother)),
                "civil",
            )
    add(0.3, st.asylum_app + dt.timedelta(days=200), civil.meldebescheinigung, "civil")
    add(0.25, st.end - dt.timedelta(days=250), forms.antrag, "abh")
    add(0.15, st.bamf_decision + dt.timedelta(days=300), forms.zustellungsurkunde, "abh")
    if st.case:
        add(0.1, st.case.decided + dt.timedelta(days=5), forms.empfangsbekenntnis, "court")
    for job in st.jobs:
        view = replace(st, employer=job.employer, job=job.job, job_start=job.start, job_end=job.end)
        add(0.35, job.start - dt.timedelta(days=10), _with(view, employment.contract), "job")
        add(0.2, job.start - dt.timedelta(days=5), _with(view, employment.beschaeftigungserklaerung), "job")
        last = job.end or st.end
        if job.end is not None:
            add(
                0.4,
                job.end + dt.timedelta(days=10),
                _with(view, partial(employment.arbeitgeberbescheinigung, when=plus(job.end, 3, 30, rnd))),
                "job",
            )
        when = (
            plus(last, -60, -5, rnd)
            if job.end is None
            else plus(job.start, 60, max(61, (last - job.start).days - 5), rnd)
        )
        if when > job.start:
            add(0.5, when, _with(view, partial(employment.arbeitgeberbescheinigung, when=when)), "job")
        if rnd.random() < 0.6:
            span = (last.year - job.start.year) * 12 + last.month - job.start.month
            n = min(span, rnd.randint(2, 8))
            if n < 1:
                continue
            m0 = rnd.randint(0, span - n) if span > n else 0
            first = add_months(job.start.replace(day=1), m0)
            holder: dict[str, employment.PayStyle] = {}
            skip = rnd.randrange(n) if n > 2 and rnd.random() < 0.4 else -1

            def slip(b: B, m: dt.date, view: Story = view, holder: dict[str, employment.PayStyle] = holder) -> Doc:
                bb = B(view, b.rnd)
                if "style" not in holder:
                    holder["style"] = employment.payslip_style(bb)
                return employment.payslip(bb, m, holder["style"])

            for k in range(n):
                m = add_months(first, k)
                when = plus(m, 27, 30, rnd)
                if k != skip and lo <= when <= min(hi, st.end):
                    out.append(Planned(when, partial(slip, m=m), "pay"))
    return out


def child_candidates(
    st: Story, kid: Person, rnd: random.Random, window: tuple[dt.date, dt.date] | None = None
) -> list[Planned]:
    """The papers of a child's own folder: the family's residence papers in the child's name, the child's
    school papers and birth certificate."""
    out: list[Planned] = []
    lo, hi = window or (dt.date.min, st.end)
    o = st.person.origin
    other = (
        f"{st.spouse_p.given[0]} {st.spouse_p.surname[0]}"
        if st.spouse_p
        else f"{(o.male if st.person.female else o.female)[-1][0]} {o.surnames[-1][0]}"
    )
    father, mother = (other, st.person.usual) if st.person.female else (st.person.usual, other)
    view = _for(kid, st, father=father, mother=mother)

    def add(p: float, when: dt.date, make: Maker, group: str) -> None:
        if rnd.random() < p and lo <= when <= min(hi, st.end):
            out.append(Planned(when, _with(view, make), group))

    for r in st.res:
        add(0.9 if st.complete else 0.6, r.issue, _res_maker(r), "res")
    for rec in st.schooling:
        if rec.key == kid.key:
            maker = school.schulbescheinigung if rec.paper == "bescheinigung" else school.zeugnis
            when = dt.date(rec.y0, 10, 1) if rec.paper == "bescheinigung" else dt.date(rec.y0 + 1, 7, 15)
            add(0.85, when, partial(maker, rec=rec), "school")
    me = st.person.usual
    parents = (("main", me), ("spouse", other)) if st.spouse_p else (("main", me),)
    add(0.8, st.asylum_app + dt.timedelta(days=4), partial(civil.certificate, marriage=False, parents=parents), "civil")
    add(0.3, st.asylum_app + dt.timedelta(days=200), civil.meldebescheinigung, "civil")
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


def choose(
    st: Story,
    rnd: random.Random,
    paper: dict[str, object],
    max_pages: int = 25,
    window: tuple[dt.date, dt.date] | None = None,
    kid: Person | None = None,
) -> list[Doc]:
    """Pick documents so the Akte has 3-14 (complete folders: up to 20) documents and 5-`max_pages` scanned pages
    (counting the worst case of separators and blank backs)."""

    def plan(r: random.Random) -> list[Planned]:
        return child_candidates(st, kid, r, window) if kid else candidates(st, r, window)

    cands = plan(rnd)
    rnd.shuffle(cands)
    extra = [c for c in plan(random.Random(rnd.random())) if c.group != "pay"]
    docs: list[tuple[Planned, Doc]] = []
    for i, c in enumerate(cands):
        docs.append((c, c.make(B(st, random.Random(f"{st.seed}:{i}:{c.group}")))))

    def doc_pages() -> int:
        return sum(len(d.pages) for _, d in docs)

    def pages() -> int:
        n = doc_pages() + (len(docs) if paper["sep_rate"] else 0) + len(docs) // 10
        return n + doc_pages() if paper["duplex"] else n

    most = 20 if st.complete else 14
    keep = ("res",) if st.complete else ()
    while docs and (len(docs) > most or pages() > max_pages):
        # case papers (residence, identity, school, language, civil status) leave the folder less often
        weights = [
            0.0 if c.group in keep else 1.0 if c.group in ("res", "id", "lang", "school", "civil") else 2.0
            for c, _ in docs
        ]
        if not any(weights):
            weights = [1.0] * len(docs)
        docs.pop(rnd.choices(range(len(docs)), weights)[0])
    k = 0
    present = {(c.when, c.group) for c, _ in docs}
    while (len(docs) < 3 or doc_pages() < 5) and k < len(extra):
        c = extra[k]
        k += 1
        if (c.when, c.group) in present:
            continue
        d = c.make(B(st, random.Random(f"{st.seed}:x{k}:{c.group}")))
        docs.append((c, d))
        if pages() > max_pages and len(docs) > 3:
            docs.pop()
    docs.sort(key=lambda x: x[1].document_date or x[0].when)
    for c, d in docs:
        d.sort_date = c.when
    if paper["reverse"]:
        docs.reverse()
    return [d for _, d in docs]
