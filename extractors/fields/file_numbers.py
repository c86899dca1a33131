"""File numbers: court Aktenzeichen, BAMF Geschäftszeichen and the authority's own reference.

Regexes run on the raw page text, before any tokenisation (tokenizers split `17.32338`),
and the spans found are masked before the date search so `17.32338` never becomes a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from extractors import doctypes
from extractors.fields.normalize import to_base_letters
from schemas.records import FileNumber

_SEPARATORS = re.compile(r"[/\-_]+")


def normalize_file_number(value: str) -> str:
    """The record's `normalized` form: upper case without spaces and dots ("22 K 3443/18.A" -> "22K3443/18A")."""
    return re.sub(r"[\s.]", "", value).upper()


def file_number_key(value: str) -> str:
    """The catalog's lookup key: the normalized form without slashes, hyphens and underscores as well
    ("22K344318A"), so a number typed with other separators meets the stored one."""
    return _SEPARATORS.sub("", normalize_file_number(value))

# Register letters of German courts: K, L, A, B, E, S, C (BVerwG), O (LG), BV, Bf, So, ZB, BvR ...
# Words that look like a register but are citation furniture are excluded.
_NOT_REGISTER = r"(?!(?:Abs|Nr|NO|N0|Art|Rn|Bl|Az|Ab|Ziff|Tz|Kap|Anl|Nrn|Abschn)\b)"  # "NO": "Nr" as OCR reads it
_SUFFIX_DOT = r"(?:A|[O0]VG|F|NW|MZ|KO|TR|GI|WI|DA|KS|MD|HAL|DE|NE|SN|LG|ME|OS|NWS|PVL)"
_COURT_AZ = re.compile(
    r"(?=[\dMABRW])(?<![\w/.-])"  # the lookahead fails fast on most characters
    r"(?:(?P<loc>M|AN|AU|Au|B|RN|RO|Ww|W|A)\s*(?=\d{1,3}\s*[A-Z][A-Za-z]{0,2}\s+\d{1,6}\s*[./]))?"
    r"(?P<chamber>\d{1,3})\s*" + _NOT_REGISTER +
    r"(?P<reg>[A-Z][A-Za-z]{0,2})(?:\s+|(?<=\s[A-Z])(?=\d))"  # OCR may drop the space after a lone letter
    r"(?P<num>\d{1,6})\s*(?P<sep>[./,])\s*(?P<tail>\d{2,5})(?![\d])"
    r"(?P<suffix>\s?[.,]\s?" + _SUFFIX_DOT + r"(?![\w])(?:\(\d\))?|\s(?:A|MD|HAL|DE|MZ)(?![-\w])"
    r"|\s?[.,]\s?4(?![\w.,/])"  # ".A" read as ".4"
    r"|\(\d\))?"
)
_BAMF = re.compile(r"(?=\d)(?<![\d/.-])(?P<num>\d{7,8})(?:\s?-\s?(?P<check>\d))?\s?-\s?(?P<cc>\d{3})(?![\d/-])")
# "Gesch.-Z.: 50381 15-163": OCR split the number; only right after its label (phone numbers look alike)
# After its label a BAMF number may also have a dash OCR read as a dot ("3099595.438"); the label makes it safe.
_BAMF_SPLIT = re.compile(r"Gesch(?:äfts|\.\s?-\s?)?(?:[Zz](?:eichen|\.)?|2\.)\s*:?\s*"  # "Gesch.-2.": Z read as 2
                         r"(?P<num>\d{2,6} \d{1,6}|\d{7,8})(?:\s?[-.]\s?(?P<check>\d))?\s?[-.]\s?(?P<cc>\d{3})"
                         r"(?![\d/-])")
# The Ausländerbehörde's own file number: office code, person number, year ("32.1-81794/24", "30/2-67308/16").
# "30/2-8455915": OCR lost the slash before the two-digit year of a labelled authority number
_LOST_YEAR_SLASH = re.compile(r"^(\d{2}(?:[./-]\d{1,2})?-\d{4,6})(\d{2})$")
# OCR may put a space after the office code's dot ("32. 1-35055/16").
_AUTH_PATTERN = re.compile(r"(?=\d)(?<![\w/.-])\d{2}(?:[./-] ?\d{1,2})?-\d{4,6}/\d{2}(?![\w/])")
_DESIGNATOR_BEFORE = re.compile(r"(?:(?:^|[^\w/.])(?:VG|OVG|VGH|BVerwG|BayVGH)[ \t]*$"
                                r"|Aktenzeichen\s*:?\s*$|\bAz\.?\s*:?\s*$"
                                r"|Gesch(?:äfts|\.\s?-\s?)[Zz](?:eichen|\.)\s*:?\s*$|[Gg]eschäftsnummer\s*:?\s*$)")
_CITATION_BEFORE = re.compile(
    r"(?:\bvom\s+\d{1,2}\.\s?(?:\d{1,2}\.|\w+)\s?\d{2,4}\s*[-,]?\s*$|\b(?:Urteil|Urt\.|Beschluss|Beschl\.|Az\.)"
    r"\s*v(?:om|\.)?.{0,25}$|[,;(]\s*$|\b(?:BVerwG|OVG|VGH|VG|BVerfG|BGH|juris)\b.{0,30}[,-]\s*$)"
)


# Labels that introduce a reference of any office's shape. Bare "Zeichen"/"Gz" only with a colon (running text).
_LABEL = re.compile(
    r"(?<![\w-])(?:(?P<own>(?:Unser|Unsere|Mein|Meine)\s+(?:Zeichen|Az\b\.?|Aktenzeichen|Gesch\w*))"
    r"|(?P<their>(?:Ihr|Ihre)\s+(?:Zeichen|Az\b\.?|Aktenzeichen|Gesch\w*))"
    r"|(?P<plain>Aktenzeichen|Akten-[Zz]eichen|Aktenz\.|Az\b\.?|AZ\b\.?|Geschäftszeichen|Gesch\.\s?-\s?[Zz]\.?|GeschZ\b\.?"
    r"|Geschäftsnummer|Gesch\.\s?-?\s?Nr\.?|Bearbeitungs-?[Nn]r\.?|Vorgangs-?(?:[Nn]ummer|[Nn]r\.?)"
    r"|(?:Zeichen|Gz\.?|GZ\.?)(?=\s*:)))"
    r"(?:\s*\((?:bitte\s+)?(?:bei|stets|immer|unbedingt)[^)\n]{0,30}angeben\))?"
    r"|(?P<hint>[Bb]itte\s+(?:bei\s+\w+\s+|stets\s+|immer\s+|unbedingt\s+)?angeben)"
)
_VALUE_SEP = re.compile(r"[ \t]*[:.,;]?[ \t]*")  # OCR reads the colon as a comma or semicolon
_DATE_ONLY = re.compile(r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}")
_PHONE_LIKE = re.compile(r"\(?0\d{2,5}\)?[ /-]?\d{3,}(?:[ -]\d{1,5})?")
# One token of a reference: digits with letters, dots, slashes, hyphens ("32.1-4711/19", "III/2-AZR", "204.12.5-F"),
# or a short prefix of letters ("Ausl.", "AE", "II"). Words of running text end the value.
_REF_TOKEN = re.compile(r"[\w./()\-]*\d[\w./()\-]*|[A-ZÄÖÜ][A-Za-zäöü]{0,4}\.|[A-ZÄÖÜ]{1,5}|[-/]")
_LOWER_BEFORE = re.compile(
    r"(?:vorgehend|vorinstanz|erste[nr]?\s+instanz|1\.\s?instanz"
    r"|(?:berufung|beschwerde|revision|zulassung\s+der\s+berufung|antrag)\w*\s+(?:[\w.]+\s+){0,6}?gegen\s+"
    r"(?:das|den|die)\s+(?:\w+\s+)?(?:urteil|beschluss|gerichtsbescheid)\w*\s+des\s+"
    r"|(?:verwaltungsgericht|vg|landgericht|amtsgericht)\s+[a-zäöü\-]+\s*,\s*(?:az\.?|aktenzeichen)\s*:?\s*$)",
)


def _lower_gap(gap: str) -> bool:
    """Only a court's name and a date between a lower-instance cue and the number: no sentence end, no other number."""
    return len(gap) <= 160 and not re.search(r"[a-zäöüß]\.\s+[a-zäöü]|\d{1,3}\s?[a-z]{1,3}\s\d{1,6}\s?[./]\s?\d", gap)


def _reference_value(rest: str) -> str:
    """The reference at the start of `rest` (what follows a label): file-number tokens up to a word or column gap."""
    head = re.split(r"\s{2,}|\t|[,;]\s|\s(?=vom\b|v\.\s)", rest.strip(), maxsplit=1)[0]
    kept: list[str] = []
    for tok in head.split(" "):
        if not tok:
            continue
        if not _REF_TOKEN.fullmatch(tok):
            break
        kept.append(tok)
    while kept and not re.search(r"\d", kept[-1]):
        kept.pop()
    value = " ".join(kept).strip(" .-/:")
    digits = sum(ch.isdigit() for ch in value)
    if digits < 2 or len(value) < 3 or len(value) > 40 or _DATE_ONLY.fullmatch(value) or _PHONE_LIKE.fullmatch(value):
        return ""
    return value


def _column_value(text: str, label_start: int, line_end: int) -> tuple[str, int]:
    """A letter's info block: a row of labels ("Ihr Zeichen  Unser Zeichen  Datum"), the values in the row below.

    The value is the one in the label's column: by column index when both rows split into as many columns, else
    the only reference-like cell of the row below when the label row holds a single file-number label.
    """
    line_start = text.rfind("\n", 0, label_start) + 1
    nxt_end = text.find("\n", line_end + 1)
    below = text[line_end + 1:len(text) if nxt_end < 0 else nxt_end]
    heads = [h for h in re.split(r"\s{2,}|\t", text[line_start:line_end].strip()) if h]
    cells = [c for c in re.split(r"\s{2,}|\t", below.strip()) if c]
    col = len([h for h in re.split(r"\s{2,}|\t", text[line_start:label_start].strip()) if h])
    value = ""
    if len(heads) == len(cells) and col < len(cells):
        value = _reference_value(cells[col])
    elif len(_LABEL.findall(text[line_start:line_end])) == 1:
        refs = [v for v in (_reference_value(c) for c in cells) if v and not _DATE_ONLY.search(v)]
        value = refs[0] if len(refs) == 1 else ""
    return value, line_end + 1


def _labelled(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, value, label class) of every reference a label introduces, on its line or the next one."""
    out = []
    for m in _LABEL.finditer(text):
        label = next(k for k in ("own", "their", "plain", "hint") if m.group(k))
        sep = _VALUE_SEP.match(text, m.end())
        start = sep.end() if sep else m.end()
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[start:line_end]
        if not rest.strip():  # label at the end of its line: the value heads the next one
            nxt = text.find("\n", line_end + 1)
            start = line_end + 1
            rest = text[start:len(text) if nxt < 0 else nxt]
            start += len(rest) - len(rest.lstrip())
        value = _reference_value(rest)
        if not value and rest.strip():
            value, start = _column_value(text, m.start(), line_end)
        if value:
            s = text.find(value.split(" ")[0], start)
            out.append((s, s + len(value), value, "plain" if label == "hint" else label))
    return out


@dataclass(frozen=True)
class FileNumberHit:
    """One file number in a page text, with where it sits and how it was introduced."""

    kind: str  # court | bamf | authority
    value: str
    normalized: str
    start: int
    end: int
    labelled: bool  # introduced by "Aktenzeichen", "Az.", a court designator ...
    cited: bool  # looks like a citation of another decision
    alone: bool = False  # stands on a line of its own: a heading, the document's own number
    label: str = ""  # "own" (Unser/Mein Zeichen), "their" (Ihr Zeichen), "plain" (Az., Aktenzeichen ...), "" none
    lower: bool = False  # introduced as the lower instance of the same proceedings ("Berufung gegen das Urteil des VG")


# OCR letters for digits inside number groups ("l K 5176/18.A", "1O CS 19.31100", "1 K S176/18"); applied
# char for char, so offsets stay those of the page text.
_DIGIT_LOOKALIKE = re.compile(
    r"(?=[lI|OoS])(?:"  # fail fast on every other character
    r"(?<=\d)[lI|](?=[\d/.]|\s[A-Z][A-Za-z]?\s+\d)|(?<=[\d/.])[lI|](?=\d)|(?<=\s)[lI](?=\d{2})"
    r"|(?<![\w.,/-])[lI](?=\d?\s?[A-Z][A-Za-z]?\s+\d)"
    r"|(?<=\d)[Oo](?=[\d/.]|\s[A-Z][A-Za-z]?\s+\d)|(?<=[/.]\d)[Oo](?![\w])|(?<=[/.\d])[Oo](?=\d)"
    r"|(?<=\s)S(?=\d{2})|(?<=[\d/])S(?=\d)|(?<=\d)S(?=[/.]\d))"
)


# A lone register "L" OCR read as "1" between chamber and number: "22 1 715/20.A" (no register is a digit).
_REGISTER_ONE = re.compile(r"(?<![\w/.-])(\d{1,3}) 1 (?=\d{1,6}/\d{2}\.A(?![\w]))")


def _digits_fixed(text: str) -> str:
    text = _REGISTER_ONE.sub(r"\1 L ", text)
    return _DIGIT_LOOKALIKE.sub(lambda m: "0" if m.group(0) in "Oo" else "5" if m.group(0) == "S" else "1", text)


def _tidy(value: str) -> str:
    value = re.sub(r"\s+", " ", value.strip()).replace(".0VG", ".OVG")
    value = re.sub(r"\s*([./])\s*(?=\d)", r"\1", value)
    return re.sub(r"\s?\.\s?(?=[A-Z])", ".", value)


def find_file_numbers(text: str) -> list[FileNumberHit]:
    """All court, BAMF and authority file numbers in `text`, in text order."""
    hits: list[FileNumberHit] = []
    taken: list[tuple[int, int]] = []
    text = _digits_fixed(text)
    for m in _COURT_AZ.finditer(text):
        if m.group("loc") and m.group("sep") == "/" and m.group("loc") != "A":
            continue  # Bavarian place letters come with "yy.nnnnn"; "A" (asylum, Baden-Württemberg) with "/yy"
        tail = m.group("tail")
        if m.group("sep") == "/" and len(tail) not in (2, 4):
            continue
        if m.group("sep") == "," and (len(tail) < 3 or len(m.group("chamber")) > 2
                                      or not re.search(r"\d,\d", m.group(0))):
            continue  # "17,32338" is a Bavarian number OCR gave a comma; "12,50" an amount, "§§ 708 Nr. 11,711" law
        before = text[max(0, m.start() - 60):m.start()]
        loc = f"{m.group('loc')[0]} " if m.group("loc") else ""  # "Ww": OCR doubled the letter
        suffix = _tidy(re.sub(r"[.,]\s?4$", ".A", (m.group("suffix") or "").replace(",", ".")))
        suffix = f" {suffix}" if suffix and suffix[0].isalpha() else suffix
        sep = "." if m.group("sep") == "," else m.group("sep")
        value = f"{loc}{m.group('chamber')} {m.group('reg')} {m.group('num')}{sep}{m.group('tail')}{suffix}"
        value = value.replace(".0VG", ".OVG")
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        alone = not text[line_start:m.start()].strip() and not text[m.end():line_end if line_end >= 0 else None].strip()
        wide = text[max(0, m.start() - 250):m.start()].lower()
        lower = next((_lower_gap(wide[lm.end():]) for lm in reversed(list(_LOWER_BEFORE.finditer(wide)))), False)
        hits.append(FileNumberHit("court", value, normalize_file_number(value), m.start(), m.end(),
                                  bool(_DESIGNATOR_BEFORE.search(before)),
                                  bool(_CITATION_BEFORE.search(before.split("\n")[-1])), alone, lower=lower))
        taken.append((m.start(), m.end()))
    for m in [*_BAMF.finditer(text), *_BAMF_SPLIT.finditer(text)]:
        num = m.group("num").replace(" ", "")
        if len(num) not in (7, 8):
            continue
        value = num + (f"-{m.group('check')}" if m.group("check") else "") + f"-{m.group('cc')}"
        s, e = m.start("num"), m.end()
        if any(a < e and s < b for a, b in taken):
            continue  # the labelled pattern found a number the plain one already has
        hits.append(FileNumberHit("bamf", value, normalize_file_number(value), s, e, True, False))
        taken.append((s, e))
    for m in _AUTH_PATTERN.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        value = m.group(0).replace(" ", "")
        hits.append(FileNumberHit("authority", value, normalize_file_number(value), m.start(), m.end(), True, False))
        taken.append((m.start(), m.end()))
    for s, e, value, label in _labelled(text):
        over = [i for i, h in enumerate(hits) if h.start < e and s < h.end]
        for i in over:  # a number a shape already found: remember which label introduced it
            hits[i] = replace(hits[i], label=label, labelled=True)
        if over:
            continue
        value = _LOST_YEAR_SLASH.sub(r"\1/\2", value)
        hits.append(FileNumberHit("authority", value, normalize_file_number(value), s, e, True, False, label=label))
    hits.sort(key=lambda h: h.start)
    return hits


_AUTHORITY_SENDER = re.compile(r"landrat|kreisverwaltung|kreis\b|stadt\b|stadtverwaltung|burgermeister|auslander|"
                               r"bezirksamt|landesamt|regierungsprasidium|\bamt\s+fur|fachbereich|fachdienst|behorde")
_LAWYER_SENDER = re.compile(r"rechtsanw|kanzlei|anwaltsburo|fachanwalt|\brae?\b|beratungsstelle")


def looks_like_authority(value: str) -> bool:
    """The Ausländerbehörde shape the project's own files use ("32.1-4711/19"): safe without a label."""
    return bool(re.fullmatch(r"\d{2}(?:[./-]\d{1,2})?-\d{4,6}/\d{2}", value))


def own_file_numbers(per_page: list[list[FileNumberHit]], doc_type: str, head_end: int,
                     first_text: str = "") -> list[FileNumber]:
    """The document's own file numbers: its Aktenzeichen (not the decisions it cites), Gesch.-Z., Az.

    An appeal decision's lower instance ("Berufung gegen das Urteil des VG ... - 5 K 123/19 -") is a number of
    the same proceedings and follows the own one (kind court). "Unser Zeichen" is the sender's reference and
    "Ihr Zeichen" the addressee's: which of them is the Ausländerbehörde's depends on who wrote the letter.
    """
    out: list[FileNumber] = []
    seen: set[str] = set()

    def add(h: FileNumberHit) -> None:
        if h.normalized not in seen:
            seen.add(h.normalized)
            out.append(FileNumber(kind=h.kind, value=h.value, normalized=h.normalized))  # type: ignore[arg-type]

    ruling = doctypes.profile(doc_type).ruling
    first = per_page[0] if per_page else []
    court = [h for h in first if h.kind == "court" and (not h.cited or h.start < head_end)]
    if not ruling:
        # letters and Bescheide cite rulings; keep only "Az.: ..." ones and a number heading the page on its own line
        court = [h for h in court if h.labelled or (h.alone and h.start < head_end)]
    if not court and ruling:
        court = [h for page in per_page[:3] for h in page if h.kind == "court" and not h.cited]
    if court:
        labelled = [h for h in court if h.labelled]
        add((labelled or court)[0])
    if ruling and out:
        for h in [h for page in per_page[:3] for h in page if h.kind == "court" and h.lower][:2]:
            add(h)
    for h in (h for page in per_page[:2] for h in page if h.kind == "bamf"):
        add(h)
        break
    head = to_base_letters("\n".join(first_text.split("\n")[:12]))
    from_authority = bool(_AUTHORITY_SENDER.search(head)) and not _LAWYER_SENDER.search(head)
    authority = [h for page in per_page[:2] for h in page if h.kind == "authority"
                 and not (h.label == "own" and not from_authority) and not (h.label == "their" and from_authority)]
    patterned = [h for h in authority if looks_like_authority(h.value)]
    labelled_auth = [h for h in authority if h.label]
    for h in (patterned or ([] if ruling else labelled_auth or authority))[:1]:
        add(h)
    return out


def mask(text: str, hits: list[FileNumberHit]) -> str:
    """The text with every file number blanked out (same length), for the date search."""
    chars = list(text)
    for h in hits:
        for i in range(h.start, min(h.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


_DIGIT_TOKEN = re.compile(r"(?=\d)[\d.,:;/=\-]*\d")


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def recover_authority(text: str, known: list[str]) -> str | None:
    """An authority number the source prints cleanly elsewhere, found here in OCR-garbled form.

    One Akte carries one Ausländerbehörde reference; "32.1..122341722" on a note whose
    neighbours print "32.1-12234/22" is that number with separators misread. A run of digits
    must contain all of the known number's digits in order, with at most two extra digits.
    """
    for value in known:
        digits = re.sub(r"\D", "", value)
        if len(digits) < 8:
            continue
        tokens = [re.sub(r"\D", "", m.group(0)) for m in _DIGIT_TOKEN.finditer(text)]
        # a token, or two neighbours OCR split with a space ("32,1. 12234/2922")
        for run in tokens + [a + b for a, b in pairwise(tokens)]:
            if len(digits) <= len(run) <= len(digits) + 2 and run[:2] == digits[:2] and _is_subsequence(digits, run):
                return value
    return None
