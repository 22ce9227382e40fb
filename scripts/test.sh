#!/usr/bin/env bash
# Quick start, command 2: install what the tests need (Python packages, Debian's chromium with a
# CJK font — without one every Chinese character renders as a box — and virtuoso-opensource for
# the browser and SPARQL-server tests) and run the whole suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh test
apt_install chromium chromium-driver fonts-wqy-microhei virtuoso-opensource \
  || echo "warning: could not install chromium/fonts/virtuoso; the tests that need them will be skipped with the reason"
export PATH="$PWD/.venv/bin:$PATH"

ruff check .
ruff format --check .
pytest -ra "$@"
