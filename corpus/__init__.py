"""Synthetic scanned Ausländerakten with ground truth, so the pipeline can be measured.

`python -m corpus.generate --out DIR --n 40 --seed 3 --split test` writes image-only PDFs and
multi-page TIFFs under DIR/scans/ plus DIR/labels.jsonl (DocumentRecord per document) and
DIR/sources.jsonl (per-source page truth). Conventions of the truth are in corpus/README.md.
"""

from __future__ import annotations
