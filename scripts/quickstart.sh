#!/usr/bin/env bash
# Quick start, command 1: set up .venv and run the main job on the bundled sample lists:
# build the graph (./kg-data), audit the lists (findings saved in the store), write the site (./site).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

kg build                                   # read, extract, load: ./kg-data
kg audit --store oxigraph --json > findings.jsonl   # findings into the store and into findings.jsonl
echo "audit: $(wc -l < findings.jsonl) findings in findings.jsonl (and on site/findings.html)"
kg trace "社会保险法第五十八条"              # the question legal staff ask most
kg site site                               # the offline site; prints the index.html path
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
  echo "note: this machine has no Chinese font, so a browser here shows boxes; install one, e.g." \
    "apt-get install fonts-wqy-microhei (Debian) — Windows and macOS have theirs already"
fi
