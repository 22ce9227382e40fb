"""Hostile files through `kg ingest` and `kg build`, and readers during a build: exit, time, memory.

Each hostile file (generated small by :mod:`tests.reliability.hostile`: a workbook
claiming A1:XFD1048576, a merged range F1:XFD1048576, corrupt, XXE and
billion-laughs workbooks, a 1 MB page of ``colspan=1000`` cells, ``rowspan`` of
2³¹, a 1 MiB cell, a 200,000-character CSV cell, a BOM before a bad byte) is run
through ``kg ingest FILE --json`` and ``kg build FILE --db TMP`` as a subprocess;
for each the script prints the exit code, wall time, the child's own peak RSS
(``os.wait4``) and the first line of its message. Then the store cases (an empty
``CURRENT``, ``--db`` a folder of other files, ``ingest --out`` a folder), then the
concurrent run: ``kg build --full`` over synthetic lists while ``--readers``
processes run ``kg trace`` in a loop; it prints runs, exit codes, failures
(a traceback, "Corruption", or an exit code other than 0, 1, 3) and the longest wait.

Run from the repository root::

    nice -n 19 .venv/bin/python benchmarks/reliability.py
    nice -n 19 .venv/bin/python benchmarks/reliability.py --readers 4 --items 3000
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.reliability.hostile import HOSTILE, list_text, write_all

KG = Path(sys.executable).with_name("kg")
TIMEOUT = 300.0
TRACE = "中华人民共和国社会保险法第八十七条"


@dataclass
class Run:
    """One finished subprocess: exit code, wall seconds, peak RSS in MB, stderr."""

    code: int
    seconds: float
    peak_mb: float
    stderr: str


def run(args: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``kg ARGS`` and measure it alone (``os.wait4`` gives this child's own rusage)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [str(KG), *args],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, "COLUMNS": "240", **(env or {})},
        )
        timer = threading.Timer(TIMEOUT, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Run(process.returncode, time.perf_counter() - started, usage.ru_maxrss / 1024, text)


def first_line(text: str) -> str:
    """The message worth printing: the first line that says error/busy, else the last line."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("error", "busy", "Traceback")):
            return line[:150]
    return (lines[-1] if lines else "")[:150]


def files(folder: Path) -> None:
    print("\n## hostile files: kg ingest FILE --json, then kg build FILE --db NEW")
    print(
        f"{'file':22} {'bytes':>9} | {'ingest':>6} {'s':>6} {'MB':>6} | {'build':>5} {'s':>6} {'MB':>6} | message"
    )
    paths = write_all(folder / "hostile")
    for name, path in paths.items():
        ingest = run(["ingest", str(path), "--json"])
        build = run(["build", str(path), "--db", str(folder / f"db-{name}"), "--jobs", "1"])
        expected = HOSTILE[name][1]
        mark = "" if ingest.code == expected else f"  (expected {expected})"
        print(
            f"{name:22} {path.stat().st_size:>9,} | {ingest.code:>6} {ingest.seconds:>6.2f} {ingest.peak_mb:>6.0f} | "
            f"{build.code:>5} {build.seconds:>6.2f} {build.peak_mb:>6.0f} | {first_line(ingest.stderr)}{mark}"
        )


def stores(folder: Path) -> None:
    print("\n## stores and outputs")
    good = folder / "甲.txt"
    good.write_text(list_text(), encoding="utf-8")
    db = folder / "db-current"
    run(["build", str(good), "--db", str(db), "--jobs", "1"])
    (db / "CURRENT").write_bytes(b"")
    other = folder / "文档"
    other.mkdir()
    (other / "报告.docx").write_bytes(b"mine")
    cases = {
        "empty CURRENT, kg trace": ["trace", TRACE, "--db", str(db)],
        "--db a folder of files": ["build", str(good), "--db", str(other), "--jobs", "1"],
        "ingest --out a folder": ["ingest", str(good), "--out", str(folder)],
    }
    for label, args in cases.items():
        done = run(args)
        print(
            f"{label:26} exit {done.code}  {done.seconds:5.2f} s  {done.peak_mb:4.0f} MB  {first_line(done.stderr)}"
        )


def readers(folder: Path, count: int, items: int) -> None:
    corpus = folder / "lists"
    subprocess.run(
        [str(KG), "synth", str(corpus), "--items", str(items), "--formats", "txt", "--seed", "1"],
        check=True,
        capture_output=True,
    )
    db = folder / "db-readers"
    first = run(["build", str(corpus), "--db", str(db)])
    print(f"\n## {count} readers (kg trace, KG_LOCK_WAIT=10) during kg build --full of {items:,} items")
    print(f"first build: exit {first.code}, {first.seconds:.1f} s")
    stop = threading.Event()
    results: list[Run] = []
    lock = threading.Lock()

    def reader() -> None:
        while not stop.is_set():
            done = run(["trace", TRACE, "--db", str(db), "--json"], env={"KG_LOCK_WAIT": "10"})
            with lock:
                results.append(done)

    started = time.perf_counter()
    build = subprocess.Popen(
        [str(KG), "build", str(corpus), "--db", str(db), "--full"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "KG_LOCK_WAIT": "60"},
    )
    threads = [threading.Thread(target=reader) for _ in range(count)]
    for thread in threads:
        thread.start()
    _, build_err = build.communicate(timeout=TIMEOUT)
    build_seconds = time.perf_counter() - started
    stop.set()
    for thread in threads:
        thread.join(timeout=TIMEOUT)
    codes = Counter(r.code for r in results)
    failures = [
        r for r in results if r.code not in (0, 1, 3) or "Traceback" in r.stderr or "Corruption" in r.stderr
    ]
    print(
        f"rebuild: exit {build.returncode}, {build_seconds:.1f} s{'  ' + first_line(build_err.decode()) if build.returncode else ''}"
    )
    print(
        f"reader runs: {len(results)}, exit codes {dict(sorted(codes.items()))}, failures {len(failures)}, "
        f"longest run {max((r.seconds for r in results), default=0):.1f} s, "
        f"peak {max((r.peak_mb for r in results), default=0):.0f} MB"
    )
    for failure in failures[:3]:
        print(f"  failure: exit {failure.code}: {first_line(failure.stderr)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--readers", type=int, default=4, help="concurrent kg trace loops during the build")
    parser.add_argument(
        "--items", type=int, default=3000, help="synthetic items the concurrent build rebuilds"
    )
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} {platform.node()} cores={os.cpu_count()} "
        f"python={platform.python_version()} commit={commit} load={os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory(prefix="kg-reliability-") as temp:
        folder = Path(temp)
        files(folder)
        stores(folder)
        readers(folder, args.readers, args.items)


if __name__ == "__main__":
    main()
