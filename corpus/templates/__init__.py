"""Document templates, one module per family of types; `make_document` picks one at random."""

from __future__ import annotations

import random
from collections.abc import Callable

from corpus.case import Case
from corpus.model import DocBuilder
from corpus.templates import bamf, civil, court, employment, identity, misc, residence

Maker = Callable[[random.Random, Case, int], DocBuilder]

# (weight, max pages, maker): page counts are drawn 1..max, so multi-page docs stay in their range.
MAKERS: dict[str, tuple[float, int, Maker]] = {
    "court": (1.3, 4, court.make),
    "bamf": (1.1, 4, bamf.make),
    "payslip": (1.2, 1, lambda r, c, n: employment.payslip(r, c)),
    "contract": (0.5, 3, employment.contract),
    "training": (0.25, 3, lambda r, c, n: employment.contract(r, c, n, training=True)),
    "ba_form": (0.4, 1, lambda r, c, n: employment.ba_form(r, c)),
    "employer_cert": (0.4, 1, lambda r, c, n: employment.employer_certificate(r, c)),
    "duldung": (0.8, 2, lambda r, c, n: residence.form(r, c, "duldung", n)),
    "fiktion": (0.3, 2, lambda r, c, n: residence.form(r, c, "fiktionsbescheinigung", n)),
    "gestattung": (0.3, 1, lambda r, c, n: residence.form(r, c, "aufenthaltsgestattung", n)),
    "permit": (0.4, 2, residence.permit_decision),
    "passport": (0.6, 2, lambda r, c, n: identity.passport(r, c, n)[0]),
    "passersatz": (0.2, 1, lambda r, c, n: identity.passersatz(r, c)),
    "civil": (0.6, 2, civil.certificate),
    "melde": (0.5, 1, lambda r, c, n: misc.meldebescheinigung(r, c)),
    "school": (0.5, 2, misc.school),
    "antrag": (0.6, 2, misc.antrag),
    "lawyer": (0.7, 3, misc.lawyer_letter),
    "vermerk": (0.4, 1, lambda r, c, n: misc.vermerk(r, c)),
    "letter": (0.5, 2, misc.authority_letter),
    "zustellung": (0.25, 1, lambda r, c, n: misc.zustellung(r, c)),
}


def pick_kinds(rng: random.Random, n: int) -> list[str]:
    kinds = list(MAKERS)
    return rng.choices(kinds, weights=[MAKERS[k][0] for k in kinds], k=n)


def make_document(rng: random.Random, case: Case, kind: str, max_pages: int | None = None) -> DocBuilder:
    _weight, most, maker = MAKERS[kind]
    most = min(most, max_pages or most)
    n = rng.choices(range(1, most + 1), weights=[3, 3, 2, 1][:most])[0]
    b = maker(rng, case, n)
    for i, page in enumerate(b.pages):
        if page.header:
            page.header = page.header.format(n=i + 1, N=len(b.pages))
    return b
