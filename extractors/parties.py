"""Parties with roles: Rubrum of rulings, addressee/subject of Bescheide, employer/employee, MRZ.

Names come from fixed places in fixed document shapes, so the rules read those places
(the block before "- Kläger -", the line after "Arbeitgeber:") rather than running a
general NER model, which for German legal text we do not have here.
"""

from __future__ import annotations

import re

from extractors.mrz import display_name, find_mrz
from extractors.normalize import fold
from schemas.records import Party

_ORG = re.compile(r"\b(?:GmbH|AG|KG|e\.\s?V\.|mbB|Partner|Rechtsanw|Kanzlei|Bundes|Land\b|Landes|Stadt|Kreis|"
                  r"Amt\b|Amtes|Behörde|Bundesrepublik|Freistaat|Ministerium|Landrat|Oberbürgermeister|"
                  r"Präsident|Bürgermeister|Gesellschaft|Universität|Hochschule|Schule|Verein|Firma|Zentrale|"
                  r"Deutsche|Deutscher|Anstalt|Stiftung|Gemeinde|Verband|Unternehmen|Betrieb|Restaurant|"
                  r"Bäckerei|Service|Logistik|Bau|Pflege)", re.IGNORECASE)
_ROLE_MARK = re.compile(
    r"-\s*(Kläger(?:in)?|Beklagte[rn]?|Antragsteller(?:in)?|Antragsgegner(?:in)?|Berufungskläger(?:in)?|"
    r"Berufungsbeklagte[rn]?|Beigeladene[rn]?|Beschwerdeführer(?:in)?|Beschwerdegegner(?:in)?)"
    r"(?:\s+und\s+[A-Za-zäöü]+)?\s*,?\s*-", re.IGNORECASE)
_ROLE_OF = {"klager": "plaintiff", "klagerin": "plaintiff", "beklagte": "defendant", "beklagter": "defendant",
            "beklagten": "defendant", "antragsteller": "applicant", "antragstellerin": "applicant",
            "antragsgegner": "respondent", "antragsgegnerin": "respondent",
            "berufungsklager": "plaintiff", "berufungsklagerin": "plaintiff", "berufungsbeklagte": "defendant",
            "berufungsbeklagter": "defendant", "beschwerdefuhrer": "applicant", "beschwerdegegner": "respondent"}
_LABEL = re.compile(
    r"(?m)^\s*(Kläger(?:in)?|Beklagte[r]?|Antragsteller(?:in)?|Antragsgegner(?:in)?|"
    r"Prozessbevollmächtigte[r]?|Verfahrensbevollmächtigte[r]?|Bevollmächtigte[r]?|Arbeitgeber(?:in)?|"
    r"Arbeitnehmer(?:in)?|Beschäftigte[r]?|Name(?:,\s*Vorname)?|Familienname|Antragsteller/in|Inhaber(?:in)?|"
    r"Betroffene[r]?|Ausländer(?:in)?|Schüler(?:in)?)\s*:\s*(?P<val>[^\n]{2,80})")
_LABEL_ROLE = {"prozessbevollmachtigte": "representative", "verfahrensbevollmachtigte": "representative",
               "bevollmachtigte": "representative", "arbeitgeber": "employer", "arbeitnehmer": "employee",
               "beschaftigte": "employee", "name": "person_concerned", "familienname": "person_concerned",
               "inhaber": "person_concerned", "betroffene": "person_concerned", "auslander": "person_concerned",
               "schuler": "person_concerned", "antragsteller/in": "applicant"}
_LEAD = re.compile(r"^(?:des|der|dem|den|die|das|Herrn|Herr|Frau|minderjährigen|minderjährige[n]?|Kindes|"
                   r"Staatsangehörige[nr]?|vertreten\s+durch|[,;:])\s+", re.IGNORECASE)


def _clean_name(raw: str) -> str:
    name = raw.strip(" ,;:-")
    for _ in range(4):
        name = _LEAD.sub("", name).strip(" ,;:-")
    name = re.split(r",|\s{2,}|\s-\s|\bgeb(?:oren|\.)|\bwohnhaft\b|\(", name)[0].strip(" .;:-")
    return name


def _party(role: str, raw: str) -> Party | None:
    name = _clean_name(raw)
    if len(name) < 2 or not re.search(r"[A-Za-zÄÖÜäöü]", name) or len(name) > 80:
        return None
    kind = "organisation" if _ORG.search(name) else "person"
    return Party(role=role, name=name, kind=kind)  # type: ignore[arg-type]


def _role_of(word: str) -> str:
    w = fold(word)
    w = re.sub(r"[^a-z/]", "", w)
    for k, v in _ROLE_OF.items():
        if w == k:
            return v
    for k, v in _LABEL_ROLE.items():
        if w.startswith(k):
            return v
    return _ROLE_OF.get(w, "other")


def rubrum_parties(text: str) -> list[Party]:
    """Parties of a ruling: the block before each "- Kläger -" style marker, and representatives."""
    parties: list[Party] = []
    head = text[:6000]
    prev_end = 0
    start_m = re.search(r"(?:Verwaltungsstreitsache|verwaltungsgerichtlichen\s+Verfahren|Rechtsstreit|"
                        r"Streitsache|Verfahren|Verwaltungsrechtsstreit)\s*\n", head)
    if start_m:
        prev_end = start_m.end()
    for m in _ROLE_MARK.finditer(head):
        block = head[prev_end:m.start()]
        block = re.sub(r"(?s)^.*?\bgegen\b\s*\n", "", block) if re.search(r"\n\s*gegen\s*\n", block) else block
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        lines = [ln for ln in lines if not re.match(r"(?i)(?:gegen|und|prozess|verfahrens)", ln)]
        if lines:
            p = _party(_role_of(m.group(1)), lines[0])
            if p:
                parties.append(p)
        prev_end = m.end()
    for m in re.finditer(r"(?:Prozess|Verfahrens)?[Bb]evollmächtigte[r]?\s*(?:\(?\w*\)?)?\s*:\s*(?P<val>[^\n]{2,120})",
                         head):
        p = _party("representative", m.group("val"))
        if p:
            parties.append(p)
    return parties


def labelled_parties(text: str) -> list[Party]:
    """"Arbeitgeber: ...", "Name: ..." style fields of forms and contracts."""
    out: list[Party] = []
    for m in _LABEL.finditer(text[:6000]):
        role = _role_of(m.group(1))
        if role == "other":
            continue
        p = _party(role, m.group("val"))
        if p:
            out.append(p)
    return out


def mrz_party(text: str) -> tuple[Party | None, str | None, str | None]:
    """The passport holder from a valid MRZ, with birth and expiry dates (ISO)."""
    found = find_mrz(text)
    if not found:
        return None, None, None
    return Party(role="person_concerned", name=display_name(found), kind="person"), found.birth_date, \
        found.expiry_date


def dedupe(parties: list[Party]) -> list[Party]:
    """First occurrence of each (role, name) pair."""
    seen: set[tuple[str, str]] = set()
    out: list[Party] = []
    for p in parties:
        key = (p.role, fold(p.name))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
