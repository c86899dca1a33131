"""File numbers: court Aktenzeichen, BAMF Geschäftszeichen and the authority's own reference.

Regexes run on the raw page text, before any tokenisation (tokenizers split `17.32338`),
and the spans found are masked before the date search so `17.32338` never becomes a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from extractors.normalize import squash

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
_AUTH_LABEL = re.compile(
    r"(?=[AGIB])(?:\bAz\.?|\bAktenzeichen|Gesch(?:äfts|\.\s?-\s?)?[Zz](?:eichen|\.)"
    r"|Ihr Zeichen|Bearbeitungs-?[Nn]r\.?)[ \t]*:?[ \t]*(?P<val>[A-Za-z0-9][\w./\- ]{2,40})"
)
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


def _authority_value(raw: str) -> str:
    """Tokens while they carry a digit or are short connectors ("-", "AE"): stops at the next word."""
    kept: list[str] = []
    for tok in raw.split():
        if re.search(r"\d", tok) or len(tok) <= 3:
            kept.append(tok)
        else:
            break
    while kept and not re.search(r"\d", kept[-1]):
        kept.pop()
    return " ".join(kept).strip(" .-")


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
        hits.append(FileNumberHit("court", value, squash(value), m.start(), m.end(),
                                  bool(_DESIGNATOR_BEFORE.search(before)),
                                  bool(_CITATION_BEFORE.search(before.split("\n")[-1])), alone))
        taken.append((m.start(), m.end()))
    for m in [*_BAMF.finditer(text), *_BAMF_SPLIT.finditer(text)]:
        num = m.group("num").replace(" ", "")
        if len(num) not in (7, 8):
            continue
        value = num + (f"-{m.group('check')}" if m.group("check") else "") + f"-{m.group('cc')}"
        s, e = m.start("num"), m.end()
        if any(a < e and s < b for a, b in taken):
            continue  # the labelled pattern found a number the plain one already has
        hits.append(FileNumberHit("bamf", value, squash(value), s, e, True, False))
        taken.append((s, e))
    for m in _AUTH_PATTERN.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        value = m.group(0).replace(" ", "")
        hits.append(FileNumberHit("authority", value, squash(value), m.start(), m.end(), True, False))
        taken.append((m.start(), m.end()))
    for m in _AUTH_LABEL.finditer(text):
        s, e = m.span("val")
        if any(a < e and s < b for a, b in taken):
            continue
        raw = _authority_value(re.split(r"\s{2,}|,", m.group("val"))[0])
        raw = _LOST_YEAR_SLASH.sub(r"\1/\2", raw)
        if not re.search(r"\d", raw) or len(raw) < 3:
            continue
        hits.append(FileNumberHit("authority", raw, squash(raw), s, s + len(raw), True, False))
    hits.sort(key=lambda h: h.start)
    return hits


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
