"""Audit the bundled samples and print gold recall, findings per kind and time.

/work/venv/bin/python benchmarks/audit_gold.py [GOLD]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from extractors import extract
from kg.audit import audit
from kg.audit.gold import load_gold, score
from kg.ingest import bundled_samples, read_list


def main() -> None:
    gold_path = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/gold/seeds.findings.jsonl")
    started = time.perf_counter()
    results = [read_list(path) for path in bundled_samples()]
    read = time.perf_counter()
    findings = audit(results, extract)
    done = time.perf_counter()
    matched, missed = score(load_gold(gold_path), findings)
    print(f"gold recall: {len(matched)}/{len(matched) + len(missed)}")
    for gold in missed:
        print(f"  missed: {gold}")
    print(f"findings: {len(findings)}")
    for kind, count in sorted(Counter(f.kind for f in findings).items()):
        print(f"  {kind:22} {count}")
    print(f"read {read - started:.2f} s, extract+audit {done - read:.3f} s")


if __name__ == "__main__":
    main()
