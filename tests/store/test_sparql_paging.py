"""The ``sparql`` store reads past a server's row limit: whole answers from a Virtuoso capped at 50 rows.

A Virtuoso of its own, with ``ResultSetMaxRows`` and ``MaxSortedTopRows`` at
:data:`CAP`, so the samples (a few hundred rows per query) meet the cap many times
over: every canned query must give the same rows as the embedded store, ordered
queries in their order, and the store's own reads (graphs, export) must be whole.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.queries import names, run_query
from kg.scale import build_in_process
from kg.store.base import StoreError
from kg.store.oxigraph import OxigraphStore
from kg.store.sparql import SparqlStore
from tests.store.test_virtuoso_e2e import NEEDS_A_START, _table
from tests.virtuoso import Virtuoso

pytestmark = pytest.mark.virtuoso

CAP = 50
"""Rows the test server sends at most, and rows it sorts at most for ORDER BY … OFFSET."""
EX = "https://w3id.org/qzqd-kg/id/"


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    from tests.virtuoso import VirtuosoUnavailableError, running

    try:
        with running(tmp_path_factory.mktemp("capped"), max_rows=CAP, max_sorted_top_rows=CAP) as server:
            yield server
    except VirtuosoUnavailableError as error:
        warnings.warn(f"Virtuoso tests skipped: {error}", stacklevel=1)
        pytest.skip(f"Virtuoso unavailable: {error}")


@pytest.fixture(scope="module")
def stores(capped: Virtuoso, sample_paths: list[Path]) -> tuple[OxigraphStore, SparqlStore]:
    """The samples in the embedded store and in the capped server, by the same pipeline."""
    embedded = OxigraphStore(None)
    server = SparqlStore(capped.endpoint, **capped.store_options())
    build_in_process(sample_paths, embedded)
    build_in_process(sample_paths, server)
    return embedded, server


def _raw_count(server: Virtuoso, query: str) -> tuple[int, str | None]:
    """Rows and the ``X-SPARQL-MaxRows`` header of one plain request, as any client sees it."""
    url = f"{server.endpoint}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.load(response)["results"]["bindings"]
        return len(rows), response.headers.get("X-SPARQL-MaxRows")


def test_the_server_does_cut(stores: tuple[OxigraphStore, SparqlStore], capped: Virtuoso) -> None:
    assert _raw_count(capped, "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }") == (CAP, str(CAP))


@pytest.mark.parametrize("name", [n for n in names() if n not in NEEDS_A_START])
def test_canned_query_is_whole_past_the_cap(name: str, stores: tuple[OxigraphStore, SparqlStore]) -> None:
    embedded, server = stores
    assert _table(run_query(server, name)) == _table(run_query(embedded, name))


def test_the_samples_meet_the_cap(stores: tuple[OxigraphStore, SparqlStore]) -> None:
    """Guard: the comparison above must have paged, not compared short answers."""
    over = [n for n in names() if n not in NEEDS_A_START and len(run_query(stores[0], n)) > 2 * CAP]
    assert len(over) >= 3, over


def test_an_ordered_query_keeps_its_order_across_pages(stores: tuple[OxigraphStore, SparqlStore]) -> None:
    embedded, server = stores

    def ranks(rows: list) -> list[tuple[int, int]]:
        return [(int(r["items"].toPython()), int(r["agencies"].toPython())) for r in rows]

    expected = ranks(run_query(embedded, "most_cited_provisions"))
    assert len(expected) > CAP
    assert ranks(run_query(server, "most_cited_provisions")) == expected


def _quads(path: Path) -> set[tuple]:
    dataset = Dataset()
    dataset.parse(path, format="nquads")
    return set(dataset.quads((None, None, None, None)))


def test_export_past_the_cap(stores: tuple[OxigraphStore, SparqlStore], tmp_path: Path) -> None:
    embedded, server = stores
    assert len(embedded) > 10 * CAP
    assert server.export("nq", tmp_path / "server.nq") == len(embedded)
    embedded.export("nq", tmp_path / "embedded.nq")
    assert _quads(tmp_path / "server.nq") == _quads(tmp_path / "embedded.nq")


@pytest.fixture
def scratch(capped: Virtuoso) -> Iterator[SparqlStore]:
    """The capped server holding only what a test adds (the samples' graphs put back after)."""
    store = SparqlStore(capped.endpoint, graph_prefix=f"{EX}graph/paging-", **capped.store_options())
    yield store
    for graph in store.graphs():
        store.remove(graph)


def test_duplicates_survive_paging(scratch: SparqlStore) -> None:
    graph = URIRef(f"{EX}graph/paging-dup")
    quads = [(URIRef(f"{EX}s{n}"), URIRef(f"{EX}p"), Literal(n % 7), graph) for n in range(3 * CAP + 5)]
    scratch.replace_graph(graph, quads)
    rows = scratch.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
    assert Counter(int(r["o"].toPython()) for r in rows) == Counter(n % 7 for n in range(3 * CAP + 5))


def test_more_graphs_than_the_cap(scratch: SparqlStore) -> None:
    graphs = [URIRef(f"{EX}graph/paging-{n:03d}") for n in range(CAP + 3)]
    for graph in graphs:
        scratch.add([(URIRef(f"{EX}s"), URIRef(f"{EX}p"), Literal(str(graph)), graph)], graph)
    assert scratch.graphs() == graphs
    assert len(scratch) == CAP + 3


def test_a_cut_query_that_cannot_be_paged_is_an_error(scratch: SparqlStore, capped: Virtuoso) -> None:
    query = f"SELECT ?s FROM <{EX}graph/none> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    raw = SparqlStore(capped.endpoint, server_dataset=True, read_only=True)
    with pytest.raises(StoreError, match=f"cut the result at {CAP} rows .* cannot be read page by page"):
        raw.query(query)
