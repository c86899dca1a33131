"""Label/value reading of printed forms (Duldung, BA-Erklärung, Antrag, passport data page, certificates).

OCR reads a form's boxes in several shapes: "Familienname  Haddad" on one line, the label alone with
the value on the next non-empty line, or a row of labels ("Familienname Vorname(n)") followed by a
row of values ("HADDAD Khaled"). Knowing every label of the forms lets a value stop where the next
label begins, so a column beside it ("SAHIN Pass-Nr.") does not leak into the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# Field key -> label pattern. Order matters: longer labels first, so "Name / Firma" wins over "Name".
_LABELS: tuple[tuple[str, str], ...] = (
    ("firm", r"Name\s*/\s*Firma"),
    ("name_given", r"Name\s*,\s*Vorname\S*"),
    ("father", r"Name\s+des\s+Vaters"),
    ("mother", r"Name\s+der\s+Mutter"),
    ("spouse", r"Ehemann|Ehefrau"),
    ("surname", r"(?:\d\.\s*)?(?:Familienname|Name)(?:\s*/\s*Surname)?"),
    ("given", r"(?:\d\.\s*)?Vorname\S*(?:\s*/\s*Given\s+names)?"),
    ("birth_date", r"(?:\d\.\s*)?Geburtsdatum(?:\s*/\s*Date\s+of\s*birth)?"),
    ("birth_place", r"(?:\d\.\s*)?Geburtsort\S*"),
    ("nationality", r"Staatsangeh\S*"),
    ("sex", r"(?:\d\.\s*)?Geschl?\S*(?:\s*/\s*(?:Sex)?)?|Sex"),
    ("address", r"(?:\d\.\s*)?Anschrift"),
    ("authority", r"Ausstellende\s+Behörde"),
    ("file_number", r"(?:\d\.\s*)?Aktenzeichen(?:\s+der\s+Behörde)?"),
    ("passport_no", r"Pass-?\s?Nr\.?"),
    ("type", r"Typ\s*/\s*Type|Code"),
    ("valid", r"Gültig\s+(?:ab|bis)(?:\s*/\s*Date\s+of\s+expiry)?"),
    ("issued", r"Ausgestellt\s+am|Ausstellungsdatum(?:\s*/\s*Date\s+of)?"),
    ("employer", r"Arbeitgeber(?:in)?"),
    ("employee", r"Arbeitnehmer(?:in)?(?:/in)?"),
    ("recipient", r"Empfänger(?:in)?"),
    ("sender", r"Absender"),
    ("other", r"Betriebsnummer|Beschäftigung\s+ab|befristet\s+bis|Wochenstunden|Berufsbezeichnung|"
              r"Bruttoarbeitsentgelt(?:\s+monatlich)?|Tarifvertrag|Vollzeit|Nettoeinkommen|Krankenversicherung|"
              r"Verhältnis|(?:\d\.\s*)?Einreisedatum|Ort,\s*Datum|Unterschrift|Uhrzeit|Einzugsdatum|"
              r"Wohnungsstatus|Registernummer|Geschlecht"),
)
_LABEL = re.compile("|".join(f"(?P<{key}_{i}>{rx})" for i, (key, rx) in enumerate(_LABELS)))
# every label starts with a capital, a digit ("1. Familienname") or "b" ("befristet bis"): the lookahead lets the
# engine skip other positions before trying the long alternation
_BOUNDED = re.compile(rf"(?=[A-ZÄÖÜ0-9b])(?<![\wäöüßÄÖÜ])(?:{_LABEL.pattern})(?![\wäöüßÄÖÜ(])")
_PUNCT = " \t:;|,._-»«\"'"
_PROSE = re.compile(r"(?<![\w-])[a-zäöüß]{2,}\b")


@dataclass
class Form:
    """The values read per field key, in reading order (a form can repeat a label)."""

    values: dict[str, list[str]] = field(default_factory=dict)

    def first(self, key: str) -> str | None:
        vals = self.values.get(key)
        return vals[0] if vals else None

    def add(self, key: str, value: str) -> None:
        value = value.strip(_PUNCT)
        if value:
            self.values.setdefault(key, []).append(value)


def _key(m: re.Match[str]) -> str:
    return next(k for k, v in m.groupdict().items() if v is not None).rsplit("_", 1)[0]


@lru_cache(maxsize=16)
def read_form(text: str) -> Form:
    """Every labelled value of a form text, whether beside its label, below it, or in a row below a label row.

    Cached: several party rules of one document read the same head. Callers must not change the result.
    """
    return _read(text, _BOUNDED)


@lru_cache(maxsize=8)
def label_pattern(labels: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """A label table (field key, label pattern; longer labels first) as one pattern of whole-word labels."""
    alts = "|".join(f"(?P<{key}_{i}>{rx})" for i, (key, rx) in enumerate(labels))
    return re.compile(rf"(?<![\wäöüßÄÖÜ])(?:{alts})(?![\wäöüßÄÖÜ(])")


@lru_cache(maxsize=16)
def read_fields(text: str, labels: tuple[tuple[str, str], ...]) -> Form:
    """`read_form` with another paper's label table (a school report's "Name, Vorname", "Klasse", ...)."""
    return _read(text, label_pattern(labels))


def _read(text: str, bounded: re.Pattern[str]) -> Form:
    form = Form()
    pending: list[str] = []
    pending_fresh = False  # the previous non-empty line was a row of labels without values
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        hits = list(bounded.finditer(line))
        if hits and _PROSE.search(line[:hits[0].start()]):
            hits = []  # "2. Angaben zum Arbeitgeber": a heading that ends in a label word
        if not hits:
            if pending:
                pending = _assign_row(form, pending, line)
            pending_fresh = False
            continue
        prefix = line[:hits[0].start()].strip(_PUNCT)
        if prefix and pending:
            pending = _assign_row(form, pending, prefix)
        empty: list[str] = []
        for i, m in enumerate(hits):
            end = hits[i + 1].start() if i + 1 < len(hits) else len(line)
            value = line[m.end():end].strip(_PUNCT)
            if value:
                form.add(_key(m), value)
            else:
                empty.append(_key(m))
        if empty:
            pending = (pending if pending_fresh else []) + empty
            pending_fresh = len(empty) == len(hits)
        else:
            pending, pending_fresh = [], False
    return form


def _assign_row(form: Form, labels: list[str], row: str) -> list[str]:
    """A value row under a row of labels: one value per label when the counts agree, names split by words.

    Returns the labels still waiting: a row with fewer values than labels ("MOHAMED" under "Vorname(n)
    Familienname") fills the first label, the next value row the rest.
    """
    if len(labels) == 1:
        form.add(labels[0], row)
        return []
    parts = re.split(r"\s{2,}", row)
    if len(parts) == len(labels):  # the columns OCR kept apart: one value per label
        for key, part in zip(labels, parts, strict=True):
            form.add(key, part)
        return []
    if labels[:2] in (["surname", "given"], ["given", "surname"]):
        words = row.split()
        if len(words) < 2:
            form.add(labels[0], row)
            return labels[1:]
        sur, given = (words[0], " ".join(words[1:])) if labels[0] == "surname" else (words[-1], " ".join(words[:-1]))
        form.add("surname", sur)
        form.add("given", given)
        return labels[2:]
    form.add(labels[0], row)
    return labels[1:]


_NAME_WORD = re.compile(r"^[A-ZÄÖÜÇŞİa-zäöüßçşğıéèáóúñ][\w'’\-]*\.?$")


def plausible_name(value: str | None, max_words: int = 4) -> str | None:
    """A person's name as a form prints it: 1-4 words of letters, no digits or label text."""
    if not value:
        return None
    value = re.sub(r"\s+", " ", value).strip(_PUNCT)
    words = value.split()
    if not words or len(words) > max_words or re.search(r"\d|[:/()]", value):
        return None
    if not all(_NAME_WORD.match(w) for w in words) or _BOUNDED.search(value):
        return None
    return value


def form_name(form: Form) -> str | None:
    """"Given Surname" from the surname and given-name fields (or a "Name, Vorname" field), else what was read."""
    sur = plausible_name(form.first("surname"), 3)
    given = plausible_name(form.first("given"), 3)
    if sur:
        return _title(f"{given} {sur}" if given else sur)
    both = plausible_name(form.first("name_given"))
    if both:
        return _title(both)
    return _title(given) if given else None  # OCR lost the surname box: the source may know the rest


def _title(name: str) -> str:
    """Upper-case words (forms print surnames in capitals) in title case; mixed-case words stay as printed."""
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in name.split())
