"""Write a generated corpus's `.ocr` cache (page texts + confidences) from the store of an `eakte eval` run.

    python scripts/ocr_cache_from_store.py EVAL_DATA_DIR/store CORPUS_DIR

Why: scripts/dev_ideal_eval.py --ocr and scripts/train_review.py read page texts from CORPUS/.ocr. Taking
them from a pipeline run (instead of a separate tesseract pass) makes them exactly what the pipeline read,
so re-scoring with changed extractors reproduces `eakte eval` in seconds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(store: Path, corpus: Path) -> int:
    cache = corpus / ".ocr"
    cache.mkdir(exist_ok=True)
    by_sha = {json.loads(line)["sha256"]: json.loads(line)
              for line in (corpus / "sources.jsonl").read_text().splitlines() if line.strip()}
    n_src = n_pages = 0
    for akte in sorted((store / "akten").iterdir()):
        src = json.loads((akte / "source.json").read_text())
        label = by_sha.get(src["sha256"])
        if label is None:
            continue
        stem = Path(label["path"]).stem
        texts: dict[int, tuple[str, float | None]] = {}
        for record in akte.glob("d-*.json"):
            doc = json.loads(record.read_text())
            parts = record.with_suffix(".txt").read_text().split("\f")
            pages = doc["pages"]
            parts += [""] * (len(pages) - len(parts))
            for page, text in zip(pages, parts, strict=False):
                texts[page["page"]] = (text, page.get("ocr_confidence"))
        for n in range(1, label["pages"] + 1):
            text, conf = texts.get(n, ("", None))
            (cache / f"{stem}.{n}.txt").write_text(text)
            if conf is not None:
                (cache / f"{stem}.{n}.conf").write_text(f"{conf:.1f}")
            n_pages += 1
        n_src += 1
    print(f"{n_src} sources, {n_pages} pages -> {cache}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
