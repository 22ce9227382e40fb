"""SHACL: a well-built graph conforms; each kind of damage is caught."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from kg import iri
from kg.graph.build import list_quads
from kg.model import CellCitations, ExtractedItem
from kg.namespace import ELI, KG
from kg.store.memory import MemoryStore
from kg.validate import ONTOLOGY_FILES, ontology_path, validate_graph, validate_store
from tests.factories import CODE_PREFIX, cite, item, power_list, prov


def _graph() -> Graph:
    items = [
        ExtractedItem(
            item("1", code=CODE_PREFIX + "01"),
            (
                CellCitations(
                    "basis", "x" * 40, (cite("社会保险法", prov(77, paragraph=1), prov(27, chapter=5)),)
                ),
            ),
        ),
        ExtractedItem(item("2"), (CellCitations("basis", "x" * 40, (cite(None, doc="国务院令第649号"),)),)),
    ]
    graph = Graph()
    for s, p, o, _g in list_quads(power_list(), items):
        graph.add((s, p, o))
    return graph


@pytest.mark.parametrize("name", ONTOLOGY_FILES)
def test_ontology_files_are_found_and_parse(name: str) -> None:
    assert len(Graph().parse(ontology_path(name), format="turtle")) > 10


def test_built_graph_conforms() -> None:
    report = validate_graph(_graph())
    assert report.conforms, report.text
    assert report.violations == []


def _reference(graph: Graph) -> URIRef:
    return next(iter(graph.subjects(RDF.type, KG.Reference)))  # type: ignore[return-value]


def _drop_citing_item(graph: Graph) -> None:
    graph.remove((_reference(graph), KG.citingItem, None))


def _bad_role(graph: Graph) -> None:
    node = _reference(graph)
    graph.set((node, KG.role, Literal("maybe")))


def _span_backwards(graph: Graph) -> None:
    node = _reference(graph)
    graph.set((node, KG.spanStart, Literal(50)))


def _citation_of_nothing(graph: Graph) -> None:
    node = next(iter(graph.subjects(KG.reference, None)))
    graph.remove((node, KG.citedResource, None))


def _reference_without_citation(graph: Graph) -> None:
    for node in list(graph.subjects(KG.reference, _reference(graph))):
        graph.remove((node, None, None))


def _orphan_provision(graph: Graph) -> None:
    graph.add((URIRef(iri.BASE + "instrument/x/art_1"), RDF.type, ELI.LegalResourceSubdivision))


def _bad_credit_code(graph: Graph) -> None:
    agency = next(iter(graph.subjects(RDF.type, KG.Agency)))
    graph.set((agency, KG.creditCode, Literal("not-a-code")))


@pytest.mark.parametrize(
    ("damage", "path"),
    [
        (_drop_citing_item, KG.citingItem),
        (_bad_role, KG.role),
        (_span_backwards, KG.spanStart),
        (_citation_of_nothing, KG.citedResource),
        (_orphan_provision, ELI.is_part_of),
        (_bad_credit_code, KG.creditCode),
    ],
    ids=[
        "no-citing-item",
        "bad-role",
        "span-backwards",
        "citation-of-nothing",
        "orphan-provision",
        "bad-credit-code",
    ],
)
def test_damage_is_caught(damage, path: URIRef) -> None:  # type: ignore[no-untyped-def]
    graph = _graph()
    damage(graph)
    report = validate_graph(graph)
    assert not report.conforms
    assert str(path) in {p for _focus, p, _msg in report.violations}


def test_validate_store_reads_every_graph() -> None:
    store = MemoryStore()
    graph = _graph()
    store.replace_graph(iri.graph_iri("甲"), ((s, p, o, iri.graph_iri("甲")) for s, p, o in graph))
    report = validate_store(store)
    assert report.conforms
    assert report.triples == len(graph)


def test_a_reference_without_any_citation_is_caught() -> None:
    graph = _graph()
    reference = _reference(graph)
    _reference_without_citation(graph)
    report = validate_graph(graph)
    assert not report.conforms
    assert str(reference) in {focus for focus, _p, _msg in report.violations}
