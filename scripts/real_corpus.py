"""Builds one labelled corpus folder from both shared batches of real court decisions (200 PDFs).

    python scripts/real_corpus.py --out /tmp/real200 [--parties eakte/evaluation/data/real_parties.jsonl]

Why: `eakte eval` scores one folder; the decisions come in two batches with a labels file each.
The PDFs are copied (not linked: links leaving the input folders are not followed by migrate), and
the labels are merged; with `--parties`, labelled Rubrum parties are added to the matching records.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
BATCHES = ("real-court-decisions", "real-court-decisions-2")


def build(out: Path, shared: Path = SHARED, parties: Path | None = None) -> int:
    (out / "pdf").mkdir(parents=True, exist_ok=True)
    extra = {}
    if parties is not None and parties.exists():
        for line in parties.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                extra[row["sha256"]] = row["parties"]
    n = 0
    with (out / "labels.jsonl").open("w", encoding="utf-8") as f:
        for batch in BATCHES:
            folder = shared / batch
            for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                rec = json.loads(line)
                name = rec["source"]["path"]
                target = out / "pdf" / name
                if not target.exists():
                    shutil.copyfile(folder / "pdf" / name, target)
                if rec["source"]["sha256"] in extra:
                    rec["parties"] = extra[rec["source"]["sha256"]]
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--parties", type=Path, default=None)
    args = ap.parse_args()
    print(f"{build(args.out, args.shared, args.parties)} labelled decisions in {args.out}")


if __name__ == "__main__":
    main()
