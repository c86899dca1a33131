#!/usr/bin/env bash
# The project's test command: lint, types, import layers, then the whole test suite (pytest's "no tests" is a failure).
set -uo pipefail
cd "$(dirname "$0")/.."
export OMP_THREAD_LIMIT=1 PREFECT_SERVER_ANALYTICS_ENABLED=false
.venv/bin/ruff check . || exit 1
.venv/bin/mypy eakte flows extractors schemas corpus corpus_b || exit 1
.venv/bin/lint-imports --no-cache || exit 1  # layer rules (pyproject [tool.importlinter])
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
rc=$?
if [ "$rc" -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi
exit "$rc"
