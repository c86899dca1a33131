"""One document's fields: classify its head, then read dates, court, file numbers, parties, language, folios.

Pure functions over the cleaned page texts of one page range (and their word boxes where OCR gave them);
`extractors/analyse.py` runs them per document and then the source-level fixes below.
"""

from __future__ import annotations

from extractors import doctypes
from extractors.classify import classify
from extractors.fields.courts import find_courts, pick_court, with_date
from extractors.fields.dates import (
    DateHit,
    DatePage,
    date_page,
    find_dates,
    find_month_periods,
    rank_document_date,
)
from extractors.fields.file_numbers import (
    FileNumberHit,
    find_file_numbers,
    looks_like_authority,
    mask,
    normalize_file_number,
    own_file_numbers,
    recover_authority,
)
from extractors.fields.folios import find_folio
from extractors.fields.language import detect_language
from extractors.fields.normalize import clean
from extractors.fields.parties import document_parties
from extractors.layout import page_layout
from extractors.model import DocumentAnalysis, PageText
from schemas.records import DateEntry, FileNumber, Party


def recover_authority_numbers(docs: list[DocumentAnalysis], by_number: dict[int, PageText]) -> None:
    """Documents without an authority number get the source's one where their first page prints it garbled."""
    known = list(dict.fromkeys(f.value for d in docs for f in d.file_numbers
                               if f.kind == "authority" and looks_like_authority(f.value)))
    if len(known) != 1:
        return  # none, or two files in one source: no guessing
    for d in docs:
        if doctypes.profile(d.doc_type).ruling or any(f.kind == "authority" for f in d.file_numbers):
            continue
        first = by_number.get(d.first_page)
        value = recover_authority(first.text, known) if first else None
        if value:
            d.file_numbers.append(FileNumber(kind="authority", value=value, normalized=normalize_file_number(value)))


def document_fields(pages: list[PageText]) -> tuple[DocumentAnalysis, DateHit | None]:
    """All fields of one document (a contiguous page range), and the date hit its issuing date was read from
    (a review signal: how the date was found)."""
    head = "\n".join(p.text for p in pages[:3] if p.text.strip())
    cls = classify(head)
    fn_hits = [find_file_numbers(p.text) for p in pages]
    date_hits, candidates, date_pages = document_dates(pages, fn_hits, cls.doc_type)
    chosen = rank_document_date(candidates, date_pages, cls.doc_type, len(pages))
    document_date = chosen[1].value if chosen else None
    court = None
    if doctypes.profile(cls.doc_type).ruling:
        court = with_date(pick_court([c for p in pages[:2] for c in find_courts(p.text)]), document_date)
    file_numbers = own_file_numbers(fn_hits, cls.doc_type, header_end(pages[0].text), pages[0].text)
    parties, mrz_dates = document_parties(head, cls.doc_type, cls.doc_subtype)
    if court and court.name:
        parties.insert(0, Party(role="court", name=court.name, kind="organisation"))
    doc = DocumentAnalysis(
        first_page=pages[0].number, last_page=pages[-1].number, doc_type=cls.doc_type,
        doc_subtype=cls.doc_subtype, confidence=cls.confidence,
        title=doctypes.display_title(cls.doc_subtype), document_date=document_date,
        dates=_with_mrz_dates(_date_entries(pages, date_hits, chosen), mrz_dates), court=court,
        file_numbers=file_numbers,
        parties=parties, evidence=cls.evidence,
        language=detect_language("\n".join(p.text for p in pages)),
        folios={p.number: f for p in pages if (f := find_folio(p.text))},
    )
    return doc, chosen[1] if chosen else None


def document_dates(pages: list[PageText], fn_hits: list[list[FileNumberHit]], doc_type: str
                   ) -> tuple[list[tuple[int, DateHit]], list[tuple[int, DateHit]], list[DatePage]]:
    """Every date of the document (page index, hit), the issuing-date candidates among them, and each page's
    structure for the ranker (extractors/fields/dates.py)."""
    date_hits: list[tuple[int, DateHit]] = []
    date_pages: list[DatePage] = []
    for i, (page, hits) in enumerate(zip(pages, fn_hits, strict=True)):
        text, lay = page.text, page_layout(page) if page.origin == "tesseract" else None
        if lay is not None:  # OCR pages: lines by column (a letterhead's info block on lines of its own)
            text = clean(lay.text)
            hits = find_file_numbers(text)
        starts = tuple(h.start for h in hits if h.kind == "court")
        masked = mask(text, hits)
        head = header_end(text) if i == 0 else 0
        page_dates = find_dates(masked, starts, head, doc_type)
        date_hits += [(i, d) for d in page_dates]
        date_pages.append(date_page(masked, starts, head, lay))
        if doctypes.profile(doc_type).pay_months:
            date_hits += [(i, d) for d in find_month_periods(masked, page_dates)]
    ranked = {0, 1, len(pages) - 1}  # issuing-date candidates: the first two pages and the last
    candidates = [(i, h) for i, h in date_hits if i in ranked and h.cue != "pay_month"]
    return date_hits, candidates, date_pages


def header_end(text: str, n_lines: int = 12) -> int:
    """Offset after the first `n_lines` non-empty lines: the header, where "Urteil vom X, AZ" is the document itself."""
    count = 0
    for i, ch in enumerate(text):
        if ch == "\n" and i > 0 and text[i - 1] != "\n":
            count += 1
            if count >= n_lines:
                return i
    return len(text)


def _date_entries(pages: list[PageText], hits: list[tuple[int, DateHit]],
                  chosen: tuple[int, DateHit] | None) -> list[DateEntry]:
    """Contract date entries; only the chosen date carries the document_date role.

    A chosen date that has a role of its own (a card's "gültig ab", a form's application date)
    keeps it as a second entry: the one printed date is both.
    """
    out: list[DateEntry] = []
    for i, h in hits:
        role = h.role
        if chosen and chosen[0] == i and chosen[1] is h:
            if role not in ("document_date", "other"):
                out.append(DateEntry(role=role, value=h.value, page=pages[i].number, text=h.text))  # type: ignore[arg-type]
            role = "document_date"
        elif role == "document_date":
            role = "other"
        out.append(DateEntry(role=role, value=h.value, page=pages[i].number, text=h.text))  # type: ignore[arg-type]
    return out


def _with_mrz_dates(entries: list[DateEntry], mrz_dates: list[DateEntry]) -> list[DateEntry]:
    """The MRZ's dates where the printed page did not already give the same date in the same role."""
    printed = {(e.role, e.value) for e in entries}
    return entries + [d for d in mrz_dates if (d.role, d.value) not in printed]
