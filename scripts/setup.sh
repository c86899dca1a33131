#!/usr/bin/env bash
# Installs everything eakte needs on a fresh Debian machine: system packages and the Python venv.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
APT_PACKAGES="tesseract-ocr tesseract-ocr-deu tesseract-ocr-osd libmagic1 poppler-utils ghostscript qpdf unpaper fonts-dejavu-core fonts-urw-base35 libxml2-utils postgresql chromium chromium-driver"
missing=""
for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test]'
echo "eakte is set up: .venv/bin/eakte --help"
