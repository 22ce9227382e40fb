"""Load test of ``kg serve``: 16 clients on loopback, a fixed number of requests, then a heavy query.

Builds a 20k-item store (``kg synth`` + ``kg build`` into a temporary folder) unless
``--db`` names one, starts ``kg serve`` on a free loopback port, and sends a mix of
typical endpoint queries (a power by 序号, the powers on a provision, a count on a
provision, an ASK) from ``--clients`` threads, ``--requests`` in all. Prints
throughput, p50/p95/p99 latency, refusals (503 busy) and errors; then sends one
cross-product COUNT that runs past the timeout and prints the server's memory
(parent and workers) before, during and after it was stopped. Stops by itself;
talks to 127.0.0.1 only.

    nice -n 19 python benchmarks/load_serve.py                       # build a store, then test
    nice -n 19 python benchmarks/load_serve.py --db /tmp/kg-20k      # reuse a built store
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

__all__ = ["main"]

KG = str(Path(sys.executable).with_name("kg"))
HEAVY = "SELECT ?b ?d WHERE { ?a kg:name ?b . ?c kg:name ?d } ORDER BY ?d ?b"
"""20,000² rows to sort before the first is sent: memory grows until the server stops the query."""


def build_store(folder: Path, items: int) -> Path:
    """``kg synth`` + ``kg build`` of ``items`` synthetic items into ``folder``; the store's path."""
    lists, db = folder / "lists", folder / "kg-data"
    subprocess.run(
        [KG, "synth", str(lists), "--items", str(items), "--seed", "1"], check=True, capture_output=True
    )
    subprocess.run([KG, "build", str(lists), "--db", str(db), "--jobs", "2"], check=True, capture_output=True)
    return db


def start_server(db: Path, timeout: float) -> tuple[subprocess.Popen[str], str]:
    """``kg serve --port 0`` on loopback; the process and its URL once it listens."""
    server = subprocess.Popen(
        [KG, "serve", "--db", str(db), "--port", "0", "--host", "127.0.0.1", "--timeout", str(timeout)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert server.stderr is not None
    for line in server.stderr:
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        if found:
            threading.Thread(target=server.stderr.read, daemon=True).start()  # keep the pipe drained
            return server, found[0]
    raise RuntimeError("kg serve did not start")


def ask(url: str, query: str, wait: float = 120.0) -> tuple[int, bytes]:
    """GET ``/sparql?query=…``; the status and body (HTTP errors included)."""
    request = urllib.request.Request(f"{url}/sparql?{urllib.parse.urlencode({'query': query})}")
    try:
        with urllib.request.urlopen(request, timeout=wait) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def workload(url: str, count: int, seed: int) -> list[str]:
    """``count`` queries of the four kinds, on provisions and 序号 that exist in the store."""
    status, body = ask(url, "SELECT DISTINCT ?p WHERE { ?i kg:restsOn ?p } LIMIT 200")
    assert status == 200, body
    provisions = [b["p"]["value"] for b in json.loads(body)["results"]["bindings"]]
    rng = random.Random(seed)
    kinds = [
        lambda: (
            f'SELECT ?item ?name WHERE {{ ?item kg:seq "{rng.randint(1, 300)}" ; kg:name ?name }} LIMIT 10'
        ),
        lambda: (
            f"SELECT ?item ?name WHERE {{ ?item kg:restsOn <{rng.choice(provisions)}> ; kg:name ?name }} LIMIT 50"
        ),
        lambda: (
            f"SELECT (COUNT(DISTINCT ?item) AS ?n) WHERE {{ ?item kg:restsOn <{rng.choice(provisions)}> }}"
        ),
        lambda: f"ASK {{ ?item kg:restsOn <{rng.choice(provisions)}> }}",
    ]
    return [rng.choice(kinds)() for _ in range(count)]


def load(url: str, queries: list[str], clients: int) -> dict[str, object]:
    """Send ``queries`` from ``clients`` threads; latency percentiles, throughput, refusals."""
    results: list[tuple[float, int]] = []
    lock = threading.Lock()
    pending = iter(queries)

    def client() -> None:
        while True:
            with lock:
                query = next(pending, None)
            if query is None:
                return
            started = time.perf_counter()
            status, _ = ask(url, query)
            with lock:
                results.append((time.perf_counter() - started, status))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies = sorted(seconds for seconds, _ in results)

    def percentile(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    statuses: dict[int, int] = {}
    for _, status in results:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "requests": len(results),
        "clients": clients,
        "wall_s": round(wall, 2),
        "throughput_per_s": round(len(results) / wall, 1),
        "p50_ms": round(percentile(0.50), 1),
        "p95_ms": round(percentile(0.95), 1),
        "p99_ms": round(percentile(0.99), 1),
        "refused_503": statuses.get(503, 0),
        "other_errors": sum(n for s, n in statuses.items() if s not in (200, 503)),
        "statuses": statuses,
    }


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants (the workers), in MB."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status)[1])  # type: ignore[index]
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, TypeError):
            continue
    return round(total / 1024, 1)


def heavy_query(url: str, pid: int, timeout: float) -> dict[str, object]:
    """One query past the timeout: memory before, at its peak, and after the server stopped it."""
    before = tree_rss_mb(pid)
    peak = before
    outcome: list[tuple[int, bytes]] = []
    runner = threading.Thread(target=lambda: outcome.append(ask(url, HEAVY)))
    started = time.perf_counter()
    runner.start()
    while runner.is_alive():
        peak = max(peak, tree_rss_mb(pid))
        time.sleep(0.2)
    answered = time.perf_counter() - started
    time.sleep(1.0)  # the replacement worker starts
    status, body = outcome[0]
    return {
        "status": status,
        "message": body.decode("utf-8", "replace").strip()[:80],
        "answered_after_s": round(answered, 2),
        "timeout_s": timeout,
        "rss_before_mb": before,
        "rss_peak_mb": peak,
        "rss_after_mb": tree_rss_mb(pid),
        "query_after_status": ask(url, "ASK { ?s ?p ?o }")[0],
    }


def main() -> None:
    """Parse options, run the load and the heavy query, print the figures as JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--db", type=Path, help="a built store to reuse (default: build 20k items in a temp folder)"
    )
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's query timeout (seconds)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-load-") as scratch:
        db = args.db or build_store(Path(scratch), args.items)
        server, url = start_server(db, args.timeout)
        try:
            queries = workload(url, args.requests, args.seed)
            ask(url, queries[0])  # every worker opens the store on its first query; warm one
            print(json.dumps({"load": load(url, queries, args.clients)}, ensure_ascii=False), flush=True)
            print(
                json.dumps({"heavy": heavy_query(url, server.pid, args.timeout)}, ensure_ascii=False),
                flush=True,
            )
        finally:
            server.terminate()
            started = time.perf_counter()
            server.wait(timeout=30)
            print(json.dumps({"stop": {"sigterm_to_exit_s": round(time.perf_counter() - started, 2)}}))


if __name__ == "__main__":
    main()
