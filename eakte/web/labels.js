// The one table of German labels for the codes in the records (schemas/records.py, extractors/classify.py,
// extractors/review.py): the page shows no code a caseworker would have to translate.
// tests/test_web_labels.py checks that every code the pipeline can write has a label here.
"use strict";
const LABELS = {
  doc_type: {
    court_decision: "Gerichtsentscheidung", bamf_decision: "BAMF-Bescheid", employment_proof: "Beschäftigungsnachweis",
    residence_document: "Aufenthaltsdokument", identity_document: "Identitätsdokument",
    civil_status_document: "Personenstandsurkunde", registration_certificate: "Meldebescheinigung",
    school_document: "Schule/Ausbildung", application: "Antrag", correspondence: "Schriftverkehr", other: "Sonstiges",
  },
  doc_subtype: {
    urteil: "Urteil", beschluss: "Beschluss", gerichtsbescheid: "Gerichtsbescheid", asylbescheid: "Asylbescheid",
    widerrufsbescheid: "Widerrufsbescheid", anhoerung: "Anhörungsniederschrift", arbeitsvertrag: "Arbeitsvertrag",
    lohnabrechnung: "Lohnabrechnung", beschaeftigungserklaerung: "Erklärung zum Beschäftigungsverhältnis",
    arbeitgeberbescheinigung: "Arbeitgeberbescheinigung", arbeitszeugnis: "Arbeitszeugnis",
    arbeitsbescheinigung: "Arbeitsbescheinigung", duldung: "Duldung",
    fiktionsbescheinigung: "Fiktionsbescheinigung", aufenthaltsgestattung: "Aufenthaltsgestattung",
    aufenthaltserlaubnis: "Aufenthaltserlaubnis", reisepass: "Reisepass", personalausweis: "Personalausweis",
    passersatz: "Passersatzpapier", geburtsurkunde: "Geburtsurkunde", heiratsurkunde: "Heiratsurkunde",
    meldebescheinigung: "Meldebescheinigung", schulbescheinigung: "Schulbescheinigung", zeugnis: "Zeugnis",
    ausbildungsvertrag: "Ausbildungsvertrag", antrag: "Antrag", schreiben: "Schreiben", vermerk: "Vermerk",
    anwaltsschreiben: "Anwaltsschreiben", zustellungsurkunde: "Zustellungsurkunde",
  },
  party_role: {
    person_concerned: "betroffene Person", plaintiff: "Kläger/in", defendant: "Beklagte/r", applicant: "Antragsteller/in",
    respondent: "Antragsgegner/in", authority: "Behörde", court: "Gericht", employer: "Arbeitgeber/in",
    employee: "Arbeitnehmer/in", representative: "Bevollmächtigte/r", other: "sonstige Beteiligte",
  },
  date_role: {
    document_date: "Dokumentdatum", birth_date: "Geburtsdatum", entry_date: "Einreise", application_date: "Antragsdatum",
    hearing_date: "Verhandlung", service_date: "Zustellung", receipt_date: "Eingang", valid_from: "gültig ab",
    valid_until: "gültig bis", employment_start: "Beschäftigungsbeginn", employment_end: "Beschäftigungsende",
    pay_period_start: "Abrechnungszeitraum von", pay_period_end: "Abrechnungszeitraum bis", other: "sonstiges Datum",
  },
  file_number_kind: { court: "Gericht", bamf: "BAMF", authority: "Behörde", other: "sonstiges" },
  review_reason: {
    page_failed: "Seite nicht lesbar", no_text: "kein Text erkannt", low_confidence: "Dokumenttyp unsicher",
    low_ocr_confidence: "schlechte Texterkennung", little_text: "wenig Text", no_document_date: "kein Dokumentdatum",
    weak_date_cue: "Dokumentdatum unsicher", damaged_date: "Datum schlecht lesbar",
    many_date_candidates: "viele mögliche Daten", implausible_document_date: "Dokumentdatum unplausibel",
    dates_after_document_date: "Daten nach dem Dokumentdatum", no_file_number: "kein Aktenzeichen",
    conflicting_file_numbers: "widersprüchliche Aktenzeichen", page_range_uncertain: "Dokumentgrenzen unsicher",
    no_court: "kein Gericht erkannt", no_party: "keine Beteiligten erkannt", foreign_language: "fremdsprachig",
    uncertain_extraction: "Erkennung unsicher",
  },
  court_type: { other: "Gericht" },
};

// The label of a code; an unknown code (a newer pipeline) shows as itself rather than not at all.
function label(kind, code) {
  if (code === null || code === undefined || code === "") return "";
  return (LABELS[kind] && LABELS[kind][code]) || String(code);
}

// ISO date (YYYY-MM-DD) as the caseworker writes it: dd.mm.yyyy.
function deDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? `${m[3]}.${m[2]}.${m[1]}` : (iso || "");
}
