"""Case overview from hand-written document records: thresholds by date, grammars, person links, timeline, checks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eakte.case.build import compute
from eakte.case.model import CaseView
from eakte.case.rules import NoRulesForDate, rules_for
from extractors.fields import facts as tf
from schemas.records import DocumentRecord
from tests.case_records import me, record, status

D = dt.date


# -- thresholds as data --------------------------------------------------------------------------------------

def test_rules_change_on_31_12_2022() -> None:
    old, new = rules_for(D(2022, 12, 30)), rules_for(D(2022, 12, 31))
    assert (old.s25b["years"], old.s25b["years_with_minor_child"], old.s25a["years"]) == (8, 6, 4)
    assert (new.s25b["years"], new.s25b["years_with_minor_child"], new.s25a["years"]) == (6, 4, 3)
    assert (new.s25a["max_age_below"], new.s25a["duldung_months"]) == (27, 12)
    assert old.s25a["max_age_below"] == 21 and new.sources


def test_rules_file_is_data_and_refuses_dates_before_it(tmp_path: Path) -> None:
    with pytest.raises(NoRulesForDate):
        rules_for(D(2010, 1, 1))
    raw = json.loads((Path(__file__).resolve().parent.parent / "eakte/case/rules/aufenthg.json").read_text())
    raw["versions"][1]["s25b"]["years"] = 5  # a future change is an edit of the table, not of code
    changed = tmp_path / "rules.json"
    changed.write_text(json.dumps(raw))
    assert rules_for(D(2024, 1, 1), changed).s25b["years"] == 5


# -- phrase grammars -----------------------------------------------------------------------------------------

def test_legal_bases_and_60b_label() -> None:
    pages = ["Duldung\nRechtsgrundlage: § 60b AufenthG (für Personen mit ungeklärter Identität)",
             "verlängert nach §60a Abs. 2 AufenthG"]
    codes = {f.value: f.page for f in tf.legal_bases(pages)}
    assert codes == {"60b": 0, "60a": 1}
    assert {f.value for f in tf.legal_bases(["Fiktionsbescheinigung nach § 81 Abs. 4 AufenthG"])} == {"81 Abs. 4"}
    assert {f.value for f in tf.legal_bases(["Aufenthaltsgestattung gemäß § 55 Abs. 1 AsylG"])} == {"55 AsylG"}


def test_bamf_points_and_court_outcomes() -> None:
    tenor = ["1. Die Flüchtlingseigenschaft wird nicht zuerkannt.\n2. Der Antrag auf Asylanerkennung wird abgelehnt."
             "\n3. Der subsidiäre Schutzstatus wird zuerkannt.\n4. Abschiebungsverbote nach § 60 Absatz 5 und 7 Satz 1"
             " des Aufenthaltsgesetzes liegen nicht vor."]
    got = {f.value: f.detail["outcome"] for f in tf.bamf_points(tenor)}
    assert got == {"refugee_status": "refused", "asylum": "refused", "subsidiary_protection": "granted",
                   "deportation_ban_60_5_7": "refused"}
    assert {f.value for f in tf.court_outcomes(["Die Klage wird abgewiesen. Die Berufung wird nicht zugelassen."])} \
        == {"dismissed", "appeal_not_admitted"}
    dated = ["Die Beklagte wird unter Aufhebung des Bescheides vom 07.08.2015 verpflichtet, dem Kläger die "
             "Flüchtlingseigenschaft zuzuerkennen.\nGründe\nDer Antrag ist nicht begründet. Die Klage wird abgewiesen."]
    assert [f.value for f in tf.court_outcomes(dated)] == ["granted"]  # the reasons' words are not the Tenor
    partly = ["Die Beklagte wird verpflichtet, ... Im Übrigen wird die Klage abgewiesen."]
    assert {f.value for f in tf.court_outcomes(partly)} == {"partly", "granted"}


def test_language_school_and_payslip_grammars() -> None:
    cert = ["Deutsch-Test für Zuwanderer\nGesamtergebnis: Niveau B1", "Test „Leben in Deutschland“: bestanden"]
    got = {(f.kind, f.value) for f in tf.language_certificates(cert)}
    assert ("language", "B1") in got and ("lid_test", "passed") in got
    assert {(f.kind, f.value) for f in tf.language_certificates(["Test Leben in Deutschland nicht bestanden"])} == \
        {("lid_test", "failed")}
    school = tf.school_facts(["ZEUGNIS\nSchuljahr 2021/22 · 2. Halbjahr\nKlasse 9a"])
    assert {(f.kind, f.value) for f in school} == {("school_year", "2021/2022"), ("school_class", "9a"),
                                                   ("school_half", "2")}
    assert [f.value for f in tf.pay_months(["Entgeltabrechnung", "Abrechnungsmonat: März 2024"])] == ["2024-03"]
    assert tf.parse_date("seit dem 3. Mai 2019") == "2019-05-03" and tf.parse_date("31.02.2019") is None


# -- persons -------------------------------------------------------------------------------------------------

AT = D(2025, 6, 1)


def _view(docs: list[DocumentRecord], at: dt.date = AT, texts: dict[str, str] | None = None) -> CaseView:
    return compute(docs, texts or {}, docs[0].akte_id, at, main_akte=docs[0].akte_id)


def test_transliterations_with_one_birth_date_are_one_person_other_birth_date_is_another() -> None:
    docs = [
        status("duldung", "2020-01-01", "2020-06-30", first=1, name="Mohammed Öztürk"),
        status("duldung", "2020-07-01", "2020-12-31", first=2, name="Muhammad OEZTUERK"),
        status("duldung", "2020-07-01", "2020-12-31", first=3, name="Mohamed Ozturk", birth="1995-01-01"),
        record("correspondence", "schreiben", first=4, parties=[me("Amina Öztürk")]),
    ]
    v = _view(docs)
    assert v.person is not None and v.person.birth_date == D(1990, 5, 17)
    assert set(v.person.documents) == {docs[0].document_id, docs[1].document_id}
    assert 0.75 <= v.person.link_confidence < 1.0
    assert len(v.persons) == 3  # the 1995-born namesake and Amina stay apart


def test_a_shared_bamf_number_links_a_transliteration_but_not_a_relative() -> None:
    from schemas.records import FileNumber

    docs = [record("bamf_decision", "asylbescheid", first=1, parties=[me("Abdirahman Ali")],
                   dates=[("birth_date", "1969-07-23", 1)]),
            record("court_decision", "urteil", first=2, parties=[("plaintiff", "Cabdiraxmaan Ali", "person")]),
            record("correspondence", "schreiben", first=3, parties=[me("Hodan Ali")])]
    for d in docs:
        d.file_numbers = [FileNumber(kind="bamf", value="17000797-273")]
    v = _view(docs)
    assert v.person is not None and set(v.person.names) == {"Abdirahman Ali", "Cabdiraxmaan Ali"}
    assert v.person.link_confidence == 0.85
    assert len(v.persons) == 2  # Hodan Ali stays apart although the number is the same
    docs[1].file_numbers = []
    assert len(_view(docs).persons) == 3  # without the number the spellings are too far apart


def test_mentions_link_across_akten() -> None:
    a = status("duldung", "2020-01-01", "2020-06-30", first=1, akte="a-one")
    b = status("duldung", "2020-07-01", "2020-12-31", first=1, akte="a-two", name="Muhamad Öztürk")
    v = _view([a, b])
    assert v.person is not None and v.person.akten == ["a-one", "a-two"]


# -- timeline and checks -------------------------------------------------------------------------------------

def _long_stay() -> list[DocumentRecord]:
    return [
        record("identity_document", "reisepass", first=1, dates=[("birth_date", "1990-05-17", 1),
               ("valid_until", "2027-01-31", 1)], parties=[me()]),
        status("aufenthaltsgestattung", "2016-01-10", "2018-06-30", first=2),
        status("duldung", "2018-07-01", "2020-12-31", first=3),
        status("duldung", "2021-03-01", "2024-02-28", first=5),  # 59 days without a paper before
        status("duldung", "2024-02-29", "2025-12-31", first=6),  # no paper runs longer than three years
    ]


def test_stay_with_a_short_break_meets_25b_and_names_the_break() -> None:
    v = _view(_long_stay())
    c = {x.name: x for x in v.checks}
    assert c["25b_stay"].verdict == "met"
    assert "break of 59 days" in c["25b_stay"].value
    assert c["passport"].verdict == "met"
    assert any(f.kind == "gap" and f.start == D(2021, 1, 1) for f in v.findings)
    assert len({e.document_id for e in c["25b_stay"].evidence}) == 4  # the four status papers
    assert all(e.document_id and e.page >= 1 for x in v.checks for e in x.evidence)
    assert all(f.evidence.document_id and f.evidence.page >= 1 for f in v.facts)


def test_60b_periods_are_not_counted_and_a_long_break_interrupts() -> None:
    docs = _long_stay()
    docs[2] = status("duldung", "2018-07-01", "2020-12-31", first=3)
    texts = {docs[2].document_id: "Duldung für Personen mit ungeklärter Identität (§ 60b AufenthG)"}
    v = _view(docs, texts=texts)
    c = {x.name: x for x in v.checks}
    assert any(i.kind == "status:geduldet_60b" for i in v.intervals)
    assert c["25b_stay"].verdict == "unknown"
    assert "§ 60b periods" in c["25b_stay"].value
    assert c["25b_stay"].missing  # names the papers that would decide it


def test_rules_of_the_reference_date_apply() -> None:
    docs = [status("duldung", f"{y}-09-01", f"{y + 3}-08-31" if y < 2024 else "2025-12-31", first=n)
            for n, y in enumerate((2015, 2018, 2021, 2024), start=1)]
    assert {x.name: x.verdict for x in _view(docs, D(2022, 6, 1)).checks}["25b_stay"] == "unknown"  # 8 years then
    assert {x.name: x.verdict for x in _view(docs, D(2023, 6, 1)).checks}["25b_stay"] == "met"  # 6 years now


def test_never_met_without_evidence_and_not_met_only_on_evidence() -> None:
    empty = [record("correspondence", "schreiben", first=1, parties=[me()],
                    dates=[("birth_date", "1990-05-17", 1), ("entry_date", "2022-02-01", 1)])]
    c = {x.name: x for x in _view(empty).checks}
    assert c["25b_stay"].verdict == "not_met" and "entry" in c["25b_stay"].value  # entered too late: shown
    assert c["passport"].verdict == "unknown" and c["passport"].missing
    assert c["language"].verdict == "unknown" and c["employment_12m"].verdict == "unknown"
    assert not [x for x in c.values() if x.verdict == "met" and not x.evidence]


def test_expired_passport_and_employment_months() -> None:
    docs = [record("identity_document", "reisepass", first=1, parties=[me()],
                   dates=[("birth_date", "1990-05-17", 1), ("valid_until", "2024-01-31", 1)])]
    for n, month in enumerate(["2024-06", "2024-07", "2024-08"]):
        docs.append(record("employment_proof", "lohnabrechnung", first=2 + n, parties=[("employee", "Mohammed Öztürk",
                           "person"), ("employer", "Bau GmbH", "organisation")],
                           dates=[("pay_period_start", f"{month}-01", 2 + n), ("birth_date", "1990-05-17", 2 + n)]))
    c = {x.name: x for x in _view(docs, D(2025, 5, 15)).checks}
    assert c["passport"].verdict == "not_met" and "31.01.2024" in c["passport"].value
    assert c["employment_12m"].value.startswith("3/12") and c["employment_12m"].verdict == "unknown"
    assert [e.page for e in c["employment_12m"].evidence] == [2, 3, 4]


def test_school_proof_per_school_age_child() -> None:
    parent = status("duldung", "2020-01-01", "2025-12-31", first=1)
    child_birth = record("civil_status_document", "geburtsurkunde", first=2, parties=[
        me("Leyla Öztürk"), ("other", "Mohammed Öztürk", "person"), ("other", "Fatma Öztürk", "person")],
        dates=[("birth_date", "2015-03-02", 2)])
    school = record("school_document", "zeugnis", first=3, parties=[me("Leyla Oeztuerk"),
                    ("other", "Gesamtschule Bonn", "organisation")], dates=[("birth_date", "2015-03-02", 3),
                    ("document_date", "2025-01-31", 3)], document_date="2025-01-31")
    v = _view([parent, child_birth, school], texts={school.document_id: "ZEUGNIS\nSchuljahr 2024/25"})
    c = {x.name.split(":")[0]: x for x in v.checks}
    assert v.person is not None and v.person.names[0] == "Mohammed Öztürk"
    assert c["school_child"].verdict == "met" and c["school_child"].evidence[0].document_id == school.document_id
    assert "minor child" in c["25b_stay"].value
    v2 = _view([parent, child_birth])
    assert {x.name.split(":")[0]: x.verdict for x in v2.checks}["school_child"] == "unknown"


def test_a_bamf_summons_is_an_event_not_a_decision() -> None:
    summons = record("bamf_decision", "anhoerung", first=1, parties=[me()], document_date="2016-03-01",
                     dates=[("document_date", "2016-03-01", 1), ("hearing_date", "2016-04-12", 1)])
    decision = record("bamf_decision", "asylbescheid", first=2, parties=[me()], document_date="2017-01-20",
                      dates=[("document_date", "2017-01-20", 2)])
    v = _view([summons, decision], texts={decision.document_id: "1. Die Flüchtlingseigenschaft wird zuerkannt."})
    assert [(e.kind, e.start) for e in v.events] == [("bamf_hearing", D(2016, 4, 12)),
                                                     ("bamf_decision", D(2017, 1, 20))]
    assert v.events[1].detail == {"refugee_status": "granted"}


def test_a_paper_naming_nobody_is_the_main_persons_and_a_lone_late_start_is_an_end() -> None:
    passport = record("identity_document", "reisepass", first=1, parties=[me()],
                      dates=[("birth_date", "1990-05-17", 1), ("valid_until", "2030-01-01", 1)])
    duldung = record("residence_document", "duldung", first=2, parties=[("authority", "Kreis X", "organisation")],
                     document_date="2017-03-23", dates=[("valid_from", "2017-09-19", 2),
                                                        ("document_date", "2017-03-23", 2)])
    v = _view([passport, duldung], texts={duldung.document_id: "Rechtsgrundlage: $ 60a AufenthG"})
    [iv] = [i for i in v.intervals if i.kind.startswith("status")]
    assert (iv.kind, iv.start, iv.end, iv.label) == ("status:geduldet", D(2017, 3, 23), D(2017, 9, 19), "60a")
    assert "attributed to the Akte's main person" in iv.evidence[0].note
    assert any(f.kind == "contradiction" and "read as the end" in f.what for f in v.findings)


def test_nationality_from_the_mrz_and_spouse_from_a_marriage_certificate() -> None:
    passport = record("identity_document", "reisepass", first=1, parties=[me()],
                      dates=[("birth_date", "1969-03-17", 1), ("valid_until", "2030-01-01", 1)])
    gestattung = status("aufenthaltsgestattung", "2015-01-01", "2015-06-30", first=2, birth="1969-03-17")
    marriage = record("civil_status_document", "heiratsurkunde", first=3, parties=[me(), ("other", "Amina X",
                      "person")], dates=[("birth_date", "1969-03-17", 3)])
    texts = {passport.document_id: "P<IRQKAREEM<<HAIDER<<<<<<<<<<<<<<<<<<<<<<<<<\n"
                                   "A791209693IRQ6903170M19042532635846330<<<<24",
             gestattung.document_id: "Staatsangehörigkeit: irakisch"}
    v = _view([passport, gestattung, marriage], texts=texts)
    assert v.person is not None and v.person.nationality == "IRQ"
    assert [r["relation"] for r in v.person.relations] == ["spouse"]
    assert not [f for f in v.findings if "nationalit" in f.what]


def test_overlapping_permit_and_duldung_is_a_contradiction_not_resolved() -> None:
    docs = [status("aufenthaltserlaubnis", "2021-01-01", "2023-12-31", first=1),
            status("duldung", "2022-06-01", "2022-12-31", first=2)]
    v = _view(docs)
    assert [f.kind for f in v.findings if f.kind != "gap"] == ["contradiction"]
    assert {i.kind for i in v.intervals} == {"status:erlaubt", "status:geduldet"}


def test_a_school_age_namesake_born_14_years_later_is_a_child_when_no_paper_states_it() -> None:
    parent = status("duldung", "2020-01-01", "2025-12-31", first=1)
    school = record("school_document", "zeugnis", first=2, parties=[me("Leyla Oeztuerk"),
                    ("other", "Gesamtschule Bonn", "organisation")], dates=[("birth_date", "2015-03-02", 2),
                    ("document_date", "2025-01-31", 2)], document_date="2025-01-31")
    elder = record("school_document", "zeugnis", first=3, parties=[me("Ahmet Öztürk")],
                   dates=[("birth_date", "1999-03-02", 3), ("document_date", "2015-01-31", 3)])
    other = record("school_document", "zeugnis", first=4, parties=[me("Sara Haddad")],
                   dates=[("birth_date", "2014-03-02", 4), ("document_date", "2025-01-31", 4)])
    v = _view([parent, school, elder, other], texts={school.document_id: "ZEUGNIS\nSchuljahr 2024/25"})
    c = {x.name.split(":")[0]: x for x in v.checks}
    assert v.person is not None and v.person.names[0] == "Mohammed Öztürk"
    assert c["school_child"].verdict == "met" and c["school_child"].evidence[0].document_id == school.document_id
    kids = [r for r in v.person.relations if r["relation"] == "child"]
    assert len(kids) == 1 and "no paper states" in kids[0]["note"]  # not the 9-years-younger one, not Sara


def test_a_childs_duldung_is_the_childs_not_the_legal_representatives() -> None:
    from eakte.case.facts import mentions, pages_of

    own = [status("duldung", f"202{i}-01-01", f"202{i}-06-30", first=i + 1, name="Fatma Öztürk",
                  birth="1988-01-01") for i in range(2)]
    child = record("residence_document", "duldung", first=3, parties=[
        me("Fatma Öztürk"), me("Leyla Öztürk")], dates=[("valid_from", "2022-01-01", 3),
        ("valid_until", "2022-06-30", 3), ("birth_date", "1988-01-01", 3), ("birth_date", "2012-03-02", 3)],
        document_date="2022-01-01")
    text = ("DULDUNG\ngesetzlich vertreten durch: Fatma Öztürk, geb. 01.01.1988\n"
            "Name: Öztürk, Leyla\nGeburtsdatum: 02.03.2012\nStaatsangehörigkeit: türkisch")
    first = mentions(child, pages_of(child, text))[0]
    assert (first.name, first.birth_date) == ("Leyla Öztürk", D(2012, 3, 2))
    v = _view([*own, child], texts={child.document_id: text})
    assert v.person is not None and v.person.names[0] == "Fatma Öztürk" and v.person.birth_date == D(1988, 1, 1)
    leyla = next(p for p in v.persons if p.names[0] == "Leyla Öztürk")
    assert {f.person for f in v.facts if f.evidence.document_id == child.document_id} == {leyla.person_id}
    assert not [i for i in v.intervals if i.start.year == 2022 and i.start.month == 1]


def test_surname_children_fold_the_dotless_i_and_skip_a_misread_namesake_of_the_main_person() -> None:
    own = [status("duldung", f"202{i}-01-01", f"202{i}-06-30", first=i + 1, name="Caglar Aydin",
                  birth="1983-12-19") for i in range(2)]
    kid = record("civil_status_document", "geburtsurkunde", first=3, parties=[
        me("Mehmet Aydın"), ("other", "Cagl4r Aydn", "person")], dates=[("birth_date", "2012-07-11", 3)])
    misread = status("duldung", "2023-01-01", "2023-06-30", first=4, name="Caglar Aydin", birth="2013-12-19")
    v = _view([*own, kid, misread])
    assert v.person is not None and v.person.birth_date == D(1983, 12, 19)
    kids = {v.persons[[p.person_id for p in v.persons].index(r["person_id"])].names[0]
            for r in v.person.relations if r["relation"] == "child"}
    assert kids == {"Mehmet Aydın"}


def test_a_childs_birth_date_on_the_parents_paper_is_not_the_parents() -> None:
    from eakte.case.facts import mentions, pages_of

    paper = record("residence_document", "duldung", first=1, parties=[me(), ("other", "Leyla Öztürk", "person")],
                   dates=[("valid_from", "2024-01-01", 1), ("valid_until", "2024-06-30", 1),
                          ("birth_date", "2015-03-02", 1)], document_date="2024-01-01")
    text = "DULDUNG\nName: Mohammed Öztürk\nStaatsangehörigkeit: türkisch\nKind: Leyla Öztürk, geb. 02.03.2015"
    assert mentions(paper, pages_of(paper, text))[0].birth_date is None
    v = _view([paper], texts={paper.document_id: text})
    assert v.person is not None and v.person.names[0] == "Mohammed Öztürk" and v.person.birth_date is None
    assert {c.name: c.verdict for c in v.checks}["25a_age"] == "unknown"


def test_a_child_of_another_surname_is_a_child_when_its_paper_names_the_parent_as_representative() -> None:
    own = [status("duldung", f"202{i}-01-01", f"202{i}-06-30", first=i + 1, name="Amina Haddad",
                  birth="1985-04-04") for i in range(3)]
    kid = status("duldung", "2024-01-01", "2024-06-30", first=4, name="Omar Khalil", birth="2014-02-02")
    school = record("school_document", "zeugnis", first=5, parties=[me("Omar Khalil")],
                    dates=[("birth_date", "2014-02-02", 5), ("document_date", "2025-01-31", 5)],
                    document_date="2025-01-31")
    texts = {kid.document_id: "DULDUNG\nName: Omar Khalil, geb. 02.02.2014\ngesetzlich vertreten durch: Amina Haddad",
             school.document_id: "ZEUGNIS\nSchuljahr 2024/25"}
    v = _view([*own, kid, school], texts=texts)
    assert v.person is not None and v.person.names[0] == "Amina Haddad"
    kids = [r for r in v.person.relations if r["relation"] == "child"]
    assert [r["document_id"] for r in kids] == [kid.document_id]
    assert {c.name.split(":")[0]: c.verdict for c in v.checks}["school_child"] == "met"
    texts[kid.document_id] = "DULDUNG\nName: Omar Khalil, geb. 02.02.2014\nAnschrift: bei Amina Haddad"
    assert not [r for r in _view([*own, kid, school], texts=texts).person.relations  # type: ignore[union-attr]
                if r["relation"] == "child"]


def test_a_familys_joint_bamf_decision_is_the_main_persons_whoever_it_names_first() -> None:
    own = [status("duldung", f"202{i}-01-01", f"202{i}-06-30", first=i + 1) for i in range(2)]
    joint = record("bamf_decision", "asylbescheid", first=3, document_date="2019-05-05",
                   parties=[("applicant", "Leyla Öztürk", "person"), ("applicant", "Mohammed Öztürk", "person")],
                   dates=[("document_date", "2019-05-05", 3), ("birth_date", "2015-03-02", 3)])
    text = "BESCHEID\n1. Leyla Öztürk, geb. 02.03.2015\n2. Mohammed Öztürk, geb. 17.05.1990"
    v = _view([*own, joint], texts={joint.document_id: text})
    assert v.person is not None and v.person.names[0] == "Mohammed Öztürk"
    assert {f.person for f in v.facts if f.kind == "bamf_decision"} == {v.person.person_id}
    child = record("bamf_decision", "asylbescheid", first=3, document_date="2019-05-05",
                   parties=[("applicant", "Leyla Öztürk", "person"), ("applicant", "Mohammed Öztürk", "person")],
                   dates=[("document_date", "2019-05-05", 3), ("birth_date", "2015-03-02", 3)])
    text = "BESCHEID\nLeyla Öztürk, geb. 02.03.2015\ngesetzlich vertreten durch: Mohammed Öztürk"
    v = _view([*own, child], texts={child.document_id: text})
    assert v.person is not None and {f.person for f in v.facts if f.kind == "bamf_decision"} != {v.person.person_id}


def test_an_ocr_variant_with_a_birth_date_read_once_joins_the_well_attested_person() -> None:
    docs = [status("duldung", f"202{i}-01-01", f"202{i}-06-30", first=i + 1, name="Chiamaka Okonkwo",
                   birth="1982-10-18") for i in range(3)]
    docs.append(status("duldung", "2024-01-01", "2024-06-30", first=4, name="Chiamakan OKONKWO", birth="2019-10-18"))
    v = _view(docs)
    assert v.person is not None and v.person.birth_date == D(1982, 10, 18)
    assert len(v.persons) == 1 and docs[3].document_id in v.person.documents
    assert v.person.link_confidence == 0.8  # the contradiction stays visible


def test_the_akte_is_about_the_holder_of_its_residence_paper_not_the_child_with_more_school_papers() -> None:
    # one Fiktionsbescheinigung of the parent; the child's three school papers and birth certificate
    parent = status("fiktionsbescheinigung", "2024-01-01", "2024-12-31", first=1, birth="1976-04-02")
    kid = "Leyla Öztürk"
    papers = [record("school_document", sub, first=n, parties=[me(kid)], dates=[("birth_date", "2010-03-02", n)])
              for n, sub in ((2, "schulbescheinigung"), (3, "zeugnis"), (4, "zeugnis"))]
    birth = record("civil_status_document", "geburtsurkunde", first=5, parties=[me(kid)],
                   dates=[("birth_date", "2010-03-02", 5)])
    v = _view([parent, *papers, birth])
    assert v.person is not None and v.person.names[0] == "Mohammed Öztürk"
    assert v.person.birth_date == dt.date(1976, 4, 2)
    age = next(c for c in v.checks if c.name == "25a_age")
    assert age.verdict == "not_met"  # the parent's 48 years, not the child's 14
