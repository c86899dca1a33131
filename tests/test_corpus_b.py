"""corpus_b (family B, written blind): the files open, labels fit their files and the contract, runs repeat."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from corpus_b.docs.identity import check_digit, mrz_td3
from corpus_b.generate import main
from schemas.records import DocumentRecord


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cb") / "a"
    assert main(["--out", str(out), "--n", "2", "--seed", "11", "--split", "dev", "--profile", "small"]) == 0
    return out


def _lines(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _page_count(path: Path) -> int:
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        assert all("/Font" not in (p.get("/Resources") or {}) for p in reader.pages), "scans carry no text layer"
        return len(reader.pages)
    with Image.open(path) as im:
        return int(getattr(im, "n_frames", 1))


def test_files_open_with_the_recorded_page_count_and_hash(corpus: Path) -> None:
    sources = _lines(corpus / "sources.jsonl")
    assert len(sources) == 2
    for s in sources:
        f = corpus / s["path"]
        assert hashlib.sha256(f.read_bytes()).hexdigest() == s["sha256"]
        assert _page_count(f) == s["pages"] == len(s["page_truth"])
        assert s["skipped_pages"] == [t["page"] for t in s["page_truth"] if t["kind"] != "document"]
        assert 5 <= s["pages"] <= 10


def test_documents_lie_inside_their_file_and_match_the_page_truth(corpus: Path) -> None:
    sources = {s["path"]: s for s in _lines(corpus / "sources.jsonl")}
    labels = _lines(corpus / "labels.jsonl")
    assert sum(s["documents"] for s in sources.values()) == len(labels)
    for d in labels:
        s = sources[d["source"]["path"]]
        first, last = d["source"]["first_page"], d["source"]["last_page"]
        assert 1 <= first <= last <= s["pages"]
        assert d["source"]["sha256"] == s["sha256"]
        mine = [t["page"] for t in s["page_truth"] if t["document"] == d["document_id"]]
        assert mine[0] == first and mine[-1] == last
        assert [p["page"] for p in d["pages"]] == mine
        for entry in d["dates"]:
            assert first <= entry["page"] <= last
        if d["document_date"]:
            assert any(e["value"] == d["document_date"] for e in d["dates"])


def test_labels_validate_against_the_contract(corpus: Path) -> None:
    for d in _lines(corpus / "labels.jsonl"):
        for fn in d["file_numbers"]:
            assert fn["value"] in fn.pop("variants")
        rec = DocumentRecord.model_validate(d)
        assert rec.document_id.startswith("d-") and rec.akte_id.startswith("a-")
        if rec.doc_type == "court_decision":
            assert rec.court is not None and any(p.role == "court" for p in rec.parties)
        else:
            assert rec.court is None


def test_same_arguments_give_byte_identical_files(corpus: Path, tmp_path: Path) -> None:
    again = tmp_path / "b"
    assert main(["--out", str(again), "--n", "2", "--seed", "11", "--split", "dev", "--profile", "small"]) == 0
    names = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    for n in names:
        assert (corpus / n).read_bytes() == (again / n).read_bytes(), n


def test_mrz_check_digits_follow_icao_9303() -> None:
    # the specimen of ICAO Doc 9303 part 4
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"
    _, line2 = mrz_td3("UTO", "Eriksson", "Anna Maria", "L898902C3", dt.date(1974, 8, 12), True, dt.date(2012, 4, 15))
    assert line2.startswith("L898902C36UTO7408122F1204159")
    assert len(line2) == 44
