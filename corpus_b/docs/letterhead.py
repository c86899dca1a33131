"""Letterheads of Ausländerbehörden and of the BAMF, in several layouts with a right-hand info block."""

from __future__ import annotations

import datetime as dt

from corpus_b.docs.base import B
from corpus_b.layout import Box, Page, Rule, Text


def info_block(
    p: Page, x: float, y: float, rows: list[tuple[str, str]], family: str, size: float = 8.5, stacked: bool = False
) -> float:
    """Right column: label over value (stacked) or label and value on one line."""
    lh = size * 0.3528 * 1.35
    for label, value in rows:
        if stacked:
            if label:
                p.ops.append(Text(x, y, label, family, "r", size - 1.5))
                y += lh * 0.9
            p.ops.append(Text(x, y, value, family, "r", size))
            y += lh * 1.25
        else:
            if label:
                p.ops.append(Text(x, y, label, family, "r", size))
                p.ops.append(Text(x + 24, y, value, family, "r", size))
            else:
                p.ops.append(Text(x, y, value, family, "r", size))
            y += lh
    return y


def address(
    p: Page, x: float, y: float, lines: list[str], family: str, sender: str | None, size: float = 10.5
) -> float:
    if sender:
        p.ops.append(Text(x, y, sender, family, "r", 6.5))
        p.ops.append(Rule(x, y + 1.0, x + 80, y + 1.0, 0.15))
        y += 6
    for ln in lines:
        p.ops.append(Text(x, y, ln, family, "r", size))
        y += size * 0.3528 * 1.3
    return y


def office_head(
    b: B, p: Page, family: str, recipient: list[str], info: list[tuple[str, str]], date_line: str | None
) -> float:
    """Draw an Ausländerbehörde letterhead in one of three layouts; returns where the body starts."""
    o = b.st.office
    layout = b.rnd.randrange(3)
    sender = f"{o.head[0]} · {o.street} · {o.plz} {o.city}"
    if layout == 0:
        y = 18.0
        for i, h in enumerate(o.head):
            p.ops.append(Text(20, y, h, family, "b" if i == 0 else "r", 15 if i == 0 else 11))
            y += 6.5
        p.ops.append(Text(20, y, o.unit, family, "r", 9.5))
        p.ops.append(Rule(20, y + 3, 190, y + 3, 0.5))
        address(p, 22, 52, recipient, family, sender)
        yb = info_block(p, 128, 52, info, family, stacked=b.rnd.random() < 0.5)
        start = max(yb, 95.0) + 4
    elif layout == 1:
        y = 16.0
        for i, h in enumerate(o.head):
            p.ops.append(Text(105, y, h, family, "b" if i == 0 else "r", 14 if i == 0 else 10, "c"))
            y += 6
        p.ops.append(Text(105, y, o.unit, family, "r", 9, "c"))
        p.ops.append(Text(105, y + 4.5, f"{o.street}, {o.plz} {o.city}", family, "r", 8, "c"))
        address(p, 24, 50, recipient, family, sender)
        cols = info[:4]
        x = 24.0
        for label, value in cols:
            p.ops.append(Text(x, 92, label, family, "r", 7))
            p.ops.append(Text(x, 96.5, value, family, "r", 9.5))
            x += 44
        start = 104.0
        for label, value in info[4:]:
            p.ops.append(Text(24, start, f"{label} {value}", family, "r", 8.5))
            start += 4.5
    else:
        p.ops.append(Box(140, 12, 52, 18, 0.6))
        p.ops.append(Text(166, 20, o.head[0], family, "b", 10 if len(o.head[0]) < 22 else 8, "c"))
        p.ops.append(Text(166, 26, o.unit[:34], family, "r", 6.5, "c"))
        address(p, 22, 50, recipient, family, sender)
        yb = info_block(p, 140, 42, info, family, size=8)
        start = max(yb, 92.0) + 4
    if date_line:
        p.ops.append(Text(190, start, date_line, family, "r", 10.5, "r"))
        start += 8
    return start


def office_footer(b: B, p: Page, family: str) -> None:
    o = b.st.office
    if b.rnd.random() < 0.3:
        return
    p.ops.append(Rule(20, 276, 190, 276, 0.2))
    hours = b.pick(
        "Mo, Di, Do 8:00 – 12:00 Uhr, Do 14:00 – 17:30 Uhr",
        "Termine nur nach Vereinbarung",
        "Mo – Fr 7:30 – 12:30 Uhr",
        "Öffnungszeiten: Mo, Mi, Fr 8.30 – 12.00 Uhr",
    )
    p.ops.append(Text(20, 280, f"{o.head[0]} · {o.street} · {o.plz} {o.city} · Tel. {o.phone}-0", family, "r", 6.5))
    p.ops.append(Text(20, 283.5, hours, family, "r", 6.5))
    p.ops.append(
        Text(
            20,
            287,
            f"Bankverbindung: Kreissparkasse · IBAN DE{b.rnd.randint(10, 99)} "
            f"{b.rnd.randint(1000, 9999)} {b.rnd.randint(1000, 9999)} {b.rnd.randint(1000, 9999)} "
            f"{b.rnd.randint(1000, 9999)} {b.rnd.randint(10, 99)}",
            family,
            "r",
            6.5,
        )
    )


def bamf_head(b: B, p: Page, family: str, recipient: list[str], date: dt.date, gz_printed: str) -> float:
    """BAMF letterhead: the right-hand column holds place/date and Gesch.-Z. beside the address."""
    city, street, plz = b.st.bamf_city
    y = 16.0
    if b.rnd.random() < 0.5:
        p.ops.append(Text(20, y, "Bundesamt", family, "b", 13))
        p.ops.append(Text(20, y + 5.5, "für Migration", family, "b", 13))
        p.ops.append(Text(20, y + 11, "und Flüchtlinge", family, "b", 13))
        y += 18
    else:
        p.ops.append(Text(20, y, "Bundesamt für Migration und Flüchtlinge", family, "b", 12))
        y += 6
    y = max(y, 36)
    sender = f"BAMF · {street} · {plz} {city}"
    address(p, 22, 50, recipient, family, sender if b.rnd.random() < 0.7 else None)
    style = b.rnd.randrange(3)
    ds = b.d("document_date", date, b.pick("long", "num", "long0"))
    if style == 0:
        rows = [
            ("", f"Außenstelle {city}"),
            ("", street),
            ("", f"{plz} {city}"),
            ("", ""),
            ("Ort/Datum", f"{city}, {ds}"),
            ("Gesch.-Z.:", gz_printed),
            ("", "bitte bei Antwort angeben"),
        ]
    elif style == 1:
        rows = [
            ("Datum:", ds),
            ("Gesch.-Z.:", gz_printed),
            ("", "(bitte bei Antwort angeben)"),
            ("", ""),
            ("Außenstelle:", city),
            ("Anschrift:", street),
            ("", f"{plz} {city}"),
            ("Telefon:", f"0911 943-{b.rnd.randint(1000, 9999)}"),
        ]
    else:
        rows = [
            ("Gesch.-Z.:", gz_printed),
            ("", "bitte bei Antwort angeben"),
            ("Ort, Datum", ""),
            ("", f"{city}, {ds}"),
            ("", ""),
            ("Hausanschrift", ""),
            ("", street),
            ("", f"{plz} {city}"),
        ]
    yb = info_block(p, 125, 38, rows, family, size=8.5)
    return max(yb, 92.0) + 4
