"""The case view as a printable PDF report to file with the case (reportlab, fonts embedded).

What a caseworker prints or files: who (names seen, birth date, nationality, person id), the reference
date and the version of the thresholds applied, the checks with their evidence, the timeline drawn
(status bands with § 60b periods in their own row, employment and school bands, documents as marks),
the findings and every fact with its document id and page. Each page carries the footer "facts for the
caseworker, not a decision", the time it was generated and "page n of m".

Deterministic: the same view and the same `generated_at` give the same bytes (reportlab's invariant
mode fixes the PDF's dates and id), so two reports differ only in the generated-at line. Every value from
the documents is escaped before it reaches reportlab's paragraph markup.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from eakte.case.model import CaseView, Evidence, Interval
from eakte.case.render import VERDICT_DE
from eakte.errors import EakteError, ExitCode

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/usr/local/share/fonts/dejavu"), Path("/usr/share/fonts/TTF"))
FOOTER = "Tatsachen für die Sachbearbeitung, keine Entscheidung"
STATUS_DE = {"gestattet": "gestattet", "geduldet": "geduldet", "geduldet_60b": "geduldet (§ 60b)",
             "erlaubt": "erlaubt", "fiktion": "Fiktion", "unknown": "unbekannt"}
COLOURS = {"gestattet": "#9ecae1", "geduldet": "#fdd49e", "geduldet_60b": "#fc8d59", "erlaubt": "#a1d99b",
           "fiktion": "#dadaeb", "unknown": "#cccccc", "employment": "#6baed6", "school": "#c994c7"}
VERDICT_COLOURS = {"met": "#e5f5e0", "not_met": "#fee0d2", "unknown": "#f0f0f0"}
PAGE_W, PAGE_H = A4
MARGIN = 15 * mm
WIDTH = PAGE_W - 2 * MARGIN


class ReportFontMissing(EakteError):
    """The TTF the report embeds is not installed (names with ğ/ş/ł need a Unicode font)."""

    code = "report_font_missing"
    exit_code = ExitCode.bad_args
    default_message = "the report font DejaVuSans.ttf is not installed; install the Debian package fonts-dejavu-core"


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, str]:
    for d in FONT_DIRS:
        regular, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont(FONT, str(regular)))
            pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
            return FONT, FONT_BOLD
    raise ReportFontMissing()


def _d(x: dt.date | None, open_: str = "offen") -> str:
    return x.strftime("%d.%m.%Y") if x else open_


def _ev(evs: Iterable[Evidence], n: int = 4) -> str:
    evs = list(evs)
    out = [f"{e.document_id} Bl. {e.page} (S. {e.doc_page})" for e in evs[:n]]
    return ", ".join(out) + (f" (+{len(evs) - n})" if len(evs) > n else "")


class _Styles:
    def __init__(self) -> None:
        regular, bold = _fonts()
        self.body = ParagraphStyle("body", fontName=regular, fontSize=8.5, leading=10.5)
        self.cell = ParagraphStyle("cell", fontName=regular, fontSize=7.5, leading=9)
        self.head = ParagraphStyle("head", fontName=bold, fontSize=7.5, leading=9)
        self.h1 = ParagraphStyle("h1", fontName=bold, fontSize=15, leading=19, spaceAfter=4)
        self.h2 = ParagraphStyle("h2", fontName=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4)


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _table(st: _Styles, header: list[str], rows: list[list[Any]], widths: list[float],
           shading: list[str] | None = None) -> Table:
    data = [[_p(h, st.head) for h in header]] + [[_p(c, st.cell) for c in row] for row in rows]
    t = Table(data, colWidths=[w * WIDTH for w in widths], repeatRows=1)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), st.cell.fontName, 7.5),  # the cells' default, else Helvetica (not embedded)
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    for i, colour in enumerate(shading or []):
        style.append(("BACKGROUND", (0, i + 1), (-1, i + 1), colors.HexColor(colour)))
    t.setStyle(TableStyle(style))
    return t


# -- the timeline -----------------------------------------------------------------------------------------

ROWS = (("status", "Status"), ("status_60b", "Duldung § 60b"), ("employment", "Beschäftigung"),
        ("school", "Schule"), ("documents", "Dokumente"))


def _row_of(iv: Interval) -> str | None:
    if iv.kind == "status:geduldet_60b":
        return "status_60b"
    if iv.kind.startswith("status:"):
        return "status"
    return iv.kind if iv.kind in ("employment", "school") else None


def _colour_of(iv: Interval) -> str:
    return COLOURS.get(iv.kind.removeprefix("status:"), "#cccccc")


def timeline_drawing(view: CaseView, width: float = WIDTH) -> Drawing:
    """The timeline as vector shapes: one row per kind of band, the documents as marks, the reference
    date as a red line, one tick per year."""
    regular, _ = _fonts()
    docs = [(dt.date.fromisoformat(d["document_date"]), d) for d in view.documents if d.get("document_date")]
    days = [view.at] + [iv.start for iv in view.intervals] + [iv.end for iv in view.intervals if iv.end] + \
        [day for day, _ in docs]
    first, last = dt.date(min(days).year, 1, 1), dt.date(max(days).year + 1, 1, 1)
    left, right, row_h, top = 78.0, 8.0, 16.0, 8.0
    height = top + row_h * len(ROWS) + 34
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return left + (width - left - right) * (day - first).days / span

    def y(row: str) -> float:  # bottom of the row's band
        i = [r for r, _ in ROWS].index(row)
        return height - top - row_h * (i + 1) + 2

    drawing = Drawing(width, height, initialFontName=regular, initialFontSize=7)
    axis = y(ROWS[-1][0]) - 6
    years = last.year - first.year
    step = 1 if years <= 14 else (2 if years <= 28 else 5)
    for year in range(first.year, last.year + 1):
        xx = x(dt.date(year, 1, 1))
        drawing.add(Line(xx, axis, xx, height - top, strokeColor=colors.HexColor("#dddddd"), strokeWidth=0.4))
        if (year - first.year) % step == 0 and year < last.year:
            drawing.add(String(xx + 1.5, axis - 9, str(year), fontName=regular, fontSize=6.5))
    for row, label in ROWS:
        drawing.add(String(2, y(row) + 3.5, label, fontName=regular, fontSize=7))
    for iv in view.intervals:
        band = _row_of(iv)
        if band is None:
            continue
        x1 = x(iv.start)
        x2 = max(x(iv.end or view.at), x1 + 1.5)
        drawing.add(Rect(x1, y(band), x2 - x1, row_h - 5, fillColor=colors.HexColor(_colour_of(iv)),
                         strokeColor=colors.HexColor("#333333"), strokeWidth=0.3))
    for day, _ in docs:
        xx, yy = x(day), y("documents")
        drawing.add(Polygon([xx, yy + row_h - 6, xx - 2.5, yy + 1, xx + 2.5, yy + 1],
                            fillColor=colors.HexColor("#333333"), strokeColor=None))
    xa = x(view.at)
    drawing.add(Line(xa, axis, xa, height - top + 2, strokeColor=colors.HexColor("#cc0000"), strokeWidth=1))
    drawing.add(String(min(xa + 2, width - 48), height - top - 1, "Stichtag", fontName=regular, fontSize=6.5,
                       fillColor=colors.HexColor("#cc0000")))
    lx = left
    for kind, colour in COLOURS.items():
        label = STATUS_DE.get(kind) or {"employment": "Beschäftigung", "school": "Schule"}[kind]
        drawing.add(Rect(lx, 2, 8, 6, fillColor=colors.HexColor(colour), strokeColor=colors.HexColor("#333333"),
                         strokeWidth=0.3))
        drawing.add(String(lx + 10, 2.5, label, fontName=regular, fontSize=6.5))
        lx += 14 + pdfmetrics.stringWidth(label, regular, 6.5)
    return drawing


# -- the document --------------------------------------------------------------------------------------------


def _numbered(generated: str) -> type[Canvas]:
    """A canvas that draws the footer with 'page n of m' once the page count is known."""

    class Numbered(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for n, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._footer(n, total)
                super().showPage()
            super().save()

        def _footer(self, n: int, total: int) -> None:
            regular, _ = _fonts()
            self.setFont(regular, 7)
            self.setFillColor(colors.HexColor("#444444"))
            self.line(MARGIN, 12 * mm, PAGE_W - MARGIN, 12 * mm)
            self.drawString(MARGIN, 8 * mm, FOOTER)
            self.drawCentredString(PAGE_W / 2 + 20 * mm, 8 * mm, generated)
            self.drawRightString(PAGE_W - MARGIN, 8 * mm, f"Seite {n} von {total}")

    return Numbered


def generated_line(generated_at: dt.datetime) -> str:
    return "erstellt " + generated_at.astimezone(dt.UTC).strftime("%d.%m.%Y %H:%M UTC")


def _facts_rows(view: CaseView) -> list[list[str]]:
    rows = []
    for f in view.facts:
        period = _d(f.start, "") + (f" – {_d(f.end)}" if f.start and f.kind in ("status", "employment", "school",
                                                                               "passport") else "")
        detail = ", ".join(f"{k}: {v}" for k, v in f.detail.items())
        rows.append([f.kind, f.value, period, detail, f.person or "", _ev([f.evidence])])
    return rows


def to_pdf(view: CaseView, generated_at: dt.datetime) -> bytes:
    """The report as PDF bytes."""
    st = _Styles()
    p = view.person
    story: list[Flowable] = [_p(f"Fallübersicht {view.key}", st.h1),
                             _p("Tatsachen mit Belegen für die Sachbearbeitung, keine Entscheidung. Belege: "
                                "Dokument-Kennung, Blatt in der Quelle (Seite im Dokument).", st.body),
                             Spacer(1, 4)]
    rules_label, _, law = view.rules.partition(": ")
    head = [["Stichtag", _d(view.at)],
            ["Regeln", f"Fassung {rules_label} (eakte/case/rules/aufenthg.json): {law}"]]
    if p:
        head += [["Person", p.person_id],
                 ["Namen in den Dokumenten", "; ".join(p.names)],
                 ["Geburtsdatum", _d(p.birth_date, "unbekannt")],
                 ["Staatsangehörigkeit", p.nationality or "unbekannt"],
                 ["Angehörige", "; ".join(f"{r['relation']}: {r.get('name') or r.get('person_id')} "
                                          f"({r.get('document_id', '')} Bl. {r.get('page', '')})"
                                          for r in p.relations) or "keine belegt"],
                 ["Akten", ", ".join(p.akten)],
                 ["Verknüpfungssicherheit", f"{p.link_confidence:.2f}"]]
    else:
        head.append(["Person", "keine Hauptperson erkannt"])
    ht = Table([[_p(k, st.head), _p(v, st.cell)] for k, v in head], colWidths=[0.22 * WIDTH, 0.78 * WIDTH])
    ht.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), st.cell.fontName, 7.5), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LEFTPADDING", (0, 0), (-1, -1), 2),
                            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    story += [ht, KeepTogether([_p("Zeitleiste", st.h2), timeline_drawing(view)])]
    story += [_p("Prüfungen", st.h2),
              _table(st, ["Prüfung", "Ergebnis", "Wert", "fehlende Belege", "Belege"],
                     [[c.name, VERDICT_DE[c.verdict], c.value, "; ".join(c.missing) or "–", _ev(c.evidence)]
                      for c in view.checks], [0.16, 0.11, 0.25, 0.22, 0.26],
                     [VERDICT_COLOURS[c.verdict] for c in view.checks])]
    story += [_p("Zeiträume", st.h2),
              _table(st, ["Art", "von", "bis", "Grundlage", "Belege"],
                     [[STATUS_DE.get(i.kind.removeprefix("status:"), i.kind) if i.kind.startswith("status:")
                       else {"employment": "Beschäftigung", "school": "Schule"}.get(i.kind, i.kind),
                       _d(i.start), _d(i.end), i.label, _ev(i.evidence, 3)] for i in view.intervals],
                     [0.16, 0.1, 0.1, 0.3, 0.34])]
    findings = [[f.kind, f.what, _d(f.start, ""), _d(f.end, ""), _ev(f.evidence, 3)] for f in view.findings]
    story += [_p("Befunde (Lücken, Überschneidungen, Widersprüche)", st.h2),
              _table(st, ["Art", "Befund", "von", "bis", "Belege"], findings, [0.12, 0.38, 0.1, 0.1, 0.3])
              if findings else _p("keine", st.body)]
    events = [[e.kind, _d(e.start, ""), e.value, ", ".join(f"{k}: {v}" for k, v in e.detail.items()),
               _ev([e.evidence])] for e in view.events]
    if events:
        story += [_p("Ereignisse", st.h2),
                  _table(st, ["Ereignis", "Datum", "Wert", "Angaben", "Beleg"], events, [0.15, 0.1, 0.2, 0.3, 0.25])]
    story += [_p("Tatsachen mit Belegen", st.h2),
              _table(st, ["Art", "Wert", "Zeitraum", "Angaben", "Person", "Beleg"], _facts_rows(view),
                     [0.11, 0.17, 0.15, 0.23, 0.12, 0.22])]
    story += [_p("Dokumente", st.h2),
              _table(st, ["Dokument", "Akte", "Art", "Datum", "Blätter"],
                     [[d["document_id"], d["akte_id"], d["doc_type"] + (f" / {d['doc_subtype']}" if d.get(
                         "doc_subtype") else ""), d.get("document_date") or "", f"{d['first_page']}–{d['last_page']}"]
                      for d in view.documents], [0.3, 0.2, 0.28, 0.1, 0.12])]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=18 * mm, title="Fallübersicht", author="eakte", creator="eakte",
                            subject=FOOTER, invariant=1,
                            initialFontName=st.body.fontName, initialFontSize=8)  # never an unembedded base-14 font
    doc.build(story, canvasmaker=_numbered(generated_line(generated_at)))
    return out.getvalue()
