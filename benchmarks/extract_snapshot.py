"""Dump what the extractor finds on every known input, to check a speed change changed nothing.

Writes one JSON line per input (``{"id": …, "c": [citation.to_dict() …]}``) for the cells
of the two sample lists, the fields gold, the real cells, a generated corpus, the first
20,000 characters of each hostile cell and the Civil Code read in document mode. Run it
before and after a change and compare the files byte for byte::

    python benchmarks/extract_snapshot.py before.jsonl
    # … change the extractor …
    python benchmarks/extract_snapshot.py after.jsonl && cmp before.jsonl after.jsonl

Usage: ``python benchmarks/extract_snapshot.py OUT [--cells N]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import CIVIL_CODE, REAL_CELLS, corpus, hostile_cells

from extractors import extract
from kg.evaluate import load_gold
from kg.ingest import read_list

__all__ = ["inputs", "main"]

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "data" / "samples"
HOSTILE_CHARS = 20_000
"""Each hostile cell is cut to this length: enough for every pattern, quick to dump."""


def inputs(cells: int) -> Iterator[tuple[str, str, str | None, str | None]]:
    """(id, text, column, document title) of every input, in a fixed order."""
    for sample in sorted(SAMPLES.glob("*.txt")):
        for item in read_list(sample).items:
            for column, attr in (
                ("实施依据", "basis"),
                ("责任事项", "duties"),
                ("追责情形", "accountability"),
            ):
                yield f"{sample.name}#{item.seq}/{column}", getattr(item, attr) or "", column, None
    for cell in load_gold(ROOT / "tests" / "gold" / "fields.citations.jsonl"):
        yield cell.id, cell.text, cell.column, None
    if REAL_CELLS.is_file():
        for line in REAL_CELLS.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            yield record["id"], record["text"], record.get("column"), None
    for number, text in enumerate(corpus(cells, seed=7)):
        yield f"generated-{number}", text, None, None
    for name, text in hostile_cells(1).items():
        yield f"hostile:{name}", text[:HOSTILE_CHARS], None, None
    if CIVIL_CODE.is_dir():
        files = sorted(p for p in CIVIL_CODE.glob("*.md") if not p.name.startswith("_"))
        text = "\n".join(p.read_text(encoding="utf-8") for p in files)
        yield "civil-code", text, None, "中华人民共和国民法典"


def main() -> None:
    """Write the snapshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cells", type=int, default=3000, help="generated cells to include")
    args = parser.parse_args()
    count = 0
    with args.out.open("w", encoding="utf-8") as handle:
        for record_id, text, column, document in inputs(args.cells):
            found = extract(text, column=column, document=document)
            handle.write(
                json.dumps({"id": record_id, "c": [c.to_dict() for c in found]}, ensure_ascii=False) + "\n"
            )
            count += 1
    print(f"{args.out}: {count} inputs")


if __name__ == "__main__":
    main()
