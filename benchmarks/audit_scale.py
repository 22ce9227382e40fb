"""Time the audit on synthetic lists and print findings per kind.

    /work/venv/bin/python benchmarks/audit_scale.py [ITEMS] [LISTS]

Synthetic quotes are drawn at random, so quote conflicts and divergences are many
here: the figure that matters is the time, not the counts.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from extractors import extract
from kg.audit import audit
from kg.ingest import iter_input_files, read_list
from kg.synth import synthesize


def main() -> None:
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    lists = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    with tempfile.TemporaryDirectory() as tmp:
        synthesize(Path(tmp), items, lists=lists, seed=7, formats=("txt",), jobs=1)
        started = time.perf_counter()
        results = [read_list(path) for path in iter_input_files([Path(tmp)])]
        read = time.perf_counter()
        findings = audit(results, extract)
        done = time.perf_counter()
    print(f"{items} items in {lists} lists: read {read - started:.1f} s, extract+audit {done - read:.1f} s")
    for kind, count in sorted(Counter(f.kind for f in findings).items()):
        print(f"  {kind:22} {count}")


if __name__ == "__main__":
    main()
