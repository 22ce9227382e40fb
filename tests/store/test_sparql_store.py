"""The ``sparql`` store against a real Virtuoso, and its errors against no server at all."""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Literal, URIRef

from kg.store.base import Quad, StoreError
from kg.store.sparql import STAGING, SparqlStore
from tests.virtuoso import Virtuoso

pytestmark = pytest.mark.virtuoso

EX = "https://w3id.org/qzqd-kg/id/"
P_NAME = URIRef(EX + "name")
HOSTILE = [
    '他说"好" } ; DROP ALL ; #',
    "\\u0022 \\U0000007d 反斜杠\\",
    "换行\n回车\r制表\t",
    "<script>alert(1)</script>",
]


def _graph(name: str) -> URIRef:
    return URIRef(f"{EX}graph/{name}")


def _quads(graph: URIRef, count: int, tag: str = "v") -> list[Quad]:
    return [
        (URIRef(f"{EX}instrument/社会保险法/art_{n}"), P_NAME, Literal(f"{tag}{n}", lang="zh"), graph)
        for n in range(count)
    ]


@pytest.fixture
def store(virtuoso: Virtuoso) -> Iterator[SparqlStore]:
    """A store writing through Graph Store + digest auth; emptied after each test."""
    sparql = SparqlStore(virtuoso.endpoint, **virtuoso.store_options())
    yield sparql
    for graph in sparql.graphs():
        sparql.remove(graph)


@pytest.fixture
def update_only(virtuoso: Virtuoso) -> Iterator[SparqlStore]:
    """A store without a Graph Store URL: every write is SPARQL Update."""
    options = virtuoso.store_options()
    del options["graph_store"]
    sparql = SparqlStore(virtuoso.endpoint, **options)
    yield sparql
    for graph in sparql.graphs():
        sparql.remove(graph)


def _contents(store: SparqlStore, graph: URIRef) -> set[tuple[str, str]]:
    rows = store.query("SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
    return {(str(row["s"]), str(row["o"])) for row in rows}


@pytest.mark.parametrize(
    "batch_size", [pytest.param(5000, id="one-request"), pytest.param(7, id="staged-move")]
)
@pytest.mark.parametrize("mode", ["store", "update_only"])
def test_replace_graph_replaces(mode: str, batch_size: int, request: pytest.FixtureRequest) -> None:
    sparql: SparqlStore = request.getfixturevalue(mode)
    sparql.batch_size = batch_size
    graph = _graph("天水")
    assert sparql.replace_graph(graph, iter(_quads(graph, 30, "old"))) == 30
    assert sparql.replace_graph(graph, iter(_quads(graph, 20, "new"))) == 20
    assert len(sparql) == 20
    assert sparql.graphs() == [graph]
    assert all(o.startswith("new") for _, o in _contents(sparql, graph))


def test_building_twice_gives_the_same_triples(store: SparqlStore, tmp_path: Path) -> None:
    graph = _graph("瓜州")
    store.replace_graph(graph, _quads(graph, 12))
    first = store.export("nq", tmp_path / "a.nq")
    store.replace_graph(graph, _quads(graph, 12))
    second = store.export("nq", tmp_path / "b.nq")
    assert first == second == 12
    assert sorted((tmp_path / "a.nq").read_text().splitlines()) == sorted(
        (tmp_path / "b.nq").read_text().splitlines()
    )


def test_graphs_are_independent_and_removable(store: SparqlStore) -> None:
    a, b = _graph("a"), _graph("b")
    store.replace_graph(a, _quads(a, 3))
    store.replace_graph(b, _quads(b, 4))
    assert store.graphs() == sorted([a, b])
    assert store.remove(a) is True
    assert store.remove(a) is False
    assert store.graphs() == [b]
    assert len(store) == 4


def test_server_internal_graphs_are_not_the_store_s(store: SparqlStore, virtuoso: Virtuoso) -> None:
    # a fresh Virtuoso already holds thousands of triples in its own schema graphs …
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"})
    request = urllib.request.Request(f"{virtuoso.endpoint}?{query}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert int(response.read().decode().split()[-1]) > 1000
    # … which neither the store's graphs nor its queries see
    assert store.graphs() == []
    assert len(store) == 0
    assert store.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }") == [{"n": Literal(0)}]
    assert store.query("ASK { ?s ?p ?o }") == [{"ask": Literal(False)}]


def test_failed_load_keeps_the_old_graph(store: SparqlStore) -> None:
    graph = _graph("interrupted")
    store.replace_graph(graph, _quads(graph, 10, "old"))
    store.batch_size = 5

    def broken() -> Iterator[Quad]:
        yield from _quads(graph, 12, "new")
        raise KeyboardInterrupt  # the user pressed Ctrl-C mid-build

    with pytest.raises(KeyboardInterrupt):
        store.replace_graph(graph, broken())
    assert {o for _, o in _contents(store, graph)} == {f"old{n}" for n in range(10)}
    leftovers = store.query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?prefix)) }",
        {"prefix": Literal(STAGING)},
    )
    assert leftovers == []


@pytest.mark.parametrize("text", HOSTILE, ids=["drop-all", "codepoint-escapes", "controls", "script"])
@pytest.mark.parametrize("mode", ["store", "update_only"])
def test_hostile_literals_round_trip_and_bind(mode: str, text: str, request: pytest.FixtureRequest) -> None:
    sparql: SparqlStore = request.getfixturevalue(mode)
    graph = _graph("hostile")
    subject = URIRef(EX + "agency/天水市医疗保障局")
    sparql.replace_graph(graph, [(subject, P_NAME, Literal(text), graph)])
    rows = sparql.query("SELECT ?s WHERE { ?s ?p ?name }", {"name": Literal(text)})
    assert rows == [{"s": subject}]
    assert _contents(sparql, graph) == {(str(subject), text)}


def test_blank_nodes_keep_identity_across_batches(store: SparqlStore) -> None:
    graph = _graph("bnodes")
    node = BNode()
    quads = [*_quads(graph, 9), (node, P_NAME, Literal("甲"), graph), (node, P_NAME, Literal("乙"), graph)]
    store.batch_size = 4
    store.replace_graph(graph, quads)
    rows = store.query(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s)) } }",
        {"g": graph},
    )
    assert int(rows[0]["n"]) == 1


def test_ask_and_typed_results(store: SparqlStore) -> None:
    graph = _graph("ask")
    store.replace_graph(graph, _quads(graph, 3))
    assert store.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": graph}) == [{"ask": Literal(True)}]
    rows = store.query("SELECT (COUNT(*) AS ?n) ?missing WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
    assert rows == [{"n": Literal(3), "missing": None}]


@pytest.mark.parametrize(
    "update",
    [
        pytest.param("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }", id="insert"),
        pytest.param("DROP ALL", id="drop-all"),
        pytest.param("CONSTRUCT WHERE { ?s ?p ?o }", id="construct"),
    ],
)
def test_query_never_writes(store: SparqlStore, update: str) -> None:
    with pytest.raises(StoreError, match="SELECT and ASK only"):
        store.query(update)
    assert store.graphs() == []


def test_export_formats_parse_back(store: SparqlStore, tmp_path: Path) -> None:
    graph = _graph("export")
    store.replace_graph(graph, _quads(graph, 5))
    assert store.export("trig", tmp_path / "out.trig") == 5
    dataset = Dataset().parse(tmp_path / "out.trig", format="trig")
    assert len(dataset.graph(graph)) == 5
    with pytest.raises(StoreError, match="cannot export as 'docx'"):
        store.export("docx", tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_graph_store_missing_falls_back_to_update(virtuoso: Virtuoso) -> None:
    options = virtuoso.store_options() | {"graph_store": virtuoso.base + "/no-graph-store-here"}
    sparql = SparqlStore(virtuoso.endpoint, **options)
    graph = _graph("fallback")
    try:
        assert sparql.replace_graph(graph, _quads(graph, 4)) == 4
        assert len(sparql) == 4
    finally:
        sparql.remove(graph)


def test_syntax_error_names_the_endpoint(store: SparqlStore) -> None:
    with pytest.raises(
        StoreError, match=r"SPARQL endpoint http://127\.0\.0\.1:\d+/sparql answered POST with HTTP 400"
    ):
        store.query("SELECT ?s WHERE { ?s ?p }")


def test_writing_without_credentials_is_refused(virtuoso: Virtuoso) -> None:
    options = virtuoso.store_options() | {"user": "dba", "password": "wrong"}
    sparql = SparqlStore(virtuoso.endpoint, **options)
    with pytest.raises(StoreError, match="HTTP 401"):
        sparql.replace_graph(_graph("denied"), _quads(_graph("denied"), 1))


@pytest.mark.slow
def test_server_row_cap_is_paged_not_a_short_answer(virtuoso: Virtuoso) -> None:
    from tests.virtuoso import MAX_ROWS

    raw = SparqlStore(virtuoso.endpoint, server_dataset=True, read_only=True)
    # Virtuoso's schema graph has ~2,500 triples: paired with itself, far more than the cap
    pairs = "SELECT ?a ?b WHERE { GRAPH ?g { ?a ?p ?o } GRAPH ?g { ?b ?q ?r } }"
    wanted = MAX_ROWS + MAX_ROWS // 20
    assert len(raw.query(f"SELECT ?a ?b WHERE {{ {{ {pairs} LIMIT {wanted} }} }}")) == wanted
    assert len(raw.query(pairs + f" LIMIT {MAX_ROWS - 1}")) == MAX_ROWS - 1


def test_graph_prefix_scopes_the_store(store: SparqlStore, virtuoso: Virtuoso) -> None:
    ours, other = _graph("ours"), URIRef("http://example.org/someone-else")
    store.replace_graph(ours, _quads(ours, 2))
    store.replace_graph(other, _quads(other, 3))
    scoped = SparqlStore(virtuoso.endpoint, graph_prefix=EX + "graph/", read_only=True)
    assert scoped.graphs() == [ours]
    assert len(scoped) == 2
    with pytest.raises(StoreError, match="read-only"):
        scoped.remove(ours)


def test_server_dataset_sees_the_server_s_own_graphs(virtuoso: Virtuoso) -> None:
    raw = SparqlStore(virtuoso.endpoint, server_dataset=True, read_only=True)
    rows = raw.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0]["n"]) > 1000  # Virtuoso's schema graphs
    assert raw.graphs() == []  # still not the store's


@pytest.mark.slow
def test_large_graph_replaced_over_digest_auth(store: SparqlStore) -> None:
    """Megabyte bodies with credentials sent up front, and a staged swap onto a full graph.

    Sent the urllib way (without credentials, then again after 401), Virtuoso hangs
    up before such a body is through; and MOVE onto a non-empty graph of this size
    runs into Virtuoso's transaction timeout unless the old graph is dropped first.
    """
    graph = _graph("large")
    filler = "社会保险法第五十八条"  # ~120-byte lines: 5000 of them make a 600 kB request
    for tag in ("old", "new"):
        quads = [
            (URIRef(f"{EX}list/天水/item/{n}"), P_NAME, Literal(f"{tag}{n} {filler}"), graph)
            for n in range(12000)
        ]
        assert store.replace_graph(graph, iter(quads)) == 12000
    assert len(store) == 12000
    sample = store.query("SELECT ?o WHERE { ?s ?p ?o } LIMIT 1")[0]["o"]
    assert str(sample).startswith("new")


@pytest.mark.parametrize("mode", ["store", "update_only"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r"), max_size=30
    )
)
def test_any_text_survives_virtuoso(mode: str, request: pytest.FixtureRequest, text: str) -> None:
    """Any cell text goes in (Graph Store or Update), comes back equal, and binds exactly.

    Control characters other than tab and line breaks are left out: Virtuoso drops
    NUL from literals, and ingest removes them from every cell (kg.ingest.htmltext).
    """
    sparql: SparqlStore = request.getfixturevalue(mode)
    graph = _graph("hypothesis")
    subject = URIRef(EX + "list/天水/item/1")
    sparql.replace_graph(graph, [(subject, P_NAME, Literal(text), graph)])
    assert _contents(sparql, graph) == {(str(subject), text)}
    assert sparql.query("SELECT ?s WHERE { ?s ?p ?name }", {"name": Literal(text)}) == [{"s": subject}]
