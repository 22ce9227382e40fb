"""End-to-end ``kg build`` at scale: per-stage time and memory, query latency, incremental rebuilds.

For each size, on lists from ``kg synth`` (made once per size and kept under
``benchmarks/out/data/`` for the next run), in fresh child processes so every
peak-memory figure is that step's own:

1. full build into a fresh Oxigraph store (:func:`kg.scale.stream_build`, ``--jobs``
   workers): wall time, seconds per stage (read, extract, build triples — summed
   over workers — and load, in the parent), peak RSS of the parent and of the
   largest worker, peak memory summed over the parent and every worker (``VmHWM``),
   triples/s into the store, extraction-cache hit rate, size on disk;
2. rebuild of the unchanged corpus, then with one list changed (a byte appended);
3. latency (median, p95) of ``kg trace`` on cited provisions (``trace``: the page the
   command shows, :data:`kg.trace.PAGE` powers with the counts of all; ``trace_all``: every
   power; ``rows`` is the number of powers either way) and of the interactive canned
   queries, on the store opened read-only.

Prints one JSON line per size (``--json``) or readable lines; the figures go into
``benchmarks/RESULTS.md``.

    python benchmarks/bench_build.py --items 10000 100000 1000000 --jobs 2
    python benchmarks/bench_build.py --items 10000 --repeat 3      # quick look
    python benchmarks/bench_build.py --items 100000 --no-queries --data-root /tmp/data --db-root /tmp/db
    # a store whose build was stopped part-way: rebuild steps on the lists it holds, then latency
    python benchmarks/bench_build.py --rebuilds-and-queries DATA_DIR DB_DIR JOBS REPEAT

Environment: ``KG_BENCH_QUERY_TIMEOUT`` (seconds per trace/query process, default 10, which
includes opening the store), ``KG_BENCH_PIN_VERSION=0`` to let a code change between
build and rebuild force a full rebuild (default: pinned, see :func:`do_build`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

__all__ = ["QUERIES", "TRACES", "main"]

OUT = Path(__file__).resolve().parent / "out"
TRACES = (
    "社会保险法第五十八条",
    "《中华人民共和国行政处罚法》第八条",
    "国务院令第649号",
    "食品安全法第一百二十二条",
    "政府采购法第七十七条",
)
"""References a user would trace (laws the synthetic lists cite often and rarely)."""
QUERIES = (
    "most_cited_instruments",
    "most_cited_provisions",
    "items_without_basis",
    "shared_instruments",
    "powers_on_instrument",
    "powers_on_provision",
    "instrument_provisions",
    "agency_provisions",
    "instrument_labels",
    "resource_label",
)
"""The canned queries a user runs interactively (``site_*``/``analysis_*`` dump the whole graph)."""


def _synth(items: int, seed: int, data_root: Path = OUT / "data") -> Path:
    data = data_root / f"s{items}"
    if not (data / "synth-manifest.json").exists():
        subprocess.run(
            [
                str(Path(sys.executable).with_name("kg")), "synth", str(data), "--items", str(items),
                "--lists", str(max(1, items // 1000)), "--seed", str(seed),
                "--formats", "txt:6,csv:3,xlsx:1",
            ],
            check=True,
        )  # fmt: skip
    return data


def _child(args: list[str], timeout: float | None = None) -> dict:
    """Run this script with ``args`` in a fresh interpreter; return its JSON line (also logged to stderr)."""
    done = subprocess.run(
        [sys.executable, __file__, *args], check=True, stdout=subprocess.PIPE, text=True, timeout=timeout
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps({"step": args[0], **result}, ensure_ascii=False), file=sys.stderr, flush=True)
    return result


def _rss_mb() -> tuple[float, float]:
    """Peak RSS (MB) of this process and of its largest reaped child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def _hwm_mb(pid: int | str) -> float:
    """Peak resident memory (``VmHWM``, MB) of a live process; 0 when it is gone or not on Linux."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class _PeakSampler:
    """Each child process's ``VmHWM`` (its own peak), read every ``interval`` s while it lives.

    The build's workers are this process's children and end with the build, so their
    peaks are read while they run; the sum over processes is what the machine must hold
    at worst (the processes' peaks need not coincide, so it is an upper bound).
    """

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-hwm", daemon=True)

    def _children(self) -> list[int]:
        own = os.getpid()
        found = []
        for task in Path(f"/proc/{own}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                found += [int(pid) for pid in task.read_text(encoding="ascii").split()]
        return found

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in self._children():
                self.peaks[pid] = max(self.peaks.get(pid, 0.0), _hwm_mb(pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> _PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def do_build(data: Path, db: Path, jobs: int, full: bool, recorded_only: bool = False) -> dict:
    """One build in this process (the child side).

    ``recorded_only``: build only the files the store's manifest lists (to measure
    rebuilds on a store whose first build was stopped part-way).
    """
    import kg.scale.stream as stream_module
    from kg.ingest import iter_input_files
    from kg.scale import stream_build
    from kg.scale.manifest import MANIFEST_NAME, Manifest
    from kg.store.oxigraph import OxigraphStore

    recorded = Manifest.load(db / MANIFEST_NAME).version
    if recorded and os.environ.get("KG_BENCH_PIN_VERSION", "1") == "1":
        # A rebuild measures the code that built the store: if the source tree changed
        # during a long run (a commit landing), pin the version so the manifest holds.
        stream_module.pipeline_version = lambda: recorded  # type: ignore[assignment]
    started = time.perf_counter()
    files = iter_input_files([data])
    if recorded_only:
        known = set(Manifest.load(db / MANIFEST_NAME).entries)
        files = [path for path in files if str(path.resolve()) in known]
    target = OxigraphStore(db) if db.exists() else (lambda: OxigraphStore(db))
    with _PeakSampler() as sampler:
        summary, store = stream_build(files, target, jobs=jobs, full=full, counts=False)
        if store is not None:
            store.close()
    wall = time.perf_counter() - started
    parent, worker = _rss_mb()
    own = _hwm_mb("self") or parent
    return {
        "wall": wall,
        "lists": summary.lists,
        "unchanged": summary.unchanged,
        "items": summary.items,
        "citations": summary.citations,
        "triples": summary.triples,
        "stages": summary.stages,
        "cache_hit_rate": summary.cache_hit_rate,
        "rss_parent_mb": parent,
        "rss_worker_mb": worker,
        "rss_sum_mb": own + sum(sampler.peaks.values()),
        "processes": 1 + len(sampler.peaks),
        "errors": len(summary.errors),
    }


BUDGET = 30.0
"""Seconds one query may take in total: slow ones run fewer times (at least 3)."""
SLOW = 5.0
"""A query whose first run takes longer than this runs once (a 1M-item aggregate takes minutes)."""


def _latency(run: object, repeat: int) -> dict:
    times: list[float] = []
    while len(times) < repeat and (len(times) < 3 or sum(times) < BUDGET):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
        if times[0] > SLOW:
            break
    repeat = len(times)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"median_ms": statistics.median(times) * 1000, "p95_ms": p95 * 1000, "runs": repeat}


QUERY_TIMEOUT = float(os.environ.get("KG_BENCH_QUERY_TIMEOUT", "10"))
"""Seconds one trace or query may take (each runs in its own process, killed past this)."""


def _targets(store: object) -> dict:
    """IRIs to bind the canned queries to: the most cited instrument, one of its provisions, an agency."""
    from rdflib import URIRef

    from kg.queries import run_query

    top = run_query(store, "instrument_labels")  # type: ignore[arg-type]
    instrument = URIRef("https://w3id.org/qzqd-kg/id/instrument/中华人民共和国行政处罚法")
    if not any(row["instrument"] == instrument for row in top):
        instrument = top[0]["instrument"] if top else URIRef("urn:none")
    provisions = store.query(  # type: ignore[attr-defined]
        "SELECT ?p WHERE { ?p <https://w3id.org/qzqd-kg/ontology#instrument> ?i } LIMIT 1", {"i": instrument}
    )
    provision = provisions[0]["p"] if provisions else instrument
    agencies = store.query(  # type: ignore[attr-defined]
        "SELECT ?a WHERE { ?a a <https://w3id.org/qzqd-kg/ontology#Agency> } LIMIT 1"
    )
    agency = agencies[0]["a"] if agencies else URIRef("urn:none")
    return {"instrument": instrument, "target": provision, "agency": agency, "resource": provision}


def do_one(db: Path, kind: str, name: str, repeat: int) -> dict:
    """Time one trace (``kind`` trace) or canned query (``kind`` query) on the store (child side)."""
    from kg.queries import parameters, run_query
    from kg.store.oxigraph import OxigraphStore
    from kg.trace import PAGE, TraceError, trace

    store = OxigraphStore(db, read_only=True)
    counted = [0]
    if kind in ("trace", "trace_all"):
        limit = PAGE if kind == "trace" else None  # what `kg trace` shows on screen, or every power

        def run() -> None:
            try:
                counted[0] = trace(name, store, limit=limit).counts.powers
            except TraceError:
                counted[0] = -1

    else:
        values = _targets(store)
        bound = {key: values[key] for key in parameters(name) if key in values}

        def run() -> None:
            counted[0] = len(run_query(store, name, **bound))

    return {**_latency(run, repeat), "rows": counted[0]}


def do_queries(db: Path, repeat: int) -> dict:
    """Latency of trace and of the canned queries, each in its own process with a time limit."""
    out: dict[str, dict] = {"trace": {}, "trace_all": {}, "queries": {}}
    for kind, names in (("trace", TRACES), ("trace_all", TRACES), ("query", QUERIES)):
        for name in names:
            try:
                figures = _child(["--child-one", str(db), kind, name, str(repeat)], timeout=QUERY_TIMEOUT)
            except subprocess.TimeoutExpired:
                figures = {"timeout_s": QUERY_TIMEOUT}
            out["queries" if kind == "query" else kind][name] = figures
    return out


def _du_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def run_size(
    items: int,
    jobs: int,
    repeat: int,
    seed: int,
    db_root: Path = OUT / "db",
    data_root: Path = OUT / "data",
    queries: bool = True,
) -> dict:
    """Every figure for one size (the parent side); ``queries`` False skips the latency step."""
    data = _synth(items, seed, data_root)
    db = db_root / f"s{items}"
    shutil.rmtree(db, ignore_errors=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    result: dict = {"items_requested": items, "jobs": jobs, "input_mb": _du_mb(data)}
    result["build"] = _child(["--child-build", str(data), str(db), str(jobs)])
    result["disk_mb"] = _du_mb(db)
    result["unchanged"] = _child(["--child-build", str(data), str(db), str(jobs)])
    files = sorted(p for p in data.iterdir() if p.suffix in (".txt", ".csv"))
    changed = files[len(files) // 2]
    original = changed.read_bytes()
    try:
        changed.write_bytes(original + b"\n")
        result["one_changed"] = _child(["--child-build", str(data), str(db), str(jobs)])
    finally:
        changed.write_bytes(original)
    if queries:
        result["latency"] = _child(["--child-queries", str(db), str(repeat)])
    return result


def _print(result: dict) -> None:
    build = result["build"]
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in build["stages"].items())
    print(
        f"items {build['items']:,} lists {build['lists']} triples {build['triples']:,}: "
        f"build {build['wall']:.1f}s ({build['items'] / build['wall']:,.0f} rows/s; {stages}); "
        f"load {build['triples'] / max(build['stages']['load'], 1e-9):,.0f} triples/s; "
        f"peak RSS parent {build['rss_parent_mb']:.0f} MB, worker {build['rss_worker_mb']:.0f} MB, "
        f"sum over {build['processes']} processes {build['rss_sum_mb']:,.0f} MB; "
        f"cache hits {build['cache_hit_rate']:.0%}; disk {result['disk_mb']:.0f} MB "
        f"(input {result['input_mb']:.0f} MB)"
    )
    print(
        f"  rebuild unchanged {result['unchanged']['wall']:.2f}s; "
        f"one list changed {result['one_changed']['wall']:.2f}s ({result['one_changed']['lists']} rebuilt)"
    )
    latency = result.get("latency", {})
    for kind, measured in latency.items():
        for name, figures in measured.items():
            label = f"{kind} {name}" if kind != "queries" else name
            if "timeout_s" in figures:
                print(f"  {label}: > {figures['timeout_s']:.0f} s (stopped)")
                continue
            rows = f" rows {figures['rows']}" if "rows" in figures else ""
            print(f"  {label}: median {figures['median_ms']:.1f} ms p95 {figures['p95_ms']:.1f} ms{rows}")


def main() -> None:
    """Parse arguments; run each size; print."""
    from kg.scale.manifest import MANIFEST_NAME, Manifest

    if len(sys.argv) > 1 and sys.argv[1] == "--child-build":
        data, db, jobs = Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
        print(json.dumps(do_build(data, db, jobs, full=False)))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--child-rebuild-recorded":
        data, db, jobs = Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
        print(json.dumps(do_build(data, db, jobs, full=False, recorded_only=True)))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--rebuilds-and-queries":
        # For a store whose build was stopped part-way: rebuild steps on the lists it holds, then latency.
        data, db, jobs, repeat = Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
        result: dict = {"disk_mb": _du_mb(db)}
        result["unchanged"] = _child(["--child-rebuild-recorded", str(data), str(db), str(jobs)])
        known = sorted(Manifest.load(db / MANIFEST_NAME).entries)
        changed = Path([k for k in known if k.endswith((".txt", ".csv"))][len(known) // 3])
        original = changed.read_bytes()
        try:
            changed.write_bytes(original + b"\n")
            result["one_changed"] = _child(["--child-rebuild-recorded", str(data), str(db), str(jobs)])
        finally:
            changed.write_bytes(original)
        result["latency"] = do_queries(db, repeat)
        print(json.dumps(result, ensure_ascii=False))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--child-one":
        db, kind, name, repeat = Path(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
        print(json.dumps(do_one(db, kind, name, repeat)))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--child-queries":
        print(json.dumps(do_queries(Path(sys.argv[2]), int(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=20, help="runs per trace/query (median, p95)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON object per size")
    parser.add_argument("--db-root", type=Path, default=OUT / "db", help="where the stores are built")
    parser.add_argument(
        "--data-root", type=Path, default=OUT / "data", help="where the synthetic lists are made and kept"
    )
    parser.add_argument("--no-queries", action="store_true", help="skip the trace/query latency step")
    args = parser.parse_args()
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} {platform.node()} "
        f"{os.cpu_count()} cores python {platform.python_version()} load {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    for items in args.items:
        result = run_size(
            items,
            args.jobs,
            args.repeat,
            args.seed,
            args.db_root,
            args.data_root,
            queries=not args.no_queries,
        )
        if args.json:
            print(json.dumps(result, ensure_ascii=False), flush=True)
        else:
            _print(result)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
