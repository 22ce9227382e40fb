"""Loading synthetic lists into Virtuoso both ways: ``kg build --store sparql`` and shard bulk load.

Starts a throw-away Virtuoso on loopback (``tests/virtuoso.py``), then on the same
``kg synth`` lists (made under ``benchmarks/out/data/`` if missing):

1. the streaming build straight into Virtuoso through the Graph Store protocol in
   batches (:class:`kg.store.sparql.SparqlStore`) — wall time, triples/s;
2. the embedded build, ``export_shards`` (gzip) and Virtuoso's bulk loader
   (``ld_dir`` + ``rdf_loader_run`` + ``checkpoint``) — time of each step, triples/s;

and checks that every named graph on the server holds as many triples as in the
embedded store. Prints one line per step.

``--from-db DB`` bulk-loads an existing embedded store (e.g. one ``bench_build.py``
or ``kg build`` made) and then times ``kg trace`` and the interactive canned queries
on Virtuoso (through :class:`~kg.store.sparql.SparqlStore`, paging past the row cap),
one line each: median and p95 of up to ``--repeat`` runs, and the rows returned.

    python benchmarks/bench_virtuoso.py --items 10000 [--lists-limit 2]
    python benchmarks/bench_virtuoso.py --from-db benchmarks/out/db/s100000 [--buffers 340000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_build import QUERIES, TRACES, _latency, _synth, _targets
from kg.ingest import iter_input_files
from kg.scale import export_shards, stream_build
from kg.store.base import StoreError
from kg.store.oxigraph import OxigraphStore
from kg.store.sparql import SparqlStore
from tests.virtuoso import Virtuoso, running

__all__ = ["main"]

QUERY_TIMEOUT = 300.0
"""Seconds one request may take (Virtuoso stops a query itself after its MaxQueryExecutionTime, 60 s)."""

COUNTS = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/qzqd-kg/")) }
GROUP BY ?g
"""


def _counts(endpoint: str) -> dict[str, int]:
    url = f"{endpoint}?{urllib.parse.urlencode({'query': COUNTS})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        rows = json.load(response)["results"]["bindings"]
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def _server_queries(server: Virtuoso, repeat: int) -> None:
    """Time the traces and the interactive canned queries on the loaded server; print one line each."""
    from kg.queries import parameters, run_query
    from kg.trace import TraceError, trace

    store = SparqlStore(server.endpoint, server_dataset=True, read_only=True, timeout=QUERY_TIMEOUT)
    values = _targets(store)
    runs: list[tuple[str, Callable[[], int]]] = []
    for reference in TRACES:

        def traced(reference: str = reference) -> int:
            try:
                return len(trace(reference, store).powers)
            except TraceError:
                return -1

        runs.append((f"trace {reference}", traced))
    for name in QUERIES:
        bound = {key: values[key] for key in parameters(name) if key in values}
        runs.append((f"query {name}", lambda name=name, bound=bound: len(run_query(store, name, **bound))))
    for label, run in runs:
        rows = [0]
        try:
            figures = _latency(lambda run=run, rows=rows: rows.__setitem__(0, run()), repeat)
        except StoreError as error:
            print(f"{label}: failed: {str(error)[:200]}", flush=True)
            continue
        print(
            f"{label}: median {figures['median_ms']:,.0f} ms, p95 {figures['p95_ms']:,.0f} ms, "
            f"{figures['runs']} runs, {rows[0]:,} rows",
            flush=True,
        )


def bulk_only(db: Path, shard_size: int, buffers: int, repeat: int) -> None:
    """Export an existing store as shards, bulk-load them, time queries there; print the figures."""
    store = OxigraphStore(db, read_only=True)
    load = os.getloadavg()
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} bulk load of {db}, "
        f"NumberOfBuffers {buffers:,}, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        flush=True,
    )
    with (
        tempfile.TemporaryDirectory(prefix="bench-virtuoso-") as temp,
        running(Path(temp), buffers=buffers) as server,
    ):
        started = time.perf_counter()
        shards = export_shards(store, server.folder / "shards", shard_size, compress=True)
        export_s = time.perf_counter() - started
        quads = len(store)  # counted in the store (a Python pass over 13 M quads takes minutes)
        started = time.perf_counter()
        server.isql(
            f"ld_dir('{server.folder / 'shards'}', '*.nq.gz', 'urn:kg:default'); rdf_loader_run(); checkpoint;",
            timeout=7200,
        )
        load_s = time.perf_counter() - started
        loaded = sum(_counts(server.endpoint).values())
        print(
            f"shards: export {export_s:.1f}s ({len(shards)} files, "
            f"{sum(p.stat().st_size for p in shards) / 1e6:.0f} MB gz); "
            f"ld_dir+rdf_loader_run+checkpoint {load_s:.1f}s for {quads:,} quads = {quads / load_s:,.0f} quads/s; "
            f"on the server: {loaded:,} ({'all' if loaded == quads else 'MISMATCH'}); "
            f"database {(server.folder / 'virtuoso.db').stat().st_size / 1e6:,.0f} MB",
            flush=True,
        )
        _server_queries(server, repeat)


def main() -> None:
    """Run both loads on one server and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--lists-limit", type=int, default=0, help="only the first N lists (0: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--shard-size", type=int, default=500_000)
    parser.add_argument(
        "--from-db", type=Path, help="bulk-load an existing embedded store (e.g. a bench_build one) only"
    )
    parser.add_argument(
        "--buffers", type=int, default=340_000, help="Virtuoso NumberOfBuffers (8 KB each) for --from-db"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (fewer when slow)")
    args = parser.parse_args()
    if args.from_db:
        bulk_only(args.from_db, args.shard_size, args.buffers, args.repeat)
        return
    files = iter_input_files([_synth(args.items, 7)])
    if args.lists_limit:
        files = files[: args.lists_limit]
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} {len(files)} lists", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-virtuoso-") as temp, running(Path(temp)) as server:
        started = time.perf_counter()
        embedded, store = stream_build(files, OxigraphStore(Path(temp) / "db"), jobs=args.jobs, counts=False)
        assert store is not None
        expected: dict[str, int] = {}
        for _s, _p, _o, graph in store.iter_quads():
            expected[str(graph)] = expected.get(str(graph), 0) + 1
        print(
            f"embedded build: {time.perf_counter() - started:.1f}s, {embedded.triples:,} triples", flush=True
        )

        started = time.perf_counter()
        shards = export_shards(store, server.folder / "shards", args.shard_size, compress=True)  # type: ignore[arg-type]
        export_s = time.perf_counter() - started
        started = time.perf_counter()
        server.isql(
            f"ld_dir('{server.folder / 'shards'}', '*.nq.gz', 'urn:kg:default'); rdf_loader_run(); checkpoint;",
            timeout=3600,
        )
        load_s = time.perf_counter() - started
        ok = _counts(server.endpoint) == expected
        print(
            f"shards: export {export_s:.1f}s ({len(shards)} files, "
            f"{sum(p.stat().st_size for p in shards) / 1e6:.0f} MB gz); "
            f"ld_dir+rdf_loader_run+checkpoint {load_s:.1f}s = {embedded.triples / load_s:,.0f} triples/s; "
            f"graphs identical: {ok}",
            flush=True,
        )
        server.isql("DELETE FROM DB.DBA.load_list;")
        for graph in expected:
            server.isql(f"SPARQL CLEAR GRAPH <{graph}>;", timeout=3600)

        remote = SparqlStore(server.endpoint, **server.store_options())
        started = time.perf_counter()
        stream_build(files, remote, jobs=args.jobs, counts=False)
        gsp_s = time.perf_counter() - started
        ok = _counts(server.endpoint) == expected
        print(
            f"kg build --store sparql (Graph Store protocol, batches): {gsp_s:.1f}s for "
            f"{embedded.triples:,} triples = {embedded.triples / gsp_s:,.0f} triples/s "
            f"(extraction included); graphs identical: {ok}",
            flush=True,
        )


if __name__ == "__main__":
    main()
