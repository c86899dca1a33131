"""Shows a score report as rich tables and writes it as JSON.

Only metrics are printed: no document text, no names (the corpora hold personal data, or
data that looks like it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from eakte.evaluation.attribution import STAGES


def _pct(v: Any) -> str:
    return "n/a" if v is None else f"{100 * float(v):.1f} %"


def _prf_row(name: str, m: dict[str, Any] | None) -> list[str]:
    if m is None:
        return [name, "n/a", "n/a", "n/a", ""]
    return [name, _pct(m["precision"]), _pct(m["recall"]), _pct(m["f1"]),
            f"tp {m['tp']} fp {m['fp']} fn {m['fn']}"]


def _prf_table(title: str, first: str, rows: dict[str, Any]) -> Table:
    """A precision / recall / F1 table, one row per key of `rows` (a role, a kind)."""
    t = Table(title=title)
    for col in (first, "precision", "recall", "F1", "counts"):
        t.add_column(col, justify="left" if col in (first, "counts") else "right")
    for name, v in rows.items():
        t.add_row(*_prf_row(name, v))
    return t


def summary_rows(r: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(metric, value, detail) lines of the main table."""
    return [*_base_rows(r), *case_rows(r.get("case"))]


def _base_rows(r: dict[str, Any]) -> list[tuple[str, str, str]]:
    c = r["counts"]
    dt, dd, court, fns, dates, parties, rev = (r["doc_type"], r["document_date"], r["court"], r["file_numbers"],
                                                r["dates"], r["parties"], r["review"])
    b = r["boundaries"]
    return [
        ("documents (truth / predicted / matched)", f"{c['truth_documents']} / {c['predicted_documents']} / "
                                                    f"{c['matched']}", f"{c['sources']} sources"),
        ("boundary precision", _pct(b["precision"]), f"tp {b['tp']} fp {b['fp']}"),
        ("boundary recall", _pct(b["recall"]), f"fn {b['fn']}"),
        ("boundary F1", _pct(b["f1"]), "exact page ranges"),
        ("doc_type accuracy", _pct(dt["accuracy"]), f"n {dt['n']} (matched)"),
        ("doc_type macro-F1", _pct(dt["macro_f1"]), f"{len(dt['per_class'])} classes"),
        ("doc_subtype accuracy", _pct(dt["subtype_accuracy"]), f"n {dt['subtype_n']}"),
        ("document_date accuracy", _pct(dd["accuracy"]), f"n {dd['n']}"),
        ("dates F1 (role+value, micro)", _pct(dates["micro"]["f1"]) if dates else "n/a", "not labelled"
         if dates is None else f"value only {_pct(dates['values_any_role']['f1'])}"),
        ("court accuracy (type+place)", _pct(court["accuracy"]) if court else "n/a",
         "" if court is None else f"n {court['n']}, type {_pct(court['type_accuracy'])}, "
                                  f"spurious {court['spurious']}/{court['spurious_of']}"),
        ("file-number F1", _pct(fns["f1"]) if fns else "n/a",
         "" if fns is None else f"P {_pct(fns['precision'])} R {_pct(fns['recall'])}, "
                                f"with kind {_pct(fns['with_kind']['f1'])}"),
        ("party F1 (role+name, micro)", _pct(parties["micro"]["f1"]) if parties else "n/a",
         "not labelled" if parties is None else f"names any role {_pct(parties['names_any_role']['f1'])}"),
        ("skipped pages F1 (separators, blanks)", _pct(r["skipped_pages"]["f1"]) if r.get("skipped_pages") else "n/a",
         "" if not r.get("skipped_pages") else f"P {_pct(r['skipped_pages']['precision'])} "
                                               f"R {_pct(r['skipped_pages']['recall'])}"),
        ("folio accuracy", _pct(r["pages"]["folio_accuracy"]) if r.get("pages") else "n/a",
         "" if not r.get("pages") else f"{r['pages']['n']} pages"),
        ("rotation accuracy", _pct(r["pages"]["rotation_accuracy"]) if r.get("pages") else "n/a",
         "" if not r.get("pages") else f"turned pages {_pct(r['pages']['rotated_pages_accuracy'])} "
                                       f"of {r['pages']['rotated_pages']}"),
        ("review rate", _pct(rev["rate"]), f"{rev['flagged']} of {rev['documents']}"),
        ("error rate among not flagged", _pct(rev["error_rate_unflagged"]),
         f"{rev['unflagged_errors']} of {rev['unflagged']}"),
        ("error rate among flagged", _pct(rev.get("error_rate_flagged")),
         f"{rev.get('flagged_errors', 0)} of {rev['flagged']}"),
    ]


def case_rows(c: dict[str, Any] | None) -> list[tuple[str, str, str]]:
    """The case overview's metrics (issue 17), when the corpus has per-person truth."""
    if not c:
        return []
    lk, iv, em, en, ck, fa = (c["linking"], c["intervals"]["overall"], c["employment_months"], c["entry_date"],
                              c["checks"], c["facts"])
    return [
        ("case: person linking pairwise F1", _pct(lk["f1"]), f"P {_pct(lk['precision'])} R {_pct(lk['recall'])}, "
                                                             f"{lk['documents']} documents, "
                                                             f"{lk['documents_without_person']} without person"),
        ("case: status intervals day F1", _pct(iv["f1"]), f"P {_pct(iv['precision'])} R {_pct(iv['recall'])}"),
        ("case: employment months F1", _pct(em["f1"]), f"P {_pct(em['precision'])} R {_pct(em['recall'])}"),
        ("case: entry date accuracy", _pct(en["accuracy"]), f"n {en['n']}, spurious {en['spurious']}"),
        ("case: check verdicts correct", _pct(ck["share"]), f"{ck['correct']} of {ck['n']} ({c['akten']} Akten)"),
        ("case: met where truth not_met", str(ck["met_where_not_met"]), "must be 0"),
        ("case: facts with document id and page", _pct(fa["share"]), f"{fa['located']} of {fa['n']}"),
    ]


def _print_case(c: dict[str, Any], con: Console) -> None:
    con.print(_prf_table("case: status intervals (days) per kind", "kind", c["intervals"]["per_kind"]))
    vt = Table(title="case: check verdicts per check")
    for col in ("check", "correct", "n", "met where not_met"):
        vt.add_column(col, justify="left" if col == "check" else "right")
    for name, v in c["checks"]["per_check"].items():
        vt.add_row(name, _pct(v["share"]), str(v["n"]), str(v["met_where_not_met"]))
    con.print(vt)
    if c.get("attribution"):
        for table in attribution_tables(c["attribution"]):
            con.print(table)


def attribution_tables(a: dict[str, Any]) -> list[Table]:
    """Where the misses come from: per first wrong stage, missed status days and papers, employment months and
    papers, missed link pairs and documents; the status days per kind and the months per truth paper kind;
    then the wrong check verdicts by cause. Counts only."""
    iv, em, lk = a["intervals"], a["employment_months"], a["linking"]
    cols: list[tuple[str, dict[str, int]]] = [
        ("status days", iv["days"]), ("status papers", iv["documents"]), ("months", em["months"]),
        ("month papers", em["documents"]), ("link pairs", lk["pairs"]), ("link docs", lk["documents"])]
    wd, wk = iv["wrong_dates"], iv["wrong_kind"]
    t = Table(title="case: misses by the first stage that went wrong", caption=(
        f"missed: {iv['missed_days']} status days, {em['missed_months']} months, {lk['missed_pairs']} link pairs; "
        f"wrong dates: start {wd['start']}, end {wd['end']}, no end {wd['no_end']}"
        + (f"; wrong kind: {', '.join(f'{k} {n}' for k, n in wk.items())}" if wk else "")))
    _stage_rows(t, cols)
    out = [t]
    for title, per, key in (("case: missed status days per kind and stage", iv["per_kind"], "days"),
                            ("case: missed employment months per truth paper and stage", em["per_paper"], "months")):
        if per:
            k = Table(title=title)
            _stage_rows(k, [(name, per[name][key]) for name in sorted(per)])
            out.append(k)
    ck = a.get("checks")
    if ck and ck["wrong"]:
        v = Table(title=f"case: wrong check verdicts by cause ({ck['wrong']})")
        for col in ("check", "cause", "n"):
            v.add_column(col, justify="right" if col == "n" else "left")
        for name, check in ck["per_check"].items():
            for why, n in check["causes"].items():
                v.add_row(name, why, str(n))
        out.append(v)
    return out


def _stage_rows(t: Table, cols: list[tuple[str, dict[str, int]]]) -> None:
    """One row per stage (pipeline order) that any column counts, one column per count table."""
    t.add_column("stage", no_wrap=True)
    for name, _ in cols:
        t.add_column(name, justify="right")
    for stage in STAGES:
        if any(v.get(stage) for _, v in cols):
            t.add_row(stage, *[str(v.get(stage, "")) for _, v in cols])


def print_report(r: dict[str, Any], console: Console | None = None, title: str = "evaluation") -> None:
    con = console or Console()
    t = Table(title=title)
    t.add_column("metric")
    t.add_column("value", justify="right")
    t.add_column("detail")
    for row in summary_rows(r):
        t.add_row(*row)
    con.print(t)

    dt = r["doc_type"]
    if dt["per_class"]:
        ct = Table(title="doc_type per class")
        for col in ("type", "precision", "recall", "F1", "support"):
            ct.add_column(col, justify="left" if col == "type" else "right")
        for name, m in dt["per_class"].items():
            ct.add_row(name, _pct(m["precision"]), _pct(m["recall"]), _pct(m["f1"]), str(m["support"]))
        con.print(ct)
        labels = sorted(set(dt["confusion"]) | {k for v in dt["confusion"].values() for k in v})
        code = {lab: lab.replace("_", "")[:4] for lab in labels}
        cm = Table(title="confusion (rows truth, columns predicted)", box=box.SIMPLE_HEAD, pad_edge=False,
                   caption=", ".join(f"{c}={lab}" for lab, c in code.items()))
        cm.add_column("", no_wrap=True)
        for lab in labels:
            cm.add_column(code[lab], justify="right", no_wrap=True, min_width=4)
        for lab in labels:
            row = dt["confusion"].get(lab, {})
            cm.add_row(code[lab], *[str(row.get(p, "")) for p in labels])
        con.print(cm)

    for key, title_ in (("dates", "dates by role"), ("parties", "parties by role")):
        m = r.get(key)
        if not m:
            continue
        con.print(_prf_table(title_, "role", m["by_role"]))
    rev = r["review"]
    if rev.get("reasons") or rev.get("unflagged_errors_by_field"):
        vt = Table(title="review: reasons (flagged / really wrong) and errors left unflagged, by field")
        for col in ("reason or field", "flagged", "wrong", "unflagged errors"):
            vt.add_column(col, justify="left" if col == "reason or field" else "right")
        for code, n in rev.get("reasons", {}).items():
            vt.add_row(code, str(n), str(rev.get("reasons_wrong", {}).get(code, "")), "")
        for fld, n in rev.get("unflagged_errors_by_field", {}).items():
            vt.add_row(fld, "", "", str(n))
        con.print(vt)
    if r.get("file_numbers"):
        con.print(_prf_table("file numbers by kind", "kind", r["file_numbers"]["by_kind"]))
    if r.get("case"):
        _print_case(r["case"], con)


def write_json(r: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(r, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
