"""One profile per document type: everything the extractors know about a kind of paper, in one place.

A profile names the type's classification cues (weighted regexes on folded text), its title lines and
title words for segmentation, the display title of each subtype, the typed roles its dates take, which
party rules read it, and what review expects of it (a date, a case number, a court). The stages read
these profiles instead of listing types themselves, so adding a document type means adding a profile
here (`register`), not editing segmentation, classification, dates, parties and review one by one.

The shipped profiles are the contract's doc_types (`schemas.records.DOC_TYPES`), in the contract's order:
that order is the order of the classification cues and of the review model's type features.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from schemas.records import DOC_TYPES as CONTRACT_TYPES

PartyRules = Literal["rubrum", "payslip", "employment", "school", "subject", "civil", "recipient", "holder", "none"]


@dataclass(frozen=True)
class Cue:
    """A classification cue: `pattern` on folded text (lower case, umlauts to base letters) votes `weight`
    for the profile's type and, when given, for one subtype. A weight >= 3 names the type (a title, a form
    heading, an MRZ)."""

    name: str
    subtype: str | None
    weight: float
    pattern: str
    # A statement in running text that performs the type's act (an employer confirming that someone works
    # for it, an authority granting a residence title): it counts at full weight outside the title zone, and a
    # letter that performs it is that type, not correspondence (the letter is the form, the act the content).
    act: bool = False


@dataclass(frozen=True)
class Profile:
    """What the extractors know about one doc_type."""

    doc_type: str
    cues: tuple[Cue, ...] = ()
    titles: dict[str, str] = field(default_factory=dict)  # subtype -> display title ("lohnabrechnung" -> ...)
    title_lines: tuple[str, ...] = ()  # regexes a whole short top line matches (segmentation: a first page)
    title_words: tuple[str, ...] = ()  # title words that may stand at the start or end of a top line
    date_roles: dict[str, str] = field(default_factory=dict)  # date cue -> role for this type ("datum" -> ...)
    parties: PartyRules = "none"  # which party rules read it (extractors/fields/parties.py)
    subtype_parties: dict[str, PartyRules] = field(default_factory=dict)  # a subtype read by other rules
    subject_role: str = "person_concerned"  # role of the person the paper is about ("subject" rules)
    fixed_authority: tuple[str, str] | None = None  # (word in the head, authority's name) when it names itself
    ruling: bool = False  # a court's decision: court field, Aktenzeichen and lower instance, quotes other dates
    needs_date: bool = False  # review: a record of this type carries an issuing date
    needs_number: bool = False  # review: a record of this type carries a case number
    pay_months: bool = False  # dates: pay months printed without a day are periods of their own
    generic: bool = False  # a type any page may look like (a letter, "other"): says nothing about a merge

    def party_rules(self, subtype: str | None) -> PartyRules:
        return self.subtype_parties.get(subtype or "", self.parties)


# within one sentence: no full stop but a date's dots and an abbreviation's ('geb. 03.04.1990', 'Dr.')
_IN_SENTENCE = r"(?:[^.]|(?<=\d)\.|\.(?=\s?[\d,(])|(?<=\bgeb)\.|(?<=\bdr)\.|(?<=\bnr)\.|(?<=\bstr)\.)"
# Within one sentence and paragraph (a blank line ends it).
_SENTENCE = r"(?:(?!\n\s*\n)" + _IN_SENTENCE + r"){0,240}?"
# An employer speaking of its own employee: "bestätigen wir, dass Herr X seit … bei uns beschäftigt ist",
# "war vom … bis … in unserem Unternehmen als … tätig", "ist unsere Mitarbeiterin". Not voluntary work, and
# not a third party's account ("mein Mandant ist bei der Firma X beschäftigt" has no first-person employer).
_EMPLOYED = r"(?:beschaftigt|angestellt|(?<!ehrenamtlich\s)tatig|eingestellt)\b"
_WE_EMPLOY = (r"(?:bei\s+uns|in\s+unsere[mr]\s+(?:\w+\s+){0,2}?(?:unternehmen|betrieb|firma|hause?|filiale|"
              r"niederlassung|restaurant|praxis|einrichtung|gesellschaft)|(?:fur|in)\s+unser(?:e|en)?\s+(?:\w+\s+)?"
              r"(?:unternehmen|betrieb|firma))")
_EMPLOYER_STATEMENT = (r"\b(?:bestatigen|bescheinigen)\s+(?:wir|hiermit)\b" + _SENTENCE + _EMPLOYED +
                       r"|" + _WE_EMPLOY + _SENTENCE + _EMPLOYED +
                       r"|" + _EMPLOYED + r"(?:\s+\w+){0,3}?\s+" + _WE_EMPLOY +
                       r"|\b(?:ist|war)\s+(?:\w+\s+){0,6}?(?<!\ban\s)(?<!\bfur\s)(?<!\bdurch\s)unsere?\s+"
                       r"(?:mitarbeiter(?:in)?|arbeitnehmer(?:in)?|angestellte[rn]?)\b")
# An authority granting or extending a residence title to the addressee ("wird Ihnen hiermit eine
# Aufenthaltserlaubnis nach § 25b AufenthG erteilt", "Ihre Aufenthaltserlaubnis wird … verlängert"); a refusal
# ("kann … nicht erteilt werden") grants nothing.
_TITLE_WORD = r"(?:aufenthaltserlaubnis|niederlassungserlaubnis|aufenthaltstitel)"
_NO_NEGATION = r"(?:(?!\bnicht\b|\bkein|\babgelehnt|\.\s)[^\n]|\n(?!\s*\n)){0,200}?"
_TITLE_GRANTED = (r"\b(?:wird|werden)\s+ihnen\b" + _NO_NEGATION + _TITLE_WORD + _NO_NEGATION +
                  r"\b(?:erteilt|verlangert|ausgestellt)\b|\bihre\s+" + _TITLE_WORD + _NO_NEGATION +
                  r"\bwird\b" + _NO_NEGATION + r"\b(?:erteilt|verlangert)\b|\b(?:erteile|erteilen)\s+"
                  r"(?:ich|wir)\s+ihnen\b" + _NO_NEGATION + _TITLE_WORD)

# A school or Kita speaking of its own pupil: "besucht … unsere Schule / die Klasse 7b unserer Schule", "ist seit
# dem … Schüler unserer Schule", "bestätigen wir, dass … die Kita … besucht". A third party's account ("meine
# Mandantin besucht die Realschule") names no school of its own.
_OUR_SCHOOL = (r"unsere[rmn]?\s+(?:\w+\s+)?(?:schule|einrichtung|kita|kindertagesstatte|kindergarten|berufsschule|"
               r"berufskolleg|gymnasium|bildungsgang|klasse)\b")
_SCHOOL_ATTENDANCE = (r"\b(?:besucht|besuchte|schuler(?:in)?|schuler/in|angemeldet|eingeschult)\b" + _SENTENCE
                      + _OUR_SCHOOL + r"|" + _OUR_SCHOOL + _SENTENCE + r"\b(?:besucht|angemeldet|eingeschult)\b"
                      r"|\b(?:bestatigen|bescheinigen)\s+(?:wir|hiermit)\b" + _SENTENCE +
                      r"\b(?:die|den|das)\s+(?:\w+\s+)?(?:schule|kita|kindertagesstatte|kindergarten|klasse\s+\w+)"
                      + _SENTENCE + r"\bbesucht\b")

_COURT_TITLE = r"u\s?r\s?t\s?e\s?i\s?l|b\s?e\s?s\s?c\s?h\s?l\s?u\s?s\s?s|gerichtsbescheid"
_SHIPPED: list[Profile] = [
    Profile(
        "court_decision",
        cues=(
            Cue("im_namen_des_volkes", "urteil", 3, r"im\s+namen\s+des\s+volkes"),
            Cue("heading_urteil", "urteil", 3, r"^\s*u\s?r\s?t\s?e\s?i\s?l\s*$"),
            Cue("heading_beschluss", "beschluss", 3, r"^\s*b\s?e\s?s\s?c\s?h\s?l\s?u\s?s\s?s\s*$"),
            Cue("heading_gerichtsbescheid", "gerichtsbescheid", 3, r"^\s*gerichtsbescheid\s*$"),
            Cue("entscheidungsart", None, 3, r"entscheidungsart\s*:"),
            Cue("streitsache", None, 3,
                r"in\s+(?:dem|der)\s+(?:verwaltungs(?:gerichtlichen|rechtlichen)?\s*(?:verfahren|streitsache|"
                r"rechtsstreit)|verwaltungsstreitverfahren|rechtsstreit|asylrechtsstreit|streitsache|"
                r"normenkontrollverfahren)"),
            Cue("fuer_recht_erkannt", "urteil", 2, r"fur\s+recht\s+erkannt"),
            Cue("beschlossen", "beschluss", 1.5, r"\bbeschlossen\s*:"),
            Cue("court_name", None, 1, r"(?:ober|bundes)?verwaltungsgericht(?:shof)?\b|\b(?:vg|ovg|vgh|bverwg)\s+\w"),
            Cue("tatbestand", None, 1, r"^\s*tatbestand\b|entscheidungsgrunde|^\s*grunde\s*:?\s*$"),
            Cue("rechtsmittelbelehrung", None, 1, r"rechtsmittelbelehrung"),
            Cue("rubrum_parties", None, 1.5, r"-\s*(?:klager|klagerin|antragsteller|antragstellerin)\s*-"),
            Cue("kammer_senat", None, 1, r"\b(?:kammer|senat)\b.{0,60}\b(?:durch|richter)"),
            Cue("gerichtsbescheid_vom", "gerichtsbescheid", 2, r"gerichtsbescheid\s+vom"),
        ),
        titles={"urteil": "Urteil", "beschluss": "Beschluss", "gerichtsbescheid": "Gerichtsbescheid"},
        title_lines=(_COURT_TITLE, r"(?:bayerischer\s+)?verwaltungsgerichtshof.{0,25}",
                     r"(?:bayerisches\s+|hamburgisches\s+|schleswig-holsteinisches\s+|niedersachsisches\s+|"
                     r"sachsisches\s+)?(?:ober|bundes)?verwaltungsgericht(?:\s+[a-z\-]+){0,4}"),
        parties="rubrum", ruling=True, needs_date=True, needs_number=True,
    ),
    Profile(
        "bamf_decision",
        cues=(
            Cue("bamf_name", None, 2, r"bundesamt\s+fur\s+migration(?:\s+und\s+fluchtlinge)?"),
            Cue("heading_bescheid", "asylbescheid", 2, r"^\s*b\s?e\s?s\s?c\s?h\s?e\s?i\s?d\s*$"),
            Cue("fluechtlingseigenschaft", "asylbescheid", 2, r"fluchtlingseigenschaft\s+wird"),
            Cue("subsidiaer", "asylbescheid", 1.5, r"subsidiaren?\s+schutz"),
            Cue("abschiebungsverbote", None, 1, r"abschiebungsverbote?\s+nach\s+§\s*60"),
            Cue("abschiebungsandrohung", None, 1, r"abschiebungsandrohung|wird\s+die\s+abschiebung\s+\w+\s+angedroht"),
            Cue("widerruf", "widerrufsbescheid", 4,
                r"widerrufsverfahren|wird\s+widerrufen|werden\s+widerrufen|widerruf(?:sbescheid)?\b.{0,80}"
                r"(?:wird|werden)|^\s*widerrufsbescheid"),
            Cue("anhoerung", "anhoerung", 4,
                r"niederschrift\s+uber\s+die\s+anhorung|anhorung\s+gemas\s+\S\s*25|personlichen\s+anhorung"),
            Cue("gesch_z", None, 1, r"gesch\.\s?-\s?z\.|geschaftszeichen\s*:?\s*\d{7,8}-"),
        ),
        titles={"asylbescheid": "Bescheid", "widerrufsbescheid": "Widerrufsbescheid", "anhoerung": "Anhörung"},
        title_lines=(r"b\s?e\s?s\s?c\s?h\s?e\s?i\s?d", r"bundesamt\s+fur\s+migration\s+und\s+fluchtlinge"),
        parties="subject", fixed_authority=("Bundesamt", "Bundesamt für Migration und Flüchtlinge"),
        needs_date=True, needs_number=True,
    ),
    Profile(
        "employment_proof",
        cues=(
            Cue("arbeitsvertrag", "arbeitsvertrag", 3, r"^\s*(?:befristeter\s+|unbefristeter\s+)?arbeitsvertrag"),
            Cue("lohnabrechnung", "lohnabrechnung", 3,
                r"(?:lohn|entgelt|verdienst|gehalts|brutto/netto-)abrechnung|abrechnung\s+der\s+brutto"),
            Cue("beschaeftigungserklaerung", "beschaeftigungserklaerung", 3,
                r"erklarung\s+zum\s+beschaftigungsverhaltnis"),
            Cue("arbeitgeberbescheinigung", "arbeitgeberbescheinigung", 3,
                r"arbeitgeberbescheinigung|bescheinigung\s+des\s+arbeitgebers|arbeitgeberbestatigung|"
                r"beschaftigungs(?:nachweis|bescheinigung|bestatigung)"),
            # an employer's paper by its heading or its statement, whatever the letter looks like otherwise
            Cue("arbeitszeugnis", "arbeitszeugnis", 3,
                r"^\s*(?:qualifiziertes\s+|einfaches\s+)?(?:arbeits|zwischen|end)zeugnis\b"),
            Cue("arbeitsbescheinigung", "arbeitsbescheinigung", 3,
                r"^\s*arbeitsbescheinigung\b|arbeitsbescheinigung\s+(?:gem\w*|nach)\s+(?:\S\s*)?312"),
            Cue("employer_statement", "arbeitgeberbescheinigung", 3, _EMPLOYER_STATEMENT, act=True),
            Cue("brutto_netto", None, 1, r"\bbrutto.{0,400}\bnetto|gesamtbrutto|auszahlungsbetrag"),
            Cue("arbeitgeber", None, 0.5, r"\barbeitgeber(?:in)?\b"),
        ),
        titles={"arbeitsvertrag": "Arbeitsvertrag", "lohnabrechnung": "Lohnabrechnung",
                "beschaeftigungserklaerung": "Erklärung zum Beschäftigungsverhältnis",
                "arbeitgeberbescheinigung": "Arbeitgeberbescheinigung", "arbeitszeugnis": "Arbeitszeugnis",
                "arbeitsbescheinigung": "Arbeitsbescheinigung"},
        title_lines=(r"(?:befristeter\s+|unbefristeter\s+)?arbeitsvertrag", r"arbeitgeberbescheinigung",
                     r"arbeits(?:bescheinigung|zeugnis)", r"(?:zwischen|end)zeugnis", r"arbeitgeberbestatigung",
                     r"beschaftigungs(?:nachweis|bescheinigung|bestatigung)",
                     r"(?:lohn|entgelt|verdienst|gehalts)abrechnung.{0,30}",
                     r"erklarung\s+zum\s+beschaftigungsverhaltnis"),
        title_words=(r"(?:lohn|entgelt|verdienst|gehalts)abrechnung", r"arbeitsvertrag", r"arbeitgeberbescheinigung",
                     r"erklarung\s+zum\s+beschaftigungs\w+"),
        date_roles={"valid_until": "employment_end", "valid_from": "employment_start"},
        parties="employment", subtype_parties={"lohnabrechnung": "payslip"}, needs_date=True, pay_months=True,
    ),
    Profile(
        "residence_document",
        cues=(
            Cue("duldung", "duldung", 3,
                r"bescheinigung\s+uber\s+die\s+aussetzung\s+der\s+abschiebung|^\s*duldung\b"),
            Cue("fiktionsbescheinigung", "fiktionsbescheinigung", 3, r"fiktionsbescheinigung"),
            Cue("aufenthaltsgestattung", "aufenthaltsgestattung", 3,
                r"bescheinigung\s+uber\s+die\s+aufenthaltsgestattung|^\s*aufenthaltsgestattung\b"),
            Cue("aufenthaltserlaubnis", "aufenthaltserlaubnis", 2,
                r"^\s*aufenthaltserlaubnis\b|aufenthaltstitel\s*/|residence\s+permit"),
            Cue("title_granted", "aufenthaltserlaubnis", 3, _TITLE_GRANTED, act=True),
        ),
        titles={"duldung": "Duldung", "aufenthaltserlaubnis": "Aufenthaltserlaubnis",
                "fiktionsbescheinigung": "Fiktionsbescheinigung", "aufenthaltsgestattung": "Aufenthaltsgestattung"},
        title_lines=(r"duldung", r"fiktionsbescheinigung", r"aufenthaltsgestattung", r"aufenthaltserlaubnis"),
        title_words=(r"fiktionsbescheinigung", r"bescheinigung\s+uber\s+die\s+aufenthaltsgestattung",
                     r"aufenthaltsgestattung", r"aufenthaltserlaubnis"),
        parties="subject", needs_date=True, needs_number=True,
    ),
    Profile(
        "identity_document",
        cues=(
            Cue("mrz", "reisepass", 4, r"p<[a-z<]{3}[a-z<]{5,}"),
            Cue("reisepass", "reisepass", 3, r"reisepass|passport|\bpasse?port\b"),
            Cue("personalausweis", "personalausweis", 3, r"personalausweis|identity\s+card|id-?karte"),
            Cue("passersatz", "passersatz", 3, r"passersatz|reiseausweis\s+(?:fur|als)"),
        ),
        titles={"reisepass": "Reisepass", "personalausweis": "Personalausweis", "passersatz": "Passersatz"},
        title_lines=(r"reisepass.{0,20}", r"passport", r"personalausweis"),
        title_words=(r"passersatz\w*", r"reisepass"),
        parties="holder",
    ),
    Profile(
        "civil_status_document",
        cues=(
            Cue("geburtsurkunde", "geburtsurkunde", 3, r"geburtsurkunde|birth\s+certificate"),
            Cue("heiratsurkunde", "heiratsurkunde", 3, r"heiratsurkunde|eheurkunde|marriage\s+certificate"),
            Cue("standesamt", None, 1, r"standesamt|standesbeamt"),
        ),
        titles={"geburtsurkunde": "Geburtsurkunde", "heiratsurkunde": "Heiratsurkunde"},
        title_lines=(r"geburtsurkunde", r"heiratsurkunde"),
        title_words=(r"geburtsurkunde", r"heiratsurkunde"),
        parties="civil", needs_date=True,
    ),
    Profile(
        "registration_certificate",
        cues=(
            Cue("meldebescheinigung", "meldebescheinigung", 3,
                r"meldebescheinigung|bescheinigung\s+uber\s+die\s+(?:an|ab)meldung"),
            Cue("meldebehoerde", None, 1, r"einwohnermeldeamt|meldebehorde|burgeramt|melderegister"),
        ),
        titles={"meldebescheinigung": "Meldebescheinigung"},
        title_lines=(r"meldebescheinigung",),
        title_words=(r"meldebescheinigung",),
        parties="subject", needs_date=True,
    ),
    Profile(
        "school_document",
        cues=(
            Cue("schulbescheinigung", "schulbescheinigung", 3, r"schulbescheinigung|schulbesuchsbescheinigung"),
            Cue("zeugnis", "zeugnis", 3, r"^\s*(?:\w+\s)?zeugnis\b|halbjahreszeugnis|jahreszeugnis|abschlusszeugnis"),
            Cue("ausbildungsvertrag", "ausbildungsvertrag", 3, r"ausbildungsvertrag|berufsausbildungsverhaltnis"),
            Cue("schule", None, 1, r"\bschuljahr\b|\bschulleit|\bklasse\s+\d"),
            Cue("school_attendance", "schulbescheinigung", 3, _SCHOOL_ATTENDANCE, act=True),
            Cue("schulbesuch", "schulbescheinigung", 3, r"bescheinigung\s+uber\s+den\s+(?:schul|kita-?)besuch"),
        ),
        titles={"schulbescheinigung": "Schulbescheinigung", "zeugnis": "Zeugnis",
                "ausbildungsvertrag": "Ausbildungsvertrag"},
        title_lines=(r"schulbescheinigung", r"schulbesuchsbescheinigung", r"(?:\w+\s)?zeugnis",
                     r"(?:berufs)?ausbildungsvertrag"),
        title_words=(r"schul(?:besuchs)?bescheinigung", r"(?:halbjahres|jahres|abschluss)?zeugnis",
                     r"(?:berufs)?ausbildungsvertrag"),
        parties="school", needs_date=True,
    ),
    Profile(
        "application",
        cues=(
            Cue("antrag_auf", "antrag", 3,
                r"^\s*antrag\s+auf\b|antrag\s+auf\s+(?:erteilung|verlangerung|ausstellung)|hiermit\s+beantrage"),
            Cue("antragsformular", "antrag", 1, r"unterschrift\s+(?:des|der)\s+antragstell|angaben\s+zur\s+person"),
        ),
        titles={"antrag": "Antrag"},
        title_lines=(r"antrag\s+auf\s.{3,50}",),
        title_words=(r"antrag\s+auf\s+(?:erteilung|verlangerung|ausstellung|umschreibung)",),
        date_roles={"ort_den": "application_date", "datum": "application_date"},
        parties="subject", subject_role="applicant", needs_date=True, needs_number=True,
    ),
    Profile(
        "correspondence",
        cues=(
            Cue("anrede", "schreiben", 2, r"sehr\s+geehrte|guten\s+tag"),
            Cue("gruss", "schreiben", 2, r"mit\s+freundlichen\s+grus|hochachtungsvoll"),
            Cue("vermerk", "vermerk", 5, r"^\s*(?:akten)?v\s?e\s?r\s?m\s?e\s?r\s?k\b"),
            Cue("kanzlei", "anwaltsschreiben", 4.5, r"rechtsanwalt|rechtsanwaltin|rechtsanwalte|kanzlei|anwaltlich"),
        ),
        title_lines=(r"(?:akten)?vermerk",),
        parties="subject", needs_date=True, needs_number=True, generic=True,
    ),
    Profile(
        "other",
        cues=(Cue("zustellungsurkunde", "zustellungsurkunde", 3, r"^\s*zustellungsurkunde\b"),),
        title_words=(r"zustellungsurkunde", r"empfangsbekenntnis"),
        parties="recipient", generic=True,
    ),
]

PROFILES: dict[str, Profile] = {p.doc_type: p for p in _SHIPPED}
assert tuple(PROFILES) == CONTRACT_TYPES, "one shipped profile per contract doc_type, in the contract's order"
DOC_TYPES: tuple[str, ...] = CONTRACT_TYPES  # the types the shipped models were trained on
_NO_PROFILE = Profile("")
_listeners: list[Callable[[], None]] = []


def profile(doc_type: str) -> Profile:
    """The profile of `doc_type`; an unknown type (or "") has none of the type rules."""
    return PROFILES.get(doc_type, _NO_PROFILE)


def profiles() -> list[Profile]:
    """All profiles in order: the shipped ones first, then registered ones."""
    return list(PROFILES.values())


def register(p: Profile) -> None:
    """Adds (or replaces) a profile; the stages that compiled the profiles' patterns rebuild them."""
    PROFILES[p.doc_type] = p
    _changed()


def unregister(doc_type: str) -> None:
    """Removes a registered profile (the shipped ones stay)."""
    if doc_type in PROFILES and doc_type not in CONTRACT_TYPES:
        del PROFILES[doc_type]
        _changed()


def display_title(subtype: str | None) -> str | None:
    """The title a record shows for a subtype ("lohnabrechnung" -> "Lohnabrechnung")."""
    for p in PROFILES.values():
        if subtype in p.titles:
            return p.titles[subtype]
    return None


def on_change(rebuild: Callable[[], None]) -> None:
    """`rebuild` runs now and whenever a profile is registered or removed (stages that compile the profiles'
    patterns once: classification cues, segmentation titles)."""
    _listeners.append(rebuild)
    rebuild()


def _changed() -> None:
    for rebuild in _listeners:
        rebuild()
