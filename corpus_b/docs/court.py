"""Court decisions: VG Urteil / Gerichtsbescheid / Eil-Beschluss, OVG/VGH/BVerwG appeal decisions."""

from __future__ import annotations

from collections.abc import Callable

from corpus_b import fmt
from corpus_b.docs.base import B, Doc, herr
from corpus_b.docs.legal import entity, judge, reasons, role_words
from corpus_b.layout import Flow, Page, Stamp, Text
from corpus_b.places import COURTS, GERMAN_SURNAMES, Court
from corpus_b.story import plus

BRD = [
    "die Bundesrepublik Deutschland, vertreten durch das Bundesministerium des Innern und für Heimat, dieses "
    "vertreten durch den Präsidenten des Bundesamtes für Migration und Flüchtlinge, Frankenstraße 210, 90461 Nürnberg",
    "die Bundesrepublik Deutschland, vertreten durch das Bundesamt für Migration und Flüchtlinge, Außenstelle {city}",
    "die Bundesrepublik Deutschland, vertreten durch den Präsidenten des Bundesamtes für Migration und "
    "Flüchtlinge, Referat Prozessführung",
]


def _genitive(court: Court) -> str:
    n = court.name
    if n.startswith("Verwaltungsgericht "):
        return "des Verwaltungsgerichts " + n[len("Verwaltungsgericht ") :]
    return {"Bundesverwaltungsgericht": "des Bundesverwaltungsgerichts"}.get(n, "des " + n + "s")


def _pager(b: B, az: str, family: str, title: str, date_s: str | None) -> tuple[str, Callable[[Page, int], float]]:
    style = b.rnd.randrange(4)

    def on_page(p: Page, n: int) -> float:
        if n == 1:
            return 0.0
        if style == 0:
            p.ops.append(Text(105, 15, f"- {n} -", family, "r", 10, "c"))
        elif style == 1:
            p.ops.append(Text(25, 15, az, family, "r", 9))
            p.ops.append(Text(190, 15, f"- {n} -", family, "r", 9, "r"))
        elif style == 2 and date_s:
            p.ops.append(Text(25, 15, f"{title} vom {date_s} – {az}", family, "r", 8.5))
        return 24.0

    return ("footer" if style == 3 else "header"), on_page


def decision(b: B, which: str) -> Doc:
    """which: main (action), eil (urgent application), appeal (higher instance), eil_res (residence law)."""
    st = b.st
    case = st.case
    female = st.person.female
    asylum = which != "eil_res"
    if which == "eil_res" or case is None:
        court = COURTS[st.office.vg]
        decided = plus(st.duldungen[0][0] if st.duldungen else st.bamf_decision, 20, 200, b.rnd)
        az = fmt.court_az(court.az_style, b.rnd, decided.year, eil=True, asylum=False)
        kind, hearing, win, lower = "beschluss", None, b.rnd.random() < 0.3, None
    elif which == "main":
        court, az, decided, hearing, kind, win, lower = (
            case.court,
            case.az,
            case.decided,
            case.hearing,
            case.kind,
            case.success,
            None,
        )
    elif which == "eil":
        assert case.eil_az and case.eil_date
        court, az, decided, hearing, kind, win, lower = (
            case.court,
            case.eil_az,
            case.eil_date,
            None,
            "beschluss",
            False,
            None,
        )
    else:
        assert case.appeal and case.appeal_az and case.appeal_date
        court, az, decided, hearing, kind, win, lower = (
            case.appeal,
            case.appeal_az,
            case.appeal_date,
            None,
            "beschluss",
            False,
            case,
        )
    eil = which in ("eil", "eil_res")
    base = "Antragsteller" if eil else "Kläger"
    w = role_words(female, base)
    fam = b.serif() if b.rnd.random() < 0.7 else b.sans()
    size = b.pick(11.0, 11.5, 12.0, 10.5)
    title = {"urteil": "Urteil", "beschluss": "Beschluss", "gerichtsbescheid": "Gerichtsbescheid"}[kind]
    dec_style = b.pick("num", "long", "long")
    pos, on_page = _pager(b, az, fam, title, fmt.date(decided, dec_style))
    f = Flow(
        fam,
        size,
        left=b.pick(25.0, 28.0, 22.0),
        right=b.pick(20.0, 25.0),
        top=22,
        bottom=25,
        leading=b.pick(1.3, 1.45, 1.5),
        on_page=on_page,
    )
    p = f.page
    if b.rnd.random() < 0.6:
        p.ops.append(
            Text(
                190,
                14,
                b.pick("Abschrift", "Beglaubigte Abschrift", "Ausfertigung", "- Abschrift -"),
                fam,
                "r",
                10,
                "r",
            )
        )
    az_label = b.pick("", "Az.: ", "Aktenzeichen: ", "")
    if court.type == "BVerwG":
        az_label = "BVerwG "
    az_shown = b.fn("court", az)
    y = 26.0
    p.ops.append(Text(f.left, y, az_label + az_shown, fam, "b" if b.rnd.random() < 0.5 else "r", size))
    if lower is not None:
        low_court = lower.court
        low_shown = b.fn("court", lower.az)
        p.ops.append(
            Text(
                f.left,
                y + 5.5,
                f"{low_shown} {low_court.city}"
                if b.rnd.random() < 0.6
                else f"Vorinstanz: {low_court.name}, {low_shown}",
                fam,
                "r",
                size - 1,
            )
        )
    f.y = 40.0
    if kind == "urteil" and hearing is not None:
        vs = b.d("document_date", decided, b.pick("num", "long"))
        clerk = b.rnd.choice(GERMAN_SURNAMES)
        lead = "Zugestellt an Verkündungs statt am" if hearing != decided and b.rnd.random() < 0.4 else "Verkündet am"
        p.ops.append(Text(186, 32, f"{lead} {vs}", fam, "r", 9, "r"))
        p.ops.append(Text(186, 36.5, f"{clerk}, Justizbeschäftigte", fam, "r", 9, "r"))
        p.ops.append(Text(186, 41, "als Urkundsbeamtin der Geschäftsstelle", fam, "r", 9, "r"))
        f.y = 48.0
    cname = court.name.upper() if b.rnd.random() < 0.5 else court.name
    f.para(cname, style="b", size=size + 3, align="c", after=3)
    if kind != "beschluss":
        f.para(b.pick("IM NAMEN DES VOLKES", "Im Namen des Volkes"), align="c", size=size + 1, after=3)
    f.para(title.upper() if b.rnd.random() < 0.7 else title, style="b", size=size + 2, align="c", after=5)
    f.para(
        b.pick(
            "In dem verwaltungsgerichtlichen Verfahren",
            "In der Verwaltungsstreitsache",
            "In dem Verwaltungsrechtsstreit",
            "In dem Verfahren",
        ),
        align="l",
        after=3,
    )
    g, s = b.person("applicant" if eil else "plaintiff")
    bd = b.d("birth_date", st.person.birth)
    addr = f"{st.street}, {st.plz} {st.city}"
    if lower is not None:
        wsuffix = " und Zulassungsantragstellerin" if female else " und Zulassungsantragstellers"
        role_label = w["wordgen"] + wsuffix
    else:
        role_label = w["wordgen"]
    rubrum = b.rnd.randrange(3)
    lw = st.lawyer
    represented = b.rnd.random() < 0.85
    if represented:
        b.party("representative", lw.name)
    lw_text = (
        f"{lw.titled()}, {lw.street}, {lw.plz} {lw.city}"
        if not lw.firm or b.rnd.random() < 0.5
        else f"{lw.firm}, {lw.street}, {lw.plz} {lw.city}, sachbearbeitend: {lw.titled()}"
    )
    if asylum:
        defendant = b.rnd.choice(BRD).format(city=st.bamf_city[0])
        b.party("respondent" if eil else "defendant", "Bundesrepublik Deutschland", "organisation")
        if b.rnd.random() < 0.6:
            gz = b.fn("bamf", st.gz, fmt.bamf_printed(st.gz, b.rnd))
            defendant += f", Gz.: {gz}" if b.rnd.random() < 0.5 else f", Az.: {gz}"
    else:
        defendant = st.office.defendant
        b.party("respondent", entity(defendant), "organisation")
        if b.rnd.random() < 0.5:
            defendant += f", Az.: {b.fn('authority', st.az)}"
    drole = (
        ("Antragsgegnerin" if asylum or defendant.startswith(("die", "das")) else "Antragsgegner")
        if eil
        else ("Beklagte" if defendant.startswith("die") else "Beklagter")
    )
    if lower is not None:
        drole += " und Zulassungsantragsgegnerin" if drole.endswith("e") else " und Zulassungsantragsgegner"
    name_line = f"{herr(female)} {g} {s}" if b.rnd.random() < 0.6 else f"{s.upper()}, {g}"
    if rubrum == 0:  # role word after the party block, on its own line
        f.para(
            f"{'der' if female else 'des'} {name_line}, geboren am {bd}, {st.person.origin.adjective}er "
            f"Staatsangehörigkeit, {addr},",
            align="l",
            after=1,
        )
        f.para(f"{role_label},", align="l", indent=40, after=2)
        if represented:
            f.para(
                f"Prozessbevollmächtigte{'r' if not lw.female and not lw.firm else ''}: {lw_text},", align="l", after=2
            )
        f.para("gegen", align="l", indent=40, after=2)
        f.para(defendant + ",", align="l", after=1)
        f.para(drole + ",", align="l", indent=40, after=3)
    elif rubrum == 1:  # role word first
        f.para(f"{w['word']}: {name_line.replace('Herrn', 'Herr')}, geb. {bd}, {addr}", align="l", after=2)
        if represented:
            f.para(f"Prozessbevollmächtigt: {lw_text}", align="l", after=2)
        f.para("gegen", align="l", after=2)
        f.para(f"{drole.split(' und ')[0]}: {defendant}", align="l", after=3)
    else:  # two-column rubrum
        f.kv([(w["word"] + ":", f"{name_line}, geb. am {bd}, {addr}")], label_w=48)
        if represented:
            f.kv([("Bevollmächtigt:", lw_text)], label_w=48)
        f.kv([(drole.split(" und ")[0] + ":", defendant)], label_w=48)
    f.para(
        b.pick(
            f"wegen Asylrechts ({st.person.origin.country})",
            "wegen Asylrecht",
            "wegen: Asylrecht",
            f"wegen Asylrechts – Herkunftsland {st.person.origin.country}",
        )
        if asylum
        else b.pick(
            "wegen Ausländerrechts (Aufenthaltserlaubnis)",
            "wegen Aufenthaltsrechts; hier: Antrag nach § 80 Abs. 5 VwGO",
            "wegen Duldung/Abschiebung",
        ),
        align="l",
        after=3,
    )
    if lower is not None:
        f.para(b.pick("hier: Antrag auf Zulassung der Berufung", "hier: Zulassung der Berufung"), align="l", after=3)
    j_title, j_name = judge(b)
    ordinal = str(b.rnd.randint(1, 30))
    body = "Kammer" if court.type == "VG" else "Senat"
    dec_s = b.d("document_date", decided, dec_style)
    if kind == "urteil":
        if hearing is not None:
            hs = b.d("hearing_date", hearing, b.pick("num", "long"))
            f.para(
                f"hat die {ordinal}. {body} {_genitive(court)} auf Grund der mündlichen Verhandlung vom {hs} "
                f"durch {j_title} als Einzelrichter{'in' if 'Richterin' in j_title else ''} für Recht erkannt:",
                after=3,
            )
        else:
            f.para(
                f"hat die {ordinal}. {body} {_genitive(court)} im schriftlichen Verfahren am {dec_s} durch "
                f"{j_title} als Einzelrichter für Recht erkannt:",
                after=3,
            )
    elif kind == "gerichtsbescheid":
        f.para(
            b.pick(
                f"hat die {ordinal}. {body} {_genitive(court)} ohne mündliche Verhandlung durch "
                f"Gerichtsbescheid am {dec_s} durch {j_title} als Einzelrichter entschieden:",
                f"hat das {court.name} – {ordinal}. {body} – im Wege schriftlicher Entscheidung am {dec_s} "
                f"durch den Einzelrichter {j_name} für Recht erkannt:",
            ),
            after=3,
        )
    else:
        f.para(
            b.pick(
                f"hat die {ordinal}. {body} {_genitive(court)} am {dec_s} durch {j_title} beschlossen:",
                f"hat der {ordinal}. Senat {_genitive(court)} am {dec_s} beschlossen:"
                if body == "Senat"
                else f"hat die {ordinal}. Kammer am {dec_s} beschlossen:",
                f"Beschluss vom {dec_s}:",
            ),
            after=3,
        )
    bamf_d = b.d("other", st.bamf_decision, b.pick("num", "long"))
    tenor: list[str] = []
    if lower is not None:
        low_d = b.d("other", lower.decided, b.pick("num", "long"))
        tenor.append(
            f"Der Antrag {w['gen']} auf Zulassung der Berufung gegen das Urteil {_genitive(lower.court)} "
            f"vom {low_d} – {fmt.nb(lower.az)} – wird abgelehnt."
        )
        tenor.append(f"{w['Nom']} trägt die Kosten des Zulassungsverfahrens; Gerichtskosten werden nicht erhoben.")
    elif eil:
        tenor.append(
            b.pick("Der Antrag wird abgelehnt.", "Der Antrag auf Gewährung vorläufigen Rechtsschutzes wird abgelehnt.")
            if not win
            else "Die aufschiebende Wirkung der Klage wird angeordnet."
        )
        loser = w["Nom"] if not win else ("Die " if drole.startswith("Antragsgegnerin") else "Der ") + drole
        tenor.append(f"{loser} trägt die Kosten des Verfahrens.")
        if not asylum:
            tenor.append(f"Der Streitwert wird auf {b.pick('2.500', '1.250', '5.000')},00 € festgesetzt.")
    elif win:
        tenor.append(
            f"Die Beklagte wird unter Aufhebung der Ziffern 1 und 3 bis 6 des Bescheides des Bundesamtes für "
            f"Migration und Flüchtlinge vom {bamf_d} verpflichtet, {w['dat']} die Flüchtlingseigenschaft "
            "zuzuerkennen."
        )
        tenor.append("Die Beklagte trägt die Kosten des Verfahrens, für das Gerichtskosten nicht erhoben werden.")
    else:
        tenor.append("Die Klage wird abgewiesen.")
        tenor.append(f"{w['Nom']} trägt die Kosten des Verfahrens, für das Gerichtskosten nicht erhoben werden.")
    if kind != "beschluss":
        tenor.append(
            "Das Urteil ist wegen der Kosten vorläufig vollstreckbar."
            if kind == "urteil"
            else "Der Gerichtsbescheid ist wegen der Kosten vorläufig vollstreckbar."
        )
    for i, t in enumerate(tenor, 1):
        f.para(f"{i}. {t}" if b.rnd.random() < 0.3 else t, indent=8, after=2)
    f.space(3)
    if kind == "beschluss":
        f.para(b.pick("Gründe", "G r ü n d e :", "Gründe:"), style="b", align="c" if b.rnd.random() < 0.5 else "l")
    else:
        f.para(b.pick("Tatbestand", "T a t b e s t a n d", "Tatbestand:"), style="b", align="c")
    ent = b.d("entry_date", st.entry)
    app = b.d("application_date", st.asylum_app)
    bh = b.d("other", st.bamf_hearing)
    nat = f"{st.person.origin.adjective}{'e' if female else 'er'} Staatsangehörige{'' if female else 'r'}"
    f.para(
        f"{w['Nom']} ist {nat}. {w['Er']} reiste nach eigenen Angaben am {ent} in die Bundesrepublik "
        "Deutschland ein und stellte am "
        f"{app} einen Asylantrag."
    )
    f.para(
        f"Bei {w['sein']}er Anhörung vor dem Bundesamt für Migration und Flüchtlinge am {bh} gab {w['er']} im "
        "Wesentlichen an, "
        + b.pick(
            "{er} habe {sein} Heimatland aus Angst vor Zwangsrekrutierung verlassen.",
            "{er} sei wegen {sein}er politischen Aktivitäten bedroht worden.",
            "{er} habe wegen Blutrache nicht mehr in {sein}em Dorf leben können.",
            "{sein}e Familie sei von bewaffneten Gruppen bedroht worden.",
        ).format(**w)
    )
    f.para(
        f"Mit Bescheid vom {bamf_d} "
        + b.pick(
            "lehnte das Bundesamt den Antrag auf Zuerkennung der Flüchtlingseigenschaft und auf Asylanerkennung ab, "
            "erkannte den subsidiären Schutzstatus nicht zu und stellte fest, dass Abschiebungsverbote nicht "
            "vorliegen.",
            "lehnte das Bundesamt den Asylantrag als offensichtlich unbegründet ab und drohte die Abschiebung an.",
            "lehnte die Beklagte die Anträge ab; auf den Inhalt des Bescheides wird Bezug genommen.",
        )
        + f" Der Bescheid wurde am {b.d('other', plus(st.bamf_decision, 2, 9, b.rnd))} zugestellt."
    )
    if case is not None and which != "eil_res":
        f.para(
            f"{w['Nom']} hat am {b.d('other', case.filed)} Klage erhoben. "
            + b.pick(
                f"Zur Begründung wiederholt und vertieft {w['er']} {w['sein']} Vorbringen aus dem "
                "Verwaltungsverfahren.",
                f"{w['Er']} trägt vor, die Beklagte habe {w['sein']} Vorbringen nicht hinreichend gewürdigt.",
                "Eine Begründung erfolgte nicht.",
            )
        )
    n = b.rnd.randint(3, 8) if kind != "beschluss" or lower is None else b.rnd.randint(2, 4)
    if kind != "beschluss":
        f.para(
            b.pick("Entscheidungsgründe", "E n t s c h e i d u n g s g r ü n d e", "Entscheidungsgründe:"),
            style="b",
            align="c",
            before=3,
        )
    for r in reasons(b, w, win, n, decided):
        f.para(r)
    f.para(b.pick("Rechtsmittelbelehrung", "Rechtsmittelbelehrung:", "Rechtsbehelfsbelehrung"), style="b", before=3)
    if lower is not None or court.type == "BVerwG":
        f.para("Dieser Beschluss ist unanfechtbar (§ 80 AsylG)." if asylum else "Dieser Beschluss ist unanfechtbar.")
    else:
        f.para(
            f"Gegen diese Entscheidung kann innerhalb {b.pick('eines Monats', 'von zwei Wochen')} nach Zustellung "
            f"bei dem {court.name}, {court.street}, schriftlich oder in elektronischer Form die Zulassung der "
            "Berufung beantragt werden. Der Antrag muss das angefochtene Urteil bezeichnen. Vor dem "
            "Oberverwaltungsgericht müssen sich die Beteiligten durch Prozessbevollmächtigte vertreten lassen.",
            size=size - 1,
        )
    f.signature(b.rnd.randint(0, 1 << 30), [j_name.strip()], x=f.left + b.pick(0.0, 60.0, 100.0))
    if b.rnd.random() < 0.5:
        f.ensure(30)
        f.page.ops.append(
            Stamp(
                150,
                f.y + 10,
                ["Beglaubigt", "Urkundsbeamt. d. Geschäftsstelle", court.name[:30]],
                size=7,
                shape="rect",
                ink=b.rnd.randint(70, 140),
                angle=b.rnd.uniform(-6, 6),
            )
        )
        f.y += 24
    if pos == "footer":
        for i, pg in enumerate(f.pages, 1):
            pg.ops.append(Text(105, 287, f"Seite {i} von {len(f.pages)}", fam, "r", 8.5, "c"))
    b.party("court", court.name, "organisation")
    return b.done(
        "court_decision",
        kind,
        title,
        decided,
        f.pages,
        court={"type": court.type, "place": court.place, "name": court.name},
    )
