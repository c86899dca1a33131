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

from extractors import textcat
from extractors.fields.normalize import fold

# (cue name, doc_type, subtype or None, weight, pattern on folded text)
_CUES: list[tuple[str, str, str | None, float, str]] = [
    # court decisions
    ("im_namen_des_volkes", "court_decision", "urteil", 3, r"im\s+namen\s+des\s+volkes"),
    ("heading_urteil", "court_decision", "urteil", 3, r"^\s*u\s?r\s?t\s?e\s?i\s?l\s*$"),
    ("heading_beschluss", "court_decision", "beschluss", 3, r"^\s*b\s?e\s?s\s?c\s?h\s?l\s?u\s?s\s?s\s*$"),
    ("heading_gerichtsbescheid", "court_decision", "gerichtsbescheid", 3, r"^\s*gerichtsbescheid\s*$"),
    ("entscheidungsart", "court_decision", None, 3, r"entscheidungsart\s*:"),
    ("streitsache", "court_decision", None, 3,
     r"in\s+(?:dem|der)\s+(?:verwaltungs(?:gerichtlichen|rechtlichen)?\s*(?:verfahren|streitsache|rechtsstreit)"
     r"|verwaltungsstreitverfahren|rechtsstreit|asylrechtsstreit|streitsache|normenkontrollverfahren)"),
    ("fuer_recht_erkannt", "court_decision", "urteil", 2, r"fur\s+recht\s+erkannt"),
    ("beschlossen", "court_decision", "beschluss", 1.5, r"\bbeschlossen\s*:"),
    ("court_name", "court_decision", None, 1,
     r"(?:ober|bundes)?verwaltungsgericht(?:shof)?\b|\b(?:vg|ovg|vgh|bverwg)\s+\w"),
    ("tatbestand", "court_decision", None, 1, r"^\s*tatbestand\b|entscheidungsgrunde|^\s*grunde\s*:?\s*$"),
    ("rechtsmittelbelehrung", "court_decision", None, 1, r"rechtsmittelbelehrung"),
    ("rubrum_parties", "court_decision", None, 1.5, r"-\s*(?:klager|klagerin|antragsteller|antragstellerin)\s*-"),
    ("kammer_senat", "court_decision", None, 1, r"\b(?:kammer|senat)\b.{0,60}\b(?:durch|richter)"),
    ("gerichtsbescheid_vom", "court_decision", "gerichtsbescheid", 2, r"gerichtsbescheid\s+vom"),
    # BAMF decisions
    ("bamf_name", "bamf_decision", None, 2, r"bundesamt\s+fur\s+migration(?:\s+und\s+fluchtlinge)?"),
    ("heading_bescheid", "bamf_decision", "asylbescheid", 2, r"^\s*b\s?e\s?s\s?c\s?h\s?e\s?i\s?d\s*$"),
    ("fluechtlingseigenschaft", "bamf_decision", "asylbescheid", 2, r"fluchtlingseigenschaft\s+wird"),
    ("subsidiaer", "bamf_decision", "asylbescheid", 1.5, r"subsidiaren?\s+schutz"),
    ("abschiebungsverbote", "bamf_decision", None, 1, r"abschiebungsverbote?\s+nach\s+§\s*60"),
    ("abschiebungsandrohung", "bamf_decision", None, 1,
     r"abschiebungsandrohung|wird\s+die\s+abschiebung\s+\w+\s+angedroht"),
    ("widerruf", "bamf_decision", "widerrufsbescheid", 4,
     r"widerrufsverfahren|wird\s+widerrufen|werden\s+widerrufen|widerruf(?:sbescheid)?\b.{0,80}(?:wird|werden)|"
                                                             r"^\s*widerrufsbescheid"),
    ("anhoerung", "bamf_decision", "anhoerung", 4,
     r"niederschrift\s+uber\s+die\s+anhorung|anhorung\s+gemas\s+\S\s*25|personlichen\s+anhorung"),
    ("gesch_z", "bamf_decision", None, 1, r"gesch\.\s?-\s?z\.|geschaftszeichen\s*:?\s*\d{7,8}-"),
    # employment
    ("arbeitsvertrag", "employment_proof", "arbeitsvertrag", 3,
     r"^\s*(?:befristeter\s+|unbefristeter\s+)?arbeitsvertrag"),
    ("lohnabrechnung", "employment_proof", "lohnabrechnung", 3,
     r"(?:lohn|entgelt|verdienst|gehalts|brutto/netto-)abrechnung|abrechnung\s+der\s+brutto"),
    ("beschaeftigungserklaerung", "employment_proof", "beschaeftigungserklaerung", 3,
     r"erklarung\s+zum\s+beschaftigungsverhaltnis"),
    ("arbeitgeberbescheinigung", "employment_proof", "arbeitgeberbescheinigung", 3,
     r"arbeitgeberbescheinigung|bescheinigung\s+des\s+arbeitgebers"),
    ("brutto_netto", "employment_proof", None, 1, r"\bbrutto.{0,400}\bnetto|gesamtbrutto|auszahlungsbetrag"),
    ("arbeitgeber", "employment_proof", None, 0.5, r"\barbeitgeber(?:in)?\b"),
    # residence documents
    ("duldung", "residence_document", "duldung", 3,
     r"bescheinigung\s+uber\s+die\s+aussetzung\s+der\s+abschiebung|^\s*duldung\b"),
    ("fiktionsbescheinigung", "residence_document", "fiktionsbescheinigung", 3, r"fiktionsbescheinigung"),
    ("aufenthaltsgestattung", "residence_document", "aufenthaltsgestattung", 3,
     r"bescheinigung\s+uber\s+die\s+aufenthaltsgestattung|^\s*aufenthaltsgestattung\b"),
    ("aufenthaltserlaubnis", "residence_document", "aufenthaltserlaubnis", 2,
     r"^\s*aufenthaltserlaubnis\b|aufenthaltstitel\s*/|residence\s+permit"),
    # identity documents
    ("mrz", "identity_document", "reisepass", 4, r"p<[a-z<]{3}[a-z<]{5,}"),
    ("reisepass", "identity_document", "reisepass", 3, r"reisepass|passport|\bpasse?port\b"),
    ("personalausweis", "identity_document", "personalausweis", 3, r"personalausweis|identity\s+card|id-?karte"),
    ("passersatz", "identity_document", "passersatz", 3, r"passersatz|reiseausweis\s+(?:fur|als)"),
    # civil status
    ("geburtsurkunde", "civil_status_document", "geburtsurkunde", 3, r"geburtsurkunde|birth\s+certificate"),
    ("heiratsurkunde", "civil_status_document", "heiratsurkunde", 3,
     r"heiratsurkunde|eheurkunde|marriage\s+certificate"),
    ("standesamt", "civil_status_document", None, 1, r"standesamt|standesbeamt"),
    # registration
    ("meldebescheinigung", "registration_certificate", "meldebescheinigung", 3,
     r"meldebescheinigung|bescheinigung\s+uber\s+die\s+(?:an|ab)meldung"),
    ("meldebehoerde", "registration_certificate", None, 1, r"einwohnermeldeamt|meldebehorde|burgeramt|melderegister"),
    # school
    ("schulbescheinigung", "school_document", "schulbescheinigung", 3, r"schulbescheinigung|schulbesuchsbescheinigung"),
    ("zeugnis", "school_document", "zeugnis", 3,
     r"^\s*(?:\w+\s)?zeugnis\b|halbjahreszeugnis|jahreszeugnis|abschlusszeugnis"),
    ("ausbildungsvertrag", "school_document", "ausbildungsvertrag", 3,
     r"ausbildungsvertrag|berufsausbildungsverhaltnis"),
    ("schule", "school_document", None, 1, r"\bschuljahr\b|\bschulleit|\bklasse\s+\d"),
    # applications
    ("antrag_auf", "application", "antrag", 3,
     r"^\s*antrag\s+auf\b|antrag\s+auf\s+(?:erteilung|verlangerung|ausstellung)|hiermit\s+beantrage"),
    ("antragsformular", "application", "antrag", 1, r"unterschrift\s+(?:des|der)\s+antragstell|angaben\s+zur\s+person"),
    # correspondence
    ("anrede", "correspondence", "schreiben", 2, r"sehr\s+geehrte|guten\s+tag"),
    ("gruss", "correspondence", "schreiben", 2, r"mit\s+freundlichen\s+grus|hochachtungsvoll"),
    ("vermerk", "correspondence", "vermerk", 5, r"^\s*(?:akten)?v\s?e\s?r\s?m\s?e\s?r\s?k\b"),
    ("kanzlei", "correspondence", "anwaltsschreiben", 4.5,
     r"rechtsanwalt|rechtsanwaltin|rechtsanwalte|kanzlei|anwaltlich"),
    # other
    ("zustellungsurkunde", "other", "zustellungsurkunde", 3, r"^\s*zustellungsurkunde\b"),
]
_COMPILED = [(n, t, s, w, re.compile(p, re.MULTILINE)) for n, t, s, w, p in _CUES]
_CUE_TYPE = {n: t for n, t, *_ in _CUES}
_CUE_WEIGHT = {n: w for n, _, _, w, _ in _CUES}

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
    folded = fold(text[:8000])
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
            if weight >= 3:
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
    # letters quote everything: correspondence loses to a strong specific type
    if best == "correspondence" and len(ranked) > 1 and ranked[1][1] >= 5:
        best, top, second = ranked[1][0], ranked[1][1], ranked[0][1]
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
