"""eakte/web/labels.js covers every code the pipeline can write: doc types, subtypes, party and date
roles, file-number kinds, review reasons (a code without a label would show raw on the page)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from extractors import classify, review
from schemas.records import DateRole, DocType, FileNumberKind, PartyRole

LABELS_JS = Path(__file__).resolve().parent.parent / "eakte" / "web" / "labels.js"


def labels() -> dict[str, dict[str, str]]:
    text = LABELS_JS.read_text(encoding="utf-8")
    out: dict[str, dict[str, str]] = {}
    for kind, body in re.findall(r"^  (\w+): \{(.*?)\},$", text, flags=re.M | re.S):
        out[kind] = dict(re.findall(r'(\w+): "([^"]+)"', body))
    return out


def test_every_code_has_a_german_label() -> None:
    table = labels()
    subtypes = {s for _, _, s, _, _ in classify._CUES if s}
    reasons = set(review.HARD_REASONS) | set(review.MODEL_REASONS) | set(review.load_model()["reasons"].values())
    expected = {"doc_type": set(get_args(DocType)), "doc_subtype": subtypes, "party_role": set(get_args(PartyRole)),
                "date_role": set(get_args(DateRole)), "file_number_kind": set(get_args(FileNumberKind)),
                "review_reason": reasons}
    for kind, codes in expected.items():
        assert codes <= set(table[kind]), (kind, sorted(codes - set(table[kind])))
        labelled = {table[kind][c] for c in codes}
        assert not any("_" in v for v in labelled), kind  # German words, not codes
    assert table["doc_subtype"]["beschluss"] == "Beschluss" and table["party_role"]["plaintiff"] == "Kläger/in"
