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


_GENITIVE_MARK = re.compile(
    r"^\s*(?:des|der)\s+(Klägers|Klägerin|Beklagten|Antragstellers|Antragstellerin|Antragsgegners|Antragsgegnerin)"
    r"\s*[,.;]?\s*$", re.MULTILINE)
_GENITIVE_ROLE = {"klagers": "plaintiff", "klagerin": "plaintiff", "beklagten": "defendant",
                  "antragstellers": "applicant", "antragstellerin": "applicant", "antragsgegners": "respondent",
                  "antragsgegnerin": "respondent"}


def genitive_rubrum(text: str) -> list[Party]:
    """Rubrum in the "Name, geboren am ..., / des Klägers," shape: the block above each marker line."""
    out: list[Party] = []
    prev_end = 0
    head = text[:5000]
    for m in _GENITIVE_MARK.finditer(head):
        block = head[prev_end:m.start()]
        prev_end = m.end()
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        # the party's first line: after "gegen" or after the "In dem ... Verfahren" line
        idx = 0
        for i, ln in enumerate(lines):
            if re.match(r"(?i)^(?:gegen|in\s+(?:dem|der)\b.*(?:verfahren|sache|streit)\w*)\s*$", ln):
                idx = i + 1
        if idx >= len(lines):
            continue
        p = _party(_GENITIVE_ROLE[fold(m.group(1))], lines[idx])
        if p:
            out.append(p)
    return out


_AUTHORITY = re.compile(
    r"Bundesamt für Migration und Flüchtlinge|Rhein-Sieg-Kreis|Rhein-Erft-Kreis|Rhein-Kreis \w+|"
    r"(?:Ober)?[Kk]reis [A-ZÄÖÜ][\wäöüß-]+|(?:Bundes)?[Ss]tadt (?:Bad |Sankt )?[A-ZÄÖÜ][\wäöüß-]+"
    r"|Städteregion [A-ZÄÖÜ][\wäöüß-]+")


def authority(text: str) -> Party | None:
    """The issuing authority named in the letterhead (top lines)."""
    top = "\n".join([ln for ln in text.split("\n") if ln.strip()][:14])
    label = re.search(r"Ausstellende Behörde[^\n]*\n\s*([^\n]+)", text)
    m = (_AUTHORITY.search(label.group(1)) if label else None) or _AUTHORITY.search(top)
    if not m:
        return None
    name = re.sub(r"^Bundesstadt ", "Stadt ", m.group(0))
    name = re.sub(r"\s+(?:Ausländer\w*|Amt|Abteilung|Der|Die)$", "", name)
    return Party(role="authority", name=name, kind="organisation")


_SUBJECT = re.compile(
    r"(?:Asylverfahren\s+des|Betr\.?:|Betreff:|Ausländerangelegenheit|Angelegenheit)\s*(?:der\s+|des\s+|Herrn\s+|Frau\s+)?"
    r"(?P<name>[A-ZÄÖÜ][\wäöüßÄÖÜ'\-]+(?:,?\s+[A-ZÄÖÜ][\wäöüßÄÖÜ'\-]+){0,3})\s*,?\s*(?:geb\.|geboren)")
_FORM_NAME = re.compile(r"(?m)^\s*(?:1\.\s*)?(?:Familienname|Name)\s*(?:/.*)?\n\s*(?P<sur>[A-ZÄÖÜ][A-ZÄÖÜ'\- ]+)\s*\n"
                        r"(?:\s*(?:2\.\s*)?Vorname\S*\s*(?:/.*)?\n\s*(?P<given>[A-ZÄÖÜ][\wäöüß'\- ]+)\s*\n)?")


def subject_person(text: str, role: str = "person_concerned") -> Party | None:
    """The person a Bescheid, note or form is about: "Betr.: Karimi, Hossein, geb. ...", "Name / WARSAME"."""
    m = _SUBJECT.search(text[:5000])
    if m:
        raw = m.group("name").strip()
        if "," in raw:
            sur, _, given = raw.partition(",")
            raw = f"{given.strip()} {sur.strip()}"
        return Party(role=role, name=re.sub(r"\s+", " ", raw), kind="person")  # type: ignore[arg-type]
    row = _FORM_ROW.search(text[:5000])
    if row:
        return Party(role=role, name=f"{row.group('given').strip()} {row.group('sur').strip()}",  # type: ignore[arg-type]
                     kind="person")
    f = _FORM_NAME.search(text[:5000])
    if f:
        name = f"{(f.group('given') or '').strip()} {f.group('sur').strip()}".strip()
        return Party(role=role, name=name, kind="person")  # type: ignore[arg-type]
    return None


# "1. Familienname 2. Vorname(n)" / "HADDAD KHALED": a label row and its value row.
_FORM_ROW = re.compile(r"(?m)^\s*1\.\s*Familienname\s+2\.\s*Vorname\S*\s*\n\s*(?P<sur>[A-ZÄÖÜ][A-ZÄÖÜ'\-]+)\s+"
                       r"(?P<given>[A-ZÄÖÜ][A-ZÄÖÜ'\-]+(?:\s[A-ZÄÖÜ][A-ZÄÖÜ'\-]+)?)\s*$")
_PAY_TITLE = re.compile(r"^(?P<name>.*?)\s*(?:Lohn|Entgelt|Verdienst|Gehalts)abrechnung", re.MULTILINE)


def payslip_parties(text: str) -> list[Party]:
    """Employer from the letterhead's first line, employee from the address line beside the title."""
    out: list[Party] = []
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    lines = [ln for ln in lines if not re.match(r"^\W*B\S{0,2}\s?\d{1,4}\W*$|^\d{1,4}$", ln)]
    if lines:
        employer = _party("employer", lines[0])
        if employer:
            out.append(Party(role="employer", name=employer.name, kind="organisation"))
    m = _PAY_TITLE.search(text)
    if m and len(m.group("name").split()) >= 2:
        out.append(Party(role="employee", name=m.group("name").strip(), kind="person"))
    return out


_CONTRACT = re.compile(
    r"zwischen\s*\n?\s*(?P<er>[^\n,]{3,80}),[^\n]*\n\s*-?\s*im\s+Folgenden\s*\W?(?:Arbeitgeber|Ausbildende|Betrieb)"
    r"[^\n]*\n\s*und\s*\n?\s*(?:Herrn/Frau|Herrn|Frau)?\s*(?P<ee>[^\n,]{3,60}),")


def contract_parties(text: str) -> list[Party]:
    """Employer and employee of an employment or training contract ("zwischen X ... und Herrn/Frau Y")."""
    m = _CONTRACT.search(text[:4000])
    if not m:
        return []
    return [Party(role="employer", name=m.group("er").strip(), kind="organisation"),
            Party(role="employee", name=m.group("ee").strip(), kind="person")]
