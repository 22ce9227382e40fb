"""A worker's N-Triples are exactly the graph builder's triples, escapes included."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from extractors.protocols import default_extractor
from kg.graph.build import list_quads
from kg.graph.provisions import PROVISION_GRAPH
from kg.ingest import read_list
from kg.scale.worker import build_list_graph, cache_stats, extract_item, process_list
from kg.store.convert import from_ox
from kg.store.sparql_syntax import ntriples_term


def test_worker_triples_equal_list_quads(corpus: Path) -> None:
    path = sorted(corpus.iterdir())[0]
    outcome = process_list(str(path))
    shared = b"".join(data for _node, data in outcome.shared)
    parsed = {
        (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), graph)
        for data, graph in ((outcome.data, URIRef(outcome.graph)), (shared, PROVISION_GRAPH))
        for t in ox.parse(data, ox.RdfFormat.N_TRIPLES)
    }
    result = read_list(path)
    extract = default_extractor()
    expected = set(list_quads(result.power_list, [extract_item(i, extract) for i in result.items]))
    assert parsed == expected
    assert outcome.triples == sum(1 for quad in expected if quad[3] != PROVISION_GRAPH)
    assert [node for node, _ in outcome.shared] == sorted(
        {str(q[0]) for q in expected if q[3] == PROVISION_GRAPH}
    )
    assert outcome.items == len(result.items) and outcome.error is None


@pytest.mark.parametrize(
    ("term", "text"),
    [
        (
            URIRef("https://w3id.org/qzqd-kg/id/instrument/社会保险法"),
            "<https://w3id.org/qzqd-kg/id/instrument/社会保险法>",
        ),
        (Literal('他说"罚款"\\n\n第二行\r'), '"他说\\"罚款\\"\\\\n\\n第二行\\r"'),
        (Literal("社会保险法", lang="zh"), '"社会保险法"@zh'),
        (Literal(58), '"58"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    ],
    ids=["iri", "escapes", "lang", "integer"],
)
def test_term_syntax_round_trips(term: object, text: str) -> None:
    assert ntriples_term(term) == text  # type: ignore[arg-type]
    parsed = next(iter(ox.parse(f"<urn:s> <urn:p> {text} .".encode(), ox.RdfFormat.N_TRIPLES)))
    assert from_ox(parsed.object) == term


def test_identical_cells_are_extracted_once(corpus: Path) -> None:
    path = str(sorted(corpus.iterdir())[0])
    process_list(path)
    hits, misses = cache_stats()
    again = process_list(path)
    assert again.cache_misses == 0 and again.cache_hits > 0
    assert cache_stats() == (hits + again.cache_hits, misses)


def test_a_list_builds_the_same_whatever_was_built_before(corpus: Path) -> None:
    first, second = (str(p) for p in sorted(corpus.iterdir()))
    alone = process_list(first).data
    process_list(second)
    assert process_list(first).data == alone  # no state (learned numbers, caches) leaks between lists


def test_a_list_read_builds_what_its_file_builds(corpus: Path) -> None:
    path = sorted(corpus.iterdir())[0]
    result = read_list(path)
    built = build_list_graph(result.power_list, result.items)
    outcome = process_list(str(path))
    assert (built.graph, built.data, built.triples) == (outcome.graph, outcome.data, outcome.triples)
