"""The Rubrum of a court decision read as a small grammar: party blocks, connectors and role words.

A Rubrum lists the parties between the proceeding line ("In der Verwaltungsstreitsache") and the
decision formula ("hat die 2. Kammer ... für Recht erkannt", "wegen ..."). Courts print a party's role
before the name ("Kläger: ...") or alone on a line after the block ("Klägers,", "- Beklagte -",
"Antragsgegner, Beschwerdegegner und Beschwerdeführer,"), separate the sides with "gegen" and add
representatives ("Prozessbevollmächtigte: ...") and third parties ("beigeladen: ..."). Instead of one
pattern per court's layout, each line is typed (role line, connector, label, content), content lines
gather into blocks, and a block takes the role of the role line that closes it, else the role of its
side of "gegen". Role words are recognised by stem and inflection (Kläger/Klägers/Klägerin/Klägerinnen,
Beklagte/Beklagten/Beklagter), tolerant of OCR slips ("Kiägers").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from extractors.fields.normalize import to_base_letters
from schemas.records import Party

# --- role words by morphology ------------------------------------------------------------------------------

# Agent nouns in -er (Kläger, Klägers, Klägerin, Klägerinnen, Klägern) and nominalised participles
# (Beklagte, Beklagter, Beklagten, Beklagtem). The value says which side of the proceeding the word names:
# "first"/"second" for the first instance's roles, "appellant"/"appellee" for appeal roles, "other" for
# third parties.
_ER_STEMS = {
    "klag": ("plaintiff", "first"), "antragstell": ("applicant", "first"), "antragsgegn": ("respondent", "second"),
    "beschwerdefuhr": (None, "appellant"), "beschwerdegegn": (None, "appellee"),
    "berufungsklag": (None, "appellant"), "revisionsklag": (None, "appellant"),
    "rechtsmittelfuhr": (None, "appellant"), "rechtsmittelgegn": (None, "appellee"),
    "erinnerungsfuhr": (None, "appellant"), "erinnerungsgegn": (None, "appellee"),
    "widerklag": ("defendant", "second"),
}
_PART_STEMS = {
    "beklagt": ("defendant", "second"), "berufungsbeklagt": (None, "appellee"), "revisionsbeklagt": (None, "appellee"),
    "widerbeklagt": ("plaintiff", "first"), "beigeladen": ("other", "other"), "beteiligt": ("other", "other"),
}
_FORMS: dict[str, tuple[str | None, str]] = {}
for _stem, _val in _ER_STEMS.items():
    for _suffix in ("er", "ers", "ern", "erin", "erinnen"):
        _FORMS[_stem + _suffix] = _val
for _stem, _val in _PART_STEMS.items():
    for _suffix in ("e", "er", "en", "em"):
        _FORMS[_stem + _suffix] = _val
_FILLERS = frozenset({"des", "der", "die", "den", "dem", "und", "sowie", "zu", "zugleich", "als", "u", "bzw",
                      "in", "innen", "r", "n"})  # "Antragsteller/in", "Kläger(in)", "Beklagte(r)"


def role_word(word: str) -> tuple[str | None, str] | None:
    """(contract role or None, side) of a role word in any inflection, else None. OCR's l/i swaps are
    undone ("Kiägers", "Antragste1lerin"); long words may differ by a letter more ("Antragsgegnerln")."""
    w = re.sub(r"[^a-z]", "", to_base_letters(word.replace("1", "l").replace("|", "l")))
    if len(w) < 6:
        return None
    if w in _FORMS:
        return _FORMS[w]
    for i, c in enumerate(w):
        if c in "il":
            swapped = w[:i] + ("l" if c == "i" else "i") + w[i + 1:]
            if swapped in _FORMS:
                return _FORMS[swapped]
    if len(w) < 10:
        return None
    best = process.extractOne(w, _FORMS.keys(), scorer=fuzz.ratio, score_cutoff=90)
    return _FORMS[best[0]] if best else None


def role_line(line: str) -> list[tuple[str | None, str]] | None:
    """The roles a line names when it holds nothing but role words ("- Kläger und Antragsteller -",
    "des Klägers,", "Antragstellerin, Beschwerdeführerin und Beschwerdegegnerin,"), else None."""
    if re.search(r"(?:\b\w \w\b.*){3}", line):  # letter-spaced: "- K l ä g e r -", "B e k l a g t e"
        line = re.sub(r"(?<=\b\w) (?=\w\b)", "", line)
    words = [w for w in re.split(r"[\s,;.:()\-–—/'\"’]+", line) if w]
    if not words or len(words) > 8:
        return None
    roles = []
    for w in words:
        if to_base_letters(w) in _FILLERS or re.fullmatch(r"\d{1,2}", w):
            continue
        r = role_word(w)
        if r is None:
            return None
        roles.append(r)
    return roles or None


# --- line types --------------------------------------------------------------------------------------------

_START = re.compile(r"(?m)^[ \t]*(?:In[ \t]+(?:der|dem|den)\b[^\n]{0,60}?"
                    r"(?:[Ss]ache|[Vv]erfahren|[Ss]treit|[Pp]rozess)\w*|In[ \t]+Sachen\b|"
                    r"(?:Verwaltungs)?[Ss]treitsache\b)[^\n]*$")
_END = re.compile(r"(?i)^\s*(?:w\s?e\s?g\s?e\s?n\b|Streitgegenstand\b|Gegenstand\s*:|hat\s+(?:das|der|die)\b|"
                  r"(?:das|der|die)\s+\d+\.\s+(?:Kammer|Senat)|(?:das|der)\s+\S*(?:gericht|senat)\b.*\bhat\b|"
                  r"für\s+Recht\s+erkannt|beschlossen|Tenor\b|erlässt|erläßt|aufgrund\s+der\s+mündlichen|"
                  r"G\s?r\s?ü\s?n\s?d\s?e\b|T\s?a\s?t\s?b\s?e\s?s\s?t\s?a\s?n\s?d\b)")
_NOISE = re.compile(r"(?i)Verkündet|Urkundsbeamt|Geschäftsstelle|Justiz\w*(?:angestellt|beschäftigt|sekretär|"
                    r"inspekt|fachangest)|zugestellt|An\s+Verkündungs|Druckvorschau|https?:|^\W*-\s*\d+\s*-\W*$"
                    r"|^\W*\d{1,3}\W*$|^\W*Seite\s+\d|^\s*(?:\.{3}|…|pp\.?)\s*,?\s*$|^\s*Abschrift\s*$|"
                    r"^\s*Ausfertigung\s*$|^\s*gez\.|^\W*Eing(?:ang|egangen)\b|^\W*\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\W*$")
_GEGEN = re.compile(r"(?i)^\W*(?:g\s?e\s?g\s?e\s?n|wider)\W*$")
_UND = re.compile(r"(?i)^\W*(?:und|sowie)\W*$")
_REP = re.compile(r"(?i)^\W*(?:(?:Prozess|Verfahrens)\s?-?\s?bevollmächtigt\w*|Proz\.?\s?-?\s?Bev\.?|"
                  r"(?:prozess)?bevollmächtigt\w*|Bevollm\.)\s*(?:\([a-z]+\))?\s*(?P<rest>.*)$")
_THIRD = re.compile(r"(?i)^\W*(?:beigeladen|beteiligt|weitere[rn]?\s+Beteiligte[rn]?|"
                    r"Beigeladene[rn]?\s*(?:zu\s*\d+)?\s*:)\s*(?:(?<=:)|[:,]\s*|$)(?P<rest>.*)$")
_ROLE_PREFIX = re.compile(r"^\W*(?P<word>[A-ZÄÖÜ][a-zäöüß]+(?:in|innen)?)\s*(?:zu\s*\d+\s*)?:\s*(?P<rest>\S.*)$")
_MARKER = re.compile(r"[-–]\s*([A-ZÄÖÜ][a-zäöüß]+(?:\s+und\s+[A-ZÄÖÜ][a-zäöüß]+)?)\s*[-–]")
_TRAILING_ROLE = re.compile(r"^(?P<body>.*?\S)(?:\s*,\s*|\s{2,})(?P<role>[-–(]?\s*(?:(?:des|der)\s+)?[A-ZÄÖÜ]"
                            r"[a-zäöüß]+(?:\s+und\s+[A-ZÄÖÜ][a-zäöüß]+)?\s*[-–)]?\s*,?)\s*$")
_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[a-z]\))\s*")
_VS = re.compile(r"\s+\./\.\s+")


@dataclass
class Block:
    """Consecutive content lines of one party, representative or third party."""

    kind: str  # "party", "rep", "third"
    side: int
    lines: list[str] = field(default_factory=list)
    roles: list[tuple[str | None, str]] = field(default_factory=list)


_PARTY_START = re.compile(r"\s*,?\s*(?:des|der|dem|den|die|das)\s+(?:Herrn\s+|Frau\s+|Firma\s+)?[A-ZÄÖÜ]")


def _heading(line: str) -> bool:
    """A proceeding line is a heading ("In dem Verfahren auf Gewährung vorläufigen Rechtsschutzes"), not a
    sentence of the reasons that happens to begin the same way ("In dem Verfahren ist ... ergangen.")."""
    line = line.strip()
    word = re.search(r"(?:[Ss]ache|[Vv]erfahren|[Ss]treit|[Pp]rozess)\w*", line)
    if word and _PARTY_START.match(line[word.end():]):
        return True
    return len(line) <= 100 and not line.endswith(".") and not re.search(r"\b(?:ist|sind|wurde|wird|hat|haben)\b",
                                                                          line)


def rubrum_region(text: str) -> list[str] | None:
    """The lines between the proceeding line and the decision formula, or None when there is no Rubrum
    (portal printouts start with the Tenor)."""
    m = next((x for x in _START.finditer(text[:6000]) if _heading(x.group(0))), None)
    if not m:
        return None
    start_line = m.group(0)
    in_sachen = re.match(r"(?i)\s*In\s+Sachen\b\s*:?", start_line)
    rest = start_line[in_sachen.end():].strip() if in_sachen else ""  # "In Sachen X ./. Y" on one line
    word = re.search(r"(?:[Ss]ache|[Vv]erfahren|[Ss]treit|[Pp]rozess)\w*", start_line)
    if not rest and word and _PARTY_START.match(start_line[word.end():]):
        rest = start_line[word.end():].strip()  # "In dem Verwaltungsstreitverfahren des Herrn X, ..."
    lines = ([rest] if rest else []) + text[m.end():m.end() + 5000].split("\n")
    out: list[str] = []
    skip = 0
    for ln in lines[:90]:
        s = ln.strip()
        if not s:
            continue
        if _END.match(s) or (len(s.split()) > 12 and s.endswith(".")) or len(s.split()) > 30:
            break  # the decision formula, or prose of the reasons when no formula was recognised
        if re.search(r"(?i)Verkündet", s):
            skip = 4  # the date, the clerk's name and title lines that follow
            continue
        if skip:
            skip -= 1
            if re.search(r"(?i)Geschäftsstelle", s):
                skip = 0
            if not (_GEGEN.match(s) or _REP.match(s) or role_line(s)):
                continue
            skip = 0
        if _NOISE.search(s):
            marker = _MARKER.search(s)  # OCR ran the clerk's column into the role line
            if marker and role_line(marker.group(1)):
                out.append(marker.group(1))
            continue
        out.append(s)
    return out


def parse(lines: list[str]) -> list[Block]:
    """Blocks with their roles as the lines state them (no roles inferred yet)."""
    blocks: list[Block] = []
    side = 0
    mode = "party"
    cur: Block | None = None
    segment: list[Block] = []  # party blocks a following role line applies to

    def close() -> None:
        nonlocal cur
        cur = None

    def open_block(kind: str, first: str = "") -> Block:
        nonlocal cur
        cur = Block(kind, side, [first] if first else [])
        blocks.append(cur)
        if kind in ("party", "third"):
            segment.append(cur)
        return cur

    for s in lines:
        m = _THIRD.match(s)
        if m:
            close()
            segment.clear()
            mode = "third"
            rest = m.group("rest").strip(" :")
            if rest:
                open_block("third", _ITEM.sub("", rest))
            continue
        roles = role_line(s)
        if roles and s.rstrip().endswith(":"):  # "Kläger:" over the name: a label, not a closing role line
            close()
            segment.clear()
            mode = "party"
            b = open_block("third" if roles[0][1] == "other" else "party")
            b.roles = roles
            segment.clear()
            continue
        trailing = None if roles else _TRAILING_ROLE.match(s)
        if trailing and (tr := role_line(trailing.group("role"))):
            s, roles = trailing.group("body"), tr  # "Ali Rahimi, Am Markt 4, Windeck,   Klägers,"
            if cur is None or cur.kind == "rep":
                open_block("third" if mode == "third" else "party")
            assert cur is not None
            cur.lines.append(_ITEM.sub("", s) if not cur.lines else s)
        if roles:
            targets = [b for b in segment if not b.roles] or []
            if not targets:
                targets = [open_block("third" if roles[0][1] == "other" else "party")]
            for b in targets:
                b.roles = roles
                if roles[0][1] == "other":
                    b.kind = "third"
            segment.clear()
            close()
            mode = "party"
            continue
        if _GEGEN.match(s):
            close()
            segment.clear()
            side, mode = 1, "party"
            continue
        if _UND.match(s):
            if mode != "rep":
                close()
            continue
        m = _REP.match(s)
        if m:
            close()
            mode = "rep"
            rest = re.sub(r"^\W*(?:(?:zu\s*)?\d[\d\s.,und\-]*:)?\s*", "", m.group("rest").strip(" :"))
            open_block("rep", rest)
            continue
        m = _ROLE_PREFIX.match(s)
        if m and (r := role_word(m.group("word"))):
            close()
            segment.clear()
            mode = "third" if r[1] == "other" else "party"
            b = open_block(mode, _ITEM.sub("", m.group("rest")))
            b.roles = [r]
            segment.clear()
            continue
        if _VS.search(s) and mode == "party":
            left, right = _VS.split(s, maxsplit=1)
            close()
            open_block("party", left)
            side = 1
            close()
            open_block("party", right)
            close()
            continue
        if cur is not None and _ITEM.match(s) and cur.lines:
            close()
        if cur is None:
            open_block(mode)
        assert cur is not None
        cur.lines.append(_ITEM.sub("", s) if not cur.lines else s)
    return blocks


# --- names -------------------------------------------------------------------------------------------------

_LEAD = re.compile(r"(?i)^(?:des|der|die|das|dem|den|Herrn|Herr|Frau|Firma|Fa\.|minderjährige[nr]?|"
                   r"Eheleute|Kindes|zu\s*\d+\s*:?)\s+")
_CUT = re.compile(r"(?i),?\s*(?:\bvertreten\s+durch\b|\bvertr\.|\bgesetzlich\s+vertreten|\bdiese[rs]?\s+vertreten|"
                  r"\bals\s+(?:Insolvenzverwalter|Vertreter|Inhaber|Geschäftsführer)|\bInhaber(?:in)?\b|"
                  r"\bgeb(?:oren|\.)|\bwohnhaft|\bStaatsangehörig|\b(?:Az|Gz|AZ|GZ)\.?\s*:|\bGesch\.?\s*-?\s*Z|"
                  r"\bAktenzeichen|\bGeschäftszeichen|"
                  r"\()")
# "Landesamt für ... – Abteilung Lebensmittelwesen –" ends at the dash; "AOK - Die Gesundheitskasse" does not
_DASH = re.compile(r"\s[-–—](?:\s|$)")
_ADDRESS = re.compile(r"(?i)\d|stra(?:ß|ss)e\b|str\.|\b\w+(?:weg|platz|allee|gasse|ring|damm|ufer|chaussee)\b|"
                      r"^[A-Z]-(?:Straße|Stadt|Dorf)|-Stadt\b|Postfach")
_LAWYER = re.compile(r"(?:Rechtsanw(?:alt|ältin)|\bRA(?:in)?\b\.?)\s+(?P<n>(?:(?:Dr|Prof)\.\s*)*"
                     r"[A-ZÄÖÜ][\wäöüß'\-]+\.?(?:\s+(?:von\s+|van\s+|de\s+)?[A-ZÄÖÜ][\wäöüß'\-]+){0,2})")
_ORG_WORD = re.compile(r"(?i)\b(?:GmbH|AG|KG|OHG|e\.\s?V\.|mbB|PartG|Partner|Rechtsanw\w*|Kanzlei|Notare|Land\b|Landes|"
                       r"Stadt|Kreis|Amt\b|\w+amt\b|Behörde|Bundesrepublik|Freistaat|Ministerium|Landrat|"
                       r"\w*bürgermeister|Präsident|Gesellschaft|Universität|Hochschule|Verein|Firma|Zentrale|"
                       r"Anstalt|Stiftung|Gemeinde|Verband|Kasse|Krankenkasse|\w+kasse|Betrieb|Landesbetrieb|"
                       r"Bezirksamt|Senat|Verwaltung|\w+verwaltung|Kammer|Bundesamt|Bürgerinitiative|Region|"
                       r"Hansestadt|Körperschaft|Rundfunk|Genossenschaft|Werke)\b")
_NOT_NAME = re.compile(r"(?i)^(?:Rechtsanw\w*|Kanzlei|Herrn?|Frau|des|der|die|und|gegen|Dr\.?)$|\b(\w)\1{2,}\b|#")


def _segments_name(text: str, organisation: bool) -> str:
    """The name part of a block's text: up to the first address, "vertreten durch" or birth data; a
    person's name is its first comma segment, an organisation keeps an enumeration ("für Soziales,
    Gesundheit und Verbraucherschutz")."""
    text = _CUT.split(text, maxsplit=1)[0]
    first, sep, more = text.partition(",")
    if len(first.split()) >= 2:
        text = _STREET.sub("", first) + (sep + more if not _STREET.search(first) else "")
    for m in _DASH.finditer(text):
        if len(text[:m.start()].split()) >= 2:
            text = text[:m.start()]
            break
    segs = [s.strip() for s in text.split(",")]
    segs = [s for s in segs if s]
    if not segs:
        return ""
    name = segs[0]
    if organisation:
        i = 1
        while i < len(segs) and not _ADDRESS.search(segs[i]):
            run = segs[i:]
            j = next((k for k, s in enumerate(run) if _ADDRESS.search(s) or len(s.split()) > 6), len(run))
            enum = run[:j]
            und = next((k for k, s in enumerate(enum) if re.search(r"\s(?:und|&)\s", s)), None)
            if und is None:
                break
            name = ", ".join([name, *enum[:und + 1]])
            i += und + 1
    return name


_MASK = re.compile(r"(?<!\S)(?:\*+|…+|\.{2,}|[Xx]{2,}|#+|_{2,}|n{4,})[.,]*(?!\S)")
_EMPTY_WORDS = frozenset({"dr", "prof", "herr", "herrn", "frau", "firma", "fa", "gbr", "gmbh", "ag", "kg", "ohg", "ev",
                          "mbh", "co", "und", "rechtsanwalt", "rechtsanwaltin", "rechtsanwalte", "rae", "ra", "rain",
                          "kanzlei", "partner", "zu", "der", "die", "des", "az", "gz"})
_STREET = re.compile(r"\s(?:[A-ZÄÖÜ][\w\-]*(?:stra(?:ß|ss)e|str\.|weg|platz|allee|gasse|ring|damm)\s*\d|"
                     r"[A-Z]{1,2}-Straße\b|\d{5}\b).*$")


def clean_name(raw: str) -> str:
    name = re.sub(r"\s+", " ", _MASK.sub(" ", raw)).strip(" ,;:-–")
    for _ in range(4):
        name = _LEAD.sub("", name).strip(" ,;:-–")
    return name


_FULL_NAME_LINE = re.compile(r"^(?:(?:des|der|dem|den)\s+)?(?:Herrn?|Frau)?\s*[A-ZÄÖÜ][\w'\-]+"
                             r"(?:\s+[A-ZÄÖÜ][\w'\-]+)+\s*,")
Kind = Literal["person", "organisation"]


def block_name(block: Block) -> tuple[str, Kind] | None:
    """The party a block names, or None when anonymisation blanked it."""
    lines = block.lines
    born = next((i for i, ln in enumerate(lines[:4]) if re.search(r"\bgeb(?:oren|\.)", ln)), None)
    if born and _FULL_NAME_LINE.match(lines[born]) and all("," not in ln for ln in lines[:born]):
        lines = lines[born:]  # a stray stamp or column line above the "Name, geboren am ..." line
    text = clean_name(_STREET.sub("", " ".join(lines)))  # "Rechtsanwalt Abshoff Poststraße 8 ..." on one line
    if block.kind == "rep":
        m = _LAWYER.search(text)
        if m and not re.search(r"(?i)Rechtsanwält(?:e|innen)\s*$", text[:m.start()].strip()):
            name = m.group("n").strip()
            if len(name.replace(".", "").strip()) >= 2 and not _NOT_NAME.search(name):
                return name, "person"
    organisation = bool(_ORG_WORD.search(text)) or block.kind == "rep"
    name = clean_name(_segments_name(text, organisation))
    if len(name) > 90:
        name = name[:90].rsplit(" ", 1)[0]
    if len(name) < 2 or not re.search(r"[A-Za-zÄÖÜäöü]", name) or _NOT_NAME.search(name):
        return None
    if all(re.sub(r"[^a-z]", "", to_base_letters(w)) in _EMPTY_WORDS or not re.search(r"[A-Za-z]", w)
           for w in name.split()):
        return None  # "Prof. Dr.", "GbR", "2 Rechtsanwältin": what anonymisation left of a name
    if not (name[0].isupper() or name[0].isdigit()) and block.kind != "rep":
        return None
    person = not _ORG_WORD.search(name) and (block.kind != "rep" or bool(_LAWYER.search(text)))
    return name, "person" if person else "organisation"


# --- roles -------------------------------------------------------------------------------------------------


def family(blocks: list[Block], head: str, subtype: str | None) -> str:
    """"plaintiff" (an action: Kläger/Beklagte) or "applicant" (an application: Antragsteller/-gegner)."""
    words = [r for b in blocks for r, _ in b.roles if r]
    if any(r in ("plaintiff", "defendant") for r in words):
        return "plaintiff"
    if any(r in ("applicant", "respondent") for r in words):
        return "applicant"
    if subtype == "beschluss" and re.search(r"Antragst|Antragsgeg|einstweilig", head):
        return "applicant"
    return "plaintiff"


_SIDE_ROLE = {("plaintiff", "first"): "plaintiff", ("plaintiff", "second"): "defendant",
              ("applicant", "first"): "applicant", ("applicant", "second"): "respondent"}
_APPEAL_SIDE = {"appellant": "first", "appellee": "second"}


def block_roles(block: Block, fam: str) -> list[str]:
    """Contract roles of a party block: the first-instance roles its role line names, else the appeal role
    read on the proceeding's side, else the side of "gegen" the block stands on."""
    if block.kind == "third":
        return ["other"]
    direct = [r for r, _ in block.roles if r]
    if direct:
        return list(dict.fromkeys(direct))
    appeal = [_APPEAL_SIDE[s] for _, s in block.roles if s in _APPEAL_SIDE]
    side = appeal[0] if appeal else ("first" if block.side == 0 else "second")
    return [_SIDE_ROLE[(fam, side)]]


def rubrum_parties(text: str, subtype: str | None = None) -> list[Party] | None:
    """Parties of a decision's Rubrum with their roles; None when the text has no Rubrum."""
    lines = rubrum_region(text)
    if lines is None:
        return None
    blocks = parse(lines)
    fam = family(blocks, text[:6000], subtype)
    out: list[Party] = []
    for b in blocks:
        found = block_name(b)
        if found is None:
            continue
        roles = ["representative"] if b.kind == "rep" else block_roles(b, fam)
        out += [Party(role=r, name=found[0], kind=found[1]) for r in roles]  # type: ignore[arg-type]
    return out
