"""The case view as a terminal table, JSON or a self-contained HTML report (escaped text, no script).

The HTML report is what a caseworker files or prints: every check and interval names its evidence as
"document id, page"; nothing from the documents is ever markup.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from eakte.case.model import CaseView, Evidence

VERDICT_DE = {"met": "erfüllt", "not_met": "nicht erfüllt", "unknown": "unbekannt"}


def to_json(view: CaseView) -> str:
    return json.dumps(view.to_dict(), ensure_ascii=False, indent=2)


def _ev(evs: list[Evidence], n: int = 4) -> str:
    out = [f"{e.document_id} S.{e.page}" for e in evs[:n]]
    return ", ".join(out) + (f" (+{len(evs) - n})" if len(evs) > n else "")


def _d(x: dt.date | None) -> str:
    return x.strftime("%d.%m.%Y") if x else "offen"


def table_rows(view: CaseView) -> dict[str, list[list[str]]]:
    """Rows per section, plain strings (the CLI prints them as Rich Text, never as markup)."""
    p = view.person
    head = [["Schlüssel", view.key], ["Stichtag", view.at.isoformat()], ["Regeln", view.rules]]
    if p:
        head += [["Person", f"{p.person_id} ({'; '.join(p.names[:3])})"],
                 ["Geburtsdatum", p.birth_date.isoformat() if p.birth_date else "unbekannt"],
                 ["Staatsangehörigkeit", p.nationality or "unbekannt"],
                 ["Angehörige", "; ".join(f"{r['relation']}: {r.get('name') or r.get('person_id')}"
                                          for r in p.relations) or "keine belegt"],
                 ["Akten", ", ".join(p.akten)], ["Verknüpfung", f"{p.link_confidence:.2f}"]]
    return {
        "Fall": head,
        "Prüfungen": [[c.name, VERDICT_DE[c.verdict], c.value, "; ".join(c.missing), _ev(c.evidence)]
                      for c in view.checks],
        "Zeitleiste": [[i.kind, _d(i.start), _d(i.end), i.label, _ev(i.evidence, 2)] for i in view.intervals],
        "Ereignisse": [[e.kind, _d(e.start), e.value, ", ".join(f"{k}={v}" for k, v in e.detail.items()),
                        _ev([e.evidence])] for e in view.events],
        "Befunde": [[f.kind, f.what, _d(f.start) if f.start else "", _d(f.end) if f.end else "", _ev(f.evidence, 3)]
                    for f in view.findings],
    }


HEADERS = {"Fall": ["", ""], "Prüfungen": ["Prüfung", "Ergebnis", "Wert", "fehlt", "Belege"],
           "Zeitleiste": ["Art", "von", "bis", "Grundlage", "Belege"],
           "Ereignisse": ["Ereignis", "Datum", "Wert", "Angaben", "Beleg"],
           "Befunde": ["Art", "Befund", "von", "bis", "Belege"]}


def to_html(view: CaseView) -> str:
    """A printable report; every value escaped."""
    e = html.escape
    parts = ["<!doctype html><html lang='de'><head><meta charset='utf-8'><title>Fallübersicht</title>",
             "<style>body{font:11pt sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}"
             "td,th{border:1px solid #999;padding:2px 6px;text-align:left;vertical-align:top}"
             ".met{background:#dfd}.not_met{background:#fdd}.unknown{background:#eee}</style></head><body>",
             f"<h1>Fallübersicht {e(view.key)}</h1>",
             "<p>Tatsachen mit Belegen, keine Entscheidung.</p>"]
    rows = table_rows(view)
    for section, data in rows.items():
        parts.append(f"<h2>{e(section)}</h2><table>")
        if section != "Fall":
            parts.append("<tr>" + "".join(f"<th>{e(h)}</th>" for h in HEADERS[section]) + "</tr>")
        for i, row in enumerate(data):
            cls = f" class='{view.checks[i].verdict}'" if section == "Prüfungen" else ""
            parts.append(f"<tr{cls}>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def list_json(rows: list[dict[str, Any]]) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
