"""List every title the extractor recovers in the shipped law texts, to check recovery's precision.

A wrong recovery cites the wrong law, so each one is printed with the line it was found
in for a reader to judge, and the counts by kind of damage at the end::

    python benchmarks/recover_scan.py            # every law text under shared/laws
    python benchmarks/recover_scan.py --every 4  # a quarter of them, quicker

Each line that holds a title bracket is read as one cell (law texts cite other laws in
their own words, which is where copying damage and short forms such as 《实施条例》 show).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import CIVIL_CODE

from extractors import extract

__all__ = ["main", "recoveries"]

LAWS = CIVIL_CODE.parent
CONTEXT = 40
"""Characters of the line shown on each side of a recovered title."""


def recoveries(files: list[Path]) -> tuple[int, list[tuple[str, str, str, str]]]:
    """(characters read, [(file, note, official title, context)]) over ``files``."""
    found: list[tuple[str, str, str, str]] = []
    size = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        size += len(text)
        for line in text.splitlines():
            if "《" not in line and "》" not in line:
                continue
            for cited in extract(line):
                for note in cited.notes:
                    if note.startswith(("recovered_title:", "recovery_ambiguous:")):
                        start, end = cited.span
                        context = line[max(0, start - CONTEXT) : end + CONTEXT]
                        found.append((path.name, note, cited.instrument.title or "", context))
    return size, found


def main(argv: list[str] | None = None) -> int:
    """Print each recovery with its context, then the counts by kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="read every Nth law text only")
    args = parser.parse_args(argv)
    files = sorted(LAWS.rglob("*.md"))[:: max(1, args.every)]
    if not files:
        print(f"no law texts under {LAWS}", file=sys.stderr)
        return 2
    size, found = recoveries(files)
    for name, note, title, context in found:
        print(f"{name}\t{note}\t→ {title}\t…{context}…")
    kinds = Counter(note.split(":")[0] + ":" + note.split(":")[1] for _, note, _, _ in found)
    print(f"{len(files)} law texts, {size / 1e6:.1f} M characters: {len(found)} notes")
    for kind, count in sorted(kinds.items()):
        print(f"  {kind}: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
