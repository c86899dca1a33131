"""Parties with roles: Rubrum of rulings, addressee/subject of Bescheide, employer/employee, MRZ.

Names come from fixed places in fixed document shapes, so the rules read those places
(the block before "- Kläger -", the line after "Arbeitgeber:") rather than running a
general NER model, which for German legal text we do not have here.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extractors import doctypes
from extractors.fields.forms import form_name, plausible_name, read_fields, read_form
from extractors.fields.mrz import display_name, find_mrz
from extractors.fields.normalize import to_base_letters
from extractors.fields.rubrum import rubrum_parties as rubrum_grammar
from schemas.records import DateEntry, Party

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
    r"Betroffene[r]?|Ausländer(?:in)?|Schüler(?:in)?)[ \t]*:[ \t]*(?:\n[ \t]*)?(?P<val>[^\n]{2,80})")
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


_NOT_A_NAME = re.compile(
    r"(?i)^(?:g\s?e\s?g\s?e\s?n|w\s?e\s?g\s?e\s?n|und|Rechtsanw\w*|(?:Prozess|Verfahrens)?bevollmächtigte\w*)$"
    r"|\d|gericht|^(?:\w\s){2,}\w$|\b(\w)\1+\b")


def _party(role: str, raw: str) -> Party | None:
    """A party from a Rubrum or labelled line; connecting words, file numbers, addresses, court lines and
    anonymisation placeholders ("nnnn") are no names."""
    name = _clean_name(raw)
    if len(name) < 2 or not re.search(r"[A-Za-zÄÖÜäöü]{2}", name) or len(name) > 80 or not name[0].isupper():
        return None
    if _NOT_A_NAME.search(name):
        return None
    kind = "organisation" if _ORG.search(name) else "person"
    return Party(role=role, name=name, kind=kind)  # type: ignore[arg-type]


def _role_of(word: str) -> str:
    w = to_base_letters(word)
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
    for m in re.finditer(r"(?:Prozess|Verfahrens)?[Bb]evollmächtigte[r]?[ \t]*(?:\(?\w*\)?)?[ \t]*:[ \t]*(?:\n[ \t]*)?"
                         r"(?P<val>[^\n]{2,120})",
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
        key = (p.role, to_base_letters(p.name))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# "des Klägers," as OCR may read it: "des Kiägers.", "der Klagerin ’", "des Antragste1lers,"
_GENITIVE_MARK = re.compile(
    r"^\s*(?:des|der)\s+(K[lIi1]{1,2}[aä]gers|K[lIi1]{1,2}[aä]gerin|Beklagten|Antragste[lI1]{2}ers|"
    r"Antragste[lI1]{2}erin|Antragsgegners|Antragsgegnerin)\s*[,.;]?[^\w\n]*$", re.MULTILINE)
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
            if re.match(r"(?i)^(?:g\s?e\s?g\s?e\s?n|in\s+(?:dem|der)\b.*(?:verfahren|sache|streit)\w*)\s*$", ln):
                idx = i + 1
        if idx >= len(lines):
            continue
        # the party's line: the first after the opening, unless OCR put a stray line before the "geboren" line
        born = [ln for ln in lines[idx:idx + 3] if re.search(r"\bgeb(?:oren|\.)", ln)]
        word = re.sub(r"^k[li1]{1,2}a", "kla", to_base_letters(m.group(1)))
        role = _GENITIVE_ROLE.get(re.sub(r"ste[li1]{2}er", "steller", word))
        p = _party(role or "other", born[0] if born and role in ("plaintiff", "applicant") else lines[idx])
        if p:
            out.append(p)
    return out


_AUTHORITY = re.compile(
    r"Bundesamt für Migration und Flüchtlinge|Rhein-Sieg-Kreis|Rhein-Erft-Kreis|Rhein-Kreis \w+|"
    r"(?:Ober)?[Kk]reis [A-ZÄÖÜ][\wäöüß-]+|(?:Bundes)?[Ss]tadt (?:Bad |Sankt )?[A-ZÄÖÜ][\wäöüß-]+"
    r"|Städteregion [A-ZÄÖÜ][\wäöüß-]+")


def authority(text: str, *, as_printed: bool = False) -> Party | None:
    """The issuing authority: the form's "Ausstellende Behörde" value, the letterhead (top lines), or a stamp line.

    `as_printed` keeps "Bundesstadt Bonn" as a note prints it; letters and forms are filed under the official
    short name ("Stadt Bonn").
    """
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    issuer = read_form(text[:5000]).first("authority")
    m = (_AUTHORITY.search(issuer) if issuer else None) or _AUTHORITY.search("\n".join(lines[:14]))
    if not m:
        # a stamp or signature block: a line that is little more than the authority's name
        for ln in lines[14:80]:
            found = _AUTHORITY.search(ln)
            if found and len(ln) - len(found.group(0)) <= 16 and not _PROSE_AROUND.search(ln):
                m = found
                break
    if not m:
        return None
    name = m.group(0) if as_printed else re.sub(r"^Bundesstadt ", "Stadt ", m.group(0))
    name = re.sub(r"\s+(?:Ausländer\w*|Amt|Abteilung|Der|Die)$", "", name)
    return Party(role="authority", name=name, kind="organisation")


_PROSE_AROUND = re.compile(r"(?i)\b(?:im|in|der|des|den|dem|auf|nach|für|zur|zum|bei)\s+"
                           r"(?:Rhein|Kreis|Stadt|Bundes|Ober|Städte)")


_SUBJECT = re.compile(
    r"(?:(?:Asyl|Widerrufs|Rücknahme)verfahren(?=\s+de[rs]\b)|Betr\.?:|Betreff:|Ausländerangelegenheit|Angelegenheit)\s*(?:de[rs](?:/de[rs])?\s+)?(?:(?:Herrn?|Frau)(?:/(?:Herrn?|Frau))?\s+)?"
    r"(?P<name>[A-ZÄÖÜ][\wäöüßÄÖÜ'\-]+(?:,?\s+[A-ZÄÖÜ][\wäöüßÄÖÜ'\-]+){0,3})\s*[,.;]{0,2}\s*(?:ge[bd][.,]|geboren)")


def subject_person(text: str, role: str = "person_concerned") -> Party | None:
    """The person a Bescheid, note or form is about: "Betr.: Karimi, Hossein, geb. ...", else the form's name fields."""
    m = _SUBJECT.search(text[:5000])
    if m:
        raw = m.group("name").strip()
        if "," in raw:
            sur, _, given = raw.partition(",")
            raw = f"{given.strip()} {sur.strip()}"
        return Party(role=role, name=re.sub(r"\s+", " ", raw), kind="person")  # type: ignore[arg-type]
    return form_person(text, role)


# --- the person a letter is about -----------------------------------------------------------------------------
# Correspondence about one person names them in the subject line ("Betreff: Aufenthaltsrechtliche Angelegenheit
# Herr Ahmad K., geb. …"), the opening ("in der ausländerrechtlichen Angelegenheit von …", "meine Mandantin Frau
# …") or the reference block ("Ihr Zeichen … / Name: …"); the lawyer, the caseworker and the signatory are named
# elsewhere (letterhead, salutation of a lawyer's letter, signature).
_CONCERNING = re.compile(
    r"\b(?:\w*[Aa]ngelegenheit|\w*[Ss]ache\b|(?:Asyl|Widerrufs|Aufenthalts)verfahren|Ausländerakte|[Bb]etreffend|"
    r"für(?=\s+(?:Herrn?|Frau)\s)|Mandant(?:in|en|schaft)?|Name\s*:)[ \t]*,?[ \t]*"
    r"(?P<rest>[^\n]{0,120}(?:\n[ \t]*[^\n]{2,120})?)")
_SUBJECT_LINE = re.compile(r"(?m)^[ \t]*(?:Betreff|Betr\.|Betrifft|Bezug|Gegenstand)[ \t]*:?[ \t]*(?P<rest>[^\n]*)"
                           r"(?:\n[ \t]*(?P<more>[^\n]+))?")
# words between the anchor and the name: "von Herrn", "des syrischen Staatsangehörigen", "Ihres Mandanten"
_BEFORE_NAME = frozenset({"von", "des", "der", "dem", "den", "die", "herrn", "herr", "frau", "ihres", "ihrer", "ihre",
                          "meines", "meiner", "meine", "unseres", "unserer", "unsere", "mandanten", "mandantin",
                          "mandant", "mandantschaft", "staatsangehorigen", "staatsangehorige", "staatsangehoriger",
                          "eheleute", "familie", "minderjahrigen", "hier", "betr.", "betreff", "u.a.", "und",
                          "des/der", "der/des", "herrn/frau", "herr/frau", "frau/herrn", "frau/herr"})
_NAME_CUT = re.compile(r"(?is)(?:,?\s*\bgeb(?:oren)?\b\.?|\(|;|\s/\s|\s[-–]\s|[ \t]{2,}|,\s*(?:wohnhaft|Staatsang|"
                       r"Az\.|Aktenzeichen|Ihr\s+Zeichen|unser\s+Zeichen)).*$")


def name_after(text: str) -> tuple[str | None, bool]:
    """The name that begins `text` after the words that lead to it ("von Herrn Ahmad Karimi, geb. …"), and
    whether a birth date follows it. "KARIMI, Hossein" reads as "Hossein Karimi"."""
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    dated = bool(re.match(r"[\s\S]{0,80}?\bgeb(?:oren)?\b\.?\s*(?:am\s*)?\d", text))
    words = _NAME_CUT.sub("", text).split()
    skipped = 0
    while words and (to_base_letters(words[0].rstrip(",")) in _BEFORE_NAME or
                     (re.fullmatch(r"[a-zäöüß]+(?:en|er|e)", words[0]) and words[0] not in _PARTICLES
                      and skipped < 2)):  # "des syrischen Staatsangehörigen", "der ausländerrechtlichen"
        skipped += 0 if to_base_letters(words[0].rstrip(",")) in _BEFORE_NAME else 1
        words.pop(0)
    run: list[str] = []
    for w in words:
        word = w.rstrip(",.") if not re.fullmatch(r"[A-ZÄÖÜ]\.,?", w) else w.rstrip(",")
        if to_base_letters(word) in _NOT_NAME_WORDS or not (_NAME_TOKEN.match(word) or (run and word in _PARTICLES)):
            break
        run.append(word)
        if w.endswith(",") and not (len(run) == 1 and word.isupper()):
            break  # a comma ends the name, unless it follows a surname printed first in capitals
        if len(run) >= 4:
            break
    if len(run) >= 2 and run[0].isupper() and not run[1].isupper():
        run = run[1:] + run[:1]  # "KARIMI Hossein": surname first
    name = plausible_name(" ".join(run))
    if not name or _ORG.search(name):
        return None, False
    return _title_case(name) + ("." if run[-1].endswith(".") else ""), dated


def letter_subject(text: str, role: str = "person_concerned") -> Party | None:
    """The person a letter is about: named in its subject line, else in its opening or reference block.

    A subject line's name wins; among names of the opening, one followed by a birth date wins, then a full name.
    """
    head = text[:4000]
    found: list[tuple[int, str]] = []
    for m in _SUBJECT_LINE.finditer(head):
        for part in (m.group("rest"), m.group("more") or ""):
            for c in _CONCERNING.finditer(part):
                name, dated = name_after(c.group("rest"))
                if name and (dated or len(name.split()) >= 2):  # a lone capitalised word may be a noun
                    found.append((0 if dated else 1, name))
            born = None if found else _BORN.search(part)
            if born and (name := name_before(part[:born.start()].rstrip(" ,;(-"))):
                found.append((0, name))
        if found:
            break
    if not found:
        for c in _CONCERNING.finditer(head):
            name, dated = name_after(c.group("rest"))
            if name and len(name.split()) >= 2:  # prose may name a thing after "Sache": a lone word is no name
                found.append((2 if dated else 3, name))
    found.sort(key=lambda f: (f[0], len(f[1].split()) < 2))
    return Party(role=role, name=found[0][1], kind="person") if found else None  # type: ignore[arg-type]


# "Bl. 37" as OCR reads folio stamps: "BL[.287", "B(.139", "Bl 43"
_FOLIO_LINE = re.compile(r"^\W*B\S{0,3}\s?\d{1,4}\W*$|^\d{1,4}$")
_PAY_TITLE = re.compile(r"^(?P<name>.*?)\s*(?:Lohn|Entgelt|Verdienst|Gehalts)abrechnung", re.MULTILINE)


def payslip_parties(text: str) -> list[Party]:
    """Employer from the letterhead (the line above its address, else the first line), employee from the
    address line beside the title."""
    out: list[Party] = []
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    lines = [ln for ln in lines if not _FOLIO_LINE.match(ln)]
    employer = letterhead_organisation(text, "employer") or (_party("employer", lines[0]) if lines else None)
    if employer:
        out.append(Party(role="employer", name=employer.name, kind="organisation"))
    m = _PAY_TITLE.search(text)
    if m and (name := plausible_name(m.group("name"))) and len(name.split()) >= 2:
        out.append(Party(role="employee", name=name, kind="person"))
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


def form_person(text: str, role: str = "person_concerned") -> Party | None:
    """The person of a form ("Familienname  Qasim" / "Vornamen  Ahmed", or a label row over a value row)."""
    name = form_name(read_form(text[:5000]))
    return Party(role=role, name=name, kind="person") if name else None  # type: ignore[arg-type]


# A letter's window address: "Herrn" / "Frau" alone on a line, the name on the next.
# OCR may put the letterhead column on the same lines ("Frau Der Landrat") and blank lines in between.
_ADDRESSEE = re.compile(r"(?m)^[ \t]*(?:Herrn|Frau)(?:[ \t]+\S+){0,3}[ \t]*\n(?:[ \t]*\n)*[ \t]*"
                        r"(?P<name>[A-ZÄÖÜ][^\n\d,:·]{2,60}?)[ \t]*$")
_SALUTATION = re.compile(r"Sehr\s+geehrte[r]?\s+(?:Herr|Frau)\s+(?:Dr\.\s+)?(?P<sur>[A-ZÄÖÜ][\wäöüßÄÖÜ'\-]+"
                         r"(?:\s+[A-ZÄÖÜ][\wäöüßÄÖÜ'\-]+)?)\s*,")
_RIGHT_COLUMN = re.compile(r"(?:\s+(?:Ausländer\w*|Amt\b.*|Abteilung\b.*|Der\s+\w+|Die\s+\w+|Bundesamt\b.*|"
                           r"Außenstelle\b.*|Auskunft\b.*|Zimmer\b.*|Telefon\b.*|Az\.?:.*|Datum\b.*|Gesch\b.*|\d+))+\s*$")


def _same_word(a: str, b: str) -> bool:
    a, b = to_base_letters(a), to_base_letters(b)
    return a == b or (len(a) > 3 and fuzz.ratio(a, b) >= 80)


# A window address or salutation of a lawyer ("Herrn Rechtsanwalt", "Frau Dr. X / Rechtsanwältin", "Kanzlei")
_LAWYER_NEAR = re.compile(r"(?m)^[ \t]*(?:Herrn?|Frau)?[ \t]*(?:Rechtsanw\w*|RA(?:in)?\b|Kanzlei|Fachanw\w*)|"
                          r"Sehr\s+geehrte[r]?\s+(?:Herr|Frau)\s+(?:Rechtsanw\w*|Kollegin|Kollege)")


def addressee(text: str, role: str = "person_concerned") -> Party | None:
    """The person a letter is addressed to (not a lawyer or an office).

    The salutation ("Sehr geehrte Frau Chukwu,") names the surname; the window address line that ends
    in it gives the full name, even when OCR runs the letterhead column into the same line.
    """
    head = text[:3000]
    sal = _SALUTATION.search(head)
    if sal and _LAWYER_NEAR.search(head[max(0, sal.start() - 400):sal.end()]):
        return None  # a letter to a lawyer or a firm: the addressee is not the person the letter is about
    if sal:
        sur = sal.group("sur").split()
        for ln in head[:sal.start()].split("\n"):
            words = re.sub(r"^\W*(?:Herrn|Herr|Frau)\b", "", ln.strip()).split()
            for k in range(1, min(len(words), 5)):
                if _same_word(words[k], sur[-1]) and k + 1 >= len(sur):
                    name = plausible_name(" ".join(words[:k + 1]))
                    if name and not _ORG.search(name):
                        return Party(role=role, name=name, kind="person")  # type: ignore[arg-type]
        if len(sur) == 1 and (lone := plausible_name(sur[0])):
            return Party(role=role, name=lone, kind="person")  # type: ignore[arg-type]  # the source may complete it
    m = _ADDRESSEE.search(head[:2500])
    if not m or _LAWYER_NEAR.search(head[m.start():m.end() + 80]):
        return None
    name = plausible_name(_RIGHT_COLUMN.sub("", m.group("name")))
    if not name or _ORG.search(name) or len(name.split()) < 2:
        return None
    return Party(role=role, name=name, kind="person")  # type: ignore[arg-type]


# "Hiermit wird bescheinigt, dass Ahmed Mahmud, geboren am ...", "dass Herr/Frau X, geb. am ...",
# a school report's "für Ahmed Mahmud, geboren am ..."
_DASS = re.compile(r"\b(?:dass|für)\s+(?:Herr/Frau\s+|Herrn?\s+|Frau\s+)?(?P<name>[A-ZÄÖÜ][\wäöüßÄÖÜ'\-]+(?:\s+[A-ZÄÖÜ]"
                   r"[\wäöüßÄÖÜ'\-]+){1,3}),?\s+geb(?:oren|\.)")


def certified_person(text: str, role: str = "person_concerned") -> Party | None:
    """The person a certificate is about ("bescheinigt, dass X, geboren am")."""
    m = _DASS.search(text[:5000])
    return Party(role=role, name=m.group("name"), kind="person") if m else None  # type: ignore[arg-type]


# --- the pupil of a school paper ------------------------------------------------------------------------------
# A school paper names its pupil in a labelled field ("Name, Vorname", "Name des Schülers", "Vorname  Klasse"
# rows) or as a name followed by the pupil's birth date ("…, dass Aylin Yilmaz, geb. am …", "für KARIMI, Hossein,
# geboren am … in …"). The head, the class teacher and the parents sign or are labelled as such, without a birth
# date: their labels are read as fields of their own so their values never pass for the pupil's.
_SCHOOL_LABELS: tuple[tuple[str, str], ...] = (
    ("other", r"Name\s+de[rs]\s+(?:Schule|Erziehungsberechtigten|Eltern|Vaters|Mutter|Klassenlehrer\S*|"
              r"Schulleiter\S*|Ausbildungsbetrieb\S*|Betrieb\S*|Einrichtung|Kita|Trägers?)"),
    ("name_given", r"(?:Familien|Nach|Zu)?[Nn]ame\s*,\s*Vorname\S*"),
    ("given_surname", r"Vor-\s*und\s*(?:Nach|Zu|Familien)name|Vorname\s+und\s+(?:Nach|Familien)?[Nn]ame"),
    ("whole", r"Name\s+de[rs]\s+(?:Schüler(?:s|in)\S*|Kindes|Auszubildenden|Teilnehmer(?:s|in))|"
              r"Schüler(?:in)?(?:/in|/-in)?|Schülerin/Schüler|Auszubildende[r]?|Kind"),
    ("surname", r"Familienname|Nachname|Zuname|Name"),
    ("given", r"Vorname\S*|Rufname"),
    ("birth_date", r"Geburtsdatum|Geb\.\s?-?\s?[Dd]atum|[Gg]eboren\s+am|[Gg]eb\.(?:\s+am)?"),
    ("other", r"Klasse|Jahrgangsstufe|Jahrgang|Geburtsort|Schuljahr|Anschrift|Wohnort|Straße|Datum|"
              r"Staatsangehörigkeit|Schulform|Bildungsgang|Schule|Erziehungsberechtigte\S*|Eltern|Vater|Mutter|"
              r"Klassenlehrer\S*|Klassenleitung|Schulleit\S*|Zeitraum|Ausbildungsberuf|Beruf|Geschlecht|"
              r"Religion|Konfession|Telefon|Fehlzeiten|Versäumte\s+Stunden|Unterschrift"),
)
# Words a pupil's name does not contain, though capitalised: the nouns and titles before it.
_NOT_NAME_WORDS = frozenset(to_base_letters(w) for w in (
    "Herr", "Herrn", "Frau", "Schüler", "Schülerin", "Schüler/in", "Schülerin/Schüler", "Kind", "Kindes", "Sohn",
    "Tochter", "Auszubildende", "Auszubildender", "Auszubildenden", "Teilnehmer", "Teilnehmerin", "Name",
    "Vorname", "Zeugnis", "Für", "Hiermit", "Die", "Der", "Das", "Ihr", "Ihre", "Ihres", "Ihrer", "Unser", "Unsere",
    "Mandant", "Mandantin", "Mandanten", "Mandantschaft", "Staatsangehörige", "Staatsangehöriger", "Dr.", "Betreff",
    "Betr.", "Angelegenheit", "Bescheinigung", "Schulbescheinigung", "Schulbesuchsbescheinigung", "Jahreszeugnis",
    "Halbjahreszeugnis", "Abschlusszeugnis", "Abgangszeugnis", "Klasse", "Ausbildung", "Bestätigung", "Vermerk",
    "Sehr", "Mit", "Wir", "Ich", "Bitte", "Anbei", "Antrag", "Aufenthaltserlaubnis", "Duldung", "Anfrage"))
_PARTICLES = frozenset({"al", "el", "bin", "ben", "ibn", "abu", "von", "van", "de", "da", "di", "del", "ul", "ur"})
_NAME_TOKEN = re.compile(r"^(?:[A-ZÄÖÜÇŞİ][\wäöüßçşğıéèáóúñ'’\-]*\.?|[A-ZÄÖÜ]\.)$")
# "geb. am 03.04.2009", "geboren am 3. April 2009 in Aleppo", "(geb. 03.04.2009)": a birth date follows
_BORN = re.compile(r"(?:\bgeb(?:oren)?[.,]?(?:\s*am)?|\*)\s*:?\s*(?=\d{1,2}\s?[./])", re.IGNORECASE)


def _title_case(name: str) -> str:
    """Capitals as forms print surnames ("AL-HASSAN") in title case; mixed case and initials stay."""
    return " ".join("-".join(p.capitalize() for p in w.split("-")) if w.isupper() and len(w) > 1
                    and not w.endswith(".") else w for w in name.split())


def name_before(text: str) -> str | None:
    """The name that ends `text` ("…, dass die Schülerin Aylin Yilmaz,"): the run of name words back to the
    first word that is none (a lower-case word, a number, a title or noun such as "Schülerin", a label).
    "KARIMI, Hossein" (surname first, set off by a comma) reads as "Hossein Karimi"."""
    words = text.replace("(", " ").split()
    run: list[str] = []
    comma_at: int | None = None
    while words:
        raw = words[-1]
        word = raw.rstrip(",;")
        if raw.endswith(",") and run:
            if comma_at is not None:
                break
            comma_at = len(run)
        if not word or raw.endswith(":") or to_base_letters(word) in _NOT_NAME_WORDS:
            break
        if not (_NAME_TOKEN.match(word) or (run and word in _PARTICLES)):
            break
        run.insert(0, word)
        words.pop()
        if len(run) > 5:
            return None
    if comma_at is not None:
        if comma_at == len(run):  # "Troisdorf, Hossein Karimi": the comma only ends what came before
            pass
        else:
            cut = len(run) - comma_at
            run = run[cut:] + run[:cut]
    while run and run[0] in _PARTICLES:
        run.pop(0)
    name = plausible_name(" ".join(run))
    if not name or _ORG.search(name) or _SCHOOL.search(name):
        return None
    return _title_case(name)


def _sur_given(value: str) -> str | None:
    """A "Nachname, Vorname" value in reading order."""
    sur, comma, given = value.partition(",")
    return name_before(f"{given.strip()} {sur.strip()}" if comma else value)


def school_pupil(text: str, role: str = "person_concerned") -> Party | None:
    """The pupil of a school paper (Schulbescheinigung, Zeugnis, Kita or training confirmation).

    Candidates come from the labelled name fields and from every name printed before a birth date; a candidate
    whose birth date is printed wins (the pupil's is, the signatories' and parents' are not), else the first.
    """
    head = text[:5000]
    born: list[str] = []
    for m in _BORN.finditer(head):
        before = head[max(0, m.start() - 200):m.start()]
        lines = before.split("\n")
        line = lines[-1]
        if not line.strip(" ,;(") and len(lines) > 1:
            line = lines[-2]  # "Hossein KARIMI" / "geb. 03.04.2009" on the next line
        if (name := name_before(line.rstrip(" ,;(-"))):
            born.append(name)
    form = read_fields(head, _SCHOOL_LABELS)
    fields: list[str] = []
    sur, given = _value(form.first("surname")), _value(form.first("given"))
    if sur and (n := name_before(f"{given} {sur}" if given else sur)):
        fields.append(n)
    for key in ("name_given", "whole"):
        if (value := _value(form.first(key))) and (n := _sur_given(value)):
            fields.append(n)
    if (value := _value(form.first("given_surname"))) and (n := name_before(value)):
        fields.append(n)
    dated = born + [n for n in fields if form.first("birth_date")]
    stated = _stated_pupil(head) or _under_title(head)
    ranked = sorted(dated or fields or stated, key=lambda n: len(n.split()) < 2)  # stable: full names first
    pick = ranked[0] if ranked else None
    return Party(role=role, name=pick, kind="person") if pick else None  # type: ignore[arg-type]


def _value(value: str | None) -> str | None:
    """A name field's value up to the first digit: a table row read as one line ("Hossein Karimi 03.04.2009 7b")."""
    return re.split(r"\d", value, maxsplit=1)[0].strip(" ,;|") if value else None


_PAPER_TITLE = re.compile(r"(?im)^[ \t]*(?:\w+)?(?:zeugnis|schul(?:besuchs)?bescheinigung)\b[^\n]{0,40}\n(?:[ \t]*\n)*"
                          r"[ \t]*(?P<line>[^\n]{3,60})$")
_NOT_PUPIL_LINE = re.compile(r"(?i)stufe|halbjahr|schuljahr|klasse|jahrgang|bildungsgang|förder|abschluss|"
                             r"\bfür\b|\bder\b|\bdes\b")


def _under_title(head: str) -> list[str]:
    """The name printed alone on the line under the paper's title ("JAHRESZEUGNIS" / "Hossein Karimi")."""
    m = _PAPER_TITLE.search(head)
    if not m or _NOT_PUPIL_LINE.search(m.group("line")):
        return []
    words = m.group("line").split()
    name = name_before(m.group("line").strip())
    return [name] if name and len(name.split()) == len(words) >= 2 and all(len(w) > 1 for w in words) else []


# "dass Hossein Karimi die Klasse 7b unserer Schule besucht", "Hossein Karimi ist seit dem … Schüler der …",
# "Zeugnis für Hossein Karimi": the pupil named by what the paper states about them, without a birth date.
_LEAD_NOUN = r"(?:(?:der|die)[ \t]+Schüler(?:in)?[ \t]+|Ihr[ \t]+Kind[ \t]+|(?:Herrn?|Frau)[ \t]+)?"
_STATED = (
    re.compile(rf"\bdass[ \t]+{_LEAD_NOUN}(?P<name>[^\n]{{2,80}}?)[ \t,]+(?:seit|die|den|das|unsere|im|an|ab|zur|"
               r"zum|besucht|regelmäßig)\b"),
    re.compile(r"(?im)zeugnis[ \t]+für[ \t]+(?P<name>[^\n]{2,80}?)[ \t,]*$"),
    re.compile(rf"(?m)^[ \t]*{_LEAD_NOUN}(?P<name>[^\n]{{2,80}}?)[ \t,]+(?:ist[ \t]+seit|ist[ \t]+Schüler|besucht)\b"),
)


def _stated_pupil(head: str) -> list[str]:
    return [n for rx in _STATED for m in rx.finditer(head) if (n := name_before(m.group("name")))
            and len(n.split()) >= 2]


def letterhead_organisation(text: str, role: str) -> Party | None:
    """The organisation of a letterhead: the line above the first address line ("Street 3 · 53604 Place")."""
    lines = [ln.strip() for ln in text[:2500].split("\n") if ln.strip()]
    for i, ln in enumerate(lines[1:12], start=1):
        if re.search(r"[A-Za-zäöüß]+\.?\s+\d+\s?\w?\s*[^\w\s]{1,3}\s*\d{5}\s+[A-ZÄÖÜ]", ln):
            p = _party(role, lines[i - 1])
            return Party(role=role, name=p.name, kind="organisation") if p else None  # type: ignore[arg-type]
    return None


_SCHOOL = re.compile(r"(?i)schule|gymnasium|kolleg|akademie|universit|kita\b|kindergarten")


def first_line_organisation(text: str, role: str) -> Party | None:
    """The issuing institution printed on the first line (schools)."""
    lines = [ln.strip() for ln in text[:1500].split("\n") if ln.strip()]
    lines = [ln for ln in lines if not _FOLIO_LINE.match(ln)]
    if not lines or not (_ORG.search(lines[0]) or _SCHOOL.search(lines[0])):
        return None
    return Party(role=role, name=lines[0], kind="organisation")  # type: ignore[arg-type]


_LAWYER = re.compile(r"(?m)Rechtsanw(?:alt|ältin)[ \t]+(?P<name>(?:Dr\.[ \t]+)?[A-ZÄÖÜ][\wäöüß\-]+"
                     r"(?:[ \t]+[A-ZÄÖÜ][\wäöüß\-]+){1,2})")


_SIGNED_LAWYER = re.compile(r"(?m)^[ \t]*(?P<name>(?:Dr\.[ \t]+)?[A-ZÄÖÜ][\wäöüß\-]+(?:[ \t]+[A-ZÄÖÜ][\wäöüß\-]+){1,2})"
                            r"[ \t]*\n(?:[ \t]*\n)*[ \t]*Rechtsanw(?:alt|ältin)[ \t]*$")


def lawyer(text: str) -> Party | None:
    """The lawyer of a law firm's letter: the letterhead ("Rechtsanwalt Dr. Sören Meyer · Fachanwalt ..."),
    else the signature (the name above a lone "Rechtsanwalt" line)."""
    m = _LAWYER.search(text[:1500]) or _SIGNED_LAWYER.search(text)
    if not m:
        return None
    name = plausible_name(m.group("name"))
    return Party(role="representative", name=name, kind="person") if name else None


_SPOUSES = re.compile(r"(?m)^[ \t]*(?:Ehemann|Ehefrau)[ \t]*:?[ \t]+(?P<name>[A-ZÄÖÜ][^\n\d]{2,60}?)[ \t]*$")
_PARENT = re.compile(r"(?m)^[ \t]*Name\s+(?:des\s+Vaters|der\s+Mutter)[ \t]*:?[ \t]+"
                     r"(?P<name>[A-ZÄÖÜ][^\n\d]{2,60}?)[ \t]*$")


def civil_parties(text: str) -> list[Party]:
    """Civil-status certificates: the holder (first spouse, or the child) and the other people named.

    The table reads as "Ehemann  Name" rows or, when OCR splits the columns, as labels with values below.
    """
    out: list[Party] = []
    form = read_form(text[:5000])
    spouses = [m.group("name").strip() for m in _SPOUSES.finditer(text[:4000])] or form.values.get("spouse", [])
    spouses = [n for s in spouses if (n := plausible_name(s))]
    if spouses:
        out.append(Party(role="person_concerned", name=spouses[0], kind="person"))
        out += [Party(role="other", name=n, kind="person") for n in spouses[1:2]]
        return out
    holder = form_person(text)
    if holder:
        out.append(holder)
    parents = [m.group("name").strip() for m in _PARENT.finditer(text[:4000])]
    parents = parents or form.values.get("father", [])[:1] + form.values.get("mother", [])[:1]
    out += [Party(role="other", name=n, kind="person") for p in parents if (n := plausible_name(p))]
    return out


_PAY_RIGHT = re.compile(r"(?i)\s*(?:(?:Lohn|Entgelt|Verdienst|Gehalts)abrechnung|Abrechnungsmonat|Personal-?\s?N|"
                        r"Erstellt\s+am)\b.*$")


def payslip_employee(text: str) -> Party | None:
    """The employee of a payslip: the name above the street and postcode lines of the address block.

    OCR reads the address block and the title column beside it into the same lines ("Arben Berisha
    Lohnabrechnung") or one after the other, so right-column text is cut off or skipped.
    """
    lines = [ln.strip() for ln in text[:2000].split("\n") if ln.strip()]
    for i, ln in enumerate(lines[2:16], start=2):
        if not re.match(r"^\d{5}\s+[A-ZÄÖÜ]", ln):
            continue
        j = i - 1
        while j > 0 and not re.search(r"\d", lines[j]):
            j -= 1  # the street line ("Mühlenweg 10"); right-column lines may sit between
        for cand in reversed(lines[max(0, j - 3):j]):
            name = plausible_name(_PAY_RIGHT.sub("", cand))
            if name and len(name.split()) >= 2 and not _ORG.search(name):
                return Party(role="employee", name=name, kind="person")
    return None


def firm_field(text: str) -> Party | None:
    """The employer of a Bundesagentur form ("Name / Firma  Hotel Zur Post", or the value below the label)."""
    firm = read_form(text[:5000]).first("firm")
    if not firm or len(firm) < 3 or not re.search(r"[A-Za-zÄÖÜäöü]{2}", firm):
        return None
    return Party(role="employer", name=firm, kind="organisation")


def document_parties(head: str, doc_type: str, subtype: str | None) -> tuple[list[Party], list[DateEntry]]:
    """Parties by document shape (the profile's party rules), plus the MRZ's dates when a passport zone was read."""
    prof = doctypes.profile(doc_type)
    rules = prof.party_rules(subtype)
    parties: list[Party] = []
    dates: list[DateEntry] = []
    rubrum = rubrum_grammar(head, subtype) if rules == "rubrum" else None
    if rules == "rubrum":
        # a Rubrum the grammar read is final (blanked names stay blank); the older shape rules only read
        # texts where it found no proceeding line
        parties += rubrum if rubrum is not None else genitive_rubrum(head) or rubrum_parties(head)
    elif rules == "payslip":
        found = payslip_parties(head)
        employee = payslip_employee(head)
        parties += [p for p in found if not (employee and p.role == "employee")] + ([employee] if employee else [])
    elif rules in ("employment", "school"):
        parties += contract_parties(head)
        person = form_person(head, "employee") if subtype == "beschaeftigungserklaerung" else None
        if rules == "employment":
            person = person or certified_person(head, "employee")
            org = firm_field(head) or letterhead_organisation(head, "employer")
        else:
            trainee = "employee" if subtype == "ausbildungsvertrag" else "person_concerned"  # a contract's party
            person = person or school_pupil(head, trainee) or certified_person(head)
            org = first_line_organisation(head, "other")
        # a training contract's trainee is its employee already: the pupil grammar names them once
        parties += [p for p in (person, org) if p and not any(q.role == p.role or (p.kind == "person" and
                    _same_word(q.name, p.name)) for q in parties)]
    elif rules == "subject":
        role = prof.subject_role
        if doc_type == "correspondence":  # a letter: the subject line or opening before any form field
            subject = subject_person(head, role) or letter_subject(head, role) or form_person(head, role)
        else:
            subject = subject_person(head, role) or form_person(head, role) or letter_subject(head, role)
        if not subject and not (subtype == "anwaltsschreiben" or lawyer(head)):
            subject = addressee(head, role)  # a lawyer's salutation greets the caseworker, not the client
        if subject:
            parties.append(subject)
        if prof.fixed_authority and prof.fixed_authority[0] in head:
            auth: Party | None = Party(role="authority", name=prof.fixed_authority[1], kind="organisation")
        else:
            auth = authority(head, as_printed=subtype == "vermerk")
        if auth:
            parties.append(auth)
        if subtype == "anwaltsschreiben" and (rep := lawyer(head)):
            parties.append(rep)
    elif rules == "civil":
        parties += civil_parties(head)
    elif rules == "recipient" and (recipient := plausible_name(read_form(head[:5000]).first("recipient"))):
        parties.append(Party(role="person_concerned", name=recipient, kind="person"))  # Zustellungsurkunde
    holder, birth, expiry = mrz_party(head) if rules == "holder" else (None, None, None)
    if holder:
        parties.append(holder)
        dates += [DateEntry(role="birth_date", value=birth, text="MRZ")] if birth else []
        dates += [DateEntry(role="valid_until", value=expiry, text="MRZ")] if expiry else []
    elif rules == "holder" and (person := certified_person(head) or form_person(head)):
        parties.append(person)
    if rules in ("payslip", "employment", "school"):
        parties += [p for p in labelled_parties(head) if not any(q.role == p.role for q in parties)]
    if rules == "rubrum" and rubrum is None:
        parties += [p for p in labelled_parties(head) if p.role == "representative"]  # the firm the Rubrum names
    return dedupe(parties), dates


_PERSON_ROLES = frozenset({"person_concerned", "employee", "applicant", "plaintiff"})


def complete_surnames(per_document: list[list[Party]]) -> None:
    """Names OCR cut short take the full name other documents of the same source give: a source is one
    person's Akte. A one-word person name ("Hussein", or the given name "Haider") takes the full name with that
    word first or last; one that no full name explains is dropped (a lone word is no reliable party). An
    employer cut off at the page edge ("Pflegedienst Sonnenschei") takes the longer name it begins."""
    full: dict[str, int] = {}
    employers: set[str] = set()
    for parties in per_document:
        for p in parties:
            if p.role in _PERSON_ROLES and p.kind == "person" and len(p.name.split()) >= 2:
                full[p.name] = full.get(p.name, 0) + 1
            elif p.role == "employer":
                employers.add(p.name)
    for parties in per_document:
        for p in list(parties):
            if p.role == "employer":
                longer = [e for e in employers if len(e) > len(p.name) + 2 and len(p.name) >= 8
                          and fuzz.ratio(to_base_letters(e[:len(p.name)]), to_base_letters(p.name)) >= 90]
                if longer:
                    p.name = max(longer, key=len)
                continue
            if p.role not in _PERSON_ROLES or p.kind != "person" or len(p.name.split()) != 1:
                continue
            cands = {n: c for n, c in full.items()
                     if _same_word(n.split()[-1], p.name) or _same_word(n.split()[0], p.name)}
            if cands:
                p.name = max(cands, key=lambda n: (cands[n], n))
            else:
                parties.remove(p)
