"""Pure functions that compare predicted document records with ground truth, field by field.

Records are plain dicts (lines of `eakte documents --format jsonl`, lines of a labels file), read
leniently: truth files may carry extra keys (`file_numbers[].variants`, `origin`, `test`) and may
leave fields out. A field missing from every truth record (the real court decisions have no
parties or dates) is reported as not applicable instead of as zero.

Boundaries count exact page ranges. Field metrics are computed on matched documents: each truth
document is paired one-to-one with the prediction of the same source whose page range overlaps
it most (greedy by overlap).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from rapidfuzz import fuzz

NAME_THRESHOLD = 85.0

Record = dict[str, Any]


# --- normalisation -------------------------------------------------------------------------------------------

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i"})
# Transliteration spellings of the same sound (German and English conventions) folded to one form.
_TRANSLIT = (("dsch", "j"), ("tsch", "ch"), ("sch", "sh"), ("ph", "f"), ("ou", "u"), ("ee", "i"), ("y", "i"),
             ("w", "v"), ("kh", "h"), ("dh", "d"))


def fold_text(text: str) -> str:
    """Lower case, umlauts spelled out, accents dropped, punctuation to spaces: for lenient compares."""
    t = text.casefold().translate(_UMLAUTS)
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", t).split())


_TITLES = frozenset({"dr", "prof", "herr", "herrn", "frau", "ra", "rain", "rechtsanwalt", "rechtsanwaltin",
                     "rechtsanwaeltin", "rechtsanwaelte", "rechtsanwaltinnen",
                     "der", "die", "das", "des", "dem", "den"})


def fold_name(name: str) -> str:
    """A person or organisation name with transliteration variants folded (Youssef ~ Yusuf, Schirin ~ Shirin).

    Titles, forms of address and articles (Dr., Herrn, Rechtsanwältin, "das Land Berlin") are dropped:
    documents add them freely.
    """
    t = " ".join(w for w in fold_text(name).split() if w not in _TITLES)
    for a, b in _TRANSLIT:
        t = t.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", t)  # doubled letters: Hassan ~ Hasan


def names_match(a: str, b: str, threshold: float = NAME_THRESHOLD) -> bool:
    return fuzz.token_sort_ratio(fold_name(a), fold_name(b)) >= threshold


def norm_file_number(value: str) -> str:
    """File numbers compare without case, whitespace and dots ("22 K 3443/18.A" == "22k3443/18a")."""
    return re.sub(r"[\s.]+", "", value).upper()


def norm_place(value: str | None) -> str:
    return fold_text(value or "").replace(" ", "")


# --- record access -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    """The parts of a record the scorer looks at."""

    source: str  # sha256, or the file name when no hash is given
    first: int
    last: int
    rec: Record = field(compare=False, hash=False)

    @property
    def pages(self) -> range:
        return range(self.first, self.last + 1)


def source_key(rec: Record) -> str:
    src = rec.get("source") or {}
    return str(src.get("sha256") or PurePath(str(src.get("path", ""))).name)


def to_doc(rec: Record) -> Doc:
    src = rec.get("source") or {}
    return Doc(source_key(rec), int(src.get("first_page", 1)), int(src.get("last_page", src.get("first_page", 1))),
               rec)


def overlap(a: Doc, b: Doc) -> int:
    return max(0, min(a.last, b.last) - max(a.first, b.first) + 1)


def match_documents(truth: Sequence[Doc], pred: Sequence[Doc]) -> list[tuple[Doc, Doc]]:
    """One-to-one pairs (truth, prediction) of the same source, largest page overlap first."""
    by_source: dict[str, list[int]] = {}
    for j, p in enumerate(pred):
        by_source.setdefault(p.source, []).append(j)
    cands = []
    for i, t in enumerate(truth):
        for j in by_source.get(t.source, []):
            ov = overlap(t, pred[j])
            if ov:
                union = len(set(t.pages) | set(pred[j].pages))
                cands.append((-ov / union, -ov, i, j))
    cands.sort()
    used_t: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, i, j in cands:
        if i not in used_t and j not in used_p:
            used_t.add(i)
            used_p.add(j)
            pairs.append((truth[i], pred[j]))
    pairs.sort(key=lambda tp: (tp[0].source, tp[0].first))
    return pairs


# --- metric helpers ------------------------------------------------------------------------------------------


def prf(tp: int, n_pred: int, n_truth: int) -> dict[str, float | int]:
    """Precision/recall/F1; an empty side counts as perfect so that 'nothing to find, nothing found' is 1.0."""
    p = tp / n_pred if n_pred else (1.0 if n_truth == 0 else 0.0)
    r = tp / n_truth if n_truth else (1.0 if n_pred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": n_pred - tp, "fn": n_truth - tp}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def boundaries(truth: Sequence[Doc], pred: Sequence[Doc]) -> dict[str, Any]:
    """Exact page ranges: a prediction counts only when source, first and last page all agree."""
    t = Counter((d.source, d.first, d.last) for d in truth)
    p = Counter((d.source, d.first, d.last) for d in pred)
    return prf(sum((t & p).values()), len(pred), len(truth))


def doc_types(pairs: Sequence[tuple[Doc, Doc]]) -> dict[str, Any]:
    confusion: dict[str, Counter[str]] = {}
    for t, p in pairs:
        confusion.setdefault(str(t.rec.get("doc_type")), Counter())[str(p.rec.get("doc_type"))] += 1
    labels = sorted(set(confusion) | {k for c in confusion.values() for k in c})
    per_class = {}
    for lab in labels:
        tp = confusion.get(lab, Counter())[lab]
        n_truth = sum(confusion.get(lab, Counter()).values())
        n_pred = sum(c[lab] for c in confusion.values())
        per_class[lab] = {**prf(tp, n_pred, n_truth), "support": n_truth}
    correct = sum(1 for t, p in pairs if t.rec.get("doc_type") == p.rec.get("doc_type"))
    sub_pairs = [(t, p) for t, p in pairs if t.rec.get("doc_subtype")]
    sub_ok = sum(1 for t, p in sub_pairs if (p.rec.get("doc_subtype") or "") == t.rec.get("doc_subtype"))
    return {
        "accuracy": _ratio(correct, len(pairs)), "n": len(pairs),
        "macro_f1": sum(float(v["f1"]) for v in per_class.values()) / len(per_class) if per_class else None,
        "per_class": per_class, "confusion": {k: dict(v) for k, v in sorted(confusion.items())},
        "subtype_accuracy": _ratio(sub_ok, len(sub_pairs)), "subtype_n": len(sub_pairs),
    }


def _labelled(pairs: Sequence[tuple[Doc, Doc]], key: str) -> list[tuple[Doc, Doc]]:
    return [(t, p) for t, p in pairs if key in t.rec]


def document_dates(pairs: Sequence[tuple[Doc, Doc]]) -> dict[str, Any]:
    lab = _labelled(pairs, "document_date")
    ok = sum(1 for t, p in lab if t.rec.get("document_date") == p.rec.get("document_date"))
    return {"accuracy": _ratio(ok, len(lab)), "n": len(lab)}


def _multiset_prf(truth: Iterable[Any], pred: Iterable[Any]) -> tuple[int, int, int]:
    t, p = Counter(truth), Counter(pred)
    return sum((t & p).values()), sum(p.values()), sum(t.values())


def _sum_prf(parts: Iterable[tuple[int, int, int]]) -> dict[str, float | int]:
    tp = n_pred = n_truth = 0
    for a, b, c in parts:
        tp, n_pred, n_truth = tp + a, n_pred + b, n_truth + c
    return prf(tp, n_pred, n_truth)


def dates(pairs: Sequence[tuple[Doc, Doc]]) -> dict[str, Any] | None:
    """Dates F1 by role (role and ISO value must agree), and overall (micro)."""
    lab = _labelled(pairs, "dates")
    if not lab:
        return None

    def items(rec: Record) -> list[tuple[str, str]]:
        return [(str(d.get("role")), str(d.get("value"))) for d in rec.get("dates") or []]

    roles = sorted({r for t, p in lab for r, _ in items(t.rec) + items(p.rec)})
    by_role = {}
    for role in roles:
        by_role[role] = _sum_prf(_multiset_prf([v for r, v in items(t.rec) if r == role],
                                               [v for r, v in items(p.rec) if r == role]) for t, p in lab)
    return {"by_role": by_role, "micro": _micro(by_role),
            "values_any_role": _sum_prf(_multiset_prf([v for _, v in items(t.rec)], [v for _, v in items(p.rec)])
                                        for t, p in lab),
            "n": len(lab)}


def _court_key(court: Any) -> tuple[str, str] | None:
    if not court:
        return None
    return str(court.get("type") or "").casefold(), norm_place(court.get("place"))


def courts(pairs: Sequence[tuple[Doc, Doc]]) -> dict[str, Any] | None:
    """Court type+place on documents that have a court; courts invented for the others are counted apart."""
    lab = _labelled(pairs, "court")
    if not lab:
        return None
    with_court = [(t, p) for t, p in lab if t.rec.get("court")]
    ok = sum(1 for t, p in with_court if _court_key(t.rec["court"]) == _court_key(p.rec.get("court")))
    type_ok = sum(1 for t, p in with_court
                  if (_court_key(t.rec["court"]) or ("",))[0] == (_court_key(p.rec.get("court")) or ("",))[0])
    spurious = sum(1 for t, p in lab if not t.rec.get("court") and p.rec.get("court"))
    return {"accuracy": _ratio(ok, len(with_court)), "type_accuracy": _ratio(type_ok, len(with_court)),
            "n": len(with_court), "spurious": spurious, "spurious_of": len(lab) - len(with_court)}


def _fn_match(t: dict[str, Any], p: dict[str, Any]) -> bool:
    accepted = {norm_file_number(str(v)) for v in [t.get("value", ""), *(t.get("variants") or [])]}
    return norm_file_number(str(p.get("value", ""))) in accepted


def _fn_counts(truth: list[dict[str, Any]], pred: list[dict[str, Any]], *, kind: bool) -> tuple[int, int, int]:
    free = list(pred)
    tp = 0
    for t in truth:
        for i, p in enumerate(free):
            if _fn_match(t, p) and (not kind or t.get("kind") == p.get("kind")):
                tp += 1
                del free[i]
                break
    return tp, len(pred), len(truth)


def file_numbers(pairs: Sequence[tuple[Doc, Doc]]) -> dict[str, Any] | None:
    lab = _labelled(pairs, "file_numbers")
    if not lab:
        return None

    def fns(rec: Record) -> list[dict[str, Any]]:
        return [f for f in rec.get("file_numbers") or [] if isinstance(f, dict)]

    kinds = sorted({str(f.get("kind")) for t, p in lab for f in fns(t.rec) + fns(p.rec)})
    by_kind = {k: _sum_prf(_fn_counts([f for f in fns(t.rec) if f.get("kind") == k],
                                      [f for f in fns(p.rec) if f.get("kind") == k], kind=True) for t, p in lab)
               for k in kinds}
    return {**_sum_prf(_fn_counts(fns(t.rec), fns(p.rec), kind=False) for t, p in lab),
            "with_kind": _sum_prf(_fn_counts(fns(t.rec), fns(p.rec), kind=True) for t, p in lab),
            "by_kind": by_kind, "n": len(lab)}


def _party_counts(truth: list[tuple[str, str | None]], pred: list[tuple[str, str]]) -> tuple[int, int, int]:
    """Matches of (role, name) pairs. Named truth parties match a prediction by name first; a role-only truth
    party (name blanked by anonymisation) then matches any left-over prediction of its role."""
    free = list(pred)
    tp = 0
    for _, name in truth:
        if name is None:
            continue
        scores = [(fuzz.token_sort_ratio(fold_name(name), fold_name(p)), i) for i, (_, p) in enumerate(free)]
        best = max(scores, default=(0.0, -1))
        if best[0] >= NAME_THRESHOLD:
            tp += 1
            del free[best[1]]
    for role, name in truth:
        if name is None:
            hit = next((i for i, (r, _) in enumerate(free) if r == role), None)
            if hit is not None:
                tp += 1
                del free[hit]
    return tp, len(pred), len(truth)


def parties(pairs: Sequence[tuple[Doc, Doc]]) -> dict[str, Any] | None:
    """Party F1 by role; names match fuzzily after folding umlauts and transliteration variants.

    A truth party whose name is null (blanked in a published decision) is role-only: it counts as found
    when a prediction has its role, whatever name that prediction carries.
    """
    lab = _labelled(pairs, "parties")
    if not lab:
        return None

    def items(rec: Record) -> list[tuple[str, str | None]]:
        return [(str(x.get("role")), None if x.get("name") is None else str(x["name"]))
                for x in rec.get("parties") or []]

    def named(rec: Record) -> list[tuple[str, str]]:
        return [(r, n or "") for r, n in items(rec)]

    roles = sorted({r for t, p in lab for r, _ in items(t.rec) + items(p.rec)})
    by_role = {role: _sum_prf(_party_counts([x for x in items(t.rec) if x[0] == role],
                                            [x for x in named(p.rec) if x[0] == role]) for t, p in lab)
               for role in roles}
    micro = _micro(by_role)
    names_any_role = _sum_prf(_party_counts(items(t.rec), named(p.rec)) for t, p in lab)
    role_only = sum(1 for t, _ in lab for _, n in items(t.rec) if n is None)
    return {"by_role": by_role, "micro": micro, "names_any_role": names_any_role, "n": len(lab),
            "role_only_truth": role_only}


def _micro(by_group: dict[str, dict[str, float | int]]) -> dict[str, float | int]:
    tp = sum(int(v["tp"]) for v in by_group.values())
    return prf(tp, tp + sum(int(v["fp"]) for v in by_group.values()), tp + sum(int(v["fn"]) for v in by_group.values()))


def _flagged(rec: Record) -> bool:
    return bool((rec.get("review") or {}).get("needed"))


def doc_errors(t: Doc, p: Doc) -> list[str]:
    """What is wrong with a matched prediction (fields the truth labels): boundary, type, date, court, numbers."""
    errs = []
    if (t.first, t.last) != (p.first, p.last):
        errs.append("boundary")
    if t.rec.get("doc_type") != p.rec.get("doc_type"):
        errs.append("doc_type")
    if "document_date" in t.rec and t.rec.get("document_date") != p.rec.get("document_date"):
        errs.append("document_date")
    if "court" in t.rec and _court_key(t.rec.get("court")) != _court_key(p.rec.get("court")):
        errs.append("court")
    if "file_numbers" in t.rec:
        truth_fns = [f for f in t.rec.get("file_numbers") or [] if isinstance(f, dict)]
        pred_fns = [f for f in p.rec.get("file_numbers") or [] if isinstance(f, dict)]
        if _fn_counts(truth_fns, pred_fns, kind=False)[0] < len(truth_fns):
            errs.append("file_numbers")
    return errs


def review(truth: Sequence[Doc], pred: Sequence[Doc], pairs: Sequence[tuple[Doc, Doc]]) -> dict[str, Any]:
    """How much goes to human review, and how often what does not go there is wrong.

    An unflagged prediction is an error when it matches no truth document, or when its match
    differs in any of the fields in `doc_errors`.
    """
    matched = {id(p): t for t, p in pairs}
    errors = {id(p): doc_errors(matched[id(p)], p) if id(p) in matched else ["unmatched"] for p in pred}
    unflagged = [p for p in pred if not _flagged(p.rec)]
    wrong = sum(1 for p in unflagged if errors[id(p)])
    reasons: Counter[str] = Counter()
    reasons_wrong: Counter[str] = Counter()
    for p in pred:
        for code in {str(r).split(":")[0] for r in (p.rec.get("review") or {}).get("reasons") or []}:
            reasons[code] += 1
            reasons_wrong[code] += bool(errors[id(p)])
    flagged_wrong = sum(1 for p in pred if _flagged(p.rec) and errors[id(p)])
    return {"rate": _ratio(len(pred) - len(unflagged), len(pred)), "flagged": len(pred) - len(unflagged),
            "documents": len(pred), "unflagged": len(unflagged), "unflagged_errors": wrong,
            "error_rate_unflagged": _ratio(wrong, len(unflagged)), "reasons": dict(reasons.most_common()),
            # calibration: how often a flag is right, per reason, and what slips through unflagged
            "flagged_errors": flagged_wrong, "error_rate_flagged": _ratio(flagged_wrong, len(pred) - len(unflagged)),
            "reasons_wrong": {code: reasons_wrong[code] for code, _ in reasons.most_common()},
            "unflagged_errors_by_field": dict(Counter(f for p in unflagged for f in errors[id(p)]).most_common())}


def _digits(folio: Any) -> str:
    return re.sub(r"\D", "", str(folio or ""))


def page_facts(pairs: Sequence[tuple[Doc, Doc]]) -> dict[str, Any] | None:
    """Folio numbers (digits compared) and page rotation (degrees clockwise to upright) on matched pages."""
    lab = [(t, p) for t, p in pairs if t.rec.get("pages") and p.rec.get("pages")]
    if not lab:
        return None
    n = folio_ok = rot_ok = rotated = rotated_ok = 0
    for t, p in lab:
        pred = {int(x.get("page", 0)): x for x in p.rec["pages"] if isinstance(x, dict)}
        for x in t.rec["pages"]:
            y = pred.get(int(x.get("page", 0)))
            if y is None:
                continue
            n += 1
            folio_ok += _digits(x.get("folio")) == _digits(y.get("folio"))
            same = int(x.get("rotated") or 0) % 360 == int(y.get("rotated") or 0) % 360
            rot_ok += same
            if int(x.get("rotated") or 0) % 360:
                rotated += 1
                rotated_ok += same
    return {"folio_accuracy": _ratio(folio_ok, n), "rotation_accuracy": _ratio(rot_ok, n), "n": n,
            "rotated_pages": rotated, "rotated_pages_accuracy": _ratio(rotated_ok, rotated)}


def skipped_pages(truth_sources: Sequence[Record], pred_sources: Sequence[Record]) -> dict[str, Any] | None:
    """Separator sheets and blank pages: per source, the pages that belong to no document."""
    truth = {str(s.get("sha256")): set(s.get("skipped_pages") or []) for s in truth_sources if "skipped_pages" in s}
    if not truth:
        return None
    pred = {str(s.get("sha256")): set(s.get("skipped_pages") or []) for s in pred_sources}
    tp = sum(len(truth[k] & pred.get(k, set())) for k in truth)
    return prf(tp, sum(len(pred.get(k, set())) for k in truth), sum(len(v) for v in truth.values()))


def score(truth_records: Sequence[Record], pred_records: Sequence[Record],
          truth_sources: Sequence[Record] | None = None, pred_sources: Sequence[Record] | None = None
          ) -> dict[str, Any]:
    """All metrics of a run. Predictions for sources the truth does not know are ignored (and counted).

    With source records on both sides (sources.jsonl, `eakte sources`), skipped pages are scored too.
    """
    truth = [to_doc(r) for r in truth_records]
    sources = {d.source for d in truth}
    all_pred = [to_doc(r) for r in pred_records]
    pred = [d for d in all_pred if d.source in sources]
    pairs = match_documents(truth, pred)
    return {
        "counts": {"truth_documents": len(truth), "predicted_documents": len(pred), "matched": len(pairs),
                   "sources": len(sources), "sources_with_predictions": len({d.source for d in pred}),
                   "ignored_predictions": len(all_pred) - len(pred)},
        "boundaries": boundaries(truth, pred),
        "doc_type": doc_types(pairs),
        "document_date": document_dates(pairs),
        "dates": dates(pairs),
        "court": courts(pairs),
        "file_numbers": file_numbers(pairs),
        "parties": parties(pairs),
        "review": review(truth, pred, pairs),
        "pages": page_facts(pairs),
        "skipped_pages": skipped_pages(truth_sources, pred_sources)
        if truth_sources is not None and pred_sources is not None else None,
    }
