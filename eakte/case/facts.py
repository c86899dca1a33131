"""Facts from one document record (+ its page texts): status papers, work, school, certificates, decisions.

Dates come from the record's dates with roles (the extractor's page numbers are the evidence); the
wording (legal basis, operative points, outcomes, levels, payslip months) from `extractors.facts`.
A fact whose page is not known points at the document's first page and says so in its note.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import replace

from eakte.case.model import Evidence, Fact, Mention
from eakte.catalog.normalize import file_number_key, spell_out_umlauts
from extractors.fields import facts as tf
from schemas.records import DocumentRecord, Party

# Decisions, pay slips and passports are no language certificates (and court reasons are long).
NO_CERTIFICATE_TYPES = ("court_decision", "bamf_decision", "employment_proof", "identity_document",
                        "residence_document", "registration_certificate")
LINKING_NUMBERS = ("bamf", "authority")  # one per person (a court's number can cover a whole family)
NATIONALITY_TYPES = ("identity_document", "residence_document", "bamf_decision", "registration_certificate")
BAMF_LETTERS = ("anhoerung", "ladung")
SUBJECT_ROLES = ("person_concerned", "plaintiff", "applicant", "employee")
STATUS_BY_KIND = {"duldung": "geduldet", "aufenthaltsgestattung": "gestattet", "fiktionsbescheinigung": "fiktion",
                  "aufenthaltserlaubnis": "erlaubt", "aufenthaltstitel": "erlaubt",
                  "niederlassungserlaubnis": "erlaubt",
                  "ankunftsnachweis": "gestattet"}
STATUS_BY_BASIS = {"60b": "geduldet_60b", "60a": "geduldet", "60c": "geduldet", "60d": "geduldet",
                   "55 AsylG": "gestattet", "63 AsylG": "gestattet", "81 Abs. 4": "fiktion", "81 Abs. 3": "fiktion",
                   "81": "fiktion", "25 Abs. 5": "erlaubt", "25 Abs. 3": "erlaubt", "25 Abs. 2": "erlaubt",
                   "25 Abs. 1": "erlaubt", "25a": "erlaubt", "25b": "erlaubt", "104c": "erlaubt", "19d": "erlaubt"}


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def pages_of(doc: DocumentRecord, text: str) -> list[str]:
    pages = text.split("\f") if text else []
    n = doc.source.last_page - doc.source.first_page + 1
    return (pages + [""] * n)[:n]


class _Doc:
    """Evidence helpers for one document."""

    def __init__(self, doc: DocumentRecord) -> None:
        self.doc = doc

    def ev(self, page: int | None, note: str = "") -> Evidence:
        first, last = self.doc.source.first_page, self.doc.source.last_page
        if page is None or not first <= page <= last:
            page, note = first, (note + "; " if note else "") + "page not known: first page of the document"
        return Evidence(self.doc.document_id, page, page - first + 1, self.doc.doc_type, note)

    def ev_rel(self, rel_page: int, note: str = "") -> Evidence:
        return self.ev(self.doc.source.first_page + rel_page, note)

    def dates(self, role: str) -> list[tuple[dt.date, int | None]]:
        return [(dt.date.fromisoformat(d.value), d.page) for d in self.doc.dates if d.role == role]

    def first(self, role: str) -> tuple[dt.date, int | None] | None:
        got = self.dates(role)
        return got[0] if got else None

    def doc_date(self) -> tuple[dt.date, int | None] | None:
        return self.first("document_date") or ((_d(self.doc.document_date), None) if self.doc.document_date
                                               else None)  # type: ignore[return-value]


CIVIL_TYPES = ("civil_status_document",)
MAX_VALIDITY_DAYS = 3 * 366 + 31
# Papers the classifier may take for something else while their heading names a residence paper.
RETYPED_AS_RESIDENCE = ("identity_document", "other")


def civil_birth(doc: DocumentRecord, pages: list[str] | None) -> tuple[dt.date, int | None] | None:
    """A civil status paper's subject birth date: the record's, else its text's 'Geburtsdatum' field."""
    got = _Doc(doc).first("birth_date")
    if got or doc.doc_type not in CIVIL_TYPES or not pages:
        return got
    field = tf.birth_date_field(pages)
    return (dt.date.fromisoformat(field.value), doc.source.first_page + field.page) if field else None


# Words before a name that make it a representative or relative of the paper's holder, not its holder.
_REPRESENTS = re.compile(r"(?:vertreten\s+durch|vertr\.|Erziehungsberechtigte\w*|Sorgeberechtigte\w*|Vormund\w*|"
                         r"Mutter|Vater|Eltern(?:teil)?|Ehe(?:frau|mann|gatte\w*|partner\w*)|Pflegeeltern)"
                         r"\s*[:,]?\s*(?:(?:Herrn?|Frau)\s+)?$", re.IGNORECASE)
_LOOKBACK = 60


def representative(name: str, text: str) -> bool:
    """The name (in either word order) is printed right after a guardian's, parent's or spouse's label, and
    nowhere else in the paper."""
    words = [re.escape(w) for w in re.split(r"[\s,]+", name) if w]
    if not words or not text:
        return False
    orders = {r"[\s,]+".join(words), r"[\s,]+".join(words[-1:] + words[:-1])}
    hits = [m.start() for o in orders for m in re.finditer(rf"(?<!\w){o}(?!\w)", text, re.IGNORECASE)]
    own = [h for h in hits if not _REPRESENTS.search(text[max(0, h - _LOOKBACK):h].split("\n")[-1])]
    return bool(hits) and not own


def _name_ends(name: str, text: str) -> list[int]:
    words = [re.escape(w) for w in re.split(r"[\s,]+", name) if w]
    orders = {r"[\s,]+".join(words), r"[\s,]+".join(words[-1:] + words[:-1])} if words else set()
    return [m.end() for o in orders for m in re.finditer(rf"(?<!\w){o}(?!\w)", text, re.IGNORECASE)]


NOT_FAMILY_ROLES = ("authority", "representative", "court", "employer", "defendant", "respondent")
NOT_THE_HOLDERS = (dt.date.min, None)  # the paper's birth dates all follow other persons' names


def holder_birth(doc: DocumentRecord, pages: list[str] | None, name: str) -> tuple[dt.date, int | None] | None:
    """The holder's birth date: of the birth dates a paper states (a family's joint decision, a parent's paper
    listing a child with theirs), the one printed next after the holder's name. NOT_THE_HOLDERS when each
    follows another person's name the paper names; None when that cannot be told."""
    births = {d.value: d for d in doc.dates if d.role == "birth_date"}
    if not births or not pages:
        return None
    text = "\n".join(pages)
    names = {p.name for p in doc.parties if p.kind == "person" and p.role not in NOT_FAMILY_ROLES}
    ends = {n: _name_ends(n, text) for n in names | {name}}
    if not ends[name]:
        return None
    owner: dict[str, tuple[int, str]] = {}  # birth value -> (distance, the name printed nearest before it)
    for value, d in births.items():
        printed = [d.text] if d.text else []
        printed.append(dt.date.fromisoformat(value).strftime("%d.%m.%Y"))
        for p in printed:
            for m in re.finditer(re.escape(p), text):
                for n, at in ends.items():
                    gaps = [m.start() - e for e in at if 0 <= m.start() - e <= HOLDER_BIRTH_REACH]
                    if gaps and (value not in owner or min(gaps) < owner[value][0]):
                        owner[value] = (min(gaps), n)
    mine = sorted((gap, value) for value, (gap, n) in owner.items() if n == name)
    if mine:
        d = births[mine[0][1]]
        return dt.date.fromisoformat(d.value), d.page
    if owner and len(owner) == len(births):
        return NOT_THE_HOLDERS
    return None


HOLDER_BIRTH_REACH = 250  # characters from a name to the birth date printed after it (same or next rows)


def holder_first(people: list[tuple[int, Party]], pages: list[str] | None) -> list[tuple[int, Party]]:
    """The holder of a paper naming several persons in the subject's role first: a child's Duldung names
    the mother as legal representative ("gesetzlich vertreten durch"), a parent's paper the spouse."""
    if len(people) < 2 or not pages:
        return people
    text = "\n".join(pages)
    return sorted(people, key=lambda x: representative(x[1].name, text))


def mentions(doc: DocumentRecord, pages: list[str] | None = None) -> list[Mention]:
    """The persons a document names; the subject (the paper's holder, never the guardian or spouse it
    also names) first. The birth date goes with the subject only (a Geburtsurkunde's parents are named
    without theirs); on a civil status paper the other persons named (parents, spouse) are marked apart:
    they are never its subject."""
    birth = civil_birth(doc, pages)
    people = [(i, p) for i, p in enumerate(doc.parties) if p.kind == "person"]
    numbers = tuple(sorted({f"{f.kind}:{file_number_key(f.value)}" for f in doc.file_numbers
                            if f.kind in LINKING_NUMBERS and file_number_key(f.value)}))
    subjects = holder_first([x for x in people if x[1].role in SUBJECT_ROLES], pages)
    if subjects:
        birth = holder_birth(doc, pages, subjects[0][1].name) or birth
        if birth == NOT_THE_HOLDERS:
            birth = None
    out = []
    for n, (_, p) in enumerate(subjects + [x for x in people if x not in subjects]):
        is_subject = n == 0 and bool(subjects)
        page = (birth[1] if (is_subject and birth) else None) or doc.source.first_page
        out.append(Mention(p.name, spell_out_umlauts(p.name), birth[0] if (is_subject and birth) else None,
                           doc.document_id, doc.akte_id, p.role if n else ("subject" if is_subject else p.role),
                           page, page - doc.source.first_page + 1, numbers if is_subject else (),
                           apart=bool(subjects) and not is_subject and doc.doc_type in CIVIL_TYPES))
    return out


def document_facts(doc: DocumentRecord, text: str) -> list[Fact]:
    """All facts of one document; `person` is left empty (the subject of the document, linked later).

    A later page headed as a residence paper or a test certificate is read as a paper of its own (with the
    dates of its pages): the evidence still names this document and its pages."""
    pages = pages_of(doc, text)
    starts = paper_starts(doc, pages)
    if not starts:
        return _document_facts(doc, pages)
    out: list[Fact] = []
    bounds = [0, *starts, len(pages)]
    for n, (lo, hi) in enumerate(itertools.pairwise(bounds)):
        part = _part(doc, lo, hi - 1, None if n == 0 else "paper")
        for f in _document_facts(part, pages[lo:hi]):
            f.evidence = replace(f.evidence, doc_page=f.evidence.page - doc.source.first_page + 1)
            out.append(f)
    return out


SPLIT_TYPES = ("employment_proof", "residence_document", "identity_document", "civil_status_document", "other",
               "correspondence", "school_document", "registration_certificate")


def paper_starts(doc: DocumentRecord, pages: list[str]) -> list[int]:
    return tf.paper_starts(pages) if doc.doc_type in SPLIT_TYPES and len(pages) > 1 else []


def _part(doc: DocumentRecord, lo: int, hi: int, kind: str | None) -> DocumentRecord:
    """The record narrowed to its pages lo..hi (0-based within the document), with the dates of those pages."""
    first = doc.source.first_page
    dates = [d for d in doc.dates if d.page is not None and first + lo <= d.page <= first + hi]
    update: dict[str, object] = {"source": doc.source.model_copy(update={"first_page": first + lo,
                                                                         "last_page": first + hi}),
                                 "dates": dates}
    if kind:  # the paper's own heading decides its kind below (residence paper or certificate)
        update.update(doc_type="other", doc_subtype=None,
                      document_date=next((d.value for d in dates if d.role == "document_date"), None))
    return doc.model_copy(update=update)


def _document_facts(doc: DocumentRecord, pages: list[str]) -> list[Fact]:
    h = _Doc(doc)
    out: list[Fact] = []
    birth = civil_birth(doc, pages)
    if birth:
        out.append(Fact("birth", h.ev(birth[1]), birth[0].isoformat(), start=birth[0]))
    for when, page in h.dates("entry_date")[:1]:
        out.append(Fact("entry", h.ev(page), "entry", start=when))
    if not h.dates("entry_date"):  # the date reader gave no entry role: the paper's own wording
        out += [Fact("entry", h.ev_rel(f.page), "entry", start=dt.date.fromisoformat(f.value),
                     detail={"source": "wording"}) for f in tf.entry_dates(pages)[:1]]
    for when, page in h.dates("application_date")[:1]:
        if doc.doc_type in ("bamf_decision", "application"):
            out.append(Fact("application", h.ev(page), doc.doc_type, start=when))
    kind = doc.doc_type
    if kind in NATIONALITY_TYPES:
        nat = tf.nationality(pages)
        if nat:
            out.append(Fact("nationality", h.ev_rel(nat.page), nat.value, detail=dict(nat.detail)))
    titled = kind in RETYPED_AS_RESIDENCE and tf.residence_title(pages) is not None
    certificate = tf.certificate_title(pages)  # a test result is one whatever the classifier took it for
    if kind == "residence_document" or titled:
        out += _residence(h, pages)
        if titled:
            out[-1].detail["paper_note"] = f"classified as {kind}; its heading names a residence paper"
    elif certificate and kind not in ("residence_document", "employment_proof"):
        pass
    elif kind == "identity_document" or (kind == "other" and tf.is_passport(pages)):
        out += _identity(h, pages)
    elif kind == "employment_proof":
        out += _employment(h, pages)
    elif kind in ("correspondence", "other") and tf.employer_letter(pages):
        out += _employment(h, pages)  # an employer's letter stating the employment is a certificate
        for f in out:
            if f.kind == "employment":
                f.detail["paper_note"] = f"classified as {kind}; an employer's statement of employment"
    elif kind == "school_document":
        out += _school(h, pages)
    elif kind == "bamf_decision":
        out += _bamf(h, pages)
    elif kind == "court_decision":
        out += _court(h, pages)
    elif kind == "civil_status_document":
        out += _civil(h, pages)
    if kind not in NO_CERTIFICATE_TYPES or certificate:
        out += [Fact(f.kind, h.ev_rel(f.page), f.value, detail=dict(f.detail))
                for f in tf.language_certificates(pages)]
    return out


def _residence(h: _Doc, pages: list[str]) -> list[Fact]:
    bases = tf.legal_bases(pages)
    subtype = (h.doc.doc_subtype or "").lower()
    by_text = tf.residence_kind(pages)
    kind = subtype if subtype in STATUS_BY_KIND else (by_text.value if by_text else "")
    status = STATUS_BY_KIND.get(kind, "unknown")
    codes = [b.value for b in bases]
    if "60b" in codes:
        status = "geduldet_60b"  # the § 60b label decides: those months do not count
    elif status == "unknown":
        status = next((STATUS_BY_BASIS[c] for c in codes if c in STATUS_BY_BASIS), "unknown")
    stated = tf.validity(pages) if not (h.dates("valid_from") and h.dates("valid_until")) else []
    starts = h.dates("valid_from") or [(dt.date.fromisoformat(f.value), h.doc.source.first_page + f.page)
                                       for f in stated if f.kind == "valid_from"]
    start = starts[0] if starts else h.doc_date()
    ends = sorted(h.dates("valid_until") or [(dt.date.fromisoformat(f.value), h.doc.source.first_page + f.page)
                                             for f in stated if f.kind == "valid_until"], key=lambda x: x[0])
    detail = {"paper": kind or "unknown", "legal_basis": ", ".join(codes)}
    issued = h.doc_date()
    if start and not ends and issued and start[0] > issued[0] + dt.timedelta(days=31):
        # A paper is not valid from months after its issue: the only date is its end (form rows read as one).
        ends, start = [start], issued
        detail["dates_note"] = "the only validity date lies after the issue date: read as the end of validity"
    if start and ends:
        # No residence paper runs longer than three years (§ 26 Abs. 1 AufenthG for permits; Duldung, Gestattung
        # and Fiktion far less): a later 'end' is a misread date, never silently a decade of stay.
        plausible = [e for e in ends if start[0] <= e[0] <= start[0] + dt.timedelta(days=MAX_VALIDITY_DAYS)]
        if len(plausible) < len(ends):
            detail["dates_note"] = "a validity end more than three years after the start was not counted"
            ends = plausible
    if status == "erlaubt":
        granted = [c for c in codes if STATUS_BY_BASIS.get(c) == "erlaubt"]
        detail["legal_basis"] = ", ".join(granted) or detail["legal_basis"]
    page = ends[-1][1] if ends else (start[1] if start else None)
    note = "" if ends else "no validity end stated"
    if len(ends) > 1:
        detail["extended"] = str(len(ends) - 1)
    ev = h.ev(page, note)
    return [Fact("status", ev, status, start=start[0] if start else None, end=ends[-1][0] if ends else None,
                 detail=detail)]


def _identity(h: _Doc, pages: list[str]) -> list[Fact]:
    sub = (h.doc.doc_subtype or "").lower()
    passport = ("pass" in sub and "ersatz" not in sub) or tf.is_passport(pages)
    issued = h.first("document_date")
    until = _passport_validity(h, pages, issued[0] if issued else None) if passport else h.first("valid_until")
    if until is None and not passport:  # the machine-readable zone's expiry (check digit verified)
        from extractors.fields.mrz import find_mrz

        for i, text in enumerate(pages):
            mrz = find_mrz(text)
            if mrz and mrz.expiry_date:
                until = (dt.date.fromisoformat(mrz.expiry_date), h.doc.source.first_page + i)
                break
    return [Fact("passport" if passport else "identity_document",
                 h.ev(until[1] if until else None, "" if until else "no expiry date stated"), sub or "identity",
                 start=issued[0] if issued else None, end=until[0] if until else None)]


PASSPORT_YEARS = 12  # a validity stated further after the issue date is a misread (ten years, an extension)


def _passport_validity(h: _Doc, pages: list[str], issued: dt.date | None) -> tuple[dt.date, int | None] | None:
    """The latest validity a passport states: the date reader's validity ends, the passport zone's expiry
    (check digits verified; not a residence card's zone copied beside it) and the printed expiries,
    extension stamps ("verlängert bis") among them. Dates not after the issue date, or more than
    PASSPORT_YEARS after it, only count when nothing else is stated."""
    from extractors.fields.mrz import find_all_mrz

    first = h.doc.source.first_page
    found = list(h.dates("valid_until"))
    for i, text in enumerate(pages):
        found += [(dt.date.fromisoformat(z.expiry_date), first + i) for z in find_all_mrz(text) if z.is_passport]
    found += [(dt.date.fromisoformat(f.value), first + f.page) for f in tf.passport_expiries(pages)]
    if issued:
        limit = issued.replace(year=issued.year + PASSPORT_YEARS) if (issued.month, issued.day) != (2, 29) \
            else dt.date(issued.year + PASSPORT_YEARS, 3, 1)
        found = [f for f in found if issued < f[0] <= limit] or found
    return max(found, key=lambda f: f[0]) if found else None


def _employment(h: _Doc, pages: list[str]) -> list[Fact]:
    out: list[Fact] = []
    employer = next((p.name for p in h.doc.parties if p.role == "employer"), "")
    paper = tf.employment_paper(pages, h.doc.doc_subtype or "")
    months: dict[str, Evidence] = {}
    if paper in ("payslip", ""):  # a certificate's or a contract's periods are no pay months
        # per page, the date reader's pay period first, else the month the slip's wording names
        read = {page for _, page in h.dates("pay_period_start")}
        for when, page in h.dates("pay_period_start"):
            months.setdefault(f"{when.year:04d}-{when.month:02d}", h.ev(page))
        for f in tf.pay_months(pages):
            if h.doc.source.first_page + f.page not in read:
                months.setdefault(f.value, h.ev_rel(f.page))
    if months:
        paper = "payslip"
    for month, ev in sorted(months.items()):
        out.append(Fact("pay_month", ev, month, start=dt.date.fromisoformat(month + "-01"),
                        detail={"employer": employer}))
    # The paper's own wording first (a general grammar of spans and cues next to a word of employment), the
    # date reader's employment roles when it states none.
    stated = tf.employment_period(pages)
    start: tuple[dt.date, int | None] | None
    end: tuple[dt.date, int | None] | None
    if stated:
        page = h.doc.source.first_page + stated.page
        start = (dt.date.fromisoformat(stated.value), page)
        end = (dt.date.fromisoformat(stated.detail["end"]), page) if stated.detail.get("end") else None
    else:
        start, end = h.first("employment_start"), h.first("employment_end")
    if start:
        known = h.doc_date()
        detail = {"employer": employer, "paper": paper}
        if not end and known:
            detail["known_until"] = known[0].isoformat()  # employed at least until the paper's date
        elif paper == "certificate" and end and known and known[0] >= start[0] and end[0] > known[0]:
            # a certificate attests work up to its own date, not an end it foresees ('befristet bis …')
            detail["known_until"], detail["stated_end"] = known[0].isoformat(), end[0].isoformat()
            end = None
        out.append(Fact("employment", h.ev(start[1]), employer, start=start[0], end=end[0] if end else None,
                        detail=detail))
    return out


def _school(h: _Doc, pages: list[str]) -> list[Fact]:
    out: list[Fact] = []
    if tf.kita_paper(pages):
        return []  # a Kita's confirmation attests no school attendance
    school = next((p.name for p in h.doc.parties if p.kind == "organisation" and p.role != "authority"), "")
    text = tf.school_facts(pages)
    issued = h.doc_date()
    since = next((f for f in text if f.kind == "school_since"), None)
    year = next((f for f in text if f.kind == "school_year"), None)
    half = next((f for f in text if f.kind == "school_half"), None)
    if year:
        y1 = int(year.value[:4])
        start, end = dt.date(y1, 8, 1), dt.date(y1 + 1, 7, 31)  # a school year: 01.08.-31.07.
        if half:
            start, end = (start, dt.date(y1 + 1, 1, 31)) if half.value == "1" else (dt.date(y1 + 1, 2, 1), end)
        out.append(Fact("school", h.ev_rel(year.page), school, start=start, end=end,
                        detail={"school_year": year.value + (f", half {half.value}" if half else "")}))
    elif since and issued:
        out.append(Fact("school", h.ev_rel(since.page), school, start=dt.date.fromisoformat(since.value),
                        end=issued[0], detail={"attested_on": issued[0].isoformat()}))
    elif issued:
        out.append(Fact("school", h.ev(issued[1]), school, start=issued[0], end=issued[0],
                        detail={"attested_on": issued[0].isoformat()}))
    cls = next((f for f in text if f.kind == "school_class"), None)
    if cls and out:
        out[-1].detail["class"] = cls.value
    leaving = next((f for f in text if f.kind == "school_leaving"), None)
    if leaving:
        out.append(Fact("school_leaving", h.ev_rel(leaving.page), school,
                        start=issued[0] if issued else None))
    return out


def _bamf(h: _Doc, pages: list[str]) -> list[Fact]:
    when = h.doc_date()
    ev = h.ev(when[1] if when else None)
    if (h.doc.doc_subtype or "") in BAMF_LETTERS:  # a summons to the hearing decides nothing
        hearing = h.first("hearing_date")
        return [Fact("bamf_hearing", h.ev(hearing[1]) if hearing else ev, h.doc.doc_subtype or "",
                     start=hearing[0] if hearing else (when[0] if when else None))]
    points = tf.bamf_points(pages)
    detail = {p.value: p.detail["outcome"] for p in points}
    out = [Fact("bamf_decision", ev, h.doc.doc_subtype or "bescheid", start=when[0] if when else None, detail=detail)]
    out += [Fact("bamf_point", h.ev_rel(p.page), p.value, start=when[0] if when else None, detail=dict(p.detail))
            for p in points]
    return out


def _court(h: _Doc, pages: list[str]) -> list[Fact]:
    when = h.doc_date()
    outcomes = tf.court_outcomes(pages)
    court = h.doc.court
    name = " ".join(x for x in ((court.type if court else ""), (court.place or "" if court else "")) if x)
    detail = {"court": name, "outcome": ", ".join(o.value for o in outcomes) or "unknown"}
    ev = h.ev_rel(outcomes[0].page) if outcomes else h.ev(when[1] if when else None, "outcome not found")
    return [Fact("court_decision", ev, h.doc.doc_subtype or "entscheidung", start=when[0] if when else None,
                 detail=detail)]


def _civil(h: _Doc, pages: list[str]) -> list[Fact]:
    sub = (h.doc.doc_subtype or "").lower()
    birth = civil_birth(h.doc, pages)
    if sub == "heiratsurkunde":
        others = [p.name for p in h.doc.parties if p.kind == "person" and p.role not in SUBJECT_ROLES]
        if others:
            return [Fact("marriage", h.ev(birth[1] if birth else None), others[0], detail={"spouse": others[0]})]
    if sub == "geburtsurkunde" and birth:
        parents = [p.name for p in h.doc.parties if p.kind == "person" and p.role not in SUBJECT_ROLES]
        return [Fact("birth_certificate", h.ev(birth[1]), birth[0].isoformat(), start=birth[0],
                     detail={"parents": "; ".join(parents)})]
    return []
