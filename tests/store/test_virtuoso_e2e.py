"""The same build and the same canned queries on Virtuoso and on the embedded store.

Both stores get the two bundled sample lists through ``kg build``'s loop
(:func:`kg.scale.build_in_process`);
then every canned query (unbound, and bound to the nodes the issue names) must
give the same rows on both, and ``trace`` the same powers. The known facts are
checked too, so two equally empty answers cannot pass as "identical".
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib.term import Identifier, Literal, URIRef

from kg.iri import instrument_iri, provision_iri
from kg.queries import names, run_query
from kg.scale import StreamSummary, build_in_process
from kg.store.base import Row, Store
from kg.store.oxigraph import OxigraphStore
from kg.store.sparql import SparqlStore
from kg.trace import trace
from tests.virtuoso import Virtuoso

pytestmark = pytest.mark.virtuoso

SOCIAL_INSURANCE = instrument_iri("中华人民共和国社会保险法")
ART_58 = provision_iri(SOCIAL_INSURANCE, (("art", 58),))
ART_77 = provision_iri(SOCIAL_INSURANCE, (("art", 77),))

BOUND_RUNS = [
    pytest.param("powers_on_provision", {"target": ART_58}, id="powers-on-art58"),
    pytest.param("powers_on_provision", {"target": ART_77}, id="powers-on-art77-and-parts"),
    pytest.param("powers_on_provision", {"target": SOCIAL_INSURANCE}, id="powers-on-instrument-node"),
    pytest.param("powers_on_instrument", {"instrument": SOCIAL_INSURANCE}, id="powers-on-instrument"),
    pytest.param("instrument_provisions", {"instrument": SOCIAL_INSURANCE}, id="provisions-of-instrument"),
    pytest.param("resource_label", {"resource": ART_58}, id="label-of-art58"),
    pytest.param("parts_of", {"target": ART_77}, id="parts-of-art77"),
    pytest.param("citations_of", {"cited": ART_58}, id="citations-of-art58"),
]
TRACES = {
    "社会保险法第五十八条": {"4165", "4173", "12"},
    "社会保险法第八条": {"4163", "4164", "4165", "4172", "4"},
    "国务院令第649号": {"4162", "3"},
}


@pytest.fixture(scope="module")
def stores(
    virtuoso: Virtuoso, sample_paths: list[Path]
) -> Iterator[tuple[OxigraphStore, SparqlStore, StreamSummary, StreamSummary]]:
    """Both stores built from the samples by the same pipeline."""
    embedded = OxigraphStore(None)
    server = SparqlStore(virtuoso.endpoint, **virtuoso.store_options())
    for graph in server.graphs():
        server.remove(graph)
    embedded_summary = build_in_process(sample_paths, embedded)
    server_summary = build_in_process(sample_paths, server)
    yield embedded, server, embedded_summary, server_summary
    for graph in server.graphs():
        server.remove(graph)


def _canonical(term: Identifier | None) -> tuple[str, ...]:
    """A term as comparable text: kind, lexical form, and for literals language or value.

    Numbers compare by value (a server may type COUNT as xsd:int, Oxigraph as
    xsd:integer); everything else compares exactly.
    """
    if term is None:
        return ("unbound",)
    if isinstance(term, Literal):
        if isinstance(term.toPython(), int) and not isinstance(term.toPython(), bool):
            return ("number", str(int(term.toPython())))
        return ("literal", str(term), term.language or "", str(term.datatype or ""))
    return (type(term).__name__, str(term))


CONCATENATED = {"labels": " | "}
"""Columns made by GROUP_CONCAT (name → separator): SPARQL leaves the order of the
joined values open, so they compare as sets."""


def _cell(name: str, term: Identifier | None) -> tuple[str, ...]:
    if name in CONCATENATED and isinstance(term, Literal):
        parts = sorted(str(term).split(CONCATENATED[name]))
        return ("concatenated", *parts, term.language or "")
    return _canonical(term)


def _table(rows: list[Row]) -> list[tuple[tuple[str, tuple[str, ...]], ...]]:
    """Rows as a sorted list: ORDER BY ties may come back in any order on either store."""
    return sorted(tuple(sorted((k, _cell(k, v)) for k, v in row.items())) for row in rows)


def test_same_build_summary(stores: tuple[Store, Store, StreamSummary, StreamSummary]) -> None:
    embedded, server, ours, theirs = stores
    assert (ours.lists, ours.items, ours.citations) == (theirs.lists, theirs.items, theirs.citations)
    assert (ours.instruments, ours.provisions, ours.triples) == (
        theirs.instruments,
        theirs.provisions,
        theirs.triples,
    )
    assert ours.lists == 2 and ours.triples > 0
    assert embedded.graphs() == server.graphs()
    assert len(embedded) == len(server)


NEEDS_A_START = {"parts_of"}
"""A bare transitive path: Virtuoso refuses it unbound ("transitive start not given"); it is run bound below."""


@pytest.mark.parametrize("name", [n for n in names() if n not in NEEDS_A_START])
def test_canned_query_unbound(name: str, stores: tuple[Store, Store, StreamSummary, StreamSummary]) -> None:
    embedded, server = stores[0], stores[1]
    assert _table(run_query(server, name)) == _table(run_query(embedded, name))


@pytest.mark.parametrize(("name", "bindings"), BOUND_RUNS)
def test_canned_query_bound(
    name: str, bindings: dict[str, URIRef], stores: tuple[Store, Store, StreamSummary, StreamSummary]
) -> None:
    embedded, server = stores[0], stores[1]
    expected = run_query(embedded, name, **bindings)
    assert expected, f"{name} found nothing on the samples; the comparison would be empty"
    assert _table(run_query(server, name, **bindings)) == _table(expected)


@pytest.mark.parametrize(("text", "seqs"), TRACES.items(), ids=list(TRACES))
def test_trace_gives_the_same_powers(
    text: str, seqs: set[str], stores: tuple[Store, Store, StreamSummary, StreamSummary]
) -> None:
    embedded, server = stores[0], stores[1]
    ours, theirs = trace(text, embedded), trace(text, server)
    assert ours.iri == theirs.iri
    assert sorted(map(repr, theirs.powers)) == sorted(map(repr, ours.powers))
    assert seqs <= {power.seq for power in theirs.powers}


def test_trace_counts_parts_on_the_server(stores: tuple[Store, Store, StreamSummary, StreamSummary]) -> None:
    result = trace("社会保险法第七十七条", stores[1])
    found = {(power.seq, c.cited_as) for power in result.powers for c in power.citations}
    assert {"8", "4160"} <= {seq for seq, _ in found}


def test_kg_serve_over_virtuoso_answers_like_the_embedded_store(
    stores: tuple[Store, Store, StreamSummary, StreamSummary],
) -> None:
    """``kg serve`` in front of either store: the query page's example, through SPARQLWrapper."""
    from SPARQLWrapper import JSON, SPARQLWrapper

    from kg.serve import QueryRunner, make_server
    from kg.serve.page import EXAMPLE_QUERY

    answers = []
    for store in stores[:2]:
        server = make_server(QueryRunner(store), port=0)
        thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
        thread.start()
        try:
            client = SPARQLWrapper(f"{server.url}/sparql", returnFormat=JSON)
            client.setQuery(EXAMPLE_QUERY)
            bindings = client.queryAndConvert()["results"]["bindings"]
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
        answers.append(sorted(json.dumps(b, sort_keys=True, ensure_ascii=False) for b in bindings))
    assert answers[0] == answers[1]
    assert any("第五十八条" in a or "art_58" in a for a in answers[0])
