"""Generate the shipped law library (``kg/laws/data/library.zip``) from a LawRefBook snapshot.

It reads the folder with the same reader ``kg laws import`` uses, keeps the national kinds
(constitution, laws, administrative regulations, judicial interpretations, departmental
rules; every version the snapshot has) and packs them (:mod:`kg.laws.packed`) with a header
naming the snapshot commit and its newest version date. Local regulations (``DLC/``) are
left to ``kg laws import``. Run after updating the snapshot::

    python tools/build_law_library.py ../shared/laws            # rewrite the shipped pack
    python tools/build_law_library.py ../shared/laws --commit 2f4c5c2

``--repack`` builds the library again from the pack's own instruments with the code as it
is now, and writes it back: run it after a change to the code that decides the packed facts
(``kg.laws.packed.CODE_FILES``), which ``tests/laws/test_packed.py`` reports::

    python tools/build_law_library.py --repack
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.laws.lawrefbook import LawRefBookFolder  # noqa: E402
from kg.laws.library import SHIPPED_FILE, Library  # noqa: E402
from kg.laws.packed import read_pack, write_pack  # noqa: E402

__all__ = ["SHIPPED_KINDS", "main"]

SHIPPED_KINDS = ("宪法", "法律", "行政法规", "司法解释", "部门规章")
"""The kinds the package ships: what a national power list cites; local regulations are imported."""

TARGET = ROOT / "kg" / "laws" / "data" / SHIPPED_FILE
_COMMIT = re.compile(r"commit\s+([0-9a-f]{7,40})")


def snapshot_commit(folder: Path) -> str | None:
    """The LawRefBook commit the snapshot's README names (``… (commit 2f4c5c2)``)."""
    readme = folder / "README.md"
    if not readme.is_file():
        return None
    match = _COMMIT.search(readme.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def repack(source: Path, out: Path) -> int:
    """Pack the instruments of the pack ``source`` again with this code, header kept."""
    header, instruments = read_pack(source)
    write_pack(out, header, Library(instruments))
    print(f"{out}: repacked {len(instruments)} instruments, {out.stat().st_size:,} bytes")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Build the shipped library pack; print what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", help="a LawRefBook snapshot (../shared/laws)")
    parser.add_argument("--commit", help="the snapshot's LawRefBook commit (default: read from its README)")
    parser.add_argument("--out", type=Path, default=TARGET)
    parser.add_argument(
        "--repack",
        action="store_true",
        help="pack the shipped instruments again with this code (no snapshot)",
    )
    args = parser.parse_args(argv)
    if args.repack:
        return repack(TARGET, args.out)
    if args.folder is None:
        parser.error("give the snapshot folder, or --repack")
    folder = LawRefBookFolder(args.folder)
    library = Library(folder.instruments())
    kept = [law for law in library if law.kind in SHIPPED_KINDS]
    dates = [v.date for law in kept for v in law.versions if v.date]
    header = {
        "source": "LawRefBook/Laws (https://github.com/LawRefBook/Laws), texts from the national database of laws",
        "snapshot_commit": args.commit or snapshot_commit(args.folder),
        "snapshot_date": max(dates) if dates else None,
        "kinds": list(SHIPPED_KINDS),
        "counts": dict(sorted(Counter(law.kind for law in kept).items())),
        "versions": sum(len(law.versions) for law in kept),
    }
    write_pack(args.out, header, Library(kept))
    for path, reason in folder.skipped:
        print(f"skipped {path}: {reason}", file=sys.stderr)
    print(
        f"{args.out}: {len(kept)} instruments, {header['versions']} versions, {args.out.stat().st_size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
