"""School facts of the case view come only from what a school paper states about its pupil (names invented)."""

from __future__ import annotations

import datetime as dt

from eakte.case.build import compute
from tests.case_records import me, record, status


def _school_facts(text: str, subtype: str = "schulbescheinigung") -> list[tuple[str, dt.date | None]]:
    paper = record("school_document", subtype, first=2, parties=[me(), ("other", "Kita Sonnenschein", "organisation")],
                   dates=[("document_date", "2024-02-01", 2)], document_date="2024-02-01")
    docs = [status("duldung", "2020-01-01", "2025-12-31", first=1), paper]
    view = compute(docs, {paper.document_id: text}, docs[0].akte_id, dt.date(2025, 6, 1), main_akte=docs[0].akte_id)
    return [(f.kind, f.start) for f in view.facts if f.kind.startswith("school")]


def test_a_kita_confirmation_attests_no_schooling() -> None:
    kita = ("Kita Sonnenschein\nBestätigung\nIhr Kind Mohammed Öztürk (geb. 03.04.2019) besucht seit dem 01.09.2020 "
            "an unserer Einrichtung die Kindertagesstätte.\nBonn, 01.02.2024\n")
    assert _school_facts(kita) == []
    school = ("Gesamtschule Beuel\nSchulbescheinigung\nMohammed Öztürk, geb. 03.04.2009, ist seit dem 01.08.2021 "
              "Schüler unserer Schule.\nBonn, 01.02.2024\n")
    assert ("school", dt.date(2021, 8, 1)) in _school_facts(school)
