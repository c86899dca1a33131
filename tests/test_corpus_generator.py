"""The corpus generator: deterministic, truth consistent with the files, valid MRZ, disjoint splits."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from corpus.akte import Profile, build_akte
from corpus.courts import BVERWG, HIGHER, VGS, bamf_number, file_number
from corpus.generate import akte_key, generate
from corpus.mrz import check_digit, td3, valid_td3
from schemas.records import DocumentRecord

ROOT = Path(__file__).resolve().parent.parent
FIXED = ROOT / "tests" / "data" / "akten"
SAMPLES_TRUTH = ROOT / "tests" / "data" / "samples"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _page_count(path: Path) -> int:
    if path.suffix == ".pdf":
        return len(PdfReader(path).pages)
    with Image.open(path) as im:
        return int(getattr(im, "n_frames", 1))


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate(out, 2, 7, "dev", profile="small", workers=1, formats=["pdf", "tiff"])
    return out


def test_same_seed_same_bytes(small_corpus: Path, tmp_path: Path) -> None:
    # Akte 1 again, alone: same file bytes (sha256 in the truth) and same labels.
    generate(tmp_path, 1, 7, "dev", profile="small", workers=1, formats=["pdf"])
    again = _jsonl(tmp_path / "labels.jsonl")
    first = [d for d in _jsonl(small_corpus / "labels.jsonl") if d["akte_id"] == again[0]["akte_id"]]
    assert again == first
    assert _jsonl(tmp_path / "sources.jsonl")[0] == _jsonl(small_corpus / "sources.jsonl")[0]


def test_splits_and_seeds_differ() -> None:
    keys = {akte_key(s, 3, 1) for s in ("train", "dev", "test")}
    assert len(keys) == 3
    a = build_akte(akte_key("train", 3, 1), Profile())
    b = build_akte(akte_key("test", 3, 1), Profile())
    assert (a.case.person.given, a.case.birth) != (b.case.person.given, b.case.birth)


@pytest.mark.parametrize("corpus", ["small", "fixed", "samples"])
def test_truth_matches_files(corpus: str, small_corpus: Path) -> None:
    root = {"small": small_corpus, "fixed": FIXED, "samples": SAMPLES_TRUTH}[corpus]
    sources = _jsonl(root / "sources.jsonl")
    docs = _jsonl(root / "labels.jsonl")
    assert sources and docs
    for src in sources:
        path = (root / src["path"]).resolve()
        assert hashlib.sha256(path.read_bytes()).hexdigest() == src["sha256"]
        assert _page_count(path) == src["pages"] == len(src["page_truth"])
        mine = [d for d in docs if d["source"]["sha256"] == src["sha256"]]
        assert len(mine) == src["documents"]
        covered: list[int] = []
        for d in mine:
            covered += list(range(d["source"]["first_page"], d["source"]["last_page"] + 1))
        # Every page is in exactly one document or is a skipped (separator/blank) page.
        assert sorted(covered + src["skipped_pages"]) == list(range(1, src["pages"] + 1))
    for d in docs:
        rec = {**d, "file_numbers": [{k: v for k, v in f.items() if k != "variants"} for f in d["file_numbers"]]}
        DocumentRecord.model_validate(rec)
        first, last = d["source"]["first_page"], d["source"]["last_page"]
        assert 1 <= last - first + 1 <= 4
        assert all(first <= x["page"] <= last for x in d["dates"])
        assert d["document_date"] is not None


def test_fixed_set_is_small() -> None:
    sources = _jsonl(FIXED / "sources.jsonl")
    assert len(sources) == 4
    assert {s["mime_type"] for s in sources} == {"application/pdf", "image/tiff"}
    assert all(s["pages"] <= 10 and 2 <= s["documents"] <= 4 for s in sources)
    assert sum(s["size_bytes"] for s in sources) < 3_000_000


def test_mrz_check_digits() -> None:
    # ICAO 9303 part 4 specimen (Utopia, Eriksson Anna Maria).
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"
    line1, line2 = td3(country="UTO", surname="Eriksson", given="Anna María", number="L898902C3", nationality="UTO",
                       birth=dt.date(1974, 8, 12), sex="F", expiry=dt.date(2012, 4, 15), personal="ZE184226B")
    assert line1 == "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
    assert line2 == "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    assert valid_td3(line2)


def test_passports_in_corpus_have_valid_mrz() -> None:
    from corpus.case import make_case
    from corpus.templates import identity

    for i in range(30):
        rng = random.Random(i)
        _, (line1, line2) = identity.passport(rng, make_case(rng), 1)
        assert len(line1) == len(line2) == 44 and line1.startswith("P<")
        assert valid_td3(line2), line2


def test_file_number_formats() -> None:
    import re

    rng = random.Random(1)
    patterns = {
        "nrw": r"^\d{1,2} [KL] \d{3,4}/\d{2}(\.A)?$",
        "bay": r"^[A-Z]{1,2} \d{1,2} [KS] \d{2}\.\d{3,5}$",
        "berlin": r"^(VG|OVG) \d{1,2} [KLB] \d{1,3}\.\d{2}( A)?$",
        "ovg_nrw": r"^\d{1,2} [AB] \d{3,4}/\d{2}(\.A)?$",
        "bverwg": r"^\d{1,2} [BC] \d{1,2}\.\d{2}$",
    }
    for court in (*VGS, *HIGHER, BVERWG):
        for _ in range(20):
            az, _variants = file_number(rng, court, 2018, urgent=rng.random() < 0.5, asylum=rng.random() < 0.5)
            if court.style in patterns:
                assert re.match(patterns[court.style], az), (court.name, az)
    for _ in range(20):
        assert re.match(r"^\d{7}-\d{3}$|^\d{8}-\d-\d{3}$", bamf_number(rng, "475"))


def test_add_years_keeps_the_day_and_clamps_29_february() -> None:
    import datetime as dt

    from corpus.dates import add_years

    assert add_years(dt.date(2019, 3, 31), 2) == dt.date(2021, 3, 31)
    assert add_years(dt.date(2020, 2, 29), 1) == dt.date(2021, 2, 28)
    assert add_years(dt.date(2020, 2, 29), 4) == dt.date(2024, 2, 29)
