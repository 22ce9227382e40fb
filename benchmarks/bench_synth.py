"""How fast ``kg synth`` writes synthetic lists, per format: rows/s, MB/s, peak memory.

Each configuration runs in a fresh child process, so its peak memory (max RSS, from
``os.wait4``) is its own. Prints one line per configuration and a summary; the target
(issue 7) is that 1,000,000 items take a small fraction of the 10-minute end-to-end
budget, i.e. at least 20,000 rows/s for txt and csv.

    python benchmarks/bench_synth.py                      # 100,000 items, each format + mixed
    python benchmarks/bench_synth.py --items 1000000 --jobs 2 --formats txt,csv
    python benchmarks/bench_synth.py --items 20000 --configs txt csv   # quick look
    python benchmarks/bench_synth.py --configs txt:6,csv:3,xlsx:1       # weighted mix
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main", "run_config"]

DEFAULT_ITEMS = 100_000
DEFAULT_CONFIGS = ("txt", "csv", "xlsx", "txt,csv,xlsx")
TARGET_ROWS_PER_SECOND = 20_000
"""Issue 7: generation must stay a small fraction of the 10-minute budget at 1M items."""


def run_config(out_dir: Path, items: int, lists: int | None, formats: str, seed: int, jobs: int) -> dict:
    """Generate once in this process and return the figures (used by the child)."""
    from kg.synth import parse_formats, synthesize

    started = time.perf_counter()
    chosen = parse_formats(formats)
    result = synthesize(out_dir, items, lists=lists, seed=seed, formats=chosen, jobs=jobs)
    seconds = time.perf_counter() - started
    return {
        "formats": formats,
        "items": items,
        "lists": result.lists,
        "jobs": jobs,
        "seconds": seconds,
        "bytes": result.bytes,
    }


def _child(args: argparse.Namespace, formats: str) -> dict:
    """Run one configuration in a fresh interpreter; add its peak memory."""
    out = Path(tempfile.mkdtemp(prefix="bench-synth-"))
    cmd = [
        sys.executable,
        __file__,
        "--child",
        formats,
        "--items",
        str(args.items),
        "--seed",
        str(args.seed),
        "--jobs",
        str(args.jobs),
        "--out",
        str(out),
    ]
    if args.lists:
        cmd += ["--lists", str(args.lists)]
    try:
        with tempfile.TemporaryFile("w+") as stdout:
            proc = subprocess.Popen(cmd, stdout=stdout)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode:
                raise SystemExit(f"configuration {formats} failed (exit {proc.returncode})")
            stdout.seek(0)
            figures = json.loads(stdout.read())
    finally:
        shutil.rmtree(out, ignore_errors=True)
    figures["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux reports KiB
    # CPU seconds of the child and its workers: on a shared machine wall time swings
    # with other people's load, CPU time much less
    figures["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return figures


def _line(f: dict) -> str:
    rate = f["items"] / f["seconds"]
    cpu_rate = f["items"] / f["cpu_seconds"]
    verdict = "ok" if rate >= TARGET_ROWS_PER_SECOND else "BELOW TARGET (wall)"
    mark = "" if "xlsx" in f["formats"] else f"  {verdict}"
    return (
        f"{f['formats']:<18} {f['items']:>10,} items {f['lists']:>7,} lists  jobs {f['jobs']}  "
        f"{f['seconds']:8.2f} s wall {rate:>9,.0f} rows/s  "
        f"{f['cpu_seconds']:8.2f} s cpu {cpu_rate:>9,.0f} rows/cpu-s  "
        f"{f['bytes'] / 1e6:9.1f} MB {f['bytes'] / 1e6 / f['seconds']:6.1f} MB/s  "
        f"peak {f['peak_rss_mb']:6.1f} MB{mark}"
    )


def main(argv: list[str] | None = None) -> None:
    """Parse arguments; as parent run every configuration, as child run one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=DEFAULT_ITEMS)
    parser.add_argument("--lists", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument(
        "--configs",
        nargs="+",
        default=list(DEFAULT_CONFIGS),
        help="format lists to measure, e.g. txt csv txt,csv,xlsx",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_config(args.out, args.items, args.lists, args.child, args.seed, args.jobs)))
        return
    print(
        f"# kg synth benchmark — {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, "
        f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"# target: ≥ {TARGET_ROWS_PER_SECOND:,} rows/s for txt and csv; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} at start"
    )
    for formats in args.configs:
        print(_line(_child(args, formats)), flush=True)


if __name__ == "__main__":
    main()
