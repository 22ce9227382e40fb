"""How long ``kg`` takes to start: ``kg --help`` and ``kg trace`` as whole commands, in fresh processes.

For ``kg trace`` two figures: *start-up*, from launching the process to the
command's first touch of the store (the look-up of its backend) (every import it needs is done by then, nothing
of the trace itself), and the *whole command* (start-up, opening the store, the
query, printing, exit). Each figure is the median of ``--runs`` runs, wall clock, with
the CPU seconds (user + system; for start-up, the process's own CPU time until then)
of the same runs beside it, which a busy machine inflates far less.

The stores: the bundled samples (built here in a temporary folder) and, with
``--items N``, a synthetic corpus of N items (``kg synth`` + ``kg build``, kept under
``benchmarks/out/`` for the next run), and any store given with ``--db``. ``--tree DIR`` runs another checkout (e.g.
``git archive <commit> | tar -x -C DIR``) with this venv, for before/after figures.

    python benchmarks/bench_startup.py [--items 10000] [--db STORE …] [--runs 9] [--tree /tmp/base]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
REFERENCE = "社会保险法第五十八条"
"""The README's example: an article three powers of the samples rest on."""
SYNTHETIC_REFERENCE = "《中华人民共和国行政处罚法》第八条"
"""An article the synthetic lists cite (15 powers at 10,000 items), as ``bench_build.py`` traces it."""

# The child runs the real entry point; it only wraps the look-up of the store backend,
# which every command makes when it opens its store, to note when the command starts
# its own work (a module-level name, so the wrapper is seen however early kg imports it).
CHILD = """
import sys, time
launched = float(sys.argv[1])
import kg.store.registry as registry
backend = registry.get
def timed_get(*args, **kwargs):
    sys.stderr.write(f"\\nSTARTED {time.time() - launched:.6f} {time.process_time():.6f}\\n")
    return backend(*args, **kwargs)
registry.get = timed_get
from kg.cli import main
sys.argv = ["kg", *sys.argv[2:]]
main()
"""


def _env(tree: Path | None) -> dict[str, str]:
    env = dict(os.environ, COLUMNS="100", NO_COLOR="1")
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    return env


def _run(args: list[str], tree: Path | None) -> tuple[float, float, tuple[float, float] | None]:
    """One run: wall s, CPU s, and start-up (wall s, CPU s), None when the command opened no store."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    launched = time.time()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, repr(launched), *args],
        capture_output=True,
        text=True,
        env=_env(tree),
        cwd=tree or ROOT,
        check=False,
    )
    wall = time.time() - launched
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    started = [line for line in done.stderr.splitlines() if line.startswith("STARTED ")]
    if not started:
        return wall, cpu, None
    _, start_wall, start_cpu = started[0].split()
    return wall, cpu, (float(start_wall), float(start_cpu))


def _measure(label: str, args: list[str], runs: int, tree: Path | None) -> None:
    _run(args, tree)  # warm the page cache and the bytecode cache
    results = [_run(args, tree) for _ in range(runs)]
    wall = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    line = f"{label:<34} whole {wall:6.3f} s (CPU {cpu:5.3f} s)"
    starts = [r[2] for r in results if r[2] is not None]
    if starts:
        line += (
            f"   start-up {statistics.median(s[0] for s in starts):6.3f} s"
            f" (CPU {statistics.median(s[1] for s in starts):5.3f} s)"
        )
    print(f"{line}   median of {runs}, min {min(r[0] for r in results):.3f} s", flush=True)


def _kg(*args: str) -> None:
    subprocess.run([str(Path(sys.executable).with_name("kg")), *args], check=True, capture_output=True)


def _synthetic_store(items: int) -> Path:
    """A built store of ``items`` synthetic items (made once, then reused)."""
    data, db = OUT / "data" / f"startup{items}", OUT / "db" / f"startup{items}"
    if not (data / "synth-manifest.json").exists():
        _kg("synth", str(data), "--items", str(items), "--seed", "7", "--formats", "txt:6,csv:3,xlsx:1")
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        _kg("build", str(data), "--db", str(db))
    return db


def main() -> None:
    """Print the start-up figures, one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--items", type=int, default=0, help="also trace on a synthetic store of N items")
    parser.add_argument("--db", type=Path, action="append", default=[], help="also trace on this built store")
    parser.add_argument("--tree", type=Path, help="run the kg of this checkout instead (PYTHONPATH)")
    args = parser.parse_args()
    load = os.getloadavg()
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} {platform.node()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
        f"tree {args.tree or ROOT}",
        flush=True,
    )
    _measure("kg --help", ["--help"], args.runs, args.tree)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as temp:
        samples = Path(temp) / "kg-data"
        _kg("build", "--db", str(samples))
        _measure(
            "kg trace (samples, 2 lists)", ["trace", REFERENCE, "--db", str(samples)], args.runs, args.tree
        )
    if args.items:
        db = _synthetic_store(args.items)
        label = f"kg trace ({args.items:,} synthetic items)"
        _measure(label, ["trace", SYNTHETIC_REFERENCE, "--db", str(db)], args.runs, args.tree)
    for db in args.db:
        _measure(
            f"kg trace ({db.name})", ["trace", SYNTHETIC_REFERENCE, "--db", str(db)], args.runs, args.tree
        )


if __name__ == "__main__":
    main()
