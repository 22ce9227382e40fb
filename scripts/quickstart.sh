#!/usr/bin/env bash
# Quick start, command 1: set up .venv and run the main job on the bundled sample lists.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

kg ingest
