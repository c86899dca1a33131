"""How dates and file numbers are printed: many spellings, each with its canonical value."""

from __future__ import annotations

import datetime as dt
import random

from corpus_b.layout import NBSP

MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
MONTHS_ABBR = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."]
STAMP_MONTHS = ["JAN", "FEB", "MRZ", "APR", "MAI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEZ"]
PASS_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

DATE_STYLES = ["num", "num", "num", "long", "long", "short", "yy"]


def date(d: dt.date, style: str) -> str:
    """The printed form; spaces are NBSP so a date never breaks across lines."""
    if style == "num":
        s = f"{d.day:02d}.{d.month:02d}.{d.year}"
    elif style == "short":
        s = f"{d.day}.{d.month}.{d.year}"
    elif style == "yy":
        s = f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"
    elif style == "long":
        s = f"{d.day}. {MONTHS[d.month - 1]} {d.year}"
    elif style == "long0":
        s = f"{d.day:02d}. {MONTHS[d.month - 1]} {d.year}"
    elif style == "abbr":
        s = f"{d.day}. {MONTHS_ABBR[d.month - 1]} {d.year}"
    elif style == "stamp":
        s = f"{d.day:02d}. {STAMP_MONTHS[d.month - 1]}. {d.year}"
    elif style == "iso":
        s = d.isoformat()
    elif style == "slash":
        s = f"{d.day:02d}/{d.month:02d}/{d.year}"
    elif style == "pass":
        s = f"{d.day:02d} {PASS_MONTHS[d.month - 1]} {d.year}"
    elif style == "month":
        s = f"{MONTHS[d.month - 1]} {d.year}"
    elif style == "mm/yyyy":
        s = f"{d.month:02d}/{d.year}"
    else:
        raise ValueError(style)
    return s.replace(" ", NBSP)


def nb(s: str) -> str:
    return s.replace(" ", NBSP)


def court_az(style: str, rnd: random.Random, year: int, *, eil: bool, asylum: bool, chamber: int | None = None) -> str:
    """An Aktenzeichen in the court's own shape (the register letter says action, urgent, appeal ...)."""
    yy = f"{year % 100:02d}"
    ch = chamber if chamber is not None else rnd.randint(1, 30)
    n = rnd.randint(100, 9999)
    n5 = rnd.randint(30000, 52999)
    fam, _, pre = style.partition(":")
    if fam == "nrw":
        return f"{ch} {'L' if eil else 'K'} {n}/{yy}" + (".A" if asylum else "")
    if fam == "nrw_ovg":
        return f"{ch} {'B' if eil else 'A'} {n}/{yy}" + (".A" if asylum else "")
    if fam == "by":
        return f"{pre} {ch} {'S' if eil else 'K'} {yy}.{n5 if asylum else n}"
    if fam == "by_vgh":
        return f"{ch} {'CS' if eil else 'ZB'} {yy}.{n5 if asylum else n}"
    if fam == "bw":
        return ("A " if asylum else "") + f"{ch} K {n}/{yy}"
    if fam == "bw_vgh":
        return ("A " if asylum else "") + f"{ch} S {n}/{yy}"
    if fam == "nds":
        return f"{ch} {'B' if eil else 'A'} {n}/{yy}"
    if fam == "nds_ovg":
        return f"{ch} {'ME' if eil else 'LA'} {n}/{yy}"
    if fam == "he":
        return f"{ch} {'L' if eil else 'K'} {n}/{yy}.{pre}" + (".A" if asylum else "")
    if fam == "he_vgh":
        return f"{ch} {'B' if eil else 'A'} {n}/{yy}.Z" + (".A" if asylum else "")
    if fam == "be":
        return f"VG {ch} {'L' if eil else 'K'} {n}.{yy}" + (" A" if asylum else "")
    if fam == "be_ovg":
        return f"OVG {ch} {'S' if eil else 'N'} {n}.{yy}"
    if fam == "sn":
        return f"{ch} {'L' if eil else 'K'} {n}/{yy}" + (".A" if asylum else "")
    if fam == "sn_ovg":
        return f"{ch} {'B' if eil else 'A'} {n}/{yy}" + (".A" if asylum else "")
    if fam == "sh":
        return f"{ch} {'B' if eil else 'A'} {n}/{yy}"
    if fam == "sh_ovg":
        return f"{ch} {'MB' if eil else 'LA'} {n}/{yy}"
    if fam == "rp":
        return f"{ch} {'L' if eil else 'K'} {n}/{yy}.{pre}"
    if fam == "rp_ovg":
        return f"{ch} {'B' if eil else 'A'} {rnd.randint(10000, 12999)}/{yy}.OVG"
    if fam == "bverwg":
        return f"{rnd.choice([1, 1, 1, 10])} {rnd.choice(['B', 'C'])} {rnd.randint(1, 60)}.{yy}"
    raise ValueError(style)


def variants(value: str, *printed: str) -> list[str]:
    """Accepted spellings: the value, as printed, without spaces, with suffix dot/space swapped."""
    out = [value, *printed, value.replace(" ", "")]
    if value.endswith(".A"):
        out.append(value[:-2] + " A")
    elif value.endswith(" A"):
        out.append(value[:-2] + ".A")
    seen: list[str] = []
    for v in out:
        v = v.replace(NBSP, " ")
        if v not in seen:
            seen.append(v)
    return seen


def bamf_gz(rnd: random.Random, code: str) -> str:
    if rnd.random() < 0.55:
        return f"{rnd.randint(1000000, 9999999)}-{code}"
    return f"{rnd.randint(10000000, 99999999)}-{rnd.randint(1, 9)}-{code}"


def bamf_printed(value: str, rnd: random.Random) -> str:
    return nb(value.replace("-", " - ")) if rnd.random() < 0.35 else value


def authority_az(style: int, rnd: random.Random, year: int, initial: str) -> str:
    """The Ausländerbehörde's reference for this person, in the office's own habit."""
    yy, yyyy = f"{year % 100:02d}", str(year)
    n4, n5 = rnd.randint(1000, 9999), rnd.randint(10000, 99999)
    forms = [
        f"32.1-{n4}/{yy}",
        f"Ausl. {rnd.randint(1, 6)}-{n5}",
        f"III/2-AZR {n4}/{yyyy}",
        f"204.12.5-{initial}-{n4}",
        f"AB 12/{rnd.randint(100, 999)}/{yy}",
        f"FD 32-{initial}-{n4}",
        f"31.2/{initial} {n4}",
        f"ABH-{yyyy}-{n5}",
        f"1.3.2-{n4}.{yy}",
        f"IV D {rnd.randint(1, 9)}-{initial}{n4}",
        f"33-{n5}/{initial}",
        f"FB 3.2/{n4}/{yyyy}",
    ]
    return forms[style % len(forms)]
