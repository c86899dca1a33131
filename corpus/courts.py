"""Administrative courts with their real seats and the file-number formats they print."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class CourtInfo:
    """A court as the contract records it ({type, place, name}) plus how its Aktenzeichen look."""

    type: str
    place: str
    name: str
    style: str  # file number style, see file_number()
    letter_lines: tuple[str, ...]  # heading lines as printed
    prefix: str = ""  # Bavarian location code ("M", "W", "AN") or Berlin designator

    def as_truth(self) -> dict[str, str]:
        return {"type": self.type, "place": self.place, "name": self.name}


VGS = (
    CourtInfo("VG", "Köln", "Verwaltungsgericht Köln", "nrw", ("VERWALTUNGSGERICHT KÖLN",)),
    CourtInfo("VG", "Düsseldorf", "Verwaltungsgericht Düsseldorf", "nrw", ("VERWALTUNGSGERICHT DÜSSELDORF",)),
    CourtInfo("VG", "Aachen", "Verwaltungsgericht Aachen", "nrw", ("Verwaltungsgericht Aachen",)),
    CourtInfo("VG", "Gelsenkirchen", "Verwaltungsgericht Gelsenkirchen", "nrw", ("Verwaltungsgericht Gelsenkirchen",)),
    CourtInfo("VG", "Minden", "Verwaltungsgericht Minden", "nrw", ("VERWALTUNGSGERICHT MINDEN",)),
    CourtInfo("VG", "Münster", "Verwaltungsgericht Münster", "nrw", ("Verwaltungsgericht Münster",)),
    CourtInfo("VG", "Arnsberg", "Verwaltungsgericht Arnsberg", "nrw", ("Verwaltungsgericht Arnsberg",)),
    CourtInfo(
        "VG",
        "München",
        "Bayerisches Verwaltungsgericht München",
        "bay",
        ("Bayerisches Verwaltungsgericht München",),
        "M",
    ),
    CourtInfo(
        "VG",
        "Würzburg",
        "Bayerisches Verwaltungsgericht Würzburg",
        "bay",
        ("Bayerisches Verwaltungsgericht Würzburg",),
        "W",
    ),
    CourtInfo(
        "VG",
        "Ansbach",
        "Bayerisches Verwaltungsgericht Ansbach",
        "bay",
        ("Bayerisches Verwaltungsgericht Ansbach",),
        "AN",
    ),
    CourtInfo("VG", "Berlin", "Verwaltungsgericht Berlin", "berlin", ("Verwaltungsgericht Berlin",), "VG"),
    CourtInfo("VG", "Hamburg", "Verwaltungsgericht Hamburg", "plain", ("Verwaltungsgericht Hamburg",)),
    CourtInfo("VG", "Hannover", "Verwaltungsgericht Hannover", "plain", ("Verwaltungsgericht Hannover",)),
    CourtInfo("VG", "Stuttgart", "Verwaltungsgericht Stuttgart", "bw", ("VERWALTUNGSGERICHT STUTTGART",)),
    CourtInfo(
        "VG",
        "Frankfurt am Main",
        "Verwaltungsgericht Frankfurt am Main",
        "plain",
        ("Verwaltungsgericht Frankfurt am Main",),
    ),
)
HIGHER = (
    CourtInfo(
        "OVG",
        "Nordrhein-Westfalen",
        "Oberverwaltungsgericht für das Land Nordrhein-Westfalen",
        "ovg_nrw",
        ("Oberverwaltungsgericht", "für das Land Nordrhein-Westfalen"),
    ),
    CourtInfo("VGH", "Bayern", "Bayerischer Verwaltungsgerichtshof", "bayvgh", ("Bayerischer Verwaltungsgerichtshof",)),
    CourtInfo(
        "OVG",
        "Berlin-Brandenburg",
        "Oberverwaltungsgericht Berlin-Brandenburg",
        "berlin",
        ("Oberverwaltungsgericht Berlin-Brandenburg",),
        "OVG",
    ),
    CourtInfo(
        "OVG",
        "Niedersachsen",
        "Niedersächsisches Oberverwaltungsgericht",
        "nds",
        ("Niedersächsisches Oberverwaltungsgericht",),
    ),
    CourtInfo(
        "VGH",
        "Baden-Württemberg",
        "Verwaltungsgerichtshof Baden-Württemberg",
        "bw",
        ("VERWALTUNGSGERICHTSHOF BADEN-WÜRTTEMBERG",),
    ),
    CourtInfo("VGH", "Hessen", "Hessischer Verwaltungsgerichtshof", "plain", ("Hessischer Verwaltungsgerichtshof",)),
)
BVERWG = CourtInfo("BVerwG", "Leipzig", "Bundesverwaltungsgericht", "bverwg", ("BUNDESVERWALTUNGSGERICHT",), "BVerwG")


def pick_court(rng: random.Random) -> CourtInfo:
    """Mostly first instance (VG), NRW-heavy like a Rhineland authority's files."""
    r = rng.random()
    if r < 0.72:
        nrw = [c for c in VGS if c.style == "nrw"]
        return rng.choice(nrw) if rng.random() < 0.6 else rng.choice(VGS)
    if r < 0.95:
        return HIGHER[0] if rng.random() < 0.5 else rng.choice(HIGHER)
    return BVERWG


def file_number(
    rng: random.Random, court: CourtInfo, year: int, *, urgent: bool, asylum: bool
) -> tuple[str, list[str]]:
    """(Aktenzeichen as printed, accepted variants) for a proceeding at `court` begun in `year`."""
    yy = f"{year % 100:02d}"
    chamber = rng.randint(1, 29)
    n = rng.randint(100, 9999)
    reg = "L" if urgent else "K"
    if court.style == "nrw":
        az = f"{chamber} {reg} {n}/{yy}{'.A' if asylum else ''}"
        return az, []
    if court.style == "bay":
        az = f"{court.prefix} {chamber} {reg} {yy}.{rng.randint(30000, 39999) if asylum else n}"
        if reg == "L":
            az = f"{court.prefix} {chamber} S {yy}.{rng.randint(30000, 39999) if asylum else n}"
        return az, [az.split(" ", 1)[1]]
    if court.style == "berlin":
        reg2 = "L" if urgent else ("K" if court.type == "VG" else "B")
        az = f"{court.prefix} {chamber} {reg2} {n % 1000}.{yy}{' A' if asylum and court.type == 'VG' else ''}"
        return az, [az.split(" ", 1)[1]]
    if court.style == "bw":
        reg2 = "K" if court.type == "VG" else "S"
        az = f"{'A ' if asylum else ''}{chamber} {reg2} {n}/{yy}"
        return az, []
    if court.style == "ovg_nrw":
        reg2 = "B" if urgent else "A"
        return f"{min(chamber, 19)} {reg2} {n}/{yy}{'.A' if asylum and reg2 == 'A' else ''}", []
    if court.style == "bayvgh":
        reg2 = "CS" if urgent else "ZB"
        return f"{min(chamber, 24)} {reg2} {yy}.{rng.randint(30000, 31999) if asylum else n}", []
    if court.style == "nds":
        reg2 = "ME" if urgent else "LA"
        return f"{min(chamber, 13)} {reg2} {n % 1000}/{yy}", []
    if court.style == "bverwg":
        az = f"{rng.randint(1, 10)} {'B' if urgent else 'C'} {rng.randint(1, 60)}.{yy}"
        return az, [f"BVerwG {az}"]
    return f"{chamber} {'E' if urgent else 'A'} {n}/{yy}", []


def bamf_number(rng: random.Random, destatis: str) -> str:
    """Gesch.-Z. like 8765432-423 or 12345678-1-439."""
    if rng.random() < 0.5:
        return f"{rng.randint(1000000, 9999999)}-{destatis}"
    return f"{rng.randint(10000000, 99999999)}-{rng.randint(1, 9)}-{destatis}"
