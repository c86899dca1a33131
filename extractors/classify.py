"""Document type and subtype from weighted cues and a trained text classifier; both are the evidence.

Rules first: every cue is a named regex on folded text (lower case, umlauts folded) of the
document's first pages, with a weight for one doc_type and optionally a subtype. The rule
confidence grows with the winning score and with its margin over the runner-up, so a
document carrying only one weak cue, or cues of two types, lands in the review queue.

Then the shipped model (`extractors/textcat.py`, trained on generated Akten) reads the same
text. Rules that name the type (a title, a form heading, an MRZ: weight >= 3) keep their
decision unless the model is sure of another type the rules also saw; where the rules are
weak (only letter form, one stray word) or silent, a confident model decides. Agreement
raises the confidence, disagreement lowers it. The evidence lists the cue names and the
model's top label with its probability (`model:residence_document=0.97`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from extractors import doctypes, textcat
from extractors.fields.normalize import to_base_letters

_CUES: list[tuple[str, str, str | None, float, str]] = []  # (cue name, doc_type, subtype or None, weight, pattern)
_COMPILED: list[tuple[str, str, str | None, float, re.Pattern[str]]] = []
_CUE_TYPE: dict[str, str] = {}
_CUE_WEIGHT: dict[str, float] = {}
_ACTS: set[str] = set()  # cues that state a type's act in running text (doctypes.Cue.act)


def compile_cues() -> None:
    """The cues of every profile (extractors/doctypes.py), in profile order, compiled once."""
    cues = [(c.name, p.doc_type, c.subtype, c.weight, c.pattern) for p in doctypes.profiles() for c in p.cues]
    _CUES[:] = cues
    _COMPILED[:] = [(n, t, s, w, re.compile(pat, re.MULTILINE)) for n, t, s, w, pat in cues]
    _CUE_TYPE.clear()
    _CUE_TYPE.update({n: t for n, t, *_ in cues})
    _CUE_WEIGHT.clear()
    _CUE_WEIGHT.update({n: w for n, _, _, w, _ in cues})
    _ACTS.clear()
    _ACTS.update(c.name for p in doctypes.profiles() for c in p.cues if c.act)


doctypes.on_change(compile_cues)

NAMING_WEIGHT = 3  # a cue this heavy names the document type (title, form heading, MRZ)
MODEL_DECIDES = 0.6  # model probability that picks between types the rules both saw
MODEL_OVERRULES = 0.9  # model probability that overrules rules without a naming cue (or that speaks alone)


@dataclass
class Classification:
    """doc_type/doc_subtype with a 0..1 confidence and the cue names that fired (evidence)."""

    doc_type: str
    doc_subtype: str | None
    confidence: float
    evidence: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)  # rule score per doc_type
    model: dict[str, float] = field(default_factory=dict)  # model probability per doc_type
    sub_scores: dict[str, float] = field(default_factory=dict)  # rule score per "doc_type/subtype"


def _court_subtype(folded: str, fired: set[str]) -> str | None:
    head = folded[:3000]
    m = re.search(r"^\s*(urteil|beschluss|gerichtsbescheid|b\s?e\s?s\s?c\s?h\s?l\s?u\s?s\s?s|u\s?r\s?t\s?e\s?i\s?l)\s*$"
                  r"|entscheidungsart\s*:\s*(urteil|beschluss|gerichtsbescheid)"
                  r"|\b(urteil|beschluss|gerichtsbescheid)\s+vom\b", head, re.MULTILINE)
    if m:
        word = re.sub(r"\s", "", next(g for g in m.groups() if g))
        return word
    if "fuer_recht_erkannt" in fired or "im_namen_des_volkes" in fired:
        return "urteil"
    if "beschlossen" in fired:
        return "beschluss"
    return None


def rule_classify(text: str) -> Classification:
    """Scores every doc_type by its fired cues; the best one wins, its margin sets the confidence."""
    folded = to_base_letters(text[:8000])
    top_lines = [ln for ln in folded.split("\n") if ln.strip()][:10]
    title_zone = "\n".join(ln for ln in top_lines if len(ln.strip()) <= 60)  # titles are short lines at the top
    scores: dict[str, float] = {}
    sub_scores: dict[tuple[str, str], float] = {}
    fired: set[str] = set()
    evidence: list[str] = []
    for name, doc_type, cue_subtype, weight, rx in _COMPILED:
        if rx.search(folded):
            fired.add(name)
            evidence.append(name)
            if weight >= 3 and name not in _ACTS:
                # a title in the letterhead zone says more than the same word in the body ("drei Lohnabrechnungen")
                weight = weight + 2 if rx.search(title_zone) else weight / 2
            scores[doc_type] = scores.get(doc_type, 0.0) + weight
            if cue_subtype:
                key = (doc_type, cue_subtype)
                sub_scores[key] = sub_scores.get(key, 0.0) + weight
    if not scores:
        return Classification("other", None, 0.3, [], {}, sub_scores={})
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    # letters quote everything: correspondence loses to a strong specific type, and to the type whose act the
    # letter performs (an employer's confirmation, a grant of a residence title written as a letter)
    acting = [t for t, _ in ranked[1:] if any(_CUE_TYPE[n] == t for n in fired & _ACTS)]
    if best == "correspondence" and len(ranked) > 1 and (ranked[1][1] >= 5 or acting):
        runner = acting[0] if acting else ranked[1][0]
        best, top, second = runner, scores[runner], ranked[0][1]
    subtype: str | None
    if best == "court_decision":
        subtype = _court_subtype(folded, fired)
    else:
        subs = [(s, v) for (t, s), v in sub_scores.items() if t == best]
        subtype = max(subs, key=lambda sv: sv[1])[0] if subs else None
    if best == "bamf_decision":
        # the procedure decides the subtype: a Bescheid in a Widerrufsverfahren is a Widerrufsbescheid
        subtype = "anhoerung" if "anhoerung" in fired else "widerrufsbescheid" if "widerruf" in fired else (
            subtype or "asylbescheid")
    confidence = (1 - math.exp(-top / 2.5)) * (1 - 0.8 * second / (top + second))
    return Classification(best, subtype, round(min(0.99, max(0.05, confidence)), 3), evidence, scores,
                          sub_scores={f"{t}/{s}": v for (t, s), v in sub_scores.items()})


def classify(text: str) -> Classification:
    """Rules and model together: who decides, and how sure the result is, depends on how strong each is."""
    rules = rule_classify(text)
    pred = textcat.predict(text)
    model_type, p_model = pred.top()
    fired = set(rules.evidence)
    naming = {_CUE_TYPE[n] for n in fired if _CUE_WEIGHT[n] >= NAMING_WEIGHT}
    doc_type, subtype = rules.doc_type, rules.doc_subtype
    if not rules.scores:
        decided_by = "model" if p_model >= MODEL_OVERRULES else "none"
    elif model_type == rules.doc_type:
        decided_by = "both"
    elif rules.doc_type not in naming:
        seen = rules.scores.get(model_type, 0.0) > 0
        decided_by = "model" if p_model >= (MODEL_DECIDES if seen else MODEL_OVERRULES) else "rules"
    else:  # a naming cue for the rules' type: only a naming cue of about the same weight for the model's type competes
        rival = model_type in naming and rules.scores.get(model_type, 0.0) >= 0.5 * rules.scores[rules.doc_type]
        decided_by = "model" if rival and p_model >= MODEL_DECIDES else "rules"
    p_rules_type = pred.types().get(rules.doc_type, 0.0)
    if decided_by == "both":
        confidence = 1 - (1 - rules.confidence) * (1 - p_model)
    elif decided_by == "model":
        doc_type = model_type
        rule_subs = {k.split("/", 1)[1]: v for k, v in rules.sub_scores.items() if k.split("/", 1)[0] == doc_type}
        subtype = max(rule_subs, key=lambda k: rule_subs[k]) if rule_subs else pred.subtype(doc_type)[0]
        # the rules' own vote for this type counts for it, their vote for another type against it
        confidence = p_model * (1 - 0.5 * rules.confidence) if rules.scores else 0.85 * p_model
    elif decided_by == "rules":
        confidence = rules.confidence * (0.5 + 0.5 * p_rules_type)
    else:  # neither rules nor a sure model: "other", to be looked at
        doc_type, subtype, confidence = "other", None, 0.3
    if decided_by in ("both", "rules") and subtype is None:
        subtype = pred.subtype(doc_type)[0]
    if doc_type == "bamf_decision" and rules.doc_type != doc_type:
        subtype = "anhoerung" if "anhoerung" in fired else "widerrufsbescheid" if "widerruf" in fired else subtype
    evidence = [e for e in rules.evidence if _CUE_TYPE[e] == doc_type]
    evidence.append(f"model:{model_type}={p_model:.2f}")
    return Classification(doc_type, subtype, round(min(0.99, max(0.05, confidence)), 3), evidence, rules.scores,
                          model=pred.types(), sub_scores=rules.sub_scores)
