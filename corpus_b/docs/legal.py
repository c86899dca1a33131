"""Reusable legal prose: gendered role words, cited decisions, reasoning paragraphs."""

from __future__ import annotations

import datetime as dt

from corpus_b import fmt
from corpus_b.docs.base import B
from corpus_b.places import GERMAN_SURNAMES


def role_words(female: bool, base: str) -> dict[str, str]:
    """base = 'Kläger' / 'Antragsteller': nominative, genitive, dative forms and pronouns."""
    if female:
        return {
            "nom": f"die {base}in",
            "gen": f"der {base}in",
            "dat": f"der {base}in",
            "Nom": f"Die {base}in",
            "word": f"{base}in",
            "wordgen": f"{base}in",
            "er": "sie",
            "Er": "Sie",
            "sein": "ihr",
            "Sein": "Ihr",
            "ihm": "ihr",
            "geb": "geborene",
        }
    return {
        "nom": f"der {base}",
        "gen": f"des {base}s",
        "dat": f"dem {base}",
        "Nom": f"Der {base}",
        "word": base,
        "wordgen": f"{base}s",
        "er": "er",
        "Er": "Er",
        "sein": "sein",
        "Sein": "Sein",
        "ihm": "ihm",
        "geb": "geborene",
    }


def entity(defendant: str) -> str:
    """'den Freistaat Bayern, vertreten durch ...' -> 'Freistaat Bayern' (the party's name)."""
    head = defendant.split(",")[0]
    for art in ("den ", "die ", "das "):
        if head.startswith(art):
            head = head[len(art) :]
    return head


_CITED_COURTS = [
    ("BVerwG", "bverwg"),
    ("BVerwG", "bverwg"),
    ("OVG NRW", "nrw_ovg"),
    ("VGH Baden-Württemberg", "bw_vgh"),
    ("Bayerischer VGH", "by_vgh"),
    ("Nds. OVG", "nds_ovg"),
    ("OVG Berlin-Brandenburg", "be_ovg"),
    ("Hessischer VGH", "he_vgh"),
    ("EuGH", "eugh"),
    ("BVerfG", "bverfg"),
]


def cite(b: B, before: dt.date) -> str:
    """A cited decision: its date is 'other', its Aktenzeichen is not a file number of this Akte."""
    court, style = b.rnd.choice(_CITED_COURTS)
    d = before - dt.timedelta(days=b.rnd.randint(60, 3000))
    kind = b.pick("Urteil", "Beschluss", "Urteil", "Beschluss")
    if style == "eugh":
        az = f"C-{b.rnd.randint(100, 999)}/{d.year % 100:02d}"
        kind = "Urteil"
    elif style == "bverfg":
        az = f"2 BvR {b.rnd.randint(100, 2999)}/{d.year % 100:02d}"
        kind = "Beschluss"
    else:
        az = fmt.court_az(style, b.rnd, d.year, eil=False, asylum=b.rnd.random() < 0.6)
    ds = b.d("other", d, b.pick("num", "long", "num"))
    tail = b.pick(", juris Rn. " + str(b.rnd.randint(5, 60)), ", juris", "", f", Rn. {b.rnd.randint(5, 40)}")
    return f"{court}, {kind} vom {ds} – {fmt.nb(az)} –{tail}"


REASONS = [
    "Die zulässige Klage ist unbegründet. Der angefochtene Bescheid ist rechtmäßig und verletzt {gen} nicht in "
    "{sein}en Rechten (§ 113 Abs. 1 Satz 1 und Abs. 5 Satz 1 VwGO).",
    "{Nom} hat keinen Anspruch auf Zuerkennung der Flüchtlingseigenschaft nach § 3 Abs. 1 AsylG. Nach dieser "
    "Vorschrift ist ein Ausländer Flüchtling, wenn er sich aus begründeter Furcht vor Verfolgung wegen seiner Rasse, "
    "Religion, Nationalität, politischen Überzeugung oder Zugehörigkeit zu einer bestimmten sozialen Gruppe außerhalb "
    "des Landes befindet, dessen Staatsangehörigkeit er besitzt.",
    "Das Gericht folgt insoweit den Feststellungen und der Begründung des angefochtenen Bescheides und sieht von einer "
    "weiteren Darstellung der Entscheidungsgründe ab (§ 77 Abs. 3 AsylG).",
    "Die Schilderungen {gen} zu den fluchtauslösenden Ereignissen sind unsubstantiiert, detailarm und in wesentlichen "
    "Punkten widersprüchlich. So hat {nom} bei der Anhörung vor dem Bundesamt angegeben, {er} sei unmittelbar nach "
    "dem Vorfall ausgereist, während {er} in der mündlichen Verhandlung von einem mehrmonatigen Aufenthalt bei "
    "Verwandten berichtete.",
    "Maßgeblich für die Beurteilung der Sach- und Rechtslage ist der Zeitpunkt der letzten mündlichen Verhandlung "
    "bzw. Entscheidung (§ 77 Abs. 1 Satz 1 AsylG).",
    "Auch die Voraussetzungen für die Gewährung subsidiären Schutzes nach § 4 Abs. 1 AsylG liegen nicht vor. Es ist "
    "nicht ersichtlich, dass {dat} in {country} ein ernsthafter Schaden im Sinne dieser Vorschrift droht.",
    "Ein Abschiebungsverbot nach § 60 Abs. 5 AufenthG in Verbindung mit Art. 3 EMRK besteht ebenfalls nicht. Die "
    "humanitären Verhältnisse in {country} sind zwar schwierig; es ist jedoch davon auszugehen, dass {nom} als "
    "gesunder und arbeitsfähiger Erwachsener {sein}en Lebensunterhalt jedenfalls durch Gelegenheitsarbeiten sichern "
    "kann.",
    "Gesundheitliche Gründe, die ein Abschiebungsverbot nach § 60 Abs. 7 Satz 1 AufenthG begründen könnten, sind "
    "weder vorgetragen noch sonst ersichtlich. Die vorgelegten ärztlichen Bescheinigungen genügen nicht den "
    "Anforderungen des § 60a Abs. 2c AufenthG.",
    "Die Abschiebungsandrohung sowie die Befristung des Einreise- und Aufenthaltsverbots begegnen keinen rechtlichen "
    "Bedenken.",
    "Nach der Rechtsprechung ist für die Annahme einer beachtlichen Wahrscheinlichkeit erforderlich, dass bei einer "
    "zusammenfassenden Würdigung des zur Prüfung gestellten Lebenssachverhalts die für eine Verfolgung sprechenden "
    "Umstände ein größeres Gewicht besitzen als die dagegen sprechenden Tatsachen ({cite}).",
    "Diese Einschätzung beruht auf den in das Verfahren eingeführten Erkenntnismitteln, insbesondere dem Lagebericht "
    "des Auswärtigen Amtes und den Berichten des UNHCR ({cite}).",
    "Die Kostenentscheidung beruht auf § 154 Abs. 1 VwGO; Gerichtskosten werden nach § 83b AsylG nicht erhoben. Die "
    "Entscheidung über die vorläufige Vollstreckbarkeit folgt aus § 167 VwGO in Verbindung mit §§ 708 Nr. 11, 711 ZPO.",
]
REASONS_WIN = [
    "Die zulässige Klage ist begründet. {Nom} hat im maßgeblichen Zeitpunkt einen Anspruch auf Zuerkennung der "
    "Flüchtlingseigenschaft; der Bescheid ist insoweit rechtswidrig und verletzt {gen} in {sein}en Rechten.",
    "Das Gericht ist nach der informatorischen Anhörung in der mündlichen Verhandlung davon überzeugt, dass {nom} "
    "{country} vorverfolgt verlassen hat. {Er} hat das Geschehen lebensnah, detailreich und ohne Widersprüche "
    "geschildert ({cite}).",
    "Es bestehen keine stichhaltigen Gründe, die gegen eine erneute Verfolgung sprechen (Art. 4 Abs. 4 der Richtlinie "
    "2011/95/EU).",
    "Die Kostenentscheidung folgt aus § 154 Abs. 1 VwGO, § 83b AsylG.",
]


def reasons(b: B, words: dict[str, str], win: bool, n: int, decided: dt.date) -> list[str]:
    bank = REASONS_WIN if win else REASONS
    picks = [bank[0], *b.rnd.sample(bank[1:], min(n - 1, len(bank) - 1))]
    out = []
    for s in picks:
        cited = cite(b, decided) if "{cite}" in s else ""
        out.append(s.format(country=b.st.person.origin.country, cite=cited, **words))
    return out


def judge(b: B) -> tuple[str, str]:
    """(accusative phrase 'den Richter am Verwaltungsgericht Dr. X', surname line for the signature)."""
    female = b.rnd.random() < 0.5
    name = b.pick("", "Dr. ") + b.rnd.choice(GERMAN_SURNAMES)
    if female:
        title = b.pick(
            "die Richterin am Verwaltungsgericht",
            "die Vorsitzende Richterin am Verwaltungsgericht",
            "die Richterin",
            "Richterin am Verwaltungsgericht",
        )
    else:
        title = b.pick(
            "den Richter am Verwaltungsgericht",
            "den Vorsitzenden Richter am Verwaltungsgericht",
            "den Richter",
            "Richter am Verwaltungsgericht",
        )
    return f"{title} {name}", name
