"""Identity papers: photocopies of passport data pages with an ICAO 9303 MRZ, and a Laissez-passer."""

from __future__ import annotations

import datetime as dt
import unicodedata

from corpus_b.docs.base import B, Doc
from corpus_b.layout import Box, Page, Rule, Scribble, Stamp, Text
from corpus_b.story import plus

COUNTRY_EN = {
    "SYR": "SYRIAN ARAB REPUBLIC",
    "IRQ": "REPUBLIC OF IRAQ",
    "AFG": "ISLAMIC REPUBLIC OF AFGHANISTAN",
    "TUR": "REPUBLIC OF TÜRKIYE",
    "ERI": "STATE OF ERITREA",
    "NGA": "FEDERAL REPUBLIC OF NIGERIA",
    "GIN": "REPUBLIQUE DE GUINEE",
    "GMB": "REPUBLIC OF THE GAMBIA",
    "RKS": "REPUBLIC OF KOSOVO",
    "SRB": "REPUBLIC OF SERBIA",
    "RUS": "RUSSIAN FEDERATION",
    "GEO": "GEORGIA",
    "SOM": "FEDERAL REPUBLIC OF SOMALIA",
    "IRN": "ISLAMIC REPUBLIC OF IRAN",
}
NATIONALITY_EN = {
    "SYR": "SYRIAN",
    "IRQ": "IRAQI",
    "AFG": "AFGHAN",
    "TUR": "TURKISH",
    "ERI": "ERITREAN",
    "NGA": "NIGERIAN",
    "GIN": "GUINEENNE",
    "GMB": "GAMBIAN",
    "RKS": "KOSOVAR",
    "SRB": "SERBIAN",
    "RUS": "RUSSIAN",
    "GEO": "GEORGIAN",
    "SOM": "SOMALI",
    "IRN": "IRANIAN",
}


def _mrz_chars(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.replace("ß", "SS").replace("ı", "i"))
    s = "".join(c for c in s if not unicodedata.combining(c)).upper()
    return "".join(c if c.isalnum() else "<" for c in s)


def check_digit(s: str) -> str:
    """ICAO 9303 check digit: weights 7, 3, 1; A-Z count 10-35, '<' counts 0."""
    total = 0
    for i, c in enumerate(s):
        v = int(c) if c.isdigit() else (ord(c) - 55 if c.isalpha() else 0)
        total += v * (7, 3, 1)[i % 3]
    return str(total % 10)


def mrz_td3(
    code: str, surname: str, given: str, number: str, birth: dt.date, female: bool, expiry: dt.date
) -> tuple[str, str]:
    name = (_mrz_chars(surname) + "<<" + _mrz_chars(given))[:39]
    line1 = ("P<" + code + name).ljust(44, "<")
    num = number.ljust(9, "<")[:9]
    b = birth.strftime("%y%m%d")
    e = expiry.strftime("%y%m%d")
    opt = "<" * 14
    part = num + check_digit(num)
    body = part + code + b + check_digit(b) + ("F" if female else "M") + e + check_digit(e) + opt + check_digit(opt)
    comp = part + b + check_digit(b) + e + check_digit(e) + opt + check_digit(opt)
    line2 = body + check_digit(comp)
    return line1, line2


def passport(b: B) -> Doc:
    st = b.st
    pe = st.person
    g, s = pe.spelling(b.rnd, official=True)
    b.party("person_concerned", f"{g} {s}")
    issue = st.passport_issue
    years = st.passport_years
    expiry = dt.date(issue.year + years, issue.month, min(issue.day, 28)) - dt.timedelta(days=1)
    b.facts.passport = expiry
    code = pe.origin.icao
    p = Page()
    fam = b.pick("nimbus_sans", "dejavu_sans", "liberation_sans", "gothic")
    mono = b.pick("nimbus_mono", "liberation_mono", "dejavu_cond")
    x0, y0 = b.rnd.uniform(20, 45), b.rnd.uniform(20, 60)
    w, h = 125.0, 88.0
    p.ops.append(Box(x0, y0, w, h, 0.5, fill=b.rnd.randint(215, 245)))
    p.ops.append(Box(x0 + 4, y0 + 14, 32, 42, 0.3, fill=b.rnd.randint(90, 170)))
    p.ops.append(Text(x0 + 4, y0 + 6, "PASSPORT / PASSEPORT", fam, "b", 8))
    p.ops.append(Text(x0 + 62, y0 + 6, COUNTRY_EN[code], fam, "b", 7))
    dstyle = b.pick("pass", "num", "slash")
    rows = [
        ("Type / Type", "P"),
        ("Code / Code", code),
        ("Passport No. / No. du passeport", st.passport_no),
        ("Surname / Nom", _mrz_chars(s).replace("<", " ")),
        ("Given names / Prénoms", _mrz_chars(g).replace("<", " ")),
        ("Nationality / Nationalité", NATIONALITY_EN[code]),
        ("Date of birth / Date de naissance", b.d("birth_date", pe.birth, dstyle)),
        ("Sex / Sexe", "F" if pe.female else "M"),
        ("Place of birth / Lieu de naissance", pe.birthplace.upper()),
        ("Date of issue / Date de délivrance", b.d("document_date", issue, dstyle)),
        ("Date of expiry / Date d'expiration", b.d("valid_until", expiry, dstyle)),
    ]
    x, y = x0 + 40, y0 + 13
    for label, value in rows:
        p.ops.append(Text(x, y, label, fam, "r", 5))
        p.ops.append(Text(x, y + 3.4, value, fam, "b", 7.5))
        y += 6.0
    l1, l2 = mrz_td3(code, s, g, st.passport_no, pe.birth, pe.female, expiry)
    p.ops.append(Text(x0 + 4, y0 + h - 10, l1, mono, "r", 9.5))
    p.ops.append(Text(x0 + 4, y0 + h - 4, l2, mono, "r", 9.5))
    if b.rnd.random() < 0.6:
        yy = y0 + h + 30
        cd = b.d("other", plus(st.entry, 5, 700, b.rnd))
        p.ops.append(
            Text(
                x0,
                yy,
                b.pick(
                    "Die Übereinstimmung dieser Kopie mit dem Original wird bestätigt.",
                    "Kopie stimmt mit dem Original überein.",
                    "Original lag vor.",
                ),
                fam,
                "r",
                9,
            )
        )
        p.ops.append(Text(x0, yy + 6, f"{st.office.city}, {cd}", fam, "r", 9))
        p.ops.append(Scribble(x0 + 60, yy, 35, 9, b.rnd.randint(0, 1 << 30)))
        p.ops.append(
            Stamp(
                x0 + 120,
                yy + 4,
                [st.office.head[0][:24], "Ausländerbehörde"],
                size=6.5,
                shape="round",
                ink=b.rnd.randint(70, 150),
                angle=b.rnd.uniform(-20, 20),
            )
        )
        b.party("authority", st.office.name, "organisation")
    return b.done("identity_document", "reisepass", "Reisepass", issue, [p])


def passersatz(b: B) -> Doc:
    st = b.st
    pe = st.person
    g, s = pe.spelling(b.rnd, official=True)
    b.party("person_concerned", f"{g} {s}")
    issue = plus(st.duldungen[-1][0] if st.duldungen else st.end - dt.timedelta(days=200), 10, 120, b.rnd)
    until = issue + dt.timedelta(days=b.pick(30, 90, 180))
    fam = b.pick("nimbus_roman", "liberation_serif", "nimbus_mono")
    p = Page()
    p.ops.append(Text(105, 30, f"EMBASSY OF THE {COUNTRY_EN[pe.origin.icao]}", fam, "b", 12, "c"))
    p.ops.append(Text(105, 36, "BERLIN", fam, "r", 10, "c"))
    p.ops.append(Rule(40, 40, 170, 40, 0.4))
    p.ops.append(Text(105, 54, "LAISSEZ-PASSER / PASSERSATZPAPIER", fam, "b", 14, "c"))
    p.ops.append(Text(105, 61, "Valid for a single journey to " + pe.origin.country, fam, "r", 10, "c"))
    p.ops.append(Box(150, 70, 35, 45, 0.4, fill=b.rnd.randint(110, 190)))
    no = f"LP {b.rnd.randint(100000, 999999)}"
    rows = [
        ("No.:", no),
        ("Surname:", s.upper()),
        ("Given names:", g.upper()),
        ("Date of birth:", b.d("birth_date", pe.birth, b.pick("num", "slash", "pass"))),
        ("Place of birth:", pe.birthplace),
        ("Nationality:", NATIONALITY_EN[pe.origin.icao]),
        ("Date of issue:", b.d("document_date", issue, b.pick("num", "slash"))),
        ("Valid until:", b.d("valid_until", until, b.pick("num", "slash"))),
    ]
    y = 76.0
    for label, value in rows:
        p.ops.append(Text(25, y, label, fam, "r", 10.5))
        p.ops.append(Text(70, y, value, fam, "b", 10.5))
        y += 8
    p.ops.append(
        Text(
            25,
            y + 10,
            "The holder of this document is a national of our country. Please grant assistance.",
            fam,
            "r",
            9,
        )
    )
    p.ops.append(Scribble(110, y + 25, 45, 12, b.rnd.randint(0, 1 << 30)))
    p.ops.append(Text(110, y + 42, "Consul", fam, "r", 9))
    p.ops.append(
        Stamp(
            70,
            y + 32,
            ["EMBASSY", pe.origin.country.upper()[:18], "CONSULAR SECTION"],
            size=7,
            shape="round",
            ink=b.rnd.randint(60, 140),
            angle=b.rnd.uniform(-15, 15),
        )
    )
    return b.done("identity_document", "passersatz", "Passersatzpapier", issue, [p])
