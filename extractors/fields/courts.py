"""Courts: find the deciding court of a decision and normalise it to {type, place, name}.

`place` is the seat for courts named after a city and the Land for courts named after a
Land (contract). Seats come from a fixed list of German administrative courts, matched
with rapidfuzz so OCR slips ("Dusseldorf", "Koln", "Wurzburg") still resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extractors.fields.normalize import to_base_letters
from schemas.records import Court, CourtType

BAVARIAN_VG = ("Ansbach", "Augsburg", "Bayreuth", "München", "Regensburg", "Würzburg")
VG_SEATS = (
    "Freiburg", "Karlsruhe", "Sigmaringen", "Stuttgart", *BAVARIAN_VG, "Berlin", "Cottbus",
    "Frankfurt (Oder)", "Potsdam", "Bremen", "Hamburg", "Darmstadt", "Frankfurt am Main", "Gießen", "Kassel",
    "Wiesbaden", "Greifswald", "Schwerin", "Braunschweig", "Göttingen", "Hannover", "Lüneburg", "Oldenburg",
    "Osnabrück", "Stade", "Aachen", "Arnsberg", "Düsseldorf", "Gelsenkirchen", "Köln", "Minden", "Münster",
    "Koblenz", "Mainz", "Neustadt an der Weinstraße", "Trier", "Saarlouis", "Chemnitz", "Dresden", "Leipzig",
    "Halle", "Magdeburg", "Schleswig", "Gera", "Meiningen", "Weimar",
)
_SEAT_ALIASES = {"frankfurt/main": "Frankfurt am Main", "frankfurt a. m.": "Frankfurt am Main",
                 "frankfurt a.m.": "Frankfurt am Main", "frankfurt/oder": "Frankfurt (Oder)",
                 "neustadt/weinstrasse": "Neustadt an der Weinstraße",
                 "neustadt/weinstr.": "Neustadt an der Weinstraße",
                 "neustadt a.d. weinstrasse": "Neustadt an der Weinstraße", "halle (saale)": "Halle"}
LAENDER = ("Baden-Württemberg", "Bayern", "Berlin-Brandenburg", "Bremen", "Hamburg", "Hessen",
           "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland",
           "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen")
# Appellate administrative courts: Land -> (type, official name).
APPELLATE = {
    "Baden-Württemberg": ("VGH", "Verwaltungsgerichtshof Baden-Württemberg"),
    "Bayern": ("VGH", "Bayerischer Verwaltungsgerichtshof"),
    "Hessen": ("VGH", "Hessischer Verwaltungsgerichtshof"),
    "Berlin-Brandenburg": ("OVG", "Oberverwaltungsgericht Berlin-Brandenburg"),
    "Bremen": ("OVG", "Oberverwaltungsgericht der Freien Hansestadt Bremen"),
    "Hamburg": ("OVG", "Hamburgisches Oberverwaltungsgericht"),
    "Mecklenburg-Vorpommern": ("OVG", "Oberverwaltungsgericht Mecklenburg-Vorpommern"),
    "Niedersachsen": ("OVG", "Niedersächsisches Oberverwaltungsgericht"),
    "Nordrhein-Westfalen": ("OVG", "Oberverwaltungsgericht für das Land Nordrhein-Westfalen"),
    "Rheinland-Pfalz": ("OVG", "Oberverwaltungsgericht Rheinland-Pfalz"),
    "Saarland": ("OVG", "Oberverwaltungsgericht des Saarlandes"),
    "Sachsen": ("OVG", "Sächsisches Oberverwaltungsgericht"),
    "Sachsen-Anhalt": ("OVG", "Oberverwaltungsgericht des Landes Sachsen-Anhalt"),
    "Schleswig-Holstein": ("OVG", "Schleswig-Holsteinisches Oberverwaltungsgericht"),
    "Thüringen": ("OVG", "Thüringer Oberverwaltungsgericht"),
}
# Seats and adjectives that name a Land's appellate court ("OVG Münster", "Hamburgisches OVG").
_APPELLATE_ALIASES = {
    "nrw": "Nordrhein-Westfalen", "munster": "Nordrhein-Westfalen", "luneburg": "Niedersachsen",
    "koblenz": "Rheinland-Pfalz", "saarlouis": "Saarland", "saarlandes": "Saarland", "bautzen": "Sachsen",
    "magdeburg": "Sachsen-Anhalt", "schleswig": "Schleswig-Holstein", "weimar": "Thüringen",
    "greifswald": "Mecklenburg-Vorpommern", "mannheim": "Baden-Württemberg", "kassel": "Hessen",
    "munchen": "Bayern", "hamburgisches": "Hamburg", "hamburgischen": "Hamburg", "hamburg": "Hamburg",
    "niedersachsisches": "Niedersachsen", "niedersachsischen": "Niedersachsen", "sachsisches": "Sachsen",
    "sachsischen": "Sachsen", "thuringer": "Thüringen", "schleswig-holsteinisches": "Schleswig-Holstein",
    "schleswig-holsteinischen": "Schleswig-Holstein", "bayerischer": "Bayern", "bayerischen": "Bayern",
    "hessischer": "Hessen", "hessischen": "Hessen", "bremen": "Bremen", "berlin": "Berlin-Brandenburg",
    "bremisches": "Bremen",
}
_LAND_FOLDED = {to_base_letters(land): land for land in LAENDER}
# The contract's court types (abbreviations) and the designation each is printed with; the catalog reads
# typed court names with the same tables.
COURT_TYPES: tuple[str, ...] = tuple(t for t in CourtType.__args__ if t != "other")  # type: ignore[attr-defined]
COURT_TYPE_WORDS = {
    "verwaltungsgericht": "VG", "oberverwaltungsgericht": "OVG", "verwaltungsgerichtshof": "VGH",
    "bundesverwaltungsgericht": "BVerwG", "bundesverfassungsgericht": "BVerfG", "bundesgerichtshof": "BGH",
    "amtsgericht": "AG", "landgericht": "LG", "oberlandesgericht": "OLG", "sozialgericht": "SG",
    "landessozialgericht": "LSG", "arbeitsgericht": "ArbG", "landesarbeitsgericht": "LAG",
}
# courts outside administrative jurisdiction: found by their designation, named by it
_OTHER_TYPES = {w: t for w, t in COURT_TYPE_WORDS.items() if t in ("AG", "LG", "OLG", "SG", "LSG", "ArbG", "LAG")}
_OTHER_NAMES = {v: k.capitalize() for k, v in _OTHER_TYPES.items()}

_ADJ = r"(?:(?P<adj>bayerische[nrs]?|hessische[nrs]?|hamburgische[nrs]?|niedersachsische[nrs]?|sachsische[nrs]?|" \
       r"thuringer|schleswig-holsteinische[nrs]?|bremische[nrs]?)\s+)?"
_MENTION = re.compile(
    r"(?P<bverwg>bundesverwaltungsgerichts?\b|\bbverwg\b)"
    r"|(?P<bverfg>bundesverfassungsgerichts?\b|\bbverfg\b)"
    r"|" + _ADJ + r"(?P<vgh>verwaltungsgerichtshofs?\b|\b(?:bay)?vgh\b)(?P<vgh_rest>[ \t]+[\w\-]+)?"
    r"|" + _ADJ.replace("adj", "adj2") + r"(?P<ovg>oberverwaltungsgerichts?\b|\bovg\b)"
    r"(?P<ovg_rest>(?:[ \t]+|[ \t]*\n[ \t]*)"
    r"(?:fur\s+das\s+land\s+|des\s+landes\s+|der\s+freien\s+hansestadt\s+|des\s+)?[\w\-]+)?"
    r"|" + _ADJ.replace("adj", "adj3") + r"(?P<vg>verwaltungsgerichts?\b|\bvg\b)"
    r"(?P<vg_rest>(?:[ \t]+|[ \t]*\n[ \t]*)[^\n]{0,40})?"
    r"|(?P<other>(?:landes)?(?:sozial|arbeits)gerichts?|(?:ober)?land(?:es)?gerichts?|amtsgerichts?)\b"
    r"(?P<other_rest>[ \t]+[^\n]{0,30})?"
)
_CITED_BEFORE = re.compile(
    r"(?:urteils?|beschlusses|beschluss|gerichtsbescheid(?:e?s)?|entscheidung|rechtsprechung|vorlage|vgl\.|"
    r"s\.|siehe|auch|vorinstanz|ebenso|so|bzw\.|sowie|und|zum|zur|[(;,])\s+(?:des|der|dem|die|das|d\.)?\s*$"
    r"|instanz\s*:\s*$"  # "I. Instanz: VG Minden 8 K 1536/90" names the court below
)


@dataclass(frozen=True)
class CourtHit:
    """A court mention: the normalised court and where it sits."""

    court: Court
    start: int
    heading: bool  # stands on a line of its own or after "Gericht:"
    cited: bool


def _seat(rest: str) -> str | None:
    """The VG seat at the start of `rest` (folded), fuzzy so OCR slips still match."""
    rest = rest.strip()
    if not rest:
        return None
    for alias, seat in _SEAT_ALIASES.items():
        if rest.startswith(alias):
            return seat
    words = re.split(r"[\s,;:]+", rest)
    best, best_score = None, 0.0
    for seat in VG_SEATS:
        n = len(seat.split())
        cand = " ".join(words[:n])
        score = fuzz.ratio(to_base_letters(seat), cand)
        if n > 1 and seat.startswith("Frankfurt") and not cand.startswith("frankfurt"):
            continue
        if score > best_score:
            best, best_score = seat, score
    if best and best_score >= (100 if len(to_base_letters(best)) <= 4 else 84):
        if best == "Frankfurt (Oder)" and "oder" not in rest[:20]:
            return "Frankfurt am Main" if re.match(r"frankfurt\s*(?:am|a\.|/)\s*m", rest) else None
        return best
    return None


def _appellate(key: str) -> str | None:
    key = key.strip().strip(".,:;")
    if key in _LAND_FOLDED:
        return _LAND_FOLDED[key]
    for folded_land, land in _LAND_FOLDED.items():
        if len(key) >= 5 and fuzz.ratio(folded_land, key) >= 88:
            return land
    return _APPELLATE_ALIASES.get(key)


def _court_of(m: re.Match[str]) -> Court | None:
    g = m.groupdict()
    if g["bverwg"]:
        return Court(type="BVerwG", place="Leipzig", name="Bundesverwaltungsgericht")
    if g["bverfg"]:
        return Court(type="BVerfG", place="Karlsruhe", name="Bundesverfassungsgericht")
    if g["vgh"]:
        land = _appellate(g["adj"] or "") if g["adj"] else None
        if not land and g["vgh_rest"]:
            land = _appellate(g["vgh_rest"].strip().split()[0])
        if not land and g["vgh"].startswith("bay"):
            land = "Bayern"
        if land in ("Bayern", "Hessen", "Baden-Württemberg"):
            return Court(type="VGH", place=land, name=APPELLATE[land][1])
        return None
    if g["ovg"]:
        land = _appellate(g["adj2"]) if g["adj2"] else None
        if not land and g["ovg_rest"]:
            rest = re.sub(r"^\s*(?:fur\s+das\s+land|des\s+landes|der\s+freien\s+hansestadt|des)\s+", "", g["ovg_rest"])
            land = _appellate(rest.split()[0]) if rest.split() else None
        if land and land in APPELLATE and APPELLATE[land][0] == "OVG":
            return Court(type="OVG", place=land, name=APPELLATE[land][1])
        return None
    if g["vg"]:
        rest = g["vg_rest"] or ""
        adj = g["adj3"] or ""
        if adj.startswith("schleswig"):
            return Court(type="VG", place="Schleswig-Holstein", name="Schleswig-Holsteinisches Verwaltungsgericht")
        if re.match(r"\s*des\s+saarland", rest):
            return Court(type="VG", place="Saarland", name="Verwaltungsgericht des Saarlandes")
        seat = _seat(rest)
        if not seat:
            return None
        name = f"Bayerisches Verwaltungsgericht {seat}" if seat in BAVARIAN_VG else f"Verwaltungsgericht {seat}"
        return Court(type="VG", place=seat, name=name)
    if g["other"]:
        kind = re.sub(r"s$", "", g["other"])
        ctype = _OTHER_TYPES.get(kind)
        words = re.findall(r"[a-z][\w\-]+", g["other_rest"] or "")
        if not ctype or not words or words[0] in ("des", "der", "die", "das", "und", "vom", "in", "im", "zu"):
            return None
        return Court(type=ctype, place=None, name=None)  # type: ignore[arg-type]
    return None


def find_courts(text: str) -> list[CourtHit]:
    """All court mentions in `text`, in order, with whether they look like a heading or a citation."""
    folded = to_base_letters(text)
    hits: list[CourtHit] = []
    for m in _MENTION.finditer(folded):
        court = _court_of(m)
        if court is None:
            continue
        if court.type in _OTHER_NAMES and court.place is None:
            rest = text[m.end("other"):m.end("other") + 40]
            place = re.match(r"[ \t]+([A-ZÄÖÜ][\wäöüß\-]+(?:\s(?:am|an der|in der)\s[A-ZÄÖÜ][\wäöüß\-]+)?)", rest)
            if not place:
                continue
            court = Court(type=court.type, place=place.group(1), name=f"{_OTHER_NAMES[court.type]} {place.group(1)}")
        line_start = folded.rfind("\n", 0, m.start()) + 1
        line_end = folded.find("\n", m.end())
        own_line = folded[line_start:m.start()]
        after_line = folded[m.end():line_end if line_end >= 0 else len(folded)]
        heading = (not own_line.strip() and len(after_line.strip()) < 45) or bool(
            re.search(r"gericht\s*:\s*$", own_line))
        cited = bool(_CITED_BEFORE.search(folded[max(0, m.start() - 40):m.start()])) and not heading
        hits.append(CourtHit(court, m.start(), heading, cited))
    return hits


def pick_court(hits: list[CourtHit]) -> Court | None:
    """The deciding court: a heading mention first, else the first mention that is no citation."""
    for pred in (lambda h: h.heading, lambda h: not h.cited):
        for h in hits:
            if pred(h):
                return h.court
    return None


def with_date(court: Court | None, document_date: str | None) -> Court | None:
    """BVerwG sat in Berlin until 26 Aug 2002, then Leipzig."""
    if court and court.type == "BVerwG" and document_date and document_date < "2002-08-26":
        return Court(type="BVerwG", place="Berlin", name=court.name)
    return court
